"""Threat 4: author text in diagrams is drawn literally and never becomes DOT syntax or active SVG."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.commands.build import build
from generator.diagrams import dot
from generator.diagrams.draw import sources
from generator.diagrams.engine import Graphviz
from generator.model.limits import Limits
from generator.model.project import load_project
from lessonkit import facts_of

from .conftest import make_project
from .payloads import HOSTILE, hostile_lesson, q

DOT_TRICKS = [
    'quo"te', "back\\slash", "end\\", "\\N node", "\\G graph", "left\\l", "\\E\\T\\H", "\\n newline",
    "<b>html</b>", "<<table>>", "a:b", "a:b:c", "n1 -> n2", "];", "} digraph x {", '" ] [label="pwn',
    "-- edge", "node [shape=none]", "URL=javascript:alert(1)", "href=file:///etc/passwd", "@import url(x)",
]
S = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"


def _lesson(labels: list[str]):
    """A lesson whose component, lane, stage and arrow labels are ``labels``."""
    comps = "\n".join(f"  - {{id: c{i}, label: {q(t)}, kind: service, tracked: false, lane: l{i % 2}}}"
                      for i, t in enumerate(labels))
    steps = "\n".join(f"  - {{component: c{i}, action: a, result: r, interactions: "
                      f"[{{from: c{i}, to: c{(i + 1) % len(labels)}, verb: calls, label: {q(t)}}}]}}"
                      for i, t in enumerate(labels))
    stages = "\n".join(f"    - {{id: s{i}, label: {q(t)}}}" for i, t in enumerate(labels))
    text = f"""schema_version: 1
id: dots
title: Dots
category: Testing
duration_minutes: 5
summary: Hostile labels.
lanes:
  - {{id: l0, label: {q(labels[0])}}}
  - {{id: l1, label: {q(labels[1])}}}
components:
{comps}
steps:
{steps}
process_flow:
  stages:
{stages}
  arrows:
    - {{from: s0, to: s1, label: {q(labels[2])}}}
  caption: c
