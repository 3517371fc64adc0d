"""Rewrites of a lesson file that change only the lines they must: comments and layout stay.

``ruamel.yaml`` (pinned) finds where each value sits; the edits are made on the text itself, so a
rewrite never re-emits the file: the diff holds only the added ``id:`` lines, the references that
changed from a number to an id, and (``upgrade``) the ``schema_version`` value.
"""
from __future__ import annotations

import io
import re

from ruamel.yaml import YAML

from ..model.lesson import RESERVED_STEP_IDS, SCHEMA_VERSION, Lesson
from ..model.refs import numbered_references

_STOP_WORDS = frozenset("a an the to of its it and or for with on in at by from is are into as that this".split())
_ID_WORDS = 3


def step_id_for(action: str, taken: set[str]) -> str:
    """A short id from the step's action: `Sends the request to the API` -> `sends-request-api`."""
    text = re.sub(r"['’]s\b", "", action.lower())  # "the server's flight" -> "server flight"
    words = [w for w in re.findall(r"[a-z0-9]+", text) if w not in _STOP_WORDS and len(w) > 1]
    base = "-".join(words[:_ID_WORDS])[:40].strip("-") or "step"
    if not base[0].isalpha():
        base = f"step-{base}"
    candidate, n = base, 2
    while candidate in taken or candidate in RESERVED_STEP_IDS:
        candidate, n = f"{base}-{n}", n + 1
    taken.add(candidate)
    return candidate


def add_step_ids(text: str, lesson: Lesson, *, upgrade: bool = True) -> str:
    """Give every step an id and name every numbered step reference by it. ``lesson`` is ``text``
    parsed and checked; its references all resolve."""
    data = YAML().load(io.StringIO(text))
    lines = text.splitlines(keepends=True)
    taken = {s.id for s in lesson.steps if s.id}
    new_ids = {n: step_id_for(s.action, taken) for n, s in enumerate(lesson.steps, 1) if not s.id}
    step_ids = {n: s.id or new_ids[n] for n, s in enumerate(lesson.steps, 1)}
    edits: list[tuple[int, int, str, str]] = []  # (line, column, old token, new text), 0-based
    for path, number in numbered_references(lesson):
        line, column = _position(data, path)
        edits.append((line, column, str(number), step_ids[number]))
    if upgrade and lesson.schema_version != SCHEMA_VERSION:
        line, column = _position(data, ("schema_version",))
        edits.append((line, column, str(lesson.schema_version), str(SCHEMA_VERSION)))
    for line, column, old, new in sorted(edits, reverse=True):
        current = lines[line]
        if current[column:column + len(old)] != old:
            raise ValueError(f"line {line + 1}: expected {old!r} at column {column + 1}")
        lines[line] = current[:column] + new + current[column + len(old):]
    inserts = []
    for number, step_id in new_ids.items():
        step = data["steps"][number - 1]
        if step.fa.flow_style():  # `- {component: a, ...}`: the id goes first, inside the braces
            line, column = step.lc.line, step.lc.col
            inserts.append((line, column + 1, f"id: {step_id}, "))
        else:  # a block mapping: a line of its own, before its second key
            second = list(step.keys())[1]
            inserts.append((step.lc.key(second)[0], None, " " * step.lc.col + f"id: {step_id}\n"))
    for line, column, new in sorted(inserts, key=lambda item: (item[0], item[1] or 0), reverse=True):
        if column is None:
            lines.insert(line, new)
        else:
            lines[line] = lines[line][:column] + new + lines[line][column:]
    return "".join(lines)


def _position(data, path: tuple) -> tuple[int, int]:
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    last = path[-1]
    return parent.lc.item(last) if isinstance(last, int) else parent.lc.value(last)
