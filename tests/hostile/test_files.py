"""Lesson files themselves as untrusted input: the name is author data (only the id must be a slug,
and the name is echoed in the "generated from <file>" comment of every page), an over-size file is
refused without being read, and a file that cannot be read is a diagnostic, not a traceback."""
from __future__ import annotations

import tracemalloc
from pathlib import Path

from generator.commands.build import build
from generator.model.limits import Limits
from generator.check.reading import load_lesson_file
from generator.core.errors import comment_text
from generator.render.pages import generated_marker
from generator.model.project import load_project

from .conftest import LESSON, make_project
from .html_check import Page

HOSTILE_NAME = "tiny--><img src=x onerror=alert(1)>\u202e--!>.yaml"


def test_comment_text_can_never_end_a_comment():
    for text in ("a-->b", "a--!>b", "a--->b", "-", "--", "a\n\nb\u202e"):
        safe = comment_text(text)
        assert "--" not in safe and safe.isprintable(), safe
    assert generated_marker("content/x.yaml") == "<!-- generated from content/x.yaml by StepDeck; do not edit -->\n\n"


def test_a_hostile_file_name_stays_inside_the_generated_comment(tmp_path: Path):
    root = make_project(tmp_path / "project", {HOSTILE_NAME: LESSON})
    build(load_project(root))
    page = (root / "site" / "lessons" / "tiny" / "index.html").read_text("utf-8")
    parsed = Page(page)
    assert [e for e in parsed.elements if any(name.startswith("on") for name in e.attrs)] == []
    assert parsed.tags("img") == []
    assert "onerror" not in parsed.visible()  # the name did not spill out of its comment as text either


def test_an_over_size_file_is_refused_without_being_read_whole(tmp_path: Path):
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(200_000_000)  # sparse: no disk space, but read_bytes() would hold 200 MB
    tracemalloc.start()
    try:
        loaded, problems = load_lesson_file(path, "content/huge.yaml", Limits())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert loaded is None
    assert [d.format().splitlines()[0] for d in problems] == [
        "content/huge.yaml:1:1: file is 200000000 bytes, over the limit of 1000000 [limit.file-size]"]
    assert peak < 10_000_000


def test_a_file_that_cannot_be_read_is_a_diagnostic(tmp_path: Path):
    loaded, problems = load_lesson_file(tmp_path / "gone.yaml", "content/gone.yaml", Limits())
    assert loaded is None
    assert [d.format() for d in problems] == [
        "content/gone.yaml:1:1: cannot read the file: No such file or directory [path.unreadable]"]


def test_a_hostile_file_name_keeps_every_diagram_well_formed_xml(tmp_path: Path):
    import xml.etree.ElementTree as ET

    root = make_project(tmp_path / "project", {HOSTILE_NAME: LESSON})
    build(load_project(root), site=False)
    diagrams = sorted((root / "diagrams" / "tiny").glob("*.svg"))
    assert diagrams
    for path in diagrams:
        text = path.read_text("utf-8")
        ET.fromstring(text)  # '--' inside the leading comment would make this raise
        assert text.startswith("<!-- generated from content/tiny- -><img")
