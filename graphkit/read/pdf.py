"""PDF → lines, each with its page and line, read from the text layer (pdfplumber).

The words of a page are grouped into printed lines by their position; a wide
gap between two words of a line (a table's column, a form's value) becomes a
tab; a larger gap between lines than the page's usual line pitch is a blank
line (a paragraph break); a line that wraps (the next line's first word would
not have fitted at its end) is joined to the next, so that a sentence or a
name is one line as in the text it was printed from. Each line's locator is
``page P, line L`` (``lines L–M`` when wrapped lines were joined).

A PDF without a text layer (a scan) is refused with :class:`NoTextLayer`; with
``ocr=True`` its pages are read by Tesseract with Swedish data instead (the
``tesseract`` program, Debian ``tesseract-ocr`` and ``tesseract-ocr-swe``).
"""

from __future__ import annotations

import io
import itertools
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from graphkit.errors import ReadError
from graphkit.records import Problem

__all__ = [
    "MAX_OCR_PAGES",
    "MAX_PDF_PAGES",
    "NoTextLayer",
    "ocr_available",
    "pdf_lines",
]

#: A PDF with more pages than this is refused before its text is read.
MAX_PDF_PAGES = 2000
#: With ``--ocr``, at most this many pages of a PDF are read by OCR.
MAX_OCR_PAGES = 100
#: Seconds Tesseract may take for one page.
OCR_TIMEOUT = 300
#: Resolution pages are rendered at for OCR.
OCR_DPI = 300

Lines = tuple[list[str], list[str]]


class NoTextLayer(ReadError):
    """A PDF whose pages are images only (a scan): there is no text to read.

    The build reports it as a ``no-text-layer`` problem and goes on.
    """


def ocr_available() -> str | None:
    """Why OCR cannot run here, or None when Tesseract with Swedish data is installed.

    Example (not executed)::

        ocr_available()  # None, or "Tesseract is not installed (...)"
    """
    if shutil.which("tesseract") is None:
        return (
            "Tesseract is not installed"
            " (Debian: apt-get install tesseract-ocr tesseract-ocr-swe)"
        )
    listed = subprocess.run(
        ["tesseract", "--list-langs"], capture_output=True, text=True, timeout=60
    )
    if "swe" not in (listed.stdout + listed.stderr).split():
        return (
            "Tesseract has no Swedish data (Debian: apt-get install tesseract-ocr-swe)"
        )
    return None


def pdf_lines(
    data: bytes, source: str, problems: list[Problem], *, ocr: bool = False
) -> Lines:
    """The lines of a PDF's text layer and the locator of each.

    Pages without text are reported in ``problems`` (``no-text-layer``) or,
    with ``ocr``, read by OCR (reported as ``ocr-text``).

    Raises:
        ReadError: for a file that is not a readable PDF, is encrypted, or has
            more than :data:`MAX_PDF_PAGES` pages.
        NoTextLayer: for a PDF none of whose pages has text (and no ``ocr``).

    Example (not executed; see tests/test_read_pdf.py)::

        lines, where = pdf_lines(Path("seed-000.pdf").read_bytes(), "seed-000.pdf", [])
    """
    import pdfplumber  # only a build that meets a PDF loads it
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except (PDFPasswordIncorrect, PDFEncryptionError) as e:
        raise ReadError(
            "encrypted PDF: cannot read its text without the password", path=source
        ) from e
    except (PDFSyntaxError, Exception) as e:  # pdfminer raises many kinds
        raise ReadError(
            f"not a readable PDF ({type(e).__name__}: {e})", path=source
        ) from e
    with pdf:
        count = len(pdf.pages)
        if count > MAX_PDF_PAGES:
            raise ReadError(
                f"PDF of {count:,} pages (limit {MAX_PDF_PAGES:,}); not read",
                path=source,
            )
        lines: list[str] = []
        locators: list[str] = []
        empty: list[int] = []
        previous: tuple[list[dict[str, Any]], float] | None = (
            None  # last row, right edge
        )
        pages = [_page_rows(page) for page in pdf.pages]
        # the text's right edge: the widest line of the document (a page of a
        # short list must not make its short lines look full)
        right = max((row[-1]["x1"] for rows in pages for row in rows), default=0.0)
        for number, (page, rows) in enumerate(zip(pdf.pages, pages, strict=True), 1):
            if not rows:
                empty.append(number)
                for text, where in (
                    _ocr_page(page, number, source, problems) if ocr else []
                ):
                    lines.append(text)
                    locators.append(f"page {number}, {where}")
                previous = None
                continue
            # a paragraph running on from the page before is one line, as printed
            joined = (
                previous is not None
                and lines
                and lines[-1]
                and _wraps(*previous, rows[0])
            )
            for n, (text, where) in enumerate(_page_lines(rows, right)):
                if n == 0 and joined:
                    lines[-1] = f"{lines[-1]} {text}"
                    locators[-1] += f" to page {number}, {where}"
                    continue
                lines.append(text)
                locators.append(f"page {number}, {where}")
            previous = (rows[-1], right)
    if not ocr:
        _report_empty(empty, count, source, problems)
    return lines, locators


