"""Download links on the site: each year's PDF, and the open data.

``make docs`` (and the Read the Docs build) put the PDFs and the exports in
``downloads/`` of the HTML output after the HTML build; the pages link there.
Generated, so a new report year gets its link without anyone writing it.
"""

from __future__ import annotations

import posixpath

from docutils import nodes
from sphinx.application import Sphinx

from .config import StandConfig
from .model import year_of_docname
from .pdf import pdf_file_name, slug
from .uitwisseling import SCHEMA_FILE, SCHEMA_NAME

FOLDER = "downloads"
#: The section of the landing page that gets the list (its heading: "Downloads").
SECTION_ID = "downloads"


def _link(docname: str, file_name: str, text: str) -> nodes.reference:
    uri = posixpath.relpath(f"{FOLDER}/{file_name}", posixpath.dirname(docname) or ".")
    return nodes.reference("", text, refuri=uri, classes=["stand-download"])


def open_data_files(organisatie: str) -> list[tuple[str, str]]:
    base = f"stand-van-{slug(organisatie)}"
    return [
        (f"{base}.csv", "alle onderdelen als CSV (spreadsheet)"),
        (f"{base}.xlsx", "alle onderdelen als Excel-werkmap, met een matrix per jaar"),
    ]


def add_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.name not in ("html", "dirhtml"):
        return  # not in the PDF, which is itself the download
    organisatie = StandConfig.from_sphinx(app.config).organisatie
    year = year_of_docname(docname)
    if year and docname == f"{year}/index":
        para = nodes.paragraph(classes=["stand-downloads"])
        para += nodes.Text(f"Deze stand {year} als pdf, zoals verzonden aan de Tweede Kamer: ")
        name = pdf_file_name(organisatie, year)
        para += _link(docname, name, name)
        section = next(doctree.findall(nodes.section), None)
        if section is not None:
            section.insert(1, para)
        return
    if docname != app.config.root_doc:
        return
    # Only here, on one page: every year with a folder gets its PDF in the list.
    years = sorted({y for d in app.env.found_docs if (y := year_of_docname(d))}, reverse=True)
    for section in doctree.findall(nodes.section):
        if SECTION_ID in section["ids"]:
            items = nodes.bullet_list(classes=["stand-downloads"])
            for y in years:
                name = pdf_file_name(organisatie, y)
                items += nodes.list_item(
                    "", nodes.paragraph("", "", _link(docname, name, f"Stand {y} (pdf)"))
                )
            data = nodes.paragraph(
                "",
                "",
                nodes.reference("", "needs.json", refuri="needs.json", classes=["stand-download"]),
                nodes.Text(": alle onderdelen met tekst, status en verbanden (open data, JSON)"),
            )
            items += nodes.list_item("", data)
            schema = nodes.paragraph(
                "",
                "",
                nodes.reference("", SCHEMA_NAME, refuri=SCHEMA_NAME, classes=["stand-download"]),
                nodes.Text(": het uitwisselformaat van needs.json (JSON Schema)"),
            )
            items += nodes.list_item("", schema)
            for name, text in open_data_files(organisatie):
                items += nodes.list_item(
                    "", nodes.paragraph("", "", _link(docname, name, name), nodes.Text(f": {text}"))
                )
            section += items


def publish_schema(app: Sphinx) -> None:
    """The exchange format next to needs.json, on every site (a Staat's too)."""
    if app.builder.format == "html":
        app.config.html_extra_path.append(str(SCHEMA_FILE.parent))


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", publish_schema)
    app.connect("doctree-resolved", add_links)
