# Sphinx configuration of a fictional Stand with three report years (see README.md).
# It is laid out like a Stand repository: this conf.py beside docs/. The extension is
# the one of this repository, so the example always shows what that code does.
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "ext"))

project = "Stand van de uitvoering"
author = "Dienst Voorbeeldzaken (fictief)"
copyright = "2025, Dienst Voorbeeldzaken (fictief)"
language = "nl"

extensions = ["stand"]
stand_organisatie = "Dienst Voorbeeldzaken"

html_theme = "furo"
html_title = "Stand van de uitvoering — Dienst Voorbeeldzaken (voorbeeld)"
