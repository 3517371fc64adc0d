"""A lesson's quiz (authored and generated questions) for learning platforms: QTI 2.1, Moodle XML, GIFT.

Every question carries its options, its correct answer, each option's feedback
(its reason, or a plain "Correct." / "Not quite: the answer is B.") and its hint
where the format has one (QTI: an end-attempt "Show hint"; Moodle: ``<hint>``;
GIFT has none). Author text is data in every format: XML text nodes are escaped
by ElementTree (code spans become ``<code>`` elements, never parsed markup), and
GIFT's control characters are backslash-escaped.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from ..core import zips
from ..model.facts import LessonFacts
from ..model.lesson import OPTION_LETTERS, option_reason, option_text
from ..model.text import CODE_SPAN, plain_text

QTI_NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
_GIFT_SPECIAL = re.compile(r"([~=#{}:\\])")


@dataclass(frozen=True)
class ExportQuestion:
    number: int
    question: str  # author text (code spans in backticks)
    options: tuple[tuple[str, str, str], ...]  # letter, text, feedback
    answer: str
    hint: str | None


def questions(facts: LessonFacts) -> list[ExportQuestion]:
    out = []
    for number, q in enumerate(facts.quiz, 1):
        options = []
        for letter, option in zip(OPTION_LETTERS, q.options):
            fallback = "Correct." if letter == q.answer else f"Not quite: the answer is {q.answer}."
            options.append((letter, option_text(option), option_reason(option) or fallback))
        out.append(ExportQuestion(number, q.question, tuple(options), q.answer, q.hint))
    return out


def rich(parent: ET.Element, text: str, tag_ns: str = "") -> None:
    """Author text into ``parent`` as escaped text, each code span as a ``<code>`` child."""
    pieces = CODE_SPAN.split(text)  # text, code, text, code, ...
    parent.text = (parent.text or "") + pieces[0]
    last = None
    for i in range(1, len(pieces), 2):
        last = ET.SubElement(parent, f"{tag_ns}code")
        last.text = pieces[i]
        last.tail = pieces[i + 1]


def _xml(root: ET.Element) -> bytes:
    ET.indent(root, space=" ")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8") + b"\n"


def _qti_item(lesson_id: str, q: ExportQuestion) -> ET.Element:
    n = ""  # default namespace set as an attribute: register_namespace is global and SVG owns ""
    item = ET.Element(f"{n}assessmentItem", {"xmlns": QTI_NS, "identifier": f"{lesson_id}-q{q.number}", "title": plain_text(q.question)[:120],
                                             "adaptive": "false", "timeDependent": "false"})
    declaration = ET.SubElement(item, f"{n}responseDeclaration", identifier="RESPONSE", cardinality="single",
                                baseType="identifier")
    ET.SubElement(ET.SubElement(declaration, f"{n}correctResponse"), f"{n}value").text = q.answer
    if q.hint:
        ET.SubElement(item, f"{n}responseDeclaration", identifier="HINTREQUEST", cardinality="single",
                      baseType="boolean")
    for name, base in (("SCORE", "float"), ("FEEDBACK", "identifier")) + ((("SHOWHINT", "identifier"),) if q.hint else ()):
        ET.SubElement(item, f"{n}outcomeDeclaration", identifier=name, cardinality="single", baseType=base)
    body = ET.SubElement(item, f"{n}itemBody")
    interaction = ET.SubElement(body, f"{n}choiceInteraction", responseIdentifier="RESPONSE", shuffle="false",
                                maxChoices="1")
    rich(ET.SubElement(interaction, f"{n}prompt"), q.question, n)
    for letter, text, _ in q.options:
        rich(ET.SubElement(interaction, f"{n}simpleChoice", identifier=letter), text, n)
    if q.hint:
        ET.SubElement(body, f"{n}endAttemptInteraction", responseIdentifier="HINTREQUEST", title="Show hint")
    item.append(_qti_processing(q, n))
    for letter, _, feedback in q.options:
        rich(ET.SubElement(item, f"{n}modalFeedback", outcomeIdentifier="FEEDBACK", identifier=letter,
                           showHide="show"), feedback, n)
    if q.hint:
        rich(ET.SubElement(item, f"{n}modalFeedback", outcomeIdentifier="SHOWHINT", identifier="HINT",
                           showHide="show"), q.hint, n)
    return item


def _qti_processing(q: ExportQuestion, n: str) -> ET.Element:
    processing = ET.Element(f"{n}responseProcessing")
    if q.hint:
        hint_rule = ET.SubElement(ET.SubElement(processing, f"{n}responseCondition"), f"{n}responseIf")
        ET.SubElement(hint_rule, f"{n}variable", identifier="HINTREQUEST")
        ET.SubElement(ET.SubElement(hint_rule, f"{n}setOutcomeValue", identifier="SHOWHINT"), f"{n}baseValue",
                      baseType="identifier").text = "HINT"
    condition = ET.SubElement(processing, f"{n}responseCondition")
    when = ET.SubElement(condition, f"{n}responseIf")
    match = ET.SubElement(when, f"{n}match")
    ET.SubElement(match, f"{n}variable", identifier="RESPONSE")
    ET.SubElement(match, f"{n}correct", identifier="RESPONSE")
    ET.SubElement(ET.SubElement(when, f"{n}setOutcomeValue", identifier="SCORE"), f"{n}baseValue",
                  baseType="float").text = "1"
    otherwise = ET.SubElement(condition, f"{n}responseElse")
    ET.SubElement(ET.SubElement(otherwise, f"{n}setOutcomeValue", identifier="SCORE"), f"{n}baseValue",
                  baseType="float").text = "0"
    ET.SubElement(ET.SubElement(processing, f"{n}setOutcomeValue", identifier="FEEDBACK"), f"{n}variable",
                  identifier="RESPONSE")
    return processing


def qti_package(facts: LessonFacts) -> bytes:
    """A QTI 2.1 content package: one item file per question and the manifest that lists them."""
    lesson_id = facts.lesson.id
    items = [(f"items/q{q.number:02d}.xml", _xml(_qti_item(lesson_id, q))) for q in questions(facts)]
    c = ""
    manifest = ET.Element("manifest", {"xmlns": CP_NS, "identifier": f"{lesson_id}-quiz"})
    metadata = ET.SubElement(manifest, f"{c}metadata")
    ET.SubElement(metadata, f"{c}schema").text = "QTIv2.1 Package"
    ET.SubElement(metadata, f"{c}schemaversion").text = "1.0.0"
    ET.SubElement(manifest, f"{c}organizations")
    resources = ET.SubElement(manifest, f"{c}resources")
    for index, (name, _) in enumerate(items, 1):
        resource = ET.SubElement(resources, f"{c}resource", identifier=f"{lesson_id}-q{index}",
                                 type="imsqti_item_xmlv2p1", href=name)
        ET.SubElement(resource, f"{c}file", href=name)
    return zips.build([("imsmanifest.xml", _xml(manifest)), *items])


def _moodle_text(parent: ET.Element, tag: str, text: str, fmt: str = "html") -> ET.Element:
    element = ET.SubElement(parent, tag, format=fmt) if fmt else ET.SubElement(parent, tag)
    holder = ET.Element("p")
    rich(holder, text)
    ET.SubElement(element, "text").text = ET.tostring(holder, encoding="unicode")
    return element


def moodle_xml(facts: LessonFacts) -> bytes:
    """Moodle XML: the HTML of each text is itself escaped inside ``<text>``, as Moodle reads it."""
    quiz = ET.Element("quiz")
    category = ET.SubElement(quiz, "question", type="category")
    ET.SubElement(ET.SubElement(category, "category"), "text").text = f"$course$/StepDeck/{facts.lesson.id}"
    for q in questions(facts):
        question = ET.SubElement(quiz, "question", type="multichoice")
        ET.SubElement(ET.SubElement(question, "name"), "text").text = f"{facts.lesson.id} {q.number}"
        _moodle_text(question, "questiontext", q.question)
        for tag, value in (("defaultgrade", "1"), ("penalty", "0.3333333"), ("hidden", "0"), ("single", "true"),
                           ("shuffleanswers", "false"), ("answernumbering", "ABCD")):
            ET.SubElement(question, tag).text = value
        for letter, text, feedback in q.options:
            answer = _moodle_text(question, "answer", text)
            answer.set("fraction", "100" if letter == q.answer else "0")
            _moodle_text(answer, "feedback", feedback)
        if q.hint:
            _moodle_text(question, "hint", q.hint)
    return _xml(quiz)


def gift_escape(text: str) -> str:
    return _GIFT_SPECIAL.sub(r"\\\1", " ".join(plain_text(text).split()))


def gift(facts: LessonFacts) -> bytes:
    """GIFT: plain text (code spans lose their backticks), one blank line between questions."""
    blocks = [f"// {gift_escape(facts.lesson.title)} (StepDeck lesson {facts.lesson.id})",
              f"$CATEGORY: $course$/StepDeck/{facts.lesson.id}"]
    for q in questions(facts):
        lines = [f"::{gift_escape(f'{facts.lesson.id} {q.number}')}::{gift_escape(q.question)} {{"]
        for letter, text, feedback in q.options:
            mark = "=" if letter == q.answer else "~"
            lines.append(f"\t{mark}{gift_escape(text)}#{gift_escape(feedback)}")
        lines.append("}")
        blocks.append("\n".join(lines))
    return ("\n\n".join(blocks) + "\n").encode("utf-8")
