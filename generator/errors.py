"""The exception tree and the located diagnostics every stage reports."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem in one lesson file, printed as ``file:line:col: path: message``."""

    file: str
    line: int
    column: int
    path: str
    message: str
    code: str = "error"
    severity: str = "error"
    hint: str = field(default="", compare=False)

    def format(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        path = f" {self.path}:" if self.path else ""
        label = "" if self.severity == "error" else f" {self.severity}:"
        text = f"{where}:{path}{label} {self.message} [{self.code}]"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


class StepDeckError(Exception):
    """Base for every error StepDeck reports to a user without a traceback."""


class ValidationFailed(StepDeckError):
    """One or more lessons are invalid; carries every diagnostic found."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = sorted(diagnostics)
        super().__init__("\n".join(d.format() for d in self.diagnostics))


class RenderError(StepDeckError):
    """Graphviz, a template or MkDocs failed while producing output."""


class LayoutTimeout(RenderError):
    """A diagram took longer than the configured layout time limit."""
