"""``stand nieuw-project``: a new Stand repository for another organisation.

The project depends on the extension as a package: its Makefile installs
``$(STAND)``, a pip requirement (a path, a git URL, by default ``stand==`` this
version), with ``constraints.txt``: the versions this extension runs with here.
The first year has the structure of a Stand as placeholders that carry the
"Nog te actualiseren" marker, so the publication check lists each one.
Everything is written in a temporary folder that becomes the project at once.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from importlib import metadata
from importlib.resources import files
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from . import __version__
from .files import temporary_folder, write_atomic
from .freeze import TODO_CLASS
from .werkagenda import HANDELINGSPERSPECTIEVEN

TEMPLATES = "templates/project"
_TEMPLATES = (
    "Makefile",
    "README.md",
    "conf.py.tmpl",
    "gitignore",
    "readthedocs.yaml",
    "tests/test_stand.py.tmpl",
)
#: Template file -> its name in the project (dotfiles are not package data everywhere;
#: Python files are .tmpl, so that no linter reads their placeholders).
_RENAMED = {"gitignore": ".gitignore", "readthedocs.yaml": ".readthedocs.yaml"}


class ProjectError(Exception):
    """Why the project was not made, in Dutch."""


def placeholder(what: str) -> str:
    return (
        f"```{{admonition}} Nog te actualiseren\n:class: {TODO_CLASS}\n\n{what} Haal daarna "
        "deze melding weg; `stand controleer --publicatie` meldt elke plek waar ze nog staat.\n"
        "```\n"
    )


def year_pages(organisatie: str, jaar: str) -> dict[str, str]:
    """The first year: inleiding, voortgang per handelingsperspectief, dilemma's."""
    voortgang = [
        "# A. Voortgang\n",
        f"De stand van zaken bij {organisatie} per handelingsperspectief van de "
        "Overheidsbrede Werkagenda.\n",
    ]
    for number, (hp_id, title) in enumerate(HANDELINGSPERSPECTIEVEN, 1):
        voortgang += [
            f"## Handelingsperspectief {number}: {title}\n",
            placeholder(
                f"Schrijf hier de actielijnen van {organisatie} onder dit handelingsperspectief, "
                f"elk als `{{actielijn}}` met `:id: AL_{jaar}_…`, `:status:` en "
                f"`:valt_onder: {hp_id}`."
            ),
        ]
    return {
        "index.md": f"# Stand van {organisatie} {jaar}\n\n```{{toctree}}\n:maxdepth: 2\n\n"
        "inleiding\nvoortgang\ndilemmas\n```\n",
        "inleiding.md": "# Inleiding\n\n"
        + placeholder(f"Schrijf hier de inleiding van de stand {jaar}."),
        "voortgang.md": "\n".join(voortgang),
        "dilemmas.md": "# B. Dilemma’s in de uitvoering\n\n"
        + placeholder(
            f"Schrijf hier de dilemma’s van {organisatie}, elk als `{{dilemma}}` met "
            f"`:id: DIL_{jaar}_…` en `:status:`, en per dilemma de oplossingsrichtingen "
            f"(`{{oplossingsrichting}}` met `:id: OR_{jaar}_…` en `:adresseert:`)."
        ),
    }


def docs_pages(organisatie: str, jaar: str) -> dict[str, str]:
    pages = {
        "index.md": f"# Stand van de uitvoering — {organisatie}\n\n"
        f"De stand van de uitvoering van {organisatie}.\n\n```{{toctree}}\n:maxdepth: 2\n\n"
        f"{jaar}/index\nreferentie/index\n```\n",
        "referentie/index.md": "# Handelingsperspectieven\n\nDe zes handelingsperspectieven "
        "van de Overheidsbrede Werkagenda voor de publieke dienstverlening; de actielijnen van "
        "elk verslagjaar vallen eronder. Ze komen met de extensie mee en verschijnen hieronder. "
        "Een eigen handelingsperspectief kan hier bij.\n",
    }
    pages.update({f"{jaar}/{name}": text for name, text in year_pages(organisatie, jaar).items()})
    return pages


def _requirements(name: str) -> Iterator[Requirement]:
    for text in metadata.requires(name) or ():
        requirement = Requirement(text)
        if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
            yield requirement


def constraints() -> str:
    """Exact versions of what the extension needs, as installed here (recursively)."""
    seen: dict[str, str] = {}
    todo = [r.name for r in _requirements("stand")]
    while todo:
        name = canonicalize_name(todo.pop())
        if name in seen:
            continue
        try:
            seen[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue  # not installed here: pip chooses
        todo += [r.name for r in _requirements(name)]
    head = (
        f"# The versions stand {__version__} was installed with when this project was made.\n"
        "# Used by `make` and Read the Docs (pip install -c constraints.txt).\n"
    )
    return head + "".join(f"{name}=={seen[name]}\n" for name in sorted(seen))


def project_files(organisatie: str, jaar: str) -> dict[str, str]:
    """Every file of the new project, by its path in it."""
    stand = f"stand=={__version__}"
    values = {
        "__ORGANISATIE_PY__": repr(organisatie),
        "__ORGANISATIE__": organisatie,
        "__JAAR__": jaar,
        "__VERSIE__": __version__,
        "__STAND__": stand,
    }
    found: dict[str, str] = {}
    root = files("stand").joinpath(TEMPLATES)
    for name in _TEMPLATES:
        text = root.joinpath(*name.split("/")).read_text(encoding="utf-8")
        for key, value in values.items():  # in order: __ORGANISATIE_PY__ first
            text = text.replace(key, value)
        found[_RENAMED.get(name, name.removesuffix(".tmpl"))] = text
    found["constraints.txt"] = constraints()
    found.update({f"docs/{path}": text for path, text in docs_pages(organisatie, jaar).items()})
    return found


def create(target: Path, organisatie: str, jaar: str) -> list[str]:
    """Make the project in ``target``; the paths written. Nothing is left on failure."""
    organisatie = organisatie.strip()
    if not organisatie:
        raise ProjectError('geef de naam van de organisatie, bijvoorbeeld --organisatie "UWV".')
    if not re.fullmatch(r"\d{4}", jaar):
        raise ProjectError(f"'{jaar}' is geen jaar; schrijf bijvoorbeeld --jaar 2024.")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ProjectError(
            f"{target} bestaat al en is niet leeg; kies een nieuwe map (er is niets veranderd)."
        )
    content = project_files(organisatie, jaar)
    target.parent.mkdir(parents=True, exist_ok=True)
    work = temporary_folder(target.parent, f".{target.name}-")
    try:
        for path, text in sorted(content.items()):
            write_atomic(work / path, text.encode("utf-8"))
        # Onto an empty folder too: a rename replaces an empty directory at once.
        os.replace(work, target)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return sorted(content)
