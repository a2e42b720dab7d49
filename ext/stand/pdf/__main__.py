"""``python -m stand.pdf --uit <map> [--jaar <jaar>]``: one PDF per report year.

Each year is a separate ``sphinx-build -b simplepdf -W`` in its own process and
temporary build directory, so years never share an environment.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from . import BUILDER, SOURCE_DIR, YEAR_FOLDER


def report_years(srcdir: Path) -> list[str]:
    return sorted(d.name for d in srcdir.iterdir() if YEAR_FOLDER.match(d.name) and d.is_dir())


def build_year(jaar: str, uit: Path) -> tuple[Path | None, str]:
    """Build one year's PDF into ``uit``; return its path (None on failure) and the log.

    Every build starts from an empty directory: Sphinx does not repeat the warnings
    of pages it does not read again, so a reused environment could let ``-W`` pass
    on a second run.
    """
    with tempfile.TemporaryDirectory(prefix=f"stand-pdf-{jaar}-") as tmp:
        outdir = Path(tmp) / "pdf"
        # Warnings are errors, as in `make docs`; --keep-going reports all of them.
        sphinx = [sys.executable, "-m", "sphinx", "-b", BUILDER, "-W", "--keep-going", "-q", "-N"]
        year = ["-D", f"stand_pdf_jaar={jaar}", "-c", ".", "-d", str(Path(tmp) / "doctrees")]
        proc = subprocess.run(
            [*sphinx, *year, SOURCE_DIR, str(outdir)], capture_output=True, text=True, check=False
        )
        produced = sorted(outdir.glob(f"*-{jaar}.pdf"))
        if proc.returncode != 0 or len(produced) != 1:
            return None, proc.stderr or proc.stdout
        target = uit / produced[0].name
        # Copy then rename, so nobody ever sees a half-written PDF.
        unfinished = target.with_suffix(".pdf.tmp")
        shutil.copyfile(produced[0], unfinished)
        os.replace(unfinished, target)
        return target, proc.stderr


class _DutchHelp(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: Any = None) -> None:
        super().add_usage(usage, actions, groups, prefix="gebruik: ")


class _DutchParser(argparse.ArgumentParser):
    """argparse with its few own sentences in Dutch; Python ships no translation."""

    _messages = (
        (
            re.compile(r"the following arguments are required: (.*)"),
            r"ontbrekende verplichte optie(s): \1",
        ),
        (re.compile(r"unrecognized arguments: (.*)"), r"onbekende argumenten: \1"),
        (re.compile(r"argument (\S+): expected one argument"), r"\1 verwacht een waarde"),
    )

    def error(self, message: str) -> NoReturn:
        for pattern, dutch in self._messages:
            message = pattern.sub(dutch, message)
        self.print_usage(sys.stderr)
        self.exit(2, f"Fout: {message}\n")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = _DutchParser(
        prog="python -m stand.pdf",
        description="Maakt één PDF per verslagjaar (elke map docs/<jaar>/), met het "
        "verslag van dat jaar en de handelingsperspectieven waarnaar het verwijst. "
        "Voer dit uit vanuit de hoofdmap van de repository.",
        formatter_class=_DutchHelp,
        add_help=False,
    )
    options = parser.add_argument_group("opties")
    options.add_argument(
        "--uit",
        type=Path,
        required=True,
        metavar="MAP",
        help="map waarin de PDF's komen, bijvoorbeeld _build/pdf",
    )
    options.add_argument(
        "--jaar",
        action="append",
        metavar="JAAR",
        help="alleen dit verslagjaar (mag vaker); standaard elk jaar",
    )
    options.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")
    return parser.parse_args(argv)


def _fail(message: str, status: int = 2) -> int:
    sys.stderr.write(f"Fout: {message}\n")
    return status


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    srcdir = Path(SOURCE_DIR)
    if not (Path("conf.py").is_file() and srcdir.is_dir()):
        return _fail(
            "geen conf.py en docs/ gevonden; voer dit uit vanuit de hoofdmap van de repository."
        )
    available = report_years(srcdir)
    if not available:
        return _fail("docs/ bevat geen map per verslagjaar (docs/<jaar>/).")
    years = sorted(set(args.jaar or available))
    if unknown := sorted(set(years) - set(available)):
        return _fail(
            f"geen verslagjaar {', '.join(unknown)} in docs/ (wel: {', '.join(available)})."
        )
    args.uit.mkdir(parents=True, exist_ok=True)
    status = 0
    for jaar in years:
        target, log = build_year(jaar, args.uit)
        if target is None:
            # An old PDF of this year would look like the result of this run.
            for stale in args.uit.glob(f"stand-van-*-{jaar}.pdf"):
                stale.unlink()
            status = _fail(f"de PDF van {jaar} is niet gemaakt; de meldingen:\n{log}", 1)
        else:
            sys.stdout.write(f"PDF van {jaar}: {target}\n")
    return status


if __name__ == "__main__":
    sys.exit(main())
