"""Every warning a writer can meet, in Dutch and located: one logging filter.

Sphinx, docutils, MyST and sphinx-needs warn in English, some without a line.
:class:`DutchWarnings` sits first on Sphinx's warning handler and rewrites each
warning record before Sphinx formats it: the message is translated from the table
:data:`TRANSLATIONS` (keyed on the warning's type, subtype and English text),
``type`` and ``subtype`` stay as they are (so ``suppress_warnings`` keeps working),
and a warning about a whole file gets line 1. A message the table does not know
keeps its English text behind a Dutch lead (:func:`untranslated`), so it is still
recognisable as a warning to act on; ``-W`` fails the build on all of them.

Our own ``stand.*`` warnings are Dutch already; only their location is completed.
"""

from __future__ import annotations

import difflib
import logging
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.utils import get_source_line
from sphinx.application import Sphinx
from sphinx.util.logging import NAMESPACE, WarningStreamHandler

from .config import LINKS, NEED_TYPES

#: Options a writer can put on a need (for "did you mean").
NEED_OPTIONS = ("id", "status", "jaar", "thema", "tags", *(link.name for link in LINKS))
#: Directives a writer of a Stand uses (for "did you mean").
KNOWN_DIRECTIVES = (
    *(t.directive for t in NEED_TYPES),
    *("traceermatrix", "jaarlijnen", "dekking", "jaarverschil", "rodedraad", "werkagenda"),
    *("note", "warning", "tip", "important", "admonition", "seealso", "figure", "image"),
    *("toctree", "code-block", "table", "list-table", "csv-table", "include", "glossary"),
)
KNOWN_ROLES = ("need", "ref", "doc", "term", "download", "abbr", "sub", "sup", "code", "numref")

Dutch = Callable[[Mapping[str, str]], str]


@dataclass(frozen=True)
class Translation:
    """One family of English messages and how to say it in Dutch.

    ``dutch`` is a ``str.format`` template over the pattern's named groups plus
    ``wie``/``Wie`` (the need a needs.* warning is about), or a function of them.
    ``example`` is a message the pattern matches; the tests translate each one.
    """

    type: str
    subtype: str | None  # None: any subtype of the type
    pattern: re.Pattern[str]
    dutch: str | Dutch
    example: str

    def apply(self, groups: Mapping[str, str]) -> str:
        if callable(self.dutch):
            return self.dutch(groups)
        return self.dutch.format(**groups)


def _t(
    type_: str, subtype: str | None, pattern: str, dutch: str | Dutch, example: str
) -> Translation:
    return Translation(type_, subtype, re.compile(pattern, re.S), dutch, example)


def closest(word: str, candidates: tuple[str, ...], prefix: str = "", suffix: str = "") -> str:
    """`` Bedoelt u …?`` with the nearest known name, or nothing."""
    found = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return f" Bedoelt u {prefix}{found[0]}{suffix}?" if found else ""


def _unknown_option(g: Mapping[str, str]) -> str:
    return (
        f"{g['Wie']} heeft een onbekende optie :{g['option']}:; die wordt genegeerd."
        f"{closest(g['option'], NEED_OPTIONS, ':', ':')} Mogelijke opties: "
        f"{', '.join(f':{o}:' for o in NEED_OPTIONS)}."
    )


def _unknown_directive(g: Mapping[str, str]) -> str:
    return (
        f"Onbekende opdracht {{{g['name']}}}: dit blok wordt niet getoond."
        f"{closest(g['name'], KNOWN_DIRECTIVES, '{', '}')} Soorten onderdelen: "
        f"{', '.join(t.directive for t in NEED_TYPES)}."
    )


def _unknown_role(g: Mapping[str, str]) -> str:
    return (
        f"Onbekende rol {{{g['name']}}}`…`: de tekst wordt niet als verwijzing getoond."
        f"{closest(g['name'], KNOWN_ROLES, '{', '}')} Naar een onderdeel verwijst u met "
        "{need}`ID`."
    )


