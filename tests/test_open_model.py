"""Open verbs and kinds, snake_case ids, step ids that survive an insertion, `fmt --step-ids`,
count and what-it-does answer checks, and version 1 files."""
from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
import yaml

from generator.check.pipeline import check_source
from generator.check.rewrite import add_step_ids
from generator.model.lesson import SCHEMA_VERSION
from generator.model.schema import lesson_schema
from generator.model.vocabulary import KINDS, STYLES, VERB_STYLES, VERBS, kind_look, verb_style
from generator.render.environment import environment
from generator.render.pages import lesson_page

from lessonkit import facts_of, render

ROOT = Path(__file__).resolve().parent.parent
MESSAGING = ROOT / "content" / "kafka-log-vs-rabbitmq-queue.yaml"
SEED = ROOT / "content" / "service-mesh-vs-library.yaml"
MINIMAL = (ROOT / "tests" / "golden" / "minimal" / "lesson.yaml").read_text(encoding="utf-8")

# The eight verbs a messaging lesson needed and the old closed list refused, with the style each
# must get: what an arrow of that verb means in a messaging system.
MESSAGING_VERBS = {"appends": "write", "fetches": "request", "replies": "reply", "commits": "write",
                   "subscribes": "control", "routes": "event", "pushes": "event", "acks": "reply"}


def _errors(text: str, strict: bool = False) -> list:
    return [d for d in check_source(text, "content/minimal.yaml", strict=strict).diagnostics if d.is_error]


@pytest.mark.parametrize("verb, style", MESSAGING_VERBS.items())
def test_each_messaging_verb_gets_its_style(verb, style):
    assert verb_style(verb) == style


def test_the_messaging_lesson_draws_each_verb_in_its_style():
    facts = facts_of(MESSAGING)
    drawn = {arrow.source.verb: arrow.style for step in facts.steps for arrow in step.interactions}
    assert {verb: drawn[verb] for verb in MESSAGING_VERBS} == MESSAGING_VERBS
    assert check_source(MESSAGING.read_bytes(), "content/kafka-log-vs-rabbitmq-queue.yaml", strict=True).ok
    assert "message_broker" not in KINDS  # snake_case ids and kinds outside the table need no code change
    assert {c.kind for c in facts.lesson.components} - {"queue"} <= set(KINDS)  # producer, partition, ... built in


def test_the_style_table_is_large_and_every_reply_is_ranked_with_its_request():
    assert len(VERB_STYLES) >= 80 and set(VERB_STYLES.values()) == set(STYLES)
    text = MINIMAL.replace("verb: responds", "verb: acks")
    dot = render_dot(text)
    assert 'c1 -> c2 [id="e2-1"' in dot and 'dir="back"' in dot  # drawn back, ranked as its request


def render_dot(text: str) -> str:
    from generator.diagrams.overview import overview
    return overview(facts_of(text))


def test_an_unknown_verb_and_kind_are_accepted_with_the_defaults_and_overrides_win():
    text = (MINIMAL.replace("verb: requests", "verb: hands over").replace("kind: server", "kind: teapot", 1))
    assert _errors(text) == []
    facts = facts_of(text)
    assert facts.steps[0].interactions[0].style == "request"
    assert kind_look("teapot") == ("rounded-box", "grey")
    styled = text.replace("verb: hands over}", "verb: hands over, style: event}")
    assert facts_of(styled).steps[0].interactions[0].style == "event"
    shaped = text.replace("kind: teapot", "kind: teapot, shape: cylinder, family: amber")
    assert 'shape="cylinder"' in render_dot(shaped) and "sd-fam-amber" in render_dot(shaped)
    assert _errors(text.replace("verb: hands over", "verb: Hands Over"))[0].code == "schema.pattern"
    assert _errors(text.replace("verb: hands over", "verb: one two three four"))[0].code == "schema.pattern"


def test_the_schema_offers_the_built_in_verbs_and_kinds_and_accepts_others():
    defs = lesson_schema()["$defs"]
    verb, kind = defs["Interaction"]["properties"]["verb"], defs["Component"]["properties"]["kind"]
    assert verb["anyOf"][0]["enum"] == list(VERBS) and "pattern" in verb["anyOf"][1]
    assert kind["anyOf"][0]["enum"] == list(KINDS) and "pattern" in kind["anyOf"][1]


