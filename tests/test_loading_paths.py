"""libyaml's path and the reference (pure-Python) path read every text the same way.

Whenever the libyaml path answers (it declines text the two parsers read differently, and any
text with a problem, whose diagnostics the reference gives), its data, positions and implicit
typing equal the reference's: on every sample lesson, every YAML file under tests/, the hostile texts, and
generated documents (dumped data in every style, fragments of YAML syntax, mutated lessons).
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from generator.check import loading
from generator.check.loading import load_yaml_text, read_with_libyaml
from generator.model.limits import Limits

from hostile.conftest import LESSON
from hostile.payloads import HOSTILE, hostile_lesson

REPO = Path(__file__).resolve().parents[1]
F = "content/x.yaml"
LIMITS = Limits()
YAML_FILES = sorted(p for p in [*REPO.glob("content/**/*.y*ml"), *REPO.glob("tests/**/*.y*ml")]
                    if p.suffix in (".yaml", ".yml"))
HOSTILE_TEXTS = [
    "a: &x [1]\nb: *x\n", "a: &a [*a]\n", "&k a: 1\nb: {<<: *k}\n", "1: x\n? [a]\n: y\non: z\n",
    "\n".join(["l0: &l0 [lol]"] + [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 10)]),
    "a: !!python/object/apply:os.system [echo pwned]\n", "a: !!binary aGVsbG8=\n", "a: !custom x\n", "a: ! x\n",
    "a: !<tag:x> y\n", "a: !!set {x, y}\n", "a: [!!str x, !e!y z]\n", "a: " + "[" * 20 + "]" * 20 + "\n",
    "a: " + "[" * 5000 + "1" + "]" * 5000 + "\n", "a: " + "{a: " * 3000 + "1" + "}" * 3000 + "\n",
    "a: [1, 2\nb: 3\n", "- a\n- b\n", "just text\n", "42\n", "---\n[a]\n", "", "\n\n", "# only\n", "---\n",
    LESSON + "---\n" + LESSON, LESSON.replace("\n", "\r\n"), "\ufeff" + LESSON, LESSON.replace("  - id: left", "\t- id: left"),
    'a: "\\x00\\x1b\\e\\ud800"\n', 'a: "Te\tsting"\n', "a: .nan\nb: -.inf\nc: 0x1F\nd: 1_000\ne: 0o17\nf: 1:30\n",
    "a: " + "9" * 5000 + "\n", "a: {b: Why?}\nc: [x?y, 'p?q']\n", "a: [a:b, a:?]\n", "%YAML 1.1\n---\na: 1\n",
    "%YAML 1.3\n---\na: 1\n", "%TAG !e! tag:x,2000:\n---\na: !e!x b\n", "a: 1\n\ufeffb: 2\n", "a: |\n   \n  x\n",
    "a: b\n... x\n", "a: b\n...\n", "? a\n: b\n", "a:\n- 1\n- 2\n", "[a: 1]\n", "a: b #c\n  d\n", "a: 'it''s'\n",
    "a: >\n  x\n\n  y\n", "a: |2-\n   x\n", "a: \"\\/\"\n", "a: \"x\\\n  y\"\n", "a: b\n  c\n\n  d\n", "a: - b\n",
    "title: no\ncategory: on\nsummary: 1.10\nid: 0777\nt: ~\nd: 2024-01-01\ne: yes\nf: Off\n",
    "x" * 1100 + ": y\n", "a: [\n  b,\n c\n  ]\n", "a: {b: 1, b: 2}\nc: 1\nc: 2\n", "a:\n  ? [x]\n  : y\n",
    hostile_lesson(HOSTILE), hostile_lesson(HOSTILE[5:]), "é: 🙂\n🙂: [é, \"\\U0001F642\"]\n",
]


def outcome(result) -> tuple:
    loaded, problems = result
    if loaded is None:
        return None, problems
    return (repr(loaded.data), loaded.positions, loaded.key_positions, loaded.implicit, loaded.size), problems


def assert_same(text: str) -> bool:
    """True when libyaml answered (and agreed); False when it declined."""
    fast = read_with_libyaml(text, F, LIMITS)
    reference = outcome(load_yaml_text(text, F, LIMITS, fast=False))
    if fast is None:
        assert outcome(load_yaml_text(text, F, LIMITS)) == reference  # declined: the reference's reading
        return False
    assert outcome(fast) == reference, text[:300]
    return True


def test_libyaml_is_installed_and_used():
    assert loading.LIBYAML, "PyYAML without libyaml: generation falls back to the slow reference parser"


@pytest.mark.parametrize("path", YAML_FILES, ids=lambda p: str(p.relative_to(REPO)))
def test_every_yaml_file_reads_the_same(path):
    text = path.read_bytes().decode("utf-8", "replace")
    answered = assert_same(text)
    if path.parent.name == "content":  # sample lessons must take the fast path, or it is no faster
        assert answered


def test_hostile_texts_read_the_same():
    answered = [assert_same(text) for text in HOSTILE_TEXTS]
    assert sum(answered) >= 8  # clean ones take the libyaml path: the comparison runs, not only the fallback


def test_known_divergences_are_declined():
    for text in ["a: {b: Why?}\n", "a: [1,\t2]\n", "a: 1\n\ufeffb: 2\n", "%YAML 1.3\n---\na: 1\n", "a: [x, a:?]\n", "? a",
                 "a: {app: ,Idle}\n", "[Why?%",
                 "a: &x 1\n", LESSON + "---\n"]:
        assert read_with_libyaml(text, F, LIMITS) is None, text


FUZZ = settings(max_examples=300, deadline=None, derandomize=True, database=None,
                suppress_health_check=list(HealthCheck))
WORDS = ["a", "b", "key", "Why?", "x?y", "no", "on", "1.10", "0777", "~", "2024-01-01", ".nan", "1e3", "-1", "0x1F",
         "1:30", "é", "🙂", "null", "True", "<<", "=", "a:b", "-x", "?x", ":x", "a#b", "%", "@", "`"]
FRAGMENTS = WORDS + [":", ": ", "- ", "? ", "[", "]", "{", "}", ",", ", ", "\n", "\n  ", "\n    ", "\n- ", " ", "  ",
                     " #c", "#", "'q'", "'it''s'", '"d"', '"\\x41"', '"a\\\n b"', '"\\/"', "&x ", "*x", "!!str ",
                     "!t ", "! ", "|\n  ", "|-\n   ", ">\n  ", ">+\n ", "---\n", "--- ", "...\n", "%YAML 1.1\n",
                     "\t", "\ufeff", "\r\n", "a: ", "key: value\n", "<<: ", "\\", '"', "'"]
PRINTABLE = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=8)
SCALARS = st.one_of(st.sampled_from(WORDS), PRINTABLE, st.integers(), st.floats(), st.booleans(), st.none())
DATA = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
    st.sampled_from(WORDS) | PRINTABLE, inner, max_size=4), max_leaves=20)


@FUZZ
@given(DATA, st.sampled_from([False, True, None]), st.sampled_from([None, "'", '"', "|", ">"]),
       st.integers(2, 5), st.sampled_from([8, 20, 80]), st.booleans())
def test_dumped_documents_read_the_same(data, flow, style, indent, width, unicode):
    text = yaml.safe_dump({"lesson": data}, default_flow_style=flow, default_style=style, indent=indent,
                          width=width, allow_unicode=unicode)
    assert_same(text)


@FUZZ
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=30))
def test_syntax_fragments_read_the_same(parts):
    assert_same("".join(parts))
    assert_same("k: " + "".join(parts))  # as a value, where a top-level mapping lets libyaml answer more often


@FUZZ
@given(st.integers(0, len(LESSON)), st.integers(0, 12), st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=4))
def test_mutated_lessons_read_the_same(at, cut, parts):
    assert_same(LESSON[:at] + "".join(parts) + LESSON[at + cut:])
