"""The data and helpers of the page around the player: plain text on every sample lesson, the legend,
the legible width the zoom uses, the layout choice, the lane address and the catalog chips."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.diagrams.legend import legend
from generator.model import ids
from generator.render.player import player_data
from generator.render.views import LessonMeta, legible_width, quiz_views, wide_diagram
from lessonkit import facts_of

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "content").glob("*.yaml"))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_captions_narration_and_states_are_plain_text_in_every_sample_lesson(path):
    facts = facts_of(path, f"content/{path.name}")
    data = player_data(facts, quiz_views(facts.quiz))
    texts = [t for s in data["steps"] for t in (s["caption"], s["narration"], *s["states"].values())]
    assert texts and not [t for t in texts if "`" in t]


def test_plain_text_drops_the_backticks_an_author_wrote():
    text = (ROOT / "content" / "tcp-vs-quic.yaml").read_text(encoding="utf-8")
    assert "`" in text  # the sample does use code spans, so the test above has something to strip
    facts = facts_of(text.encode(), "content/tcp-vs-quic.yaml")
    data = player_data(facts, quiz_views(facts.quiz))
    assert not any("`" in s["caption"] + s["narration"] for s in data["steps"])


def test_each_step_names_its_lanes_by_code():
    facts = facts_of(ROOT / "content" / "service-mesh-vs-library.yaml")
    data = player_data(facts, quiz_views(facts.quiz))
    assert [lane["code"] for lane in data["lanes"]] == ["l1", "l2"]
    assert data["steps"][0]["lanes"] == [] and {c for s in data["steps"] for c in s["lanes"]} == {"l1", "l2"}
    assert all(s["lane"] == (s["lanes"][0] if len(s["lanes"]) == 1 else None) for s in data["steps"])
    assert data["grammar"]["step"] == "step-" and data["grammar"]["lane"] == "~"
    assert ids.step_fragment(4, lane_code="l2") == "step-4~l2" and ids.step_fragment(4) == "step-4"
    # a step id and a lane compose: the id names the step, the suffix the lane
    assert ids.step_fragment(4, "sidecar-intercepts", "l2") == "step-sidecar-intercepts~l2"


def test_legend_lists_only_the_styles_used_once_each():
    entries = legend(["app", "client", "sidecar", "network"], ["calls", "responds", "returns", "calls"])
    assert [(e.what, e.style, e.members) for e in entries] == [
        ("line", "request", ("calls",)), ("line", "reply", ("responds", "returns")),
        ("shape", "box-rounded", ("app", "client")), ("shape", "hexagon", ("sidecar",)),
        ("shape", "box-dashed", ("network",))]
    assert "control" not in {e.style for e in entries}
    assert all(e.swatch.startswith("<svg") and 'aria-hidden="true"' in e.swatch for e in entries)
    assert 'stroke-dasharray="5,2"' in entries[1].swatch and "stroke-dasharray" not in entries[0].swatch
    assert "stroke-dasharray" in entries[4].swatch  # a dashed box is drawn dashed


def test_legend_follows_overrides_and_open_words():
    # `style:` on one interaction and an unknown verb (the default style); `shape:`/`family:` on a component
    entries = legend([("exchange", None, None), ("widget", "cylinder", "teal")],
                     [("acks", "reply"), ("frobs", "request"), ("calls", "control")])
    assert [(e.what, e.style, e.members) for e in entries] == [
        ("line", "request", ("frobs",)), ("line", "reply", ("acks",)), ("line", "control", ("calls",)),
        ("shape", "hexagon", ("exchange",)), ("shape", "cylinder", ("widget",))]
    assert entries[-1].family == "teal" and 'stroke-dasharray="1,5"' in entries[2].swatch


def test_legible_width_puts_the_smallest_font_at_the_floor():
    svg = '<svg viewBox="0.00 0.00 600.00 300.00"><text font-size="14">a</text><text font-size="12">b</text></svg>'
    assert legible_width(svg) == 551  # 600 x 11 / 12, rounded up
    assert legible_width("<svg></svg>") == 0


def test_a_flat_diagram_goes_under_the_text():
    assert wide_diagram('<svg viewBox="0 0 1000 600">')  # 0.6 < 0.68
    assert not wide_diagram('<svg viewBox="0 0 700 600">')


def test_chips_say_category_track_and_tags_once():
    meta = LessonMeta("x", "en", "T", None, "Developer tools", "developer-tools", 5, ("git", "Developer-Tools"), "s")
    assert meta.chips == (("category", "Developer tools"), ("tag", "git"))


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_every_fragment_a_page_carries_matches_the_grammar_pattern(path):
    # Zensical's anchor check keeps quiet only about what ids.fragment_pattern() matches
    import re

    facts = facts_of(path, f"content/{path.name}")
    grammar, pattern = player_data(facts, quiz_views(facts.quiz))["grammar"], re.compile(ids.fragment_pattern())
    fragments = [f"step-{n}" for n in range(len(facts.steps) + 1)] + [f"step-{i}" for i in grammar["ids"]]
    fragments += list(grammar["lines"]) + [f + "~l2" for f in list(grammar["lines"])[:1] + fragments[:2]]
    assert fragments and all(pattern.fullmatch(f) for f in fragments), fragments
    assert not pattern.fullmatch("step-") and not pattern.fullmatch("sd-h-flow")
