"""The exchange format: a JSON Schema of what a Stand publishes in ``needs.json``.

Built from the contract as ``config`` declares it (types, statuses, links,
fields), shipped as ``schema/stand-needs.schema.json`` (a test keeps the file
equal to what this module builds), published on every site next to
``needs.json``, and checked by a Staat for each need of each source it reads.
The Dutch messages say what is wrong in the writer's words, not the validator's.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs

from .config import LINKS, NEED_TYPES, SLUG

SCHEMA_FILE = Path(__file__).parent / "schema" / "stand-needs.schema.json"
SCHEMA_NAME = SCHEMA_FILE.name
_YEAR = r"^\d{4}$"
NEED_REF = {"$ref": "#/$defs/need"}


def _type_rule(spec: Any) -> dict[str, Any]:
    """What a need of one type must hold."""
    pattern = f"^{spec.prefix}\\d{{4}}_{SLUG}$" if spec.per_year else f"^{spec.prefix}{SLUG}$"
    then: dict[str, Any] = {"properties": {"id": {"pattern": pattern}}}
    if spec.per_year:
        then["required"] = ["jaar", "status"]
        then["properties"]["jaar"] = {"type": "string", "pattern": _YEAR}
        then["properties"]["status"] = {"enum": list(spec.statuses)}
    if link := spec.must_link:
        then.setdefault("required", []).append(link)
        then["properties"][link] = {"type": "array", "minItems": 1}
    return {"if": {"properties": {"type": {"const": spec.directive}}}, "then": then}


def build_schema() -> dict[str, Any]:
    ids = {"type": "array", "items": {"type": "string", "pattern": f"^{SLUG}$"}}
    links: dict[str, Any] = {}
    for link in LINKS:
        links[link.name] = {**ids, "description": link.description}
        links[f"{link.name}_back"] = {**ids, "description": f"Terugverwijzing: {link.incoming}."}
    need = {
        "type": "object",
        "description": "Eén onderdeel van de Stand.",
        "required": ["id", "type", "title", "organisatie"],
        "properties": {
            "id": {"type": "string", "pattern": f"^{SLUG}$"},
            "type": {"enum": [t.directive for t in NEED_TYPES]},
            "title": {"type": "string", "minLength": 1},
            "content": {"type": "string"},
            "organisatie": {"type": "string", "minLength": 1},
            "jaar": {"type": ["string", "null"], "pattern": _YEAR},
            "status": {"type": ["string", "null"]},
            "thema": {"type": ["array", "null"], "items": {"type": "string"}},
            "lijn": {"type": ["string", "null"], "pattern": f"^{SLUG}$"},
            "docname": {"type": ["string", "null"]},
            **links,
        },
        "allOf": [_type_rule(spec) for spec in NEED_TYPES],
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_NAME,
        "title": "needs.json van een Stand van de uitvoering",
        "description": "Wat een Stand publiceert: per onderdeel type, velden, verbanden, "
        "organisatie en jaar. Velden die sphinx-needs daarnaast schrijft, mogen.",
        "type": "object",
        "required": ["current_version", "versions"],
        "properties": {
            "current_version": {"type": "string"},
            "versions": {
                "type": "object",
                "additionalProperties": {
                    "type": "object",
                    "required": ["needs"],
                    "properties": {"needs": {"type": "object", "additionalProperties": NEED_REF}},
                },
            },
        },
        "$defs": {"need": need},
    }


def schema_text() -> str:
    return json.dumps(build_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


@cache
def _need_validator() -> Any:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return jsonschema_rs.validator_for({**NEED_REF, "$defs": schema["$defs"]})


def _field(path: list[str | int]) -> str:
    return ".".join(str(p) for p in path) or "de need"


_TYPE_WORDS = {
    "string": "tekst",
    "array": "een lijst",
    "object": "een object",
    "null": "leeg (null)",
    "integer": "een geheel getal",
    "number": "een getal",
    "boolean": "true of false",
}


def _dutch(error: Any) -> str:
    """One violation in Dutch: the field, the value and what the contract expects."""
    kind = error.kind
    name = type(kind).__name__
    field = _field(list(error.instance_path))
    value = json.dumps(error.instance, ensure_ascii=False)
    if name == "Required":
        return f"het veld '{kind.property}' ontbreekt"
    if name == "Enum":
        options = ", ".join(str(o) for o in kind.options)
        return f"'{field}' is {value}; toegestaan is: {options}"
    if name == "Type":
        wanted = " of ".join(_TYPE_WORDS.get(str(t), str(t)) for t in kind.types)
        return f"'{field}' is {value}, maar moet {wanted} zijn"
    if name == "Pattern":
        return f"'{field}' is {value} en volgt niet het patroon {kind.pattern}"
    if name == "MinItems":
        return f"'{field}' is leeg; er moet minstens één ID in staan"
    if name == "MinLength":
        return f"'{field}' is leeg"
    if name == "Constant":
        return f"'{field}' is {value}"
    return f"'{field}' is {value} en voldoet niet aan het schema"


def violations(need: Mapping[str, Any]) -> Iterator[str]:
    """Every way a need breaks the schema, in Dutch; nothing if it is valid."""
    # Two rules may report the same fault (the year's pattern); say it once.
    yield from dict.fromkeys(_dutch(error) for error in _need_validator().iter_errors(need))
