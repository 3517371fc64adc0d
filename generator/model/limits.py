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

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in fields(cls)]
