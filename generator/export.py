"""``stepdeck export``: slide-ready files for one lesson, in one fixed theme.

Exported SVGs carry concrete CSS for one palette (no variables, no
colour-scheme query), an opaque background, no script and no reference to
anything outside the file. PNGs are rasterised from those same SVGs by resvg
with the Liberation Sans shipped in ``generator/fonts`` and no system fonts,
so text renders the same on every machine. The animated view exports as one
PNG per frame. ``deck`` is a single-file HTML slide deck.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import deck, svg, writer
from .diagrams import LessonDiagrams
from .errors import RenderError, StepDeckError
from .model import Lesson
from .theme import palette

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FAMILY = "Liberation Sans"
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


def font_files() -> list[str]:
    return sorted(str(p) for p in FONTS_DIR.glob("*.ttf"))


def _scaled(text: str, scale: float) -> str:
    """Multiply the root's intrinsic width and height; the viewBox stays."""
    if scale == 1:
        return text

    def grow(match: re.Match) -> str:
        return f'{match.group(1)}="{float(match.group(2)) * scale:g}pt"'

    head, rest = text.split("<svg", 1)
    tag, body = rest.split(">", 1)
    return head + "<svg" + re.sub(r'\b(width|height)="([\d.]+)pt"', grow, tag) + ">" + body


def to_png(svg_text: str, theme: str, scale: float = 1.0) -> bytes:
    import resvg_py

    try:
        return bytes(resvg_py.svg_to_bytes(
            svg_string=svg_text, background=palette(theme)["background"], skip_system_fonts=True,
            font_files=font_files(), font_family=FONT_FAMILY, sans_serif_family=FONT_FAMILY,
            zoom=scale, dpi=96, text_rendering="geometric_precision"))
    except ValueError as exc:
        raise RenderError(f"could not rasterise: {exc}") from exc


def files(lesson: Lesson, diagrams: LessonDiagrams, options: ExportOptions, source: str) -> dict[str, bytes]:
    """File name -> bytes for the chosen views. Pure apart from resvg's rendering."""
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
    out: dict[str, bytes] = {}
    for view in options.views or known:
        if view == "deck":
            out["deck.html"] = deck.deck(lesson, diagrams, options.theme).encode("utf-8")
            continue
        if options.fmt == "png" and view == "animated":
            # A PNG cannot move: one picture per frame, from the step frames it cycles through.
            for info in diagrams.frames:
                name = f"step-{info.number:02d}"
                out[f"animated-{info.number:02d}.png"] = to_png(
                    svg.fixed_theme(diagrams.trees[name], options.theme), options.theme, options.scale)
            continue
        text = svg.fixed_theme(diagrams.trees[view], options.theme, diagrams.extra_css.get(view, ""), source)
        if options.fmt == "svg":
            out[f"{view}.svg"] = _scaled(text, options.scale).encode("utf-8")
        else:
            out[f"{view}.png"] = to_png(text, options.theme, options.scale)
    return out


def export(project, lesson_id: str, options: ExportOptions, out_dir: Path | None = None,
           graphviz=None) -> list[Path]:
    """Validate, lay out and render one lesson, then write its export files; return their paths."""
    from . import diagrams as diagram_stage
    from .build import check
    from .collect import load_lessons
    from .engine import Graphviz

    # Only this lesson has to be valid: a broken draft elsewhere must not block an export.
    loaded, _ = load_lessons(project)
    paths = [item.path for item in loaded if item.lesson.id == lesson_id]
    if not paths:
        known = sorted(item.lesson.id for item in loaded)
        raise StepDeckError(f"unknown lesson: {lesson_id!r} (must be one of {known})")
    item = check(project, paths).lessons[0]
    graphviz = graphviz or Graphviz(project.limits.layout_seconds)
    rendered = diagram_stage.draw(item.lesson, graphviz, item.source)
    target = (out_dir or Path.cwd() / "export") / lesson_id
    written = []
    for name, content in files(item.lesson, rendered, options, item.source).items():
        writer.write_file(target / name, content)
        written.append(target / name)
    return written
