"""One exclusive lock per project, held by every run that reads or replaces the output.

``stepdeck build`` and ``generate`` take it before recovery and hold it until the
swap is done; the preview (``stepdeck serve``) and the MkDocs plugin take it for
each regeneration. A second run waits, saying so, and gives up with an error
after ``STEPDECK_LOCK_SECONDS`` (default 600). The lock is a file lock
(``filelock``: ``fcntl`` on POSIX, ``msvcrt`` on Windows), so the operating system
releases it when a process dies, even by SIGKILL. It is reentrant within one
process: the plugin inside ``stepdeck build`` runs under the build's lock.
"""
from __future__ import annotations

import os
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from ..core.errors import StepDeckError

LOCK_NAME = ".stepdeck.lock"
_locks: dict[Path, FileLock] = {}
_guard = threading.Lock()


def lock_path(root: Path) -> Path:
    return root / LOCK_NAME


def _lock_for(root: Path) -> FileLock:
    path = lock_path(root.resolve())
    with _guard:
        if path not in _locks:
            _locks[path] = FileLock(str(path), thread_local=True)
        return _locks[path]


@contextmanager
def project_lock(root: Path, shown: str = LOCK_NAME):
    """Hold the project's lock for the block; wait for another run first, saying so once.

    A read-only project (a preview or ``mkdocs build`` of a mounted checkout) is served unlocked:
    no StepDeck run can write into it, so there is nothing to take turns on."""
    if root.is_dir() and not os.access(root, os.W_OK):
        yield
        return
    lock = _lock_for(root)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        wait = float(os.environ.get("STEPDECK_LOCK_SECONDS", "600"))
        print(f"stepdeck: waiting for another StepDeck run in this project to finish ({shown})",
              file=sys.stderr, flush=True)
        try:
            lock.acquire(timeout=wait)
        except Timeout:
            raise StepDeckError(f"another StepDeck run has held {shown} for {wait:g} s; try again when it "
                                "has finished") from None
    except OSError as exc:
        raise StepDeckError(f"cannot take the project lock {shown}: {exc}") from exc
    try:
        yield
    finally:
        lock.release()