def test_a_bad_id_is_reported_once_at_its_definition_with_a_fix():
    text = MINIMAL.replace("id: server", "id: Message Broker").replace("server", "Message Broker")
    errors = _errors(text)
    definition = [d for d in errors if d.code == "schema.slug"]
    assert len(definition) == 1 and definition[0].path == "components[1].id"
    assert "write it as 'message-broker'" in definition[0].format()
    references = [d for d in errors if d.code == "schema.slug-ref"]
    assert references and all("refers to 'Message Broker'" in d.message for d in references)
    assert {d.code for d in errors} == {"schema.slug", "schema.slug-ref"}
    snake = MINIMAL.replace("server", "message_broker").replace("kind: message_broker", "kind: server")
    assert "message_broker" in snake and _errors(snake) == []


def _with_step_inserted(text: str) -> str:
    """The messaging lesson with a new step between `kafka_reply` and `kafka_fetch`."""
    new_step = ("  - id: kafka_rebalance\n    component: billing_group\n    action: Rebalances the group\n"
                "    result: The assignment is unchanged\n    interactions:\n"
                "      - {from: billing_group, to: kafka_consumer, verb: rebalances}\n\n")
    marker = "  - id: kafka_fetch\n"
    assert text.count(marker) == 1
    return text.replace(marker, new_step + marker)


def _referenced(facts) -> dict:
    """Every step reference of the lesson, as the action of the step it points to."""
    lesson = facts.lesson

    def action(n: int, scenario: str | None = None) -> str:  # a what-if's steps count along its line
        return facts.line(scenario).lesson.steps[n - 1].action

    return {"moments": [[action(n, m.scenario) for n in m.steps] for m in lesson.key_moments],
            "quiz": [[action(n, q.scenario) for n in q.steps] for q in lesson.quiz],
            "columns": [action(at) if isinstance(at, int) else at for at in facts.tracker.columns],
            "cells": [[action(c.at, q.scenario) if isinstance(c.at, int) else c.at for c in q.cells]
                      for q in lesson.quiz],
            "forks": [(s.source.id, action(s.fork)) for s in facts.scenarios]}


def _links(facts) -> list[str]:
    page = lesson_page(environment(None), facts, render(facts), "content/x.yaml", "../../")
    moments = page[page.index('id="sd-panel-moments"'):]
    return re.findall(r'class="sd-step-link" href="#([^"]+)"', moments)


def test_inserting_a_step_keeps_every_id_reference_and_link_on_its_step():
    text = MESSAGING.read_text(encoding="utf-8")
    inserted = _with_step_inserted(text)
    # The one thing that moves is prose that spells a number: the answer check catches it.
    assert [d.code for d in _errors(inserted)] == ["check.answer"]
    inserted = inserted.replace("      - Step 10\n", "      - Step 11\n")
    before, after = facts_of(text), facts_of(inserted)
    assert len(after.steps) == len(before.steps) + 1
    assert _referenced(after) == _referenced(before)
    assert after.tracker.rows == before.tracker.rows
    links = _links(before)
    assert links and links == _links(after) and all(not link[len("step-"):].isdigit() for link in links)
    for facts in (before, after):  # the frame named by id shows the same step after the insertion
        rendered = render(facts)  # the id-named copy is the site's alone (docs_only)
        files = {**rendered.files, **rendered.docs_only}
        assert "Commits offset 42" in files["step-kafka_commit.svg"]
        assert files["step-kafka_commit.svg"] == files[f"step-{facts.lesson.steps.index(next(s for s in facts.lesson.steps if s.id == 'kafka_commit')) + 1:02d}.svg"]
    numbered = yaml.safe_load(text)
    assert numbered["tracker"]["checkpoints"][1] == "kafka_append"


def test_numbered_references_in_a_long_lesson_get_a_lint_that_names_the_fix():
    text = SEED.read_text(encoding="utf-8").replace("steps: [sends-config-policies]", "steps: [7]")
    warnings = [d for d in check_source(text, "content/service-mesh-vs-library.yaml").diagnostics
                if d.code == "lint.step-by-number"]
    assert len(warnings) == 1 and "use its id 'sends-config-policies'" in warnings[0].format()
    assert not [d for d in check_source(MINIMAL, "content/minimal.yaml").diagnostics
                if d.code == "lint.step-by-number"]  # two steps: numbers are as stable as ids


