"""Writing files: all or nothing, and readable as any new file of the user would be.

Every file a command writes goes through a temporary file in the same folder and
``os.replace``, so nobody ever sees a half-written one. The temporary file is
created with mode ``0o666`` and the kernel applies the user's umask, as for any
new file: ``0o644`` under the usual umask ``022``. ``tempfile.mkstemp`` would give
``0o600``, and the rename would keep that: a published file nobody else could read.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_NEW_FILE_MODE = 0o666  # before the umask, as open() and every shell use


def _create_temporary(path: Path) -> tuple[int, Path]:
    """A new, empty, exclusively created file next to ``path``, and its descriptor."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(temporary, flags, _NEW_FILE_MODE), temporary
        except FileExistsError:
            continue


@contextmanager
def staged(path: Path, data: bytes) -> Iterator[Path]:
    """A complete temporary copy of ``path`` with ``data``, removed on leaving.

    For a caller that renames several files into place together: it moves the
    temporary file with ``os.replace`` inside the block; what is left is removed.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = _create_temporary(path)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        yield temporary
    finally:
        temporary.unlink(missing_ok=True)


def temporary_folder(parent: Path, prefix: str) -> Path:
    """A new empty folder in ``parent`` with the mode of a new folder (umask).

    To fill and then rename into place; ``tempfile.mkdtemp`` gives ``0o700``, which
    the rename would keep.
    """
    while True:
        folder = parent / f"{prefix}{secrets.token_hex(6)}"
        try:
            folder.mkdir(mode=0o777)
            return folder
        except FileExistsError:
            continue


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``path`` completely or not at all, with the mode of a new file (umask)."""
    with staged(path, data) as temporary:
        os.replace(temporary, path)
