"""``stand live``: a preview that builds again, in this process, after every change.

sphinx-autobuild runs each rebuild as a new ``python -m sphinx``, which pays the
imports, every extension's setup and unpickling the environment again (about
1.3 s of a 3.5 s rebuild at 5,000 needs). :class:`LiveBuild` keeps one Sphinx
application and calls ``app.build()`` again: Sphinx re-reads the sources whose
mtime changed and ``outdated`` marks the pages that show them, as in any
incremental build. Sphinx reads its configuration only when an application
starts, so a change to ``conf.py`` (or to a local ``stand_bronnen`` file, read
at ``builder-inited``) starts a fresh one; so does a build that raised.

The server is sphinx-autobuild's: its watcher, its reload script and Starlette's
static files, served by uvicorn. Only the rebuild differs: sphinx-autobuild hands
it to a process pool, which would build a copy of the application and throw it
away, so ``_server`` runs it in a thread of this process.
"""

from __future__ import annotations

import asyncio
import errno
import gc
import logging
import os
import socket
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import ExitStack
from pathlib import Path
from types import TracebackType
from typing import IO, Any, cast

from sphinx.application import Sphinx
from sphinx.util.docutils import docutils_namespace, patch_docutils

#: What :meth:`LiveBuild.build` returns.
OK, WARNINGS, FAILED = 0, 1, 2

#: Stat of a file that decides the configuration (None: missing).
Stamp = tuple[int, int] | None


class _Relay:
    """The warning stream: paths relative to the repository, as ``stand controleer``
    shows them, and a count of what was written."""

    def __init__(self, stream: IO[str], root: Path) -> None:
        self.stream, self.prefix, self.written = stream, f"{root}{os.sep}", 0
        self.encoding = getattr(stream, "encoding", "utf-8")

    def write(self, text: str) -> int:
        self.written += bool(text.strip())
        return self.stream.write(text.replace(self.prefix, ""))

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()


class LiveBuild:
    """One Sphinx HTML application that builds again, in this process, on each call.

    ``build()`` after every edit: Sphinx reads what changed and writes what shows it,
    as ``sphinx-build`` without ``-E`` would, into ``outdir`` (doctrees in
    ``outdir/.doctrees``). Not thread-safe: one build at a time.
    """

    def __init__(
        self,
        srcdir: Path,
        outdir: Path,
        confdir: Path | None = None,
        *,
        warning: IO[str] = sys.stderr,
    ) -> None:
        self.srcdir = srcdir.resolve()
        self.confdir = (confdir or srcdir).resolve()
        self.outdir = outdir.resolve()
        self.doctreedir = self.outdir / ".doctrees"
        self._warning = _Relay(warning, self.confdir)
        self._app: Sphinx | None = None
        self._lifetime = ExitStack()  # docutils' registries, for as long as the app lives
        self._stamps: dict[Path, Stamp] = {}
        # Sphinx keeps every info message of an application in a StringIO when
        # status is None: for a process that runs for hours, a sink that keeps nothing.
        self._status = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (closed in close())

    def build(self) -> int:
        """Build what changed since the previous call (everything the first time).

        ``OK``, ``WARNINGS`` (written to the warning stream, Dutch and located) or
        ``FAILED``: one Dutch line on the warning stream, and the next call starts
        with a fresh application, as after a change to the configuration.
        """
        if self._app is not None and self._stamps != _stamps(self._stamps):
            self.renew()
        self._warning.written = 0
        try:
            app = self._app or self._start()
            # Sphinx writes a re-read page's new doctree to disk but leaves the old one
            # in this cache (Sphinx 9.0), and other pages' toctrees and links would be
            # resolved from it; a new process starts with it empty, so does each build.
            # (sphinx.testing's SphinxTestApp.build clears it too.)
            app.env._pickled_doctree_cache.clear()
            # sphinx-needs keeps its view of the resolved needs, with lazily computed
            # indexes (by type, status, ...), on the environment after a build (9.1);
            # the next build would filter with the old indexes and miss a new need
            # (needs.json). A new process never has it: it is made while writing,
            # after the environment is pickled.
            app.env.__dict__.pop("_needs_view", None)
            app.build()
        except Exception as err:  # a writer's mistake must not stop the preview
            self.renew()
            self._warning.write(failed(err))
            self._warning.flush()
            return FAILED
        return WARNINGS if self._warning.written else OK

    @property
    def config_files(self) -> frozenset[Path]:
        """The files read when the application starts (known after the first build)."""
        return frozenset(self._stamps) or frozenset({self.confdir / "conf.py"})

    def renew(self) -> None:
        """Let the next build start a fresh application (it reads the configuration)."""
        self._lifetime.close()
        if self._app is not None:
            self._app = None
            # The old application is cyclic garbage that ``memory.restore`` froze with
            # everything else; left frozen, the next build's freeze would keep it for
            # good (about 100,000 objects at 1,000 needs, per change of conf.py).
            gc.unfreeze()
            gc.collect()

    def tidy(self) -> None:
        """Between builds: collect what the last build left, then freeze the rest again.

        ``memory.restore`` freezes every object at a build's end, its cyclic garbage
        too (written doctrees); a preview that runs for hours would keep all of it.
        """
        gc.unfreeze()
        gc.collect()
        gc.freeze()

    def close(self) -> None:
        self.renew()
        self._status.close()

    def __enter__(self) -> LiveBuild:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _start(self) -> Sphinx:
        # What sphinx-build wraps around an application's life: Sphinx registers
        # directives and roles in docutils' global registries.
        self._lifetime.enter_context(patch_docutils(self.confdir))
        self._lifetime.enter_context(docutils_namespace())
        app = Sphinx(
            srcdir=self.srcdir,
            confdir=self.confdir,
            outdir=self.outdir,
            doctreedir=self.doctreedir,
            buildername="html",
            status=self._status,
            warning=cast(IO[str], self._warning),
        )
        self._app = app
        self._stamps = _stamps(self._read_at_start(app))
        return app

    def _read_at_start(self, app: Sphinx) -> list[Path]:
        bronnen = getattr(app.config, "stand_bronnen", None) or []
        local = [
            self.confdir / str(bron["needs_json"])
            for bron in bronnen
            if isinstance(bron, dict)
            and bron.get("needs_json")
            and "://" not in str(bron["needs_json"])
        ]
        return [self.confdir / "conf.py", *local]


