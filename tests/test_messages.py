"""Messages from Sphinx, MyST and sphinx-needs: Dutch, located, with their own types.

One root holds the mistakes a writer makes most (test-meldingen); its exact warning
list is asserted. Every entry of the translation table is tested on its example,
and the pure helpers behind the writing rules on plain text.
"""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path
from typing import Any

import pytest
from sphinx.cmd.build import build_main
from sphinx.util.console import strip_escape_sequences
from stand.messages import TRANSLATIONS, translate, untranslated
from stand.sources import bad_encoding, scan
from stand.textrules import html_in, stray_options
from stand.translations import Translation
from test_rules import warnings_of

CONTEXT = {"wie": "het onderdeel DIL_2022_D", "Wie": "Het onderdeel DIL_2022_D"}

MELDINGEN = [
    "2022/index.md:3: WARNING: De inhoudsopgave (toctree) noemt de pagina 2022/bestaatniet, "
    "maar die bestaat niet: controleer de spelling (zonder .md) of maak het bestand "
    "2022/bestaatniet.md aan. [toc.not_readable]",
    "2022/index.md:8: WARNING: Het onderdeel AL_2022_LIJN heeft een onbekende optie :stauts:; "
    "die wordt genegeerd. Bedoelt u :status:? Mogelijke opties: :id:, :status:, :jaar:, "
    ":thema:, :tags:, :adresseert:, :valt_onder:, :vervolg_op:, :raakt:. [needs.directive]",
    "2022/index.md:16: WARNING: Het onderdeel DIL_2022_D heeft geen titel. Schrijf de titel "
    "achter de soort, bijvoorbeeld ```{dilemma} Focus: goed en duurzaam. [needs.directive]",
    "2022/index.md:29: WARNING: Het ID OR_2022_R is al gebruikt (2022/index.md, regel 22); dit "
    "tweede onderdeel met dat ID is niet aangemaakt en ontbreekt op de site. Geef een van "
    "beide een eigen ID. [needs.create_need]",
    "2022/index.md:37: WARNING: Onbekende opdracht {dilema}: dit blok wordt niet getoond. "
    "Bedoelt u {dilemma}? Soorten onderdelen: handelingsperspectief, actielijn, dilemma, "
    "oplossingsrichting. [myst.directive_unknown]",
    "2022/index.md:41: WARNING: Onbekende rol {nee}`…`: de tekst wordt niet als verwijzing "
    "getoond. Bedoelt u {need}? Naar een onderdeel verwijst u met {need}`ID`. "
    "[myst.role_unknown]",
    "2022/index.md:45: WARNING: De kop springt van niveau 1 (#) naar niveau 4 (####): de "
    "inhoudsopgave en schermlezers missen dan een niveau. Gebruik ##. [myst.header]",
    "2022/index.md:43: WARNING: De afbeelding 2022/plaatje.png bestaat niet of is onleesbaar: "
    "controleer de bestandsnaam (hoofdletters tellen mee) en of het bestand in de repository "
    "staat. [image.not_readable]",
    "2022/voorwerk.md:1: WARNING: Het voorwerk bovenaan de pagina (tussen de regels ---) is "
    "geen geldige YAML: controleer dubbele punten, haakjes en aanhalingstekens, of haal het "
    "voorwerk weg. [myst.topmatter]",
    "2022/los.md:1: WARNING: Deze pagina staat in geen enkele inhoudsopgave en is op de site "
    "niet te vinden. Zet haar in de toctree van de index van haar map, of zet bovenaan "
    "orphan: true tussen twee regels ---. [toc.not_included]",
    # The ID under the misspelt {dilema} is a need the writer meant: lost, not misspelt.
    "2022/index.md:38: WARNING: DIL_2022_X is geen onderdeel geworden: het ontbreekt op de "
    "site en in needs.json. Staat er een andere melding bij, los die dan op; anders: begint "
    "het met ```{soort} Titel op een eigen regel, staan de opties direct daaronder, en is het "
    "blok ervoor afgesloten? [stand.onderdeel_verloren]",
    "2022/index.md:41: WARNING: De link naar 'nergens' wijst naar niets: er is geen pagina, kop "
    "of label met die naam. Controleer de spelling; een kop op deze pagina schrijft u als "
    "#kop-in-kleine-letters, een pagina als pad/naar/pagina.md. [myst.xref_missing]",
    "2022/index.md:41: WARNING: De pagina '/nergens' bestaat niet: controleer de spelling "
    "(zonder .md, vanaf de map docs/ met een / ervoor). [ref.doc]",
    "2022/index.md:41: WARNING: Het label 'geen-label' bestaat niet: controleer de spelling, of "
    "zet (geen-label)= boven de kop waar u naar wilt verwijzen. [ref.ref]",
    "2022/index.md:20: WARNING: De verwijzing {need}`DIL_2022_NIET` wijst naar een ID dat "
    "nergens bestaat: controleer de spelling of voeg dat onderdeel toe. [needs.link_ref]",
]


@pytest.mark.sphinx("html", testroot="meldingen", freshenv=True)
def test_writer_mistakes_give_dutch_located_warnings(app: Any, warning: Any) -> None:
    app.build()
    assert warnings_of(app, warning) == MELDINGEN


