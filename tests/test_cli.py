"""The ``stand`` command line on real copies of the repository: nieuw-jaar, controleer."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, stand
from htmltables import tables
from stand import cli, newyear
from test_years import needs_of, sphinx_build


def copy_repo(tmp_path: Path) -> Path:
    """What a writer has: conf.py and docs/ (the extension is the installed package)."""
    repo = tmp_path / "repo"
    repo.mkdir()
    shutil.copy2(REPO / "conf.py", repo / "conf.py")
    shutil.copytree(REPO / "docs", repo / "docs")
    return repo


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return copy_repo(tmp_path)


def ids_of_year(needs: dict[str, Any], year: str) -> list[str]:
    return sorted(i for i, n in needs.items() if n["jaar"] == year)


def words_of(html: str, css_class: str) -> str:
    """The words of a view and what follows it on the page, tags dropped."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html[html.index(f'class="{css_class}') :]))


def test_new_year_builds_at_once_and_links_back(repo: Path, tmp_path: Path) -> None:
    proc = stand(repo, "nieuw-jaar", "2023")
    assert proc.returncode == 0, proc.stderr
    assert "26 needs overgenomen" in proc.stdout

    # Same pages, same headings with the new year, the year in the table of contents.
    assert sorted(p.name for p in (repo / "docs" / "2023").iterdir()) == sorted(
        p.name for p in (REPO / "docs" / "2022").glob("*.md")
    )
    assert (
        (repo / "docs/2023/index.md")
        .read_text(encoding="utf-8")
        .startswith("# Stand van Logius 2023\n")
    )
    index = (repo / "docs/index.md").read_text(encoding="utf-8").splitlines()
    assert index.index("2023/index") == index.index("2022/index") - 1
    assert any(line.startswith("- [Stand van Logius 2023](2023/index.md)") for line in index)

    # The whole tree builds with -W at once.
    assert sphinx_build(repo / "docs", tmp_path / "html", "-W", "-E", conf=repo) == ""
    needs = needs_of(tmp_path / "html")
    old, new = ids_of_year(needs, "2022"), ids_of_year(needs, "2023")
    assert new == [i.replace("_2022_", "_2023_") for i in old]
    for need_id in new:
        assert needs[need_id]["vervolg_op"] == [need_id.replace("_2023_", "_2022_")]
        assert needs[need_id]["lijn"] == need_id.replace("_2023_", "_2022_")
        assert "nog_te_actualiseren" in needs[need_id]["tags"]
    assert needs["OR_2023_LCM"]["adresseert"] == ["DIL_2023_FOCUS"]
    assert needs["OR_2023_LCM"]["status"] == "voorgesteld"
    assert needs["DIL_2023_ARBEIDSMARKT"]["raakt"] == ["HP_STATUUR"]
    assert needs["AL_2023_GDI"]["valt_onder"] == ["HP_DIGITALE_AGENDA"]
    assert needs["DIL_2022_FOCUS"]["vervolg_op_back"] == ["DIL_2023_FOCUS"]
    assert needs["DIL_2023_FOCUS"]["content"] == needs["DIL_2022_FOCUS"]["content"]

    # The overview follows by itself: both years in every view, and their difference.
    overview = (tmp_path / "html/overzicht/index.html").read_text(encoding="utf-8")
    for lines in tables(overview, "stand-jaarlijnen"):
        assert [c.text for c in lines.rows[0]] == ["Lijn", "2022", "2023"]
        assert all(
            row[2].links[0] == row[1].links[0].replace("_2022_", "_2023_") for row in lines.rows[1:]
        )
    difference = words_of(overview, "stand-jaarverschil")
    for part in (
        "Van 2022 naar 2023",
        "Nieuw in 2023 (0)",
        "Voortgezet van 2022 naar 2023 (26)",
        "DIL_2022_FOCUS → DIL_2023_FOCUS Focus: goed en duurzaam",
        "Niet voortgezet na 2022 (0)",
    ):
        assert part in difference, part
    assert "één verslagjaar" not in overview and "alleen het verslagjaar" not in overview

    # Visible on the page: the box with the need, the marker under the heading.
    page = (tmp_path / "html/2023/dilemmas.html").read_text(encoding="utf-8")
    assert page.count("stand-need-actualiseren") == len([i for i in new if "AL_" not in i])
    assert 'class="stand-nog-te-actualiseren admonition"' in page
    flows = (repo / "docs/2023/traceerbaarheid.md").read_text(encoding="utf-8")
    assert ":dilemma: DIL_2023_FOCUS" in flows
    assert "2022_" not in flows

    # controleer: clean; --publicatie: every need still to update, located, by ID.
    clean = stand(repo / "docs" / "2023", "controleer")  # from a folder below the root
    assert (clean.returncode, clean.stderr) == (0, "")
    check = stand(repo, "controleer", "--publicatie")
    assert check.returncode == 1
    assert "Traceback" not in check.stderr
    for need_id in new:
        need = needs[need_id]
        line = f"docs/{need['docname']}.md:{need['lineno']}: WARNING: {need_id} is nog niet"
        assert line in check.stderr
    pages = re.findall(r"^(docs/2023/\w+\.md):3: WARNING: Deze pagina", check.stderr, re.M)
    assert sorted(pages) == sorted(f"docs/2023/{p.name}" for p in (repo / "docs/2023").iterdir())
    assert "docs/2022/" not in check.stderr

    # Publishing the unfinished year is refused and writes nothing.
    refused = stand(repo, "publiceer", "2023")
    assert refused.returncode == 1
    assert "DIL_2023_FOCUS is nog niet bijgewerkt" in refused.stderr
    assert not (repo / "docs/2023/gepubliceerd.json").exists()


