"""Shared fixtures: Sphinx test roots, and one real build of the project's own docs."""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytest_plugins = ["sphinx.testing.fixtures"]

REPO = Path(__file__).resolve().parent.parent
SOURCE_TEXT = Path(__file__).parent / "data" / "stand-van-logius-2022.txt"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where sphinx.testing finds the ``test-<case>`` roots."""
    return Path(__file__).parent / "roots"


@pytest.fixture(scope="session")
def real_build(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The real docs published once, as ``make docs`` does: ``stand bouw``.

    The site (with -W --keep-going) in ``html/``, every year's PDF in ``pdf/``.
    """
    out = tmp_path_factory.mktemp("publicatie")
    proc = stand(REPO, "bouw", "--uit", str(out))
    return {"dir": out / "html", "out": out, "returncode": proc.returncode, "stderr": proc.stderr}


@pytest.fixture(scope="session")
def wide_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wide project of ``test_views.write_wide`` built once: long IDs, many needs, 7 years."""
    from test_views import write_wide
    from test_years import sphinx_build

    src = tmp_path_factory.mktemp("breed") / "src"
    write_wide(src)
    out = src.parent / "html"
    assert sphinx_build(src, out, "-W") == ""
    return out


@pytest.fixture(scope="session")
def real_publication(real_build: dict[str, Any]) -> Path:
    assert real_build["returncode"] == 0, real_build["stderr"]
    path: Path = real_build["out"]
    return path


@pytest.fixture(scope="session")
def real_html(real_build: dict[str, Any]) -> Path:
    assert real_build["returncode"] == 0, real_build["stderr"]
    path: Path = real_build["dir"]
    return path


@pytest.fixture(scope="session")
def real_needs(real_html: Path) -> dict[str, dict[str, Any]]:
    data = json.loads((real_html / "needs.json").read_text(encoding="utf-8"))
    needs: dict[str, dict[str, Any]] = data["versions"][data["current_version"]]["needs"]
    return needs


def stand(cwd: Path, *args: str, umask: str | None = None) -> subprocess.CompletedProcess[str]:
    """The command line as a writer runs it, in a process of its own; with ``umask`` set
    as in a shell (``"022"``: new files 0644, folders 0755)."""
    command = [sys.executable, "-m", "stand.cli", *args]
    if umask is not None:
        command = ["bash", "-c", f"umask {umask} && {shlex.join(command)}"]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
