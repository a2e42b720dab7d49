"""A new report year from the previous one: its pages, with the open needs carried.

Pure text work on the MyST sources (no Sphinx): ``plan_year`` returns the files of
the new year and what was carried or left out; the command line writes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import freeze
from .config import TYPES_BY_NAME
from .model import still_runs


class Refused(Exception):
    """Why the new year cannot be made; nothing has been changed."""


REMAPPED_LINKS = ("adresseert", "valt_onder", "raakt")
VIEWS = ("traceermatrix", "jaarlijnen", "dekking", "jaarverschil")
_OPEN_FENCE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")
_DIRECTIVE = re.compile(r"^\{(?P<name>[\w:-]+)\}")
_OPTION = re.compile(r"^:(?P<key>[\w-]+):(?:\s+(?P<value>.*))?$")
_HEADING = re.compile(r"^#{1,6}\s")
_SEPARATOR = re.compile(r"\s*[,;]\s*")
MARKER = (
    "```{{admonition}} Nog te actualiseren\n:class: {css}\n\nDeze tekst komt uit de stand "
    "van {van}. Herschrijf hem voor {naar} en haal daarna deze melding weg.\n```"
)


@dataclass
class Block:
    """Plain text, or a fenced block: opening line, options, body, closing line."""

    lines: list[str]
    name: str | None = None  # the directive of a fenced ```{name} block
    options: list[tuple[str, str]] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    closed: bool = False

    def option(self, key: str) -> str | None:
        return next((v for k, v in self.options if k == key), None)

    def rebuilt(self, options: list[tuple[str, str]], body: list[str]) -> list[str]:
        lines = [self.lines[0], *(f":{k}: {v}".rstrip() for k, v in options), *body]
        return [*lines, self.lines[-1]] if self.closed else lines


def split_blocks(text: str) -> list[Block]:
    """Text and fenced blocks as MyST reads them: a fence closes with one as long."""
    lines = text.split("\n")
    found: list[Block] = []
    index = 0
    while index < len(lines):
        end = index
        while end < len(lines) and not _OPEN_FENCE.match(lines[end]):
            end += 1
        if end > index:
            found.append(Block(lines[index:end]))
        if end == len(lines):
            break
        match = _OPEN_FENCE.match(lines[end])
        assert match is not None
        closing = re.compile(rf"^ {{0,3}}{match['fence'][0]}{{{len(match['fence'])},}}\s*$")
        start, end = end, end + 1
        while end < len(lines) and not closing.match(lines[end]):
            end += 1
        block = Block(lines[start : end + 1], closed=end < len(lines))
        inner = lines[start + 1 : end]
        if directive := _DIRECTIVE.match(match["info"].strip()):
            block.name = directive["name"]
            while len(block.options) < len(inner) and (
                option := _OPTION.match(inner[len(block.options)])
            ):
                block.options.append((option["key"], (option["value"] or "").strip()))
            block.body = inner[len(block.options) :]
        found.append(block)
        index = end + 1
    return found


def ids_of(value: str) -> list[str]:
    return [part for part in _SEPARATOR.split(value.strip()) if part]


@dataclass
class Plan:
    files: dict[str, bytes]  # path inside the new year's folder -> content
    carried: dict[str, str]  # old ID -> new ID
    left_out: list[str]
    notices: list[str]


@dataclass(frozen=True)
class _Need:
    id: str
    type: str
    status: str | None
    adresseert: tuple[str, ...]
    page: str


def _year_needs(pages: dict[str, list[Block]]) -> list[_Need]:
    return [
        _Need(
            block.option("id") or "",
            block.name,
            block.option("status"),
            tuple(ids_of(block.option("adresseert") or "")),
            page,
        )
        for page, blocks in sorted(pages.items())
        for block in blocks
        if block.name and block.name in TYPES_BY_NAME and TYPES_BY_NAME[block.name].per_year
    ]


def carried_ids(needs: list[_Need], van: str, naar: str) -> dict[str, str]:
    """What still runs, under the new year's ID; an oplossingsrichting only with a carried dilemma.

    The rest (opgelost, gerealiseerd, vervallen) ends its line in ``van`` with that status.
    """
    dilemmas = {n.id for n in needs if n.type == "dilemma" and still_runs(n.status)}
    carried: dict[str, str] = {}
    for need in needs:
        if not still_runs(need.status):
            continue
        if need.type == "oplossingsrichting" and not dilemmas.intersection(need.adresseert):
            continue
        prefix = TYPES_BY_NAME[need.type].prefix
        if not re.fullmatch(rf"{prefix}{van}_[A-Z0-9_]+", need.id):
            raise Refused(
                f"het ID '{need.id}' in {need.page} past niet in het patroon {prefix}{van}_<SLUG>; "
                "herstel dat eerst (stand controleer). Er is niets veranderd."
            )
        carried[need.id] = f"{prefix}{naar}_{need.id.removeprefix(f'{prefix}{van}_')}"
    return carried


class _Carry:
    """Rewrites one page of year ``van`` into year ``naar``."""

    def __init__(self, van: str, naar: str, carried: dict[str, str], year_ids: set[str]) -> None:
        self.van, self.naar, self.carried = van, naar, carried
        self.dropped = year_ids - set(carried)
        words = "|".join(re.escape(i) for i in sorted(year_ids, key=len, reverse=True))
        self._ids = re.compile(rf"(?<![\w])({words})(?![\w])") if words else None

    def rename(self, line: str) -> str:
        if self._ids is None:
            return line
        return self._ids.sub(lambda m: self.carried.get(m[1], m[1]), line)

    def mentions_dropped(self, lines: list[str]) -> bool:
        return self._ids is not None and any(
            m[1] in self.dropped for line in lines for m in self._ids.finditer(line)
        )

    def need(self, block: Block) -> list[str]:
        old = block.option("id") or ""
        if old not in self.carried:
            return []
        options: list[tuple[str, str]] = []
        for key, value in block.options:
            if key in REMAPPED_LINKS:
                targets = [self.carried.get(t, t) for t in ids_of(value) if t not in self.dropped]
                if targets:
                    options.append((key, ", ".join(targets)))
            elif key == "tags":
                tags = [t for t in ids_of(value) if t != freeze.TODO_TAG]
                options.append((key, ", ".join([*tags, freeze.TODO_TAG])))
            elif key not in ("vervolg_op", "jaar"):
                options.append((key, self.rename(value)))
        options.insert(1 if options and options[0][0] == "id" else 0, ("vervolg_op", old))
        if block.option("tags") is None:
            options.append(("tags", freeze.TODO_TAG))
        return block.rebuilt(options, [self.rename(line) for line in block.body])

    def other(self, block: Block) -> list[str]:
        if block.name is None:
            return [self.rename(line) for line in block.lines]
        if block.name == "admonition" and block.option("class") == freeze.TODO_CLASS:
            return []  # the marker of the year before; the page gets a new one
        head = [block.lines[0], *(v for _, v in block.options)]
        if self.mentions_dropped(head):
            return []  # e.g. the flow of a dilemma that does not continue
        options = [(k, self.rename(v)) for k, v in block.options]
        if block.name in VIEWS:
            values = dict(options)
            if block.name == "jaarverschil" and values.get("naar") == self.van:
                values["van"] = self.van
            options = [
                (k, self.naar if k in ("jaar", "tot", "naar") and v == self.van else values[k])
                for k, v in options
            ]
        body = [self.rename(line) for line in block.body]
        if block.name == "toctree":
            body = [re.sub(rf"^(\s*)/{self.van}/", rf"\1/{self.naar}/", line) for line in body]
        if options == block.options and body == block.body:
            return [self.rename(line) for line in block.lines]
        return block.rebuilt(options, body)

    def page(self, blocks: list[Block]) -> str:
        has_text = any(
            line.strip() and not _HEADING.match(line) and line.strip() != "---"
            for block in blocks
            if block.name is None
            for line in block.lines
        )
        marker = MARKER.format(css=freeze.TODO_CLASS, van=self.van, naar=self.naar).split("\n")
        out: list[str] = []
        for block in blocks:
            is_need = block.name in TYPES_BY_NAME and block.option("id")
            lines = self.need(block) if is_need else self.other(block)
            if not lines and out and not out[-1].strip():
                out.pop()  # no double blank line where a block was left out
            for line in lines:
                heading = block.name is None and _HEADING.match(line)
                out.append(
                    re.sub(rf"(?<!\d){self.van}(?!\d)", self.naar, line) if heading else line
                )
                if heading and has_text:
                    out += ["", *marker]
                    has_text = False
        if has_text:
            out = [*marker, "", *out]
        return "\n".join(out)


def plan_year(source: Path, van: str, naar: str) -> Plan:
    """Every file of the new year, in memory; nothing is written here."""
    pages: dict[str, list[Block]] = {}
    others: dict[str, bytes] = {}
    for path in sorted(p for p in source.rglob("*") if p.is_file()):
        name = path.relative_to(source).as_posix()
        if path.name == freeze.FREEZE_FILE or any(part.startswith(".") for part in path.parts):
            continue
        if path.suffix == ".rst":
            raise Refused(f"{name} is reStructuredText; nieuw-jaar neemt alleen .md-pagina's over.")
        if path.suffix == ".md":
            pages[name] = split_blocks(path.read_text(encoding="utf-8"))
        else:
            others[name] = path.read_bytes()
    needs = _year_needs(pages)
    carried = carried_ids(needs, van, naar)
    carry = _Carry(van, naar, carried, {n.id for n in needs})
    files = {name: carry.page(blocks).encode("utf-8") for name, blocks in pages.items()}
    addressed = {
        t for n in needs if n.id in carried and n.type == "oplossingsrichting" for t in n.adresseert
    }
    notices = [
        f"{carried[n.id]} heeft geen oplossingsrichting meer die meekomt; voeg er een toe met "
        f":adresseert: {carried[n.id]} (anders meldt de bouw dilemma_zonder_oplossing)."
        for n in needs
        if n.type == "dilemma" and n.id in carried and n.id not in addressed
    ]
    left_out = sorted(n.id for n in needs if n.id not in carried)
    return Plan({**others, **files}, carried, left_out, notices)


def add_to_toc(text: str, van: str, naar: str) -> str:
    """docs/index.md with the new year before ``van``: in the toctree and in a link list."""
    entry = re.compile(rf"^(?P<indent>\s*)(?P<slash>/?){van}/index(\.md)?\s*$")
    out: list[str] = []
    added = False
    for block in split_blocks(text):
        if block.name == "toctree":
            for line in block.lines:
                if (match := entry.match(line)) and not added:
                    out.append(f"{match['indent']}{match['slash']}{naar}/index")
                    added = True
                out.append(line)
            continue
        for line in block.lines:
            if block.name is None and f"({van}/index.md)" in line:
                out.append(re.sub(rf"(?<!\d){van}(?!\d)", naar, line))
            out.append(line)
    if not added:
        raise Refused(
            f"docs/index.md heeft geen inhoudsopgave (toctree) met {van}/index; zet "
            f"{naar}/index daar zelf in. Er is niets veranderd."
        )
    return "\n".join(out)