def _unknown_directive_option(g: Mapping[str, str]) -> str:
    allowed = tuple(re.findall(r"[\w-]+", g["allowed"]))
    return (
        f"{{{g['name']}}} kent de optie :{g['option']}: niet; die wordt genegeerd."
        f"{closest(g['option'], allowed, ':', ':')} Mogelijke opties: "
        f"{', '.join(f':{o}:' for o in allowed)}."
    )


def _heading_jump(g: Mapping[str, str]) -> str:
    a, b = int(g["a"]), int(g["b"])
    return (
        f"De kop springt van niveau {a} ({'#' * a}) naar niveau {b} ({'#' * b}): de "
        f"inhoudsopgave en schermlezers missen dan een niveau. Gebruik {'#' * (a + 1)}."
    )


_NEEDS = "needs"
TRANSLATIONS: tuple[Translation, ...] = (
    # sphinx-needs: a need directive.
    _t(
        _NEEDS,
        "directive",
        r"Unknown option '(?P<option>[^']*)'",
        _unknown_option,
        "Unknown option 'stauts'",
    ),
    _t(
        _NEEDS,
        "directive",
        r"No title given",
        "{Wie} heeft geen titel. Schrijf de titel achter de soort, bijvoorbeeld "
        "```{{dilemma}} Focus: goed en duurzaam.",
        "No title given, but title is required by configuration.",
    ),
    _t(
        _NEEDS,
        "directive",
        r"Invalid value for '(?P<option>[^']*)' option",
        "{Wie} heeft een ongeldige waarde bij :{option}: en is daardoor niet aangemaakt "
        "(het ontbreekt op de site). Schrijf bijvoorbeeld :{option}: true of laat de optie weg.",
        "Invalid value for 'delete' option: Cannot convert 'x' to boolean",
    ),
    _t(
        _NEEDS,
        "create_need",
        r".*No ID defined",
        "{Wie} heeft geen :id: en is daardoor niet aangemaakt (het ontbreekt op de site en in "
        "needs.json). Schrijf :id: met een vast ID direct onder de eerste regel, bijvoorbeeld "
        ":id: DIL_2022_FOCUS; staat er een lege regel boven :id:, haal die dan weg.",
        "Need could not be created: No ID defined, but 'needs_id_required' is set to True.",
    ),
    _t(
        _NEEDS,
        "create_need",
        r".*A need with ID '(?P<other>[^']*)' already exists \((?:defined|imported) at "
        r"(?P<docloc>[^)]*)\)",
        "Het ID {other} is al gebruikt ({docloc}); dit tweede onderdeel met dat ID is niet "
        "aangemaakt en ontbreekt op de site. Geef een van beide een eigen ID.",
        "Need could not be created: A need with ID 'DIL_2022_D' already exists "
        "(defined at 2022/index:10).",
    ),
    _t(
        _NEEDS,
        "create_need",
        r".*A need with ID '(?P<other>[^']*)' already exists",
        "Het ID {other} is al gebruikt; dit tweede onderdeel met dat ID is niet aangemaakt en "
        "ontbreekt op de site. Geef een van beide een eigen ID.",
        "Need could not be created: A need with ID 'X' already exists (external, https://x).",
    ),
    _t(
        _NEEDS,
        "create_need",
        r".*'(?P<option>[^']*)' value is invalid",
        "{Wie} heeft een ongeldige waarde bij :{option}: en is daardoor niet aangemaakt "
        "(het ontbreekt op de site). Verbeter de waarde of laat de optie weg.",
        "Need could not be created: 'hide' value is invalid: Cannot convert 'ja' to boolean",
    ),
    _t(
        _NEEDS,
        "create_need",
        r".*(?:Given ID|does not match)",
        "{Wie} heeft een ID dat niet mag (bijvoorbeeld met een spatie) en is daardoor niet "
        "aangemaakt. Schrijf het ID in hoofdletters, cijfers en _, bijvoorbeeld DIL_2022_FOCUS.",
        "Need could not be created: Given ID 'A B' does not match configured regex '^\\S+$'",
    ),
    _t(
        _NEEDS,
        "create_need",
        r"Need could not be created: (?P<reason>.*)",
        "{Wie} is niet aangemaakt en ontbreekt op de site; sphinx-needs zegt: {reason}",
        "Need could not be created: something else",
    ),
    _t(
        _NEEDS,
        "duplicate_id",
        r"A need with ID (?P<other>\S+) already exists",
        "Het ID {other} staat op twee plaatsen; geef een van beide een eigen ID.",
        "A need with ID DIL_2022_D already exists, title: 'x'.",
    ),
    _t(
        _NEEDS,
        "link_ref",
        r"linked need part (?P<target>\S+) not found",
        "De verwijzing naar {target} wijst naar een deel van een onderdeel dat niet bestaat: "
        "controleer het ID en het deel achter de punt.",
        "linked need part DIL_2022_D.x not found",
    ),
    _t(
        _NEEDS,
        "link_ref",
        r"(?:linked )?need (?P<target>\S+) not found",
        "De verwijzing {{need}}`{target}` wijst naar een ID dat nergens bestaat: controleer de "
        "spelling of voeg dat onderdeel toe.",
        "linked need DIL_2022_NIET not found",
    ),
    _t(
        _NEEDS,
        "undeclared_for_type",
        r".*'(?P<option>[^']*)' is not declared on need type '(?P<type>[^']*)'",
        "{Wie} is een {type} en kan geen :{option}: hebben; die waarde wordt genegeerd. "
        "Haal :{option}: weg.",
        "Field 'thema' is not declared on need type 'actielijn' and cannot be set in need 'A'; "
        "the value 'x' is ignored",
    ),
    _t(
        _NEEDS,
        "duplicate_part_id",
        r".*",
        "{Wie} heeft twee delen met hetzelfde ID; geef elk deel een eigen ID.",
        "Part 'a' already exists in need 'X'",
    ),
    # MyST.
    _t(
        "myst",
        "directive_unknown",
        r"Unknown directive type: '(?P<name>[^']*)'",
        _unknown_directive,
        "Unknown directive type: 'dilema'",
    ),
    _t(
        "myst",
        "role_unknown",
        r'Unknown interpreted text role "(?P<name>[^"]*)"',
        _unknown_role,
        'Unknown interpreted text role "nee".',
    ),
    _t(
        "myst",
        "xref_missing",
        r"'myst' cross-reference target not found: '(?P<target>[^']*)'",
        "De link naar '{target}' wijst naar niets: er is geen pagina, kop of label met die "
        "naam. Controleer de spelling; een kop op deze pagina schrijft u als #kop-in-kleine-"
        "letters, een pagina als pad/naar/pagina.md.",
        "'myst' cross-reference target not found: 'nergens'",
    ),
    _t(
        "myst",
        "xref_ambiguous",
        r"more than one target found .*?: (?P<target>\S+)",
        "De link {target} kan naar meer dan één plaats wijzen; maak hem preciezer (met de "
        "pagina ervoor).",
        "more than one target found for 'myst' cross-reference x: could be",
    ),
    _t(
        "myst",
        "topmatter",
        r"Malformed YAML|YAML is not a dict",
        "Het voorwerk bovenaan de pagina (tussen de regels ---) is geen geldige YAML: "
        "controleer dubbele punten, haakjes en aanhalingstekens, of haal het voorwerk weg.",
        "Malformed YAML",
    ),
    _t(
        "myst",
        "topmatter",
        r".*?(?:Unknown field|field): '?(?P<name>[\w-]+)",
        "Het voorwerk bovenaan de pagina heeft een onbekend veld {name}; haal het weg.",
        "Unknown field: foo",
    ),
    _t(
        "myst",
        "header",
        r"Non-consecutive header level increase; H(?P<a>\d) to H(?P<b>\d)",
        _heading_jump,
        "Non-consecutive header level increase; H1 to H4",
    ),
    _t(
        "myst",
        "duplicate_def",
        r"Duplicate reference definition: (?P<name>.*)",
        "De linkdefinitie [{name}] staat twee keer op deze pagina; de tweede telt niet. Haal "
        "er een weg.",
        "Duplicate reference definition: a",
    ),
    _t(
        "myst",
        "directive_option",
        r"'(?P<name>[^']*)': Unknown option key: '(?P<option>[^']*)' \(allowed: (?P<allowed>.*)\)",
        _unknown_directive_option,
        "'traceermatrix': Unknown option key: 'jaaar' (allowed: ['jaar', 'rijen'])",
    ),
    _t(
        "myst",
        "directive_option",
        r"'(?P<name>[^']*)': Invalid option value for "
        r"'(?P<option>[^']*)'",
        "De waarde bij :{option}: van {{{name}}} is ongeldig; verbeter haar of laat de optie weg.",
        "'image': Invalid option value for 'width': x: bad",
    ),
    _t(
        "myst",
        "directive_option",
        r"(?:'(?P<name>[^']*)': )?Invalid options format",
        "De opties van dit blok zijn onleesbaar: schrijf elke optie op een eigen regel als "
        ":naam: waarde, direct onder de eerste regel.",
        "'note': Invalid options format (bad YAML)",
    ),
    _t(
        "myst",
        "directive_body",
        r".*",
        "Dit blok heeft tekst die het niet kan hebben, of mist tekst die het nodig heeft; "
        "controleer de regels tussen de openende en sluitende ```.",
        "'x': Has content, but none permitted",
    ),
    _t(
        "myst",
        "section_ref",
        r".*not found in this document: '(?P<target>[^']*)'",
        "De link naar de kop '{target}' wijst naar niets op deze pagina; controleer de spelling.",
        "Section reference target not found in this document: 'x'",
    ),
    _t(
        "myst",
        "substitution",
        r".*",
        "Een vervanging ({{{{naam}}}}) kan niet worden ingevuld; controleer de naam in het "
        "voorwerk.",
        "Substitution error:UndefinedError: 'x' is undefined",
    ),
    _t(
        "myst",
        "html",
        r".*",
        "De HTML op deze plaats is onleesbaar; schrijf de tekst in Markdown.",
        "HTML could not be parsed",
    ),
    # Sphinx: table of contents.
    _t(
        "toc",
        "not_included",
        r"document isn't included in any toctree",
        "Deze pagina staat in geen enkele inhoudsopgave en is op de site niet te vinden. Zet "
        "haar in de toctree van de index van haar map, of zet bovenaan orphan: true tussen "
        "twee regels ---.",
        "document isn't included in any toctree",
    ),
    _t(
        "toc",
        None,
        r"toctree contains reference to non-?existing document '(?P<doc>[^']*)'",
        "De inhoudsopgave (toctree) noemt de pagina {doc}, maar die bestaat niet: controleer "
        "de spelling (zonder .md) of maak het bestand {doc}.md aan.",
        "toctree contains reference to nonexisting document '2022/x'",
    ),
    _t(
        "toc",
        None,
        r"toctree contains reference to (?:excluded|non-included) document "
        r"'(?P<doc>[^']*)'",
        "De inhoudsopgave (toctree) noemt de pagina {doc}, maar die wordt niet gebouwd; haal "
        "haar uit de toctree.",
        "toctree contains reference to excluded document 'x'",
    ),
    _t(
        "toc",
        "no_title",
        r".*document '(?P<doc>[^']*)' that doesn't have a title",
        "De pagina {doc} heeft geen titel (een kop met #), dus de inhoudsopgave kan er niet "
        "naar linken. Begin de pagina met # Titel.",
        "toctree contains reference to document 'x' that doesn't have a title: no link",
    ),
    _t(
        "toc",
        None,
        r"duplicated entry found in toctree: (?P<doc>\S+)",
        "De pagina {doc} staat twee keer in deze inhoudsopgave; haal er een weg.",
        "duplicated entry found in toctree: 2022/index",
    ),
    _t(
        "toc",
        None,
        r"circular toctree references detected.*?: (?P<doc>\S+)",
        "De inhoudsopgaven verwijzen in een kring naar elkaar ({doc}); haal de pagina uit "
        "een van de toctrees.",
        "circular toctree references detected, ignoring: a <- b",
    ),
    _t(
        "toc",
        None,
        r"self referenced toctree",
        "De inhoudsopgave van deze pagina noemt de pagina zelf; haal die regel weg.",
        "self referenced toctree found. Ignored.",
    ),
    _t(
        "toc",
        None,
        r"toctree glob pattern '(?P<glob>[^']*)' didn't match",
        "Het patroon {glob} in de inhoudsopgave vindt geen enkele pagina; controleer het.",
        "toctree glob pattern 'x*' didn't match any documents",
    ),
    _t(
        "toc",
        None,
        r"document is referenced in multiple toctrees",
        "Deze pagina staat in meer dan één inhoudsopgave; laat haar in één staan.",
        "document is referenced in multiple toctrees: ['a', 'b'], selecting: b <- x",
    ),
    # Sphinx: references, images, downloads.
    _t(
        "ref",
        None,
        r"undefined label: '(?P<label>[^']*)'",
        "Het label '{label}' bestaat niet: controleer de spelling, of zet ({label})= boven "
        "de kop waar u naar wilt verwijzen.",
        "undefined label: 'nergens'",
    ),
    _t(
        "ref",
        None,
        r"unknown document: '(?P<doc>[^']*)'",
        "De pagina '{doc}' bestaat niet: controleer de spelling (zonder .md, vanaf de map "
        "docs/ met een / ervoor).",
        "unknown document: '/nergens'",
    ),
    _t(
        "ref",
        None,
        r"term not in glossary: '(?P<term>[^']*)'",
        "Het begrip '{term}' staat niet in de woordenlijst (glossary); voeg het toe of "
        "controleer de spelling.",
        "term not in glossary: 'woord'",
    ),
    _t(
        "ref",
        None,
        r"'any' reference target not found: (?P<target>.*)",
        "De verwijzing '{target}' wijst naar niets: controleer de spelling.",
        "'any' reference target not found: niks",
    ),
    _t(
        "ref",
        None,
        r".*(?:target not found|reference target not found): '?(?P<target>[^']*)'?",
        "De verwijzing '{target}' wijst naar niets: controleer de spelling.",
        "py:class reference target not found: x",
    ),
    _t(
        "ref",
        None,
        r"Failed to create a cross reference\. Any number is not assigned: "
        r"(?P<label>.*)",
        "Naar '{label}' kan niet met een nummer worden verwezen (het heeft geen nummer).",
        "Failed to create a cross reference. Any number is not assigned: x",
    ),
    _t(
        "ref",
        None,
        r"Footnote \[(?P<name>[^\]]*)\] is not referenced",
        "De voetnoot [^{name}] wordt nergens in de tekst gebruikt; haal haar weg of verwijs "
        "ernaar met [^{name}].",
        "Footnote [1] is not referenced.",
    ),
    _t(
        "image",
        None,
        r"image file not readable: (?P<path>.*)",
        "De afbeelding {path} bestaat niet of is onleesbaar: controleer de bestandsnaam "
        "(hoofdletters tellen mee) en of het bestand in de repository staat.",
        "image file not readable: 2022/nergens.png",
    ),
    _t(
        "image",
        None,
        r"Could not fetch remote image: (?P<path>\S+)",
        "De afbeelding {path} kon niet worden opgehaald; zet haar in de repository.",
        "Could not fetch remote image: https://x/y.png [404]",
    ),
    _t(
        "image",
        None,
        r"(?:Unknown image format|Could not obtain image size)",
        "Dit bestand is geen afbeelding die de site kan tonen; gebruik PNG, JPG of SVG.",
        "Unknown image format: x.foo",
    ),
    _t(
        "download",
        None,
        r"download file not readable: (?P<path>.*)",
        "Het bestand {path} om te downloaden bestaat niet of is onleesbaar: controleer de "
        "bestandsnaam.",
        "download file not readable: x.pdf",
    ),
    _t(
        "misc",
        "highlighting_failure",
        r"Pygments lexer name '(?P<lang>[^']*)' is not known",
        "Het codeblok heeft de onbekende taal '{lang}'; laat de taal weg (alleen ```) of "
        "schrijf bijvoorbeeld ```text.",
        "Pygments lexer name 'pythn' is not known",
    ),
    _t(
        "misc",
        "highlighting_failure",
        r"Lexing literal_block .*? as \"(?P<lang>[^\"]*)\"",
        "Het codeblok is geen geldige {lang}. Staat er iets in dat er niet in hoort, "
        "bijvoorbeeld omdat een codeblok niet is afgesloten met ```? Anders: laat de taal weg.",
        "Lexing literal_block 'x' as \"python\" resulted in an error at token: '`'. Retrying",
    ),
    # docutils, through Sphinx (type "docutils", no subtype).
    _t(
        "docutils",
        None,
        r'Duplicate explicit target name: "(?P<name>[^"]*)"',
        "Het label ({name})= of de link [{name}] staat twee keer op deze pagina; een label "
        "moet uniek zijn. Geef er een een andere naam.",
        'Duplicate explicit target name: "lab".',
    ),
    _t(
        "docutils",
        None,
        r'Content block expected for the "(?P<name>[^"]*)" directive',
        "Het blok {{{name}}} is leeg; schrijf tekst tussen de openende en sluitende ```.",
        'Content block expected for the "note" directive; none found.',
    ),
    _t(
        "docutils",
        None,
        r"Directive '(?P<name>[^']*)': (?P<n>\d+) argument\(s\) required",
        "Het blok {{{name}}} mist wat achter de naam moet staan (bijvoorbeeld een bestand "
        "of titel).",
        "Directive 'figure': 1 argument(s) required, 0 supplied",
    ),
    _t(
        "docutils",
        None,
        r"Directive '(?P<name>[^']*)': maximum (?P<n>\d+) argument",
        "Achter {{{name}}} staat meer dan er mag; zet de rest op de regels eronder.",
        "Directive 'note': maximum 0 argument(s) allowed, 1 supplied",
    ),
    _t(
        "docutils",
        None,
        r'Directive "?(?P<name>\w+)"?: file not found: (?P<path>.*)',
        "Het bestand {path} in {{{name}}} bestaat niet: controleer de naam.",
        "Directive \"include\": file not found: 'x.md'",
    ),
    _t(
        "docutils",
        None,
        r'Unknown target name: "(?P<name>[^"]*)"',
        "De verwijzing [{name}] wijst naar niets: is de voetnoot of link [{name}]: "
        "op deze pagina gedefinieerd?",
        'Unknown target name: "2".',
    ),
    _t(
        "docutils",
        None,
        r'Error in "(?P<name>[^"]*)" directive',
        "Het blok {{{name}}} is onjuist geschreven; controleer de opties en de tekst.",
        'Error in "image" directive:\ninvalid option value',
    ),
    _t(
        "docutils",
        None,
        r"Problems with \"(?P<name>[^\"]*)\" directive path",
        "Het bestand in {{{name}}} is onleesbaar; controleer de naam.",
        'Problems with "include" directive path:\nInputError',
    ),
    _t(
        "docutils",
        None,
        r"Duplicate substitution definition name",
        "Een vervanging is twee keer gedefinieerd; haal er een weg.",
        'Duplicate substitution definition name: "x".',
    ),
    _t(
        "ref",
        None,
        r"duplicate label (?P<label>\S+), other instance in (?P<docloc>.*)",
        "Het label {label} bestaat al (in {docloc}); een label moet uniek zijn. Geef dit "
        "een andere naam.",
        "duplicate label lab, other instance in 2022/index",
    ),
)

