"""Every export of one lesson, in memory: file name -> bytes.

Pictures (svg, png) export chosen views; the slide formats (deck, pptx, pdf,
gif, webp) share one ``render.slidefiles.SlideSet``: a title slide, then the
step frames framed for a slide; the quiz formats (qti, moodle, gift) and the
handout read the lesson's facts. The writer writes the result.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..core.errors import StepDeckError
from ..diagrams import framing, raster
from ..diagrams.draw import LessonDiagrams
from ..model.facts import LessonFacts
from ..render import handout, pdfpages, powerpoint, quizfiles
from ..render.deck import deck
from ..render.slidefiles import BACKGROUNDS, check_background, picture_text, raster_background, slide_set

PICTURES = ("svg", "png")
SLIDES = ("deck", "pptx", "pdf", "gif", "webp")
QUIZ = ("qti", "moodle", "gift")
FORMATS = (*PICTURES, *SLIDES, "handout", *QUIZ)
THEMES = ("light", "dark")
QUIZ_FILES = {"qti": ("quiz-qti.zip", quizfiles.qti_package), "moodle": ("quiz-moodle.xml", quizfiles.moodle_xml),
              "gift": ("quiz-gift.txt", quizfiles.gift)}


@dataclass(frozen=True)
class ExportOptions:
    views: tuple[str, ...] = ()  # empty: every view (svg and png only)
    fmt: str = "svg"
    theme: str = "light"
    scale: float = 1.0
    aspect: str | None = None  # None: 16:9 for slide formats, "fit" for pictures
    background: str = "theme"
    seconds_per_step: float = 3.0

    @property
    def framing(self) -> str:
        return self.aspect or ("fit" if self.fmt in PICTURES else "16:9")


def view_names(diagrams: LessonDiagrams) -> list[str]:
    return diagrams.view_names()


def check_options(diagrams: LessonDiagrams, options: ExportOptions) -> None:
    if options.fmt not in FORMATS:
        raise StepDeckError(f"unknown format: {options.fmt!r} (must be one of {list(FORMATS)})")
    known = view_names(diagrams) + ["deck"]
    unknown = [v for v in options.views if v not in known]
    if unknown:
        raise StepDeckError(f"unknown view: {unknown[0]!r} (must be one of {known})")
    if options.views and options.fmt not in PICTURES and set(options.views) != {"deck"}:
        raise StepDeckError(f"--view is for --format svg or png; --format {options.fmt} exports the whole lesson")
    if options.fmt == "png" and "animated" in options.views:
        raise StepDeckError("a PNG cannot move: export the animated view with --format gif or --format webp "
                            "(the step PNGs are its frames)")
    if options.theme not in THEMES:
        raise StepDeckError(f"unknown theme: {options.theme!r} (must be one of {list(THEMES)})")
    if options.framing not in framing.ASPECTS:
        raise StepDeckError(f"unknown aspect: {options.framing!r} (must be one of {list(framing.ASPECTS)})")
    if options.background not in BACKGROUNDS:
        raise StepDeckError(f"unknown background: {options.background!r} (must be one of {list(BACKGROUNDS)})")
    check_background(options.theme, options.background)
    if not 0.1 <= options.scale <= 16:
        raise StepDeckError(f"scale must be between 0.1 and 16, not {options.scale:g}")
    if not 0.2 <= options.seconds_per_step <= 60:
        raise StepDeckError(f"--seconds-per-step must be between 0.2 and 60, not {options.seconds_per_step:g}")


def export_files(env, facts: LessonFacts, diagrams: LessonDiagrams, options: ExportOptions,
                 source: str) -> dict[str, bytes]:
    """File name -> bytes for the chosen format. Pure apart from the renderers' own work."""
    check_options(diagrams, options)
    fmt = options.fmt
    if fmt in QUIZ:
        name, build = QUIZ_FILES[fmt]
        return {name: build(facts)}
    if fmt == "handout":
        return {"handout.pdf": handout.handout(facts, diagrams, source)}
    out: dict[str, bytes] = {}
    if fmt in PICTURES:
        out.update(_pictures(facts, diagrams, options, source))
        if options.views and "deck" not in options.views:
            return out
    pictures = slide_set(facts, diagrams, options.theme, options.framing if fmt not in PICTURES else "16:9",
                         options.background, source)
    if fmt in PICTURES or fmt == "deck":
        out["deck.html"] = deck(env, facts, pictures).encode("utf-8")
    elif fmt == "pptx":
        out["slides.pptx"] = powerpoint.pptx(facts, pictures)
    elif fmt == "pdf":
        out["slides.pdf"] = pdfpages.pdf_document([s.text for s in pictures.slides], facts.lesson.title)
    else:
        # the animation is the main line; a what-if's slides are the slide formats' extra
        frames = pictures.main_line(pictures.pngs(options.scale))
        out[f"animated.{fmt}"] = raster.animation(frames, options.seconds_per_step, fmt)
    return out


def _pictures(facts: LessonFacts, diagrams: LessonDiagrams, options: ExportOptions, source: str) -> dict[str, bytes]:
    """One file per view. A PNG cannot move: the animated view is the GIF/WebP format's, not a PNG set."""
    out: dict[str, bytes] = {}
    views = [v for v in options.views or view_names(diagrams) if v != "deck"]
    trees = diagrams.trees
    for view in views:
        if options.fmt == "png" and view == "animated":
            continue
        text = picture_text(trees[view], options.theme, options.framing, options.background,
                            diagrams.extra_css.get(view, ""), source, slide=view.startswith("step-"))
        if options.fmt == "svg":
            out[f"{view}.svg"] = raster.scaled(text, options.scale).encode("utf-8")
        else:
            out[f"{view}.png"] = raster.to_png(text, options.theme, options.scale,
                                               raster_background(options.background))
    return out