def test_fmt_step_ids_changes_only_the_id_lines_and_the_references():
    text = SEED.read_text(encoding="utf-8")
    # The seed as it was before its conversion: no ids, every reference a number.
    original = re.sub(r"\n    id: [a-z-]+", "", text)
    numbers = {s.id: n for n, s in enumerate(facts_of(text).lesson.steps, 1)}
    for step_id, number in sorted(numbers.items(), key=lambda item: -len(item[0])):
        original = re.sub(rf"(?<![a-z-]){step_id}(?![a-z-])", str(number), original)
    original = original.replace(f"schema_version: {SCHEMA_VERSION}", "schema_version: 1")
    facts = facts_of(original)
    assert facts.tracker == facts_of(text).tracker
    rewritten = add_step_ids(original, facts_of(original).authored)
    diff = [line for line in difflib.ndiff(original.splitlines(), rewritten.splitlines()) if line[:1] in "+-"]
    added = [line for line in diff if line.startswith("+ ")]
    removed = [line for line in diff if line.startswith("- ")]
    ids_added = [line for line in added if re.fullmatch(r"\+     id: [a-z0-9-]+", line)]
    assert len(ids_added) == len(facts.steps)
    assert len(removed) == len(added) - len(ids_added)  # every other change is one line rewritten
    for old, new in zip(removed, [line for line in added if line not in ids_added]):
        assert re.sub(r"\b\d+\b", "N", old[2:]) != old[2:]  # the old line named a step by number
        assert re.sub(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)+|\b\d+\b", "X", old[2:]) == \
            re.sub(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)+|\b\d+\b", "X", new[2:])  # ...and only that changed
    comments = [line for line in original.splitlines() if line.lstrip().startswith("#")]
    assert comments == [line for line in rewritten.splitlines() if line.lstrip().startswith("#")]
    after = facts_of(rewritten)
    assert after.tracker == facts.tracker and after.lesson.schema_version == SCHEMA_VERSION
    assert add_step_ids(rewritten, after.authored) == rewritten  # a second run changes nothing


def test_count_and_what_it_does_checks_catch_a_wrong_answer():
    text = MESSAGING.read_text(encoding="utf-8")
    wrong_count = text.replace("options: [\"1\", \"2\", \"3\"]\n    answer: B", "options: [\"1\", \"2\", \"3\"]\n    answer: C")
    assert [d.code for d in _errors(wrong_count)] == ["check.ambiguous", "check.answer"]
    wrong_step = text.replace("check: {step: {from: rabbit_consumer, verb: acks}}",
                              "check: {step: {from: rabbit_consumer, verb: subscribes}}")
    assert "says the answer is step 6" in _errors(wrong_step)[0].message
    nothing = text.replace("verb: acks}}", "verb: nacks}}")
    assert [d.code for d in _errors(nothing)] == ["ref.step"]
    generated = facts_of(MESSAGING).generated_quiz
    assert any(q.check and q.check.count for q in generated)


def test_a_version_1_file_is_still_read_and_built(tmp_path):
    assert "schema_version: 1" in MINIMAL
    facts = facts_of(MINIMAL)
    assert facts.lesson.schema_version == 1
    files = render(facts).files
    assert "overview.svg" in files and "step-01.svg" in files
    assert [d.code for d in _errors(MINIMAL.replace("schema_version: 1", "schema_version: 3"))] == ["schema.choice"]


def test_the_guide_pictures_draw_every_style_and_shape():
    from generator.diagrams import gallery
    from generator.diagrams.engine import Graphviz
    from generator.model.vocabulary import SHAPES

    graphviz = Graphviz()
    pictures = gallery.pictures({path: graphviz.layout(dot) for path, dot in gallery.sources().items()})
    styles, shapes = pictures["assets/stepdeck-styles.svg"], pictures["assets/stepdeck-shapes.svg"]
    assert all(f"sd-style-{style}" in styles for style in STYLES)
    assert shapes.count('class="node sd-node') == len(SHAPES) and "consumer-group" in shapes
