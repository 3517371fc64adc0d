"""Mode tabs, the fragment grammar, the step-through player and the linked views, in Chromium."""
from __future__ import annotations

import json
import re

import pytest

from browserkit import LESSON, MODES, player_step, visible_panels

pytestmark = pytest.mark.browser
PL = f"#sd-{LESSON}-pl-"


def lesson_data(page) -> dict:
    return json.loads(page.text_content(".sd-lesson script"))[0]


def test_no_element_uses_a_fragment_of_the_grammar(page, lesson_url):
    page.goto(lesson_url)
    steps = len(lesson_data(page)["steps"])
    ids = MODES + [f"step-{n}" for n in range(steps + 1)]
    taken = page.evaluate("ids => ids.filter(id => document.getElementById(id) || document.getElementsByName(id).length)",
                          ids)
    assert taken == []
    duplicates = page.evaluate("""() => { const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
                                          return ids.filter((id, i) => ids.indexOf(id) !== i); }""")
    assert duplicates == []  # also after the script copied the overview into two panels


def test_tabs_switch_modes_and_back_forward_follow(page, lesson_url):
    page.goto(lesson_url)
    assert visible_panels(page) == ["flow"]
    for mode in MODES:
        page.click(f"a.sd-mode-tab[data-mode={mode}]")
        assert page.url.endswith(f"#{mode}")
        assert visible_panels(page) == [mode]
        assert page.get_attribute(f"#sd-tab-{mode}", "aria-selected") == "true"
    page.go_back()
    page.wait_for_function("location.hash === '#snapshot'")
    assert visible_panels(page) == ["snapshot"]
    page.go_back()
    page.wait_for_function("location.hash === '#quiz'")
    assert visible_panels(page) == ["quiz"]
    page.go_forward()
    page.wait_for_function("location.hash === '#snapshot'")
    assert visible_panels(page) == ["snapshot"]


def test_deep_links_and_back_button(page, lesson_url):
    page.goto(lesson_url + "#step-4")
    assert visible_panels(page) == ["steps"]
    assert player_step(page) == 4
    assert page.get_attribute(PL + "c3", "class").split().count("sd-active") == 1  # the sidecar acts
    page.goto(lesson_url + "#quiz")
    assert visible_panels(page) == ["quiz"]
    page.go_back()
    page.wait_for_function("location.hash === '#step-4'")
    assert visible_panels(page) == ["steps"]
    assert player_step(page) == 4
    page.go_forward()
    page.wait_for_function("location.hash === '#quiz'")
    assert visible_panels(page) == ["quiz"]


