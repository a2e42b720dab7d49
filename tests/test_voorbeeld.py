"""The multi-year example (``voorbeelden/meerjarig``, ``make voorbeeld``): a fictional
organisation with three report years, built as its writers would, with ``stand bouw``.

Every feature across years must be visible where a reader looks: a merge, a split and
a line that stops in the overviews, an erratum of a published year on its page and in
that year's PDF.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import stand
from htmltables import Table, tables
from stand import freeze
from test_site import nu_errors, site_pages, where

REPO = Path(__file__).resolve().parent.parent
VOORBEELD = REPO / "voorbeelden" / "meerjarig"
YEARS = ("2023", "2024", "2025")
ORGANISATIE_SLUG = "dienst-voorbeeldzaken"
ERRATUM_ID = "OR_2023_DIGITAAL_FORMULIER"


@pytest.fixture(scope="module")
def voorbeeld(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example published once, from its own folder, as ``make voorbeeld`` does."""
    out = tmp_path_factory.mktemp("voorbeeld")
    proc = stand(VOORBEELD, "bouw", "--uit", str(out))
    # stand bouw builds with -W --keep-going: any warning fails it.
    assert proc.returncode == 0, proc.stderr
    assert "WARNING" not in proc.stderr and "WAARSCHUWING" not in proc.stderr, proc.stderr
    return out


def html(out: Path, page: str) -> str:
    return (out / "html" / page).read_text(encoding="utf-8")


def pdf_text(path: Path) -> str:
    result = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(result.stdout.split())


def letters(text: str) -> str:
    """Text without spaces and hyphens: the PDF hyphenates Dutch words at line ends."""
    return re.sub("[\\s\\-\u2010\u00ad]", "", text)


