"""The exported deck in Chromium: exactly one slide is visible after every key and click, and the
address keeps the slide (a reload or a shared link opens the same slide)."""
from __future__ import annotations

import functools
import threading
from http.server import ThreadingHTTPServer

import pytest

from conftest import QuietHandler
from generator.render.environment import environment
from generator.site import export
from tests.test_diagrams import lesson_of, render, seed_data

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def deck_url(tmp_path_factory):
    facts = lesson_of(seed_data())
    html = export.export_files(environment(None), facts, render(facts), export.ExportOptions(fmt="deck"), "x")
    folder = tmp_path_factory.mktemp("deck")
    (folder / "deck.html").write_bytes(html["deck.html"])
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/deck.html", len(facts.frames)
    httpd.shutdown()
    httpd.server_close()


def visible(page) -> list[str]:
    """Ids of the slides a reader can see: displayed, with a box inside the viewport."""
    return page.evaluate("""() => [...document.querySelectorAll('.deck-slide')].filter(s => {
        const box = s.getBoundingClientRect();
        return getComputedStyle(s).display !== 'none' && box.height > 0 && box.bottom > 0
               && box.top < innerHeight; }).map(s => s.id)""")


def test_one_slide_at_a_time_through_every_key_and_a_click(page, deck_url):
    url, frames = deck_url
    page.goto(url)
    last = f"slide-{frames - 1}"
    script = [(None, "slide-title"), ("ArrowRight", "slide-0"), (" ", "slide-1"), ("ArrowRight", "slide-2"),
              ("ArrowLeft", "slide-1"), ("End", last), ("ArrowRight", last), ("Home", "slide-title"),
              ("ArrowLeft", "slide-title"), ("PageDown", "slide-0")]
    for key, wanted in script:
        if key:
            page.keyboard.press("Space" if key == " " else key)
        assert visible(page) == [wanted], f"after {key!r}"
        assert page.evaluate("location.hash") == f"#{wanted}"
    page.locator("main").click(position={"x": 1000, "y": 400})  # right two thirds: forward
    assert visible(page) == ["slide-1"]
    page.locator("main").click(position={"x": 100, "y": 400})  # left third: back
    assert visible(page) == ["slide-0"]
    page.locator(".deck-next").click()
    assert visible(page) == ["slide-1"] and page.locator(".deck-count").inner_text() == f"3 / {page.locator('.deck-slide').count()}"


def test_the_address_opens_its_slide(page, deck_url):
    url, _ = deck_url
    page.goto(url + "#slide-4")
    assert visible(page) == ["slide-4"]
    page.reload()
    assert visible(page) == ["slide-4"]
    page.evaluate("location.hash = '#slide-2'")
    page.wait_for_function("document.body.dataset.slide === '3'")
    assert visible(page) == ["slide-2"]


def test_each_step_slide_shows_its_frame_and_caption(page, deck_url):
    url, frames = deck_url
    page.goto(url + "#slide-3")
    slide = page.locator("#slide-3")
    assert slide.locator("svg .sd-caption text").first.is_visible()
    assert "Step 3" in slide.locator("svg .sd-caption").text_content()
    assert slide.locator("svg .sd-active").count() > 0  # the step's part is drawn as active
    box = slide.locator("svg").bounding_box()
    assert box["width"] > 600 and box["height"] > 300
