"""The legend of a lesson's component diagrams: what its arrow styles and node shapes mean.

Built only from the looks the lesson actually uses (each interaction's arrow style, ``theme.STYLE_LOOKS``,
and each component's shape, ``theme.node_look`` with its ``shape:``/``family:`` overrides), so the legend
never explains a line or shape the picture does not have. Pure: data and markup out.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from ..model.vocabulary import STYLES, verb_style
from .theme import STYLE_LOOKS, node_look

LINE_MEANING = {"request": "a call, request or action", "reply": "an answer going back",
                "event": "a message handed on without waiting", "control": "configuration or control",
                "telemetry": "a report, log or metric", "write": "data written to a store"}
assert set(LINE_MEANING) == set(STYLES)
GRAPHVIZ_DASHES = {"solid": None, "dashed": "5,2", "dotted": "1,5", "bold": None}
"""Graphviz's dash pattern for each edge style: the legend's swatch draws the same one."""
DASHES = {style: GRAPHVIZ_DASHES[look["style"]] for style, look in STYLE_LOOKS.items()}
_HEADS = {  # Graphviz arrowhead -> the swatch's head at the line's end (x 28..35)
    "normal": '<polygon points="28,6 35,10 28,14"/>',
    "vee": '<polygon points="27,6 35,10 27,14 30,10"/>',
    "onormal": '<polygon points="28,6 35,10 28,14" fill="none"/>',
    "diamond": '<polygon points="25,10 30,7 35,10 30,13"/>',
}

SHAPE_NAMES = {"ellipse": "oval", "box": "box", "hexagon": "hexagon", "component": "component box",
               "box3d": "3-D box", "cds": "arrow box", "cylinder": "cylinder", "parallelogram": "slanted box",
               "tab": "tab", "folder": "folder", "note": "note", "octagon": "octagon", "diamond": "diamond",
               "house": "house", "trapezium": "trapezium"}

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
    "note": '<polygon points="2,2 28,2 34,8 34,18 2,18"/><polyline points="28,2 28,8 34,8" fill="none"/>',
    "octagon": '<polygon points="10,2 26,2 34,6 34,14 26,18 10,18 2,14 2,6"/>',
    "diamond": '<polygon points="18,2 34,10 18,18 2,10"/>',
    "house": '<polygon points="18,2 34,8 34,18 2,18 2,8"/>',
    "trapezium": '<polygon points="8,2 28,2 34,18 2,18"/>',
}


@dataclass(frozen=True)
class LegendEntry:
    """One line of the legend: a line style (``what="line"``) or a node shape (``what="shape"``)."""

    what: str
    style: str  # line: an arrow style (model.vocabulary.STYLES); shape: "<shape>" or "<shape>-<style>"
    members: tuple[str, ...]  # the verbs or kinds drawn this way, in the lesson's order
    text: str  # plain text
    family: str | None = None  # the colour family of a shape's first kind

    @property
    def swatch(self) -> str:
        """A small SVG of the entry, classed like the diagram's parts: inside an ``.sd-diagram``
        container the diagram's palette rules colour it, and follow the palette toggle."""
        if self.what == "line":
            look, dash = STYLE_LOOKS[self.style], DASHES[self.style]
            dashes = f' stroke-dasharray="{dash}"' if dash else ""
            width = 2.8 if look["style"] == "bold" else 1.6
            body = (f'<g class="sd-edge"><path d="M2,10 H28" fill="none" stroke-width="{width}"{dashes}/>'
                    f'{_HEADS[look.get("arrowhead", "normal")]}</g>')
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


def legend(kinds: Iterable[str | tuple[str, str | None, str | None]],
           verbs: Iterable[str | tuple[str, str]]) -> tuple[LegendEntry, ...]:
    """Arrow styles first (in ``STYLES`` order), then shapes, each listing what is drawn that way.

    ``kinds``: a kind, or (kind, ``shape:``, ``family:``) with a component's overrides; ``verbs``: a verb
    (its table style), or (verb, arrow style) as an interaction has it."""
    arrows = _unique((v, verb_style(v)) if isinstance(v, str) else tuple(v) for v in verbs)
    looks = _unique((k, None, None) if isinstance(k, str) else tuple(k) for k in kinds)
    lines = [LegendEntry("line", style, members, f"{style.capitalize()} arrow: {LINE_MEANING[style]} "
                                                 f"({', '.join(members)})")
             for style in STYLES
             if (members := tuple(_unique(verb for verb, drawn in arrows if drawn == style)))]
    shapes: dict[str, list[str]] = {}
    families: dict[str, str] = {}
    for kind, shape_name, family_name in looks:
        shape, style, family = node_look(kind, shape_name, family_name)
        key = f"{shape}-{style}" if style else shape
        families.setdefault(key, family)
        if kind not in shapes.setdefault(key, []):
            shapes[key].append(kind)
    return (*lines, *(LegendEntry("shape", key, tuple(members), _shape_text(key, members), families[key])
                      for key, members in shapes.items()))


def _shape_text(key: str, members: list[str]) -> str:
    shape, _, style = key.partition("-")
    name = SHAPE_NAMES[shape] if style != "rounded" else "rounded box"
    if style == "dashed":
        name = f"dashed {name}"
    return f"{name.capitalize()}: {', '.join(kind.replace('-', ' ') for kind in members)}"
