"""The needs as a table, for people who work in spreadsheets (``stand exporteer``).

One row per need, sorted by ID; links are ID lists joined with ", ". The CSV is
what Dutch Excel opens by double-click (``;`` between fields, UTF-8 with BOM); the
workbook has one sheet per need type and per year a sheet of the dilemmas with
the oplossingsrichtingen that address them (one row per dilemma: linear in the
links, where a grid would grow with dilemmas × oplossingsrichtingen).

Both are byte-for-byte the same for the same sources. The workbook's dates (its
"created" and "modified", and the time of every part in the zip) are when the
sources last changed (``source_date``), never the clock.

Every cell stays text, also one a spreadsheet would read as a formula (starting
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return; OWASP "CSV
Injection"): in the CSV such a value gets a single quote in front, which Excel and
LibreOffice show as "this is text"; in the workbook it is a string cell marked
``quotePrefix``, the value itself unchanged.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import zipfile
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.writer.excel import ExcelWriter

from . import freeze
from .build import records
from .config import LINKS, NEED_TYPES
from .model import matrix, years_of

#: The workbook's date when nothing tells when the sources changed.
FALLBACK_TIME = datetime(2000, 1, 1)
_ZIP_EPOCH = datetime(1980, 1, 1)  # the earliest time a zip entry can carry
#: What a spreadsheet evaluates at the start of a cell (OWASP "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

SHEET_NAMES = {
    "handelingsperspectief": "Handelingsperspectieven",
    "actielijn": "Actielijnen",
    "dilemma": "Dilemma's",
    "oplossingsrichting": "Oplossingsrichtingen",
}


def source_date(root: Path) -> datetime:
    """When the sources last changed (UTC, naive as openpyxl writes it); never the clock.

    ``SOURCE_DATE_EPOCH`` when set (the reproducible-builds convention); else the
    time of the last git commit; else, outside git (an unpacked copy), the latest
    publication or erratum date in ``docs/<jaar>/gepubliceerd.json``; else
    ``FALLBACK_TIME``. So two builds of one commit get the same date.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None:
        try:
            return datetime.fromtimestamp(int(epoch), UTC).replace(tzinfo=None)
        except (ValueError, OverflowError, OSError):
            raise ValueError(
                f"SOURCE_DATE_EPOCH={epoch!r} is geen tijdstip; geef seconden sinds 1970, "
                "bijvoorbeeld de uitvoer van: git log -1 --format=%ct"
            ) from None
    return _commit_date(root) or _publication_date(root / "docs") or FALLBACK_TIME


def _commit_date(root: Path) -> datetime | None:
    try:
        proc = subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:  # no git on this machine
        return None
    value = proc.stdout.strip()
    if proc.returncode != 0 or not value.isdigit():
        return None  # not in a git repository, or one without commits
    return datetime.fromtimestamp(int(value), UTC).replace(tzinfo=None)


def _publication_date(docs: Path) -> datetime | None:
    dates: list[str] = []
    for jaar in freeze.published_years(docs):
        record = freeze.read_freeze(docs, jaar)  # a broken one is a build warning
        if record is not None:
            dates += [record.gepubliceerd, *(e.datum for e in record.errata)]
    return datetime.fromisoformat(max(dates)) if dates else None


def needs_of(needs_json: bytes) -> dict[str, Any]:
    """The needs of a ``needs.json`` as sphinx-needs writes it (its current version)."""
    data = json.loads(needs_json)
    needs: dict[str, Any] = data["versions"][data["current_version"]]["needs"]
    return needs


def is_formula_like(value: str) -> bool:
    """Whether a spreadsheet would evaluate this text instead of showing it."""
    return value.startswith(FORMULA_STARTS)


def csv_cell(value: str) -> str:
    """The value as a CSV cell that stays text: a single quote before a formula-like one."""
    return f"'{value}" if is_formula_like(value) else value


def columns() -> list[str]:
    """Column headers; the link columns use the options' names and their Dutch back labels."""
    return [
        "id",
        "type",
        "jaar",
        "status",
        "titel",
        "organisatie",
        "lijn",
        *(link.name for link in LINKS),
        *(link.incoming for link in LINKS),
        "tags",
        "bestand",
        "regel",
        "tekst",
    ]


