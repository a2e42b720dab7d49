"""One PDF per report year, typeset by Typst in ``stand bouw``: real builds, read back
with pypdf, pdftotext and pdfua."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import stand
from pypdf import PdfReader
from test_fidelity import sentences, source_units

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
ROOTS = Path(__file__).parent / "roots"
SOURCE = Path(__file__).parent / "data" / "stand-van-logius-2022.txt"
YEAR = "2022"
PDF_NAME = f"stand-van-logius-{YEAR}.pdf"
ENGLISH_LABELS = ("Table of Contents", "Contents", "Version", "Page", "Created using",
                  "Copyright", "documentation", "Link to this", "Figure", "Table")  # fmt: skip
MARGIN = 2.2 / 2.54 * 72  # the template's side margin, 2.2 cm in pt


def pdf_text(path: Path, *pages: int) -> str:
    first_last = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    result = subprocess.run(
        ["pdftotext", "-layout", *first_last, str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def flat(text: str) -> str:
    return " ".join(text.split())


def letters(text: str) -> str:
    """Text without spaces and hyphens: the PDF hyphenates Dutch words at line ends."""
    return re.sub("[\\s\\-\u2010\u00ad]", "", text)


def lines(text: str) -> set[str]:
    return {flat(line) for line in text.splitlines() if line.strip()}


def headings(path: Path) -> list[str]:
    """The MyST headings of a page, as a reader sees them (no markup)."""
    return [
        re.sub(r"[*`]", "", m.group(1)).strip()
        for m in re.finditer(r"^#{1,6} (.+)$", path.read_text(encoding="utf-8"), re.M)
    ]


def outline_titles(reader: PdfReader) -> list[str]:
    def walk(items: list[Any]) -> list[str]:
        found = []
        for item in items:
            found += walk(item) if isinstance(item, list) else [item.title]
        return found

    return walk(reader.outline)


def toctree_pages(index: Path) -> list[Path]:
    """The pages a MyST index lists in its toctree(s)."""
    blocks = re.findall(r"```\{toctree\}\n(.*?)```", index.read_text(encoding="utf-8"), re.S)
    entries = [
        e.strip()
        for b in blocks
        for e in b.splitlines()
        if e.strip() and not e.strip().startswith(":")
    ]
    return [index.parent / f"{e}.md" for e in entries]


def project_from_root(root: str, tmp_path: Path) -> Path:
    """A test root laid out as the repository is: conf.py beside docs/."""
    project = tmp_path / root
    shutil.copytree(ROOTS / root, project / "docs", ignore=shutil.ignore_patterns("conf.py"))
    shutil.copy(ROOTS / root / "conf.py", project / "conf.py")
    return project


def links(reader: PdfReader) -> list[dict[str, Any]]:
    return [
        annot.get_object()
        for page in reader.pages
        for annot in page.get("/Annots", [])
        if annot.get_object().get("/Subtype") == "/Link"
    ]


def target_page(reader: PdfReader, link: dict[str, Any]) -> int | None:
    """The page number an internal link jumps to (None if it points nowhere)."""
    destination = link.get("/Dest") or link.get("/A", {}).get("/D")
    if destination is None:
        return None
    destination = destination.get_object()
    if isinstance(destination, str):  # a named destination (headings)
        destination = reader.named_destinations[destination]
        page = destination.page
    else:
        page = destination[0]
    numbers = {p.indirect_reference.idnum: n for n, p in enumerate(reader.pages)}  # type: ignore[union-attr]
    return numbers.get(page.idnum)


# --- The real docs -------------------------------------------------------------


@pytest.fixture(scope="module")
def pdf(real_publication: Path) -> Path:
    return real_publication / "pdf" / PDF_NAME


@pytest.fixture(scope="module")
def reader(pdf: Path) -> PdfReader:
    return PdfReader(pdf)


@pytest.fixture(scope="module")
def text(pdf: Path) -> str:
    return pdf_text(pdf)


def test_one_pdf_per_report_year(real_publication: Path) -> None:
    years = sorted(d.name for d in DOCS.iterdir() if re.fullmatch(r"\d{4}", d.name))
    assert YEAR in years
    expected = [f"stand-van-logius-{j}.pdf" for j in years]
    assert sorted(p.name for p in (real_publication / "pdf").iterdir()) == expected
    downloads = real_publication / "html" / "downloads"
    assert sorted(p.name for p in downloads.glob("*.pdf")) == expected
    for name in expected:
        assert (downloads / name).read_bytes() == (real_publication / "pdf" / name).read_bytes()


def test_opens_with_pages_and_metadata(reader: PdfReader) -> None:
    assert len(reader.pages) > 3
    assert reader.metadata is not None
    assert reader.metadata.title == f"Stand van de uitvoering {YEAR} — Logius"
    assert reader.metadata.author == "Logius"
    assert reader.trailer["/Root"]["/Lang"] == "nl-NL"


def test_cover(pdf: Path) -> None:
    cover = flat(pdf_text(pdf, 1))
    for words in ("Logius", "Stand van Logius 2022", f"Stand van de uitvoering {YEAR}"):
        assert words in cover


def test_every_sentence_of_the_source(text: str) -> None:
    """Fidelity: every sentence of the source report is in the PDF, in its words."""
    # Without the page footers, which come between two halves of a sentence.
    body = re.sub(rf"Logius·Standvandeuitvoering{YEAR}\d+", "", letters(text))
    found = sentences(source_units(SOURCE.read_text(encoding="utf-8")))
    assert len(found) > 100
    assert [s for s in found if letters(s) not in body] == []


def test_every_need_of_the_year(text: str, real_needs: dict[str, dict[str, Any]]) -> None:
    shown = [n for n in real_needs.values() if n["jaar"] in (YEAR, None, "")]
    assert len(shown) > 30
    for need in shown:
        assert letters(need["title"]) in letters(text), need["id"]
        assert need["id"].replace("_", "") in letters(text).replace("_", ""), need["id"]


def test_views_and_a_diagram_per_dilemma(text: str, real_needs: dict[str, dict[str, Any]]) -> None:
    """The year's traceability views are in the PDF, and each dilemma's diagram, whose
    labels (Graphviz SVG, drawn by Typst) are real text."""
    assert flat(text).count("Traceermatrix") >= 4
    assert "4/4 (100%)" in text
    diagrams = letters(text[text.rindex("Per dilemma") :])
    for need_id, need in real_needs.items():
        if need["type"] == "dilemma" and need["jaar"] == YEAR:
            assert letters(need_id) in diagrams
            assert all(letters(o) in diagrams for o in need["adresseert_back"]), need_id


def test_tagged_pdf_ua_without_findings(pdf: Path, reader: PdfReader) -> None:
    """pdfua finds nothing, heuristics included."""
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    proc = subprocess.run(
        [sys.executable, "-m", "pdfua", "check", "--format", "json", str(pdf)],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(proc.stdout)
    assert report["summary"]["errors"] == 0 and report["summary"]["warnings"] == 0, report
    assert proc.returncode == 0


def test_every_link_resolves_inside_or_to_the_web(reader: PdfReader) -> None:
    """Internal links jump to a page of this PDF; the others are web addresses, never a
    local file."""
    internal = 0
    for link in links(reader):
        action = link.get("/A", {})
        if "/URI" in action:
            assert str(action["/URI"]).startswith(("https://", "http://", "mailto:")), action
            continue
        assert target_page(reader, link) is not None, link
        internal += 1
    assert internal > 60  # every need's own ID, its links, the matrices' marks


def test_a_need_link_jumps_to_the_need(pdf: Path, reader: PdfReader) -> None:
    """Some link lands on the page where dilemma DIL_2022_FOCUS's block starts."""
    head = "Dilemma Focus: goed en duurzaam DIL_2022_FOCUS"
    (page,) = [n for n in range(len(reader.pages)) if head in flat(pdf_text(pdf, n + 1))]
    assert page in {target_page(reader, link) for link in links(reader)}


