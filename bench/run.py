# ruff: noqa: T201
"""Measure builds of generated trees: our project (a), plain sphinx-needs (b), plain MyST (c).

Per size and per run, every measurement is taken for a, b and c in turn (ABCABC…,
so machine noise spreads over the variants), each build a fresh ``sphinx-build``
process:

- full HTML build into a fresh output dir (``-j 1``), with its peak memory;
- rebuild after one need's text changed (incremental: same output dir, no ``-E``);
- rebuild after one ``vervolg_op`` link changed (incremental, on top of the former);
- full HTML build with ``-j 2`` into a fresh output dir.

Peak memory is the maximum resident set size of the build process, as the kernel
reports it for that one child (``os.wait4``; with ``-j 2`` it covers the forked
workers too, being their maximum). Not timed, once per size: after the
incremental rebuilds, (a)'s ``needs.json`` must equal a clean build's of the
same sources, and (a)'s ``-j 2`` build must give the ``needs.json`` of ``-j 1``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from bench.generate import (
    REPO,
    VARIANT_NAMES,
    VARIANTS,
    Params,
    Variant,
    apply_edit,
    build_tree,
    restore_page,
    write_tree,
)

METRICS: dict[str, str] = {
    "volledig": "volledige bouw (s)",
    "tekst": "herbouw na tekstwijziging (s)",
    "link": "herbouw na linkwijziging (s)",
    "volledig_j2": "volledige bouw -j 2 (s)",
    "geheugen": "piekgeheugen (MiB)",
}
QUICK = Params(needs=60, years=3, organisations=2)


class BuildFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class Sample:
    seconds: float
    max_rss_mib: float
    cpu_seconds: float = 0.0  # user + system time: less moved by other load on the machine


def sphinx_build(src: Path, out: Path, *extra: str) -> Sample:
    """One ``sphinx-build -b html`` in its own process; its wall time and peak memory."""
    command = [
        sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", "--keep-going",
        *extra, str(src), str(out),
    ]  # fmt: skip
    log = out.parent / f"{out.name}.log"
    out.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as stream:
        start = time.perf_counter()
        proc = subprocess.Popen(command, stdout=stream, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise BuildFailed(
            f"sphinx-build {src} gaf exitcode {proc.returncode}:\n"
            + log.read_text(encoding="utf-8", errors="replace")[-4000:]
        )
    # ru_maxrss is in KiB on Linux
    return Sample(seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


def needs_json(out: Path) -> Any:
    return json.loads((out / "needs.json").read_text(encoding="utf-8"))


@dataclass
class SizeResult:
    params: Params
    docs: int
    organisations: int
    runs: int
    samples: dict[tuple[str, Variant], list[float]] = field(default_factory=dict)
    checks: dict[str, bool] = field(default_factory=dict)
    stale_pages: list[str] | None = None  # HTML pages an incremental build left stale

    def add(self, metric: str, variant: Variant, value: float) -> None:
        self.samples.setdefault((metric, variant), []).append(value)

    def median(self, metric: str, variant: Variant) -> float | None:
        values = self.samples.get((metric, variant))
        return statistics.median(values) if values else None


def log(message: str) -> None:
    """Progress on stderr, so stdout holds only the table."""
    sys.stderr.write(f"[bench] {message}\n")
    sys.stderr.flush()


def snapshot_ext(work: Path) -> tuple[Path, str]:
    """Copy ``ext/stand`` into the work dir; the builds load this copy.

    Others edit ``ext/`` while a long run is going; without a snapshot one run would
    measure several versions of the extension (and an env-version bump halfway
    would turn an incremental build into a full one). Returns the copy's parent
    and a fingerprint of its content.
    """
    target = work / "ext"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(
        REPO / "ext" / "stand", target / "stand", ignore=shutil.ignore_patterns("__pycache__")
    )
    digest = hashlib.sha256()
    for path in sorted((target / "stand").rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(target)).encode())
            digest.update(path.read_bytes())
    return target, digest.hexdigest()[:12]


def measure_size(
    params: Params,
    runs: int,
    work: Path,
    ext_dir: Path,
    variants: Sequence[Variant] = VARIANTS,
) -> SizeResult:
    tree = build_tree(params)
    base = work / str(params.needs)
    if base.exists():
        shutil.rmtree(base)
    src = {v: base / v / "src" for v in variants}
    for v in variants:
        write_tree(tree, v, src[v], ext_dir)
    result = SizeResult(params, tree.docs, len(tree.organisations), runs)
    log(
        f"{params.needs} needs: {tree.docs} pagina's, {len(tree.organisations)} organisaties, "
        f"{len(tree.years)} jaren; {runs} ronde(n)"
    )

    def out(v: Variant, name: str) -> Path:
        return base / v / name

    def timed(metric: str, v: Variant, target: Path, *extra: str) -> None:
        sample = sphinx_build(src[v], target, *extra)
        result.add(metric, v, sample.seconds)
        if metric == "volledig":
            result.add("geheugen", v, sample.max_rss_mib)
        log(f"  {params.needs} {v} {metric}: {sample.seconds:.2f} s, {sample.max_rss_mib:.0f} MiB")

    for run in range(runs):
        first = run == 0
        for v in variants:
            fresh(out(v, "html"))
            timed("volledig", v, out(v, "html"))
        if first and "a" in variants:
            serial_needs = needs_json(out("a", "html"))
        for v in variants:
            apply_edit(src[v], tree.text_edit, v)
            timed("tekst", v, out(v, "html"))
        for v in variants:
            apply_edit(src[v], tree.link_edit, v)
            timed("link", v, out(v, "html"))
        if first and "a" in variants:
            edited = needs_json(out("a", "html"))
            result.checks["verandert door de wijzigingen"] = edited != serial_needs
            same, result.stale_pages = incremental_matches_clean(
                src["a"], out("a", "html"), out("a", "schoon")
            )
            result.checks["incrementeel = schoon"] = same
        for v in variants:
            for docname in {tree.text_edit.docname, tree.link_edit.docname}:
                restore_page(src[v], tree, v, docname)
        for v in variants:
            fresh(out(v, "html-j2"))
            timed("volledig_j2", v, out(v, "html-j2"), "-j", "2")
        if first and "a" in variants:
            result.checks["-j 2 = -j 1"] = needs_json(out("a", "html-j2")) == serial_needs
    return result


def fresh(path: Path) -> None:
    if path.exists():
        shutil.rmtree(path)


def incremental_matches_clean(src: Path, incremental: Path, clean: Path) -> tuple[bool, list[str]]:
    """Whether ``needs.json`` matches a clean build's; and the HTML pages that do not."""
    fresh(clean)
    sphinx_build(src, clean, "-E")
    same = bool(needs_json(incremental) == needs_json(clean))
    log(f"  controle: needs.json na incrementele bouw {'=' if same else '≠'} schone bouw")
    stale = sorted(
        str(page.relative_to(clean).with_suffix(""))
        for page in clean.rglob("*.html")
        if not (incremental / page.relative_to(clean)).is_file()
        or (incremental / page.relative_to(clean)).read_bytes() != page.read_bytes()
    )
    return same, stale


