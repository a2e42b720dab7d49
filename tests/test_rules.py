"""Every rule of the contract: one test root each, the exact warning list asserted."""

from __future__ import annotations

import json
import subprocess
from typing import Any

import pytest
from sphinx.util.console import strip_escape_sequences
from sphinx_needs.api import get_needs_view
from stand.checks import SUBTYPES
from stand.config import THEMAS

EXPECTED: dict[str, list[str]] = {
    "bevroren_gewijzigd": [
        "2022/gepubliceerd.json:12: WARNING: DIL_2022_WEG is verwijderd na de publicatie van "
        "2022 op 2022-10-01. Zet de need terug, of leg de verwijdering vast als erratum: "
        'stand publiceer 2022 --erratum DIL_2022_WEG "<uitleg>" [stand.bevroren_gewijzigd]',
        "2022/index.md:3: WARNING: DIL_2022_D is gewijzigd na de publicatie van 2022 op "
        "2022-10-01 (tekst). Zet de wijziging terug, of leg haar vast als erratum: "
        'stand publiceer 2022 --erratum DIL_2022_D "<uitleg>" [stand.bevroren_gewijzigd]',
        "2022/index.md:16: WARNING: AL_2022_NIEUW is toegevoegd na de publicatie van 2022 op "
        "2022-10-01. Verplaats de need naar een later jaar, of leg de toevoeging vast als "
        'erratum: stand publiceer 2022 --erratum AL_2022_NIEUW "<uitleg>" '
        "[stand.bevroren_gewijzigd]",
    ],
    "gepubliceerd_bestand": [
        "2022/gepubliceerd.json:5: WARNING: gepubliceerd.json van 2022 is onleesbaar: geen "
        "geldige JSON (Expecting ',' delimiter). Zet het bestand terug uit versiebeheer, of "
        "verwijder het en leg 2022 opnieuw vast met: stand publiceer 2022 "
        "[stand.gepubliceerd_bestand]",
    ],
    "nog_te_actualiseren": [
        "2023/index.md:11: WARNING: DIL_2023_D is nog niet bijgewerkt voor 2023 (tag "
        "nog_te_actualiseren): werk tekst, status en verbanden bij en haal dan de tag "
        "nog_te_actualiseren weg. [stand.nog_te_actualiseren]",
        "2023/index.md:3: WARNING: Deze pagina heeft nog de melding 'Nog te actualiseren': "
        "herschrijf de tekst voor 2023 en haal dan de melding weg. [stand.nog_te_actualiseren]",
    ],
    "adresseert_doel": [
        "2022/index.md:16: WARNING: OR_2022_R verwijst met :adresseert: naar "
        "DIL_2021_OUD (dilemma, 2021); dat moet een dilemma van 2022 zijn. "
        "[stand.adresseert_doel]",
    ],
    "adresseert_ontbreekt": [
        "2022/index.md:23: WARNING: De oplossingsrichting OR_2022_LOS heeft geen "
        ":adresseert:; noem het dilemma dat zij adresseert. [stand.adresseert_ontbreekt]",
    ],
    "buiten_jaarmap": [
        "index.md:8: WARNING: De actielijn AL_2022_LOS staat in het document index, "
        "buiten een jaarmap: zet deze need in docs/<jaar>/. [stand.buiten_jaarmap]",
    ],
    "dilemma_zonder_oplossing": [
        "2022/index.md:23: WARNING: Geen oplossingsrichting adresseert het dilemma "
        "DIL_2022_ALLEEN: voeg er een toe met :adresseert: DIL_2022_ALLEEN. "
        "[stand.dilemma_zonder_oplossing]",
    ],
    "id_jaar": [
        "2022/index.md:10: WARNING: Het ID DIL_2021_D noemt het jaar 2021, maar de need "
        "hoort bij 2022: schrijf DIL_2022_… [stand.id_jaar]",
    ],
    "id_patroon": [
        "2022/index.md:16: WARNING: Het ID OR_2022_richting past niet bij het type "
        "oplossingsrichting: schrijf OR_2022_<SLUG>. [stand.id_patroon]",
    ],
    "in_jaarmap": [
        "2022/index.md:23: WARNING: Het handelingsperspectief HP_B staat in de jaarmap "
        "2022: handelingsperspectieven horen in docs/referentie/. [stand.in_jaarmap]",
    ],
    "jaar_afwijkend": [
        "2022/index.md:3: WARNING: De actielijn AL_2022_LIJN heeft :jaar: 2021, maar "
        "staat in de map 2022: laat :jaar: weg (het jaar volgt uit de map) of verplaats "
        "de need. [stand.jaar_afwijkend]",
    ],
    "link_onbekend": [
        "2022/index.md:3: WARNING: AL_2022_LIJN verwijst met :valt_onder: naar "
        "HP_ONBEKEND, maar dat ID bestaat niet: controleer de spelling of voeg die need "
        "toe. [stand.link_onbekend]",
    ],
    "raakt_doel": [
        "2022/index.md:10: WARNING: DIL_2022_D verwijst met :raakt: naar AL_2022_LIJN "
        "(actielijn, 2022); dat moet een handelingsperspectief (HP_…) zijn. "
        "[stand.raakt_doel]",
    ],
    "status_ongeldig": [
        "2022/index.md:16: WARNING: De status 'open' van OR_2022_R past niet bij een "
        "oplossingsrichting: kies uit voorgesteld, in_uitvoering, gerealiseerd, "
        "vervallen. [stand.status_ongeldig]",
    ],
    "valt_onder_doel": [
        "2022/index.md:3: WARNING: AL_2022_LIJN verwijst met :valt_onder: naar "
        "DIL_2022_D (dilemma, 2022); dat moet een handelingsperspectief (HP_…) zijn. "
        "[stand.valt_onder_doel]",
    ],
    "valt_onder_ontbreekt": [
        "2022/index.md:3: WARNING: De actielijn AL_2022_LIJN heeft geen :valt_onder:; "
        "noem het handelingsperspectief waaronder zij valt. [stand.valt_onder_ontbreekt]",
    ],
    "weergave_optie": [
        "2022/index.md:24: WARNING: traceermatrix: onbekend type 'probleem' bij :rijen:; "
        "kies uit handelingsperspectief, actielijn, dilemma, oplossingsrichting. "
        "[stand.weergave_optie]",
        "2022/index.md:24: WARNING: traceermatrix: 'vorig' bij :jaar: is geen jaar; "
        "schrijf bijvoorbeeld 2022. [stand.weergave_optie]",
        "2022/index.md:29: WARNING: jaarverschil: de optie :naar: is verplicht; schrijf "
        "bijvoorbeeld :naar: 2022. [stand.weergave_optie]",
    ],
    "thema_onbekend": [
        "2022/index.md:10: WARNING: Het thema 'vrije_tijd' van DIL_2022_D staat niet in "
        "stand_themas; kies uit arbeidsmarkt, dienstverlening, financiering, "
        "gegevensuitwisseling, ict_en_legacy, samenwerking_beleid_uitvoering, sturing, "
        "wet_en_regelgeving, of voeg het thema toe in conf.py. [stand.thema_onbekend]",
    ],
    "bron_onleesbaar": [
        "bronnen/nergens/needs.json:1: WARNING: De Stand van Dienst Nergens (fictief) is "
        "niet ingelezen: het bestand bestaat niet. De andere bronnen worden wel gebruikt. "
        "[stand.bron_onleesbaar]",
    ],
    "vervolg_op_doel": [
        "2022/index.md:10: WARNING: DIL_2022_D verwijst met :vervolg_op: naar OR_2022_R "
        "(oplossingsrichting, 2022); dat moet een dilemma uit een eerder jaar dan 2022 "
        "zijn. [stand.vervolg_op_doel]",
    ],
    "status_ontbreekt": [
        "2022/index.md:10: WARNING: Het dilemma DIL_2022_D heeft geen :status:; schrijf er een "
        "onder :id:, gekozen uit open, deels_opgelost, opgelost, vervallen. "
        "[stand.status_ontbreekt]",
    ],
    "tekst_ontbreekt": [
        "2022/index.md:10: WARNING: Het dilemma DIL_2022_D heeft geen tekst. Schrijf de tekst "
        "onder de opties, na één lege regel, en vóór de afsluitende ```. [stand.tekst_ontbreekt]",
    ],
    "optie_in_tekst": [
        "2022/index.md:16: WARNING: In de tekst van OR_2022_R staat :adresseert: als gewone "
        "tekst: een lege regel tussen de opties heeft het blok met opties beëindigd, dus wat "
        "eronder staat telt niet mee. Haal de lege regel weg, zodat alle opties direct onder "
        "elkaar onder de eerste regel staan. [stand.optie_in_tekst]",
    ],
    "onderdeel_in_onderdeel": [
        "2022/index.md:15: WARNING: Het blok dat op regel 15 begint (```{oplossingsrichting} "
        "Richting) wordt niet afgesloten en loopt door tot het einde van het blok dilemma "
        "DIL_2022_D: alles daarna is nu deel van dat blok, en een onderdeel daarin verdwijnt. "
        "Sluit het blok af met ``` (evenveel tekens als bij het begin) op een eigen regel; "
        "staat het in een onderdeel, sluit dan ook dat onderdeel af. [stand.blok_open]",
        "2022/index.md:15: WARNING: De oplossingsrichting OR_2022_R staat in de tekst van "
        "DIL_2022_D: meestal is DIL_2022_D (of een codeblok erin) niet afgesloten. Zet ``` op "
        "een eigen regel na de tekst van DIL_2022_D, vóór OR_2022_R begint. "
        "[stand.onderdeel_in_onderdeel]",
    ],
    "blok_open": [
        "2022/index.md:26: WARNING: Het blok dat op regel 26 begint (```text) wordt niet "
        "afgesloten en loopt door tot het einde van de pagina: alles daarna is nu deel van dat "
        "blok, en een onderdeel daarin verdwijnt. Sluit het blok af met ``` (evenveel tekens "
        "als bij het begin) op een eigen regel; staat het in een onderdeel, sluit dan ook dat "
        "onderdeel af. [stand.blok_open]",
    ],
    "onderdeel_verloren": [
        "2022/index.md:12: WARNING: DIL_2022_D staat in het codeblok dat op regel 10 begint en "
        "is daardoor geen onderdeel: het staat als code op de site en ontbreekt in needs.json. "
        "Meestal staat vlak boven regel 10 een ``` te veel, of is het blok ervoor niet goed "
        "afgesloten. [stand.onderdeel_verloren]",
        "2022/index.md:17: WARNING: OR_2022_R verwijst met :adresseert: naar DIL_2022_D; dat "
        "staat in 2022/index.md op regel 12, maar is geen onderdeel geworden door een andere "
        "fout (zie de melding daar, of erboven): los die eerst op. [stand.link_onbekend]",
    ],
    "html": [
        "2022/index.md:14: WARNING: In de tekst van DIL_2022_D staat HTML (<span "
        'onclick="alert(1)">); de site toont die als gewone tekst. Schrijf opmaak in Markdown '
        "(**vet**, *schuin*, [tekst](adres)) en haal de HTML weg. [stand.html]",
        "2022/index.md:16: WARNING: In de tekst van DIL_2022_D staat HTML (<div "
        'onclick="alert(2)">blok</div>); de site toont die als gewone tekst. Schrijf opmaak in '
        "Markdown (**vet**, *schuin*, [tekst](adres)) en haal de HTML weg. [stand.html]",
        "2022/index.md:26: WARNING: Op deze pagina staat HTML (<script>alert(3)</script>); de "
        "site toont die als gewone tekst. Schrijf opmaak in Markdown (**vet**, *schuin*, "
        "[tekst](adres)) en haal de HTML weg. [stand.html]",
        "2022/index.md:10: WARNING: De titel van DIL_2022_D bevat HTML (<b>); de site toont die "
        "als gewone tekst. Haal de HTML uit de titel. [stand.html]",
    ],
    "pdf": [
        "2022/index.md:26: WARNING: De pdf kan 'math_block' niet weergeven; de tekst staat er "
        "zonder opmaak in. Gebruik opmaak uit de handleiding (alinea's, lijsten, tabellen, "
        "citaten, voetnoten, afbeeldingen), of meld dit aan de beheerders van stand. [stand.pdf]",
    ],
    "codering": [
        "2022/index.md:8: WARNING: Het bestand 2022/index.md is niet opgeslagen als UTF-8: regel "
        "8 bevat een teken dat geen UTF-8 is (byte 0xE9; ook op 1 andere regel), vaak een é, ë "
        "of ’ uit een ander programma. Sla het bestand op als UTF-8 (in de editor: Opslaan als, "
        "codering UTF-8); tot dan staat op die plaatsen �. [stand.codering]",
    ],
}


