"""Sphinx's HTML builder, writing in an incremental build only the pages that changed.

``outdated`` works out which pages show something else now, and marks them. Three
kinds of pages would still be written with the same bytes as before:

- a page whose toctree lists a page being written: Sphinx adds it for the titles
  it shows, while ``outdated`` already adds it when what it lists changed (a title,
  a section, a toctree: ``navigation_print`` and the pages' tocs);
- a page marked because a need its views may select changed: ``viewprints``
  renders its views first and leaves the page alone if they came out the same;
- the index and the search page, written by Sphinx in every build, though they
  show only the index entries, the navigation and the configuration (the index
  costs half a second at 5,000 needs).

A clean build writes everything as Sphinx does; tests/test_incremental.py holds
every incremental build to it, byte for byte and page for page.
"""

from __future__ import annotations

from collections.abc import Iterator, Set
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment import BuildEnvironment

from . import viewprints, views
from .cache import digest
from .flows import stand_flow

_PARENTS_ATTR = "_stand_files_to_rebuild"


def special_prints(builder: Builder) -> dict[str, str]:
    """What the HTML builder's own pages show besides the navigation: the search page
    the configuration and templates (``.buildinfo`` and the newest template's time,
    which make Sphinx write every page anew), the index also the index entries."""
    if not isinstance(builder, StandaloneHTMLBuilder):
        return {}
    info = builder.build_info
    base = (info.config_hash, info.tags_hash, builder.templates.newest_template_mtime())
    entries = builder.env.domains.index_domain.entries
    return {"search": digest(base), "genindex": digest((base, sorted(entries.items())))}


class StandHTMLBuilder(StandaloneHTMLBuilder):
    """The ``html`` builder; leaves out the pages ``outdated`` and ``viewprints`` found
    unchanged: view pages whose views came out the same, the index, the search page."""

    name = "html"

    def init(self) -> None:
        super().init()
        #: Set per build by ``outdated.mark_outdated``: the builder's own pages
        #: (``genindex``, ``search``) that would come out as the previous build wrote
        #: them, and the pages marked for their views alone.
        self.same_special: set[str] = set()
        self.for_views: set[str] = set()
        # What Sphinx writes anyway: the pages it read anew, and those it chose itself
        # (a changed source, template or html setting, a missing output file); None
        # without an update build (-a, named files), where it writes what it was asked.
        self._read: set[str] = set()
        self._chosen: set[str] | None = None
        self._same_views: set[str] = set()

    def get_outdated_docs(self) -> Iterator[str]:
        self._chosen = set(super().get_outdated_docs())
        return iter(self._chosen)

    def note_read(self, docnames: list[str]) -> None:
        self._read = set(docnames)

    def prepare_writing(self, docnames: Set[str]) -> None:
        # Before the search index drops the words of the pages about to be written.
        chosen, self._chosen = self._chosen, None
        candidates = (
            set() if chosen is None else (self.for_views & set(docnames)) - chosen - self._read
        )
        others = (*viewprints.NEEDS_VIEWS, stand_flow)
        self._same_views = viewprints.unchanged(
            self._app, candidates, views.render_placeholders, others
        )
        super().prepare_writing(set(docnames) - self._same_views)

    def write_documents(self, docnames: Set[str]) -> None:
        remaining = set(docnames) - self._same_views
        if remaining:  # Sphinx's parallel writer starts from the first page
            super().write_documents(remaining)

    def write_genindex(self) -> None:
        if "genindex" not in self.same_special:
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
        if pagename == "search" and "search" in self.same_special:
            return
        super().handle_page(
            pagename, addctx, templatename, outfilename=outfilename, event_arg=event_arg
        )


def note_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: the pages read anew are written whatever they show."""
    if isinstance(app.builder, StandHTMLBuilder):
        app.builder.note_read(docnames)


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
    app.connect("env-before-read-docs", note_read, priority=900)
    app.connect("write-started", without_toctree_parents)
    app.connect("build-finished", restore_toctree_parents, priority=100)
