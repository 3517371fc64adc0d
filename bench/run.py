"""Every figure of issue 11's targets, as ratios to baselines measured in the same command.

Run:  .venv/bin/python bench/run.py [--quick] [--sizes 10,100,1000] [--workers N] [--json PATH]

It generates synthetic sets (``bench/sets.py``) of N = 10, 100 and 1,000 lessons in a temporary
folder and measures, in fresh processes: cold `stepdeck build` (an empty lesson cache of its own,
no earlier output) against `mkdocs build` alone on the docs that build generated (without the
StepDeck plugin); a rebuild with nothing changed; a rebuild after editing one lesson; StepDeck's
own stages (`stepdeck generate`) cold and after one edit; the peak memory of each process tree;
a lesson page's size, the search index and the generated diagrams/ per lesson. At N=100 (or the
largest set up to 100) it adds the layout figures (``layout_kept``) and the preview
(``serve_edit``). Medians of ``--repeat`` (3) runs below 1,000 lessons, one run at 1,000.
bench/README.md says what each figure means.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (PYTHON, REPO, build_env, clear_outputs, dot_program, plain_mkdocs_config,  # noqa: E402
                    plain_zensical_config, run, stepdeck)
from figures import Figure, table  # noqa: E402
from sets import edit_lesson, first_lesson, make_set  # noqa: E402

MiB, KB, MB = 1024 * 1024, 1000, 1000 * 1000
EDITS_UP_TO = 100  # the edit figures' sets (the issue has none at 1,000)
ISSUE_BASE = "f3c7885"  # main before issue 11: "today's" committed diagrams/
BEFORE = {  # the issue's before-table, by (figure key, N)
    ("build", 10): "2.02", ("build", 100): "2.50", ("build", 1000): "2.06 (157 s vs 76 s)",
    ("memory", 10): "80 / 51 MiB", ("memory", 100): "244 / 142 MiB", ("memory", 1000): "1,891 / 1,046 MiB",
    ("noop", 10): "0.99", ("noop", 100): "1.01", ("noop", 1000): "1.02",
    ("edit", 10): "0.99", ("edit", 100): "1.02",
    ("page", 10): "96 KB", ("page", 100): "126 KB", ("page", 1000): "426 KB",
    ("search", 10): "0.3 MB", ("search", 100): "2.8 MB", ("search", 1000): "27 MB",
    ("preview", 100): "14.5 s (2.76 ×)", ("diagrams", None): "336-732 KB",
    ("layout", None): "4.2 ×", ("pipe", None): "5.4 × (2.19 vs 11.8 ms a graph)",
}


def say(message: str, started: float) -> None:
    print(f"[{time.perf_counter() - started:6.0f} s] {message}", file=sys.stderr, flush=True)


def median(values: list[float]) -> float:
    return statistics.median(values)


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def base_diagrams_per_lesson(revision: str) -> float | None:
    """Bytes per lesson of the committed diagrams/ at ``revision`` (None outside a git checkout)."""
    try:
        listing = subprocess.run(["git", "ls-tree", "-r", "-l", revision, "--", "diagrams"], cwd=REPO,
                                 capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    sizes: dict[str, int] = {}
    for line in listing.splitlines():
        meta, path = line.split("\t", 1)
        parts = path.split("/")
        if len(parts) > 2 and meta.split()[3].isdigit():
            sizes[parts[1]] = sizes.get(parts[1], 0) + int(meta.split()[3])
    return sum(sizes.values()) / len(sizes) if sizes else None


class Bench:
    def __init__(self, args: argparse.Namespace, temp: Path):
        self.args, self.temp, self.started = args, temp, time.perf_counter()
        self.figures: list[Figure] = []
        self.raw: dict[str, dict] = {}
        self.mkdocs_seconds: dict[int, float] = {}

    def env(self, name: str) -> dict[str, str]:
        return build_env(self.temp / "caches" / name, self.args.workers)

    def size(self, n: int) -> None:
        """Every figure of one set size."""
        args, first_rep_sizes = self.args, None
        project = make_set(self.temp / f"set-{n}", n, args.seed)
        first = first_lesson(project)
        reps = 1 if n >= 1000 else args.repeat
        raw: dict[str, list] = {k: [] for k in ("cold", "noop", "edit", "mkdocs", "gen_cold", "gen_edit")}
        for rep in range(reps):
            say(f"N={n} run {rep + 1}/{reps}: cold build", self.started)
            clear_outputs(project)
            env = self.env(f"{n}-{rep}-build")
            raw["cold"].append(run(stepdeck("build"), project, env))
            if first_rep_sizes is None:
                first_rep_sizes = self.sizes(project, first, n)
            raw["noop"].append(run(stepdeck("build"), project, env))
            if n <= EDITS_UP_TO:
                edit_lesson(first, f"r{rep}a")
                raw["edit"].append(run(stepdeck("build"), project, env))
            say(f"N={n} run {rep + 1}/{reps}: mkdocs build alone", self.started)
            plain = plain_mkdocs_config(project)
            shutil.rmtree(project / "site-plain", ignore_errors=True)
            raw["mkdocs"].append(run([PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(plain)], project))
            if n <= EDITS_UP_TO:
                say(f"N={n} run {rep + 1}/{reps}: stepdeck generate, cold and after one edit", self.started)
                clear_outputs(project)
                env = self.env(f"{n}-{rep}-generate")
                raw["gen_cold"].append(run(stepdeck("generate"), project, env))
                edit_lesson(first, f"r{rep}b")
                raw["gen_edit"].append(run(stepdeck("generate"), project, env))
        self.raw[str(n)] = {k: [vars(r) for r in v] for k, v in raw.items()} | {"sizes": first_rep_sizes}
        self.add_size_figures(n, raw, first_rep_sizes)
        extras = [(n == self.layout_n(), "layout", lambda: self.layout(project, n)),
                  (n == 100 and "preview" not in args.skip, "preview", lambda: self.preview(project, first, n)),
                  (args.zensical and n <= EDITS_UP_TO, "zensical", lambda: self.zensical(project, n))]
        for wanted, name, measure in extras:
            if not wanted:
                continue
            try:
                measure()
            except Exception as exc:  # noqa: BLE001 (one figure failing must not lose the others)
                say(f"N={n}: the {name} figure failed: {exc.__class__.__name__}: {exc}", self.started)
                self.figures.append(Figure(f"{name}: not measured", n, None, None, "s",
                                           note=f"{exc.__class__.__name__}: {str(exc)[:80]}"))

    def sizes(self, project: Path, first: Path, n: int) -> dict[str, float]:
        return {"page": (project / "site" / "lessons" / first.stem / "index.html").stat().st_size,
                "search": (project / "site" / "search" / "search_index.json").stat().st_size,
                "diagrams_per_lesson": folder_bytes(project / "diagrams") / n}

    def add_size_figures(self, n: int, raw: dict[str, list], sizes: dict[str, float]) -> None:
        seconds = {k: median([r.seconds for r in v]) for k, v in raw.items() if v}
        peak = {k: median([r.peak_bytes for r in v]) / MiB for k, v in raw.items() if v}
        self.mkdocs_seconds[n] = seconds["mkdocs"]
        big = n >= 1000
        add = self.figures.append
        add(Figure("cold `stepdeck build` / `mkdocs build` alone", n, seconds["mkdocs"], seconds["cold"], "s",
                   "≤ 1.5 (stretch 1.15)" if n >= 100 else "", 1.5 if n >= 100 else None,
                   before=BEFORE.get(("build", n), "")))
        add(Figure("no-op rebuild / cold build", n, seconds["cold"], seconds["noop"], "s",
                   {1000: "≤ 0.05", 100: "≤ 0.15"}.get(n, ""), {1000: 0.05, 100: 0.15}.get(n),
                   before=BEFORE.get(("noop", n), "")))
        if raw["edit"]:
            add(Figure("one lesson edited: StepDeck's stages (`stepdeck generate`) / cold", n,
                       seconds["gen_cold"], seconds["gen_edit"], "s",
                       "≤ 0.10" if n == 100 else "", 0.10 if n == 100 else None))
            add(Figure("one lesson edited: whole build / cold", n, seconds["cold"], seconds["edit"], "s",
                       "≤ 0.75" if n == 100 else "", 0.75 if n == 100 else None,
                       before=BEFORE.get(("edit", n), "")))
        add(Figure("peak memory of the process tree, build / MkDocs alone", n, peak["mkdocs"], peak["cold"], "MiB",
                   "≤ 1.2" if big else "", 1.2 if big else None, before=BEFORE.get(("memory", n), "")))
        page_10 = self.raw.get("10", {}).get("sizes", {}).get("page")
        add(Figure("one lesson's page (copy 0 of the first sample) / its size at N=10", n,
                   page_10 / KB if page_10 else None, sizes["page"] / KB, "KB",
                   "≤ 1.10 and ≤ 150 KB" if big else "", 1.10 if big and page_10 else None,
                   value_limit=150 if big else None, before=BEFORE.get(("page", n), "")))
        add(Figure("search index (search/search_index.json)", n, None, sizes["search"] / MB, "MB",
                   "≤ 8 MB" if big else "", value_limit=8 if big else None, before=BEFORE.get(("search", n), "")))
        base = base_diagrams_per_lesson(self.args.diagrams_base)
        add(Figure(f"generated diagrams/ per lesson / committed per lesson at {self.args.diagrams_base}", n,
                   base / KB if base else None, sizes["diagrams_per_lesson"] / KB, "KB", "≤ 0.5",
                   0.5 if base else None, before=BEFORE[("diagrams", None)]))

    def layout_n(self) -> int | None:
        if "layout" in self.args.skip:
            return None
        small = [n for n in self.args.sizes if n <= 100]
        return max(small) if small else None

    def layout(self, project: Path, n: int) -> None:
        import layout_kept

        say(f"N={n}: layout, in this process with a timed engine", self.started)
        dot = dot_program()
        figures = layout_kept.measure(project, dot, self.args.repeat)
        self.raw["layout"] = vars(figures) | {"n": n}
        note = f"{figures.calls} layouts, {figures.kept} kept, {n} lessons"
        if dot is None:
            print("note: no system `dot` (Debian package graphviz): the layout limit figures are skipped",
                  file=sys.stderr)
        limit = figures.limit_seconds / figures.kept * 1000 if figures.limit_seconds else None
        pipe = figures.pipe_seconds / figures.kept * 1000 if figures.pipe_seconds else None
        ours = figures.per_kept * 1000
        self.figures.append(Figure("layout time per kept diagram / one system `dot` process", n, limit, ours,
                                   "ms", "≤ 2.0 (1.3 for a faster engine)", 2.0 if limit else None,
                                   before=BEFORE[("layout", None)], note=note if dot else "no `dot`: skipped"))
        self.figures.append(Figure("one `pipe()` per kept graph / layout time per kept diagram", n, ours, pipe,
                                   "ms", "≥ 5 × (10 × for a faster engine)", 5.0 if pipe else None, at_least=True,
                                   before=BEFORE[("pipe", None)]))

    def preview(self, project: Path, first: Path, n: int) -> None:
        import serve_edit

        say(f"N={n}: preview, three edits on the open page of `stepdeck serve`", self.started)
        clear_outputs(project)
        times = serve_edit.preview_seconds(project, first, self.temp / "caches" / f"{n}-serve",
                                           self.temp / f"serve-{n}.log", edits=self.args.repeat)
        self.raw["preview"] = {"n": n, "seconds": times}
        self.figures.append(Figure("preview: one edit until Chromium shows it / whole `mkdocs build` alone", n,
                                   self.mkdocs_seconds[n], median(times), "s", "≤ 0.3", 0.3,
                                   before=BEFORE[("preview", 100)], note=f"median of {len(times)} edits"))

    def zensical(self, project: Path, n: int) -> None:
        """`stepdeck build --builder zensical` against `zensical build` alone on a copy of its docs."""
        say(f"N={n}: Zensical, cold", self.started)
        ours, theirs = [], []
        alone = self.temp / f"zensical-{n}"
        for rep in range(self.args.repeat):
            clear_outputs(project)
            ours.append(run(stepdeck("build", "--builder", "zensical"), project, self.env(f"{n}-{rep}-zensical")))
            shutil.rmtree(alone, ignore_errors=True)
            shutil.copytree(project, alone, ignore=shutil.ignore_patterns(".cache", "site*"))
            config = plain_zensical_config(alone)
            theirs.append(run([PYTHON, "-m", "zensical", "build", "--config-file", str(config)], alone))
        self.figures.append(Figure("cold `stepdeck build --builder zensical` / `zensical build` alone", n,
                                   median([r.seconds for r in theirs]), median([r.seconds for r in ours]), "s"))

    def report(self) -> dict:
        return {"figures": [f.as_dict() for f in self.figures], "raw": self.raw,
                "machine": {"python": sys.version.split()[0], "platform": platform.platform(),
                            "cpus": os.cpu_count(), "dot": dot_program(),
                            "load": " ".join(f"{x:.1f}" for x in os.getloadavg())},
                "options": {k: v for k, v in vars(self.args).items() if k != "json"},
                "seconds": time.perf_counter() - self.started}


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="N = 10 and 100 only (within 4 minutes)")
    parser.add_argument("--sizes", help="set sizes, comma-separated (default 10,100,1000)")
    parser.add_argument("--workers", type=int, help="STEPDECK_WORKERS for every build (default: StepDeck's)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure below 1,000 lessons (median)")
    parser.add_argument("--seed", type=int, default=11, help="the synthetic sets' seed")
    parser.add_argument("--skip", default="", help="comma-separated: layout, preview")
    parser.add_argument("--zensical", action="store_true", help="also Zensical: stepdeck build against it alone")
    parser.add_argument("--diagrams-base", default=ISSUE_BASE, help="git revision of 'today's' diagrams/")
    parser.add_argument("--json", type=Path, help="also write every figure and raw run here")
    args = parser.parse_args(argv)
    sizes = args.sizes or ("10,100" if args.quick else "10,100,1000")
    args.sizes = sorted(int(s) for s in sizes.split(",") if s.strip())
    args.skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    with tempfile.TemporaryDirectory(prefix="stepdeck-bench-") as temp:
        bench = Bench(args, Path(temp))
        for n in args.sizes:
            bench.size(n)
            print(table(bench.figures), file=sys.stderr, flush=True)  # so far, in case the run is cut short
            if args.json:
                args.json.write_text(json.dumps(bench.report(), indent=2, default=str), encoding="utf-8")
        report = bench.report()
    print(f"StepDeck bench: sets of {', '.join(map(str, args.sizes))} lessons; medians of {args.repeat} "
          f"runs below 1,000 lessons, one run at 1,000; workers {args.workers or 'default'}; "
          f"{report['seconds']:.0f} s in all, load average {report['machine']['load']}")
    print(table(bench.figures))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
