"""graphviz-pure (a Rust port of Graphviz 16.1.0, a command-line program) as one long-lived process.

Run:  .venv/bin/python bench/bench_graphviz_pure.py [--program PATH] [--repeat 5] [--write DIR]

Skips cleanly (exit 0) when the program is absent; it is evaluated in a scratch venv, never as a
dependency: ``python3 -m venv /tmp/gp-venv && /tmp/gp-venv/bin/pip install graphviz-pure==0.2.2``.

The program reads all of stdin before it lays anything out, so a stream of graphs on one pipe
gives no answer until the pipe closes. What does serve one graph at a time from one process: start
it with many named pipes (FIFOs) as input files; it opens them in order, and each answer comes out
as soon as that pipe is written and closed. Over the sample lessons' DOT sources, this prints:
  time per graph (wall and CPU, medians of interleaved runs) of the wasm engine, system ``dot``
  fed every graph, graphviz-pure fed every graph on stdin, graphviz-pure served graph by graph
  over FIFOs, and a graphviz-pure process per graph, with ratios; what a restart costs (the price
  of a per-layout time limit enforced by killing the process); whether its bytes are stable
  across runs and across two concurrent processes; and how its SVGs differ from the engine's.
``--write DIR`` keeps both SVGs of every graph there, to render and look at.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_engine import engine_named, lesson_sources, measured, one_dot_process  # noqa: E402

from generator.diagrams.engine import Graphviz  # noqa: E402

END = b"</svg>\n"


def program_path(given: str | None) -> str | None:
    for candidate in [given] if given else (shutil.which("graphviz-pure"), "/tmp/gp-venv/bin/graphviz-pure"):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def split_svgs(output: bytes) -> list[bytes]:
    parts = output.split(END)
    return [part.lstrip(b"\n") + END for part in parts[:-1]]


def all_on_stdin(program: str, sources: list[str]) -> list[bytes]:
    stream = "\n".join(engine_named(s) for s in sources)  # else an earlier layout=neato sticks
    done = subprocess.run([program, "-Tsvg"], input=stream.encode(), check=True, capture_output=True)
    return split_svgs(done.stdout)


class FifoServer:
    """One graphviz-pure process answering graph after graph, each written to its own FIFO."""

    def __init__(self, program: str, capacity: int):
        self.folder = Path(tempfile.mkdtemp(prefix="gp-fifo-"))
        self.paths = [self.folder / f"g{i}.gv" for i in range(capacity)]
        for path in self.paths:
            os.mkfifo(path)
        self.process = subprocess.Popen([program, "-Tsvg", *map(str, self.paths)], stdout=subprocess.PIPE)
        self.next = 0

    def layout(self, source: str) -> bytes:
        with open(self.paths[self.next], "w", encoding="utf-8") as pipe:
            pipe.write(source)
        self.next += 1
        answer = b""
        while not answer.endswith(END):  # the real thing would wait with a deadline, then kill
            chunk = os.read(self.process.stdout.fileno(), 1 << 20)
            if not chunk:
                raise RuntimeError("graphviz-pure ended early")
            answer += chunk
        return answer

    def close(self) -> None:
        self.process.kill()
        self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


def served(program: str, sources: list[str]) -> list[bytes]:
    server = FifoServer(program, len(sources))
    try:
        return [server.layout(engine_named(source)) for source in sources]
    finally:
        server.close()


def per_graph(program: str, sources: list[str]) -> list[bytes]:
    return [subprocess.run([program, "-Tsvg"], input=s.encode(), check=True, capture_output=True).stdout
            for s in sources]


def restart_cost(program: str) -> float:
    """Seconds to kill a served process and have a fresh one answer a tiny graph."""
    server = FifoServer(program, 2)
    server.layout("digraph w { a -> b }")
    wall, _ = measured(lambda: (server.close(), FifoServer(program, 2).layout("digraph w { a -> b }")))
    return wall


def geometry(svg: str) -> tuple[str, list[str]]:
    view = re.search(r'viewBox="([^"]+)"', svg)
    texts = re.findall(r'<text[^>]* x="([-\d.]+)" y="([-\d.]+)"', svg)
    return (view.group(1) if view else ""), texts


def compare(ours: list[str], theirs: list[bytes]) -> None:
    same = sum(a.encode() == b for a, b in zip(ours, theirs))
    same_box = moved = total = 0
    for a, b in zip(ours, theirs):
        (box_a, texts_a), (box_b, texts_b) = geometry(a), geometry(b.decode())
        same_box += box_a == box_b
        total += len(texts_a)
        moved += sum(1 for ta, tb in zip(texts_a, texts_b) if ta != tb) + abs(len(texts_a) - len(texts_b))
    size_a, size_b = sum(len(a.encode()) for a in ours), sum(len(b) for b in theirs)
    print(f"bytes vs the engine: {same}/{len(ours)} SVGs identical; {same_box}/{len(ours)} same viewBox; "
          f"{moved}/{total} text positions differ; {size_b:,} bytes against {size_a:,}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--program")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--write", type=Path)
    args = parser.parse_args()
    program = program_path(args.program)
    if program is None:
        print("skipped: graphviz-pure is not installed (see this script's docstring)")
        return
    sources = lesson_sources()
    engine = Graphviz()
    ours = [engine.layout(s) for s in sources]
    runs = {"(a) wasm engine": lambda: [engine.layout(s) for s in sources],
            "(g) gp, stdin": lambda: all_on_stdin(program, sources),
            "(f) gp, served": lambda: served(program, sources),
            "(p) gp, per graph": lambda: per_graph(program, sources)}
    dot = shutil.which("dot")
    if dot:
        runs["(b) system dot"] = lambda: one_dot_process(dot, sources)
    figures = {name: [] for name in runs}
    for _ in range(args.repeat):
        for name, run in runs.items():
            figures[name].append(measured(run))
    times = {name: [statistics.median(c) / len(sources) for c in zip(*values)] for name, values in figures.items()}
    print(subprocess.run([program, "-V"], capture_output=True, text=True).stderr.strip())
    print(f"{len(sources)} graphs; medians of {args.repeat} interleaved runs")
    a = times["(a) wasm engine"]
    for name, (wall, cpu) in times.items():
        line = f"{name:<19} {wall * 1e3:7.3f} ms/graph wall {cpu * 1e3:7.3f} CPU   /(a) {wall / a[0]:5.2f} wall {cpu / a[1]:5.2f} CPU"
        if dot:
            b = times["(b) system dot"]
            line += f"   /(b) {wall / b[0]:5.2f} wall {cpu / b[1]:5.2f} CPU"
        print(line)
    print(f"restart (kill, spawn, first answer): {restart_cost(program) * 1e3:.1f} ms")
    first, second, by_fifo = all_on_stdin(program, sources), all_on_stdin(program, sources), served(program, sources)
    alone = per_graph(program, sources)
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        together = list(pool.map(lambda _: all_on_stdin(program, sources), range(2)))
    print(f"byte-stable: two runs {first == second}; stdin vs served {first == by_fifo}; "
          f"two concurrent processes {together[0] == together[1] == first}; "
          f"a process per graph {alone == first}")
    compare(ours, first)
    if args.write:
        args.write.mkdir(parents=True, exist_ok=True)
        for i, (a_svg, b_svg) in enumerate(zip(ours, first)):
            (args.write / f"{i:03d}-wasm.svg").write_text(a_svg, encoding="utf-8")
            (args.write / f"{i:03d}-gp.svg").write_bytes(b_svg)


if __name__ == "__main__":
    main()
