"""The writers' command line: ``stand nieuw-jaar|controleer|publiceer|exporteer``.

Every command finds the repository root (the folder with ``conf.py`` and ``docs/``)
from wherever it is started, builds with Sphinx in a subprocess into a temporary
folder when it needs the needs, and writes files through a temporary file and
``os.replace`` so nobody ever sees a half-written one. Failures are Dutch
messages and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from . import export, freeze
from .build import to_record
from .config import TYPES_BY_NAME
from .model import Record

SOURCE_DIR = "docs"
_YEAR = re.compile(r"^\d{4}$")


class CliError(Exception):
    """A Dutch message for the writer; ``status`` is the exit status."""

    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(message)
        self.status = status


# --- Files ---------------------------------------------------------------------


def find_root(start: Path) -> Path:
    for folder in (start, *start.parents):
        if (folder / "conf.py").is_file() and (folder / SOURCE_DIR).is_dir():
            return folder
    raise CliError(
        f"geen repository gevonden: {start} en de mappen erboven hebben geen conf.py met "
        f"een map {SOURCE_DIR}/. Voer stand uit in (een map van) de repository."
    )


def write_file(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder, then rename: all or nothing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def year_folders(root: Path) -> list[str]:
    docs = root / SOURCE_DIR
    return sorted(p.name for p in docs.iterdir() if p.is_dir() and _YEAR.match(p.name))


def check_year(value: str) -> str:
    if not _YEAR.match(value):
        raise CliError(f"'{value}' is geen jaar; schrijf vier cijfers, bijvoorbeeld 2023.")
    return value


# --- Sphinx --------------------------------------------------------------------


@dataclass(frozen=True)
class Build:
    warnings: str  # located warnings, paths relative to the repository root
    needs_json: bytes

    def needs(self) -> dict[str, Any]:
        data = json.loads(self.needs_json)
        needs: dict[str, Any] = data["versions"][data["current_version"]]["needs"]
        return needs

    def records(self) -> dict[str, Record]:
        return {i: to_record(n) for i, n in sorted(self.needs().items())}


def sphinx_build(root: Path, builder: str, tags: Sequence[str] = ()) -> Build:
    """A fresh build of the whole docs tree into a temporary folder.

    Fresh (``-E``) so every read-time warning is given again; in a subprocess so
    the writer's ``_build/`` and this process stay untouched.
    """
    with tempfile.TemporaryDirectory(prefix="stand-bouw-") as work:
        command = [
            sys.executable, "-m", "sphinx", "-b", builder, "-E", "-q",
            "-c", str(root), "-d", str(Path(work) / "doctrees"),
            *(arg for tag in tags for arg in ("-t", tag)),
            str(root / SOURCE_DIR), str(Path(work) / "uit"),
        ]  # fmt: skip
        proc = subprocess.run(command, capture_output=True, text=True, cwd=root, check=False)
        log = proc.stderr.replace(f"{root}{os.sep}", "")
        needs_json = Path(work) / "uit" / "needs.json"
        if proc.returncode != 0 or not needs_json.is_file():
            raise CliError(f"de bouw van de documentatie is mislukt:\n{log or proc.stdout}")
        return Build(log, needs_json.read_bytes())


# --- Commands ------------------------------------------------------------------


def controleer(root: Path, args: argparse.Namespace) -> int:
    # html (into a temporary folder): sphinx-needs warns about needflow on other builders.
    tags = [freeze.PUBLICATION_TAG] if args.publicatie else []
    build = sphinx_build(root, "html", tags)
    if build.warnings.strip():
        sys.stderr.write(build.warnings.rstrip("\n") + "\n")
        what = "publicatiecontrole" if args.publicatie else "controle"
        raise CliError(f"de {what} vond meldingen (hierboven); los ze op en controleer opnieuw.", 1)
    sys.stdout.write("Geen meldingen: alle regels zijn in orde.\n")
    return 0


def publiceer(root: Path, args: argparse.Namespace) -> int:
    jaar = check_year(args.jaar)
    datum = args.datum or date.today().isoformat()
    if not (root / SOURCE_DIR / jaar).is_dir():
        raise CliError(f"er is geen map {SOURCE_DIR}/{jaar}/.")
    path = freeze.freeze_path(root / SOURCE_DIR, jaar)
    shown = path.relative_to(root)
    if args.erratum:
        need_id, uitleg = args.erratum
        if not path.is_file():
            raise CliError(
                f"{jaar} is nog niet gepubliceerd; doe dat eerst: stand publiceer {jaar}"
            )
        try:
            old = freeze.load(path, jaar)[1]
        except freeze.FreezeError as err:
            raise CliError(f"{shown} is onleesbaar: {err}.") from None
        try:
            new = freeze.with_erratum(
                old, need_id, uitleg, datum, sphinx_build(root, "needs").records()
            )
        except freeze.FreezeError as err:
            raise CliError(str(err)) from None
        write_file(path, freeze.dump(new).encode("utf-8"))
        sys.stdout.write(f"Erratum voor {need_id} vastgelegd in {shown} ({datum}).\n")
        return 0
    if path.is_file():
        raise CliError(
            f"{jaar} is al gepubliceerd ({shown}). Leg een wijziging vast met: "
            f"{freeze.erratum_command(jaar, '<ID>')}"
        )
    build = sphinx_build(root, "html", [f"{freeze.PUBLICATION_TAG}_{jaar}"])
    if build.warnings.strip():
        sys.stderr.write(build.warnings.rstrip("\n") + "\n")
        raise CliError(f"{jaar} is niet gepubliceerd: los eerst de meldingen hierboven op.", 1)
    published = freeze.publish(jaar, datum, build.records())
    if not published.needs:
        raise CliError(f"{SOURCE_DIR}/{jaar}/ heeft geen needs; er is niets te publiceren.")
    write_file(path, freeze.dump(published).encode("utf-8"))
    sys.stdout.write(
        f"{jaar} gepubliceerd op {datum}: {len(published.needs)} needs vastgelegd in {shown}.\n"
    )
    return 0


def exporteer(root: Path, args: argparse.Namespace) -> int:
    target = args.uit if args.uit.is_absolute() else Path.cwd() / args.uit
    if target.is_dir():
        raise CliError(
            f"{args.uit} is een map; geef een bestandsnaam, bijvoorbeeld needs.{args.formaat}."
        )
    # Always a fresh build (fast: the needs builder writes no pages), never a stale file.
    build = sphinx_build(root, "needs")
    if build.warnings.strip():
        sys.stderr.write(build.warnings.rstrip("\n") + "\n")
        sys.stderr.write("Let op: de bouw gaf meldingen (hierboven); de export is wel gemaakt.\n")
    if args.formaat == "json":
        data = build.needs_json
    elif args.formaat == "csv":
        data = export.to_csv(build.needs())
    else:
        data = export.to_xlsx(build.needs())
    write_file(target, data)
    sys.stdout.write(f"{len(build.needs())} needs geëxporteerd naar {args.uit}.\n")
    return 0


def nieuw_jaar(root: Path, args: argparse.Namespace) -> int:
    jaar = check_year(args.jaar)
    docs = root / SOURCE_DIR
    if (docs / jaar).exists():
        raise CliError(f"{SOURCE_DIR}/{jaar}/ bestaat al; er is niets veranderd.")
    earlier = [y for y in year_folders(root) if y < jaar]
    van = check_year(args.van) if args.van else (earlier[-1] if earlier else None)
    if van is None:
        raise CliError(f"er is geen verslagjaar vóór {jaar} in {SOURCE_DIR}/ om van uit te gaan.")
    if not (docs / van).is_dir():
        raise CliError(
            f"er is geen map {SOURCE_DIR}/{van}/ om van uit te gaan; er is niets veranderd."
        )
    if van >= jaar:
        raise CliError(f"--van {van} moet een eerder jaar zijn dan {jaar}.")
    plan = plan_year(docs / van, van, jaar)
    index = add_to_toc((docs / "index.md").read_text(encoding="utf-8"), van, jaar)
    place_year(root, jaar, plan.files, index)
    sys.stdout.write(
        f"{SOURCE_DIR}/{jaar}/ gemaakt vanuit {van}: {len(plan.carried)} needs overgenomen.\n"
        f"Ze dragen de tag {freeze.TODO_TAG}; werk ze bij en controleer met: "
        "stand controleer --publicatie\n"
    )
    if plan.left_out:
        sys.stdout.write(f"Niet overgenomen: {', '.join(plan.left_out)}.\n")
    for notice in plan.notices:
        sys.stdout.write(f"Let op: {notice}\n")
    return 0


def place_year(root: Path, jaar: str, files: dict[str, bytes], index: str) -> None:
    """Write the year in a temporary folder, then move it and the new index into place."""
    docs = root / SOURCE_DIR
    staging = Path(tempfile.mkdtemp(prefix=f".stand-nieuw-jaar-{jaar}-", dir=root))
    try:
        for name, data in sorted(files.items()):
            write_file(staging / name, data)
        with _staged_file(docs / "index.md", index.encode("utf-8")) as index_tmp:
            staging.rename(docs / jaar)
            try:
                os.replace(index_tmp, docs / "index.md")
            except BaseException:
                shutil.rmtree(docs / jaar)
                raise
    finally:
        if staging.exists():
            shutil.rmtree(staging)


@contextmanager
def _staged_file(path: Path, data: bytes) -> Iterator[Path]:
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        yield temporary
    finally:
        temporary.unlink(missing_ok=True)


# --- A new year: the previous year's pages, carried over -----------------------

CLOSED = ("opgelost", "vervallen")
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
    """Open needs, under the new year's ID; an oplossingsrichting only with a carried dilemma."""
    dilemmas = {n.id for n in needs if n.type == "dilemma" and n.status not in CLOSED}
    carried: dict[str, str] = {}
    for need in needs:
        if need.status in CLOSED:
            continue
        if need.type == "oplossingsrichting" and not dilemmas.intersection(need.adresseert):
            continue
        prefix = TYPES_BY_NAME[need.type].prefix
        if not re.fullmatch(rf"{prefix}{van}_[A-Z0-9_]+", need.id):
            raise CliError(
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
            raise CliError(
                f"{name} is reStructuredText; nieuw-jaar neemt alleen .md-pagina's over."
            )
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
        raise CliError(
            f"docs/index.md heeft geen inhoudsopgave (toctree) met {van}/index; zet "
            f"{naar}/index daar zelf in. Er is niets veranderd."
        )
    return "\n".join(out)


# --- Arguments -----------------------------------------------------------------

# argparse's own texts, in Dutch (it looks them up through its module's ``_``).
_ARGPARSE_NL = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r "
    "(kies uit %(choices)s)",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "expected one argument": "verwacht één waarde",
    "expected %s arguments": "verwacht %s waarden",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "optie %(option)s is dubbelzinnig: "
    "%(matches)s",
    "one of the arguments %s is required": "een van de argumenten %s is verplicht",
}


