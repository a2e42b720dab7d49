"""The ``standpdf`` builder: one PDF per report year, typeset by Typst.

It reads nothing itself: run after the HTML build with the same doctree folder,
it takes the environment as it is (``stand bouw`` does exactly that), so the
sources are read once for the site and every year's PDF. Per year it resolves
the year's pages and the reference pages one by one (so every per-page handler
sees its own page, as in the HTML build), nests them as the table of contents
says and translates the tree to Typst markup; ``typeset`` sets it, tagged as
PDF/UA-1, in a process of its own.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Set
from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.builders import Builder
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx.util.osutil import ensuredir

from ..config import StandConfig
from ..diagnostics import warn
from ..freeze import read_freeze
from ..model import year_of_docname
from . import markup, typeset
from .names import BUILDER, pdf_file_name
from .translator import TypstTranslator, labels_of

logger = logging.getLogger(__name__)

TEMPLATE = Path(__file__).parent.parent / "templates" / "pdf" / "stand.typ"
REFERENCE_DOC = "referentie/index"
FONT = "DejaVu Sans"
MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip


#: Typst takes about 580 MiB per MB of its source (measured: 3.4 MB for a year of
#: 3,000 needs, 1.9 GiB); at most this much source is being set at a time.
SOURCE_BUDGET = 2_000_000
PROCESSES = os.cpu_count() or 1


@dataclass(frozen=True)
class Job:
    year: str
    target: Path
    size: int  # bytes of Typst source
    process: subprocess.Popen[str]


class TypstPDFBuilder(Builder):
    name = BUILDER
    format = "typst"
    #: needs.json belongs to the site, which has it already (``needsfile``).
    needs_json = False
    epilog = "De pdf's staan in %(outdir)s."
    supported_image_types = ["image/svg+xml", "image/png", "image/jpeg", "image/gif"]  # noqa: RUF012
    supported_remote_images = False
    default_translator_class = TypstTranslator

    #: The report year being written: need blocks leave out back-links from other years.
    year: str | None = None

    def init(self) -> None:
        self.fonts = font_folder()

    def get_outdated_docs(self) -> str:
        return "alle verslagjaren"

    def get_target_uri(self, docname: str, typ: str | None = None) -> str:
        return f"%{docname}"

    def get_relative_uri(self, from_: str, to: str, typ: str | None = None) -> str:
        return self.get_target_uri(to)

    def prepare_writing(self, docnames: Set[str]) -> None:
        pass

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        pass  # unused: write_documents writes one PDF per year

    def report_years(self) -> list[str]:
        wanted = {y.strip() for y in StandConfig.from_sphinx(self.config).pdf_jaar.split(",")}
        return sorted(
            year
            for docname in self.env.found_docs
            if (year := year_of_docname(docname)) and docname == f"{year}/index"
            if year in wanted or wanted == {""}
        )

    def write_documents(self, docnames: Set[str]) -> None:
        """Per year: translate here, typeset in a process of its own (``typeset``).

        While Typst sets a year, this process translates the next. Small years are
        set side by side, one per core; the Typst source in flight stays within
        ``SOURCE_BUDGET``, so a large year is set alone. Results are reported in
        the order of the years.
        """
        running: list[Job] = []
        try:
            for year in self.report_years():
                self.year = year
                try:
                    work, target = self.write_year(year)
                finally:
                    self.year = None
                size = (work / "main.typ").stat().st_size
                while running and (
                    len(running) >= PROCESSES
                    or sum(job.size for job in running) + size > SOURCE_BUDGET
                ):
                    self.report(running.pop(0))
                running.append(Job(year, target, size, typeset.start(work, target, self.fonts)))
            while running:
                self.report(running.pop(0))
        finally:
            for job in running:  # the build failed: no Typst process may outlive it
                job.process.kill()
                job.process.wait()

    def report(self, job: Job) -> None:
        result = typeset.finish(job.process, job.target)
        root = (f"{job.year}/index", 1)
        # Typst speaks English and of its own source (main.typ, made by us): a
        # problem there is ours, the writer hands it on.
        internal = "Meld dit aan de beheerders van stand; de melding van Typst:"
        if result.error:
            warn(
                f"De pdf {job.target.name} is niet gemaakt. {internal} {result.error}", "pdf", root
            )
        for message in result.warnings:
            warn(f"Bij het maken van {job.target.name}. {internal} {message}", "pdf", root)
        if not result.error:
            logger.info("%s", job.target.name)

    # --- One year ------------------------------------------------------------------

    def resolved(self, docname: str, seen: set[str]) -> nodes.document:
        """The page as the site resolves it, with its toctrees replaced by the pages."""
        tree = self.env.get_doctree(docname)
        self.env.resolve_references(tree, docname, self)
        seen.add(docname)
        for toctree in list(tree.findall(addnodes.toctree)):
            pages = []
            for included in map(str, toctree["includefiles"]):
                if included not in seen:
                    page = addnodes.start_of_file(docname=included)
                    page.extend(self.resolved(included, seen).children)
                    pages.append(page)
            wrapper = toctree.parent if isinstance(toctree.parent, nodes.compound) else toctree
            wrapper.replace_self(pages)
        return tree

    def assemble(self, year: str) -> tuple[nodes.document, str]:
        root = f"{year}/index"
        seen: set[str] = set()
        tree = self.resolved(root, seen)
        if REFERENCE_DOC in self.env.found_docs and REFERENCE_DOC not in seen:
            page = addnodes.start_of_file(docname=REFERENCE_DOC)
            page.extend(self.resolved(REFERENCE_DOC, seen).children)
            tree += page
        self.post_process_images(tree)
        title = next(iter(tree.findall(nodes.title)), None)
        return tree, title.astext() if title else f"Stand {year}"

    def write_year(self, year: str) -> tuple[Path, Path]:
        """Write the year's Typst source; return its folder and the PDF to make."""
        ours = StandConfig.from_sphinx(self.config)
        target = Path(self.outdir) / pdf_file_name(ours.organisatie, year)
        work = Path(self.doctreedir) / "typst" / year
        shutil.rmtree(work, ignore_errors=True)
        ensuredir(work / "_images")
        (work / "main.typ").write_text(self.typst_source(year, work), encoding="utf-8")
        shutil.copyfile(TEMPLATE, work / TEMPLATE.name)
        return work, target

    def typst_source(self, year: str, work: Path) -> str:
        """The year's report as Typst markup, its images copied into ``work``."""
        ours = StandConfig.from_sphinx(self.config)
        tree, title = self.assemble(year)
        root = f"{year}/index"
        translator = TypstTranslator(tree, self, root, labels_of(tree, root), work)
        tree.walkabout(translator)
        for source, name in self.images.items():
            shutil.copyfile(Path(self.srcdir) / source, work / "_images" / name)
        freeze = read_freeze(self.srcdir, year)
        datum = f'"Gepubliceerd op {dutch_date(freeze.gepubliceerd)}"' if freeze else "none"
        arguments = {
            "titel": title,
            "ondertitel": f"Stand van de uitvoering {year}",
            "organisatie": ours.organisatie,
        }
        header = "".join(f", {k}: {markup.string_literal(v)}" for k, v in arguments.items())
        return (
            f'#import "{TEMPLATE.name}": *\n'
            f"#show: stand-document.with(datum: {datum}{header})\n\n" + "".join(translator.body)
        )


def dutch_date(iso: str) -> str:
    year, month, day = iso.split("-")
    return f"{int(day)} {MONTHS[int(month) - 1]} {year}"


def font_folder() -> Path:
    """The folder of DejaVu Sans, the one font of the PDF and of its diagrams.

    Graphviz measures labels with the system's fonts (fontconfig), so the PDF
    takes the same file; no other system font is used, which keeps the PDF the
    same on every machine with that font.
    """
    try:
        found = subprocess.run(
            ["fc-match", "--format=%{file}", FONT], capture_output=True, text=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        found = ""
    candidates = [Path(found)] if found else []
    candidates += Path("/usr/share/fonts").glob("**/DejaVuSans.ttf")
    for candidate in candidates:
        if candidate.name == "DejaVuSans.ttf" and candidate.is_file():
            return candidate.parent
    raise ExtensionError(
        f"Het lettertype {FONT} ontbreekt; installeer het met: "
        "sudo apt-get install fonts-dejavu-core"
    )
