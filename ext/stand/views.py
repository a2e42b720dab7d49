"""Render the view placeholders once all needs are final (``doctree-resolved``).

Every table has real header cells (``<th scope>``) and a caption; gaps are said in
words, not only by colour; every need named links to where it is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.nodes import make_refnode

from . import viewprints
from .build import need_model
from .cache import once_per_build
from .directives import PAGE_YEAR, split_names, stand_view
from .model import (
    Record,
    common_threads,
    compute_lineages,
    consecutive_years,
    coverage,
    of_organisations,
    word_diff,
    year_diff,
    years_of,
)

STATIC = Path(__file__).parent / "static"


class header_cell(nodes.entry):
    """A table header cell that says what it heads (``scope``), for screen readers.

    Other writers than HTML fall back to ``entry`` through Sphinx's MRO dispatch.
    """


def visit_header_cell(self: Any, node: header_cell) -> None:
    self.visit_entry(node)
    self.body[-1] = self.body[-1].replace("<th ", f'<th scope="{node["scope"]}" ', 1)


def depart_header_cell(self: Any, node: header_cell) -> None:
    self.depart_entry(node)


class need_id_text(nodes.inline):
    """A need's ID; in a table's HTML it may break after an underscore (``<wbr>``), so
    long IDs fit narrow columns without an invisible character in the copied text."""


def visit_need_id_text(self: Any, node: need_id_text) -> None:
    self.body.append(self.starttag(node, "span", ""))
    parts = [self.encode(part) for part in node.astext().split("_")]
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.table):
        parent = parent.parent
    self.body.append(("_<wbr>" if parent is not None else "_").join(parts))
    self.body.append("</span>")
    raise nodes.SkipNode


def depart_need_id_text(self: Any, node: need_id_text) -> None:
    pass  # skipped by its visitor


@dataclass
class Context:
    app: Sphinx
    docname: str
    needs: dict[str, Record]
    _lines: dict[str, str] | None = None
    _uris: dict[str, str] = field(default_factory=dict)  # per target page

    @property
    def lines(self) -> dict[str, str]:
        if self._lines is None:
            whole = self.needs is need_model(self.app)
            # The whole model's lines once per build, not per view page; a view
            # narrowed to organisations computes its own.
            self._lines = (
                once_per_build(self.app, "lines", lambda: compute_lineages(self.needs))
                if whole
                else compute_lineages(self.needs)
            )
        return self._lines

    def ref(self, need_id: str, text: str | None = None) -> nodes.Node:
        """A link to a need where it is written; plain text when it is not in this build."""
        return self.link(need_id, need_id_text("", text or need_id, classes=["stand-need-id"]))

    def refs(self, need_ids: Iterable[str]) -> list[nodes.Node]:
        """Links to these needs, separated by commas."""
        found: list[nodes.Node] = []
        for index, need_id in enumerate(need_ids):
            found += [nodes.Text(", "), self.ref(need_id)] if index else [self.ref(need_id)]
        return found

    def link(self, need_id: str, label: nodes.Node) -> nodes.Node:
        need = self.needs.get(need_id)
        if need is not None and need.external_url:
            return nodes.reference(
                "", "", label, refuri=need.external_url, classes=["stand-extern"]
            )
        if need is None or need.docname not in self.app.env.all_docs:
            return label
        if need.docname == self.docname:
            return make_refnode(self.app.builder, self.docname, need.docname, need.id, label)
        # make_refnode's node, with the page's URI worked out once per target page: a
        # view over every year links thousands of needs on a few hundred pages.
        node = nodes.reference("", "", internal=True, refuri=f"{self.uri(need.docname)}#{need.id}")
        node += label
        return node

    def uri(self, docname: str) -> str:
        if docname not in self._uris:
            self._uris[docname] = self.app.builder.get_relative_uri(self.docname, docname)
        return self._uris[docname]

    def narrowed(self, options: dict[str, str]) -> Context:
        """The same context, with only the needs of the organisations the view names."""
        value = options.get("organisatie", "alle")
        if value.strip() == "alle":
            return self
        return Context(self.app, self.docname, of_organisations(self.needs, split_names(value)))

    def need_label(self, need: Record, status: bool = False) -> nodes.inline:
        box = nodes.inline(classes=["stand-need"])
        box += self.ref(need.id)
        box += nodes.Text(f" {need.title}")
        if status and need.status:
            box += nodes.inline("", f" ({status_text(need.status)})", classes=["stand-status"])
        return box


def status_text(status: str) -> str:
    return status.replace("_", " ")


def plural(need_type: str) -> str:
    return {"dilemma": "dilemma's", "handelingsperspectief": "handelingsperspectieven"}.get(
        need_type, f"{need_type}en"
    )


def cell(*children: nodes.Node | str, classes: Iterable[str] = ()) -> nodes.entry:
    entry = nodes.entry(classes=list(classes))
    para = nodes.paragraph()
    for child in children:
        para += nodes.Text(child) if isinstance(child, str) else child
    entry += para
    return entry


def head(scope: str, *children: nodes.Node | str) -> header_cell:
    entry = header_cell(scope=scope)
    entry += cell(*children).children
    return entry  # type: ignore[no-any-return]


def table(
    caption: str, header: list[nodes.entry], body: list[list[nodes.entry]], kind: str
) -> nodes.table:
    tab = nodes.table(classes=[f"stand-{kind}", "stand-table"])
    tab += nodes.title("", caption)
    group = nodes.tgroup(cols=len(header))
    tab += group
    for index in range(len(header)):
        group += nodes.colspec(colwidth=1, stub=1 if index == 0 else 0)
    thead = nodes.thead()
    group += thead
    thead += nodes.row("", *header)
    tbody = nodes.tbody()
    group += tbody
    for row in body:
        tbody += nodes.row("", *row)
    return tab


def year_option(value: str) -> str | None:
    return None if value == "alle" else value


def year_range(options: dict[str, str]) -> tuple[str, str]:
    """``:vanaf:`` and ``:tot:``, open ends when left out (years compare as text)."""
    return options.get("vanaf", "0000"), options.get("tot", "9999")


def year_phrase(year: str | None) -> str:
    return "alle jaren" if year is None else year


# --- the views ------------------------------------------------------------------


def render_dekking(ctx: Context, options: dict[str, str]) -> nodes.Node:
    year = year_option(options["jaar"])
    header = [head("col", "Regel"), head("col", "Gedekt"), head("col", "Hiaten")]
    body = []
    for rule in coverage(ctx.needs, year):
        gaps = ctx.refs(rule.gaps) if rule.gaps else [nodes.Text("geen")]
        body.append(
            [
                head("row", rule.label),
                cell(f"{len(rule.covered)}/{rule.total} ({rule.percentage}%)"),
                cell(*gaps, classes=["stand-gap"] if rule.gaps else []),
            ]
        )
    return table(f"Dekking ({year_phrase(year)})", header, body, "dekking")


def render_jaarverschil(ctx: Context, options: dict[str, str]) -> nodes.Node:
    """One pair of years, ``:van:`` and ``:naar:``."""
    box = nodes.container(classes=["stand-jaarverschil"])
    add_year_diff(box, ctx, options["van"], options["naar"])
    return box


def render_jaarverschillen(ctx: Context, options: dict[str, str]) -> nodes.Node:
    """The pairs that follow from the years (see ``directives.Jaarverschillen``)."""
    box = nodes.container(classes=["stand-jaarverschil", "stand-jaarverschillen"])
    years = years_of(ctx.needs)
    if page_year := options.get(PAGE_YEAR):
        earlier = [y for y in years if y < page_year]
        if earlier:
            add_year_diff(box, ctx, earlier[-1], page_year)
        else:
            first = f"{page_year} is het eerste verslagjaar; er is geen eerder jaar om mee "
            box += nodes.paragraph("", first + "te vergelijken.")
        return box
    pairs = consecutive_years(years)
    if not pairs:
        text = (
            f"Er is één verslagjaar ({years[0]}). Het jaarverschil volgt zodra er een "
            "tweede verslagjaar is."
            if years
            else "Er zijn nog geen verslagjaren."
        )
        box += nodes.paragraph("", text)
    for van, naar in pairs:
        pair = nodes.container(classes=["stand-jaarpaar"])
        pair += nodes.paragraph(
            "", "", nodes.strong("", f"Van {van} naar {naar}"), classes=["stand-kop"]
        )
        add_year_diff(pair, ctx, van, naar)
        box += pair
    return box


def add_year_diff(box: nodes.Element, ctx: Context, van: str, naar: str) -> None:
    diff = year_diff(ctx.needs, van, naar)
    box += section_title(f"Nieuw in {naar} ({len(diff.new)})")
    box += need_list(ctx, diff.new)
    box += section_title(f"Voortgezet van {van} naar {naar} ({len(diff.continued)})")
    items = nodes.bullet_list()
    for preds, need in diff.continued:
        item = nodes.list_item()
        para = nodes.paragraph()
        para.extend(ctx.refs(p.id for p in preds))
        para += nodes.Text(" → ")
        para += ctx.need_label(need)
        item += para
        item += changes(preds, need)
        items += item
    box += items
    box += section_title(f"Niet voortgezet na {van} ({len(diff.stopped)})")
    box += need_list(ctx, diff.stopped, status=True)


def section_title(text: str) -> nodes.paragraph:
    return nodes.paragraph("", "", nodes.strong("", text), classes=["stand-kop"])


def need_list(ctx: Context, needs: list[Record], status: bool = False) -> nodes.Node:
    if not needs:
        return nodes.paragraph("", "Geen.")
    items = nodes.bullet_list()
    for need in needs:
        items += nodes.list_item("", nodes.paragraph("", "", ctx.need_label(need, status)))
    return items


def changes(preds: list[Record], need: Record) -> nodes.bullet_list:
    """What changed in title, status and text; against the one predecessor, or their union."""
    old_title = " / ".join(p.title for p in preds)
    old_status = " / ".join(status_text(p.status or "–") for p in preds)
    old_text = "\n".join(p.content for p in preds)
    lines = nodes.bullet_list(classes=["stand-wijzigingen"])
    lines += change_item("Titel", old_title, need.title)
    new_status = status_text(need.status or "–")
    status = nodes.paragraph("", "Status: ")
    status += nodes.Text(
        "ongewijzigd" if old_status == new_status else f"{old_status} → {new_status}"
    )
    lines += nodes.list_item("", status)
    lines += change_item("Tekst", old_text, need.content)
    return lines


def change_item(label: str, old: str, new: str) -> nodes.list_item:
    para = nodes.paragraph("", f"{label}: ")
    if old.split() == new.split():
        para += nodes.Text("ongewijzigd")
        return nodes.list_item("", para)
    for op, text in word_diff(old, new):
        if op == "=":
            para += nodes.Text(f"{text} ")
        else:
            words = "verwijderd" if op == "-" else "toegevoegd"
            run = nodes.inline(classes=[f"stand-{words}"])
            run += nodes.inline("", f"[{words}: ", classes=["stand-sr"])
            run += nodes.Text(text)
            run += nodes.inline("", "]", classes=["stand-sr"])
            para += run
            para += nodes.Text(" ")
    return nodes.list_item("", para)


def render_rodedraad(ctx: Context, options: dict[str, str]) -> nodes.Node:
    labels: dict[str, str] = ctx.app.config.stand_themas
    chosen = split_names(options.get("thema", "")) or list(labels)
    vanaf, tot = year_range(options)
    threads = [t for t in common_threads(ctx.needs, chosen) if vanaf <= t.jaar <= tot]
    header = [
        head("col", h)
        for h in ("Thema", "Jaar", "Organisaties", "Dilemma's", "Oplossingsrichtingen")
    ]
    body = []
    for thread in threads:
        body.append(
            [
                head("row", labels.get(thread.thema, thread.thema)),
                cell(thread.jaar),
                cell(f"{len(thread.organisaties)}: {', '.join(thread.organisaties)}"),
                need_entries(ctx, thread.dilemmas),
                need_entries(ctx, thread.oplossingen),
            ]
        )
    if not body:
        return nodes.paragraph("", "Nog geen dilemma's met een thema.", classes=["stand-rodedraad"])
    return table("Rode draad: thema's per jaar en organisatie", header, body, "rodedraad")


def need_entries(ctx: Context, needs: list[Record]) -> nodes.entry:
    entry = nodes.entry()
    for need in needs:
        para = nodes.paragraph("", "", ctx.need_label(need))
        para += nodes.inline("", f" ({need.organisatie})", classes=["stand-organisatie"])
        entry += para
    if not needs:
        entry += nodes.paragraph("", "geen")
    return entry


Renderer = Callable[[Context, dict[str, str]], nodes.Node]

RENDERERS: dict[str, Renderer] = {
    "dekking": render_dekking,
    "jaarverschil": render_jaarverschil,
    "jaarverschillen": render_jaarverschillen,
    "rodedraad": render_rodedraad,
}


def add_renderer(kind: str, renderer: Renderer) -> None:
    """A view kept in a module of its own (matrix, lineages, werkagenda) registers here."""
    RENDERERS[kind] = renderer


def render_views(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    placeholders = list(doctree.findall(stand_view))
    if not placeholders:
        return
    # Rendered already this build when the page was compared with its previous build.
    rendered = viewprints.take(app, docname)
    if rendered is None:
        rendered = render_placeholders(app, docname, placeholders)
        viewprints.note(app, docname, rendered)
    for node, view in zip(placeholders, rendered, strict=True):
        node.replace_self(view)


def render_placeholders(
    app: Sphinx, docname: str, placeholders: list[stand_view]
) -> list[nodes.Element]:
    """Each view of a page as it shows on the page, in the order of its placeholders."""
    # The needs are sealed while pages are written; a site has many view pages.
    ctx = Context(app, docname, need_model(app))
    return [render_view(app, ctx, node) for node in placeholders]


def render_view(app: Sphinx, ctx: Context, node: stand_view) -> nodes.Element:
    if node["problems"]:
        # The warning was given where the writer wrote it; say so on the page too.
        text = f"Dit overzicht ({node['kind']}) kon niet worden gemaakt: " + " ".join(
            node["problems"]
        )
        return nodes.paragraph("", text, ids=node["ids"], classes=[f"stand-{node['kind']}"])
    rendered = RENDERERS[node["kind"]](ctx.narrowed(node["options"]), node["options"])
    if app.builder.format == "html":
        rendered = wrapped(rendered)
    if f"stand-{node['kind']}" not in rendered["classes"]:
        rendered["classes"].append(f"stand-{node['kind']}")
    rendered["ids"] = node["ids"]
    # Sphinx numbers captioned tables by their ID: a view of several gets one each.
    inner = [t for t in rendered.findall(nodes.table) if t is not rendered]
    for index, tab in enumerate(inner, start=1):
        tab["ids"] = [f"{node['ids'][0]}-{index}"]
    return rendered


def wrapped(rendered: nodes.Element) -> nodes.Element:
    """Each table in furo's ``table-wrapper``, as furo does with the tables it reads:
    on a narrow screen a table scrolls within itself, not the page."""
    for tab in list(rendered.findall(nodes.table)):
        if tab is rendered:
            return nodes.container("", tab, classes=["table-wrapper", "stand-tabelrand"])
        wrapper = nodes.container(classes=["table-wrapper", "stand-tabelrand"])
        tab.parent.replace(tab, wrapper)
        wrapper += tab
    return rendered


def add_static(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.config.html_static_path.append(str(STATIC / "views"))
        app.add_css_file("stand-views.css")


def setup(app: Sphinx) -> None:
    app.add_node(header_cell, html=(visit_header_cell, depart_header_cell))
    app.add_node(need_id_text, html=(visit_need_id_text, depart_need_id_text))
    app.connect("builder-inited", add_static)
    app.connect("doctree-resolved", render_views)


def dilemma_flow(needs: list[Any], results: list[Any], arg1: str = "") -> None:
    """sphinx-needs ``filter-func`` for a flow per dilemma (``needflow``).

    The dilemma, the oplossingsrichtingen that address it, and the
    handelingsperspectieven that either touches; no root traversal of needflow
    can select exactly this set.
    """
    dilemma = arg1.strip()
    members = {dilemma} | {n["id"] for n in needs if dilemma in [str(t) for t in n["adresseert"]]}
    touched = {str(t) for n in needs if n["id"] in members for t in n["raakt"]}
    results.extend(n for n in needs if n["id"] in members | touched)
