"""The Staat van de uitvoering: Standen of several organisations read into one site."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from htmltables import tables
from stand.bronnen import prefix_of
from test_years import needs_of, sphinx_build

REPO = Path(__file__).resolve().parent.parent
TEMPLATE = REPO / "voorbeelden" / "staat"

# Clearly fictional organisations, each with two report years.
ORGANISATIES = {
    "Dienst Alfa (fictief)": {"2031": ["arbeidsmarkt"], "2032": ["arbeidsmarkt", "ict_en_legacy"]},
    "Beta-instituut (fictief)": {"2031": ["arbeidsmarkt"], "2032": ["gegevensuitwisseling"]},
    "Gamma Uitvoering (fictief)": {"2031": ["ict_en_legacy"], "2032": ["ict_en_legacy"]},
}


def need(kind: str, title: str, **options: str) -> str:
    lines = [f"```{{{kind}}} {title}", *(f":{k}: {v}" for k, v in options.items())]
    return "\n".join([*lines, "", f"Fictieve tekst van {options['id']}.", "```", ""])


def write_stand(root: Path, organisatie: str, years: dict[str, list[str]]) -> None:
    """A small, fictional Stand that follows the contract."""
    (root / "referentie").mkdir(parents=True)
    (root / "conf.py").write_text(
        f'extensions = ["stand"]\nlanguage = "nl"\nstand_organisatie = {organisatie!r}\n'
    )
    toc = "\n".join(f"{y}/index" for y in years)
    (root / "index.md").write_text(
        f"# {organisatie}\n\n```{{toctree}}\nreferentie/index\n{toc}\n```\n"
    )
    (root / "referentie" / "index.md").write_text(
        "# Referentie\n\n" + need("handelingsperspectief", "Perspectief", id="HP_A")
    )
    previous = None
    for year, themas in years.items():
        (root / year).mkdir()
        lineage = {"vervolg_op": f"DIL_{previous}_KERN"} if previous else {}
        (root / year / "index.md").write_text(
            f"# Stand {year}\n\n"
            + need(
                "dilemma",
                f"Kern {year}",
                id=f"DIL_{year}_KERN",
                status="open",
                thema=", ".join(themas),
                **lineage,
            )
            + need(
                "oplossingsrichting",
                f"Aanpak {year}",
                id=f"OR_{year}_AANPAK",
                status="voorgesteld",
                adresseert=f"DIL_{year}_KERN",
                raakt="HP_A",
            )
            + need(
                "actielijn",
                f"Lijn {year}",
                id=f"AL_{year}_LIJN",
                status="in_uitvoering",
                valt_onder="HP_A, HP_DIGITALE_AGENDA",
            )
        )
        previous = year


@pytest.fixture(scope="module")
def bronnen(tmp_path_factory: pytest.TempPathFactory, real_html: Path) -> list[dict[str, Any]]:
    """The published needs.json of three fictional organisations, and of this repository."""
    base = tmp_path_factory.mktemp("standen")
    sources = []
    for organisatie, years in ORGANISATIES.items():
        root = base / prefix_of(organisatie).lower()
        write_stand(root / "src", organisatie, years)
        assert sphinx_build(root / "src", root / "html", "-W") == ""
        sources.append(
            {
                "organisatie": organisatie,
                "needs_json": str(root / "html" / "needs.json"),
                "site": f"https://{prefix_of(organisatie).lower().strip('_')}.example/stand/",
            }
        )
    sources.append(
        {
            "organisatie": "Logius",
            "needs_json": str(real_html / "needs.json"),
            "site": "https://logius.example/stand/",
        }
    )
    return sources


def build_staat(tmp_path: Path, bronnen: list[dict[str, Any]], *args: str) -> tuple[Path, str]:
    project = tmp_path / "staat"
    shutil.copytree(TEMPLATE, project)
    (project / "bronnen.json").write_text(json.dumps(bronnen), encoding="utf-8")
    return tmp_path / "out", sphinx_build(project, tmp_path / "out", *args)


def test_staat_of_three_organisations_and_this_repository(
    tmp_path: Path, bronnen: list[dict[str, Any]]
) -> None:
    out, warnings = build_staat(tmp_path, bronnen, "-W")
    assert warnings == ""
    needs = needs_of(out)
    assert needs["DIENST_ALFA_FICTIEF_DIL_2032_KERN"]["organisatie"] == "Dienst Alfa (fictief)"
    # Links and lineage keep to the organisation's own, prefixed IDs.
    alfa = needs["DIENST_ALFA_FICTIEF_DIL_2032_KERN"]
    assert alfa["vervolg_op"] == ["DIENST_ALFA_FICTIEF_DIL_2031_KERN"]
    assert alfa["lijn"] == "DIENST_ALFA_FICTIEF_DIL_2031_KERN"
    assert alfa["external_url"].startswith("https://dienst_alfa_fictief.example/stand/")
    assert needs["LOGIUS_DIL_2022_FOCUS"]["adresseert_back"] == [
        "LOGIUS_OR_2022_GDI_MINDER_VRIJBLIJVEND",
        "LOGIUS_OR_2022_HERGEBRUIK",
        "LOGIUS_OR_2022_LCM",
        "LOGIUS_OR_2022_TOEKOMSTIGE_ONTWIKKELINGEN",
    ]

    html = (out / "index.html").read_text(encoding="utf-8")
    (rode,) = tables(html, "stand-rodedraad")
    rows = {(r[0].text, r[1].text): r for r in rode.rows[1:]}
    assert rows[("Arbeidsmarkt en personeel", "2031")][2].text == (
        "2: Beta-instituut (fictief), Dienst Alfa (fictief)"
    )
    assert rows[("Arbeidsmarkt en personeel", "2032")][2].text == "1: Dienst Alfa (fictief)"
    ict = rows[("ICT en verouderde systemen", "2032")]
    assert "DIENST_ALFA_FICTIEF_DIL_2032_KERN" in ict[3].text
    assert "GAMMA_UITVOERING_FICTIEF_DIL_2032_KERN" in ict[3].text
    assert "GAMMA_UITVOERING_FICTIEF_OR_2032_AANPAK" in ict[4].text
    assert rows[("Arbeidsmarkt en personeel", "2022")][2].text == "1: Logius"
    assert 'href="https://logius.example/stand/2022/dilemmas.html#DIL_2022_ARBEIDSMARKT"' in html


def test_views_take_organisatie(tmp_path: Path, bronnen: list[dict[str, Any]]) -> None:
    project = tmp_path / "staat"
    shutil.copytree(TEMPLATE, project)
    (project / "bronnen.json").write_text(json.dumps(bronnen), encoding="utf-8")
    (project / "index.md").write_text(
        "# Staat\n\n```{traceermatrix}\n:jaar: 2031\n:organisatie: Beta-instituut (fictief)\n```\n"
        "\n```{rodedraad}\n:organisatie: Dienst Alfa (fictief), Gamma Uitvoering (fictief)\n"
        ":thema: ict_en_legacy\n```\n"
    )
    assert sphinx_build(project, tmp_path / "out", "-W") == ""
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    (matrix,) = tables(html, "stand-traceermatrix")
    # One row: Beta's dilemma, linking to Beta's own site.
    assert [r[0].text.split()[0] for r in matrix.rows[1:-1]] == [
        "BETA_INSTITUUT_FICTIEF_DIL_2031_KERN"
    ]
    assert (
        'href="https://beta_instituut_fictief.example/stand/2031/index.html#DIL_2031_KERN"' in html
    )
    (rode,) = tables(html, "stand-rodedraad")
    assert [(r[0].text, r[1].text, r[2].text) for r in rode.rows[1:]] == [
        ("ICT en verouderde systemen", "2031", "1: Gamma Uitvoering (fictief)"),
        (
            "ICT en verouderde systemen",
            "2032",
            "2: Dienst Alfa (fictief), Gamma Uitvoering (fictief)",
        ),
    ]


def test_bad_sources_are_reported_and_the_rest_is_kept(
    tmp_path: Path, bronnen: list[dict[str, Any]]
) -> None:
    bad = tmp_path / "slecht"
    bad.mkdir()
    (bad / "kapot.json").write_text("{niet: json", encoding="utf-8")
    (bad / "ander.json").write_text('{"rows": []}', encoding="utf-8")
    dangling = json.loads(Path(bronnen[0]["needs_json"]).read_text(encoding="utf-8"))
    dangling["versions"][""]["needs"]["OR_2031_AANPAK"]["adresseert"] = ["DIL_2031_WEG"]
    (bad / "los.json").write_text(json.dumps(dangling), encoding="utf-8")
    sources = [
        *bronnen[1:],
        {
            "organisatie": "Ontbreekt (fictief)",
            "needs_json": str(bad / "nergens.json"),
            "site": "https://ontbreekt.example/",
        },
        {
            "organisatie": "Kapot (fictief)",
            "needs_json": str(bad / "kapot.json"),
            "site": "https://kapot.example/",
        },
        {
            "organisatie": "Ander schema (fictief)",
            "needs_json": str(bad / "ander.json"),
            "site": "https://ander.example/",
        },
        {
            "organisatie": "Dienst Alfa (fictief)",
            "needs_json": str(bad / "los.json"),
            "site": "https://alfa.example/",
        },
    ]
    out, warnings = build_staat(tmp_path, sources)
    lines = [line for line in warnings.splitlines() if "WARNING" in line]
    assert len(lines) == 4, warnings
    assert lines[0].startswith(f"{bad}/nergens.json:1: WARNING: De Stand van Ontbreekt (fictief)")
    assert "bestaat niet" in lines[0]
    assert lines[1].startswith(f"{bad}/kapot.json:1: WARNING: De Stand van Kapot (fictief)")
    assert "geen geldige JSON" in lines[1]
    assert lines[2].startswith(f"{bad}/ander.json:1: WARNING: De Stand van Ander schema")
    assert "geen needs.json" in lines[2]
    assert "https://alfa.example/" in lines[3] and "DIL_2031_WEG" in lines[3]
    assert all(
        line.endswith(("[stand.bron_onleesbaar]", "[stand.link_onbekend]")) for line in lines
    )
    needs = needs_of(out)
    assert "BETA_INSTITUUT_FICTIEF_DIL_2031_KERN" in needs  # the other sources are kept
    assert "LOGIUS_DIL_2022_FOCUS" in needs


def test_a_source_by_url_is_fetched_only_when_asked(
    tmp_path: Path, bronnen: list[dict[str, Any]]
) -> None:
    """A needs.json on a web server (here: one on 127.0.0.1) is fetched with "ophalen"."""
    import functools
    import http.server
    import threading

    folder = Path(bronnen[1]["needs_json"]).parent
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/needs.json"
        source = {**bronnen[1], "needs_json": url}
        out, warnings = build_staat(tmp_path / "zonder", [source])
        assert "[stand.bron_onleesbaar]" in warnings and "'ophalen': True" in warnings
        out, warnings = build_staat(tmp_path / "met", [{**source, "ophalen": True}], "-W")
        assert warnings == ""
        assert "BETA_INSTITUUT_FICTIEF_DIL_2032_KERN" in needs_of(out)
    finally:
        server.shutdown()


def test_the_werkagenda_is_shared_by_every_organisation(
    tmp_path: Path, bronnen: list[dict[str, Any]]
) -> None:
    """The six handelingsperspectieven are one need each; links to them stay unprefixed."""
    out, warnings = build_staat(tmp_path, bronnen, "-W")
    assert warnings == ""
    needs = needs_of(out)
    hps = sorted(i for i, n in needs.items() if n["type"] == "handelingsperspectief")
    assert hps == sorted(
        [
            *(f"{prefix_of(o)}HP_A" for o in ORGANISATIES),  # their own: prefixed
            "HP_DIENSTVERLENING",
            "HP_DIGITALE_AGENDA",
            "HP_POLITIEK",
            "HP_SAMENWERKING",
            "HP_STATUUR",
            "HP_WETGEVING",
        ]
    )
    assert needs["HP_DIGITALE_AGENDA"]["docname"] == "index"  # the Staat's own
    assert needs["LOGIUS_AL_2022_GDI"]["valt_onder"] == ["HP_DIGITALE_AGENDA"]
    assert needs["DIENST_ALFA_FICTIEF_AL_2031_LIJN"]["valt_onder"] == [
        "DIENST_ALFA_FICTIEF_HP_A",
        "HP_DIGITALE_AGENDA",
    ]
    back = needs["HP_DIGITALE_AGENDA"]["valt_onder_back"]
    assert "LOGIUS_AL_2022_GDI" in back and "BETA_INSTITUUT_FICTIEF_AL_2032_LIJN" in back

    # The view: under handelingsperspectief 2, each organisation's actielijnen per year.
    soup = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    (agenda,) = soup.select("div.stand-werkagenda")
    part = next(
        p
        for p in agenda.select(".stand-werkagenda-perspectief")
        if "(HP_DIGITALE_AGENDA)" in p.select_one(".stand-kop").get_text()
    )
    years = {
        li.select_one("p").get_text().split(":")[0]: li
        for li in part.select(".stand-werkagenda-jaren > li")
    }
    assert list(years) == ["2022", "2031", "2032"]
    assert years["2031"].select_one("p").get_text() == "2031: 3 actielijnen van 3 organisaties"
    organisations = [
        o.select_one("strong").get_text()
        for o in years["2031"].select(".stand-werkagenda-organisatie")
    ]
    assert organisations == [
        "Beta-instituut (fictief)",
        "Dienst Alfa (fictief)",
        "Gamma Uitvoering (fictief)",
    ]
    links = {a.get_text(" ", strip=True): a["href"] for a in part.select("a")}
    assert links["Logius"] == "https://logius.example/stand/"
    assert links["LOGIUS_AL_2022_GDI"] == (
        "https://logius.example/stand/2022/voortgang.html#AL_2022_GDI"
    )
    assert links["BETA_INSTITUUT_FICTIEF_AL_2031_LIJN"] == (
        "https://beta_instituut_fictief.example/stand/2031/index.html#AL_2031_LIJN"
    )
    assert "(in uitvoering)" in years["2031"].get_text()


def test_each_need_against_the_exchange_format(
    tmp_path: Path, bronnen: list[dict[str, Any]]
) -> None:
    """Every violation is one located Dutch warning naming the source and the need;
    that need is left out, the source's other needs are read."""
    data = json.loads(Path(bronnen[1]["needs_json"]).read_text(encoding="utf-8"))
    broken = data["versions"][data["current_version"]]["needs"]
    broken["AL_2031_LIJN"]["status"] = "open"
    broken["AL_2031_LIJN"]["valt_onder"] = []
    del broken["AL_2032_LIJN"]["organisatie"]
    path = tmp_path / "beta.json"
    text = json.dumps(data, indent=1)
    path.write_text(text, encoding="utf-8")

    def line(need_id: str) -> int:
        return text[: text.index(f'"{need_id}": {{')].count("\n") + 1

    out, warnings = build_staat(tmp_path, [{**bronnen[1], "needs_json": str(path)}])
    lead = "De need {} van Beta-instituut (fictief) is niet ingelezen: "
    tail = (
        " (zie het uitwisselformaat, stand-needs.schema.json). De andere needs van deze bron "
        "worden wel gebruikt. [stand.bron_onleesbaar]"
    )
    assert [w for w in warnings.splitlines() if "WARNING" in w] == [
        f"{path}:{line('AL_2031_LIJN')}: WARNING: "
        + lead.format("AL_2031_LIJN")
        + "'status' is \"open\"; toegestaan is: voorgesteld, in_uitvoering, gerealiseerd, "
        "vervallen" + tail,
        f"{path}:{line('AL_2031_LIJN')}: WARNING: "
        + lead.format("AL_2031_LIJN")
        + "'valt_onder' is leeg; er moet minstens één ID in staan"
        + tail,
        f"{path}:{line('AL_2032_LIJN')}: WARNING: "
        + lead.format("AL_2032_LIJN")
        + "het veld 'organisatie' ontbreekt"
        + tail,
    ]
    needs = needs_of(out)
    assert "BETA_INSTITUUT_FICTIEF_AL_2031_LIJN" not in needs
    assert "BETA_INSTITUUT_FICTIEF_AL_2032_LIJN" not in needs
    assert "BETA_INSTITUUT_FICTIEF_DIL_2032_KERN" in needs
    assert needs["BETA_INSTITUUT_FICTIEF_OR_2031_AANPAK"]["adresseert"] == [
        "BETA_INSTITUUT_FICTIEF_DIL_2031_KERN"
    ]
