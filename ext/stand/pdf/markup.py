"""Typst markup, built by small pure helpers: escaping happens here and nowhere else.

Text is written as Typst *markup* with every ASCII punctuation character escaped,
so nothing a writer types can become markup (``*``, ``_``, ``#``, ``//``), a
shorthand (``--``, ``...``, ``~``) or a smart quote: the PDF carries the source's
characters exactly. Strings for function arguments (paths, alt texts, labels)
are Typst string literals.
"""

from __future__ import annotations

import re
import string

_ESCAPES = str.maketrans({c: f"\\{c}" for c in string.punctuation})
_WHITESPACE = re.compile(r"[ \t\r\n]+")


def text(value: str) -> str:
    """Running text: whitespace collapsed as in HTML, every punctuation mark escaped."""
    return _WHITESPACE.sub(" ", value).translate(_ESCAPES)


def string_literal(value: str) -> str:
    """A Typst string literal (``"..."``)."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + '"'


def label(name: str) -> str:
    """A label attached to the element before it; any string is a valid name this way."""
    return f"#label({string_literal(name)})"


def anchor(name: str) -> str:
    """An invisible element that carries a label, for targets that are not headings."""
    return f"#metadata(none){label(name)}"


def call(function: str, *args: str, **kwargs: str) -> str:
    """``#function(arg, key: value)``; values are already Typst expressions."""
    parts = [*args, *(f"{key.replace('_', '-')}: {value}" for key, value in kwargs.items())]
    return f"#{function}({', '.join(parts)})"


def content(markup: str) -> str:
    """A content block ``[...]`` around markup made by these helpers."""
    return f"[{markup}]"
