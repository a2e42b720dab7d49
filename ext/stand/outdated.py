"""Which pages an incremental build writes again, besides the ones Sphinx re-reads.

A page shows more than its own source. A need box shows the need's status, year,
line (``lijn``) and back-links, and the title and place of every need it links
to; a ``{need}`` reference shows its target's title; a view shows the needs it
selects; errata come from the year's freeze file; furo's sidebar shows every
page's title. Sphinx re-reads a page only when its own source changes.

So after reading (``env-updated``) we describe, per page, what it shows of other
sources, and compare with what the previous build of the same output showed.
A page whose description changed is written again from its pickled doctree: its
need boxes and views are placeholders filled in while writing, from the needs as
they are now, so writing suffices and no page is re-read. The descriptions are
computed from the needs as read, before sphinx-needs resolves them (that
happens when writing starts): back-links and lines follow from the links.

The first half is pure (no Sphinx); the second half is the Sphinx side.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment import BuildEnvironment
from sphinx_needs.data import SphinxNeedsData
from sphinx_needs.roles.need_ref import NeedRef

from .build import records
from .cache import digest, env_store, nodes_digest, output_key
from .directives import add_view_years, text_view_years, view_years
from .files import write_atomic
from .freeze import TODO_TAG, published_years, read_freeze
from .htmlbuilder import StandHTMLBuilder, special_prints
from .model import Record, compute_lineages, year_of_docname
from .navigation import navigation_print
from .viewprints import NEEDS_VIEWS

# --- Pure part -------------------------------------------------------------------

#: Any year: a view that follows every year, or a need without a year (a
#: handelingsperspectief, which views of every year show).
ANY_YEAR = "alle"


@dataclass(frozen=True)
class Box:
    """What a need's box shows besides the need's own text (which is in its page)."""

    hidden: bool = False
    todo: bool = False  # the box "Nog te actualiseren"
    errata: tuple[tuple[str, str], ...] = ()  # (date, explanation) from the freeze file


@dataclass(frozen=True)
class Shown:
    """What the pages of one build show of sources other than their own, as digests."""

    needs: dict[str, tuple[str, str, str, str]]  # ID -> (view print, text print, year, type)
    pages: dict[str, str]  # docname -> digest of its boxes and references
    navigation: str
    linked_from: dict[str, set[str]] = field(default_factory=dict)  # ID -> years linking to it
    #: The builder's own pages (``genindex``, ``search``): what they show besides navigation.
    special: dict[str, str] = field(default_factory=dict)
    #: Per page, its sections as a toctree that lists it shows them (``maxdepth``).
    tocs: dict[str, str] = field(default_factory=dict)


#: What views may show of a need: all of the model's fields but its text (kept apart:
#: only ``jaarverschil`` shows it) and its line number.
VIEW_FIELDS = tuple(
    f.name for f in dataclasses.fields(Record) if f.name not in ("content", "lineno")
)


def with_year(record: Record) -> Record:
    """The year as ``build.set_years`` gives it, links as sphinx-needs sorts them (a set)."""
    return dataclasses.replace(
        record,
        jaar=record.jaar or year_of_docname(record.docname or ""),
        links={k: tuple(sorted(set(v))) for k, v in sorted(record.links.items()) if v},
    )


def _target(need: Record | None, docs: frozenset[str]) -> object:
    """What a box or a reference shows of a need it names: title and where it is."""
    if need is None:
        return None
    if need.external_url:
        return (need.title, need.external_url, need.organisatie)
    return (need.title, need.docname if need.docname in docs else None)


def shown(
    records: Mapping[str, Record],
    boxes: Mapping[str, Box],
    references: Mapping[str, set[str]],
    docs: frozenset[str],
    navigation: str,
) -> Shown:
    """Per need what views show of it, per page what its boxes and references show.

    ``records`` are the needs as read (``with_year`` applied); ``references`` the
    IDs each page names with ``{need}``; ``docs`` the documents of the build.
    """
    lines = compute_lineages(records)
    backs: dict[str, dict[str, list[str]]] = {}
    linked_from: dict[str, set[str]] = {}
    for need in records.values():
        for link, targets in need.links.items():
            for target in targets:
                if target in records:
                    backs.setdefault(target, {}).setdefault(link, []).append(need.id)
                linked_from.setdefault(target, set()).add(need.jaar or ANY_YEAR)
    needs: dict[str, tuple[str, str, str, str]] = {}
    per_page: dict[str, list[object]] = {}
    for need_id in sorted(records):
        need = records[need_id]
        view = tuple(getattr(need, name) for name in VIEW_FIELDS)
        needs[need_id] = (digest(view), digest(need.content), need.jaar or ANY_YEAR, need.type)
        if not need.docname or need.external_url:
            continue
        line = lines.get(need_id, need_id)
        back = {link: sorted(ids) for link, ids in sorted(backs.get(need_id, {}).items())}
        named = {line} - {need_id}
        named.update(t for targets in need.links.values() for t in targets)
        named.update(i for ids in back.values() for i in ids)
        box = boxes.get(need_id, Box())
        own = (need.type, need.title, need.status, need.jaar, line, need.links, back, box)
        seen = [(i, _target(records.get(i), docs)) for i in sorted(named)]
        per_page.setdefault(need.docname, []).append((need_id, own, seen))
    for docname, ids in references.items():
        seen = [(i, _target(records.get(i), docs)) for i in sorted(ids)]
        per_page.setdefault(docname, []).append(("{need}", seen))
    pages = {doc: digest(items) for doc, items in sorted(per_page.items())}
    return Shown(needs, pages, navigation, linked_from)


def unchanged_special(old: Shown | None, new: Shown) -> set[str]:
    """The builder's own pages that would show what the previous build wrote."""
    if old is None or old.navigation != new.navigation:
        return set()
    return {page for page, print_ in new.special.items() if old.special.get(page) == print_}