def test_new_year_leaves_out_what_is_closed(repo: Path, tmp_path: Path) -> None:
    page = repo / "docs/2022/dilemmas.md"
    text = page.read_text(encoding="utf-8")
    for need_id, status in (
        ("DIL_2022_COMPLEXITEIT", "opgelost"),
        ("OR_2022_LCM", "vervallen"),
    ):
        text = re.sub(rf"(:id: {need_id}\n:status: )\w+", rf"\g<1>{status}", text)
    page.write_text(text, encoding="utf-8")

    proc = stand(repo, "nieuw-jaar", "2023")
    assert proc.returncode == 0, proc.stderr
    assert sphinx_build(repo / "docs", tmp_path / "html", "-W", "-E", conf=repo) == ""
    needs = needs_of(tmp_path / "html")
    new = ids_of_year(needs, "2023")
    # The dilemma that was solved, its oplossingsrichtingen, and the one that lapsed stay behind.
    left = {"DIL_2023_COMPLEXITEIT", "OR_2023_LCM", "OR_2023_MIDO_GOVERNANCE"}
    assert not left & set(new)
    assert {"OR_2023_GEEN_EXTRA_DRUK", "OR_2023_PRIORITEITEN"}.isdisjoint(new)
    assert len(new) == 26 - 5
    flows = (repo / "docs/2023/traceerbaarheid.md").read_text(encoding="utf-8")
    assert "DIL_2022_COMPLEXITEIT" not in flows.split("## Per dilemma")[1]  # its flow is gone
    assert "{need}`DIL_2022_COMPLEXITEIT`" in flows  # a reference in the text stays valid


def test_refused_runs_change_nothing(repo: Path) -> None:
    before = snapshot(repo)
    for args, message in (
        (("nieuw-jaar", "2022"), "docs/2022/ bestaat al"),
        (("nieuw-jaar", "2023", "--van", "2019"), "er is geen map docs/2019/"),
        (("nieuw-jaar", "2021"), "er is geen verslagjaar vóór 2021"),
        (("nieuw-jaar", "twintig"), "'twintig' is geen jaar"),
        (("nieuw-jaar", "2023", "--van", "2024"), "er is geen map docs/2024/"),
        (("nieuw-jaar", "2024"), "2024 zou 2023 overslaan"),
        (("nieuw-jaar", "2026"), "2026 zou 2023 tot en met 2025 overslaan"),
    ):
        proc = stand(repo, *args)
        assert proc.returncode == 2, args
        assert proc.stderr.startswith("Fout: ") and message in proc.stderr, proc.stderr
        assert "Traceback" not in proc.stderr
    assert snapshot(repo) == before


