"""What-if scenarios: derived like a lesson, drawn in the one layout, and offered by the page."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.check.pipeline import check_source
from generator.model import ids
from generator.render.deck import deck
from generator.render.slidefiles import slide_set
from generator.render.environment import environment
from generator.render.pages import lesson_page

from lessonkit import facts_of, render

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "content" / "service-mesh-vs-library.yaml"
KAFKA = ROOT / "content" / "kafka-log-vs-rabbitmq-queue.yaml"


@pytest.fixture(scope="module")
def seed():
    return facts_of(SEED)


@pytest.fixture(scope="module")
def drawn(seed):
    return render(seed)


def test_the_seed_answers_its_third_question_with_a_scenario_and_its_own_states(seed):
    third = seed.lesson.quiz[2]
    assert third.question.startswith("If the control plane stops sending config")
    (scenario,) = seed.scenarios
    assert scenario.source.title == "If the control plane stops sending config"
    assert scenario.fork == 6 and [s.source.id for s in scenario.own_steps] == [
        "config-missing", "stale-policy", "response-anyway"]
    line = scenario.line
    assert line.state_at("control-plane", "final") == "Unreachable"
    assert line.state_at("sidecar", "final") == "Running on stale config"
    assert seed.state_at("sidecar", "final") == "Idle"  # the main line is untouched
    assert line.tracker.labels == ("At the fork (after step 6)", "After what-if step 7", "After what-if step 8",
                                   "End of the what-if")
    assert [i.edge for s in scenario.own_steps for i in s.interactions] == ["x1-8-1"]


def test_a_question_about_a_scenario_is_checked_against_its_line():
    text = SEED.read_text(encoding="utf-8")
    assert check_source(text, "content/service-mesh-vs-library.yaml", strict=True).ok
    wrong = text.replace("    answer: B\n    hint: Step through the what-if", "    answer: A\n    hint: Step through the what-if")
    codes = [d.code for d in check_source(wrong, "content/service-mesh-vs-library.yaml").diagnostics if d.is_error]
    assert codes == ["check.ambiguous", "check.answer"]
    unknown = text.replace("    scenario: config-stops\n    steps: [stale-policy]", "    scenario: config-stop\n    steps: [stale-policy]")
    codes = [d.code for d in check_source(unknown, "content/service-mesh-vs-library.yaml").diagnostics if d.is_error]
    assert codes == ["ref.scenario"]
    bad_fork = text.replace("after: reports-metrics-control", "after: 42")
    assert [d.code for d in check_source(bad_fork, "x.yaml").diagnostics if d.is_error] == ["ref.step"]


def test_scenario_arrows_are_in_the_one_layout_but_drawn_only_in_their_frames(drawn):
    main = [drawn.files["overview.svg"], *(drawn.files[f"step-{n:02d}.svg"] for n in range(10))]
    assert all('id="x1-' not in text for text in main)
    assert 'id="x1-8-1"' in drawn.files["what-if-config-stops-08.svg"]
    assert 'id="x1-8-1"' not in drawn.files["what-if-config-stops-07.svg"]  # a later step: not yet drawn
    assert 'id="e7-1"' not in drawn.files["what-if-config-stops-09.svg"]  # the main step the fork skips
    assert 'id="e6-1"' in drawn.files["what-if-config-stops-09.svg"]  # the steps before the fork stay
    fork = drawn.files["what-if-config-stops-06.svg"]
    assert "the story forks after step 6" in fork
    desc = re.search(r'<desc id="sd-desc">([^<]*)', drawn.files["what-if-config-stops-08.svg"]).group(1)
    assert "what-if: If the control plane stops sending config (forks after step 6)" in desc
    overview_desc = re.search(r'<desc id="sd-desc">([^<]*)', drawn.files["overview.svg"]).group(1)
    assert "What-if: If the control plane stops sending config, forking after step 6" in overview_desc
    # the same coordinates in every frame: the scenario's arrows took their place in the one layout
    box = re.compile(r'<svg [^>]*viewBox="([^"]+)"')
    assert box.search(fork).group(1) == box.search(drawn.files["step-06.svg"]).group(1)


def test_the_sequence_view_puts_the_scenario_in_an_alt_frame_after_its_fork(drawn):
    sequence = drawn.files["sequence.svg"]
    assert 'id="alt1"' in sequence and "alt [If the control plane stops sending config]" in sequence
    order = [m.group(1) for m in re.finditer(r'<g id="((?:m|y)[0-9-]+|alt1)"', sequence)]
    assert order.index("m6-1") < order.index("y1-8-1") < order.index("m7-1")


def test_the_page_offers_the_fork_tables_tracker_transcript_and_addresses(seed, drawn):
    page = lesson_page(environment(None), seed, drawn, "content/x.yaml", "../../")
    data = json.loads(re.search(r'<script[^>]*class="sd-data"[^>]*>(.*?)</script>', page, re.S).group(1))[0]
    assert data["scenarios"][0]["fork"] == 6 and len(data["scenarios"][0]["steps"]) == 10
    lines = data["grammar"]["lines"]
    assert lines["what-if-config-stops"] == [0, 7] and lines["what-if-config-stops/step-stale-policy"] == [0, 8]
    assert data["grammar"]["lineNames"][0]["8"] == "what-if-config-stops/step-stale-policy"
    assert 'class="sd-fork-offer" data-fork="6" data-scenario="0" hidden' in page
    assert 'data-action="take" data-scenario="0">What-if: If the control plane stops sending config' in page
    assert '<table class="sd-table sd-execution sd-stack" data-scenario="0">' in page
    assert '<table class="sd-table sd-tracker" data-scenario="0">' in page
    assert "What-if scenarios</h3>" in page and "Forwards the next call with the last policy it received" in page
    assert 'href="#what-if-config-stops/step-config-missing"' in page  # the key moment about it
    assert f'id="{ids.scenario_player_prefix(seed.lesson.id, 1)}x1-8-1"' in page


def test_export_adds_the_scenario_frames_as_slides_after_the_fork(seed, drawn):
    pictures = slide_set(seed, drawn, "light", "16:9", "theme", "content/lesson.yaml")
    slides = re.findall(r'<section[^>]* id="(slide-[^"]+)"', deck(environment(None), seed, pictures))
    assert slides[0] == "slide-title"  # the title slide, then the frames from slide-0
    assert slides[7:13] == ["slide-6", "slide-what-if-config-stops-06", "slide-what-if-config-stops-07",
                            "slide-what-if-config-stops-08", "slide-what-if-config-stops-09", "slide-7"]


def test_the_failure_scenario_and_the_generated_quiz_refer_to_scenario_states():
    facts = facts_of(KAFKA)
    (crash,) = facts.scenarios
    assert crash.fork == 9 and crash.line.state_at("billing_queue", "final") == "1 unacked"
    generated = [q for q in facts.generated_quiz if q.scenario == "consumer-crash"]
    assert generated and generated[0].check.state.at == "final"

