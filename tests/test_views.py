"""The four views on multi-year test roots: which cell holds which mark or link."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import stand
from htmltables import Table, tables
from sphinx.util.console import strip_escape_sequences
from stand.model import Record, matrix
from test_pdf import MARGIN
from test_years import ROOTS, sphinx_build

SNAPSHOTS = Path(__file__).parent / "snapshots"


def page(outdir: Path, docname: str) -> str:
    return (outdir / f"{docname}.html").read_text(encoding="utf-8")


def marks(table: Table) -> set[tuple[str, str]]:
    """(row need, column need) for every ✓ cell, read from the headers' links."""
    columns = [c.links[0] if c.links else c.text for c in table.rows[0]]
    found = set()
    for row in table.rows[1:]:
        for index, cell in enumerate(row):
            if "✓" in cell.text:
                assert cell.links == [columns[index]]  # the mark links to the column's need
                found.add((row[0].links[0], columns[index]))
    return found


@pytest.fixture
def jaren(app: Any, warning: Any) -> Path:
    app.build()
    assert strip_escape_sequences(warning.getvalue()) == ""
    return Path(app.outdir)


@pytest.mark.sphinx("html", testroot="jaren", freshenv=True)
def test_traceermatrix_marks_totals_and_headers(jaren: Path) -> None:
    (matrix,) = tables(page(jaren, "overzicht/index"), "stand-traceermatrix")
    assert marks(matrix) == {
        ("DIL_2031_A", "OR_2031_X"),
        ("DIL_2031_B", "OR_2031_X"),
        ("DIL_2031_C", "OR_2031_X"),
        ("DIL_2032_AB", "OR_2032_X"),
        ("DIL_2033_A1", "OR_2033_X1"),
        ("DIL_2033_A2", "OR_2033_X1"),
        ("DIL_2034_A2", "OR_2034_Y"),
    }
    header, *body = matrix.rows
    assert all(c.tag == "th" and c.scope == "col" for c in header)
    assert all(row[0].tag == "th" and row[0].scope == "row" for row in body)
    assert [c.text for c in body[-1]] == ["Totaal", "3", "1", "2", "1", "7"]
    assert [row[-1].text for row in body[:-1]] == ["1"] * 7
    assert "alle jaren" in matrix.caption

    # Without :jaar:, a matrix on a year page shows that year only.
    (year_matrix,) = tables(page(jaren, "2033/index"), "stand-traceermatrix")
    assert marks(year_matrix) == {("DIL_2033_A1", "OR_2033_X1"), ("DIL_2033_A2", "OR_2033_X1")}


@pytest.mark.sphinx("html", testroot="hiaten", freshenv=True)
def test_gaps_are_said_in_words_and_titles_are_escaped(app: Any, warning: Any) -> None:
    app.build()
    assert strip_escape_sequences(warning.getvalue()) == ""
    html = page(Path(app.outdir), "2022/index")
    dilemma_or, hp_dilemma = tables(html, "stand-traceermatrix")
    assert marks(dilemma_or) == {("DIL_2022_GEDEKT", "OR_2022_R"), ("DIL_2022_GEDEKT", "OR_2022_S")}
    gap_row = next(r for r in dilemma_or.rows if r[0].links == ["DIL_2022_ZONDER"])
    assert gap_row[-1].text == "0 – geen oplossingsrichting"
    assert marks(hp_dilemma) == {("HP_B", "DIL_2022_GEDEKT")}
    assert next(r for r in hp_dilemma.rows if r[0].links == ["HP_A"])[-1].text == (
        "0 – geen dilemma"
    )
    assert hp_dilemma.rows[-1][2].text == "0 – geen handelingsperspectief"

    (dekking,) = tables(html, "stand-dekking")
    assert [[c.text for c in row] for row in dekking.rows] == [
        ["Regel", "Gedekt", "Hiaten"],
        ["dilemma's met een oplossingsrichting", "1/2 (50%)", "DIL_2022_ZONDER"],
        ["oplossingsrichtingen die een dilemma adresseren", "2/2 (100%)", "geen"],
        ["actielijnen onder een handelingsperspectief", "1/1 (100%)", "geen"],
        # The root's own two and the six of the Werkagenda, which ship with the extension.
        [
            "handelingsperspectieven met een actielijn",
            "1/8 (12%)",
            "HP_B, HP_DIENSTVERLENING, HP_DIGITALE_AGENDA, HP_POLITIEK, HP_SAMENWERKING, "
            "HP_STATUUR, HP_WETGEVING",
        ],
    ]
    assert dekking.rows[1][2].links == ["DIL_2022_ZONDER"]

    assert '<script>alert("dilemma")' not in html
    assert "&lt;script&gt;alert(&quot;dilemma&quot;)&lt;/script&gt;" in html


