"""What the bench scripts share: timed fresh processes (with the peak memory of their process
tree), medians, and the builder configs that build StepDeck's generated docs without StepDeck."""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
SAMPLE_SECONDS = 0.05


def median_seconds(run, repeat: int) -> float:
    """Median wall time of ``repeat`` calls of ``run()`` in this process."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _children() -> dict[int, list[int]]:
    """Parent pid -> child pids, from /proc."""
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
        except OSError:
            continue  # the process ended meanwhile
        tree.setdefault(int(fields[1]), []).append(int(entry.name))
    return tree


def tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and every process below it (parent and workers)."""
    tree, total, todo = _children(), 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(tree.get(pid, []))
        try:
            with open(f"/proc/{pid}/statm", "rb") as statm:
                total += int(statm.read().split()[1]) * PAGE_SIZE
        except OSError:
            pass
    return total


@dataclass
class Run:
    seconds: float
    peak_bytes: int


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run ``command`` in a fresh process; its wall time and the peak RSS summed over its process
    tree, sampled every 50 ms from /proc. A failure prints the command's output and raises."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    peak, output = 0, []
    reader = threading.Thread(target=lambda: output.append(process.stdout.read()), daemon=True)
    reader.start()
    while process.poll() is None:
        peak = max(peak, tree_rss(process.pid))
        time.sleep(SAMPLE_SECONDS)
    seconds = time.perf_counter() - start
    reader.join()
    if process.returncode:
        sys.stderr.write(b"".join(output).decode("utf-8", "replace")[-4000:])
        raise subprocess.CalledProcessError(process.returncode, command)
    return Run(seconds, peak)


def stepdeck(*arguments: str) -> list[str]:
    return [PYTHON, "-m", "generator", *arguments]


def build_env(cache_dir: Path, workers: int | None = None) -> dict[str, str]:
    """The environment of a StepDeck run with its own lesson cache (code without one ignores it)."""
    env = {**os.environ, "STEPDECK_CACHE_DIR": str(cache_dir)}
    if workers is not None:
        env["STEPDECK_WORKERS"] = str(workers)
    return env


def clear_outputs(project: Path) -> None:
    """Delete everything a build wrote, so the next build starts from nothing (with its cache)."""
    for name in ("site", "docs", "diagrams", ".stepdeck-cache", ".cache", "site-plain", "site-zensical"):
        shutil.rmtree(project / name, ignore_errors=True)


def _generated_nav(project: Path, config: dict, docs: Path, site: Path):
    """The nav `stepdeck build` gives MkDocs for these docs, or None if this code cannot say."""
    sys.path.insert(0, str(REPO))
    try:
        from generator.model.project import load_project
        from generator.site import siteconfig
        paths = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file())
        staged = siteconfig.staged_config(load_project(project), config, docs, site, paths)
        return yaml.safe_load(staged).get("nav")
    except Exception as exc:  # noqa: BLE001 (an older or newer API: MkDocs then lists the pages itself)
        print(f"note: no generated nav for MkDocs alone ({exc.__class__.__name__}: {exc})", file=sys.stderr)
        return None


def plain_mkdocs_config(project: Path, site: Path | None = None) -> Path:
    """mkdocs.yml without the stepdeck plugin (which would regenerate every page itself), reading the
    docs the build generated, with the nav the build gives them."""
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = [p for p in config.get("plugins", []) if p != "stepdeck" and "stepdeck" not in p]
    docs = project / config.get("docs_dir", "docs")
    site = site or project / "site-plain"
    config["docs_dir"], config["site_dir"] = str(docs), str(site)
    nav = _generated_nav(project, config, docs, site)
    if nav:
        config["nav"] = nav
    path = project / "mkdocs-plain.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def plain_zensical_config(project: Path) -> Path:
    """The same for Zensical: mkdocs.yml reading the generated docs into its own site folder."""
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["site_dir"] = "site-zensical"
    path = project / "zensical-plain.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def dot_program() -> str | None:
    """Debian's system `dot` (package graphviz), the baseline of the layout limit; StepDeck never needs it."""
    return shutil.which("dot")
