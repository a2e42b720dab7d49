"""The view directives: they only parse and record; ``views`` renders them.

Each returns a :class:`stand_view` placeholder that ``views`` replaces once all
needs are known (``doctree-resolved``), as ``sphinx.ext.todo`` does with its list.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from .config import TYPES_BY_NAME
from .diagnostics import warn
from .model import year_of_docname

_YEAR = re.compile(r"^\d{4}$")


class stand_view(nodes.General, nodes.Element):
    """Placeholder for a view; always replaced before writing."""


class ViewDirective(SphinxDirective):
    """Common part: options are checked here, with the writer's file and line."""

    kind: ClassVar[str]
    defaults: ClassVar[dict[str, str]] = {}
    required: ClassVar[tuple[str, ...]] = ()
    type_options: ClassVar[tuple[str, ...]] = ()
    year_options: ClassVar[tuple[str, ...]] = ()
    final_argument_whitespace = False
    has_content = False

    def run(self) -> list[nodes.Node]:
        options: dict[str, str] = {**self.defaults, **self.options}
        page_year = year_of_docname(self.env.docname)
        if "jaar" in self.option_spec:
            options.setdefault("jaar", page_year or "alle")
        problems = [*self._problems(options)]
        for problem in problems:
            warn(f"{self.name}: {problem}", "weergave_optie", self.get_location_tuple())
        node = stand_view(kind=self.kind, options=options, problems=problems)
        # An anchor per view; Sphinx also needs it to number captioned tables.
        node["ids"].append(f"stand-{self.kind}-{self.env.new_serialno('stand-view')}")
        self.set_source_info(node)
        view_docs(self.env).add(self.env.docname)
        return [node]

    def get_location_tuple(self) -> tuple[str, int]:
        return (self.env.docname, self.lineno)

    def _problems(self, options: dict[str, str]) -> list[str]:
        found = [
            f"de optie :{o}: is verplicht; schrijf bijvoorbeeld :{o}: 2022."
            for o in self.required
            if o not in options
        ]
        for option in self.type_options:
            if option in options and options[option] not in TYPES_BY_NAME:
                found.append(
                    f"onbekend type '{options[option]}' bij :{option}:; kies uit "
                    f"{', '.join(TYPES_BY_NAME)}."
                )
        for option in self.year_options:
            value = options.get(option)
            if value is not None and value != "alle" and not _YEAR.match(value):
                found.append(f"'{value}' bij :{option}: is geen jaar; schrijf bijvoorbeeld 2022.")
        return found


#: Every view takes :organisatie: (one name, several separated by commas, or "alle").
ORGANISATIE: dict[str, Any] = {"organisatie": directives.unchanged_required}


class Traceermatrix(ViewDirective):
    kind = "traceermatrix"
    option_spec: ClassVar[dict[str, Any]] = {
        "rijen": directives.unchanged_required,
        "kolommen": directives.unchanged_required,
        "jaar": directives.unchanged_required,
        **ORGANISATIE,
    }
    defaults: ClassVar[dict[str, str]] = {"rijen": "dilemma", "kolommen": "oplossingsrichting"}
    type_options = ("rijen", "kolommen")
    year_options = ("jaar",)


class Jaarlijnen(ViewDirective):
    kind = "jaarlijnen"
    option_spec: ClassVar[dict[str, Any]] = {
        "type": directives.unchanged_required,
        "vanaf": directives.unchanged_required,
        "tot": directives.unchanged_required,
        **ORGANISATIE,
    }
    defaults: ClassVar[dict[str, str]] = {"type": "dilemma"}
    type_options = ("type",)
    year_options = ("vanaf", "tot")


class Dekking(ViewDirective):
    kind = "dekking"
    option_spec: ClassVar[dict[str, Any]] = {"jaar": directives.unchanged_required, **ORGANISATIE}
    year_options = ("jaar",)


class Jaarverschil(ViewDirective):
    kind = "jaarverschil"
    option_spec: ClassVar[dict[str, Any]] = {
        "van": directives.unchanged_required,
        "naar": directives.unchanged_required,
        **ORGANISATIE,
    }
    required = ("van", "naar")
    year_options = ("van", "naar")


class Rodedraad(ViewDirective):
    """The common threads across organisations, for the Staat van de uitvoering."""

    kind = "rodedraad"
    option_spec: ClassVar[dict[str, Any]] = {
        "thema": directives.unchanged_required,
        "vanaf": directives.unchanged_required,
        "tot": directives.unchanged_required,
        **ORGANISATIE,
    }
    year_options = ("vanaf", "tot")

    def _problems(self, options: dict[str, str]) -> list[str]:
        known = self.config.stand_themas
        unknown = [t for t in split_names(options.get("thema", "")) if t not in known]
        return super()._problems(options) + [
            f"onbekend thema '{t}' bij :thema:; kies uit {', '.join(known)}." for t in unknown
        ]


def split_names(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


# Which documents hold a view: they are written again whenever any document
# changes, so a view on an unchanged page never shows stale needs (unlike
# sphinx-needs#354).
def view_docs(env: BuildEnvironment) -> set[str]:
    docs: set[str] | None = getattr(env, "stand_view_docs", None)
    if docs is None:
        docs = set()
        setattr(env, "stand_view_docs", docs)  # noqa: B010 (an attribute Sphinx does not declare)
    return docs


def purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    view_docs(env).discard(docname)


def merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    view_docs(env).update(view_docs(other) & docnames)


def note_changes(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Remember whether this build reads anything; nothing to re-read for views."""
    # Imported Standen are read anew every build and may have changed.
    changes = bool(added or changed or removed or app.config.stand_bronnen)
    setattr(app, "_stand_changes", changes)  # noqa: B010 (one build's state, not the env's)
    return []


def rewrite_views(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The pages with a view are written again when any document changed.

    Their doctrees hold placeholders that ``views`` fills in while writing, from
    the needs as they are now: writing suffices, re-reading them would only
    parse the same text again.
    """
    if not getattr(app, "_stand_changes", False):
        return []
    return sorted(view_docs(env))


def setup(app: Sphinx) -> None:
    app.add_node(stand_view)
    for directive in (Traceermatrix, Jaarlijnen, Dekking, Jaarverschil, Rodedraad):
        app.add_directive(directive.kind, directive)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("env-get-outdated", note_changes)
    app.connect("env-updated", rewrite_views)
