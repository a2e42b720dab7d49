"""Files the commands write: all or nothing, with the mode of a new file under the umask."""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from conftest import stand
from stand.files import staged, temporary_folder, write_atomic
from test_cli import copy_repo


@contextmanager
def umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_written_file_has_the_mode_of_any_new_file(
    tmp_path: Path, mask: int, expected: int
) -> None:
    with umask(mask):
        write_atomic(tmp_path / "nieuw" / "a.csv", b"id\n")
        # Replacing a file that was private gives the new file's mode too.
        (tmp_path / "b.csv").write_bytes(b"oud")
        (tmp_path / "b.csv").chmod(0o600)
        write_atomic(tmp_path / "b.csv", b"nieuw")
        folder = temporary_folder(tmp_path, ".jaar-")
    assert mode(tmp_path / "nieuw" / "a.csv") == expected
    assert (tmp_path / "b.csv").read_bytes() == b"nieuw"
    assert mode(tmp_path / "b.csv") == expected
    assert mode(folder) == 0o777 & ~mask
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder.name, "b.csv", "nieuw"]


def test_all_or_nothing(tmp_path: Path) -> None:
    target = tmp_path / "gepubliceerd.json"
    target.write_bytes(b"oud")
    with pytest.raises(TypeError):
        write_atomic(target, "geen bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"oud"
    assert [p.name for p in tmp_path.iterdir()] == ["gepubliceerd.json"]

    with umask(0o022), staged(target, b"nieuw") as temporary:
        assert temporary.parent == tmp_path and temporary.name.startswith(".gepubliceerd.json.")
        assert temporary.read_bytes() == b"nieuw" and mode(temporary) == 0o644
    assert not temporary.exists()  # not moved into place: removed
    assert target.read_bytes() == b"oud"


def test_commands_write_readable_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """stand publiceer and stand exporteer under umask 022; the workbook dated by the record."""
    repo = copy_repo(tmp_path)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    with umask(0o022):
        proc = stand(repo, "publiceer", "2022", "--datum", "2023-05-01")
        assert proc.returncode == 0, proc.stderr
        proc = stand(repo, "exporteer", "--formaat", "xlsx", "--uit", "uit/stand.xlsx")
        assert proc.returncode == 0, proc.stderr
    assert mode(repo / "docs" / "2022" / "gepubliceerd.json") == 0o644
    assert mode(repo / "uit" / "stand.xlsx") == 0o644
    book = openpyxl.load_workbook(io.BytesIO((repo / "uit" / "stand.xlsx").read_bytes()))
    # The copy is outside git: the date comes from the publication record.
    assert book.properties.modified == datetime(2023, 5, 1)
