"""Pure SVG post-processing of Graphviz output: titles, captions, frames, themes.

Frames are restyled copies of one laid-out SVG, so every node and edge keeps
exactly the same coordinates in every frame. Captions live in a band reserved
below the drawing, added after layout, so they never move a node.
"""
from __future__ import annotations

import copy
import re
import textwrap
import xml.etree.ElementTree as ET

from .errors import comment_text
from .model import plain_text
from .theme import FONT_STACK, adaptive_css, css_rules

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)
_S = f"{{{SVG_NS}}}"
CAPTION_HEIGHT = 64.0
CAPTION_FONT = 15.0
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def parse(layout_svg: str) -> ET.Element:
    """Parse Graphviz's SVG, dropping the DOCTYPE, comments and the background polygon."""
    body = layout_svg[layout_svg.index("<svg"):]
    root = ET.fromstring(body)  # the comment-free default parser drops <!-- --> comments
    graph = root.find(f"{_S}g")
    for child in list(graph):
        if child.tag == f"{_S}polygon":
            graph.remove(child)  # the page background; themes draw their own
    return root


def groups(root: ET.Element, kind: str) -> list[ET.Element]:
    """Node, edge or cluster groups, in document order."""
    return [g for g in root.iter(f"{_S}g") if kind in (g.get("class") or "").split()]


def set_titles(root: ET.Element, labels: dict[str, str], title: str, desc: str) -> None:
    """Tooltips read as labels, not generated ids; the root gets a title and a description."""
    for g in root.iter(f"{_S}g"):
        element_title = g.find(f"{_S}title")
        if element_title is not None and g.get("id") in labels:
            element_title.text = plain_text(labels[g.get("id")])
    for stale in root.findall(f"{_S}title") + root.findall(f"{_S}desc"):
        root.remove(stale)
    graph = root.find(f"{_S}g")
    graph_title = graph.find(f"{_S}title")
    if graph_title is not None:
        graph.remove(graph_title)
    name_image(root, title, desc)


def name_image(root: ET.Element, title: str, desc: str) -> None:
    """The accessible name and description every SVG starts with."""
    for tag, text in (("desc", desc), ("title", title)):
        element = ET.Element(f"{_S}{tag}", {"id": f"sd-{tag}"})
        element.text = plain_text(text)
        root.insert(0, element)
    root.set("role", "img")
    root.set("aria-labelledby", "sd-title sd-desc")


def size(root: ET.Element) -> tuple[float, float]:
    _, _, width, height = (float(v) for v in root.get("viewBox").split())
    return width, height


def add_caption_band(root: ET.Element, text: str = "") -> None:
    """Grow the canvas by a fixed band and write the caption into it."""
    text = plain_text(text)
    width, height = size(root)
    new_height = height + CAPTION_HEIGHT
    root.set("viewBox", f"0.00 0.00 {width:.2f} {new_height:.2f}")
    root.set("height", f"{new_height:.0f}pt")
    band = ET.SubElement(root, f"{_S}g", {"class": "sd-caption"})
    ET.SubElement(band, f"{_S}rect", {"x": "6", "y": f"{height + 4:.2f}", "width": f"{width - 12:.2f}",
                                      "height": f"{CAPTION_HEIGHT - 10:.2f}", "rx": "6", "fill": "#f0f3f6",
                                      "stroke": "#a8b1bc"})
    chars = max(20, int((width - 28) / (CAPTION_FONT * 0.56)))
    lines = textwrap.wrap(text, chars)[:2] or [""]
    if len(textwrap.wrap(text, chars)) > 2:
        lines[1] = lines[1][: max(0, chars - 1)].rstrip() + "…"
    first_y = height + 4 + (CAPTION_HEIGHT - 10) / 2 + (CAPTION_FONT * 0.35) - (len(lines) - 1) * 9.5
    for i, line in enumerate(lines):
        element = ET.SubElement(band, f"{_S}text", {
            "class": "sd-caption-text", "x": f"{width / 2:.2f}", "y": f"{first_y + i * 19:.2f}",
            "text-anchor": "middle", "font-family": FONT_STACK, "font-size": f"{CAPTION_FONT:.0f}"})
        element.text = line


def shape_box(group: ET.Element) -> tuple[float, float, float, float]:
    """Bounding box (x0, y0, x1, y1) of a node's outline, in the graph's coordinates."""
    xs, ys = [], []
    for element in group:
        if element.tag == f"{_S}ellipse":
            cx, cy, rx, ry = (float(element.get(k)) for k in ("cx", "cy", "rx", "ry"))
            xs += [cx - rx, cx + rx]
            ys += [cy - ry, cy + ry]
        elif element.tag in (f"{_S}polygon", f"{_S}path", f"{_S}polyline"):
            numbers = [float(n) for n in _NUMBER.findall(element.get("points") or element.get("d") or "")]
            xs += numbers[0::2]
            ys += numbers[1::2]
    return (min(xs), min(ys), max(xs), max(ys)) if xs else (0.0, 0.0, 0.0, 0.0)


