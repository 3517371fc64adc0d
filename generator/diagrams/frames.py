"""Step frames: progressive copies of one laid-out stage, for files, the player and slides.

Every node and edge keeps exactly the same coordinates in every frame; a frame
draws the steps up to its own (``progress``) and every tracked state after it
(``states``). The step badge, the caption and the states are drawn here, once,
for the static frames and for the player alike: the player's SVG carries every
frame's badge, caption and state already drawn, and the page script only shows
the current ones.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from ..model.facts import Frame, LessonFacts
from ..model.text import caption_lines
from . import progress, states, svg
from .theme import FONT_STACK

_S = svg._S
CAPTION_HEIGHT = 64.0
CAPTION_FONT = 15.0
LINE_GAP = 19.0  # baseline to baseline
BADGE_HEIGHT = 22.0


@dataclass(frozen=True)
class Badge:
    """A numbered pill on a node's top-left corner: a cue that does not rely on colour."""

    node: str
    x: float  # centre
    y: float  # top-left corner of the node; the pill is centred on it
    text: str

    @property
    def width(self) -> float:
        return max(BADGE_HEIGHT, 7.5 * len(self.text) + 10)


def badge_at(root: ET.Element, node_id: str, text: str) -> Badge | None:
    target = next((g for g in svg.groups(root, "node") if g.get("id") == node_id), None)
    if target is None:
        return None
    x0, y0, _, _ = svg.shape_box(target)
    return Badge(node_id, x0, y0, text)


def draw_badge(root: ET.Element, badge: Badge, extra: dict[str, str] | None = None) -> None:
    target = next(g for g in svg.groups(root, "node") if g.get("id") == badge.node)
    group = ET.SubElement(target, f"{_S}g", {"class": "sd-badge", **(extra or {})})
    ET.SubElement(group, f"{_S}rect", {
        "class": "sd-marker", "x": f"{badge.x - badge.width / 2:.2f}", "y": f"{badge.y - 11:.2f}",
        "width": f"{badge.width:.2f}", "height": f"{BADGE_HEIGHT:.0f}", "rx": "11", "fill": "#d1242f"})
    label = ET.SubElement(group, f"{_S}text", {
        "class": "sd-marker-text", "x": f"{badge.x:.2f}", "y": f"{badge.y + 4.5:.2f}", "text-anchor": "middle",
        "font-family": FONT_STACK, "font-size": "12", "font-weight": "bold", "fill": "#ffffff"})
    label.text = badge.text


def add_badge(root: ET.Element, node_id: str, text: str) -> None:
    badge = badge_at(root, node_id, text)
    if badge is not None:
        draw_badge(root, badge)


def caption_band(root: ET.Element) -> tuple[ET.Element, float]:
    """Grow the canvas by a fixed band below the drawing; return the band and the drawing's height."""
    width, height = svg.size(root)
    new_height = height + CAPTION_HEIGHT
    root.set("viewBox", f"0.00 0.00 {width:.2f} {new_height:.2f}")
    root.set("height", f"{new_height:.0f}pt")
    band = ET.SubElement(root, f"{_S}g", {"class": "sd-caption"})
    ET.SubElement(band, f"{_S}rect", {"x": "6", "y": f"{height + 4:.2f}", "width": f"{width - 12:.2f}",
                                      "height": f"{CAPTION_HEIGHT - 10:.2f}", "rx": "6", "fill": "#f0f3f6",
                                      "stroke": "#a8b1bc"})
    return band, height


def write_caption(parent: ET.Element, text: str, width: float, height: float) -> None:
    """The caption's lines, centred in the band below a drawing ``height`` tall."""
    chars = max(20, int((width - 28) / (CAPTION_FONT * 0.56)))
    lines = caption_lines(text, chars)
    first_y = height + 4 + (CAPTION_HEIGHT - 10) / 2 + (CAPTION_FONT * 0.35) - (len(lines) - 1) * LINE_GAP / 2
    for i, line in enumerate(lines):
        element = ET.SubElement(parent, f"{_S}text", {
            "class": "sd-caption-text", "x": f"{width / 2:.2f}", "y": f"{first_y + i * LINE_GAP:.2f}",
            "text-anchor": "middle", "font-family": FONT_STACK, "font-size": f"{CAPTION_FONT:.0f}"})
        element.text = line


