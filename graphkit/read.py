"""Files → Document: decode text, HTML's visible text, JSON/CSV project lists."""

from __future__ import annotations

import codecs
import hashlib
import logging
import os
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

from graphkit.errors import ReadError
from graphkit.records import Document, Problem

__all__ = [
    "MAX_LIST_BYTES",
    "MAX_PAGE_BYTES",
    "SUFFIXES",
    "decode",
    "html_to_text",
    "input_files",
    "read_path",
]

log = logging.getLogger(__name__)

#: File name endings graphkit reads, and the media type each is read as.
SUFFIXES: dict[str, str] = {
    ".txt": "text/plain",
    ".text": "text/plain",
    ".md": "text/plain",
    ".html": "text/html",
    ".htm": "text/html",
    ".json": "application/json",
    ".csv": "text/csv",
}

#: A page (text or HTML) larger than this is refused: no project page is that big.
MAX_PAGE_BYTES = 8 * 1024 * 1024

#: A project list (JSON, CSV) larger than this is refused before it is read.
MAX_LIST_BYTES = 1024 * 1024 * 1024


def input_files(inputs: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """Expand files and folders into the sorted list of files to read.

    Folders are walked recursively; files in them whose ending graphkit does not
    read are reported as problems, hidden files are ignored.

    Args:
        inputs: files and folders as the user gave them.

    Returns:
        The files, in a stable order, and a problem for each file left out.

    Raises:
        ReadError: if an input does not exist.

    Example (not executed)::

        files, skipped = input_files(["seeds/"])
    """
    files: list[Path] = []
    problems: list[Problem] = []
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            for child in _walk(path, problems):
                if child.suffix.lower() in SUFFIXES:
                    files.append(child)
                else:
                    problems.append(
                        Problem(
                            "skipped-file",
                            f"not read: graphkit reads {', '.join(sorted(SUFFIXES))} files",
                            str(child),
                        )
                    )
        elif path.is_file():
            files.append(path)
        else:
            raise ReadError("no such file or folder", path=str(given))
    unique = list(dict.fromkeys(files))
    return unique, problems


def _walk(folder: Path, problems: list[Problem]) -> list[Path]:
    """The files under ``folder`` (hidden ones left out), sorted; a folder that
    cannot be listed is reported in ``problems`` instead of skipped silently."""

    def unreadable(e: OSError) -> None:
        problems.append(
            Problem(
                "unreadable",
                f"folder not read: {e.strerror}",
                str(e.filename),
                severity="error",
            )
        )

    found: list[Path] = []
    for top, dirs, names in os.walk(folder, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += (
            Path(top) / name
            for name in names
            if not name.startswith(".") and (Path(top) / name).is_file()
        )
    return sorted(found)


def read_path(path: str | Path) -> Document:
    """Read one file into a :class:`Document`.

    Text is decoded as UTF-8 (a BOM is dropped) or, after its BOM, UTF-16; in a
    file that is not UTF-8 only the bytes that are not are decoded as
    Windows-1252, with a warning. CRLF and CR line ends become LF; control
    characters become spaces, with a warning. The size is checked before the
    file is read (:data:`MAX_PAGE_BYTES`, :data:`MAX_LIST_BYTES`).
    HTML is reduced to its visible text, one line per block, with a map back to
    the source lines.

    Args:
        path: the file, as the user gave it (kept as the document's source).

    Returns:
        The document, with its SHA-256 and the reader's problems.

    Raises:
        ReadError: if the file is missing, empty, binary (a NUL byte) or too
            large.

    Example (not executed)::

        doc = read_path("seeds/000_9812636df7ab152d.txt")
        doc.sha256[:8], doc.text.splitlines()[0]
    """
    source = str(path)
    try:
        with Path(path).open("rb") as file:
            size = os.fstat(file.fileno()).st_size
            media_type = SUFFIXES.get(Path(path).suffix.lower()) or _sniff(
                file.read(512)
            )
            page = media_type in ("text/plain", "text/html")
            limit = MAX_PAGE_BYTES if page else MAX_LIST_BYTES
            if size > limit:
                raise ReadError(
                    f"file too large for a {'page' if page else 'project list'}"
                    f" ({size / 1e6:.1f} MB; limit {limit / 1e6:.0f} MB)",
                    path=source,
                )
            file.seek(0)
            data = file.read(limit + 1)
    except OSError as e:
        raise ReadError(f"cannot read file: {e.strerror}", path=source) from e
    if len(data) > limit:  # it grew while being read
        raise ReadError(f"file too large (limit {limit / 1e6:.0f} MB)", path=source)
    text, encoding, problems = decode(data, source)
    line_map: tuple[int, ...] = ()
    if media_type == "text/html":
        text, line_map = html_to_text(text)
    return Document(
        source_path=source,
        sha256=hashlib.sha256(data).hexdigest(),
        text=text,
        media_type=media_type,
        encoding=encoding,
        line_map=line_map,
        problems=tuple(problems),
    )


def decode(data: bytes, source: str = "<bytes>") -> tuple[str, str, list[Problem]]:
    """Decode file bytes to text with LF line ends.

    Args:
        data: the file's bytes.
        source: the file name, for messages.

    Returns:
        ``(text, encoding, problems)``.

    Raises:
        ReadError: for an empty or binary file.

    Example:
        >>> decode("Göteborgs Stad\\r\\n".encode("utf-8"))[:2]
        ('Göteborgs Stad\\n', 'utf-8')
        >>> text, encoding, problems = decode("Malmö".encode("cp1252"))
        >>> text, encoding, problems[0].kind
        ('Malmö', 'cp1252', 'encoding-fallback')
    """
    if not data.strip():
        raise ReadError("empty file", path=source)
    problems: list[Problem] = []
    bom = next((name for mark, name in _UTF16_BOMS if data.startswith(mark)), None)
    if bom is not None:
        try:
            text, encoding = data[2:].decode(bom), "utf-16"
        except UnicodeDecodeError as e:
            raise ReadError(f"not valid UTF-16: {e.reason}", path=source) from e
    elif b"\x00" in data:
        raise ReadError("binary file (contains NUL bytes); not a document", path=source)
    else:
        try:
            text = data.decode("utf-8-sig")
            encoding = "utf-8"
        except UnicodeDecodeError as e:
            bad_line = data[: e.start].count(b"\n") + 1
            # Only the bytes that are not UTF-8 are read as Windows-1252: one bad
            # byte must not turn a whole UTF-8 document into mojibake.
            text = data.decode("utf-8-sig", errors=_LEGACY_BYTES)
            encoding = "cp1252"
            problems.append(
                Problem(
                    "encoding-fallback",
                    f"not valid UTF-8 (first bad byte on line {bad_line});"
                    f" its bad bytes read as {encoding}",
                    source,
                    bad_line,
                )
            )
    if _looks_binary(text):
        raise ReadError("binary file (mostly control characters)", path=source)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    first = _UNSAFE.search(text)
    if first is not None:
        line = text.count("\n", 0, first.start()) + 1
        problems.append(
            Problem(
                "control-characters",
                f"{len(_UNSAFE.findall(text))} control characters (first on line"
                f" {line}) replaced by spaces",
                source,
                line,
            )
        )
        text = _UNSAFE.sub(" ", text)
    return text, encoding, problems


_UTF16_BOMS = ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def _legacy_bytes(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: the bytes that are not UTF-8, read as Windows-1252."""
    assert isinstance(error, UnicodeDecodeError)
    bad = error.object[error.start : error.end]
    return bad.decode("cp1252", errors=_LATIN1), error.end


def _latin1(error: UnicodeError) -> tuple[str, int]:
    """Codec error handler: bytes Windows-1252 leaves undefined, read as Latin-1."""
    assert isinstance(error, UnicodeDecodeError)
    return error.object[error.start : error.end].decode("latin-1"), error.end


_LEGACY_BYTES = "graphkit-cp1252"
_LATIN1 = "graphkit-latin-1"
codecs.register_error(_LEGACY_BYTES, _legacy_bytes)
codecs.register_error(_LATIN1, _latin1)


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
#: Control characters no document needs and a terminal or spreadsheet may act on
#: (tab and line feed are kept).
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    return len(_CONTROLS.findall(sample)) > max(8, len(sample) // 20)


def _sniff(data: bytes) -> str:
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"[", b"{")):
        return "application/json"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "text/html"
    return "text/plain"


_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "label",
        "legend",
        "li",
        "main",
        "nav",
        "ol",
        "option",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "title",
        "tr",
        "ul",
    ]
)
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_HIDDEN_TAGS = frozenset({"script", "style", "noscript", "template", "head", "svg"})


class _VisibleText(HTMLParser):
    """Collects visible text as lines, each with the source line it started on."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[tuple[int, str]] = []
        self._buffer: list[str] = []
        self._start = 0
        self._hidden = 0

    def _flush(self) -> None:
        text = " ".join("".join(self._buffer).split())
        if text:
            self.lines.append((self._start, text))
        self._buffer = []

    def _blank(self) -> None:
        """A blank line, as around a heading on a printed page (never two in a row)."""
        if self.lines and self.lines[-1][1]:
            self.lines.append((self.lines[-1][0], ""))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN_TAGS:
            self._hidden += 1
        elif tag in _BLOCK_TAGS:
            self._flush()
            if tag in _HEADING_TAGS:
                self._blank()
            if tag == "li":
                self._add("• ")
        elif tag == "input" and dict(attrs).get("type") == "checkbox":
            self._add("[x] " if "checked" in dict(attrs) else "[ ] ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _HIDDEN_TAGS:
            self._hidden -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_TAGS:
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCK_TAGS:
            self._flush()
            if tag in _HEADING_TAGS:
                self._blank()

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._add(data)

    def _add(self, text: str) -> None:
        if not self._buffer or not "".join(self._buffer).strip():
            self._start = self.getpos()[0]
        self._buffer.append(text)


def html_to_text(html: str) -> tuple[str, tuple[int, ...]]:
    """The visible text of an HTML page, one line per block element.

    Scripts, styles and the head are dropped; headings stand between blank
    lines, as on a printed page; list items start with a bullet;
    checkboxes read ``[x]``/``[ ]``.

    Args:
        html: the page's markup.

    Returns:
        ``(text, line_map)``: the text and, per text line, its source line.

    Example:
        >>> text, lines = html_to_text(
        ...     "<h2>Kommun</h2>\\n<ul>\\n<li>Malmö</li>\\n<li>Lund</li></ul>"
        ...     "<script>alert(1)</script>")
        >>> text.splitlines(), lines
        (['Kommun', '', '• Malmö', '• Lund'], (1, 1, 3, 4))
    """
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    parser._flush()
    while parser.lines and not parser.lines[-1][1]:
        parser.lines.pop()
    return "\n".join(text for _, text in parser.lines), tuple(
        line for line, _ in parser.lines
    )