def warnings_of(app: Any, warning: Any) -> list[str]:
    """Warnings as a writer reads them: colours stripped, paths relative to the root."""
    text = strip_escape_sequences(warning.getvalue())
    return [line.replace(f"{app.srcdir}/", "") for line in text.splitlines() if line]


#: What only the PDF cannot show is found by the PDF builder.
BUILDERS = {"pdf": "standpdf"}


def rule_case(subtype: str, **kwargs: Any) -> Any:
    builder = BUILDERS.get(subtype, "html")
    return pytest.param(
        subtype,
        marks=pytest.mark.sphinx(builder, testroot=f"regel-{subtype}", freshenv=True, **kwargs),
        id=subtype,
    )


def test_every_documented_subtype_has_a_root() -> None:
    assert sorted(EXPECTED) == sorted(SUBTYPES)


@pytest.mark.parametrize("subtype", [rule_case(s) for s in SUBTYPES])
def test_rule_gives_exact_located_warning(app: Any, warning: Any, subtype: str) -> None:
    app.build()
    assert warnings_of(app, warning) == EXPECTED[subtype]


@pytest.mark.parametrize("subtype", [rule_case(s) for s in SUBTYPES])
def test_need_breaking_a_rule_is_still_rendered(app: Any, subtype: str) -> None:
    app.build()
    if app.builder.name == "standpdf":  # writes no needs.json: the site has it
        needs = dict(get_needs_view(app))
        (pdf,) = app.outdir.glob("*.pdf")
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert [need_id for need_id in needs if need_id not in text] == []
        return
    data = json.loads((app.outdir / "needs.json").read_text(encoding="utf-8"))
    needs = data["versions"][data["current_version"]]["needs"]
    html = "".join(p.read_text(encoding="utf-8") for p in app.outdir.rglob("*.html"))
    for need_id in needs:
        assert f'id="{need_id}"' in html, need_id


