"""Framing a finished picture for slides: an aspect ratio with even margins, and its background.

Pure tree transforms. A framed picture keeps every coordinate of the drawing: the
drawing moves into one translated group inside a new canvas of the chosen shape,
centred, so the margins on opposite sides are equal and the narrower pair is at
least ``MARGIN`` of the drawing's longer side. Sizes are in CSS px, so a 16:9
frame is 1280 x 720 px at scale 1 whatever the drawing measured.
"""
from __future__ import annotations

import copy
import math
import re
import xml.etree.ElementTree as ET

from . import svg

_S = svg._S
ASPECTS = ("16:9", "4:3", "fit")
SLIDE_WIDTH_PX = {"16:9": 1280.0, "4:3": 960.0}
"""The nominal width of a slide; rasters multiply it (a 1920 px PNG is scale 1.5)."""
MARGIN = 0.03
MIN_SLIDE_LABEL_PX = 11.0  # no label on a 1280 x 720 slide may be drawn smaller
_FONT_SIZE = re.compile(r"font-size\s*:\s*([\d.]+)")


def ratio(aspect: str) -> float | None:
    if aspect == "fit":
        return None
    wide, high = (float(part) for part in aspect.split(":"))
    return wide / high


def framed_box(width: float, height: float, aspect: str) -> tuple[float, float, float, float]:
    """(canvas width, canvas height, x offset, y offset) in the drawing's units."""
    margin = MARGIN * max(width, height)
    canvas_w, canvas_h = width + 2 * margin, height + 2 * margin
    shape = ratio(aspect)
    if shape is not None:
        if canvas_w / canvas_h < shape:
            canvas_w = canvas_h * shape
        else:
            canvas_h = canvas_w / shape
    return canvas_w, canvas_h, (canvas_w - width) / 2, (canvas_h - height) / 2


def pixel_size(aspect: str) -> tuple[float, float]:
    """A slide's nominal size in px at scale 1."""
    slide_w = SLIDE_WIDTH_PX[aspect]
    return slide_w, slide_w / ratio(aspect)


def frame(tree: ET.Element, aspect: str) -> ET.Element:
    """A copy of ``tree`` centred in a canvas of ``aspect`` with even margins."""
    width, height = svg.size(tree)
    canvas_w, canvas_h, dx, dy = framed_box(width, height, aspect)
    root = ET.Element(tree.tag, {k: v for k, v in tree.attrib.items() if k not in ("width", "height", "viewBox")})
    root.set("viewBox", f"0.00 0.00 {canvas_w:.2f} {canvas_h:.2f}")
    if aspect == "fit":  # keep Graphviz's unit: 1 user unit = 1 pt, as the unframed file says
        unit = float(tree.get("width", f"{width}pt").removesuffix("pt").removesuffix("px")) / width
        suffix = "pt" if tree.get("width", "pt").endswith("pt") else ""
        root.set("width", f"{canvas_w * unit:.2f}{suffix}")
        root.set("height", f"{canvas_h * unit:.2f}{suffix}")
    else:
        slide_w, slide_h = pixel_size(aspect)
        root.set("width", f"{slide_w:.0f}")
        root.set("height", f"{slide_h:.0f}")
    drawing = ET.Element(f"{_S}g", {"class": "sd-framed", "transform": f"translate({dx:.2f} {dy:.2f})"})
    for child in copy.deepcopy(tree):  # a copy: framing must never change the diagram stage's tree
        if child.tag in (f"{_S}title", f"{_S}desc"):
            root.append(child)
        else:
            drawing.append(child)
    root.append(drawing)
    return root


def font_sizes(tree: ET.Element) -> list[float]:
    """Every text's font size in user units, from its attribute or inline style, inherited from groups."""
    found: list[float] = []

    def walk(element: ET.Element, inherited: float | None) -> None:
        own = element.get("font-size")
        match = _FONT_SIZE.search(element.get("style") or "")
        size = float(match.group(1)) if match else float(own) if own else inherited
        if element.tag == f"{_S}text" and "".join(element.itertext()).strip():
            found.append(size if size is not None else 16.0)  # SVG's initial font size
        for child in element:
            walk(child, size)

    walk(tree, None)
    return found


def width_px(framed: ET.Element) -> float:
    given = framed.get("width")
    return float(given[:-2]) * 4 / 3 if given.endswith("pt") else float(given.removesuffix("px"))


def smallest_label_px(framed: ET.Element) -> float:
    """The smallest text as drawn on the framed picture at its pixel width: font size times scale."""
    width, _ = svg.size(framed)
    scale = width_px(framed) / width
    return min(font_sizes(framed), default=float("inf")) * scale


def grow_small_labels(framed: ET.Element, min_px: float = MIN_SLIDE_LABEL_PX) -> int:
    """Raise every text drawn under ``min_px`` to ``min_px``; return how many grew.

    A dense lesson's frame shrinks to fit a 1280 x 720 slide; the slide candidate
    (``slides.slide_candidate``) keeps the shrinking small, and this closes the rest
    of the gap: a few percent more on a 12-unit label, which its halo keeps legible.
    """
    width, _ = svg.size(framed)
    floor = math.ceil(min_px / (width_px(framed) / width) * 100) / 100  # written with 2 decimals
    grown = 0

    def walk(element: ET.Element, inherited: float | None) -> None:
        nonlocal grown
        own = element.get("font-size")
        match = _FONT_SIZE.search(element.get("style") or "")
        size = float(match.group(1)) if match else float(own) if own else inherited
        if element.tag == f"{_S}text" and size is not None and size < floor - 1e-9:
            element.set("font-size", f"{floor:.2f}")
            if match:
                element.set("style", _FONT_SIZE.sub(f"font-size: {floor:.2f}", element.get("style")))
            size, grown = floor, grown + 1
        for child in element:
            walk(child, size)

    walk(framed, None)
    return grown