@pytest.mark.sphinx("html", testroot="jaren", freshenv=True)
def test_jaarlijnen_rows_merge_split_and_stop(jaren: Path) -> None:
    lines, actielijnen = tables(page(jaren, "overzicht/index"), "stand-jaarlijnen")
    assert [c.text for c in lines.rows[0]] == ["Lijn", "2031", "2032", "2033", "2034"]
    rows = {row[0].links[0]: row[1:] for row in lines.rows[1:]}
    assert list(rows) == ["DIL_2031_A", "DIL_2031_B", "DIL_2031_C"]

    a = rows["DIL_2031_A"]
    assert a[0].links == ["DIL_2031_A"] and "(open)" in a[0].text
    assert a[1].links == ["DIL_2032_AB", "DIL_2031_A", "DIL_2031_B"]
    assert "samengevoegd uit" in a[1].text
    assert a[2].links == ["DIL_2033_A1", "DIL_2032_AB", "DIL_2033_A2", "DIL_2032_AB"]
    assert "gesplitst uit" in a[2].text and "(deels opgelost)" in a[2].text
    assert a[3].links == ["DIL_2034_A2"]

    b = rows["DIL_2031_B"]
    assert b[0].links == ["DIL_2031_B", "DIL_2032_AB"] and "opgegaan in" in b[0].text
    assert [c.text for c in b[1:]] == ["—", "—", "—"]

    c = rows["DIL_2031_C"]
    assert "(opgelost)" in c[0].text
    assert [cell.text for cell in c[1:]] == ["afgerond in 2031", "lijn beëindigd", "lijn beëindigd"]

    # :type: and :vanaf: narrow the view; the line keeps its first ID.
    assert [cell.text for cell in actielijnen.rows[0]] == ["Lijn", "2032", "2033", "2034"]
    assert [[cell.links for cell in row] for row in actielijnen.rows[1:]] == [
        [["AL_2031_L"], ["AL_2032_L"], ["AL_2033_L"], ["AL_2034_L"]]
    ]


@pytest.mark.sphinx("html", testroot="jaren", freshenv=True)
def test_jaarverschil_new_continued_changed_stopped(jaren: Path) -> None:
    html = page(jaren, "overzicht/index")
    box = html[html.index('class="stand-jaarverschil') :]
    box = box[: box.index("</div>")]
    text = re.sub(r"<[^>]+>", "", box)
    assert "Nieuw in 2033 (0)" in text
    assert "Voortgezet van 2032 naar 2033 (4)" in text
    assert "DIL_2032_AB → DIL_2033_A1 A1" in text
    assert "Status: open → deels opgelost" in text
    assert "Status: in uitvoering → gerealiseerd" in text
    assert "[verwijderd: AB]" in text and "[toegevoegd: A1]" in text
    assert "Niet voortgezet na 2032 (0)" in text


