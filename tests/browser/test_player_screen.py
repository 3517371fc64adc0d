"""The page around the player's diagram, in Chromium: one screen at 1280 x 800, zoom and pan at 375 px
(buttons and a pinch), the lane switch and its address, the legend, plain-text captions, tab history,
instant navigation and the catalog cards."""
from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from browserkit import LESSON, MODES, player_step, visible_panels

pytestmark = pytest.mark.browser
LABEL_FLOOR = 11  # DESIGN.md: no diagram label below 11 px on screen

# The smallest label as drawn: font size times the SVG's scale on screen (the test may measure; the
# page script never does). Only labels that show count.
SMALLEST_LABEL = """() => {
  let min = Infinity;
  for (const t of document.querySelectorAll('figure.sd-player-frame svg text')) {
    if (!t.getClientRects().length || !t.textContent.trim()) continue;
    min = Math.min(min, parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a);
  }
  return min;
}"""
BOX = "(e) => { const r = e.getBoundingClientRect(); return [r.top, r.bottom, r.left, r.right]; }"


def lessons_of(built_site) -> list[str]:
    return sorted(p.parent.name for p in (built_site / "site" / "lessons").glob("*/index.html"))


def data_of(page) -> dict:
    return json.loads(page.text_content(".sd-lesson script"))[0]


def in_viewport(box, width, height, top=0) -> bool:
    return top <= box[0] and box[1] <= height and 0 <= box[2] and box[3] <= width


@pytest.mark.parametrize("lesson", ["git-merge-vs-rebase", "oauth-pkce-vs-client-credentials",
                                    "service-mesh-vs-library", "tcp-vs-quic"])
def test_one_screen_at_1280_by_800(new_context, server, built_site, lesson):
    assert lesson in lessons_of(built_site)
    page = new_context(width=1280, height=800).new_page()
    page.goto(f"{server}/lessons/{lesson}/#step-0")
    page.wait_for_selector(".sd-lesson.sd-js")
    header = page.eval_on_selector(".md-header", "h => h.getBoundingClientRect().bottom")
    for n in range(len(data_of(page)["steps"])):
        page.evaluate(f"location.hash = '#step-{n}'")
        page.wait_for_function(f"document.querySelector('.sd-slider').value === '{n}'")
        # the theme may answer the address change by swapping the page in again: measure the page
        # the script has set up, once it has laid it out
        # (the first figure is the main line's; a what-if's stays hidden until it is taken)
        page.wait_for_function("['figure.sd-player-frame svg', '.sd-player-controls'].every(s => {"
                               " const e = document.querySelector('.sd-lesson.sd-js ' + s);"
                               " return e && e.getClientRects().length; })")
        for part in ("figure.sd-player-frame svg", ".sd-player-controls", ".sd-step-text"):
            box = page.eval_on_selector(part, BOX)
            assert in_viewport(box, 1280, 800, header - 1), f"{lesson} step {n}: {part} at {box}"
        assert page.evaluate(SMALLEST_LABEL) >= LABEL_FLOOR, f"{lesson} step {n}"


def test_the_legend_lists_exactly_the_styles_the_diagram_draws(page, server, built_site):
    for lesson in lessons_of(built_site):
        page.goto(f"{server}/lessons/{lesson}/#steps")
        svg = "figure.sd-player-frame:not([data-scenario]) svg"
        kinds = page.eval_on_selector_all(f"{svg} g.node", "gs => gs.flatMap(g => [...g.classList])"
                                          ".filter(c => c.startsWith('sd-kind-')).map(c => c.slice(8))")
        # the main line's figure: a what-if's own arrows are only in its own figure
        edges = page.eval_on_selector_all(f"{svg} g.edge[class*=sd-style-]", """gs => gs.map(g => [
            [...g.classList].find(c => c.startsWith('sd-style-')).slice(9),
            g.querySelector('path').getAttribute('stroke-dasharray')])""")
        entries = page.eval_on_selector_all(".sd-legend li", "ls => ls.map(l => [l.dataset.legend, l.dataset.style,"
                                            " l.dataset.members.split(' '), l.querySelector('svg') !== null,"
                                            " (l.querySelector('path[stroke-dasharray]') || {getAttribute: () => null})"
                                            ".getAttribute('stroke-dasharray')])")
        assert all(swatch for *_, swatch, _ in entries), lesson
        lines = {style: dash for what, style, _, _, dash in entries if what == "line"}
        drawn = {style: dash for style, dash in edges}
        assert lines == drawn, lesson  # the same styles, each swatch dashed as its arrows are
        assert {k for what, _, members, _, _ in entries if what == "shape" for k in members} == set(kinds), lesson
        # a dashed shape (network, external) is drawn dashed in its swatch too
        dashed = page.eval_on_selector_all(".sd-legend li[data-legend=shape]", "ls => ls.map(l => [l.dataset.style,"
                                           " l.querySelector('[stroke-dasharray]') !== null])")
        assert all(style.endswith("-dashed") == has for style, has in dashed), lesson


