"""The animated SVG plays (alone and in <img>) and holds still under reduced motion; the HTML deck
steps with the keyboard. Real Chromium through Playwright."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.diagrams import raster
from generator.render.environment import environment
from generator.site import export
from tests.browser.browserkit import ARGS, CHROMIUM
from tests.test_diagrams import lesson_of, render, seed_data

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("animated")
    lesson = lesson_of(seed_data())
    rendered = render(lesson)
    (folder / "animated.svg").write_text(rendered.files["animated.svg"], encoding="utf-8")
    (folder / "embed.html").write_text('<!DOCTYPE html><html><body style="margin:0">'
                                       '<img src="animated.svg" width="900"></body></html>', encoding="utf-8")
    deck = export.export_files(environment(None), lesson, rendered, export.ExportOptions(("deck",)), "x")["deck.html"]
    (folder / "deck.html").write_bytes(deck)
    return folder


@pytest.fixture(scope="module")
def playwright():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} not installed")
    with sync_api.sync_playwright() as p:
        yield p


def launch(playwright, *extra: str):
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*ARGS, *extra])
    yield browser
    browser.close()


@pytest.fixture(scope="module")
def chromium(playwright):
    yield from launch(playwright)


@pytest.fixture(scope="module")
def chromium_reduced(playwright):
    """Reduced motion set as the system would set it. Playwright's emulation only reaches the top
    document, while an SVG inside <img> reads the system setting, as it does for a real reader."""
    yield from launch(playwright, "--force-prefers-reduced-motion")


def two_shots(chromium, url: str, motion: str) -> tuple[bytes, bytes]:
    page = chromium.new_page(viewport={"width": 1700, "height": 1000}, reduced_motion=motion)  # the progress bar in view
    try:
        page.goto(url)
        page.wait_for_timeout(300)
        first = page.screenshot()
        page.wait_for_timeout(1500)
        return first, page.screenshot()
    finally:
        page.close()


@pytest.mark.parametrize("name", ["animated.svg", "embed.html"])
def test_animation_plays(chromium, files, name):
    first, second = two_shots(chromium, (files / name).as_uri(), "no-preference")
    assert first != second


def test_reduced_motion_holds_one_static_frame(chromium, files):
    first, second = two_shots(chromium, (files / "animated.svg").as_uri(), "reduce")
    assert first == second


def test_reduced_motion_holds_one_static_frame_in_img(chromium_reduced, files):
    first, second = two_shots(chromium_reduced, (files / "embed.html").as_uri(), "reduce")
    assert first == second


def test_reduced_motion_shows_the_numbered_overview(chromium, files):
    page = chromium.new_page(reduced_motion="reduce")
    page.goto((files / "animated.svg").as_uri())
    visible = page.evaluate("""() => [...document.querySelectorAll('svg > g')]
        .filter(g => getComputedStyle(g).display !== 'none').map(g => g.getAttribute('class'))""")
    badges = page.evaluate("""() => [...document.querySelectorAll('.sd-static .sd-badge text')]
        .map(t => t.textContent)""")
    page.close()
    assert visible == ["sd-static"]
    assert sorted(badges) == ["1,3,8", "2", "4,5,6", "7"]


def test_deck_steps_with_the_arrow_keys(chromium, files):
    page = chromium.new_page(viewport={"width": 1280, "height": 800})
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((files / "deck.html").as_uri())

    def shown():
        return page.evaluate("() => [...document.querySelectorAll('.deck-slide')].filter(s => !s.hidden)"
                             ".map(s => s.id)")

    assert shown() == ["slide-title"]  # the title slide first (tests/browser/test_deck.py: what is visible)
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    assert shown() == ["slide-2"]
    assert "Step 2 · Library Proxy" in page.locator("#slide-2 h2").text_content()
    assert page.locator(".deck-count").inner_text() == "4 / 15"  # the title, 10 frames and the what-if's 4
    page.keyboard.press("ArrowLeft")
    assert shown() == ["slide-1"]
    page.keyboard.press("End")
    page.keyboard.press("ArrowRight")
    assert shown() == ["slide-9"]
    page.close()
    assert [u for u in requests if not u.startswith("file:")] == []
