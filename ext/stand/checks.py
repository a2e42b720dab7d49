"""The contract's rules, as pure functions over :class:`~stand.model.Record`.

Each rule yields :class:`Finding` objects; ``build`` turns them into located
Sphinx warnings once per build. Subtypes are the names a writer puts in
``suppress_warnings = ["stand.<subtype>"]``; ``SUBTYPES`` documents each.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

from .config import LINKS, SLUG, TYPES_BY_NAME
from .model import Record, Written, is_valid_predecessor, year_of_docname
from .textrules import check_text, stray_options

Subtype = Literal[
    "id_patroon",
    "id_jaar",
    "jaar_afwijkend",
    "buiten_jaarmap",
    "in_jaarmap",
    "link_onbekend",
    "adresseert_doel",
    "valt_onder_doel",
    "raakt_doel",
    "vervolg_op_doel",
    "adresseert_ontbreekt",
    "valt_onder_ontbreekt",
    "dilemma_zonder_oplossing",
    "status_ongeldig",
    "weergave_optie",
    "bevroren_gewijzigd",
    "gepubliceerd_bestand",
    "nog_te_actualiseren",
    "thema_onbekend",
    "bron_onleesbaar",
    "status_ontbreekt",
    "tekst_ontbreekt",
    "optie_in_tekst",
    "onderdeel_in_onderdeel",
    "blok_open",
    "html",
    "codering",
    "onderdeel_verloren",
    "pdf",
]

#: Every subtype with what it means, in the writer's words (shown on the "Regels" page).
SUBTYPES: dict[Subtype, str] = {
    "id_patroon": "Het ID volgt niet het patroon van het type (HP_<SLUG>, AL_<jaar>_<SLUG>, "
    "DIL_<jaar>_<SLUG>, OR_<jaar>_<SLUG>; SLUG in hoofdletters, cijfers en _).",
    "id_jaar": "Het jaar in het ID is niet het verslagjaar van de map waarin de need staat.",
    "jaar_afwijkend": "Een expliciet opgegeven :jaar: wijkt af van de map docs/<jaar>/.",
    "buiten_jaarmap": "Een actielijn, dilemma of oplossingsrichting staat niet in een map "
    "docs/<jaar>/.",
    "in_jaarmap": "Een handelingsperspectief staat in een jaarmap in plaats van in "
    "docs/referentie/.",
    "link_onbekend": "Een link verwijst naar een ID dat nergens bestaat.",
    "adresseert_doel": ":adresseert: staat niet op een oplossingsrichting of wijst niet naar "
    "een dilemma van hetzelfde jaar.",
    "valt_onder_doel": ":valt_onder: staat niet op een actielijn of wijst niet naar een "
    "handelingsperspectief.",
    "raakt_doel": ":raakt: staat niet op een dilemma of oplossingsrichting of wijst niet "
    "naar een handelingsperspectief.",
    "vervolg_op_doel": ":vervolg_op: wijst niet naar een need van hetzelfde type in een "
    "eerder jaar.",
    "adresseert_ontbreekt": "Een oplossingsrichting heeft geen :adresseert:.",
    "valt_onder_ontbreekt": "Een actielijn heeft geen :valt_onder:.",
    "dilemma_zonder_oplossing": "Geen enkele oplossingsrichting adresseert dit dilemma.",
    "status_ongeldig": "De status hoort niet bij het type.",
    "weergave_optie": "Een overzicht (traceermatrix, jaarlijnen, dekking, jaarverschil, rodedraad, "
    "werkagenda) heeft een onbekende of ontbrekende optie.",
    "bevroren_gewijzigd": "Een need van een gepubliceerd jaar is gewijzigd, verwijderd of "
    'toegevoegd zonder erratum (stand publiceer <jaar> --erratum <ID> "<uitleg>").',
    "gepubliceerd_bestand": "Het bestand docs/<jaar>/gepubliceerd.json van een gepubliceerd "
    "jaar is onleesbaar.",
    "nog_te_actualiseren": "Bij de publicatiecontrole (stand controleer --publicatie): een need "
    "met de tag nog_te_actualiseren of een pagina met de melding 'Nog te actualiseren'.",
    "thema_onbekend": "Een :thema: staat niet in de lijst van thema's (stand_themas), of "
    "staat op een ander type dan een dilemma of oplossingsrichting.",
    "bron_onleesbaar": "Een bron in stand_bronnen (de needs.json van een andere organisatie) "
    "ontbreekt, is onleesbaar of is geen needs.json, of een need erin voldoet niet aan het "
    "uitwisselformaat; de andere bronnen en needs worden wel gelezen.",
    "status_ontbreekt": "Een actielijn, dilemma of oplossingsrichting heeft geen :status:.",
    "tekst_ontbreekt": "Een actielijn, dilemma of oplossingsrichting heeft geen tekst.",
    "optie_in_tekst": "Een optie (:adresseert: …) staat in de tekst van een need, doordat een "
    "lege regel het blok met opties beëindigde; ze telt niet mee.",
    "onderdeel_in_onderdeel": "Een need staat in de tekst van een andere need, doordat die "
    "(of een codeblok erin) niet is afgesloten.",
    "blok_open": "Een blok (```) wordt niet afgesloten en slokt de rest van de pagina of "
    "van de need op.",
    "html": "HTML in een titel, in de tekst van een need of op een pagina; de site toont die "
    "als gewone tekst.",
    "onderdeel_verloren": "Een :id: staat in de bron, maar er is geen need van gemaakt (ze "
    "staat bijvoorbeeld in een codeblok door een ``` te veel).",
    "codering": "Een bestand is niet als UTF-8 opgeslagen; het wordt gelezen met � op de "
    "plaatsen die niet te lezen zijn.",
    "pdf": "De pdf van een verslagjaar kan iets niet weergeven (een onbekend soort opmaak) of "
    "is niet gemaakt; de melding zegt wat en waar.",
}


@dataclass(frozen=True)
class Finding:
    subtype: Subtype
    need_id: str
    message: str
    docname: str | None
    lineno: int | None
    source: str | None = None  # where an imported need came from


#: Per link a type must have (``NeedTypeSpec.must_link``): its rule, and what it names.
_MISSING_LINK: dict[str, tuple[Subtype, str]] = {
    "adresseert": ("adresseert_ontbreekt", "het dilemma dat zij adresseert"),
    "valt_onder": ("valt_onder_ontbreekt", "het handelingsperspectief waaronder zij valt"),
}


_ARTICLE = {
    "handelingsperspectief": "het",
    "actielijn": "de",
    "dilemma": "het",
    "oplossingsrichting": "de",
}


def _id_pattern(need_type: str) -> re.Pattern[str]:
    prefix = TYPES_BY_NAME[need_type].prefix
    year = r"(?P<jaar>\d{4})_" if TYPES_BY_NAME[need_type].per_year else ""
    return re.compile(rf"^{prefix}{year}{SLUG}$")


def _example_id(need: Record) -> str:
    spec = TYPES_BY_NAME[need.type]
    return (
        f"{spec.prefix}{need.jaar or '<jaar>'}_<SLUG>" if spec.per_year else f"{spec.prefix}<SLUG>"
    )


def check_needs(
    needs: Mapping[str, Record],
    themas: Collection[str] | None = None,
    written: Mapping[str, Written] | None = None,
) -> list[Finding]:
    """All findings, in a stable order: by document, line, ID, then rule.

    A need read from another organisation's Stand was checked by that
    organisation; here only its links are, as the other needs it names must exist.
    ``written`` maps each ID written in a source (``:id:``) to where it is: one
    that is no need was lost to a mistake (``onderdeel_verloren``), and a link to
    it is not a misspelling.
    """
    # Links a blank line pushed into the text count here: optie_in_tekst reports them,
    # and "nobody addresses this dilemma" would send the writer the wrong way.
    addressed = {t for n in needs.values() for t in n.targets("adresseert")} | {
        t.strip()
        for n in needs.values()
        for t in stray_options(n.content).get("adresseert", "").split(",")
    }
    findings: list[Finding] = []
    for need in needs.values():
        if need.type not in TYPES_BY_NAME:
            continue
        if need.external_url is not None:
            findings += (
                Finding(subtype, need.id, message, None, None, need.external_url)
                for subtype, message in _dangling(need, needs)
            )
            continue
        found = [*_check_one(need, needs, addressed, written or {}), *_check_themes(need, themas)]
        findings += (Finding(s, need.id, m, need.docname, need.lineno) for s, m in found)
    findings += (
        Finding("onderdeel_verloren", need_id, _lost(need_id, where), where.docname, where.line)
        for need_id, where in (written or {}).items()
        if need_id not in needs
    )
    return sorted(
        findings,
        key=lambda f: (f.docname or "", f.source or "", f.lineno or 0, f.need_id, f.subtype),
    )


def _lost(need_id: str, where: Written) -> str:
    if where.in_code:
        return (
            f"{need_id} staat in het codeblok dat op regel {where.in_code} begint en is "
            "daardoor geen onderdeel: het staat als code op de site en ontbreekt in "
            f"needs.json. Meestal staat vlak boven regel {where.in_code} een ``` te veel, of "
            "is het blok ervoor niet goed afgesloten."
        )
    return (
        f"{need_id} is geen onderdeel geworden: het ontbreekt op de site en in needs.json. "
        "Staat er een andere melding bij, los die dan op; anders: begint het met ```{soort} "
        "Titel op een eigen regel, staan de opties direct daaronder, en is het blok ervoor "
        "afgesloten?"
    )


def _dangling(need: Record, needs: Mapping[str, Record]) -> Iterator[tuple[Subtype, str]]:
    who = need.organisatie or "een andere organisatie"
    for link in LINKS:
        for target_id in need.targets(link.name):
            if target_id not in needs:
                yield (
                    "link_onbekend",
                    (
                        f"{need.id} uit de Stand van {who} verwijst met :{link.name}: naar "
                        f"{target_id}, dat niet in die Stand staat."
                    ),
                )


def _check_themes(need: Record, themas: Collection[str] | None) -> Iterator[tuple[Subtype, str]]:
    if not need.thema:
        return
    if need.type not in ("dilemma", "oplossingsrichting"):
        yield (
            "thema_onbekend",
            (
                f":thema: hoort niet op {_ARTICLE[need.type]} {need.type} ({need.id}); alleen op "
                "een dilemma of oplossingsrichting."
            ),
        )
        return
    if themas is None:
        return
    for thema in need.thema:
        if thema not in themas:
            yield (
                "thema_onbekend",
                (
                    f"Het thema '{thema}' van {need.id} staat niet in stand_themas; kies uit "
                    f"{', '.join(sorted(themas))}, of voeg het thema toe in conf.py."
                ),
            )


def _check_one(
    need: Record,
    needs: Mapping[str, Record],
    addressed: set[str],
    written: Mapping[str, Written],
) -> Iterator[tuple[Subtype, str]]:
    spec = TYPES_BY_NAME[need.type]
    label = f"{_ARTICLE[need.type]} {need.type} {need.id}"
    subject = label[:1].upper() + label[1:]
    folder_year = year_of_docname(need.docname) if need.docname else None

    # Place and year.
    if spec.per_year and need.docname and folder_year is None:
        yield (
            "buiten_jaarmap",
            (
                f"{subject} staat in het document {need.docname}, buiten een jaarmap: "
                "zet deze need in docs/<jaar>/."
            ),
        )
    if not spec.per_year and folder_year is not None:
        yield (
            "in_jaarmap",
            (
                f"{subject} staat in de jaarmap {folder_year}: handelingsperspectieven "
                "horen in docs/referentie/."
            ),
        )
    if spec.per_year and folder_year and need.jaar and need.jaar != folder_year:
        yield (
            "jaar_afwijkend",
            (
                f"{subject} heeft :jaar: {need.jaar}, maar staat in de map {folder_year}: "
                f"laat :jaar: weg (het jaar volgt uit de map) of verplaats de need."
            ),
        )

    # ID.
    match = _id_pattern(need.type).match(need.id)
    if match is None:
        yield (
            "id_patroon",
            (f"Het ID {need.id} past niet bij het type {need.type}: schrijf {_example_id(need)}."),
        )
    elif spec.per_year and (year := folder_year or need.jaar) and match["jaar"] != year:
        yield (
            "id_jaar",
            (
                f"Het ID {need.id} noemt het jaar {match['jaar']}, maar de need hoort bij "
                f"{year}: schrijf {spec.prefix}{year}_…"
            ),
        )

    # Status.
    if need.status and need.status not in spec.statuses:
        allowed = ", ".join(spec.statuses) if spec.statuses else "geen status"
        yield (
            "status_ongeldig",
            (
                f"De status '{need.status}' van {need.id} past niet bij een "
                f"{need.type}: kies uit {allowed}."
            ),
        )

    # Links.
    for link in LINKS:
        for target_id in need.targets(link.name):
            target = needs.get(target_id)
            if target is None and target_id in written:
                where = written[target_id]
                yield (
                    "link_onbekend",
                    (
                        f"{need.id} verwijst met :{link.name}: naar {target_id}; dat staat in "
                        f"{where.path} op regel {where.line}, maar is geen onderdeel geworden "
                        "door een andere fout (zie de melding daar, of erboven): los die eerst op."
                    ),
                )
            elif target is None:
                yield (
                    "link_onbekend",
                    (
                        f"{need.id} verwijst met :{link.name}: naar {target_id}, maar dat ID "
                        "bestaat niet: controleer de spelling of voeg die need toe."
                    ),
                )
            elif problem := _link_problem(link.name, need, target):
                yield problem
    if link_name := spec.must_link:
        subtype, what = _MISSING_LINK[link_name]
        if not need.targets(link_name) and link_name not in stray_options(need.content):
            yield subtype, f"{subject} heeft geen :{link_name}:; noem {what}."
    if need.type == "dilemma" and need.id not in addressed:
        yield (
            "dilemma_zonder_oplossing",
            (
                f"Geen oplossingsrichting adresseert het dilemma {need.id}: voeg er een toe met "
                f":adresseert: {need.id}."
            ),
        )
    yield from check_text(need, subject)


def _is_hp(need: Record, target: Record) -> bool:
    return target.type == "handelingsperspectief"


def _same_year_dilemma(need: Record, target: Record) -> bool:
    return target.type == "dilemma" and target.jaar == need.jaar


@dataclass(frozen=True)
class _LinkRule:
    subtype: Subtype
    sources: tuple[str, ...]
    ok: Callable[[Record, Record], bool]
    wanted: str  # formatted with the need's type and year


_LINK_RULES: dict[str, _LinkRule] = {
    "adresseert": _LinkRule(
        "adresseert_doel",
        ("oplossingsrichting",),
        _same_year_dilemma,
        "een dilemma van {jaar}",
    ),
    "valt_onder": _LinkRule(
        "valt_onder_doel", ("actielijn",), _is_hp, "een handelingsperspectief (HP_…)"
    ),
    "raakt": _LinkRule(
        "raakt_doel",
        ("dilemma", "oplossingsrichting"),
        _is_hp,
        "een handelingsperspectief (HP_…)",
    ),
    "vervolg_op": _LinkRule(
        "vervolg_op_doel",
        ("actielijn", "dilemma", "oplossingsrichting"),
        is_valid_predecessor,
        "een {type} uit een eerder jaar dan {jaar}",
    ),
}


def _link_problem(link: str, need: Record, target: Record) -> tuple[Subtype, str] | None:
    rule = _LINK_RULES[link]
    if need.type not in rule.sources:
        return rule.subtype, (
            f":{link}: hoort niet op een {need.type} ({need.id}); alleen op "
            f"{' of '.join(rule.sources)}."
        )
    if rule.ok(need, target):
        return None
    wanted = rule.wanted.format(type=need.type, jaar=need.jaar)
    year = f", {target.jaar}" if target.jaar else ""
    return rule.subtype, (
        f"{need.id} verwijst met :{link}: naar {target.id} ({target.type}{year}); "
        f"dat moet {wanted} zijn."
    )
