"""The pictures every slide format shares: framed, fixed-theme SVGs and their PNG renders.

The deck, the PPTX, the PDF, the GIF/WebP and the PNG set all come from one
``SlideSet``: a title slide, then one framed picture per step frame (start
first), each what-if's frames right after its fork's. The PNGs are rendered once
and reused, so a GIF shows exactly the main line's PNGs.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from ..core.errors import StepDeckError
from ..diagrams import framing, raster, slides, svg
from ..diagrams.draw import LessonDiagrams
from ..diagrams.theme import palette
from ..model import ids
from ..model.facts import LessonFacts

BACKGROUNDS = ("theme", "transparent", "white")
WHITE = "#ffffff"


def check_background(theme: str, background: str) -> None:
    if background not in BACKGROUNDS:
        raise StepDeckError(f"unknown background: {background!r} (must be one of {list(BACKGROUNDS)})")
    if background == "white" and theme == "dark":
        raise StepDeckError("--background white does not go with --theme dark: the dark theme's light text "
                            "would be unreadable on white. Use --theme light, or --background theme")


def background_css(background: str) -> str:
    """Overrides the theme's own background rect (which comes first in the stylesheet)."""
    return {"theme": "", "transparent": ".sd-bg { fill: none; }", "white": f".sd-bg {{ fill: {WHITE}; }}"}[background]


def raster_background(background: str) -> str | None:
    return {"theme": "theme", "transparent": None, "white": WHITE}[background]


def picture_text(tree: ET.Element, theme: str, aspect: str, background: str, extra_css: str = "",
                 source: str = "", slide: bool = False) -> str:
    """One framed, fixed-theme standalone SVG; a ``slide`` in a slide shape keeps every label >= 11 px."""
    framed = framing.frame(tree, aspect)
    if slide and aspect != "fit":
        framing.grow_small_labels(framed)
    css = "\n".join(part for part in (extra_css, background_css(background)) if part)
    return svg.fixed_theme(framed, theme, css, source)


@dataclass
class Slide:
    name: str  # "title", "step-00", "what-if-<id>-07", ...
    title: str  # plain text
    notes: str  # the narration: speaker notes, plain text
    tree: ET.Element  # framed, unthemed
    text: str  # framed, fixed-theme SVG
    element_id: str = ""  # the deck's id of the slide (model.ids)
    id_prefix: str = ""  # the prefix of the ids inside its picture in the deck
    what_if: bool = False  # a scenario's frame, after its fork: not part of the main line's animation


@dataclass
class SlideSet:
    theme: str
    background: str
    slides: list[Slide]
    _pngs: dict[float, list[bytes]] = field(default_factory=dict)

    @property
    def steps(self) -> list[Slide]:
        return self.slides[1:]

    def main_line(self, pngs: list[bytes]) -> list[bytes]:
        """The step frames' PNGs of the main line (no title, no what-if), as the animation shows them."""
        return [png for slide, png in zip(self.slides[1:], pngs[1:]) if not slide.what_if]

    def pngs(self, scale: float) -> list[bytes]:
        """Every slide's PNG at ``scale`` (1.5: 1920 px wide at 16:9), rendered once."""
        if scale not in self._pngs:
            self._pngs[scale] = [raster.to_png(slide.text, self.theme, scale, raster_background(self.background))
                                 for slide in self.slides]
        return self._pngs[scale]


def slide_set(facts: LessonFacts, diagrams: LessonDiagrams, theme: str, aspect: str, background: str,
              source: str) -> SlideSet:
    check_background(theme, background)
    lesson = facts.lesson
    pictures = [(lesson.title, lesson.summary, "title", slides.title_slide(facts, theme), ids.slide_title(), "t-",
                 False)]
    for frame, tree in zip(facts.frames, slides.slide_frames(facts, diagrams.trees)):
        pictures.append((frame.caption, frame.narration, ids.frame_name(frame.number), tree, ids.slide(frame.number),
                         ids.slide_prefix(frame.number), False))
        for scenario in facts.scenarios:  # each what-if's frames come as extra slides right after its fork
            if scenario.fork == frame.number:
                for own in scenario.line.frames[frame.number:]:
                    name = ids.scenario_frame_name(scenario.source.id, own.number)
                    pictures.append((own.caption, own.narration, name, diagrams.trees[name],
                                     *ids.scenario_slide(name), True))
    items = []
    for title, notes, name, tree, element_id, prefix, what_if in pictures:
        framed = framing.frame(tree, aspect)
        if aspect != "fit":
            framing.grow_small_labels(framed)
        items.append(Slide(name, title, notes, framed, svg.fixed_theme(framed, theme, background_css(background),
                                                                       source), element_id, prefix, what_if))
    return SlideSet(theme, background, items)


def page_colour(theme: str, background: str) -> str | None:
    return {"theme": palette(theme)["background"], "transparent": None, "white": WHITE}[background]