def _ids(values: Any) -> str:
    return ", ".join(str(v) for v in values or [])


def _source(need: Mapping[str, Any]) -> str:
    if not need.get("docname"):
        return ""
    return f"docs/{need['docname']}{need.get('doctype') or ''}"


def row(need: Mapping[str, Any]) -> dict[str, str]:
    values = {
        "id": need["id"],
        "type": need["type"],
        "jaar": need.get("jaar") or "",
        "status": need.get("status") or "",
        "titel": need["title"],
        "organisatie": need.get("organisatie") or "",
        "lijn": need.get("lijn") or "",
        **{link.name: _ids(need.get(link.name)) for link in LINKS},
        **{link.incoming: _ids(need.get(f"{link.name}_back")) for link in LINKS},
        "tags": _ids(need.get("tags")),
        "bestand": _source(need),
        "regel": str(need.get("lineno") or ""),
        "tekst": need.get("content") or "",
    }
    return {key: str(value) for key, value in values.items()}


def rows(needs: Mapping[str, Mapping[str, Any]]) -> list[dict[str, str]]:
    return [row(needs[need_id]) for need_id in sorted(needs)]


def to_csv(needs: Mapping[str, Mapping[str, Any]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=columns(), delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({k: csv_cell(v) for k, v in r.items()} for r in rows(needs))
    return buffer.getvalue().encode("utf-8-sig")


def _text(value: str) -> str:
    return str(ILLEGAL_CHARACTERS_RE.sub("", value))


def _row(sheet: Any, values: list[str], bold: bool = False) -> list[Any]:
    """A row for a write-only sheet: no cell for an empty value, text kept as text.

    openpyxl would store "=..." as a formula and "#N/A" as an error: such a value
    gets a cell of type text, and a formula-like one Excel's quote prefix too, so
    it stays text when the cell is edited.
    """
    cells: list[Any] = []
    for value in values:
        text = _text(value)
        if not text:
            cells.append(None)
        elif bold or text.startswith(("=", "#")) or is_formula_like(text):
            cell = WriteOnlyCell(sheet, value=text)
            cell.data_type = "s"
            cell.quotePrefix = is_formula_like(text)
            if bold:
                cell.font = Font(bold=True)
            cells.append(cell)
        else:
            cells.append(text)
    return cells


def _fill(sheet: Any, header: list[str], body: Iterable[list[str]], frozen: str = "B2") -> None:
    """Rows streamed to the file (openpyxl's write-only mode): memory stays flat."""
    sheet.freeze_panes = frozen
    sheet.append(_row(sheet, header, bold=True))
    for values in body:
        sheet.append(_row(sheet, values))


def to_xlsx(needs: Mapping[str, Mapping[str, Any]], moment: datetime = FALLBACK_TIME) -> bytes:
    """The workbook; ``moment`` is its date, normally ``source_date(root)``."""
    book = Workbook(write_only=True)
    header = columns()
    table = rows(needs)
    for spec in NEED_TYPES:
        sheet = book.create_sheet(SHEET_NAMES[spec.directive])
        _fill(sheet, header, [[r[c] for c in header] for r in table if r["type"] == spec.directive])
    model = records(needs)
    for year in years_of(model, "dilemma"):
        grid = matrix(model, "dilemma", "oplossingsrichting", year)
        sheet = book.create_sheet(f"Matrix {year}")
        _fill(
            sheet,
            ["dilemma", "titel", "geadresseerd door (oplossingsrichtingen)", "aantal"],
            (
                [r.id, r.title, ", ".join(linked := grid.links.get(r.id, [])), str(len(linked))]
                for r in grid.rows
            ),
            frozen="C2",
        )
    book.properties.creator = "stand"
    book.properties.created = moment
    book.properties.modified = moment
    return _save(book, moment)


def _save(book: Workbook, moment: datetime) -> bytes:
    """Save without openpyxl's "modified = now", then give every zip entry the same time."""
    zip_time = max(moment, _ZIP_EPOCH).timetuple()[:6]
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()
    fixed = io.BytesIO()
    with (
        zipfile.ZipFile(raw) as source,
        zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=zip_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3  # as written on Unix, also when written on Windows
            target.writestr(entry, source.read(info.filename))
    return fixed.getvalue()
