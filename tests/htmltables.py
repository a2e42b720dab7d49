"""Read the tables of our views back out of built HTML, as cells of text and links."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Cell:
    tag: str
    scope: str | None
    text: str = ""
    links: list[str] = field(default_factory=list)  # the need IDs the cell links to


@dataclass
class Table:
    classes: list[str]
    caption: str = ""
    rows: list[list[Cell]] = field(default_factory=list)

    def texts(self) -> list[list[str]]:
        return [[c.text for c in row] for row in self.rows]


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[Table] = []
        self._table: Table | None = None
        self._cell: Cell | None = None
        self._caption = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "table":
            self._table = Table((a.get("class") or "").split())
            self.tables.append(self._table)
        elif self._table is None:
            return
        elif tag == "caption":
            self._caption = True
        elif tag == "tr":
            self._table.rows.append([])
        elif tag in ("th", "td"):
            self._cell = Cell(tag, a.get("scope"))
            self._table.rows[-1].append(self._cell)
        elif tag == "a" and self._cell is not None and "#" in (a.get("href") or ""):
            self._cell.links.append((a.get("href") or "").rsplit("#", 1)[1])

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._table = None
        elif tag == "caption":
            self._caption = False
        elif tag in ("th", "td") and self._cell is not None:
            self._cell.text = re.sub(r"\s+", " ", self._cell.text).strip()
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._caption and self._table is not None:
            self._table.caption += data.replace("¶", "")
        elif self._cell is not None:
            self._cell.text += data


def tables(html: str, css_class: str) -> list[Table]:
    parser = _Parser()
    parser.feed(html)
    return [t for t in parser.tables if css_class in t.classes]
