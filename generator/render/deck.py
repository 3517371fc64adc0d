"""A single-file HTML slide deck: one slide per step frame, with its narration (template ``deck.html``)."""
from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment

from ..diagrams import svg
from ..diagrams.draw import LessonDiagrams
from ..diagrams.theme import css_rules, palette
from ..model import ids
from ..model.facts import LessonFacts
from .environment import render_template


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
    css: str
    slides: tuple[SlideView, ...]


def css(theme: str) -> str:
    p = palette(theme)
    return "\n".join([
        f"html, body {{ margin: 0; background: {p['background']}; color: {p['text']}; "
        "font-family: 'Liberation Sans', Helvetica, Arial, sans-serif; }",
        ".deck-slide { box-sizing: border-box; min-height: 100vh; padding: 2vh 4vw; display: flex; "
        "flex-direction: column; justify-content: center; gap: 1.5vh; }",
        ".deck-slide h2 { margin: 0; font-size: clamp(18px, 3.2vh, 34px); }",
        ".deck-slide svg { width: 100%; max-height: 68vh; }",
        ".deck-narration { margin: 0; font-size: clamp(15px, 2.4vh, 26px); line-height: 1.4; max-width: 70em; }",
        f".deck-bar {{ position: fixed; right: 1em; bottom: 1em; display: none; gap: .5em; align-items: center; "
        f"color: {p['muted']}; }}",
        ".deck-js .deck-bar { display: flex; }",
        f".deck-bar button {{ font: inherit; background: {p['caption-fill']}; color: {p['text']}; "
        f"border: 1px solid {p['lane-stroke']}; border-radius: 6px; padding: .2em .7em; cursor: pointer; }}",
        css_rules(theme, ".deck-slide"),
    ])


def _scenario_slide(diagrams: LessonDiagrams, scenario, frame) -> SlideView:
    name = ids.scenario_frame_name(scenario.source.id, frame.number)
    slide, prefix = ids.scenario_slide(name)
    return SlideView(slide, frame.caption, frame.narration, svg.inline(diagrams.trees[name], prefix))


def deck(env: Environment, facts: LessonFacts, diagrams: LessonDiagrams, theme: str = "light") -> str:
    lesson = facts.lesson
    slides = []
    for f in facts.frames:
        slides.append(SlideView(ids.slide(f.number), f.caption, f.narration,
                                svg.inline(diagrams.trees[ids.frame_name(f.number)], ids.slide_prefix(f.number))))
        # each what-if's frames come as extra slides right after its fork
        for scenario in facts.scenarios:
            if scenario.fork == f.number:
                slides += [_scenario_slide(diagrams, scenario, frame) for frame in scenario.line.frames[f.number:]]
    slides = tuple(slides)
    view = DeckView(lesson.id, lesson.language, lesson.title, css(theme), slides)
    return render_template(env, "deck.html", deck=view)
