"""What leaves the building: download links, and the Read the Docs build run locally."""

from __future__ import annotations

import os
import re
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
        "downloads/stand-van-logius.csv",
        "downloads/stand-van-logius.xlsx",
    ]
    year = (real_html / "2022" / "index.html").read_text(encoding="utf-8")
    assert 'href="../downloads/stand-van-logius-2022.pdf"' in year


def test_readthedocs_build_commands_run_here(tmp_path: Path) -> None:
    """The commands of .readthedocs.yaml, as RTD runs them, with its variables set."""
    config = yaml.safe_load((REPO / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    assert "graphviz" in config["build"]["apt_packages"]
    assert config["formats"] == ["pdf"]  # no EPUB: see docs/handleiding/publicatie.md
    env = {
        **os.environ,
        "READTHEDOCS": "True",
        "READTHEDOCS_OUTPUT": str(tmp_path / "_readthedocs"),
        "READTHEDOCS_CANONICAL_URL": "https://stand.example.org/nl/latest/",
        "READTHEDOCS_VERSION_NAME": "latest",
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
    }
    for step in ("html", "pdf"):
        for command in config["build"]["jobs"]["build"][step]:
            proc = subprocess.run(
                ["bash", "-c", command],
                cwd=REPO,
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            assert proc.returncode == 0, f"{command}\n{proc.stderr}"

    out = tmp_path / "_readthedocs"
    index = (out / "html" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://stand.example.org/nl/latest/index.html"' in index
    assert (out / "html" / "needs.json").is_file()
    downloads = sorted(p.name for p in (out / "html" / "downloads").glob("*.pdf"))
    assert downloads == ["stand-van-logius-2022.pdf"]
    # RTD's own offline download takes one file per format: the latest year.
    (offline,) = (out / "pdf").iterdir()
    assert offline.name == "stand-van-logius-2022.pdf"
    assert "2022" in (PdfReader(offline).metadata.title or "")