def test_step_through_with_the_keyboard_alone(page, lesson_url):
    page.goto(lesson_url)
    data = lesson_data(page)
    last = len(data["steps"]) - 1
    # reach the Step-through tab with Tab, then choose it with the arrow keys like any tab list
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('sd-mode-tab')"):
            break
    page.keyboard.press("ArrowRight")
    assert visible_panels(page) == ["steps"]
    page.keyboard.press("Tab")  # into the panel: the diagram's scrolling region, then the first player button
    assert page.evaluate("document.activeElement.getAttribute('role')") == "region"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.action") == "first"
    for n in range(1, last + 1):
        page.keyboard.press("ArrowRight")
        assert player_step(page) == n
        step = data["steps"][n]
        # a step with an id is addressed by it (the seed's steps all have one)
        assert page.url.endswith(f"#step-{data['grammar']['names'].get(str(n), n)}")
        assert page.text_content(".sd-step-text") == step["narration"]
        # what is drawn for a range of frames shows exactly in that range: one caption, this step's
        ranges = page.eval_on_selector_all(".sd-player-frame:not([data-scenario]) [data-from]",
                                           "gs => gs.map(g => [+g.dataset.from, +g.dataset.to, getComputedStyle(g).display !== 'none'])")
        assert ranges and all(shown == (start <= n <= end) for start, end, shown in ranges)
        # exactly one caption and at most one badge show: this step's, drawn by the generator
        shown = page.eval_on_selector_all(".sd-player-frame:not([data-scenario]) :is(.sd-badge, .sd-caption-lines)[data-from]",
                                          "gs => gs.filter(g => getComputedStyle(g).display !== 'none')"
                                          ".map(g => g.getAttribute('data-from') + '-' + g.getAttribute('data-to'))")
        assert set(shown) == {f"{n}-{n}"}
        caption = " ".join(page.eval_on_selector_all(".sd-player-frame .sd-caption-lines.sd-current text",
                                                     "ts => ts.map(t => t.textContent)")).strip()
        actor = page.text_content(f"table.sd-execution tr[data-step='{n}'] td:nth-child(2)").split()[0]
        assert caption.startswith(f"Step {n} · {actor}")
        active = page.eval_on_selector_all(".sd-player-frame g.sd-active", "gs => gs.map(g => g.id)")
        assert sorted(active) == sorted(step["active"])
        assert page.locator(".sd-player-row").count() == 0  # the step is said once: no table-row copy
        for component, state in step["states"].items():
            item = page.locator(f".sd-state-list li[data-component='{component}']")
            assert item.locator(".sd-state-value").text_content() == state
            assert ("sd-changed" in (item.get_attribute("class") or "").split()) == (component in step["changed"])
        current = page.eval_on_selector_all(".sd-tracker th.sd-current", "ts => ts.map(t => t.dataset.checkpoint)")
        assert current == ([] if step["checkpoint"] is None else [str(step["checkpoint"])])
    page.keyboard.press("ArrowRight")
    assert player_step(page) == last  # stays at the end
    page.keyboard.press("Home")
    assert player_step(page) == 0
    assert page.eval_on_selector_all(".sd-player-frame g.sd-active, .sd-player-frame g.sd-now", "gs => gs.length") == 0
    page.keyboard.press("End")
    assert player_step(page) == last
    page.keyboard.press("ArrowLeft")
    assert player_step(page) == last - 1
    # the slider owns the arrow keys while it has focus: one press, one step
    page.focus(".sd-slider")
    page.keyboard.press("ArrowLeft")
    assert player_step(page) == last - 2
    # Enter on the focused Next button
    page.focus(".sd-player-controls [data-action=next]")
    page.keyboard.press("Enter")
    assert player_step(page) == last - 1


def test_arrow_keys_leave_form_controls_alone(page, lesson_url):
    page.goto(lesson_url + "#step-2")
    page.focus(".sd-speed")
    page.keyboard.press("ArrowRight")
    assert player_step(page) == 2
    page.goto(lesson_url + "#quiz")
    page.focus("form.sd-question input[value=A]")
    page.keyboard.press("ArrowRight")
    page.goto(lesson_url + "#steps")
    assert player_step(page) == 2


def test_play_advances_and_pause_stops(page, lesson_url):
    page.goto(lesson_url + "#step-1")
    page.select_option(".sd-speed", "900")
    page.click(".sd-play")
    assert page.get_attribute(".sd-play", "aria-pressed") == "true"
    page.wait_for_function("document.querySelector('.sd-slider').value === '3'", timeout=5000)
    page.click(".sd-play")
    assert page.get_attribute(".sd-play", "aria-pressed") == "false"
    stopped = player_step(page)
    page.wait_for_timeout(1200)
    assert player_step(page) == stopped


def test_table_rows_and_sequence_messages_open_the_player(page, lesson_url):
    page.goto(lesson_url + "#table")
    page.click("table.sd-execution tr[data-step='6'] td:nth-child(3)")
    assert visible_panels(page) == ["steps"] and player_step(page) == 6
    page.go_back()
    page.wait_for_function("location.hash === '#table'")
    page.focus("table.sd-execution tr[data-step='3']")
    page.keyboard.press("Enter")
    assert visible_panels(page) == ["steps"] and player_step(page) == 3
    page.goto(lesson_url + "#lanes")
    messages = page.locator(f"[id^='sd-{LESSON}-sq-m5-']")
    if messages.count() == 0:
        pytest.skip("no sequence view in this build")
    messages.first.click()
    assert visible_panels(page) == ["steps"] and player_step(page) == 5
    page.goto(lesson_url + "#lanes")
    page.focus(f"[id^='sd-{LESSON}-sq-m7-']")
    page.keyboard.press("Enter")
    assert player_step(page) == 7


def test_step_links_in_key_moments_open_the_player(page, lesson_url):
    page.goto(lesson_url + "#moments")
    page.click(".sd-moments a.sd-step-link[data-step='3']")
    assert visible_panels(page) == ["steps"] and player_step(page) == 3
    page.go_back()
    page.wait_for_function("location.hash === '#moments'")
    assert visible_panels(page) == ["moments"]