"""
    return facts_of(text, "content/dots.yaml")


def _strip_quoted(source: str) -> str:
    return re.sub(r'"(?:[^"\\]|\\.)*"', '""', source)


@pytest.fixture(scope="module")
def lesson():
    return _lesson(DOT_TRICKS)


@pytest.fixture(scope="module")
def layouts(lesson):
    graphviz = Graphviz(Limits().layout_seconds)
    return {view: graphviz.layout(source) for view, source in sources(lesson).items()}


def test_author_text_only_appears_inside_quoted_strings(lesson):
    for view, source in sources(lesson).items():
        bare = _strip_quoted(source)
        # Outside quotes, only generated ids, keywords, trusted attribute names and numbers remain.
        words = set(re.findall(r"[A-Za-z_][A-Za-z0-9_\-]*", bare))
        assert not words & {"pwn", "javascript", "alert", "html", "table", "URL", "href", "file", "none", "x"}, view
        ids = set(re.findall(r"^\s*([A-Za-z0-9_]+) (?:\[|->)", bare, re.M)) - {"graph", "node", "edge"}
        assert all(re.fullmatch(r"[cs]\d+|[A-Za-z]\d+(?:-\d+)?|fr\d+", i) for i in ids), ids
        for line in bare.splitlines():
            assert line.count("[") == line.count("]"), line  # no attribute list was closed early


def test_quote_escapes_every_dot_metacharacter():
    assert dot.quote('a"b') == '"a\\"b"'
    assert dot.quote("a\\b") == '"a\\\\b"'
    assert dot.quote("\\N") == '"\\\\N"'
    assert dot.quote("end\\") == '"end\\\\"'


def _node_texts(svg_text: str) -> dict[str, str]:
    """Generated element id -> its drawn text, all whitespace removed (wrapping adds line breaks)."""
    root = ET.fromstring(svg_text[svg_text.index("<svg"):])
    out = {}
    for g in root.iter(f"{S}g"):
        if g.get("id"):
            out[g.get("id")] = "".join("".join(t.itertext()) for t in g.findall(f"{S}text"))
    return {k: re.sub(r"\s+", "", v) for k, v in out.items()}


def test_labels_render_literally(lesson, layouts):
    texts = _node_texts(layouts["overview"])
    for i, label in enumerate(DOT_TRICKS, 1):
        assert texts[f"c{i}"] == re.sub(r"\s+", "", label), (label, texts[f"c{i}"])
        edge = texts[f"e{i}-1"]
        assert edge == re.sub(r"\s+", "", f"{i}. {label}"), (label, edge)
    flow = _node_texts(layouts["flow"])
    for i, label in enumerate(DOT_TRICKS, 1):
        assert flow[f"s{i}"] == re.sub(r"\s+", "", label)


def test_very_long_label_is_wrapped_and_complete():
    long_word = "x" * 80
    lesson = _lesson([long_word, "a " * 39 + "b", "c"])
    graphviz = Graphviz(Limits().layout_seconds)
    svg_text = graphviz.layout(sources(lesson)["overview"])
    root = ET.fromstring(svg_text[svg_text.index("<svg"):])
    node = next(g for g in root.iter(f"{S}g") if g.get("id") == "c1")
    lines = ["".join(t.itertext()) for t in node.findall(f"{S}text")]
    # one 80-character word breaks hard every LABEL_WRAP + LONG_WORD_SLACK columns
    assert "".join(lines) == long_word and len(lines) == 3
    assert _node_texts(svg_text)["c2"] == re.sub(r"\s+", "", "a " * 39 + "b")


@pytest.fixture(scope="module")
def built_diagrams(tmp_path_factory) -> list[Path]:
    root = make_project(tmp_path_factory.mktemp("svg") / "p", {
        "hostile.yaml": hostile_lesson(HOSTILE + DOT_TRICKS),
        "dots.yaml": hostile_lesson(DOT_TRICKS + HOSTILE, "dots", title="dots"),
    })
    build(load_project(root), site=False)
    files = sorted((root / "diagrams").rglob("*.svg"))
    assert len(files) > 10
    return files


def test_generated_svgs_are_inert(built_diagrams):
    for path in built_diagrams:
        text = path.read_text(encoding="utf-8")
        root = ET.fromstring(text[text.index("<svg"):])
        for element in root.iter():
            tag = element.tag.split("}")[-1]
            assert tag not in ("script", "foreignObject", "iframe", "embed", "object", "image", "use", "a"), \
                (path.name, tag)
            for name, value in element.attrib.items():
                local = name.split("}")[-1]
                assert not local.lower().startswith("on"), (path.name, tag, name)
                assert "javascript:" not in value.lower() and "file:" not in value.lower(), (path.name, name)
                if local == "href" or name == XLINK:
                    assert value.startswith("#"), (path.name, value)
                assert not re.search(r"url\(\s*['\"]?(?!#)", value), (path.name, name, value)
            if tag == "style":
                css = element.text or ""
                assert "@import" not in css and not re.search(r"url\(\s*['\"]?(?!#)", css), path.name
        assert "<!DOCTYPE" not in text and "<!ENTITY" not in text, path.name


def test_hostile_text_in_svgs_is_text(built_diagrams):
    joined = "".join(p.read_text(encoding="utf-8") for p in built_diagrams if p.parent.name == "hostile")
    root_texts = []
    for path in built_diagrams:
        if path.parent.name == "hostile":
            text = path.read_text(encoding="utf-8")
            root_texts += ["".join(e.itertext()) for e in ET.fromstring(text[text.index("<svg"):]).iter()
                           if e.tag.split("}")[-1] in ("title", "desc")]
    flat = " ".join(root_texts)
    assert "<script>alert('xss')</script>" in flat  # the text survived as text...
    assert "<script>" not in joined  # ...and only ever serialised escaped
