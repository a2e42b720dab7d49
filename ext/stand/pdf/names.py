"""The PDF's file name, shared by the builder and the site's download links."""

from __future__ import annotations

import re
import unicodedata


def slug(text: str) -> str:
    """``"Logius"`` → ``"logius"``; accents dropped, anything else becomes ``-``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def pdf_file_name(organisatie: str, jaar: str) -> str:
    return f"stand-van-{slug(organisatie)}-{jaar}.pdf"
