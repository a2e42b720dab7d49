"""The diagram per dilemma (``dilemmaschema``): labels, font, boxes, alt text, links."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from fontTools.ttLib import TTFont
from sphinx.util.console import strip_escape_sequences
from stand import newyear
from stand.flows import GraphvizFout, flow_dot, render_svg, wrap
from stand.model import Record

SVG = "{http://www.w3.org/2000/svg}"
FONTS = Path("/usr/share/fonts/truetype/dejavu")
TITLES = {
    "DIL_2022_COMPLEXITEIT": "Complexiteit versus aantrekkelijkheid in eenvoud",
    "DIL_2022_WOORD": "Arbeidsmarktkrapteaantrekkelijkheidsvraagstukken",
    "OR_2022_WENDBARE_WETGEVING_EN_REALISTISCHE_AMBITIE": (
        "Wendbare wetgeving & een “realistische” <ambitie> voor de uitvoeringsorganisaties"
    ),
    "OR_2022_AFMAKEN": "Afmaken",
    "HP_WERKGEVER": "Aantrekkelijkheid van de rijksoverheid als werkgever",
    "HP_WET": "Wetgeving",
}
MEMBERS = {
    "DIL_2022_COMPLEXITEIT": {
        "DIL_2022_COMPLEXITEIT",
        "OR_2022_WENDBARE_WETGEVING_EN_REALISTISCHE_AMBITIE",
        "OR_2022_AFMAKEN",
        "HP_WERKGEVER",
        "HP_WET",
    },
    "DIL_2022_WOORD": {
        "DIL_2022_WOORD",
        "OR_2022_WENDBARE_WETGEVING_EN_REALISTISCHE_AMBITIE",
        "HP_WET",
    },
}


def build(app: Any, warning: Any) -> Path:
    app.build()
    assert strip_escape_sequences(warning.getvalue()) == ""
    return Path(app.outdir)


@pytest.fixture
def flows(app: Any, warning: Any) -> Path:
    return build(app, warning)


def images(outdir: Path) -> dict[str, str]:
    """alt text → src of every diagram on the page, in page order."""
    page = (outdir / "2022" / "schemas.html").read_text(encoding="utf-8")
    return dict(
        (alt, src)
        for src, alt in re.findall(
            r'<div class="stand-flow"><img src="([^"]+)" alt="([^"]+)"', page
        )
    )


def svg_of(outdir: Path, dilemma: str) -> ET.Element:
    (src,) = [s for alt, s in images(outdir).items() if dilemma in alt]
    return ET.parse(outdir / "2022" / src).getroot()


def text_width(text: str, size: float, bold: bool) -> float:
    font = TTFont(FONTS / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"))
    cmap, metrics = font.getBestCmap(), font["hmtx"]
    units = sum(metrics[cmap[ord(c)]][0] for c in text)
    return float(units) / font["head"].unitsPerEm * size


def shape_bounds(group: ET.Element) -> tuple[float, float, float, float]:
    """The innermost outline of a node: (left, top, right, bottom)."""
    found = []
    for shape in [*group.iter(f"{SVG}polygon"), *group.iter(f"{SVG}path")]:
        numbers = [
            float(n) for n in re.findall(r"-?[\d.]+", shape.get("points") or shape.get("d", ""))
        ]
        xs, ys = numbers[0::2], numbers[1::2]
        found.append((min(xs), min(ys), max(xs), max(ys)))
    return min(found, key=lambda b: b[2] - b[0])


def nodes_of(svg: ET.Element) -> dict[str, ET.Element]:
    return {
        g.findtext(f"{SVG}title", ""): g for g in svg.iter(f"{SVG}g") if g.get("class") == "node"
    }


@pytest.mark.sphinx("html", testroot="flows", freshenv=True)
def test_each_flow_shows_the_dilemma_its_solutions_and_their_perspectives(flows: Path) -> None:
    for dilemma, members in MEMBERS.items():
        assert set(nodes_of(svg_of(flows, dilemma))) == members


@pytest.mark.sphinx("html", testroot="flows", freshenv=True)
def test_labels_wrap_between_words_only(flows: Path) -> None:
    for dilemma in MEMBERS:
        for need_id, group in nodes_of(svg_of(flows, dilemma)).items():
            texts = list(group.iter(f"{SVG}text"))
            title_lines = [t.text or "" for t in texts if t.get("font-weight") == "bold"]
            # Joined with one space, the lines give the title back: no word was split.
            assert " ".join(title_lines) == TITLES[need_id], need_id
            assert all(len(line) <= 24 or " " not in line for line in title_lines)
            assert [t.text for t in texts if t.get("font-weight") != "bold"][-1] == need_id


@pytest.mark.sphinx("html", testroot="flows", freshenv=True)
def test_labels_are_in_dejavu_sans_inside_their_boxes(flows: Path) -> None:
    for dilemma in MEMBERS:
        svg = svg_of(flows, dilemma)
        assert {t.get("font-family") for t in svg.iter(f"{SVG}text")} == {"DejaVu Sans,sans-serif"}
        for need_id, group in nodes_of(svg).items():
            left, top, right, bottom = shape_bounds(group)
            for text in group.iter(f"{SVG}text"):
                size = float(text.get("font-size", "0"))
                width = text_width(text.text or "", size, text.get("font-weight") == "bold")
                x, y = float(text.get("x", "0")), float(text.get("y", "0"))
                start = {"start": x, "middle": x - width / 2, "end": x - width}[
                    text.get("text-anchor", "start")
                ]
                assert left < start and start + width < right, (need_id, text.text)
                assert top < y - 0.75 * size and y < bottom, (need_id, text.text)


@pytest.mark.sphinx("html", testroot="flows", freshenv=True)
def test_an_image_with_alt_text_and_links_in_words(flows: Path) -> None:
    page = (flows / "2022" / "schemas.html").read_text(encoding="utf-8")
    assert list(images(flows)) == [
        "Schema van dilemma DIL_2022_COMPLEXITEIT met twee oplossingsrichtingen en twee "
        "handelingsperspectieven.",
        # No :alt: written: made from the dilemma's ID and title.
        "Schema van dilemma DIL_2022_WOORD (Arbeidsmarktkrapteaantrekkelijkheidsvraagstukken) "
        "met de oplossingsrichtingen die het adresseren en de handelingsperspectieven die zij "
        "raken.",
    ]
    assert "</img>" not in page and "needflow" not in page
    for src in images(flows).values():
        assert re.fullmatch(r"\.\./_images/schema-[0-9a-f]{20}\.svg", src)
        assert (flows / "2022" / src).is_file()
    # In words, every need of the diagram links to where it is written; the dilemma first.
    lists = re.findall(r'<ul class="stand-flow-tekst[^"]*">(.*?)</ul>', page, re.S)
    assert len(lists) == 2
    for (dilemma, members), words in zip(MEMBERS.items(), lists, strict=True):
        hrefs = set(re.findall(r'href="([^"]+)"', words))
        where = {
            n: "index.html" if n.startswith(("DIL", "OR")) else "../referentie/index.html"
            for n in members
        }
        assert hrefs == {f"{where[n]}#{n}" for n in members}
        assert words.index(dilemma) < min(words.index(n) for n in members - {dilemma})
    assert "; adresseert " in lists[0] and "; raakt " in lists[0]


@pytest.mark.sphinx("html", testroot="flows", freshenv=True)
def test_svg_has_no_links_or_local_paths(app: Any, flows: Path) -> None:
    for src in images(flows).values():
        svg = (flows / "2022" / src).read_text(encoding="utf-8")
        assert "file:" not in svg and "href" not in svg
        assert str(app.srcdir) not in svg and str(flows) not in svg
        assert not re.search(r"(?<![\w.])/(home|tmp|usr|work|root|var)/", svg)


def test_two_builds_write_the_same_bytes(rootdir: Path, tmp_path: Path) -> None:
    source = str(rootdir / "test-flows")

    def written(outdir: Path) -> dict[str, bytes]:
        proc = subprocess.run(
            [sys.executable, "-m", "sphinx", "-b", "html", "-E", "-W", "-q", source, str(outdir)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert (proc.returncode, proc.stderr) == (0, "")
        found = {p.name: p.read_bytes() for p in (outdir / "_images").glob("schema-*.svg")}
        page = (outdir / "2022" / "schemas.html").read_text(encoding="utf-8")
        diagrams = re.findall(r'<div class="stand-dilemmaschema.*?</ul>', page, re.S)
        found["page"] = "".join(diagrams).encode()
        return found

    first = written(tmp_path / "een")
    assert len(first) == 3
    assert written(tmp_path / "twee") == first


@pytest.mark.sphinx("text", testroot="flows", freshenv=True)
def test_other_writers_give_the_alt_text(flows: Path) -> None:
    text = (flows / "2022" / "schemas.txt").read_text(encoding="utf-8")
    assert "[Schema van dilemma DIL_2022_COMPLEXITEIT met twee" in text


def test_wrap_keeps_words_whole() -> None:
    assert wrap("Complexiteit versus aantrekkelijkheid", 15) == [
        "Complexiteit",
        "versus",
        "aantrekkelijkheid",
    ]
    assert wrap("een-twee-drie-vier-vijf zes", 5) == ["een-twee-drie-vier-vijf", "zes"]


def test_render_svg_is_content_addressed(tmp_path: Path) -> None:
    dot = flow_dot([Record(id="DIL_2022_A", type="dilemma", title="Een dilemma")])
    first = render_svg(dot, tmp_path)
    assert render_svg(dot, tmp_path) == first
    assert re.fullmatch(r"schema-[0-9a-f]{20}\.svg", first.name)
    assert [p.name for p in tmp_path.iterdir()] == [first.name]  # no partial file left
    assert render_svg(dot.replace("Een", "Ander"), tmp_path) != first
    with pytest.raises(GraphvizFout, match="niet gevonden"):
        render_svg(dot + " ", tmp_path, command="stand-geen-dot")


@pytest.mark.sphinx("html", testroot="flows-fout", freshenv=True)
def test_a_wrong_dilemma_is_a_located_warning_and_said_on_the_page(app: Any, warning: Any) -> None:
    app.build()
    warnings = strip_escape_sequences(warning.getvalue()).replace(str(app.srcdir) + "/", "")
    assert warnings.splitlines() == [
        "index.md:7: WARNING: dilemmaschema: de optie :dilemma: is verplicht; schrijf "
        "bijvoorbeeld :dilemma: DIL_2022_FOCUS. [stand.weergave_optie]",
        "index.md:10: WARNING: dilemmaschema: onbekend dilemma 'DIL_2022_ONBEKEND'; schrijf "
        "het ID van een dilemma, zoals DIL_2022_FOCUS. [stand.weergave_optie]",
        "index.md:14: WARNING: dilemmaschema: 'HP_A' is een handelingsperspectief, geen "
        "dilemma; schrijf het ID van een dilemma. [stand.weergave_optie]",
    ]
    page = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert page.count("Dit schema (dilemmaschema) kon niet worden gemaakt") == 3
    assert "<img" not in page.split('role="main"')[-1]


def test_nieuw_jaar_carries_a_flow_with_its_dilemma(rootdir: Path) -> None:
    plan = newyear.plan_year(rootdir / "test-flows" / "2022", "2022", "2023")
    page = plan.files["schemas.md"].decode()
    assert (
        "```{dilemmaschema}\n:dilemma: DIL_2023_COMPLEXITEIT\n"
        ":alt: Schema van dilemma DIL_2023_COMPLEXITEIT met" in page
    )
    assert "WOORD" not in page  # its dilemma is opgelost: the flow is left out
