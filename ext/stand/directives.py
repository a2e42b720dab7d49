"""The view directives: they only parse and record; ``views`` renders them.

Each returns a :class:`stand_view` placeholder that ``views`` replaces once all
needs are known (``doctree-resolved``), as ``sphinx.ext.todo`` does with its list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective

from .cache import env_store
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
        # Which years' needs the view shows (``outdated`` writes the page again when one
        # changes): a view with :jaar: those of that year, the others any year.
        add_view_years(self.env, {options["jaar"]} if "jaar" in self.option_spec else {"alle"})
        if self.kind in TEXT_VIEWS:
            # A view without year options follows all years ("alle").
            years = {options.get(o, "alle") for o in self.year_options} or {"alle"}
            text_view_years(self.env).setdefault(self.env.docname, set()).update(years)
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
    """One pair of years: :van: and :naar:, both required (the contract)."""

    kind = "jaarverschil"
    option_spec: ClassVar[dict[str, Any]] = {
        "van": directives.unchanged_required,
        "naar": directives.unchanged_required,
        **ORGANISATIE,
    }
    required = ("van", "naar")
    year_options = ("van", "naar")

    def _problems(self, options: dict[str, str]) -> list[str]:
        found = super()._problems(options)
        found += [
            f"'alle' bij :{o}: kan hier niet; schrijf een jaar, bijvoorbeeld 2022."
            for o in self.year_options
            if options.get(o) == "alle"
        ]
        van, naar = options.get("van", ""), options.get("naar", "")
        if not found and van and naar and van >= naar:
            found.append(f"'{van}' bij :van: is niet eerder dan '{naar}' bij :naar:.")
        return found


#: Not an option a writer types: the year of the page a ``jaarverschillen`` is on.
PAGE_YEAR = "paginajaar"


class Jaarverschillen(ViewDirective):
    """The years follow by themselves: on a year's page the difference from the year
    before it (as ``traceermatrix`` and ``dekking`` default to the page's year),
    elsewhere every pair of consecutive years. So no page needs an edit when
    ``stand nieuw-jaar`` adds a year.
    """

    kind = "jaarverschillen"
    option_spec: ClassVar[dict[str, Any]] = {**ORGANISATIE}

    def run(self) -> list[nodes.Node]:
        found = super().run()
        if page_year := year_of_docname(self.env.docname):
            found[0]["options"][PAGE_YEAR] = page_year
        return found


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


# Which documents hold a view, and the years it shows: ``outdated`` writes them again
# when a need they may show changed, so a view on an unchanged page never shows stale
# needs (unlike sphinx-needs#354).
VIEW_YEARS_ATTR = "stand_view_years"
#: Views that show a need's text (the others show IDs, titles, status and links).
TEXT_VIEWS = frozenset({"jaarverschil", "jaarverschillen"})
TEXT_VIEWS_ATTR = "stand_text_view_years"


def view_years(env: BuildEnvironment) -> dict[str, set[str]]:
    """Per document with a view, the years whose needs its views show ("alle": any)."""
    return env_store(env, VIEW_YEARS_ATTR, dict)


def add_view_years(env: BuildEnvironment, years: Iterable[str]) -> None:
    """The page being read shows needs of these years (views, diagrams, sphinx-needs' own)."""
    view_years(env).setdefault(env.docname, set()).update(years)


def text_view_years(env: BuildEnvironment) -> dict[str, set[str]]:
    """Per document, the years its text-showing views compare ("alle": any)."""
    return env_store(env, TEXT_VIEWS_ATTR, dict)


def purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    view_years(env).pop(docname, None)
    text_view_years(env).pop(docname, None)


def merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    view_years(env).update((doc, y) for doc, y in view_years(other).items() if doc in docnames)
    text_view_years(env).update(
        (doc, years) for doc, years in text_view_years(other).items() if doc in docnames
    )


def setup(app: Sphinx) -> None:
    app.add_node(stand_view)
    for directive in (Traceermatrix, Jaarlijnen, Dekking, Jaarverschil, Jaarverschillen, Rodedraad):
        app.add_directive(directive.kind, directive)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