def test_bookmarks_per_chapter(reader: PdfReader) -> None:
    titles = outline_titles(reader)
    chapters = [headings(page)[0] for page in toctree_pages(DOCS / YEAR / "index.md")]
    reference = headings(DOCS / "referentie" / "index.md")[0]
    assert chapters
    for title in [*chapters, reference]:
        assert title in titles


def test_table_of_contents(pdf: Path) -> None:
    """The contents page lists every chapter with the page its title is on."""
    toc = pdf_text(pdf, 2)
    assert "Inhoudsopgave" in toc
    chapters = [headings(p)[0] for p in toctree_pages(DOCS / YEAR / "index.md")]
    chapters.append(headings(DOCS / "referentie" / "index.md")[0])
    for title in chapters:
        found = re.search(rf"^\s*{re.escape(title)}[ .\u2060]+(\d+)\s*$", toc, re.M)
        assert found, title
        assert title in lines(pdf_text(pdf, int(found.group(1)))), title


def test_labels_are_dutch(text: str) -> None:
    for label in ENGLISH_LABELS:
        assert not re.search(rf"\b{label}\b", text), label


def test_no_other_years_or_overviews(text: str) -> None:
    """Headings of the landing page, the overviews and other years are not in the PDF."""
    own = {
        h
        for p in [*(DOCS / YEAR).rglob("*.md"), *(DOCS / "referentie").rglob("*.md")]
        for h in headings(p)
    }
    others = [
        DOCS / "index.md",
        *(DOCS / "overzicht").rglob("*.md"),
        *(DOCS / "handleiding").rglob("*.md"),
        *(
            p
            for d in DOCS.iterdir()
            if re.fullmatch(r"\d{4}", d.name) and d.name != YEAR
            for p in d.rglob("*.md")
        ),
    ]
    foreign = {h for p in others for h in headings(p)} - own - {"Stand van de uitvoering"}
    assert foreign
    assert foreign & lines(text) == set()


