"""One lesson's budget: ``limits.lesson_seconds`` in all, and ``limits.max_output_bytes``.

Each layout already has ``limits.layout_seconds``; a lesson has eight or so of them, so without a
total one lesson could hold a build (or a preview save) for minutes. The clock starts when the
lesson file is read, so loading, every layout and rendering all count.
"""
from __future__ import annotations

import time

from ..core.errors import LayoutTimeout
from ..model.limits import Limits


class LessonBudget:
    """A layout engine for one lesson that stops when the lesson's time is spent."""

    def __init__(self, engine, limits: Limits, spent: float = 0.0):
        self.engine, self.limits = engine, limits
        self.deadline = time.monotonic() + limits.lesson_seconds - spent

    def over(self) -> bool:
        return time.monotonic() >= self.deadline

    def message(self) -> str:
        return (f"the lesson took longer than {self.limits.lesson_seconds:g} s to load, lay out and render "
                "(limits.lesson_seconds); simplify it, or raise limits.lesson_seconds in stepdeck.yml")

    def layout(self, source: str) -> str:
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            raise LayoutTimeout(self.message())
        try:
            return self.engine.layout(source, timeout=remaining)
        except LayoutTimeout:
            if self.over():
                raise LayoutTimeout(self.message()) from None
            raise


def output_problem(limits: Limits, lesson_bytes: int, written: int) -> str | None:
    """Why one lesson's output is refused, naming the limit to raise; None when it fits."""
    cap = limits.output_cap(lesson_bytes)
    if written <= cap:
        return None
    return (f"the lesson would write {written:,} bytes of diagrams and page, over the limit of {cap:,} "
            "(limits.max_output_bytes, or 50 times the lesson's size); shorten it, or raise "
            "limits.max_output_bytes in stepdeck.yml")
