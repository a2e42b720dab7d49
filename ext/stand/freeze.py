"""Published years: fingerprints, errata, and what is still to be updated.

``stand publiceer <jaar>`` writes ``docs/<jaar>/gepubliceerd.json``: per need of
that year a fingerprint of its title, text, status and outgoing links. Every build
compares the needs with it and warns (``stand.bevroren_gewijzigd``) on a change
that is not recorded as an erratum; errata are shown with the need, in HTML and so
in the PDF. Errata are rendered while writing, so a new erratum needs no page
re-read: ``outdated`` writes the pages whose errata changed again. Sphinx does not
read ``.json`` as a source.

Needs carried into a new year by ``stand nieuw-jaar`` carry the tag
``nog_te_actualiseren`` (shown as a box with the need); carried page text carries
an admonition with the class ``stand-nog-te-actualiseren``. A publication check
(Sphinx tag ``publicatie``, or ``publicatie_<jaar>`` for one year) warns on both.

The first half is pure (no Sphinx); the second half is the Sphinx side.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Literal

from docutils import nodes
from sphinx.application import Sphinx
from sphinx_needs.api import get_needs_view

from .build import need_model
from .cache import once_per_build
from .diagnostics import warn
from .model import Record, year_of_docname

FREEZE_FILE = "gepubliceerd.json"
TODO_TAG = "nog_te_actualiseren"
TODO_CLASS = "stand-nog-te-actualiseren"
ERRATUM_CLASS = "stand-erratum"
PUBLICATION_TAG = "publicatie"
PARTS = ("titel", "tekst", "status", "verbanden")
_YEAR = re.compile(r"^\d{4}$")
_ABOUT = (
    "Vastgelegd met 'stand publiceer': per need een vingerafdruk (sha256) van titel, "
    "tekst, status en verbanden. Niet met de hand bewerken."
)


# --- Pure part -----------------------------------------------------------------


def _digest(value: object) -> str:
    canonical = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def fingerprint(need: Record) -> dict[str, str]:
    """One digest per part, so a warning can say what changed.

    Whitespace in the text is collapsed (re-wrapping a paragraph changes nothing a
    reader sees); only outgoing links count (back-links change when a later year
    continues a need); empty link types are left out, so adding a link type to
    the project does not change every fingerprint.
    """
    links = {name: sorted(targets) for name, targets in need.links.items() if targets}
    return {
        "titel": _digest(need.title),
        "tekst": _digest(" ".join(need.content.split())),
        "status": _digest(need.status),
        "verbanden": _digest(links),
    }


@dataclass(frozen=True)
class Erratum:
    id: str
    datum: str
    uitleg: str
    onderdelen: tuple[str, ...]  # the parts that changed; ("verwijderd",) / ("toegevoegd",)


@dataclass(frozen=True)
class Freeze:
    jaar: str
    gepubliceerd: str
    # The accepted fingerprint per need; None for a need removed by an erratum.
    needs: Mapping[str, Mapping[str, str] | None]
    errata: tuple[Erratum, ...] = field(default=())

    def errata_of(self, need_id: str) -> list[Erratum]:
        return [e for e in self.errata if e.id == need_id]


class FreezeError(Exception):
    """A freeze file that cannot be read, or an erratum that cannot be recorded."""

    def __init__(self, message: str, lineno: int | None = None) -> None:
        super().__init__(message)
        self.lineno = lineno


def publish(jaar: str, datum: str, needs: Mapping[str, Record]) -> Freeze:
    year = {i: fingerprint(n) for i, n in sorted(needs.items()) if n.jaar == jaar}
    return Freeze(jaar, datum, year)


@dataclass(frozen=True)
class Change:
    need_id: str
    kind: Literal["gewijzigd", "verwijderd", "toegevoegd"]
    parts: tuple[str, ...] = ()


def compare(freeze: Freeze, needs: Mapping[str, Record]) -> list[Change]:
    """What differs between the year's needs and what was published, by ID."""
    current = {i: fingerprint(n) for i, n in needs.items() if n.jaar == freeze.jaar}
    changes: list[Change] = []
    for need_id in sorted(set(current) | set(freeze.needs)):
        old = freeze.needs.get(need_id)
        new = current.get(need_id)
        if new is None and old is not None:
            changes.append(Change(need_id, "verwijderd"))
        elif new is not None and need_id not in freeze.needs:
            changes.append(Change(need_id, "toegevoegd"))
        elif new is not None and old is None:
            changes.append(Change(need_id, "toegevoegd"))  # removed by erratum, then back
        elif new is not None and old is not None and new != old:
            parts = tuple(p for p in PARTS if new.get(p) != old.get(p))
            changes.append(Change(need_id, "gewijzigd", parts))
    return changes


