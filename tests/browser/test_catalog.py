"""The catalog at scale (issue 11, point 5): the filter by category, tag and words, kept in the address
across a reload and Back, from the keyboard, without moving the controls; the section pages; the
lesson's own previous / next links; the search box still finds a lesson by a step's action. Under
both builders (``built_site[mkdocs|zensical]``)."""
from __future__ import annotations

import pytest
import yaml

from browserkit import AXE, LESSON, ROOT


def lessons() -> dict[str, dict]:
    return {d["id"]: d for d in (yaml.safe_load(p.read_text(encoding="utf-8"))
                                 for p in sorted((ROOT / "content").glob("*.yaml")))}


def shown(page) -> list[str]:
    return page.eval_on_selector_all("li.sd-lesson-card:not([hidden])", "els => els.map(e => e.dataset.lesson)")


def count_says(page, start: str) -> None:
    """Wait for the catalog's count line (the page may still be swapping in under instant navigation)."""
    page.wait_for_function("""start => {
        const count = document.querySelector('.sd-filter-count');
        return !!count && count.textContent.includes('lessons') && count.textContent.startsWith(start);
    }""", arg=start)


def open_catalog(page, url: str) -> None:
    page.goto(url)
    count_says(page, "")
    page.wait_for_function("!!window.StepDeck")  # the modules ran


def test_the_filter_narrows_the_cards_and_keeps_its_choice_in_the_address(page, server):
    everything = sorted(lessons())
    open_catalog(page, server + "/")
    assert sorted(shown(page)) == everything
    form = page.locator("form.sd-filter").bounding_box()
    page.select_option("select[name=category]", "security")
    assert shown(page) == ["oauth-pkce-vs-client-credentials"]
    assert page.url.endswith("/?category=security")
    assert page.text_content(".sd-filter-count") == f"1 of {len(everything)} lessons"
    assert page.locator("form.sd-filter").bounding_box() == form  # the controls did not move
    page.select_option("select[name=category]", "")
    page.select_option("select[name=tag]", "kafka")
    assert shown(page) == ["kafka-log-vs-rabbitmq-queue"]
    page.select_option("select[name=tag]", "")
    page.fill("input[name=words]", "HANDSHAKE quic")  # every word, in any case, in the card's text
    assert shown(page) == ["tcp-vs-quic"] and page.url.endswith("/?words=HANDSHAKE+quic")
    page.fill("input[name=words]", "no such words anywhere")
    assert shown(page) == [] and page.is_visible(".sd-filter-empty")
    page.fill("input[name=words]", "quic")
    page.reload()
    count_says(page, "1 of")
    assert page.input_value("input[name=words]") == "quic" and shown(page) == ["tcp-vs-quic"]
    page.click("li.sd-lesson-card:not([hidden]) a")
    page.wait_for_selector(".sd-lesson.sd-js")
    page.go_back()
    count_says(page, "1 of")
    assert shown(page) == ["tcp-vs-quic"] and page.input_value("input[name=words]") == "quic"


def test_the_filter_works_from_the_keyboard(page, server):
    open_catalog(page, server + "/?tag=no-such-tag")
    assert page.input_value("select[name=tag]") == "" and len(shown(page)) == len(lessons())  # unknown: all
    page.focus("select[name=category]")
    page.keyboard.press("ArrowDown")  # the first category
    first = page.input_value("select[name=category]")
    assert first and shown(page) and all(lessons()[i]["category"] for i in shown(page))
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "words"
    page.keyboard.type("zzzz")
    assert shown(page) == [] and page.url.endswith(f"?category={first}&words=zzzz")


def test_a_section_page_and_the_lesson_pager_lead_from_lesson_to_lesson(page, server):
    page.goto(f"{server}/lessons/{LESSON}/")
    page.wait_for_selector(".sd-lesson.sd-js")
    page.click("#sd-more-lessons + ul a")
    page.wait_for_selector(".sd-section li.sd-lesson-card")
    assert page.text_content("h1") == "Kubernetes"
    assert shown(page) == [LESSON]
    page.click("li.sd-lesson-card a")
    page.wait_for_selector(".sd-lesson.sd-js")
    assert page.url.endswith(f"/lessons/{LESSON}/")
    page.wait_for_load_state("networkidle")
    failed = page.evaluate("""() => Array.from(document.querySelectorAll('.sd-section img, #sd-more-lessons + ul a'))
        .filter(e => e.tagName === 'IMG' && e.complete && !e.naturalWidth).length""")
    assert failed == 0


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_axe_finds_no_serious_violations_on_the_catalog_and_a_section(new_context, server, palette):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` in the project folder")
    page = new_context(scheme=palette).new_page()
    problems = []
    for url in (server + "/?category=security", server + "/lessons/category/kubernetes/"):
        page.goto(url)
        page.wait_for_selector(".sd-catalog")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("""async () => {
            const r = await axe.run(document.querySelector('.sd-catalog'), {resultTypes: ['violations']});
            return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.map(n => n.target.join(' ')).join(', '));
        }""")
        problems += [f"{url}: {line}" for line in result]
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("words", ["library-based", "Sidecar Proxy", "Intercepts and processes"])
def test_the_search_box_finds_the_lesson_by_its_title_a_label_and_an_action(request, server, builder, words):
    """Typed as a reader types (Material searches on key presses). Zensical's search box is a component
    of its own; its index is checked in tests/test_site_light.py."""
    if builder != "mkdocs":
        pytest.skip("Material's search box; Zensical's index is tested without a browser")
    page = request.getfixturevalue("page")
    page.goto(server + "/")
    page.click(".md-search__input")
    page.keyboard.type(words, delay=30)
    results = page.locator(".md-search-result a")
    results.first.wait_for(timeout=15000)
    hrefs = [results.nth(i).get_attribute("href") or "" for i in range(min(results.count(), 10))]
    assert any(f"/lessons/{LESSON}/" in h for h in hrefs), hrefs
