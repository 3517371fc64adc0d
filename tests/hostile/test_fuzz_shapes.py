"""Fuzzing with the shapes that found the second round of bugs: huge integers, entity references,
control-character floods (concurrent builds are raced in ``test_lock.py``). Fixed seeds, bounded
example counts, one shared engine: deterministic and a few seconds on 2 cores."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from hypothesis import HealthCheck, given, settings, strategies as st

from generator.check.caps import PER_CODE
from generator.check.pipeline import check_source
from generator.diagrams.draw import draw
from generator.diagrams.engine import Graphviz

from .conftest import LESSON, with_line

BOUNDED = settings(max_examples=60, deadline=None, derandomize=True, database=None,
                   suppress_health_check=list(HealthCheck))
ENGINE = Graphviz()
S = "{http://www.w3.org/2000/svg}"

ENTITY = st.one_of(
    st.integers(0, 0x10FFFF).map(lambda n: f"&#{n};"), st.integers(0, 0x10FFFF).map(lambda n: f"&#x{n:x};"),
    st.sampled_from(["&lt;", "&gt;", "&amp;", "&quot;", "&nbsp;", "&bogus;", "&#;", "&#x;", "&", "&#92;N",
                     "&#92;G", "&#92;l", "&#99999999999;", "&#-1;"]))
FLOOD_CHARS = st.sampled_from(["\x01", "\x1b", "\x7f", "\x85", "\x9b", "\r", "\u2028", "\u2029", "\x00", "\ud800"])


@BOUNDED
@given(digits=st.integers(31, 20_000), sign=st.sampled_from(["", "-", "+", "0x", "0"]),
       field=st.sampled_from(["duration_minutes: {}", "    check: {{step: {}}}", "    steps: [{}]"]))
def test_huge_integers_anywhere_are_diagnostics(digits, sign, field):
    old = {"duration_minutes: {}": "duration_minutes: 5", "    check: {{step: {}}}": "    check: {step: 1}",
           "    steps: [{}]": "    steps: [1]"}[field]
    number = sign + ("f" if sign == "0x" else "7") * digits
    result = check_source(with_line(LESSON, old, field.format(number)).encode(), "content/tiny.yaml")
    assert not result.lessons
    assert [d for d in result.diagnostics if d.code == "limit.length"]
    for d in result.diagnostics:
        d.format()  # printing never meets Python's int-to-text limit


@BOUNDED
@given(st.lists(ENTITY, min_size=1, max_size=6).map(" ".join).filter(lambda t: len(t) <= 80))
def test_entity_references_are_drawn_as_typed(label):
    text = with_line(LESSON, "    label: App", f'    label: "{label}"')  # entities hold no quote or backslash
    result = check_source(text.encode(), "content/tiny.yaml")
    assert result.lessons, [d.format() for d in result.diagnostics]
    diagrams = draw(result.lessons[0].facts, ENGINE, "content/tiny.yaml")
    root = ET.fromstring(diagrams.files["overview.svg"].split("-->", 1)[1])
    node = next(g for g in root.iter(f"{S}g") if g.get("id") == "c1")
    drawn = re.sub(r"\s+", "", "".join("".join(t.itertext()) for t in node.findall(f"{S}text")))
    assert drawn == re.sub(r"\s+", "", label)


@BOUNDED
@given(chars=st.lists(FLOOD_CHARS, min_size=1, max_size=3), count=st.integers(1, 100_000),
       line=st.integers(1, 70))
def test_control_floods_give_at_most_the_shown_diagnostics_and_a_count(chars, count, line):
    lines = LESSON.split("\n")
    flood = "".join(chars) * (count // len(chars) + 1)
    lines.insert(line, flood)
    raw = "\n".join(lines).encode("utf-8", "surrogatepass")
    result = check_source(raw, "content/tiny.yaml")
    found = [d for d in result.diagnostics if d.code == "encoding"]
    assert 1 <= len(found) <= PER_CODE + 1 and not result.lessons
    assert all(d.line <= line + 1 for d in found)
