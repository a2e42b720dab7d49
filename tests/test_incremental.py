"""Incremental and parallel builds give what a clean serial build gives (cf. sphinx-needs#354)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from test_years import ROOTS, sphinx_build


def needs_json(outdir: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((outdir / "needs.json").read_text(encoding="utf-8"))
    return data


def copy_root(tmp_path: Path, name: str = "test-jaren") -> Path:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / name, src)
    return src


def test_incremental_rebuild_equals_clean_build(tmp_path: Path) -> None:
    src = copy_root(tmp_path)
    sphinx_build(src, tmp_path / "inc", "-W")
    before = needs_json(tmp_path / "inc")

    # Cut DIL_2032_AB loose from DIL_2031_A: lines two and three years on change too,
    # and the back-link of the untouched 2031 page must go.
    page = src / "2032" / "index.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            ":vervolg_op: DIL_2031_B, DIL_2031_A", ":vervolg_op: DIL_2031_B"
        ),
        encoding="utf-8",
    )
    sphinx_build(src, tmp_path / "inc", "-W")  # no -E: incremental
    sphinx_build(src, tmp_path / "clean", "-W", "-E")

    incremental, clean = needs_json(tmp_path / "inc"), needs_json(tmp_path / "clean")
    assert incremental == clean
    needs = clean["versions"][clean["current_version"]]["needs"]
    assert needs["DIL_2034_A2"]["lijn"] == "DIL_2031_B"
    assert needs["DIL_2031_A"]["vervolg_op_back"] == []
    assert incremental != before


def test_parallel_build_equals_serial_build(tmp_path: Path) -> None:
    src = copy_root(tmp_path)
    sphinx_build(src, tmp_path / "serial", "-W", "-E", "-j", "1")
    sphinx_build(src, tmp_path / "parallel", "-W", "-E", "-j", "2")
    assert needs_json(tmp_path / "parallel") == needs_json(tmp_path / "serial")

    # Touch a page and rebuild in parallel: still no warnings, still the same needs.json.
    page = src / "2033" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert sphinx_build(src, tmp_path / "parallel", "-W", "-j", "2") == ""
    assert needs_json(tmp_path / "parallel") == needs_json(tmp_path / "serial")