def _report_empty(
    empty: list[int], count: int, source: str, problems: list[Problem]
) -> None:
    """A PDF without text is refused; some pages without text are reported."""
    if len(empty) == count:
        raise NoTextLayer(
            f"PDF without a text layer: {_images(count)}"
            " (a scan?); nothing read. Give --ocr to read it with Tesseract"
            " (Swedish data: Debian tesseract-ocr-swe)",
            path=source,
        )
    if empty:
        problems.append(
            Problem(
                "scanned-pages",
                f"{len(empty)} of {count} pages have no text layer (images; a scan?) and"
                f" were not read: pages {', '.join(map(str, empty[:20]))}; give --ocr to"
                " read them",
                source,
            )
        )


def _images(count: int) -> str:
    return "its one page is an image" if count == 1 else f"its {count} pages are images"


def _page_rows(page: Any) -> list[list[dict[str, Any]]]:
    """A page's words grouped into printed lines, top to bottom, left to right."""
    words = page.extract_words(extra_attrs=["size"], use_text_flow=False)
    rows: list[list[dict[str, Any]]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(word["top"] - rows[-1][0]["top"]) <= 0.5 * word["size"]:
            rows[-1].append(word)
        else:
            rows.append([word])
    for row in rows:
        row.sort(key=lambda w: w["x0"])
    return rows


def _page_lines(
    rows: list[list[dict[str, Any]]], right: float
) -> list[tuple[str, str]]:
    """A page's lines as ``(text, "line L")``: wrapped lines joined, gaps blank."""
    pitches = [b[0]["top"] - a[0]["top"] for a, b in itertools.pairwise(rows)]
    # the usual pitch: a low quantile, as blank lines make many gaps double
    ordered = sorted(p for p in pitches if p > 0)
    pitch = ordered[len(ordered) // 5] if ordered else 0.0
    out: list[tuple[str, str]] = []
    first = 0  # line number (1-based) where the current joined line began
    for n, row in enumerate(rows):
        text = _row_text(row)
        if n and pitch and row[0]["top"] - rows[n - 1][0]["top"] > 1.5 * pitch:
            out.append(("", f"line {n}"))
        elif n and out and out[-1][0] and _wraps(rows[n - 1], right, row):
            out[-1] = (f"{out[-1][0]} {text}", f"lines {first}–{n + 1}")
            continue
        out.append((text, f"line {n + 1}"))
        first = n + 1
    return out


def _row_text(row: list[dict[str, Any]]) -> str:
    """A printed line's words; a gap wider than an em is a tab (a column, a tab stop)."""
    parts = [row[0]["text"]]
    for a, b in itertools.pairwise(row):
        parts.append("\t" if b["x0"] - a["x1"] > a["size"] else " ")
        parts.append(b["text"])
    return "".join(parts)


def _wraps(
    previous: list[dict[str, Any]], right: float, row: list[dict[str, Any]]
) -> bool:
    """True when ``row`` continues ``previous``: its first word did not fit there."""
    first = row[0]
    space = 0.3 * first["size"]
    left = previous[0]["x0"]
    last = previous[-1]["text"]
    return (
        abs(first["x0"] - left) < first["size"]  # same left edge
        and previous[-1]["x1"] + space + (first["x1"] - first["x0"]) > right + 1
        and previous[-1]["x1"] - left > 0.75 * (right - left)  # a full line
        and not (last[-1] in ".:;!?" and first["text"][:1].isupper())
        and not _ITEM.match(first["text"])  # a list item starts a line
        and "\t" not in _row_text(previous)
    )


_ITEM = re.compile(r"[•\u2022\u25aa\u25cf\u2013\u2014*-]$|\d{1,2}[.)]$|[☐☒☑]")


def _ocr_page(
    page: Any, number: int, source: str, problems: list[Problem]
) -> list[tuple[str, str]]:
    """A page without text, read by Tesseract (Swedish); reported as OCR text."""
    reason = ocr_available()
    if reason is not None:
        raise ReadError(f"--ocr given but {reason}", path=source)
    if number > MAX_OCR_PAGES:
        problems.append(
            Problem(
                "scanned-pages",
                f"page {number}: over {MAX_OCR_PAGES} pages; not read by OCR",
                source,
            )
        )
        return []
    with tempfile.TemporaryDirectory() as folder:
        image = Path(folder) / "page.png"
        page.to_image(resolution=OCR_DPI).original.save(image)
        try:
            done = subprocess.run(
                ["tesseract", str(image), "stdout", "-l", "swe"],
                capture_output=True,
                text=True,
                timeout=OCR_TIMEOUT,
            )
        except subprocess.TimeoutExpired as e:
            raise ReadError(
                f"OCR of page {number} took over {OCR_TIMEOUT} s", path=source
            ) from e
    if done.returncode != 0:
        raise ReadError(
            f"OCR of page {number} failed: {done.stderr.strip()[:200]}", path=source
        )
    text = [line.rstrip() for line in done.stdout.replace("\f", "").split("\n")]
    while text and not text[-1]:
        text.pop()
    problems.append(
        Problem(
            "ocr-text",
            f"page {number} has no text layer; read by OCR (Tesseract, Swedish):"
            " check names and amounts",
            source,
        )
    )
    return [(line, f"line {n} (OCR)") for n, line in enumerate(text, 1)]
