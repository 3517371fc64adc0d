"""The bench's own pieces, without timing anything: its synthetic sets are valid lessons of the
promised shape, an edit shows up as new text, and the table reads the figures right."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import figures  # noqa: E402
import layout_kept  # noqa: E402
import run as bench_run  # noqa: E402
import sets  # noqa: E402
from common import tree_rss  # noqa: E402


def test_a_set_passes_strict_check_with_8_to_14_steps_and_two_lanes(tmp_path):
    project = sets.make_set(tmp_path / "set", 3)
    files = sets.lesson_files(project)
    assert len(files) == 3
    samples = {yaml.safe_load(p.read_text("utf-8"))["id"] for p in sets.sample_lessons()}
    lessons = [yaml.safe_load(p.read_text("utf-8")) for p in files]
    assert len({lesson["id"] for lesson in lessons} | samples) == 3 + len(samples)  # new ids
    for lesson in lessons:
        assert sets.MIN_STEPS <= len(lesson["steps"]) <= sets.MAX_STEPS, lesson["id"]
        assert len(lesson["lanes"]) == 2, lesson["id"]
    done = subprocess.run([sys.executable, "-m", "generator", "check", "--strict"], cwd=project,
                          capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    assert done.returncode == 0, done.stdout + done.stderr


def test_copies_vary_text_and_depend_on_the_seed_and_their_number_alone(tmp_path):
    sample = yaml.safe_load(sets.sample_lessons()[0].read_text("utf-8"))
    copy = sets.lesson_copy(sample, 0, seed=11)
    assert copy == sets.lesson_copy(sample, 0, seed=11)
    assert copy != sets.lesson_copy(sample, 0, seed=12)
    assert copy["title"] != sample["title"]
    assert [c["label"] for c in copy["components"]] != [c["label"] for c in sample["components"]]
    assert copy["steps"][0]["action"] != sample["steps"][0]["action"]
    small, large = sets.make_set(tmp_path / "small", 2), sets.make_set(tmp_path / "large", 7)
    assert sets.first_lesson(small).read_bytes() == sets.first_lesson(large).read_bytes()


def test_an_edit_replaces_the_previous_token_in_the_first_action(tmp_path):
    project = sets.make_set(tmp_path / "set", 1)
    lesson = sets.first_lesson(project)
    sets.edit_lesson(lesson, "first")
    sets.edit_lesson(lesson, "second")
    action = yaml.safe_load(lesson.read_text("utf-8"))["steps"][0]["action"]
    assert action.endswith(" [edit second]") and "first" not in action


def test_the_table_shows_ratios_targets_and_verdicts():
    rows = [figures.Figure("cold build / MkDocs alone", 100, 2.0, 2.5, "s", "≤ 1.5", 1.5, before="2.50"),
            figures.Figure("no-op / cold", 100, 10.0, 0.5, "s", "≤ 0.15", 0.15),
            figures.Figure("pipe / ours", 100, 2.0, 24.0, "ms", "≥ 5 ×", 5.0, at_least=True),
            figures.Figure("page", 1000, 100.0, 160.0, "KB", "≤ 1.10 and ≤ 150 KB", 1.10, value_limit=150),
            figures.Figure("search index", 1000, None, 6.0, "MB", "≤ 8 MB", value_limit=8),
            figures.Figure("layout", 100, None, 3.0, "ms", "≤ 2.0", None, note="no `dot`: skipped")]
    text = figures.table(rows)
    lines = text.splitlines()
    assert len(lines) == 2 + len(rows)
    assert len({len(line) for line in lines}) == 1  # padded columns
    cells = [[c.strip() for c in line.strip("|").split("|")] for line in lines[2:]]
    assert cells[0][1:8] == ["100", "2.00 s", "2.50 s", "1.25", "≤ 1.5", "pass", "2.50"]
    assert cells[1][4] == "0.050" and cells[1][6] == "pass"
    assert cells[2][4] == "12.0 ×" and cells[2][6] == "pass"
    assert cells[3][4] == "1.60" and cells[3][6] == "FAIL"
    assert cells[4][2] == "–" and cells[4][6] == "pass"
    assert cells[5][0].endswith("(no `dot`: skipped)") and cells[5][4] == "–" and cells[5][6] == ""


def test_options_parse_quick_sizes_and_skips():
    assert bench_run.parse(["--quick"]).sizes == [10, 100]
    assert bench_run.parse([]).sizes == [10, 100, 1000]
    args = bench_run.parse(["--sizes", "100,10", "--workers", "2", "--skip", "preview"])
    assert args.sizes == [10, 100] and args.workers == 2 and args.skip == {"preview"}


def test_kept_layouts_are_the_ones_the_output_uses():
    path = 'd="M10,20C30,40 50,60 70,80 90,100"'
    other = 'd="M11,21C31,41 51,61 71,81 91,101"'
    calls = [("digraph a {}", "dot", f"<svg><path {path}/></svg>"),
             ("digraph b {}", "dot", f"<svg><path {other}/></svg>"),
             ("digraph a {}", "dot", f"<svg><path {path}/></svg>")]  # the same layout twice: kept once
    assert layout_kept.kept_calls(calls, f"<svg><g><path {path} class='x'/></g></svg>") == [("digraph a {}", "dot")]


def test_the_memory_of_a_process_tree_counts_its_children():
    child = subprocess.Popen([sys.executable, "-c", "import time; b = b'x' * (64 << 20); time.sleep(30)"])
    try:
        alone = tree_rss(os.getpid()) - tree_rss(child.pid)
        for _ in range(100):
            if tree_rss(child.pid) > 60 << 20:
                break
            subprocess.run(["sleep", "0.05"])
        assert tree_rss(child.pid) > 60 << 20
        assert tree_rss(os.getpid()) >= alone + (60 << 20)
    finally:
        child.kill()
        child.wait()
