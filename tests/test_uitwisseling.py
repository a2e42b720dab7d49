"""The exchange format: the JSON Schema of what a Stand publishes in needs.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema_rs
import pytest
from stand.uitwisseling import SCHEMA_FILE, schema_text, violations

VALID = {
    "id": "AL_2031_X",
    "type": "actielijn",
    "title": "X",
    "organisatie": "Dienst Alfa (fictief)",
    "jaar": "2031",
    "status": "in_uitvoering",
    "valt_onder": ["HP_DIGITALE_AGENDA"],
}


def test_the_shipped_file_is_the_contract_as_configured() -> None:
    """The file follows from config's types, statuses and links (no drift by hand)."""
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text()
    schema = json.loads(schema_text())
    need = schema["$defs"]["need"]
    assert need["properties"]["type"]["enum"] == [
        "handelingsperspectief",
        "actielijn",
        "dilemma",
        "oplossingsrichting",
    ]
    assert {"adresseert", "valt_onder", "vervolg_op", "raakt", "valt_onder_back"} <= set(
        need["properties"]
    )


def test_the_site_publishes_it_next_to_needs_json_and_keeps_to_it(real_html: Path) -> None:
    published = real_html / "stand-needs.schema.json"
    assert published.read_bytes() == SCHEMA_FILE.read_bytes()
    validator = jsonschema_rs.validator_for(json.loads(published.read_text(encoding="utf-8")))
    data = json.loads((real_html / "needs.json").read_text(encoding="utf-8"))
    assert [e.message for e in validator.iter_errors(data)] == []
    index = (real_html / "index.html").read_text(encoding="utf-8")
    assert 'href="stand-needs.schema.json"' in index


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({}, []),
        ({"status": "open"}, ["'status' is \"open\"; toegestaan is: voorgesteld, "
                              "in_uitvoering, gerealiseerd, vervallen"]),
        ({"jaar": "31"}, ["'jaar' is \"31\" en volgt niet het patroon ^\\d{4}$"]),
        ({"id": "AL_X"}, ["'id' is \"AL_X\" en volgt niet het patroon ^AL_\\d{4}_[A-Z0-9_]+$"]),
        ({"valt_onder": []}, ["'valt_onder' is leeg; er moet minstens één ID in staan"]),
        ({"title": 3}, ["'title' is 3, maar moet tekst zijn"]),
        ({"organisatie": ""}, ["'organisatie' is leeg"]),
        ({"type": "doel"}, ["'type' is \"doel\"; toegestaan is: handelingsperspectief, "
                            "actielijn, dilemma, oplossingsrichting"]),
        ({"raakt": ["hp a"]}, ["'raakt.0' is \"hp a\" en volgt niet het patroon ^[A-Z0-9_]+$"]),
    ],
)  # fmt: skip
def test_each_violation_in_dutch(change: dict[str, Any], expected: list[str]) -> None:
    assert list(violations({**VALID, **change})) == expected


def test_a_missing_field_and_a_handelingsperspectief_without_year() -> None:
    need = {k: v for k, v in VALID.items() if k != "status"}
    assert list(violations(need)) == ["het veld 'status' ontbreekt"]
    hp = {"id": "HP_A", "type": "handelingsperspectief", "title": "A", "organisatie": "X"}
    assert list(violations({**hp, "jaar": None, "status": None})) == []
