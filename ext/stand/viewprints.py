"""Whether a page's views show something else than the previous build wrote.

``outdated`` marks a page with views when a need its views may select changed
(per year). Which of a need's fields a view shows differs per view and per option,
so the exact answer is the views themselves: just before writing, the views of a
page marked for its views alone are rendered (the needs are final by then) and
compared with the print the previous build noted; a page whose views came out the
same is left unwritten, and the views rendered for the comparison are used when
the page is written.

The prints live in a file next to the environment, per output: Sphinx pickles the
environment before writing, while views are rendered only while writing. Pages with
views of other origin (sphinx-needs' tables, ``dilemmaschema``) are always written.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable, Set
from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx_needs.needs import NODE_TYPES, NODE_TYPES_PRIO
from sphinx_needs.roles.need_ref import NeedRef

from .cache import nodes_digest, output_key
from .directives import stand_view
from .files import write_atomic

_PRINTS_ATTR = "_stand_view_prints"
_RENDERED_ATTR = "_stand_rendered_views"
PRINTS_FILE = "stand-overzichten.pickle"

Render = Callable[[Sphinx, str, list[stand_view]], list[nodes.Element]]
#: sphinx-needs' own dynamic nodes (needtable, needflow, ...) select needs like our
#: views; their output is not ours to compare.
NEEDS_VIEWS = tuple(t for t in (*NODE_TYPES_PRIO, *NODE_TYPES) if t is not NeedRef)


@dataclass
class _Prints:
    kept: dict[str, dict[str, str]]  # per output: per page, the print of its views
    own: dict[str, str]  # this output's
    changed: bool = False


def _prints(builder: Builder) -> _Prints:
    """This output's prints, read from the file once per build."""
    if _PRINTS_ATTR not in builder.__dict__:
        path = Path(builder.doctreedir) / PRINTS_FILE
        try:
            kept: dict[str, dict[str, str]] = pickle.loads(path.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError):
            kept = {}
        builder.__dict__[_PRINTS_ATTR] = _Prints(kept, kept.setdefault(output_key(builder), {}))
    prints: _Prints = builder.__dict__[_PRINTS_ATTR]
    return prints


def note(app: Sphinx, docname: str, views: list[nodes.Element]) -> None:
    """The print of the views a page is written with."""
    prints = _prints(app.builder)
    print_ = nodes_digest(views)
    if prints.own.get(docname) != print_:
        prints.own[docname] = print_
        prints.changed = True


def take(app: Sphinx, docname: str) -> list[nodes.Element] | None:
    """The page's views if rendered for the comparison (their print is noted)."""
    rendered: dict[str, list[nodes.Element]] = app.builder.__dict__.get(_RENDERED_ATTR, {})
    return rendered.pop(docname, None)


def unchanged(
    app: Sphinx, candidates: Set[str], render: Render, others: tuple[type[nodes.Node], ...]
) -> set[str]:
    """Of ``candidates`` (pages marked for their views alone), those whose views came
    out the same; never a page with any of the nodes ``others`` (views not ours)."""
    builder = app.builder
    if not candidates:
        return set()
    prints = _prints(builder)
    env: BuildEnvironment = builder.env
    same: set[str] = set()
    kept_renders: dict[str, list[nodes.Element]] = builder.__dict__.setdefault(_RENDERED_ATTR, {})
    for docname in sorted(candidates):
        if docname not in prints.own:
            continue
        doctree = env.get_doctree(docname)
        if any(True for _ in doctree.findall(lambda n: isinstance(n, others))):
            continue
        placeholders = list(doctree.findall(stand_view))
        views = render(app, docname, placeholders)
        print_ = nodes_digest(views)
        if print_ == prints.own[docname]:
            same.add(docname)
        else:
            kept_renders[docname] = views
            prints.own[docname], prints.changed = print_, True
    return same


def save(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: keep the prints for the next build (of pages still there)."""
    prints: _Prints | None = app.builder.__dict__.pop(_PRINTS_ATTR, None)
    app.builder.__dict__.pop(_RENDERED_ATTR, None)
    if exception is not None or prints is None:
        return
    gone = [doc for doc in prints.own if doc not in app.env.found_docs]
    for doc in gone:
        del prints.own[doc]
    if prints.changed or gone:
        path = Path(app.builder.doctreedir) / PRINTS_FILE
        write_atomic(path, pickle.dumps(prints.kept, pickle.HIGHEST_PROTOCOL))


def setup(app: Sphinx) -> None:
    app.connect("build-finished", save)
