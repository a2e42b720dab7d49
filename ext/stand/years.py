"""Derive each need's ``jaar`` from the folder of the document it is written in."""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

from sphinx.application import Sphinx

from .model import year_of_docname


def set_years(app: Sphinx, needs: MutableMapping[str, Any]) -> None:
    for need in needs.values():
        docname = need["docname"]
        if docname and not need["jaar"]:
            need["jaar"] = year_of_docname(docname)


def setup(app: Sphinx) -> None:
    app.connect("needs-before-post-processing", set_years)
