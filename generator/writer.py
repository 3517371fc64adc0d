"""The one module that writes output: staged beside the target, then swapped in.

A build writes each output tree into a temporary sibling, then swaps all of
them in with SIGINT and SIGTERM blocked, so a failure or an interrupt at any
earlier point leaves the previous output byte-identical. Files whose content
did not change are hard-linked from the old tree, which keeps their
timestamps.
"""
from __future__ import annotations

import os
import shutil
import signal
from contextlib import contextmanager
from pathlib import Path

NEW, OLD = ".new", ".old"


def staging_path(target: Path) -> Path:
    return target.with_name(f".{target.name}{NEW}")


def old_path(target: Path) -> Path:
    return target.with_name(f".{target.name}{OLD}")


def recover(target: Path) -> None:
    """Undo what an interrupted swap or build left behind."""
    old, staged = old_path(target), staging_path(target)
    if old.exists():
        if target.exists():
            shutil.rmtree(old)
        else:
            old.rename(target)
    if staged.exists():
        shutil.rmtree(staged)


def stage_tree(target: Path, files: dict[str, bytes]) -> Path:
    """Write ``files`` into a fresh staging sibling of ``target``; return it."""
    recover(target)
    staged = staging_path(target)
    staged.mkdir(parents=True)
    for relative, content in sorted(files.items()):
        destination = staged / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        previous = target / relative
        if previous.is_file() and not previous.is_symlink() and previous.read_bytes() == content:
            os.link(previous, destination)  # same inode: timestamp untouched
        else:
            destination.write_bytes(content)
    return staged


def keep_unchanged(target: Path, staged: Path) -> None:
    """Hard-link files of a tree built by another tool (MkDocs) when unchanged."""
    if not target.is_dir():
        return
    for path in staged.rglob("*"):
        previous = target / path.relative_to(staged)
        if path.is_file() and previous.is_file() and not previous.is_symlink():
            if path.stat().st_size == previous.stat().st_size and path.read_bytes() == previous.read_bytes():
                path.unlink()
                os.link(previous, path)


@contextmanager
def signals_blocked():
    blocked = {signal.SIGINT, signal.SIGTERM}
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, blocked)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def swap_in(targets: list[Path]) -> None:
    """Move every staged tree into place; the old trees are deleted afterwards."""
    with signals_blocked():
        for target in targets:
            if target.exists():
                target.rename(old_path(target))
            staging_path(target).rename(target)
    for target in targets:
        if old_path(target).exists():
            shutil.rmtree(old_path(target))


def discard(targets: list[Path]) -> None:
    for target in targets:
        if staging_path(target).exists():
            shutil.rmtree(staging_path(target))


def write_file(path: Path, content: bytes, *, overwrite: bool = True) -> bool:
    """Write one file through a temporary file; False when it exists and must not be replaced."""
    if path.exists() and not overwrite:
        return False
    if path.exists() and path.read_bytes() == content:
        return True
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(content)
    os.replace(temporary, path)
    return True
