"""Threat 9: mutated lessons end in clean diagnostics or correct output, never a traceback.

Pure stages only (load, validate, DOT building, page rendering), with a fixed
seed and a bounded budget so the run is deterministic and fast on 2 cores; a
handful of full builds follow.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from generator.check.pipeline import check_source
from generator.commands.build import build
from generator.core.errors import Diagnostic, StepDeckError
from generator.diagrams.draw import LessonDiagrams, sources as dot_sources
from generator.render.environment import environment
from generator.render.pages import lesson_page

from .conftest import LESSON, make_project, tree_state
from .payloads import HOSTILE, hostile_lesson

BASE = yaml.safe_load(LESSON)
HOSTILE_CHARS = list("<>&\"'`\\{}[]:#!|%*-=~^$@\t\n") + ["\u202e", "\u200b", "\ufeff", "\x00", "\x1b", "\ud800",
                                                         "\u2028", "é", "🙂", "</script>", "<!--", "{{", "{%",
                                                         "--8<--", "!!! ", "=== ", "\\N", "\\G", "\\l"]
TEXT = st.one_of(st.sampled_from(HOSTILE),
                st.lists(st.sampled_from(HOSTILE_CHARS) | st.characters(), max_size=12).map("".join))
SCALAR = st.one_of(TEXT, st.integers(-5, 100), st.booleans(), st.none(), st.floats(allow_nan=True),
                   st.sampled_from(["no", "on", "1.10", "0777", "1:30", "2024-01-01", ".nan", "~", "app", "db",
                                    "left", "A", "Step 1", "start", "final"]))
FUZZ = settings(max_examples=300, deadline=None, derandomize=True, database=None,
                suppress_health_check=list(HealthCheck))


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, path + (index,))


def _set(data, path, value):
    if not path:
        return value
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = value
    return data


@st.composite
def mutated(draw) -> object:
    """The base lesson with a few of its values replaced, deleted, duplicated or retyped."""
    data = json.loads(json.dumps(BASE))
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in _paths(data) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        action = draw(st.sampled_from(["text", "scalar", "delete", "list", "dict", "dup"]))
        parent = data
        for part in path[:-1]:
            parent = parent[part]
        if action == "delete":
            del parent[path[-1]]
        elif action == "text":
            parent[path[-1]] = draw(TEXT)
        elif action == "scalar":
            parent[path[-1]] = draw(SCALAR)
        elif action == "list":
            parent[path[-1]] = [draw(SCALAR)]
        elif action == "dict":
            parent[path[-1]] = {draw(TEXT): draw(SCALAR)}
        elif action == "dup" and isinstance(parent, list):
            parent.append(json.loads(json.dumps(parent[path[-1]])))
    return data


def _dump(data) -> str:
    try:
        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    except yaml.YAMLError:
        return yaml.safe_dump(data, allow_unicode=False, sort_keys=False)


def _pure_pipeline(raw: bytes) -> list[Diagnostic]:
    """Load, validate, build DOT and render pages; returns diagnostics, or [] after correct output."""
    result = check_source(raw, "content/fuzz.yaml")
    if not result.lessons:
        return result.diagnostics
    facts = result.lessons[0].facts
    sources = dot_sources(facts)
    for source in sources.values():
        stripped = re.sub(r'"(?:[^"\\]|\\.)*"', '""', source)
        assert "<" not in stripped.replace("->", "") and "alert" not in stripped
    fake = LessonDiagrams(inline=_Blank({view: "<svg></svg>" for view in ("overview", "player", *sources)}))
    page = lesson_page(environment(None), facts, fake, "content/fuzz.yaml", "../../")
    front, body = page.split("\n---\n", 1)
    assert yaml.safe_load(front.lstrip("-\n")).get("title")
    assert "<script>alert" not in body and "<img src=x" not in body
    return []


class _Blank(dict):
    """Stand-in for laid-out SVGs: Graphviz itself is exercised by the full builds below."""


def _check_diagnostics(problems: list[Diagnostic]) -> None:
    for problem in problems:
        line = problem.format()
        assert re.match(r"^content/fuzz\.yaml:\d+:\d+: ", line), line
        assert problem.line >= 1 and problem.column >= 1
        assert re.search(r" \[[a-z][a-z0-9_.-]*\]$", line.split("\n")[0]), line
        assert "\n" not in line.split("\n    hint:")[0], line
        assert all(c.isprintable() for c in line.replace("\n", "")), line


@FUZZ
@given(mutated())
def test_mutated_structure_gives_diagnostics_or_output(data):
    _check_diagnostics(_pure_pipeline(_dump(data).encode("utf-8", "surrogatepass")))


@FUZZ
@given(st.lists(TEXT, min_size=1, max_size=6))
def test_hostile_text_in_every_field_gives_diagnostics_or_output(texts):
    _check_diagnostics(_pure_pipeline(hostile_lesson(texts, "fuzz").encode("utf-8", "surrogatepass")))


@FUZZ
@given(st.data())
def test_raw_byte_mutations_give_diagnostics(data):
    raw = bytearray(LESSON.encode())
    for _ in range(data.draw(st.integers(1, 6))):
        position = data.draw(st.integers(0, len(raw) - 1))
        choice = data.draw(st.sampled_from(["flip", "insert", "delete"]))
        if choice == "flip":
            raw[position] = data.draw(st.integers(0, 255))
        elif choice == "insert":
            raw[position:position] = data.draw(st.sampled_from(
                [b"&a ", b"*a", b"!!set ", b"\t", b"\xff", b"\x00", b"---\n", b"[", b"{", b"? ", b": ", b"\n  - ",
                 b"'", b'"', b"\xef\xbb\xbf", b"\r", b"|\n", b">-\n"]))
        else:
            del raw[position:position + data.draw(st.integers(1, 20))]
    _check_diagnostics(_pure_pipeline(bytes(raw)))


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(4))
def test_full_builds_of_fuzzed_lessons(tmp_path, seed):
    """A handful of real builds: exit cleanly, and write nothing outside docs/, diagrams/ and site/."""
    import random

    rng = random.Random(seed)
    texts = rng.sample(HOSTILE, 8) + ["".join(rng.choice(HOSTILE_CHARS[:30]) for _ in range(30))]
    root = make_project(tmp_path / "p", {"fuzz.yaml": hostile_lesson(texts, "fuzz"), "tiny.yaml": LESSON})
    inputs = tree_state(root / "content", root / "site_templates")
    try:
        build(load_project_for(root))
    except StepDeckError:
        pass
    assert tree_state(root / "content", root / "site_templates") == inputs
    assert {p.name for p in root.iterdir()} <= {"content", "site_templates", "mkdocs.yml", "docs", "diagrams",
                                                "site", ".stepdeck.lock"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p"]


def load_project_for(root: Path):
    from generator.model.project import load_project

    return load_project(root)
