"""SVG text without copies: ``ET.indent(space="")`` plus ``ET.tostring`` byte for byte, the tree untouched.

Every frame of a lesson is a new root and new unit groups (nodes, edges, lanes) around the very same
child elements of the one laid-out stage (``frames.share``). A ``Writer`` remembers the text of each
element it was told is shared (``freeze``), so a lesson's twenty-odd frames serialise each shared
path, polygon and label once, and each frame only writes what differs: its root, titles, the unit
groups' start tags (their classes change per frame), its states, badge and caption.

Indenting with ``space=""`` puts every child on a line of its own with no leading blanks, so an
element's text does not depend on its depth: a remembered fragment fits in any frame.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"  # xml:space: its prefix is never declared
_PREFIXES = {SVG_NS: "", XLINK_NS: "xlink"}
_escape_cdata = ET._escape_cdata  # the very escaping ET.tostring uses
_escape_attrib = ET._escape_attrib


def _name(qualified: str, used: set[str]) -> str:
    if qualified[:1] != "{":
        return qualified
    uri, local = qualified[1:].split("}", 1)
    if uri == XML_NS:
        return f"xml:{local}"
    prefix = _PREFIXES.get(uri)
    if prefix is None:
        raise ValueError(f"namespace {uri} is not written by StepDeck")
    used.add(uri)
    return f"{prefix}:{local}" if prefix else local


def _blank(text: str | None) -> bool:
    return not text or not text.strip()


class Writer:
    """Serialises trees; remembers the text of frozen (shared, never changed again) elements."""

    def __init__(self) -> None:
        self._frozen: dict[int, ET.Element] = {}  # id -> element, kept alive so no id is reused
        self._memo: dict[int, tuple[str, frozenset[str]]] = {}

    def freeze(self, elements) -> None:
        """These elements will not change again: their text may be remembered."""
        for element in elements:
            self._frozen[id(element)] = element

    def element(self, element: ET.Element, used: set[str]) -> str:
        """One element and its children, without its tail; namespaces it needs go into ``used``."""
        key = id(element)
        if key in self._memo:
            text, namespaces = self._memo[key]
            used.update(namespaces)
            return text
        own: set[str] = set()
        parts: list[str] = []
        self._write(element, parts, own)
        text = "".join(parts)
        if key in self._frozen:
            self._memo[key] = (text, frozenset(own))
        used.update(own)
        return text

    def _write(self, element: ET.Element, parts: list[str], used: set[str]) -> None:
        tag = _name(element.tag, used)
        parts.append("<" + tag)
        for key, value in element.items():
            parts.append(f' {_name(key, used)}="{_escape_attrib(value)}"')
        text = element.text
        if len(element) and _blank(text):
            text = "\n"  # what ET.indent(space="") writes
        if not text and not len(element):
            parts.append(" />")
            return
        parts.append(">")
        if text:
            parts.append(_escape_cdata(text))
        for child in element:
            parts.append(self.element(child, used))
            parts.append("\n" if _blank(child.tail) else _escape_cdata(child.tail))
        parts.append(f"</{tag}>")

    def document(self, root: ET.Element, inserted: dict[int, list[ET.Element]] | None = None) -> str:
        """The whole tree, as ``ET.indent(root, space="")`` then ``ET.tostring(root)`` would write it.
        ``inserted``: elements written before the root's child at that index (a stylesheet,
        a background) without adding them to the tree."""
        used: set[str] = set()
        children = list(root)
        extra = inserted or {}
        body: list[str] = []
        for index in range(len(children) + 1):
            for element in extra.get(index, ()):
                body += [self.element(element, used), "\n"]
            if index < len(children):
                child = children[index]
                body += [self.element(child, used), "\n" if _blank(child.tail) else _escape_cdata(child.tail)]
        tag = _name(root.tag, used)
        attributes = [f' {_name(key, used)}="{_escape_attrib(value)}"' for key, value in root.items()]
        start = ["<" + tag]
        start += [f' xmlns{":" + p if p else ""}="{uri}"' for uri, p in sorted(_PREFIXES.items(), key=lambda x: x[1])
                  if uri in used]
        start += attributes
        if not body:
            text = root.text
            return "".join(start) + (f">{_escape_cdata(text)}</{tag}>" if text else " />")
        text = root.text if not _blank(root.text) else "\n"
        return "".join(start) + ">" + _escape_cdata(text) + "".join(body) + f"</{tag}>"
