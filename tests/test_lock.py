"""``constraints.txt`` pins every dependency of ``pyproject.toml``, at a version it allows."""

from __future__ import annotations

import re
import tomllib

import pytest
from conftest import REPO
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

_PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>\S+)$")


def requirements() -> list[Requirement]:
    """The dependencies and every extra's, as pyproject.toml states them."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    texts = [*project["dependencies"]]
    for extra in project["optional-dependencies"].values():
        texts += extra
    return [Requirement(text) for text in texts]


def pins() -> dict[str, Version]:
    lines = (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines()
    result: dict[str, Version] = {}
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = _PIN.match(line)
        assert match, f"not an exact pin: {line!r}"
        name = canonicalize_name(match["name"])
        assert name not in result, f"pinned twice: {name}"
        result[name] = Version(match["version"])
    return result


def test_every_line_of_the_lock_is_an_exact_pin() -> None:
    assert len(pins()) >= len(requirements())
    assert "stand" not in pins()  # the project itself is installed from the work tree


@pytest.mark.parametrize("requirement", requirements(), ids=str)
def test_each_dependency_is_pinned_at_a_version_pyproject_allows(requirement: Requirement) -> None:
    locked = pins()
    name = canonicalize_name(requirement.name)
    assert name in locked, f"{requirement} is missing from constraints.txt"
    assert requirement.specifier.contains(locked[name], prereleases=True), (
        f"constraints.txt pins {name}=={locked[name]}, outside {requirement}"
    )


def test_make_and_tox_install_with_the_lock() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    stamp = re.search(r"^\$\(STAMP\):(.*)$", makefile, re.MULTILINE)
    assert stamp and "constraints.txt" in stamp[1].split()  # a new lock reinstalls
    assert "pip install -q -c constraints.txt -e '.[test,lint,live]'" in makefile
    tox = (REPO / "tox.ini").read_text(encoding="utf-8")
    assert "install_command = python -m pip install -c {toxinidir}/constraints.txt" in tox
