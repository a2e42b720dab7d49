"""Work around a cost upstream, until it is fixed there.

Sphinx 9's ``EventManager.emit`` formats every event's arguments with ``repr()``
for a debug message, also when debug messages are not shown. sphinx-needs emits two
events per build with every need as argument; their ``repr()`` is 0.15 s of every
build at 5,000 needs, a tenth of a rebuild in ``stand live``. The name ``repr`` in
``sphinx.events`` serves that message only, so that module gets its own: a
placeholder, unless debug messages are shown (``-vv``).
"""

from __future__ import annotations

import builtins

import sphinx.events
from sphinx.application import Sphinx

#: Sphinx shows debug messages from this verbosity on (``-vv``).
DEBUG_VERBOSITY = 2


def _event_args_placeholder(args: object) -> str:
    return "(...)"


def setup(app: Sphinx) -> None:
    if sphinx.version_info[0] != 9:  # measured on Sphinx 9.0; look again on an upgrade
        return
    quiet = app.verbosity < DEBUG_VERBOSITY
    sphinx.events.repr = _event_args_placeholder if quiet else builtins.repr  # type: ignore[attr-defined]
