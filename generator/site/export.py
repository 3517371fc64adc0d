"""Slide-ready files for one lesson: fixed-theme SVGs, PNGs and the HTML deck, in memory.

SVGs are self-contained with one palette as concrete CSS. PNGs are rendered by
resvg (``diagrams.raster``); the animated view exports as one PNG per frame.
``deck`` is a single-file HTML slide deck.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..core.errors import StepDeckError
from ..diagrams import raster, svg
from ..diagrams.draw import LessonDiagrams
from ..model import ids
from ..model.facts import LessonFacts
from ..render.deck import deck

FORMATS = ("svg", "png")
THEMES = ("light", "dark")


@dataclass(frozen=True)
class ExportOptions:
    views: tuple[str, ...] = ()  # empty: every view
    fmt: str = "svg"
    theme: str = "light"
    scale: float = 1.0


def view_names(diagrams: LessonDiagrams) -> list[str]:
    return [*diagrams.view_names(), "deck"]


def check_options(diagrams: LessonDiagrams, options: ExportOptions) -> None:
    known = view_names(diagrams)
    unknown = [v for v in options.views if v not in known]
    if unknown:
        raise StepDeckError(f"unknown view: {unknown[0]!r} (must be one of {known})")
    if options.fmt not in FORMATS:
        raise StepDeckError(f"unknown format: {options.fmt!r} (must be one of {list(FORMATS)})")
    if options.theme not in THEMES:
        raise StepDeckError(f"unknown theme: {options.theme!r} (must be one of {list(THEMES)})")
    if not 0.1 <= options.scale <= 16:
        raise StepDeckError(f"scale must be between 0.1 and 16, not {options.scale:g}")


def export_files(env, facts: LessonFacts, diagrams: LessonDiagrams, options: ExportOptions,
                 source: str) -> dict[str, bytes]:
    """File name -> bytes for the chosen views. Pure apart from resvg's rendering."""
    check_options(diagrams, options)
    out: dict[str, bytes] = {}
    for view in options.views or view_names(diagrams):
        if view == "deck":
            out["deck.html"] = deck(env, facts, diagrams, options.theme).encode("utf-8")
            continue
        if options.fmt == "png" and view == "animated":
            # A PNG cannot move: one picture per frame, from the step frames it cycles through.
            for frame in facts.frames:
                tree = diagrams.trees[ids.frame_name(frame.number)]
                out[f"animated-{frame.number:02d}.png"] = raster.to_png(
                    svg.fixed_theme(tree, options.theme), options.theme, options.scale)
            continue
        text = svg.fixed_theme(diagrams.trees[view], options.theme, diagrams.extra_css.get(view, ""), source)
        if options.fmt == "svg":
            out[f"{view}.svg"] = raster.scaled(text, options.scale).encode("utf-8")
        else:
            out[f"{view}.png"] = raster.to_png(text, options.theme, options.scale)
    return out
