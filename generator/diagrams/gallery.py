"""Pure DOT for the authoring guide's pictures: every arrow style and every shape, from the tables.

The guide shows these instead of describing them, so what it shows is what a lesson gets.
"""
from __future__ import annotations

from ..model.vocabulary import DEFAULT_KIND_LOOK, KIND_LOOKS, SHAPES, STYLES, verbs_of
from . import svg
from .dot import attrs, header, quote
from .theme import STYLE_LOOKS, family_colours

SAMPLE_VERBS = 6
"""Verbs written on each style's sample arrow; the guide lists them all."""
SHAPES_PER_ROW = 3


def styles_dot() -> str:
    """One arrow per style, labelled with the style's name and some of its verbs."""
    lines = list(header("styles", "LR"))
    for i, style in enumerate(STYLES, 1):
        verbs = ", ".join(verbs_of(style)[:SAMPLE_VERBS])
        lines.append(f"  f{i} " + attrs(id=f"f{i}", label=quote(style), shape="box", style="rounded",
                                         **{"class": "sd-node sd-fam-grey"}))
        lines.append(f"  t{i} " + attrs(id=f"t{i}", label='" "', shape="point", width=0.08,
                                         **{"class": "sd-node"}))
        lines.append(f"  f{i} -> t{i} " + attrs(id=f"e{i}", label=quote(verbs, 36), minlen=3,
                                                  **STYLE_LOOKS[style], **{"class": f"sd-edge sd-style-{style}"}))
        if i > 1:
            lines.append(f"  f{i - 1} -> f{i} " + attrs(style="invis"))
    lines.append("  { rank=same; " + " ".join(f"f{i};" for i in range(1, len(STYLES) + 1)) + " }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def shapes_dot() -> str:
    """One node per shape, named and listing the built-in kinds drawn with it (grey: no kind uses it)."""
    lines = list(header("shapes", "TB"))
    names = list(SHAPES)
    for i, name in enumerate(names, 1):
        kinds = sorted(kind for kind, (shape, _) in KIND_LOOKS.items() if shape == name)
        family = next((KIND_LOOKS[k][1] for k in kinds), DEFAULT_KIND_LOOK[1])
        graphviz_shape, extra = SHAPES[name]
        fill, stroke = family_colours(family, "light")
        # The shape's name on its own line (bold by CSS would need classes per line), then its kinds.
        label = quote(name)[:-1] + ("\\n" + quote(", ".join(kinds), 26)[1:] if kinds else '"')
        lines.append(f"  n{i} " + attrs(
            id=f"n{i}", label=label, shape=graphviz_shape,
            style=",".join(filter(None, ["filled", extra])), fillcolor=fill, color=stroke,
            **{"class": f"sd-node sd-fam-{family}"}))
    for row in range(0, len(names), SHAPES_PER_ROW):
        members = [f"n{i}" for i in range(row + 1, min(row + SHAPES_PER_ROW, len(names)) + 1)]
        lines.append("  { rank=same; " + " ".join(f"{m};" for m in members) + " }")
        if row:
            lines.append(f"  n{row - SHAPES_PER_ROW + 1} -> n{row + 1} " + attrs(style="invis"))
    lines.append("}")
    return "\n".join(lines) + "\n"


GUIDE_PICTURES = {"assets/stepdeck-styles.svg": ("Arrow styles", "Every arrow style, with some of its verbs."),
                  "assets/stepdeck-shapes.svg": ("Component shapes", "Every shape, with the kinds drawn with it.")}
"""Docs path -> (title, description) of each picture the guide shows."""


def sources() -> dict[str, str]:
    """Docs path -> DOT source, for every guide picture."""
    return dict(zip(GUIDE_PICTURES, (styles_dot(), shapes_dot())))


def pictures(layouts: dict[str, str]) -> dict[str, str]:
    """Docs path -> standalone SVG, from the laid-out sources. Pure."""
    out = {}
    for path, layout in layouts.items():
        tree = svg.parse(layout)
        svg.name_image(tree, *GUIDE_PICTURES[path])
        out[path] = svg.standalone(tree, "the verb and kind tables (generator/model/vocabulary.py)")
    return out
