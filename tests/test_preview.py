"""The preview's incremental generation: a lesson whose bytes did not change is neither checked, laid
out nor rendered again, and every generation equals a whole one (``generate_files`` of a full check)."""
from __future__ import annotations

import os

from generator.check.pipeline import check_changed, check_project
from generator.model.project import load_project
from generator.site.generate import generate_files
from generator.site.preview import PreviewGenerator
from tests.conftest import REPO, copy_project

LESSONS = [REPO / "content" / name for name in ("service-mesh-vs-library.yaml", "tcp-vs-quic.yaml")]


def whole(project):
    return generate_files(project, check_project(project).lessons).docs


def test_an_edit_redraws_that_lesson_alone_and_equals_a_whole_generation(tmp_path):
    root = copy_project(tmp_path / "project", lessons=LESSONS)
    project = load_project(root)
    generator = PreviewGenerator(project)
    assert generator.generate().doc_files == whole(project)
    assert sorted(generator.drawn) == ["service-mesh-vs-library", "tcp-vs-quic"]

    assert generator.generate().doc_files == whole(project)
    assert len(generator.drawn) == 2  # nothing changed: nothing checked, laid out or rendered again

    lesson = root / "content" / "tcp-vs-quic.yaml"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("title: ", "title: Edited ", 1), encoding="utf-8")
    preview = generator.generate()
    assert generator.drawn[2:] == ["tcp-vs-quic"]
    assert preview.doc_files == whole(project)  # the catalog card follows the new title too


def test_a_template_change_redraws_every_lesson(tmp_path):
    root = copy_project(tmp_path / "project", lessons=LESSONS)
    generator = PreviewGenerator(load_project(root))
    generator.generate()
    template = root / "site_templates" / "modes" / "table.html"
    template.write_text(template.read_text(encoding="utf-8").replace("Execution table", "Steps table", 1),
                        encoding="utf-8")
    stat = template.stat()
    os.utime(template, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    preview = generator.generate()
    assert len(generator.drawn) == 4
    assert b"Steps table" in preview.doc_files["lessons/tcp-vs-quic.md"]


def test_the_incremental_check_equals_a_whole_one_across_files(tmp_path):
    root = copy_project(tmp_path / "project", lessons=LESSONS)
    project = load_project(root)
    memo: dict = {}
    assert check_changed(project, memo).diagnostics == check_project(project).diagnostics
    twin = root / "content" / "twin.yaml"  # the same id in a second file: a cross-file error
    twin.write_bytes((root / "content" / "tcp-vs-quic.yaml").read_bytes())
    first = memo["content/tcp-vs-quic.yaml"][1]
    result = check_changed(project, memo)
    assert result.diagnostics == check_project(project).diagnostics
    assert any(d.code == "path.collision" for d in result.diagnostics)
    assert memo["content/tcp-vs-quic.yaml"][1] is first  # not checked again
    twin.unlink()
    again = check_changed(project, memo)  # the collision goes with the twin: nothing stays behind
    assert again.diagnostics == check_project(project).diagnostics and again.ok
