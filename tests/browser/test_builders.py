"""The page script's modules under the two builders and under a subpath, in Chromium.

The script is ES modules (assets/stepdeck/boot.js imports the others, relative to
itself), so these check that every module loads wherever the site is hosted and
whichever builder made it, and that the player, the tabs and the quiz run.
"""
from __future__ import annotations

import functools
import json
import threading
from http.server import ThreadingHTTPServer

import pytest

from browserkit import LESSON, player_step, visible_panels
from conftest import QuietHandler
from tests.test_subpath import MOUNT, SubpathHandler

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def serve(handler) -> tuple[ThreadingHTTPServer, str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


@pytest.fixture(scope="module")
def zensical_url(zensical_site):
    httpd, url = serve(functools.partial(QuietHandler, directory=str(zensical_site / "site")))
    yield url
    httpd.shutdown()


@pytest.fixture(scope="module")
def subpath_url(built_site):
    httpd, url = serve(functools.partial(SubpathHandler, directory=str(built_site / "site")))
    yield url + MOUNT
    httpd.shutdown()


def from_catalog_through_a_lesson(page, home: str) -> None:
    """Open the catalog, follow a card to the lesson (instant navigation where the theme has it),
    then drive the tabs, the player and the quiz as a reader would; every module must load."""
    failed = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.goto(home)
    page.click(f".md-content a[href*='{LESSON}']")
    page.wait_for_selector(".sd-lesson.sd-js")
    page.click("a.sd-mode-tab[data-mode=steps]")
    assert visible_panels(page) == ["steps"]
    page.click(".sd-player-controls [data-action=next]")
    data = json.loads(page.text_content(".sd-lesson script"))[0]
    # the seed's steps have ids, so the address names the step by its id
    assert player_step(page) == 1 and page.url.endswith(f"#step-{data['grammar']['names']['1']}")
    assert page.text_content(".sd-step-text") == data["steps"][1]["narration"]
    page.click("a.sd-mode-tab[data-mode=quiz]")
    page.check("form.sd-question[data-question='1'] input[value='B']")
    page.click("form.sd-question[data-question='1'] .sd-check")
    assert "sd-right" in page.get_attribute("form.sd-question[data-question='1'] .sd-feedback", "class")
    assert failed == []


def test_the_modules_run_under_zensical(page, zensical_url):
    from_catalog_through_a_lesson(page, zensical_url + "/")


def test_the_modules_run_under_a_subpath_with_instant_navigation(page, subpath_url):
    from_catalog_through_a_lesson(page, subpath_url)
    assert page.evaluate("typeof document$") == "object"  # Material's instant navigation is on
