"""Incremental builds equal cold builds: whatever the cache and the worker pool reuse, every byte of
``site/``, ``docs/`` and ``diagrams/`` is what a cold build of the same input in a fresh folder writes.

The sitemap carries the build date (MkDocs writes today's date): every build here runs on the same
day, and the site stamp includes the date, so a build on another day runs MkDocs again.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.commands.build import build
from generator.diagrams import engine
from generator.model.project import load_project
from generator.site import cache, runner

REPO = Path(__file__).resolve().parent.parent
TREES = ("site", "docs", "diagrams")
LESSONS = ("tcp-vs-quic", "git-merge-vs-rebase")

pytestmark = pytest.mark.slow


def make_project(folder: Path) -> Path:
    folder.mkdir(parents=True)
    shutil.copy2(REPO / "mkdocs.yml", folder / "mkdocs.yml")
    (folder / "content").mkdir()
    for lesson in LESSONS:
        shutil.copy2(REPO / "content" / f"{lesson}.yaml", folder / "content" / f"{lesson}.yaml")
    return folder


def tree_bytes(root: Path) -> dict[str, str]:
    return {f"{name}/{p.relative_to(root / name).as_posix()}": hashlib.sha256(p.read_bytes()).hexdigest()
            for name in TREES if (root / name).is_dir() for p in sorted((root / name).rglob("*")) if p.is_file()}


def mtimes(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): p.stat().st_mtime_ns
            for name in TREES if (root / name).is_dir() for p in (root / name).rglob("*") if p.is_file()}


@pytest.fixture
def spies(monkeypatch):
    """How many layouts this process ran, and how many times MkDocs ran."""
    counts = {"layouts": 0, "mkdocs": 0}
    real_layout, real_build = engine.Graphviz.layout, runner.build_site

    def layout(self, *args, **kwargs):
        counts["layouts"] += 1
        return real_layout(self, *args, **kwargs)

    def build_site(*args, **kwargs):
        counts["mkdocs"] += 1
        return real_build(*args, **kwargs)

    monkeypatch.setattr(engine.Graphviz, "layout", layout)
    monkeypatch.setattr(runner, "build_site", build_site)
    return counts


def edit(root: Path) -> None:
    lesson = root / "content" / "tcp-vs-quic.yaml"
    text = lesson.read_text(encoding="utf-8")
    assert "title: " in text
    lesson.write_text(text.replace("title: ", "title: Edited ", 1), encoding="utf-8")


def test_an_incremental_build_equals_a_cold_one(tmp_path, spies):
    warm = make_project(tmp_path / "warm")
    warm_cache = tmp_path / "warm-cache"
    build(load_project(warm), cache_dir=warm_cache, workers=2)
    edit(warm)
    build(load_project(warm), cache_dir=warm_cache, workers=2)  # one lesson again, the other from the cache
    assert "Edited" in (warm / "docs" / "lessons" / "tcp-vs-quic.md").read_text(encoding="utf-8")

    cold = make_project(tmp_path / "cold")
    edit(cold)
    build(load_project(cold), cache_dir=tmp_path / "cold-cache", workers=1)
    assert tree_bytes(warm) == tree_bytes(cold)

    before, layouts, runs = mtimes(warm), spies["layouts"], spies["mkdocs"]
    build(load_project(warm), cache_dir=warm_cache, workers=2)  # nothing changed
    assert spies["layouts"] == layouts and spies["mkdocs"] == runs  # nothing laid out, MkDocs not run
    assert mtimes(warm) == before and tree_bytes(warm) == tree_bytes(cold)

    shutil.rmtree(warm_cache)  # deleting the cache is always safe
    build(load_project(warm), cache_dir=warm_cache, workers=1)
    assert spies["layouts"] > layouts  # a real miss: laid out in this process again
    assert tree_bytes(warm) == tree_bytes(cold)


def test_a_corrupt_entry_is_a_miss(tmp_path, spies):
    root = make_project(tmp_path / "p")
    folder = tmp_path / "cache"
    build(load_project(root), site=False, cache_dir=folder, workers=1)
    expected = tree_bytes(root)
    entries = sorted((folder / "lessons").rglob("*.entry"))
    assert len(entries) == len(LESSONS)
    entries[0].write_bytes(entries[0].read_bytes()[:-100])  # truncated
    entries[1].write_bytes(entries[1].read_bytes().replace(b"<svg", b"<svG", 1))  # altered: its digest fails
    layouts = spies["layouts"]
    build(load_project(root), site=False, cache_dir=folder, workers=1)
    assert spies["layouts"] > layouts  # both were misses, rendered again, without an error
    assert tree_bytes(root) == expected
    for entry in entries:  # and rewritten whole
        cache.read_entry(entry)


def test_a_cached_svg_is_filtered_when_read(tmp_path):
    clean = (REPO / "diagrams" / "tcp-vs-quic" / "overview.svg").read_bytes()
    assert cache.clean_svg(clean)
    assert not cache.clean_svg(clean.replace(b"</svg>", b"<script>alert(1)</script></svg>"))
    assert not cache.clean_svg(clean.replace(b"<g ", b'<g onload="alert(1)" ', 1))
    assert not cache.clean_svg(b"<svg")


def test_the_key_follows_what_decides_the_output(tmp_path):
    root = make_project(tmp_path / "p")
    project = load_project(root)
    key = cache.LessonCache(tmp_path / "c", project).key("content/a.yaml", b"id: a")
    assert key == cache.LessonCache(tmp_path / "c", load_project(root)).key("content/a.yaml", b"id: a")
    assert key != cache.LessonCache(tmp_path / "c", project).key("content/b.yaml", b"id: a")
    assert key != cache.LessonCache(tmp_path / "c", project).key("content/a.yaml", b"id: b")
    (root / "stepdeck.yml").write_text("downloads: [png]\n", encoding="utf-8")
    assert key != cache.LessonCache(tmp_path / "c", load_project(root)).key("content/a.yaml", b"id: a")
    (root / "stepdeck.yml").write_text("limits: {max_steps: 30}\n", encoding="utf-8")
    assert key != cache.LessonCache(tmp_path / "c", load_project(root)).key("content/a.yaml", b"id: a")
    (root / "stepdeck.yml").unlink()
    (root / "site_templates").mkdir()
    (root / "site_templates" / "lesson.md").write_text("x", encoding="utf-8")
    assert key != cache.LessonCache(tmp_path / "c", load_project(root)).key("content/a.yaml", b"id: a")


def test_the_plugin_path_uses_the_cache(tmp_path, spies, monkeypatch):
    """`mkdocs build` / `mkdocs serve` generate through PreviewGenerator: the same cache, the same pool."""
    from generator.site.preview import PreviewGenerator

    root = make_project(tmp_path / "p")
    monkeypatch.setenv("STEPDECK_CACHE_DIR", str(tmp_path / "plugin-cache"))
    monkeypatch.setenv("STEPDECK_WORKERS", "2")
    first = PreviewGenerator(load_project(root)).generate().doc_files  # two lessons: in the pool
    assert len(list((tmp_path / "plugin-cache" / "lessons").rglob("*.entry"))) == len(LESSONS)
    layouts = spies["layouts"]
    again = PreviewGenerator(load_project(root)).generate().doc_files  # a new server process: from the cache
    assert spies["layouts"] == layouts and again == first


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_pooled_build_leaves_the_previous_output(tmp_path, signum):
    root = make_project(tmp_path / "p")
    command = [sys.executable, "-m", "generator", "--project", str(root), "build", "--no-cache", "--workers", "2"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    assert subprocess.run(command, env=env, capture_output=True).returncode == 0
    before = {**tree_bytes(root), **{k: str(v) for k, v in mtimes(root).items()}}
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not _workers_of(process.pid) and time.monotonic() < deadline:  # until the pool is rendering
        time.sleep(0.05)
    assert _workers_of(process.pid), "the pool never started"
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode in (130, -signum, 128 + signum) and "Traceback" not in stderr, stderr
    assert {**tree_bytes(root), **{k: str(v) for k, v in mtimes(root).items()}} == before
    assert not [p for p in root.parent.iterdir() if ".new" in p.name or ".old" in p.name]


def _workers_of(pid: int) -> list[int]:
    """Grandchildren of ``pid`` (pool workers fork from the fork server, the build's child)."""
    found, todo = [], [pid]
    for depth in range(3):
        nxt = []
        for p in todo:
            try:
                nxt += [int(c) for c in Path(f"/proc/{p}/task/{p}/children").read_text().split()]
            except OSError:
                pass
        if depth >= 1:
            found += nxt
        todo = nxt
    return found


def test_a_cached_svg_the_allow_list_refuses_stops_the_build(tmp_path):
    """An entry rewritten whole, digest included (a hostile cache): its SVG is filtered when read."""
    root = make_project(tmp_path / "p")
    folder = tmp_path / "cache"
    build(load_project(root), site=False, cache_dir=folder, workers=1)
    before = tree_bytes(root)
    shutil.rmtree(root / "diagrams")  # so the cached SVG must be read to be written
    entry = sorted((folder / "lessons").rglob("*.entry"))[0]
    header, offset, body = cache.read_entry(entry)
    contents, at = [], offset
    for _, name, length, _ in header["files"]:
        content = body[at:at + length]
        at += length
        if name.endswith("overview.svg"):
            content = content.replace(b"</svg>", b"<script>alert(1)</script></svg>")
        contents.append(content)
    header["files"] = [[tree, name, len(content), hashlib.sha256(content).hexdigest()]
                       for (tree, name, _, _), content in zip(header["files"], contents)]
    entry.write_bytes(cache.entry_bytes(header, contents))
    with pytest.raises(cache.CorruptEntry, match="allow-list"):
        build(load_project(root), site=False, cache_dir=folder, workers=1)
    assert not (root / "diagrams").exists() and {k: v for k, v in before.items() if k.startswith("docs/")} == \
        {k: v for k, v in tree_bytes(root).items() if k.startswith("docs/")}
