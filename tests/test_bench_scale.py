"""Smoke runs of the two benches of the views at scale; they check output, never timings."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NUMBER = r"\d+(?:\.\d+)?"


def bench(module: str, *args: str, cwd: Path = REPO) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", module, "--runs", "1", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    return proc.stdout


def test_big_year_bench_builds_with_and_without_views(tmp_path: Path) -> None:
    results = tmp_path / "RESULTS.md"
    out = bench(
        "bench.views", "--aantallen", "8,16", "--werkmap", str(tmp_path), "--write", str(results)
    )
    rows = [line for line in out.splitlines() if re.match(r"^\| \d+ \+ \d+ \|", line)]
    assert [row.split("|")[1].strip() for row in rows] == ["8 + 8", "16 + 16"]
    for row in rows:
        assert re.fullmatch(rf"\|( [^|]+ \|)( {NUMBER} \|){{7}}", row), row
    assert "- 16 + 16 needs met overzichten: piekgeheugen" in out
    # The generated year page holds the views the bench says it measures.
    page = (tmp_path / "16-met" / "src" / "2021" / "index.md").read_text(encoding="utf-8")
    assert page.count("```{traceermatrix}") == 2 and "```{dekking}" in page
    assert "```{" not in (tmp_path / "16-zonder" / "src" / "2021" / "index.md").read_text(
        encoding="utf-8"
    ).replace("```{toctree}", "")
    assert "## Machine" in results.read_text(encoding="utf-8")


def test_staat_bench_reads_every_organisation(tmp_path: Path) -> None:
    out = bench("bench.staat", "--organisaties", "1,2", "--werkmap", str(tmp_path))
    rows = [line for line in out.splitlines() if re.match(r"^\| \d+ \| \d+ \|", line)]
    # 5 years × 40 needs per organisation, with the six handelingsperspectieven.
    assert [row.split("|")[1:3] for row in rows] == [[" 1 ", " 206 "], [" 2 ", " 412 "]]
    sources = sorted((tmp_path / "standen-2").glob("*/needs.json"))
    assert len(sources) == 2
    bronnen = (tmp_path / "staat-2" / "bronnen.json").read_text(encoding="utf-8")
    assert all(str(path) in bronnen for path in sources)
    staat = (tmp_path / "staat-2" / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert 'class="stand-rodedraad' in staat and 'class="stand-dekking' in staat
    assert "kosten per ingelezen need bij 2 organisaties" in out
