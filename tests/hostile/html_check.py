"""Read built HTML the way a browser would (stdlib parser), for the injection tests."""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: list[str] = field(default_factory=list)


class Page(HTMLParser):
    """Every element (with attributes), every text node, and the text of <script> and <title>."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.texts: list[str] = []
        self.stack: list[Element] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.elements.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.elements.append(Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if self.stack:
            self.stack[-1].text.append(data)
        if not any(e.tag in ("script", "style") for e in self.stack):
            self.texts.append(data)

    def visible(self) -> str:
        """All text nodes outside script and style, whitespace collapsed."""
        return " ".join(" ".join(self.texts).split())

    def tags(self, name: str) -> list[Element]:
        return [e for e in self.elements if e.tag == name]


def squash(text: str) -> str:
    return " ".join(text.split())
