"""One PDF per report year, typeset by Typst from the doctrees of the HTML build.

``builder`` resolves a year's pages and hands them to ``translator``, which writes
Typst markup with the helpers of ``markup``; ``templates/pdf/stand.typ`` holds
the look (cover, contents, page numbers, need blocks). ``stand bouw`` runs this
builder after the HTML build on the same environment, so no page is read twice.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx_needs.api import get_needs_view

from ..build import records
from ..directives import stand_view
from ..model import of_type
from ..views import year_option
from .builder import TypstPDFBuilder
from .names import pdf_file_name, slug

__all__ = ["BUILDER", "pdf_file_name", "slug"]

BUILDER = TypstPDFBuilder.name


def transpose_wide_matrices(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Print a traceermatrix with more columns than rows the other way round.

    A portrait page takes many rows (they flow onto the next page) but few
    columns. Swapping the placeholder's options before ``views`` renders it (at the
    default priority) keeps its captions, totals and gap texts right.
    """
    if app.builder.name != BUILDER:
        return
    placeholders = [n for n in doctree.findall(stand_view) if n["kind"] == "traceermatrix"]
    if not placeholders:
        return
    needs = records(get_needs_view(app))
    for node in placeholders:
        options = node["options"]
        if node["problems"]:
            continue
        year = year_option(options["jaar"])
        rows = of_type(needs, options["rijen"], year)
        columns = of_type(needs, options["kolommen"], year)
        if len(columns) > len(rows):
            options["rijen"], options["kolommen"] = options["kolommen"], options["rijen"]


def setup(app: Sphinx) -> None:
    app.add_builder(TypstPDFBuilder)
    app.connect("doctree-resolved", transpose_wide_matrices, priority=400)
