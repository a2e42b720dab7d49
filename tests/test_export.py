"""``stand exporteer``: the needs as CSV, Excel and JSON, the same bytes every run."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from conftest import REPO, stand
from stand import freeze
from stand.export import FALLBACK_TIME, columns, source_date, to_csv, to_xlsx
from test_cli import copy_repo


def fake(need_id: str, need_type: str, **fields: Any) -> dict[str, Any]:
    need: dict[str, Any] = {
        "id": need_id,
        "type": need_type,
        "jaar": need_id.split("_")[1] if not need_id.startswith("HP_") else None,
        "status": None,
        "title": f"Titel van {need_id}",
        "content": f"Tekst van {need_id}.",
        "docname": "2031/index",
        "doctype": ".md",
        "lineno": 3,
        "lijn": need_id,
        "organisatie": "Logius",
        "tags": [],
    }
    for link in ("adresseert", "valt_onder", "vervolg_op", "raakt"):
        need[link] = []
        need[f"{link}_back"] = []
    need.update(fields)
    return need


NEEDS = {
    "HP_A": fake("HP_A", "handelingsperspectief", docname="referentie/index"),
    "DIL_2031_B": fake("DIL_2031_B", "dilemma", status="open", adresseert_back=["OR_2031_Y"]),
    "DIL_2031_A": fake("DIL_2031_A", "dilemma", status="open", raakt=["HP_A"]),
    "OR_2031_X": fake("OR_2031_X", "oplossingsrichting", adresseert=["DIL_2031_A"]),
    "OR_2031_Y": fake(
        "OR_2031_Y", "oplossingsrichting", adresseert=["DIL_2031_B", "DIL_2031_A"],
        content="=SOM(1;2) is tekst, geen formule.",
    ),
    "DIL_2032_A": fake("DIL_2032_A", "dilemma", vervolg_op=["DIL_2031_A"], lijn="DIL_2031_A"),
}  # fmt: skip


def test_csv_has_a_row_per_need_with_links_as_lists() -> None:
    data = to_csv(NEEDS)
    assert data.startswith("\ufeff".encode())  # so Excel reads UTF-8
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert [r["id"] for r in rows] == sorted(NEEDS)
    assert list(rows[0]) == columns()
    y = next(r for r in rows if r["id"] == "OR_2031_Y")
    assert y["adresseert"] == "DIL_2031_B, DIL_2031_A"
    assert (y["type"], y["jaar"], y["status"]) == ("oplossingsrichting", "2031", "")
    assert y["titel"] == "Titel van OR_2031_Y"
    assert y["bestand"] == "docs/2031/index.md" and y["regel"] == "3"
    b = next(r for r in rows if r["id"] == "DIL_2031_B")
    assert b["wordt geadresseerd door"] == "OR_2031_Y"
    assert next(r for r in rows if r["id"] == "HP_A")["jaar"] == ""


def test_workbook_has_a_sheet_per_type_and_a_matrix_per_year() -> None:
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(NEEDS)))
    assert book.sheetnames == [
        "Handelingsperspectieven",
        "Actielijnen",
        "Dilemma's",
        "Oplossingsrichtingen",
        "Matrix 2031",
        "Matrix 2032",
    ]
    dilemmas = [[c.value for c in row] for row in book["Dilemma's"].iter_rows()]
    assert dilemmas[0] == columns()
    assert [row[0] for row in dilemmas[1:]] == ["DIL_2031_A", "DIL_2031_B", "DIL_2032_A"]
    assert book["Actielijnen"].max_row == 1  # the header only
    formula = book["Oplossingsrichtingen"]["S3"]
    assert (formula.value, formula.data_type) == ("=SOM(1;2) is tekst, geen formule.", "s")

    grid = [[c.value or "" for c in row] for row in book["Matrix 2031"].iter_rows()]
    # One row per dilemma with the links it has: linear, no grid of empty cells.
    assert grid == [
        ["dilemma", "titel", "geadresseerd door (oplossingsrichtingen)", "aantal"],
        ["DIL_2031_A", "Titel van DIL_2031_A", "OR_2031_X, OR_2031_Y", "2"],
        ["DIL_2031_B", "Titel van DIL_2031_B", "OR_2031_Y", "1"],
    ]
    assert book.properties.created == book.properties.modified == FALLBACK_TIME


def test_exports_are_the_same_bytes_every_run() -> None:
    first = to_xlsx(NEEDS)
    assert to_xlsx(dict(reversed(NEEDS.items()))) == first
    assert to_csv(dict(reversed(NEEDS.items()))) == to_csv(NEEDS)
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert str(datetime.now().year) not in core


def test_the_workbook_is_dated_by_its_sources_not_by_the_clock() -> None:
    moment = datetime(2023, 5, 17, 14, 30, 2)
    book = to_xlsx(NEEDS, moment)
    properties = openpyxl.load_workbook(io.BytesIO(book)).properties
    assert properties.created == properties.modified == moment
    with zipfile.ZipFile(io.BytesIO(book)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2023, 5, 17, 14, 30, 2)}
    # A zip entry cannot be older than 1980: the parts get that, the properties the moment.
    with zipfile.ZipFile(io.BytesIO(to_xlsx(NEEDS, datetime(1970, 1, 1)))) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_source_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = tmp_path / "repo"
    (root / "docs" / "2022").mkdir(parents=True)
    assert source_date(root) == FALLBACK_TIME  # no git, nothing published

    published = freeze.Freeze(
        "2022",
        "2023-04-01",
        {},
        (freeze.Erratum("DIL_2022_A", "2023-06-30", "Tikfout.", ("titel",)),),
    )
    (root / "docs" / "2022" / "gepubliceerd.json").write_text(freeze.dump(published))
    (root / "docs" / "2021").mkdir()
    (root / "docs" / "2021" / "gepubliceerd.json").write_text(
        freeze.dump(freeze.Freeze("2021", "2022-04-01", {}))
    )
    assert source_date(root) == datetime(2023, 6, 30)  # the latest publication or erratum

    git = ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    when = {"GIT_COMMITTER_DATE": "2024-02-03T04:05:06Z", "GIT_AUTHOR_DATE": "2001-01-01T00:00Z"}
    subprocess.run([*git, "commit", "-q", "-m", "x"], check=True, env={**os.environ, **when})
    assert source_date(root) == datetime(2024, 2, 3, 4, 5, 6)  # the commit, in UTC

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert source_date(root) == datetime(2023, 11, 14, 22, 13, 20)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "gisteren")
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH='gisteren' is geen tijdstip"):
        source_date(root)


# Every start a spreadsheet evaluates, and two that it does not.
RISKY = ["=SOM(1;2)", "+31 70 888 7 888", "-1", "@SUM(A1)", "\tTab", "\rRegel", "#N/A"]


def test_cells_a_spreadsheet_would_evaluate_stay_text() -> None:
    needs = {
        f"DIL_2031_{i}": fake(f"DIL_2031_{i}", "dilemma", title=title, content=f"{title} tekst")
        for i, title in enumerate(RISKY)
    }
    rows = list(csv.DictReader(io.StringIO(to_csv(needs).decode("utf-8-sig")), delimiter=";"))
    assert [r["titel"] for r in rows] == [
        "'=SOM(1;2)",
        "'+31 70 888 7 888",
        "'-1",
        "'@SUM(A1)",
        "'\tTab",
        "'\rRegel",
        "#N/A",
    ]
    assert rows[0]["tekst"] == "'=SOM(1;2) tekst"
    assert rows[0]["regel"] == "3"

    book = to_xlsx(needs)
    sheet = openpyxl.load_workbook(io.BytesIO(book))["Dilemma's"]
    titles = [row[4] for row in sheet.iter_rows(min_row=2)]
    assert [c.value for c in titles] == RISKY  # the value itself unchanged
    # Text only (openpyxl reads string cells back as "s" or "inlineStr"), no formula or error.
    # (An empty value has no cell at all: openpyxl reads it back as None, type "n".)
    written = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert {c.data_type for c in written} <= {"s", "inlineStr"}
    with zipfile.ZipFile(io.BytesIO(book)) as archive:
        xml = archive.read("xl/worksheets/sheet3.xml").decode()
    assert "<f>" not in xml and 't="e"' not in xml
    assert [c.quotePrefix for c in titles] == [True] * 6 + [False]
    assert sheet["A2"].quotePrefix is False


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The three exports of a copy of the real repository, and the xlsx made twice."""
    tmp = tmp_path_factory.mktemp("export")
    repo = copy_repo(tmp)
    results: dict[str, Any] = {}
    for formaat, name in (("csv", "uit/needs.csv"), ("json", "needs.json"), ("xlsx", "a.xlsx")):
        proc = stand(repo, "exporteer", "--formaat", formaat, "--uit", name)
        assert proc.returncode == 0, proc.stderr
        results[formaat] = (repo / name).read_bytes()
    again = stand(repo / "docs", "exporteer", "--formaat", "xlsx", "--uit", str(tmp / "b.xlsx"))
    assert again.returncode == 0, again.stderr
    results["xlsx again"] = (tmp / "b.xlsx").read_bytes()
    results["leftovers"] = sorted(p.name for p in repo.rglob("*.tmp"))
    results["to a folder"] = stand(repo, "exporteer", "--formaat", "csv", "--uit", "docs")
    return results