def test_lane_switch_steps_through_one_lane_and_lives_in_the_address(page, lesson_url):
    page.goto(lesson_url + "#step-0")
    data = data_of(page)
    lane = data["lanes"][1]["code"]

    def address(n, with_lane=True):  # a step with an id is addressed by it; the lane suffix follows either
        return f"#step-{data['grammar']['names'].get(str(n), n)}" + (f"~{lane}" if with_lane else "")

    # an address whose step is off the lane opens the lane's next step, and says so
    first = next(s["number"] for s in data["steps"][1:] if lane in s["lanes"])
    off_lane = next(s["number"] for s in data["steps"][1:] if s["lanes"] and lane not in s["lanes"])
    if off_lane < first:
        page.goto(lesson_url + f"#step-{off_lane}~{lane}")
        page.wait_for_function(f"location.hash === '{address(first)}'")
        assert player_step(page) == first
        page.goto(lesson_url + "#step-0")
    page.check(f".sd-lane-switch input[value={lane}]")
    assert page.url.endswith(address(0))
    seen = [0]
    while page.get_attribute(".sd-player-controls [data-action=next]", "aria-disabled") == "false":
        page.click(".sd-player-controls [data-action=next]")
        seen.append(player_step(page))
        assert len(seen) <= len(data["steps"])
    want = [0] + [s["number"] for s in data["steps"][1:] if not s["lanes"] or lane in s["lanes"]]
    assert seen == want and len(want) < len(data["steps"])  # the other lane's steps are skipped
    assert page.url.endswith(address(want[-1]))
    off = page.eval_on_selector_all("figure.sd-player-frame:not([data-scenario]) [data-lane]", "es => es.map(e => [e.dataset.lane,"
                                    " e.classList.contains('sd-lane-off')])")
    assert off and all(is_off == (code != lane) for code, is_off in off)
    groups = page.eval_on_selector_all(".sd-states [data-lane]", "es => es.map(e => [e.dataset.lane, !e.hidden])")
    assert groups and all(shown == (code == lane) for code, shown in groups)  # the other lane's states go too
    page.reload()
    page.wait_for_selector(".sd-lesson.sd-js")
    assert player_step(page) == want[-1] and page.is_checked(f".sd-lane-switch input[value={lane}]")
    page.click("a.sd-mode-tab[data-mode=quiz]")
    page.go_back()
    page.wait_for_function(f"location.hash === '{address(want[-1])}'")
    assert visible_panels(page) == ["steps"] and page.is_checked(f".sd-lane-switch input[value={lane}]")
    page.check(".sd-lane-switch input[value='']")  # both lanes again: no lane in the address
    assert page.url.endswith(address(want[-1], with_lane=False))
    assert page.eval_on_selector_all("figure.sd-player-frame .sd-lane-off", "es => es.length") == 0


def phone(new_context, **options):
    return new_context(width=375, height=800, is_mobile=True, has_touch=True, **options).new_page()


def test_zoom_and_pan_by_buttons_at_375(new_context, server):
    page = phone(new_context)
    page.goto(f"{server}/lessons/oauth-pkce-vs-client-credentials/#step-5")
    page.wait_for_selector(".sd-lesson.sd-js")
    frame = "figure.sd-zoom"
    assert page.get_attribute(frame, "tabindex") == "0" and page.get_attribute(frame, "role") == "region"
    assert page.get_attribute(frame, "aria-label")
    fit = page.eval_on_selector(frame, "f => [f.scrollWidth, f.clientWidth, f.getBoundingClientRect().right]")
    assert fit[0] <= fit[1] and fit[2] <= 375  # fitted: the whole width shows, nothing to scroll
    assert page.is_hidden(".sd-pan")
    page.click("[data-zoom=in]")
    assert page.evaluate(SMALLEST_LABEL) >= LABEL_FLOOR - 0.05  # legible size: the floor, to rounding
    assert page.text_content(".sd-zoom-level") == "Legible size"
    assert page.eval_on_selector(frame, "f => f.scrollWidth > f.clientWidth")  # scrolls, and says so:
    assert page.is_visible(".sd-pan")  # pan buttons show while zoomed in
    # the acting part is in view: the current badge lies inside the figure's box
    badge = page.eval_on_selector("figure.sd-zoom svg .sd-badge.sd-current", BOX)
    box = page.eval_on_selector(frame, BOX)
    assert box[2] <= badge[2] and badge[3] <= box[3] and box[0] <= badge[0] and badge[1] <= box[1]
    before = page.eval_on_selector(frame, "f => [f.scrollLeft, f.scrollTop]")
    page.click("[data-pan=left]")
    page.click("[data-pan=up]")
    after = page.eval_on_selector(frame, "f => [f.scrollLeft, f.scrollTop]")
    assert after[0] < before[0] or before[0] == 0
    page.click("[data-pan=right]")
    assert page.eval_on_selector(frame, "f => f.scrollLeft") > after[0]
    page.click("[data-zoom=fit]")
    assert page.eval_on_selector(frame, "f => f.scrollWidth <= f.clientWidth")
    page.focus(frame)
    page.keyboard.press("+")
    assert page.get_attribute(frame, "data-zoom-level") == "1"


