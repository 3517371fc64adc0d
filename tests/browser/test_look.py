"""Palettes, phone width, motion and accessibility (axe-core) of the lesson page."""
from __future__ import annotations

from pathlib import Path

import pytest

from browserkit import AXE, LESSON, MODES, SHOTS, visible_panels

pytestmark = pytest.mark.browser
NODE_SHAPE = f"#sd-{LESSON}-ov-c1 > :is(polygon, path, ellipse)"


def fill(page, selector: str) -> str:
    return page.eval_on_selector(selector, "e => getComputedStyle(e).fill")


def scheme(page) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def toggle_palette(page) -> None:
    """Click Material's own palette toggle in the header."""
    page.click("form[data-md-component=palette] label.md-header__button:visible")


def shoot(page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def test_palette_toggle_recolours_the_inline_diagrams(page, lesson_url):
    page.goto(lesson_url + "#flow")
    assert scheme(page) == "default"
    light = {"node": fill(page, NODE_SHAPE), "text": fill(page, f"#sd-{LESSON}-ov-c1 text")}
    toggle_palette(page)
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    dark = {"node": fill(page, NODE_SHAPE), "text": fill(page, f"#sd-{LESSON}-ov-c1 text")}
    assert light["node"] == "rgb(227, 239, 253)"  # theme.py, blue family, light fill
    assert dark["node"] == "rgb(22, 48, 79)"  # and its dark fill
    assert light["text"] != dark["text"]
    page.click("#sd-tab-steps")  # the player's frame follows too
    page.click(".sd-player-controls [data-action=next]")
    assert fill(page, f"#sd-{LESSON}-pl-c1 > :is(polygon, path, ellipse)") == "rgb(22, 48, 79)"
    page.reload()  # the choice persists
    assert scheme(page) == "slate"
    toggle_palette(page)
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'default'")
    assert fill(page, NODE_SHAPE) == light["node"]


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_phone_width_never_scrolls_sideways(new_context, server, built_site, palette):
    page = new_context(width=375, height=812, scheme=palette, is_mobile=True, has_touch=True).new_page()
    lessons = sorted(p.parent.name for p in (built_site / "site" / "lessons").glob("*/index.html"))
    for lesson in lessons:
        for mode in MODES + ["step-4"]:
            page.goto(f"{server}/lessons/{lesson}/?{mode}#{mode}")  # a full load each time
            page.wait_for_selector(".sd-lesson.sd-js")
            widths = page.evaluate("[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]")
            assert widths[0] <= widths[1], f"{lesson} #{mode} overflows sideways at 375 px ({palette}): {widths}"
            if lesson == LESSON:
                shoot(page, f"{mode}-{palette}-375")


def test_desktop_screenshots(new_context, lesson_url):
    if not SHOTS:
        pytest.skip("set STEPDECK_SCREENSHOTS=<folder> to save screenshots")
    for palette in ("light", "dark"):
        page = new_context(scheme=palette).new_page()
        for mode in MODES + ["step-4"]:
            page.goto(lesson_url + "#" + mode)
            page.wait_for_selector(".sd-lesson.sd-js")
            shoot(page, f"{mode}-{palette}-1280")


def test_reduced_motion_turns_transitions_off(new_context, lesson_url):
    durations = {}
    for motion in ("no-preference", "reduce"):
        page = new_context(reduced_motion=motion).new_page()
        page.goto(lesson_url + "#step-2")
        durations[motion] = page.eval_on_selector(f"#sd-{LESSON}-pl-c1", "e => getComputedStyle(e).transitionDuration")
    assert durations == {"no-preference": "0.25s", "reduce": "0s"}


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_axe_finds_no_serious_violations(new_context, lesson_url, palette):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` in the project folder")
    page = new_context(scheme=palette).new_page()
    problems = []
    for mode in MODES + ["step-4"]:
        page.goto(lesson_url + "#" + mode)
        page.wait_for_selector(".sd-lesson.sd-js")
        assert visible_panels(page) == [mode if mode != "step-4" else "steps"]
        if not page.evaluate("typeof axe === 'object'"):
            page.add_script_tag(path=str(AXE))
        # only the lesson content: Material's header, navigation, search and footer are its own
        result = page.evaluate("""async () => {
            const r = await axe.run(document.querySelector('.sd-lesson'), {resultTypes: ['violations']});
            return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).join(', '));
        }""")
        problems += [f"#{mode}: {line}" for line in result]
    assert problems == [], "\n".join(problems)
