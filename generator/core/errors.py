"""The exception tree and the located diagnostics every stage reports."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from enum import Enum


class Severity(str, Enum):
    """How bad a diagnostic is: errors stop a build, warnings do not (unless ``--strict``)."""

    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in one file, printed as ``file:line:col: path: message [code]``."""

    file: str
    line: int
    column: int
    path: str
    message: str
    code: str = "error"
    severity: Severity = Severity.ERROR
    hint: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "severity", Severity(self.severity))  # "warning" works as well

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def as_error(self) -> "Diagnostic":
        return replace(self, severity=Severity.ERROR)

    def format(self) -> str:
        where = f"{printable(self.file)}:{self.line}:{self.column}"
        path = f" {printable(self.path)}:" if self.path else ""
        label = "" if self.is_error else f" {self.severity.value}:"
        text = f"{where}:{path}{label} {printable(self.message)} [{self.code}]"
        if self.hint:
            text += f"\n    hint: {printable(self.hint)}"
        return text


def printable(text: str) -> str:
    """Author text as one visible line: control, bidi and zero-width characters become escapes.

    Diagnostics echo keys, values and file names; a newline or a bidi override in
    them could forge extra diagnostic lines or reorder what a reviewer reads.
    """
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" if ord(c) < 0x10000 else f"\\U{ord(c):08x}"
                   for c in text)


def comment_text(text: str) -> str:
    """Text safe inside an HTML or XML comment: one printable line without ``--``.

    Lesson file names are not slugs: ``a--><img onerror=...>.yaml`` would otherwise
    close the comment and put its markup on the page.
    """
    return re.sub(r"-(?=-)", "- ", printable(text))


class StepDeckError(Exception):
    """Base for every error StepDeck reports to a user without a traceback."""


class BuildCancelled(StepDeckError):
    """A preview's background build, given up because a newer edit is waiting (never shown)."""


class LessonsFailed(StepDeckError):
    """Lessons could not be built; carries every diagnostic found, warnings included."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = sorted(diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))


class ValidationFailed(LessonsFailed):
    """One or more lessons are invalid."""


class RenderError(StepDeckError):
    """Graphviz, a template or MkDocs failed while producing output."""


class RenderFailed(LessonsFailed, RenderError):
    """The diagrams of one or more valid lessons could not be drawn; one diagnostic per lesson."""


class LessonRenderError(RenderError):
    """A diagram of one lesson failed; ``source`` names the lesson file so a preview can skip it."""

    def __init__(self, source: str, message: str):
        self.source = source
        self.detail = message
        super().__init__(f"{source}: {message}")


class LayoutTimeout(RenderError):
    """A diagram took longer than the configured layout time limit."""
