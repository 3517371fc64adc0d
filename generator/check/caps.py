"""Diagnostics capped per file and per code, so a flood of one mistake stays readable and cheap.

The first ``PER_CODE`` of each code and the first ``PER_FILE`` of each file are shown; what is
left of a code becomes one line, "... and 999,950 more", located at the first one left out.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace

from ..core.errors import Diagnostic

PER_CODE = 50
PER_FILE = 200


SUMMARY = "... and "


def capped(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """``diagnostics`` (sorted) with at most PER_CODE per code and PER_FILE per file, plus counts.

    A summary a stage already made (the reader counts its refused characters without keeping
    them) passes through as it is."""
    per_code: Counter = Counter()
    per_file: Counter = Counter()
    kept: list[Diagnostic] = []
    left: dict[tuple, list] = {}
    for d in diagnostics:
        if d.message.startswith(SUMMARY):
            kept.append(d)
            continue
        per_code[(d.file, d.code)] += 1
        if per_code[(d.file, d.code)] > PER_CODE or per_file[d.file] >= PER_FILE:
            left.setdefault((d.file, d.code, d.severity), [d, 0])[1] += 1
            continue
        per_file[d.file] += 1
        kept.append(d)
    for first, count in left.values():
        kept.append(replace(first, path="", message=f"{SUMMARY}{count:,} more like this", hint=""))
    return sorted(kept)
