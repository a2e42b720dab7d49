"""What runs once per build on the final needs: years, lineages, rules.

sphinx-needs post-processes all needs in one pass when writing starts (also on
incremental builds), so hooking its events gives one computation per build over
every need, in the main process, before any page is written (``-j`` safe).
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Any

from sphinx.application import Sphinx
from sphinx_needs.api import get_needs_view
from sphinx_needs.need_item import NeedItem

from .cache import once_per_build
from .checks import check_needs
from .config import LINKS, StandConfig
from .diagnostics import warn
from .model import Record, Written, compute_lineages, year_of_docname
from .sources import written_ids


def set_years(app: Sphinx, needs: MutableMapping[str, Any]) -> None:
    """``jaar`` from the folder; an explicit value stays so the check can report it."""
    for need in needs.values():
        if need["docname"] and not need["jaar"]:
            need["jaar"] = year_of_docname(need["docname"])


def to_record(need: Any) -> Record:
    return Record(
        id=need["id"],
        type=need["type"],
        jaar=need["jaar"] or None,
        status=need["status"] or None,
        docname=need["docname"],
        lineno=need["lineno"],
        links=_links(need),
        title=need["title"],
        content=need["content"] or "",
        # .get: a needs.json (the exports read one) leaves out fields without a value.
        organisatie=need.get("organisatie") or "",
        thema=tuple(need.get("thema") or ()),
        external_url=need.get("external_url") if need.get("is_external") else None,
        parent=need.get("parent_need") or None,
    )


def _links(need: Any) -> dict[str, tuple[str, ...]]:
    if isinstance(need, NeedItem):
        # All of a need's links in one call: looking each up by name walks its fields
        # (a third of the time of building 5,000 records, twice per build).
        found = dict(need.iter_links_items())
        return {link.name: tuple(found.get(link.name, ())) for link in LINKS}
    return {link.name: tuple(str(t) for t in need[link.name]) for link in LINKS}


def records(needs: Mapping[str, Any]) -> dict[str, Record]:
    return {need_id: to_record(needs[need_id]) for need_id in sorted(needs)}


def need_model(app: Sphinx, needs: Mapping[str, Any] | None = None) -> dict[str, Record]:
    """The final needs as records, built once per build for the rules and all that writes.

    ``needs``: the needs as handed to ``needs-before-sealing`` (final but not yet sealed).
    """
    return once_per_build(
        app, "model", lambda: records(get_needs_view(app) if needs is None else needs)
    )


def lineages_and_rules(app: Sphinx, needs: MutableMapping[str, Any]) -> None:
    model = need_model(app, needs)
    for need_id, line in compute_lineages(model).items():
        needs[need_id]["lijn"] = line
    written = {
        need_id: Written(docname, str(app.env.doc2path(docname, False)), line, in_code)
        for docname, ids in sorted(written_ids(app.env).items())
        for need_id, (line, in_code) in ids.items()
    }
    for finding in check_needs(model, StandConfig.from_sphinx(app.config).themas, written):
        if finding.docname:
            warn(finding.message, finding.subtype, (finding.docname, finding.lineno))
        else:
            warn(finding.message, finding.subtype, finding.source or finding.need_id)


def setup(app: Sphinx) -> None:
    app.connect("needs-before-post-processing", set_years)
    app.connect("needs-before-sealing", lineages_and_rules)