@pytest.mark.sphinx("html", testroot="schoon", freshenv=True)
def test_clean_root_gives_no_warnings(app: Any, warning: Any) -> None:
    app.build()
    assert strip_escape_sequences(warning.getvalue()) == ""


#: Roots whose mistake also breaks a second rule (a need lost or nested), by design.
ALSO = {"onderdeel_in_onderdeel": ["blok_open"], "onderdeel_verloren": ["link_onbekend"]}


@pytest.mark.parametrize(
    "subtype",
    [
        rule_case(
            s, confoverrides={"suppress_warnings": [f"stand.{t}" for t in [s, *ALSO.get(s, [])]]}
        )
        for s in SUBTYPES
    ],
)
def test_suppress_warnings_silences_a_subtype(app: Any, warning: Any, subtype: str) -> None:
    app.build()
    assert strip_escape_sequences(warning.getvalue()) == ""


def test_rules_page_documents_every_subtype(real_html: Any) -> None:
    html = (real_html / "handleiding" / "regels.html").read_text(encoding="utf-8")
    assert [s for s in SUBTYPES if f"stand.{s}" not in html] == []


def test_staat_page_lists_every_default_thema(real_html: Any) -> None:
    html = (real_html / "handleiding" / "staat.html").read_text(encoding="utf-8")
    assert [
        t
        for t in THEMAS
        if f'<code class="docutils literal notranslate"><span class="pre">{t}</span></code>'
        not in html
    ] == []