def changed_years(old: Shown, new: Shown) -> tuple[set[str], set[str]]:
    """The years whose views may show something else, and those whose text changed.

    A changed need counts for its year before and after; one that comes, goes or
    changes type also for the years of the needs that link to it (``dekking``
    counts a link by the type of its target).
    """
    years: set[str] = set()
    for need_id in old.needs.keys() | new.needs.keys():
        before, after = old.needs.get(need_id), new.needs.get(need_id)
        if before is not None and after is not None and before[0] == after[0]:
            continue
        years.update(p[2] for p in (before, after) if p is not None)
        if before is None or after is None or before[3] != after[3]:
            years.update(old.linked_from.get(need_id, ()))
            years.update(new.linked_from.get(need_id, ()))
    text = {
        after[2]
        for need_id, after in new.needs.items()
        if (before := old.needs.get(need_id)) is not None and before[1] != after[1]
    }
    return years, text


def concerned(scopes: Mapping[str, set[str]], years: set[str]) -> set[str]:
    """The documents whose views follow one of ``years`` (``alle``: any year)."""
    if not years:
        return set()
    if ANY_YEAR in years:
        return set(scopes)
    return {doc for doc, scope in scopes.items() if ANY_YEAR in scope or scope & years}


def pages_to_write(
    old: Shown | None,
    new: Shown,
    docs: Iterable[str],
    view_scopes: Mapping[str, set[str]],
    text_scopes: Mapping[str, set[str]],
    parents: Mapping[str, set[str]],
) -> tuple[set[str], set[str]]:
    """Every page whose output may differ from what the previous build wrote, as far
    as it depends on other sources (a page whose own source changed is re-read
    anyway); and of those, the ones marked for their views alone.

    ``parents``: per page, the pages whose toctrees list it (Sphinx's
    ``files_to_rebuild``); they show its sections, and those of the pages it lists.
    """
    if old is None or old.navigation != new.navigation:
        return set(docs), set()
    pages = {doc for doc, print_ in new.pages.items() if old.pages.get(doc) != print_}
    listing: set[str] = set()
    todo = [doc for doc, print_ in new.tocs.items() if old.tocs.get(doc) != print_]
    while todo:
        for parent in parents.get(todo.pop(), ()):
            if parent not in listing:
                listing.add(parent)
                todo.append(parent)
    years, text_years = changed_years(old, new)
    views = concerned(view_scopes, years) | concerned(text_scopes, text_years)
    return pages | listing | views, views - pages - listing


# --- Sphinx side -------------------------------------------------------------------

SHOWN_ATTR = "stand_shown"
REFERENCES_ATTR = "stand_need_references"


def references(env: BuildEnvironment) -> dict[str, set[str]]:
    """Per document, the IDs its ``{need}`` references name."""
    return env_store(env, REFERENCES_ATTR, dict)


def note_references(app: Sphinx, doctree: nodes.document) -> None:
    docname = app.env.docname
    ids = {str(node["need_link"].id) for node in doctree.findall(NeedRef)}
    if ids:
        references(app.env)[docname] = ids
    if any(True for _ in doctree.findall(lambda n: isinstance(n, NEEDS_VIEWS))):
        add_view_years(app.env, {ANY_YEAR})


def purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    references(env).pop(docname, None)


def merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    references(env).update((d, ids) for d, ids in references(other).items() if d in docnames)


def _errata(srcdir: Path, records: Mapping[str, Record]) -> tuple[dict[str, Box], dict[str, Any]]:
    """Per need its errata, as ``freeze.annotate`` shows them on the year's pages;
    and per year's first page the errata of needs removed after publication."""
    found: dict[str, list[tuple[str, str]]] = {}
    removed: dict[str, Any] = {}
    for jaar in published_years(srcdir):
        freeze = read_freeze(srcdir, jaar)
        if freeze is None:
            continue
        first = f"{jaar}/index"
        gone = []
        for erratum in freeze.errata:
            need = records.get(erratum.id)
            where = need.docname if need is not None else None
            if where and year_of_docname(where) == jaar:
                found.setdefault(erratum.id, []).append((erratum.datum, erratum.uitleg))
            if freeze.needs.get(erratum.id, {}) is None and where != first:
                gone.append((erratum.id, erratum.datum, erratum.uitleg))
        removed[first] = gone
    return {i: Box(errata=tuple(e)) for i, e in found.items()}, removed


