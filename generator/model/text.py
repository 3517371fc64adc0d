"""Author text as readers see it where no formatting shows: diagram labels, captions, narration.

The one wrapping of labels and the one wrapping of captions live here, so the
static frames, the player and lint measure a line the same way.
"""
from __future__ import annotations

import re
import textwrap

CODE_SPAN = re.compile(r"`([^`\n]+)`")
LABEL_WRAP = 22
"""Columns a diagram label wraps at (DESIGN.md: boxes are sized for Helvetica estimates)."""
LONG_WORD_SLACK = 10
"""A long identifier (redirect_uri?code=...) stays whole up to this many columns past the wrap."""
CAPTION_LINES = 2


def plain_text(text: str) -> str:
    """Author text for places that show no formatting: code spans lose their backticks."""
    return CODE_SPAN.sub(r"\1", text)


def sentence(text: str) -> str:
    """Text ending in a full stop, unless it already ends a sentence."""
    text = text.strip()
    return text if text[-1:] in ".!?" else text + "."


def label_lines(text: str, wrap: int = LABEL_WRAP) -> list[str]:
    """The lines a label is drawn on: plain text wrapped at ``wrap`` columns."""
    lines = []
    for line in textwrap.wrap(plain_text(text), wrap, break_long_words=False, break_on_hyphens=False) or [""]:
        limit = wrap + LONG_WORD_SLACK
        lines += [line[i:i + limit] for i in range(0, len(line), limit)] if len(line) > limit else [line]
    return lines


def caption_lines(text: str, columns: int, most: int = CAPTION_LINES) -> list[str]:
    """A caption wrapped at ``columns``, at most ``most`` lines, the last cut with an ellipsis."""
    lines = textwrap.wrap(plain_text(text), columns) or [""]
    if len(lines) > most:
        lines = lines[:most]
        lines[-1] = lines[-1][: max(0, columns - 1)].rstrip() + "…"
    return lines
