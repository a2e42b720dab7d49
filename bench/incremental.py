"""Measure incremental builds per kind of edit, and check them against clean builds.

One generated tree (``bench.generate``, variant a, 5,000 needs by default). Per run:
a full HTML build, then each edit of ``EDITS`` in turn, each on top of the ones
before, each followed by two incremental builds, each into its own folder (timed):
``sphinx-build`` in a new process, and ``stand live``'s build in the process that
keeps the application (``bench.livebuild``; its first build is a full one). In
the first run both outputs are also compared file by file with a clean build
(``-E``, a fresh folder) of the same sources: every file but the ``.doctrees`` cache.
Targets: after a one-need text edit ≤ 0.1× the full build, after a link change ≤ 0.2×;
the full build is ``sphinx-build``'s in a new process.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench.generate import (
    Need,
    Page,
    Params,
    Toctree,
    Tree,
    apply_edit,
    build_tree,
    render_need,
    render_page,
    write_tree,
)
from bench.run import (
    REPO,
    BuildFailed,
    bench_parser,
    fresh,
    log,
    run_bench,
    sphinx_build,
)

TARGETS = {"tekst": 0.1, "link verlegd": 0.2}
#: Not compared with the clean build (see the module's docstring).
NOT_OUTPUT = ".doctrees"
#: No document's pages: not counted as pages written (the index and the search page
#: are written only when they change; tests/test_incremental.py checks that).
ALWAYS = {"genindex.html", "search.html", "permalink.html"}

EditFn = Callable[[Path], None]


def _replace(src: Path, docname: str, old: str, new: str) -> None:
    path = src / f"{docname}.md"
    text = path.read_text(encoding="utf-8")
    if text.count(old) != 1:
        raise RuntimeError(f"{path}: {old[:60]!r} staat er {text.count(old)} keer in, verwacht 1")
    path.write_text(text.replace(old, new), encoding="utf-8")


def _need_on(tree: Tree, docname: str, fits: Callable[[Need], bool]) -> Need:
    page = next(p for p in tree.pages if p.docname == docname)
    return next(n for n in page.items if isinstance(n, Need) and fits(n))


def _on(docname: str, old: str, new: str) -> EditFn:
    return lambda src: _replace(src, docname, old, new)


def edits(tree: Tree) -> dict[str, EditFn]:
    """The edit kinds of issue 15 on a generated tree, in the order they are applied."""
    year = tree.years[len(tree.years) // 2]
    org = tree.organisations[0][0]
    folder = f"{year}/{org}"
    dilemmas = next(p.docname for p in tree.pages if p.docname.startswith(f"{folder}/dilemmas"))
    linked = {t for n in tree.needs.values() for ts in n.links.values() for t in ts}
    # A dilemma others link to: its title and status show on other pages.
    target = _need_on(tree, dilemmas, lambda n: n.directive == "dilemma" and n.id in linked)
    plain = _need_on(tree, dilemmas, lambda n: n.directive == "dilemma" and "raakt" not in n.links)
    status = "opgelost" if target.status != "opgelost" else "open"
    extra = Need(
        "oplossingsrichting", f"OR_{year}_{org.upper()}_EXTRA", "Een toegevoegde richting",
        "voorgesteld", target.organisatie, {"adresseert": [target.id]},
        ["Deze oplossingsrichting is voor de meting toegevoegd."],
    )  # fmt: skip
    extra_block = render_need(extra, "a")
    index = next(p for p in tree.pages if p.docname == f"{folder}/index")
    toc = next(i for i in index.items if isinstance(i, Toctree))
    toc_old = render_page(Page("", "", [toc]), "a").split("\n", 2)[2]
    toc_new = toc_old.replace("```\n", "extra\n```\n")
    page_need = Need(
        "actielijn", f"AL_{year}_{org.upper()}_EXTRA", "Een toegevoegde actielijn", "voorgesteld",
        target.organisatie, {"valt_onder": ["HP_DIENSTVERLENING"]}, ["Voor de meting toegevoegd."],
    )  # fmt: skip
    new_page = f"# Extra\n\n{render_need(page_need, 'a')}"

    def add_need(src: Path) -> None:
        with (src / f"{dilemmas}.md").open("a", encoding="utf-8") as page:
            page.write(f"\n{extra_block}")

    def add_page(src: Path) -> None:
        (src / f"{folder}/extra.md").write_text(new_page, encoding="utf-8")
        _replace(src, f"{folder}/index", toc_old, toc_new)

    def remove_page(src: Path) -> None:
        (src / f"{folder}/extra.md").unlink()
        _replace(src, f"{folder}/index", toc_new, toc_old)

    return {
        "tekst": lambda src: apply_edit(src, tree.text_edit, "a"),
        "titel": _on(
            dilemmas,
            f" {target.title}\n:id: {target.id}\n",
            f" {target.title} (herzien)\n:id: {target.id}\n",
        ),
        "status": _on(
            dilemmas,
            f":id: {target.id}\n:status: {target.status}\n",
            f":id: {target.id}\n:status: {status}\n",
        ),
        "link verlegd": lambda src: apply_edit(src, tree.link_edit, "a"),
        "link erbij": _on(
            dilemmas, f":id: {plain.id}\n", f":id: {plain.id}\n:raakt: HP_POLITIEK\n"
        ),
        "need erbij": add_need,
        "need weg": lambda src: _replace(src, dilemmas, f"\n{extra_block}", ""),
        "pagina erbij": add_page,
        "pagina weg": remove_page,
    }


@dataclass
class Result:
    params: Params
    docs: int
    full: list[float] = field(default_factory=list)
    live_full: list[float] = field(default_factory=list)  # stand live's first build
    seconds: dict[str, list[float]] = field(default_factory=dict)  # sphinx-build
    live: dict[str, list[float]] = field(default_factory=dict)  # stand live
    differ: dict[str, list[str]] = field(default_factory=dict)  # first run only
    live_differ: dict[str, list[str]] = field(default_factory=dict)
    written: dict[str, int] = field(default_factory=dict)  # pages written, first run
    live_written: dict[str, int] = field(default_factory=dict)


def output_files(out: Path) -> dict[str, tuple[int, bytes]]:
    return {
        str(p.relative_to(out)): (p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(out.rglob("*"))
        if p.is_file() and NOT_OUTPUT not in p.parts
    }


def pages_written(before: dict[str, tuple[int, bytes]], after: dict[str, tuple[int, bytes]]) -> int:
    return sum(
        1
        for f, (mtime, _) in after.items()
        if f.endswith(".html") and f not in ALWAYS and (f not in before or before[f][0] != mtime)
    )


def differing(want: dict[str, tuple[int, bytes]], got: dict[str, tuple[int, bytes]]) -> list[str]:
    return sorted(
        f for f in want.keys() | got.keys()
        if f not in want or f not in got or want[f][1] != got[f][1]
    )  # fmt: skip


class Live:
    """``stand live``'s builds, in a child process that keeps the application."""

    def __init__(self, ext_dir: Path, src: Path, out: Path) -> None:
        self.log = out.parent / f"{out.name}.log"
        command = [sys.executable, "-m", "bench.livebuild", str(ext_dir), str(src), str(out)]
        self.proc = subprocess.Popen(
            command, cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=self.log.open("wb"), text=True,
        )  # fmt: skip

    def build(self) -> float:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write("bouw\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line or json.loads(line)["status"] != 0:
            raise BuildFailed(
                "stand live gaf waarschuwingen of faalde:\n"
                + self.log.read_text(encoding="utf-8", errors="replace")[-4000:]
            )
        return float(json.loads(line)["seconds"])

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait()


def measure(params: Params, runs: int, work: Path, ext_dir: Path) -> Result:
    tree = build_tree(params)
    result = Result(params, tree.docs)
    src, out, clean = work / "src", work / "html", work / "schoon"
    live_out = work / "live"
    log(f"{params.needs} needs: {tree.docs} pagina's; {runs} ronde(n)")
    for run in range(runs):
        write_tree(tree, "a", src, ext_dir)
        fresh(out)
        fresh(live_out)
        result.full.append(sphinx_build(src, out).seconds)
        log(f"  volledige bouw: {result.full[-1]:.2f} s")
        live = Live(ext_dir, src, live_out)
        try:
            result.live_full.append(live.build())
            log(f"  volledige bouw in stand live: {result.live_full[-1]:.2f} s")
            for name, edit in edits(tree).items():
                before = output_files(out) if run == 0 else {}
                live_before = output_files(live_out) if run == 0 else {}
                edit(src)
                seconds = sphinx_build(src, out).seconds
                live_seconds = live.build()
                result.seconds.setdefault(name, []).append(seconds)
                result.live.setdefault(name, []).append(live_seconds)
                log(f"  {name}: {seconds:.2f} s, in stand live {live_seconds:.2f} s")
                if run == 0:
                    after, live_after = output_files(out), output_files(live_out)
                    result.written[name] = pages_written(before, after)
                    result.live_written[name] = pages_written(live_before, live_after)
                    fresh(clean)
                    sphinx_build(src, clean, "-E")
                    want = output_files(clean)
                    result.differ[name] = differing(want, after)
                    result.live_differ[name] = differing(want, live_after)
                    log(
                        f"    anders dan schoon: {len(result.differ[name])}, "
                        f"in stand live {len(result.live_differ[name])}"
                    )
        finally:
            live.close()
    return result


def _goal(name: str, *shares: float) -> str:
    target = TARGETS.get(name)
    if target is None:
        return "–"
    return f"≤ {target:.1f} (" + " / ".join("ja" if s <= target else "NEE" for s in shares) + ")"


def _pair(a: object, b: object) -> str:
    return str(a) if a == b else f"{a} / {b}"


def table(result: Result) -> str:
    full = statistics.median(result.full)
    lines = [
        f"Volledige bouw (sphinx-build): {full:.2f} s; in `stand live`: "
        f"{statistics.median(result.live_full):.2f} s ({result.params.needs} needs, "
        f"{result.docs} pagina's). Herbouw gedeeld door de volledige bouw met sphinx-build; "
        "waar twee getallen staan: sphinx-build / stand live.\n",
        "| wijziging | sphinx-build (s) | ÷ volledig | stand live (s) | ÷ volledig | doel "
        "| pagina's geschreven | bestanden anders dan schoon |",
        "|---|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for name, values in result.seconds.items():
        seconds, live = statistics.median(values), statistics.median(result.live[name])
        differ = _pair(len(result.differ.get(name, [])), len(result.live_differ.get(name, [])))
        written = _pair(result.written.get(name, "–"), result.live_written.get(name, "–"))
        lines.append(
            f"| {name} | {seconds:.2f} | {seconds / full:.3f} | {live:.2f} | {live / full:.3f} "
            f"| {_goal(name, seconds / full, live / full)} | {written} | {differ} |"
        )
    for label, found in (("", result.differ), (" (stand live)", result.live_differ)):
        for name, files in found.items():
            if files:
                lines.append(f"\nAnders na '{name}'{label}: {', '.join(files[:20])}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = bench_parser(
        "bench.incremental",
        "Meet incrementele bouw per soort wijziging, vergeleken met een schone bouw.",
        "bench-incrementeel",
        runs=3,
    )
    parser.add_argument("--needs", type=int, default=5000, help="needs in de boom (5000)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs moet minstens 1 zijn")
    differ: list[str] = []

    def measure_all(work: Path, ext_dir: Path) -> str:
        result = measure(Params(args.needs), args.runs, work, ext_dir)
        shutil.rmtree(work / "schoon", ignore_errors=True)
        for found in (result.differ, result.live_differ):
            differ.extend(name for name, files in found.items() if files)
        return table(result)

    intro = f"; medianen van {args.runs} ronde(n). Elke wijziging bouwt voort op de vorige."
    status = run_bench(args, argv, "bench.incremental", "incrementele bouw", intro, measure_all)
    return status or (1 if differ else 0)


if __name__ == "__main__":
    raise SystemExit(main())
