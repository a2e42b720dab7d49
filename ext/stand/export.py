"""The needs as a table, for people who work in spreadsheets (``stand exporteer``).

One row per need, sorted by ID; links are ID lists joined with ", ". The CSV is
what Dutch Excel opens by double-click (``;`` between fields, UTF-8 with BOM); the
workbook has one sheet per need type and a dilemma × oplossingsrichting matrix
per year. Both are byte-for-byte the same for the same needs: no timestamps.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from .build import to_record
from .config import LINKS, NEED_TYPES
from .model import matrix, years_of

# A fixed moment for the workbook's "created" and "modified", so two runs are identical.
FIXED_TIME = datetime(2000, 1, 1)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

SHEET_NAMES = {
    "handelingsperspectief": "Handelingsperspectieven",
    "actielijn": "Actielijnen",
    "dilemma": "Dilemma's",
    "oplossingsrichting": "Oplossingsrichtingen",
}


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
    writer.writerows(rows(needs))
    return buffer.getvalue().encode("utf-8-sig")


def _text(value: str) -> str:
    return str(ILLEGAL_CHARACTERS_RE.sub("", value))


def _fill(sheet: Worksheet, header: list[str], body: list[list[str]]) -> None:
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for values in body:
        sheet.append([_text(v) for v in values])
        for cell in sheet[sheet.max_row]:
            # A text starting with "=" is text here, not a formula.
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
    sheet.freeze_panes = "B2"


def to_xlsx(needs: Mapping[str, Mapping[str, Any]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    header = columns()
    table = rows(needs)
    for spec in NEED_TYPES:
        sheet = book.create_sheet(SHEET_NAMES[spec.directive])
        _fill(sheet, header, [[r[c] for c in header] for r in table if r["type"] == spec.directive])
    model = {need_id: to_record(needs[need_id]) for need_id in sorted(needs)}
    for year in years_of(model, "dilemma"):
        grid = matrix(model, "dilemma", "oplossingsrichting", year)
        sheet = book.create_sheet(f"Matrix {year}")
        _fill(
            sheet,
            ["dilemma \\ oplossingsrichting", "titel", *(c.id for c in grid.columns)],
            [
                [r.id, r.title, *("x" if (r.id, c.id) in grid.marks else "" for c in grid.columns)]
                for r in grid.rows
            ],
        )
        sheet.freeze_panes = "C2"
    book.properties.creator = "stand"
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    return _save(book)


def _save(book: Workbook) -> bytes:
    """Save without openpyxl's "modified = now", then give every zip entry one fixed time."""
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).save()
    fixed = io.BytesIO()
    with (
        zipfile.ZipFile(raw) as source,
        zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return fixed.getvalue()
