"""One PDF per report year, typeset by Typst from the doctrees of the HTML build.

Kept light: ``typeset`` runs in a process of its own and imports this package.
``builder`` resolves a year's pages and hands them to ``translator``, which writes
Typst markup with the helpers of ``markup``; ``templates/pdf/stand.typ`` holds
the look (cover, contents, page numbers, need blocks). ``stand bouw`` runs this
builder after the HTML build on the same environment, so no page is read twice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .names import BUILDER, pdf_file_name, slug

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["BUILDER", "pdf_file_name", "slug"]


def setup(app: Sphinx) -> None:
    from .builder import TypstPDFBuilder

    app.add_builder(TypstPDFBuilder)
