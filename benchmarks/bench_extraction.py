"""Actors, roles and places found in real documents, scored against hand-read truth.

Runs the shared scorer (``../shared/tools/eval_actors.py``: recall of the actors a reader
lists, precision of the organisations given an active role, owners, places, false places,
junk) over the round-2 corpus, and times the running-text reader on one long single-line
page (hardening failure H3: the overlap check was quadratic).

    .venv/bin/python benchmarks/bench_extraction.py
    .venv/bin/python benchmarks/bench_extraction.py --corpus tests/data/corpus/round2 \\
        --long-line 7900000 --json /tmp/extraction.json

Figures and the machine they were taken on are in ``RESULTS_extraction.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def evaluate(graphkit: Path, scorer: Path, corpus: Path) -> dict[str, object]:
    """The scorer's per-file lines and totals on ``corpus`` (its ``truth.json``)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "eval.json"
        done = subprocess.run(
            [
                sys.executable,
                str(scorer),
                str(graphkit),
                str(corpus / "truth.json"),
                str(corpus),
                "--json",
                str(out),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        result: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    result["lines"] = done.stdout.splitlines()
    return result


def long_line(chars: int) -> dict[str, float]:
    """Seconds for ``graphkit parse`` of a page whose summary is one line of ``chars``."""
    sentence = "Projektet samverkar med Coompanion Sverige och Göteborgs Stad, "
    head = "Titel\n\nProjektägare:\nCoompanion\n\nSammanfattning\n\n"
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "line.txt"
        page.write_text(head + sentence * (chars // len(sentence)), encoding="utf-8")
        start = time.perf_counter()
        subprocess.run(
            [str(ROOT / ".venv" / "bin" / "graphkit"), "parse", str(page)],
            capture_output=True,
            check=True,
        )
        return {"chars": chars, "seconds": round(time.perf_counter() - start, 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--graphkit", type=Path, default=ROOT / ".venv/bin/graphkit")
    parser.add_argument(
        "--scorer", type=Path, default=SHARED / "tools" / "eval_actors.py"
    )
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus" / "round2")
    parser.add_argument("--long-line", type=int, default=800_000, metavar="CHARS")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    result = evaluate(args.graphkit, args.scorer, args.corpus)
    for line in result["lines"]:  # type: ignore[attr-defined]
        print(line)
    figures = {
        "total": result["total"],
        "long_line": long_line(args.long_line) if args.long_line else None,
        "machine": f"{platform.machine()}, {os.cpu_count()} cpus, Python"
        f" {platform.python_version()}",
    }
    print(json.dumps(figures, ensure_ascii=False), file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
