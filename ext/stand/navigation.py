"""furo's navigation, rendered once per build instead of once per page.

furo puts the whole site's toctree in every page's sidebar: per page, Sphinx
resolves the global toctree (a deep copy of every page's toc), renders it with a
docutils writer and furo re-parses that with BeautifulSoup. That is O(pages) work
per page, O(pages²) per build: two thirds of a 5,000-need build (bench/RESULTS.md)
and the superlinear step at 25,000.

Between pages the sidebar differs in two things only: the relative hrefs (which
depend on the page's folder) and the "current" marks on the page's branch. So we
resolve and render it once, with a token for every internal href, note where each
token's enclosing ``<li>`` and ``<ul>`` elements start, and per page put in the
hrefs (cached per folder) and the marks that Sphinx and furo would have made:
``current`` on the branch's ``<li>`` and ``<ul>``, ``current-page`` and ``href="#"``
on the page's own entry, ``checked`` on the branch's checkboxes. The result is
byte-identical to furo's (tests/test_navigation.py compares whole sites).

Where that cannot be promised we leave the page to furo: a builder with its own
relative URIs, a toc with ``only`` directives, a page listed twice, an href with
characters the two serialisers escape differently.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import Any

from docutils import nodes
from furo.navigation import get_navigation_tree
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment import BuildEnvironment
from sphinx.environment.adapters.toctree import global_toctree_for_doc
from sphinx.util import url_re
from sphinx.util.osutil import relative_uri

from .cache import digest, once_per_build

# furo's own call (furo._compute_navigation_tree); other calls go to Sphinx as usual.
FURO_NAV: dict[str, Any] = {
    "collapse": False,
    "titles_only": True,
    "maxdepth": -1,
    "includehidden": True,
}
NAV_ATTR = "_stand_navigation"
# A docname that no project has: the root render must not mark anything current.
NOWHERE = "\x00stand-navigatie"
TOKEN = "stand-nav-{}"
TAGS = re.compile(r'<li\b[^>]*>|</li>|<ul\b[^>]*>|</ul>|href="stand-nav-(\d+)"')
HREF_TOKEN = re.compile(r'href="stand-nav-(\d+)"')
# How furo's BeautifulSoup ("minimal" formatter) writes an attribute value.
ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


@dataclass
class Entry:
    """One internal link of the navigation: its target and where its branch starts."""

    anchor: str
    target_uri: str
    href_at: int = 0
    li_starts: list[int] = field(default_factory=list)  # outermost first
    ul_starts: list[int] = field(default_factory=list)


@dataclass
class Navigation:
    html: str
    entries: list[Entry]
    by_target: dict[str, list[int]]
    hrefs: dict[str, list[str] | None] = field(default_factory=dict)  # per folder


def build_navigation(builder: StandaloneHTMLBuilder) -> Navigation | None:
    """The navigation as furo renders it for a page outside the toctree, tokenised."""
    env = builder.env
    if any(any(toc.findall(addnodes.only)) for toc in env.tocs.values()):
        return None
    toctree = global_toctree_for_doc(env, NOWHERE, builder, tags=builder.tags, **FURO_NAV)
    if toctree is None:
        return None
    # NOWHERE sits at the top (dirhtml: one folder down), so every internal href
    # is its target's own URI after this prefix.
    up = "../" * builder.get_target_uri(NOWHERE).count("/")
    entries: list[Entry] = []
    for ref in toctree.findall(nodes.reference):
        anchor: str = ref.get("anchorname", "")
        uri: str = ref["refuri"]
        if url_re.match(uri) is not None:
            continue  # left alone by Sphinx too
        if not uri.startswith(up):
            return None
        ref["refuri"] = TOKEN.format(len(entries))
        target = uri[len(up) : len(uri) - len(anchor)]
        entries.append(Entry(anchor, target))
    html = get_navigation_tree(builder.render_partial(toctree)["fragment"])
    stack: list[tuple[str, int]] = []
    found = 0
    for match in TAGS.finditer(html):
        tag = match.group(0)
        if tag.startswith(("<li", "<ul")):
            stack.append((tag[1:3], match.start()))
        elif tag.startswith("</"):
            if not stack or stack.pop()[0] != tag[2:4]:
                return None  # not the markup we know
        else:
            entry = entries[int(match.group(1))]
            entry.href_at = match.start()
            entry.li_starts = [at for kind, at in stack if kind == "li"]
            entry.ul_starts = [at for kind, at in stack if kind == "ul"]
            found += 1
    if found != len(entries) or stack:
        return None  # not the markup we know
    by_target: dict[str, list[int]] = {}
    for index, entry in enumerate(entries):
        by_target.setdefault(entry.target_uri, []).append(index)
    return Navigation(html, entries, by_target)


def hrefs_for(nav: Navigation, base: str) -> list[str] | None:
    """Every entry's href from the folder of ``base`` (the page's own entry aside),
    escaped as furo writes it; None when an href has a quote (BeautifulSoup then
    changes the quoting)."""
    folder = posixpath.dirname(base)
    if folder not in nav.hrefs:
        # relative_uri depends on the base's folder only, unless base == target.
        stand_in = posixpath.join(folder, NOWHERE)
        hrefs = [relative_uri(stand_in, e.target_uri) + e.anchor for e in nav.entries]
        quoted = any('"' in href for href in hrefs)
        nav.hrefs[folder] = None if quoted else [href.translate(ESCAPES) for href in hrefs]
    return nav.hrefs[folder]


def page_navigation(nav: Navigation, builder: Builder, pagename: str) -> str | None:
    """furo's navigation HTML for one page, or None to let furo make it."""
    base = builder.get_target_uri(pagename)
    own = nav.by_target.get(base, [])
    current = [i for i in own if not nav.entries[i].anchor]
    if len(own) > 1 or len(current) != len(own):
        return None  # Sphinx's marks for a page listed twice are not worth copying
    hrefs = hrefs_for(nav, base)
    if hrefs is None:
        return None
    html = nav.html
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement), non-overlapping
    if current:
        entry = nav.entries[current[0]]
        if not entry.li_starts:
            return None
        own_li = entry.li_starts[-1]
        for li in entry.li_starts:
            if not html.startswith('<li class="', li):
                return None
            end = html.index(">", li) + 1
            classes = html[li + len('<li class="') : end - 2].split()
            classes.insert(1, "current")  # Sphinx appends it after toctree-lN
            if li == own_li:
                classes.append("current-page")  # furo's mark
            edits.append((li, end, f'<li class="{" ".join(classes)}">'))
            if "has-children" in classes:
                box = html.index('class="toctree-checkbox"', end)
                edits.append((box, box, 'checked="" '))
        for ul in entry.ul_starts:
            if not html.startswith("<ul>", ul):
                return None
            edits.append((ul, ul + len("<ul>"), '<ul class="current">'))
        anchor_at = html.rindex("<a ", 0, entry.href_at)
        if not html.startswith('<a class="', anchor_at):
            return None
        # Sphinx writes class="current reference internal".
        edits.append((anchor_at, anchor_at + len('<a class="'), '<a class="current '))
    pieces: list[str] = []
    at = 0
    for start, end, text in sorted(edits):
        pieces += [html[at:start], text]
        at = end
    pieces.append(html[at:])
    html = "".join(pieces)
    own_index = current[0] if current else -1

    def href(match: re.Match[str]) -> str:
        index = int(match.group(1))
        return 'href="#"' if index == own_index else f'href="{hrefs[index]}"'

    return HREF_TOKEN.sub(href, html)