def test_make_voorbeeld_builds_the_example_with_stand_bouw() -> None:
    dry = subprocess.run(
        ["make", "-n", "voorbeeld"], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert "cd voorbeelden/meerjarig && ../../.venv/bin/stand bouw --uit _build" in dry.stdout


def test_the_example_is_laid_out_like_a_stand_repository() -> None:
    assert (VOORBEELD / "conf.py").is_file()
    assert sorted(p.name for p in (VOORBEELD / "docs").iterdir() if p.name[:2] == "20") == list(
        YEARS
    )
    conf = (VOORBEELD / "conf.py").read_text(encoding="utf-8")
    assert 'stand_organisatie = "Dienst Voorbeeldzaken"' in conf


def test_a_pdf_per_year(voorbeeld: Path) -> None:
    for year in YEARS:
        name = f"stand-van-{ORGANISATIE_SLUG}-{year}.pdf"
        for folder in (voorbeeld / "pdf", voorbeeld / "html" / "downloads"):
            pdf = folder / name
            assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF"), pdf
        title = letters(f"Stand van Dienst Voorbeeldzaken {year}")
        assert title in letters(pdf_text(voorbeeld / "pdf" / name))


def row_of(table: Table, line: str) -> list[Any]:
    """The cells of the row of lineage ``line`` (its first column links to it)."""
    rows = [row for row in table.rows if row and line in row[0].links]
    assert len(rows) == 1, (line, table.texts())
    return rows[0]


def lineages(voorbeeld: Path) -> dict[str, Table]:
    found = tables(html(voorbeeld, "overzicht/index.html"), "stand-jaarlijnen")
    assert [t.caption.split(" (")[0] for t in found] == [
        "Jaarlijnen van dilemma's",
        "Jaarlijnen van oplossingsrichtingen",
        "Jaarlijnen van actielijnen",
    ]
    return {"dilemma": found[0], "oplossingsrichting": found[1], "actielijn": found[2]}


def test_a_merge_in_the_overview(voorbeeld: Path) -> None:
    dilemmas = lineages(voorbeeld)["dilemma"]
    # The merged dilemma carries the line of its earliest predecessor (smallest ID).
    row = row_of(dilemmas, "DIL_2023_PERSONEEL")
    cell_2024 = row[2]
    assert "samengevoegd uit" in cell_2024.text
    assert {"DIL_2024_CAPACITEIT", "DIL_2023_PERSONEEL", "DIL_2023_WACHTTIJD"} <= set(
        cell_2024.links
    )
    assert "DIL_2025_CAPACITEIT" in row[3].links
    # The other predecessor's line says where it went.
    other = row_of(dilemmas, "DIL_2023_WACHTTIJD")
    assert "opgegaan in" in other[1].text and "DIL_2024_CAPACITEIT" in other[1].links


def test_a_split_in_the_overview(voorbeeld: Path) -> None:
    row = row_of(lineages(voorbeeld)["dilemma"], "DIL_2023_LOKETTEN")
    cell_2024 = row[2]
    assert cell_2024.text.count("gesplitst uit") == 2
    assert {"DIL_2024_LOKET_DIGITAAL", "DIL_2024_LOKET_FYSIEK"} <= set(cell_2024.links)
    assert {"DIL_2025_LOKET_DIGITAAL", "DIL_2025_LOKET_FYSIEK"} <= set(row[3].links)


def test_lines_that_stop_in_the_overview(voorbeeld: Path) -> None:
    found = lineages(voorbeeld)
    # No need carries either line after 2023; the next year says how it ended: the
    # solved dilemma ended, the actielijn stopped while it still ran.
    for kind, line, stopped in (
        ("dilemma", "DIL_2023_FORMULIEREN", False),
        ("actielijn", "AL_2023_OPLEIDING", True),
    ):
        row = row_of(found[kind], line)
        assert row[1].links and not [link for cell in row[2:] for link in cell.links], row
        assert "2023" in row[2].text and ("gestopt" in row[2].text) == stopped, row[2]
    page = html(voorbeeld, "overzicht/index.html")
    # The year difference lists them as not continued.
    diff = page[page.index("Niet voortgezet na 2023") : page.index("Nieuw in 2025")]
    for need_id in ("DIL_2023_FORMULIEREN", "OR_2023_DIGITAAL_FORMULIER", "AL_2023_OPLEIDING"):
        assert f"#{need_id}" in diff, need_id


def test_the_published_years_were_frozen_by_stand_publiceer() -> None:
    for year in ("2023", "2024"):
        path = freeze.freeze_path(VOORBEELD / "docs", year)
        text = path.read_text(encoding="utf-8")
        published = freeze.parse(text)
        assert text == freeze.dump(published)  # exactly as the command writes it
        assert published.jaar == year and published.needs
        assert all(need_id.split("_")[1] == year for need_id in published.needs)
    assert not freeze.freeze_path(VOORBEELD / "docs", "2025").exists()
    erratum = freeze.parse(
        freeze.freeze_path(VOORBEELD / "docs", "2023").read_text(encoding="utf-8")
    ).errata
    assert [(e.id, e.onderdelen) for e in erratum] == [(ERRATUM_ID, ("tekst",))]


def erratum_text() -> tuple[str, str]:
    path = freeze.freeze_path(VOORBEELD / "docs", "2023")
    (entry,) = json.loads(path.read_text(encoding="utf-8"))["errata"]
    return f"Erratum ({entry['datum']})", str(entry["uitleg"])


def test_the_erratum_on_the_site(voorbeeld: Path) -> None:
    title, uitleg = erratum_text()
    page = html(voorbeeld, "2023/dilemmas.html")
    (box,) = re.findall(
        rf'<div class="[^"]*\b{freeze.ERRATUM_CLASS}\b[^"]*">(.*?)</div>', page, re.S
    )
    assert title in box and uitleg in box
    # Right after the need it corrects, and only there.
    assert page.index(f'id="{ERRATUM_ID}"') < page.index(freeze.ERRATUM_CLASS)
    for year in ("2024", "2025"):
        assert freeze.ERRATUM_CLASS not in html(voorbeeld, f"{year}/dilemmas.html")


def test_the_erratum_in_the_years_pdf(voorbeeld: Path) -> None:
    title, uitleg = erratum_text()
    text = pdf_text(voorbeeld / "pdf" / f"stand-van-{ORGANISATIE_SLUG}-2023.pdf")
    assert title in text and letters(uitleg) in letters(text)
    later = pdf_text(voorbeeld / "pdf" / f"stand-van-{ORGANISATIE_SLUG}-2024.pdf")
    assert "Erratum" not in later


def test_the_example_is_valid_html(voorbeeld: Path) -> None:
    """Its views show what the real report cannot yet: merges, splits, year differences."""
    pages = site_pages(voorbeeld / "html")
    errors = [f"{where(m, voorbeeld / 'html')}: {m['message']}" for m in nu_errors(pages)]
    assert not errors, "\n".join(errors)
