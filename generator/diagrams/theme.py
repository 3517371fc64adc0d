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
    "quiet-line": ("#7d8590", "#6e7681"),  # past and other-lane lines: >= 3:1 on background and lane fill
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
        f"{s}.sd-lifeline path {{ stroke: {p['quiet-line']}; }}",  # a line to follow: >= 3:1
        # Sequence lane frames: an outline in the muted colour (3:1 and more against the
        # background), a tab in the lane fill with the lane's label in bold.
        f"{s}.sd-frame > polygon {{ fill: none; stroke: {p['muted']}; }}",
        f"{s}.sd-frame-label > polygon {{ fill: {p['lane-fill']}; stroke: {p['muted']}; }}",
        f"{s}.sd-frame-label > text {{ fill: {p['text']}; font-weight: bold; }}",
    ]
    for family in FAMILIES:
        fill, stroke = (FAMILIES[family][0:2] if theme == "light" else FAMILIES[family][2:4])
        rules.append(f"{s}.sd-fam-{family} polygon, {s}.sd-fam-{family} ellipse, {s}.sd-fam-{family} path "
                     f"{{ fill: {fill}; stroke: {stroke}; }}")
        rules.append(f"{s}.sd-fam-{family} polyline {{ stroke: {stroke}; }}")
    rules += frame_rules(p, s, shapes)
    return "\n".join(rules)


def frame_rules(p: dict[str, str], s: str, shapes: str) -> list[str]:
    """Progressive frames: later steps not drawn, past ones quiet, the current one strong; the other
    lane quiet; states in pills, a changed one framed, bold and marked. No opacity: every quiet
    text keeps >= 4.5:1 and every quiet line >= 3:1 (``contrast_pairs``)."""
    def each(selector: str) -> str:
        return ", ".join(f"{s}{selector} > {shape}" for shape in shapes.split(", "))
    return [
        f"{s}.sd-later, {s}.sd-lane-off {{ display: none; }}",
        f"{s}.sd-edge.sd-past path {{ stroke: {p['quiet-line']}; stroke-width: 1.4; }}",
        f"{s}.sd-edge.sd-past polygon {{ fill: {p['quiet-line']}; stroke: {p['quiet-line']}; }}",
        f"{s}.sd-edge.sd-past text {{ fill: {p['muted']}; }}",
        f"{each('.sd-node.sd-other-lane')} {{ fill: {p['lane-fill']}; stroke: {p['quiet-line']}; }}",
        f"{s}.sd-node.sd-other-lane polyline {{ stroke: {p['quiet-line']}; }}",
        f"{s}.sd-node.sd-other-lane > text {{ fill: {p['muted']}; }}",
        f"{s}.sd-edge.sd-other-lane path {{ stroke: {p['quiet-line']}; stroke-width: 1; }}",
        f"{s}.sd-edge.sd-other-lane polygon {{ fill: {p['quiet-line']}; stroke: {p['quiet-line']}; }}",
        f"{s}.sd-edge.sd-other-lane text {{ fill: {p['muted']}; }}",
        f"{each('.sd-active')} {{ stroke: {p['active']}; stroke-width: 3.5; }}",
        f"{s}.sd-edge.sd-active path, {s}.sd-edge.sd-now path {{ stroke: {p['active']}; stroke-width: 3; }}",
        f"{s}.sd-edge.sd-active polygon, {s}.sd-edge.sd-now polygon {{ fill: {p['active']}; stroke: {p['active']}; }}",
        f"{s}.sd-edge.sd-active text, {s}.sd-edge.sd-now text {{ fill: {p['text']}; font-weight: bold; }}",
        f"{s}.sd-marker {{ fill: {p['active']}; }}",
        f"{s}.sd-marker-text {{ fill: {p['background']}; font-weight: bold; }}",
        f"{s}.sd-state rect {{ fill: {p['background']}; stroke: {p['quiet-line']}; stroke-width: 1; }}",
        f"{s}.sd-state text {{ fill: {p['text']}; }}",
        f"{s}.sd-state.sd-changed rect {{ stroke: {p['active']}; stroke-width: 2.5; }}",
        f"{s}.sd-state.sd-changed text {{ font-weight: bold; }}",
    ]


def adaptive_css() -> str:
    """For standalone SVGs: light by default, dark under prefers-color-scheme."""
    return css_rules("light") + "\n@media (prefers-color-scheme: dark) {\n" + css_rules("dark") + "\n}"


def site_css() -> str:
    """For inline SVGs in the site: keyed to Material's palette toggle, not the system setting."""
    # Halos take the page's own background, which differs from the standalone one.
    page = "var(--md-default-bg-color, {})"
    shown = ".sd-diagram [data-from]:not(.sd-current) { display: none; }"  # the player's per-frame groups
    return (shown + "\n" + css_rules("light", '[data-md-color-scheme="default"] .sd-diagram',
                      page.format(palette("light")["background"])) + "\n"
            + css_rules("light", ".sd-diagram", page.format(palette("light")["background"])) + "\n"
            + css_rules("dark", '[data-md-color-scheme="slate"] .sd-diagram',
                        page.format(palette("dark")["background"])))


def luminance(colour: str) -> float:
    """WCAG relative luminance of a ``#rrggbb`` colour."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours, 1 to 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


TEXT_FLOOR, LINE_FLOOR = 4.5, 3.0


def contrast_pairs(theme: str) -> list[tuple[str, str, str, float]]:
    """(what, foreground, background, floor) for every quiet part a frame draws, in ``theme``.

    Quiet lines cross the page background and lane boxes; quiet text sits on its halo (the
    background) or on a node's fill; a state on its pill. ``frame_rules`` uses these roles.
    """
    p = palette(theme)
    fills = {family: colours[0] if theme == "light" else colours[2] for family, colours in FAMILIES.items()}
    grounds = {"background": p["background"], "lane fill": p["lane-fill"]}
    pairs = []
    for ground, colour in grounds.items():
        pairs += [(f"past edge label on {ground}", p["muted"], colour, TEXT_FLOOR),
                  (f"past edge line on {ground}", p["quiet-line"], colour, LINE_FLOOR),
                  (f"other-lane line on {ground}", p["quiet-line"], colour, LINE_FLOOR),
                  (f"sequence lifeline on {ground}", p["quiet-line"], colour, LINE_FLOOR),
                  (f"lane title on {ground}", p["muted"], colour, TEXT_FLOOR)]
    pairs += [("other-lane node label on its fill", p["muted"], p["lane-fill"], TEXT_FLOOR),
              ("other-lane node outline on its fill", p["quiet-line"], p["lane-fill"], LINE_FLOOR),
              ("state text on its pill", p["text"], p["background"], TEXT_FLOOR),
              ("state pill outline", p["quiet-line"], p["background"], LINE_FLOOR),
              ("changed state outline", p["active"], p["background"], LINE_FLOOR)]
    pairs += [(f"node label on {family} fill", p["text"], fill, TEXT_FLOOR) for family, fill in fills.items()]
    return pairs
