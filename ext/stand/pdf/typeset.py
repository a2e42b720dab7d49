"""Typst's compile step, one report year per process: ``python -m stand.pdf.typeset``.

Typst keeps its caches for the life of a process (about 150 MiB more with every
year compiled in one process, measured), so each year gets its own short-lived
process. The builder starts it as soon as the year's markup is written and
translates the next year meanwhile; small years are set side by side (see
``builder.SOURCE_BUDGET``).

The child writes the PDF itself (all or nothing, readable by others) and prints
one JSON object: ``{"fout": str | null, "meldingen": [str, ...]}``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from ..files import write_atomic


@dataclass(frozen=True)
class Result:
    error: str | None
    warnings: list[str]


def typeset(work: Path, target: Path, fonts: Path) -> Result:
    """Compile ``work/main.typ`` into ``target``, tagged as PDF/UA-1.

    Only the given font folder and Typst's own fonts are used, so the PDF does
    not depend on what else is installed.
    """
    import typst

    try:
        pdf, diagnostics = typst.compile_with_warnings(
            str(work / "main.typ"),
            root=str(work),
            font_paths=[str(fonts)],
            ignore_system_fonts=True,
            pdf_standards=["ua-1"],
        )
    except typst.TypstError as error:
        target.unlink(missing_ok=True)  # an old PDF would look like this run's
        return Result(str(error), [])
    write_atomic(target, pdf)
    return Result(None, [str(d) for d in diagnostics])


def start(work: Path, target: Path, fonts: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "stand.pdf.typeset", str(work), str(target), str(fonts)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen[str], target: Path) -> Result:
    out, err = process.communicate()
    try:
        data = json.loads(out)
        return Result(data["fout"], list(data["meldingen"]))
    except (ValueError, KeyError, TypeError):
        target.unlink(missing_ok=True)  # an old PDF would look like this run's
        last = err.strip().splitlines()[-1:] or [""]
        return Result(f"het proces stopte onverwacht (exitcode {process.returncode}) {last[0]}", [])


def main(argv: list[str] | None = None) -> int:
    work, target, fonts = (Path(a) for a in (argv or sys.argv[1:]))
    result = typeset(work, target, fonts)
    sys.stdout.write(json.dumps({"fout": result.error, "meldingen": result.warnings}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
