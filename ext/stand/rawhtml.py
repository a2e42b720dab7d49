"""A writer's raw HTML never reaches the site: it is shown as text, with a warning.

MyST passes HTML in Markdown (``<div onclick=…>``, ``<script>``) through to the
page unescaped, and so does a ``{raw} html`` block. The report goes to parliament
and is read by anyone; markup belongs in Markdown. Right after a page is read,
every raw HTML node becomes the text the writer typed (escaped by the writer like
any text) and a ``stand.html`` warning names the need it is in, once per line.
An HTML comment (``<!-- … -->``) shows nothing and stays as it is. A placeholder in
angle brackets that is no HTML element (``Matrix <jaar>``) is what the writer
meant as text: browsers would hide it, so it is shown as typed, without a warning.
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx_needs.nodes import Need

from .diagnostics import warn
from .textrules import html_in

_COMMENT = re.compile(r"\s*<!--(?:(?!-->).)*-->\s*", re.S)


def _snippet(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= 40 else line[:39] + "…"


def _where(node: nodes.Node) -> str:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, Need) and parent["ids"]:
            return f"In de tekst van {parent['ids'][0]}"
        parent = parent.parent
    return "Op deze pagina"


def _line(node: nodes.Element) -> int:
    parent: nodes.Element | None = node
    while parent is not None:
        if parent.line:
            return int(parent.line)
        parent = parent.parent
    return 1


def escape_raw_html(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    warned: set[int] = set()
    for node in list(doctree.findall(nodes.raw)):
        if "html" not in node.get("format", "").split() or _COMMENT.fullmatch(node.astext()):
            continue
        text = node.astext()
        line = _line(node)
        if html_in(text) and line not in warned:
            warned.add(line)
            warn(
                f"{_where(node)} staat HTML ({_snippet(text)}); de site toont die als gewone "
                "tekst. Schrijf opmaak in Markdown (**vet**, *schuin*, [tekst](adres)) en "
                "haal de HTML weg.",
                "html",
                (docname, line),
            )
        if isinstance(node.parent, nodes.TextElement):
            node.replace_self(nodes.Text(text))
        else:
            node.replace_self(nodes.literal_block(text, text, language="text"))


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", escape_raw_html)
