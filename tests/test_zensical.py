"""`stepdeck build --builder zensical` (Zensical pinned in the test extra): every lesson section in the HTML.

Zensical reads the staged config, ignores the MkDocs-only `stepdeck` plugin, and builds the
staged docs. The interactive modes run under it in tests/browser/ (every browser test runs
under both builders); here the static sections must all be there.
"""
from __future__ import annotations

from html.parser import HTMLParser

import pytest
from markupsafe import escape

from tests.conftest import REPO
from generator.check.pipeline import check_project
from generator.model.project import load_project

pytestmark = pytest.mark.slow
SECTIONS = ["flow", "steps", "table", "tracker", "lanes", "moments", "quiz", "snapshot", "transcript"]


class TrackerCells(HTMLParser):
    """Cell texts of the state tracker table, by component row."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows: dict[str, list[str]] = {}
        self.in_table = self.in_cell = False
        self.row: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        # the main line's tracker; a what-if's own tracker (data-scenario) is another table
        if tag == "table" and "sd-tracker" in (attrs.get("class") or "").split() and "data-scenario" not in attrs:
            self.in_table = True
        elif self.in_table and tag == "tr" and attrs.get("data-component"):
            self.row = attrs["data-component"]
            self.rows[self.row] = []
        elif self.in_table and self.row and tag == "td":
            self.in_cell = True
            self.rows[self.row].append("")

    def handle_endtag(self, tag):
        if tag == "table":
            self.in_table = False
        elif tag == "td":
            self.in_cell = False
        elif tag == "tr":
            self.row = None

    def handle_data(self, data):
        if self.in_cell and self.row:
            self.rows[self.row][-1] += data


def tracker_cells(html: str) -> dict[str, list[str]]:
    parser = TrackerCells()
    parser.feed(html)
    return {key: [" ".join(v.split()) for v in values] for key, values in parser.rows.items()}


def lessons():
    """Every lesson of this repo, loaded and validated as the build does."""
    return [item.facts for item in check_project(load_project(REPO)).lessons]


@pytest.mark.parametrize("facts", lessons(), ids=lambda facts: facts.lesson.id)
def test_every_lesson_section_is_in_the_zensical_html(zensical_site, facts):
    lesson = facts.lesson
    page = zensical_site / "site" / "lessons" / lesson.id / "index.html"
    html = page.read_text(encoding="utf-8")
    for section in SECTIONS:
        assert f'id="sd-h-{section}"' in html, section
    expected = {component.id: [str(cell) for cell in cells] for component, cells in facts.tracker.rows}
    assert expected and tracker_cells(html) == expected
    assert f'<h1 id="sd-title">{escape(lesson.title)}</h1>' in html
    for asset in ("stepdeck/boot.js", "stepdeck.css", "stepdeck-diagrams.css"):
        assert f"assets/{asset}" in html and (zensical_site / "site" / "assets" / asset).is_file()


def test_zensical_builds_the_catalog(zensical_site):
    html = (zensical_site / "site" / "index.html").read_text(encoding="utf-8")
    for facts in lessons():
        assert f'href="lessons/{facts.lesson.id}/"' in html
