"""Comparisons: side-by-side rows pair steps that do the same thing; the sequence view frames each lane.

The rows come from ``model.align`` through ``derive`` (``StepFacts.row``); the frames from
``diagrams.sequence``. Geometry is read back from the real Graphviz layout.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from itertools import combinations
from pathlib import Path

import pytest
import yaml

from generator.diagrams import svg
from generator.diagrams.sequence import lane_runs, text_width
from generator.model import ids

from lessonkit import facts_from_data, facts_of, render

REPO = Path(__file__).resolve().parent.parent
MIDDLEMAN = REPO / "tests" / "golden" / "middleman-vs-direct" / "lesson.yaml"
SAMPLES = sorted((REPO / "content").glob("*.yaml"))
S = "{http://www.w3.org/2000/svg}"

# The rows every sample lesson gets, step number -> row: a reviewed alignment, pinned so that a
# change of the scoring shows up here. OAuth sets `phase` on its client-credentials steps.
SAMPLE_ROWS = {
    "git-merge-vs-rebase": {1: 1, 4: 1, 5: 2, 6: 3, 2: 4, 7: 4, 3: 5, 8: 5},  # switch/rebase, then both move main
    "oauth-pkce-vs-client-credentials": {**{n: n for n in range(1, 10)}, 10: 6, 11: 7, 12: 8, 13: 9},
    "service-mesh-vs-library": {1: 1, 3: 1, 4: 2, 2: 3, 5: 3, 6: 4, 7: 5, 8: 6},  # proxies forward together
    "tcp-vs-quic": {1: 1, 7: 1, 2: 2, 8: 2, 3: 3, 9: 3, 4: 4, 5: 5, 6: 6, 10: 6},  # both end on the response
    # the fifth sample: five steps in each lane, paired step for step
    "kafka-log-vs-rabbitmq-queue": {1: 1, 6: 1, 2: 2, 7: 2, 3: 3, 8: 3, 4: 4, 9: 4, 5: 5, 10: 5},
}


def rows_of(facts) -> dict[int, int]:
    return {s.number: s.row for s in facts.steps if s.row is not None}


def parse(text: str) -> ET.Element:
    return ET.fromstring(text[text.index("<svg"):])


def groups(root: ET.Element, css_class: str) -> dict[str, ET.Element]:
    return {g.get("id"): g for g in root.iter(f"{S}g") if css_class in (g.get("class") or "").split()}


@pytest.fixture(scope="module")
def middleman():
    return facts_of(MIDDLEMAN, "content/middleman-vs-direct.yaml")


def test_the_direct_query_sits_next_to_the_middlemans_query_to_the_same_server(middleman):
    rows = rows_of(middleman)
    # resolver -> root / client -> root, and so on along the chain, replies included
    for via, direct in [(2, 9), (3, 10), (4, 11), (5, 12), (6, 13), (7, 14)]:
        assert rows[via] == rows[direct], (via, direct, rows)
    assert rows[1] < rows[9]  # "the client asks the resolver" has no counterpart in the direct lane
    assert [n for n, row in rows.items() if row == rows[1]] == [1]
    assert 15 not in rows  # the closing step is in no lane


def test_the_laid_out_side_by_side_view_draws_those_rows(middleman):
    root = parse(render(middleman).files["lanes.svg"])
    tops = {name: svg.shape_box(g)[1] for name, g in groups(root, "sd-step").items()}
    assert tops["st2-l1"] == tops["st9-l2"]
    assert tops["st6-l1"] == tops["st13-l2"]
    assert tops["st1-l1"] < min(tops[f"st{n}-l2"] for n in range(9, 15))  # SVG y grows downwards


def test_phase_still_overrides(middleman):
    data = yaml.safe_load(MIDDLEMAN.read_text(encoding="utf-8"))
    data["steps"][8]["phase"] = 1  # the direct lane's first query, next to "the client asks the resolver"
    rows = rows_of(facts_from_data(data))
    assert rows[9] == rows[1] == 1
    assert [rows[n] for n in range(10, 15)] == [2, 3, 4, 5, 6]  # the rest follow their lane's previous step
    assert [rows[n] for n in range(1, 9)] == list(range(1, 9))
    assert rows_of(middleman)[9] != 1  # without the phase the alignment differs


def test_lanes_with_nothing_in_common_pair_by_position():
    data = yaml.safe_load(MIDDLEMAN.read_text(encoding="utf-8"))
    data["components"] = [
        {"id": "a", "label": "A", "kind": "client", "lane": "recursive", "tracked": False},
        {"id": "b", "label": "B", "kind": "store", "lane": "recursive", "tracked": False},
        {"id": "x", "label": "X", "kind": "broker", "lane": "iterative", "tracked": False},
        {"id": "y", "label": "Y", "kind": "queue", "lane": "iterative", "tracked": False}]
    verbs = ["reads", "writes", "creates"]
    data["steps"] = [{"component": a, "action": "Acts", "result": "Done",
                      "interactions": [{"from": a, "to": b, "verb": verb}]}
                     for a, b, verbs_ in (("a", "b", verbs), ("x", "y", ["publishes", "delivers"]))
                     for verb in verbs_]
    assert rows_of(facts_from_data(data)) == {1: 1, 2: 2, 3: 3, 4: 1, 5: 2}


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_every_sample_lesson_gets_a_sensible_alignment(path):
    facts = facts_of(path, f"content/{path.name}")
    rows = rows_of(facts)
    assert sorted(set(rows.values())) == list(range(1, max(rows.values()) + 1))  # no empty rows
    for lane in facts.lesson.lanes:
        mine = [rows[s.number] for s in facts.steps if lane.id in s.lanes]
        assert mine == sorted(set(mine)), lane.id  # each lane keeps its order, one step per row
    assert rows == SAMPLE_ROWS[path.stem]


def test_a_step_in_both_lanes_is_one_row():
    facts = facts_of(SAMPLES[[p.stem for p in SAMPLES].index("service-mesh-vs-library")])
    step = facts.step(8)
    assert step.lanes == ("library", "mesh") and step.row == max(rows_of(facts).values())


# -- the sequence view's lane frames ---------------------------------------------------------

def frame_boxes(root: ET.Element) -> dict[str, tuple[float, float, float, float]]:
    return {name: svg.shape_box(g) for name, g in groups(root, "sd-frame").items()}


def inside(box, outer) -> bool:
    slack = 0.5  # Graphviz rounds coordinates to 2 decimals
    return (outer[0] - slack <= box[0] and outer[1] - slack <= box[1] and box[2] <= outer[2] + slack
            and box[3] <= outer[3] + slack)


def message_box(g: ET.Element) -> tuple[float, float, float, float]:
    """The arrow's outline and its label's estimated extent."""
    x0, y0, x1, y1 = svg.shape_box(g)
    for text in g.iter(f"{S}text"):
        x, y, half = float(text.get("x")), float(text.get("y")), text_width(text.text or "", 12) / 2
        x0, y0, x1, y1 = min(x0, x - half), min(y0, y - 12), max(x1, x + half), max(y1, y + 3)
    return x0, y0, x1, y1


@pytest.mark.parametrize("path", [*SAMPLES, MIDDLEMAN], ids=lambda p: p.parent.name if p == MIDDLEMAN else p.stem)
def test_each_lane_run_is_framed_and_frames_do_not_overlap(path):
    facts = facts_of(path, "content/lesson.yaml")
    result = render(facts)
    root = parse(result.files["sequence.svg"])
    frames, tabs = frame_boxes(root), groups(root, "sd-frame-label")
    runs = lane_runs(facts)
    assert runs and len(frames) == len(runs) == len(tabs)
    labels = {lane.id: lane.label for lane in facts.lesson.lanes}
    messages, notes = groups(root, "sd-message"), groups(root, "sd-note")
    framed = set()
    for k, (lane, numbers) in enumerate(runs, 1):
        box = frames[ids.sequence_frame(k)]
        tab = tabs[ids.sequence_frame(k) + ids.FRAME_LABEL_SUFFIX]
        assert " ".join(t.text for t in tab.iter(f"{S}text")) == labels[lane]
        assert inside(svg.shape_box(tab), box)
        for number in numbers:
            framed.add(number)
            for arrow in facts.step(number).interactions:
                assert inside(message_box(messages[arrow.message]), box), (k, arrow.message)
                assert not inside(message_box(messages[arrow.message]), svg.shape_box(tab))
            if not facts.step(number).interactions:
                assert inside(svg.shape_box(notes[ids.note(number)]), box)
    for a, b in combinations(frames.values(), 2):
        assert a[3] < b[1] or b[3] < a[1], (a, b)  # one above the other, with room between
    for step in facts.steps:  # steps in several lanes or in none stay outside every frame
        if step.number not in framed:
            for arrow in step.interactions:
                centre = message_box(messages[arrow.message])
                assert not any(box[1] <= centre[1] <= box[3] for box in frames.values()), arrow.message


def test_frames_keep_the_page_links(middleman):
    inline = render(middleman).inline["sequence"]
    prefix = ids.inline_prefix(middleman.lesson.id, "sequence")
    for step in middleman.steps:
        for arrow in step.interactions:
            assert re.search(rf'id="{prefix}{arrow.message}"[^>]*data-step="{step.number}"', inline) or \
                re.search(rf'data-step="{step.number}"[^>]*id="{prefix}{arrow.message}"', inline), arrow.message
    assert f'id="{prefix}{ids.sequence_frame(1)}"' in inline
    assert not re.search(rf'id="{prefix}fr\d[^"]*"[^>]*data-step', inline)  # a frame is no link


def test_one_lane_lessons_have_no_frames():
    facts = facts_of(REPO / "tests" / "golden" / "minimal" / "lesson.yaml", "content/minimal.yaml")
    assert lane_runs(facts) == []
    assert not groups(parse(render(facts).files["sequence.svg"]), "sd-frame")