def _wait_for_class(page, selector: str, name: str, present: bool = True) -> None:
    """Hover and focus handlers run on the next event turn: wait briefly instead of racing them."""
    page.wait_for_function("([s, n, p]) => document.querySelector(s).classList.contains(n) === p",
                           arg=[selector, name, present], timeout=3000)


def test_hover_and_focus_highlight_a_component(page, lesson_url):
    page.goto(lesson_url + "#tracker")
    page.wait_for_selector(".sd-lesson.sd-js")
    node = f"#sd-{LESSON}-ov-c3"
    page.hover(".sd-tracker tr[data-component=sidecar] th")
    _wait_for_class(page, node, "sd-hover")
    assert "sd-hover" in page.get_attribute(PL + "c3", "class")
    assert "sd-hover" in page.get_attribute(".sd-tracker tr[data-component=sidecar]", "class")
    assert page.is_visible(f"#sd-{LESSON}-ov-c3")  # the overview, moved into the tracker panel
    assert "sd-hover" in page.get_attribute(f"#sd-{LESSON}-ov-c3", "class")
    width = page.eval_on_selector(f"#sd-{LESSON}-ov-c3 > :is(polygon, path, ellipse)", "e => getComputedStyle(e).strokeWidth")
    assert width == "5px"  # the highlight wins over the palette's own rules
    page.mouse.move(0, 0)
    _wait_for_class(page, node, "sd-hover", present=False)
    page.goto(lesson_url + "#moments")
    page.wait_for_selector(".sd-lesson.sd-js")
    page.focus(".sd-component-ref[data-component=control-plane]")
    _wait_for_class(page, f"#sd-{LESSON}-ov-c4", "sd-hover")
    assert page.is_visible(f"#sd-{LESSON}-ov-c4")
    assert "sd-hover" in page.get_attribute(".sd-tracker tr[data-component=control-plane]", "class")


def test_instant_navigation_initialises_once_per_page(page, server):
    page.goto(server + "/")
    page.click(f".md-content a[href*='{LESSON}']")
    page.wait_for_selector(".sd-lesson.sd-js")
    assert page.evaluate("typeof document$") == "object"  # Material's instant navigation is on
    page.click("a.sd-mode-tab[data-mode=steps]")
    page.keyboard.press("ArrowRight")  # focus is on the tab: moves to the next tab
    assert visible_panels(page) == ["table"]
    page.click("a.sd-mode-tab[data-mode=steps]")
    page.focus(".sd-player-controls [data-action=next]")
    page.keyboard.press("ArrowRight")
    assert player_step(page) == 1  # one listener, one step
    # back through #step-1 and #table (the arrow replaced #steps, the step replaced the second #steps) to the
    # catalog, then forward: a fresh page, listeners still single
    for _ in range(3):
        page.go_back()
    page.wait_for_function("!document.querySelector('.sd-lesson')")
    page.go_forward()
    page.wait_for_selector(".sd-lesson.sd-js")
    page.click("a.sd-mode-tab[data-mode=steps]")
    page.focus(".sd-player-controls [data-action=next]")
    # where instant navigation kept the page script (Zensical's works without site_url), the player
    # resumes the step it was left at; a full load starts at 0. Either way one key is one step.
    before = player_step(page)
    page.keyboard.press("ArrowRight")
    assert player_step(page) == before + 1


def test_every_lesson_page_runs_every_mode(page, server, built_site):
    lessons = sorted(p.parent.name for p in (built_site / "site" / "lessons").glob("*/index.html"))
    assert LESSON in lessons
    for lesson in lessons:
        page.goto(f"{server}/lessons/{lesson}/")
        page.wait_for_selector(".sd-lesson.sd-js")
        last = len(lesson_data(page)["steps"]) - 1
        for mode in MODES:
            page.click(f"a.sd-mode-tab[data-mode={mode}]")
            assert visible_panels(page) == [mode], lesson
            panel = f".sd-panel[data-mode={mode}]"
            assert page.inner_text(panel).strip(), f"{lesson}: #{mode} is blank"
        page.click("a.sd-mode-tab[data-mode=steps]")
        page.click(".sd-player-controls [data-action=last]")
        assert player_step(page) == last, lesson
