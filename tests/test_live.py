"""``stand live``: builds in one process write what a clean build writes, and the server
serves each new build."""

from __future__ import annotations

import io
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from sphinx.util.console import strip_escape_sequences
from stand.build import to_record
from stand.live import FAILED, OK, WARNINGS, LiveBuild
from test_incremental import EDITS, ROOT, files, replace
from test_years import needs_of, sphinx_build


def differing(out: Path, clean: Path) -> list[str]:
    """The output files (``.doctrees`` aside) not byte for byte the same in both."""
    have, want = files(out), files(clean)
    return sorted(
        f for f in have.keys() | want.keys()
        if f not in have or f not in want or have[f][1] != want[f][1]
    )  # fmt: skip


def clean_build(src: Path, out: Path) -> Path:
    shutil.rmtree(out, ignore_errors=True)
    assert sphinx_build(src, out, "-W", "-E") == ""
    return out


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    shutil.copytree(ROOT, src)
    return src


def test_every_edit_kind_in_one_process_writes_what_a_clean_build_writes(
    tmp_path: Path, tree: Path
) -> None:
    """The edit kinds of the incremental test, one after another, each built by the
    same application; after each, the output equals a clean build's."""
    warnings = io.StringIO()
    with LiveBuild(tree, tmp_path / "live", warning=warnings) as live:
        assert live.build() == OK
        differ: dict[str, list[str]] = {}
        for name, edit in EDITS.items():
            records = {i: to_record(n) for i, n in needs_of(tmp_path / "live").items()}
            edit(tree, records)
            assert live.build() == OK, (name, warnings.getvalue())
            differ[name] = differing(tmp_path / "live", clean_build(tree, tmp_path / "schoon"))
    assert warnings.getvalue() == ""
    assert differ == {name: [] for name in EDITS}


def test_a_change_to_conf_py_is_read(tmp_path: Path, tree: Path) -> None:
    with LiveBuild(tree, tmp_path / "live", warning=io.StringIO()) as live:
        assert live.build() == OK
        with (tree / "conf.py").open("a", encoding="utf-8") as conf:
            conf.write('html_title = "Een nieuwe titel"\n')
        assert live.build() == OK
    assert "Een nieuwe titel" in (tmp_path / "live" / "index.html").read_text(encoding="utf-8")
    # Sphinx keeps the previous build's info when the configuration changed, in every
    # incremental build (sphinx-build too); a clean build has none to keep.
    differ = differing(tmp_path / "live", clean_build(tree, tmp_path / "schoon"))
    assert differ == [".buildinfo.bak"]


def test_a_writers_mistake_is_reported_and_the_next_build_is_clean(
    tmp_path: Path, tree: Path
) -> None:
    warnings = io.StringIO()
    page = tree / "2033" / "index.md"
    with LiveBuild(tree, tmp_path / "live", warning=warnings) as live:
        assert live.build() == OK
        replace(page, ":status: deels_opgelost\n", ":status: deels_opgelost\n:raakt: HP_NERGENS\n")
        assert live.build() == WARNINGS
        reported = strip_escape_sequences(warnings.getvalue())
        assert re.search(r"^2033/index\.md:\d+: WARNING: .*HP_NERGENS", reported, re.M)

        warnings.truncate(0)
        warnings.seek(0)
        replace(page, ":raakt: HP_NERGENS\n", "")
        assert live.build() == OK
    assert warnings.getvalue() == ""
    assert differing(tmp_path / "live", clean_build(tree, tmp_path / "schoon")) == []


def test_a_failed_build_is_one_dutch_line_and_the_next_change_builds_again(
    tmp_path: Path, tree: Path
) -> None:
    warnings = io.StringIO()
    conf = tree / "conf.py"
    good = conf.read_text(encoding="utf-8")
    with LiveBuild(tree, tmp_path / "live", warning=warnings) as live:
        assert live.build() == OK
        conf.write_text(good + "html_theme = (\n", encoding="utf-8")  # a syntax error
        assert live.build() == FAILED
        lines = warnings.getvalue().splitlines()
        assert len(lines) == 1
        assert lines[0].startswith("De bouw is mislukt (ConfigError: ")
        assert lines[0].endswith("bij de volgende wijziging probeert stand live het opnieuw.")

        warnings.truncate(0)
        warnings.seek(0)
        conf.write_text(good, encoding="utf-8")
        assert live.build() == OK
    assert warnings.getvalue() == ""
    assert differing(tmp_path / "live", clean_build(tree, tmp_path / "schoon")) == []


# --- The server ---------------------------------------------------------------------


def wait_for(what: str, check: Callable[[], str | None], timeout: float = 60) -> str:
    """Poll ``check`` until it gives a value, for at most ``timeout`` seconds."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if (found := check()) is not None:
            return found
        time.sleep(0.1)
    raise AssertionError(f"no {what} within {timeout} s")


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError):
        return None


def test_stand_live_serves_each_new_build(tmp_path: Path) -> None:
    """The repository layout (conf.py beside docs/), on a free port: the start page,
    then an edited page as soon as it is built again."""
    repo = tmp_path / "repo"
    shutil.copytree(ROOT, repo / "docs")
    (repo / "docs" / "conf.py").rename(repo / "conf.py")
    command = [sys.executable, "-m", "stand.cli", "live", "--poort", "0"]
    server = subprocess.Popen(
        command, cwd=repo, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(line) for line in server.stdout or ()])
    reader.start()
    said: list[str] = []

    def line_with(prefix: str) -> str | None:
        while not lines.empty():
            said.append(lines.get())
            if said[-1].startswith(prefix):
                return said[-1]
        return None

    try:
        ready = wait_for("address", lambda: line_with("Te zien op http://"))
        url = ready.removeprefix("Te zien op ").strip()
        start = wait_for("start page", lambda: fetch(f"{url}/"))
        assert "Testroot incrementeel" in start
        assert "/websocket-reload" in start  # the page reloads itself after a build

        replace(repo / "docs" / "2031" / "index.md", "Tekst van DIL_2031_B.", "Tekst, live.")
        page = f"{url}/2031/index.html"
        wait_for(
            "new text", lambda: "Tekst, live." if "Tekst, live." in (fetch(page) or "") else None
        )
        wait_for("message", lambda: line_with("Klaar in "))
        assert "Wijziging in docs/2031/index.md, opnieuw bouwen\n" in said
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
        reader.join()
    assert said[:2] == ["Eerste bouw van docs naar _build/live\n", said[1]]
    assert re.fullmatch(r"Klaar in \d+,\d s\n", said[1])
    assert (repo / "_build" / "live" / ".doctrees").is_dir()


def test_a_port_in_use_is_said_before_building(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(ROOT, repo / "docs")
    (repo / "docs" / "conf.py").rename(repo / "conf.py")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        command = [sys.executable, "-m", "stand.cli", "live", "--poort", str(port)]
        proc = subprocess.run(command, cwd=repo, capture_output=True, text=True, check=False)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == (
        f"Fout: stand live kan niet luisteren op 127.0.0.1:{port}: de poort is al in gebruik. "
        "Kies een andere poort met --poort N (0: een vrije) of een ander adres met --host.\n"
    )
    assert not (repo / "_build").exists()