CAPTION = re.compile(r"^(Traceermatrix|Jaarlijnen van|Dekking \(|Rode draad)")


def test_a_caption_never_ends_a_page(pdf: Path) -> None:
    """A table's caption stays with its table: never the last line above the footer."""
    pages = pdf_text(pdf).split("\f")
    for number, page in enumerate(pages, start=1):
        body = [flat(line) for line in page.splitlines() if line.strip()][:-1]  # no footer
        if body:
            assert not CAPTION.match(body[-1]), f"pagina {number} eindigt met {body[-1]!r}"


def test_nothing_beyond_the_margins(pdf: Path) -> None:
    """No table or text runs off the page: every word lies within the side margins."""
    result = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    for number, page in enumerate(result.stdout.split("<page ")[1:], start=1):
        width = float(re.search(r'width="([\d.]+)"', page).group(1))  # type: ignore[union-attr]
        for x_min, x_max, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>',
            page,
        ):
            assert float(x_min) >= MARGIN - 1, (number, word)
            assert float(x_max) <= width - MARGIN + 1, (number, word)


# --- Several years, failures, reproducibility ------------------------------------


@pytest.fixture(scope="module")
def years_published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp_path = tmp_path_factory.mktemp("jaren")
    project = project_from_root("test-jaren", tmp_path)
    proc = stand(project, "bouw", "--uit", "uit")
    assert proc.returncode == 0, proc.stderr
    return project / "uit"


def test_each_year_alone(years_published: Path) -> None:
    """A year's PDF holds its own pages and the reference pages, nothing of other years.

    Links to an earlier year that the year's own text makes stay as plain text;
    back-links from later years are left out.
    """
    pdfs = years_published / "pdf"
    assert sorted(p.name for p in pdfs.iterdir()) == [
        f"stand-van-logius-{y}.pdf" for y in ("2031", "2032", "2033", "2034")
    ]
    pdf_2032 = pdfs / "stand-van-logius-2032.pdf"
    text_2032 = flat(pdf_text(pdf_2032))
    assert "Tekst van DIL_2032_AB" in text_2032
    assert "DIL_2031_A" in text_2032 and "DIL_2031_B" in text_2032  # its vervolg_op
    for foreign in ("Tekst van DIL_2031", "2033", "2034", "Overzichten", "Testroot"):
        assert foreign not in text_2032
    # The reference page, last: HP_A lists only the actielijn of 2032.
    reference = flat(pdf_text(pdf_2032, len(PdfReader(pdf_2032).pages)))
    assert "Perspectief A" in reference
    assert "AL_2032_L" in reference and "AL_2031_L" not in reference
    text_2033 = flat(pdf_text(pdfs / "stand-van-logius-2033.pdf"))
    assert "Verdieping 2033" in text_2033
    assert "Tekst van AL_2033_L" in text_2033
    assert "Tekst van DIL_2032_AB" not in text_2033


