"""Bytes → text: UTF-8, UTF-16 with its BOM, legacy encodings guessed and reported."""

from __future__ import annotations

import re

from graphkit.errors import ReadError
from graphkit.records import Problem

__all__ = ["MAX_REPORTED_LINES", "decode"]

#: A file with bad bytes on more lines than this gets one problem per line up
#: to here and one more that counts the rest.
MAX_REPORTED_LINES = 20

#: Encodings a Swedish document that is not UTF-8 is in: Windows, ISO 8859-15,
#: the old Mac and DOS code pages. charset-normalizer chooses among these only;
#: open-ended guessing makes ``Malmö`` Urdu (cp1006) or Czech (cp1250).
_LEGACY = ("cp1252", "iso8859_15", "mac_roman", "cp850")

_UTF16_BOMS = ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def decode(data: bytes, source: str = "<bytes>") -> tuple[str, str, list[Problem]]:
    """Decode file bytes to text with LF line ends.

    UTF-8 (a BOM dropped) and UTF-16 after its BOM are read as such. In a UTF-8
    file with a few bad bytes the good lines are kept: each bad byte becomes
    U+FFFD and each line holding one is reported (``bad-bytes``). A file with
    no UTF-8 character at all is in a legacy encoding: charset-normalizer picks
    it among Windows-1252, ISO 8859-15, Mac Roman and DOS 850, and the guess
    is reported (``encoding-fallback``).

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
        >>> text, encoding, problems = decode(b"Lule\\xc3\\xa5\\nV\\xe4xj\\xf6\\n")
        >>> text, [(p.kind, p.line) for p in problems]
        ('Luleå\\nV�xj�\\n', [('bad-bytes', 2)])
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
            text, encoding = _not_utf8(data, e, source, problems)
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


def _not_utf8(
    data: bytes, error: UnicodeDecodeError, source: str, problems: list[Problem]
) -> tuple[str, str]:
    """Text and encoding of bytes that are not valid UTF-8 (see :func:`decode`)."""
    lossy = data.decode("utf-8-sig", errors="replace")
    if any(ord(c) > 127 and c != "\ufffd" for c in lossy):
        # UTF-8 with a few bad bytes: keep every good character where it is.
        _report_bad_lines(lossy, source, problems)
        return lossy, "utf-8"
    from charset_normalizer import from_bytes  # only for a file that is not UTF-8

    best = from_bytes(data, cp_isolation=list(_LEGACY)).best()
    encoding = best.encoding if best is not None else "cp1252"
    bad_line = data[: error.start].count(b"\n") + 1
    problems.append(
        Problem(
            "encoding-fallback",
            f"not UTF-8 (first non-UTF-8 byte on line {bad_line}); read as"
            f" {encoding}, the encoding charset-normalizer guessed"
            + ("" if best is not None else " (no guess: the Windows default)"),
            source,
            bad_line,
            encoding,
        )
    )
    return data.decode(encoding, errors="replace"), encoding


def _report_bad_lines(text: str, source: str, problems: list[Problem]) -> None:
    """One ``bad-bytes`` problem per line holding U+FFFD (linear: one pass)."""
    lines = [n for n, line in enumerate(text.split("\n"), 1) if "\ufffd" in line]
    for n in lines[:MAX_REPORTED_LINES]:
        problems.append(
            Problem(
                "bad-bytes",
                "bytes that are not UTF-8 replaced by \ufffd; the rest of the line"
                " is kept",
                source,
                n,
            )
        )
    if len(lines) > MAX_REPORTED_LINES:
        problems.append(
            Problem(
                "bad-bytes",
                f"{len(lines) - MAX_REPORTED_LINES} more lines with bytes that are"
                " not UTF-8, replaced the same way",
                source,
                lines[MAX_REPORTED_LINES],
            )
        )


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
#: Control characters no document needs and a terminal or spreadsheet may act on
#: (tab and line feed are kept).
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    return len(_CONTROLS.findall(sample)) > max(8, len(sample) // 20)
