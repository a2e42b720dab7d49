"""Sphinx's HTML builder, writing in an incremental build only the pages that changed.

``outdated`` works out which pages show something else now. Sphinx adds two kinds
of writes of its own, with the same bytes as before:

- a page whose toctree lists a page being written (for the title it shows);
  ``outdated`` already writes every page when a title or toctree changes, since
  every sidebar shows them;
- a page with views, when a need its views may select changed: ``viewprints``
  renders its views first and leaves the page alone if they came out the same;
- the index and the search page, in every build. Their rendering is not cheap
  (the index: half a second at 5,000 needs), and they show only the index entries,
  the navigation and the configuration.

So this builder leaves out what ``outdated`` found unchanged. A clean build writes
everything as Sphinx does (tests/test_incremental.py compares them byte for byte).
"""

from __future__ import annotations

from collections.abc import Set
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment import BuildEnvironment

from . import viewprints, views
from .flows import stand_flow

#: Set by ``outdated.mark_outdated`` per build: the builder's own pages (``genindex``,
#: ``search``) whose output would be what the previous build wrote.
UNCHANGED_ATTR = "_stand_unchanged_pages"
_PARENTS_ATTR = "_stand_files_to_rebuild"
_SAME_VIEWS_ATTR = "_stand_same_views"


def unchanged(builder: Builder) -> set[str]:
    found: set[str] = builder.__dict__.get(UNCHANGED_ATTR, set())
    return found


class StandHTMLBuilder(StandaloneHTMLBuilder):
    """The ``html`` builder; the index and search page written only when they change."""

    name = "html"

    def prepare_writing(self, docnames: Set[str]) -> None:
        # Before the search index drops the words of the pages about to be written.
        others = (*viewprints.NEEDS_VIEWS, stand_flow)
        same = viewprints.unchanged(self._app, docnames, views.render_placeholders, others)
        self.__dict__[_SAME_VIEWS_ATTR] = same
        super().prepare_writing(set(docnames) - same)

    def write_documents(self, docnames: Set[str]) -> None:
        # The views of a page marked for them alone may have come out the same.
        super().write_documents(set(docnames) - self.__dict__.pop(_SAME_VIEWS_ATTR, set()))

    def write_genindex(self) -> None:
        if "genindex" not in unchanged(self):
            super().write_genindex()

    def handle_page(
        self,
        pagename: str,
        addctx: dict[str, Any],
        templatename: str = "page.html",
        *,
        outfilename: Path | None = None,
        event_arg: Any = None,
    ) -> None:
        if pagename == "search" and "search" in unchanged(self):
            return
        super().handle_page(
            pagename, addctx, templatename, outfilename=outfilename, event_arg=event_arg
        )


def without_toctree_parents(app: Sphinx, builder: Builder) -> None:
    """``write-started``: Sphinx adds each written page's toctree parents from
    ``files_to_rebuild`` right after this event; hide it for the write."""
    if isinstance(builder, StandHTMLBuilder):
        env = builder.env
        builder.__dict__[_PARENTS_ATTR] = env.files_to_rebuild
        env.files_to_rebuild = {}


def restore_toctree_parents(app: Sphinx, exception: Exception | None) -> None:
    saved = app.builder.__dict__.pop(_PARENTS_ATTR, None)
    if saved is not None:
        env: BuildEnvironment = app.builder.env
        env.files_to_rebuild = saved  # the consistency check of the next build reads it


def setup(app: Sphinx) -> None:
    app.add_builder(StandHTMLBuilder, override=True)
    app.connect("write-started", without_toctree_parents)
    app.connect("build-finished", restore_toctree_parents, priority=100)
