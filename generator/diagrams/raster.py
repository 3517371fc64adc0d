"""Rasterising SVGs for slides: resvg with the bundled Liberation Sans and no system fonts,
so text renders the same on every machine."""
from __future__ import annotations

import re
from pathlib import Path

from ..core.errors import RenderError
from .theme import palette

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FAMILY = "Liberation Sans"


def font_files() -> list[str]:
    return sorted(str(p) for p in FONTS_DIR.glob("*.ttf"))


def scaled(text: str, scale: float) -> str:
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
