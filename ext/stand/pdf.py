"""One PDF per report year (placeholder; see issue on PDF)."""

from __future__ import annotations

from sphinx.application import Sphinx


def setup(app: Sphinx) -> None:
    pass
