"""Measure the whole publication (``stand bouw``) against the HTML build alone.

Trees from ``bench.generate`` (variant a, laid out as a repository: conf.py beside
docs/), each measured in one run, alternating, so the ratios compare like with like:

- ``tien-jaren``: 2,000 needs over 10 years. The HTML build alone
  (``sphinx-build -b html -W --keep-going``) and the whole publication
  (``stand bouw``: site, every year's PDF, CSV, XLSX), each into a fresh folder.
  Target: publication ≤ 2× HTML.
- ``groot-jaar``: one year with 3,000 needs. The PDF stage alone (the ``standpdf``
  builder on the environment of the HTML build), with its peak memory.
  Target: ≤ 60 s and ≤ 2 GiB.
- ``landelijk`` (``--groot``): 25,000 needs over 10 years, the whole publication
  once. Target: < 15 minutes and < 4 GiB, so it fits Read the Docs.

Peak memory is the largest resident set of the process and the builds it waited
for (``os.wait4``).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from bench.generate import Params, build_tree, write_tree
from bench.run import BuildFailed, Sample, bench_parser, log, run_bench

TARGETS = {
    "ratio": 2.0,
    "groot_jaar_s": 60.0,
    "groot_jaar_mib": 2048.0,
    "landelijk_s": 15 * 60.0,
    "landelijk_mib": 4096.0,
}


def run(command: list[str], cwd: Path, log_file: Path) -> Sample:
    """One command in its own process: wall time and peak memory (it and its builds).

    ``stand.cli`` is imported from the measured copy of the extension, as the builds
    are (conf.py puts it first on the path)."""
    log_file.parent.mkdir(parents=True, exist_ok=True)
    with log_file.open("wb") as stream:
        start = time.perf_counter()
        env = {**os.environ, "PYTHONPATH": str(cwd.parent.parent / "ext")}
        proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=stream, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise BuildFailed(
            f"{' '.join(command)} mislukte:\n"
            + log_file.read_text(encoding="utf-8", errors="replace")[-4000:]
        )
    return Sample(seconds, usage.ru_maxrss / 1024)


def repository(params: Params, root: Path, ext_dir: Path) -> Path:
    """A generated tree as a repository: ``conf.py`` beside ``docs/``."""
    if root.exists():
        shutil.rmtree(root)
    write_tree(build_tree(params), "a", root / "docs", ext_dir)
    (root / "docs" / "conf.py").rename(root / "conf.py")
    return root


def html_only(root: Path, out: Path) -> list[str]:
    return [
        sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", "--keep-going",
        "-c", str(root), "-d", str(out / "doctrees"), str(root / "docs"), str(out / "html"),
    ]  # fmt: skip


def pdf_only(root: Path, out: Path) -> list[str]:
    command = html_only(root, out)
    command[command.index("html")] = "standpdf"
    command[-1] = str(out / "pdf")
    return command


def publication(out: Path) -> list[str]:
    return [sys.executable, "-m", "stand.cli", "bouw", "--uit", str(out)]


def fresh(path: Path) -> Path:
    if path.exists():
        shutil.rmtree(path)
    return path


@dataclass
class Measured:
    name: str
    params: Params
    samples: dict[str, list[Sample]]

    def median(self, key: str) -> float:
        return statistics.median(s.seconds for s in self.samples[key])

    def peak(self, key: str) -> float:
        return max(s.max_rss_mib for s in self.samples[key])


def ten_years(work: Path, ext_dir: Path, runs: int, needs: int) -> Measured:
    params = Params(needs, years=10)
    root = repository(params, work / "tien-jaren" / "repo", ext_dir)
    samples: dict[str, list[Sample]] = {"html": [], "publicatie": []}
    for number in range(runs):
        out = fresh(work / "tien-jaren" / "html")
        samples["html"].append(run(html_only(root, out), root, out.parent / "html.log"))
        out = fresh(work / "tien-jaren" / "publicatie")
        samples["publicatie"].append(run(publication(out), root, out.parent / "publicatie.log"))
        log(
            f"  tien jaren, ronde {number + 1}: html {samples['html'][-1].seconds:.1f} s, "
            f"publicatie {samples['publicatie'][-1].seconds:.1f} s"
        )
    return Measured("tien-jaren", params, samples)


def big_year(work: Path, ext_dir: Path, runs: int, needs: int) -> Measured:
    params = Params(needs, years=1, organisations=1)
    root = repository(params, work / "groot-jaar" / "repo", ext_dir)
    samples: dict[str, list[Sample]] = {"html": [], "pdf": []}
    for number in range(runs):
        out = fresh(work / "groot-jaar" / "uit")
        samples["html"].append(run(html_only(root, out), root, out.parent / "html.log"))
        samples["pdf"].append(run(pdf_only(root, out), root, out.parent / "pdf.log"))
        log(f"  groot jaar, ronde {number + 1}: pdf {samples['pdf'][-1].seconds:.1f} s")
    return Measured("groot-jaar", params, samples)


def national(work: Path, ext_dir: Path, needs: int) -> Measured:
    params = Params(needs, years=10)
    root = repository(params, work / "landelijk" / "repo", ext_dir)
    out = fresh(work / "landelijk" / "publicatie")
    sample = run(publication(out), root, out.parent / "publicatie.log")
    log(f"  landelijk: {sample.seconds:.0f} s, {sample.max_rss_mib:.0f} MiB")
    return Measured("landelijk", params, {"publicatie": [sample]})


def verdict(ok: bool) -> str:
    return "gehaald" if ok else "NIET gehaald"


def table(ten: Measured, big: Measured, land: Measured | None) -> str:
    ratio = ten.median("publicatie") / ten.median("html")
    lines = [
        "| meting | waarde | doel | |",
        "|---|---|---|---|",
        f"| {ten.params.needs} needs, 10 jaren: alleen HTML (s) | {ten.median('html'):.1f} | | |",
        f"| {ten.params.needs} needs, 10 jaren: hele publicatie (s) | "
        f"{ten.median('publicatie'):.1f} | | |",
        f"| publicatie / HTML | {ratio:.2f} | ≤ {TARGETS['ratio']:.1f} | "
        f"{verdict(ratio <= TARGETS['ratio'])} |",
        f"| {big.params.needs} needs in één jaar: pdf (s) | {big.median('pdf'):.1f} | "
        f"≤ {TARGETS['groot_jaar_s']:.0f} | {verdict(big.median('pdf') <= TARGETS['groot_jaar_s'])} |",
        f"| {big.params.needs} needs in één jaar: piekgeheugen pdf (MiB) | {big.peak('pdf'):.0f} | "
        f"≤ {TARGETS['groot_jaar_mib']:.0f} | "
        f"{verdict(big.peak('pdf') <= TARGETS['groot_jaar_mib'])} |",
    ]
    if land is not None:
        seconds, mib = land.median("publicatie"), land.peak("publicatie")
        lines += [
            f"| {land.params.needs} needs, 10 jaren: hele publicatie (s) | {seconds:.0f} | "
            f"< {TARGETS['landelijk_s']:.0f} | {verdict(seconds < TARGETS['landelijk_s'])} |",
            f"| {land.params.needs} needs, 10 jaren: piekgeheugen (MiB) | {mib:.0f} | "
            f"< {TARGETS['landelijk_mib']:.0f} | {verdict(mib < TARGETS['landelijk_mib'])} |",
        ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = bench_parser(
        "bench.publication",
        "Meet de hele publicatie (stand bouw) tegen alleen de HTML-bouw.",
        "bench-publicatie",
        runs=3,
    )
    parser.add_argument("--needs", type=int, default=2000, help="needs over tien jaren (2000)")
    parser.add_argument("--jaar-needs", type=int, default=3000, help="needs in één jaar (3000)")
    parser.add_argument(
        "--groot", type=int, default=0, metavar="NEEDS",
        help="meet ook de hele publicatie van zoveel needs over tien jaren, bijvoorbeeld 25000",
    )  # fmt: skip
    args = parser.parse_args(argv)

    def measure_all(work: Path, ext_dir: Path) -> str:
        ten = ten_years(work, ext_dir, args.runs, args.needs)
        big = big_year(work, ext_dir, args.runs, args.jaar_needs)
        land = national(work, ext_dir, args.groot) if args.groot else None
        return table(ten, big, land)

    intro = f"; medianen van {args.runs} ronde(n), piekgeheugen het maximum."
    return run_bench(args, argv, "bench.publication", "de hele publicatie", intro, measure_all)


if __name__ == "__main__":
    raise SystemExit(main())