def current(app: Sphinx, env: BuildEnvironment) -> Shown | None:
    """What this build's pages show; None once the needs are resolved (not read anew)."""
    try:
        needs = SphinxNeedsData(env).get_needs_mutable()
    except RuntimeError:
        return None
    model = {i: with_year(r) for i, r in records(needs).items()}
    boxes, removed = _errata(app.srcdir, model)
    for need_id, need in needs.items():
        todo, hidden = TODO_TAG in (need["tags"] or ()), bool(need["hide"])
        if todo or hidden:
            boxes[need_id] = dataclasses.replace(
                boxes.get(need_id, Box()), todo=todo, hidden=hidden
            )
    result = dataclasses.replace(
        shown(model, boxes, references(env), frozenset(env.all_docs), navigation_print(env)),
        special=special_prints(app.builder),
        tocs={doc: nodes_digest([toc]) for doc, toc in env.tocs.items()},
    )
    for doc, gone in removed.items():
        if gone and doc in result.pages:
            result.pages[doc] = digest((result.pages[doc], gone))
        elif gone:
            result.pages[doc] = digest(gone)
    return result


def _unfinished(app: Sphinx) -> Path:
    return Path(app.doctreedir) / f"stand-unfinished-{app.builder.name}"


def mark_outdated(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: the pages to write again, besides the re-read ones.

    What the pages show is kept in the environment, which Sphinx saves before it
    writes; a build stopped while writing (Ctrl+C) would leave pages unwritten that
    the next build takes for written. So a marker lives from here to a build's
    successful end, and a build that finds one writes everything.
    """
    builder = app.builder
    store: dict[str, Shown] = env_store(env, SHOWN_ATTR, dict)
    new = current(app, env)
    old = store.pop(output_key(builder), None)
    marker = _unfinished(app)
    if marker.exists():
        old = None
    write_atomic(marker, b"")
    if new is None:
        if isinstance(builder, StandHTMLBuilder):
            builder.same_special, builder.for_views = set(), set()
        return sorted(env.found_docs)
    store[output_key(builder)] = new
    found, for_views = pages_to_write(
        old, new, env.found_docs, view_years(env), text_view_years(env), env.files_to_rebuild
    )
    if isinstance(builder, StandHTMLBuilder):
        builder.for_views = for_views
        builder.same_special = {
            page
            for page in unchanged_special(old, new)
            if Path(app.outdir, f"{page}{builder.out_suffix}").exists()
        }
    return sorted(found & env.found_docs)


_REMOVED = "_stand_removed"


def note_removed(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    app.builder.__dict__[_REMOVED] = set(removed)
    return []


def finish(app: Sphinx, exception: Exception | None) -> None:
    """Remove the pages of removed sources: a clean build does not have them.

    (After a failed build Sphinx removes the environment itself, so the pages marked
    but not written are written by the next build.)
    """
    builder = app.builder
    if exception is None:
        _unfinished(app).unlink(missing_ok=True)
    if exception is not None or not isinstance(builder, StandaloneHTMLBuilder):
        return
    outdir = Path(app.outdir)
    for docname in sorted(builder.__dict__.get(_REMOVED, ())):
        if docname in app.env.found_docs:
            continue
        paths = [Path(builder.get_outfilename(docname))]
        paths += [
            outdir / "_sources" / f"{docname}{suffix}{app.config.html_sourcelink_suffix}"
            for suffix in app.config.source_suffix
        ]
        for path in paths:
            path.unlink(missing_ok=True)
            _remove_empty_parents(path.parent, outdir)


def drop_vanished_words(app: Sphinx, *args: Any) -> list[tuple[str, dict[str, Any], str]]:
    """Before the search index is written: leave out words no page has any more.

    An incremental build loads the previous index and takes the pages it writes
    out of each word's set, but keeps a word whose set became empty; a clean build
    never has it, so ``searchindex.js`` would differ (Sphinx 9.0). The index has
    no public call for this, hence its attributes, left alone if they are gone.
    """
    indexer = getattr(app.builder, "indexer", None)
    for attr in ("_mapping", "_title_mapping"):
        mapping = getattr(indexer, attr, None)
        if isinstance(mapping, dict):
            for word in [w for w, docs in mapping.items() if not docs]:
                del mapping[word]
    return []


def _remove_empty_parents(folder: Path, outdir: Path) -> None:
    while outdir in folder.parents and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", note_references)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("env-get-outdated", note_removed)
    app.connect("env-updated", mark_outdated)
    app.connect("html-collect-pages", drop_vanished_words)
    app.connect("build-finished", finish)
