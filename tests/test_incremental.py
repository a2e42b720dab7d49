"""Incremental and parallel builds give what a clean serial build gives (cf. sphinx-needs#354)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from dataclasses import replace as replace_record
from pathlib import Path
from typing import Any

import pytest
from stand.build import to_record
from stand.freeze import FREEZE_FILE, dump, parse, publish, with_erratum
from stand.model import Record
from test_years import ROOTS, needs_of, sphinx_build


def needs_json(outdir: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((outdir / "needs.json").read_text(encoding="utf-8"))
    return data


def copy_root(tmp_path: Path, name: str = "test-jaren") -> Path:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / name, src)
    return src


def test_incremental_rebuild_equals_clean_build(tmp_path: Path) -> None:
    src = copy_root(tmp_path)
    sphinx_build(src, tmp_path / "inc", "-W")
    before = needs_json(tmp_path / "inc")

    # Cut DIL_2032_AB loose from DIL_2031_A: lines two and three years on change too,
    # and the back-link of the untouched 2031 page must go.
    page = src / "2032" / "index.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            ":vervolg_op: DIL_2031_B, DIL_2031_A", ":vervolg_op: DIL_2031_B"
        ),
        encoding="utf-8",
    )
    sphinx_build(src, tmp_path / "inc", "-W")  # no -E: incremental
    sphinx_build(src, tmp_path / "clean", "-W", "-E")

    incremental, clean = needs_json(tmp_path / "inc"), needs_json(tmp_path / "clean")
    assert incremental == clean
    needs = clean["versions"][clean["current_version"]]["needs"]
    assert needs["DIL_2034_A2"]["lijn"] == "DIL_2031_B"
    assert needs["DIL_2031_A"]["vervolg_op_back"] == []
    assert incremental != before


def test_parallel_build_equals_serial_build(tmp_path: Path) -> None:
    src = copy_root(tmp_path)
    sphinx_build(src, tmp_path / "serial", "-W", "-E", "-j", "1")
    sphinx_build(src, tmp_path / "parallel", "-W", "-E", "-j", "2")
    assert needs_json(tmp_path / "parallel") == needs_json(tmp_path / "serial")

    # Touch a page and rebuild in parallel: still no warnings, still the same needs.json.
    page = src / "2033" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert sphinx_build(src, tmp_path / "parallel", "-W", "-j", "2") == ""
    assert needs_json(tmp_path / "parallel") == needs_json(tmp_path / "serial")


# --- Every edit kind: an incremental build writes what a clean build writes ---------

ROOT = ROOTS / "test-incrementeel"
REPO = Path(__file__).resolve().parent.parent
#: Not compared: Sphinx's cache (in the output folder only because sphinx-build puts
#: it there by default).
NOT_OUTPUT = ".doctrees"
#: Written in every build, no document's: sphinx-needs' permalink page (a static
#: file that only the configuration shapes).
ALWAYS = {"permalink"}

Edit = Callable[[Path, dict[str, Record]], None]


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def on(path: str, *pairs: tuple[str, str]) -> Edit:
    def edit(src: Path, records: dict[str, Record]) -> None:
        for old, new in pairs:
            replace(src / path, old, new)

    return edit


def need_block(directive: str, need_id: str, *options: str) -> str:
    lines = [f"```{{{directive}}} {need_id[-1]}", f":id: {need_id}", *options]
    return "\n".join([*lines, "", f"Tekst van {need_id}.", "```", ""])


def add_page(src: Path, records: dict[str, Record]) -> None:
    block = need_block("actielijn", "AL_2034_M", ":status: voorgesteld", ":valt_onder: HP_A")
    (src / "2034" / "extra.md").write_text(f"# Extra 2034\n\n{block}", encoding="utf-8")
    with (src / "2034" / "index.md").open("a", encoding="utf-8") as page:
        page.write("\n```{toctree}\nextra\n```\n")


def rename_page(src: Path, records: dict[str, Record]) -> None:
    folder = src / "2033" / "deel"
    (folder / "verdieping.md").rename(folder / "uitwerking.md")
    replace(src / "2033" / "index.md", "deel/verdieping", "deel/uitwerking")


def remove_page(src: Path, records: dict[str, Record]) -> None:
    (src / "2034" / "extra.md").unlink()
    replace(src / "2034" / "index.md", "\n```{toctree}\nextra\n```\n", "")


def freeze_file(src: Path) -> Path:
    return src / "2031" / FREEZE_FILE


def publish_2031(src: Path, records: dict[str, Record]) -> None:
    freeze_file(src).write_text(dump(publish("2031", "2031-12-01", records)), encoding="utf-8")


def erratum(src: Path, need_id: str, why: str, records: dict[str, Record]) -> None:
    old = parse(freeze_file(src).read_text(encoding="utf-8"))
    freeze_file(src).write_text(dump(with_erratum(old, need_id, why, "2032-02-01", records)))


def text_with_erratum(src: Path, records: dict[str, Record]) -> None:
    """A published need's text changed, with the erratum that accepts it."""
    old, new = "Tekst van DIL_2031_B, herschreven.", "Tekst van DIL_2031_B, nader herschreven."
    replace(src / "2031" / "index.md", old, new)
    need = records["DIL_2031_B"]
    changed = {**records, need.id: replace_record(need, content=need.content.replace(old, new))}
    erratum(src, "DIL_2031_B", "Tekst verduidelijkt.", changed)


