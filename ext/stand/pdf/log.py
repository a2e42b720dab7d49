"""WeasyPrint logs problems (such as "No anchor") instead of raising; report them.

Each message becomes a Sphinx warning (``stand.pdf``) at the end of the build, so
``-W`` fails the build and no PDF with a broken link is published.
"""

from __future__ import annotations

import logging
import re
from functools import partial

from sphinx.application import Sphinx
from sphinx.util import logging as sphinx_logging

from . import BUILDER

logger = sphinx_logging.getLogger(__name__)

# WeasyPrint messages that say nothing about our document: CSS of the simplepdf
# theme and of sphinx-needs that WeasyPrint does not support (it skips the rule),
# and a system library that is older than WeasyPrint would like.
HARMLESS_WEASYPRINT = re.compile(
    r"^(Ignored `|Unknown empty rule |Using fontTools instead of HarfBuzz-Subset)"
)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not HARMLESS_WEASYPRINT.match(message):
            self.messages.append(message)


def capture_weasyprint_log(app: Sphinx) -> None:
    if app.builder.name != BUILDER:
        return
    handler = _Collect()
    logging.getLogger("weasyprint").addHandler(handler)
    app.connect("build-finished", partial(report_weasyprint_log, handler))


def report_weasyprint_log(handler: _Collect, app: Sphinx, exception: BaseException | None) -> None:
    logging.getLogger("weasyprint").removeHandler(handler)
    for message in handler.messages:
        logger.warning(
            "WeasyPrint meldt bij het maken van de PDF: %s",
            message,
            type="stand",
            subtype="pdf",
            location=app.config.root_doc,
        )
