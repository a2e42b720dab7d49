"""One diagram per dilemma (``dilemmaschema``), drawn with Graphviz by us.

A writer types::

    ```{dilemmaschema}
    :dilemma: DIL_2022_FOCUS
    :alt: Schema van dilemma DIL_2022_FOCUS (Focus: goed en duurzaam) met ...
    ```

The diagram shows the dilemma, the oplossingsrichtingen that address it and the
handelingsperspectieven that either touches (``raakt``): the selection of
:func:`stand.views.dilemma_flow`, which is reused here. ``:alt:`` is optional; without
it the text alternative is made from the dilemma's ID and title.

Why not sphinx-needs' ``needflow``: its Graphviz labels wrap inside words (a
hard-coded 15-character wrap), its SVG asks for Times so the text leaves its boxes
in another font, and its ``<img></img>`` is not valid HTML5. Our labels wrap at word
boundaries only, are measured by Graphviz in the font the SVG names, and the page
says in words, with links, what the picture shows.

API for writers of other output formats (the Typst PDF translator)
-------------------------------------------------------------------

After ``doctree-resolved`` every diagram is a ``nodes.container`` with the class
``stand-dilemmaschema`` (and the directive's anchor in ``ids``) holding, in order:

1. a leaf node :class:`stand_flow` (``nodes.General, nodes.Element``, no children):

   - ``node["dot"]`` (``str``): the Graphviz source; no URLs, no file paths; every
     text in ``fontname="DejaVu Sans,sans-serif"`` (the SVG says the same in
     ``font-family``; Graphviz measures the labels in DejaVu Sans via fontconfig);
   - ``node["alt"]`` (``str``): the Dutch text alternative for the image;
   - ``node["dilemma"]`` (``str``): the dilemma's ID;

2. a ``nodes.bullet_list`` (class ``stand-flow-tekst``): every need of the diagram
   with its links, in words; ordinary nodes (``reference``, ``inline``, ``Text``).

A ``dilemmaschema`` that names no dilemma becomes a plain ``nodes.paragraph`` (class
``stand-dilemmaschema``) saying what is wrong, after a located ``stand.weergave_optie``
warning; there is no ``stand_flow`` then.

A translator renders the image with the pure helper

``render_svg(dot: str, outdir: Path, *, command: str = "dot") -> Path``

which writes ``outdir / "schema-<20 hex digits>.svg"`` (the name is a hash of the
source and :data:`RENDER_VERSION`, so equal sources share one file and builds are
reproducible; written once, atomically, so parallel writers are safe; readable by
others) and returns its path.
The SVG holds no absolute paths, no links and no references to local files. It
raises :class:`GraphvizFout` (a ``SphinxError``) when ``dot`` is missing or fails.
``svg_size(path) -> tuple[float, float]`` gives its width and height in pt.
For example::

    def visit_stand_flow(self, node):
        svg = render_svg(node["dot"], self.images_dir)
        self.body.append(image(svg.name, alt=node["alt"]))
        raise nodes.SkipNode

HTML writes an ``<img>`` with the alt text, width and height; the PDF
(``stand.pdf.translator.visit_stand_flow``) the same SVG with the alt text; text
and LaTeX write the alt text.
"""

from __future__ import annotations

import hashlib
import html
import re
import subprocess
import textwrap
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.errors import SphinxError
from sphinx.util.docutils import SphinxDirective
from sphinx_needs.api import get_needs_view

from .build import need_model
from .config import TYPES_BY_NAME
from .diagnostics import warn
from .directives import add_view_years
from .files import write_atomic
from .model import Record
from .views import Context, dilemma_flow

STATIC = Path(__file__).parent / "static" / "flows"

#: The font the SVG names and Graphviz measures the labels in (fontconfig); the
#: generic fallback is narrower, so text stays in its box where DejaVu is missing.
FONT = "DejaVu Sans"
FONT_LIST = f"{FONT},sans-serif"
#: Characters per title line; a longer single word stays whole.
WRAP = 24
#: Bump when the SVG made from the same source changes (it is part of the file name).
RENDER_VERSION = "1"

#: Left to right: oplossingsrichtingen, the dilemma, handelingsperspectieven.
ORDER = {"oplossingsrichting": 0, "dilemma": 1, "handelingsperspectief": 2}
#: The type is also written in each box and the shapes differ, so colour is not
#: the only way to tell the types apart.
SHAPES = {
    "oplossingsrichting": 'style="filled,rounded"',
    "dilemma": 'style="filled", penwidth=2',
    "handelingsperspectief": 'style="filled", peripheries=2',
}
#: Links drawn, each with its own line style and its name on the arrow.
EDGES = {"adresseert": 'style="solid"', "raakt": 'style="dashed"'}


class GraphvizFout(SphinxError):
    category = "Graphviz-fout"


