"""The quiz, driven with the keyboard alone: feedback, reasons, step links, score, saved progress."""
from __future__ import annotations

import json

import pytest

from browserkit import LESSON, player_step, visible_panels

pytestmark = pytest.mark.browser
RIGHT = {1: "B", 2: "C", 3: "A", 4: "B"}  # the seed lesson's answers (the fourth is about its what-if)
WRONG = {1: "C", 2: "A", 3: "D", 4: "A"}  # each has an author's reason


def seed_quiz(page) -> list[dict]:
    return json.loads(page.text_content(".sd-lesson script"))[0]["quiz"]


def answer_with_keyboard(page, question: int, letter: str) -> None:
    """Focus the question's first radio, move with the arrow keys to ``letter``, then press Check."""
    form = f"form.sd-question[data-question='{question}']"
    page.focus(f"{form} input[type=radio] >> nth=0")
    page.keyboard.press("Space")  # selects the focused radio (A)
    for _ in range(ord(letter) - ord("A")):
        page.keyboard.press("ArrowDown")
    assert page.eval_on_selector(f"{form} input:checked", "i => i.value") == letter
    page.keyboard.press("Tab")  # the Check button
    assert page.evaluate("document.activeElement.classList.contains('sd-check')")
    page.keyboard.press("Enter")


def feedback(page, question: int) -> str:
    return page.text_content(f"form.sd-question[data-question='{question}'] .sd-feedback")


def score(page) -> str:
    return page.text_content(".sd-score")


def test_each_question_right_and_wrong(page, lesson_url):
    page.goto(lesson_url + "#quiz")
    page.evaluate("localStorage.clear()")
    page.reload()
    quiz = seed_quiz(page)
    assert score(page).startswith("Score: 0 of 4")
    for q in quiz:
        n = q["index"]
        form = f"form.sd-question[data-question='{n}']"
        assert page.get_attribute(f"{form} .sd-feedback", "aria-live") == "polite"
        answer_with_keyboard(page, n, WRONG[n])
        text = feedback(page, n)
        assert text.startswith(f"Not quite: {WRONG[n]} is not the answer.")
        assert q["reasons"][WRONG[n]] in text  # the author's reason, as text
        links = page.eval_on_selector_all(f"{form} .sd-feedback a", "as => as.map(a => new URL(a.href).hash)")
        names = json.loads(page.text_content(".sd-lesson script"))[0]["grammar"]["names"]
        assert links == [f"#step-{names.get(str(s), s)}" for s in q["steps"]]
        assert "sd-wrong" in page.get_attribute(f"{form} .sd-option[data-letter='{WRONG[n]}']", "class")
        answer_with_keyboard(page, n, RIGHT[n])
        assert feedback(page, n).startswith("Correct.")
        assert "sd-right" in page.get_attribute(f"{form} .sd-option[data-letter='{RIGHT[n]}']", "class")
        assert page.locator(f"{form} .sd-option.sd-wrong").count() == 0
        assert score(page).startswith(f"Score: {n} of 4")
    # a wrong answer's step link opens the player at that step
    answer_with_keyboard(page, 1, "A")
    page.click("form.sd-question[data-question='1'] .sd-feedback a")
    assert visible_panels(page) == ["steps"] and player_step(page) == 4
    assert score(page).startswith("Score: 3 of 4")


def test_hint_answer_and_reset(page, lesson_url):
    page.goto(lesson_url + "#quiz")
    form = "form.sd-question[data-question='2']"
    assert not page.is_visible(f"{form} details.sd-hint p")
    page.focus(f"{form} details.sd-hint summary")
    page.keyboard.press("Enter")
    assert page.is_visible(f"{form} details.sd-hint p")
    assert page.is_visible(f"{form} details.sd-hint a.sd-step-link[data-step='1']")
    page.focus(f"{form} .sd-show-answer")
    page.keyboard.press("Enter")
    assert page.is_visible(f"{form} details.sd-answer p")
    assert "sd-right" in page.get_attribute(f"{form} .sd-option[data-letter='C']", "class")
    answer_with_keyboard(page, 2, "C")
    page.focus(f"{form} .sd-reset-q")
    page.keyboard.press("Enter")
    assert feedback(page, 2) == ""
    assert page.locator(f"{form} input:checked").count() == 0
    assert page.locator(f"{form} .sd-right, {form} .sd-wrong").count() == 0


def test_progress_survives_a_reload_and_clears(page, lesson_url):
    page.goto(lesson_url + "#quiz")
    page.evaluate("localStorage.clear()")
    page.reload()
    answer_with_keyboard(page, 1, "B")
    answer_with_keyboard(page, 3, "B")
    assert score(page).startswith("Score: 1 of 4")
    stored = page.evaluate(f"JSON.parse(localStorage.getItem('stepdeck:quiz:{LESSON}'))")
    assert {k: v["choice"] for k, v in stored.items()} == {"1": "B", "3": "B"}
    page.reload()
    assert score(page).startswith("Score: 1 of 4")
    assert page.eval_on_selector("form.sd-question[data-question='1'] input:checked", "i => i.value") == "B"
    assert feedback(page, 1).startswith("Correct.")
    assert feedback(page, 3).startswith("Not quite")
    page.focus(".sd-clear-progress")
    page.keyboard.press("Enter")
    assert score(page).startswith("Score: 0 of 4")
    assert page.locator("form.sd-question input:checked").count() == 0
    assert page.evaluate(f"localStorage.getItem('stepdeck:quiz:{LESSON}')") is None
    page.reload()
    assert score(page).startswith("Score: 0 of 4")
    assert feedback(page, 1) == ""


def test_author_text_is_never_markup(page, lesson_url):
    """Reasons arrive as text nodes: the feedback holds no element the page did not create itself."""
    page.goto(lesson_url + "#quiz")
    answer_with_keyboard(page, 2, "A")
    tags = page.eval_on_selector_all("form.sd-question[data-question='2'] .sd-feedback *", "es => es.map(e => e.tagName)")
    assert set(tags) <= {"STRONG", "A"}
