"""A fresh clone: plain ``mkdocs build`` and ``mkdocs serve`` work (the README says so); reserved
lesson ids are refused by ``check`` and ``new``; two pages at one path are refused."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from generator.cli import main
from generator.core.errors import RenderError
from generator.model.project import load_project
from generator.check.pipeline import check_project
from generator.site.generate import _one_page

from .conftest import LESSON, REPO, diagnostics, make_project

MKDOCS = Path(sys.executable).with_name("mkdocs")


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """The committed tree only, as `git clone` would give it (no docs/ pages, no site/)."""
    files = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
    copy = tmp_path_factory.mktemp("clone") / "checkout"
    for name in filter(None, files.decode().split("\0")):
        if (REPO / name).is_file() and not (REPO / name).is_symlink():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, copy / name)
    for lesson in sorted((copy / "content").glob("*.yaml"))[1:]:
        lesson.unlink()  # one lesson is enough to show it; the rest only cost time
    return copy


def test_plain_mkdocs_build_works_in_a_fresh_clone(clone):
    assert (clone / "docs").is_dir() and not list((clone / "docs").glob("*.md"))
    result = subprocess.run([str(MKDOCS), "build", "-q"], cwd=clone, capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr
    lesson = sorted((clone / "content").glob("*.yaml"))[0].stem
    assert (clone / "site/lessons" / lesson / "index.html").is_file()


def test_plain_mkdocs_serve_works_in_a_fresh_clone(clone):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([str(MKDOCS), "serve", "-a", f"127.0.0.1:{port}", "--no-livereload"], cwd=clone,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    lesson = sorted((clone / "content").glob("*.yaml"))[0].stem
    try:
        deadline, status = time.monotonic() + 120, None
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/lessons/{lesson}/", timeout=5) as response:
                    status = response.status
                    break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.5)
        assert status == 200, server.stderr.read() if server.poll() is not None else "no answer"
    finally:
        server.terminate()
        server.wait(30)


@pytest.mark.parametrize("lesson_id", ["index", "assets", "diagrams", "authoring-guide", "search", "404"])
def test_reserved_ids_are_refused_by_check(lesson_id):
    written = '"404"' if lesson_id == "404" else lesson_id  # a bare 404 would be a number
    text = LESSON.replace("id: tiny", f"id: {written}", 1)
    found = diagnostics(text, file=f"content/{lesson_id}.yaml")
    assert f"content/{lesson_id}.yaml:2:5: id: '{lesson_id}' is reserved: the catalog, the guide or the site's own " \
           "files use that path [path.reserved]" in found, found


@pytest.mark.parametrize("lesson_id", ["index", "assets", "diagrams"])
def test_reserved_ids_are_refused_by_new(tmp_path, capsys, lesson_id):
    root = make_project(tmp_path / "p", {})
    assert main(["--project", str(root), "new", lesson_id]) == 1
    assert "reserved for the catalog" in capsys.readouterr().err
    assert not (root / "content" / f"{lesson_id}.yaml").exists()


def test_an_index_lesson_never_replaces_the_catalog_of_an_existing_site(tmp_path):
    root = make_project(tmp_path / "p", {"index.yaml": LESSON.replace("id: tiny", "id: index")})
    result = check_project(load_project(root))
    assert not result.ok and "path.reserved" in {d.code for d in result.diagnostics}


def test_two_pages_at_one_path_are_refused():
    docs = {"lessons/index.md": b"a lesson"}
    with pytest.raises(RenderError, match="two pages would be written to lessons/index.md"):
        _one_page(docs, "lessons/index.md", b"the catalog")
    assert docs == {"lessons/index.md": b"a lesson"}
