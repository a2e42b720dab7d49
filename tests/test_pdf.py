"""One PDF per report year: real builds through ``python -m stand.pdf``, read back
with pypdf and pdftotext."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "docs"
ROOTS = Path(__file__).parent / "roots"
YEAR = "2022"
PDF_NAME = f"stand-van-logius-{YEAR}.pdf"
# simplepdf's own labels, and Sphinx' untranslated ones.
ENGLISH_LABELS = (
    "Table of Contents",
    "Contents",
    "Version",
    "Page",
    "Created using",
    "Copyright",
    "documentation",
    "Link to this",
)


def stand_pdf(cwd: Path, uit: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "stand.pdf", "--uit", str(uit), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


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


# --- The real docs -------------------------------------------------------------


@pytest.fixture(scope="module")
def real_pdfs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    uit = tmp_path_factory.mktemp("pdf")
    proc = stand_pdf(REPO, uit)
    assert proc.returncode == 0, proc.stderr
    return uit


@pytest.fixture(scope="module")
def pdf(real_pdfs: Path) -> Path:
    return real_pdfs / PDF_NAME


@pytest.fixture(scope="module")
def reader(pdf: Path) -> PdfReader:
    return PdfReader(pdf)


@pytest.fixture(scope="module")
def text(pdf: Path) -> str:
    return pdf_text(pdf)


def test_one_pdf_per_report_year(real_pdfs: Path) -> None:
    years = sorted(d.name for d in DOCS.iterdir() if re.fullmatch(r"\d{4}", d.name))
    assert YEAR in years
    assert sorted(p.name for p in real_pdfs.glob("*.pdf")) == [
        f"stand-van-logius-{j}.pdf" for j in years
    ]
    assert not list(real_pdfs.glob("*.tmp"))


def test_opens_with_pages_and_metadata(reader: PdfReader) -> None:
    assert len(reader.pages) > 3
    assert reader.metadata is not None
    assert YEAR in (reader.metadata.title or "")
    assert reader.trailer["/Root"]["/Lang"] == "nl"


def test_cover(pdf: Path) -> None:
    cover = flat(pdf_text(pdf, 1))
    for words in ("Logius", "Stand van de uitvoering", YEAR):
        assert words in cover


def test_every_dilemma_of_the_year(text: str, real_needs: dict[str, dict[str, Any]]) -> None:
    dilemmas = [n for n in real_needs.values() if n["type"] == "dilemma" and n["jaar"] == YEAR]
    assert dilemmas
    for need in dilemmas:
        assert flat(need["title"]) in flat(text), need["id"]


def test_views_and_a_flow_per_dilemma(text: str, real_needs: dict[str, dict[str, Any]]) -> None:
    """The year's traceability views are in the PDF, and each dilemma's diagram as text
    (WeasyPrint draws the SVG as vector graphics, so its labels are real text)."""
    assert flat(text).count("Traceermatrix") >= 4
    assert "4/4 (100%)" in text
    diagrams = text[text.rindex("Per dilemma") :]
    for need_id, need in real_needs.items():
        if need["type"] == "dilemma" and need["jaar"] == YEAR:
            assert need_id in diagrams
            assert all(o in diagrams for o in need["adresseert_back"]), need_id


def test_tagged_pdf_ua_without_certain_errors(pdf: Path, reader: PdfReader) -> None:
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    proc = subprocess.run(
        [sys.executable, "-m", "pdfua", "check", "--certain-only", "--format", "json", str(pdf)],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(proc.stdout)
    assert report["summary"]["errors"] == 0 and report["summary"]["warnings"] == 0, report
    assert proc.returncode == 0


def test_needs_are_link_targets(reader: PdfReader, real_needs: dict[str, dict[str, Any]]) -> None:
    """Every need of the year and every handelingsperspectief has an anchor in the PDF."""
    expected = {nid for nid, n in real_needs.items() if n["jaar"] in (YEAR, None, "")}
    assert expected - set(reader.named_destinations) == set()
    internal_links = [
        annot.get_object()
        for page in reader.pages
        for annot in page.get("/Annots", [])
        if annot.get_object().get("/Subtype") == "/Link"
        and "/URI" not in annot.get_object().get("/A", {})
    ]
    assert len(internal_links) > len(expected)


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
        found = re.search(rf"^\s*{re.escape(title)}\s+(\d+)\s*$", toc, re.M)
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


def test_nothing_beyond_the_margins(pdf: Path) -> None:
    """No table or text runs off the page: every word lies within the side margins."""
    result = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    margin = 56.25  # WeasyPrint's default page margin, 75px
    for number, page in enumerate(result.stdout.split("<page ")[1:], start=1):
        width = float(re.search(r'width="([\d.]+)"', page).group(1))  # type: ignore[union-attr]
        for x_min, x_max, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>',
            page,
        ):
            assert margin - 1 <= float(x_min), (number, word)
            assert float(x_max) <= width - margin + 1, (number, word)


# --- Several years, and failures -------------------------------------------------


def test_each_year_alone(tmp_path: Path) -> None:
    """A year's PDF holds its own pages and the reference pages, nothing of other years.

    Links to an earlier year that the year's own text makes stay as plain text;
    back-links from later years are left out.
    """
    project = project_from_root("test-jaren", tmp_path)
    uit = tmp_path / "uit"
    proc = stand_pdf(project, uit, "--jaar", "2032", "--jaar", "2033")
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in uit.glob("*.pdf")) == [
        "stand-van-logius-2032.pdf",
        "stand-van-logius-2033.pdf",
    ]
    pdf_2032 = uit / "stand-van-logius-2032.pdf"
    text_2032 = flat(pdf_text(pdf_2032))
    assert "Tekst van DIL_2032_AB" in text_2032
    assert "DIL_2031_A" in text_2032 and "DIL_2031_B" in text_2032  # its vervolg_op
    for foreign in ("Tekst van DIL_2031", "2033", "2034", "Overzichten", "Testroot"):
        assert foreign not in text_2032
    # The reference page, last: HP_A lists only the actielijn of 2032.
    reference = flat(pdf_text(pdf_2032, len(PdfReader(pdf_2032).pages)))
    assert "Perspectief A" in reference
    assert "AL_2032_L" in reference and "AL_2031_L" not in reference
    text_2033 = flat(pdf_text(uit / "stand-van-logius-2033.pdf"))
    assert "Verdieping 2033" in text_2033
    assert "Tekst van AL_2033_L" in text_2033
    assert "Tekst van DIL_2032_AB" not in text_2033


@pytest.mark.parametrize(
    ("breakage", "reported"),
    [
        # WeasyPrint only logs this; the build must still fail on it.
        ('<a href="#nergens">nergens</a>', "No anchor #nergens"),
        ("[kapot](bestaat-niet.md)", "bestaat-niet"),
    ],
    ids=["weasyprint", "sphinx"],
)
def test_a_warning_fails_the_command(tmp_path: Path, breakage: str, reported: str) -> None:
    project = project_from_root("test-schoon", tmp_path)
    with (project / "docs" / "2022" / "index.md").open("a", encoding="utf-8") as page:
        page.write(f"\nZie {breakage}.\n")
    uit = tmp_path / "uit"
    uit.mkdir()
    (uit / "stand-van-logius-2022.pdf").write_bytes(b"een oude PDF")
    proc = stand_pdf(project, uit)
    assert proc.returncode == 1
    assert proc.stderr.startswith("Fout: de PDF van 2022 is niet gemaakt")
    assert reported in proc.stderr
    assert list(uit.glob("*.pdf")) == []


def test_unknown_year_is_refused(tmp_path: Path) -> None:
    proc = stand_pdf(REPO, tmp_path, "--jaar", "1999")
    assert proc.returncode == 2
    assert proc.stderr.startswith("Fout: geen verslagjaar 1999")
    assert list(tmp_path.iterdir()) == []


def test_help_is_dutch() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "stand.pdf", "--help"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    assert proc.stdout.startswith("gebruik: python -m stand.pdf")
    assert "verslagjaar" in proc.stdout
    for english in ("usage", "options", "show this help"):
        assert english not in proc.stdout
