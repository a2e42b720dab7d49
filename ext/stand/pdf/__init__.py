"""One PDF per report year, built by sphinx-simplepdf (WeasyPrint).

The Sphinx side reacts to ``stand_pdf_jaar``: that year's index becomes the root
document and the reference pages are appended to its table of contents, so only
that year's report and the reference pages are in the PDF. Every page is still
read, so the rules and the extension's views see all needs, exactly as in the
HTML build; ``links`` turns links to what is not in the PDF into plain text, and
``log`` turns WeasyPrint's own log into Sphinx warnings so ``-W`` fails on them.
The command line (``python -m stand.pdf``, in ``__main__``) runs that build once
per ``docs/<jaar>/``, each in its own process and build directory.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import MutableMapping
from functools import partial
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx_needs.api import get_needs_view

from ..build import records
from ..config import LINKS, StandConfig
from ..directives import stand_view
from ..model import of_type
from ..views import year_option

PACKAGE = Path(__file__).parent.parent
BUILDER = "simplepdf"
REFERENCE_DOC = "referentie/index"
SOURCE_DIR = "docs"
YEAR_FOLDER = re.compile(r"^\d{4}$")

# Rijkshuisstijl "lintblauw"; the simplepdf theme reads these through its scss config().
PDF_VARS = {
    "primary": "#154273",
    "primary-opaque": "rgba(21, 66, 115, .5)",
    "secondary": "#01689B",
    "cover": "#ffffff",
    "white": "#ffffff",
    "links": "#01689B",
    "cover-bg": "#154273",
    "top-left-content": "counter(page)",
    "top-right-content": "string(heading)",
}


def slug(text: str) -> str:
    """``"Logius"`` → ``"logius"``; accents dropped, anything else becomes ``-``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def pdf_file_name(organisatie: str, jaar: str) -> str:
    return f"stand-van-{slug(organisatie)}-{jaar}.pdf"


# --- The year's document tree ------------------------------------------------


def configure_year(app: Sphinx, config: Config) -> None:
    """Turn this build into the PDF of one year; a no-op when ``stand_pdf_jaar`` is empty."""
    ours = StandConfig.from_sphinx(config)
    jaar = ours.pdf_jaar
    if not jaar:
        return
    if not YEAR_FOLDER.match(jaar) or not (Path(app.srcdir) / jaar / "index.md").is_file():
        raise ConfigError(
            f"stand_pdf_jaar = {jaar!r}: er is geen {SOURCE_DIR}/{jaar}/index.md; "
            f"geef een verslagjaar op waarvoor een map bestaat, bijvoorbeeld 2022."
        )
    # The landing page is read (its toctree includes every year) but is no longer
    # the root; marking it orphan keeps Sphinx from warning that nothing includes it.
    app.connect("doctree-read", partial(mark_orphan, config.root_doc))
    config.root_doc = f"{jaar}/index"
    # The HTML <title>, which WeasyPrint makes the PDF's title.
    config.html_title = f"Stand van de uitvoering {jaar} — {ours.organisatie}"
    config.templates_path = [*config.templates_path, str(PACKAGE / "templates" / "pdf")]
    config.html_static_path = [*config.html_static_path, str(PACKAGE / "static" / "pdf")]
    config.html_css_files = [*config.html_css_files, "stand-pdf.css"]
    config.html_context = {
        **config.html_context,
        "stand_organisatie": ours.organisatie,
        "stand_jaar": jaar,
    }
    footer = f"{ours.organisatie} · Stand van de uitvoering {jaar}".replace('"', "'")
    config.simplepdf_file_name = pdf_file_name(ours.organisatie, jaar)
    config.simplepdf_vars = {
        **PDF_VARS,
        "bottom-left-content": f'"{footer}"',
        **config.simplepdf_vars,
    }
    config.simplepdf_sidebars = {"**": ["inhoudsopgave.html"]}
    # In-process WeasyPrint, so its log reaches log.capture_weasyprint_log.
    config.simplepdf_use_weasyprint_api = True


def tagged_pdf(app: Sphinx) -> None:
    """Make WeasyPrint write tagged PDF/UA-1.

    sphinx-simplepdf calls ``HTML.write_pdf(target=...)`` with no options, and
    WeasyPrint copies ``DEFAULT_OPTIONS`` on every call; this process builds one
    year's PDF and nothing else (``python -m stand.pdf``), so setting the default
    here is the narrowest hook there is.
    """
    if app.builder.name == "simplepdf" and StandConfig.from_sphinx(app.config).pdf_jaar:
        import weasyprint

        weasyprint.DEFAULT_OPTIONS["pdf_variant"] = "pdf/ua-1"


def mark_orphan(landing: str, app: Sphinx, doctree: nodes.document) -> None:
    if app.env.docname == landing:
        app.env.metadata[landing]["orphan"] = True


def append_reference_toctree(app: Sphinx, docname: str, source: list[str]) -> None:
    """Add the reference pages to the year's table of contents, in the PDF build only.

    The year's pages link to handelingsperspectieven; without the reference pages in
    the document tree those links would point nowhere inside the PDF. The HTML
    site keeps its own navigation because this only runs with ``stand_pdf_jaar``.
    """
    jaar = app.config.stand_pdf_jaar
    if not jaar or docname != f"{jaar}/index" or REFERENCE_DOC not in app.env.found_docs:
        return
    source[0] += f"\n\n```{{toctree}}\n:maxdepth: 2\n\n/{REFERENCE_DOC}\n```\n"


def drop_other_years_backlinks(app: Sphinx, needs: MutableMapping[str, Any]) -> None:
    """Keep back-links from other years out of this year's PDF.

    A handelingsperspectief lists the actielijnen of every year ("omvat"), and a
    dilemma its successors ("vervolgd in"); the year's PDF shows only its own. Runs
    after the rules (priority), which judge all needs as in the HTML build.
    """
    jaar = app.config.stand_pdf_jaar
    if not jaar:
        return

    def shown(need_id: str) -> bool:
        target = needs.get(need_id)
        return target is None or target["jaar"] in (jaar, None, "")

    for need in needs.values():
        for link in LINKS:
            back = need[f"{link.name}_back"]
            kept = [need_id for need_id in back if shown(need_id)]
            if kept != back:
                need[f"{link.name}_back"] = kept


def transpose_wide_matrices(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Print a traceermatrix with more columns than rows the other way round.

    A portrait page takes many rows (they flow onto the next page) but few
    columns; sixteen oplossingsrichtingen as columns do not fit without splitting
    words. Swapping the placeholder's options before ``views`` renders it (at the
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
    from . import links, log

    app.connect("config-inited", configure_year, priority=6)
    app.connect("source-read", append_reference_toctree)
    app.connect("needs-before-sealing", drop_other_years_backlinks, priority=900)
    app.connect("doctree-resolved", transpose_wide_matrices, priority=400)
    # After sphinx-needs and our rendering have made their links (default priority).
    app.connect("doctree-resolved", links.repair_body_links, priority=900)
    app.connect("html-page-context", links.repair_toc_links)
    app.connect("builder-inited", log.capture_weasyprint_log)
    app.connect("builder-inited", tagged_pdf)