def test_every_view_has_its_css_class_and_a_body_snapshot(tmp_path: Path) -> None:
    """The table bodies as HTML; STAND_UPDATE_SNAPSHOTS=1 rewrites the snapshot."""
    sphinx_build(ROOTS / "test-jaren", tmp_path / "out", "-W", "-E")
    html = page(tmp_path / "out", "overzicht/index")
    for kind in ("traceermatrix", "jaarlijnen", "dekking", "jaarverschil"):
        assert f'class="stand-{kind}' in html
    bodies = "\n".join(re.findall(r"<tbody>.*?</tbody>", html, flags=re.S))
    snapshot = SNAPSHOTS / "jaren-overzicht-tbody.html"
    if os.environ.get("STAND_UPDATE_SNAPSHOTS"):
        snapshot.parent.mkdir(exist_ok=True)
        snapshot.write_text(bodies, encoding="utf-8")
    assert bodies == snapshot.read_text(encoding="utf-8")


def test_view_on_unchanged_page_follows_a_change_elsewhere(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-jaren", src)
    sphinx_build(src, tmp_path / "inc", "-W")
    year = src / "2034" / "index.md"
    text = year.read_text(encoding="utf-8")
    year.write_text(text.replace("```{dilemma} A2", "```{dilemma} A2 herzien"), encoding="utf-8")
    sphinx_build(src, tmp_path / "inc", "-W")  # incremental: overzicht/ is not edited
    sphinx_build(src, tmp_path / "clean", "-W", "-E")

    def views(out: Path) -> str:
        html = page(out, "overzicht/index")
        return html[html.index("<table") : html.rindex("</table>")]

    assert "A2 herzien" in views(tmp_path / "inc")
    assert views(tmp_path / "inc") == views(tmp_path / "clean")


def test_a_text_change_rewrites_only_the_pages_whose_views_show_text(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-jaren", src)
    out = tmp_path / "inc"
    sphinx_build(src, out, "-W")

    def edit(path: Path, old: str, new: str) -> None:
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")

    def views(out: Path) -> str:
        html = page(out, "overzicht/index")
        end = html.index("</section>", html.index("stand-jaarverschil"))
        return html[html.index("<table") : end]

    # The jaarverschil on overzicht/ shows a changed text, as a clean build does.
    deep = src / "2033" / "deel" / "verdieping.md"
    edit(deep, "twee mappen diep.", "twee mappen diep. Nieuwe zin.")
    sphinx_build(src, out, "-W")  # incremental
    sphinx_build(src, tmp_path / "clean", "-W", "-E")
    assert "Nieuwe zin." in views(out)
    assert views(out) == views(tmp_path / "clean")

    # A text change of 2034 on a page outside 2033's toctree: no view shows it, the
    # matrix and dekking of 2033 show no text, the jaarverschil compares 2032 and
    # 2033. Neither view page is written again.
    written = {
        doc: (out / f"{doc}.html").stat().st_mtime_ns for doc in ("2033/index", "overzicht/index")
    }
    edit(src / "2034" / "index.md", "Tekst van DIL_2034_A2.", "Tekst van DIL_2034_A2. Meer.")
    sphinx_build(src, out, "-W")
    assert {doc: (out / f"{doc}.html").stat().st_mtime_ns for doc in written} == written
    # A title shows in every view: then both are.
    edit(src / "2034" / "index.md", "```{dilemma} A2", "```{dilemma} A2 herzien")
    sphinx_build(src, out, "-W")
    assert all((out / f"{doc}.html").stat().st_mtime_ns != written[doc] for doc in written)


def view_text(html: str, css_class: str) -> str:
    """The words of the first block with a class, tags dropped."""
    start = html.index(f'class="{css_class}')
    end = html.index("</section>", start)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html[start:end]))


