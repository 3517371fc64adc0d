"""Instant navigation (Material's, and Zensical's equivalent): pages swap in without a full load,
and the page script sets up every lesson it lands on, tabs, player and deep links included."""
from __future__ import annotations

import pytest

from browserkit import LESSON, player_step, visible_panels

pytestmark = pytest.mark.browser


def same_document(page) -> bool:
    """True while the page that got the marker is still the one shown (no full load happened)."""
    return page.evaluate("window.__stepdeckMarker === 'kept'")


def test_instant_navigation_keeps_the_document_and_sets_up_each_lesson(page, instant_server):
    server, built_site = instant_server
    page.goto(server + "/")
    page.wait_for_function("typeof document$ === 'object'")  # the theme's instant navigation is on
    page.evaluate("window.__stepdeckMarker = 'kept'")
    page.click(f".md-content a[href*='{LESSON}']")
    page.wait_for_selector(".sd-lesson.sd-js")
    assert same_document(page) and page.url.endswith(f"/lessons/{LESSON}/")
    page.click("a.sd-mode-tab[data-mode=steps]")
    page.click(".sd-player-controls [data-action=next]")
    # step 1's address as the page spells it (by the step's id where it has one)
    # (the theme rewrites the links of a page it fetched to absolute URLs: keep the fragment)
    step_one = "#" + page.get_attribute("table.sd-execution a.sd-step-link[data-step='1']", "href").split("#", 1)[1]
    assert visible_panels(page) == ["steps"] and player_step(page) == 1 and page.url.endswith(step_one)

    others = sorted(p.parent.name for p in (built_site / "site" / "lessons").glob("*/index.html") if p.parent.name != LESSON)
    # another lesson through the sections (the nav lists sections, not lessons): the lesson's "More in"
    # link to its section page, the navigation to another section, that section's card
    page.click("#sd-more-lessons + ul a")
    page.wait_for_selector(".sd-section")
    here = page.evaluate("location.pathname")
    section = here.rstrip("/").rsplit("/", 1)[1]
    page.click(f".md-nav--primary a[href*='category/']:not([href*='category/{section}'])")
    page.wait_for_function("here => location.pathname !== here && !!document.querySelector('.sd-section li')", arg=here)
    others = [name for name in others if page.locator(f".sd-section li[data-lesson='{name}']").count()]
    assert others
    page.click(f".sd-section li[data-lesson='{others[0]}'] a")
    page.wait_for_function("id => location.pathname.endsWith('/lessons/' + id + '/')", arg=others[0])
    page.wait_for_selector(f".sd-lesson.sd-js[data-lesson='{others[0]}']")
    assert same_document(page)
    assert visible_panels(page) == ["flow"]  # a new lesson opens on its first mode
    page.click("a.sd-mode-tab[data-mode=quiz]")
    assert visible_panels(page) == ["quiz"] and page.url.endswith("#quiz")

    page.go_back()  # back within the new lesson first (#quiz -> its first mode), then the two sections,
    for _ in range(3):  # then the old lesson
        page.go_back()
    page.wait_for_function("id => location.pathname.endsWith('/lessons/' + id + '/')", arg=LESSON)
    page.wait_for_function("hash => location.hash === hash", arg=step_one)
    page.wait_for_function("document.querySelector('.sd-lesson.sd-js .sd-panel[data-mode=steps]:not([hidden])')")
    assert player_step(page) == 1
