"""Values computed once per build and kept on the builder; our data on the environment.

Built while writing, from data that is final by then (the resolved needs, the
toctrees); forked ``-j`` writers inherit what the main process computed for the
first page. A new read (``make live``, a second ``app.build()``) starts afresh.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Any, TypeVar, cast

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

T = TypeVar("T")
ATTR = "_stand_cache"


def once_per_build(app: Sphinx, key: str, compute: Callable[[], T]) -> T:
    store: dict[str, Any] = app.builder.__dict__.setdefault(ATTR, {})
    if key not in store:  # None is a value too
        store[key] = compute()
    return cast(T, store[key])


def env_store(env: BuildEnvironment, attr: str, empty: Callable[[], T]) -> T:
    """Our data on the environment (pickled with it), made on first use."""
    if not hasattr(env, attr):
        setattr(env, attr, empty())  # an attribute Sphinx does not declare
    return cast(T, getattr(env, attr))


def digest(value: object) -> str:
    """A fingerprint of ``repr(value)``, stable across processes (unlike ``hash()``):
    what a page showed, kept in the environment for the next build to compare."""
    return hashlib.blake2b(repr(value).encode("utf-8"), digest_size=16).hexdigest()


def output_key(builder: Any) -> str:
    """One output of the environment: ``stand bouw`` writes HTML and PDF from one."""
    return f"{builder.name}:{builder.outdir}"


def nodes_digest(trees: Iterable[nodes.Node]) -> str:
    """A fingerprint of doctree parts: each node's name, attributes and number of
    children in document order, and each text (``pformat`` is several times slower)."""
    found = hashlib.blake2b(digest_size=16)
    for tree in trees:
        for node in tree.findall():
            if isinstance(node, nodes.Text):
                found.update(b"\x00" + str(node).encode("utf-8"))
            else:
                line = f"\x01{node.tagname} {len(node.children)} {node.attributes!r}"
                found.update(line.encode("utf-8"))
    return found.hexdigest()


def forget(app: Sphinx, env: Any) -> None:
    app.builder.__dict__.pop(ATTR, None)


def setup(app: Sphinx) -> None:
    app.connect("env-updated", forget)
