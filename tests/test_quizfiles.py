"""Quiz export: QTI 2.1 package, Moodle XML and GIFT, each parsed back and checked against the lesson."""
from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile

import pytest

from generator.model.lesson import OPTION_LETTERS, option_reason, option_text
from generator.model.text import plain_text
from generator.render import quizfiles
from tests.test_diagrams import lesson_of, seed_data

QTI = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"
HOSTILE = "<script>alert(1)</script> & `a{b}~c=d#e:f\\g` ]]> {{ x }}"


@pytest.fixture(scope="module")
def facts():
    """The seed lesson with generated questions on, and one question full of every format's syntax."""
    data = seed_data()
    data["generated_quiz"] = {"count": 3}
    data["quiz"][0]["question"] = "Which step? " + HOSTILE
    data["quiz"][0]["hint"] = "Hint " + HOSTILE
    data["quiz"][0]["options"][1] = {"text": "Step 4 " + HOSTILE, "reason": "Because " + HOSTILE}
    lesson = lesson_of(data)
    assert lesson.generated_quiz, "the fixture must hold generated questions"
    return lesson


def expected(facts):
    """(question, [(text, is_correct, feedback or None)], hint) per question, in plain text."""
    out = []
    for q in facts.quiz:
        options = [(plain_text(option_text(o)), letter == q.answer, option_reason(o))
                   for letter, o in zip(OPTION_LETTERS, q.options)]
        out.append((plain_text(q.question), options, q.hint and plain_text(q.hint)))
    return out


def text_of(element: ET.Element) -> str:
    """Shown text: code elements read as their content (the export's own markup for code spans)."""
    return "".join(element.itertext())


def test_qti_package_matches_the_lesson(facts):
    archive = zipfile.ZipFile(io.BytesIO(quizfiles.qti_package(facts)))
    manifest = ET.fromstring(archive.read("imsmanifest.xml"))
    resources = manifest.findall(f"{CP}resources/{CP}resource")
    assert [r.get("type") for r in resources] == ["imsqti_item_xmlv2p1"] * len(facts.quiz)
    for resource, (question, options, hint) in zip(resources, expected(facts)):
        item = ET.fromstring(archive.read(resource.get("href")))
        assert item.tag == f"{QTI}assessmentItem"
        interaction = item.find(f"{QTI}itemBody/{QTI}choiceInteraction")
        assert text_of(interaction.find(f"{QTI}prompt")) == question
        choices = interaction.findall(f"{QTI}simpleChoice")
        assert [text_of(c) for c in choices] == [text for text, _, _ in options]
        correct = item.find(f"{QTI}responseDeclaration/{QTI}correctResponse/{QTI}value").text
        assert [c.get("identifier") == correct for c in choices] == [ok for _, ok, _ in options]
        feedback = {f.get("identifier"): text_of(f) for f in item.findall(f"{QTI}modalFeedback")}
        for choice, (_, ok, reason) in zip(choices, options):
            assert feedback[choice.get("identifier")] == (plain_text(reason) if reason else
                                                           "Correct." if ok else f"Not quite: the answer is {correct}.")
        assert feedback.get("HINT") == hint
        assert (item.find(f"{QTI}itemBody/{QTI}endAttemptInteraction") is not None) == bool(hint)
    assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def html_text(text_element: ET.Element) -> str:
    """Moodle keeps HTML inside <text>: parse that HTML too, as Moodle would show it."""
    return text_of(ET.fromstring(text_element.text))


def test_moodle_xml_matches_the_lesson(facts):
    root = ET.fromstring(quizfiles.moodle_xml(facts))
    questions = root.findall("question[@type='multichoice']")
    assert len(questions) == len(facts.quiz)
    for element, (question, options, hint) in zip(questions, expected(facts)):
        assert html_text(element.find("questiontext/text")) == question
        answers = element.findall("answer")
        assert [html_text(a.find("text")) for a in answers] == [text for text, _, _ in options]
        assert [a.get("fraction") == "100" for a in answers] == [ok for _, ok, _ in options]
        for answer, (_, _, reason) in zip(answers, options):
            if reason:
                assert html_text(answer.find("feedback/text")) == plain_text(reason)
        hints = element.findall("hint/text")
        assert [html_text(h) for h in hints] == ([hint] if hint else [])


def parse_gift(text: str) -> list[tuple[str, list[tuple[str, bool, str]]]]:
    """A small GIFT reader: unescapes \\~ \\= \\# \\{ \\} \\: \\\\, splits on unescaped marks."""
    def unescape(value: str) -> str:
        return re.sub(r"\\(.)", r"\1", value).strip()

    found = []
    for block in re.findall(r"^::.*?^}", text, flags=re.M | re.S):
        head, body = re.split(r"(?<!\\)\{", block, maxsplit=1)
        question = unescape(re.split(r"(?<!\\)::", head)[2])
        options = []
        for line in body.strip().rstrip("}").strip().splitlines():
            line = line.strip()
            answer, feedback = re.split(r"(?<!\\)#", line[1:], maxsplit=1)
            options.append((unescape(answer), line[0] == "=", unescape(feedback)))
        found.append((question, options))
    return found


def test_gift_matches_the_lesson(facts):
    text = quizfiles.gift(facts).decode("utf-8")
    parsed = parse_gift(text)
    assert len(parsed) == len(facts.quiz)
    for (question, options), (want_q, want_options, _) in zip(parsed, expected(facts)):
        assert question == " ".join(want_q.split())
        assert [(t, ok) for t, ok, _ in options] == [(" ".join(t.split()), ok) for t, ok, _ in want_options]
        for (_, _, feedback), (_, _, reason) in zip(options, want_options):
            if reason:
                assert feedback == " ".join(plain_text(reason).split())


def test_author_text_stays_text_in_every_format(facts):
    assert b"<script>" not in quizfiles.moodle_xml(facts)
    archive = zipfile.ZipFile(io.BytesIO(quizfiles.qti_package(facts)))
    assert all(b"<script>" not in archive.read(name) for name in archive.namelist())
    gift = quizfiles.gift(facts).decode()
    assert "a\\{b\\}\\~c\\=d\\#e\\:f\\\\g" in gift  # every GIFT control character escaped