@pytest.mark.sphinx("html", testroot="lijnen", freshenv=True)
def test_lines_end_with_their_final_status_in_every_year(app: Any, warning: Any) -> None:
    """Years 2031, 2032 and 2034: every report year is a column, also one without the type."""
    app.build()
    assert strip_escape_sequences(warning.getvalue()) == ""
    html = page(Path(app.outdir), "overzicht/index")
    solutions, actions = tables(html, "stand-jaarlijnen")
    assert [c.text for c in solutions.rows[0]] == ["Lijn", "2031", "2032", "2034"]
    rows = {row[0].links[0]: row[1:] for row in solutions.rows[1:]}
    assert list(rows) == ["OR_2031_KLAAR", "OR_2031_LOOPT", "OR_2031_WEG"]
    klaar, loopt, weg = rows.values()
    assert "(gerealiseerd)" in klaar[0].text
    assert [c.text for c in klaar[1:]] == ["afgerond in 2031", "lijn beëindigd"]
    assert [c.links for c in loopt] == [["OR_2031_LOOPT"], ["OR_2032_LOOPT"], ["OR_2034_LOOPT"]]
    assert "(vervallen)" in weg[0].text
    assert [c.text for c in weg[1:]] == ["vervallen in 2031", "lijn beëindigd"]

    # No actielijn in 2034, yet the column is there and says the line ended.
    assert [c.text for c in actions.rows[0]] == ["Lijn", "2031", "2032", "2034"]
    (m,) = actions.rows[1:]
    assert "(gerealiseerd)" in m[2].text and m[3].text == "afgerond in 2032"

    # jaarverschil without options: every pair of consecutive years, 2033 skipped.
    text = view_text(html, "stand-jaarverschil")
    pairs = [
        ("2031", "2032", "Nieuw in 2032 (0)", "Voortgezet van 2031 naar 2032 (3)",
         "Niet voortgezet na 2031 (2)"),
        ("2032", "2034", "Nieuw in 2034 (0)", "Voortgezet van 2032 naar 2034 (2)",
         "Niet voortgezet na 2032 (1)"),
    ]  # fmt: skip
    positions = [text.index(f"Van {van} naar {naar}") for van, naar, *_ in pairs]
    assert positions == sorted(positions)
    for van, naar, *parts in pairs:
        block = text[text.index(f"Van {van} naar {naar}") :]
        assert all(part in block for part in parts), (van, naar)
    stopped = text[text.index("Niet voortgezet na 2031") : text.index("Van 2032 naar 2034")]
    assert "OR_2031_KLAAR Klaar (gerealiseerd)" in stopped
    assert "OR_2031_WEG Weg (vervallen)" in stopped
    assert "AL_2032_M M (gerealiseerd)" in text[text.index("Niet voortgezet na 2032") :]

    # On a year's page: the difference from the year before it; the first year says so.
    year = view_text(page(Path(app.outdir), "2034/index"), "stand-jaarverschil")
    assert "Voortgezet van 2032 naar 2034 (2)" in year and "2031" not in year
    first = view_text(page(Path(app.outdir), "2031/index"), "stand-jaarverschil")
    assert "2031 is het eerste verslagjaar; er is geen eerder jaar om mee te vergelijken." in first


def test_one_year_says_the_difference_follows_and_options_go_in_pairs(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-lijnen", src)
    for year in ("2032", "2034"):
        shutil.rmtree(src / year)
    index = src / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace("2032/index\n", "").replace("2034/index\n", ""),
        encoding="utf-8",
    )
    with (src / "overzicht" / "index.md").open("a", encoding="utf-8") as overview:
        overview.write("\n```{jaarverschil}\n:van: 2031\n:naar: 2031\n```\n")
    warnings = sphinx_build(src, tmp_path / "out", "-E")
    assert warnings.splitlines() == [
        f"{src}/overzicht/index.md:14: WARNING: jaarverschil: '2031' bij :van: is niet eerder "
        "dan '2031' bij :naar:. [stand.weergave_optie]"
    ]
    text = view_text(page(tmp_path / "out", "overzicht/index"), "stand-jaarverschil")
    assert "Er is één verslagjaar (2031). Het jaarverschil volgt zodra er een tweede " in text
    actions = tables(page(tmp_path / "out", "overzicht/index"), "stand-jaarlijnen")[1]
    assert [c.text for c in actions.rows[0]] == ["Lijn", "2031"]


