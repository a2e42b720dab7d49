# Template of a Staat van de uitvoering project: it builds from stand_bronnen alone.
# The Standen to read are listed in bronnen.json beside this file (see README.md).
import json
from pathlib import Path

project = "Staat van de uitvoering"
author = "Staat van de uitvoering"
language = "nl"

extensions = ["stand"]
html_theme = "furo"
html_title = "Staat van de uitvoering"

stand_organisatie = "Staat van de uitvoering"
stand_bronnen = json.loads((Path(__file__).parent / "bronnen.json").read_text(encoding="utf-8"))

exclude_patterns = ["README.md", "bronnen", "_build"]
