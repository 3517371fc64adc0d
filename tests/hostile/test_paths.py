"""Threat 5: lesson ids and file names cannot escape the project or overwrite each other."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.site import writer
from generator.commands.check import check
from generator.check.pipeline import CheckedLesson, Draft, check_project, collisions
from generator.core.errors import Diagnostic, StepDeckError
from generator.model.lesson import Lesson
from generator.model.project import load_project

from .conftest import LESSON, diagnostics, make_project, stepdeck, with_line
from .payloads import q

F = "content/tiny.yaml"
SLUG_HELP = "is not a valid id: use lowercase letters and digits, words joined by single '-' [schema.slug]"


@pytest.mark.parametrize("value, shown", [
    ("../../etc/passwd", "'../../etc/passwd'"),
    ("..", "'..'"),
    ("/tmp/evil", "'/tmp/evil'"),
    ("a\\b", "'a\\\\b'"),
    ("C:evil", "'C:evil'"),
    ("a/b", "'a/b'"),
    ("Tiny", "'Tiny'"),
    ("tïny", "'tïny'"),
    ("tіny", "'tіny'"),  # Cyrillic і: would look the same as "tiny"
    ("ｔｉｎｙ", "'ｔｉｎｙ'"),  # fullwidth: NFKC-equal to "tiny"
    (".hidden", "'.hidden'"),
    ("a" * 65, None),
])
def test_ids_that_could_name_a_path_are_rejected(value, shown):
    found = diagnostics(with_line(LESSON, "id: tiny", f"id: {q(value)}"))
    if shown is None:
        assert found == [f"{F}:2:5: id: text is longer than 64 characters [schema.too-long]"]
    else:
        assert found == [f"{F}:2:5: id: {shown} {SLUG_HELP}"]


def test_nul_in_id_is_rejected():
    assert diagnostics(with_line(LESSON, "id: tiny", 'id: "ti\\0ny"')) == [
        f"{F}:2:5: id: text contains a control character or lone surrogate [encoding]"]


@pytest.mark.parametrize("char", ["\u200b", "\u200d", "\ufeff", "\u202e", "\u2066", "\u061c", "\u00ad"])
def test_invisible_and_bidi_characters_in_ids_are_rejected(char):
    found = diagnostics(with_line(LESSON, "id: tiny", f"id: ti{char}ny"))
    assert found == [f"{F}:2:5: id: id contains the invisible character U+{ord(char):04X} [schema.slug]"]


@pytest.mark.parametrize("name", ["con", "prn", "aux", "nul", "com1", "lpt9"])
def test_windows_reserved_names_are_rejected_as_lesson_ids(name):
    assert diagnostics(with_line(LESSON, "id: tiny", f"id: {name}")) == [
        f"{F}:2:5: id: '{name}' is a reserved file name on Windows [path.reserved]"]


def test_reserved_words_inside_longer_ids_are_fine():
    assert diagnostics(with_line(LESSON, "id: tiny", "id: con-game")) == []


def test_diagnostics_never_print_raw_control_or_bidi_characters():
    text = with_line(LESSON, "category: Testing", 'category: Testing\n"a\\nfake.yaml:1:1: forged\\u202e": 1')
    [line] = diagnostics(text)
    assert "\n" not in line and "\u202e" not in line
    assert line == f"{F}:5:1: a\\u000afake.yaml:1:1: forged\\u202e: unknown key " \
                   "'a\\u000afake.yaml:1:1: forged\\u202e' [schema.unknown-key]"


def test_symlinked_lesson_file_and_folder_are_refused(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text(LESSON.replace("id: tiny", "id: secret"), encoding="utf-8")
    root = make_project(tmp_path / "p")
    (root / "content" / "secret.yaml").symlink_to(outside / "secret.yaml")
    (root / "content" / "linked").symlink_to(outside, target_is_directory=True)
    (root / "content" / "real").mkdir()
    (root / "content" / "real" / "passwd.yaml").symlink_to("/etc/passwd")
    result = check_project(load_project(root))
    assert [x.lesson.id for x in result.lessons] == ["tiny"]
    assert sorted(d.format().split("\n")[0] for d in result.general) == [
        "content/linked:1:1: symbolic links are refused [path.symlink]",
        "content/real/passwd.yaml:1:1: symbolic links are refused [path.symlink]",
        "content/secret.yaml:1:1: symbolic links are refused [path.symlink]",
    ]


def test_symlinked_content_folder_is_refused(tmp_path):
    root = make_project(tmp_path / "p", {})
    (root / "content").rmdir()
    elsewhere = make_project(tmp_path / "other")
    (root / "content").symlink_to(elsewhere / "content", target_is_directory=True)
    result = stepdeck(root, "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "content:1:1: symbolic links are refused [path.symlink]" in result.stderr


def test_two_lessons_with_one_id_are_reported_naming_both_files(tmp_path):
    root = make_project(tmp_path / "p", {"tiny.yaml": LESSON, "sub/tiny.yaml": LESSON, "copy.yaml": LESSON})
    with pytest.raises(StepDeckError) as caught:
        check(load_project(root))
    lines = [d.format().split("\n")[0] for d in caught.value.diagnostics if d.code == "path.collision"]
    assert lines == [
        "content/sub/tiny.yaml:2:5: id: lesson id 'tiny' is also used by content/copy.yaml; both would write "
        "tiny/ outputs [path.collision]",
        "content/tiny.yaml:2:5: id: lesson id 'tiny' is also used by content/copy.yaml; both would write "
        "tiny/ outputs [path.collision]",
    ]


def test_file_name_that_differs_from_the_id_is_a_warning(tmp_path):
    root = make_project(tmp_path / "p", {"other-name.yaml": LESSON})
    result = check(load_project(root))
    assert [d.format().split("\n")[0] for d in result.warnings if d.code == "path.id-mismatch"] == [
        "content/other-name.yaml:2:5: id: warning: lesson id 'tiny' differs from the file name "
        "'other-name.yaml' [path.id-mismatch]"]


def test_odd_file_names_stay_inside_and_print_escaped(tmp_path):
    root = make_project(tmp_path / "p", {"we\u202eird\nname.yaml": "a: &x 1\n", "-rf.yaml": "b: *y\n"})
    result = stepdeck(root, "check")
    assert result.returncode == 1
    assert "content/we\\u202eird\\u000aname.yaml:1:4: a: anchor '&x' is not allowed [yaml.anchor]" in result.stderr
    assert "content/-rf.yaml:1:4: b: alias '*y' is not allowed [yaml.alias]" in result.stderr


@pytest.mark.parametrize("name", ["../escape.md", "/abs.md", "a/../../b.md", "a\\..\\b.md", "nul\0.md", "",
                                  "a//b.md", "./a.md", "a/\u202eb.md"])
def test_writer_refuses_names_outside_its_folder(tmp_path, name):
    with pytest.raises(writer.UnsafeOutputPath):
        writer.stage_tree(tmp_path / "docs", {name: b"x"})
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_writer_refuses_names_that_meet_on_case_insensitive_systems(tmp_path):
    with pytest.raises(writer.UnsafeOutputPath, match="same file"):
        writer.stage_tree(tmp_path / "docs", {"a/Lesson.md": b"1", "a/lesson.md": b"2"})
    with pytest.raises(writer.UnsafeOutputPath, match="same file"):
        writer.stage_tree(tmp_path / "docs", {"caf\u00e9.md": b"1", "cafe\u0301.md": b"2"})


@pytest.mark.parametrize("setting", ["site_dir: .", "docs_dir: ..", "site_dir: /tmp", "docs_dir: content",
                                     "diagrams_dir: site/diagrams", "site_dir: content/site"])
def test_output_folders_must_stay_inside_the_project_and_apart(tmp_path, setting):
    root = make_project(tmp_path / "p", stepdeck_yml=setting + "\n")
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    result = stepdeck(root, "build")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"stepdeck: error: stepdeck.yml: {setting.split(':')[0]}:" in result.stderr
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before


def test_only_allowed_folders_are_written(tmp_path):
    root = make_project(tmp_path / "p")
    before = {p for p in root.iterdir()}
    result = stepdeck(root, "build")
    assert result.returncode == 0, result.stderr
    assert {p.name for p in root.iterdir()} - {p.name for p in before} == {"docs", "diagrams", "site", ".stepdeck.lock"}
    for folder, _, files in os.walk(tmp_path):
        for name in files:
            path = os.path.join(folder, name)
            assert not os.path.islink(path)
            assert os.path.realpath(path).startswith(str(root.resolve())), path


@pytest.mark.parametrize("first, second", [("Tiny", "tiny"), ("ｔｉｎｙ", "tiny"), ("e\u0301t\u00e9", "\u00e9te\u0301")])
def test_ids_equal_after_case_folding_or_normalisation_collide(first, second):
    # Ids are ASCII slugs today, so only collisions() stands between a looser id pattern and
    # two lessons writing one folder on macOS or Windows: call it directly.
    drafts = [Draft(f"content/{n}.yaml", Path(f"{n}.yaml"), [],
                    CheckedLesson(Lesson.model_construct(id=ident), None, f"content/{n}.yaml", None, None), ident)
              for n, ident in enumerate((first, second))]
    collisions(drafts)
    found = [d for draft in drafts for d in draft.diagnostics]
    assert [d.code for d in found] == ["path.collision"]
    assert "content/0.yaml" in found[0].message
