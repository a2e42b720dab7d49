"""Our own rendering of a need: semantic HTML instead of nested layout tables.

sphinx-needs renders every need as a table grid (``layout.build_need_repr``). For a
reader that is a layout table: screen readers announce rows and columns, PDF/UA
rejects it, and it is the costliest step of a build with many needs. We replace
each need node first (``doctree-resolved``, before sphinx-needs' own handler) with a
``div`` holding a heading line, a definition list of status and links with Dutch
labels, and the writer's content.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.nodes import make_refnode
from sphinx_needs.api import get_needs_view
from sphinx_needs.nodes import Need

from .config import LINKS, TYPES_BY_NAME


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _link_list(app: Sphinx, docname: str, needs: Any, targets: list[str]) -> nodes.definition:
    body = nodes.paragraph()
    for index, target in enumerate(targets):
        if index:
            body += nodes.Text("; ")
        need = needs.get(target)
        label = nodes.inline("", target, classes=["stand-need-id"])
        if need is not None and need["is_external"] and need["external_url"]:
            body += nodes.reference("", "", label, refuri=need["external_url"])
            body += nodes.Text(f" {need['title']} ({need['organisatie']})")
            continue
        if need is None or need["docname"] not in app.env.all_docs:
            body += label  # an unknown ID stays visible; the check reports it
            continue
        body += make_refnode(app.builder, docname, need["docname"], target, label)
        body += nodes.Text(f" {need['title']}")
    return nodes.definition("", body)


def shown(app: Sphinx, needs: Any, need_id: str) -> bool:
    """A year's PDF leaves out back-links from other years: it must not change later."""
    year = getattr(app.builder, "year", None)
    need = needs.get(need_id)
    return year is None or need is None or need["jaar"] in (year, None, "")


def _item(term: str, definition: nodes.definition) -> nodes.definition_list_item:
    return nodes.definition_list_item("", nodes.term("", term), definition)


def need_box(app: Sphinx, docname: str, node: Need, need: Any, needs: Any) -> nodes.container:
    spec = TYPES_BY_NAME.get(need["type"])
    box = nodes.container(
        ids=list(node["ids"]), classes=["stand-need", f"stand-need-{need['type']}"]
    )
    head = nodes.paragraph(classes=["stand-need-kop"])
    head += nodes.inline("", spec.title if spec else need["type_name"], classes=["stand-soort"])
    head += nodes.Text(" ")
    head += nodes.strong("", need["title"], classes=["stand-titel"])
    head += nodes.Text(" ")
    head += nodes.reference(
        "",
        need["id"],
        refid=need["id"],
        classes=["stand-need-id"],
        reftitle=f"Vaste link naar {need['id']}",
    )
    box += head

    meta = nodes.definition_list(classes=["stand-need-meta"])
    if need["status"]:
        status = nodes.paragraph("", need["status"].replace("_", " "))
        meta += _item("Status", nodes.definition("", status))
    if need["jaar"]:
        meta += _item("Jaar", nodes.definition("", nodes.paragraph("", need["jaar"])))
    if need["lijn"] and need["lijn"] != need["id"]:
        meta += _item("Lijn", _link_list(app, docname, needs, [need["lijn"]]))
    for link in LINKS:
        if outgoing := [str(t) for t in need[link.name]]:
            meta += _item(_capital(link.outgoing), _link_list(app, docname, needs, outgoing))
        if incoming := [str(t) for t in need[f"{link.name}_back"] if shown(app, needs, t)]:
            meta += _item(_capital(link.incoming), _link_list(app, docname, needs, incoming))
    if len(meta):
        box += meta

    content = nodes.container(classes=["stand-need-tekst"])
    content += node.children
    if len(content):
        box += content
    return box


def render_needs(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    found = list(doctree.findall(Need))
    if not found:
        return
    needs = get_needs_view(app)
    for node in found:
        need = needs.get(node["ids"][0])
        # As sphinx-needs does: under -j a duplicate's node is not the need's own,
        # and a hidden need is not shown.
        if need is None or node.get("docname", need["docname"]) != need["docname"] or need["hide"]:
            node.parent.remove(node)
            continue
        node.replace_self(need_box(app, docname, node, need, needs))


def setup(app: Sphinx) -> None:
    # Before sphinx-needs' own process_need_nodes (default priority 500).
    app.connect("doctree-resolved", render_needs, priority=450)
