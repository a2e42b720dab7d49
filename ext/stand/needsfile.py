"""``needs.json``, the open data of a Stand: sphinx-needs' content, written faster.

sphinx-needs writes the file with ``json.dump``, which always runs Python's pure
encoder; ``NeedsList.dump_json`` gives the same bytes through the C encoder, several
times faster (the largest single cost of an incremental build at 5,000 needs). So we
switch its writer off (``config``) and write the file ourselves, with the same
content, at the same moment, atomically and with the umask's mode.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx_needs.builder import NeedsBuilder
from sphinx_needs.config import NeedsSphinxConfig
from sphinx_needs.data import SphinxNeedsData
from sphinx_needs.filter_common import filter_needs_view
from sphinx_needs.needsfile import NeedsList

from .files import write_atomic


def write_needs_json(app: Sphinx, exception: BaseException | None) -> None:
    """What ``sphinx_needs.builder.NeedsBuilder.finish`` writes (it too ignores ``exception``)."""
    # The PDF builder works in a folder that is never published: no needs.json there.
    if isinstance(app.builder, NeedsBuilder) or not getattr(app.builder, "needs_json", True):
        return
    needs_config = NeedsSphinxConfig(app.config)
    version = getattr(app.config, "version", "unset")
    needs_list = NeedsList(app.env, app.outdir, app.srcdir)
    if needs_config.file:
        needs_list.load_json(needs_config.file)
    needs_list.wipe_version(version)
    needs = SphinxNeedsData(app.env).get_needs_view()
    for need in filter_needs_view(needs, needs_config, needs_config.builder_filter):
        needs_list.add_need(version, need)
    write_atomic(Path(app.outdir) / "needs.json", needs_list.dump_json().encode("utf-8"))


def setup(app: Sphinx) -> None:
    app.connect("build-finished", write_needs_json)
