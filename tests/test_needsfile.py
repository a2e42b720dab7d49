"""needs.json is written by us (``stand.needsfile``): the bytes sphinx-needs' own writer gives."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import pytest
from sphinx_needs.data import SphinxNeedsData
from sphinx_needs.needsfile import NeedsList


@pytest.mark.sphinx("html", testroot="jaren", freshenv=True)
def test_needs_json_is_what_sphinx_needs_writes(app: Any, warning: Any, tmp_path: Path) -> None:
    app.build()
    assert warning.getvalue() == ""
    ours = Path(app.outdir) / "needs.json"

    # sphinx-needs' writer (json.dump) on the same needs, into another folder.
    theirs = NeedsList(app.env, str(tmp_path), app.srcdir)
    version = app.config.version
    for need in SphinxNeedsData(app.env).get_needs_view().values():
        theirs.add_need(version, need)
    theirs.write_json(needs_path=str(tmp_path))

    assert ours.read_bytes() == (tmp_path / "needs.json").read_bytes()
    assert b'"DIL_2031_A"' in ours.read_bytes()
    assert ours.stat().st_mode & stat.S_IROTH  # readable by others (umask)
    # The schema report of sphinx-needs holds its run time; our checks replace it.
    assert not (Path(app.outdir) / "schema_violations.json").exists()