# --- Fitting the page: a project with long IDs, many needs and seven years -------

WIDE_YEARS = [str(year) for year in range(2040, 2047)]
WIDE_CONF = (
    'extensions = ["stand"]\nlanguage = "nl"\nproject = "Breed"\nhtml_theme = "furo"\n'
    # One dilemma of the last year is left without an oplossingsrichting: a gap to show.
    'suppress_warnings = ["stand.dilemma_zonder_oplossing"]\n'
)


def wide_need(kind: str, title: str, text: str, **options: str) -> str:
    lines = [f"```{{{kind}}} {title}", *(f":{k}: {v}" for k, v in options.items())]
    return "\n".join([*lines, "", text, "```", ""])


def write_wide(root: Path) -> None:
    """Seven years; six dilemmas a year with IDs of 37 characters and seven
    oplossingsrichtingen (a matrix, turned); the last year eight and nine (a list)."""
    root.mkdir(parents=True)
    (root / "conf.py").write_text(WIDE_CONF, encoding="utf-8")
    toc = "\n".join(["referentie/index", *(f"{y}/index" for y in WIDE_YEARS), "overzicht/index"])
    (root / "index.md").write_text(f"# Breed\n\n```{{toctree}}\n{toc}\n```\n", encoding="utf-8")
    (root / "referentie").mkdir()
    (root / "referentie" / "index.md").write_text(
        "# Referentie\n\n"
        + "".join(
            wide_need("handelingsperspectief", f"Perspectief {k}", "Tekst.", id=f"HP_{k}")
            for k in "ABCDEFG"
        ),
        encoding="utf-8",
    )
    for year in WIDE_YEARS:
        last = year == WIDE_YEARS[-1]
        dilemmas, solutions = (8, 9) if last else (6, 7)
        text = [f"# Stand {year}\n"]
        for k in range(1, dilemmas + 1):
            follows = {} if year == WIDE_YEARS[0] or k > 6 else {
                "vervolg_op": f"DIL_{int(year) - 1}_BESTUURLIJKE_SAMENWERKING_K{k}"
            }  # fmt: skip
            text.append(
                wide_need(
                    "dilemma",
                    f"Een dilemma met een lange titel over bestuurlijke samenwerking {k}",
                    f"Tekst van dilemma {k}.",
                    id=f"DIL_{year}_BESTUURLIJKE_SAMENWERKING_K{k}",
                    status="open",
                    raakt=f"HP_{'ABCDEFG'[k % 7]}",
                    **follows,
                )
            )
        for k in range(1, solutions + 1):
            targets = [((k - 1) % 6) + 1] + ([2] if k == 7 else [])
            if last and k > 7:
                targets = [7]
            text.append(
                wide_need(
                    "oplossingsrichting",
                    f"Vernieuwing van de voorziening en de keten, deel {k}",
                    f"Tekst van oplossingsrichting {k}.",
                    id=f"OR_{year}_VERNIEUWING_VAN_DE_VOORZIENING_{k}",
                    status="voorgesteld",
                    adresseert=", ".join(
                        f"DIL_{year}_BESTUURLIJKE_SAMENWERKING_K{t}" for t in targets
                    ),
                )
            )
        text += [
            "## Overzichten\n",
            "```{traceermatrix}\n```\n",
            "```{traceermatrix}\n:rijen: handelingsperspectief\n:kolommen: dilemma\n```\n",
            "```{dekking}\n```\n",
        ]
        (root / year).mkdir()
        (root / year / "index.md").write_text("\n".join(text), encoding="utf-8")
    (root / "overzicht").mkdir()
    (root / "overzicht" / "index.md").write_text(
        "# Overzichten\n\n```{jaarlijnen}\n```\n\n```{traceermatrix}\n:jaar: alle\n```\n\n"
        "```{dekking}\n:jaar: alle\n```\n",
        encoding="utf-8",
    )


