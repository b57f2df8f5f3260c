"""HTML → its visible text, one line per block, with a map back to the source lines."""

from __future__ import annotations

from html.parser import HTMLParser

__all__ = ["html_to_text"]


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
