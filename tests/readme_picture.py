"""README.md's network picture, made again from the ``graphkit viz`` command it sits under.

The picture is the line ``![…](notebooks/images/NAME.png)`` right after a
``$ graphkit viz … -o exports/NAME.html …`` command: this script builds the seeds
into a temporary ``exports/``, runs that command there, opens the page in headless
Chromium (network blocked) and writes the screenshot to the picture's path::

    .venv/bin/python -m tests.readme_picture          # rewrite the picture

``tests/test_readme_picture.py`` checks that every picture sits under the command
whose page it shows (its name is the page's).
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
PICTURE = re.compile(r"^!\[[^\]]*\]\((notebooks/images/[\w-]+\.png)\)$")
STABLE = (
    "document.body.dataset.gkStatus === 'stable'"
    " && Object.assign({}, document.body.dataset)"
)


def pictures(text: str) -> list[tuple[list[str], str]]:
    """Each README picture with the command above it: ``(viz arguments, image path)``.

    Example:
        >>> pictures("    $ graphkit viz exports/ -o exports/a.html\\n\\n"
        ...          "![A](notebooks/images/a.png)\\n")
        [(['viz', 'exports/', '-o', 'exports/a.html'], 'notebooks/images/a.png')]
    """
    found, command = [], None
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("$ graphkit "):
            command = shlex.split(stripped)[2:]
        elif (match := PICTURE.match(stripped)) is not None:
            if command is None or command[0] != "viz":
                raise ValueError(
                    f"{match[1]} does not sit under a graphkit viz command"
                )
            found.append((command, match[1]))
    return found


def page_name(command: list[str]) -> str:
    """The stem of the page a ``viz`` command writes (its ``-o`` file)."""
    return Path(command[command.index("-o") + 1]).stem


def make(command: list[str], image: Path) -> None:
    """Build the seeds, run ``command`` on them and screenshot its page to ``image``."""
    from click.testing import CliRunner

    from graphkit.cli import cli
    from tests.browser import Chromium

    with tempfile.TemporaryDirectory() as tmp, contextlib.chdir(tmp):
        runner = CliRunner()
        seeds = str(ROOT / "seeds")
        for args in (["build", seeds, "-o", "exports"], command):
            result = runner.invoke(cli, args, catch_exceptions=False)
            if result.exit_code != 0:
                raise RuntimeError(f"graphkit {' '.join(args)}: {result.output}")
        page = Path(tmp) / command[command.index("-o") + 1]
        with Chromium(width=1280, height=760) as browser:
            shot = browser.open(page, wait_for=STABLE, screenshot=True)
        if shot.errors or shot.external_requests or shot.screenshot is None:
            raise RuntimeError(
                f"the page failed: {shot.errors} {shot.external_requests}"
            )
        image.parent.mkdir(parents=True, exist_ok=True)
        tmp_image = image.with_suffix(f".{os.getpid()}.tmp")
        tmp_image.write_bytes(shot.screenshot)
        tmp_image.replace(image)


def main() -> int:
    for command, image in pictures(README.read_text(encoding="utf-8")):
        if page_name(command) != Path(image).stem:
            print(
                f"{image} sits under a command writing {page_name(command)}.html",
                file=sys.stderr,
            )
            return 1
        make(command, ROOT / image)
        print(f"{image} ← graphkit {' '.join(command)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