@pytest.mark.sphinx(
    "html",
    testroot="meldingen",
    freshenv=True,
    confoverrides={
        "suppress_warnings": ["needs", "myst", "toc", "ref", "image", "stand.onderdeel_verloren"]
    },
)
def test_translated_warnings_keep_their_type_for_suppress_warnings(app: Any, warning: Any) -> None:
    app.build()
    assert strip_escape_sequences(warning.getvalue()) == ""


@pytest.mark.sphinx("html", testroot="regel-html", freshenv=True)
def test_raw_html_never_reaches_the_site(app: Any) -> None:
    app.build()
    html = (app.outdir / "2022" / "index.html").read_text(encoding="utf-8")
    for raw in ('<span onclick="alert(1)">', '<div onclick="alert(2)">', "<script>alert(3)"):
        assert raw not in html
    assert "&lt;span onclick=&quot;alert(1)&quot;&gt;hier&lt;/span&gt;" in html
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in html
    assert "Matrix &lt;jaar&gt; blijft tekst" in html
    assert "Dilemma &lt;b&gt;vet&lt;/b&gt;" in html


@pytest.mark.sphinx("html", testroot="regel-codering", freshenv=True)
def test_a_latin1_file_is_read_with_its_needs(app: Any) -> None:
    app.build()
    html = (app.outdir / "2022" / "index.html").read_text(encoding="utf-8")
    assert 'id="DIL_2022_D"' in html
    assert "Tekst van AL_2022_LIJN, ��n keer." in html


def _rule_id(rule: Translation) -> str:
    return f"{rule.type}.{rule.subtype or '*'}:{rule.example[:30]}"


@pytest.mark.parametrize("rule", TRANSLATIONS, ids=_rule_id)
def test_every_translation_translates_its_example(rule: Translation) -> None:
    dutch = translate(rule.example, rule.type, rule.subtype, CONTEXT)
    match = rule.pattern.match(rule.example)
    assert match is not None
    groups = {k: v for k, v in match.groupdict().items() if v is not None}
    assert dutch == rule.apply({**CONTEXT, **groups})
    assert "meldt (nog niet" not in dutch


def test_an_unknown_message_keeps_its_text_behind_a_dutch_lead() -> None:
    message = "something new went wrong"
    assert translate(message, "needs", "brand_new", CONTEXT) == untranslated(message, "needs")
    assert untranslated(message, None) == (
        "Sphinx meldt (nog niet in het Nederlands vertaald): something new went wrong"
    )


def test_scan_finds_unclosed_fences_and_written_ids() -> None:
    text = (
        "```{dilemma} D\n:id: DIL_2022_D\n:status: open\n\nTekst.\n```python\nx = 1\n```\n"
        "```\n```{dilemma} E\n:id: DIL_2022_E\n```\n\n````text\n:id: DIL_2022_VOORBEELD\n````\n"
    )
    fences, written = scan(text)
    assert [(f.line, f.opening, f.inside) for f in fences] == [
        (6, "```python", "dilemma DIL_2022_D")
    ]
    assert written == {"DIL_2022_D": (2, None), "DIL_2022_E": (11, 9)}


def test_an_id_in_a_misspelt_need_type_is_written_not_misspelt() -> None:
    """``{dilema}``: MyST reports the directive; the ID is one the writer meant."""
    text = "```{dilema} D\n:id: DIL_2022_D\n```\n```{Oplossingsrichting} R\n:id: OR_2022_R\n```\n"
    text += "```{note}\n:id: GEEN_NEED\n```\n"
    assert scan(text)[1] == {"DIL_2022_D": (2, None), "OR_2022_R": (5, None)}


def test_bad_encoding_names_the_first_line() -> None:
    assert bad_encoding("één\n".encode()) is None
    found = bad_encoding(b"# Titel\n\nCaf\xe9\nna\xefef\n")
    assert found is not None
    assert (found.line, found.byte, found.lines) == (3, 0xE9, 2)


def test_stray_options_outside_code_only() -> None:
    assert stray_options(":adresseert: DIL_2022_D\n\nTekst.\n") == {"adresseert": "DIL_2022_D"}
    assert stray_options("```\n:status: open\n```\n:onbekend: x\n") == {}


def test_html_in_ignores_placeholders() -> None:
    assert html_in("Matrix <jaar> en <SLUG>") is None
    assert html_in("Een <b>vet</b> woord") == "<b>"
    assert html_in("<!-- opmerking -->") == "<!--"


def test_under_w_a_translated_warning_fails_the_build(tmp_path: Any) -> None:
    """As ``make docs`` builds: ``-W --keep-going``, non-zero exit, Dutch on stderr."""
    project = tmp_path / "stand"
    shutil.copytree(Path(__file__).parent / "roots" / "test-meldingen", project)
    stderr = io.StringIO()
    args = ["-b", "html", "-W", "--keep-going", "-q", "-c", str(project), str(project)]
    with contextlib.redirect_stderr(stderr), contextlib.redirect_stdout(io.StringIO()):
        code = build_main([*args, str(tmp_path / "html")])
    text = strip_escape_sequences(stderr.getvalue()).replace(f"{project}/", "")
    assert code == 1
    assert [line for line in text.splitlines() if "WARNING" in line] == MELDINGEN
