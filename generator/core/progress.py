"""A one-line progress bar for long builds: drawn on a terminal, silent in CI and in pipes.

Tiny on purpose (no dependency): it redraws one stderr line with a carriage
return and clears it when done, so logs and diagnostics are never mixed with it.
"""
from __future__ import annotations

import os
import sys
import time
from typing import TextIO

WIDTH = 24


def wanted(stream: TextIO) -> bool:
    """Draw only for a person: a terminal, and not CI (``CI`` set to anything but empty/false)."""
    if os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class Progress:
    """``with Progress(total, "laying out") as bar: bar.advance(name)``; a no-op when not wanted."""

    def __init__(self, total: int, label: str, stream: TextIO | None = None, *, enabled: bool | None = None):
        self.total, self.label, self.done = max(total, 0), label, 0
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = wanted(self.stream) if enabled is None else enabled
        self._drawn = 0

    def line(self, item: str = "") -> str:
        filled = WIDTH * self.done // self.total if self.total else WIDTH
        bar = "#" * filled + "-" * (WIDTH - filled)
        return f"{self.label} [{bar}] {self.done}/{self.total} {item}"[:100]

    def advance(self, item: str = "") -> None:
        self.done = min(self.done + 1, self.total)
        if self.enabled:
            text = self.line(item)
            self.stream.write("\r" + text.ljust(self._drawn))
            self.stream.flush()
            self._drawn = len(text)

    def close(self) -> None:
        if self.enabled and self._drawn:
            self.stream.write("\r" + " " * self._drawn + "\r")
            self.stream.flush()
            self._drawn = 0

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class Stages:
    """A build's stages, timed: on a terminal, one line as each starts and a one-line summary at the
    end (``stepdeck: 2.1 s: check and render 1.2 s, write 0.1 s, site build 0.8 s``); silent otherwise."""

    def __init__(self, stream: TextIO | None = None, *, enabled: bool | None = None, clock=time.perf_counter):
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = wanted(self.stream) if enabled is None else enabled
        self.clock = clock
        self.spent: dict[str, float] = {}
        self.current: str | None = None
        self.started = self.since = clock()

    def stage(self, name: str, detail: str = "") -> None:
        """``name`` starts now; the stage before it ends."""
        self._stop()
        self.current = name
        if self.enabled:
            self.stream.write(f"stepdeck: {name}{' (' + detail + ')' if detail else ''}...\n")
            self.stream.flush()

    def _stop(self) -> None:
        now = self.clock()
        if self.current is not None:
            self.spent[self.current] = self.spent.get(self.current, 0.0) + now - self.since
        self.current, self.since = None, now

    def summary(self) -> str:
        parts = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in self.spent.items())
        return f"stepdeck: {self.clock() - self.started:.1f} s: {parts}"

    def finish(self) -> None:
        self._stop()
        if self.enabled:
            self.stream.write(self.summary() + "\n")
            self.stream.flush()