#: Who emitted what we could not translate, by the warning's type.
_SOURCES = {"needs": "sphinx-needs", "myst": "MyST", "docutils": "docutils"}


def untranslated(message: str, warning_type: str | None) -> str:
    """A message the table does not know: a Dutch lead, the English text kept."""
    source = _SOURCES.get(warning_type or "", "Sphinx")
    return f"{source} meldt (nog niet in het Nederlands vertaald): {message}"


def translate(
    message: str,
    warning_type: str | None,
    subtype: str | None,
    context: Mapping[str, str],
    file_of: Callable[[str], str] = str,
) -> str:
    """The Dutch text of an English warning.

    ``context`` holds ``wie``/``Wie``; ``file_of`` turns a ``docname:lineno`` the
    message names (the group ``docloc``) into the file a writer opens.
    """
    for rule in TRANSLATIONS:
        if rule.type != warning_type or (rule.subtype and rule.subtype != subtype):
            continue
        if match := rule.pattern.match(message):
            groups = {k: v for k, v in match.groupdict().items() if v is not None}
            if "docloc" in groups:
                groups["docloc"] = file_of(groups["docloc"])
            return rule.apply({**context, **groups})
    return untranslated(message, warning_type)


_NEED_ID = re.compile(r"^\s*:id:\s*(\S+)\s*$")
_OPTION = re.compile(r"^\s*:[\w-]+:")
#: A location Sphinx already made a string of: ``/abs/path.md:12`` or ``/abs/path.md:``.
_PATH_LINE = re.compile(r"^(?P<path>/.*?):(?P<line>\d*)$")


