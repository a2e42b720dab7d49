"""The whole publication in one go: site, every year's PDF, and the downloads.

``stand bouw`` (and so ``make docs`` and Read the Docs) runs this. The sources are
read once: the HTML build writes the environment, and the PDF builder runs on the
same doctree folder without reading a page again. The downloads (every year's
PDF, CSV and XLSX) are made from what that build produced, never from a second
build. Output::

    <uit>/html/            the site, needs.json, downloads/
    <uit>/pdf/             one PDF per report year
    <uit>/doctrees/        Sphinx's environment (and the PDF's working files)
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from sphinx.config import eval_config_file
from sphinx.util.tags import Tags

from . import export
from .config import StandConfig
from .downloads import FOLDER, open_data_files
from .files import write_atomic
from .pdf import BUILDER

__all__ = ["BUILDER", "PublicationError", "build"]

SOURCE_DIR = "docs"


class PublicationError(Exception):
    """A Dutch message for the writer; the build said what went wrong above it."""


def sphinx_command(root: Path, builder: str, doctrees: Path, outdir: Path) -> list[str]:
    """A Sphinx run; its warnings go to the writer as they come (with file and line)."""
    return [
        sys.executable, "-m", "sphinx", "-b", builder, "-W", "--keep-going", "-q",
        # Colours only for a terminal: the warnings pass through a pipe to be relayed.
        "--color" if sys.stderr.isatty() else "--no-color",
        "-c", str(root), "-d", str(doctrees), str(root / SOURCE_DIR), str(outdir),
    ]  # fmt: skip


class SphinxRun:
    """A Sphinx run in a process of its own; its warnings reach the writer as they
    come, with paths relative to the repository (as ``stand controleer`` gives them)."""

    def __init__(self, root: Path, builder: str, doctrees: Path, outdir: Path) -> None:
        self.prefix = f"{root}{os.sep}"
        self.process = subprocess.Popen(
            sphinx_command(root, builder, doctrees, outdir),
            cwd=root,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.relay = threading.Thread(target=self._relay, daemon=True)
        self.relay.start()

    def _relay(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            sys.stderr.write(line.replace(self.prefix, ""))

    def succeeded(self) -> bool:
        status = self.process.wait()
        self.relay.join()
        return status == 0


def organisatie(root: Path) -> str:
    """``stand_organisatie`` from conf.py (the file names of the downloads carry it)."""
    namespace = eval_config_file(root / "conf.py", Tags())
    return str(namespace.get("stand_organisatie", StandConfig().organisatie))


def forget_environment(doctrees: Path) -> None:
    """After a failed build: read every page again next time.

    Sphinx repeats no warning of a page it does not read again, so a second run
    on an unchanged tree would pass ``-W`` with the problems still there.
    """
    (doctrees / "environment.pickle").unlink(missing_ok=True)


def build(root: Path, uit: Path) -> list[Path]:
    """Build everything into ``uit``; return the files published in ``downloads/``."""
    html, pdf, doctrees = uit / "html", uit / "pdf", uit / "doctrees"
    downloads = html / FOLDER
    # Nothing of an earlier run may look like the result of this one.
    for folder in (pdf, downloads):
        for stale in folder.glob("stand-van-*"):
            stale.unlink()
    if not SphinxRun(root, "html", doctrees, html).succeeded():
        forget_environment(doctrees)
        raise PublicationError("de site is niet gebouwd: los de meldingen hierboven op.")
    # The PDF builder's own output folder also gets sphinx-needs' files; only the
    # PDFs are published. The exports are made meanwhile, from the site's needs.json.
    workshop = doctrees / "pdf"
    for stale in workshop.glob("*.pdf"):  # of a year since removed, for instance
        stale.unlink()
    pdf_build = SphinxRun(root, BUILDER, doctrees, workshop)
    try:
        needs = export.needs_of((html / "needs.json").read_bytes())
        (csv_name, _), (xlsx_name, _) = open_data_files(organisatie(root))
        exports = {
            csv_name: export.to_csv(needs),
            xlsx_name: export.to_xlsx(needs, export.source_date(root)),
        }
    finally:
        failed = not pdf_build.succeeded()
    if failed:
        forget_environment(doctrees)
        raise PublicationError("de pdf's zijn niet gemaakt: los de meldingen hierboven op.")
    published = []
    for folder in (pdf, downloads):
        folder.mkdir(parents=True, exist_ok=True)
    for made in sorted(workshop.glob("*.pdf")):
        data = made.read_bytes()
        write_atomic(pdf / made.name, data)
        write_atomic(downloads / made.name, data)
        published.append(downloads / made.name)
    for name, data in exports.items():
        write_atomic(downloads / name, data)
        published.append(downloads / name)
    return published
