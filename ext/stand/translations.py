"""The Dutch of sphinx-needs' and MyST's warnings: one entry per family of messages.

Read by :mod:`stand.messages`; the Sphinx and docutils entries are in
:mod:`stand.translations_sphinx`. Each entry has an English example the tests
translate.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .config import NEED_OPTIONS, NEED_TYPES

NEED_DIRECTIVES = tuple(t.directive for t in NEED_TYPES)
#: Directives a writer of a Stand uses (for "did you mean").
KNOWN_DIRECTIVES = (
    *(t.directive for t in NEED_TYPES),
    *("traceermatrix", "jaarlijnen", "dekking", "jaarverschil", "jaarverschillen", "rodedraad"),
    "werkagenda",
    "dilemmaschema",
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

    type: str | None  # None: any type, or none (Sphinx logs some warnings untyped)
    subtype: str | None  # None: any subtype of the type
    pattern: re.Pattern[str]
    dutch: str | Dutch
    example: str

    def apply(self, groups: Mapping[str, str]) -> str:
        if callable(self.dutch):
            return self.dutch(groups)
        return self.dutch.format(**groups)


def entry(
    type_: str | None, subtype: str | None, pattern: str, dutch: str | Dutch, example: str
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
NEEDS_AND_MYST: tuple[Translation, ...] = (
    # sphinx-needs: a need directive.
    entry(
        _NEEDS,
        "directive",
        r"Unknown option '(?P<option>[^']*)'",
        _unknown_option,
        "Unknown option 'stauts'",
    ),
    entry(
        _NEEDS,
        "directive",
        r"No title given",
        "{Wie} heeft geen titel. Schrijf de titel achter de soort, bijvoorbeeld "
        "```{{dilemma}} Focus: goed en duurzaam.",
        "No title given, but title is required by configuration.",
    ),
    entry(
        _NEEDS,
        "directive",
        r"Invalid value for 'id' option",
        "{Wie} heeft een leeg :id: en is daardoor niet aangemaakt (het ontbreekt op de site). "
        "Schrijf het ID achter :id:, bijvoorbeeld :id: DIL_2022_FOCUS.",
        "Invalid value for 'id' option: 'id' must not be empty",
    ),
    entry(
        _NEEDS,
        "directive",
        r"Invalid value for '(?P<option>[^']*)' option",
        "{Wie} heeft een ongeldige waarde bij :{option}: en is daardoor niet aangemaakt "
        "(het ontbreekt op de site). Schrijf bijvoorbeeld :{option}: true of laat de optie weg.",
        "Invalid value for 'delete' option: Cannot convert 'x' to boolean",
    ),
    entry(
        _NEEDS,
        "create_need",
        r".*No ID defined",
        "{Wie} heeft geen :id: en is daardoor niet aangemaakt (het ontbreekt op de site en in "
        "needs.json). Schrijf :id: met een vast ID direct onder de eerste regel, bijvoorbeeld "
        ":id: DIL_2022_FOCUS; staat er een lege regel boven :id:, haal die dan weg.",
        "Need could not be created: No ID defined, but 'needs_id_required' is set to True.",
    ),
    entry(
        _NEEDS,
        "create_need",
        r".*A need with ID '(?P<other>[^']*)' already exists \((?:defined|imported) at "
        r"(?P<docloc>[^)]*)\)",
        "Het ID {other} is al gebruikt ({docloc}); dit tweede onderdeel met dat ID is niet "
        "aangemaakt en ontbreekt op de site. Geef een van beide een eigen ID.",
        "Need could not be created: A need with ID 'DIL_2022_D' already exists "
        "(defined at 2022/index:10).",
    ),
    entry(
        _NEEDS,
        "create_need",
        r".*A need with ID '(?P<other>[^']*)' already exists",
        "Het ID {other} is al gebruikt; dit tweede onderdeel met dat ID is niet aangemaakt en "
        "ontbreekt op de site. Geef een van beide een eigen ID.",
        "Need could not be created: A need with ID 'X' already exists (external, https://x).",
    ),
    entry(
        _NEEDS,
        "create_need",
        r".*'(?P<option>[^']*)' value is invalid",
        "{Wie} heeft een ongeldige waarde bij :{option}: en is daardoor niet aangemaakt "
        "(het ontbreekt op de site). Verbeter de waarde of laat de optie weg.",
        "Need could not be created: 'hide' value is invalid: Cannot convert 'ja' to boolean",
    ),
    entry(
        _NEEDS,
        "create_need",
        r".*(?:Given ID|does not match)",
        "{Wie} heeft een ID dat niet mag (bijvoorbeeld met een spatie) en is daardoor niet "
        "aangemaakt. Schrijf het ID in hoofdletters, cijfers en _, bijvoorbeeld DIL_2022_FOCUS.",
        "Need could not be created: Given ID 'A B' does not match configured regex '^\\S+$'",
    ),
    entry(
        _NEEDS,
        "create_need",
        r".*Unknown need type '(?P<type>[^']*)'",
        lambda g: (
            f"{g['Wie']} is niet aangemaakt: de soort {g['type']} bestaat niet."
            f"{closest(g['type'].lower(), NEED_DIRECTIVES, '{', '}')} Soorten onderdelen (in "
            f"kleine letters): {', '.join(NEED_DIRECTIVES)}."
        ),
        "Need could not be created: Unknown need type 'Dilemma'.",
    ),
    entry(
        _NEEDS,
        "create_need",
        r"Need could not be created: (?P<reason>.*)",
        "{Wie} is niet aangemaakt en ontbreekt op de site; sphinx-needs zegt: {reason}",
        "Need could not be created: something else",
    ),
    entry(
        _NEEDS,
        "duplicate_id",
        r"A need with ID (?P<other>\S+) already exists",
        "Het ID {other} staat op twee plaatsen; geef een van beide een eigen ID.",
        "A need with ID DIL_2022_D already exists, title: 'x'.",
    ),
    entry(
        _NEEDS,
        "link_ref",
        r"linked need part (?P<target>\S+) not found",
        "De verwijzing naar {target} wijst naar een deel van een onderdeel dat niet bestaat: "
        "controleer het ID en het deel achter de punt.",
        "linked need part DIL_2022_D.x not found",
    ),
    entry(
        _NEEDS,
        "link_ref",
        r"(?:linked )?need (?P<target>\S+) not found",
        "De verwijzing {{need}}`{target}` wijst naar een ID dat nergens bestaat: controleer de "
        "spelling of voeg dat onderdeel toe.",
        "linked need DIL_2022_NIET not found",
    ),
    entry(
        _NEEDS,
        "undeclared_for_type",
        r".*'(?P<option>[^']*)' is not declared on need type '(?P<type>[^']*)'",
        "{Wie} is een {type} en kan geen :{option}: hebben; die waarde wordt genegeerd. "
        "Haal :{option}: weg.",
        "Field 'thema' is not declared on need type 'actielijn' and cannot be set in need 'A'; "
        "the value 'x' is ignored",
    ),
    entry(
        _NEEDS,
        "duplicate_part_id",
        r".*",
        "{Wie} heeft twee delen met hetzelfde ID; geef elk deel een eigen ID.",
        "Part 'a' already exists in need 'X'",
    ),
    # MyST.
    entry(
        "myst",
        "directive_unknown",
        r"Unknown directive type: '(?P<name>[^']*)'",
        _unknown_directive,
        "Unknown directive type: 'dilema'",
    ),
    entry(
        "myst",
        "role_unknown",
        r'Unknown interpreted text role "(?P<name>[^"]*)"',
        _unknown_role,
        'Unknown interpreted text role "nee".',
    ),
    entry(
        "myst",
        "xref_missing",
        r"'myst' cross-reference target not found: '(?P<target>[^']*)'",
        "De link naar '{target}' wijst naar niets: er is geen pagina, kop of label met die "
        "naam. Controleer de spelling; een kop op deze pagina schrijft u als #kop-in-kleine-"
        "letters, een pagina als pad/naar/pagina.md.",
        "'myst' cross-reference target not found: 'nergens'",
    ),
    entry(
        "myst",
        "xref_ambiguous",
        r"more than one target found .*?: (?P<target>\S+)",
        "De link {target} kan naar meer dan één plaats wijzen; maak hem preciezer (met de "
        "pagina ervoor).",
        "more than one target found for 'myst' cross-reference x: could be",
    ),
    entry(
        "myst",
        "topmatter",
        r"Malformed YAML|YAML is not a dict",
        "Het voorwerk bovenaan de pagina (tussen de regels ---) is geen geldige YAML: "
        "controleer dubbele punten, haakjes en aanhalingstekens, of haal het voorwerk weg.",
        "Malformed YAML",
    ),
    entry(
        "myst",
        "topmatter",
        r".*?(?:Unknown field|field): '?(?P<name>[\w-]+)",
        "Het voorwerk bovenaan de pagina heeft een onbekend veld {name}; haal het weg.",
        "Unknown field: foo",
    ),
    entry(
        "myst",
        "header",
        r"Non-consecutive header level increase; H(?P<a>\d) to H(?P<b>\d)",
        _heading_jump,
        "Non-consecutive header level increase; H1 to H4",
    ),
    entry(
        "myst",
        "duplicate_def",
        r"Duplicate reference definition: (?P<name>.*)",
        "De linkdefinitie [{name}] staat twee keer op deze pagina; de tweede telt niet. Haal "
        "er een weg.",
        "Duplicate reference definition: a",
    ),
    entry(
        "myst",
        "directive_option",
        r"'(?P<name>[^']*)': Unknown option key: '(?P<option>[^']*)' \(allowed: (?P<allowed>.*)\)",
        _unknown_directive_option,
        "'traceermatrix': Unknown option key: 'jaaar' (allowed: ['jaar', 'rijen'])",
    ),
    entry(
        "myst",
        "directive_option",
        r"'(?P<name>[^']*)': Invalid option value for "
        r"'(?P<option>[^']*)'",
        "De waarde bij :{option}: van {{{name}}} is ongeldig; verbeter haar of laat de optie weg.",
        "'image': Invalid option value for 'width': x: bad",
    ),
    entry(
        "myst",
        "directive_option",
        r"(?:'(?P<name>[^']*)': )?Invalid options format",
        "De opties van dit blok zijn onleesbaar: schrijf elke optie op een eigen regel als "
        ":naam: waarde, direct onder de eerste regel.",
        "'note': Invalid options format (bad YAML)",
    ),
    entry(
        "myst",
        "directive_body",
        r".*",
        "Dit blok heeft tekst die het niet kan hebben, of mist tekst die het nodig heeft; "
        "controleer de regels tussen de openende en sluitende ```.",
        "'x': Has content, but none permitted",
    ),
    entry(
        "myst",
        "section_ref",
        r".*not found in this document: '(?P<target>[^']*)'",
        "De link naar de kop '{target}' wijst naar niets op deze pagina; controleer de spelling.",
        "Section reference target not found in this document: 'x'",
    ),
    entry(
        "myst",
        "substitution",
        r".*",
        "Een vervanging ({{{{naam}}}}) kan niet worden ingevuld; controleer de naam in het "
        "voorwerk.",
        "Substitution error:UndefinedError: 'x' is undefined",
    ),
    entry(
        "myst",
        "html",
        r".*",
        "De HTML op deze plaats is onleesbaar; schrijf de tekst in Markdown.",
        "HTML could not be parsed",
    ),
)
