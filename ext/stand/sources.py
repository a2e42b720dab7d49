"""The writer's files as written: their encoding, and blocks left open.

Two mistakes change a page without any message from Sphinx or MyST:

* A file that is not UTF-8 (Word, Notepad in Latin-1) stops the whole build with
  an English traceback. We read it anyway, with U+FFFD for each undecodable byte,
  and warn once with the file and the first bad line: the needs in it still exist,
  so no false ``link_onbekend`` warnings follow.
* A fence (```) that is never closed swallows everything after it up to the end
  of the page or of the need it is in: the next need disappears into a code
  block or into the previous need's text. MyST's own parser tells us where each
  fence ends; a fence whose last line is not a closing fence was never closed.
"""

from __future__ import annotations

import codecs
import difflib
import encodings.utf_8_sig
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .cache import env_store
from .config import NEED_TYPES
from .diagnostics import warn

# ---------------------------------------------------------------------------
# Encoding

#: UTF-8 (with or without BOM) that never fails: undecodable bytes become U+FFFD.
FORGIVING_UTF8 = "stand-utf-8-sig"


class _ForgivingDecoder(encodings.utf_8_sig.IncrementalDecoder):
    def __init__(self, errors: str = "strict") -> None:
        super().__init__("replace")


def _forgiving_decode(data: Any, errors: str = "strict", /) -> tuple[str, int]:
    return codecs.lookup("utf-8-sig").decode(data, "replace")


def _find_codec(name: str) -> codecs.CodecInfo | None:
    if name != FORGIVING_UTF8.replace("-", "_"):
        return None
    base = codecs.lookup("utf-8-sig")
    return codecs.CodecInfo(
        name=FORGIVING_UTF8,
        encode=base.encode,
        decode=_forgiving_decode,
        incrementalencoder=base.incrementalencoder,
        incrementaldecoder=_ForgivingDecoder,
        streamreader=base.streamreader,
        streamwriter=base.streamwriter,
    )


def register_codec() -> None:
    try:
        codecs.lookup(FORGIVING_UTF8)
    except LookupError:
        codecs.register(_find_codec)


@dataclass(frozen=True)
class BadEncoding:
    line: int
    byte: int
    lines: int  # how many lines have an undecodable byte


def bad_encoding(data: bytes) -> BadEncoding | None:
    """Where UTF-8 decoding fails first, and on how many lines; None if it does not."""
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        first = data[: error.start].count(b"\n") + 1
        bad = sum(1 for line in data.split(b"\n") if _undecodable(line))
        return BadEncoding(first, data[error.start], bad)
    return None