# --- Output -------------------------------------------------------------------------


def fmt(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def ratio(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None or b == 0 else a / b


def table(results: Iterable[SizeResult]) -> str:
    names = " | ".join(f"{v} ({VARIANT_NAMES[v]})" for v in VARIANTS)
    lines = [
        f"| needs | meting | {names} | a/b | a/c |",
        "|--:|---|--:|--:|--:|--:|--:|",
    ]
    for res in results:
        n = res.params.needs
        for metric, label in METRICS.items():
            values = [res.median(metric, v) for v in VARIANTS]
            digits = 0 if metric == "geheugen" else 2
            cells = " | ".join(fmt(x, digits) for x in values)
            a, b, c = values
            lines.append(f"| {n} | {label} | {cells} | {fmt(ratio(a, b))} | {fmt(ratio(a, c))} |")
        per_need = [
            None if (x := res.median("volledig", v)) is None else 1000 * x / n for v in VARIANTS
        ]
        a, b, c = per_need
        cells = " | ".join(fmt(x) for x in per_need)
        lines.append(
            f"| {n} | kosten per need (ms) | {cells} | {fmt(ratio(a, b))} | {fmt(ratio(a, c))} |"
        )
        share = [ratio(res.median("tekst", v), res.median("volledig", v)) for v in VARIANTS]
        cells = " | ".join(fmt(x) for x in share)
        lines.append(f"| {n} | tekstwijziging / volledige bouw | {cells} | | |")
    return "\n".join(lines) + "\n"


def scaling_text(results: list[SizeResult]) -> str:
    """Cost per need of each size against the smallest: 1.00 means linear."""
    if len(results) < 2:
        return ""
    base = results[0]
    lines = []
    for res in results[1:]:
        for v in VARIANTS:
            full, base_full = res.median("volledig", v), base.median("volledig", v)
            if full is None or base_full is None:
                continue
            growth = (full / res.params.needs) / (base_full / base.params.needs)
            lines.append(
                f"- {v}: kosten per need bij {res.params.needs} needs = {growth:.2f} × die bij "
                f"{base.params.needs} needs"
            )
    return "\n".join(lines) + "\n"


def checks_text(results: Iterable[SizeResult]) -> str:
    lines = []
    for res in results:
        for name, ok in res.checks.items():
            lines.append(
                f"- {res.params.needs} needs, needs.json (a) {name}: {'ja' if ok else 'NEE'}"
            )
        if res.stale_pages is not None:
            # Reported, not a failed check: it shows a known gap (see bench/README.md).
            pages = ", ".join(res.stale_pages) or "geen"
            lines.append(
                f"- {res.params.needs} needs, HTML (a) na incrementele bouw anders dan schoon "
                f"(ter informatie): {len(res.stale_pages)} "
                f"{'pagina' if len(res.stale_pages) == 1 else 'pagina’s'}: {pages}"
            )
    return "\n".join(lines) + "\n"


def sizes_text(results: Iterable[SizeResult]) -> str:
    return (
        "\n".join(
            f"- {r.params.needs} needs: {r.organisations} organisaties × {r.params.years} jaren, "
            f"{r.docs} pagina's, {r.runs} ronde(n), traceermatrix dilemma × "
            f"{r.params.matrix_columns}"
            for r in results
        )
        + "\n"
    )


def version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "niet geïnstalleerd"


def bench_parser(name: str, description: str, werkmap: str, runs: int) -> argparse.ArgumentParser:
    """A bench's command line with the options every bench takes: --runs, --werkmap, --write."""
    parser = argparse.ArgumentParser(prog=f"python -m {name}", description=description)
    parser.add_argument("--runs", type=int, default=runs, help=f"rondes per meting ({runs})")
    parser.add_argument(
        "--werkmap", type=Path, default=REPO / "_build" / werkmap,
        help=f"waar bomen en uitvoer komen (_build/{werkmap})",
    )  # fmt: skip
    parser.add_argument("--write", type=Path, help="schrijf de resultaten ook naar dit bestand")
    return parser


def run_bench(
    args: argparse.Namespace,
    argv: Sequence[str] | None,
    name: str,
    title: str,
    intro: str,
    measure: Callable[[Path, Path], str],
) -> int:
    """Measure on a copy of ext/stand, print the table, and write it with the machine."""
    work = args.werkmap.resolve()
    ext_dir, fingerprint = snapshot_ext(work)
    started = time.perf_counter()
    try:
        text = measure(work, ext_dir)
    except BuildFailed as error:
        sys.stderr.write(f"{error}\n")
        return 1
    print(text, end="")
    if args.write:
        command = f"python -m {name} " + " ".join(argv if argv is not None else sys.argv[1:])
        minutes = (time.perf_counter() - started) / 60
        args.write.write_text(
            f"# Meetresultaten: {title}\n\n"
            f"Laatste meting met `{command.strip()}`{intro} Zie bench/README.md.\n\n"
            f"## Machine\n\n{machine_text(fingerprint)}\n## Resultaten\n\n{text}\n"
            f"Duur van de hele meting: {minutes:.0f} minuten.\n",
            encoding="utf-8",
        )
    return 0


def machine_text(fingerprint: str) -> str:
    mem_kib = 0
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_kib = int(line.split()[1])
    commit = git("rev-parse", "--short", "HEAD")
    dirty = git("status", "--porcelain", "--", "ext", "conf.py", "pyproject.toml")
    return (
        f"- datum: {dt.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M %Z')}\n"
        f"- machine: {platform.machine()}, {os.cpu_count()} cpu's (nproc), "
        f"{mem_kib / 1024 / 1024:.1f} GiB RAM, {platform.system()} {platform.release()}\n"
        f"- Python {platform.python_version()}, Sphinx {version('sphinx')}, "
        f"sphinx-needs {version('sphinx-needs')}, myst-parser {version('myst-parser')}, "
        f"furo {version('furo')}, docutils {version('docutils')}\n"
        f"- stand: commit {commit or '?'}"
        f"{' met lokale wijzigingen in ext/' if dirty else ''}; gemeten kopie van ext/stand: "
        f"{fingerprint} (sha256 van de inhoud)\n"
    )


def git(*args: str) -> str:
    try:
        proc = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=False)
    except OSError:
        return ""
    return proc.stdout.strip()


def report(results: list[SizeResult], command: str, fingerprint: str, minutes: float) -> str:
    return (
        "# Meetresultaten\n\n"
        f"Laatste meting met `{command}`. Medianen per variant; a = dit project "
        "(extensie `stand`), b = sphinx-needs zonder onze extensie (zelfde types, links en "
        "velden, de eigen weergave van sphinx-needs; `needtable` waar a een overzicht heeft), "
        "c = dezelfde tekst als "
        "gewone MyST zonder needs. Zie bench/README.md.\n\n"
        f"## Machine\n\n{machine_text(fingerprint)}\n"
        f"## Bomen\n\n{sizes_text(results)}\n"
        f"## Resultaten\n\n{table(results)}\n"
        + (f"## Schaal\n\n{scaling}\n" if (scaling := scaling_text(results)) else "")
        + f"## Controles\n\n{checks_text(results)}\n"
        f"Duur van de hele meting: {minutes:.0f} minuten.\n"
    )


def parse_sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' is geen lijst van aantallen; schrijf bijvoorbeeld 1000,5000"
        ) from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("geef minstens één positief aantal, bijvoorbeeld 1000")
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run",
        description=(
            "Meet bouwtijd en geheugen van gegenereerde bomen: a = dit project, "
            "b = sphinx-needs zonder onze extensie, c = gewone MyST."
        ),
    )
    parser.add_argument(
        "--needs", type=parse_sizes, default=[1000, 5000],
        help="totaal aantal needs per boom, komma-gescheiden (1000,5000)",
    )  # fmt: skip
    parser.add_argument("--runs", type=int, default=3, help="rondes per meting (3)")
    parser.add_argument(
        "--quick", action="store_true",
        help=f"één kleine boom ({QUICK.needs} needs) voor de rooktest; negeert --needs",
    )  # fmt: skip
    parser.add_argument("--jaren", type=int, default=5, help="verslagjaren per boom (5)")
    parser.add_argument(
        "--matrix-kolommen", default="handelingsperspectief",
        choices=["handelingsperspectief", "oplossingsrichting"],
        help="kolommen van de traceermatrix op elke jaarpagina (handelingsperspectief)",
    )  # fmt: skip
    parser.add_argument(
        "--werkmap", type=Path, default=REPO / "_build" / "bench",
        help="waar bomen en uitvoer komen (_build/bench)",
    )  # fmt: skip
    parser.add_argument(
        "--varianten", default="abc", help="welke varianten, bijvoorbeeld a of abc (abc)"
    )
    parser.add_argument("--write", type=Path, help="schrijf de resultaten ook naar dit bestand")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs moet minstens 1 zijn")
    variants = [v for v in VARIANTS if v in args.varianten]
    if not variants or set(args.varianten) - set(VARIANTS):
        parser.error("--varianten: kies uit a, b en c, bijvoorbeeld abc")

    if args.quick:
        plan = [QUICK]
    else:
        plan = [
            Params(n, years=args.jaren, matrix_columns=args.matrix_kolommen) for n in args.needs
        ]
    results: list[SizeResult] = []
    started = time.perf_counter()
    args.werkmap = args.werkmap.resolve()
    ext_dir, fingerprint = snapshot_ext(args.werkmap)
    log(f"gemeten kopie van ext/stand: {ext_dir} ({fingerprint})")
    try:
        for params in plan:
            results.append(measure_size(params, args.runs, args.werkmap, ext_dir, variants))
    except BuildFailed as error:
        sys.stderr.write(f"{error}\n")
        return 1
    text = table(results) + "\n" + scaling_text(results) + "\n" + checks_text(results)
    print(text, end="")
    minutes = (time.perf_counter() - started) / 60
    log(f"klaar in {minutes:.1f} minuten")
    if args.write:
        command = "python -m bench.run " + " ".join(argv if argv is not None else sys.argv[1:])
        args.write.write_text(
            report(results, command.strip(), fingerprint, minutes), encoding="utf-8"
        )
        log(f"geschreven: {args.write}")
    return 0 if all(ok for r in results for ok in r.checks.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
