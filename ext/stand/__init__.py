"""stand: docs-as-code for the yearly *Stand van de uitvoering*.

A Sphinx extension on top of sphinx-needs. ``setup()`` reads as the table of
contents of the package: each module registers its own part.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the PDF's typesetting process imports this package without Sphinx
    from sphinx.application import Sphinx

__version__ = "0.1.0"

# Bump when the shape of what we keep in the environment changes.
ENV_VERSION = 4


def setup(app: Sphinx) -> dict[str, Any]:
    from . import (
        bronnen,
        build,
        cache,
        config,
        directives,
        downloads,
        flows,
        freeze,
        htmlbuilder,
        lineages,
        matrix,
        memory,
        messages,
        navigation,
        needsfile,
        outdated,
        pdf,
        rawhtml,
        rendering,
        sources,
        theme,
        upstream,
        viewprints,
        views,
        werkagenda,
    )

    app.setup_extension("myst_parser")
    app.setup_extension("sphinx_needs")

    upstream.setup(app)
    messages.setup(app)
    config.setup(app)
    memory.setup(app)
    cache.setup(app)
    bronnen.setup(app)
    sources.setup(app)
    rawhtml.setup(app)
    build.setup(app)
    directives.setup(app)
    views.setup(app)
    matrix.setup(app)
    lineages.setup(app)
    werkagenda.setup(app)
    flows.setup(app)
    rendering.setup(app)
    downloads.setup(app)
    freeze.setup(app)
    pdf.setup(app)
    theme.setup(app)
    navigation.setup(app)
    htmlbuilder.setup(app)
    viewprints.setup(app)
    needsfile.setup(app)
    outdated.setup(app)

    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