class stand_flow(nodes.General, nodes.Element):
    """One dilemma's diagram: ``dilemma``, ``alt`` and, once resolved, ``dot``."""


# --- the pure part: DOT source and SVG file ----------------------------------------


def wrap(text: str, width: int = WRAP) -> list[str]:
    """Lines at word boundaries only; a word longer than the width stays whole."""
    return textwrap.wrap(
        " ".join(text.split()), width, break_long_words=False, break_on_hyphens=False
    ) or [""]


def label(need: Record) -> str:
    """A Graphviz HTML-like label: the type, the title in bold, the ID."""
    kind = TYPES_BY_NAME[need.type].title if need.type in TYPES_BY_NAME else need.type
    small = '<FONT POINT-SIZE="9">{}</FONT>'
    lines = [small.format(html.escape(kind))]
    lines += [f"<B>{html.escape(line)}</B>" for line in wrap(need.title or need.id)]
    lines.append(small.format(html.escape(need.id)))
    return "<BR/>".join(lines)


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def flow_dot(needs: Iterable[Record]) -> str:
    """The Graphviz source of a diagram of these needs and the links among them."""
    chosen = sorted(needs, key=lambda n: (ORDER.get(n.type, len(ORDER)), n.id))
    ids = {n.id for n in chosen}
    lines = [
        "digraph schema {",
        f'  graph [rankdir=LR, bgcolor="white", nodesep=0.3, ranksep=0.6, '
        f"fontname={quote(FONT_LIST)}];",
        f'  node [shape=box, fontname={quote(FONT_LIST)}, fontsize=11, color="#333333", '
        f'fontcolor="#000000", margin="0.14,0.08"];',
        f'  edge [fontname={quote(FONT_LIST)}, fontsize=9, color="#333333", fontcolor="#000000"];',
    ]
    for need in chosen:
        fill = TYPES_BY_NAME[need.type].color if need.type in TYPES_BY_NAME else "#FFFFFF"
        shape = SHAPES.get(need.type, 'style="filled"')
        lines.append(f'  {quote(need.id)} [label=<{label(need)}>, fillcolor="{fill}", {shape}];')
    for kind, rank in (("oplossingsrichting", "min"), ("handelingsperspectief", "max")):
        same = " ".join(quote(n.id) for n in chosen if n.type == kind)
        if same:
            lines.append(f"  {{ rank={rank}; {same} }}")
    for need in chosen:
        for link, style in EDGES.items():
            for target in sorted(set(need.targets(link)) & ids):
                lines.append(f"  {quote(need.id)} -> {quote(target)} [label={link}, {style}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def render_svg(dot: str, outdir: Path, *, command: str = "dot") -> Path:
    """Write the SVG of ``dot`` to ``outdir`` once, under a name made from its hash."""
    key = hashlib.sha256(f"{RENDER_VERSION}\0{dot}".encode()).hexdigest()[:20]
    target = outdir / f"schema-{key}.svg"
    if target.is_file():
        return target
    try:
        proc = subprocess.run(
            [command, "-Tsvg"], input=dot.encode(), capture_output=True, timeout=120, check=False
        )
    except FileNotFoundError as exc:
        raise GraphvizFout(
            f"Graphviz ({command}) is niet gevonden; installeer het Debian-pakket graphviz "
            "(make docs doet dat)."
        ) from exc
    if proc.returncode != 0 or not proc.stdout.strip():
        message = proc.stderr.decode(errors="replace").strip()
        raise GraphvizFout(f"Graphviz ({command}) kon het schema niet tekenen: {message}")
    write_atomic(target, proc.stdout)  # parallel writers race harmlessly: same bytes
    return target


_SIZE = re.compile(rb'<svg width="([\d.]+)pt" height="([\d.]+)pt"')


def svg_size(path: Path) -> tuple[float, float]:
    """Width and height in pt, as Graphviz wrote them."""
    found = _SIZE.search(path.read_bytes())
    if found is None:
        raise GraphvizFout(f"{path.name}: geen breedte en hoogte in pt gevonden.")
    return float(found[1]), float(found[2])


def default_alt(dilemma: Record) -> str:
    return (
        f"Schema van dilemma {dilemma.id} ({dilemma.title}) met de oplossingsrichtingen "
        "die het adresseren en de handelingsperspectieven die zij raken."
    )


# --- the directive and its resolution ----------------------------------------------


class Dilemmaschema(SphinxDirective):
    """Parse and record only; :func:`resolve_flows` draws once all needs are known.

    The dilemma is an option, not an argument: ``stand nieuw-jaar`` renames IDs in
    option values (and leaves out the block of a dilemma that does not continue).
    """

    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {
        "dilemma": directives.unchanged_required,
        "alt": directives.unchanged_required,
    }

    def run(self) -> list[nodes.Node]:
        anchor = f"stand-dilemmaschema-{self.env.new_serialno('stand-view')}"
        dilemma = self.options.get("dilemma", "").strip()
        if not dilemma:
            trouble = (
                "de optie :dilemma: is verplicht; schrijf bijvoorbeeld :dilemma: DIL_2022_FOCUS."
            )
            warn(f"dilemmaschema: {trouble}", "weergave_optie", (self.env.docname, self.lineno))
            return [not_drawn(trouble, anchor)]
        node = stand_flow(dilemma=dilemma, alt=self.options.get("alt", ""))
        node["ids"].append(anchor)
        self.set_source_info(node)
        # Written again when a need changes, like the views.
        add_view_years(self.env, {"alle"})
        return [node]


def not_drawn(trouble: str, anchor: str) -> nodes.paragraph:
    """Said on the page too: the warning was given where the writer wrote it."""
    text = f"Dit schema (dilemmaschema) kon niet worden gemaakt: {trouble}"
    return nodes.paragraph("", text, ids=[anchor], classes=["stand-dilemmaschema"])


def problem(dilemma: str, model: Mapping[str, Record]) -> str | None:
    need = model.get(dilemma)
    if need is None:
        return (
            f"onbekend dilemma '{dilemma}'; schrijf het ID van een dilemma, zoals DIL_2022_FOCUS."
        )
    if need.type != "dilemma":
        return f"'{dilemma}' is een {need.type}, geen dilemma; schrijf het ID van een dilemma."
    return None


def in_words(ctx: Context, chosen: list[Record]) -> nodes.bullet_list:
    """What the diagram shows, with links: each need and the links it has in it."""
    ids = {n.id for n in chosen}
    items = nodes.bullet_list(classes=["stand-flow-tekst"])
    # The dilemma first: the list reads from what the diagram is about.
    for need in sorted(chosen, key=lambda n: n.type != "dilemma"):
        para = nodes.paragraph()
        para += nodes.Text(f"{TYPES_BY_NAME[need.type].title}: ")
        para += ctx.need_label(need)
        for link in EDGES:
            targets = sorted(set(need.targets(link)) & ids)
            for index, target in enumerate(targets):
                para += nodes.Text(", " if index else f"; {link} ")
                para += ctx.ref(target)
        items += nodes.list_item("", para)
    return items


def resolve_flows(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    found = [n for n in doctree.findall(stand_flow) if "dot" not in n]
    if not found:
        return
    model = need_model(app)
    ctx = Context(app, docname, model)
    for node in found:
        dilemma = node["dilemma"]
        trouble = problem(dilemma, model)
        if trouble is not None:
            warn(f"dilemmaschema: {trouble}", "weergave_optie", (docname, node.line))
            node.replace_self(not_drawn(trouble, node["ids"][0]))
            continue
        selected: list[Any] = []
        dilemma_flow(list(get_needs_view(app).values()), selected, dilemma)
        chosen = sorted(
            (model[n["id"]] for n in selected if n["id"] in model),
            key=lambda n: (ORDER.get(n.type, len(ORDER)), n.id),
        )
        flow = stand_flow(
            dilemma=dilemma,
            alt=node["alt"] or default_alt(model[dilemma]),
            dot=flow_dot(chosen),
        )
        box = nodes.container(classes=["stand-dilemmaschema"], ids=node["ids"])
        box += flow
        box += in_words(ctx, chosen)
        node.replace_self(box)


# --- writers -------------------------------------------------------------------------


def visit_flow_html(self: Any, node: stand_flow) -> None:
    command = getattr(self.builder.config, "graphviz_dot", "dot") or "dot"
    svg = render_svg(node["dot"], Path(self.builder.outdir, self.builder.imagedir), command=command)
    width, height = svg_size(svg)
    self.body.append(
        f'<div class="stand-flow"><img src="{self.attval(f"{self.builder.imgpath}/{svg.name}")}"'
        f' alt="{self.attval(node["alt"])}" width="{round(width * 4 / 3)}"'
        f' height="{round(height * 4 / 3)}" /></div>\n'
    )
    raise nodes.SkipNode


def visit_flow_text(self: Any, node: stand_flow) -> None:
    self.new_state(0)
    self.add_text(f"[{node['alt']}]")
    self.end_state()
    raise nodes.SkipNode


def visit_flow_latex(self: Any, node: stand_flow) -> None:
    self.body.append(f"\n\n{self.encode(node['alt'])}\n\n")
    raise nodes.SkipNode


def add_static(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.config.html_static_path.append(str(STATIC))
        app.add_css_file("stand-flows.css")


def setup(app: Sphinx) -> None:
    app.add_node(
        stand_flow,
        html=(visit_flow_html, None),
        text=(visit_flow_text, None),
        latex=(visit_flow_latex, None),
    )
    app.add_directive("dilemmaschema", Dilemmaschema)
    app.connect("builder-inited", add_static)
    app.connect("doctree-resolved", resolve_flows)
