"""furo's navigation rendered once per build (stand.navigation) writes furo's own HTML.

Each site is built twice, with our navigation and with furo's (``stand_navigatie``
off), and every written file must be byte for byte the same.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from stand.navigation import navigation, page_navigation

REPO = Path(__file__).resolve().parent.parent
ROOT = Path(__file__).parent / "roots" / "test-navigatie"
# Files that hold a build's configuration hash or timings, not pages.
NOT_PAGES = {".buildinfo"}


def sphinx(builder: str, src: Path, out: Path, *extra: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", builder, "-q", "-W", "--keep-going", "--no-color",
         *extra, str(src), str(out)],
        check=True, cwd=REPO,
    )  # fmt: skip


def written(out: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(out)): path.read_bytes()
        for path in sorted(out.rglob("*"))
        # downloads/: what `stand bouw` adds to the site after Sphinx (PDFs, CSV, XLSX).
        if path.is_file()
        and not {".doctrees", "downloads"} & set(path.parts)
        and path.name not in NOT_PAGES
    }


def assert_same_site(ours: Path, furos: Path) -> None:
    mine, theirs = written(ours), written(furos)
    assert mine.keys() == theirs.keys()
    different = [name for name in mine if mine[name] != theirs[name]]
    assert different == []


@pytest.mark.parametrize(("builder", "page"), [
    ("html", "2031/deel/c/index.html"),
    ("dirhtml", "2031/deel/c/index.html"),
])  # fmt: skip
def test_every_page_as_furo_writes_it(builder: str, page: str, tmp_path: Path) -> None:
    sphinx(builder, ROOT, tmp_path / "ours")
    sphinx(builder, ROOT, tmp_path / "furo", "-D", "stand_navigatie=0")
    assert_same_site(tmp_path / "ours", tmp_path / "furo")
    # The comparison has teeth: the deep page's branch is marked, two levels up.
    html = (tmp_path / "ours" / page).read_text(encoding="utf-8")
    assert html.count('class="toctree-l1 current has-children"') == 1
    assert '<li class="toctree-l3 current current-page">' in html
    assert '<a class="current reference internal" href="#">Deel C</a>' in html
    assert html.count('checked=""') == 2


def test_parallel_writers_write_the_same(tmp_path: Path) -> None:
    sphinx("html", ROOT, tmp_path / "ours", "-j", "2")
    sphinx("html", ROOT, tmp_path / "furo", "-D", "stand_navigatie=0")
    assert_same_site(tmp_path / "ours", tmp_path / "furo")


def test_the_real_site_as_furo_writes_it(real_html: Path, tmp_path: Path) -> None:
    sphinx("html", REPO / "docs", tmp_path / "furo", "-c", str(REPO), "-D", "stand_navigatie=0")
    assert_same_site(real_html, tmp_path / "furo")


@pytest.mark.sphinx("html", testroot="navigatie", freshenv=True)
def test_which_pages_are_left_to_furo(app: Any) -> None:
    app.build()
    nav = navigation(app)
    assert nav is not None
    ours = {
        docname
        for docname in app.env.found_docs
        if page_navigation(nav, app.builder, docname) is not None
    }
    # Deel A is listed twice, so Sphinx marks two branches: furo renders that page.
    assert app.env.found_docs - ours == {"2031/deel/a"}
    assert page_navigation(nav, app.builder, "genindex") is not None


@pytest.mark.sphinx("singlehtml", testroot="navigatie", freshenv=True)
def test_builders_with_their_own_links_are_left_to_furo(app: Any) -> None:
    app.build()
    assert navigation(app) is None
