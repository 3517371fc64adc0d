"""Zensical's output, minus its warnings about StepDeck's own fragment links (``#step-N``, ``#step-<id>``,
``#what-if-<id>``, ``#<mode>``).

Those fragments are the lesson page's URL grammar (``model.ids``): the page script opens a mode
or a step from them, and no element carries them as an id (a test checks that), so Zensical's
anchor validation flags every tab and every step link. The links must stay as they are (they
are the deep links, and they work without the script too), and turning Zensical's anchor check
off would also hide the author's real broken anchors. So each warning is read back at the file,
line and column Zensical names, and dropped only when it points at a fragment of the grammar.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..model.ids import fragment_pattern

ANSI = re.compile(r"\x1b\[[0-9;]*m")
LOCATION = re.compile(r"\[ (?P<file>[^\]]+?):(?P<line>\d+):(?P<column>\d+) \]")
SUMMARY = re.compile(r"^(\d+) issues? found$")
RESERVED = re.compile(fragment_pattern())


def plain(line: str) -> str:
    return ANSI.sub("", line).rstrip("\n")


def points_at_the_grammar(block: list[str], docs_dir: Path) -> bool:
    """True when an anchor warning names a link to one of the page grammar's fragments."""
    if not plain(block[0]).strip().startswith("Warning: anchor does not exist"):
        return False
    for line in block[1:3]:
        found = LOCATION.search(plain(line))
        if found:
            try:
                lines = (docs_dir / found["file"]).read_text(encoding="utf-8").splitlines()
                text = lines[int(found["line"]) - 1][int(found["column"]) - 1:]
            except (OSError, IndexError, UnicodeDecodeError):
                return False
            return RESERVED.fullmatch(re.split(r"[\"')\s]", text, maxsplit=1)[0]) is not None
    return False


class OutputFilter:
    """Feeds Zensical's output through line by line (a server's output never ends)."""

    def __init__(self, docs_dir: Path):
        self.docs_dir = docs_dir
        self.block: list[str] = []
        self.dropped = 0

    def feed(self, line: str) -> list[str]:
        text = plain(line).strip()
        if self.block and (text.startswith(("Warning:", "Error:", "Build ")) or len(self.block) > 40):
            return self.flush() + self.feed(line)  # not a boxed warning after all: keep it as it came
        if self.block:
            self.block.append(line)
            if text.endswith("╯"):
                block, self.block = self.block, []
                if points_at_the_grammar(block, self.docs_dir):
                    self.dropped += 1
                    return []
                return block
            return []
        if text.startswith("Warning:"):
            self.block = [line]
            return []
        summary = SUMMARY.match(text)
        if summary:
            kept = int(summary[1]) - self.dropped
            self.dropped = 0
            return [f"{kept} issue{'s' if kept != 1 else ''} found\n"] if kept > 0 else []
        return [line]

    def flush(self) -> list[str]:
        block, self.block = self.block, []
        return block


def filtered(output: str, docs_dir: Path) -> str:
    """A finished run's output with the grammar's anchor warnings taken out."""
    keep = OutputFilter(docs_dir)
    lines = [out for line in output.splitlines(keepends=True) for out in keep.feed(line)]
    return "".join(lines + keep.flush())


EXCEPTION = re.compile(r"^[A-Za-z_.]*(?:Error|Exception)\b.*: .+")


def failure(output: str) -> str:
    """What a failed Zensical run says, without the Python tracebacks it prints: the diagnostics
    before them and the exception lines (a StepDeck error never shows a traceback)."""
    lines, in_traceback = [], False
    for raw in output.splitlines():
        line = plain(raw)
        if line.startswith("Traceback (most recent call last)"):
            in_traceback = True
        elif in_traceback and EXCEPTION.match(line):
            if line not in lines:
                lines.append(line)
        elif not in_traceback and line.strip() and line.strip() not in ("Build started", "No issues found"):
            lines.append(line)
    return "\n".join(lines) or "no output"