def with_erratum(
    freeze: Freeze, need_id: str, uitleg: str, datum: str, needs: Mapping[str, Record]
) -> Freeze:
    """Accept the current state of one need, with the writer's explanation."""
    if not uitleg.strip():
        raise FreezeError(
            "de uitleg van het erratum is leeg; schrijf wat er is veranderd en waarom."
        )
    change = next((c for c in compare(freeze, needs) if c.need_id == need_id), None)
    if change is None:
        if need_id in freeze.needs:
            raise FreezeError(
                f"{need_id} is niet gewijzigd sinds de publicatie van {freeze.jaar}; "
                "er is geen erratum nodig."
            )
        raise FreezeError(f"er is geen need {need_id} in {freeze.jaar}.")
    need = needs.get(need_id)
    accepted = dict(freeze.needs)
    accepted[need_id] = fingerprint(need) if need is not None else None
    parts = change.parts if change.kind == "gewijzigd" else (change.kind,)
    erratum = Erratum(need_id, datum, " ".join(uitleg.split()), parts)
    return replace(freeze, needs=accepted, errata=(*freeze.errata, erratum))


def dump(freeze: Freeze) -> str:
    """The file's text: sorted keys, one entry per need, no time but the dates."""
    data = {
        "over": _ABOUT,
        "jaar": freeze.jaar,
        "gepubliceerd": freeze.gepubliceerd,
        "needs": {i: dict(fp) if fp else None for i, fp in sorted(freeze.needs.items())},
        "errata": [
            {"id": e.id, "datum": e.datum, "uitleg": e.uitleg, "onderdelen": list(e.onderdelen)}
            for e in freeze.errata
        ],
    }
    return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=2) + "\n"