@pytest.mark.parametrize("source", ["touch", "mouse"])
def test_pinch_zooms_the_diagram_not_the_page(new_context, server, source):
    page = phone(new_context)
    page.goto(f"{server}/lessons/git-merge-vs-rebase/#step-2")
    page.wait_for_selector(".sd-lesson.sd-js")
    box = page.locator("figure.sd-zoom").bounding_box()
    cdp = page.context.new_cdp_session(page)
    centre = {"x": box["x"] + box["width"] / 2, "y": box["y"] + box["height"] / 2}
    cdp.send("Input.synthesizePinchGesture", {**centre, "scaleFactor": 2.5, "gestureSourceType": source})
    assert int(page.get_attribute("figure.sd-zoom", "data-zoom-level")) >= 1
    assert page.evaluate(SMALLEST_LABEL) >= LABEL_FLOOR - 0.05
    assert page.evaluate("visualViewport.scale") == 1  # the page itself did not zoom
    cdp.send("Input.synthesizePinchGesture", {**centre, "scaleFactor": 0.4, "gestureSourceType": source})
    assert page.get_attribute("figure.sd-zoom", "data-zoom-level") == "0"


# Everything that scrolls inside the page at 375 px must be reachable: by keyboard (focusable itself, or
# holding something focusable) and visibly (a scrollbar or, for the player, its pan buttons).
UNREACHABLE = """() => [...document.querySelectorAll('.sd-lesson *')].filter(e => {
  if (!e.getClientRects().length) return false;
  const cs = getComputedStyle(e), over = e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1;
  if (!over || e.tagName === 'svg' || e.closest('svg')) return false;
  if (cs.overflowX === 'hidden' || cs.overflowY === 'hidden' || cs.overflow === 'clip') return !e.matches('.sd-stack thead');
  const scrolls = /(auto|scroll)/.test(cs.overflowX + cs.overflowY);
  return scrolls && !(e.tabIndex >= 0 || e.querySelector('a[href], button, [tabindex="0"], input, select'));
}).map(e => e.tagName + '.' + e.className)"""


def test_nothing_is_clipped_out_of_reach_at_375(new_context, server, built_site):
    page = phone(new_context)
    for lesson in lessons_of(built_site):
        for mode in MODES:
            page.goto(f"{server}/lessons/{lesson}/?{mode}#{mode}")
            page.wait_for_selector(".sd-lesson.sd-js")
            assert page.evaluate(UNREACHABLE) == [], f"{lesson} #{mode}"


def test_no_backtick_in_any_caption_or_text_of_any_lesson(page, server, built_site):
    for lesson in lessons_of(built_site):
        page.goto(f"{server}/lessons/{lesson}/#step-0")
        page.wait_for_selector(".sd-lesson.sd-js")
        steps = data_of(page)["steps"]
        for n in range(len(steps)):
            page.evaluate(f"location.hash = '#step-{n}'")
            page.wait_for_function(f"document.querySelector('.sd-slider').value === '{n}'")
            shown = page.eval_on_selector(".sd-player", "p => p.innerText")
            drawn = page.eval_on_selector_all("figure.sd-player-frame svg text", "ts => ts.filter(t => "
                                              "t.getClientRects().length).map(t => t.textContent).join(' ')")
            assert "`" not in shown + drawn, f"{lesson} step {n}"
            assert "`" not in steps[n]["caption"] + steps[n]["narration"], f"{lesson} step {n}"


