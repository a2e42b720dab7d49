"""The one way our code warns: located, typed ``stand.<subtype>`` warnings."""

from __future__ import annotations

from sphinx.util import logging

from .checks import Subtype

logger = logging.getLogger("stand")


def warn(message: str, subtype: Subtype, location: tuple[str, int | None] | str) -> None:
    """Log a Sphinx warning that ``suppress_warnings = ["stand.<subtype>"]`` can silence."""
    logger.warning(message, type="stand", subtype=subtype, location=location)
