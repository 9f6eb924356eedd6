"""Reading an exported page the way a browser would, to assert on what a reader sees."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID_TAGS = frozenset({"br", "hr", "img", "meta", "link", "input", "wbr", "col", "source"})


@dataclass
class Page:
    tags: list[str] = field(default_factory=list)
    """Every start tag, in document order."""
    urls: list[str] = field(default_factory=list)
    """Every href and src attribute value."""
    images: list[tuple[str, str]] = field(default_factory=list)
    """Each ``<img>`` as its src and alt."""
    texts: list[tuple[tuple[str, ...], str]] = field(default_factory=list)
    """Each run of text with the open elements around it, outermost first."""

    def count(self, tag: str) -> int:
        return self.tags.count(tag)

    def text_in(self, tag: str) -> list[str]:
        """Text directly or indirectly inside ``tag`` elements, one string per text run."""
        return [text for path, text in self.texts if tag in path]

    def all_text(self) -> str:
        return "".join(text for _, text in self.texts)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.page.tags.append(tag)
        self.page.urls.extend(value or "" for name, value in attrs if name in ("href", "src"))
        if tag == "img":
            found = dict(attrs)
            self.page.images.append((found.get("src") or "", found.get("alt") or ""))
        if tag not in VOID_TAGS:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            while self.open and self.open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        self.page.texts.append((tuple(self.open), data))


def read_page(html: str) -> Page:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.page
