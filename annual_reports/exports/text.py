"""Narrative HTML as plain paragraphs, for the Word export."""

from html.parser import HTMLParser

BLOCKS = {"p", "li", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "br"}
HEADINGS = {"h2", "h3", "h4", "h5", "h6"}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[tuple[str, str]] = []
        self.text: list[str] = []
        self.kind = "paragraph"

    def handle_starttag(self, tag, attrs):
        if tag in BLOCKS:
            self.flush()
            self.kind = "heading" if tag in HEADINGS else "paragraph"

    def handle_endtag(self, tag):
        if tag in BLOCKS:
            self.flush()

    def handle_data(self, data):
        self.text.append(data)

    def flush(self) -> None:
        text = "".join(self.text).strip()
        if text:
            self.parts.append((self.kind, text))
        self.text, self.kind = [], "paragraph"


def html_paragraphs(html: str) -> list[tuple[str, str]]:
    """[('heading' | 'paragraph', text), ...] in document order."""
    collector = _Collector()
    collector.feed(html or "")
    collector.close()
    collector.flush()
    return collector.parts
