"""A stylesheet cut to what one document can use: rules whose selectors need a class it never carries go.

Every standalone SVG embeds the whole theme (both palettes) so it stays viewable alone; a frame
uses a third of it (one lesson's colour families, no sequence-view rules). A selector that names
a class no element of the document has can match nothing there, so dropping its rule changes no
pixel; rules without classes (``text``) and at-rule lines always stay.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

_RULE = re.compile(r"^([^@{}][^{}]*)\{[^{}]*\}$")
_CLASS = re.compile(r"\.([\w-]+)")


def classes(root: ET.Element) -> set[str]:
    """Every class any element of the tree carries."""
    return {name for element in root.iter() for name in (element.get("class") or "").split()}


def _matches_possible(selectors: str, present: set[str]) -> bool:
    return any(set(_CLASS.findall(selector)) <= present for selector in selectors.split(","))


def cut(css: str, present: set[str]) -> str:
    """``css`` (one rule a line, as ``theme`` writes it) without the rules that can match nothing."""
    kept = []
    for line in css.split("\n"):
        rule = _RULE.match(line)
        if rule is None or _matches_possible(rule.group(1), present):
            kept.append(line)
    return "\n".join(kept)
