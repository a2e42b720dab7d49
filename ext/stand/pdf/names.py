"""Names shared by the builder, the site's download links and ``stand bouw``."""

from __future__ import annotations

import re
import unicodedata

#: The Sphinx builder that writes one PDF per report year.
BUILDER = "standpdf"


def slug(text: str) -> str:
    """``"Logius"`` → ``"logius"``; accents dropped, anything else becomes ``-``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def pdf_file_name(organisatie: str, jaar: str) -> str:
    return f"stand-van-{slug(organisatie)}-{jaar}.pdf"
