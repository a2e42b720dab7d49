"""The Overheidsbrede Werkagenda, shared by every Stand, and the view across organisations.

The six handelingsperspectieven are the same for every organisation, so they
ship with the extension: their directives are added to the end of the project's
reference page (``stand_werkagenda_pagina``, else the root document) when it is
read, so they are real needs with a page and an anchor, in the site and in the
PDF, without anyone writing them. One the page writes itself (to add a text)
is that one, not added twice. A Staat drops them from every source it reads
(``bronnen``) and keeps the links to them unprefixed: one shared need each.

The ``werkagenda`` view lists, per handelingsperspectief and year, each
organisation's actielijnen with their status: a grouped list, not a table, so
it fits the content column with any number of organisations, built in one pass
over the needs shown.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives as rst
from sphinx.application import Sphinx

from . import views
from .directives import ORGANISATIE, ViewDirective
from .model import Record

#: ID and title of each handelingsperspectief of the Werkagenda, in its order.
HANDELINGSPERSPECTIEVEN: tuple[tuple[str, str], ...] = (
    ("HP_DIENSTVERLENING", "Toekomstbestendige dienstverlening"),
    ("HP_DIGITALE_AGENDA", "Versnelling digitale agenda"),
    ("HP_WETGEVING", "Begrijpelijke en uitvoerbare wetgeving"),
    (
        "HP_SAMENWERKING",
        "Intensivering van samenwerking en verbeteren ambtelijke sturingsdriehoek",
    ),
    ("HP_STATUUR", "Vergroten statuur en aantrekkelijkheid van de uitvoering"),
    ("HP_POLITIEK", "Rol van de politiek"),
)
SHARED_IDS = frozenset(hp_id for hp_id, _ in HANDELINGSPERSPECTIEVEN)
_ORDER = {hp_id: index for index, (hp_id, _) in enumerate(HANDELINGSPERSPECTIEVEN)}
_WRITTEN_ID = re.compile(r"^[ \t>]*:id:[ \t]*(HP_\w+)[ \t]*$", re.M)


def werkagenda_page(app: Sphinx) -> str:
    """The page the shared handelingsperspectieven are added to."""
    page: str = app.config.stand_werkagenda_pagina
    return page if page in app.env.found_docs else app.config.root_doc


def shared_source(written: set[str], markdown: bool) -> str:
    """The directives of the shared handelingsperspectieven the page does not write."""
    parts = []
    for hp_id, title in HANDELINGSPERSPECTIEVEN:
        if hp_id in written:
            continue
        if markdown:
            parts.append(f"```{{handelingsperspectief}} {title}\n:id: {hp_id}\n```\n")
        else:
            parts.append(f".. handelingsperspectief:: {title}\n   :id: {hp_id}\n")
    return "\n".join(parts)


def add_shared(app: Sphinx, docname: str, source: list[str]) -> None:
    if docname != werkagenda_page(app):
        return
    written = set(_WRITTEN_ID.findall(source[0]))
    markdown = str(app.env.doc2path(docname)).endswith(".md")
    # At the end: the writer's own lines keep their numbers in every message.
    source[0] = source[0].rstrip("\n") + "\n\n" + shared_source(written, markdown)


def page_moved(
    app: Sphinx, env: Any, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """When the reference page appears or goes, the six move: read both pages again."""
    page: str = app.config.stand_werkagenda_pagina
    if page in added or page in removed:
        return sorted({app.config.root_doc} - removed)
    return []


# --- the view --------------------------------------------------------------------


class Werkagenda(ViewDirective):
    """Per handelingsperspectief and year: each organisation's actielijnen."""

    kind = "werkagenda"
    option_spec: ClassVar[dict[str, Any]] = {
        "vanaf": rst.unchanged_required,
        "tot": rst.unchanged_required,
        **ORGANISATIE,
    }
    year_options = ("vanaf", "tot")


def hp_order(hp: Record) -> tuple[int, str]:
    """The Werkagenda's order first, then the projects' own by ID."""
    return (_ORDER.get(hp.id, len(_ORDER)), hp.id)


def grouped(
    needs: dict[str, Record], vanaf: str, tot: str
) -> dict[str, dict[str, dict[str, list[Record]]]]:
    """handelingsperspectief -> year -> organisation -> actielijnen, in one pass."""
    groups: dict[str, dict[str, dict[str, list[Record]]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list))
    )
    for need in needs.values():
        if need.type != "actielijn" or not need.jaar or not vanaf <= need.jaar <= tot:
            continue
        for target in dict.fromkeys(need.targets("valt_onder")):
            hp = needs.get(target)
            if hp is not None and hp.type == "handelingsperspectief":
                groups[target][need.jaar][need.organisatie].append(need)
    return groups


def sites(app: Sphinx) -> dict[str, str]:
    """Each imported organisation's site, from ``stand_bronnen``."""
    return {
        str(b["organisatie"]): str(b["site"])
        for b in app.config.stand_bronnen
        if isinstance(b, dict) and b.get("organisatie") and b.get("site")
    }


def render_werkagenda(ctx: views.Context, options: dict[str, str]) -> nodes.Node:
    vanaf, tot = views.year_range(options)
    groups = grouped(ctx.needs, vanaf, tot)
    home = sites(ctx.app)
    box = nodes.container(classes=["stand-werkagenda"])
    hps = sorted((n for n in ctx.needs.values() if n.type == "handelingsperspectief"), key=hp_order)
    if not hps:
        box += nodes.paragraph("", "Er zijn geen handelingsperspectieven.")
    for hp in hps:
        part = nodes.container(classes=["stand-werkagenda-perspectief"])
        title = nodes.strong("", "Handelingsperspectief: ")
        title += ctx.link(hp.id, nodes.inline("", hp.title, classes=["stand-titel"]))
        title += nodes.Text(f" ({hp.id})")
        part += nodes.paragraph("", "", title, classes=["stand-kop"])
        years = groups.get(hp.id, {})
        if not years:
            part += nodes.paragraph("", "Geen actielijnen.", classes=["stand-gap"])
        per_year = nodes.bullet_list(classes=["stand-werkagenda-jaren"])
        for year in sorted(years):
            organisations = years[year]
            count = sum(len(a) for a in organisations.values())
            item = nodes.list_item()
            item += nodes.paragraph(
                "",
                f"{year}: {count} actielijn{'en' if count != 1 else ''} van "
                f"{len(organisations)} organisatie{'s' if len(organisations) != 1 else ''}",
            )
            per_org = nodes.bullet_list(classes=["stand-werkagenda-organisaties"])
            for organisatie in sorted(organisations):
                per_org += organisation_item(ctx, organisatie, home, organisations[organisatie])
            item += per_org
            per_year += item
        if len(per_year):
            part += per_year
        box += part
    return box


def organisation_item(
    ctx: views.Context, organisatie: str, home: dict[str, str], actielijnen: list[Record]
) -> nodes.list_item:
    name: nodes.Node = nodes.inline("", organisatie or "(geen organisatie)")
    if organisatie in home:
        name = nodes.reference("", "", name, refuri=home[organisatie], classes=["stand-extern"])
    item = nodes.list_item(classes=["stand-werkagenda-organisatie"])
    item += nodes.paragraph("", "", nodes.strong("", "", name))
    item += views.need_list(ctx, sorted(actielijnen, key=lambda n: n.id), status=True)
    return item


def setup(app: Sphinx) -> None:
    app.add_directive(Werkagenda.kind, Werkagenda)
    views.add_renderer(Werkagenda.kind, render_werkagenda)
    app.connect("source-read", add_shared)
    app.connect("env-get-outdated", page_moved)
