"""The bench's figures (a measure, its baseline, the ratio, the issue's target) and their table."""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass


@dataclass
class Figure:
    measure: str
    n: int | None  # the set size, None where it does not apply
    baseline: float | None  # in ``unit``
    value: float | None
    unit: str  # "s", "ms", "MiB", "KB", "MB"
    target: str = ""  # the target, as text; "" for a figure reported without one
    limit: float | None = None  # the ratio's bound
    at_least: bool = False  # True where the ratio must reach the bound (a speed-up)
    before: str = ""  # the before-table figure
    note: str = ""
    value_limit: float | None = None  # a bound on the value itself (150 KB, 8 MB), besides the ratio

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline

    @property
    def passed(self) -> bool | None:
        """True or False against the target; None without a target or a figure."""
        if self.limit is None and self.value_limit is None:
            return None
        checks = []
        if self.limit is not None:
            if self.ratio is None:
                return None
            checks.append(self.ratio >= self.limit if self.at_least else self.ratio <= self.limit)
        if self.value_limit is not None:
            if self.value is None:
                return None
            checks.append(self.value <= self.value_limit)
        return all(checks)

    def as_dict(self) -> dict:
        return {**asdict(self), "ratio": self.ratio, "passed": self.passed}


def quantity(value: float | None, unit: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "ms":
        return f"{value:.2f} ms"
    if unit == "KB":
        return f"{value:,.0f} KB"
    return f"{value:,.1f} {unit}"


def ratio_text(figure: Figure) -> str:
    ratio = figure.ratio
    if ratio is None:
        return "–"
    return f"{ratio:.1f} ×" if figure.at_least else f"{ratio:.3f}" if ratio < 0.1 else f"{ratio:.2f}"


def verdict(figure: Figure) -> str:
    return {True: "pass", False: "FAIL", None: ""}[figure.passed]


def rows(figures: list[Figure]) -> list[list[str]]:
    header = ["measure", "N", "baseline", "value", "ratio", "target", "result", "before (issue)"]
    body = [[f.measure + (f" ({f.note})" if f.note else ""), "" if f.n is None else f"{f.n:,}",
             quantity(f.baseline, f.unit), quantity(f.value, f.unit), ratio_text(f), f.target or "–",
             verdict(f), f.before or ""] for f in figures]
    return [header, *body]


def table(figures: list[Figure]) -> str:
    """A Markdown table, its columns padded so it reads as plain text too."""
    cells = rows(figures)
    widths = [max(len(row[i]) for row in cells) for i in range(len(cells[0]))]

    def line(row: list[str]) -> str:
        return "| " + " | ".join(text.ljust(width) for text, width in zip(row, widths)) + " |"

    rule = "|" + "|".join("-" * (width + 2) for width in widths) + "|"
    return "\n".join([line(cells[0]), rule, *map(line, cells[1:])])
