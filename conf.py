# Sphinx configuration of the Stand van Logius. Sources are in docs/ (see README).
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "ext"))

project = "Stand van de uitvoering"
author = "Logius"
copyright = "2022, Logius"
language = "nl"

extensions = ["stand"]
stand_organisatie = "Logius"

html_theme = "furo"
html_title = "Stand van de uitvoering — Logius"
