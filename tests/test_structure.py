"""Structure of the real docs, read from needs.json: the needs, their IDs and links."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest

Needs = dict[str, dict[str, Any]]

HANDELINGSPERSPECTIEVEN = {
    "HP_DIENSTVERLENING": "Toekomstbestendige dienstverlening",
    "HP_DIGITALE_AGENDA": "Versnelling digitale agenda",
    "HP_WETGEVING": "Begrijpelijke en uitvoerbare wetgeving",
    "HP_SAMENWERKING": "Intensivering van samenwerking en verbeteren ambtelijke sturingsdriehoek",
    "HP_STATUUR": "Vergroten statuur en aantrekkelijkheid van de uitvoering",
    "HP_POLITIEK": "Rol van de politiek",
}

# Dilemma ID -> (title, number of oplossingsrichtingen in the source).
DILEMMAS_2022 = {
    "DIL_2022_FOCUS": ("Focus: goed en duurzaam", 4),
    "DIL_2022_ARBEIDSMARKT": ("Arbeidsmarkt en ambitie", 4),
    "DIL_2022_SAMENWERKING": ("Samenwerking beleid en uitvoering", 3),
    "DIL_2022_COMPLEXITEIT": ("Complexiteit versus in eenvoud", 3),
}

# Actielijn ID -> (title, handelingsperspectief).
ACTIELIJNEN_2022 = {
    "AL_2022_TOEKOMSTBESTENDIGE_DIENSTVERLENING": (
        "Toekomstbestendige dienstverlening",
        "HP_DIENSTVERLENING",
    ),
    "AL_2022_GDI": ("Gemeenschappelijke Digitale Infrastructuur (GDI)", "HP_DIGITALE_AGENDA"),
    "AL_2022_DATAGEDREVEN_WERKEN": ("Data gedreven werken", "HP_DIGITALE_AGENDA"),
    "AL_2022_ICT_DATA_EXPERTISE": ("ICT- en data expertise", "HP_DIGITALE_AGENDA"),
    "AL_2022_BEGRIJPELIJKE_WETGEVING": ("Begrijpelijke en uitvoerbare wetgeving", "HP_WETGEVING"),
    "AL_2022_STEWARDSHIPSMODEL": ("Hanteer het stewardshipsmodel", "HP_SAMENWERKING"),
    "AL_2022_STATUUR_AANTREKKELIJKHEID": (
        "Vergroten statuur en aantrekkelijkheid van de uitvoering",
        "HP_STATUUR",
    ),
    "AL_2022_ROL_POLITIEK": ("Rol van de politiek", "HP_POLITIEK"),
}

# The contract's ID patterns; the per-year ones carry the year.
ID_PATTERNS = {
    "handelingsperspectief": re.compile(r"^HP_[A-Z0-9_]+$"),
    "actielijn": re.compile(r"^AL_(?P<jaar>\d{4})_[A-Z0-9_]+$"),
    "dilemma": re.compile(r"^DIL_(?P<jaar>\d{4})_[A-Z0-9_]+$"),
    "oplossingsrichting": re.compile(r"^OR_(?P<jaar>\d{4})_[A-Z0-9_]+$"),
}


def of_type(needs: Needs, kind: str, jaar: str | None = None) -> Needs:
    return {
        nid: n
        for nid, n in needs.items()
        if n["type"] == kind and (jaar is None or n["jaar"] == jaar)
    }


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def test_only_known_need_types(real_needs: Needs) -> None:
    assert {n["type"] for n in real_needs.values()} <= set(ID_PATTERNS)


def test_six_handelingsperspectieven_with_fixed_ids(real_needs: Needs) -> None:
    hps = of_type(real_needs, "handelingsperspectief")
    assert {nid: n["title"] for nid, n in hps.items()} == HANDELINGSPERSPECTIEVEN
    for nid, need in hps.items():
        assert need["docname"].startswith("referentie/"), nid
        assert not need["jaar"], nid


def test_four_dilemmas_2022(real_needs: Needs) -> None:
    dilemmas = of_type(real_needs, "dilemma", "2022")
    assert {nid: n["title"] for nid, n in dilemmas.items()} == {
        nid: title for nid, (title, _) in DILEMMAS_2022.items()
    }
    for nid, need in dilemmas.items():
        assert need["status"] == "open", nid
        assert need["content"].strip(), nid


def test_fourteen_oplossingsrichtingen_4_4_3_3(real_needs: Needs) -> None:
    ors = of_type(real_needs, "oplossingsrichting", "2022")
    assert len(ors) == 14
    for nid, need in ors.items():
        assert len(need["adresseert"]) == 1, nid
        assert need["adresseert"][0] in DILEMMAS_2022, nid
        assert need["status"] == "voorgesteld", nid
    per_dilemma = Counter(n["adresseert"][0] for n in ors.values())
    assert per_dilemma == {nid: count for nid, (_, count) in DILEMMAS_2022.items()}


def test_adresseert_back_links(real_needs: Needs) -> None:
    ors = of_type(real_needs, "oplossingsrichting", "2022")
    for dil_id in DILEMMAS_2022:
        expected = {nid for nid, n in ors.items() if dil_id in n["adresseert"]}
        back = real_needs[dil_id]["adresseert_back"]
        assert set(back) == expected, dil_id
        assert len(back) == DILEMMAS_2022[dil_id][1], dil_id


def test_oplossingsrichting_titles_are_words_of_the_bullet(real_needs: Needs) -> None:
    """Editorial rule: the source gives the bullets no titles, so the title is a label
    made only of words from the bullet itself; the bullet is the content."""
    for nid, need in of_type(real_needs, "oplossingsrichting", "2022").items():
        extra = words(need["title"]) - words(need["content"])
        assert not extra, f"{nid}: titelwoorden niet in de tekst: {sorted(extra)}"
        assert len(need["title"]) < len(need["content"]), nid


def test_every_handelingsperspectief_has_a_2022_actielijn(real_needs: Needs) -> None:
    actielijnen = of_type(real_needs, "actielijn", "2022")
    for hp_id in HANDELINGSPERSPECTIEVEN:
        under = {nid for nid, n in actielijnen.items() if hp_id in n["valt_onder"]}
        assert under, f"{hp_id} heeft geen actielijn in 2022"
        assert under <= set(real_needs[hp_id]["valt_onder_back"]), hp_id


def test_actielijnen_2022(real_needs: Needs) -> None:
    actielijnen = of_type(real_needs, "actielijn", "2022")
    assert {nid: (n["title"], *n["valt_onder"]) for nid, n in actielijnen.items()} == (
        ACTIELIJNEN_2022
    )
    for nid, need in actielijnen.items():
        assert need["status"] == "in_uitvoering", nid
        assert need["content"].strip(), nid


@pytest.mark.parametrize(
    "al_id",
    [
        "AL_2022_GDI",
        "AL_2022_DATAGEDREVEN_WERKEN",
        "AL_2022_ICT_DATA_EXPERTISE",
        "AL_2022_STEWARDSHIPSMODEL",
    ],
)
def test_sub_heading_actielijnen(real_needs: Needs, al_id: str) -> None:
    title, hp_id = ACTIELIJNEN_2022[al_id]
    need = real_needs[al_id]
    assert need["type"] == "actielijn"
    assert need["title"] == title
    assert need["valt_onder"] == [hp_id]
    assert al_id in real_needs[hp_id]["valt_onder_back"]


def test_2022_needs_have_year_and_organisation(real_needs: Needs) -> None:
    in_2022 = [n for n in real_needs.values() if n["docname"].startswith("2022/")]
    assert len(in_2022) == 4 + 14 + len(ACTIELIJNEN_2022)
    for need in in_2022:
        assert need["type"] != "handelingsperspectief", need["id"]
        assert need["jaar"] == "2022", need["id"]
        assert need["organisatie"] == "Logius", need["id"]


def test_ids_match_the_contract(real_needs: Needs) -> None:
    for nid, need in real_needs.items():
        match = ID_PATTERNS[need["type"]].match(nid)
        assert match, f"{nid} past niet bij het patroon voor {need['type']}"
        if "jaar" in match.groupdict():
            assert match["jaar"] == need["jaar"], nid


def test_links_stay_within_the_contract(real_needs: Needs) -> None:
    for nid, need in real_needs.items():
        for target in need["adresseert"]:
            assert real_needs[target]["type"] == "dilemma", nid
            assert real_needs[target]["jaar"] == need["jaar"], nid
        for target in need["valt_onder"]:
            assert real_needs[target]["type"] == "handelingsperspectief", nid