def test_arrowing_across_the_tabs_adds_no_history_and_clicks_do(page, lesson_url):
    page.goto(lesson_url)
    page.wait_for_selector(".sd-lesson.sd-js")
    start = page.evaluate("history.length")
    page.focus("a.sd-mode-tab[data-mode=flow]")
    for mode in MODES[1:]:
        page.keyboard.press("ArrowRight")
        assert visible_panels(page) == [mode]
    assert page.url.endswith("#transcript") and page.evaluate("history.length") == start
    page.click("a.sd-mode-tab[data-mode=quiz]")
    page.focus("a.sd-mode-tab[data-mode=table]")
    page.keyboard.press("Enter")
    assert visible_panels(page) == ["table"] and page.evaluate("history.length") == start + 2
    page.go_back()
    page.wait_for_function("location.hash === '#quiz'")
    assert visible_panels(page) == ["quiz"]


HOST = "http://stepdeck.test"  # a default port: Material maps sitemap.xml's site_url onto the page's host, not its port


def test_instant_navigation_catalog_lesson_other_lesson_modes_without_a_reload(browser, built_site):
    site, strays = built_site / "site", []

    def serve(route):  # the built site, answered inside the browser: nothing leaves the machine
        url = urlsplit(route.request.url)
        path = site / url.path.lstrip("/")
        path = path / "index.html" if path.is_dir() else path
        if url.hostname != "stepdeck.test" or not path.is_file():
            strays.append(route.request.url)
            return route.abort()
        route.fulfill(path=str(path))

    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        ctx.route("**/*", serve)
        page = ctx.new_page()
        page.goto(HOST + "/")
        page.wait_for_load_state("networkidle")  # instant navigation is ready once sitemap.xml is in
        page.evaluate("window.__stillHere = 'catalog'")
        page.click(f".sd-lesson-card[data-lesson={LESSON}] a.sd-card-link")
        page.wait_for_selector(f".sd-lesson[data-lesson={LESSON}].sd-js")
        # another lesson through the sections (the nav lists sections, not lessons): the lesson's "More in"
        # link, the theme's footer to the next section (sections are in the nav), that section's card
        page.click("#sd-more-lessons + ul a")
        page.wait_for_selector(".sd-section li.sd-lesson-card")
        here = page.evaluate("location.pathname")
        page.click(".md-footer__link--next")
        page.wait_for_function("here => location.pathname !== here && !!document.querySelector('.sd-section li')",
                               arg=here)
        page.click(".sd-section li.sd-lesson-card a.sd-card-link")
        page.wait_for_function(f"document.querySelector('.sd-lesson.sd-js') && "
                               f"document.querySelector('.sd-lesson').dataset.lesson !== '{LESSON}'")
        for mode in ("steps", "tracker", "quiz"):
            page.click(f"a.sd-mode-tab[data-mode={mode}]")
            assert visible_panels(page) == [mode]
        assert page.evaluate("window.__stillHere") == "catalog"  # the same window all along: no full load
        assert page.evaluate("performance.getEntriesByType('navigation').length") == 1
        assert strays == []
    finally:
        ctx.close()


CARDS = """cs => cs.map(c => ({
    links: c.querySelectorAll('a').length, inline: c.querySelectorAll('svg').length,
    imgs: [...c.querySelectorAll('img')].map(i => [i.getAttribute('loading'), i.getAttribute('src'),
                                                   getComputedStyle(i).display !== 'none', i.complete && i.naturalWidth > 0]),
    chips: [...c.querySelectorAll('.sd-chip')].map(s => s.textContent.replace('#', '').toLowerCase()
                                                  .replace(/[^a-z0-9]+/g, '-'))}))"""


def test_catalog_cards_are_one_link_with_a_lazy_thumbnail_per_palette(page, server, built_site):
    page.goto(server + "/")
    page.wait_for_load_state("networkidle")
    for scheme in ("light", "dark"):
        if scheme == "dark":  # Material's own toggle: the pictures follow it, not the system setting
            page.click("form[data-md-component=palette] label.md-header__button:visible")
            page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
        page.wait_for_function("[...document.querySelectorAll('.sd-thumb img')].every(i => "
                               "getComputedStyle(i).display === 'none' || (i.complete && i.naturalWidth > 0))")
        cards = page.eval_on_selector_all(".sd-lesson-card", CARDS)
        assert len(cards) == len(lessons_of(built_site))
        for card in cards:
            assert card["links"] == 1 and card["inline"] == 0  # the whole card is the one link; files, not inline SVG
            assert [loading for loading, *_ in card["imgs"]] == ["lazy", "lazy"]
            shown = [(src, ok) for _, src, on, ok in card["imgs"] if on]
            assert len(shown) == 1 and shown[0][0].endswith(f"-{scheme}.svg") and shown[0][1], (scheme, card)
            assert len(card["chips"]) == len(set(card["chips"]))  # category, track, tags: each once
