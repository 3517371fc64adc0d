"""Strict YAML loading that keeps the position of every value.

PyYAML's own loaders expand aliases, honour tags and turn ``no`` into ``False`` silently.  This
loader works from the parser's event stream instead (``tree.TreeBuilder``), so it never expands
an alias, never constructs a tagged object, and records where each value came from for located
diagnostics.

Two parsers can feed it.  libyaml's C parser reads a lesson several times faster; PyYAML's
pure-Python parser is the reference, whose messages the diagnostics quote.  The reference reads
the file whenever libyaml is missing, whenever the text holds something the two are known to read
differently (a tab, a byte-order mark past the start, a directive line, a lone surrogate, a plain
``?`` inside brackets, an empty plain value), and whenever the file has any problem at all, so every
diagnostic comes from the reference; data, positions and typing of a clean file are the same
whichever parser ran (tests/test_loading_paths.py compares the two).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from ..core.errors import Diagnostic
from ..model.limits import Limits
from .tree import FORBIDDEN_CHARS, Abort, Diverged, TreeBuilder

__all__ = ["FORBIDDEN_CHARS", "LIBYAML", "Loaded", "Problems", "format_path", "load_yaml_text", "read_with_libyaml"]

Path_ = tuple  # a YAML path: keys and list indexes from the document root

LIBYAML = getattr(yaml, "__with_libyaml__", False)
# Text libyaml would read differently from the reference (tabs: PyYAML refuses some that libyaml
# skips; a BOM at a line start: libyaml drops it; a %YAML/%TAG line: versions and handles differ).
_REFERENCE_ONLY = re.compile("[\t\ufeff\ud800-\udfff]|^%", re.MULTILINE)


@dataclass
class Loaded:
    """A parsed lesson file: plain data plus where every piece of it sits."""

    file: str
    data: object = None
    positions: dict = field(default_factory=dict)  # path -> (line, column) of the value
    key_positions: dict = field(default_factory=dict)  # path -> (line, column) of its key
    implicit: dict = field(default_factory=dict)  # path -> (source text, "boolean"|"number"|"null")
    size: int = 0  # bytes of the lesson's text, for limits.max_output_bytes
    seconds: float = 0.0  # time spent reading and checking it, for limits.lesson_seconds

    def where(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """The closest known position of ``path``, walking up to its parents."""
        path = tuple(path)
        while True:
            table = self.key_positions if key else self.positions
            if path in table:
                return table[path]
            if path in self.positions:
                return self.positions[path]
            if not path:
                return (1, 1)
            path = path[:-1]
            key = False


def format_path(path: Path_) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


class Problems:
    def __init__(self, file: str):
        self.file = file
        self.items: list[Diagnostic] = []

    def add(self, mark, path, message, code, hint=""):
        line, column = (mark.line + 1, mark.column + 1) if hasattr(mark, "line") else mark
        self.items.append(Diagnostic(self.file, line, column, format_path(path), message, code, hint=hint))


def load_yaml_text(text: str, file: str, limits: Limits, *, fast: bool | None = None
                   ) -> tuple[Loaded | None, list[Diagnostic]]:
    """Parse one lesson document from the event stream, lazily.

    Events are pulled one at a time, so a hostile file stops being read at the
    first fatal problem: PyYAML's scanner is quadratic in flow nesting, and a
    megabyte of ``[`` would otherwise take minutes before any check ran.
    ``fast`` chooses libyaml (default: when installed); either way the result is the reference's.
    """
    if LIBYAML if fast is None else fast:
        read = read_with_libyaml(text, file, limits)
        if read is not None:
            return read
    return _read(text, file, limits, yaml.SafeLoader, strict=False)


def read_with_libyaml(text: str, file: str, limits: Limits) -> tuple[Loaded | None, list[Diagnostic]] | None:
    """libyaml's reading of ``text``, or None where the reference parser must read it instead."""
    if _REFERENCE_ONLY.search(text):
        return None
    try:
        read = _read(text, file, limits, yaml.CSafeLoader, strict=True)
    except (yaml.YAMLError, UnicodeError, Diverged):
        return None
    # Only a clean reading stands: libyaml then read every event of the text. Whatever is wrong,
    # the reference parser says, in its words, at its positions (libyaml may stop at a fatal
    # problem earlier than PyYAML's lookahead, which might have refused the text first).
    return None if read[1] else read


def _read(text: str, file: str, limits: Limits, loader, strict: bool) -> tuple[Loaded | None, list[Diagnostic]]:
    """One parser's reading; on the libyaml path (``strict``) any YAML error propagates."""
    problems = Problems(file)
    loaded = Loaded(file, size=len(text.encode("utf-8", "surrogatepass")))
    events = yaml.parse(text, Loader=loader)
    try:
        loaded.data = TreeBuilder(events, loaded, problems, limits, strict).document()
    except Abort:
        pass
    except yaml.MarkedYAMLError as exc:
        if strict:
            raise
        mark = exc.problem_mark or exc.context_mark
        message = (exc.problem or "invalid YAML").strip()
        hint = ""
        if "\t" in message or "'\\t'" in message:
            message, hint = "tab character used for indentation", "indent with spaces"
        problems.add(mark, (), message, "yaml.syntax", hint)
    except yaml.YAMLError as exc:  # reader errors carry no mark in older PyYAML
        if strict:
            raise
        problems.add((1, 1), (), str(exc).splitlines()[0], "yaml.syntax")
    return (None if problems.items else loaded), problems.items
