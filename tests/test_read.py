"""Reading files: encodings, line ends, HTML's visible text, folders."""

from __future__ import annotations

import hashlib

import pytest

from graphkit.errors import ReadError
from graphkit.read import input_files, read_path


def test_utf8_with_bom_and_crlf(tmp_path):
    path = tmp_path / "page.txt"
    data = "\ufeffTitel\r\nProjektägare:\r\nGöteborgs Stad\r\n".encode()
    path.write_bytes(data)
    doc = read_path(path)
    assert doc.text == "Titel\nProjektägare:\nGöteborgs Stad\n"
    assert doc.sha256 == hashlib.sha256(data).hexdigest() and doc.problems == ()


def test_windows_1252_is_read_with_a_warning(tmp_path):
    path = tmp_path / "page.txt"
    path.write_bytes("Rad ett\nVärmdö – Malmö\n".encode("cp1252"))
    doc = read_path(path)
    assert doc.text == "Rad ett\nVärmdö – Malmö\n"
    assert [(p.kind, p.line) for p in doc.problems] == [("encoding-fallback", 2)]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file"),
        (b"  \n\n", "empty file"),
        (b"\x89PNG\x00\x00\x01", "binary"),
    ],
)
def test_unreadable_files(tmp_path, data, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(ReadError, match=message):
        read_path(path)


def test_html_visible_text_keeps_source_lines(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>x</title><script>alert(1)</script></head>\n"
        "<body><h1>Scoop Skåne</h1>\n<p>Projektägare<br>Coompanion</p>\n"
        "<ul>\n<li>Malmö</li>\n<li>Lund</li>\n</ul></body></html>",
        encoding="utf-8",
    )
    doc = read_path(path)
    assert doc.text.split("\n") == [
        "Scoop Skåne",
        "",
        "Projektägare",
        "Coompanion",
        "• Malmö",
        "• Lund",
    ]
    assert [doc.source_line(i) for i in range(1, 7)] == [2, 2, 3, 3, 5, 6]
    assert "alert" not in doc.text


def test_folders_are_expanded_and_other_files_reported(tmp_path):
    (tmp_path / "b.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a.json").write_text("[]", encoding="utf-8")
    (tmp_path / "notes.tsv").write_text("x", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("x", encoding="utf-8")
    files, skipped = input_files([tmp_path])
    assert [f.name for f in files] == ["a.json", "b.txt"]
    assert [p.source_path.rsplit("/", 1)[-1] for p in skipped] == ["notes.tsv"]


def test_missing_input_is_an_error(tmp_path):
    with pytest.raises(ReadError, match="no such file"):
        input_files([tmp_path / "nope"])