def test_real_exports(exports: dict[str, Any]) -> None:
    data = json.loads(exports["json"])
    needs = data["versions"][data["current_version"]]["needs"]
    assert len(needs) >= 32
    assert needs["DIL_2022_FOCUS"]["adresseert_back"][0].startswith("OR_2022_")

    rows = list(csv.DictReader(io.StringIO(exports["csv"].decode("utf-8-sig")), delimiter=";"))
    assert [r["id"] for r in rows] == sorted(needs)
    lcm = next(r for r in rows if r["id"] == "OR_2022_LCM")
    assert {k: lcm[k] for k in ("type", "jaar", "status", "titel", "adresseert")} == {
        "type": "oplossingsrichting",
        "jaar": "2022",
        "status": "voorgesteld",
        "titel": "Life Cycle Management (LCM)",
        "adresseert": "DIL_2022_FOCUS",
    }

    assert exports["xlsx"] == exports["xlsx again"]
    book = openpyxl.load_workbook(io.BytesIO(exports["xlsx"]))
    assert "Matrix 2022" in book.sheetnames
    matrix = book["Matrix 2022"]
    assert matrix.max_row - 1 == sum(n["type"] == "dilemma" for n in needs.values())
    assert exports["leftovers"] == []

    folder = exports["to a folder"]
    assert folder.returncode == 2 and "is een map" in folder.stderr


