"""Reading a lesson file's bytes: size, encoding and characters a YAML reader could misread."""
from __future__ import annotations

import os
import re
from pathlib import Path

from ..core.errors import Diagnostic
from ..model.limits import Limits
from .loading import Loaded, Problems, load_yaml_text
from . import caps
from .positions import LineIndex

# Characters refused where they stand, before YAML reads them: C0 and C1 controls, DEL, lone
# surrogates, and the line breaks PyYAML counts and editors do not (lone CR, NEL, LS, PS), which
# would shift every later line number.
RAW_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]|\r(?!\n)")
_NAMES = {0x85: "next-line (NEL)", 0x2028: "line separator", 0x2029: "paragraph separator"}


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
    forbidden_characters(text, problems)
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        problems.add((1, 1), (), "file is empty; a lesson is a YAML mapping", "yaml.empty",
                     "run 'stepdeck new ID' for a template")
    if problems.items:
        return None, problems.items
    return text, []


def forbidden_characters(text: str, problems: Problems) -> LineIndex:
    """Each refused character at its real position, in one pass; the first few per file, then a count."""
    index = LineIndex(text)
    matches = RAW_FORBIDDEN.finditer(text)
    for match in matches:
        code = ord(match.group()[0])
        kind = _NAMES.get(code, "control character")
        problems.add(index.at(match.start()), (), f"{kind} U+{code:04X} is not allowed", "encoding",
                     "delete it; only tab and newline (LF or CRLF) are allowed")
        if len(problems.items) == caps.PER_CODE:
            following = next(matches, None)
            if following is not None:  # counted, never kept: a megabyte of them costs one scan
                rest = 1 + sum(1 for _ in matches)
                problems.add(index.at(following.start()), (), f"{caps.SUMMARY}{rest:,} more such characters",
                             "encoding")
            break
    return index


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
