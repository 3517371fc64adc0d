"""Generated questions: answers computed from the model, distractors from the lesson and never also correct."""
from __future__ import annotations

import re
from pathlib import Path

import yaml
from hypothesis import given, settings, strategies as st

from generator.check.pipeline import check_project, check_source
from generator.commands.check import check
from generator.model import quiz as questions
from generator.model.derive import derive
from generator.model.facts import LessonFacts
from generator.model.lesson import Lesson, option_text
from generator.model.project import load_project
from generator.site.generate import generate_files

ROOT = Path(__file__).resolve().parent.parent
# Lessons that validate (others may be half-written in the checkout; test_schema covers those).
LESSONS = [item.facts for item in check_project(load_project(ROOT)).lessons]


def all_kinds(facts: LessonFacts) -> list:
    return (questions.step_of_action(facts) + questions.state_after_step(facts) + questions.target_of_step(facts)
            + questions.count_of_verb(facts) + questions.state_in_scenario(facts))


def correct_options(facts: LessonFacts, q) -> set[str]:
    """Which option texts are right, recomputed from the question text and the model alone."""
    lesson = facts.lesson
    texts = [option_text(o) for o in q.options]
    if m := re.fullmatch(r"At which step does (.+) do this: \u201c(.+)\u201d\?", q.question, re.S):
        wanted = {c.id for c in lesson.components if c.label == m[1]}
        return {t for t in texts if (s := lesson.steps[int(t.split()[1]) - 1]).component in wanted
                and s.action == m[2]}
    if m := re.fullmatch(r"What is the state of (.+) after step (\d+)\?", q.question, re.S):
        return {t for t in texts for c in lesson.components if c.label == m[1] and c.tracked
                and facts.timeline[int(m[2])][c.id] == t}
    if m := re.fullmatch(r"(.+): what state is (.+) in at the end\?", q.question, re.S):
        line = facts.line(q.scenario)
        return {t for t in texts for c in lesson.components if c.label == m[2] and c.tracked
                and line.timeline[-1][c.id] == t}
    if m := re.fullmatch(r"In how many steps does (.+) send \u201c(.+)\u201d\?", q.question, re.S):
        senders = {c.id for c in lesson.components if c.label == m[1]}
        count = sum(any(i.from_ in senders and i.verb == m[2] for i in s.interactions) for s in lesson.steps)
        return {t for t in texts if t == str(count)}
    m = re.fullmatch(r"Which component does (.+) send to at step (\d+)\?", q.question, re.S)
    assert m, q.question
    step = lesson.steps[int(m[2]) - 1]
    actors = {c.id for c in lesson.components if c.label == m[1]}
    sent = {i.to for i in step.interactions if i.from_ == step.component and i.from_ in actors}
    return {t for t in texts if any(c.id in sent and c.label == t for c in lesson.components)}


def assert_sound(facts: LessonFacts) -> None:
    questions_ = all_kinds(facts)
    for q in questions_:
        texts = [option_text(o) for o in q.options]
        assert len(set(texts)) == len(texts) >= 2, q
        assert correct_options(facts, q) == {texts["ABCDEFGH".index(q.answer)]}, q
    # And the checker's own answer checks agree (check.answer / check.ambiguous), each question at its place.
    data = facts.lesson.model_dump(by_alias=True, exclude_none=True)
    data["quiz"] = [q.model_dump(by_alias=True, exclude_none=True) for q in questions_]
    data.pop("generated_quiz", None)
    errors = [d.format() for d in check_source(yaml.safe_dump(data), "x.yaml").diagnostics if d.is_error]
    assert errors == []


def test_every_content_lesson_exhaustively():
    assert LESSONS
    for lesson in LESSONS:
        assert len(all_kinds(lesson)) >= 6
        assert_sound(lesson)


LABELS = st.sampled_from(["Alpha", "Beta", "Gamma", "Alpha"])  # repeated labels on purpose
WORDS = st.sampled_from(["Idle", "Busy", "Done"])


