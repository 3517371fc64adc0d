"""A lesson's file name is author data too: only its id must be a slug, and the name is echoed in
the "generated from <file>" comment of every page."""
from __future__ import annotations

from pathlib import Path

from generator.build import build
from generator.pages import comment_text, generated_marker
from generator.project import load_project

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
