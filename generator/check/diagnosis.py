"""Collecting located diagnostics for one file: every check adds, none stops early."""
from __future__ import annotations

import difflib

from ..core.errors import Diagnostic, Severity
from .loading import Loaded, format_path


class Checker:
    """The diagnostics of one lesson file, each placed at the YAML path it is about."""

    def __init__(self, loaded: Loaded):
        self.loaded = loaded
        self.items: list[Diagnostic] = []

    def add(self, path: tuple, message: str, code: str, hint: str = "", *, key: bool = False,
            severity: Severity = Severity.ERROR) -> None:
        line, column = self.loaded.where(path, key=key)
        self.items.append(Diagnostic(self.loaded.file, line, column, format_path(path), message, code,
                                     severity, hint))

    def warn(self, path: tuple, message: str, code: str, hint: str = "") -> None:
        self.add(path, message, code, hint, severity=Severity.WARNING)

    @property
    def has_errors(self) -> bool:
        return any(d.is_error for d in self.items)

    def diagnostics(self) -> list[Diagnostic]:
        """Every diagnostic once (pydantic can report one place twice), in the order found."""
        seen, out = set(), []
        for item in self.items:
            key = (item.line, item.column, item.path, item.code)
            if key not in seen:
                seen.add(key)
                out.append(item)
        return out


def did_you_mean(value, choices, otherwise: str = "") -> str:
    """The hint for a misspelt name: the closest known one, else ``otherwise``."""
    close = difflib.get_close_matches(str(value), list(choices), n=1)
    return f"did you mean '{close[0]}'?" if close else otherwise
