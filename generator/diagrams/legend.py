"""The legend of a lesson's component diagrams: what its line styles and node shapes mean.

Built only from the styles the lesson actually uses (``theme.VERB_STYLE`` and
``theme.KIND_STYLE`` applied to its verbs and kinds), so the legend never
explains a line or shape the picture does not have. Pure: data and markup out.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from .theme import KIND_STYLE, VERB_STYLE

LINE_MEANING = {"solid": "a call, request or action", "dashed": "an answer, report or redirect",
                "dotted": "configuration"}
DASHES = {"solid": None, "dashed": "5,2", "dotted": "1,5"}
"""Graphviz's dash patterns for each edge style: the legend's swatch draws the same one."""

SHAPE_NAMES = {"ellipse": "oval", "box": "box", "hexagon": "hexagon", "component": "component box",
               "box3d": "3-D box", "cds": "arrow box", "cylinder": "cylinder", "parallelogram": "slanted box",
               "tab": "tab", "folder": "folder"}

# swatch outlines in a 36 x 20 box, drawn like Graphviz draws the shape
_OUTLINES = {
    "ellipse": '<ellipse cx="18" cy="10" rx="16" ry="8"/>',
    "box": '<polygon points="2,2 34,2 34,18 2,18"/>',
    "rounded": '<path d="M6,2 H30 Q34,2 34,6 V14 Q34,18 30,18 H6 Q2,18 2,14 V6 Q2,2 6,2 Z"/>',
    "hexagon": '<polygon points="8,2 28,2 34,10 28,18 8,18 2,10"/>',
    "component": '<polygon points="6,2 34,2 34,18 6,18"/><polygon points="2,5 10,5 10,8 2,8"/>'
                 '<polygon points="2,12 10,12 10,15 2,15"/>',
    "box3d": '<polygon points="2,6 30,6 30,18 2,18"/><polyline points="2,6 6,2 34,2 34,14 30,18" fill="none"/>'
             '<polyline points="30,6 34,2" fill="none"/>',
    "cds": '<polygon points="2,2 28,2 34,10 28,18 2,18"/>',
    "cylinder": '<path d="M2,5 A16,3 0 0 1 34,5 V15 A16,3 0 0 1 2,15 Z"/><path d="M2,5 A16,3 0 0 0 34,5" fill="none"/>',
    "parallelogram": '<polygon points="8,2 34,2 28,18 2,18"/>',
    "tab": '<polygon points="2,5 2,18 34,18 34,5 14,5 14,2 4,2 4,5"/>',
    "folder": '<polygon points="2,4 12,4 14,2 20,2 20,4 34,4 34,18 2,18"/>',
}


@dataclass(frozen=True)
class LegendEntry:
    """One line of the legend: a line style (``what="line"``) or a node shape (``what="shape"``)."""

    what: str
    style: str  # line: solid/dashed/dotted; shape: "<shape>" or "<shape>-<style>"
    members: tuple[str, ...]  # the verbs or kinds drawn this way, in the lesson's order
    text: str  # plain text
    family: str | None = None  # the colour family of a shape's first kind

    @property
    def swatch(self) -> str:
        """A small SVG of the entry, classed like the diagram's parts: inside an ``.sd-diagram``
        container the diagram's palette rules colour it, and follow the palette toggle."""
        if self.what == "line":
            dash = DASHES[self.style]
            dashes = f' stroke-dasharray="{dash}"' if dash else ""
            body = (f'<g class="sd-edge"><path d="M2,10 H28" fill="none" stroke-width="1.6"{dashes}/>'
                    f'<polygon points="28,6 35,10 28,14"/></g>')
        else:
            shape, _, style = self.style.partition("-")
            outline = _OUTLINES["rounded" if style == "rounded" else shape]
            if style == "dashed":
                outline = outline.replace("/>", ' stroke-dasharray="4,2"/>')
            body = f'<g class="sd-node sd-fam-{self.family}">{outline}</g>'
        return (f'<svg class="sd-legend-swatch" viewBox="0 0 36 20" width="36" height="20" '
                f'aria-hidden="true" focusable="false">{body}</svg>')


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def legend(kinds: Iterable[str], verbs: Iterable[str]) -> tuple[LegendEntry, ...]:
    """Line styles first (solid, dashed, dotted), then shapes, each listing what is drawn that way."""
    verbs, kinds = _unique(verbs), _unique(kinds)
    lines = [LegendEntry("line", style, members, f"{style.capitalize()} line: {LINE_MEANING[style]} "
                                                 f"({', '.join(members)})")
             for style in DASHES
             if (members := tuple(v for v in verbs if VERB_STYLE.get(v, "solid") == style))]
    shapes: dict[str, list[str]] = {}
    for kind in kinds:
        shape, style, _ = KIND_STYLE[kind]
        shapes.setdefault(f"{shape}-{style}" if style else shape, []).append(kind)
    return (*lines, *(LegendEntry("shape", key, tuple(members), _shape_text(key, members),
                                  KIND_STYLE[members[0]][2]) for key, members in shapes.items()))


def _shape_text(key: str, members: list[str]) -> str:
    shape, _, style = key.partition("-")
    name = SHAPE_NAMES[shape] if style != "rounded" else "rounded box"
    if style == "dashed":
        name = f"dashed {name}"
    return f"{name.capitalize()}: {', '.join(kind.replace('-', ' ') for kind in members)}"
