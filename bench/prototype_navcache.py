"""Prototype for a proposal, not used by the project: furo's navigation once per build.

furo resolves the whole site's toctree for every page (Sphinx deep-copies it:
``global_toctree_for_doc``) and re-parses the HTML with BeautifulSoup
(``furo.navigation.get_navigation_tree``): O(pages) work per page, O(pages²) per
build; at 5,000 needs it is two thirds of a full build (see bench/RESULTS.md).
Between pages the tree differs only in relative hrefs and in the "current" marks
on the page's branch. So render it once, for the root (where nothing is
current), and patch those per page with string operations.

Try it on a generated tree by adding to its ``conf.py``::

    sys.path.insert(0, "/work/main")
    extensions.append("bench.prototype_navcache")

On trees with one root toctree it writes byte-identical HTML (checked on the
1,000-need tree). A real version belongs in ``stand.theme``; it must also handle
several toctrees or captions on the root page (only the list holding the page's
branch is "current"), and fall back to furo for a page outside the toctree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, cast

from furo.navigation import get_navigation_tree
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment.adapters.toctree import global_toctree_for_doc

# furo's call in furo._compute_navigation_tree.
FURO_NAV: dict[str, Any] = {
    "collapse": False,
    "titles_only": True,
    "maxdepth": -1,
    "includehidden": True,
}
ROOT_RELATIVE_HREF = re.compile(r'href="([^"#:/][^"]*?)\.html"')


@dataclass
class Navigation:
    html: str
    parents: dict[str, str] = field(default_factory=dict)


def navigation(app: Sphinx) -> Navigation:
    """Rendered once per build (per process under ``-j``), kept on the builder."""
    cached: Navigation | None = getattr(app.builder, "_stand_navigation", None)
    if cached is None:
        builder = cast(StandaloneHTMLBuilder, app.builder)
        toctree = global_toctree_for_doc(
            app.env, app.config.root_doc, builder, tags=builder.tags, **FURO_NAV
        )
        html = builder.render_partial(toctree)["fragment"] if toctree is not None else ""
        parents = {
            child: parent
            for parent, children in app.env.toctree_includes.items()
            for child in children
        }
        cached = Navigation(get_navigation_tree(html), parents)
        setattr(builder, "_stand_navigation", cached)  # noqa: B010
    return cached


def branch(nav: Navigation, pagename: str, root: str) -> list[str]:
    """The page and its toctree ancestors below the root, top first."""
    if pagename not in nav.parents:
        return []
    found: list[str] = []
    docname = pagename
    while docname and docname != root and docname not in found:
        found.append(docname)
        docname = nav.parents.get(docname, "")
    return found[::-1]


def nav_for(app: Sphinx, pagename: str) -> str | None:
    """furo's navigation HTML for a page; None when the prototype cannot tell."""
    nav = navigation(app)
    html = nav.html
    if not html:
        return html
    docs = branch(nav, pagename, app.config.root_doc)
    if docs:
        html = html.replace("<ul>", '<ul class="current">', 1)
    for docname in docs:
        is_page = docname == pagename
        anchor = f'<a class="reference internal" href="{docname}.html">'
        at = html.find(anchor)
        if at < 0:
            return None
        li_start = html.rfind("<li ", 0, at)
        li_classes = html[li_start:at].split('"')[1].split()
        has_children = "has-children" in li_classes
        classes = [li_classes[0], "current"]
        classes += ["has-children"] if has_children else []
        classes += ["current-page"] if is_page else []
        new_anchor = '<a class="current reference internal" href="#">' if is_page else anchor
        new = f'<li class="{" ".join(classes)}">{new_anchor}'
        html = html[:li_start] + new + html[at + len(anchor) :]
        if has_children:
            box = html.find('class="toctree-checkbox"', li_start + len(new))
            html = html[:box] + 'checked="" ' + html[box:]
            if not is_page:
                ul = html.find("<ul>", box)
                html = html[:ul] + '<ul class="current">' + html[ul + len("<ul>") :]
    builder = app.builder

    def relative(match: re.Match[str]) -> str:
        return f'href="{builder.get_relative_uri(pagename, match.group(1))}"'

    return ROOT_RELATIVE_HREF.sub(relative, html)


def before_furo(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Let furo's own navigation call return nothing (cheap); ``after_furo`` fills it in."""
    toctree = context.get("toctree")
    if toctree is None or app.config.html_theme != "furo":
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
    html = nav_for(app, pagename)
    if html is None:  # let furo do it after all
        html = get_navigation_tree(toctree(**FURO_NAV))
    context["furo_navigation_tree"] = html


def setup(app: Sphinx) -> dict[str, Any]:
    # furo's handler runs at the default priority (500).
    app.connect("html-page-context", before_furo, priority=400)
    app.connect("html-page-context", after_furo, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
