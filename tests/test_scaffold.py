"""`stepdeck new`: a template that passes `check --strict` for every shape, refuses to overwrite, and builds."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.commands.check import check
from generator.cli import main
from generator.core.errors import StepDeckError
from generator.model.project import load_project
from generator.commands.new import new_lesson
from generator.model.limits import Limits
from generator.model.schema import SCHEMA_LINE, schema_text
from generator.render.environment import environment
from generator.render.scaffold import LaneView, ScaffoldView, StepView, render_scaffold, scaffold


def template(lesson_id: str, lanes: int, steps: int) -> str:
    return render_scaffold(environment(None), scaffold(lesson_id, lanes, steps, Limits()))

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def empty_project(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: t\n")
    return tmp_path


@pytest.mark.parametrize("lanes,steps", [(1, 1), (1, 2), (1, 7), (2, 2), (2, 3), (2, 4), (2, 9)])
def test_every_shape_passes_strict_check(empty_project, lanes, steps):
    path = new_lesson(load_project(empty_project), "my-topic", lanes, steps)
    assert path == empty_project / "content" / "my-topic.yaml"
    result = check(load_project(empty_project), strict=True)
    (item,) = result.lessons
    assert (len(item.lesson.lanes), len(item.lesson.steps), result.warnings) == (lanes, steps, [])
    assert path.read_text().startswith(SCHEMA_LINE + "\n")
    assert (empty_project / "content" / "lesson.schema.json").read_text() == schema_text()


def test_ids_that_yaml_would_misread_stay_text(empty_project):
    for lesson_id in ("no", "2024", "null"):
        new_lesson(load_project(empty_project), lesson_id, 1, 1)
    assert sorted(i.lesson.id for i in check(load_project(empty_project), strict=True).lessons) == [
        "2024", "no", "null"]


def test_refuses_to_overwrite(empty_project, capsys):
    assert main(["--project", str(empty_project), "new", "demo"]) == 0
    path = empty_project / "content" / "demo.yaml"
    path.write_text("# mine\n" + path.read_text())
    assert main(["--project", str(empty_project), "new", "demo", "--lanes", "1"]) == 1
    assert capsys.readouterr().err == ("stepdeck: error: content/demo.yaml already exists; choose another id or "
                                       "edit that file\n")
    assert path.read_text().startswith("# mine\n")


@pytest.mark.parametrize("args,message", [
    (("Bad_Id",), "invalid lesson id 'Bad_Id'"),
    (("ok", "--lanes", "2", "--steps", "1"), "--steps must be between 2 (one per lane) and 60 (limits.max_steps), not 1"),
    (("ok", "--steps", "61"), "--steps must be between 2 (one per lane) and 60 (limits.max_steps), not 61"),
])
def test_bad_arguments(empty_project, capsys, args, message):
    assert main(["--project", str(empty_project), "new", *args]) == 1
    assert message in capsys.readouterr().err
    assert not (empty_project / "content" / "ok.yaml").exists()


def test_template_is_deterministic():
    assert template("x", 2, 5) == template("x", 2, 5)


def test_the_projects_limits_decide_the_step_count(empty_project, capsys):
    (empty_project / "stepdeck.yml").write_text("limits: {max_steps: 10}\n")
    assert main(["--project", str(empty_project), "new", "too-long", "--steps", "20"]) == 1
    assert capsys.readouterr().err == ("stepdeck: error: --steps must be between 2 (one per lane) and 10 "
                                       "(limits.max_steps), not 20\n")
    assert not (empty_project / "content" / "too-long.yaml").exists()
    assert main(["--project", str(empty_project), "new", "fits", "--steps", "8"]) == 0
    assert main(["--project", str(empty_project), "check", "--strict"]) == 0


HOSTILE = ['a"b', "x\ny: 1", "- item", "# not a comment", "key: value", "{flow}", "[list]", "&anchor",
           "*alias", "!!python/object", "'quoted'", "no", "null", "2024", "@at", "`tick`", "a\u2028b", "tab\tx"]


def test_every_scaffold_value_is_quoted_yaml_whatever_it_holds():
    """The scaffold template is not escaped for HTML: each value must come back from YAML as written."""
    import yaml

    for text in HOSTILE:
        view = ScaffoldView(text, text, (LaneView(text, text, text, text),),
                            (StepView(text, text, text, text, text, text, text, ((text, text),)),))
        data = yaml.safe_load(render_scaffold(environment(None), view))
        assert data["id"] == data["title"] == text, text
        lane, step = data["lanes"][0], data["steps"][0]
        assert lane == {"id": text, "label": text}, text
        assert data["components"][1]["id"] == data["components"][1]["lane"] == text
        assert step["component"] == step["action"] == step["result"] == text, text
        assert step["interactions"] == [{"from": text, "to": text, "verb": text}], text
        assert step["state"] == {text: text}, text


@pytest.mark.slow
def test_new_check_build_in_a_fresh_copy(tmp_path):
    """The issue's 'done' command line, verbatim, in a copy of the committed tree."""
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    copy = tmp_path / "checkout"
    for name in filter(None, files.decode().split("\0")):
        if (ROOT / name).is_file():
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
    stepdeck = Path(sys.executable).with_name("stepdeck")
    done = subprocess.run(f"{stepdeck} new demo && {stepdeck} check --strict content/demo.yaml && {stepdeck} build",
                          shell=True, cwd=copy, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    page = (copy / "site" / "lessons" / "demo" / "index.html").read_text()
    assert "Approach A vs Approach B" in page and "Sends a request to Server B" in page


def test_pre_commit_hooks_run_the_real_commands(capsys):
    import shlex

    import yaml

    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"stepdeck-check", "stepdeck-schema"}
    import re

    lessons = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "content").glob("*.yaml"))
    assert lessons and all(re.search(hooks["stepdeck-check"]["files"], name) for name in lessons)
    assert not re.search(hooks["stepdeck-check"]["files"], "content/lesson.schema.json")
    for hook in hooks.values():
        program, *args = shlex.split(hook["entry"])
        assert program == "stepdeck"
        files = [str(ROOT / name) for name in lessons] if hook["pass_filenames"] else []
        assert main(["--project", str(ROOT), *args, *files]) == 0, capsys.readouterr().err
