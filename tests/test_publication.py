"""What leaves the building: download links, and the Read the Docs build run locally."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import REPO
from pypdf import PdfReader


def test_landing_page_links_each_years_pdf_and_the_open_data(real_html: Path) -> None:
    html = (real_html / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'class="stand-download[^"]*" href="([^"]+)"', html)
    assert links == [
        "downloads/stand-van-logius-2022.pdf",
        "needs.json",
        "stand-needs.schema.json",
        "downloads/stand-van-logius.csv",
        "downloads/stand-van-logius.xlsx",
    ]
    year = (real_html / "2022" / "index.html").read_text(encoding="utf-8")
    assert 'href="../downloads/stand-van-logius-2022.pdf"' in year


def repository_copy(target: Path) -> Path:
    """The repository as a clean clone would have it (tracked and new files, no build)."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        source = REPO / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def test_readthedocs_build_commands_run_here(tmp_path: Path) -> None:
    """``.readthedocs.yaml`` as RTD runs it: a clean virtualenv, its install commands
    (``pip install .`` with the lock), then its build commands with RTD's variables.
    Every download the site links is there and readable by others."""
    config = yaml.safe_load((REPO / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    assert {"graphviz", "fonts-dejavu-core"} <= set(config["build"]["apt_packages"])
    assert config["formats"] == ["pdf"]  # no EPUB: see docs/handleiding/publicatie.md
    jobs = config["build"]["jobs"]
    assert any("-c constraints.txt" in command for command in jobs["install"])
    checkout = repository_copy(tmp_path / "checkout")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    env = {
        **os.environ,
        "READTHEDOCS": "True",
        "READTHEDOCS_OUTPUT": str(tmp_path / "_readthedocs"),
        "READTHEDOCS_CANONICAL_URL": "https://stand.example.org/nl/latest/",
        "READTHEDOCS_VERSION_NAME": "latest",
        "VIRTUAL_ENV": str(venv),
        "PATH": f"{venv / 'bin'}:{os.environ['PATH']}",
    }
    for command in [*jobs["install"], *jobs["build"]["html"], *jobs["build"]["pdf"]]:
        proc = subprocess.run(
            ["bash", "-c", command], cwd=checkout, env=env, capture_output=True, text=True,
            check=False,
        )  # fmt: skip
        assert proc.returncode == 0, f"{command}\n{proc.stderr[-3000:]}"

    out = tmp_path / "_readthedocs"
    html = out / "html"
    index = (html / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://stand.example.org/nl/latest/index.html"' in index
    linked = re.findall(r'class="stand-download[^"]*" href="([^"]+)"', index)
    year = (html / "2022" / "index.html").read_text(encoding="utf-8")
    linked += [f"2022/{h}" for h in re.findall(r'class="stand-download[^"]*" href="([^"]+)"', year)]
    assert len(linked) == 6  # with the exchange format's schema beside needs.json
    for href in linked:
        published = (html / href).resolve()
        assert published.is_file(), href
        assert published.stat().st_mode & 0o004, href  # readable by others
    assert sorted(p.name for p in (html / "downloads").iterdir()) == [
        "stand-van-logius-2022.pdf",
        "stand-van-logius.csv",
        "stand-van-logius.xlsx",
    ]
    # RTD's own offline download takes one file per format: the latest year.
    (offline,) = (out / "pdf").iterdir()
    assert offline.name == "stand-van-logius-2022.pdf"
    assert "2022" in (PdfReader(offline).metadata.title or "")
