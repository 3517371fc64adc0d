"""An allow-list filter for the SVG that comes back from Graphviz, applied where layouts are parsed.

Author text only reaches Graphviz in quoted, escaped labels, but whatever the engine emits still
goes into pages and standalone files; this keeps only the elements and attributes StepDeck's
diagrams are made of, so no script, link, foreign object, image or event handler can pass,
whatever the engine (or a future version of it) produces.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

SVG_NS = "http://www.w3.org/2000/svg"
XML_NS = "http://www.w3.org/XML/1998/namespace"
ELEMENTS = frozenset({"svg", "g", "title", "desc", "polygon", "polyline", "path", "ellipse", "text"})
ATTRIBUTES = frozenset({
    "id", "class", "viewBox", "width", "height", "x", "y", "cx", "cy", "rx", "ry", "points", "d",
    "transform", "fill", "fill-opacity", "stroke", "stroke-width", "stroke-dasharray", "stroke-opacity",
    "font-family", "font-size", "font-weight", "font-style", "text-anchor", f"{{{XML_NS}}}space",
})
_UNSAFE_VALUE = ("url(", "javascript:", "data:", "expression(", "&", "<")


def allowed(root: ET.Element) -> ET.Element:
    """Drop, in place, every element (with its content) and attribute not on the allow-list."""
    if _local(root.tag) not in ELEMENTS:
        raise ValueError(f"the root element is <{_local(root.tag)}>, not <svg>")
    for parent in list(root.iter()):
        for child in list(parent):
            if not isinstance(child.tag, str) or _local(child.tag) not in ELEMENTS:
                parent.remove(child)
        for name, value in list(parent.attrib.items()):
            if name not in ATTRIBUTES or any(bad in value.lower() for bad in _UNSAFE_VALUE):
                del parent.attrib[name]
    return root


def _local(tag) -> str:
    """The element name, when it is in the SVG namespace; anything else is not an SVG element."""
    if isinstance(tag, str) and tag.startswith(f"{{{SVG_NS}}}"):
        return tag[len(SVG_NS) + 2:]
    return ""
