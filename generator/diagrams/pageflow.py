"""Printable pages laid out as SVG: headings, paragraphs, tables and pictures flowing down A4 pages.

Text is measured in the bundled Liberation Sans (``textfit``), so a line never
runs past the margin in the PDF svg2pdf makes from these pages with that font.
One user unit is one PDF point.
"""
from __future__ import annotations

import copy
import xml.etree.ElementTree as ET

from . import svg, textfit
from .theme import FONT_STACK, palette

_S = svg._S
PAGE_W, PAGE_H = 595.0, 842.0  # A4 in pt
MARGIN = 48.0
WIDTH = PAGE_W - 2 * MARGIN
LEADING = 1.3
CELL_PAD = 4.0


class PageFlow:
    def __init__(self, title: str) -> None:
        self.title = title
        self.pages: list[ET.Element] = []
        self.colours = palette("light")
        self.new_page()

    def new_page(self) -> None:
        root = ET.Element(f"{_S}svg", {"width": f"{PAGE_W:g}", "height": f"{PAGE_H:g}",
                                       "viewBox": f"0 0 {PAGE_W:g} {PAGE_H:g}"})
        svg.name_image(root, f"{self.title}: page {len(self.pages) + 1}", self.title)
        self.body = ET.SubElement(root, f"{_S}g", {"class": "sd-handout"})
        self.pages.append(root)
        self.y = MARGIN
        footer = f"{self.title} · page {len(self.pages)}"
        self._text(MARGIN, PAGE_H - 24, footer, 8, self.colours["muted"])

    def room(self, height: float) -> None:
        """Start a new page unless ``height`` more fits on this one."""
        if self.y + height > PAGE_H - MARGIN and self.y > MARGIN + 1:
            self.new_page()

    def _text(self, x: float, y: float, text: str, size: float, fill: str, bold: bool = False) -> None:
        attrs = {"x": f"{x:.1f}", "y": f"{y:.1f}", "font-family": FONT_STACK, "font-size": f"{size:g}",
                 "style": f"fill: {fill}"}
        if bold:
            attrs["font-weight"] = "bold"
        ET.SubElement(self.body, f"{_S}text", attrs).text = text

    def paragraph(self, text: str, size: float = 10.5, bold: bool = False, gap: float = 6.0,
                  indent: float = 0.0, muted: bool = False) -> None:
        fill = self.colours["muted" if muted else "text"]
        for line in textfit.wrap(text, size, WIDTH - indent, bold):
            self.room(size * LEADING)
            self.y += size * LEADING
            self._text(MARGIN + indent, self.y - size * 0.3, line, size, fill, bold)
        self.y += gap

    def heading(self, text: str, size: float = 15.0) -> None:
        self.room(size * LEADING + 60)  # never a heading alone at the foot of a page
        self.y += 8
        self.paragraph(text, size, bold=True, gap=4)

    def table(self, headers: list[str], rows: list[list[str]], shares: list[float], size: float = 8.5) -> None:
        """Columns take ``shares`` of the width; a row's height is its tallest cell; headers repeat."""
        widths = [WIDTH * share / sum(shares) for share in shares]
        self._row(headers, widths, size, header=True)
        for row in rows:
            if self._row_height(row, widths, size) + self.y > PAGE_H - MARGIN:
                self.new_page()
                self._row(headers, widths, size, header=True)
            self._row(row, widths, size)
        self.y += 8

    def _row_height(self, cells: list[str], widths: list[float], size: float, bold: bool = False) -> float:
        lines = max(len(textfit.wrap(c, size, w - 2 * CELL_PAD, bold)) for c, w in zip(cells, widths))
        return lines * size * LEADING + 2 * CELL_PAD

    def _row(self, cells: list[str], widths: list[float], size: float, header: bool = False) -> None:
        height = self._row_height(cells, widths, size, header)
        x = MARGIN
        for cell, width in zip(cells, widths):
            ET.SubElement(self.body, f"{_S}rect", {
                "x": f"{x:.1f}", "y": f"{self.y:.1f}", "width": f"{width:.1f}", "height": f"{height:.1f}",
                "style": f"fill: {self.colours['caption-fill'] if header else 'none'}; "
                         f"stroke: {self.colours['lane-stroke']}; stroke-width: 0.6"})
            for i, line in enumerate(textfit.wrap(cell, size, width - 2 * CELL_PAD, header)):
                self._text(x + CELL_PAD, self.y + CELL_PAD + (i + 1) * size * LEADING - size * 0.3, line, size,
                           self.colours["text"], header)
            x += width
        self.y += height

    def picture(self, tree: ET.Element, max_height: float = 420.0) -> None:
        """A diagram scaled to the text width (never up, never past ``max_height``)."""
        width, height = svg.size(tree)
        scale = min(WIDTH / width, max_height / height, 1.0)
        self.room(height * scale + 8)
        nested = ET.SubElement(self.body, f"{_S}svg", {
            "x": f"{MARGIN + (WIDTH - width * scale) / 2:.1f}", "y": f"{self.y:.1f}",
            "width": f"{width * scale:.1f}", "height": f"{height * scale:.1f}", "viewBox": tree.get("viewBox")})
        for child in copy.deepcopy(tree):
            if child.tag not in (f"{_S}title", f"{_S}desc"):
                nested.append(child)
        self.y += height * scale + 10
