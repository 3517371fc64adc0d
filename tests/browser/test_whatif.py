"""The player offers a what-if at its fork and steps through the scenario's own frames and states."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def _hash(page) -> str:
    return page.evaluate("location.hash")


def _state(page, component: str) -> str:
    return page.text_content(f'.sd-state-list li[data-component="{component}"] .sd-state-value')


def test_the_fork_is_offered_taken_stepped_and_left(page, lesson_url):
    page.goto(lesson_url + "#step-reports-metrics-control")
    offer = page.locator(".sd-fork-offer:visible")
    assert offer.count() == 1 and "If the control plane stops sending config" in offer.inner_text()
    offer.locator("[data-action=take]").click()
    assert _hash(page) == "#what-if-config-stops/step-config-missing"
    assert page.text_content(".sd-step-count") == "7 / 9"
    assert page.locator("figure.sd-player-frame:visible").get_attribute("data-scenario") == "0"
    page.keyboard.press("ArrowRight")
    assert _hash(page) == "#what-if-config-stops/step-stale-policy"
    assert _state(page, "sidecar") == "Running on stale config"
    assert _state(page, "control-plane") == "Unreachable"
    # the what-if's own arrow is drawn now; the main line's step 7 arrow is not in its picture at all
    scenario_svg = page.locator("figure.sd-player-frame:visible svg")
    assert scenario_svg.locator('g.edge[id$="x1-8-1"].sd-now').count() == 1
    assert scenario_svg.locator('g.edge[id$="e7-1"]').count() == 0
    page.locator(".sd-fork-taken:visible [data-action=leave]").click()
    assert _hash(page) == "#step-reports-metrics-control"
    assert page.locator("figure.sd-player-frame:visible").get_attribute("data-scenario") is None
    page.locator(".sd-fork-offer:visible [data-action=main]").click()
    assert _hash(page) == "#step-sends-config-policies" and _state(page, "control-plane") == "Updating config"
    assert page.locator(".sd-fork-offer:visible").count() == 0


def test_a_what_if_address_opens_its_scenario(page, lesson_url):
    page.goto(lesson_url + "#what-if-config-stops")
    assert page.text_content(".sd-step-count") == "7 / 9"
    assert page.locator(".sd-fork-taken:visible").count() == 1
    page.goto(lesson_url + "#what-if-config-stops/step-response-anyway")
    assert page.text_content(".sd-step-count") == "9 / 9" and _state(page, "app") == "Response received"
