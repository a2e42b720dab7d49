"""Rules on what a writer typed in a need, beyond its fields and links.

Each mistake here used to build without a word: a need without status or text,
option lines that a blank line turned into text, a need written inside another
need's text (an unclosed fence), HTML in a title. Pure functions over
:class:`~stand.model.Record`, run by ``checks.check_needs``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from . import config
from .config import TYPES_BY_NAME
from .model import Record

if TYPE_CHECKING:
    from .checks import Subtype

#: The options a writer puts on a need; a line ``:name: …`` in its text is one of them.
NEED_OPTIONS = frozenset({*config.NEED_OPTIONS, "organisatie"})
_STRAY_OPTION = re.compile(r"^:(?P<name>[\w-]+):(?:\s+(?P<value>.*))?$")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_TAG = re.compile(r"</?(?P<name>[A-Za-z][\w-]*)(?:\s[^<>]*)?/?>|<!--")
#: The elements of HTML: ``<jaar>`` or ``<SLUG>`` is a placeholder a writer means as text.
_ELEMENT_NAMES = """a abbr address area article aside audio b base bdi bdo blockquote body br button
    canvas caption cite code col colgroup data datalist dd del details dfn dialog div dl dt
    em embed fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6
    head header hgroup hr html i iframe img input ins kbd label legend li link main map mark
    marquee math menu meta meter nav noscript object ol optgroup option output p param
    picture pre progress q rp rt ruby s samp script search section select slot small source
    span strike strong style sub summary sup svg table tbody td template textarea tfoot th
    thead time title tr track u ul var video wbr"""
HTML_ELEMENTS = frozenset(_ELEMENT_NAMES.split())


def html_in(text: str) -> str | None:
    """The first HTML tag or comment in ``text``; placeholders like ``<jaar>`` are not."""
    for match in _TAG.finditer(text):
        if match["name"] is None or match["name"].lower() in HTML_ELEMENTS:
            return match.group(0)
    return None


def stray_options(content: str) -> dict[str, str]:
    """Option lines in a need's text (outside code), as ``{name: value}``."""
    found: dict[str, str] = {}
    fence = ""
    for line in content.splitlines():
        if match := _FENCE.match(line):
            marker = match.group(1)
            if not fence:
                fence = marker
            elif (
                marker[0] == fence[0]
                and len(marker) >= len(fence)
                and not line.strip(marker[0]).strip()
            ):
                fence = ""
            continue
        if fence:
            continue
        match = _STRAY_OPTION.match(line.strip())
        if match and match["name"] in NEED_OPTIONS:
            found.setdefault(match["name"], (match["value"] or "").strip())
    return found


def _text_without_options(content: str) -> str:
    return "\n".join(
        line for line in content.splitlines() if not _STRAY_OPTION.match(line.strip())
    ).strip()


def check_text(need: Record, subject: str) -> Iterator[tuple[Subtype, str]]:
    """``subject`` names the need as a sentence starts: "Het dilemma DIL_2022_D"."""
    spec = TYPES_BY_NAME[need.type]
    stray = stray_options(need.content)
    if stray:
        names = ", ".join(f":{name}:" for name in stray)
        yield (
            "optie_in_tekst",
            (
                f"In de tekst van {need.id} staat {names} als gewone tekst: een lege regel "
                "tussen de opties heeft het blok met opties beëindigd, dus wat eronder staat "
                "telt niet mee. Haal de lege regel weg, zodat alle opties direct onder elkaar "
                "onder de eerste regel staan."
            ),
        )
    if need.parent:
        yield (
            "onderdeel_in_onderdeel",
            (
                f"{subject} staat in de tekst van {need.parent}: meestal is {need.parent} "
                "(of een codeblok erin) niet afgesloten. Zet ``` op een eigen regel na de "
                f"tekst van {need.parent}, vóór {need.id} begint."
            ),
        )
    if spec.statuses and not need.status and "status" not in stray:
        yield (
            "status_ontbreekt",
            (
                f"{subject} heeft geen :status:; schrijf er een onder :id:, gekozen uit "
                f"{', '.join(spec.statuses)}."
            ),
        )
    if spec.per_year and not _text_without_options(need.content) and not stray:
        yield (
            "tekst_ontbreekt",
            (
                f"{subject} heeft geen tekst. Schrijf de tekst onder de opties, na één lege "
                "regel, en vóór de afsluitende ```."
            ),
        )
    if tag := html_in(need.title):
        yield (
            "html",
            (
                f"De titel van {need.id} bevat HTML ({tag}); de site toont die "
                "als gewone tekst. Haal de HTML uit de titel."
            ),
        )