def highlight(root: ET.Element, active_nodes: list[str], active_edges: list[str], marker: str | None,
              marker_node: str | None, dim: bool = True) -> None:
    """Mark the active part; dim the rest; badge the acting node so colour is not the only cue."""
    for kind, active in (("node", active_nodes), ("edge", active_edges)):
        for g in groups(root, kind):
            classes = [c for c in (g.get("class") or "").split() if c not in ("sd-active", "sd-dim")]
            if g.get("id") in active:
                classes.append("sd-active")
            elif dim:
                classes.append("sd-dim")
            g.set("class", " ".join(classes))
    if marker and marker_node:
        add_badge(root, marker_node, marker)


def add_badge(root: ET.Element, node_id: str, text: str) -> None:
    """A numbered pill on a node's top-left corner: a cue that does not rely on colour."""
    target = next((g for g in groups(root, "node") if g.get("id") == node_id), None)
    if target is None:
        return
    x0, y0, _, _ = shape_box(target)
    width = max(22.0, 7.5 * len(text) + 10)
    badge = ET.SubElement(target, f"{_S}g", {"class": "sd-badge"})
    ET.SubElement(badge, f"{_S}rect", {"class": "sd-marker", "x": f"{x0 - width / 2:.2f}", "y": f"{y0 - 11:.2f}",
                                       "width": f"{width:.2f}", "height": "22", "rx": "11", "fill": "#d1242f"})
    label = ET.SubElement(badge, f"{_S}text", {
        "class": "sd-marker-text", "x": f"{x0:.2f}", "y": f"{y0 + 4.5:.2f}", "text-anchor": "middle",
        "font-family": FONT_STACK, "font-size": "12", "font-weight": "bold", "fill": "#ffffff"})
    label.text = text


def drop_groups(root: ET.Element, kind: str) -> None:
    """Remove helper groups (invisible anchors) that carry no meaning for a reader."""
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag == f"{_S}g" and kind in (child.get("class") or "").split():
                parent.remove(child)


def adopt_labels(root: ET.Element, css_class: str, suffix: str) -> None:
    """Move the text of label nodes (id ``<owner><suffix>``) into their owner's group.

    The sequence view pins each message label as a node of its own; the reader, the
    stylesheet and the player treat it as part of the message, so it ends up there.
    """
    owners = {g.get("id"): g for g in root.iter(f"{_S}g")}
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag != f"{_S}g" or css_class not in (child.get("class") or "").split():
                continue
            owner = owners.get((child.get("id") or "").removesuffix(suffix))
            if owner is not None:
                owner.extend(t for t in child if t.tag == f"{_S}text")
            parent.remove(child)


def prefix_ids(root: ET.Element, prefix: str) -> None:
    """Make every id unique on a page that inlines several diagrams."""
    for element in root.iter():
        if element.get("id") and not element.get("id").startswith(prefix):
            element.set("id", prefix + element.get("id"))


def to_text(root: ET.Element, *, css: str | None, marker_comment: str = "") -> str:
    """Serialise, with an embedded stylesheet for standalone files (none when inlined)."""
    root = copy.deepcopy(root)
    if css:
        style = ET.Element(f"{_S}style")
        style.text = "\n" + css + "\n"
        root.insert(2 if root.find(f"{_S}desc") is not None else 0, style)
        width, height = size(root)
        graph = root.find(f"{_S}g")
        background = ET.Element(f"{_S}rect", {"class": "sd-bg", "x": "0", "y": "0", "width": f"{width:.2f}",
                                              "height": f"{height:.2f}", "fill": "#ffffff"})
        root.insert(list(root).index(graph), background)
    ET.indent(root, space="")
    text = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    head = f"<!-- {comment_text(marker_comment)} -->\n" if marker_comment else ""
    return head + text + "\n"


def standalone(root: ET.Element, generated_from: str, extra_css: str = "") -> str:
    """Follows prefers-color-scheme; ``extra_css`` is view-specific (the animation)."""
    css = adaptive_css() + ("\n" + extra_css if extra_css else "")
    return to_text(root, css=css, marker_comment=f"generated from {generated_from} by StepDeck; do not edit")


def fixed_theme(root: ET.Element, theme: str, extra_css: str = "", generated_from: str = "") -> str:
    """One palette as concrete CSS (no variables, no colour-scheme query): for export and resvg."""
    css = css_rules(theme) + ("\n" + extra_css if extra_css else "")
    comment = f"generated from {generated_from} by StepDeck ({theme} theme)" if generated_from else ""
    return to_text(root, css=css, marker_comment=comment)


def inline(root: ET.Element, prefix: str) -> str:
    tree = copy.deepcopy(root)
    prefix_ids(tree, prefix)
    tree.set("aria-labelledby", f"{prefix}sd-title {prefix}sd-desc")
    tree.set("class", "sd-diagram")
    for name in ("width", "height"):
        tree.attrib.pop(name, None)
    return to_text(tree, css=None)