def _dutch(text: str) -> str:
    return _ARGPARSE_NL.get(text, text)


def parser() -> argparse.ArgumentParser:
    setattr(argparse, "_", _dutch)  # noqa: B010 (argparse reads its texts through this name)
    main = argparse.ArgumentParser(
        prog="stand",
        description="Opdrachten voor de schrijvers van de Stand van de uitvoering. Werkt "
        "vanuit elke map van de repository.",
    )
    commands = main.add_subparsers(
        dest="opdracht", required=True, metavar="OPDRACHT", title="opdrachten"
    )
    nieuw = commands.add_parser(
        "nieuw-jaar",
        help="begin het verslag van een nieuw jaar",
        description="Maakt docs/<jaar>/ met dezelfde pagina's als het vorige jaar. Elk "
        "dilemma, elke oplossingsrichting en elke actielijn die niet opgelost of vervallen "
        "is, komt mee onder een nieuw ID met :vervolg_op: naar het oude, gemarkeerd als "
        "'nog te actualiseren'. Verandert niets als de map al bestaat.",
    )
    nieuw.add_argument("jaar", metavar="JAAR", help="het nieuwe verslagjaar, bijvoorbeeld 2023")
    nieuw.add_argument(
        "--van",
        metavar="JAAR",
        help="het jaar om van uit te gaan (standaard: het laatste eerdere jaar)",
    )
    nieuw.set_defaults(run=nieuw_jaar)

    controle = commands.add_parser(
        "controleer",
        help="controleer alle regels, zonder de site te schrijven",
        description="Bouwt de documentatie in een tijdelijke map en toont elke melding met "
        "bestand en regel. Geeft 0 terug als alles in orde is.",
    )
    controle.add_argument(
        "--publicatie",
        action="store_true",
        help="meld ook wat nog te actualiseren is (vóór het publiceren)",
    )
    controle.set_defaults(run=controleer)

    publicatie = commands.add_parser(
        "publiceer",
        help="leg een jaar vast zoals het naar de Kamer gaat, of een erratum",
        description="Legt per need van het jaar een vingerafdruk vast in "
        "docs/<jaar>/gepubliceerd.json. Daarna meldt elke bouw een wijziging die niet als "
        "erratum is vastgelegd.",
    )
    publicatie.add_argument("jaar", metavar="JAAR", help="het verslagjaar, bijvoorbeeld 2022")
    publicatie.add_argument(
        "--erratum",
        nargs=2,
        metavar=("ID", "UITLEG"),
        help="leg een wijziging van need ID vast, met uitleg voor de lezer",
    )
    publicatie.add_argument(
        "--datum",
        type=_iso_date,
        metavar="JJJJ-MM-DD",
        help="datum van publicatie of erratum (standaard: vandaag)",
    )
    publicatie.set_defaults(run=publiceer)

    uitvoer = commands.add_parser(
        "exporteer",
        help="alle needs met velden en verbanden, voor spreadsheets",
        description="Bouwt de documentatie en schrijft alle needs (één rij per need) als "
        "CSV, Excel (een blad per soort en een matrix per jaar) of de needs.json.",
    )
    uitvoer.add_argument(
        "--formaat", required=True, choices=("csv", "xlsx", "json"), help="csv, xlsx of json"
    )
    uitvoer.add_argument(
        "--uit", required=True, type=Path, metavar="PAD", help="het bestand dat geschreven wordt"
    )
    uitvoer.set_defaults(run=exporteer)
    return main


def _iso_date(value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is geen datum (JJJJ-MM-DD)") from None


def _fail(message: str, status: int) -> NoReturn:
    sys.stderr.write(f"Fout: {message}\n")
    raise SystemExit(status)


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        root = find_root(Path.cwd().resolve())
        status: int = args.run(root, args)
    except CliError as err:
        _fail(str(err), err.status)
    except OSError as err:
        _fail(f"{err.strerror or err}: {err.filename or ''}".rstrip(": "), 2)
    except KeyboardInterrupt:
        _fail("afgebroken.", 130)
    except Exception as err:  # the contract: a Dutch message, never a traceback
        _fail(f"onverwachte fout ({type(err).__name__}: {err}); meld dit aan de beheerders.", 3)
    return status


if __name__ == "__main__":
    sys.exit(main())
