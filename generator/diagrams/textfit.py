"""Measuring and wrapping text in the bundled Liberation Sans, for pictures StepDeck lays out itself
(title slides, handout pages). Graphviz sizes its own labels; this is only for our own text."""
from __future__ import annotations

from functools import lru_cache

from .raster import FONTS_DIR


@lru_cache(maxsize=32)
def _font(size: float, bold: bool):
    from PIL import ImageFont

    name = "LiberationSans-Bold.ttf" if bold else "LiberationSans-Regular.ttf"
    return ImageFont.truetype(str(FONTS_DIR / name), size=int(round(size * 4)))  # 4x: sub-pixel widths


def width(text: str, size: float, bold: bool = False) -> float:
    return _font(size, bold).getlength(text) / 4


def wrap(text: str, size: float, max_width: float, bold: bool = False) -> list[str]:
    """Greedy word wrap at ``max_width``; a word wider than the line is cut by characters."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if width(candidate, size, bold) <= max_width:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = word
            while width(line, size, bold) > max_width and len(line) > 1:
                cut = max(1, next(i for i in range(len(line), 0, -1) if width(line[:i], size, bold) <= max_width)
                          if width(line[:1], size, bold) <= max_width else 1)
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line)
    return lines
