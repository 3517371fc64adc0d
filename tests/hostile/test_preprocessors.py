"""Threat: author text run by a preprocessor of the page source (mkdocs-macros' Jinja, pymdownx.critic).

The README invites StepDeck into existing sites, many of which enable ``macros``. Author ``{``,
``}`` and ``%`` reach pages as character references (HTML, front matter Material prints) or as
``\\u007b``-style escapes (the player's JSON), and every generated page says ``render_macros:
false``. Real builds: an existing site through the plugin, once with macros' default delimiters
and once with custom ones, and a StepDeck site through ``stepdeck build``; then Chromium shows the
characters in the player unchanged.
"""
from __future__ import annotations

import functools
import json
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

from generator.commands.build import build
from generator.model.project import load_project
from generator.site.runner import build_site

from .conftest import LESSON, make_project, with_line
from .html_check import Page, squash

class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


EVAL = "7*191"  # rendered, it would read 1337


def _lesson(pwned: Path) -> str:
    text = LESSON
    for old, new in [
        ("title: Tiny lesson", "title: 'Tiny {{ " + EVAL + " }} {$ " + EVAL + " $} 100%'"),
        ("summary: A small lesson.", "summary: 'Sum {% if true %}yes{% endif %} {@ set x = 1 @} 50%'"),
        ("    action: Reads a row", "    action: 'Reads {-- a row'"),
        ("    notes: First step", "    notes: '{# c #} {{ " + EVAL + " }} {$ " + EVAL + " $} 10%'"),
        ("    result: Done", "    result: 'Done --} {++ added ++} {~~ a~>b ~~}'"),
        ("transcript: The app reads a row.",
         "transcript: \"{{ lipsum.__globals__.os.mkdir('" + str(pwned) + "') }} {$ lipsum.__globals__.os.mkdir('"
         + str(pwned) + "') $}\""),
    ]:
        text = with_line(text, old, new)
    return text


SHOWN = ["Tiny {{ 7*191 }} {$ 7*191 $} 100%", "{# c #} {{ 7*191 }} {$ 7*191 $} 10%", "Reads {-- a row",
         "Done --} {++ added ++} {~~ a~>b ~~}", "Sum {% if true %}yes{% endif %} {@ set x = 1 @} 50%"]
MACROS = {"default": "  - macros\n",
          "custom": "  - macros:\n      j2_variable_start_string: '{$'\n      j2_variable_end_string: '$}'\n"
                    "      j2_block_start_string: '{@'\n      j2_block_end_string: '@}'\n"}


def _configure(root: Path, macros: str) -> None:
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - search\n", "  - search\n" + macros, 1)
    config = config.replace("  - pymdownx.superfences\n", "  - pymdownx.superfences\n  - pymdownx.critic:\n"
                            "      mode: accept\n", 1)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")


def _existing_site(root: Path, macros, pwned: Path) -> Path:
    """An existing site: its own pages (one uses a macro), the plugin adds the lessons."""
    make_project(root, {"tiny.yaml": _lesson(pwned)})
    _configure(root, macros)
    docs = root / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n", encoding="utf-8")
    opener, closer = ("{{", "}}") if macros == MACROS["default"] else ("{$", "$}")
    (docs / "control.md").write_text(f"# Control\n\nmacros ran: {opener} {EVAL} {closer}\n", encoding="utf-8")
    project = load_project(root)
    build_site(project, project.config_file, docs, root / "site")
    return root / "site"


@pytest.fixture(scope="module", params=["default", "custom"])
def existing(request, tmp_path_factory):
    base = tmp_path_factory.mktemp(f"macros-{request.param}")
    return _existing_site(base / "p", MACROS[request.param], base / "pwned"), base / "pwned"


@pytest.fixture(scope="module")
def stepdeck_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("macros-build")
    root = make_project(base / "p", {"tiny.yaml": _lesson(base / "pwned")})
    _configure(root, MACROS["default"])
    build(load_project(root))
    return root, base / "pwned"


def _assert_literal(site: Path, pwned: Path) -> None:
    assert not pwned.exists(), "a lesson ran code through mkdocs-macros"
    html = (site / "lessons/tiny/index.html").read_text(encoding="utf-8")
    assert "1337" not in html
    visible = Page(html).visible()
    for text in SHOWN:
        assert squash(text) in visible, text
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    lessons = [doc for doc in index["docs"] if doc["location"].startswith("lessons/")]
    assert lessons and not [doc for doc in lessons if "1337" in doc["title"] + doc["text"]]


def test_macros_and_critic_leave_lesson_text_alone_in_an_existing_site(existing):
    site, pwned = existing
    assert "macros ran: 1337" in (site / "control/index.html").read_text(encoding="utf-8")  # macros is on
    _assert_literal(site, pwned)


def test_macros_and_critic_leave_lesson_text_alone_in_a_stepdeck_site(stepdeck_site):
    root, pwned = stepdeck_site
    _assert_literal(root / "site", pwned)


def test_generated_pages_carry_no_author_brace_or_percent(stepdeck_site):
    root, _ = stepdeck_site
    source = (root / "docs/lessons/tiny.md").read_text(encoding="utf-8")
    meta = yaml.safe_load(source.split("---\n")[1])
    assert meta["render_macros"] is False
    assert meta["title"] == "Tiny &#123;&#123; 7*191 &#125;&#125; &#123;$ 7*191 $&#125; 100&#37;"
    for delimiter in ("{{", "}}", "{%", "%}", "{#", "#}", "{$", "$}", "{@", "@}", "{--", "--}", "{++", "{~~", "%"):
        assert delimiter not in source.split("---\n", 2)[2], delimiter
    assert "\\u007b\\u007b 7*191 \\u007d\\u007d" in source and "10\\u0025" in source  # the player's JSON
    for page in (root / "docs").rglob("*.md"):
        head = page.read_text(encoding="utf-8")
        if head.startswith("---\n"):
            assert yaml.safe_load(head.split("---\n")[1]).get("render_macros") is False, page


@pytest.mark.browser
def test_the_player_shows_braces_and_percent_unchanged(stepdeck_site):
    sync_api = pytest.importorskip("playwright.sync_api")
    from tests.browser.browserkit import ARGS, CHROMIUM

    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed")

    root, _ = stepdeck_site
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root / "site")))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page()
            page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/lessons/tiny/#step-1")
            narration = page.locator(".sd-lesson .sd-step-text")  # the player says the step once, beside the diagram
            narration.wait_for()
            assert "Reads {-- a row." in narration.inner_text()
            assert "{# c #} {{ 7*191 }} {$ 7*191 $} 10%" in narration.inner_text()
            assert page.title().startswith("Tiny {{ 7*191 }} {$ 7*191 $} 100%")
            browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
