"""The real site without loose ends: valid HTML, a favicon and a description on every
page, a caption on every table, and Lighthouse's best practices and SEO at 100.

The W3C Nu HTML checker (npm ``vnu-jar``, run with Java) reads every page; Lighthouse
(npm ``lighthouse``) audits the main pages in the Debian Chromium, served from
127.0.0.1 without any other network. ``make test`` installs both (``npm ci`` from
package-lock.json) and checks Java and Node; a checker that cannot run fails these
tests, it never skips them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from stand.theme import DESCRIPTION_LENGTH, shorten
from test_a11y import CHROMIUM, serve

REPO = Path(__file__).resolve().parent.parent
NODE_MODULES = REPO / "node_modules"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
LIGHTHOUSE = NODE_MODULES / "lighthouse" / "cli" / "index.js"
# The brief's flags: no sandbox (root), no GPU, and nothing that reaches the network.
LIGHTHOUSE_CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage "
    "--disable-background-networking --disable-component-update --disable-sync "
    "--no-first-run --disable-quic"
)
CATEGORIES = ("best-practices", "seo")
MAKE_TEST = "run `make test`, which installs it (npm ci)"


def site_pages(root: Path) -> list[Path]:
    """Every HTML page; _static, _sources and _images hold none of ours."""
    return sorted(
        path for path in root.rglob("*.html") if not path.relative_to(root).parts[0].startswith("_")
    )


def require(path: Path, what: str) -> Path:
    if not path.is_file():
        pytest.fail(f"{what} is missing ({path}); {MAKE_TEST}.", pytrace=False)
    return path


def program(name: str, package: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(
            f"`{name}` is not installed; install it with `sudo apt-get install {package}`.",
            pytrace=False,
        )
    return found


# --- W3C Nu HTML checker ------------------------------------------------------------


def nu_errors(files: list[Path]) -> list[dict[str, Any]]:
    """The Nu checker's errors for ``files``, in one run of the checker."""
    java = program("java", "default-jre-headless")
    proc = subprocess.run(
        [java, "-jar", str(require(VNU_JAR, "The Nu HTML checker")), "--errors-only",
         "--exit-zero-always", "--stdout", "--format", "json", *map(str, files)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    # The report on stdout; Java's own notes (JAVA_TOOL_OPTIONS, say) go to stderr.
    assert proc.returncode == 0, proc.stderr
    messages: list[dict[str, Any]] = json.loads(proc.stdout)["messages"]
    return messages


def where(message: dict[str, Any], root: Path) -> str:
    path = str(message.get("url", "?")).removeprefix("file:")
    return path.removeprefix(f"{root.resolve()}/").removeprefix(f"{root}/")


def test_nu_html_checker_finds_no_errors_on_any_page(real_html: Path) -> None:
    pages = site_pages(real_html)
    assert len(pages) > 10
    errors = nu_errors(pages)
    found = [
        f"{where(m, real_html)}:{m.get('lastLine', '?')}: {m['message']}"
        f"  [{m.get('extract', '').strip()[:80]}]"
        for m in errors
    ]
    assert not found, "Nu HTML checker errors:\n" + "\n".join(found)


def test_nu_html_checker_reports_an_error(tmp_path: Path) -> None:
    """The check can fail: a page with a duplicate ID is an error."""
    page = tmp_path / "fout.html"
    page.write_text(
        '<!DOCTYPE html><html lang="nl"><head><title>Fout</title></head>'
        '<body><p id="a">Een</p><p id="a">Twee</p></body></html>',
        encoding="utf-8",
    )
    assert [m["message"] for m in nu_errors([page])] == [
        "Duplicate ID “a”.",
    ]


# --- What every page carries ----------------------------------------------------------


class Head(HTMLParser):
    """The favicons, the descriptions, and per table whether it has a caption."""

    def __init__(self) -> None:
        super().__init__()
        self.icons: list[str] = []
        self.descriptions: list[str] = []
        self.tables: list[bool] = []
        self._open: list[int] = []  # the tables we are in, innermost last
        self._first_child = False  # nothing has started since the innermost <table>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "link" and "icon" in (a.get("rel") or "").split():
            self.icons.append(a.get("href") or "")
        elif tag == "meta" and a.get("name") == "description":
            self.descriptions.append(a.get("content") or "")
        elif tag == "caption" and self._open and self._first_child:
            self.tables[self._open[-1]] = True  # a caption must be the table's first child
        self._first_child = tag == "table"
        if tag == "table":
            self.tables.append(False)
            self._open.append(len(self.tables) - 1)

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self._open:
            self._open.pop()


def read_head(page: Path) -> Head:
    head = Head()
    head.feed(page.read_text(encoding="utf-8"))
    return head


def test_every_page_has_our_favicon(real_html: Path) -> None:
    for page in site_pages(real_html):
        icons = read_head(page).icons
        assert len(icons) == 1, (page, icons)
        icon = (page.parent / icons[0]).resolve()
        assert icon.name == "stand-favicon.svg" and icon.is_file(), (page, icons)


def test_every_page_has_a_dutch_description(real_html: Path) -> None:
    descriptions = {}
    for page in site_pages(real_html):
        found = read_head(page).descriptions
        assert len(found) == 1 and 20 <= len(found[0]) <= 160, (page, found)
        descriptions[page.relative_to(real_html).as_posix()] = found[0]
    # From the page's first paragraph, in Dutch.
    assert descriptions["index.html"].startswith("Het programma Werk aan Uitvoering")
    assert descriptions["genindex.html"].startswith("Trefwoordenregister van ")
    assert descriptions["search.html"].startswith("Zoeken in ")


def test_a_long_description_is_cut_at_a_word() -> None:
    text = "Het programma Werk aan Uitvoering vraagt elke organisatie om een verslag. " * 5
    short = shorten(text)
    assert len(short) <= DESCRIPTION_LENGTH and short.endswith("…")
    assert text.startswith(short[:-1]) and text[len(short) - 1] == " "
    assert shorten("  Kort,\n en  goed. ") == "Kort, en goed."


def test_every_table_has_a_caption(real_html: Path) -> None:
    without = [
        f"{page.relative_to(real_html)}: table {index + 1}"
        for page in site_pages(real_html)
        for index, captioned in enumerate(read_head(page).tables)
        if not captioned
    ]
    assert not without, "Tables without a caption:\n" + "\n".join(without)


# --- Lighthouse ---------------------------------------------------------------------------


def main_pages(root: Path) -> list[str]:
    """The start page, the latest year's first page, and the overviews."""
    years = sorted(p.name for p in root.iterdir() if re.fullmatch(r"\d{4}", p.name))
    assert years, root
    return ["index.html", f"{years[-1]}/index.html", "overzicht/index.html"]


@pytest.fixture(scope="module")
def site(real_html: Path) -> Any:
    with serve(real_html) as base:
        yield base


def lighthouse(url: str, out: Path) -> dict[str, Any]:
    node = program("node", "nodejs")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    proc = subprocess.run(
        [node, str(require(LIGHTHOUSE, "Lighthouse")), url,
         f"--only-categories={','.join(CATEGORIES)}", "--output=json",
         f"--output-path={out}", "--quiet", "--throttling-method=provided",
         "--preset=desktop", "--disable-full-page-screenshot",
         f"--chrome-flags={LIGHTHOUSE_CHROME_FLAGS}"],
        capture_output=True, text=True, env=env, check=False, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0 and out.is_file(), proc.stderr[-3000:]
    report: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return report


def failing_audits(report: dict[str, Any], category: str) -> list[str]:
    audits = report["audits"]
    found = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = audits[ref["id"]]
        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
            items = audit.get("details", {}).get("items", [])
            found.append(f"{ref['id']}: {audit['title']} {json.dumps(items)[:500]}")
    return found


@pytest.mark.parametrize("index", [0, 1, 2], ids=["start", "jaar", "overzicht"])
def test_lighthouse_best_practices_and_seo_are_100(
    real_html: Path, site: str, tmp_path: Path, index: int
) -> None:
    url = site + main_pages(real_html)[index]
    report = lighthouse(url, tmp_path / "lighthouse.json")
    assert not report.get("runtimeError"), report.get("runtimeError")
    scores = {c: report["categories"][c]["score"] for c in CATEGORIES}
    problems = [f"{c}: {a}" for c in CATEGORIES for a in failing_audits(report, c)]
    assert scores == dict.fromkeys(CATEGORIES, 1), f"{url}: {scores}\n" + "\n".join(problems)
