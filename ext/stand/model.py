"""The pure model of a Stand: needs as plain records, years and lineages.

No Sphinx import here: everything is testable on plain data.
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections.abc import Callable, Iterable, Mapping
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
    title: str = ""
    content: str = ""
    organisatie: str = ""
    thema: tuple[str, ...] = ()
    external_url: str | None = None  # set on needs read from another organisation's Stand
    parent: str | None = None  # the need this one is written inside (nested), if any

    def targets(self, link: str) -> tuple[str, ...]:
        return self.links.get(link, ())


@dataclass(frozen=True)
class Written:
    """An ``:id:`` as written in a source file, need or not."""

    docname: str
    path: str  # the file, as the writer names it
    line: int
    in_code: int | None = None  # the line of the bare code block (```) it stands in


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


def of_type(needs: Mapping[str, Record], need_type: str, year: str | None) -> list[Record]:
    """Needs of a type, of one year (``None``: all years), sorted by ID.

    Handelingsperspectieven have no year and are always all included.
    """
    return sorted(
        (
            n
            for n in needs.values()
            if n.type == need_type and (year is None or n.jaar is None or n.jaar == year)
        ),
        key=lambda n: n.id,
    )


@dataclass(frozen=True)
class Matrix:
    """Two lists of needs and the links between them, kept sparse.

    ``links`` holds per row ID the linked column IDs (sorted); a row or column
    without links is in no dict. Everything here costs rows + columns + links,
    never rows x columns.
    """

    rows: list[Record]
    columns: list[Record]
    links: dict[str, list[str]]  # row ID -> the column IDs it is linked with, sorted

    @property
    def marks(self) -> set[tuple[str, str]]:
        """(row ID, column ID) of every link."""
        return {(r, c) for r, targets in self.links.items() for c in targets}

    @property
    def total(self) -> int:
        return sum(len(targets) for targets in self.links.values())

    def row_total(self, row: Record) -> int:
        return len(self.links.get(row.id, ()))

    def column_totals(self) -> dict[str, int]:
        """Per column ID how many rows it is linked with (0 included)."""
        totals = dict.fromkeys((c.id for c in self.columns), 0)
        for targets in self.links.values():
            for column_id in targets:
                totals[column_id] += 1
        return totals

    def transposed(self) -> Matrix:
        back: dict[str, list[str]] = {}
        for row_id, targets in self.links.items():
            for column_id in targets:
                back.setdefault(column_id, []).append(row_id)
        return Matrix(self.columns, self.rows, {k: sorted(v) for k, v in back.items()})


def matrix(
    needs: Mapping[str, Record], row_type: str, column_type: str, year: str | None
) -> Matrix:
    rows = of_type(needs, row_type, year)
    columns = of_type(needs, column_type, year)
    column_ids = {c.id for c in columns}
    found: dict[str, set[str]] = {}
    # Walk the links, not rows x columns: linear in links.
    for row in rows:
        for targets in row.links.values():
            found.setdefault(row.id, set()).update(t for t in targets if t in column_ids)
    row_ids = {r.id for r in rows}
    for column in columns:
        for targets in column.links.values():
            for target in targets:
                if target in row_ids:
                    found.setdefault(target, set()).add(column.id)
    return Matrix(rows, columns, {k: sorted(v) for k, v in found.items() if v})


@dataclass(frozen=True)
class Coverage:
    label: str
    covered: list[str]
    gaps: list[str]

    @property
    def total(self) -> int:
        return len(self.covered) + len(self.gaps)

    @property
    def percentage(self) -> int:
        return round(100 * len(self.covered) / self.total) if self.total else 100


def coverage(needs: Mapping[str, Record], year: str | None) -> list[Coverage]:
    """Per rule of the contract: which needs meet it and which are the gaps."""

    def split(label: str, candidates: list[Record], ok: Callable[[Record], bool]) -> Coverage:
        return Coverage(
            label,
            [n.id for n in candidates if ok(n)],
            [n.id for n in candidates if not ok(n)],
        )

    def targets_type(need: Record, link: str, target_type: str) -> bool:
        return any(
            (t := needs.get(i)) is not None and t.type == target_type for i in need.targets(link)
        )

    addressed = {
        t
        for n in needs.values()
        if n.type == "oplossingsrichting" and (year is None or n.jaar == year)
        for t in n.targets("adresseert")
    }
    served = {
        t
        for n in needs.values()
        if n.type == "actielijn" and (year is None or n.jaar == year)
        for t in n.targets("valt_onder")
    }
    return [
        split(
            "dilemma's met een oplossingsrichting",
            of_type(needs, "dilemma", year),
            lambda n: n.id in addressed,
        ),
        split(
            "oplossingsrichtingen die een dilemma adresseren",
            of_type(needs, "oplossingsrichting", year),
            lambda n: targets_type(n, "adresseert", "dilemma"),
        ),
        split(
            "actielijnen onder een handelingsperspectief",
            of_type(needs, "actielijn", year),
            lambda n: targets_type(n, "valt_onder", "handelingsperspectief"),
        ),
        split(
            "handelingsperspectieven met een actielijn",
            of_type(needs, "handelingsperspectief", None),
            lambda n: n.id in served,
        ),
    ]


@dataclass(frozen=True)
class LineageRow:
    line: str
    cells: dict[str, list[Record]]  # year -> the needs that carried the line that year


def lineage_rows(
    needs: Mapping[str, Record], need_type: str, years: list[str], lines: Mapping[str, str]
) -> list[LineageRow]:
    """One row per lineage of a type that shows in the given years, earliest line first."""
    cells: dict[str, dict[str, list[Record]]] = {}
    for need in of_type(needs, need_type, None):
        if need.jaar in years:
            cells.setdefault(lines[need.id], {}).setdefault(need.jaar, []).append(need)
    return [LineageRow(line, cells[line]) for line in sorted(cells, key=lambda i: _key(needs[i]))]


def years_of(needs: Mapping[str, Record], need_type: str | None = None) -> list[str]:
    return sorted({n.jaar for n in needs.values() if n.jaar and need_type in (None, n.type)})


def consecutive_years(years: Iterable[str]) -> list[tuple[str, str]]:
    """Each report year with the next one there is: ``jaarverschil`` without options.

    A year without a folder is skipped (after ``nieuw-jaar 2025 --van 2023`` the
    pair is 2023 and 2025).
    """
    ordered = sorted(set(years))
    return list(itertools.pairwise(ordered))


#: The statuses that end a line, with the word that says so in the ``jaarlijnen`` view.
FINAL_STATUSES: dict[str, str] = {
    "opgelost": "afgerond",
    "gerealiseerd": "afgerond",
    "vervallen": "vervallen",
}


def still_runs(status: str | None) -> bool:
    """Whether a need goes on into the next year (``stand nieuw-jaar`` carries it).

    Dilemmas ``open``/``deels_opgelost``, oplossingsrichtingen and actielijnen
    ``voorgesteld``/``in_uitvoering``; also a missing or unknown status, so that
    the writer meets it again (the build reports it) instead of losing the need.
    """
    return status not in FINAL_STATUSES


def line_end(last: Iterable[Record]) -> str:
    """How a line without successors ended, by the status of the needs that carried it last.

    ``afgerond`` (opgelost or gerealiseerd), ``vervallen``, ``afgesloten`` (a split
    line whose parts ended differently), or ``gestopt``: left out while still running.
    """
    statuses = [need.status or "" for need in last]
    if not statuses or any(still_runs(s) for s in statuses):
        return "gestopt"
    words = {FINAL_STATUSES[s] for s in statuses}
    return words.pop() if len(words) == 1 else "afgesloten"


@dataclass(frozen=True)
class YearDiff:
    new: list[Record]
    continued: list[tuple[list[Record], Record]]  # (predecessors in the old year, successor)
    stopped: list[Record]


def year_diff(needs: Mapping[str, Record], van: str, naar: str) -> YearDiff:
    """What became of year ``van`` in year ``naar``, for every per-year need.

    A need of ``naar`` continues the needs it follows up that existed by ``van`` (a
    line may skip a year); it is new when it follows up none of them.
    """
    new: list[Record] = []
    continued: list[tuple[list[Record], Record]] = []
    carried: set[str] = set()
    for need in sorted(needs.values(), key=lambda n: n.id):
        if need.jaar != naar:
            continue
        preds = [p for p in predecessors(need, needs) if int(p.jaar or 0) <= int(van)]
        if preds:
            continued.append((sorted(preds, key=lambda p: p.id), need))
            carried.update(p.id for p in preds)
        else:
            new.append(need)
    stopped = [
        n
        for n in sorted(needs.values(), key=lambda n: n.id)
        if n.jaar == van and n.id not in carried
    ]
    return YearDiff(new, continued, stopped)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level difference as runs of ``("=", text)``, ``("-", text)``, ``("+", text)``."""
    a, b = old.split(), new.split()
    runs: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            runs.append(("=", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            runs.append(("-", " ".join(a[i1:i2])))
        if j2 > j1:
            runs.append(("+", " ".join(b[j1:j2])))
    return runs


def of_organisations(needs: Mapping[str, Record], names: Iterable[str] | None) -> dict[str, Record]:
    """The needs of some organisations (``None``: all), for the ``:organisatie:`` option.

    Handelingsperspectieven are shared reference data and always kept.
    """
    if names is None:
        return dict(needs)
    wanted = {n.casefold() for n in names}
    return {
        k: n
        for k, n in needs.items()
        if n.type == "handelingsperspectief" or n.organisatie.casefold() in wanted
    }


@dataclass(frozen=True)
class Thread:
    """One common thread in one year: who reports a dilemma on it, and what they propose."""

    thema: str
    jaar: str
    dilemmas: list[Record]
    oplossingen: list[Record]

    @property
    def organisaties(self) -> list[str]:
        return sorted({d.organisatie for d in self.dilemmas})


def common_threads(needs: Mapping[str, Record], themas: Iterable[str]) -> list[Thread]:
    """Per thema and year, the dilemmas on it and the oplossingsrichtingen addressing them.

    An oplossingsrichting counts under a thema when it names it itself or addresses
    a dilemma that does.
    """
    dilemmas: dict[tuple[str, str], list[Record]] = {}
    solutions_of_year: dict[str, list[Record]] = {}
    for need in sorted(needs.values(), key=lambda n: n.id):
        if need.type == "dilemma" and need.jaar:
            for thema in need.thema:
                dilemmas.setdefault((thema, need.jaar), []).append(need)
        elif need.type == "oplossingsrichting" and need.jaar:
            solutions_of_year.setdefault(need.jaar, []).append(need)
    threads = []
    # Per thema the oplossingsrichtingen of its years only: themas x needs, not x years too.
    for thema in themas:
        for year in sorted({y for t, y in dilemmas if t == thema}):
            found = dilemmas[(thema, year)]
            ids = {d.id for d in found}
            solutions = [
                n
                for n in solutions_of_year.get(year, [])
                if thema in n.thema or ids.intersection(n.targets("adresseert"))
            ]
            threads.append(Thread(thema, year, found, solutions))
    return threads