def test_two_clean_builds_are_identical(years_published: Path, tmp_path: Path) -> None:
    """PDFs, needs.json, CSV and XLSX: byte for byte, and no temporary path inside."""
    project = project_from_root("test-jaren", tmp_path)
    proc = stand(project, "bouw", "--uit", "uit")
    assert proc.returncode == 0, proc.stderr
    again = project / "uit"
    published = [
        *(Path("pdf") / p.name for p in (years_published / "pdf").iterdir()),
        *(Path("html/downloads") / p.name for p in (years_published / "html/downloads").iterdir()),
        Path("html/needs.json"),
    ]
    assert len(published) == 4 + 4 + 2 + 1
    for path in published:
        data = (again / path).read_bytes()
        assert data == (years_published / path).read_bytes(), path
        assert b"/tmp" not in data and b"file:" not in data, path


def test_a_later_year_leaves_a_years_pdf_unchanged(years_published: Path, tmp_path: Path) -> None:
    """What went to parliament stays the same: 2033's PDF without 2034 in the tree is
    byte for byte the one built with it (back-links from 2034 are not in it)."""
    project = project_from_root("test-jaren", tmp_path)
    shutil.rmtree(project / "docs" / "2034")
    index = project / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("2034/index\n", ""), "utf-8")
    proc = stand(project, "bouw", "--uit", "uit")
    assert proc.returncode == 0, proc.stderr
    name = "stand-van-logius-2033.pdf"
    assert (project / "uit" / "pdf" / name).read_bytes() == (
        years_published / "pdf" / name
    ).read_bytes()


def test_published_files_are_readable_by_others(tmp_path: Path) -> None:
    project = project_from_root("test-schoon", tmp_path)
    proc = stand(project, "bouw", "--uit", "uit", umask="022")
    assert proc.returncode == 0, proc.stderr
    out = project / "uit"
    files = [p for p in [*(out / "pdf").iterdir(), *(out / "html").rglob("*")] if p.is_file()]
    assert len(files) > 10
    assert {oct(p.stat().st_mode & 0o777) for p in files} == {"0o644"}


def test_markup_a_writer_may_use(tmp_path: Path) -> None:
    """Footnotes, block quotes, literal text, admonitions, a topic, a rubric, a glossary."""
    project = project_from_root("test-schoon", tmp_path)
    with (project / "docs" / "2022" / "index.md").open("a", encoding="utf-8") as page:
        page.write(
            "\nEen zin met een voetnoot[^een] en `letterlijk`.\n\n"
            "> Een citaat -- met ... tekens: *niet* als opmaak.\n\n"
            "[^een]: De tekst van de voetnoot.\n\n"
            "```{important}\nBelangrijke tekst.\n```\n\n"
            "```{topic} Een kader\nTekst in een kader.\n```\n\n"
            "```{rubric} Een tussenkop\n```\n\n"
            "```{glossary}\nUitvoering\n  Het werk van de dienst.\n```\n\n"
            "## Kop met voetnoot[^v]\n\nNog een verwijzing[^w] en dezelfde weer[^w].\n\n"
            "3. derde stap\n4. vierde stap\n\n"
            "[^v]: Voetnoot in kop.\n[^w]: Tweede noot.\n\n"
            "# Tweede hoofdkop op de jaarpagina\n\nAlinea eronder.\n"
        )
    proc = stand(project, "bouw", "--uit", "uit")
    assert proc.returncode == 0, proc.stderr
    text = flat(pdf_text(project / "uit" / "pdf" / "stand-van-logius-2022.pdf"))
    assert "Een zin met een voetnoot1 en letterlijk." in text
    assert "1 De tekst van de voetnoot." in text
    # As on the site: MyST's typographic replacements, nothing of Typst's markup.
    assert "Een citaat – met … tekens: niet als opmaak." in text
    for shown in ("Belangrijk Belangrijke tekst.", "Een kader Tekst in een kader.",
                  "Een tussenkop", "Uitvoering Het werk van de dienst.",
                  "3. derde stap 4. vierde stap",  # the writer's numbering
                  "Tweede hoofdkop op de jaarpagina Alinea eronder.",
                  "Kop met voetnoot2 Nog een verwijzing3 en dezelfde weer3."):  # fmt: skip
        assert shown in text
    # A footnote in a heading is not repeated in the contents, nor numbered twice.
    contents = flat(pdf_text(project / "uit" / "pdf" / "stand-van-logius-2022.pdf", 2))
    assert "Voetnoot in kop" not in contents and "Tweede hoofdkop op de jaarpagina" in contents
    assert text.count("Voetnoot in kop.") == 1 and text.count("Tweede noot.") == 1


