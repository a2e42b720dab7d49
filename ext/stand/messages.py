"""Every warning a writer can meet, in Dutch and located: one logging filter.

Sphinx, docutils, MyST and sphinx-needs warn in English, some without a line.
:class:`DutchWarnings` sits first on Sphinx's warning handler and rewrites each
warning record before Sphinx formats it: the message is translated from the table
:data:`TRANSLATIONS` (keyed on the warning's type, subtype and English text),
``type`` and ``subtype`` stay as they are (so ``suppress_warnings`` keeps working),
and a warning about a whole file gets line 1. A message the table does not know
keeps its English text behind a Dutch lead (:func:`untranslated`), so it is still
recognisable as a warning to act on; ``-W`` fails the build on all of them.

Our own ``stand.*`` warnings are Dutch already; only their location is completed.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.utils import get_source_line
from sphinx.application import Sphinx
from sphinx.util.logging import NAMESPACE, WarningStreamHandler

from .translations import NEEDS_AND_MYST, Translation
from .translations_sphinx import SPHINX

#: Every translation, tried in order: the first whose type, subtype and pattern match.
TRANSLATIONS: tuple[Translation, ...] = NEEDS_AND_MYST + SPHINX
_NEEDS = "needs"


#: Who emitted what we could not translate, by the warning's type.
_SOURCES = {"needs": "sphinx-needs", "myst": "MyST", "docutils": "docutils"}


def untranslated(message: str, warning_type: str | None) -> str:
    """A message the table does not know: a Dutch lead, the English text kept."""
    source = _SOURCES.get(warning_type or "", "Sphinx")
    return f"{source} meldt (nog niet in het Nederlands vertaald): {message}"


def translate(
    message: str,
    warning_type: str | None,
    subtype: str | None,
    context: Mapping[str, str],
    file_of: Callable[[str], str] = str,
) -> str:
    """The Dutch text of an English warning.

    ``context`` holds ``wie``/``Wie``; ``file_of`` turns a ``docname:lineno`` the
    message names (the group ``docloc``) into the file a writer opens.
    """
    for rule in TRANSLATIONS:
        if (rule.type and rule.type != warning_type) or (rule.subtype and rule.subtype != subtype):
            continue
        if match := rule.pattern.match(message):
            groups = {k: v for k, v in match.groupdict().items() if v is not None}
            if "docloc" in groups:
                groups["docloc"] = file_of(groups["docloc"])
            return rule.apply({**context, **groups})
    return untranslated(message, warning_type)


_NEED_ID = re.compile(r"^\s*:id:\s*(\S+)\s*$")
_OPTION = re.compile(r"^\s*:[\w-]+:")
#: A location Sphinx already made a string of: ``/abs/path.md:12`` or ``/abs/path.md:``.
_PATH_LINE = re.compile(r"^(?P<path>/.*?):(?P<line>\d*)$")


def need_id_at(path: Path, lineno: int) -> str | None:
    """The ``:id:`` in the option block of the directive that starts at ``lineno``."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    for line in lines[lineno : lineno + 40]:
        if match := _NEED_ID.match(line):
            return match.group(1)
        if line.strip() and not _OPTION.match(line):
            return None
    return None


class DutchWarnings(logging.Filter):
    """Translates and locates every warning record before Sphinx formats it."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__()
        self.app = app

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING or getattr(record, "stand_dutch", False):
            return True
        record.stand_dutch = True
        path, line = self._locate(record)
        warning_type: str | None = getattr(record, "type", None)
        if warning_type == "stand":
            return True
        subtype: str | None = getattr(record, "subtype", None)
        message = record.getMessage()
        who = "dit onderdeel"
        if warning_type == _NEEDS and path and line and (need_id := need_id_at(path, line)):
            who = f"het onderdeel {need_id}"
        context = {"wie": who, "Wie": who[:1].upper() + who[1:]}
        dutch = translate(message, warning_type, subtype, context, self._file_of)
        # Files the message names, as the writer sees them: from the source folder.
        dutch = dutch.replace(f"{self.app.srcdir}{os.sep}", "")
        record.msg, record.args = dutch, ()
        return True

    def _locate(self, record: logging.LogRecord) -> tuple[Path | None, int | None]:
        """Complete the location to ``path:line`` (line 1 for a whole file)."""
        location: Any = getattr(record, "location", None)
        env = getattr(self.app, "env", None)
        if env is None or location is None:
            return None, None
        path: Path | None
        line: int | None
        if isinstance(location, tuple):
            docname, line = location
            if not docname:
                return None, None
            # Some directives give the source file instead of the docname.
            is_file = os.path.isabs(docname) and os.path.exists(docname)
            path = Path(docname) if is_file else env.doc2path(docname)
        elif isinstance(location, nodes.Node):
            source, line = get_source_line(location)
            parent = location.parent
            while line is None and parent is not None:
                source, line = source or parent.source, parent.line
                parent = parent.parent
            if not source:
                return None, None
            path = Path(source)
        elif isinstance(location, str) and location in env.found_docs:
            path, line = env.doc2path(location), None
        elif isinstance(location, str) and (match := _PATH_LINE.match(location)):
            path, line = Path(match["path"]), int(match["line"] or 0) or None
        else:
            return None, None
        line = line or 1
        record.location = f"{os.path.abspath(path)}:{line}"
        return path, line

    def _file_of(self, docloc: str) -> str:
        """``2022/index:10`` as the writer reads it: ``2022/index.md, regel 10``."""
        docname, _, line = docloc.partition(":")
        env = self.app.env
        if docname not in env.found_docs:
            return docloc
        where = str(env.doc2path(docname, False))
        return f"{where}, regel {line}" if line else where


def install(app: Sphinx) -> None:
    """First filter on Sphinx's warning handler: before suppression and formatting."""
    for handler in logging.getLogger(NAMESPACE).handlers:
        if isinstance(handler, WarningStreamHandler) and not any(
            isinstance(f, DutchWarnings) for f in handler.filters
        ):
            handler.filters.insert(0, DutchWarnings(app))


def setup(app: Sphinx) -> None:
    install(app)
