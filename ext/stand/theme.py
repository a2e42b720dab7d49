"""Theme-side accessibility fixes for the HTML site (furo), for WCAG 2.1 AA.

- Dutch for the interface text Sphinx and furo leave in English: a gettext fallback
  behind Sphinx's own Dutch catalogue, templates for what furo writes outside gettext,
  a script for the search page's messages, and sphinx-needs' ``permalink.html``.
- sphinx-needs' need boxes take furo's colours, so both colour schemes keep contrast.
- A level for the heading role Sphinx gives a toctree caption.
- Dutch labels for the filter widgets of an interactive needtable.
- One ID once: furo wraps a table in a container that gets the table's IDs too.
- What a browser and a search engine ask of every page: a favicon of our own
  (unless the project sets ``html_favicon``) and a Dutch meta description, taken
  from the page's first paragraph.

The PDF is written by our own builder from the doctrees (``stand.pdf``, Typst), so
what belongs to furo is limited to the HTML builders with furo, and the templates
are no-ops without ``stand_nl``.
"""

from __future__ import annotations

import gettext
import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
from docutils import nodes
from markupsafe import Markup
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import get_translator
from sphinx.transforms.post_transforms import SphinxPostTransform

from .files import write_atomic

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates" / "theme"
STATIC = HERE / "static" / "theme"
FAVICON = STATIC / "stand-favicon.svg"
HTML_BUILDERS = frozenset({"html", "dirhtml"})

# Sphinx's and furo's messages that Sphinx's Dutch catalogue leaves untranslated.
DUTCH_MESSAGES: dict[str, str] = {
    "Skip to content": "Naar de inhoud",
    "Back to top": "Terug naar boven",
    "On this page": "Op deze pagina",
    "View this page": "Brontekst van deze pagina",
    "Edit this page": "Deze pagina bewerken",
    "Next": "Volgende",
    "Previous": "Vorige",
    "Home": "Startpagina",
    "Link to this heading": "Link naar deze kop",
    "Link to this table": "Link naar deze tabel",
    "Link to this image": "Link naar deze afbeelding",
    "Link to this code": "Link naar deze code",
    "Link to this definition": "Link naar deze definitie",
    "Link to this equation": "Link naar deze formule",
    "Link to this term": "Link naar deze term",
    "Link to this toctree": "Link naar deze inhoudsopgave",
    "Please activate JavaScript to enable the search functionality.": (
        "Zet JavaScript aan om te kunnen zoeken."
    ),
}

# What furo writes outside gettext: in page.html, in its icon sprite, and in Python
# (the navigation tree). Matched as whole attributes or elements, never page text.
HARDCODED: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), dutch)
    for pattern, dutch in (
        (
            r'aria-label="Toggle site navigation sidebar"',
            'aria-label="Navigatie tonen of verbergen"',
        ),
        (
            r'aria-label="Toggle table of contents sidebar"',
            'aria-label="Inhoud van deze pagina tonen of verbergen"',
        ),
        (
            r'aria-label="Toggle Light / Dark / Auto color theme"',
            'aria-label="Kleurenschema kiezen: licht, donker of automatisch"',
        ),
        (r'aria-label="Toggle navigation of ([^"]*)"', r'aria-label="Onderdelen van \1 tonen"'),
        (r"<title>Contents</title>", "<title>Inhoud</title>"),
        (r"<title>Expand</title>", "<title>Uitklappen</title>"),
        (r"<title>Light mode</title>", "<title>Licht</title>"),
        (r"<title>Dark mode</title>", "<title>Donker</title>"),
        (
            r"<title>Auto light/dark, in light mode</title>",
            "<title>Automatisch, nu licht</title>",
        ),
        (
            r"<title>Auto light/dark, in dark mode</title>",
            "<title>Automatisch, nu donker</title>",
        ),
        # The page's buttons (source, colour scheme) sit outside every landmark.
        (
            r'<div class="content-icon-container">',
            '<div class="content-icon-container" role="region" aria-label="Weergave">',
        ),
        # Two <aside> landmarks need names to tell them apart.
        (
            r'<aside class="sidebar-drawer">',
            '<aside class="sidebar-drawer" aria-label="Navigatie">',
        ),
        (r'<aside class="toc-drawer', '<aside aria-label="Op deze pagina" class="toc-drawer'),
    )
)