def removed_with_erratum(src: Path, records: dict[str, Record]) -> None:
    block = need_block("actielijn", "AL_2031_K", ":status: voorgesteld", ":valt_onder: HP_B")
    replace(src / "2031" / "index.md", block, "")
    rest = {i: r for i, r in records.items() if i != "AL_2031_K"}
    erratum(src, "AL_2031_K", "Stond er ten onrechte in.", rest)


#: In this order, each on top of the ones before; the sources stay clean under -W.
EDITS: dict[str, Edit] = {
    "tekst": on("2031/index.md", ("Tekst van DIL_2031_B.", "Tekst van DIL_2031_B, herschreven.")),
    "titel": on("2031/index.md", ("{dilemma} A\n", "{dilemma} A herzien\n")),
    # A toctree shows the sections of the pages it lists, and of the pages they list.
    "kop_erbij": on(
        "2033/deel/verdieping.md",
        ("twee mappen diep.\n```\n", "twee mappen diep.\n```\n\n## Een nieuwe kop\n\nTekst.\n"),
    ),
    "status": on("2032/index.md", (":status: open\n", ":status: deels_opgelost\n")),
    "link_erbij": on(
        "2033/index.md", (":status: deels_opgelost\n", ":status: deels_opgelost\n:raakt: HP_B\n")
    ),
    "link_weg": on(
        "2032/index.md", (":vervolg_op: DIL_2031_B, DIL_2031_A", ":vervolg_op: DIL_2031_B")
    ),
    "link_verlegd": on("2034/index.md", (":valt_onder: HP_A", ":valt_onder: HP_B")),
    "vervolg_op_naar_andere_pagina": on(
        "2034/index.md", (":vervolg_op: DIL_2033_A2", ":vervolg_op: DIL_2032_AB")
    ),
    "need_erbij": on(
        "2033/deel/verdieping.md",
        (
            "diep.\n```\n",
            "diep.\n```\n"
            + need_block(
                "oplossingsrichting",
                "OR_2033_Z",
                ":status: voorgesteld",
                ":adresseert: DIL_2033_A2",
            ),
        ),
    ),
    "need_weg": on(
        "2033/deel/verdieping.md",
        (
            need_block(
                "oplossingsrichting",
                "OR_2033_Z",
                ":status: voorgesteld",
                ":adresseert: DIL_2033_A2",
            ),
            "",
        ),
    ),
    "need_hernoemd": on(
        "2031/index.md",
        (":id: DIL_2031_C", ":id: DIL_2031_D"),
        ("DIL_2031_B, DIL_2031_C", "DIL_2031_B, DIL_2031_D"),
    ),
    "pagina_erbij": add_page,
    "pagina_hernoemd": rename_page,
    "pagina_weg": remove_page,
    "bevroren": publish_2031,
    "erratum_bij_tekst": text_with_erratum,
    "erratum_gewijzigd": on(
        "2031/" + FREEZE_FILE, ("Tekst verduidelijkt.", "De tekst verduidelijkt.")
    ),
    "need_weg_met_erratum": removed_with_erratum,
}


