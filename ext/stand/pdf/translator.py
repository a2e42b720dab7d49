"""Docutils nodes → Typst markup, one ``visit_*`` per node the report uses.

The builder hands over one tree per report year: the year's pages and the
reference pages, each inside a ``start_of_file`` node. Labels are
``<docname>#<id>`` (``<docname>#`` for the start of a page); a link becomes a PDF
link only when its target is in this PDF, otherwise its text stays as plain text.
A node this translator does not know is a located warning and its children are
still written: the PDF carries every sentence the site carries.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.util.docutils import SphinxTranslator

from ..diagnostics import warn
from . import markup

#: Nodes whose ids become anchors (besides sections, whose titles carry them).
ANCHORED = (
    nodes.paragraph,
    nodes.container,
    nodes.list_item,
    nodes.entry,
    nodes.admonition,
    nodes.table,
    nodes.image,
    nodes.figure,
    nodes.target,
    nodes.inline,
    nodes.literal_block,
    nodes.definition_list_item,
    nodes.block_quote,
)

#: Builder-internal URIs: ``%<docname>#<id>`` (see ``builder.get_target_uri``).
INTERNAL = "%"
EXTERNAL = ("http://", "https://", "mailto:")


def page_label(docname: str, node_id: str = "") -> str:
    return f"{docname}#{node_id}"


def walk_with_pages(tree: nodes.Node, docname: str) -> Iterator[tuple[str, nodes.Element]]:
    """Every element with the page it was written on (``start_of_file`` opens a page)."""
    for child in tree.children:
        if not isinstance(child, nodes.Element):
            continue
        page = child["docname"] if isinstance(child, addnodes.start_of_file) else docname
        yield page, child
        yield from walk_with_pages(child, page)


def labels_of(tree: nodes.document, root: str) -> set[str]:
    """The labels the translator will write for ``tree``: what a link may point to."""
    found = {page_label(root)}
    for page, node in walk_with_pages(tree, root):
        if isinstance(node, addnodes.start_of_file):
            found.add(page_label(page))
        if isinstance(node, (nodes.section, *ANCHORED)):
            found.update(page_label(page, node_id) for node_id in node["ids"])
    return found


class TypstTranslator(SphinxTranslator):
    def __init__(
        self, document: nodes.document, builder: Any, root: str, labels: set[str], work: Path
    ) -> None:
        super().__init__(document, builder)
        self.work = work  # where images for Typst go (``_images/``)
        self.body: list[str] = []
        self.pages = [root]
        self.labels = labels
        self.written: set[str] = set()
        # The root page's own title is the cover's; its subsections and every
        # included page's title are chapters (level 1).
        self.level = -1
        self.levels: list[int] = []
        self.in_header = False
        self.in_table = False
        self.upright = False  # in a matrix's column head (see _row)
        self.cover_title_taken = False
        self.footnotes_written: dict[tuple[str, str], str] = {}
        self.footnotes = {
            (page, node_id): node
            for page, node in walk_with_pages(document, root)
            if isinstance(node, nodes.footnote)
            for node_id in node["ids"]
        }

    # --- Helpers ---------------------------------------------------------------

    def render(self, node: nodes.Node) -> str:
        """The markup of ``node``'s children, without writing it to the body."""
        saved, self.body = self.body, []
        for child in node.children:
            child.walkabout(self)
        rendered, self.body = "".join(self.body), saved
        return rendered.strip()

    def label(self, node_id: str) -> str | None:
        name = page_label(self.pages[-1], node_id)
        if name in self.written or name not in self.labels:
            return None
        self.written.add(name)
        return name

    def anchors(self, node: nodes.Element) -> str:
        return "".join(markup.anchor(name) for i in node["ids"] if (name := self.label(i)))

    def target_of(self, node: nodes.Element) -> str | None:
        """The label a reference points to, if that target is in this PDF."""
        if "refid" in node:
            name = page_label(self.pages[-1], node["refid"])
        elif (uri := node.get("refuri", "")).startswith(INTERNAL):
            docname, _, node_id = uri[len(INTERNAL) :].partition("#")
            name = page_label(docname, node_id)
        else:
            return None
        return name if name in self.labels else None

    def unknown(self, node: nodes.Node) -> None:
        warn(
            f"De pdf kan '{node.__class__.__name__}' niet weergeven; de tekst staat er zonder "
            "opmaak in. Gebruik opmaak uit de handleiding (alinea's, lijsten, tabellen, citaten, "
            "voetnoten, afbeeldingen), of meld dit aan de beheerders van stand.",
            "pdf",
            _location(node, self.pages[-1]),
        )

    # --- Structure ---------------------------------------------------------------

    def visit_document(self, node: nodes.document) -> None:
        self.body.append(markup.anchor(page_label(self.pages[0])))
        self.written.add(page_label(self.pages[0]))

    def depart_document(self, node: nodes.document) -> None:
        pass

    def visit_start_of_file(self, node: addnodes.start_of_file) -> None:
        self.pages.append(node["docname"])
        self.levels.append(self.level)
        self.level = 0
        if name := self.label(""):
            self.body.append(markup.anchor(name) + "\n")

    def depart_start_of_file(self, node: addnodes.start_of_file) -> None:
        self.pages.pop()
        self.level = self.levels.pop()

    def visit_section(self, node: nodes.section) -> None:
        self.level += 1

    def depart_section(self, node: nodes.section) -> None:
        self.level -= 1

    def visit_title(self, node: nodes.title) -> None:
        parent = node.parent
        if not isinstance(parent, nodes.section):
            # Titles of tables and admonitions are taken by their parents' visitors.
            self.unknown(node)
            return
        labels = [name for i in parent["ids"] if (name := self.label(i))]
        if self.level <= 0 and not self.cover_title_taken:  # the report's title: the cover's
            self.cover_title_taken = True
            self.body.append("".join(markup.anchor(name) for name in labels) + "\n")
            raise nodes.SkipNode
        heading = markup.call("heading", level=str(min(max(self.level, 1), 6)))
        first, *rest = labels or [""]
        self.body.append(heading + markup.content(self.render(node)))
        self.body.append((markup.label(first) if first else "") + "\n")
        self.body.append("".join(markup.anchor(name) for name in rest) + "\n")
        raise nodes.SkipNode

    def visit_paragraph(self, node: nodes.paragraph) -> None:
        self.body.append(self.anchors(node))

    def depart_paragraph(self, node: nodes.paragraph) -> None:
        self.body.append("\n\n")

    def visit_compact_paragraph(self, node: nodes.Element) -> None:
        pass

    def depart_compact_paragraph(self, node: nodes.Element) -> None:
        self.body.append("\n\n")

    def visit_container(self, node: nodes.container) -> None:
        anchors, inner = self.anchors(node), self.render(node)
        if "stand-need" in node["classes"]:
            kind = next((c for c in node["classes"] if c.startswith("stand-need-")), "")
            call = markup.call("stand-need", markup.string_literal(kind))
            self.body.append(f"{anchors}{call}{markup.content(inner)}\n\n")
        else:
            self.body.append(f"{anchors}{inner}\n\n")
        raise nodes.SkipNode

    def visit_transition(self, node: nodes.transition) -> None:
        self.body.append("#line(length: 100%)\n\n")
        raise nodes.SkipNode

    def visit_comment(self, node: nodes.comment) -> None:
        raise nodes.SkipNode

    def visit_admonition(self, node: nodes.Element) -> None:
        titles = [c for c in node.children if isinstance(c, nodes.title)]
        title = self.render(titles[0]) if titles else markup.text(_admonition_name(node))
        for child in titles:
            node.remove(child)
        call = markup.call("stand-kader", markup.content(title))
        self.body.append(f"{self.anchors(node)}{call}{markup.content(self.render(node))}\n\n")
        raise nodes.SkipNode

    visit_note = visit_tip = visit_important = visit_hint = visit_attention = visit_admonition
    visit_caution = visit_warning = visit_danger = visit_error = visit_admonition
    visit_seealso = visit_topic = visit_sidebar = visit_admonition

    def visit_rubric(self, node: nodes.rubric) -> None:
        self.body.append(f"{self.anchors(node)}#strong{markup.content(self.render(node))}\n\n")
        raise nodes.SkipNode

    def visit_line_block(self, node: nodes.line_block) -> None:
        lines = [self.render(line) for line in node.findall(nodes.line)]
        self.body.append(f"{self.anchors(node)}{' #linebreak() '.join(lines)}\n\n")
        raise nodes.SkipNode

    def visit_attribution(self, node: nodes.attribution) -> None:
        self.body.append(f"#align(end)[— {self.render(node)}]\n\n")
        raise nodes.SkipNode

    def visit_field_list(self, node: nodes.field_list) -> None:
        items = [
            "terms.item("
            + ", ".join(
                markup.content(self.render(part))
                for part in field.children
                if isinstance(part, (nodes.field_name, nodes.field_body))
            )
            + ")"
            for field in node.children
            if isinstance(field, nodes.field)
        ]
        self.body.append(f"{self.anchors(node)}#terms({', '.join(items)})\n\n")
        raise nodes.SkipNode

    def visit_block_quote(self, node: nodes.block_quote) -> None:
        inner = markup.content(self.render(node))
        self.body.append(f"{self.anchors(node)}#quote(block: true){inner}\n\n")
        raise nodes.SkipNode

    # --- Lists ---------------------------------------------------------------------

    def _list(self, node: nodes.Element, function: str, *arguments: str) -> None:
        items = []
        for item in node.children:
            anchors = self.anchors(item) if isinstance(item, nodes.Element) else ""
            items.append(markup.content(anchors + self.render(item)))
        self.body.append(f"#{function}({', '.join([*arguments, *items])})\n\n")
        raise nodes.SkipNode

    def visit_bullet_list(self, node: nodes.bullet_list) -> None:
        self._list(node, "list")

    def visit_enumerated_list(self, node: nodes.enumerated_list) -> None:
        # "3. derde stap" stays 3: the writer's numbering is part of the text.
        self._list(node, "enum", f"start: {int(node.get('start', 1))}")

    def visit_definition_list(self, node: nodes.definition_list) -> None:
        items = []
        for item in node.children:
            if not isinstance(item, nodes.definition_list_item):
                continue
            terms = [self.render(t) for t in item.children if isinstance(t, nodes.term)]
            definitions = [self.render(d) for d in item.children if isinstance(d, nodes.definition)]
            term = self.anchors(item) + " ".join(terms)
            items.append(
                f"terms.item({markup.content(term)}, {markup.content(' '.join(definitions))})"
            )
        # A need's status and links: lines of a block (a third less memory in Typst
        # than term lists, measured at 3,000 needs); any other list: Typst's terms.
        function = "stand-velden" if "stand-need-meta" in node["classes"] else "terms"
        self.body.append(f"#{function}({', '.join(items)})\n\n")
        raise nodes.SkipNode

    # --- Tables ----------------------------------------------------------------------

    def visit_table(self, node: nodes.table) -> None:
        titles = [c for c in node.children if isinstance(c, nodes.title)]
        groups = [c for c in node.children if isinstance(c, nodes.tgroup)]
        if len(groups) != 1:
            self.unknown(node)
            return
        group = groups[0]
        self.in_table = True
        # Typst repeats the header on each page as an artifact, and PDF/UA allows no
        # link in an artifact: header cells name their need without linking it.
        self.in_header = True
        head = [self._row(r) for part in group.children if isinstance(part, nodes.thead)
                for r in part.children]  # fmt: skip
        self.in_header = False
        body = [self._row(r) for part in group.children if isinstance(part, nodes.tbody)
                for r in part.children]  # fmt: skip
        self.in_table = False
        cells = [cell for row in body for cell in row]
        if head:
            cells.insert(0, f"table.header({', '.join(c for row in head for c in row)})")
        # Only the header rows get the header's colour.
        fill = f', fill: (_, y) => if y < {len(head)} {{ rgb("#e6edf5") }}' if head else ""
        table = f"table(columns: {group['cols']}{fill}, {', '.join(cells)})"
        caption = (
            f", caption: figure.caption(position: top, {markup.content(self.render(titles[0]))})"
            if titles
            else ""
        )
        self.body.append(f"{self.anchors(node)}#figure(kind: table{caption}, {table})\n\n")
        raise nodes.SkipNode

    def _row(self, row: nodes.Node) -> list[str]:
        cells = []
        for entry in row.children:
            if not isinstance(entry, nodes.entry):
                continue
            upright = "stand-kolomkop" in entry["classes"]
            self.upright = upright
            inner = markup.content(self.anchors(entry) + self.render(entry))
            self.upright = False
            if upright:
                # A matrix column headed by an ID, set upright as on the site: the
                # column is a line high, whatever the ID's length (views.matrix).
                inner = markup.content(f"#rotate(-90deg, reflow: true){inner}")
            spans = {}
            if entry.get("morecols"):
                spans["colspan"] = str(entry["morecols"] + 1)
            if entry.get("morerows"):
                spans["rowspan"] = str(entry["morerows"] + 1)
            if entry.get("scope") == "row":
                inner = markup.content(f"#strong{inner}")
            cells.append(f"table.cell({', '.join(f'{k}: {v}' for k, v in spans.items())}){inner}")
        return cells

    # --- Images --------------------------------------------------------------------------

    def visit_image(self, node: nodes.image) -> None:
        uri = node["uri"]
        path = self.builder.images.get(uri)
        if path is None:
            self.unknown(node)
            raise nodes.SkipNode
        alt = markup.string_literal(node.get("alt", ""))
        image = markup.call("image", markup.string_literal(f"_images/{path}"), alt=alt)
        self.body.append(f"{self.anchors(node)}#block(width: 100%){markup.content(image)}\n\n")
        raise nodes.SkipNode

    def visit_stand_flow(self, node: nodes.Element) -> None:
        from ..flows import render_svg, svg_size

        svg = render_svg(node["dot"], self.work / "_images")
        width = f"{svg_size(svg)[0]:.1f}pt"
        image = markup.call(
            "image",
            markup.string_literal(f"_images/{svg.name}"),
            alt=markup.string_literal(node["alt"]),
            width=f"calc.min({width}, size.width)",
        )
        self.body.append(f"#layout(size => {image[1:]})\n\n")
        raise nodes.SkipNode

    def visit_figure(self, node: nodes.figure) -> None:
        self.body.append(self.anchors(node))

    def depart_figure(self, node: nodes.figure) -> None:
        pass

    def visit_caption(self, node: nodes.caption) -> None:
        self.body.append(f"#align(center, emph{markup.content(self.render(node))})\n\n")
        raise nodes.SkipNode

    # --- Inline --------------------------------------------------------------------------

    def visit_Text(self, node: nodes.Text) -> None:
        self.body.append(markup.text(node.astext()))

    def depart_Text(self, node: nodes.Text) -> None:
        pass

    def _wrap(self, node: nodes.Element, function: str) -> None:
        self.body.append(f"#{function}{markup.content(self.render(node))}")
        raise nodes.SkipNode

    def visit_emphasis(self, node: nodes.emphasis) -> None:
        self._wrap(node, "emph")

    def visit_strong(self, node: nodes.strong) -> None:
        self._wrap(node, "strong")

    def visit_subscript(self, node: nodes.subscript) -> None:
        self._wrap(node, "sub")

    def visit_superscript(self, node: nodes.superscript) -> None:
        self._wrap(node, "super")

    def visit_literal(self, node: nodes.literal) -> None:
        self.body.append(markup.call("raw", markup.string_literal(node.astext())))
        raise nodes.SkipNode

    def visit_literal_block(self, node: nodes.literal_block) -> None:
        code = markup.call("raw", markup.string_literal(node.astext()), block="true")
        self.body.append(f"{self.anchors(node)}{code}\n\n")
        raise nodes.SkipNode

    def visit_inline(self, node: nodes.inline) -> None:
        self.body.append(self.anchors(node))
        classes = node["classes"]
        if "stand-sr" in classes and "stand-mark" in node.parent.get("classes", []):
            raise nodes.SkipNode  # "✓ <row> – <column>": the tagged cell has its headers
        if "stand-need-id" in classes and self.upright:
            self.body.append(f"#box{markup.content(markup.text(node.astext()))}")
            raise nodes.SkipNode
        if "stand-need-id" in classes and self.in_table:
            # Long IDs may break after an underscore in narrow table columns, with
            # no invisible character in the text a reader copies or searches.
            parts = re.split(r"(?<=_)(?=.)", node.astext())
            self.body.append("".join(f"#box{markup.content(markup.text(p))}" for p in parts))
            raise nodes.SkipNode

    def depart_inline(self, node: nodes.inline) -> None:
        pass

    visit_abbreviation = visit_title_reference = visit_inline
    depart_abbreviation = depart_title_reference = depart_inline

    def visit_target(self, node: nodes.target) -> None:
        self.body.append(self.anchors(node))

    def depart_target(self, node: nodes.target) -> None:
        pass

    def visit_reference(self, node: nodes.reference) -> None:
        inner = self.render(node)
        uri = node.get("refuri", "")
        target = self.target_of(node)
        if self.in_header or (target and target == self.own_need(node)):
            # Header cells: see visit_table. A need's ID in its own heading links to
            # itself on the site (a permalink); in a PDF that is no link at all.
            self.body.append(inner)
        elif target:
            self.body.append(markup.call("link", f"label({markup.string_literal(target)})"))
            self.body.append(markup.content(inner))
        elif uri.startswith(EXTERNAL):
            self.body.append(markup.call("link", markup.string_literal(uri)))
            self.body.append(markup.content(inner))
        else:
            # A page of the site that is not in this PDF, or a download: the text stays.
            self.body.append(inner)
        raise nodes.SkipNode

    def own_need(self, node: nodes.Element) -> str | None:
        """The label of the need whose heading ``node`` is in, if it is."""
        head = node.parent
        box = head.parent if head is not None else None
        if (
            isinstance(head, nodes.paragraph)
            and "stand-need-kop" in head["classes"]
            and isinstance(box, nodes.container)
            and box["ids"]
        ):
            return page_label(self.pages[-1], box["ids"][0])
        return None

    def visit_footnote_reference(self, node: nodes.footnote_reference) -> None:
        footnote = self.footnotes.get((self.pages[-1], node.get("refid", "")))
        if footnote is None:
            self.unknown(node)
            raise nodes.SkipNode
        saved, self.body = self.body, []
        for child in footnote.children:
            if not isinstance(child, nodes.label):
                child.walkabout(self)
        inner, self.body = "".join(self.body).strip(), saved
        key = (self.pages[-1], node.get("refid", ""))
        if name := self.footnotes_written.get(key):  # the same note again: its number
            self.body.append(f"#stand-noot-nogmaals(label({markup.string_literal(name)}))")
        else:
            name = self.footnotes_written[key] = f"voetnoot:{key[0]}#{key[1]}"
            call = markup.call("stand-noot", f"label({markup.string_literal(name)})")
            self.body.append(f"{call}{markup.content(inner)}")
        raise nodes.SkipNode

    def visit_footnote(self, node: nodes.footnote) -> None:
        raise nodes.SkipNode  # written where it is referred to

    def visit_raw(self, node: nodes.raw) -> None:
        if "typst" in node.get("format", "").split():
            self.body.append(node.astext())
        else:
            self.unknown(node)
            self.body.append(markup.text(node.astext()))
        raise nodes.SkipNode

    def visit_index(self, node: nodes.Element) -> None:
        raise nodes.SkipNode  # an entry of the site's index: no text of its own

    def visit_system_message(self, node: nodes.Element) -> None:
        raise nodes.SkipNode  # reported as a warning already

    # --- Grouping only ------------------------------------------------------------------------

    def _children_only(self, node: nodes.Node) -> None:
        """A node that only groups its children (an unresolved reference or a marked
        problem keeps its text; Sphinx has warned about it)."""

    visit_compound = depart_compound = visit_legend = depart_legend = _children_only
    visit_glossary = depart_glossary = visit_versionmodified = depart_versionmodified = (
        _children_only
    )
    visit_pending_xref = depart_pending_xref = _children_only
    visit_problematic = depart_problematic = _children_only

    # --- Everything else ---------------------------------------------------------------------

    def unknown_visit(self, node: nodes.Node) -> None:
        self.unknown(node)

    def unknown_departure(self, node: nodes.Node) -> None:
        pass


def _admonition_name(node: nodes.Element) -> str:
    names = {
        "note": "Opmerking", "warning": "Waarschuwing", "tip": "Tip", "seealso": "Zie ook",
        "important": "Belangrijk", "hint": "Hint", "caution": "Voorzichtig",
        "danger": "Gevaar", "error": "Fout", "topic": "Kader", "sidebar": "Kader",
    }  # fmt: skip
    return names.get(node.tagname, "Let op")


def _location(node: nodes.Node, page: str) -> tuple[str, int | None]:
    line = node.line
    parent = node.parent
    while line is None and parent is not None:
        line, parent = parent.line, parent.parent
    return page, line
