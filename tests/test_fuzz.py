"""Fuzzing a writer's mistakes: real need blocks, mutated, never lost without a word.

The dilemmas of the 2022 report are mutated as a writer's hands would: a line
dropped or duplicated, the file cut off, characters typed in (backticks, colons,
braces, angle brackets, a Latin-1 byte). Each mutant is built as ``make docs``
builds (``-W --keep-going``). The build must never end in a traceback, and it may
only succeed if every need whose ``:id:`` line is still in the source is in
``needs.json``.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sphinx.cmd.build import build_main

REPO = Path(__file__).resolve().parent.parent
SOURCE = (REPO / "docs" / "2022" / "dilemmas.md").read_bytes()
ROOT = Path(__file__).parent / "roots" / "test-schoon"
ID_LINE = re.compile(rb"^:id: (\S+)$", re.M)

#: A few examples in CI (each is a Sphinx build); more with STAND_FUZZ_VOORBEELDEN=500.
EXAMPLES = int(os.environ.get("STAND_FUZZ_VOORBEELDEN", "12"))

_TYPED = st.text(alphabet="`:{}<>#-~ \néë’", min_size=1, max_size=5).map(str.encode)
_BYTES = st.sampled_from([b"\xe9", b"\x92", b"\xff\xfe"])


@st.composite
def mutants(draw: st.DrawFn) -> bytes:
    lines = SOURCE.split(b"\n")
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        kind = draw(st.sampled_from(["drop", "duplicate", "cut", "type", "byte"]))
        if kind in ("drop", "duplicate"):
            at = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            lines[at : at + 1] = [] if kind == "drop" else [lines[at], lines[at]]
        else:
            text = b"\n".join(lines)
            at = draw(st.integers(min_value=0, max_value=len(text)))
            if kind == "cut":
                text = text[:at]
            else:
                text = text[:at] + draw(_TYPED if kind == "type" else _BYTES) + text[at:]
            lines = text.split(b"\n")
        if not lines:
            lines = [b""]
    return b"\n".join(lines)


def build(project: Path, source: bytes) -> tuple[int, str, Path]:
    (project / "2022" / "index.md").write_bytes(source)
    out = project / "_build"
    stderr = io.StringIO()
    args = ["-b", "html", "-W", "--keep-going", "-q", "-E", "-c", str(project)]
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
        code = build_main([*args, str(project), str(out)])
    return code, stderr.getvalue(), out


def project_in(tmp: str) -> Path:
    project = Path(tmp) / "stand"
    shutil.copytree(ROOT, project)
    shutil.copy(REPO / "docs" / "referentie" / "index.md", project / "referentie" / "index.md")
    return project


def needs_of(out: Path) -> dict[str, Any]:
    data = json.loads((out / "needs.json").read_text(encoding="utf-8"))
    needs: dict[str, Any] = data["versions"][data["current_version"]]["needs"]
    return needs


def test_the_unmutated_report_builds_clean() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        code, stderr, out = build(project_in(tmp), SOURCE)
        assert (code, stderr) == (0, "")
        assert set(ID_LINE.findall(SOURCE)) <= {i.encode() for i in needs_of(out)}


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize="STAND_FUZZ_VOORBEELDEN" not in os.environ,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(mutants())
def test_a_mutated_report_never_loses_a_need_silently(source: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        code, stderr, out = build(project_in(tmp), source)
        # Sphinx exits 2 on an exception and prints its traceback.
        assert code in (0, 1), stderr
        assert "Traceback" not in stderr and "Exception occurred" not in stderr, stderr
        if code == 0:
            written = {i.decode("utf-8", "replace") for i in ID_LINE.findall(source)}
            assert written <= set(needs_of(out)), stderr
