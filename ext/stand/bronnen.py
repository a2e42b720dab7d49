"""Other organisations' Standen, read from the needs.json each one publishes.

Built on sphinx-needs' external needs: each source in ``stand_bronnen`` becomes
an entry of ``needs_external_needs`` with an ID prefix per organisation, so IDs
of different organisations never collide (``UWV_DIL_2024_X``) and every link
points to the organisation's own site. We read each file first, so a source
that is missing, unreadable or of another schema gets one Dutch warning naming
it, and the build goes on with the others.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from .diagnostics import warn

_NON_SLUG = re.compile(r"[^A-Z0-9]+")


def prefix_of(organisatie: str) -> str:
    """``"Dienst Toeslagen"`` -> ``"DIENST_TOESLAGEN_"``: upper case, ASCII, underscores."""
    plain = unicodedata.normalize("NFKD", organisatie).encode("ascii", "ignore").decode()
    return _NON_SLUG.sub("_", plain.upper()).strip("_") + "_"


def _problem(data: Any) -> str | None:
    """Why a parsed file is not a sphinx-needs needs.json, or None."""
    if not isinstance(data, dict) or not isinstance(data.get("versions"), dict):
        return "het is geen needs.json van sphinx-needs (de sleutel 'versions' ontbreekt)"
    version = data["versions"].get(data.get("current_version", ""))
    if not isinstance(version, dict) or not isinstance(version.get("needs"), dict):
        return "de huidige versie in het bestand heeft geen 'needs'"
    return None


def external_sources(confdir: Path, bronnen: list[dict[str, Any]]) -> list[dict[str, Any]]:
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
        entry: dict[str, Any] = {
            "base_url": site.rstrip("/"),
            "id_prefix": str(bron.get("prefix") or prefix_of(name)),
            "css_class": "stand-extern",
        }
        if re.match(r"^https?://", where):
            if not bron.get("ophalen"):
                warn(
                    f"De bron {name} staat op {where}; die wordt alleen opgehaald als u "
                    "'ophalen': True zet (of download het bestand en geef het pad).",
                    "bron_onleesbaar",
                    location,
                )
                continue
            entry["json_url"] = where
            sources.append(entry)
            continue
        path = (confdir / where).resolve()
        location = f"{where}:1"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            problem: str | None = "het bestand bestaat niet"
        except json.JSONDecodeError as err:
            location = f"{where}:{err.lineno}"
            problem = f"het is geen geldige JSON ({err.msg}, kolom {err.colno})"
        except (OSError, UnicodeDecodeError) as err:
            problem = f"het bestand is niet te lezen ({err})"
        else:
            problem = _problem(data)
        if problem:
            warn(
                f"De Stand van {name} is niet ingelezen: {problem}. De andere bronnen "
                "worden wel gebruikt.",
                "bron_onleesbaar",
                location,
            )
            continue
        entry["json_path"] = str(path)
        sources.append(entry)
    return sources


def apply_sources(app: Sphinx) -> None:
    """At builder-inited: late enough to warn, early enough for sphinx-needs, which
    reads its external needs when reading starts."""
    config = app.config
    bronnen = config.stand_bronnen
    if bronnen:
        config.needs_external_needs = [
            *config.needs_external_needs,
            *external_sources(Path(app.confdir), list(bronnen)),
        ]
        # The Staat's open data is what it read: keep imported needs in needs.json
        # (sphinx-needs leaves external needs out by default).
        config.needs_builder_filter = ""


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", apply_sources)