def _undecodable(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def check_encoding(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Warn for each file to read that is not UTF-8; read it anyway (see module doc)."""
    if codecs.lookup(env.settings.get("input_encoding", "utf-8-sig")).name not in (
        "utf-8-sig",
        "utf-8",
        FORGIVING_UTF8,
    ):
        return  # a project that chose another source_encoding gets Sphinx's behaviour
    env.settings["input_encoding"] = FORGIVING_UTF8
    for docname in sorted(docnames):
        path = env.doc2path(docname)
        try:
            found = bad_encoding(path.read_bytes())
        except OSError:
            continue
        if found is None:
            continue
        others = found.lines - 1
        more = f"; ook op {others} andere regel{'s' if others > 1 else ''}" if others else ""
        warn(
            f"Het bestand {env.doc2path(docname, False)} is niet opgeslagen als UTF-8: regel "
            f"{found.line} bevat een teken dat geen UTF-8 is (byte 0x{found.byte:02X}{more}), "
            "vaak een é, ë of ’ uit een ander programma. Sla het bestand op als UTF-8 (in de "
            "editor: Opslaan als, codering UTF-8); tot dan staat op die plaatsen �.",
            "codering",
            (docname, found.line),
        )


# ---------------------------------------------------------------------------
# Fences left open

#: Directives whose content is Markdown we look into (a code block's is not).
_CONTAINERS = frozenset(
    {t.directive for t in NEED_TYPES}
    | {"note", "warning", "tip", "important", "admonition", "seealso", "attention"}
    | {"caution", "danger", "error", "hint", "topic", "sidebar"}
)
_NEED_DIRECTIVES = frozenset(t.directive for t in NEED_TYPES)
_DIRECTIVE = re.compile(r"^\{(?P<name>[\w:-]+)\}")
_FENCE_LINE = re.compile(r"^[ \t>]*(?:`{3,}|~{3,}|:{3,})", re.M)
_OPTION_LINE = re.compile(r"^\s*:[\w-]+:")
_ID_LINE = re.compile(r"^\s*:id:\s*(?P<id>\S+)")


@dataclass(frozen=True)
class OpenFence:
    line: int  # 1-based line of the opening fence
    opening: str  # the opening line as written, shortened
    inside: str | None  # the directive it is in ("dilemma DIL_2022_D"), or None: the page


def _closes(line: str, markup: str) -> bool:
    stripped = line.lstrip(" \t>")
    char = markup[0]
    run = len(stripped) - len(stripped.lstrip(char))
    return run >= len(markup) and not stripped[run:].strip()


def _parser(config: MdParserConfig | None) -> MarkdownIt:
    """MyST's own block parser; inline parsing is skipped (only fences matter here)."""
    md = create_md_parser(config or MdParserConfig(), RendererHTML)
    md.core.ruler.disable(
        [rule for rule in md.core.ruler.get_active_rules() if rule not in ("normalize", "block")]
    )
    return md


@dataclass(frozen=True)
class CodeBlock:
    """A fenced block: code, or a directive (``language`` then starts with ``{``)."""

    first: int  # 1-based lines of the fences
    last: int
    language: str  # the info string; "" for a bare ```
    closed: bool


def scan(
    text: str, config: MdParserConfig | None = None
) -> tuple[list[OpenFence], dict[str, tuple[int, int | None]]]:
    """The fences in ``text`` (and in the Markdown of directives in it) never closed,
    and every ``:id:`` written: its line, and the line of the bare code block (```)
    it stands in, if any. One in a closed code block with a language (```text) is
    an example, not a need, and left out."""
    walked = list(_walk(_parser(config), text, 0, None))
    blocks = [b for b in walked if isinstance(b, CodeBlock)]
    fences = sorted((f for f in walked if isinstance(f, OpenFence)), key=lambda f: f.line)
    # The innermost block of each line: blocks nest, so later (inner) ones overwrite.
    innermost: dict[int, CodeBlock] = {}
    for block in sorted(blocks, key=lambda b: (b.first, -b.last)):
        for line in range(block.first + 1, block.last + 1):
            innermost[line] = block
    found: dict[str, tuple[int, int | None]] = {}
    line, counted = 1, 0
    for match in _ANY_ID_LINE.finditer(text):
        line += text.count("\n", counted, match.start())
        counted = match.start()
        inside = innermost.get(line)
        if inside is None:
            found.setdefault(match["id"], (line, None))
            continue
        directive = _DIRECTIVE.match(inside.language)
        if directive and _need_type_meant(directive["name"]):
            found.setdefault(match["id"], (line, None))
        elif not directive and not (inside.language and inside.closed):
            found.setdefault(match["id"], (line, inside.first))
        # Else an example (```text) or another directive, which MyST reports if unknown.
    return fences, found


def _need_type_meant(name: str) -> bool:
    """A need type's directive, or one misspelt (``{dilema}``, ``{Dilemma}``).

    MyST reports the unknown directive; the ``:id:`` in it is a need the writer
    meant to make, so a link to it is not a misspelt ID (``onderdeel_verloren``).
    """
    lowered = name.lower()
    return lowered in _NEED_DIRECTIVES or bool(
        difflib.get_close_matches(lowered, _NEED_DIRECTIVES, n=1, cutoff=0.8)
    )


def _walk(
    md: MarkdownIt, text: str, offset: int, inside: str | None
) -> Iterator[OpenFence | CodeBlock]:
    lines = text.splitlines()
    for token in md.parse(text):
        if token.type not in ("fence", "colon_fence") or token.map is None:
            continue
        start, end = token.map
        opening = lines[start].strip() if start < len(lines) else token.markup
        closed = end - 1 > start and end <= len(lines) and _closes(lines[end - 1], token.markup)
        if not closed:
            yield OpenFence(offset + start + 1, opening[:60], inside)
        yield CodeBlock(offset + start + 1, offset + end, token.info.strip(), closed)
        match = _DIRECTIVE.match(token.info.strip())
        if match and match["name"] in _CONTAINERS and _FENCE_LINE.search(token.content):
            body, need_id = _body(token.content)
            name = f"{match['name']} {need_id}" if need_id else match["name"]
            yield from _walk(md, body, offset + start + 1, name)


def _body(content: str) -> tuple[str, str | None]:
    """A directive's content with its options blanked (lines kept), and its :id:."""
    lines = content.split("\n")
    need_id = None
    if lines and lines[0].strip() == "---":
        end = next((i for i, line in enumerate(lines[1:], 1) if line.strip() == "---"), 0)
        for i in range(end + 1):
            if match := re.match(r"^\s*id:\s*(\S+)", lines[i]):
                need_id = match.group(1)
            lines[i] = ""
    else:
        for i, line in enumerate(lines):
            if not _OPTION_LINE.match(line):
                break
            if match := _ID_LINE.match(line):
                need_id = match["id"]
            lines[i] = ""
    return "\n".join(lines), need_id


# ---------------------------------------------------------------------------
# IDs as written

_WRITTEN_ATTR = "stand_written_ids"
_ANY_ID_LINE = re.compile(r"^[ \t>]*:id:[ \t]*(?P<id>\S+)[ \t]*$", re.M)


def written_ids(env: BuildEnvironment) -> dict[str, dict[str, tuple[int, int | None]]]:
    """Per document, every ``:id:`` written in it with its line, need or not.

    A need lost to a mistake above it (an unclosed block, a bad option) is still
    written here, so a link to it is not reported as a misspelt ID.
    """
    found: dict[str, dict[str, tuple[int, int | None]]] = env_store(env, _WRITTEN_ATTR, dict)
    return found


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    written_ids(env).pop(docname, None)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    ours = written_ids(env)
    ours.update((doc, ids) for doc, ids in written_ids(other).items() if doc in docnames)


def read_source(app: Sphinx, docname: str, source: list[str]) -> None:
    """Note the IDs written in a page, and warn for every block left open."""
    if not str(app.env.doc2path(docname)).endswith(".md"):
        return
    found: Any = getattr(app.env, "myst_config", None)
    config = found if isinstance(found, MdParserConfig) else None
    fences, written_ids(app.env)[docname] = scan(source[0], config)
    for fence in fences:
        where = f"het blok {fence.inside}" if fence.inside else "de pagina"
        warn(
            f"Het blok dat op regel {fence.line} begint ({fence.opening}) wordt niet "
            f"afgesloten en loopt door tot het einde van {where}: alles daarna is nu deel "
            "van dat blok, en een onderdeel daarin verdwijnt. Sluit het blok af met ``` "
            "(evenveel tekens als bij het begin) op een eigen regel; staat het in een "
            "onderdeel, sluit dan ook dat onderdeel af.",
            "blok_open",
            (docname, fence.line),
        )


def setup(app: Sphinx) -> None:
    register_codec()
    app.connect("env-before-read-docs", check_encoding)
    app.connect("source-read", read_source)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