def test_the_longer_list_goes_in_the_rows_and_the_columns_get_a_legend(wide_html: Path) -> None:
    html = page(wide_html, "2040/index")
    dilemma_or, hp_dilemma = tables(html, "stand-traceermatrix")
    # Written as dilemma's × oplossingsrichtingen; the 7 oplossingsrichtingen are the rows.
    assert dilemma_or.caption.startswith("Traceermatrix oplossingsrichtingen × dilemma's")
    header, *body = dilemma_or.rows
    assert [c.links for c in header[1:-1]] == [
        [f"DIL_2040_BESTUURLIJKE_SAMENWERKING_K{k}"] for k in range(1, 7)
    ]
    assert all(c.scope == "col" and c.tag == "th" for c in header)
    assert [row[0].links for row in body[:-1]] == [
        [f"OR_2040_VERNIEUWING_VAN_DE_VOORZIENING_{k}"] for k in range(1, 8)
    ]
    assert (
        "OR_2040_VERNIEUWING_VAN_DE_VOORZIENING_7",
        "DIL_2040_BESTUURLIJKE_SAMENWERKING_K2",
    ) in (marks(dilemma_or))
    assert [c.text for c in body[-1]] == ["Totaal", "2", "2", "1", "1", "1", "1", "8"]
    # The column heads are IDs only; their titles stand in the legend under the table.
    legend = html[html.index('class="stand-legenda') :]
    legend = re.sub(r"<[^>]+>", "", legend[: legend.index("</ul>")])
    assert "De kolommen (dilemma's):" in legend
    assert "DIL_2040_BESTUURLIJKE_SAMENWERKING_K1 Een dilemma met een lange titel" in legend
    # Seven perspectives, six dilemmas: the perspectives are rows, as written; one has none.
    assert hp_dilemma.caption.startswith("Traceermatrix handelingsperspectieven × dilemma's")
    assert hp_dilemma.rows[1][-1].text == "0 – geen dilemma"


def test_too_many_on_both_sides_becomes_a_grouped_list(wide_html: Path) -> None:
    """Eight dilemmas and nine oplossingsrichtingen: the links per dilemma, in words."""
    html = page(wide_html, "2046/index")
    grouped, _ = tables(html, "stand-traceermatrix")
    assert grouped.caption.startswith(
        "Traceermatrix dilemma's × oplossingsrichtingen (2046), als lijst per dilemma"
    )
    header, *body = grouped.rows
    assert [c.text for c in header] == ["Dilemma", "Verbonden oplossingsrichtingen", "Aantal"]
    assert all(row[0].tag == "th" and row[0].scope == "row" for row in body)
    rows = {row[0].links[0]: row for row in body[:-1]}
    assert len(rows) == 8
    k2 = rows["DIL_2046_BESTUURLIJKE_SAMENWERKING_K2"]
    assert k2[1].links == [
        "OR_2046_VERNIEUWING_VAN_DE_VOORZIENING_2",
        "OR_2046_VERNIEUWING_VAN_DE_VOORZIENING_7",
    ]
    assert k2[2].text == "2"
    gap = rows["DIL_2046_BESTUURLIJKE_SAMENWERKING_K8"]
    assert [gap[1].text, gap[2].text] == ["geen oplossingsrichtingen", "0"]
    assert [c.text for c in body[-1]] == ["Totaal", "10 verbanden", "10"]
    # Three cells a row: no cell for a pair that is not linked.
    assert {len(row) for row in grouped.rows} == {3}
    totals = view_text(html, "stand-kolomtotalen")
    assert "Per oplossingsrichting het aantal verbonden dilemma's:" in totals
    assert "OR_2046_VERNIEUWING_VAN_DE_VOORZIENING_7 2;" in totals
    assert "OR_2046_VERNIEUWING_VAN_DE_VOORZIENING_9 1." in totals


