"""The state tracker grouped by lane (two-lane lessons), in Chromium: the script's column and hover
highlights still find their rows, the lane headings take part in neither, and at phone width the
lane names stay in view while the table scrolls sideways."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from browserkit import SHOTS

pytestmark = pytest.mark.browser
GIT = "git-merge-vs-rebase"


def lesson_data(page) -> dict:
    return json.loads(page.text_content(".sd-lesson script"))[0]


def shoot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.eval_on_selector(".sd-tracker", "t => window.scrollTo(0, t.getBoundingClientRect().top + window.scrollY - 70)")
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"))


def test_player_highlights_the_checkpoint_column_in_every_lane_group(page, server):
    page.goto(f"{server}/lessons/{GIT}/#steps")
    page.wait_for_selector(".sd-lesson.sd-js")
    data = lesson_data(page)
    tracked = list(data["steps"][0]["states"])  # every tracked component has a state
    step = next(s for s in data["steps"] if s["number"] and s["checkpoint"] is not None)
    page.goto(f"{server}/lessons/{GIT}/#step-{step['number']}")
    cells = page.eval_on_selector_all(
        ".sd-tracker td.sd-current",
        "cs => cs.map(c => [c.closest('tr').dataset.component, c.dataset.checkpoint])")
    assert sorted(cells) == sorted([component, str(step["checkpoint"])] for component in tracked)
    assert page.eval_on_selector_all(".sd-tracker tbody", "bs => bs.length") == 2
    assert page.eval_on_selector_all(".sd-tracker .sd-lane-row .sd-current", "cs => cs.length") == 0


def test_hover_highlights_rows_but_not_lane_headings(page, server):
    page.goto(f"{server}/lessons/{GIT}/#tracker")
    page.wait_for_selector(".sd-lesson.sd-js")
    # only component names are focusable; a lane heading is not a control
    assert page.eval_on_selector_all(".sd-tracker .sd-lane-row th[tabindex]", "ts => ts.length") == 0
    page.hover(".sd-tracker tr[data-component=rebase-main] > th")
    assert page.eval_on_selector_all(".sd-tracker tr.sd-hover", "rs => rs.map(r => r.dataset.component)") == ["rebase-main"]
    assert page.eval_on_selector_all(f"#sd-{GIT}-ov-c6.sd-hover", "gs => gs.length") == 1  # its node in the copy
    page.hover(".sd-tracker .sd-lane-row th >> nth=1")
    assert page.eval_on_selector_all(".sd-lesson .sd-hover", "es => es.length") == 0
    page.focus(".sd-tracker tr[data-component=merge-commit] > th")
    assert page.eval_on_selector_all(".sd-tracker tr.sd-hover", "rs => rs.map(r => r.dataset.component)") == ["merge-commit"]


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_lane_names_stay_in_view_while_a_phone_scrolls_the_tracker(new_context, server, palette):
    page = new_context(width=375, height=812, scheme=palette, is_mobile=True, has_touch=True).new_page()
    page.goto(f"{server}/lessons/{GIT}/#tracker")
    page.wait_for_selector(".sd-lesson.sd-js")
    box = "#sd-panel-tracker .sd-scroll:has(> .sd-tracker)"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.eval_on_selector(box, "b => b.scrollWidth > b.clientWidth")  # the table scrolls in its box
    shoot(page, f"tracker-375-{palette}")
    page.eval_on_selector(box, "b => { b.scrollLeft = b.scrollWidth; }")
    inside = page.eval_on_selector_all(".sd-tracker .sd-lane-name, .sd-tracker tr[data-component] > th", """(es, box) => {
        const frame = document.querySelector(box).getBoundingClientRect();
        return es.map(e => { const r = e.getBoundingClientRect(); return r.left >= frame.left - 1 && r.right <= frame.right + 1; });
    }""", box)
    assert inside and all(inside)
    shoot(page, f"tracker-375-{palette}-scrolled")


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_lane_heading_rows_are_styled_apart_in_both_palettes(new_context, server, palette):
    page = new_context(width=1280, height=900, scheme=palette).new_page()
    page.goto(f"{server}/lessons/{GIT}/#tracker")
    page.wait_for_selector(".sd-lesson.sd-js")
    style = "e => { const s = getComputedStyle(e); return [s.backgroundColor, s.fontWeight, s.borderTopWidth]; }"
    heading = page.eval_on_selector(".sd-tracker .sd-lane-row th", style)
    name = page.eval_on_selector(".sd-tracker tr[data-component] > th", style)
    assert heading[0] != name[0] and heading[2] == "2px"
    assert heading[1] == "700"
    shoot(page, f"tracker-1280-{palette}")
