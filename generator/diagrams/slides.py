"""Pictures for slides: the step frames as the diagram stage hands them out, and a title slide.

The diagram stage already lays the frames out for a landscape screen (``draw.layout_names``
picks the player's own layout when the overview is not legible at 1280 x 800), so slides
take its frame trees unchanged; ``framing`` puts them on the slide.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from ..model import ids
from ..model.facts import LessonFacts
from . import svg, textfit
from .framing import SLIDE_WIDTH_PX
from .theme import FONT_STACK, palette

_S = svg._S
SLIDE_W, SLIDE_H = SLIDE_WIDTH_PX["16:9"], SLIDE_WIDTH_PX["16:9"] * 9 / 16


def slide_frames(facts: LessonFacts, trees: dict[str, ET.Element]) -> list[ET.Element]:
    """One tree per step frame (start first), from the diagram stage."""
    return [trees[ids.frame_name(frame.number)] for frame in facts.frames]


def _text(parent: ET.Element, x: float, y: float, text: str, size: float, fill: str, bold: bool = False) -> None:
    element = ET.SubElement(parent, f"{_S}text", {
        "x": f"{x:.1f}", "y": f"{y:.1f}", "font-family": FONT_STACK, "font-size": f"{size:g}",
        "fill": fill, "style": f"fill: {fill}", **({"font-weight": "bold"} if bold else {})})
    element.text = text


def title_slide(facts: LessonFacts, theme: str) -> ET.Element:
    """A 1280 x 720 picture: title, subtitle, summary and what the lesson holds, left-aligned."""
    lesson, p = facts.lesson, palette(theme)
    root = ET.Element(f"{_S}svg", {"width": f"{SLIDE_W:.0f}", "height": f"{SLIDE_H:.0f}",
                                   "viewBox": f"0.00 0.00 {SLIDE_W:.2f} {SLIDE_H:.2f}"})
    svg.name_image(root, lesson.title, lesson.summary)
    group = ET.SubElement(root, f"{_S}g", {"class": "sd-title-slide"})
    left, usable, y = 96.0, SLIDE_W - 192, 190.0
    for line in textfit.wrap(lesson.title, 52, usable, bold=True)[:3]:
        _text(group, left, y, line, 52, p["text"], bold=True)
        y += 64
    if lesson.subtitle:
        for line in textfit.wrap(lesson.subtitle, 30, usable)[:2]:
            _text(group, left, y, line, 30, p["muted"])
            y += 40
    y += 30
    for line in textfit.wrap(lesson.summary, 24, usable)[:6]:
        _text(group, left, y, line, 24, p["text"])
        y += 34
    meta = f"{len(lesson.steps)} steps · {lesson.duration_minutes} min · {lesson.category}"
    _text(group, left, SLIDE_H - 72, meta, 20, p["muted"])
    ET.SubElement(group, f"{_S}rect", {"class": "sd-marker", "x": f"{left:.0f}", "y": "120", "width": "96",
                                       "height": "8", "rx": "4", "fill": p["active"]})
    return root
