"""Published years: fingerprints and errata, pure and in real builds of a repository copy."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import stand
from stand.build import to_record
from stand.freeze import (
    Change,
    FreezeError,
    compare,
    dump,
    fingerprint,
    line_of,
    parse,
    publish,
    with_erratum,
)
from stand.model import Record
from test_cli import copy_repo
from test_years import ROOTS, needs_of, sphinx_build


def need(need_id: str = "DIL_2022_A", **changes: object) -> Record:
    values: dict[str, object] = {
        "id": need_id,
        "type": "dilemma",
        "jaar": "2022",
        "status": "open",
        "title": "Titel",
        "content": "Eerste regel\nen de tweede.",
        "links": {"raakt": ("HP_B", "HP_A"), "adresseert": ()},
        **changes,
    }
    return Record(**values)  # type: ignore[arg-type]


# --- Pure ------------------------------------------------------------------------


def test_fingerprint_is_stable() -> None:
    """Published files hold these digests: changing how they are made breaks every frozen year."""
    assert fingerprint(need()) == {
        "titel": "8846281cee7fee9e647b08cf79071229a050ef759fa872b15f1b5b36530b735f",
        "tekst": "256827f85b5dc546164f440425ad04a7845a1418de22ac26e0f935a45099de5e",
        "status": "35ff74aeea25311f4fe759a6b762c8cd41a79adb23dd5615b92cf215175a63e5",
        "verbanden": "2d0058e8b7e81f73914c814ce7acc0df0aef01569b9d476d52375debeed49a78",
    }
    fp = fingerprint(need())
    assert fp == fingerprint(need(content="Eerste   regel en\n\nde tweede.  "))  # re-wrapped
    assert fp == fingerprint(need(links={"raakt": ("HP_A", "HP_B")}))  # order, empty types
    assert fp == fingerprint(need(lineno=99, docname="2022/elders"))  # place is not content
    assert fp["tekst"] != fingerprint(need(content="Eerste regel en de derde."))["tekst"]
    assert fp["verbanden"] != fingerprint(need(links={"raakt": ("HP_A",)}))["verbanden"]
    assert fp["status"] != fingerprint(need(status="deels_opgelost"))["status"]
    assert fp["titel"] != fingerprint(need(title="Titel!"))["titel"]


def test_compare_names_what_changed() -> None:
    frozen = publish("2022", "2022-10-01", {"DIL_2022_A": need(), "DIL_2022_B": need("DIL_2022_B")})
    assert list(frozen.needs) == ["DIL_2022_A", "DIL_2022_B"]
    now = {
        "DIL_2022_A": need(title="Nieuw", status="opgelost"),
        "DIL_2022_C": need("DIL_2022_C"),
        "DIL_2023_A": need("DIL_2023_A", jaar="2023"),  # another year: not frozen
    }
    assert compare(frozen, now) == [
        Change("DIL_2022_A", "gewijzigd", ("titel", "status")),
        Change("DIL_2022_B", "verwijderd"),
        Change("DIL_2022_C", "toegevoegd"),
    ]


def test_errata_accept_a_change_and_refuse_what_is_not_one() -> None:
    frozen = publish("2022", "2022-10-01", {"DIL_2022_A": need(), "DIL_2022_B": need("DIL_2022_B")})
    changed = {"DIL_2022_A": need(content="Verbeterd.")}
    one = with_erratum(frozen, "DIL_2022_A", "  Een  tikfout. ", "2023-01-02", changed)
    assert compare(one, changed) == [Change("DIL_2022_B", "verwijderd")]
    two = with_erratum(one, "DIL_2022_B", "Dubbel.", "2023-01-03", changed)
    assert compare(two, changed) == []
    assert two.needs["DIL_2022_B"] is None
    assert [(e.id, e.datum, e.uitleg, e.onderdelen) for e in two.errata] == [
        ("DIL_2022_A", "2023-01-02", "Een tikfout.", ("tekst",)),
        ("DIL_2022_B", "2023-01-03", "Dubbel.", ("verwijderd",)),
    ]
    with pytest.raises(FreezeError, match="niet gewijzigd"):
        with_erratum(two, "DIL_2022_A", "Nogmaals.", "2023-01-04", changed)
    with pytest.raises(FreezeError, match="geen need DIL_2022_X"):
        with_erratum(two, "DIL_2022_X", "Wat?", "2023-01-04", changed)
    with pytest.raises(FreezeError, match="uitleg"):
        with_erratum(frozen, "DIL_2022_A", " ", "2023-01-04", changed)

    # The file: sorted keys, only dates, and it reads back as it was written.
    text = dump(two)
    assert parse(text) == two
    assert text == json.dumps(json.loads(text), sort_keys=True, ensure_ascii=False, indent=2) + "\n"
    assert line_of(text, "DIL_2022_A") == text.splitlines().index('    "DIL_2022_A": {') + 1


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ('{\n  "jaar": "2022"\n  "needs": {}\n}', "geen geldige JSON", 3),
        ('{"jaar": "2022", "needs": {}, "errata": []}', "'gepubliceerd' ontbreekt", 1),
        ('{"jaar": "2022", "gepubliceerd": "gisteren", "needs": {}, "errata": []}', "datum", None),
        (
            '{"jaar": "2022", "gepubliceerd": "2022-10-01", "needs": {\n  "A": {"titel": "x"}},'
            ' "errata": []}',
            "onvolledig",
            2,
        ),
    ],
)
def test_a_broken_file_says_what_and_where(text: str, message: str, line: int | None) -> None:
    with pytest.raises(FreezeError, match=message) as error:
        parse(text)
    assert error.value.lineno == line


# --- In builds -------------------------------------------------------------------


def test_errata_are_shown_with_the_need(tmp_path: Path) -> None:
    """Changed, added and removed: each erratum on the page, after an incremental build."""
    src = tmp_path / "src"
    shutil.copytree(ROOTS / "test-regel-bevroren_gewijzigd", src)
    warnings = sphinx_build(src, tmp_path / "html", "-E")
    assert warnings.count("[stand.bevroren_gewijzigd]") == 3
    records = {i: to_record(n) for i, n in needs_of(tmp_path / "html").items()}

    path = src / "2022" / "gepubliceerd.json"
    frozen = parse(path.read_text(encoding="utf-8"))
    for need_id, why in (
        ("DIL_2022_D", "Een zin verduidelijkt."),
        ("AL_2022_NIEUW", "Vergeten in de verzonden versie."),
        ("DIL_2022_WEG", "Stond er twee keer in."),
    ):
        frozen = with_erratum(frozen, need_id, why, "2023-02-01", records)
    path.write_text(dump(frozen), encoding="utf-8")

    assert sphinx_build(src, tmp_path / "html", "-W") == ""
    page = (tmp_path / "html" / "2022" / "index.html").read_text(encoding="utf-8")
    boxes = page.split('<div class="stand-erratum admonition">')[1:]
    assert len(boxes) == 3
    assert all("Erratum (2023-02-01)" in box for box in boxes)
    places = [
        page.index(text)
        for text in (
            'id="DIL_2022_D"',
            "Een zin verduidelijkt.",
            'id="AL_2022_NIEUW"',
            "Vergeten in de verzonden versie.",
            "DIL_2022_WEG is na publicatie verwijderd. Stond er twee keer in.",
        )
    ]
    assert places == sorted(places)


def test_publish_then_a_frozen_edit_fails_until_an_erratum(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path)
    assert stand(repo, "nieuw-jaar", "2023").returncode == 0  # unfinished year beside it

    published = stand(repo, "publiceer", "2022", "--datum", "2022-10-01")
    assert published.returncode == 0, published.stderr
    path = repo / "docs/2022/gepubliceerd.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["gepubliceerd"] == "2022-10-01"
    assert len(data["needs"]) == 26 and all(i.split("_")[1] == "2022" for i in data["needs"])
    again = stand(repo, "publiceer", "2022")
    assert again.returncode == 2 and "al gepubliceerd" in again.stderr

    out = tmp_path / "html"
    assert sphinx_build(repo / "docs", out, "-W", conf=repo) == ""

    page = repo / "docs/2022/dilemmas.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("gebrek aan focus", "een gebrek aan focus", 1),
        encoding="utf-8",
    )
    warnings = sphinx_build(repo / "docs", out, conf=repo)  # incremental, as make live does
    assert warnings.splitlines() == [
        f"{repo}/docs/2022/dilemmas.md:14: WARNING: DIL_2022_FOCUS is gewijzigd na de "
        "publicatie van 2022 op 2022-10-01 (tekst). Zet de wijziging terug, of leg haar vast "
        'als erratum: stand publiceer 2022 --erratum DIL_2022_FOCUS "<uitleg>" '
        "[stand.bevroren_gewijzigd]"
    ]

    erratum = stand(repo, "publiceer", "2022", "--erratum", "DIL_2022_FOCUS", "Het woord ‘een’.")
    assert erratum.returncode == 0, erratum.stderr
    # Only the freeze file changed: the year's pages are re-read and show the erratum.
    assert sphinx_build(repo / "docs", out, "-W", conf=repo) == ""
    html = (out / "2022/dilemmas.html").read_text(encoding="utf-8")
    need_at = html.index('id="DIL_2022_FOCUS"')
    box_at = html.index('<div class="stand-erratum admonition">')
    assert need_at < box_at < html.index('id="OR_2022_HERGEBRUIK"')
    assert "Het woord ‘een’." in html[box_at:]
