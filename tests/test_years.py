"""Years and lineages in real builds: fictional years, merges, splits, any tree layout."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sphinx.util.console import strip_escape_sequences

ROOTS = Path(__file__).parent / "roots"


def needs_of(outdir: Path) -> dict[str, Any]:
    data = json.loads((outdir / "needs.json").read_text(encoding="utf-8"))
    needs: dict[str, Any] = data["versions"][data["current_version"]]["needs"]
    return needs


@pytest.mark.sphinx("html", testroot="jaren", freshenv=True)
def test_years_lineages_and_backlinks_in_needs_json(app: Any, warning: Any) -> None:
    app.build()
    assert strip_escape_sequences(warning.getvalue()) == ""
    needs = needs_of(app.outdir)
    years = {need_id: need["jaar"] for need_id, need in needs.items()}
    assert years["HP_A"] is None
    assert years["AL_2033_L"] == "2033"  # two folders below docs/2033/
    assert all(years[i] == i.split("_")[1] for i in needs if not i.startswith("HP_"))

    lines = {need_id: need["lijn"] for need_id, need in needs.items()}
    assert lines["DIL_2032_AB"] == "DIL_2031_A"  # merge: the smallest ID of the earliest year
    assert lines["DIL_2033_A1"] == lines["DIL_2033_A2"] == "DIL_2031_A"  # split
    assert lines["DIL_2034_A2"] == "DIL_2031_A"
    assert lines["DIL_2031_B"] == "DIL_2031_B"
    assert lines["DIL_2031_C"] == "DIL_2031_C"  # a line that stops
    assert lines["OR_2034_Y"] == "OR_2034_Y"  # a new line
    assert lines["AL_2033_L"] == lines["AL_2034_L"] == "AL_2031_L"

    assert needs["DIL_2032_AB"]["vervolg_op_back"] == ["DIL_2033_A1", "DIL_2033_A2"]
    assert needs["DIL_2031_A"]["vervolg_op_back"] == ["DIL_2032_AB"]
    assert needs["DIL_2031_A"]["adresseert_back"] == ["OR_2031_X"]
    assert needs["HP_A"]["valt_onder_back"] == ["AL_2031_L", "AL_2032_L", "AL_2033_L", "AL_2034_L"]
    assert all(need["organisatie"] == "Logius" for need in needs.values())


def sphinx_build(src: Path, out: Path, *args: str, conf: Path | None = None) -> str:
    """A real ``sphinx-build`` run; returns its warnings."""
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "html",
            "-q",
            *args,
            *(["-c", str(conf)] if conf else []),
            str(src),
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return strip_escape_sequences(proc.stderr)


def test_contract_layout_with_years_we_never_use(tmp_path: Path) -> None:
    """conf.py beside docs/, as the contract lays it out, with other years and organisation."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOTS / "test-jaren", repo / "docs")
    conf = (repo / "docs" / "conf.py").read_text(encoding="utf-8")
    (repo / "docs" / "conf.py").unlink()
    (repo / "conf.py").write_text(conf + 'stand_organisatie = "Dienst Voorbeeld"\n')
    for old, new in (("2031", "1999"), ("2032", "2000"), ("2033", "2087"), ("2034", "2088")):
        for path in sorted((repo / "docs").rglob("*.md")):
            path.write_text(path.read_text(encoding="utf-8").replace(old, new))
        (repo / "docs" / old).rename(repo / "docs" / new)

    warnings = sphinx_build(repo / "docs", tmp_path / "out", "-W", conf=repo)
    assert warnings == ""
    needs = needs_of(tmp_path / "out")
    assert needs["DIL_2000_AB"]["lijn"] == "DIL_1999_A"
    assert needs["DIL_2087_A2"]["jaar"] == "2087"
    assert needs["AL_2087_L"]["lijn"] == "AL_1999_L"
    assert {n["organisatie"] for n in needs.values()} == {"Dienst Voorbeeld"}
