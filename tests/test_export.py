"""``stand exporteer``: the needs as CSV, Excel and JSON, the same bytes every run."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import datetime
from typing import Any

import openpyxl
import pytest
from stand.export import FIXED_TIME, columns, to_csv, to_xlsx
from test_cli import copy_repo, stand


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
    assert grid == [
        ["dilemma \\ oplossingsrichting", "titel", "OR_2031_X", "OR_2031_Y"],
        ["DIL_2031_A", "Titel van DIL_2031_A", "x", "x"],
        ["DIL_2031_B", "Titel van DIL_2031_B", "", "x"],
    ]
    assert book.properties.created == book.properties.modified == FIXED_TIME


def test_exports_are_the_same_bytes_every_run() -> None:
    first = to_xlsx(NEEDS)
    assert to_xlsx(dict(reversed(NEEDS.items()))) == first
    assert to_csv(dict(reversed(NEEDS.items()))) == to_csv(NEEDS)
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert str(datetime.now().year) not in core


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