def publish(repo: Path, out: Path) -> dict[str, bytes]:
    """What make docs publishes as open data: the site's needs.json, the CSV and the XLSX."""
    site = out / "html"
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going", "-q", "-E"]
    proc = subprocess.run(
        [*command, "-c", str(repo), str(repo / "docs"), str(site)],
        capture_output=True,
        text=True,
        cwd=repo,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    for formaat in ("csv", "xlsx"):
        target = site / "downloads" / f"stand-van-logius.{formaat}"
        proc = stand(repo, "exporteer", "--formaat", formaat, "--uit", str(target))
        assert proc.returncode == 0, proc.stderr
    published = [site / "needs.json", *sorted((site / "downloads").iterdir())]
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in published} | {
        f"mode {p.relative_to(site).as_posix()}": oct(p.stat().st_mode & 0o777).encode()
        for p in published
    }


def test_two_clean_builds_publish_the_same_bytes(tmp_path: Path) -> None:
    """Two copies of the repository in different places, built from scratch (umask 022)."""
    (tmp_path / "een").mkdir()
    (tmp_path / "twee" / "elders").mkdir(parents=True)
    old_umask = os.umask(0o022)
    try:
        first = publish(copy_repo(tmp_path / "een"), tmp_path / "een" / "_build")
        second = publish(copy_repo(tmp_path / "twee" / "elders"), tmp_path / "twee" / "b")
    finally:
        os.umask(old_umask)
    assert sorted(first) == [
        "downloads/stand-van-logius.csv",
        "downloads/stand-van-logius.xlsx",
        "mode downloads/stand-van-logius.csv",
        "mode downloads/stand-van-logius.xlsx",
        "mode needs.json",
        "needs.json",
    ]
    assert {name: data for name, data in first.items() if name.startswith("mode ")} == {
        f"mode {name}": b"0o644" for name in first if not name.startswith("mode ")
    }
    for name in first:
        assert first[name] == second[name], f"{name} differs between two clean builds"

    # No temporary or local path in what is published, also not inside the workbook.
    texts = [first["needs.json"], first["downloads/stand-van-logius.csv"]]
    with zipfile.ZipFile(io.BytesIO(first["downloads/stand-van-logius.xlsx"])) as archive:
        texts += [archive.read(name) for name in archive.namelist()]
    for text in texts:
        for local in (str(tmp_path), "stand-bouw-", "/tmp/", str(REPO)):
            assert local.encode() not in text
