"""The pure model, without Sphinx: years, lineages, and the rules on plain records."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from stand.checks import check_needs
from stand.model import (
    Record,
    compute_lineages,
    consecutive_years,
    line_end,
    still_runs,
    successors,
    year_of_docname,
)

TYPES = ("dilemma", "oplossingsrichting", "actielijn")


def test_year_comes_from_the_top_folder_at_any_depth() -> None:
    assert year_of_docname("2022/index") == "2022"
    assert year_of_docname("2022/deel-a/hp1/pagina") == "2022"
    assert year_of_docname("referentie/index") is None
    assert year_of_docname("index") is None
    assert year_of_docname("20221/index") is None
    assert year_of_docname("overzicht/2022") is None


@st.composite
def need_graphs(draw: st.DrawFn) -> dict[str, Record]:
    """Random multi-year graphs, with merges, splits and invalid vervolg_op links."""
    count = draw(st.integers(min_value=1, max_value=25))
    specs = [
        (draw(st.sampled_from(TYPES)), draw(st.integers(min_value=2030, max_value=2035)))
        for _ in range(count)
    ]
    ids = [f"N{i:02d}" for i in range(count)]
    targets = st.sampled_from([*ids, "ONBEKEND"])
    needs = {}
    for need_id, (need_type, year) in zip(ids, specs, strict=True):
        preds = draw(st.lists(targets, max_size=3, unique=True))
        needs[need_id] = Record(
            id=need_id, type=need_type, jaar=str(year), links={"vervolg_op": tuple(preds)}
        )
    return needs


def brute_force_line(need_id: str, needs: dict[str, Record]) -> str:
    """The contract's definition, literally: the earliest ancestor, smallest ID among equals."""

    def valid(child: Record, parent_id: str) -> bool:
        parent = needs.get(parent_id)
        return (
            parent is not None
            and parent.type == child.type
            and int(parent.jaar or 0) < int(child.jaar or 0)
        )

    ancestors: set[str] = set()
    stack = [need_id]
    while stack:
        child = needs[stack.pop()]
        for parent_id in child.targets("vervolg_op"):
            if valid(child, parent_id) and parent_id not in ancestors:
                ancestors.add(parent_id)
                stack.append(parent_id)
    if not ancestors:
        return need_id
    return min(ancestors, key=lambda i: (int(needs[i].jaar or 0), i))


@settings(max_examples=300, deadline=None)
@given(need_graphs())
def test_lineage_matches_brute_force_definition(needs: dict[str, Record]) -> None:
    lines = compute_lineages(needs)
    assert lines == {need_id: brute_force_line(need_id, needs) for need_id in needs}


def test_merge_and_split() -> None:
    def rec(need_id: str, year: int, *preds: str) -> Record:
        return Record(need_id, "dilemma", str(year), links={"vervolg_op": preds})

    needs = {
        r.id: r
        for r in (
            rec("DIL_2031_B", 2031),
            rec("DIL_2031_A", 2031),
            rec("DIL_2032_AB", 2032, "DIL_2031_B", "DIL_2031_A"),  # merge
            rec("DIL_2033_A1", 2033, "DIL_2032_AB"),  # split ...
            rec("DIL_2033_A2", 2033, "DIL_2032_AB"),  # ... in two
        )
    }
    lines = compute_lineages(needs)
    assert lines == {
        "DIL_2031_A": "DIL_2031_A",
        "DIL_2031_B": "DIL_2031_B",
        "DIL_2032_AB": "DIL_2031_A",
        "DIL_2033_A1": "DIL_2031_A",
        "DIL_2033_A2": "DIL_2031_A",
    }
    assert successors(needs.values()) == {
        "DIL_2031_A": ["DIL_2032_AB"],
        "DIL_2031_B": ["DIL_2032_AB"],
        "DIL_2032_AB": ["DIL_2033_A1", "DIL_2033_A2"],
    }


def test_link_from_the_wrong_type_is_reported() -> None:
    needs = {
        "DIL_2022_A": Record(
            "DIL_2022_A",
            "dilemma",
            "2022",
            "open",
            "2022/index",
            3,
            links={"adresseert": ("DIL_2022_B",)},
        ),
        "DIL_2022_B": Record("DIL_2022_B", "dilemma", "2022", "open", "2022/index", 9),
    }
    findings = [(f.need_id, f.subtype) for f in check_needs(needs)]
    assert ("DIL_2022_A", "adresseert_doel") in findings


@settings(max_examples=100, deadline=None)
@given(need_graphs())
def test_checks_never_crash_and_are_located(needs: dict[str, Record]) -> None:
    located = {
        k: Record(**{**r.__dict__, "docname": f"{r.jaar}/index", "lineno": 1})
        for k, r in needs.items()
    }
    for finding in check_needs(located):
        assert finding.docname and finding.lineno and finding.need_id in located


def test_consecutive_years_are_the_years_there_are() -> None:
    assert consecutive_years([]) == []
    assert consecutive_years(["2022"]) == []
    assert consecutive_years(["2023", "2022", "2023"]) == [("2022", "2023")]
    assert consecutive_years(["2025", "2022", "2023"]) == [("2022", "2023"), ("2023", "2025")]


def test_what_still_runs_is_carried_and_the_rest_ends_its_line() -> None:
    running = ("open", "deels_opgelost", "voorgesteld", "in_uitvoering")
    assert all(still_runs(s) for s in running)
    assert not any(still_runs(s) for s in ("opgelost", "gerealiseerd", "vervallen"))
    assert still_runs(None)  # a missing status is reported by the build, not lost here

    def ended(*statuses: str | None) -> str:
        return line_end(Record(f"N{i}", "dilemma", status=s) for i, s in enumerate(statuses))

    assert ended("opgelost") == ended("gerealiseerd") == "afgerond"
    assert ended("vervallen") == ended("vervallen", "vervallen") == "vervallen"
    assert ended("gerealiseerd", "vervallen") == "afgesloten"  # a split whose parts differ
    assert ended("open") == ended("gerealiseerd", "in_uitvoering") == ended(None) == "gestopt"
