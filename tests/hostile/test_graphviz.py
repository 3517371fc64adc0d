"""Threat: Graphviz decodes HTML entities in labels, and its SVG goes into pages.

``&`` is escaped before Graphviz sees any text, so every entity is drawn as typed (the diagram
and the table agree); the SVG that comes back passes an allow-list; output that cannot be read
is a located error of that lesson, and every failing lesson is reported at once.
"""
from __future__ import annotations

import re
from pathlib import Path
import xml.etree.ElementTree as ET

import pytest

from generator.check.pipeline import check_source
from generator.diagrams import sanitize, svg
from generator.diagrams.draw import draw
from generator.diagrams.engine import Graphviz
from generator.model.project import Project
from generator.site.generate import generate_files

from .conftest import LESSON
from .test_dot_svg import S, _lesson, _node_texts

# The 62 forms that crashed `generate` (C0 controls, DEL, non-characters, surrogates), and the
# ones that changed what is drawn (markup, Graphviz's own escapes rebuilt).
CRASHERS = ([f"&#{n};" for n in range(1, 32)] + [f"&#x{n:X};" for n in range(1, 27)]
            + ["&#127;", "&#xFFFE;", "&#xD800;", "&#57343;", "&#xdfff;"])
TRICKS = ["&lt;b&gt;bold&lt;/b&gt;", "&#92;N node", "&#92;G &#92;l", "&amp;amp; &quot; &#x26;lt;", "a & b &c"]


def _labels() -> list[str]:
    labels, line = [], ""
    for form in CRASHERS:
        if len(line) + len(form) + 1 > 70:
            labels.append(line.strip())
            line = ""
        line += form + " "
    return [*labels, line.strip(), *TRICKS]


@pytest.fixture(scope="module")
def drawn():
    labels = _labels()
    return labels, draw(_lesson(labels), Graphviz(), "content/dots.yaml")


def test_sixty_two_entity_forms_are_counted():
    assert len(CRASHERS) == 62


def test_every_entity_is_drawn_as_typed(drawn):
    labels, diagrams = drawn
    texts = _node_texts(diagrams.files["overview.svg"])
    for i, label in enumerate(labels, 1):
        assert texts[f"c{i}"] == re.sub(r"\s+", "", label), label


def test_the_table_and_the_diagram_show_the_same_text(drawn):
    labels, diagrams = drawn
    root = ET.fromstring(diagrams.files["overview.svg"].split("-->", 1)[1])
    drawn_text = " ".join(" ".join(t.itertext()) for t in root.iter(f"{S}text"))
    assert "<b>" not in drawn_text and "&lt;b&gt;bold&lt;/b&gt;" in drawn_text
    assert "&#92;N" in drawn_text and "dots" not in drawn_text.lower()  # \N would print the node name


HOSTILE_SVG = """<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10" onload="alert(1)">
<g id="graph0" class="graph" style="x"><polygon points="0,0"/>
<script>alert(1)</script><foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>
<a xlink:href="javascript:alert(1)"><text>link</text></a><image xlink:href="http://example.invalid/x.png"/>
<g id="node1" class="node" onclick="alert(1)"><title>c1</title>
<ellipse fill="url(http://example.invalid/x)" stroke="black" cx="1" cy="1" rx="1" ry="1"/>
<text x="1" y="1" font-family="Helvetica" filter="url(#f)">App</text><set attributeName="onclick" to="alert(1)"/>
<animate attributeName="href" to="javascript:alert(1)"/><style>*{}</style></g></g></svg>"""


def test_the_allow_list_keeps_only_what_diagrams_are_made_of():
    root = svg.parse(HOSTILE_SVG)
    text = ET.tostring(root, encoding="unicode")
    for bad in ("script", "foreignObject", "<ns0:a", "image", "onload", "onclick", "javascript", "example.invalid",
                "set ", "animate", "style", "filter", "xlink"):
        assert bad not in text, bad
    assert {e.tag.split("}")[1] for e in root.iter()} <= sanitize.ELEMENTS
    node = next(g for g in root.iter(f"{S}g") if g.get("id") == "node1")
    assert node.find(f"{S}text").text == "App" and node.find(f"{S}ellipse").get("stroke") == "black"


class _Broken:
    """An engine whose SVG cannot be read: an invalid character reference, or not SVG at all."""

    def __init__(self, output: str):
        self.output = output

    def layout(self, source: str, timeout: float | None = None) -> str:
        return self.output


@pytest.mark.parametrize("output", ['<svg xmlns="http://www.w3.org/2000/svg"><g><text>&#1;</text></g></svg>',
                                    "no svg here", '<svg xmlns="http://www.w3.org/2000/svg"><g>'])
def test_unreadable_svg_is_a_located_error_of_each_failing_lesson(output):
    checked = [check_source(LESSON.replace("id: tiny", f"id: {name}").encode(), f"content/{name}.yaml").lessons[0]
               for name in ("one", "two")]
    files = generate_files(Project(Path(".")),
                           checked, _Broken(output))
    shown = [d.format() for d in files.failures]
    assert len(shown) == 2, shown  # every failing lesson, not only the first
    for name, line in zip(("one", "two"), shown):
        assert re.fullmatch(rf"content/{name}\.yaml:20:1: steps: .*cannot be read.* \[render\]", line), line
    assert not files.diagrams and not [p for p in files.docs if p.startswith("lessons/")]