def test_interrupted_new_year_leaves_nothing(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(repo)
    monkeypatch.chdir(repo)
    written: list[Path] = []
    real_write = cli.write_file

    def disk_full_after_two(path: Path, data: bytes) -> None:
        if len(written) == 2:
            raise OSError(28, "Geen ruimte meer op het apparaat", str(path))
        real_write(path, data)
        written.append(path)

    monkeypatch.setattr(cli, "write_file", disk_full_after_two)
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["nieuw-jaar", "2023"])
    assert exit_info.value.code == 2
    assert len(written) == 2
    assert "Geen ruimte meer" in capsys.readouterr().err
    assert snapshot(repo) == before
    assert sorted(p.name for p in repo.iterdir()) == ["conf.py", "docs"]

    # Failing at the very last step, replacing docs/index.md, takes the new year back out.
    monkeypatch.setattr(cli, "write_file", real_write)

    def no_replace(src: Any, dst: Any) -> None:
        raise OSError(13, "Toegang geweigerd", str(dst))

    monkeypatch.setattr(cli.os, "replace", no_replace)
    with pytest.raises(SystemExit):
        cli.main(["nieuw-jaar", "2023"])
    assert snapshot(repo) == before
    assert sorted(p.name for p in repo.iterdir()) == ["conf.py", "docs"]


def test_controleer_fails_on_a_broken_rule(repo: Path) -> None:
    page = repo / "docs/2022/dilemmas.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace(":adresseert: DIL_2022_FOCUS\n", "", 1),
        encoding="utf-8",
    )
    proc = stand(repo, "controleer")
    assert proc.returncode == 1
    assert proc.stderr.splitlines()[0] == (
        "docs/2022/dilemmas.md:26: WARNING: De oplossingsrichting OR_2022_HERGEBRUIK heeft "
        "geen :adresseert:; noem het dilemma dat zij adresseert. [stand.adresseert_ontbreekt]"
    )
    assert proc.stderr.splitlines()[-1].startswith("Fout: de controle vond meldingen")
    assert not (repo / "_build").exists()


def test_new_year_folder_is_readable_by_others(repo: Path) -> None:
    proc = stand(repo, "nieuw-jaar", "2023", umask="022")
    assert proc.returncode == 0, proc.stderr
    made = [repo / "docs" / "2023", *(repo / "docs" / "2023").rglob("*")]
    assert {oct(p.stat().st_mode & 0o777) for p in made if p.is_dir()} == {"0o755"}
    assert {oct(p.stat().st_mode & 0o777) for p in made if p.is_file()} == {"0o644"}


def test_controleer_checks_what_the_pdf_checks(repo: Path) -> None:
    """Never green where `stand bouw` is red: what only the PDF cannot show fails too."""
    with (repo / "docs/2022/inleiding.md").open("a", encoding="utf-8") as page:
        page.write("\n```{math}\nE = mc^2\n```\n")
    proc = stand(repo, "controleer")
    assert proc.returncode == 1
    (line,) = [line for line in proc.stderr.splitlines() if "WARNING" in line]
    assert line.startswith("docs/2022/inleiding.md:")
    assert "De pdf kan 'math_block' niet weergeven" in line and line.endswith("[stand.pdf]")
    assert stand(repo, "bouw", "--uit", str(repo / "uit")).returncode == 1


def test_outside_a_repository_and_wrong_arguments(tmp_path: Path) -> None:
    proc = stand(tmp_path, "controleer")
    assert proc.returncode == 2
    assert proc.stderr.startswith("Fout: geen repository gevonden")

    usage = stand(tmp_path, "exporteer")
    assert usage.returncode == 2
    assert "fout: deze argumenten ontbreken: --formaat, --uit" in usage.stderr
    assert "gebruik: stand exporteer" in usage.stderr

    helptext = stand(tmp_path, "--help").stdout
    for dutch in ("gebruik:", "opdrachten", "nieuw-jaar", "toon deze hulp en stop"):
        assert dutch in helptext
    assert "usage" not in helptext


def test_entry_point_is_installed() -> None:
    script = Path(sys.executable).parent / "stand"
    proc = subprocess.run([script, "publiceer", "--help"], capture_output=True, text=True)
    assert proc.returncode == 0
    assert "--erratum ID UITLEG" in proc.stdout


