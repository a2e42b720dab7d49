"""Smoke run of the benchmark runner on a tiny tree; checks output, never timings."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NUMBER = re.compile(r"^\d+(\.\d+)?$")
VIEWS = ("traceermatrix", "jaarlijnen", "dekking", "jaarverschil")


def test_quick_run_prints_table_and_passes_checks(tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.run",
            "--quick",
            "--runs",
            "1",
            "--werkmap",
            str(tmp_path / "werk"),
            "--write",
            str(results),
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]

    rows = [line for line in proc.stdout.splitlines() if line.startswith("| 60 |")]
    labels = [row.split("|")[2].strip() for row in rows]
    assert labels == [
        "volledige bouw (s)",
        "herbouw na tekstwijziging (s)",
        "herbouw na linkwijziging (s)",
        "volledige bouw -j 2 (s)",
        "piekgeheugen (MiB)",
        "kosten per need (ms)",
        "tekstwijziging / volledige bouw",
    ]
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        # needs, label, a, b, c: every variant has a number (the ratios may be empty).
        assert all(NUMBER.match(value) for value in cells[2:5]), row
        assert float(cells[2]) > 0, row

    checks = [
        line for line in proc.stdout.splitlines() if line.startswith("- 60 needs, needs.json")
    ]
    assert checks == [
        "- 60 needs, needs.json (a) verandert door de wijzigingen: ja",
        "- 60 needs, needs.json (a) incrementeel = schoon: ja",
        "- 60 needs, needs.json (a) -j 2 = -j 1: ja",
    ]

    written = results.read_text(encoding="utf-8")
    assert "| 60 | volledige bouw (s) |" in written
    assert "sphinx-needs" in written and "nproc" in written


def test_variants_differ_only_where_documented() -> None:
    """The three variants hold the same pages and the same text of every need."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from bench.generate import Params, build_tree, render_page

    tree = build_tree(Params(needs=60, years=3, organisations=2))
    assert len(tree.needs) == 60
    for page in tree.pages:
        a, b, c = (render_page(page, v) for v in "abc")
        for need_text in (p for n in tree.needs.values() for p in n.text):
            assert a.count(need_text) == b.count(need_text) == c.count(need_text)
        views = sum(a.count(f"```{{{kind}}}") for kind in VIEWS)
        assert views == b.count("```{needtable}")
        assert "```{" not in c.replace("```{toctree}", "")