# The needstable widget's labels (sphinx-needs ``data-needstable-labels`` contract).
NEEDSTABLE_LABELS: dict[str, str] = {
    "search": "Zoeken in de tabel",
    "rowsPerPage": "Rijen per pagina",
    "all": "Alle",
    "columns": "Kolommen",
    "copy": "Kopiëren",
    "csv": "CSV",
    "info": "{start}–{end} van {total}",
    "empty": "Geen rijen gevonden",
    "pagination": "Paginering",
    "previous": "Vorige",
    "next": "Volgende",
    "sort": "{column}: sorteren",
}


def is_furo_html(app: Sphinx) -> bool:
    return app.builder.name in HTML_BUILDERS and app.config.html_theme == "furo"


def is_dutch(app: Sphinx) -> bool:
    return (app.config.language or "").split("_")[0] == "nl"


# --- Dutch ------------------------------------------------------------------------


class DutchFallback(gettext.NullTranslations):
    """Answers only where Sphinx's own Dutch catalogue, tried first, has no entry."""

    def gettext(self, message: str) -> str:
        return DUTCH_MESSAGES.get(message) or super().gettext(message)


def install_dutch(app: Sphinx) -> None:
    """Put our messages behind Sphinx's, for Python and the templates alike.

    At ``builder-inited``, so only the HTML builders get them; Sphinx keeps one
    translator per process, so a second build must not chain a second fallback.
    """
    if app.builder.name not in HTML_BUILDERS or not is_dutch(app):
        return
    translator: gettext.NullTranslations | None = get_translator()
    while translator is not None:
        if isinstance(translator, DutchFallback):
            return
        # gettext has no public accessor for the chain add_fallback() appends to.
        translator = getattr(translator, "_fallback", None)
    get_translator().add_fallback(DutchFallback())


def dutch_markup(html: str) -> Markup:
    for pattern, dutch in HARDCODED:
        html = pattern.sub(dutch, html)
    return Markup(html)


def add_furo_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``stand_nl`` switches on our templates (``templates/theme``) for this page."""
    if is_furo_html(app) and is_dutch(app):
        context["stand_nl"] = dutch_markup


# --- Assets -----------------------------------------------------------------------


def add_templates(app: Sphinx, config: Config) -> None:
    # The builder is not known yet at config-inited; the templates check stand_nl.
    config.templates_path = [*config.templates_path, str(TEMPLATES)]


def add_static(app: Sphinx) -> None:
    if not is_furo_html(app):
        return
    app.config.html_static_path.append(str(STATIC))
    app.add_css_file("stand-theme.css")
    app.add_js_file("stand-scroll.js", loading_method="defer")
    if is_dutch(app):
        # After Sphinx's translations.js (priority 500), which it partly overrides.
        app.add_js_file("stand-zoeken-nl.js", priority=600)


# --- One ID once -------------------------------------------------------------------

WRAPPERS = frozenset({"table-wrapper", "math-wrapper"})


class UniqueWrapperIds(SphinxPostTransform):
    """furo's wrapper of a table (or formula) copies its attributes, IDs included,
    so a table with a caption has its ID twice on the page. The table keeps it: its
    caption's link points there."""

    formats = ("html",)
    default_priority = 520  # after furo's WrapTableAndMathInAContainerTransform (500)

    def run(self, **kwargs: Any) -> None:
        for wrapper in self.document.findall(nodes.container):
            if WRAPPERS & set(wrapper["classes"]) and len(wrapper.children) == 1:
                inner = wrapper.children[0]
                if isinstance(inner, nodes.Element) and inner["ids"] == wrapper["ids"]:
                    wrapper["ids"] = []


# --- Favicon and description ----------------------------------------------------

# A description longer than this is cut at a word (search engines show about as much).
DESCRIPTION_LENGTH = 160
# Where a paragraph is not the page's own text: navigation, boxes, tables, footnotes.
NOT_INTRODUCTION = (
    addnodes.compact_paragraph,
    nodes.Admonition,
    nodes.table,
    nodes.footnote,
    nodes.citation,
    nodes.sidebar,
    nodes.topic,
)


def add_favicon(app: Sphinx, config: Config) -> None:
    """Every Stand gets our icon; a project's own ``html_favicon`` goes first."""
    if not config.html_favicon:
        # Sphinx joins it to the conf folder; an absolute path stays as it is.
        config.html_favicon = str(FAVICON)


def shorten(text: str, length: int = DESCRIPTION_LENGTH) -> str:
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    cut = text[: length - 1].rsplit(" ", 1)[0].rstrip(" ,;:–—-")
    return cut + "…"


def generated(node: nodes.Element) -> bool:
    """Written by our views or links (``stand-…`` classes), not by the writer."""
    return any(str(c).startswith("stand-") for c in node.get("classes", []))