def test_blocks_give_back_the_page_byte_for_byte() -> None:
    text = (REPO / "docs/2022/voortgang.md").read_text(encoding="utf-8")
    blocks = newyear.split_blocks(text)
    assert "\n".join(line for b in blocks for line in b.lines) == text
    needs = [b for b in blocks if b.name == "actielijn"]
    assert needs and all(b.option("valt_onder") for b in needs)
    assert needs[0].options[0] == ("id", "AL_2022_TOEKOMSTBESTENDIGE_DIENSTVERLENING")


def test_plan_carries_links_views_and_markers(tmp_path: Path) -> None:
    """The rules of carrying over, on a small year: no build needed."""
    year = tmp_path / "2031"
    (year / "deel").mkdir(parents=True)
    (year / "gepubliceerd.json").write_text("{}", encoding="utf-8")
    (year / "figuur.svg").write_bytes(b"<svg/>")
    (year / "index.md").write_text(
        "# Stand 2031\n\n```{toctree}\ndeel/pagina\n/2031/deel/pagina\n```\n",
        encoding="utf-8",
    )
    (year / "deel" / "pagina.md").write_text(
        """# Dilemma's in 2031

In 2031 speelde {need}`DIL_2031_OPEN` en {need}`DIL_2031_KLAAR`.

```{dilemma} Open
:id: DIL_2031_OPEN
:status: deels_opgelost
:tags: belangrijk
:raakt: HP_A

Tekst met DIL_2031_OPEN.
```

```{dilemma} Klaar
:id: DIL_2031_KLAAR
:status: opgelost
```

```{dilemma} Zonder oplossing
:id: DIL_2031_ALLEEN
:status: open
```

````{oplossingsrichting} Voor beide
:id: OR_2031_BEIDE
:status: in_uitvoering
:adresseert: DIL_2031_KLAAR, DIL_2031_OPEN

```{note}
Binnenin.
```
````

```{oplossingsrichting} Alleen voor het opgeloste
:id: OR_2031_WEG
:status: voorgesteld
:adresseert: DIL_2031_KLAAR
```

```{needflow}
:filter-func: stand.views.dilemma_flow(DIL_2031_KLAAR)
```

```{needflow}
:filter-func: stand.views.dilemma_flow(DIL_2031_OPEN)
```

```{traceermatrix}
:jaar: 2031
```

```{jaarverschil}
:van: 2030
:naar: 2031
```
""",
        encoding="utf-8",
    )
    plan = newyear.plan_year(year, "2031", "2032")
    assert sorted(plan.files) == ["deel/pagina.md", "figuur.svg", "index.md"]
    assert plan.carried == {
        "DIL_2031_OPEN": "DIL_2032_OPEN",
        "DIL_2031_ALLEEN": "DIL_2032_ALLEEN",
        "OR_2031_BEIDE": "OR_2032_BEIDE",
    }
    assert plan.left_out == ["DIL_2031_KLAAR", "OR_2031_WEG"]
    assert plan.notices == [
        "DIL_2032_ALLEEN heeft geen oplossingsrichting meer die meekomt; voeg er een toe met "
        ":adresseert: DIL_2032_ALLEEN (anders meldt de bouw dilemma_zonder_oplossing)."
    ]
    # Only a heading and a table of contents: nothing to rewrite, so no marker.
    index = plan.files["index.md"].decode()
    assert index == "# Stand 2032\n\n```{toctree}\ndeel/pagina\n/2032/deel/pagina\n```\n"
    page = plan.files["deel/pagina.md"].decode()
    assert page.startswith("# Dilemma's in 2032\n\n```{admonition}")
    assert "In 2031 speelde {need}`DIL_2032_OPEN` en {need}`DIL_2031_KLAAR`." in page
    assert (
        "```{dilemma} Open\n:id: DIL_2032_OPEN\n:vervolg_op: DIL_2031_OPEN\n"
        ":status: deels_opgelost\n:tags: belangrijk, nog_te_actualiseren\n:raakt: HP_A\n\n"
        "Tekst met DIL_2032_OPEN.\n```" in page
    )
    assert (
        "````{oplossingsrichting} Voor beide\n:id: OR_2032_BEIDE\n:vervolg_op: OR_2031_BEIDE\n"
        ":status: in_uitvoering\n:adresseert: DIL_2032_OPEN\n:tags: nog_te_actualiseren\n\n"
        "```{note}\nBinnenin.\n```\n````" in page
    )
    assert "OR_2031_WEG" not in page and "Klaar" not in page
    assert "dilemma_flow(DIL_2031_KLAAR)" not in page
    assert "dilemma_flow(DIL_2032_OPEN)" in page
    assert "```{traceermatrix}\n:jaar: 2032\n```" in page
    assert "```{jaarverschil}\n:van: 2031\n:naar: 2032\n```" in page
    assert "\n\n\n" not in page


