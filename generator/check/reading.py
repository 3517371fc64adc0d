"""Reading a lesson file's bytes: size, encoding and characters a YAML reader could misread."""
from __future__ import annotations

import os
import re
from pathlib import Path

from ..core.errors import Diagnostic
from ..model.limits import Limits
from .loading import FORBIDDEN_CHARS, Loaded, Problems, load_yaml_text

_LONE_CR = re.compile("\r(?!\n)")


def read_lesson_text(raw: bytes, file: str, limits: Limits, size: int | None = None
                     ) -> tuple[str | None, list[Diagnostic]]:
    """Decode a lesson file, refusing what YAML or a reader could misread.

    ``size`` is the file's size when ``raw`` holds only its beginning.
    """
    problems = Problems(file)
    size = len(raw) if size is None else size
    if size > limits.max_file_bytes:
        problems.add((1, 1), (), f"file is {size} bytes, over the limit of {limits.max_file_bytes}",
                     "limit.file-size", "split the lesson, or raise limits.max_file_bytes")
        return None, problems.items
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(raw) > 1 and b"\x00" in raw[:4]):
        problems.add((1, 1), (), "file is UTF-16; lessons must be UTF-8", "encoding")
        return None, problems.items
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        problems.add((line, column), (), f"invalid UTF-8 byte 0x{raw[exc.start]:02x}", "encoding")
        return None, problems.items
    for match in sorted([*FORBIDDEN_CHARS.finditer(text), *_LONE_CR.finditer(text)], key=lambda m: m.start()):
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        problems.add((line, column), (), f"control character U+{ord(match.group()):04X} is not allowed",
                     "encoding", "delete it; only tab and newline (LF or CRLF) are allowed")
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        problems.add((1, 1), (), "file is empty; a lesson is a YAML mapping", "yaml.empty",
                     "run 'stepdeck new ID' for a template")
    if problems.items:
        return None, problems.items
    return text, []


def load_lesson_file(path: Path, display: str, limits: Limits) -> tuple[Loaded | None, list[Diagnostic]]:
    try:
        with path.open("rb") as handle:
            raw = handle.read(limits.max_file_bytes + 1)  # an over-size file is never read whole
            size = max(len(raw), os.fstat(handle.fileno()).st_size)
    except OSError as exc:
        return None, [Diagnostic(display, 1, 1, "", f"cannot read the file: {exc.strerror or exc}",
                                 "path.unreadable")]
    text, problems = read_lesson_text(raw, display, limits, size)
    if text is None:
        return None, problems
    return load_yaml_text(text, display, limits)
