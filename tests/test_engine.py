"""The in-process WebAssembly Graphviz: engines, time limits, the compiled-module cache."""
from __future__ import annotations

import pytest

from generator.diagrams.engine import Graphviz
from generator.core.errors import LayoutTimeout, RenderError

SMALL = 'digraph g { a -> b [label="x"] }'


def big_graph(n: int = 700) -> str:
    edges = " ".join(f"n{i} -> n{(i * 7919) % n}; n{i} -> n{(i * 104729 + 3) % n};" for i in range(n))
    return f"digraph g {{ {edges} }}"


def test_time_limit_interrupts_a_layout_and_the_engine_recovers():
    engine = Graphviz(timeout=0.05)
    with pytest.raises(LayoutTimeout, match="longer than 0.05 s"):
        engine.layout(big_graph())
    assert "<svg" in engine.layout(SMALL)  # a fresh instance replaces the trapped one


def test_neato_honours_pinned_positions():
    source = 'graph g { inputscale=72; a [pos="0,0!"]; b [pos="300,0!"]; a -- b }'
    out = Graphviz().layout(source, engine="neato")
    assert 'viewBox="0.00 0.00 ' in out and "<svg" in out
    width = float(out.split('viewBox="0.00 0.00 ')[1].split()[0])
    assert width > 300  # the two nodes are 300 pt apart, as pinned


def test_unknown_engine_is_refused():
    with pytest.raises(RenderError, match=r"unknown layout engine: 'sfdp' \(must be one of \['dot', 'neato'\]\)"):
        Graphviz().layout(SMALL, engine="sfdp")


def test_bad_dot_is_a_render_error():
    with pytest.raises(RenderError):
        Graphviz().layout("digraph { a -> }")


def test_compiled_module_is_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("STEPDECK_CACHE", str(tmp_path))
    first = Graphviz().layout(SMALL)
    cached = list((tmp_path / "stepdeck").glob("graphviz-*.cwasm"))
    assert len(cached) == 1
    assert Graphviz().layout(SMALL) == first  # loaded from the cache: same output


def test_a_shorter_limit_after_longer_ones_still_interrupts_in_time():
    import time

    engine = Graphviz(timeout=30)
    for _ in range(3):
        engine.layout(SMALL)  # the watchdog now sleeps towards a deadline 30 s away
    started = time.monotonic()
    with pytest.raises(LayoutTimeout, match="longer than 0.05 s"):
        engine.layout(big_graph(), timeout=0.05)
    assert time.monotonic() - started < 3


def test_the_limit_is_per_layout_not_cumulative():
    engine = Graphviz(timeout=1.0)
    for _ in range(40):  # each about 0.03 s, together over the limit
        assert "<svg" in engine.layout(big_graph(30))


def test_one_watchdog_thread_per_engine_which_ends_with_it():
    import gc
    import threading
    import time

    def watchdogs() -> set:
        return {t for t in threading.enumerate() if t.name == "graphviz-watchdog"}

    before = watchdogs()
    engine = Graphviz()
    for _ in range(20):
        engine.layout(SMALL)
    mine = watchdogs() - before
    assert len(mine) == 1  # not a timer thread per layout
    del engine
    gc.collect()
    deadline = time.monotonic() + 5
    while any(t.is_alive() for t in mine) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not any(t.is_alive() for t in mine)
