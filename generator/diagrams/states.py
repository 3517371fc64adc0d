"""Each tracked component's state, drawn in its node, in space the layout reserved for it.

Before layout, a tracked node's label gets placeholder lines under the
component's name: as many as its longest wrapped state needs, each as wide as
its widest state line (plus room for the changed marker). Graphviz sizes every
shape (box, ellipse, cylinder, ...) around them, so whatever state a frame
shows fits inside its node and nothing else can overlap it. After layout the
placeholders are taken out and their place is where the state is drawn: in a
pill, and when the state changed at this step, in a thick-framed pill, bold,
behind a marker glyph, so the change is not told by colour alone.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from ..model.facts import LessonFacts
from ..model.text import label_lines
from . import svg
from .sequence import text_width
from .theme import FONT_STACK

STATE_WRAP = 24  # columns a state wraps at inside its node
STATE_FONT = 12.0  # points, the size of edge labels: the layout's smallest text
STATE_LINE = 14.5  # baseline to baseline
CHANGED_MARK = "● "  # U+25CF, in Liberation Sans (and DejaVu): the changed state's glyph
PLACEHOLDER_LEAD = "MM"  # placeholder room for the marker and the pill's padding (14 pt text vs 12 pt)
PAD_X, PAD_Y = 6.0, 2.0
_S = svg._S


@dataclass(frozen=True)
class Run:
    """One state shown for frames ``first`` to ``last``; ``changed``: it changed at ``first``."""

    first: int
    last: int
    lines: tuple[str, ...]
    changed: bool


def runs(facts: LessonFacts, component: str) -> list[Run]:
    """The frames a state shows in: a change is a run of its own frame, then the unchanged run."""
    timeline = [moment[component] for moment in facts.timeline]
    changed = [i > 0 and timeline[i] != timeline[i - 1] for i in range(len(timeline))]
    found: list[Run] = []
    for i, state in enumerate(timeline):
        if found and not changed[i] and not found[-1].changed:
            found[-1] = Run(found[-1].first, i, found[-1].lines, False)
        else:
            found.append(Run(i, i, tuple(label_lines(state, STATE_WRAP)) if state else (), changed[i]))
    return [run for run in found if run.lines]


def run_at(facts: LessonFacts, component: str, frame: int) -> Run | None:
    return next((run for run in runs(facts, component) if run.first <= frame <= run.last), None)


def placeholder_lines(facts: LessonFacts, component: str) -> list[str]:
    """The label lines a tracked node reserves under its name: as many as its longest state, each
    as wide as its widest state line."""
    lines = (facts, *(scenario.line for scenario in facts.scenarios))  # what-if states need room too
    found = [run for line in lines for run in runs(line, component)] if component in {
        c.id for c in facts.tracked} else []
    if not found:
        return []
    height = max(len(run.lines) for run in found)
    widest = max((line for run in found for line in run.lines), key=lambda line: text_width(line, STATE_FONT))
    return [PLACEHOLDER_LEAD + widest] * height


@dataclass(frozen=True)
class Band:
    """Where a node's state goes: centre x, and the top and bottom of the reserved lines."""

    x: float
    top: float
    bottom: float


def take_placeholders(root: ET.Element, facts: LessonFacts) -> dict[str, Band]:
    """Remove the placeholder lines from every tracked node; node id -> the band they held."""
    bands = {}
    nodes = {g.get("id"): g for g in svg.groups(root, "node")}
    for component in facts.tracked:
        count = len(placeholder_lines(facts, component.id))
        group = nodes.get(facts.nodes[component.id])
        texts = [t for t in group if t.tag == f"{_S}text"] if group is not None and count > 0 else []
        if len(texts) < count:
            continue
        held = texts[-count:]
        for text in held:
            group.remove(text)
        ys = [float(t.get("y")) for t in held]
        bands[group.get("id")] = Band(float(held[0].get("x")), ys[0] - 14 * 0.8, ys[-1] + 14 * 0.3)
    return bands


def centre_labels(root: ET.Element, bands: dict[str, Band]) -> None:
    """Where no state is drawn (the overview shows every step at once), names sit in the middle again."""
    for g in svg.groups(root, "node"):
        band = bands.get(g.get("id"))
        for text in (t for t in g if t.tag == f"{_S}text") if band else ():
            text.set("y", f"{float(text.get('y')) + (band.bottom - band.top) / 2:.2f}")


def pill_size(run: Run) -> tuple[float, float]:
    lines = [(CHANGED_MARK if run.changed and i == 0 else "") + line for i, line in enumerate(run.lines)]
    bold = 1.08 if run.changed else 1.0  # bold Helvetica is about this much wider
    width = max(text_width(line, STATE_FONT) for line in lines) * bold + 2 * PAD_X
    return width, len(lines) * STATE_LINE + 2 * PAD_Y


def draw(parent: ET.Element, band: Band, run: Run, extra: dict[str, str] | None = None) -> ET.Element:
    """One state pill centred in ``band``."""
    width, height = pill_size(run)
    top = (band.top + band.bottom) / 2 - height / 2
    group = ET.SubElement(parent, f"{_S}g", {"class": "sd-state" + (" sd-changed" if run.changed else ""),
                                             **(extra or {})})
    ET.SubElement(group, f"{_S}rect", {"x": f"{band.x - width / 2:.2f}", "y": f"{top:.2f}", "width": f"{width:.2f}",
                                       "height": f"{height:.2f}", "rx": "5"})
    for i, line in enumerate(run.lines):
        text = ET.SubElement(group, f"{_S}text", {
            "x": f"{band.x:.2f}", "y": f"{top + PAD_Y + STATE_LINE * i + STATE_FONT * 0.85:.2f}",
            "text-anchor": "middle", "font-family": FONT_STACK, "font-size": f"{STATE_FONT:g}"})
        text.text = (CHANGED_MARK if run.changed and i == 0 else "") + line
    return group


def draw_frame(root: ET.Element, facts: LessonFacts, bands: dict[str, Band], frame: int) -> None:
    """Every tracked component's state after step ``frame``, in a static frame."""
    nodes = {g.get("id"): g for g in svg.groups(root, "node")}
    for component in facts.tracked:
        node = facts.nodes[component.id]
        run = run_at(facts, component.id, frame)
        if run is not None and node in bands and node in nodes:
            draw(nodes[node], bands[node], run)


def draw_all(root: ET.Element, facts: LessonFacts, bands: dict[str, Band],
             attributes) -> None:
    """Every run of every tracked component, for the player; ``attributes(first, last)`` marks each."""
    nodes = {g.get("id"): g for g in svg.groups(root, "node")}
    for component in facts.tracked:
        node = facts.nodes[component.id]
        if node not in bands or node not in nodes:
            continue
        for run in runs(facts, component.id):
            group = draw(nodes[node], bands[node], run, attributes(run.first, run.last))
            if run.first == 0:
                group.set("class", group.get("class") + " sd-current")
