"""``stand nieuw-project``: a new Stand for another organisation, end to end.

The project is made, then its own two commands run as a new user runs them, with
the extension installed from this checkout (``make ... STAND=<path>``); then a
Staat reads this repository and the new project together.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from conftest import REPO
from test_years import sphinx_build

ORGANISATIE = "Dienst Zeta (fictief)"


def nieuw_project(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "stand.cli", "nieuw-project", *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def make(project: Path, target: str) -> subprocess.CompletedProcess[str]:
    # The project's own venv, not this one: as on a fresh machine.
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    return subprocess.run(
        ["make", target, f"STAND={REPO}", f"PYTHON={sys._base_executable}"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "bestaat").mkdir()
    (tmp_path / "bestaat" / "notities.txt").write_text("van mij", encoding="utf-8")
    proc = nieuw_project(tmp_path, "bestaat", "--organisatie", ORGANISATIE)
    assert proc.returncode == 2
    assert proc.stderr == (
        "Fout: bestaat bestaat al en is niet leeg; kies een nieuwe map (er is niets veranderd).\n"
    )
    assert [p.name for p in (tmp_path / "bestaat").iterdir()] == ["notities.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bestaat"]  # no temporary left
    proc = nieuw_project(tmp_path, "nieuw", "--organisatie", " ")
    assert proc.returncode == 2 and "geef de naam van de organisatie" in proc.stderr
    proc = nieuw_project(tmp_path, "nieuw", "--organisatie", ORGANISATIE, "--jaar", "24")
    assert proc.returncode == 2 and "'24' is geen jaar" in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bestaat"]


def test_a_new_project_builds_tests_and_joins_a_staat(tmp_path: Path, real_html: Path) -> None:
    (tmp_path / "leeg").mkdir()  # an empty folder is fine
    proc = nieuw_project(tmp_path, "leeg", "--organisatie", ORGANISATIE, "--jaar", "2031")
    assert proc.returncode == 0, proc.stderr
    project = tmp_path / "leeg"
    files = sorted(str(p.relative_to(project)) for p in project.rglob("*") if p.is_file())
    assert files == [
        ".gitignore",
        ".readthedocs.yaml",
        "Makefile",
        "README.md",
        "conf.py",
        "constraints.txt",
        "docs/2031/dilemmas.md",
        "docs/2031/index.md",
        "docs/2031/inleiding.md",
        "docs/2031/voortgang.md",
        "docs/index.md",
        "docs/referentie/index.md",
        "tests/test_stand.py",
    ]
    assert not (project / "ext").exists()  # the extension is a dependency, not a copy
    assert "stand==" in (project / ".readthedocs.yaml").read_text(encoding="utf-8")

    # The writer fills in one placeholder: an actielijn under handelingsperspectief 2.
    voortgang = project / "docs" / "2031" / "voortgang.md"
    text = voortgang.read_text(encoding="utf-8")
    start = text.index("## Handelingsperspectief 2")
    end = text.index("## Handelingsperspectief 3")
    voortgang.write_text(
        text[:start] + "## Handelingsperspectief 2: Versnelling digitale agenda\n\n"
        "```{actielijn} Digitaal loket\n:id: AL_2031_LOKET\n:status: in_uitvoering\n"
        ":valt_onder: HP_DIGITALE_AGENDA\n\nZeta opent een digitaal loket.\n```\n\n" + text[end:],
        encoding="utf-8",
    )

    docs = make(project, "docs")
    assert docs.returncode == 0, docs.stdout[-3000:] + docs.stderr[-3000:]
    html = project / "_build" / "html"
    assert (project / "_build" / "pdf" / "stand-van-dienst-zeta-fictief-2031.pdf").is_file()
    assert (html / "stand-needs.schema.json").is_file()
    test = make(project, "test")
    assert test.returncode == 0, test.stdout[-3000:] + test.stderr[-3000:]
    assert " passed" in test.stdout

    # The publication check lists every placeholder still there (the other five).
    check = subprocess.run(
        [str(project / ".venv" / "bin" / "stand"), "controleer", "--publicatie"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode != 0
    flagged = [w for w in check.stderr.splitlines() if "[stand.nog_te_actualiseren]" in w]
    assert [w.split(":")[0] for w in flagged] == [
        "docs/2031/dilemmas.md",
        "docs/2031/inleiding.md",
        *["docs/2031/voortgang.md"] * 5,
    ]

    # A Staat of this repository and the new project: both under one handelingsperspectief.
    staat = tmp_path / "staat"
    shutil.copytree(REPO / "voorbeelden" / "staat", staat)
    bronnen: list[dict[str, Any]] = [
        {
            "organisatie": "Logius",
            "needs_json": str(real_html / "needs.json"),
            "site": "https://logius.example/stand/",
        },
        {
            "organisatie": ORGANISATIE,
            "needs_json": str(html / "needs.json"),
            "site": "https://zeta.example/stand/",
        },
    ]
    (staat / "bronnen.json").write_text(json.dumps(bronnen), encoding="utf-8")
    assert sphinx_build(staat, tmp_path / "staat-html", "-W") == ""
    soup = BeautifulSoup((tmp_path / "staat-html" / "index.html").read_text("utf-8"), "html.parser")
    part = next(
        p
        for p in soup.select("div.stand-werkagenda .stand-werkagenda-perspectief")
        if "(HP_DIGITALE_AGENDA)" in p.select_one(".stand-kop").get_text()
    )
    shown = " ".join(part.get_text().split())
    assert "LOGIUS_AL_2022_GDI" in shown and "Logius" in shown
    assert "DIENST_ZETA_FICTIEF_AL_2031_LOKET Digitaal loket (in uitvoering)" in shown
