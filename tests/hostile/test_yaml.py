"""Threat 1: malformed or malicious YAML gets exact, located diagnostics and nothing else."""
from __future__ import annotations

import time

import pytest

from generator.model.limits import Limits

from .conftest import LESSON, diagnostics, make_project, stepdeck, with_line

F = "content/tiny.yaml"


# -- aliases and anchors -------------------------------------------------------
def test_anchor_and_alias_are_rejected_at_their_position():
    assert diagnostics("a: &x [1]\nb: *x\n") == [
        f"{F}:1:4: a: anchor '&x' is not allowed [yaml.anchor]",
        f"{F}:2:4: b: alias '*x' is not allowed [yaml.alias]",
    ]


def test_recursive_alias_is_rejected_not_followed():
    assert diagnostics("a: &a [*a]\n") == [
        f"{F}:1:4: a: anchor '&a' is not allowed [yaml.anchor]",
        f"{F}:1:8: a[0]: alias '*a' is not allowed [yaml.alias]",
    ]


def test_alias_bomb_is_never_expanded():
    # "billion laughs": 9 levels of 9 aliases would expand to 9**9 leaves.
    lines = ["l0: &l0 [lol]"] + [f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 10)]
    started = time.monotonic()
    found = diagnostics("\n".join(lines) + "\n")
    assert time.monotonic() - started < 2
    assert found[:3] == [
        f"{F}:1:5: l0: anchor '&l0' is not allowed [yaml.anchor]",
        f"{F}:2:5: l1: anchor '&l1' is not allowed [yaml.anchor]",
        f"{F}:2:10: l1[0]: alias '*l0' is not allowed [yaml.alias]",
    ]
    # one per anchor, one per alias (linear, not exponential); past 50 of one code, a count
    assert len(found) == 10 + 50 + 1 and f"{F}:7:35: ... and 31 more like this [yaml.alias]" in found


def test_anchor_on_a_key_and_merge_key_alias_are_rejected():
    assert diagnostics("&k a: 1\nb: {<<: *k}\n") == [
        f"{F}:1:1: anchor '&k' is not allowed [yaml.anchor]",
        f"{F}:2:9: b.<<: alias '*k' is not allowed [yaml.alias]",
    ]


# -- keys ----------------------------------------------------------------------
def test_duplicate_key_names_both_lines():
    text = with_line(LESSON, "category: Testing", "title: Other title")
    assert diagnostics(text) == [
        f"{F}:4:1: title: duplicate key 'title' (first defined at line 3) [yaml.duplicate-key]",
    ]


def test_non_string_keys_are_rejected():
    assert diagnostics("1: x\n? [a]\n: y\non: z\n") == [
        f"{F}:1:1: key '1' is read as a number, not text [yaml.key-type]",
        f"{F}:2:3: mapping keys must be plain text [yaml.key-type]",
        f"{F}:4:1: key 'on' is read as a boolean, not text [yaml.key-type]",
    ]


# -- tags ----------------------------------------------------------------------
@pytest.mark.parametrize("value, shown", [
    ("!!python/object/apply:os.system [echo pwned]", "!!python/object/apply:os.system"),
    ("!!python/name:os.system", "!!python/name:os.system"),
    ("!!binary aGVsbG8=", "!!binary"),
    ("!!set {x, y}", "!!set"),
    ("!!str text", "!!str"),
    ("!custom text", "!custom"),
])
def test_explicit_tags_are_rejected(value, shown):
    text = with_line(LESSON, "title: Tiny lesson", f"title: {value}")
    assert diagnostics(text) == [f"{F}:3:8: title: explicit tag '{shown}' is not allowed [yaml.tag]"]


def test_python_tag_never_runs(tmp_path):
    marker = tmp_path / "pwned"
    text = with_line(LESSON, "title: Tiny lesson", f"title: !!python/object/apply:os.system ['touch {marker}']")
    assert diagnostics(text)
    assert not marker.exists()


# -- implicit typing -----------------------------------------------------------
@pytest.mark.parametrize("old, new, expected", [
    ("title: Tiny lesson", "title: no", "3:8: title: 'no' is read as a boolean, not text"),
    ("category: Testing", "category: on", "4:11: category: 'on' is read as a boolean, not text"),
    ("summary: A small lesson.", "summary: 1.10", "6:10: summary: '1.10' is read as a number, not text"),
    ("    label: Left lane", "    label: 0777", "9:12: lanes[0].label: '0777' is read as a number, not text"),
    ("    result: Done", "    result: 1:30", "30:13: steps[1].result: '1:30' is read as a number, not text"),
    ("  - Apps read rows.", "  - yes", "54:5: snapshot[0]: 'yes' is read as a boolean, not text"),
    ("id: tiny", "id: 0777", "2:5: id: '0777' is read as a number, not text"),
    ("title: Tiny lesson", "title: ~", "3:8: title: '~' is read as a null, not text"),
])
def test_yaml11_scalars_in_text_fields_say_quote_it(old, new, expected):
    assert diagnostics(with_line(LESSON, old, new)) == [f"{F}:{expected} [schema.quote-it]"]


def test_quoted_scalars_are_text():
    text = with_line(LESSON, "title: Tiny lesson", "title: 'no'")
    text = with_line(text, "    result: Done", '    result: "1:30"')
    assert diagnostics(text) == []


def test_empty_value_is_reported_as_missing_text():
    assert diagnostics(with_line(LESSON, "title: Tiny lesson", "title:")) == [
        f"{F}:3:7: title: no value given [schema.empty]"]


def test_implicit_dates_stay_text():
    from generator.check.loading import load_yaml_text

    text = with_line(LESSON, "title: Tiny lesson", "title: 2024-01-01")
    assert diagnostics(text) == []
    loaded, _ = load_yaml_text(text, F, Limits())
    assert loaded.data["title"] == "2024-01-01"


