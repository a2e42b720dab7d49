"""stand.memory: fewer full garbage collections during a build, the process's own
thresholds back afterwards (the tests and ``make live`` run many builds in one process)."""

from __future__ import annotations

import gc
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from stand.memory import THRESHOLDS


def test_thresholds_during_the_build_only(
    make_app: Callable[..., Any], rootdir: Path, tmp_path: Path
) -> None:
    shutil.copytree(rootdir / "test-schoon", tmp_path / "src")
    before = gc.get_threshold()
    assert before != THRESHOLDS
    app = make_app("html", srcdir=tmp_path / "src")
    seen: list[tuple[int, int, int]] = []

    def note(app: Any, env: Any) -> None:
        seen.append(gc.get_threshold())

    app.connect("env-updated", note)
    app.build()
    assert seen == [THRESHOLDS]
    assert gc.get_threshold() == before