def _date(value: Any, what: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except (TypeError, ValueError):
        raise FreezeError(f"{what} {value!r} is geen datum (JJJJ-MM-DD)") from None


def parse(text: str) -> Freeze:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise FreezeError(f"geen geldige JSON ({err.msg})", err.lineno) from None
    try:
        needs: dict[str, dict[str, str] | None] = {}
        for need_id, parts in data["needs"].items():
            if parts is not None and sorted(parts) != sorted(PARTS):
                raise FreezeError(
                    f"de vingerafdruk van {need_id} is onvolledig", line_of(text, need_id)
                )
            needs[str(need_id)] = None if parts is None else {p: str(parts[p]) for p in PARTS}
        errata = tuple(
            Erratum(
                str(e["id"]),
                _date(e["datum"], "de datum van een erratum"),
                str(e["uitleg"]),
                tuple(str(p) for p in e["onderdelen"]),
            )
            for e in data["errata"]
        )
        return Freeze(
            str(data["jaar"]), _date(data["gepubliceerd"], "de publicatiedatum"), needs, errata
        )
    except (KeyError, TypeError, AttributeError) as err:
        raise FreezeError(f"onderdeel {err} ontbreekt of heeft de verkeerde vorm", 1) from None


def line_of(text: str, need_id: str) -> int | None:
    """The line of a need's entry in the file, so a warning can point at it."""
    key = json.dumps(need_id) + ":"
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith(key):
            return number
    return None


def parts_text(parts: tuple[str, ...]) -> str:
    words = list(parts)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " en " + words[-1]


def erratum_command(jaar: str, need_id: str) -> str:
    return f'stand publiceer {jaar} --erratum {need_id} "<uitleg>"'


def change_message(change: Change, freeze: Freeze) -> str:
    when = f"de publicatie van {freeze.jaar} op {freeze.gepubliceerd}"
    command = erratum_command(freeze.jaar, change.need_id)
    if change.kind == "gewijzigd":
        return (
            f"{change.need_id} is gewijzigd na {when} ({parts_text(change.parts)}). "
            f"Zet de wijziging terug, of leg haar vast als erratum: {command}"
        )
    if change.kind == "verwijderd":
        return (
            f"{change.need_id} is verwijderd na {when}. Zet de need terug, of leg de "
            f"verwijdering vast als erratum: {command}"
        )
    return (
        f"{change.need_id} is toegevoegd na {when}. Verplaats de need naar een later jaar, of leg "
        f"de toevoeging vast als erratum: {command}"
    )


# --- Sphinx side -----------------------------------------------------------------


def freeze_path(srcdir: Path | str, jaar: str) -> Path:
    return Path(srcdir) / jaar / FREEZE_FILE


def published_years(srcdir: Path | str) -> list[str]:
    return sorted(
        p.parent.name for p in Path(srcdir).glob(f"*/{FREEZE_FILE}") if _YEAR.match(p.parent.name)
    )


def load(path: Path, jaar: str) -> tuple[str, Freeze]:
    """The text and content of a year's freeze file; FreezeError says what is wrong."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise FreezeError(f"het bestand is niet te lezen ({err})", 1) from None
    freeze = parse(text)
    if freeze.jaar != jaar:
        raise FreezeError(f"het hoort bij {freeze.jaar}, niet bij {jaar}", line_of(text, "jaar"))
    return text, freeze


def read_freeze(srcdir: Path | str, jaar: str) -> Freeze | None:
    """The freeze file of a year; None when there is none or it is broken (warned elsewhere)."""
    try:
        return load(freeze_path(srcdir, jaar), jaar)[1]
    except FreezeError:
        return None


def check_frozen(app: Sphinx, needs: MutableMapping[str, Any]) -> None:
    """Once per build, on the final needs: every change to a published year."""
    model: dict[str, Record] | None = None
    for jaar in published_years(app.srcdir):
        path = freeze_path(app.srcdir, jaar)
        try:
            text, freeze = load(path, jaar)
        except FreezeError as err:
            warn(
                f"{path.name} van {jaar} is onleesbaar: {err}. Zet het bestand terug uit "
                f"versiebeheer, of verwijder het en leg {jaar} opnieuw vast met: "
                f"stand publiceer {jaar}",
                "gepubliceerd_bestand",
                f"{path}:{err.lineno or 1}",
            )
            continue
        model = model if model is not None else need_model(app, needs)
        located: list[tuple[tuple[str, int], Change]] = []
        for change in compare(freeze, model):
            need = model.get(change.need_id)
            if need is not None and need.docname:
                located.append(((need.docname, need.lineno or 0), change))
            else:
                located.append(((str(path), line_of(text, change.need_id) or 1), change))
        for (where, line), change in sorted(located, key=lambda item: item[0]):
            location = (where, line) if where in app.env.all_docs else f"{where}:{line}"
            warn(change_message(change, freeze), "bevroren_gewijzigd", location)


def in_publication(app: Sphinx, jaar: str | None) -> bool:
    return app.tags.has(PUBLICATION_TAG) or (
        jaar is not None and app.tags.has(f"{PUBLICATION_TAG}_{jaar}")
    )


def check_todo_needs(app: Sphinx, needs: MutableMapping[str, Any]) -> None:
    todo = [n for n in needs.values() if TODO_TAG in n["tags"] and in_publication(app, n["jaar"])]
    for need in sorted(todo, key=lambda n: (n["docname"] or "", n["lineno"] or 0, n["id"])):
        warn(
            f"{need['id']} is nog niet bijgewerkt voor {need['jaar']} (tag {TODO_TAG}): werk "
            f"tekst, status en verbanden bij en haal dan de tag {TODO_TAG} weg.",
            "nog_te_actualiseren",
            (need["docname"], need["lineno"]) if need["docname"] else need["id"],
        )


def _box(title: str, text: str, classes: list[str]) -> nodes.admonition:
    box = nodes.admonition(classes=classes)
    box += nodes.title("", title)
    box += nodes.paragraph("", text)
    return box


def _nodes_by_id(doctree: nodes.document) -> dict[str, list[nodes.Element]]:
    """Per ID the nodes carrying it, in document order: sphinx-needs' target, then the need."""
    found: dict[str, list[nodes.Element]] = {}
    for node in doctree.findall(nodes.Element):
        if node.parent is not None:
            for node_id in node.get("ids", []):
                found.setdefault(node_id, []).append(node)
    return found


def annotate(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Page markers (publication check), boxes for needs to update, and errata.

    Looks needs up by ID in the tree rather than by docname: the PDF build resolves
    one tree that holds every page of the year.
    """
    jaar = year_of_docname(docname)
    if jaar is None:
        return
    if in_publication(app, jaar):
        for marker in doctree.findall(nodes.Element):
            if TODO_CLASS in marker.get("classes", []):
                page = app.env.path2doc(marker.source) if marker.source else None
                warn(
                    "Deze pagina heeft nog de melding 'Nog te actualiseren': herschrijf de "
                    f"tekst voor {jaar} en haal dan de melding weg.",
                    "nog_te_actualiseren",
                    (page or docname, marker.line),
                )
    by_id = _nodes_by_id(doctree)
    needs = get_needs_view(app)
    # The page's IDs, not every need of the build: this runs once per page.
    for need_id in sorted(i for i in by_id if i in needs):
        need = needs[need_id]
        if TODO_TAG in need["tags"]:
            node = by_id[need_id][0]  # before the target: a link to the need shows the box
            earlier = ", ".join(str(t) for t in need["vervolg_op"]) or "een eerder jaar"
            text = (
                f"{need_id} is overgenomen uit {earlier} en nog niet bijgewerkt voor "
                f"{need['jaar']}: tekst, status en verbanden kunnen verouderd zijn."
            )
            node.parent.insert(
                node.parent.index(node),
                _box("Nog te actualiseren", text, [TODO_CLASS, "stand-need-actualiseren"]),
            )
    # Once per build and year, not per page: the file does not change while writing.
    freeze = once_per_build(app, f"freeze:{jaar}", lambda: read_freeze(app.srcdir, jaar))
    if freeze is not None:
        _insert_errata(doctree, docname, freeze, by_id)


def _insert_errata(
    doctree: nodes.document, docname: str, freeze: Freeze, by_id: dict[str, list[nodes.Element]]
) -> None:
    removed: list[Erratum] = []
    for need_id in sorted({e.id for e in freeze.errata}):
        if need_id not in by_id:
            if need_id in freeze.needs and freeze.needs[need_id] is None:
                removed += freeze.errata_of(need_id)
            continue
        node = by_id[need_id][-1]
        position = node.parent.index(node) + 1
        for offset, erratum in enumerate(freeze.errata_of(need_id)):
            box = _box(f"Erratum ({erratum.datum})", erratum.uitleg, [ERRATUM_CLASS])
            node.parent.insert(position + offset, box)
    # A need removed by an erratum has no place of its own: the year's first page says it.
    if removed and docname == f"{freeze.jaar}/index":
        for erratum in removed:
            text = f"{erratum.id} is na publicatie verwijderd. {erratum.uitleg}"
            doctree += _box(f"Erratum ({erratum.datum})", text, [ERRATUM_CLASS])


def setup(app: Sphinx) -> None:
    app.connect("needs-before-sealing", check_frozen)
    app.connect("needs-before-sealing", check_todo_needs)
    # After our need rendering (450) and sphinx-needs' (500), before the PDF's link repair.
    app.connect("doctree-resolved", annotate, priority=700)
