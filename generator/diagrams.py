"""The diagram stage: DOT sources for every view, one layout each, then pure restyling.

``sources()`` is pure; ``render()`` takes the laid-out SVG text from the engine
and derives every file (standalone, per-step frames, animated) and every
inline variant the pages embed. Only ``build`` hands DOT to the engine.
"""
from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field

import xml.etree.ElementTree as ET

from . import animate, derive, dot, dot_lanes, dot_sequence, svg
from .errors import LessonRenderError, RenderError
from .model import Lesson


@dataclass
class FrameInfo:
    """What a step frame highlights; the browser player applies the same classes."""

    number: int
    nodes: list[str]
    edges: list[str]
    marker_node: str | None
    caption: str


@dataclass
class LessonDiagrams:
    files: dict[str, str] = field(default_factory=dict)  # file name -> standalone SVG text
    inline: dict[str, str] = field(default_factory=dict)  # view name -> SVG to inline in the page
    frames: list[FrameInfo] = field(default_factory=list)
    component_nodes: dict[str, str] = field(default_factory=dict)  # component id -> node id
    # view name -> finished tree and its view-specific CSS, for export in a fixed theme
    trees: dict[str, ET.Element] = field(default_factory=dict)
    extra_css: dict[str, str] = field(default_factory=dict)

    def view_names(self) -> list[str]:
        return list(self.trees)


# Overview candidates: name -> (rank direction, lane clusters written in reverse). Each is
# laid out (about 2 ms) and render() keeps one; frames all derive from the one kept.
OVERVIEW_CANDIDATES = {"overview": ("LR", False), "overview-tb": ("TB", False),
                       "overview-lr-reversed": ("LR", True), "overview-tb-reversed": ("TB", True)}
FLOW_CANDIDATES = {"flow": "LR", "flow-tb": "TB"}
PAGE_WIDTH = 900.0  # px: a diagram inline in a lesson page at desktop width
MIN_LABEL_PX = 11.0  # smallest edge-label size (12 pt in the layout) a candidate may show at PAGE_WIDTH
ASPECT = 1.6  # 16:10, what slides and a page column hold best


def sources(lesson: Lesson) -> dict[str, str]:
    """View name -> DOT source, for every view that needs its own layout.

    The overview has several candidate sources (``OVERVIEW_CANDIDATES``); every caller
    lays out every source, and ``render`` keeps the candidate ``choose`` picks.
    """
    result = {name: dot.overview(lesson, rankdir, reverse)
              for name, (rankdir, reverse) in OVERVIEW_CANDIDATES.items()}
    if lesson.process_flow is not None:
        result.update({name: dot.flow(lesson, rankdir) for name, rankdir in FLOW_CANDIDATES.items()})
    lanes = dot_lanes.lanes(lesson)
    if lanes is not None:
        result["lanes"] = lanes
    result["sequence"] = dot_sequence.sequence(lesson)
    return result


def frame_infos(lesson: Lesson) -> list[FrameInfo]:
    ids = dot.component_ids(lesson)
    frames = [FrameInfo(0, [], [], None, f"Start: {lesson.title}")]
    for number, step in enumerate(lesson.steps, 1):
        nodes = [ids[c] for c in derive.active_components(step)]
        edges = [dot.edge_id(number, i) for i in range(1, len(step.interactions) + 1)]
        actor = derive.step_actor_label(lesson, step)
        frames.append(FrameInfo(number, nodes, edges, ids.get(step.component or ""),
                                f"Step {number} · {actor}: {step.action}"))
    return frames


def description(lesson: Lesson, view: str) -> str:
    """The same story as the execution table, for screen readers."""
    lines = [f"{view} of the lesson {lesson.title}."]
    for number, step in enumerate(lesson.steps, 1):
        lines.append(f"Step {number}, {derive.step_actor_label(lesson, step)}: {step.action}; {step.result}.")
    return " ".join(lines)


def actor_badges(lesson: Lesson) -> dict[str, str]:
    """Node id -> the numbers of the steps it acts in, e.g. ``1,3,8``."""
    ids = dot.component_ids(lesson)
    numbers: dict[str, list[str]] = {}
    for number, step in enumerate(lesson.steps, 1):
        if step.component:
            numbers.setdefault(ids[step.component], []).append(str(number))
    return {node: ",".join(found) for node, found in numbers.items()}


def lanes_in_order(root: ET.Element) -> bool:
    """Lane clusters read in the author's order: top to bottom, and left to right on a level."""
    boxes = {g.get("id"): svg.shape_box(g) for g in svg.groups(root, "cluster")}
    ordered = [boxes[f"l{i}"] for i in range(1, len(boxes) + 2) if f"l{i}" in boxes]
    for (ax0, ay0, ax1, ay1), (bx0, by0, bx1, by1) in zip(ordered, ordered[1:]):
        above = ay1 <= by0 + 1  # a entirely above b (SVG y grows downwards)
        beside = not above and by1 > ay0 + 1 and (ax0 + ax1) < (bx0 + bx1)  # overlapping rows, a left
        if not (above or beside):
            return False
    return True


