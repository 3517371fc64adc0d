"""DOT text primitives: quoting, attribute lists and the shared graph header. Pure.

Every Graphviz ID is generated (``model.ids``), so no author text ever becomes
an ID, an attribute name or an HTML-like label; author text only reaches
quoted, escaped ``label`` values.
"""
from __future__ import annotations

from typing import Iterator

from ..model.text import LABEL_WRAP, label_lines
from .theme import FONT, palette


def quote(text: str, wrap: int = LABEL_WRAP) -> str:
    """A DOT double-quoted string showing ``text`` literally, wrapped at ``wrap`` columns."""
    return quote_lines(label_lines(text, wrap))


def quote_lines(lines: list[str]) -> str:
    """A DOT double-quoted string of lines already wrapped, each shown literally.

    Inside a quoted DOT string only backslash and double quote are special; with
    backslashes doubled, escape sequences such as ``\\N`` or ``\\l`` cannot form. Graphviz
    also decodes HTML entities in labels (``&#1;``, ``&lt;b&gt;``, ``&#92;N``), so ``&`` is
    escaped first: every entity reaches the picture as the characters the author typed.
    """
    escaped = (line.replace("&", "&amp;").replace("\\", "\\\\").replace('"', '\\"') for line in lines)
    return '"' + "\\n".join(escaped) + '"'


def attrs(**values: str | int | float) -> str:
    """Attribute list from trusted keys; values are generated, never author text."""
    parts = []
    for key, value in values.items():
        if isinstance(value, (int, float)):
            parts.append(f"{key}={value}")
        elif value.startswith('"'):
            parts.append(f"{key}={value}")  # already quoted by quote()
        else:
            parts.append(f'{key}="{value}"')
    return "[" + " ".join(parts) + "]"


SPACING = {False: (0.45, 0.7, 0.3), True: (0.2, 0.35, 0.12)}  # tight -> (nodesep, ranksep, pad) in inches


def header(name: str, rankdir: str = "LR", tight: bool = False) -> Iterator[str]:
    light = palette("light")
    nodesep, ranksep, pad = SPACING[tight]
    yield f"digraph {name} {{"
    yield "  " + "graph " + attrs(rankdir=rankdir, fontname=FONT, fontsize=14, bgcolor="transparent",
                                  nodesep=nodesep, ranksep=ranksep, pad=pad, newrank="true")
    yield "  " + "node " + attrs(fontname=FONT, fontsize=14, margin="0.28,0.14", penwidth=1.6,
                                 fontcolor=light["text"])
    yield "  " + "edge " + attrs(fontname=FONT, fontsize=12, penwidth=1.4, arrowsize=0.8,
                                 color=light["edge"], fontcolor=light["muted"])