def test_toc_gets_the_new_year_before_the_old() -> None:
    text = "# Start\n\n- [Stand 2031](2031/index.md): over 2031.\n\n```{toctree}\n2031/index\n```\n"
    assert newyear.add_to_toc(text, "2031", "2032") == (
        "# Start\n\n- [Stand 2032](2032/index.md): over 2032.\n"
        "- [Stand 2031](2031/index.md): over 2031.\n\n```{toctree}\n2032/index\n2031/index\n```\n"
    )
    with pytest.raises(newyear.Refused, match="geen inhoudsopgave"):
        newyear.add_to_toc("# Start\n", "2031", "2032")


def test_finished_work_is_not_carried_and_its_line_ends(repo: Path, tmp_path: Path) -> None:
    assert stand(repo, "nieuw-jaar", "2023").returncode == 0
    page = repo / "docs/2023/dilemmas.md"
    text, count = re.subn(
        r"(:id: OR_2023_HERGEBRUIK\n(?::.*\n)*?:status: )voorgesteld",
        r"\g<1>gerealiseerd",
        page.read_text(encoding="utf-8"),
    )
    assert count == 1
    page.write_text(text, encoding="utf-8")

    proc = stand(repo, "nieuw-jaar", "2024")
    assert proc.returncode == 0, proc.stderr
    assert "25 needs overgenomen" in proc.stdout
    assert "Niet overgenomen: OR_2023_HERGEBRUIK.\n" in proc.stdout
    carried = "\n".join(p.read_text(encoding="utf-8") for p in (repo / "docs/2024").glob("*.md"))
    assert "OR_2024_HERGEBRUIK" not in carried
    # One marker per page, for this year: the one of 2023 does not come along.
    assert "stand van 2022" not in carried and "stand van 2023. Herschrijf hem voor 2024" in carried

    assert sphinx_build(repo / "docs", tmp_path / "html", "-W", "-E", conf=repo) == ""
    needs = needs_of(tmp_path / "html")
    assert "OR_2024_HERGEBRUIK" not in needs
    assert needs["OR_2023_HERGEBRUIK"]["status"] == "gerealiseerd"
    assert needs["OR_2023_HERGEBRUIK"]["vervolg_op_back"] == []
    assert needs["OR_2024_LCM"]["lijn"] == "OR_2022_LCM"

    overview = (tmp_path / "html/overzicht/index.html").read_text(encoding="utf-8")
    solutions = tables(overview, "stand-jaarlijnen")[1]
    assert [c.text for c in solutions.rows[0]] == ["Lijn", "2022", "2023", "2024"]
    (row,) = [r[1:] for r in solutions.rows[1:] if r[0].links == ["OR_2022_HERGEBRUIK"]]
    assert "(voorgesteld)" in row[0].text
    assert row[1].links == ["OR_2023_HERGEBRUIK"] and "(gerealiseerd)" in row[1].text
    assert row[2].text == "afgerond in 2023"
    difference = words_of(overview, "stand-jaarverschil")
    assert difference.index("Van 2022 naar 2023") < difference.index("Van 2023 naar 2024")
    stopped = difference[difference.index("Niet voortgezet na 2023 (1)") :]
    assert stopped.startswith("Niet voortgezet na 2023 (1) OR_2023_HERGEBRUIK")
    assert "(gerealiseerd)" in stopped[:200]