def navigation_print(env: BuildEnvironment) -> str:
    """What furo's sidebar and the previous/next links show: the toctrees and titles."""
    listed = {env.config.root_doc}
    for included in env.toctree_includes.values():
        listed.update(included)
    trees = [
        (
            doc,
            [
                (t["entries"], t.get("caption"), t.get("numbered"))
                for t in toc.findall(addnodes.toctree)
            ],
        )
        for doc, toc in sorted(env.tocs.items())
        if doc in listed
    ]
    titles = [(doc, env.titles[doc].pformat()) for doc in sorted(listed) if doc in env.titles]
    numbers = sorted((doc, sorted(n.items())) for doc, n in env.toc_secnumbers.items())
    return digest((sorted(env.toctree_includes.items()), trees, titles, numbers))


def kept_navigation(builder: StandaloneHTMLBuilder) -> Navigation | None:
    """The navigation, built again only when what it shows changed: an incremental
    build in ``stand live`` mostly writes a page or two, and building it would be
    most of that work. Kept on the builder, which lives as long as the application
    (not in the pickled environment: a new process builds it anew)."""
    print_ = digest((builder.build_info.config_hash, navigation_print(builder.env)))
    kept: tuple[str, Navigation | None] | None = builder.__dict__.get(NAV_ATTR)
    if kept is None or kept[0] != print_:
        kept = (print_, build_navigation(builder))
        builder.__dict__[NAV_ATTR] = kept
    return kept[1]


def navigation(app: Sphinx) -> Navigation | None:
    builder = app.builder
    if (
        isinstance(builder, StandaloneHTMLBuilder)
        and type(builder).get_relative_uri is Builder.get_relative_uri
    ):
        return once_per_build(app, "navigation", lambda: kept_navigation(builder))
    return None


def before_furo(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Let furo's navigation call return nothing; ``after_furo`` puts ours in."""
    toctree = context.get("toctree")
    if toctree is None or app.config.html_theme != "furo" or not app.config.stand_navigatie:
        return

    def without_navigation(**kwargs: Any) -> Any:
        return "" if kwargs == FURO_NAV else toctree(**kwargs)

    context["_stand_toctree"] = toctree
    context["toctree"] = without_navigation


def after_furo(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    toctree = context.pop("_stand_toctree", None)
    if toctree is None:
        return
    context["toctree"] = toctree
    nav = navigation(app)
    html = page_navigation(nav, app.builder, pagename) if nav is not None else None
    if html is None:
        html = get_navigation_tree(toctree(**FURO_NAV))
    context["furo_navigation_tree"] = html


def setup(app: Sphinx) -> None:
    # Off only to compare with furo's own rendering (tests, bench).
    app.add_config_value("stand_navigatie", True, "html", bool)
    # furo's handler runs at the default priority (500).
    app.connect("html-page-context", before_furo, priority=400)
    app.connect("html-page-context", after_furo, priority=600)
