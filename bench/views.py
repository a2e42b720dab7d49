"""Measure the views on one big year: many dilemmas and oplossingsrichtingen.

A Stand of one organisation with ``n`` dilemmas and ``n`` oplossingsrichtingen in
one year (each oplossingsrichting addresses a dilemma, one in seven a second
one; some touch a handelingsperspectief), written with ``bench.generate``'s model
and writers. The year page has the views a writer puts there (the default
``traceermatrix``, dilemma's × handelingsperspectieven, ``dekking``), the
overview page ``jaarlijnen`` and ``dekking``. Each size is built twice, with
the views and with the view blocks left out, so the table shows what the views
cost; the largest size's cost per need against the smallest shows whether they
grow linearly.

Target (issue 18): 1,500 + 1,500 needs in one year build under 1 GiB.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from bench.generate import (
    HANDELINGSPERSPECTIEVEN,
    Edit,
    Heading,
    Item,
    Need,
    Page,
    Toctree,
    Tree,
    View,
    dilemma_title,
    paragraphs,
    work_title,
    write_tree,
)
from bench.run import (
    Sample,
    bench_parser,
    log,
    run_bench,
    sphinx_build,
)

YEAR = "2021"
PER_PAGE = 40
TARGET_MIB = 1024.0


def big_year(n: int, views: bool, seed: int = 2022) -> Tree:
    rng = random.Random(seed)
    hp_ids = [hp for hp, _ in HANDELINGSPERSPECTIEVEN]
    needs: dict[str, Need] = {}
    reference = Page("referentie/index", "Handelingsperspectieven")
    for hp_id, title in HANDELINGSPERSPECTIEVEN:
        needs[hp_id] = Need("handelingsperspectief", hp_id, title, None, None, {}, paragraphs(rng))
        reference.items.append(needs[hp_id])
    pages: list[Page] = []
    chunk: list[Item] = []
    for index in range(n):
        dil = Need(
            "dilemma", f"DIL_{YEAR}_D{index:04d}", dilemma_title(rng), "open", None, {},
            paragraphs(rng),
        )  # fmt: skip
        if rng.random() < 0.3:
            dil.links["raakt"] = [rng.choice(hp_ids)]
        targets = [dil.id] + ([f"DIL_{YEAR}_D{index - 1:04d}"] if index and index % 7 == 0 else [])
        sol = Need(
            "oplossingsrichting", f"OR_{YEAR}_R{index:04d}", work_title(rng), "voorgesteld",
            None, {"adresseert": targets}, paragraphs(rng),
        )  # fmt: skip
        if rng.random() < 0.3:
            sol.links["raakt"] = [rng.choice(hp_ids)]
        needs[dil.id], needs[sol.id] = dil, sol
        chunk += [Heading(dil.title), dil, sol]
        if len(chunk) >= PER_PAGE * 3 // 2 or index == n - 1:
            page = Page(f"{YEAR}/dilemmas-{len(pages) + 1:03d}", f"Dilemma's ({len(pages) + 1})")
            page.items += chunk
            pages.append(page)
            chunk = []
    year = Page(f"{YEAR}/index", f"Stand van de uitvoering {YEAR}")
    year.items.append(Toctree(tuple(p.docname.split("/", 1)[1] for p in pages)))
    overview = Page("overzicht/index", "Overzichten")
    if views:
        year.items += [
            Heading("Dilemma's en oplossingsrichtingen"),
            View("traceermatrix", (), YEAR),
            Heading("Dilemma's en handelingsperspectieven"),
            View("traceermatrix", (("kolommen", "handelingsperspectief"),), YEAR),
            Heading("Dekking"),
            View("dekking", (), YEAR),
        ]
        overview.items += [
            View("jaarlijnen", (("type", "dilemma"),), None),
            View("dekking", (("jaar", "alle"),), None),
        ]
    else:
        year.items.append("Zonder overzichten.")
        overview.items.append("Zonder overzichten.")
    root = Page("index", "Stand van de uitvoering (één groot jaar)")
    root.items.append(Toctree(("referentie/index", f"{YEAR}/index", "overzicht/index")))
    none = Edit("index", {}, {})
    return Tree(
        len(needs), [YEAR], [], [root, reference, year, *pages, overview], needs, none, none
    )


def measure(n: int, work: Path, ext_dir: Path, runs: int) -> dict[bool, Sample]:
    found: dict[bool, Sample] = {}
    for views in (True, False):
        src = work / f"{n}-{'met' if views else 'zonder'}" / "src"
        write_tree(big_year(n, views), "a", src, ext_dir)
        samples = []
        for _ in range(runs):
            out = src.parent / "html"
            shutil.rmtree(out, ignore_errors=True)
            samples.append(sphinx_build(src, out))
        best = min(samples, key=lambda s: s.cpu_seconds)
        found[views] = Sample(best.seconds, max(s.max_rss_mib for s in samples), best.cpu_seconds)
        log(
            f"  {n} + {n} needs {'met' if views else 'zonder'} overzichten: "
            f"{found[views].seconds:.1f} s, {found[views].max_rss_mib:.0f} MiB"
        )
    return found


def table(results: dict[int, dict[bool, Sample]]) -> str:
    """Wall time, and CPU time (user + system) for the growth: less moved by other load."""
    lines = [
        "| dilemma's + oplossingsrichtingen | met overzichten (s) | zonder (s) | cpu met (s) | "
        "cpu zonder (s) | cpu met / zonder | piekgeheugen met (MiB) | zonder (MiB) |",
        "|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for n, found in sorted(results.items()):
        on, off = found[True], found[False]
        lines.append(
            f"| {n} + {n} | {on.seconds:.1f} | {off.seconds:.1f} | {on.cpu_seconds:.1f} | "
            f"{off.cpu_seconds:.1f} | {on.cpu_seconds / off.cpu_seconds:.2f} | "
            f"{on.max_rss_mib:.0f} | {off.max_rss_mib:.0f} |"
        )
    small, big = min(results), max(results)
    growth = (results[big][True].cpu_seconds / big) / (results[small][True].cpu_seconds / small)
    peak = results[big][True].max_rss_mib
    lines += [
        "",
        f"- {big} + {big} needs met overzichten: piekgeheugen {peak:.0f} MiB, doel "
        f"< {TARGET_MIB:.0f}: {'gehaald' if peak < TARGET_MIB else 'NIET gehaald'}",
        f"- cpu-kosten per need bij {big} = {growth:.2f} × die bij {small} (1,00 is lineair; "
        "de vaste opstart van Sphinx drukt het getal bij de grote boom)",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = bench_parser(
        "bench.views",
        "Meet de overzichten op één groot jaar (dilemma's en oplossingsrichtingen).",
        "bench-overzichten",
        runs=1,
    )
    parser.add_argument(
        "--aantallen", default="375,1500",
        help="dilemma's (en evenveel oplossingsrichtingen) per boom, komma-gescheiden (375,1500)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    sizes = sorted(int(part) for part in args.aantallen.split(",") if part.strip())

    def measure_all(work: Path, ext_dir: Path) -> str:
        return table({n: measure(n, work, ext_dir, args.runs) for n in sizes})

    title = "de overzichten op één groot jaar"
    return run_bench(args, argv, "bench.views", title, ".", measure_all)


if __name__ == "__main__":
    raise SystemExit(main())
