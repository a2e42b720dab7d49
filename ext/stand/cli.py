"""The writers' command line: ``stand nieuw-jaar|bouw|controleer|publiceer|exporteer|live``,
and ``stand nieuw-project`` (the one command run outside a repository).

Every command finds the repository root (the folder with ``conf.py`` and ``docs/``)
from wherever it is started, builds with Sphinx in a subprocess into a temporary
folder when it needs the needs, and writes files through a temporary file and
``os.replace`` so nobody ever sees a half-written one. Failures are Dutch
messages and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, NoReturn

from . import export, freeze, newyear, project, publication
from .build import records
from .files import staged, temporary_folder, write_atomic
from .model import Record

SOURCE_DIR = publication.SOURCE_DIR
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
    """All or nothing, with the mode of any new file of the user (see ``files``)."""
    write_atomic(path, data)


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
        return export.needs_of(self.needs_json)

    def records(self) -> dict[str, Record]:
        return records(self.needs())


def sphinx_build(root: Path, builder: str, tags: Sequence[str] = (), *, pdf: bool = False) -> Build:
    """A fresh build of the whole docs tree into a temporary folder.

    Fresh (``-E``) so every read-time warning is given again; in a subprocess so
    the writer's ``_build/`` and this process stay untouched.
    """
    with tempfile.TemporaryDirectory(prefix="stand-bouw-") as work:
        command = [
            # --no-color: Sphinx colours its output where CI is set, and we parse it.
            sys.executable, "-m", "sphinx", "-b", builder, "-E", "-q", "--no-color",
            "-c", str(root), "-d", str(Path(work) / "doctrees"),
            *(arg for tag in tags for arg in ("-t", tag)),
            str(root / SOURCE_DIR), str(Path(work) / "uit"),
        ]  # fmt: skip
        proc = subprocess.run(command, capture_output=True, text=True, cwd=root, check=False)
        log = proc.stderr.replace(f"{root}{os.sep}", "")
        needs_json = Path(work) / "uit" / "needs.json"
        if proc.returncode != 0 or not needs_json.is_file():
            raise CliError(f"de bouw van de documentatie is mislukt:\n{log or proc.stdout}")
        if pdf and not log.strip():
            # The PDFs too, from the same environment: all that `stand bouw` checks.
            # On the environment just read, as `stand bouw` does: no page read twice.
            command[command.index(builder)] = publication.BUILDER
            command[-1] = str(Path(work) / "pdf")
            command.remove("-E")
            proc = subprocess.run(command, capture_output=True, text=True, cwd=root, check=False)
            log = proc.stderr.replace(f"{root}{os.sep}", "")
            if proc.returncode != 0 and not log.strip():
                raise CliError(f"de pdf's zijn niet gemaakt:\n{proc.stdout}")
        return Build(log, needs_json.read_bytes())


# --- Commands ------------------------------------------------------------------


def controleer(root: Path, args: argparse.Namespace) -> int:
    # The site and the PDFs, into a temporary folder: what `stand bouw` would publish.
    tags = [freeze.PUBLICATION_TAG] if args.publicatie else []
    build = sphinx_build(root, "html", tags, pdf=True)
    if build.warnings.strip():
        sys.stderr.write(build.warnings.rstrip("\n") + "\n")
        what = "publicatiecontrole" if args.publicatie else "controle"
        raise CliError(f"de {what} vond meldingen (hierboven); los ze op en controleer opnieuw.", 1)
    sys.stdout.write("Geen meldingen: alle regels zijn in orde.\n")
    return 0


def bouw(root: Path, args: argparse.Namespace) -> int:
    uit = args.uit if args.uit.is_absolute() else Path.cwd() / args.uit
    try:
        published = publication.build(root, uit)
    except publication.PublicationError as err:
        raise CliError(str(err), 1) from None
    sys.stdout.write(
        f"Gepubliceerd in {args.uit}: de site in html/, de pdf's in pdf/ en "
        f"{len(published)} downloads in html/downloads/.\n"
    )
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
        data = export.to_xlsx(build.needs(), export.source_date(root))
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
    if not args.van and int(jaar) > int(van) + 1:
        raise CliError(skipped_years(van, jaar))
    try:
        plan = newyear.plan_year(docs / van, van, jaar)
        index = newyear.add_to_toc((docs / "index.md").read_text(encoding="utf-8"), van, jaar)
    except newyear.Refused as refused:
        raise CliError(str(refused)) from None
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


def skipped_years(van: str, jaar: str) -> str:
    """Why ``nieuw-jaar`` does not jump from the latest year over the ones in between."""
    first, last = int(van) + 1, int(jaar) - 1
    if first == last:
        years = str(first)
    elif last == first + 1:
        years = f"{first} en {last}"
    else:
        years = f"{first} tot en met {last}"
    return (
        f"het laatste verslagjaar vóór {jaar} is {van}; {jaar} zou {years} overslaan. Begin met "
        f"stand nieuw-jaar {first}, of ga bewust uit van {van} met: "
        f"stand nieuw-jaar {jaar} --van {van}. Er is niets veranderd."
    )


def place_year(root: Path, jaar: str, files: dict[str, bytes], index: str) -> None:
    """Write the year in a temporary folder, then move it and the new index into place."""
    docs = root / SOURCE_DIR
    # Not tempfile.mkdtemp: its mode 0700 would stay on docs/<jaar>/ after the rename.
    staging = temporary_folder(root, f".stand-nieuw-jaar-{jaar}-")
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
    with staged(path, data) as temporary:
        yield temporary


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
        description="Maakt docs/<jaar>/ met dezelfde pagina's als het vorige jaar. Wat nog "
        "loopt (dilemma's open of deels_opgelost, oplossingsrichtingen en actielijnen "
        "voorgesteld of in_uitvoering) komt mee onder een nieuw ID met :vervolg_op: naar het "
        "oude, gemarkeerd als 'nog te actualiseren'; de rest sluit zijn lijn af met zijn "
        "laatste status. Verandert niets als de map al bestaat of als er een jaar tussen zou "
        "vallen zonder --van.",
    )
    nieuw.add_argument("jaar", metavar="JAAR", help="het nieuwe verslagjaar, bijvoorbeeld 2023")
    nieuw.add_argument(
        "--van",
        metavar="JAAR",
        help="het jaar om van uit te gaan (standaard: het laatste eerdere jaar, als dat het "
        "jaar ervoor is); nodig om een jaar over te slaan",
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

    alles = commands.add_parser(
        "bouw",
        help="de hele publicatie: site, pdf per jaar en downloads",
        description="Bouwt de site (met needs.json), de pdf van elk verslagjaar en de "
        "downloads (pdf's, CSV, Excel) in één keer, met waarschuwingen als fouten. Dit doen "
        "make docs en Read the Docs.",
    )
    alles.add_argument(
        "--uit",
        type=Path,
        default=Path("_build"),
        metavar="MAP",
        help="map voor html/ en pdf/ (standaard: _build)",
    )
    alles.set_defaults(run=bouw)

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

    voorbeeld = commands.add_parser(
        "live",
        help="een voorbeeld van de site dat bij elke wijziging ververst",
        description="Bouwt de site en toont hem in de browser. Na elke wijziging in de bronmap "
        "of in conf.py bouwt het opnieuw, alleen wat nodig is, en ververst de pagina. Meldingen "
        "verschijnen hier en stoppen het voorbeeld niet. Stoppen met Ctrl+C.",
    )
    voorbeeld.add_argument(
        "--bron", type=Path, metavar="MAP", help="de bronmap (standaard: docs/ van de repository)"
    )
    voorbeeld.add_argument(
        "--uit", type=Path, metavar="MAP", help="de uitvoermap (standaard: _build/live/)"
    )
    voorbeeld.add_argument(
        "--poort",
        type=int,
        default=8000,
        metavar="N",
        help="de poort (standaard 8000; 0: een vrije)",
    )
    voorbeeld.add_argument(
        "--host", default="127.0.0.1", help="het adres (standaard 127.0.0.1: alleen deze computer)"
    )
    voorbeeld.set_defaults(run=live_preview)

    start = commands.add_parser(
        "nieuw-project",
        help="begin een Stand-repository voor een andere organisatie",
        description="Maakt in MAP een nieuw project: conf.py, docs/ met een eerste "
        "verslagjaar (inleiding, voortgang per handelingsperspectief, dilemma's) als "
        "plaatshouders die stand controleer --publicatie meldt, een Makefile (make docs, "
        "make test), .readthedocs.yaml en een eigen test. De extensie is een afhankelijkheid: "
        "make docs STAND=<pip-vereiste> zegt waar ze vandaan komt (een pad, een git-adres; "
        "standaard het pakket van deze versie). Weigert een bestaande map die niet leeg is.",
    )
    start.add_argument("map", metavar="MAP", help="de map van het nieuwe project")
    start.add_argument(
        "--organisatie", required=True, metavar="NAAM", help="de organisatie die de Stand uitbrengt"
    )
    start.add_argument(
        "--jaar", metavar="JAAR", help="het eerste verslagjaar (standaard: vorig jaar)"
    )
    start.set_defaults(run=nieuw_project, buiten_repository=True)
    return main


def live_preview(root: Path, args: argparse.Namespace) -> int:
    from . import live  # uvicorn and starlette only for this command

    srcdir = (Path.cwd() / args.bron) if args.bron else root / SOURCE_DIR
    outdir = (Path.cwd() / args.uit) if args.uit else root / "_build" / "live"
    if not srcdir.is_dir():
        raise CliError(f"er is geen bronmap {srcdir}.")
    if importlib.util.find_spec("sphinx_autobuild") is None:
        raise CliError(
            "stand live heeft de extra pakketten voor het voorbeeld nodig: "
            "pip install 'stand[live]' (make live installeert ze zelf)."
        )
    with live.LiveBuild(srcdir, outdir, root) as preview:
        try:
            live.serve(preview, args.host, args.poort, live.say)
        except live.Unavailable as err:
            raise CliError(str(err)) from None
    return 0


def nieuw_project(root: Path | None, args: argparse.Namespace) -> int:
    target = Path(args.map)
    jaar = args.jaar or str(date.today().year - 1)
    try:
        written = project.create(target, args.organisatie, jaar)
    except project.ProjectError as err:
        raise CliError(str(err)) from None
    sys.stdout.write(
        f"Nieuw project voor {args.organisatie.strip()} in {target} ({len(written)} bestanden), "
        f"met het verslagjaar {jaar}. Daar: make docs (de publicatie) en make test.\n"
    )
    return 0


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
        outside = getattr(args, "buiten_repository", False)
        root = None if outside else find_root(Path.cwd().resolve())
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