def need_id_at(path: Path, lineno: int) -> str | None:
    """The ``:id:`` in the option block of the directive that starts at ``lineno``."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    for line in lines[lineno : lineno + 40]:
        if match := _NEED_ID.match(line):
            return match.group(1)
        if line.strip() and not _OPTION.match(line):
            return None
    return None


class DutchWarnings(logging.Filter):
    """Translates and locates every warning record before Sphinx formats it."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__()
        self.app = app

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING or getattr(record, "stand_dutch", False):
            return True
        record.stand_dutch = True
        path, line = self._locate(record)
        warning_type: str | None = getattr(record, "type", None)
        if warning_type == "stand":
            return True
        subtype: str | None = getattr(record, "subtype", None)
        message = record.getMessage()
        who = "dit onderdeel"
        if warning_type == _NEEDS and path and line and (need_id := need_id_at(path, line)):
            who = f"het onderdeel {need_id}"
        context = {"wie": who, "Wie": who[:1].upper() + who[1:]}
        dutch = translate(message, warning_type, subtype, context, self._file_of)
        record.msg, record.args = dutch, ()
        return True

    def _locate(self, record: logging.LogRecord) -> tuple[Path | None, int | None]:
        """Complete the location to ``path:line`` (line 1 for a whole file)."""
        location: Any = getattr(record, "location", None)
        env = getattr(self.app, "env", None)
        if env is None or location is None:
            return None, None
        path: Path | None
        line: int | None
        if isinstance(location, tuple):
            docname, line = location
            if not docname:
                return None, None
            path = env.doc2path(docname)
        elif isinstance(location, nodes.Node):
            source, line = get_source_line(location)
            parent = location.parent
            while line is None and parent is not None:
                source, line = source or parent.source, parent.line
                parent = parent.parent
            if not source:
                return None, None
            path = Path(source)
        elif isinstance(location, str) and location in env.found_docs:
            path, line = env.doc2path(location), None
        elif isinstance(location, str) and (match := _PATH_LINE.match(location)):
            path, line = Path(match["path"]), int(match["line"] or 0) or None
        else:
            return None, None
        line = line or 1
        record.location = f"{os.path.abspath(path)}:{line}"
        return path, line

    def _file_of(self, docloc: str) -> str:
        """``2022/index:10`` as the writer reads it: ``2022/index.md, regel 10``."""
        docname, _, line = docloc.partition(":")
        env = self.app.env
        if docname not in env.found_docs:
            return docloc
        where = str(env.doc2path(docname, False))
        return f"{where}, regel {line}" if line else where


def install(app: Sphinx) -> None:
    """First filter on Sphinx's warning handler: before suppression and formatting."""
    for handler in logging.getLogger(NAMESPACE).handlers:
        if isinstance(handler, WarningStreamHandler) and not any(
            isinstance(f, DutchWarnings) for f in handler.filters
        ):
            handler.filters.insert(0, DutchWarnings(app))


def setup(app: Sphinx) -> None:
    install(app)