def overview_score(root: ET.Element) -> tuple[int, int, float]:
    """Smaller is better: labels too small inline, then lanes out of order, then off 16:10.

    Legibility comes first: dot's crossing minimisation sometimes stacks the lanes
    against the author's order in every candidate, and a readable picture with
    lanes swapped beats an unreadable one in order.
    """
    width, height = svg.size(root)
    label_px = 12 * PAGE_WIDTH / width
    return (0 if label_px >= MIN_LABEL_PX else round(width), 0 if lanes_in_order(root) else 1,
            round(abs(math.log(width / height / ASPECT)), 4))


def choose(layouts: dict[str, str], candidates: dict) -> str:
    """The candidate layout to keep; ties keep the earlier candidate (LR first)."""
    names = [name for name in candidates if name in layouts]
    return min(names, key=lambda name: overview_score(svg.parse(layouts[name])))


def render(lesson: Lesson, layouts: dict[str, str], source_name: str) -> LessonDiagrams:
    """Every SVG of one lesson, from the laid-out views. Pure: no I/O."""
    out = LessonDiagrams(component_nodes=dot.component_ids(lesson), frames=frame_infos(lesson))
    labels = dot.node_labels(lesson)
    prefix = f"sd-{lesson.id}-"

    def keep(name: str, tree: ET.Element, inline_prefix: str | None = None, extra_css: str = "") -> None:
        out.trees[name] = tree
        if extra_css:
            out.extra_css[name] = extra_css
        out.files[f"{name}.svg"] = svg.standalone(tree, source_name, extra_css)
        if inline_prefix:
            out.inline[name] = svg.inline(tree, prefix + inline_prefix)

    overview = svg.parse(layouts[choose(layouts, OVERVIEW_CANDIDATES)])
    svg.set_titles(overview, labels, f"{lesson.title}: overview", description(lesson, "Overview"))
    keep("overview", overview, "ov-")

    if "flow" in layouts:
        flow = svg.parse(layouts[choose(layouts, FLOW_CANDIDATES)])
        stages = " then ".join(s.label for s in lesson.process_flow.stages)
        svg.set_titles(flow, labels, f"{lesson.title}: process flow",
                       f"Process flow: {stages}. {lesson.process_flow.caption}")
        keep("flow", flow, "fl-")

    frames = []
    for info in out.frames:
        frame = copy.deepcopy(overview)
        title = f"{lesson.title}: {'start' if info.number == 0 else f'step {info.number}'}"
        svg.set_titles(frame, labels, title, info.caption + ". " + description(lesson, "Step frame"))
        if info.number:
            svg.highlight(frame, info.nodes, info.edges, str(info.number), info.marker_node)
        svg.add_caption_band(frame, info.caption)
        keep(f"step-{info.number:02d}", frame)
        frames.append(frame)
        if info.number == 0:
            out.inline["player"] = svg.inline(frame, prefix + "pl-")

    if "lanes" in layouts:
        lanes = svg.parse(layouts["lanes"])
        svg.set_titles(lanes, dot_lanes.labels(lesson), f"{lesson.title}: side by side",
                       description(lesson, "Side-by-side view, one column per approach,"))
        keep("lanes", lanes, "ln-")

    sequence = svg.parse(layouts["sequence"])
    svg.drop_groups(sequence, "sd-anchor")
    svg.adopt_labels(sequence, "sd-msglabel", dot_sequence.LABEL_SUFFIX)
    svg.set_titles(sequence, dot_sequence.labels(lesson), f"{lesson.title}: sequence",
                   description(lesson, "Sequence view, one lifeline per component,"))
    keep("sequence", sequence, "sq-")

    static = copy.deepcopy(overview)
    for node, numbers in actor_badges(lesson).items():
        svg.add_badge(static, node, numbers)
    svg.add_caption_band(static, f"All {len(lesson.steps)} steps: each arrow and actor carries its step number")
    tree, extra = animate.animated(frames, static, f"{lesson.title}: animated steps",
                                   description(lesson, "Animation of the step frames"))
    keep("animated", tree, extra_css=extra)
    return out


def draw(lesson: Lesson, graphviz, source_name: str) -> LessonDiagrams:
    """Lay out every view with ``graphviz`` (anything with ``layout(dot)``), then render them all."""
    layouts = {}
    for view, dot_source in sources(lesson).items():
        try:
            layouts[view] = graphviz.layout(dot_source)
        except RenderError as exc:
            raise LessonRenderError(source_name, f"{view} diagram: {exc}") from exc
    return render(lesson, layouts, source_name)
