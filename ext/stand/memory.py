"""Garbage-collector thresholds for the length of a build.

A build keeps every need, every page's toc and the doctrees it has read alive
until it writes them: millions of long-lived objects. CPython's full collection
walks all of them, and with its default thresholds (700, 10, 10) it runs every
hundred young collections or so, each one longer as the site grows: a third of
a 5,000-need build, and the superlinear step at 25,000 (see bench/RESULTS.md).
Fewer full collections leave cyclic garbage (written doctrees) longer in
memory: about 150 MiB more at 5,000 needs, well within what a build may use.
mypy sets its thresholds for the same reason.

Set when a build starts and restored when it ends, so a process that runs several
builds (the tests, ``make live``) keeps its own settings between them. Each build of
the same application (``stand live``) needs them too: at the default thresholds,
with the previous build's objects frozen, the young generations stay small and a
full collection comes every 70,000 allocations, each walking everything made since:
an in-process rebuild after a status change took longer than a new process.
"""

from __future__ import annotations

import gc

from sphinx.application import Sphinx

#: Measured on the bench trees: (2000, 200, 10) makes full collections rare (2 in a
#: 5,000-need build instead of 27) for about 200 MiB more peak memory.
THRESHOLDS = (2000, 200, 10)


def tune(app: Sphinx) -> None:
    """``builder-inited``: a new application; what an earlier one left frozen may go."""
    gc.unfreeze()
    tune_build(app)


def tune_build(app: Sphinx, *args: object) -> None:
    """The start of every build (``env-before-read-docs``), also a later one of the
    same application, whose objects stay frozen: they live on into the next build."""
    if not hasattr(app, "_stand_gc_thresholds"):
        setattr(app, "_stand_gc_thresholds", gc.get_threshold())  # noqa: B010
    gc.set_threshold(*THRESHOLDS)


def restore(app: Sphinx, exception: Exception | None) -> None:
    saved: tuple[int, int, int] | None = getattr(app, "_stand_gc_thresholds", None)
    if saved is not None:
        # The build's objects live until the process ends (or the next build):
        # leave them out of every later collection, among them the one at exit
        # that walks them all (seconds at 5,000 needs).
        gc.freeze()
        gc.set_threshold(*saved)
        delattr(app, "_stand_gc_thresholds")


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", tune)
    app.connect("env-before-read-docs", tune_build)
    app.connect("build-finished", restore, priority=900)