def add_caption_band(root: ET.Element, text: str) -> None:
    width, _ = svg.size(root)
    band, height = caption_band(root)
    write_caption(band, text, width, height)


def frame_description(facts: LessonFacts, frame: Frame) -> str:
    """One step's description; the whole story is in the overview's, so output stays linear in the steps.
    A what-if's frame says which scenario it is and where it forks; the main frame at a fork says what
    forks there."""
    where = f"Step frame of the lesson {facts.lesson.title}"
    if facts.spec is not None:
        return f"{frame.caption}. {where}, what-if: {facts.spec.title} (forks after step {facts.spec.fork})."
    forks = "".join(f" What-if: {s.line.spec.title} forks after this step." for s in facts.scenarios
                    if s.fork == frame.number)
    return f"{frame.caption}. {where}.{forks}"


def _shell(element: ET.Element, children=()) -> ET.Element:
    twin = ET.Element(element.tag, dict(element.attrib))
    twin.text, twin.tail = element.text, element.tail
    twin.extend(children)
    return twin


def share(stage: ET.Element, tooltips: bool = False) -> ET.Element:
    """A new frame over the titled stage's own elements: a new root, graph group and unit groups
    (nodes, edges, lanes: the groups whose classes and children a frame changes); every element
    below a unit is the stage's own, shared by every frame and never changed (``shared``).
    Without ``tooltips`` the units' own titles stay out: they repeat the labels drawn beside them,
    in every frame again; the overview and the player keep them."""
    root = _shell(stage)
    for child in stage:
        if child.tag == f"{_S}g":
            root.append(_shell(child, (_shell(unit, [c for c in unit if tooltips or c.tag != f"{_S}title"])
                                       for unit in child)))
        else:
            root.append(child)
    return root


def shared(stage: ET.Element):
    """The elements every ``share`` of ``stage`` holds as they are: a writer may remember their text."""
    return (element for graph in stage if graph.tag == f"{_S}g" for unit in graph
            for element in unit.iter() if element is not unit)


def static_frame(stage: ET.Element, facts: LessonFacts, frame: Frame, bands: dict[str, states.Band]) -> ET.Element:
    """The standalone frame after one step: later steps removed, the rest classed, states, badge, caption.
    Built on ``share(stage)``: the stage is titled already, so only the root's title changes."""
    tree = share(stage)
    svg.retitle(tree, f"{facts.lesson.title}: {frame.title_suffix}", frame_description(facts, frame))
    progress.mark(tree, facts)
    progress.apply(tree, frame)
    states.draw_frame(tree, facts, bands, frame.number)
    if frame.number and frame.marker_node:
        add_badge(tree, frame.marker_node, str(frame.number))
    add_caption_band(tree, frame.caption)
    return tree


def player_frame(stage: ET.Element, facts: LessonFacts, bands: dict[str, states.Band]) -> ET.Element:
    """The player's one SVG: every interaction marked with its step and lane, every step's badge and
    caption drawn for its frame (``data-from``/``data-to``); the page script classes them per step.
    As served it is the start frame: later steps carry ``sd-later``, the start's groups ``sd-current``."""
    start = facts.frames[0]
    tree = share(stage, tooltips=True)
    svg.retitle(tree, f"{facts.lesson.title}: {start.title_suffix}", frame_description(facts, start))
    progress.mark(tree, facts)
    for g in tree.iter(f"{_S}g"):
        if g.get("data-step") is not None:
            g.set("class", f"{g.get('class')} sd-later")
    states.draw_all(tree, facts, bands, frame_range)
    for frame in facts.frames[1:]:
        badge = badge_at(tree, frame.marker_node, str(frame.number)) if frame.marker_node else None
        if badge is not None:
            draw_badge(tree, badge, frame_range(frame.number, frame.number))
    width, _ = svg.size(tree)
    band, height = caption_band(tree)
    for frame in facts.frames:
        lines = ET.SubElement(band, f"{_S}g", {"class": "sd-caption-lines" + (" sd-current" if not frame.number
                                                                              else ""),
                                               **frame_range(frame.number, frame.number)})
        write_caption(lines, frame.caption, width, height)
    return tree


def frame_range(first: int, last: int) -> dict[str, str]:
    """The attributes of something drawn for frames ``first`` to ``last`` (inclusive) of the player."""
    return {"data-from": str(first), "data-to": str(last)}