def test_skipping_a_year_is_refused_unless_van_names_the_base(repo: Path, tmp_path: Path) -> None:
    assert stand(repo, "nieuw-jaar", "2023").returncode == 0
    before = snapshot(repo)
    refused = stand(repo, "nieuw-jaar", "2025")
    assert refused.returncode == 2
    assert refused.stderr == (
        "Fout: het laatste verslagjaar vóór 2025 is 2023; 2025 zou 2024 overslaan. Begin met "
        "stand nieuw-jaar 2024, of ga bewust uit van 2023 met: stand nieuw-jaar 2025 --van 2023. "
        "Er is niets veranderd.\n"
    )
    assert snapshot(repo) == before

    made = stand(repo, "nieuw-jaar", "2025", "--van", "2023")
    assert made.returncode == 0, made.stderr
    index = (repo / "docs/index.md").read_text(encoding="utf-8").splitlines()
    assert index.index("2025/index") == index.index("2023/index") - 1
    assert sphinx_build(repo / "docs", tmp_path / "html", "-W", "-E", conf=repo) == ""
    needs = needs_of(tmp_path / "html")
    assert needs["DIL_2025_FOCUS"]["vervolg_op"] == ["DIL_2023_FOCUS"]
    assert needs["DIL_2025_FOCUS"]["lijn"] == "DIL_2022_FOCUS"
    overview = (tmp_path / "html/overzicht/index.html").read_text(encoding="utf-8")
    assert [c.text for c in tables(overview, "stand-jaarlijnen")[0].rows[0]] == [
        "Lijn", "2022", "2023", "2025",
    ]  # fmt: skip
    difference = words_of(overview, "stand-jaarverschil")
    assert "Van 2023 naar 2025" in difference
    assert "Voortgezet van 2023 naar 2025 (26)" in difference


def test_plan_carries_what_still_runs(tmp_path: Path) -> None:
    """Per status: dilemmas open/deels_opgelost, the others voorgesteld/in_uitvoering."""
    year = tmp_path / "2031"
    year.mkdir()
    blocks = [
        ("dilemma", "DIL_2031_OPEN", "open", ""),
        ("dilemma", "DIL_2031_DEELS", "deels_opgelost", ""),
        ("dilemma", "DIL_2031_OPGELOST", "opgelost", ""),
        ("dilemma", "DIL_2031_VERVALLEN", "vervallen", ""),
        ("oplossingsrichting", "OR_2031_VOORGESTELD", "voorgesteld", "DIL_2031_OPEN"),
        ("oplossingsrichting", "OR_2031_BEZIG", "in_uitvoering", "DIL_2031_DEELS"),
        ("oplossingsrichting", "OR_2031_KLAAR", "gerealiseerd", "DIL_2031_OPEN"),
        ("oplossingsrichting", "OR_2031_VERVALLEN", "vervallen", "DIL_2031_OPEN"),
        ("actielijn", "AL_2031_VOORGESTELD", "voorgesteld", ""),
        ("actielijn", "AL_2031_BEZIG", "in_uitvoering", ""),
        ("actielijn", "AL_2031_KLAAR", "gerealiseerd", ""),
        ("actielijn", "AL_2031_VERVALLEN", "vervallen", ""),
    ]
    (year / "index.md").write_text(
        "# Stand 2031\n\n"
        + "\n".join(
            f"```{{{kind}}} Titel\n:id: {need_id}\n:status: {status}\n"
            + (f":adresseert: {target}\n" if target else "")
            + "\nTekst.\n```\n"
            for kind, need_id, status, target in blocks
        ),
        encoding="utf-8",
    )
    plan = newyear.plan_year(year, "2031", "2032")
    assert sorted(plan.carried) == sorted(
        i for i in (b[1] for b in blocks) if not i.endswith(("OPGELOST", "KLAAR", "VERVALLEN"))
    )
    assert plan.left_out == [
        "AL_2031_KLAAR",
        "AL_2031_VERVALLEN",
        "DIL_2031_OPGELOST",
        "DIL_2031_VERVALLEN",
        "OR_2031_KLAAR",
        "OR_2031_VERVALLEN",
    ]


def rewrite_page(path: Path, rewrite: Any) -> None:
    """The page again, each fenced block replaced by what ``rewrite`` returns for it."""
    blocks = newyear.split_blocks(path.read_text(encoding="utf-8"))
    lines = [line for block in blocks for line in rewrite(block)]
    path.write_text("\n".join(lines), encoding="utf-8")