def first_paragraph(doctree: nodes.document) -> str | None:
    for paragraph in doctree.findall(nodes.paragraph):
        around = [paragraph, *ancestors(paragraph)]
        if any(isinstance(a, NOT_INTRODUCTION) or generated(a) for a in around):
            continue
        if text := " ".join(paragraph.astext().split()):
            return text
    return None


def page_description(app: Sphinx, pagename: str, context: dict[str, Any], doctree: Any) -> str:
    """The page's first paragraph; for a page without one, a sentence from the config."""
    site = app.config.html_title or app.config.project
    if isinstance(doctree, nodes.document) and (text := first_paragraph(doctree)):
        return shorten(text)
    if pagename == "genindex":
        return shorten(f"Trefwoordenregister van {site}.")
    if pagename == "search":
        return shorten(f"Zoeken in {site}.")
    title = re.sub(r"<[^>]*>", "", str(context.get("title") or "")).strip()
    title = html.unescape(title)
    return shorten(f"{title} – {site}." if title and title != site else f"{site}.")


def add_description(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """A ``<meta name="description">`` on every page that has none of its own.

    A writer can still set one with MyST's ``html_meta`` front matter; Sphinx puts
    that in ``metatags`` before this runs.
    """
    if app.builder.name not in HTML_BUILDERS or not is_dutch(app):
        return
    metatags = str(context.get("metatags") or "")
    if re.search(r"<meta\b[^>]*\bname=[\"']?description\b", metatags, re.IGNORECASE):
        return
    description = html.escape(page_description(app, pagename, context, doctree), quote=True)
    context["metatags"] = f'{metatags}\n<meta name="description" content="{description}">'


# --- Toctree caption --------------------------------------------------------------


def visit_title(self: Any, node: nodes.title) -> None:
    """Sphinx writes a toctree caption as ``role="heading"`` without the
    ``aria-level`` ARIA 1.2 requires; readers then take level 2 wherever it sits."""
    start = len(self.body)
    type(self).visit_title(self, node)
    parent = node.parent
    if not (isinstance(parent, addnodes.compact_paragraph) and parent.get("toctree")):
        return
    sections = sum(isinstance(a, nodes.section) for a in ancestors(node))
    # Under the page's own h1 at least; in furo's sidebar there is no section.
    level = max(2, sections + 1)
    for index in range(start, len(self.body)):
        if 'role="heading"' in self.body[index]:
            self.body[index] = self.body[index].replace(
                'role="heading"', f'role="heading" aria-level="{level}"', 1
            )
            break


def ancestors(node: nodes.Node) -> Iterator[nodes.Element]:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


# --- sphinx-needs -----------------------------------------------------------------


def label_needtables(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Dutch labels for the widget of every interactive needtable on the page.

    sphinx-needs renders its tables at ``doctree-resolved`` (priority 500) and hands
    the widget's options to the page in ``html_attributes``; we add its labels there.
    """
    if not is_dutch(app):
        return
    labels = json.dumps(NEEDSTABLE_LABELS, ensure_ascii=False)
    for table in doctree.findall(nodes.table):
        attributes = table.get("html_attributes")
        if "NEEDS_DATATABLES" in table["classes"] and isinstance(attributes, dict):
            attributes.setdefault("data-needstable-labels", labels)


def write_permalink_page(app: Sphinx, exception: Exception | None) -> None:
    """Replace sphinx-needs' English ``permalink.html`` with a Dutch one."""
    if exception is not None or not is_furo_html(app) or not is_dutch(app):
        return
    permalink_file: str = app.config.needs_permalink_file
    template = jinja2.Template(
        (TEMPLATES / "stand-permalink.html").read_text(encoding="utf-8"), autoescape=True
    )
    favicon: str = app.config.html_favicon or ""
    if favicon and "://" not in favicon:
        favicon = f"_static/{Path(favicon).name}"  # where Sphinx copied it
    page = template.render(
        permalink_file=Path(permalink_file).name,
        needs_file=app.config.needs_permalink_data,
        project=app.config.project,
        favicon=favicon,
    )
    write_atomic(Path(app.outdir, Path(permalink_file).name), page.encode("utf-8"))


def setup(app: Sphinx) -> None:
    app.connect("config-inited", add_templates)
    app.connect("config-inited", add_favicon)
    app.connect("builder-inited", install_dutch)
    app.connect("builder-inited", add_static)
    app.connect("html-page-context", add_furo_context)
    app.connect("html-page-context", add_description)
    app.connect("doctree-resolved", label_needtables, priority=800)
    app.connect("build-finished", write_permalink_page)
    app.add_node(nodes.title, override=True, html=(visit_title, None))
    app.add_post_transform(UniqueWrapperIds)
