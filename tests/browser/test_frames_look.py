"""The player's progressive frame as Chromium draws it, in both palettes: later steps not drawn, quiet parts
legible by their computed colours (no opacity), the other lane quiet, a changed state marked by more
than colour."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from browserkit import SHOTS
from generator.diagrams import states
from generator.diagrams.theme import LINE_FLOOR, TEXT_FLOOR, contrast

pytestmark = pytest.mark.browser
OAUTH = "oauth-pkce-vs-client-credentials"
FRAME = "figure.sd-player-frame svg"
SCHEMES = {"light": "default", "dark": "slate"}


def hex_colour(css: str) -> str:
    r, g, b = (int(v) for v in re.findall(r"\d+", css)[:3])
    return f"#{r:02x}{g:02x}{b:02x}"


def styles(page, selector: str, *props: str) -> list[dict]:
    return page.eval_on_selector_all(
        f"{FRAME} {selector}",
        "(els, props) => els.map(e => { const s = getComputedStyle(e); "
        "return Object.fromEntries(props.map(p => [p, s.getPropertyValue(p)])); })", list(props))


def open_step(page, server: str, palette: str, step: int) -> None:
    page.goto(f"{server}/lessons/{OAUTH}/#step-{step}")
    page.wait_for_selector(".sd-lesson.sd-js")
    page.evaluate(f"document.body.setAttribute('data-md-color-scheme', '{SCHEMES[palette]}')")
    page.wait_for_function(f"document.querySelector('.sd-slider').value === '{step}'")


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_quiet_parts_are_legible_by_their_computed_colours(new_context, server, palette):
    page = new_context(width=1280, height=800, scheme=palette).new_page()
    open_step(page, server, palette, 11)  # a client-credentials step: the PKCE lane is the other lane
    background = hex_colour(page.evaluate("getComputedStyle(document.body).backgroundColor"))
    lane_fill = hex_colour(styles(page, ".sd-lane > path, .sd-lane > polygon", "fill")[0]["fill"])
    quiet_text = styles(page, ".sd-edge.sd-past text", "fill", "opacity", "display")
    other_edges = styles(page, ".sd-edge.sd-other-lane path", "stroke", "opacity")
    other_nodes = styles(page, ".sd-node.sd-other-lane > text", "fill", "opacity")
    other_fill = hex_colour(styles(page, ".sd-node.sd-other-lane > :is(path, polygon, ellipse)", "fill")[0]["fill"])
    assert quiet_text and other_edges and other_nodes
    for text in quiet_text:
        assert text["opacity"] == "1" and text["display"] != "none"
        assert min(contrast(hex_colour(text["fill"]), g) for g in (background, lane_fill)) >= TEXT_FLOOR
    for line in other_edges:
        assert line["opacity"] == "1"
        assert min(contrast(hex_colour(line["stroke"]), g) for g in (background, lane_fill)) >= LINE_FLOOR
    for text in other_nodes:
        assert text["opacity"] == "1" and contrast(hex_colour(text["fill"]), other_fill) >= TEXT_FLOOR
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"player-oauth-11-{palette}.png"))


def test_later_steps_are_not_drawn_and_past_ones_are(new_context, server):
    page = new_context(width=1280, height=800).new_page()
    open_step(page, server, "light", 4)
    shown = page.eval_on_selector_all(f"{FRAME} g.edge[data-step]",
                                      "gs => gs.filter(g => getComputedStyle(g).display !== 'none')"
                                      ".map(g => Number(g.dataset.step))")
    assert shown and max(shown) == 4 and set(shown) == {1, 2, 3, 4}
    now = styles(page, ".sd-edge.sd-now text", "font-weight")
    assert now and all(s["font-weight"] == "700" for s in now)


def test_a_changed_state_is_marked_by_more_than_colour_in_the_player(new_context, server):
    page = new_context(width=1280, height=800).new_page()
    open_step(page, server, "light", 11)  # the authorization server's state changes at step 11
    changed = page.eval_on_selector_all(
        f"{FRAME} g.sd-state.sd-changed.sd-current",
        "gs => gs.filter(g => getComputedStyle(g).display !== 'none').map(g => ({"
        "text: g.querySelector('text').textContent, weight: getComputedStyle(g.querySelector('text')).fontWeight,"
        "frame: getComputedStyle(g.querySelector('rect')).strokeWidth}))")
    plain = page.eval_on_selector_all(
        f"{FRAME} g.sd-state.sd-current:not(.sd-changed)",
        "gs => gs.map(g => getComputedStyle(g.querySelector('rect')).strokeWidth)")
    assert changed and plain
    for state in changed:
        assert state["text"].startswith(states.CHANGED_MARK) and state["weight"] == "700"
        assert float(state["frame"].removesuffix("px")) > max(float(w.removesuffix("px")) for w in plain)
    hidden = page.eval_on_selector_all(f"{FRAME} [data-from]:not(.sd-current)",
                                       "gs => gs.every(g => getComputedStyle(g).display === 'none')")
    assert hidden
