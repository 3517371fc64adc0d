"""Caps that keep a hostile or careless lesson from exhausting the build."""
from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Limits:
    """Every cap has a safe default and can be changed in ``stepdeck.yml``."""

    max_file_bytes: int = 1_000_000
    """Largest lesson file read, in bytes."""
    max_depth: int = 12
    """Deepest YAML nesting accepted."""
    max_components: int = 40
    """Most components in one lesson."""
    max_steps: int = 60
    """Most steps in one lesson."""
    max_lanes: int = 6
    """Most lanes in one lesson."""
    max_options: int = 8
    """Most options in one quiz question."""
    max_label_chars: int = 80
    """Longest `label` field (components, lanes, stages, steps, interactions, arrows)."""
    max_text_chars: int = 20_000
    """Longest single piece of text (transcript, answer, narration...)."""
    layout_seconds: float = 10.0
    """Longest time Graphviz may spend laying out one diagram."""
    lesson_seconds: float = 60.0
    """Longest time one lesson may take in all: loading, every layout, rendering."""
    max_output_bytes: int = 20_000_000
    """Most bytes one lesson may write (diagrams and page); 50 times the lesson's size if that is more."""

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in fields(cls)]

    def output_cap(self, lesson_bytes: int) -> int:
        return max(self.max_output_bytes, OUTPUT_PER_INPUT * lesson_bytes)


OUTPUT_PER_INPUT = 50

UPPER_BOUNDS = {
    # Beyond these a setting stops being a cap: Python's recursion limit (depth), the engine's timer
    # (seconds), memory (sizes). Each is far above what a real lesson needs.
    "max_file_bytes": 50_000_000, "max_depth": 64, "max_components": 1_000, "max_steps": 1_000,
    "max_lanes": 50, "max_options": 26, "max_label_chars": 1_000, "max_text_chars": 1_000_000,
    "layout_seconds": 600, "lesson_seconds": 600, "max_output_bytes": 2_000_000_000,
}
"""The highest value ``stepdeck.yml`` may give each limit."""

MAX_INT_CHARS = 30
"""Longest integer a lesson may write (digits and sign); Python refuses to print ints past 4,300 digits."""