def files(out: Path) -> dict[str, tuple[int, bytes]]:
    """Every file of a build's output (see NOT_OUTPUT): when written, and its bytes."""
    return {
        str(path.relative_to(out)): (path.stat().st_mtime_ns, path.read_bytes())
        for path in sorted(out.rglob("*"))
        if path.is_file() and NOT_OUTPUT not in path.parts
    }


def pages(found: Iterable[str]) -> set[str]:
    return {name.removesuffix(".html") for name in found if name.endswith(".html")} - ALWAYS


@dataclass
class Step:
    differ: dict[str, list[str]]  # per mode: files that differ from the clean build
    changed: dict[str, set[str]]  # per mode: pages whose bytes changed
    written: dict[str, set[str]]  # per mode: pages written (their mtime moved)


MODES = {"serieel": (), "-j 2": ("-j", "2")}


@pytest.fixture(scope="module")
def steps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Step]:
    """Every edit of EDITS in turn, each built incrementally (serial and -j 2) and clean.

    One sequence for all edit kinds: each edit starts from the build of the one before,
    which is what a writer's next build does too.
    """
    work = tmp_path_factory.mktemp("incrementeel")
    src = work / "src"
    shutil.copytree(ROOT, src)
    outs = {mode: work / f"inc{i}" for i, mode in enumerate(MODES)}
    for mode, out in outs.items():
        assert sphinx_build(src, out, "-W", "-E", *MODES[mode]) == ""
    found: dict[str, Step] = {}
    for name, edit in EDITS.items():
        records = {i: to_record(n) for i, n in needs_of(outs["serieel"]).items()}
        edit(src, records)
        clean = work / f"schoon-{len(found)}"
        assert sphinx_build(src, clean, "-W", "-E") == ""
        want = files(clean)
        step = Step({}, {}, {})
        for mode, out in outs.items():
            before = files(out)
            assert sphinx_build(src, out, "-W", *MODES[mode]) == ""
            after = files(out)
            step.differ[mode] = sorted(
                f for f in want.keys() | after.keys()
                if f not in want or f not in after or want[f][1] != after[f][1]
            )  # fmt: skip
            step.changed[mode] = pages(
                f for f in after if f not in before or before[f][1] != after[f][1]
            )
            step.written[mode] = pages(
                f for f in after if f not in before or before[f][0] != after[f][0]
            )
        shutil.rmtree(clean)
        found[name] = step
    return found


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("edit", EDITS)
def test_incremental_build_writes_what_a_clean_build_writes(
    steps: dict[str, Step], edit: str, mode: str
) -> None:
    step = steps[edit]
    assert step.differ[mode] == []
    # Each edit changes what some page shows, except publishing (no erratum yet).
    assert bool(step.changed[mode]) == (edit != "bevroren")
    # Only what changed is written: not the page whose toctree lists a written page
    # (Sphinx's own habit), not a page whose views select a changed need but show
    # nothing else, not the index or the search page when they show the same.
    assert step.written[mode] == step.changed[mode]


def test_bench_of_incremental_builds_runs_on_a_small_tree(tmp_path: Path) -> None:
    """``make bench``'s incremental part on a tiny tree: every edit kind, nothing differs."""
    results = tmp_path / "RESULTS.md"
    command = [sys.executable, "-m", "bench.incremental", "--needs", "60", "--runs", "1",
               "--werkmap", str(tmp_path / "werk"), "--write", str(results)]  # fmt: skip
    proc = subprocess.run(command, capture_output=True, text=True, cwd=REPO, check=False)
    assert proc.returncode == 0, proc.stderr[-4000:]
    rows = [line.strip("|").split("|") for line in proc.stdout.splitlines() if "| " in line]
    edits = {cells[0].strip(): cells[-1].strip() for cells in rows[1:]}
    assert list(edits) == ["tekst", "titel", "status", "link verlegd", "link erbij",
                           "need erbij", "need weg", "pagina erbij", "pagina weg"]  # fmt: skip
    assert set(edits.values()) == {"0"}
    assert "| tekst |" in results.read_text(encoding="utf-8")
