"""Fidelity: every sentence of the 2022 source appears verbatim in the built HTML.

The source (``tests/data/stand-van-logius-2022.txt``) is text extracted from the PDF
that Logius sent to parliament. Its layout artefacts are not text: hard line wraps
inside paragraphs, page breaks (blank lines) in the middle of a sentence or a list,
trailing spaces. The normaliser below undoes those and nothing else; the resulting
sentences, list items and headings must each occur, character for character, in the
visible text of the pages built from ``docs/2022/``.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import NamedTuple

import pytest
from conftest import SOURCE_TEXT

# U+2043 HYPHEN BULLET marks the source's oplossingsrichtingen; "1. " a numbered item.
BULLET = "\u2043"
LIST_MARKER = re.compile(rf"^(?:\d+\.|{BULLET})\s+")
# A new sentence: after . ! or ?, whitespace, then a capital, an opening quote or bracket.
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Þ\u2018\u201c(])")
# A line this short that is not the end of its block ends a unit (a heading directly
# followed by its text, or the last line of a paragraph). Text lines are ~90-100 chars.
SHORT_LINE = 65


# --------------------------------------------------------------------------- source


def source_blocks(text: str) -> list[list[str]]:
    """Runs of non-blank lines, stripped. A run that starts in lower case continues
    the previous run: the blank lines between them were a page break mid-sentence."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    merged: list[list[str]] = []
    for block in blocks:
        if merged and block[0][:1].islower():
            merged[-1] = merged[-1] + block
        else:
            merged.append(block)
    return merged


def _join(left: str, right: str) -> str:
    # "MIDO-" + "overleggen": a word hyphenated at the line end ("MIDO-overleggen").
    if left.endswith("-") and left[-2:-1].isalnum() and right[:1].islower():
        return left + right
    return f"{left} {right}"


def source_units(text: str) -> list[tuple[str, str]]:
    """The source as (kind, text) units with line wraps joined and markers stripped.

    kind is "heading", "item" (numbered list item), "bullet" (U+2043 item) or "paragraph".
    """
    raw_units: list[str] = []
    for block in source_blocks(text):
        current = ""
        for i, line in enumerate(block):
            if LIST_MARKER.match(line) and current:
                raw_units.append(current)
                current = ""
            current = _join(current, line) if current else line
            if len(line) < SHORT_LINE and i < len(block) - 1:
                raw_units.append(current)
                current = ""
        if current:
            raw_units.append(current)

    units: list[tuple[str, str]] = []
    for raw in raw_units:
        unit = " ".join(raw.split())
        if unit.startswith(BULLET):
            units.append(("bullet", LIST_MARKER.sub("", unit)))
        elif LIST_MARKER.match(unit):
            units.append(("item", LIST_MARKER.sub("", unit)))
        elif unit.endswith((".", ":", "!", "?")):
            units.append(("paragraph", unit))
        else:
            units.append(("heading", unit))
    return units


def sentences(units: list[tuple[str, str]]) -> list[str]:
    """Every sentence of every paragraph and bullet, plus headings and list items whole."""
    out: list[str] = []
    for kind, unit in units:
        if kind in ("paragraph", "bullet"):
            out.extend(s for s in SENTENCE_BREAK.split(unit) if s)
        else:
            out.append(unit)
    return out


# --------------------------------------------------------------------------- HTML

VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "source",
    "track",
    "wbr",
}
BLOCK = {
    "p",
    "li",
    "ol",
    "ul",
    "div",
    "section",
    "article",
    "table",
    "tbody",
    "tr",
    "td",
    "th",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "br",
    "dl",
    "dt",
    "dd",
    "blockquote",
}
SKIP = {"script", "style"}
# Ours, not the report's: heading links, and a need's kind, ID, status and links.
SKIP_CLASSES = {
    "a": {"headerlink", "stand-need-id"},
    "span": {"stand-soort"},
    "dl": {"stand-need-meta"},
}
BOUNDARY = "\x00"  # marks the edge of a block element in the collected text