def test_seven_years_of_lines_are_two_tables(wide_html: Path) -> None:
    first, second = tables(page(wide_html, "overzicht/index"), "stand-jaarlijnen")
    assert [c.text for c in first.rows[0]] == ["Lijn", *WIDE_YEARS[:5]]
    assert [c.text for c in second.rows[0]] == ["Lijn", *WIDE_YEARS[5:]]
    # Six lines run through every year; the two new dilemmas of 2046 start theirs.
    assert len(first.rows) == 1 + 6 and len(second.rows) == 1 + 8
    assert second.rows[1][0].links == ["DIL_2040_BESTUURLIJKE_SAMENWERKING_K1"]
    assert second.rows[1][2].links == ["DIL_2046_BESTUURLIJKE_SAMENWERKING_K1"]


def test_the_wide_project_fits_the_pdf_too(tmp_path: Path) -> None:
    """The PDFs of the wide project: every word within the side margins, the matrix
    turned with its legend and the big one a list, as on the site."""
    project = tmp_path / "breed"
    write_wide(project / "docs")
    (project / "docs" / "conf.py").rename(project / "conf.py")
    proc = stand(project, "bouw", "--uit", "uit")
    assert proc.returncode == 0, proc.stderr
    for year in ("2040", "2046"):
        (pdf,) = (project / "uit" / "pdf").glob(f"*{year}*.pdf")
        words = subprocess.run(
            ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        for page_xml in words.split("<page ")[1:]:
            width = float(re.search(r'width="([\d.]+)"', page_xml)[1])  # type: ignore[index]
            for x_min, x_max, word in re.findall(
                r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>',
                page_xml,
            ):
                assert float(x_min) >= MARGIN - 1 and float(x_max) <= width - MARGIN + 1, word
        text = re.sub(r"\s+", " ", subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout)  # fmt: skip
        if year == "2040":
            assert "Traceermatrix oplossingsrichtingen × dilemma's (2040)" in text
            assert "De kolommen (dilemma's):" in text
        else:
            assert "als lijst per dilemma" in text
            assert "geen oplossingsrichtingen" in text
            assert "Per oplossingsrichting het aantal verbonden dilemma's:" in text


def test_the_matrix_model_is_sparse_and_turns() -> None:
    """Links kept per row, totals from the links: nothing per pair that is not linked."""
    needs = {f"DIL_2040_D{i}": Record(f"DIL_2040_D{i}", "dilemma", "2040") for i in range(2000)}
    needs |= {
        f"OR_2040_R{i}": Record(
            f"OR_2040_R{i}",
            "oplossingsrichting",
            "2040",
            links={"adresseert": (f"DIL_2040_D{i}", f"DIL_2040_D{(i + 1) % 2000}")},
        )
        for i in range(1999)  # DIL_2040_D1999 is addressed by R1998 only
    }
    grid = matrix(needs, "dilemma", "oplossingsrichting", "2040")
    assert len(grid.rows) == 2000 and len(grid.columns) == 1999
    assert sum(len(v) for v in grid.links.values()) == grid.total == 2 * 1999
    assert grid.links["DIL_2040_D1"] == ["OR_2040_R0", "OR_2040_R1"]
    assert grid.links["DIL_2040_D1999"] == ["OR_2040_R1998"]
    assert grid.row_total(needs["DIL_2040_D5"]) == 2
    assert set(grid.column_totals().values()) == {2}
    turned = grid.transposed()
    assert turned.rows == grid.columns and turned.columns == grid.rows
    assert turned.links["OR_2040_R7"] == ["DIL_2040_D7", "DIL_2040_D8"]
    assert turned.marks == {(c, r) for r, c in grid.marks}
