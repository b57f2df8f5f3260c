"""Text encodings: UTF-16 with its BOM, UTF-8 with a few bad bytes, guessed legacy files."""

from __future__ import annotations

import pytest

from graphkit.build import parse_file
from graphkit.gazetteer import load_gazetteer
from graphkit.read import decode, read_path
from graphkit.resolve import load_registry

from .conftest import seed


@pytest.fixture(scope="module")
def resolvers():
    return load_registry(), load_gazetteer()


def _places(path, resolvers) -> tuple[str | None, list[str]]:
    (parsed,) = [p for p in parse_file(path, *resolvers) if p.record]
    codes = sorted({link.actor for link in parsed.links if link.role == "covers"})
    return parsed.record.owner, codes


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_a_utf16_copy_of_seed_000_builds_like_the_seed(tmp_path, codec, resolvers):
    text = seed("000").read_text(encoding="utf-8")
    path = tmp_path / "notepad.txt"
    bom = b"\xff\xfe" if codec.endswith("le") else b"\xfe\xff"
    path.write_bytes(bom + text.replace("\n", "\r\n").encode(codec))
    assert read_path(path).encoding == "utf-16"
    assert _places(path, resolvers) == _places(seed("000"), resolvers)


def test_three_bad_bytes_keep_every_municipality_and_are_reported_by_line(
    tmp_path, resolvers
):
    data = seed("000").read_bytes()
    lines = data.split(b"\n")
    bad = [3, 20, 60]  # 1-based lines that get a stray byte
    for n in bad:
        lines[n - 1] = lines[n - 1] + b" \xff"
    path = tmp_path / "bad.txt"
    path.write_bytes(b"\n".join(lines))
    doc = read_path(path)
    assert doc.encoding == "utf-8" and "Stockholms län" in doc.text
    assert [(p.kind, p.line) for p in doc.problems] == [("bad-bytes", n) for n in bad]
    owner, codes = _places(path, resolvers)
    assert len(codes) == 26
    assert (owner, codes) == _places(seed("000"), resolvers)


def test_a_legacy_file_gets_its_encoding_guessed_and_the_guess_reported():
    text = (
        "Projekt i Västra Götaland\nÄgare: Göteborgs Stad – Social resursförvaltning\n"
    )
    for codec in ("cp1252", "mac_roman"):
        decoded, encoding, problems = decode(text.encode(codec), "x.txt")
        assert (decoded, encoding) == (text, codec)
        assert problems[0].kind == "encoding-fallback" and codec in problems[0].message


def test_many_bad_lines_are_counted_not_listed_one_by_one():
    data = "Luleå\n".encode() + b"bad \xff\n" * 50
    _, _, problems = decode(data, "x.txt")
    assert len(problems) == 21 and "30 more lines" in problems[-1].message


@pytest.mark.parametrize("codec", ["cp1252", "mac_roman"])  # DOS 850 has no en dash
def test_seed_000_saved_in_a_legacy_encoding_keeps_its_26_municipalities(
    tmp_path, codec, resolvers
):
    text = seed("000").read_text(encoding="utf-8")
    path = tmp_path / f"{codec}.txt"
    path.write_bytes(text.encode(codec))
    doc = read_path(path)
    assert doc.encoding == codec and doc.text == text
    assert _places(path, resolvers) == _places(seed("000"), resolvers)
    assert len(_places(path, resolvers)[1]) == 26
