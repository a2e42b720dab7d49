"""Our config values, and the need types, links and fields handed to sphinx-needs.

This module is the one place where the contract's types, link types and fields
are declared; everything else reads them from here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError


@dataclass(frozen=True)
class NeedTypeSpec:
    directive: str
    title: str
    prefix: str
    per_year: bool
    statuses: tuple[str, ...]
    color: str
    must_link: str | None = None  # the link a need of this type must have (the contract)


#: What follows a type's prefix (and year) in an ID: upper case letters, digits, ``_``.
SLUG = r"[A-Z0-9_]+"

DILEMMA_STATUSES = ("open", "deels_opgelost", "opgelost", "vervallen")
WORK_STATUSES = ("voorgesteld", "in_uitvoering", "gerealiseerd", "vervallen")

NEED_TYPES: tuple[NeedTypeSpec, ...] = (
    NeedTypeSpec("handelingsperspectief", "Handelingsperspectief", "HP_", False, (), "#E3EEF8"),
    NeedTypeSpec("actielijn", "Actielijn", "AL_", True, WORK_STATUSES, "#E6F2E6", "valt_onder"),
    NeedTypeSpec("dilemma", "Dilemma", "DIL_", True, DILEMMA_STATUSES, "#FBEBD9"),
    NeedTypeSpec(
        "oplossingsrichting",
        "Oplossingsrichting",
        "OR_",
        True,
        WORK_STATUSES,
        "#F1E6F5",
        "adresseert",
    ),
)
TYPES_BY_NAME = {t.directive: t for t in NEED_TYPES}


@dataclass(frozen=True)
class LinkSpec:
    name: str
    outgoing: str
    incoming: str
    description: str


LINKS: tuple[LinkSpec, ...] = (
    LinkSpec(
        "adresseert",
        "adresseert",
        "wordt geadresseerd door",
        "Oplossingsrichting naar het dilemma (zelfde jaar) dat zij adresseert.",
    ),
    LinkSpec(
        "valt_onder",
        "valt onder",
        "omvat",
        "Actielijn naar het handelingsperspectief waaronder zij valt.",
    ),
    LinkSpec(
        "vervolg_op",
        "vervolg op",
        "vervolgd in",
        "Need naar zijn voorganger(s) van hetzelfde type in een eerder jaar.",
    ),
    LinkSpec(
        "raakt",
        "raakt",
        "geraakt door",
        "Dilemma of oplossingsrichting naar een handelingsperspectief dat zij raakt.",
    ),
)


#: The options a writer puts on a need, in the order the writers' guide names them.
NEED_OPTIONS: tuple[str, ...] = ("id", "status", "jaar", "thema", "tags", *(k.name for k in LINKS))


#: The common threads ("rode draad") the Staat van de uitvoering reads the Standen
#: for; a project extends them with ``stand_themas = {**THEMAS, "slug": "..."}``.
THEMAS: dict[str, str] = {
    "wet_en_regelgeving": "Complexiteit van wet- en regelgeving",
    "gegevensuitwisseling": "Gegevensuitwisseling",
    "arbeidsmarkt": "Arbeidsmarkt en personeel",
    "ict_en_legacy": "ICT en verouderde systemen",
    "financiering": "Financiering",
    "samenwerking_beleid_uitvoering": "Samenwerking tussen beleid en uitvoering",
    "dienstverlening": "Dienstverlening en burgerperspectief",
    "sturing": "Sturing, prioriteiten en governance",
}


@dataclass(frozen=True)
class StandConfig:
    """Our own config values; each is registered as ``stand_<name>``."""

    organisatie: str = field(
        default="Logius", metadata={"doc": "De organisatie die de Stand uitbrengt."}
    )
    pdf_jaar: str = field(
        default="",
        metadata={"doc": "Alleen van deze verslagjaren een pdf (komma's ertussen); leeg: alle."},
    )
    themas: dict[str, str] = field(
        default_factory=lambda: dict(THEMAS),
        metadata={"doc": "De thema's (slug: omschrijving) die :thema: mag noemen."},
    )
    werkagenda_pagina: str = field(
        default="referentie/index",
        metadata={
            "doc": "De pagina waar de zes handelingsperspectieven van de Werkagenda komen "
            "(bestaat die niet: de startpagina)."
        },
    )
    bronnen: list[dict[str, Any]] = field(
        default_factory=list,
        metadata={"doc": "De Standen van andere organisaties om in te lezen (needs.json)."},
    )

    @classmethod
    def from_sphinx(cls, config: Config) -> StandConfig:
        return cls(**{f.name: getattr(config, f"stand_{f.name}") for f in fields(cls)})


def needs_fields(organisatie: str) -> dict[str, dict[str, Any]]:
    return {
        "jaar": {
            "description": "Verslagjaar; volgt uit de map docs/<jaar>/.",
            "schema": {"type": "string", "pattern": r"^\d{4}$"},
            "nullable": True,
        },
        "organisatie": {
            "description": "De organisatie die de Stand uitbrengt.",
            "schema": {"type": "string"},
            "default": organisatie,
        },
        "thema": {
            "description": "Thema's (rode draad) van een dilemma of oplossingsrichting.",
            "schema": {"type": "array", "items": {"type": "string"}},
        },
        "lijn": {
            "description": "Berekend: ID van de vroegste voorganger via vervolg_op.",
            "schema": {"type": "string"},
            "nullable": True,
        },
    }


def apply_needs_config(app: Sphinx, config: Config) -> None:
    """Hand the contract's types, links and fields to sphinx-needs.

    Runs before sphinx-needs reads its configuration (its handlers start at
    priority 10), so there is one source of truth: this module.
    """
    ours = StandConfig.from_sphinx(config)
    if not ours.organisatie.strip():
        raise ConfigError(
            "stand_organisatie is leeg: schrijf de naam van de organisatie, "
            'bijvoorbeeld stand_organisatie = "Logius".'
        )
    config.needs_types = [
        {
            "directive": t.directive,
            "title": t.title,
            "prefix": t.prefix,
            "color": t.color,
            "style": "node",
        }
        for t in NEED_TYPES
    ]
    config.needs_links = {
        # Dead links are reported by our own located Dutch check (link_onbekend).
        link.name: {
            "outgoing": link.outgoing,
            "incoming": link.incoming,
            "description": link.description,
            "allow_dead_links": True,
        }
        for link in LINKS
    }
    config.needs_fields = needs_fields(ours.organisatie)
    config.needs_id_required = True
    # Our own check (id_patroon) reports IDs per type, with location.
    config.needs_id_regex = r"^\S+$"
    # needs.json is written by needsfile.py (same content, the C JSON encoder).
    config.needs_build_json = False
    config.needs_reproducible_json = True
    # Fields and links are checked by our own rules (checks.py), located and in Dutch;
    # sphinx-needs' schema validation would check every need again on every build and
    # publish schema_violations.json, which holds its run time (no two builds alike).
    config.needs_schema_validation_enabled = False
    # Diagrams as SVG: sharp in the PDF, text a screen reader and search can read.
    config.graphviz_output_format = "svg"
    # Definition lists ("term" then ": meaning"), as the writers' guide writes them.
    config.myst_enable_extensions = {*config.myst_enable_extensions, "deflist"}


def apply_readthedocs(app: Sphinx, config: Config) -> None:
    """On Read the Docs: the canonical URL and the version name it hands us."""
    if os.environ.get("READTHEDOCS") != "True":
        return
    if (canonical := os.environ.get("READTHEDOCS_CANONICAL_URL")) and not config.html_baseurl:
        config.html_baseurl = canonical
    if version := os.environ.get("READTHEDOCS_VERSION_NAME"):
        config.version = config.release = version


def setup(app: Sphinx) -> None:
    defaults = StandConfig()
    for f in fields(StandConfig):
        app.add_config_value(
            f"stand_{f.name}",
            getattr(defaults, f.name),
            "env",
            types=[type(getattr(defaults, f.name))],
            description=f.metadata["doc"],
        )
    app.connect("config-inited", apply_needs_config, priority=5)
    app.connect("config-inited", apply_readthedocs)
