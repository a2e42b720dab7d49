"""The Werkagenda: six shared handelingsperspectieven shipped with the extension, and
the ``werkagenda`` view (per handelingsperspectief and year, each organisation's
actielijnen) in HTML and in the PDF."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import REPO, stand
from playwright.sync_api import sync_playwright
from sphinx.util.console import strip_escape_sequences
from stand.werkagenda import HANDELINGSPERSPECTIEVEN
from test_a11y import CHROMIUM, CHROMIUM_ARGS, DESKTOP, WCAG_TAGS, describe, run_axe, serve
from test_pdf import flat, pdf_text, project_from_root
from test_structure import HANDELINGSPERSPECTIEVEN as HANDELINGSPERSPECTIEVEN_2022
from test_years import needs_of, sphinx_build

ROOTS = Path(__file__).parent / "roots"
# As docs/referentie/index.md wrote them before they shipped: IDs and titles never change.
WERKAGENDA = HANDELINGSPERSPECTIEVEN_2022


def agendas(html: str) -> list[Tag]:
    return BeautifulSoup(html, "html.parser").select("div.stand-werkagenda")


def outline(agenda: Tag) -> list[tuple[str, list[tuple[str, list[tuple[str, list[str]]]]]]]:
    """Per handelingsperspectief (its heading), per year (its line), per organisation:
    the actielijnen as shown (ID, title, status)."""
    result = []
    for part in agenda.select(":scope > .stand-werkagenda-perspectief"):
        heading = " ".join(part.select_one(".stand-kop").get_text().split())
        years = []
        for year in part.select(".stand-werkagenda-jaren > li"):
            organisations = []
            for org in year.select(".stand-werkagenda-organisatie"):
                name = org.select_one("strong").get_text()
                lines = [" ".join(li.get_text().split()) for li in org.select("ul > li")]
                organisations.append((name, lines))
            years.append((year.select_one("p").get_text(), organisations))
        if not years:
            years = [(part.select("p")[-1].get_text(), [])]
        result.append((heading, years))
    return result


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("werkagenda") / "html"
    assert sphinx_build(ROOTS / "test-werkagenda", out, "-W") == ""
    return out


def test_the_six_ship_with_their_ids_and_titles() -> None:
    assert dict(HANDELINGSPERSPECTIEVEN) == WERKAGENDA
    assert list(dict(HANDELINGSPERSPECTIEVEN)) == list(WERKAGENDA)


def test_every_stand_has_the_six_and_a_page_may_write_one_itself(built: Path) -> None:
    needs = needs_of(built)
    hps = {i: n for i, n in needs.items() if n["type"] == "handelingsperspectief"}
    titles = {i: n["title"] for i, n in hps.items()}
    assert titles == {**WERKAGENDA, "HP_EIGEN": "Eigen perspectief"}
    assert all(n["docname"] == "referentie/index" for n in hps.values())
    # Written on the page: that one, with its text; not added a second time.
    assert hps["HP_DIENSTVERLENING"]["content"] == "Eigen toelichting bij HP_DIENSTVERLENING."
    assert hps["HP_DIGITALE_AGENDA"]["content"] == ""
    assert hps["HP_WETGEVING"]["valt_onder_back"] == ["AL_2031_WETTEN", "AL_2032_WETTEN"]
    page = (built / "referentie" / "index.html").read_text(encoding="utf-8")
    assert page.count('id="HP_DIENSTVERLENING"') == 1
    for hp_id in WERKAGENDA:
        assert f'id="{hp_id}"' in page


def test_a_project_without_a_reference_page_has_them_on_its_start_page(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "2031").mkdir(parents=True)
    (src / "conf.py").write_text('extensions = ["stand"]\nlanguage = "nl"\n', encoding="utf-8")
    (src / "index.md").write_text("# Start\n\n```{toctree}\n2031/index\n```\n", encoding="utf-8")
    shutil.copy(ROOTS / "test-werkagenda" / "2031" / "index.md", src / "2031" / "index.md")
    text = (src / "2031" / "index.md").read_text(encoding="utf-8")
    (src / "2031" / "index.md").write_text(text.replace(", HP_EIGEN", ""), encoding="utf-8")
    assert sphinx_build(src, tmp_path / "out", "-W") == ""
    needs = needs_of(tmp_path / "out")
    assert {i for i, n in needs.items() if n["type"] == "handelingsperspectief"} == set(WERKAGENDA)
    assert {needs[i]["docname"] for i in WERKAGENDA} == {"index"}


def test_the_view_per_handelingsperspectief_year_and_organisation(built: Path) -> None:
    html = (built / "overzicht" / "index.html").read_text(encoding="utf-8")
    alle, vanaf, niemand = agendas(html)
    org = "Dienst Epsilon (fictief)"
    assert outline(alle) == [
        (
            "Handelingsperspectief: Toekomstbestendige dienstverlening (HP_DIENSTVERLENING)",
            [
                (
                    "2031: 1 actielijn van 1 organisatie",
                    [(org, ["AL_2031_LOKET Loket 2031 (in uitvoering)"])],
                ),
                (
                    "2032: 1 actielijn van 1 organisatie",
                    [(org, ["AL_2032_LOKET Loket 2032 (in uitvoering)"])],
                ),
            ],
        ),
        (
            "Handelingsperspectief: Versnelling digitale agenda (HP_DIGITALE_AGENDA)",
            [("Geen actielijnen.", [])],
        ),
        (
            "Handelingsperspectief: Begrijpelijke en uitvoerbare wetgeving (HP_WETGEVING)",
            [
                (
                    "2031: 1 actielijn van 1 organisatie",
                    [(org, ["AL_2031_WETTEN Wetten 2031 (gerealiseerd)"])],
                ),
                (
                    "2032: 1 actielijn van 1 organisatie",
                    [(org, ["AL_2032_WETTEN Wetten 2032 (gerealiseerd)"])],
                ),
            ],
        ),
        *[
            (f"Handelingsperspectief: {WERKAGENDA[i]} ({i})", [("Geen actielijnen.", [])])
            for i in ("HP_SAMENWERKING", "HP_STATUUR", "HP_POLITIEK")
        ],
        (
            "Handelingsperspectief: Eigen perspectief (HP_EIGEN)",
            [
                (
                    "2031: 1 actielijn van 1 organisatie",
                    [(org, ["AL_2031_WETTEN Wetten 2031 (gerealiseerd)"])],
                ),
                (
                    "2032: 1 actielijn van 1 organisatie",
                    [(org, ["AL_2032_WETTEN Wetten 2032 (gerealiseerd)"])],
                ),
            ],
        ),
    ]
    # Each actielijn and each handelingsperspectief links to where it is written.
    links = {a.get_text(" ", strip=True): a["href"] for a in alle.select("a")}
    assert links["AL_2031_LOKET"] == "../2031/index.html#AL_2031_LOKET"
    assert links["Toekomstbestendige dienstverlening"] == (
        "../referentie/index.html#HP_DIENSTVERLENING"
    )
    # :vanaf: leaves out the years before; :organisatie: the other organisations.
    assert [y for _, years in outline(vanaf) for y, _ in years if y[0].isdigit()] == [
        "2032: 1 actielijn van 1 organisatie",
        "2032: 1 actielijn van 1 organisatie",
        "2032: 1 actielijn van 1 organisatie",
    ]
    assert {y for _, years in outline(niemand) for y, _ in years} == {"Geen actielijnen."}
    # A list, not a table: it fits the text column with any number of organisations.
    assert not alle.select("table")


def test_a_wrong_option_is_a_located_warning(tmp_path: Path) -> None:
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-werkagenda", src)
    page = src / "overzicht" / "index.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace(":vanaf: 2032", ":vanaf: twee"), "utf-8"
    )
    warnings = sphinx_build(src, tmp_path / "out")
    assert strip_escape_sequences(warnings).replace(str(src) + "/", "") == (
        "overzicht/index.md:10: WARNING: werkagenda: 'twee' bij :vanaf: is geen jaar; schrijf "
        "bijvoorbeeld 2022. [stand.weergave_optie]\n"
    )


def test_the_view_in_the_pdf(tmp_path: Path) -> None:
    project = project_from_root("test-werkagenda", tmp_path)
    proc = stand(project, "bouw", "--uit", "uit")
    assert proc.returncode == 0, proc.stderr
    text = flat(pdf_text(project / "uit" / "pdf" / "stand-van-dienst-epsilon-fictief-2032.pdf"))
    assert "Handelingsperspectief: Toekomstbestendige dienstverlening (HP_DIENSTVERLENING)" in text
    assert "2032: 1 actielijn van 1 organisatie" in text
    assert "AL_2032_LOKET Loket 2032 (in uitvoering)" in text
    assert "AL_2031_LOKET" not in text  # :tot: on the year's page keeps to that year
    assert "Geen actielijnen." in text


def test_shipped_hps_keep_the_real_site_as_it_was(real_needs: dict[str, Any]) -> None:
    """Logius no longer writes the six; the site has them with the same IDs and titles."""
    hps = {i: n for i, n in real_needs.items() if n["type"] == "handelingsperspectief"}
    assert {i: n["title"] for i, n in hps.items()} == WERKAGENDA
    assert {n["docname"] for n in hps.values()} == {"referentie/index"}
    assert real_needs["HP_DIGITALE_AGENDA"]["valt_onder_back"]


# --- 64 organisations in a Staat, in a real browser ----------------------------------


def synthetic_source(folder: Path, number: int) -> dict[str, Any]:
    """The needs.json of a fictional organisation: an actielijn per handelingsperspectief
    in each of two years, with a long name and long titles."""
    organisatie = f"Uitvoeringsorganisatie voor Langgerekte Namen nummer {number} (fictief)"
    needs: dict[str, Any] = {}
    for year in ("2031", "2032"):
        for index, (hp_id, _) in enumerate(HANDELINGSPERSPECTIEVEN):
            need_id = f"AL_{year}_ONDERDEEL_{index}"
            needs[need_id] = {
                "id": need_id,
                "type": "actielijn",
                "title": "Een actielijn met een lange titel die over de hele breedte loopt "
                f"en nog verder gaat, nummer {index}",
                "content": "Tekst.",
                "organisatie": organisatie,
                "jaar": year,
                "status": "in_uitvoering",
                "docname": f"{year}/voortgang",
                "valt_onder": [hp_id],
            }
    path = folder / f"bron-{number}.json"
    path.write_text(
        json.dumps({"current_version": "", "versions": {"": {"needs": needs}}}), encoding="utf-8"
    )
    return {
        "organisatie": organisatie,
        "needs_json": str(path),
        "site": f"https://org{number}.example/stand/",
    }


def test_64_organisations_fit_the_text_column_and_pass_axe(tmp_path: Path) -> None:
    staat = tmp_path / "staat"
    shutil.copytree(REPO / "voorbeelden" / "staat", staat)
    (tmp_path / "bronnen").mkdir()
    bronnen = [synthetic_source(tmp_path / "bronnen", n) for n in range(1, 65)]
    (staat / "bronnen.json").write_text(json.dumps(bronnen), encoding="utf-8")
    (staat / "index.md").write_text(
        "# Staat\n\n## Werkagenda\n\n```{werkagenda}\n```\n", encoding="utf-8"
    )
    out = tmp_path / "html"
    assert sphinx_build(staat, out, "-W") == ""
    with serve(out) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=DESKTOP)
        page.goto(base + "index.html")
        sizes = page.evaluate(
            """() => {
              const view = document.querySelector('.stand-werkagenda');
              const article = document.querySelector('article');
              return {view: view.getBoundingClientRect().width, scroll: view.scrollWidth,
                      client: view.clientWidth, article: article.getBoundingClientRect().width,
                      page: document.documentElement.scrollWidth,
                      organisations: view.querySelectorAll('.stand-werkagenda-organisatie').length};
            }"""
        )
        assert sizes["organisations"] == 64 * 2 * 6
        assert sizes["view"] <= 736 and sizes["view"] <= sizes["article"]
        assert sizes["scroll"] <= sizes["client"]  # nothing sticks out of the column
        assert sizes["page"] <= DESKTOP["width"]  # and the page does not scroll sideways
        failures = [describe(v) for v in run_axe(page) if set(v["tags"]) & set(WCAG_TAGS)]
        assert not failures, "\n".join(failures)
        browser.close()


def test_the_six_follow_a_reference_page_that_comes_later(tmp_path: Path) -> None:
    """An incremental build: first on the start page, then on the new reference page."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["stand"]\nlanguage = "nl"\n', encoding="utf-8")
    (src / "index.md").write_text("# Start\n", encoding="utf-8")
    assert sphinx_build(src, tmp_path / "out", "-W") == ""
    assert {needs_of(tmp_path / "out")[i]["docname"] for i in WERKAGENDA} == {"index"}
    (src / "referentie").mkdir()
    # The start page itself is unchanged: only the new page tells it to lose the six.
    (src / "referentie" / "index.md").write_text(
        "---\norphan: true\n---\n# Referentie\n", encoding="utf-8"
    )
    assert sphinx_build(src, tmp_path / "out", "-W") == ""
    needs = needs_of(tmp_path / "out")
    assert {needs[i]["docname"] for i in WERKAGENDA} == {"referentie/index"}
