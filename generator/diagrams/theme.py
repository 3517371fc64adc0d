"""Shapes and colours for every kind and verb, in a light and a dark palette.

Diagrams carry class names; the colours are applied by CSS generated here, so
the standalone SVGs, the site's palette toggle and fixed-theme exports all
share one table.
"""
from __future__ import annotations

from ..model.vocabulary import FAMILY_NAMES, SHAPES, STYLES, kind_look

FONT = "Helvetica"
FONT_STACK = "Helvetica, Arial, 'Liberation Sans', 'DejaVu Sans', sans-serif"

# family -> (light fill, light stroke, dark fill, dark stroke)
FAMILIES = {
    "blue": ("#e3effd", "#1f5fa8", "#16304f", "#8fbff5"),
    "purple": ("#efe7fb", "#6a3ea1", "#2e2247", "#c6a8f0"),
    "teal": ("#dff4f1", "#16776b", "#123b37", "#7fd6ca"),
    "orange": ("#fdecdc", "#a65410", "#44290f", "#f5b07a"),
    "green": ("#e4f4e2", "#2f7a2a", "#1b3a1a", "#94d68f"),
    "amber": ("#fbf3d3", "#86650b", "#3d3310", "#e8cb6a"),
    "grey": ("#eef0f3", "#4d5765", "#272c33", "#aab4c2"),
}

assert set(FAMILIES) == set(FAMILY_NAMES)

STYLE_LOOKS = {  # arrow style (model.vocabulary.STYLES) -> Graphviz edge attributes
    "request": {"style": "solid"},
    "reply": {"style": "dashed"},
    "event": {"style": "solid", "arrowhead": "vee"},
    "control": {"style": "dotted", "arrowhead": "diamond"},
    "telemetry": {"style": "dashed", "arrowhead": "onormal"},
    "write": {"style": "bold", "penwidth": 2.8},
}
assert set(STYLE_LOOKS) == set(STYLES), "every arrow style needs a look"


def node_look(kind: str, shape: str | None = None, family: str | None = None) -> tuple[str, str, str]:
    """(Graphviz shape, extra style, colour family) of a component."""
    shape_name, family_name = kind_look(kind, shape, family)
    graphviz_shape, extra = SHAPES[shape_name]
    return graphviz_shape, extra, family_name


# role -> (light, dark)
BASE = {
    "text": ("#1b1f24", "#e6e9ee"),
    "muted": ("#57606a", "#a4adb8"),
    "edge": ("#3b4450", "#b9c2cf"),
    "lane-fill": ("#f6f8fa", "#1c2128"),
    "lane-stroke": ("#a8b1bc", "#4d5561"),
    "background": ("#ffffff", "#14171c"),
    "active": ("#d1242f", "#ff8a80"),
    "caption-fill": ("#f0f3f6", "#222830"),
}


def palette(theme: str) -> dict[str, str]:
    index = 0 if theme == "light" else 1
    return {role: pair[index] for role, pair in BASE.items()}


def family_colours(family: str, theme: str) -> tuple[str, str]:
    light_fill, light_stroke, dark_fill, dark_stroke = FAMILIES[family]
    return (light_fill, light_stroke) if theme == "light" else (dark_fill, dark_stroke)


HALO_WIDTH = 4  # px of background under each glyph's outline; half of it shows outside


def halo(colour: str) -> str:
    """A background-coloured outline painted under the glyphs: lines and lifelines that run
    behind a label stop at its letters. resvg honours paint-order too, so exports keep it."""
    return (f"paint-order: stroke fill; stroke: {colour}; stroke-width: {HALO_WIDTH}px; "
            f"stroke-linejoin: round;")


def css_rules(theme: str, scope: str = "", halo_colour: str | None = None) -> str:
    """Concrete CSS for one palette; no variables or media queries, so resvg can apply it.

    ``halo_colour`` is what label halos are painted in (default: the theme's background).
    """
    p = palette(theme)
    s = f"{scope} " if scope else ""
    ring = halo(halo_colour or p["background"])
    shapes = "polygon, ellipse, path"
    rules = [
        f"{s}text {{ fill: {p['text']}; font-family: {FONT_STACK}; }}",
        f"{s}.sd-bg {{ fill: {p['background']}; }}",
        f"{s}.sd-edge path {{ stroke: {p['edge']}; }}",
        f"{s}.sd-edge polygon {{ fill: {p['edge']}; stroke: {p['edge']}; }}",
        f"{s}.sd-lane > polygon, {s}.sd-lane > path {{ fill: {p['lane-fill']}; stroke: {p['lane-stroke']}; }}",
        f"{s}.sd-lane > text {{ fill: {p['muted']}; font-weight: bold; }}",
        f"{s}.sd-caption rect {{ fill: {p['caption-fill']}; stroke: {p['lane-stroke']}; }}",
        f"{s}.sd-caption text {{ fill: {p['text']}; }}",
        f"{s}.sd-edge text {{ fill: {p['muted']}; {ring} }}",
        f"{s}.sd-lane > text {{ {halo(p['lane-fill'])} }}",
        f"{s}.sd-lifeline path {{ stroke: {p['lane-stroke']}; }}",
    ]
    for family in FAMILIES:
        fill, stroke = (FAMILIES[family][0:2] if theme == "light" else FAMILIES[family][2:4])
        rules.append(f"{s}.sd-fam-{family} polygon, {s}.sd-fam-{family} ellipse, {s}.sd-fam-{family} path "
                     f"{{ fill: {fill}; stroke: {stroke}; }}")
        rules.append(f"{s}.sd-fam-{family} polyline {{ stroke: {stroke}; }}")
    rules += [
        f"{s}.sd-dim {{ opacity: 0.38; }}",
        f"{s}.sd-active > {shapes.replace(', ', f', {s}.sd-active > ')} {{ stroke: {p['active']}; stroke-width: 3.5; }}",
        f"{s}.sd-edge.sd-active path {{ stroke: {p['active']}; stroke-width: 3; }}",
        f"{s}.sd-edge.sd-active polygon {{ fill: {p['active']}; stroke: {p['active']}; }}",
        f"{s}.sd-edge.sd-active text {{ fill: {p['text']}; font-weight: bold; }}",
        f"{s}.sd-marker {{ fill: {p['active']}; }}",
        f"{s}.sd-marker-text {{ fill: {p['background']}; font-weight: bold; }}",
    ]
    return "\n".join(rules)


def adaptive_css() -> str:
    """For standalone SVGs: light by default, dark under prefers-color-scheme."""
    return css_rules("light") + "\n@media (prefers-color-scheme: dark) {\n" + css_rules("dark") + "\n}"


def site_css() -> str:
    """For inline SVGs in the site: keyed to Material's palette toggle, not the system setting."""
    # Halos take the page's own background, which differs from the standalone one.
    page = "var(--md-default-bg-color, {})"
    return (css_rules("light", '[data-md-color-scheme="default"] .sd-diagram',
                      page.format(palette("light")["background"])) + "\n"
            + css_rules("light", ".sd-diagram", page.format(palette("light")["background"])) + "\n"
            + css_rules("dark", '[data-md-color-scheme="slate"] .sd-diagram',
                        page.format(palette("dark")["background"])))
