"""Tests for tests/readme_picture.py: README's picture sits under the command it shows."""

from __future__ import annotations

import pytest

from tests.readme_picture import README, ROOT, page_name, pictures


def test_every_picture_shows_the_page_of_the_command_above_it() -> None:
    found = pictures(README.read_text(encoding="utf-8"))
    assert found, "README.md has no network picture"
    for command, image in found:
        assert page_name(command) == (ROOT / image).stem, (command, image)
        assert (ROOT / image).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_picture_under_another_command_is_refused() -> None:
    with pytest.raises(ValueError, match="does not sit under a graphkit viz command"):
        pictures("    $ graphkit analyze exports/\n\n![A](notebooks/images/a.png)\n")