def _stamps(paths: Iterable[Path]) -> dict[Path, Stamp]:
    found: dict[Path, Stamp] = {}
    for path in paths:
        try:
            stat = path.stat()
            found[path] = (stat.st_mtime_ns, stat.st_size)
        except OSError:
            found[path] = None
    return found


def failed(err: BaseException) -> str:
    first = (str(err).strip().splitlines() or [""])[0]
    what = f"{type(err).__name__}: {first}" if first else type(err).__name__
    return (
        f"De bouw is mislukt ({what}); bij de volgende wijziging probeert stand live het opnieuw.\n"
    )


# --- The server --------------------------------------------------------------------


def say(message: str) -> None:
    """A line for the writer, at once (also when stdout is a pipe)."""
    sys.stdout.write(message + "\n")
    sys.stdout.flush()


def seconds(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def changed_text(paths: Sequence[Path], root: Path) -> str:
    """``docs/2022/index.md`` and at most two more, then ``en 3 andere``; files that
    came and went (an editor's or ``sed -i``'s temporary file) left out."""
    paths = [p for p in paths if p.exists()] or paths
    shown = [str(p.relative_to(root)) if p.is_relative_to(root) else str(p) for p in paths[:3]]
    rest = f" en {len(paths) - 3} andere" if len(paths) > 3 else ""
    return ", ".join(shown) + rest


class Preview:
    """What a change does: say what changed, build, say how it went."""

    def __init__(self, live: LiveBuild, say: Callable[[str], None]) -> None:
        self.live, self.say = live, say

    def __call__(self, changed: Sequence[Path] = ()) -> int:
        if changed:
            self.say(f"Wijziging in {changed_text(changed, self.live.confdir)}, opnieuw bouwen")
        if set(changed) & self.live.config_files:
            self.say("De configuratie is gewijzigd: die wordt opnieuw ingelezen")
            self.live.renew()
        start = time.perf_counter()
        status = self.live.build()
        took = seconds(time.perf_counter() - start)
        if status == OK:
            self.say(f"Klaar in {took} s")
        elif status == WARNINGS:
            self.say(f"Klaar in {took} s, met meldingen (hierboven)")
        return status


def _watched(live: LiveBuild) -> list[tuple[Path, bool, Callable[[str], bool]]]:
    """What to watch: the sources (recursively), and the configuration's own folder
    for ``conf.py`` only, without the rest of the repository (``.venv``, ``_build``)."""
    from sphinx_autobuild.filter import IgnoreFilter  # type: ignore[import-untyped]
    from watchfiles import DefaultFilter

    # DefaultFilter: .git, editors' swap and backup files (.swp, ~, .#), __pycache__.
    editors = DefaultFilter()
    own = IgnoreFilter([live.outdir], [r"\.tmp$", r"/4913$", r"/#[^/]*#$"])

    def source(path: str) -> bool:
        return editors(None, path) and not own(path)  # type: ignore[arg-type]

    watched: list[tuple[Path, bool, Callable[[str], bool]]] = [(live.srcdir, True, source)]
    if not live.confdir.is_relative_to(live.srcdir):
        watched.append((live.confdir, False, lambda p: Path(p) in live.config_files))
    return watched


_WHY = {
    errno.EADDRINUSE: "de poort is al in gebruik",
    errno.EACCES: "deze poort mag alleen de beheerder gebruiken",
    errno.EADDRNOTAVAIL: "dat adres hoort niet bij deze computer",
}


class Unavailable(Exception):
    """The address cannot be served on; a Dutch message for the writer."""


def usable_port(host: str, port: int) -> int:
    """``port``, or a free one for 0; checked before the first build, which may take
    a while, rather than by uvicorn after it (in English)."""
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
            return int(probe.getsockname()[1])
    except OSError as err:
        unknown = isinstance(err, socket.gaierror)
        why = "het adres is onbekend" if unknown else _WHY.get(err.errno or 0, str(err.strerror))
        raise Unavailable(
            f"stand live kan niet luisteren op {host}:{port}: {why}. Kies een andere poort "
            "met --poort N (0: een vrije) of een ander adres met --host."
        ) from None


def serve(live: LiveBuild, host: str, port: int, say: Callable[[str], None]) -> None:
    """Build, serve ``live.outdir`` on ``host:port`` and build again after each change
    until Ctrl+C; the pages in the browser reload after each build."""
    import uvicorn
    from sphinx_autobuild.middleware import (  # type: ignore[import-untyped]
        JavascriptInjectorMiddleware,
    )
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.routing import Mount, WebSocketRoute
    from starlette.staticfiles import StaticFiles

    port = usable_port(host, port)
    preview = Preview(live, say)
    say(
        f"Eerste bouw van {changed_text([live.srcdir], live.confdir)} naar "
        f"{changed_text([live.outdir], live.confdir)}"
    )
    preview()
    live.outdir.mkdir(parents=True, exist_ok=True)
    address = f"{host}:{port}"
    server = _server(
        _watched(live), preview, live.tidy, lambda: say(f"Te zien op http://{address}")
    )
    app = Starlette(
        routes=[
            WebSocketRoute("/websocket-reload", server, name="reload"),
            Mount("/", app=StaticFiles(directory=live.outdir, html=True), name="static"),
        ],
        middleware=[Middleware(JavascriptInjectorMiddleware, ws_url=address)],
        lifespan=server.lifespan,
    )
    logging.getLogger("watchfiles").setLevel(logging.WARNING)  # not "3 changes detected"
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _server(
    watched: list[tuple[Path, bool, Callable[[str], bool]]],
    rebuild: Callable[[Sequence[Path]], int],
    tidy: Callable[[], None],
    ready: Callable[[], None],
) -> Any:
    """sphinx-autobuild's ``RebuildServer`` with the rebuild in this process.

    Watches each folder (recursively or only its own files), gathers what changed
    while a build ran into the next build, and says it is ready once the watchers
    are set up, so an edit made after that message is always seen.
    """
    from sphinx_autobuild.filter import IgnoreFilter
    from sphinx_autobuild.server import RebuildServer  # type: ignore[import-untyped]
    from watchfiles import awatch

    def changes(path: Path, recursive: bool, keep: Callable[[str], bool]) -> Any:
        return awatch(path, recursive=recursive, watch_filter=lambda _, p: keep(p))

    class Server(RebuildServer):
        async def watch(self) -> None:
            streams = [changes(*each) for each in watched]
            pending = {asyncio.ensure_future(anext(s)): s for s in streams}
            await asyncio.sleep(0)  # each stream's first step sets up its watcher, then waits
            ready()
            while True:
                done, _ = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
                changed: set[Path] = set()
                for future in done:
                    changed.update(Path(p).resolve() for _, p in future.result())
                    stream = pending.pop(future)
                    pending[asyncio.ensure_future(anext(stream))] = stream
                await asyncio.to_thread(rebuild, sorted(changed))
                self.flag.set()
                await asyncio.to_thread(tidy)  # while the browsers reload

    return Server([p for p, _, _ in watched], IgnoreFilter([], []), rebuild)
