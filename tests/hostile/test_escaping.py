"""Threat: control, bidi, zero-width, C1 and line-separator characters forging or reordering CI output.

Every output format (text, json, github) prints them as ``\\uXXXX``; C1, NEL, LS and PS in a lesson
are refused at their real positions (only ``\\n`` ends a line, as in editors and on GitHub).
"""
from __future__ import annotations

import json

import pytest

from generator.cli import main

from .conftest import LESSON, diagnostics, make_project, with_line

DANGEROUS = ["\u202e", "\u2066", "\u200b", "\u200d", "\ufeff", "\x9b", "\x85", "\u2028", "\u2029", "\x1b", "\x07"]
FORMAT_CHARS = "\u202e\u2066\u200b\u200d\ufeff"  # bidi and zero-width: text YAML accepts in a key
F = "content/tiny.yaml"


def _key(char: str) -> str:
    return '"k' + f"\\u{ord(char):04x}" + 'y": 1'  # a YAML escape, so the reader lets it through to the key


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_every_format_escapes_echoed_keys_and_file_names(tmp_path, capsys, fmt):
    text = LESSON + "".join(_key(c) + "\n" for c in DANGEROUS if c in FORMAT_CHARS)  # echoed as unknown keys
    name = "ti\u202eny\u200b\x9b\u2028\x1b.yaml"
    root = make_project(tmp_path / "p", {name: text})
    assert main(["--project", str(root), "check", "--format", fmt]) == 1
    out = capsys.readouterr()
    shown = out.out + out.err
    if fmt == "json":
        shown = shown.replace("\\\\", "\\")  # JSON doubles the backslash of each escape
    for char in DANGEROUS:
        assert char not in shown, (fmt, hex(ord(char)))
    assert "k\\u2066y" in shown and "k\\u200dy" in shown  # echoed unknown keys, escaped
    if fmt == "json":
        data = json.loads(out.out)
        assert {d["file"] for d in data["diagnostics"]} == {"content/ti\\u202eny\\u200b\\u009b\\u2028\\u001b.yaml"}


@pytest.mark.parametrize("char, name", [("\x85", "next-line (NEL)"), ("\u2028", "line separator"),
                                        ("\u2029", "paragraph separator"), ("\x9b", "control character"),
                                        ("\x80", "control character"), ("\x9f", "control character")])
def test_c1_nel_ls_and_ps_are_refused_where_they_stand(char, name):
    text = with_line(LESSON, "category: Testing", f"category: Te{char}sting")
    text = with_line(text, "end_note: That is all.", f"end_note: That{char} is all.")
    line = LESSON.split("\n").index("end_note: That is all.") + 1
    assert diagnostics(text) == [f"{F}:4:13: {name} U+{ord(char):04X} is not allowed [encoding]",
                                 f"{F}:{line}:15: {name} U+{ord(char):04X} is not allowed [encoding]"]


@pytest.mark.parametrize("escape", ["\\x85", "\\u2028", "\\u2029", "\\x9b"])
def test_escaped_c1_and_separators_are_refused_too(escape):
    text = with_line(LESSON, "category: Testing", f'category: "Te{escape}sting"')
    assert diagnostics(text) == [f"{F}:4:11: category: text contains a control character or lone surrogate [encoding]"]


def test_a_fifo_on_the_command_line_is_named_as_such(tmp_path, capsys):
    import os

    root = make_project(tmp_path / "p")
    fifo = root / "content/pipe.yaml"
    os.mkfifo(fifo)
    assert main(["--project", str(root), "check", str(fifo)]) == 1
    assert "content/pipe.yaml:1:1: not a regular file or folder [path.unreadable]" in capsys.readouterr().err
