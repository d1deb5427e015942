"""Narrative HTML as blocks for the Word export: headings, paragraphs (list items keep their numbers) and tables."""

from dataclasses import dataclass
from html.parser import HTMLParser
from typing import cast

BLOCKS = {"p", "li", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "br"}
HEADINGS = {"h2", "h3", "h4", "h5", "h6"}
CELLS = {"td", "th"}
MAX_SPAN = 50  # more columns or rows than a page can show is a typing slip, not a layout
BULLET = "• "


@dataclass
class Cell:
    text: str = ""
    header: bool = False
    colspan: int = 1
    rowspan: int = 1


Rows = list[list[Cell]]


def _span(value: str | None) -> int:
    return min(MAX_SPAN, max(1, int(value))) if value and value.isdigit() else 1


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[tuple[str, str | Rows]] = []
        self.text: list[str] = []
        self.kind = "paragraph"
        self.marker = ""  # the open list item's number or bullet, put before its first text
        self.lists: list[int | None] = []  # each open list: the last number given in an <ol>, None in a <ul>
        self.rows: Rows | None = None  # the table being read
        self.cell: Cell | None = None

    def handle_starttag(self, tag, attrs):
        if self.cell is not None:
            if tag == "br":
                self.text.append("\n")
        elif tag == "table":
            self.flush()
            self.rows = []
        elif self.rows is not None:
            self._table_tag(tag, dict(attrs))
        elif tag in ("ol", "ul"):
            self.flush()
            self.lists.append(0 if tag == "ol" else None)
        elif tag in BLOCKS:
            self.flush()
            self.kind = "heading" if tag in HEADINGS else "paragraph"
            if tag == "li":
                self.marker = self._marker()

    def _table_tag(self, tag: str, attrs: dict) -> None:
        if tag == "tr":
            self.rows.append([])  # type: ignore[union-attr]  # inside a table
        elif tag in CELLS:
            colspan, rowspan = _span(attrs.get("colspan")), _span(attrs.get("rowspan"))
            self.cell, self.text = Cell(header=tag == "th", colspan=colspan, rowspan=rowspan), []

    def _marker(self) -> str:
        if not self.lists or self.lists[-1] is None:
            return BULLET
        self.lists[-1] += 1
        return f"{self.lists[-1]}. "

    def handle_endtag(self, tag):
        if tag in CELLS and self.cell is not None:
            self.cell.text = "".join(self.text).strip()
            rows = cast(Rows, self.rows)
            if not rows:
                rows.append([])
            rows[-1].append(self.cell)
            self.cell, self.text = None, []
        elif self.cell is not None:
            if tag in BLOCKS and self.text:
                self.text.append("\n")
        elif tag == "table" and self.rows is not None:
            rows = [row for row in self.rows if row]
            if rows:
                self.parts.append(("table", rows))
            self.rows = None
        elif tag in ("ol", "ul") and self.lists:
            self.flush()
            self.lists.pop()
        elif tag in BLOCKS:
            self.flush()
            if tag == "li":
                self.marker = ""

    def handle_data(self, data):
        self.text.append(data)

    def flush(self) -> None:
        text = "".join(self.text).strip()
        if text:
            self.parts.append((self.kind, self.marker + text))
            self.marker = ""
        self.text, self.kind = [], "paragraph"


def html_blocks(html: str) -> list[tuple[str, str | Rows]]:
    """[('heading' | 'paragraph', text) or ('table', rows of cells), ...] in document order."""
    collector = _Collector()
    collector.feed(html or "")
    collector.close()
    collector.flush()
    return collector.parts


def html_paragraphs(html: str) -> list[tuple[str, str]]:
    """The headings and paragraphs alone, tables left out."""
    return [(kind, content) for kind, content in html_blocks(html) if isinstance(content, str)]
