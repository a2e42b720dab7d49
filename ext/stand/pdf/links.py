"""Links inside the one-page PDF: repaired, or plain text when their page is absent."""

from __future__ import annotations

from typing import Any, cast

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment.adapters.toctree import global_toctree_for_doc

from . import BUILDER


def link_within_pdf(tree: nodes.Node, pages: dict[str, str]) -> None:
    """Make every ``#document-<doc>[#anchor]`` link work in the one-page PDF.

    sphinx-needs, MyST and the toctree append ``#anchor`` to the builder's URI of
    a document, which for the single-page builders is itself ``#document-<doc>``;
    Sphinx 9 stopped repairing such URIs, so this keeps the ``#anchor``. A link to
    a whole page goes to its title: ``#document-<doc>`` marks the end of the page
    before, which would give the table of contents the wrong page number. A link
    to a page that is not in this PDF (another year, the overviews) becomes text.
    """
    for ref in list(tree.findall(nodes.reference)):
        uri = ref.get("refuri", "")
        if not uri.startswith("#document-"):
            continue
        docname, _, anchor = uri.removeprefix("#document-").partition("#")
        if docname not in pages:
            ref.replace_self(nodes.inline("", "", *ref.children, classes=["stand-buiten-pdf"]))
        elif anchor or pages[docname]:
            ref["refuri"] = f"#{anchor or pages[docname]}"


def pages_in_pdf(app: Sphinx) -> dict[str, str]:
    """Every page in the PDF (the root and what its toctrees include, at any depth),
    with the anchor of its title ("" for a page without one)."""
    found = {app.config.root_doc}
    todo = [app.config.root_doc]
    while todo:
        for child in app.env.toctree_includes.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return {docname: _title_anchor(app, docname) for docname in sorted(found)}


def _title_anchor(app: Sphinx, docname: str) -> str:
    for section in app.env.get_doctree(docname).findall(nodes.section):
        return str(section["ids"][0]) if section["ids"] else ""
    return ""


def breakable_ids(tree: nodes.Node) -> None:
    """Let the views' need IDs wrap after an underscore, not at any letter.

    ``<wbr>`` adds no character to the PDF's text, so IDs stay searchable.
    """
    for node in list(tree.findall(nodes.inline)):
        if "stand-need-id" not in node["classes"] or "_" not in node.astext():
            continue
        parts = node.astext().split("_")
        pieces: list[nodes.Node] = []
        for part in parts[:-1]:
            pieces += [nodes.Text(f"{part}_"), nodes.raw("", "<wbr>", format="html")]
        node.children = []
        node += [*pieces, nodes.Text(parts[-1])]


def repair_body_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.name == BUILDER:
        link_within_pdf(doctree, pages_in_pdf(app))
        breakable_ids(doctree)


def repair_toc_links(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Render the table of contents again, from a repaired tree (see link_within_pdf)."""
    if app.builder.name != BUILDER or not context.get("display_toc"):
        return
    builder = cast(StandaloneHTMLBuilder, app.builder)
    toctree = global_toctree_for_doc(
        app.env, app.config.root_doc, builder, tags=builder.tags, collapse=False
    )
    if toctree is not None:
        link_within_pdf(toctree, pages_in_pdf(app))
        context["toc"] = builder.render_partial(toctree)["fragment"]
