"""The pure model of a Stand: needs as plain records, years and lineages.

No Sphinx import here: everything is testable on plain data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

_YEAR_FOLDER = re.compile(r"^(\d{4})(?:/|$)")


def year_of_docname(docname: str) -> str | None:
    """The report year of a document: its top folder when that is ``<jaar>``."""
    match = _YEAR_FOLDER.match(docname)
    return match.group(1) if match else None


@dataclass(frozen=True)
class Record:
    """A need as the model sees it: what the rules and views read."""

    id: str
    type: str
    jaar: str | None = None
    status: str | None = None
    docname: str | None = None
    lineno: int | None = None
    links: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def targets(self, link: str) -> tuple[str, ...]:
        return self.links.get(link, ())


def is_valid_predecessor(need: Record, pred: Record | None) -> bool:
    """``vervolg_op`` may only point to a need of the same type in an earlier year."""
    return (
        pred is not None
        and pred.type == need.type
        and need.jaar is not None
        and pred.jaar is not None
        and int(pred.jaar) < int(need.jaar)
    )


def predecessors(need: Record, needs: Mapping[str, Record]) -> list[Record]:
    """The valid ``vervolg_op`` targets of a need; invalid ones are the checks' business."""
    found = (needs.get(target) for target in need.targets("vervolg_op"))
    return [pred for pred in found if pred is not None and is_valid_predecessor(need, pred)]


def _key(need: Record) -> tuple[int, str]:
    return (int(need.jaar) if need.jaar else 0, need.id)


def compute_lineages(needs: Mapping[str, Record]) -> dict[str, str]:
    """``lijn`` of every need, as the contract defines it.

    The ancestor (via valid ``vervolg_op``) with the earliest year, among equals the
    smallest ID; the need itself when it has none. Valid predecessors are strictly
    earlier, so processing by year lets each need take the minimum of its
    predecessors' lines: linear in needs plus links.
    """
    lines: dict[str, str] = {}
    for need in sorted(needs.values(), key=_key):
        preds = predecessors(need, needs)
        if not preds:
            lines[need.id] = need.id
        else:
            lines[need.id] = min((lines[p.id] for p in preds), key=lambda i: _key(needs[i]))
    return lines


def successors(needs: Iterable[Record]) -> dict[str, list[str]]:
    """Reverse of the valid ``vervolg_op`` links, sorted: who continues a need."""
    by_id = {n.id: n for n in needs}
    result: dict[str, list[str]] = {}
    for need in by_id.values():
        for pred in predecessors(need, by_id):
            result.setdefault(pred.id, []).append(need.id)
    return {k: sorted(v) for k, v in sorted(result.items())}
