"""Other organisations' Standen, read from the needs.json each one publishes.

Built on sphinx-needs' external needs: each source in ``stand_bronnen`` becomes
an entry of ``needs_external_needs`` with an ID prefix per organisation, so IDs
of different organisations never collide (``UWV_DIL_2024_X``) and every link
points to the organisation's own site. We read each file first, so a source
that is missing, unreadable or of another schema gets one Dutch warning naming
it, and the build goes on with the others.

Each need is checked against the exchange format (``uitwisseling``): every
violation is one warning naming the source and the need, and the need is left
out; the others are read. The six handelingsperspectieven of the Werkagenda are
left out too: the Staat has them itself (``werkagenda``), and sphinx-needs
prefixes only links to needs of the file, so the links to them stay unprefixed
and point at the one shared need. What is left is handed to sphinx-needs as a
file in the build's doctree folder.
"""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from .diagnostics import warn
from .files import write_atomic
from .pdf.names import slug
from .uitwisseling import violations
from .werkagenda import SHARED_IDS


def prefix_of(organisatie: str) -> str:
    """``"Dienst Toeslagen"`` -> ``"DIENST_TOESLAGEN_"``: the file-name slug, as an ID prefix."""
    return slug(organisatie).replace("-", "_").upper() + "_"


def _current(data: dict[str, Any]) -> Any:
    """The current version of a needs.json."""
    return data["versions"].get(data.get("current_version", ""))


def _problem(data: Any) -> str | None:
    """Why a parsed file is not a sphinx-needs needs.json, or None."""
    if not isinstance(data, dict) or not isinstance(data.get("versions"), dict):
        return "het is geen needs.json van sphinx-needs (de sleutel 'versions' ontbreekt)"
    version = _current(data)
    if not isinstance(version, dict) or not isinstance(version.get("needs"), dict):
        return "de huidige versie in het bestand heeft geen 'needs'"
    return None


def _load(where: str, path: Path | None) -> tuple[Any, str | None, int, str | None]:
    """The parsed file, or why it cannot be read and the line to point at; and the
    text of a local file (its lines locate warnings; a URL's point at line 1)."""
    try:
        if path is None:
            with urllib.request.urlopen(where, timeout=60) as response:
                text = response.read().decode("utf-8")
        else:
            text = path.read_text(encoding="utf-8")
        return json.loads(text), None, 1, None if path is None else text
    except FileNotFoundError:
        return None, "het bestand bestaat niet", 1, None
    except json.JSONDecodeError as err:
        return None, f"het is geen geldige JSON ({err.msg}, kolom {err.colno})", err.lineno, None
    except (OSError, UnicodeDecodeError) as err:
        return None, f"het bestand is niet te lezen ({err})", 1, None


def _line_of(text: str, need_id: str) -> int:
    """The line where a need starts in a needs.json (1 if not found)."""
    at = text.find(f'"{need_id}": {{')
    return text.count("\n", 0, at) + 1 if at >= 0 else 1


def checked_needs(
    name: str, where: str, data: dict[str, Any], text: str | None
) -> tuple[dict[str, Any], bool]:
    """The needs of the current version that keep to the exchange format, less the
    shared handelingsperspectieven; and whether any need was left out."""
    needs: dict[str, Any] = _current(data)["needs"]
    kept: dict[str, Any] = {}
    for need_id in sorted(needs):
        need = needs[need_id]
        shared = need_id in SHARED_IDS and isinstance(need, dict)
        if shared and need.get("type") == "handelingsperspectief":
            continue  # the Staat has its own, shared one
        problems = list(violations(need if isinstance(need, dict) else {"id": need_id}))
        for problem in problems:
            warn(
                f"De need {need_id} van {name} is niet ingelezen: {problem} (zie het "
                "uitwisselformaat, stand-needs.schema.json). De andere needs van deze "
                "bron worden wel gebruikt.",
                "bron_onleesbaar",
                f"{where}:{_line_of(text, need_id) if text else 1}",
            )
        if not problems:
            kept[need_id] = need
    return kept, len(kept) != len(needs)


def external_sources(
    confdir: Path, bronnen: list[dict[str, Any]], workdir: Path
) -> list[dict[str, Any]]:
    """``needs_external_needs`` entries for the sources that can be read."""
    sources: list[dict[str, Any]] = []
    for index, bron in enumerate(bronnen):
        name = str(bron.get("organisatie") or f"bron {index + 1}")
        where = str(bron.get("needs_json") or "")
        site = str(bron.get("site") or "")
        # Sphinx prints a location with a colon as it is: file:line, like every warning.
        location = f"conf.py:stand_bronnen[{index}]"
        if not where or not site:
            warn(
                f"De bron {name} mist 'needs_json' of 'site': geef het pad of de URL van "
                "haar needs.json en het adres van haar site.",
                "bron_onleesbaar",
                location,
            )
            continue
        remote = bool(re.match(r"^https?://", where))
        if remote and not bron.get("ophalen"):
            warn(
                f"De bron {name} staat op {where}; die wordt alleen opgehaald als u "
                "'ophalen': True zet (of download het bestand en geef het pad).",
                "bron_onleesbaar",
                location,
            )
            continue
        path = None if remote else (confdir / where).resolve()
        data, problem, line, text = _load(where, path)
        problem = problem or _problem(data)
        if problem:
            warn(
                f"De Stand van {name} is niet ingelezen: {problem}. De andere bronnen "
                "worden wel gebruikt.",
                "bron_onleesbaar",
                f"{where}:{line}",
            )
            continue
        needs, dropped = checked_needs(name, where, data, text)
        if path is None or dropped:
            version = dict(_current(data), needs=needs)
            kept = dict(data, versions={data.get("current_version", ""): version})
            path = workdir / f"bron-{index + 1}-{slug(name).replace('-', '_')}.json"
            write_atomic(path, json.dumps(kept, ensure_ascii=False, sort_keys=True).encode())
        sources.append(
            {
                "base_url": site.rstrip("/"),
                "id_prefix": str(bron.get("prefix") or prefix_of(name)),
                "css_class": "stand-extern",
                "json_path": str(path),
            }
        )
    return sources


def apply_sources(app: Sphinx) -> None:
    """At builder-inited: late enough to warn, early enough for sphinx-needs, which
    reads its external needs when reading starts."""
    config = app.config
    bronnen = config.stand_bronnen
    if bronnen:
        config.needs_external_needs = [
            *config.needs_external_needs,
            *external_sources(
                Path(app.confdir), list(bronnen), Path(app.doctreedir) / "stand-bronnen"
            ),
        ]
        # The Staat's open data is what it read: keep imported needs in needs.json
        # (sphinx-needs leaves external needs out by default).
        config.needs_builder_filter = ""


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", apply_sources)
