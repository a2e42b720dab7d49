"""The views and diagrams on the real 2022 report."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from htmltables import Table, tables
from stand.views import dilemma_flow
from test_views import marks


def links(table: Table) -> set[frozenset[str]]:
    """The marked pairs, whichever list is in the rows."""
    return {frozenset(pair) for pair in marks(table)}


def test_matrix_dilemma_oplossingsrichting_has_every_adresseert_link(
    real_html: Path, real_needs: dict[str, Any]
) -> None:
    html = (real_html / "2022" / "traceerbaarheid.html").read_text(encoding="utf-8")
    dil_or = tables(html, "stand-traceermatrix")[0]
    expected = {
        frozenset((dilemma, need_id))
        for need_id, need in real_needs.items()
        if need["type"] == "oplossingsrichting"
        for dilemma in need["adresseert"]
    }
    assert len(expected) == 14
    assert links(dil_or) == expected
    assert [c.text for c in dil_or.rows[-1]][-1] == "14"
    # The longer list (14 oplossingsrichtingen) in the rows, the 4 dilemmas as columns.
    assert [c.links for c in dil_or.rows[0][1:-1]] == [
        ["DIL_2022_ARBEIDSMARKT"],
        ["DIL_2022_COMPLEXITEIT"],
        ["DIL_2022_FOCUS"],
        ["DIL_2022_SAMENWERKING"],
    ]
    assert len(dil_or.rows) == 14 + 2


def test_matrices_via_raakt_and_coverage(real_html: Path, real_needs: dict[str, Any]) -> None:
    html = (real_html / "2022" / "traceerbaarheid.html").read_text(encoding="utf-8")
    _, dil_hp, or_hp, hp_al = tables(html, "stand-traceermatrix")
    raakt = {frozenset((i, hp)) for i, n in real_needs.items() for hp in n["raakt"]}
    assert links(dil_hp) == {pair for pair in raakt if any(i.startswith("DIL_") for i in pair)}
    assert links(or_hp) == {pair for pair in raakt if any(i.startswith("OR_") for i in pair)}
    assert links(hp_al) == {
        frozenset((hp, i))
        for i, n in real_needs.items()
        if n["type"] == "actielijn"
        for hp in n["valt_onder"]
    }
    (dekking,) = tables(html, "stand-dekking")
    assert [c.text for c in dekking.rows[1]] == [
        "dilemma's met een oplossingsrichting",
        "4/4 (100%)",
        "geen",
    ]
    assert [c.text for c in dekking.rows[4]] == [
        "handelingsperspectieven met een actielijn",
        "6/6 (100%)",
        "geen",
    ]


def test_a_flow_per_dilemma_with_alt_text(real_html: Path, real_needs: dict[str, Any]) -> None:
    html = (real_html / "2022" / "traceerbaarheid.html").read_text(encoding="utf-8")
    images = re.findall(r'<img src="([^"]+\.svg)" alt="([^"]+)"', html)
    dilemmas = sorted(i for i, n in real_needs.items() if n["type"] == "dilemma")
    assert sorted(re.search(r"DIL_2022_\w+", alt)[0] for _, alt in images) == dilemmas  # type: ignore[index]
    for src, _ in images:
        assert (real_html / "2022" / src).resolve().is_file()


def test_dilemma_flow_selects_dilemma_its_solutions_and_touched_perspectives(
    real_needs: dict[str, Any],
) -> None:
    results: list[Any] = []
    dilemma_flow(list(real_needs.values()), results, "DIL_2022_ARBEIDSMARKT")
    assert sorted(n["id"] for n in results) == [
        "DIL_2022_ARBEIDSMARKT",
        "HP_DIGITALE_AGENDA",
        "HP_STATUUR",
        "OR_2022_AFMAKEN",
        "OR_2022_ARBEIDSVOORWAARDEN",
        "OR_2022_REALISTISCHE_AMBITIE",
        "OR_2022_UITBESTEDEN",
    ]


def test_overview_has_a_line_per_dilemma(real_html: Path) -> None:
    html = (real_html / "overzicht" / "index.html").read_text(encoding="utf-8")
    dilemmas = tables(html, "stand-jaarlijnen")[0]
    assert [row[0].links for row in dilemmas.rows[1:]] == [
        ["DIL_2022_ARBEIDSMARKT"],
        ["DIL_2022_COMPLEXITEIT"],
        ["DIL_2022_FOCUS"],
        ["DIL_2022_SAMENWERKING"],
    ]
    assert all("(open)" in row[1].text for row in dilemmas.rows[1:])


def test_a_need_is_a_block_with_dutch_labels_not_a_layout_table(real_html: Path) -> None:
    html = (real_html / "2022" / "dilemmas.html").read_text(encoding="utf-8")
    start = html.index('id="DIL_2022_FOCUS"')
    box = html[start : html.index('<div class="stand-need ', start)]
    assert "<table" not in box
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", box))
    assert "Dilemma Focus: goed en duurzaam DIL_2022_FOCUS" in text
    assert "Status open" in text and "Jaar 2022" in text
    assert "Wordt geadresseerd door OR_2022_GDI_MINDER_VRIJBLIJVEND" in text
    assert re.findall(r'href="#(OR_2022_\w+)"', box) == [
        "OR_2022_GDI_MINDER_VRIJBLIJVEND",
        "OR_2022_HERGEBRUIK",
        "OR_2022_LCM",
        "OR_2022_TOEKOMSTIGE_ONTWIKKELINGEN",
    ]
    later = html[html.index('id="OR_2022_LCM"') :]
    assert "Adresseert" in later[:800] and 'href="#DIL_2022_FOCUS"' in later[:1500]
