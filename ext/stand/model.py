"""The pure model of a Stand: years, lineages, coverage. No Sphinx import here."""

from __future__ import annotations

import re

_YEAR_FOLDER = re.compile(r"^(\d{4})(?:/|$)")


def year_of_docname(docname: str) -> str | None:
    """The report year of a document: its top folder when that is ``<jaar>``."""
    match = _YEAR_FOLDER.match(docname)
    return match.group(1) if match else None
