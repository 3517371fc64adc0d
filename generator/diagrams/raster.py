"""Rasterising SVGs for slides: resvg with the bundled Liberation Sans and no system fonts,
so text renders the same on every machine; and the animated GIF/WebP made from those renders."""
from __future__ import annotations

import io
import re
from pathlib import Path

from ..core.errors import RenderError
from .theme import palette

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FAMILY = "Liberation Sans"


def font_files() -> list[str]:
    return sorted(str(p) for p in FONTS_DIR.glob("*.ttf"))


def scaled(text: str, scale: float) -> str:
    """Multiply the root's intrinsic width and height (pt or px); the viewBox stays."""
    if scale == 1:
        return text

    def grow(match: re.Match) -> str:
        return f'{match.group(1)}="{float(match.group(2)) * scale:g}{match.group(3)}"'

    head, rest = text.split("<svg", 1)
    tag, body = rest.split(">", 1)
    return head + "<svg" + re.sub(r'\b(width|height)="([\d.]+)(pt|px|)"', grow, tag) + ">" + body


def to_png(svg_text: str, theme: str, scale: float = 1.0, background: str | None = "theme") -> bytes:
    """``background``: "theme" for the palette's, None for transparent, or a CSS colour."""
    import resvg_py

    fill = palette(theme)["background"] if background == "theme" else background
    try:
        return bytes(resvg_py.svg_to_bytes(
            svg_string=svg_text, background=fill, skip_system_fonts=True,
            font_files=font_files(), font_family=FONT_FAMILY, sans_serif_family=FONT_FAMILY,
            zoom=scale, dpi=96, text_rendering="geometric_precision"))
    except ValueError as exc:
        raise RenderError(f"could not rasterise: {exc}") from exc


def animation(pngs: list[bytes], seconds_per_frame: float, fmt: str) -> bytes:
    """An endlessly looping GIF or WebP of the given PNG renders, each shown ``seconds_per_frame``.

    GIF has 256 colours a frame: every frame is quantised to one shared palette
    (median cut of all frames together, no dithering), so flat diagram colours stay flat,
    the highlight keeps its red, and the same input gives the same bytes.
    """
    from PIL import Image

    images = [Image.open(io.BytesIO(data)) for data in pngs]
    duration = round(seconds_per_frame * 1000)
    out = io.BytesIO()
    if fmt == "gif":
        rgb = [image.convert("RGB") for image in images]
        # One palette from every frame stacked: the start frame alone has no highlight colour in it.
        sheet = Image.new("RGB", (rgb[0].width, rgb[0].height * len(rgb)))
        for index, image in enumerate(rgb):
            sheet.paste(image, (0, index * rgb[0].height))
        palette = sheet.quantize(colors=255, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        frames = [image.quantize(palette=palette, dither=Image.Dither.NONE) for image in rgb]
        frames[0].save(out, format="GIF", save_all=True, append_images=frames[1:], duration=duration,
                       loop=0, optimize=False, disposal=1)
    else:
        frames = [image.convert("RGBA") for image in images]
        frames[0].save(out, format="WEBP", save_all=True, append_images=frames[1:], duration=duration,
                       loop=0, lossless=True, method=4, exact=True)
    return out.getvalue()
