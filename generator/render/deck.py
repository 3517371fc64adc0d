"""A single-file HTML slide deck (template ``deck.html``): a title slide, then one slide per step frame
with its caption and narration. The pictures are the framed slide pictures every export shares."""
from __future__ import annotations

import copy
from dataclasses import dataclass

from jinja2 import Environment

from ..diagrams import svg
from ..diagrams.theme import css_rules, palette
from ..model import ids
from ..model.facts import LessonFacts
from .environment import render_template
from .slidefiles import SlideSet, page_colour


@dataclass(frozen=True)
class SlideView:
    element_id: str
    caption: str
    narration: str
    frame: str  # inline SVG markup (generated)


@dataclass(frozen=True)
class DeckView:
    lesson_id: str
    language: str
    title: str
    summary: str
    css: str
    title_slide: SlideView
    slides: tuple[SlideView, ...]


def css(theme: str, background: str) -> str:
    p = palette(theme)
    page = page_colour(theme, background) or p["background"]
    return "\n".join([
        f"html, body {{ margin: 0; background: {page}; color: {p['text']}; "
        "font-family: 'Liberation Sans', Helvetica, Arial, sans-serif; }",
        # [hidden] must win over the flex layout, or every slide shows at once.
        ".deck-slide { box-sizing: border-box; height: 100vh; padding: 2vh 4vw 8vh; display: flex; "
        "flex-direction: column; justify-content: center; align-items: center; gap: 1.2vh; overflow: hidden; }",
        ".deck-slide[hidden] { display: none; }",
        # The caption is drawn in the picture; the heading is for screen readers and the outline.
        ".deck-slide h2, .deck-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; "
        "clip: rect(0 0 0 0); white-space: nowrap; }",
        ".deck-slide svg { display: block; flex: 1 1 auto; min-height: 0; width: 100%; max-width: 100%; }",
        ".deck-title svg { max-height: 88vh; }",
        ".deck-narration { margin: 0; font-size: clamp(14px, 2.2vh, 24px); line-height: 1.35; max-width: 70em; }",
        f".deck-bar {{ position: fixed; right: 1em; bottom: 1em; display: none; gap: .5em; align-items: center; "
        f"color: {p['muted']}; }}",
        ".deck-js .deck-bar { display: flex; }",
        f".deck-bar button {{ font: inherit; background: {p['caption-fill']}; color: {p['text']}; "
        f"border: 1px solid {p['lane-stroke']}; border-radius: 6px; padding: .2em .7em; cursor: pointer; }}",
        "@media print { .deck-slide[hidden] { display: flex; } .deck-bar { display: none !important; } "
        ".deck-slide { break-after: page; } }",
        css_rules(theme, ".deck-slide"),
    ])


def _inline(tree, prefix: str) -> str:
    copy_ = copy.deepcopy(tree)
    svg.prefix_ids(copy_, prefix)
    copy_.set("aria-labelledby", f"{prefix}{ids.TITLE} {prefix}{ids.DESC}")
    for name in ("width", "height"):
        copy_.attrib.pop(name, None)
    return svg.to_text(copy_, css=None)


def deck(env: Environment, facts: LessonFacts, pictures: SlideSet) -> str:
    """The title slide, then every step frame's slide; each what-if's frames come right after its fork's
    (``slidefiles.slide_set`` orders them)."""
    lesson = facts.lesson
    title = pictures.slides[0]
    title_view = SlideView(title.element_id, lesson.title, lesson.summary, _inline(title.tree, title.id_prefix))
    slides = tuple(SlideView(slide.element_id, slide.title, slide.notes, _inline(slide.tree, slide.id_prefix))
                   for slide in pictures.steps)
    view = DeckView(lesson.id, lesson.language, lesson.title, lesson.summary,
                    css(pictures.theme, pictures.background), title_view, slides)
    return render_template(env, "deck.html", deck=view)