def test_merge_and_split_as_the_guide_describes(repo: Path, tmp_path: Path) -> None:
    """docs/handleiding/lijnen.md, step by step, on the real report carried into 2023."""
    assert stand(repo, "nieuw-jaar", "2023").returncode == 0
    year = repo / "docs/2023"
    merged = "DIL_2023_FOCUS_EN_EENVOUD"
    for path in year.glob("*.md"):  # references in the text and the flows follow
        text = path.read_text(encoding="utf-8")
        text = text.replace("DIL_2023_FOCUS", merged).replace("DIL_2023_COMPLEXITEIT", merged)
        path.write_text(text, encoding="utf-8")
    merged_block = (
        f"```{{dilemma}} Focus en eenvoud\n:id: {merged}\n"
        ":vervolg_op: DIL_2022_FOCUS, DIL_2022_COMPLEXITEIT\n:status: open\n"
        ":thema: sturing, dienstverlening\n\nDe tekst van het samengevoegde dilemma.\n```"
    )
    split_blocks = (
        "```{dilemma} Uitvoeringstoets\n:id: DIL_2023_UITVOERINGSTOETS\n"
        ":vervolg_op: DIL_2022_SAMENWERKING\n:status: open\n\nDe tekst over de "
        "uitvoeringstoets.\n```\n\n```{dilemma} Samenwerking tussen beleid en uitvoering\n"
        ":id: DIL_2023_SAMENWERKING\n:vervolg_op: DIL_2022_SAMENWERKING\n"
        ":status: deels_opgelost\n\nDe tekst over de samenwerking.\n```"
    )
    seen: set[str] = set()

    def rewrite(block: newyear.Block) -> list[str]:
        need_id = block.option("id") or block.option("dilemma")
        if block.name in ("dilemma", "dilemmaschema") and need_id == merged:
            first = block.name not in seen
            seen.add(block.name)
            if block.name == "dilemma":
                return merged_block.split("\n") if first else []
            return block.lines if first else []
        if block.name == "dilemma" and need_id == "DIL_2023_SAMENWERKING":
            return split_blocks.split("\n")
        if block.name == "oplossingsrichting" and need_id == "OR_2023_TOETSEN":
            return block.rebuilt(
                [(k, "DIL_2023_UITVOERINGSTOETS" if k == "adresseert" else v)
                 for k, v in block.options],
                block.body,
            )  # fmt: skip
        return block.lines

    for path in (year / "dilemmas.md", year / "traceerbaarheid.md"):
        rewrite_page(path, rewrite)
    assert sphinx_build(repo / "docs", tmp_path / "html", "-W", "-E", conf=repo) == ""

    needs = needs_of(tmp_path / "html")
    assert needs[merged]["vervolg_op"] == ["DIL_2022_COMPLEXITEIT", "DIL_2022_FOCUS"]
    assert needs[merged]["lijn"] == "DIL_2022_COMPLEXITEIT"
    assert needs["DIL_2022_FOCUS"]["vervolg_op_back"] == [merged]
    assert needs["OR_2023_LCM"]["adresseert"] == [merged]
    assert needs["DIL_2022_SAMENWERKING"]["vervolg_op_back"] == [
        "DIL_2023_SAMENWERKING",
        "DIL_2023_UITVOERINGSTOETS",
    ]

    overview = (tmp_path / "html/overzicht/index.html").read_text(encoding="utf-8")
    dilemmas = tables(overview, "stand-jaarlijnen")[0]
    rows = {row[0].links[0]: row[1:] for row in dilemmas.rows[1:]}
    assert "samengevoegd uit DIL_2022_COMPLEXITEIT, DIL_2022_FOCUS" in (
        rows["DIL_2022_COMPLEXITEIT"][1].text
    )
    assert f"opgegaan in {merged}" in rows["DIL_2022_FOCUS"][0].text
    assert rows["DIL_2022_FOCUS"][1].text == "—"
    assert rows["DIL_2022_SAMENWERKING"][1].text.count("gesplitst uit DIL_2022_SAMENWERKING") == 2
    difference = words_of(overview, "stand-jaarverschil")
    assert f"DIL_2022_COMPLEXITEIT , DIL_2022_FOCUS → {merged} Focus en eenvoud" in difference