@st.composite
def lessons(draw):
    n = draw(st.integers(2, 4))
    ids = [f"c{i}" for i in range(1, n + 1)]
    components = []
    for cid in ids:
        tracked = draw(st.booleans())
        components.append({"id": cid, "label": draw(LABELS), "kind": "service", "tracked": tracked,
                           **({"initial_state": draw(WORDS)} if tracked else {})})
    tracked_ids = [c["id"] for c in components if c["tracked"]]
    steps = []
    for _ in range(draw(st.integers(1, 7))):
        step = {"action": draw(st.sampled_from(["Go", "Stop"])), "result": "r"}
        actor = draw(st.sampled_from(ids + [None]))
        if actor:
            step["component"] = actor
        else:
            step["label"] = "End"
        step["interactions"] = [{"from": draw(st.sampled_from(ids)), "to": draw(st.sampled_from(ids)),
                                 "verb": "calls"} for _ in range(draw(st.integers(0, 2)))]
        step["state"] = {c: draw(WORDS) for c in tracked_ids if draw(st.booleans())}
        steps.append(step)
    return derive(Lesson.model_validate({"schema_version": 1, "id": "h", "title": "t", "category": "c",
                                         "duration_minutes": 1, "summary": "s", "components": components,
                                         "steps": steps, "generated_quiz": {"count": draw(st.integers(1, 20))}}))


@settings(max_examples=300, deadline=None)
@given(lessons())
def test_random_lessons_never_get_a_wrong_or_ambiguous_question(lesson):
    assert_sound(lesson)
    picked = questions.generate(lesson)
    assert picked == questions.generate(lesson)  # deterministic
    assert picked == list(lesson.generated_quiz)  # the facts carry the same questions
    assert len(picked) == min(lesson.lesson.generated_quiz.count, len(all_kinds(lesson)))
    assert len({q.question for q in picked}) == len(picked)


def test_not_generated_unless_opted_in():
    assert all(facts.generated_quiz == () for facts in LESSONS if not facts.lesson.generated_quiz)
    lesson = derive(LESSONS[0].lesson.model_copy(update={"generated_quiz": None}))
    assert questions.generate(lesson) == [] and lesson.generated_quiz == ()


def test_kinds_and_count_are_honoured():
    seed = next(facts.lesson for facts in LESSONS if facts.lesson.id == "service-mesh-vs-library")
    lesson = derive(Lesson.model_validate({**seed.model_dump(by_alias=True, exclude_none=True),
                                           "generated_quiz": {"count": 4, "kinds": ["state-after-step"]}}))
    picked = questions.generate(lesson)
    assert [q.question for q in picked] == [
        "What is the state of Application after step 1?",
        "What is the state of Application after step 3?",
        "What is the state of Sidecar Proxy after step 4?",
        "What is the state of Application after step 8?"]
    assert [q.answer for q in picked] == ["C", "B", "A", "C"]
    assert [option_text(o) for o in picked[2].options] == [
        "Applying policies", "Intercepting request", "N/A", "Reporting metrics"]


def test_generated_questions_reach_the_page_and_the_player(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n")
    text = (ROOT / "content" / "service-mesh-vs-library.yaml").read_text()
    (tmp_path / "content" / "seed.yaml").write_text(text + "generated_quiz: {count: 3}\n")
    project = load_project(tmp_path)
    page = generate_files(project, check(project).lessons).docs["lessons/service-mesh-vs-library.md"].decode()
    assert page.count('class="sd-question"') == 7  # 4 authored + 3 generated
    assert "Test your understanding: 7 questions." in page
    generated = check(project).lessons[0].facts.generated_quiz
    for number, q in enumerate(generated, 5):
        assert f'"index":{number}' in page and f'data-question="{number}"' in page
        assert f'"answer":"{q.answer}"' in page
