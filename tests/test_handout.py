"""The printable handout: every section in order, text extractable, the answer key alone at the end."""
from __future__ import annotations

import io

from pypdf import PdfReader

from generator.model.lesson import OPTION_LETTERS, option_reason
from generator.model.text import plain_text
from generator.render import handout
from tests.test_diagrams import lesson_of, render, seed_data


def squash(text: str) -> str:
    return " ".join(text.split())


def test_handout_holds_every_section_and_ends_with_the_answer_key():
    facts = lesson_of(seed_data())
    data = handout.handout(facts, render(facts), "content/x.yaml")
    reader = PdfReader(io.BytesIO(data))
    pages = [squash(page.extract_text()) for page in reader.pages]
    fonts = {str(f.get_object()["/BaseFont"]) for page in reader.pages for f in page["/Resources"]["/Font"].values()}
    assert fonts and all("LiberationSans" in name for name in fonts), fonts  # the bundled font only
    before_key, key = " ".join(pages[:-1]), pages[-1]
    order = [facts.lesson.title, "Overview", "Execution table", "State tracker", "Key moments", "Quiz"]
    positions = [before_key.find(squash(plain_text(part))[:40]) for part in order]
    assert -1 not in positions and positions == sorted(positions), dict(zip(order, positions))
    assert "Answer key" in key and "Answer key" not in before_key
    for step in facts.steps:
        assert squash(plain_text(step.source.action))[:25] in before_key
    for number, q in enumerate(facts.quiz, 1):
        assert squash(plain_text(q.question))[:30] in before_key
        assert f"{number}. {q.answer}:" in key
        for letter, option in zip(OPTION_LETTERS, q.options):
            if option_reason(option):
                assert squash(plain_text(option_reason(option)))[:25] in key
    assert data == handout.handout(facts, render(facts), "content/x.yaml")
