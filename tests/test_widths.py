"""Every view fits the content column at 1280 px, in a real browser, in both schemes.

The real site, and a project built to be wide (IDs of 37 characters, six columns,
seven years, a matrix too big to read): no view table is wider than furo's
content column, nothing in it sticks out past its right edge, and the reader
never scrolls sideways. This is how ``matrix.MAX_COLUMNS`` and
``lineages.MAX_YEARS`` were chosen.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser
from test_a11y import SCHEMES, Scheme, browser, new_page, serve, site_pages

__all__ = ["browser"]  # the Chromium fixture of test_a11y, shared

MEASURE = """() => {
  const column = document.querySelector("article[role=main]");
  const edge = column.getBoundingClientRect().right;
  return [...document.querySelectorAll("table.stand-table")].map((table) => {
    const box = table.getBoundingClientRect();
    const wrapper = table.closest(".table-wrapper") ?? table.parentElement;
    const right = Math.max(box.right, ...[...table.querySelectorAll("*")]
      .map((e) => e.getBoundingClientRect().right));
    return {
      caption: table.querySelector("caption")?.innerText ?? "",
      width: box.width,
      column: column.getBoundingClientRect().width,
      sticksOut: right - edge,
      scrolls: wrapper.scrollWidth - wrapper.clientWidth,
    };
  });
}"""


def too_wide(
    browser: Browser, base: str, pages: list[str], scheme: Scheme
) -> tuple[int, list[str]]:
    """How many view tables there are, and those that do not fit."""
    page = new_page(browser, scheme)
    count, found = 0, []
    for url in pages:
        page.goto(base + url)
        for table in page.evaluate(MEASURE):
            count += 1
            if (
                table["width"] > table["column"] + 0.5
                or table["sticksOut"] > 0.5
                or (table["scrolls"] > 0)
            ):
                found.append(f"{url}: {table}")
    page.context.close()
    return count, found


@pytest.fixture(scope="module")
def wide_site(wide_html: Path) -> Iterator[str]:
    with serve(wide_html) as base:
        yield base


@pytest.fixture(scope="module")
def real_site(real_html: Path) -> Iterator[str]:
    with serve(real_html) as base:
        yield base


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_view_table_on_the_real_site_is_wider_than_the_column(
    browser: Browser, real_site: str, real_html: Path, scheme: Scheme
) -> None:
    pages = [p for p in site_pages(real_html) if "?" not in p]
    count, found = too_wide(browser, real_site, pages, scheme)
    assert count >= 10  # the 2022 traceability page and the overviews
    assert not found, "\n".join(found)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_long_ids_many_needs_and_years_still_fit(
    browser: Browser, wide_site: str, wide_html: Path, scheme: Scheme
) -> None:
    pages = [p for p in site_pages(wide_html) if "?" not in p]
    count, found = too_wide(browser, wide_site, pages, scheme)
    assert count >= 7 * 3 + 4
    assert not found, "\n".join(found)
