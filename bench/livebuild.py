"""The child process of ``bench.incremental`` that builds as ``stand live`` does.

``python -m bench.livebuild <ext> <src> <out>``: one ``stand.live.LiveBuild`` of the
extension copy in ``<ext>`` (the bench's snapshot, imported before anything else
can import the installed one), which builds ``<src>`` into ``<out>`` once per line
``bouw`` on standard input and answers each with a line of JSON: the build's wall
time in seconds and its status (0: no warnings).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    ext, src, out = (Path(a) for a in argv)
    sys.path.insert(0, str(ext))
    from stand.live import LiveBuild

    with LiveBuild(src, out, warning=sys.stderr) as live:
        for line in sys.stdin:
            if line.strip() != "bouw":
                continue
            start = time.perf_counter()
            status = live.build()
            seconds = time.perf_counter() - start
            sys.stdout.write(json.dumps({"seconds": seconds, "status": status}) + "\n")
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
