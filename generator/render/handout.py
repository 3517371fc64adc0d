"""The printable handout of one lesson, for a class: a PDF of A4 pages in the bundled Liberation Sans.

Title and summary, the overview diagram, the execution table, the state tracker,
the key moments and the quiz without answers; the answer key with every
option's reason starts on a last page of its own, so it can be kept back.
"""
from __future__ import annotations

from ..diagrams import svg
from ..diagrams.draw import LessonDiagrams
from ..diagrams.pageflow import PageFlow
from ..model.facts import LessonFacts
from ..model.lesson import OPTION_LETTERS, option_reason, option_text
from ..model.text import plain_text
from .pdfpages import pdf_document


def _quiz(flow: PageFlow, facts: LessonFacts) -> None:
    flow.heading("Quiz")
    for number, q in enumerate(facts.quiz, 1):
        flow.paragraph(f"{number}. {plain_text(q.question)}", 10.5, bold=True, gap=2)
        for letter, option in zip(OPTION_LETTERS, q.options):
            flow.paragraph(f"{letter}. {plain_text(option_text(option))}", 10, gap=1, indent=14)
        flow.y += 6


def _answer_key(flow: PageFlow, facts: LessonFacts) -> None:
    flow.new_page()
    flow.heading("Answer key")
    for number, q in enumerate(facts.quiz, 1):
        right = option_text(q.options[OPTION_LETTERS.index(q.answer)])
        flow.paragraph(f"{number}. {q.answer}: {plain_text(right)}", 10.5, bold=True, gap=2)
        for letter, option in zip(OPTION_LETTERS, q.options):
            reason = option_reason(option)
            if reason:
                flow.paragraph(f"{letter}: {plain_text(reason)}", 9.5, gap=1, indent=14)
        flow.y += 5


def handout(facts: LessonFacts, diagrams: LessonDiagrams, source: str) -> bytes:
    lesson = facts.lesson
    flow = PageFlow(plain_text(lesson.title))
    flow.paragraph(plain_text(lesson.title), 22, bold=True, gap=2)
    if lesson.subtitle:
        flow.paragraph(plain_text(lesson.subtitle), 13, gap=4, muted=True)
    flow.paragraph(f"{len(lesson.steps)} steps · {lesson.duration_minutes} min · {lesson.category}", 9.5, muted=True)
    flow.paragraph(plain_text(lesson.summary), 11)
    flow.heading("Overview")
    flow.picture(diagrams.trees["overview"])
    flow.heading("Execution table")
    flow.table(["Step", "Component", "Action", "Result"],
               [[str(s.number), plain_text(s.actor_label), plain_text(s.source.action), plain_text(s.source.result)]
                for s in facts.steps], [0.5, 1.6, 3, 3])
    tracker = facts.tracker
    flow.heading("State tracker")
    flow.table(["Component", *tracker.labels],
               [[plain_text(component.label), *map(plain_text, states)] for component, states in tracker.rows],
               [1.2] + [1.0] * len(tracker.labels), size=7.5)
    if lesson.key_moments:
        flow.heading("Key moments")
        for moment in lesson.key_moments:
            flow.paragraph(plain_text(moment.question), 10.5, bold=True, gap=1)
            flow.paragraph(plain_text(moment.answer), 10, gap=6)
    if facts.quiz:
        _quiz(flow, facts)
        _answer_key(flow, facts)
    pages = [svg.fixed_theme(page, "light", "", source) for page in flow.pages]
    return pdf_document(pages, plain_text(lesson.title))