class MainText(HTMLParser):
    """Visible text of ``<article role="main">`` (furo's main column), without the
    "¶" heading links; plus the texts of paragraphs, list items, headings, need titles
    and need contents, for the checks that need to know where a text landed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.main_depth: int | None = None
        self.skip_depth: int | None = None
        self.chunks: list[str] = []
        self.open: list[tuple[int, str, list[str]]] = []
        self.found: dict[str, list[str]] = {
            "li": [],
            "p": [],
            "heading": [],
            "title": [],
            "content": [],
        }

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag in VOID:
            if tag == "br" and self.main_depth is not None:
                self._text(BOUNDARY)
            return
        self.stack.append(tag)
        depth = len(self.stack)
        if tag == "article" and a.get("role") == "main":
            self.main_depth = depth
        if self.main_depth is None:
            return
        if self.skip_depth is None and (tag in SKIP or SKIP_CLASSES.get(tag, set()) & set(classes)):
            self.skip_depth = depth
        if tag in BLOCK:
            self._text(BOUNDARY)
        kind = None
        if tag == "li" or (tag == "p" and "stand-need-kop" not in classes):
            kind = tag
        elif re.fullmatch(r"h[1-6]", tag):
            kind = "heading"
        elif tag == "strong" and "stand-titel" in classes:
            kind = "title"
        elif tag == "div" and "stand-need-tekst" in classes:
            kind = "content"
        if kind:
            self.open.append((depth, kind, []))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or tag not in self.stack:
            return
        while self.stack:
            depth = len(self.stack)
            name = self.stack.pop()
            if self.skip_depth == depth:
                self.skip_depth = None
            while self.open and self.open[-1][0] == depth:
                _, kind, parts = self.open.pop()
                self.found[kind].append(collapse("".join(parts).replace(BOUNDARY, " ")))
            if self.main_depth == depth:
                self.main_depth = None
            if self.main_depth is not None and name in BLOCK:
                self._text(BOUNDARY)
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.main_depth is not None:
            self._text(data)

    def _text(self, data: str) -> None:
        if self.skip_depth is not None:
            return
        self.chunks.append(data)
        for _, _, parts in self.open:
            parts.append(data)

    @property
    def text(self) -> str:
        """One line per block element (paragraph, list item, heading, table cell...),
        whitespace collapsed: a sentence cut in two by a paragraph break is not found."""
        blocks = (collapse(b) for b in "".join(self.chunks).split(BOUNDARY))
        return "\n".join(b for b in blocks if b)

    @property
    def flow(self) -> str:
        """All text as one line: paragraphs that follow each other, one space apart."""
        return collapse("".join(self.chunks).replace(BOUNDARY, " "))


def collapse(text: str) -> str:
    return " ".join(text.split())


def parse_page(html: str) -> MainText:
    parser = MainText()
    parser.feed(html)
    parser.close()
    return parser


class Built(NamedTuple):
    text: str  # one line per block element
    flow: str  # one line per page
    found: dict[str, list[str]]


def parse_year(html_dir: Path, year: str) -> Built:
    pages = sorted((html_dir / year).glob("*.html"))
    assert pages, f"geen HTML-pagina's in {html_dir / year}"
    texts: list[str] = []
    flows: list[str] = []
    found: dict[str, list[str]] = {"li": [], "p": [], "heading": [], "title": [], "content": []}
    for page in pages:
        parsed = parse_page(page.read_text(encoding="utf-8"))
        texts.append(parsed.text)
        flows.append(parsed.flow)
        for kind, values in parsed.found.items():
            found[kind].extend(values)
    return Built("\n".join(texts), "\n".join(flows), found)


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def units() -> list[tuple[str, str]]:
    return source_units(SOURCE_TEXT.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def built(real_html: Path) -> Built:
    return parse_year(real_html, "2022")


def report(missing: list[str]) -> str:
    return f"{len(missing)} ontbreken in de HTML van docs/2022:\n" + "\n".join(
        f"  - {s}" for s in missing
    )


# --------------------------------------------------------------------------- the checks


def test_every_source_sentence_is_in_the_html(units: list[tuple[str, str]], built: Built) -> None:
    text = built.text
    expected = sentences(units)
    missing = [s for s in expected if s not in text]
    assert not missing, report(missing)


def test_every_source_paragraph_is_in_the_html_unbroken(
    units: list[tuple[str, str]], built: Built
) -> None:
    """The sentences of a source paragraph follow each other on the page: nothing (a
    need's header, a heading, a list) is put between them and none is left out.

    Compared with the page text as one flow, because where the source ends a paragraph
    only by a short line (and two trailing spaces) the page has two paragraphs."""
    flow = built.flow
    missing = [u for kind, u in units if kind == "paragraph" and u not in flow]
    assert not missing, report(missing)


def test_no_text_is_added_to_the_report(units: list[tuple[str, str]], real_html: Path) -> None:
    """The other direction: every paragraph and list item on the report's pages (not
    the year's index and traceability pages, which are ours) is text of the source."""
    source = " ".join(u for _, u in units)
    added: list[str] = []
    ours = {"index", "traceerbaarheid"}
    pages = sorted(p for p in (real_html / "2022").glob("*.html") if p.stem not in ours)
    assert [p.stem for p in pages] == ["dilemmas", "inleiding", "voortgang"]
    for page in pages:
        found = parse_page(page.read_text(encoding="utf-8")).found
        added += [t for t in found["p"] + found["li"] if t not in source]
    assert not added, "tekst die niet in de bron staat:\n" + "\n".join(added)


def test_source_order_is_kept(units: list[tuple[str, str]], real_html: Path) -> None:
    """Read in the order of the year's table of contents, the pages give the source's
    units in the source's order: nothing moved to another section or page."""
    flow = " ".join(
        parse_page((real_html / "2022" / f"{page}.html").read_text(encoding="utf-8")).flow
        for page in ("inleiding", "voortgang", "dilemmas")
    )
    position = 0
    out_of_order: list[str] = []
    for _, unit in units:
        found = flow.find(unit, position)
        if found < 0:
            out_of_order.append(unit)
        else:
            position = found + len(unit)
    assert not out_of_order, report(out_of_order)


def test_numbered_items_are_list_items(units: list[tuple[str, str]], built: Built) -> None:
    found = built.found
    items = set(found["li"])
    missing = [u for kind, u in units if kind == "item" and u not in items]
    assert not missing, report(missing)


def test_headings_are_headings_or_need_titles(units: list[tuple[str, str]], built: Built) -> None:
    found = built.found
    shown = set(found["heading"]) | set(found["title"])
    missing = [u for kind, u in units if kind == "heading" and u not in shown]
    assert not missing, report(missing)


def test_each_bullet_is_the_whole_content_of_one_need(
    units: list[tuple[str, str]], built: Built
) -> None:
    found = built.found
    contents = found["content"]
    bullets = [u for kind, u in units if kind == "bullet"]
    assert len(bullets) == 14
    missing = [b for b in bullets if contents.count(b) != 1]
    assert not missing, report(missing)


# --------------------------------------------------------------------------- the checker itself


def test_normaliser_undoes_layout_and_nothing_else(units: list[tuple[str, str]]) -> None:
    all_sentences = sentences(units)
    # Page break in the middle of a sentence, joined.
    assert (
        "Het belangrijkste daarbij is dat er een duidelijk proces voor de uitvoeringstoets "
        "wordt ingericht, zowel intern als samen met de beleidsopdrachtgever."
    ) in all_sentences
    assert (
        "Tempo en fasering dienen namelijk op de drie niveaus – politiek – beleid – "
        "uitvoering – goed op elkaar afgestemd te worden."
    ) in all_sentences
    # Word hyphenated at a line end.
    assert any("via de MIDO-overleggen, maar ook" in s for s in all_sentences)
    # Headings, including the ones directly followed by their text.
    headings = [u for kind, u in units if kind == "heading"]
    assert headings[:3] == [
        "INLEIDING",
        "A. VOORTGANG",
        "Handelingsperspectief 1: Toekomstbestendige dienstverlening",
    ]
    for sub in (
        "Gemeenschappelijke Digitale Infrastructuur (GDI)",
        "Data gedreven werken",
        "ICT- en data expertise",
        "B. DILEMMA’S IN DE UITVOERING",
        "Dilemma 4) Complexiteit versus in eenvoud",
    ):
        assert sub in headings
    assert headings.count("Oplossingsrichtingen") == 4
    # The dilemma list, split by a page break, is four items without their markers.
    items = [u for kind, u in units if kind == "item"]
    assert items[-4:] == [
        "Focus: goed en duurzaam",
        "Arbeidsmarkt en ambitie",
        "Samenwerking beleid en uitvoering",
        "Complexiteit versus in eenvoud",
    ]
    assert len(items) == 6 + 5 + 4
    # The source's own spelling and quotes survive.
    assert "In de digitale wereld komende de systeemwereld en de echte wereld samen." in (
        all_sentences
    )
    assert any("‘hanteer het stewardshipsmodel’" in s for s in all_sentences)
    # No layout left: no markers, no double spaces, no empty sentences.
    for s in all_sentences:
        assert s and s == collapse(s) and not s.startswith((BULLET, "- ")), s
        assert not LIST_MARKER.match(s), s
    assert len(all_sentences) >= 180  # 182 for the 2022 source


def test_matcher_catches_a_changed_sentence(units: list[tuple[str, str]], built: Built) -> None:
    """The check is not vacuous: a 'fixed' typo, straight quotes, a paraphrase or
    swapped words would each be reported (a sentence cut by a paragraph break: see
    test_html_reader_takes_only_the_main_article)."""
    text = built.text
    original = "In de digitale wereld komende de systeemwereld en de echte wereld samen."
    assert original in text
    altered = [
        original.replace("komende", "komen"),  # fixing the source's typo
        "Logius heeft de actielijn 'hanteer het stewardshipsmodel' uit het",  # straight quotes
        "Er is geen ruimte voor verkenning.",  # paraphrase ("exploratie")
        "Logius kiest als werkgever voor een aanpak van boeien en binden.",  # words swapped
    ]
    for sentence in altered:
        assert sentence not in text, sentence


def test_html_reader_takes_only_the_main_article() -> None:
    html = (
        "<html><head><title>Kop buiten</title><script>var x = 1;</script></head><body>"
        "<nav><p>Navigatie</p></nav>"
        '<article role="main"><section><h1>INLEIDING<a class="headerlink" href="#i">¶</a></h1>'
        "<p>Eerste zin.</p><p>Tweede\nregel <em>met</em> nadruk.</p>"
        "<ol><li><p>Een</p></li></ol>"
        '<div class="stand-need"><p class="stand-need-kop"><span class="stand-soort">Dilemma</span>'
        ' <strong class="stand-titel">Titel</strong> <a class="stand-need-id">DIL_X</a></p>'
        '<dl class="stand-need-meta"><dt>Status</dt><dd><p>open</p></dd></dl>'
        '<div class="stand-need-tekst"><p>Inhoud.</p></div></div>'
        "<p>Een zin die</p><p>op een pagina-einde breekt.</p>"
        "</section></article><footer>Voet</footer></body></html>"
    )
    parsed = parse_page(html)
    assert parsed.text.split("\n") == [
        "INLEIDING",
        "Eerste zin.",
        "Tweede regel met nadruk.",
        "Een",
        "Titel",
        "Inhoud.",
        "Een zin die",
        "op een pagina-einde breekt.",
    ]
    assert "Een zin die op een pagina-einde breekt." not in parsed.text
    assert "Een zin die op een pagina-einde breekt." in parsed.flow
    assert "Navigatie" not in parsed.flow and "var x" not in parsed.flow
    assert "¶" not in parsed.flow
    assert parsed.found["heading"] == ["INLEIDING"]
    assert parsed.found["li"] == ["Een"]
    assert parsed.found["content"] == ["Inhoud."]
    assert parsed.found["title"] == ["Titel"]
    assert "open" not in parsed.flow and "DIL_X" not in parsed.flow