@pytest.mark.parametrize(
    ("breakage", "reported"),
    [
        ("[kapot](bestaat-niet.md)", "bestaat-niet"),
        # Only the PDF cannot show it: the PDF build must fail, with a Dutch message.
        ("\n```{math}\nE = mc^2\n```\n", "De pdf kan 'math_block' niet weergeven"),
    ],
    ids=["site", "pdf"],
)
def test_a_warning_fails_the_command(tmp_path: Path, breakage: str, reported: str) -> None:
    project = project_from_root("test-schoon", tmp_path)
    with (project / "docs" / "2022" / "index.md").open("a", encoding="utf-8") as page:
        page.write(f"\nZie {breakage}\n")
    uit = project / "uit"
    (uit / "pdf").mkdir(parents=True)
    (uit / "pdf" / "stand-van-logius-2022.pdf").write_bytes(b"een oude PDF")
    proc = stand(project, "bouw", "--uit", "uit")
    assert proc.returncode == 1
    assert reported in proc.stderr
    assert proc.stderr.rstrip().splitlines()[-1].startswith("Fout: de ")
    assert list((uit / "pdf").glob("*.pdf")) == []
    # A second run reads every page again: it fails the same way.
    assert stand(project, "bouw", "--uit", "uit").returncode == 1


def test_published_year_with_an_erratum(tmp_path: Path) -> None:
    """The cover gives the publication date; an erratum is in the PDF beside its need."""
    project = project_from_root("test-schoon", tmp_path)
    assert stand(project, "publiceer", "2022", "--datum", "2023-05-01").returncode == 0
    page = project / "docs" / "2022" / "index.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("Tekst van DIL_2022_D.", "Tekst van DIL_2022_D!"),
        encoding="utf-8",
    )
    uitleg = "Een leesteken verbeterd."
    proc = stand(
        project, "publiceer", "2022", "--erratum", "DIL_2022_D", uitleg, "--datum", "2023-06-01"
    )
    assert proc.returncode == 0, proc.stderr
    proc = stand(project, "bouw", "--uit", "uit")
    assert proc.returncode == 0, proc.stderr
    pdf = project / "uit" / "pdf" / "stand-van-logius-2022.pdf"
    assert "Gepubliceerd op 1 mei 2023" in flat(pdf_text(pdf, 1))
    text = flat(pdf_text(pdf))
    assert f"Tekst van DIL_2022_D! Erratum (2023-06-01) {uitleg}" in text


def test_a_typst_process_that_dies_leaves_no_pdf(tmp_path: Path) -> None:
    """An old PDF must not look like this run's when the typesetting process crashes."""
    from stand.pdf import typeset

    target = tmp_path / "stand-van-logius-2022.pdf"
    target.write_bytes(b"een oude PDF")
    process = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.exit('kapot')"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    result = typeset.finish(process, target)
    assert result.error == "het proces stopte onverwacht (exitcode 1) kapot"
    assert not target.exists()
