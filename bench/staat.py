"""Measure a Staat van de uitvoering built from the template as it ships.

The Standen it reads are real ``needs.json`` files: one generated tree
(``bench.generate``, organisations as sections, 5 years × ~40 needs each) is
built once with our extension, and its ``needs.json`` is split per organisation,
each file with the six handelingsperspectieven its links point to, and a thema on
every dilemma (so the ``rodedraad`` has something to show). The Staat is
``voorbeelden/staat`` with a ``bronnen.json`` that lists those files; its HTML
build (``sphinx-build -b html -W --keep-going``) is measured for each number of
organisations: time and the largest resident set (``os.wait4``).

Targets (issue 18): 64 organisations under 2 GiB, and a cost per imported need at
most 1.3 × that of 4 organisations.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from stand.config import THEMAS

from bench.generate import REPO, Params, build_tree, write_tree
from bench.run import (
    Sample,
    bench_parser,
    log,
    run_bench,
    sphinx_build,
)

TEMPLATE = REPO / "voorbeelden" / "staat"
YEARS = 5
NEEDS_PER_ORG_YEAR = 40
TARGET_MIB = 2048.0
TARGET_GROWTH = 1.3


def standen(organisations: int, work: Path, ext_dir: Path) -> list[Path]:
    """One needs.json per organisation, from one generated tree built once (kept)."""
    folder = work / f"standen-{organisations}"
    files = sorted(folder.glob("*/needs.json"))
    if len(files) == organisations:
        return files
    needs = organisations * YEARS * NEEDS_PER_ORG_YEAR + 6
    tree = build_tree(Params(needs, years=YEARS, organisations=organisations))
    src, out = work / f"boom-{organisations}" / "src", work / f"boom-{organisations}" / "uit"
    write_tree(tree, "a", src, ext_dir)
    shutil.rmtree(out, ignore_errors=True)
    log(f"bronnen: {needs} needs van {organisations} organisaties bouwen (eenmalig)")
    sphinx_build(src, out)
    data = json.loads((out / "needs.json").read_text(encoding="utf-8"))
    version = data["versions"][data["current_version"]]
    per_org: dict[str, dict[str, Any]] = {}
    shared = {i: n for i, n in version["needs"].items() if n["type"] == "handelingsperspectief"}
    themas = sorted(THEMAS)
    for index, (need_id, need) in enumerate(sorted(version["needs"].items())):
        if need["type"] == "handelingsperspectief":
            continue
        if need["type"] == "dilemma":
            need["thema"] = [themas[index % len(themas)]]
        per_org.setdefault(need["organisatie"], dict(shared))[need_id] = need
    shutil.rmtree(folder, ignore_errors=True)
    for number, (name, found) in enumerate(sorted(per_org.items()), start=1):
        one = {**data, "versions": {data["current_version"]: {**version, "needs": found}}}
        target = folder / f"org{number:03d}" / "needs.json"
        target.parent.mkdir(parents=True)
        target.write_text(json.dumps(one, ensure_ascii=False), encoding="utf-8")
        (target.parent / "naam").write_text(name, encoding="utf-8")
    return sorted(folder.glob("*/needs.json"))


def staat(files: list[Path], root: Path, ext_dir: Path) -> Path:
    """The template with a bronnen.json of ``files``; conf.py loads the measured copy."""
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(TEMPLATE, root, ignore=shutil.ignore_patterns("_build", "bronnen"))
    bronnen = [
        {
            "organisatie": (path.parent / "naam").read_text(encoding="utf-8"),
            "needs_json": str(path),
            "site": f"https://{path.parent.name}.example/stand/",
        }
        for path in files
    ]
    (root / "bronnen.json").write_text(json.dumps(bronnen, indent=2), encoding="utf-8")
    conf = (root / "conf.py").read_text(encoding="utf-8")
    (root / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(ext_dir)!r})\n{conf}", encoding="utf-8"
    )
    return root


def measure(organisations: int, work: Path, ext_dir: Path, runs: int) -> tuple[int, Sample]:
    files = standen(organisations, work, ext_dir)
    root = staat(files, work / f"staat-{organisations}", ext_dir)
    imported = sum(
        len(next(iter(json.loads(f.read_text(encoding="utf-8"))["versions"].values()))["needs"])
        for f in files
    )
    samples = []
    for number in range(runs):
        out = root / "_build" / "html"
        shutil.rmtree(out.parent, ignore_errors=True)
        samples.append(sphinx_build(root, out))
        log(
            f"  staat van {organisations} organisaties ({imported} needs), ronde {number + 1}: "
            f"{samples[-1].seconds:.1f} s, {samples[-1].max_rss_mib:.0f} MiB"
        )
    best = min(samples, key=lambda s: s.cpu_seconds)
    return imported, Sample(best.seconds, max(s.max_rss_mib for s in samples), best.cpu_seconds)


def table(results: dict[int, tuple[int, Sample]]) -> str:
    """Cost per need in CPU time (user + system): other load on the machine moves it
    less than the wall time, which is shown beside it."""
    base_orgs = min(results)
    base_needs, base = results[base_orgs]
    base_cost = base.cpu_seconds / base_needs
    lines = [
        "| organisaties | ingelezen needs | bouw (s) | cpu (s) | piekgeheugen (MiB) | "
        f"cpu-ms per need | per need / {base_orgs} organisaties |",
        "|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for orgs, (needs, sample) in sorted(results.items()):
        cost = sample.cpu_seconds / needs
        lines.append(
            f"| {orgs} | {needs} | {sample.seconds:.1f} | {sample.cpu_seconds:.1f} | "
            f"{sample.max_rss_mib:.0f} | {1000 * cost:.2f} | {cost / base_cost:.2f} |"
        )
    big_orgs = max(results)
    big_needs, big = results[big_orgs]
    growth = (big.cpu_seconds / big_needs) / base_cost
    lines += [
        "",
        f"- piekgeheugen bij {big_orgs} organisaties: {big.max_rss_mib:.0f} MiB, doel "
        f"< {TARGET_MIB:.0f}: {'gehaald' if big.max_rss_mib < TARGET_MIB else 'NIET gehaald'}",
        f"- kosten per ingelezen need bij {big_orgs} organisaties = {growth:.2f} × die bij "
        f"{base_orgs}, doel ≤ {TARGET_GROWTH}: "
        f"{'gehaald' if growth <= TARGET_GROWTH else 'NIET gehaald'}",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = bench_parser(
        "bench.staat",
        "Meet de Staat van de uitvoering (het sjabloon) over veel organisaties.",
        "bench-staat",
        runs=1,
    )
    parser.add_argument(
        "--organisaties", default="4,64", help="aantallen organisaties, komma-gescheiden (4,64)"
    )
    args = parser.parse_args(argv)
    sizes = sorted(int(part) for part in args.organisaties.split(",") if part.strip())

    def measure_all(work: Path, ext_dir: Path) -> str:
        return table({orgs: measure(orgs, work, ext_dir, args.runs) for orgs in sizes})

    intro = (
        ": het sjabloon `voorbeelden/staat` zoals het wordt geleverd, over Standen van "
        f"{YEARS} jaren × {NEEDS_PER_ORG_YEAR} needs per organisatie; de duur telt het "
        "eenmalig bouwen van de bronnen mee."
    )
    return run_bench(args, argv, "bench.staat", "de Staat van de uitvoering", intro, measure_all)


if __name__ == "__main__":
    raise SystemExit(main())
