"""Progressive frames of every sample lesson, laid out by the real Graphviz: what each frame draws (the
story up to its step, every tracked state), where (one layout, states in reserved space, nothing
overlapping), how quiet parts look (contrast from the palette values), and the lanes kept apart."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from generator.diagrams import crossings, draw, layout, states, svg, theme
from generator.diagrams.engine import Graphviz
from generator.diagrams.sequence import text_width
from generator.model.derive import derive
from generator.model.facts import LessonFacts
from generator.model.lesson import Lesson
from generator.model.text import label_lines

REPO = Path(__file__).resolve().parent.parent
S = "{http://www.w3.org/2000/svg}"
LESSONS = sorted(p.stem for p in (REPO / "content").glob("*.yaml"))
Box = tuple[float, float, float, float]


@pytest.fixture(scope="module")
def graphviz() -> Graphviz:
    return Graphviz()


@pytest.fixture(scope="module", params=LESSONS)
def lesson(request, graphviz) -> tuple[LessonFacts, draw.LessonDiagrams, dict[str, str]]:
    data = yaml.safe_load((REPO / "content" / f"{request.param}.yaml").read_text("utf-8"))
    facts = derive(Lesson.model_validate(data, strict=False))
    layouts = {view: graphviz.layout(source) for view, source in draw.sources(facts).items()}
    return facts, draw.render(facts, layouts, f"content/{request.param}.yaml"), layouts


def parse(text: str) -> ET.Element:
    return ET.fromstring(text[text.index("<svg"):])


def frame(diagrams: draw.LessonDiagrams, n: int) -> ET.Element:
    return parse(diagrams.files[f"step-{n:02d}.svg"])


def classes(element: ET.Element) -> list[str]:
    return (element.get("class") or "").split()


def text_box(text: ET.Element) -> Box:
    size = float(text.get("font-size"))
    width = text_width(text.text or "", size) * (1.1 if "sd-changed" in (text.get("class") or "") else 1)
    x, y = float(text.get("x")), float(text.get("y"))
    left = {"middle": x - width / 2, "end": x - width}.get(text.get("text-anchor"), x)
    return left, y - 0.8 * size, left + width, y + 0.2 * size


def rect_box(rect: ET.Element) -> Box:
    x, y = float(rect.get("x")), float(rect.get("y"))
    return x, y, x + float(rect.get("width")), y + float(rect.get("height"))


def overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def state_groups(root: ET.Element) -> list[tuple[ET.Element, ET.Element]]:
    """(node group, state group) for every state drawn."""
    return [(node, g) for node in svg.groups(root, "node") for g in node if "sd-state" in classes(g)]


def state_text(group: ET.Element) -> list[str]:
    return [(t.text or "").removeprefix(states.CHANGED_MARK) for t in group.iter(f"{S}text")]


def test_frame_n_draws_no_step_after_n(lesson):
    facts, diagrams, _ = lesson
    for n in range(len(facts.frames)):
        root = frame(diagrams, n)
        drawn = {g.get("id") for g in svg.groups(root, "edge")}
        assert drawn == {a.edge for s in facts.steps[:n] for a in s.interactions}, n
        texts = {" ".join((t.text or "").split()) for t in root.iter(f"{S}text")}
        for step in facts.steps[n:]:
            for arrow in step.interactions:
                assert label_lines(arrow.arrow_label)[0] not in texts, (n, arrow.arrow_label)
        steps = {int(g.get("data-step")): g for g in svg.groups(root, "edge")}
        assert all(("sd-now" if k == n else "sd-past") in classes(g) for k, g in steps.items()), n


def test_frame_n_shows_every_tracked_state_after_step_n(lesson):
    facts, diagrams, _ = lesson
    for n, moment in enumerate(facts.timeline):
        shown = {node.get("id"): state_text(g) for node, g in state_groups(frame(diagrams, n))}
        wanted = {facts.nodes[c.id]: label_lines(moment[c.id], states.STATE_WRAP) for c in facts.tracked
                  if moment[c.id]}
        assert shown == wanted, n


def test_a_changed_state_is_marked_by_more_than_colour(lesson):
    facts, diagrams, _ = lesson
    css = theme.css_rules("light")
    assert re.search(r"\.sd-state\.sd-changed text \{ font-weight: bold; \}", css)
    assert re.search(r"\.sd-state\.sd-changed rect \{ [^}]*stroke-width: 2\.5", css)
    for n, f in enumerate(facts.frames):
        marked = {node.get("id") for node, g in state_groups(frame(diagrams, n)) if "sd-changed" in classes(g)}
        assert marked == {facts.nodes[c] for c in f.changed if f.states[c]}, n
        for _, g in state_groups(frame(diagrams, n)):
            first = next(g.iter(f"{S}text")).text
            assert first.startswith(states.CHANGED_MARK) == ("sd-changed" in classes(g))  # a glyph, not a hue


def test_no_state_overlaps_a_label_or_another_state(lesson):
    facts, diagrams, _ = lesson
    for n in range(len(facts.frames)):
        root = frame(diagrams, n)
        pills = [(node, rect_box(g.find(f"{S}rect"))) for node, g in state_groups(root)]
        labels = [text_box(t) for kind in ("node", "edge") for g in svg.groups(root, kind) for t in g
                  if t.tag == f"{S}text"]
        for i, (node, pill) in enumerate(pills):
            x0, y0, x1, y1 = svg.shape_box(node)
            assert x0 <= pill[0] and pill[2] <= x1 and y0 <= pill[1] and pill[3] <= y1, (n, node.get("id"))
            assert not [box for box in labels if overlap(pill, box)], (n, node.get("id"))
            assert not [other for _, other in pills[i + 1:] if overlap(pill, other)], (n, node.get("id"))


def test_player_svg_carries_the_contract(lesson):
    facts, diagrams, _ = lesson
    root = ET.fromstring(diagrams.inline["player"])
    edges = [g for g in root.iter(f"{S}g") if "edge" in classes(g)]
    assert edges and all(g.get("data-step") and "sd-later" in classes(g) for g in edges)
    lanes = {g.get("data-lane") for g in root.iter(f"{S}g") if g.get("data-lane")}
    assert lanes <= {f"l{i}" for i in range(1, len(facts.lesson.lanes) + 1)}
    shared = {facts.nodes[c.id] for c in facts.lesson.components if c.lane is None}
    assert not [g for g in root.iter(f"{S}g") if g.get("data-lane") and g.get("id").split("-")[-1] in shared]
    for component in facts.tracked:  # every frame shows exactly one state group of a tracked component
        node = next(g for g in root.iter(f"{S}g") if g.get("data-component") == component.id)
        spans = [(int(g.get("data-from")), int(g.get("data-to"))) for g in node if "sd-state" in classes(g)]
        covered = [n for first, last in spans for n in range(first, last + 1)]
        assert covered == sorted(covered) == [n for n, m in enumerate(facts.timeline) if m[component.id]]


def test_quiet_parts_keep_their_contrast_in_both_palettes():
    for palette in ("light", "dark"):
        for what, foreground, background, floor in theme.contrast_pairs(palette):
            assert theme.contrast(foreground, background) >= floor, (palette, what)
        assert "opacity" not in theme.css_rules(palette)  # no dimming by transparency
    assert theme.contrast("#ffffff", "#000000") == pytest.approx(21)
    assert theme.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_crossing_counter_counts_crossings_not_meetings():
    def edge(edge_id: str, d: str) -> str:
        return f'<g id="{edge_id}" class="edge"><path d="{d}"/></g>'

    root = ET.fromstring(f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><g>'
                         f'{edge("a", "M0,0C30,30 70,70 100,100")}{edge("b", "M0,100C30,70 70,30 100,0")}'
                         f'{edge("c", "M0,0C0,30 0,70 0,100")}</g></svg>')
    ends = {"a": ("n1", "n2", None), "b": ("n3", "n4", None), "c": ("n1", "n3", None)}
    assert crossings.tangle(root, ends).crossings == 1  # a and b cross once; c meets both at their ends
    ends["c"] = ("n5", "n6", None)  # not sharing the nodes any more: the meetings now count
    assert crossings.tangle(root, ends).crossings == 3


def test_no_edge_of_one_lane_runs_through_the_other_lane(lesson):
    facts, diagrams, layouts = lesson
    ends = crossings.edge_ends(facts)
    overview_name, frames_name = draw.layout_names(facts, layouts)
    for name in {overview_name, frames_name}:
        knot = crossings.tangle(svg.parse(layouts[name]), ends)
        assert knot.intrusions == 0, (facts.lesson.id, name)
    assert crossings.tangle(parse(diagrams.files["overview.svg"]), ends) == crossings.tangle(
        svg.parse(layouts[overview_name]), ends)


def test_frames_have_one_layout_the_player_can_show(lesson):
    facts, diagrams, layouts = lesson
    final = frame(diagrams, len(facts.frames) - 1)
    for n in range(len(facts.frames)):
        assert frame(diagrams, n).get("viewBox") == final.get("viewBox")
    player = ET.fromstring(diagrams.inline["player"])
    assert player.get("viewBox") == final.get("viewBox")
    _, frames_name = draw.layout_names(facts, layouts)
    ends = crossings.edge_ends(facts)
    best = min(layout.scores(layouts, layout.PLAYER_CANDIDATES, ends, layout.PLAYER).values())
    assert layout.score(svg.parse(layouts[frames_name]), ends, layout.PLAYER)[0] <= best[0]
