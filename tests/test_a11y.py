"""Accessibility of the HTML site, in a real browser (WCAG 2.1 AA).

axe-core runs on every page in furo's light and dark scheme and on a narrow screen;
the interface text must be Dutch; a keyboard must reach the links in the
traceability tables and see where its focus is. Chromium is the
Debian package (``make test`` installs it); a browser that does not start fails these
tests, it never skips them. axe's best-practice findings are reported as warnings.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import subprocess
import sys
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Literal

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, ViewportSize, expect, sync_playwright

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without network, Chromium's background services would only flood refused connections.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
Scheme = Literal["light", "dark"]
SCHEMES: tuple[Scheme, ...] = ("light", "dark")
DESKTOP = ViewportSize(width=1280, height=720)
# 1280 px at 400 % zoom: the width WCAG 1.4.10 (reflow) asks a page to work at.
NARROW = ViewportSize(width=320, height=640)
# A search with results, so its messages (written by searchtools.js) are checked too.
SEARCH = "search.html?q=dilemma"
# An unknown ID keeps permalink.html on screen instead of redirecting.
PERMALINK = "permalink.html?id=ONBEKEND"

# Interface text of Sphinx, furo, sphinx-needs and its table widget, in English;
# matched as whole words, case-sensitive.
ENGLISH = (
    "Skip to content",
    "Back to top",
    "Last updated",
    "Toggle",
    "Search",
    "Searching",
    "Contents",
    "Table of Contents",
    "Copyright",
    "Made with",
    "pradyunsg's",
    "Link to this",
    "View this page",
    "Edit this page",
    "On this page",
    "Next",
    "Previous",
    "Home",
    "Expand",
    "Light mode",
    "Dark mode",
    "Auto light",
    "Navigation",
    "Please",
    "Error",
    "Hide Search Matches",
    "Search Results",
    "Search finished",
    "Preparing search",
    "Your search",
    "Rows per page",
    "Columns",
    "Copy",
    "Showing",
    "No matching rows",
    "Pagination",
    "sort",
    "Wait",
)
ENGLISH_RE = re.compile(r"\b(?:" + "|".join(map(re.escape, ENGLISH)) + r")\b")


class AxeBestPractice(UserWarning):
    """An axe-core best-practice finding: reported, not a WCAG failure."""


# --- Site and browser -------------------------------------------------------------


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve ``root`` on a free port of 127.0.0.1; yields the base URL."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(root))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def site(real_html: Path) -> Iterator[str]:
    with serve(real_html) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except Exception as error:
            pytest.fail(
                f"Chromium ({CHROMIUM}) did not start; install it with "
                f"`sudo apt-get install chromium`.\n{error}",
                pytrace=False,
            )
        yield chromium
        chromium.close()


def new_page(browser: Browser, scheme: Scheme, viewport: ViewportSize = DESKTOP) -> Page:
    """A page in ``scheme``, for the browser and for furo's own switch alike.

    Reduced motion, so a focused element is where it lands, not where a smooth scroll
    is passing (stand-theme.css honours the setting).
    """
    context = browser.new_context(color_scheme=scheme, viewport=viewport, reduced_motion="reduce")
    # furo reads its choice from localStorage before the page is painted.
    context.add_init_script(f"localStorage.setItem('theme', '{scheme}')")
    context.set_default_timeout(10_000)
    return context.new_page()


def site_pages(root: Path) -> list[str]:
    """Every HTML page, as a URL path; _static, _sources and _images hold none."""
    found = sorted(
        path.relative_to(root).as_posix()
        for path in root.rglob("*.html")
        if not path.relative_to(root).parts[0].startswith("_")
    )
    assert {"index.html", "genindex.html", "search.html", "permalink.html"} <= set(found)
    return [
        SEARCH if p == "search.html" else PERMALINK if p == "permalink.html" else p for p in found
    ]


def load(page: Page, url: str) -> None:
    page.goto(url)
    if "search.html?q=" in url:
        # searchtools.js sets this title once the results are in.
        page.wait_for_function(
            "document.querySelector('#search-results h2')?.innerText"
            " === Documentation.gettext('Search Results')"
        )
    elif "permalink.html" in url:
        page.wait_for_load_state("networkidle")


def relative_luminance(css_colour: str) -> float:
    """Of an ``rgb()``/``rgba()`` value; a transparent one shows the white canvas."""
    values = [float(v) for v in re.findall(r"[\d.]+", css_colour)]
    if len(values) == 4 and values[3] == 0:
        return 1.0
    linear = [
        c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
        for c in (v / 255 for v in values[:3])
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def assert_scheme(page: Page, scheme: Scheme, url: str) -> None:
    theme = page.evaluate("document.body.dataset.theme ?? null")
    if theme is not None:  # furo's pages; permalink.html follows the browser only
        assert theme == scheme, url
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    luminance = relative_luminance(background)
    assert (luminance < 0.05) if scheme == "dark" else (luminance > 0.9), (url, background)


# --- axe-core ---------------------------------------------------------------------


def run_axe(page: Page) -> list[dict[str, Any]]:
    options = {"runOnly": {"type": "tag", "values": [*WCAG_TAGS, "best-practice"]}}
    violations: list[dict[str, Any]] = Axe().run(page, options=options).response["violations"]
    return violations


def describe(violation: dict[str, Any]) -> str:
    lines = [f"  {violation['id']} ({violation['impact']}): {violation['help']}"]
    for node in violation["nodes"][:5]:
        lines.append(f"    {node['target']}: {node['failureSummary'].splitlines()[-1].strip()}")
    if len(violation["nodes"]) > 5:
        lines.append(f"    … and {len(violation['nodes']) - 5} more")
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("scheme", "viewport"),
    [("light", DESKTOP), ("dark", DESKTOP), ("light", NARROW)],
    ids=["light", "dark", "light-320px"],
)
def test_axe_finds_no_wcag_violations(
    browser: Browser, site: str, real_html: Path, scheme: Scheme, viewport: ViewportSize
) -> None:
    page = new_page(browser, scheme, viewport)
    failures: list[str] = []
    best_practice: dict[str, set[str]] = {}
    for url in site_pages(real_html):
        load(page, site + url)
        assert_scheme(page, scheme, url)
        for violation in run_axe(page):
            if set(violation["tags"]) & set(WCAG_TAGS):
                failures.append(f"{url}:\n{describe(violation)}")
            else:
                best_practice.setdefault(violation["id"], set()).add(url)
    page.context.close()
    for rule, urls in sorted(best_practice.items()):
        warnings.warn(
            f"axe best practice '{rule}' ({scheme}, {viewport['width']} px): "
            + ", ".join(sorted(urls)),
            AxeBestPractice,
            stacklevel=1,
        )
    assert not failures, f"WCAG violations ({scheme}, {viewport['width']} px):\n" + "\n".join(
        failures
    )


# --- Dutch --------------------------------------------------------------------------

PAGE_TEXTS = """() => {
  const texts = [document.title, document.body.innerText];
  for (const element of document.querySelectorAll("[aria-label], [title], [alt], [placeholder]")) {
    for (const name of ["aria-label", "title", "alt", "placeholder"]) {
      if (element.hasAttribute(name)) texts.push(element.getAttribute(name));
    }
  }
  for (const title of document.querySelectorAll("svg title")) texts.push(title.textContent);
  return texts;
}"""


def test_no_english_interface_text(browser: Browser, site: str, real_html: Path) -> None:
    page = new_page(browser, "light")
    found: list[str] = []
    for url in site_pages(real_html):
        load(page, site + url)
        assert page.evaluate("document.documentElement.lang") == "nl", url
        for text in page.evaluate(PAGE_TEXTS):
            found += [
                f"{url}: {m.group()!r} in {text[max(0, m.start() - 30) : m.end() + 30]!r}"
                for m in ENGLISH_RE.finditer(text)
            ]
    page.context.close()
    assert not found, "English interface text:\n" + "\n".join(sorted(set(found)))


def test_permalink_leads_to_the_need(
    browser: Browser, site: str, real_needs: dict[str, dict[str, Any]]
) -> None:
    need_id, need = sorted(real_needs.items())[0]
    page = new_page(browser, "light")
    page.goto(f"{site}permalink.html?id={need_id}")
    page.wait_for_url(f"{site}{need['docname']}.html#{need_id}")
    page.context.close()


class Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.images: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.images.append(dict(attrs))


def test_every_image_has_a_real_alt_text(real_html: Path) -> None:
    for path in real_html.rglob("*.html"):
        parser = Images()
        parser.feed(path.read_text(encoding="utf-8"))
        for image in parser.images:
            alt = (image.get("alt") or "").strip()
            name = Path(image.get("src") or "").name
            assert alt and name not in alt and not alt.startswith("needflow"), (path, image)


# --- Keyboard -------------------------------------------------------------------------

FOCUSED = """() => {
  const e = document.activeElement;
  // Where stand-theme.css draws the focus for an element that cannot show it itself.
  const standIn = e.matches(".toctree-checkbox")
    ? e.nextElementSibling
    : e.matches("#__navigation")
      ? document.querySelector(".nav-overlay-icon")
      : e.closest(".sidebar-search-container");
  const outlined = (el) => {
    const style = getComputedStyle(el);
    return style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  };
  const box = (standIn ?? e).getBoundingClientRect();
  return {
    mark: e.dataset.kb ?? null,
    tag: e.tagName.toLowerCase(),
    id: e.id,
    classes: typeof e.className === "string" ? e.className : "",
    text: (e.innerText ?? "").slice(0, 40),
    label: e.getAttribute("aria-label"),
    inMain: e.closest("#furo-main-content") !== null,
    inSidebar: e.closest(".sidebar-drawer") !== null,
    outlined: outlined(e) || (standIn !== null && outlined(standIn)),
    onScreen: box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0
      && box.left < innerWidth && box.top < innerHeight,
  };
}"""


def tab_through(page: Page) -> list[dict[str, Any]]:
    """Every focus stop of the page, in order, from the top."""
    stops: list[dict[str, Any]] = []
    for _ in range(1000):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["tag"] == "body" or focused in stops[:1]:
            return stops
        stops.append(focused)
    raise AssertionError("Tab does not come round")


def assert_focus_seen(stops: list[dict[str, Any]]) -> None:
    """WCAG 2.4.7: every stop shows its focus, on the screen."""
    unseen = [stop for stop in stops if not (stop["outlined"] and stop["onScreen"])]
    assert not unseen, unseen


def test_keyboard_reaches_the_traceability_tables(browser: Browser, site: str) -> None:
    page = new_page(browser, "light")
    page.goto(site + "2022/traceerbaarheid.html")
    page.keyboard.press("Tab")
    first = page.evaluate(FOCUSED)
    assert "skip-to-content" in first["classes"] and first["text"] == "Naar de inhoud"
    expect(page.locator(".skip-to-content")).to_be_in_viewport()  # slides in on focus
    # The skip link lands in the content: the next stop is inside <article>.
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["inMain"]

    page.reload()
    links = page.evaluate(
        """() => [...document.querySelectorAll(
             "table.stand-table td a[href], table.stand-table th a[href]")]
             .map((a, i) => (a.dataset.kb = String(i)))"""
    )
    assert len(links) > 20
    stops = tab_through(page)
    reached = {stop["mark"] for stop in stops if stop["mark"] is not None}
    assert set(links) <= reached, f"not reached: {sorted(set(links) - reached, key=int)}"
    assert_focus_seen(stops)

    # furo's navigation sections open and close from the keyboard.
    assert any("toctree-checkbox" in stop["classes"] for stop in stops)
    checkbox = page.locator(".sidebar-tree .toctree-checkbox").first
    before = checkbox.is_checked()
    checkbox.focus()
    page.keyboard.press("Space")
    assert checkbox.is_checked() != before
    page.context.close()


def test_keyboard_on_a_narrow_screen(browser: Browser, site: str) -> None:
    page = new_page(browser, "light", NARROW)
    page.goto(site + "2022/traceerbaarheid.html")
    stops = tab_through(page)
    assert_focus_seen(stops)
    # The closed navigation drawer takes no focus; its menu button does.
    assert stops[0]["id"] == "__navigation"
    assert stops[0]["label"] == "Navigatie tonen of verbergen"
    assert "skip-to-content" in stops[1]["classes"]
    assert not any(stop["inSidebar"] for stop in stops)

    page.reload()
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(page.locator(".sidebar-drawer")).to_be_in_viewport()
    opened = tab_through(page)
    assert_focus_seen(opened)
    assert any(stop["inSidebar"] for stop in opened)
    page.context.close()


# --- A project with what the real docs lack: a toctree caption, a needtable ---------

PROEF = {
    "conf.py": 'extensions = ["stand"]\nlanguage = "nl"\nproject = "Proef"\nhtml_theme = "furo"\n',
    "index.md": (
        "# Proef\n\n```{toctree}\n:caption: Hoofdstukken\n\nreferentie/index\n```\n\n"
        "## Tabel\n\n```{needtable}\n```\n\n"
        "## Verder\n\n```{toctree}\n:caption: Bijlagen\n\nbijlage\n```\n"
    ),
    "bijlage.md": "# Bijlage\n\nTekst.\n",
    "referentie/index.md": (
        "# Referentie\n\n```{handelingsperspectief} Dienstverlening\n"
        ":id: HP_DIENSTVERLENING\n\nTekst.\n```\n"
    ),
}


@pytest.fixture(scope="module")
def proef_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("proef")
    for name, text in PROEF.items():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text(text, encoding="utf-8")
    out = source / "_build"
    proc = subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", str(source), str(out)],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return out


CAPTION = re.compile(r'<p ([^>]*class="caption"[^>]*)><span class="caption-text">([^<]*)<')


def caption_levels(html: str) -> list[tuple[str, str | None]]:
    """(caption, aria-level) of each toctree caption, in order."""
    return [
        (text, dict(re.findall(r'([\w-]+)="([^"]*)"', attributes)).get("aria-level"))
        for attributes, text in CAPTION.findall(html)
    ]


def test_toctree_caption_has_a_heading_level(proef_html: Path) -> None:
    html = (proef_html / "index.html").read_text(encoding="utf-8")
    navigation, page = html.split("<article", 1)
    # furo's navigation has no sections; in the page a caption ranks below its heading.
    assert caption_levels(navigation) == [("Hoofdstukken", "2"), ("Bijlagen", "2")]
    assert caption_levels(page) == [("Hoofdstukken", "2"), ("Bijlagen", "3")]


@pytest.mark.parametrize("scheme", SCHEMES)
def test_needtable_widget_is_labelled_in_dutch(
    browser: Browser, proef_html: Path, scheme: Scheme
) -> None:
    with serve(proef_html) as base:
        page = new_page(browser, scheme)
        page.goto(base + "index.html")
        search = page.get_by_role("searchbox", name="Zoeken in de tabel")
        assert search.count() == 1
        assert page.get_by_role("combobox", name="Rijen per pagina").count() == 1
        violations = [describe(v) for v in run_axe(page) if set(v["tags"]) & set(WCAG_TAGS)]
        texts = page.evaluate(PAGE_TEXTS)
        page.context.close()
    assert not violations, "\n".join(violations)
    english = [m.group() for text in texts for m in ENGLISH_RE.finditer(text)]
    assert not english, english