@pytest.mark.parametrize("value", [".nan", ".NaN", ".inf", "-.inf", "+.Inf"])
def test_non_finite_numbers_are_rejected(value):
    text = with_line(LESSON, "duration_minutes: 5", f"duration_minutes: {value}")
    assert diagnostics(text) == [f"{F}:5:19: duration_minutes: '{value}' is not a finite number [yaml.non-finite]"]


# -- characters and encoding ---------------------------------------------------
def test_tab_indentation_is_rejected():
    text = with_line(LESSON, "  - id: left", "\t- id: left")
    assert diagnostics(text) == [f"{F}:8:1: tab character used for indentation [yaml.syntax]"]


def test_utf8_bom_is_tolerated():
    assert diagnostics(b"\xef\xbb\xbf" + LESSON.encode()) == []


def test_crlf_line_endings_are_tolerated():
    assert diagnostics(LESSON.replace("\n", "\r\n").encode()) == []


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_are_rejected(codec):
    assert diagnostics(LESSON.encode(codec)) == [f"{F}:1:1: file is UTF-16; lessons must be UTF-8 [encoding]"]


def test_invalid_utf8_is_rejected_at_its_position():
    raw = with_line(LESSON, "category: Testing", "category: Tes?ting").encode().replace(b"?", b"\xc3\x28")
    assert diagnostics(raw) == [f"{F}:4:14: invalid UTF-8 byte 0xc3 [encoding]"]


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\r"])
def test_raw_control_characters_are_rejected(char):
    raw = with_line(LESSON, "category: Testing", f"category: Te{char}sting")
    assert diagnostics(raw) == [
        f"{F}:4:13: control character U+{ord(char):04X} is not allowed [encoding]"]


@pytest.mark.parametrize("escape", ["\\x00", "\\x1b", "\\ud800", "\\udfff", "\\e"])
def test_escaped_control_characters_and_lone_surrogates_are_rejected(escape):
    text = with_line(LESSON, "category: Testing", f'category: "Te{escape}sting"')
    assert diagnostics(text) == [
        f"{F}:4:11: category: text contains a control character or lone surrogate [encoding]"]


def test_tab_inside_text_is_allowed():
    assert diagnostics(with_line(LESSON, "category: Testing", 'category: "Te\tsting"')) == []


# -- size and shape ------------------------------------------------------------
def test_deep_nesting_is_rejected():
    assert diagnostics("a: " + "[" * 20 + "]" * 20 + "\n") == [
        f"{F}:1:16: a[0][0][0][0][0][0][0][0][0][0][0][0]: nested deeper than 12 levels [limit.depth]"]


@pytest.mark.parametrize("opening, closing", [("[", "]"), ("{a: ", "}")])
def test_huge_nesting_stops_early(opening, closing):
    # PyYAML's scanner is quadratic in flow depth: reading all of this took minutes.
    text = "a: " + opening * 200_000 + "1" + closing * 200_000 + "\n"
    started = time.monotonic()
    found = diagnostics(text, limits=Limits(max_file_bytes=10_000_000))
    assert time.monotonic() - started < 5
    assert len(found) == 1 and found[0].endswith("nested deeper than 12 levels [limit.depth]")


def test_oversized_file_is_rejected_before_parsing():
    raw = LESSON.encode() + b"#" * 1_000_000
    assert diagnostics(raw) == [f"{F}:1:1: file is {len(raw)} bytes, over the limit of 1000000 [limit.file-size]"]


def test_multiple_documents_are_rejected():
    assert diagnostics(LESSON + "---\n" + LESSON) == [
        f"{F}:57:1: more than one YAML document in the file [yaml.multi-document]"]


@pytest.mark.parametrize("raw", ["", "\n\n", "# only a comment\n", "---\n"])
def test_empty_file_is_rejected(raw):
    assert diagnostics(raw) == [f"{F}:1:1: file is empty; a lesson is a YAML mapping [yaml.empty]"]


@pytest.mark.parametrize("raw, where", [("- a\n- b\n", "1:1"), ("just text\n", "1:1"), ("42\n", "1:1"),
                                        ("---\n[a]\n", "2:1")])
def test_top_level_must_be_a_mapping(raw, where):
    assert diagnostics(raw) == [f"{F}:{where}: the top level must be a mapping of lesson fields [yaml.top-level]"]


def test_syntax_error_is_located():
    assert diagnostics("a: [1, 2\nb: 3\n") == [
        f"{F}:2:2: expected ',' or ']', but got ':' [yaml.syntax]"]


# -- through the CLI -------------------------------------------------------------
def test_cli_reports_every_file_at_once_without_traceback(tmp_path):
    root = make_project(tmp_path / "p", {
        "a.yaml": "a: &x 1\n",
        "b.yaml": with_line(LESSON.replace("id: tiny", "id: bee"), "category: Testing", "title: Again"),
        "c.yaml": "\ufeff".encode("utf-16"),
        "d.yaml": with_line(LESSON.replace("id: tiny", "id: dee"), "title: Tiny lesson", "title: !!binary aGk="),
    })
    result = stepdeck(root, "check")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("content/")]
    assert lines == [
        "content/a.yaml:1:4: a: anchor '&x' is not allowed [yaml.anchor]",
        "content/b.yaml:4:1: title: duplicate key 'title' (first defined at line 3) [yaml.duplicate-key]",
        "content/c.yaml:1:1: file is UTF-16; lessons must be UTF-8 [encoding]",
        "content/d.yaml:3:8: title: explicit tag '!!binary' is not allowed [yaml.tag]",
    ]
    assert result.stderr.splitlines()[-1] == "stepdeck: 4 problem(s), 4 error(s)"
