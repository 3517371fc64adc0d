"""The one module that writes output: staged beside the target, then swapped in.

A build writes each output tree into a temporary sibling (``.site.new``), then
swaps all of them in with SIGINT and SIGTERM held back: the old tree moves aside
(``.site.old``), the new one moves into place, and the old one is deleted.  A
failure or an interrupt at any earlier point leaves the previous output
byte-identical; whatever an interrupted run left behind is cleaned up by
:func:`recover` at the next start.  Files whose content did not change are
hard-linked from the old tree, which keeps their timestamps.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import sys
import tempfile
import time
import tempfile
import unicodedata
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from ..core import interrupts, pauses
from ..core.errors import StepDeckError

NEW, OLD = ".new", ".old"


class UnsafeOutputPath(StepDeckError):
    """A generated file name would land outside its output folder, or on top of another."""


def staging_path(target: Path) -> Path:
    """This process's staging sibling: two runs never share one, even before the lock is taken."""
    return target.with_name(f".{target.name}{NEW}-{os.getpid()}")


def is_staging(path: Path, target: Path) -> bool:
    """Whether ``path`` is a staging sibling of ``target`` (of this process or another)."""
    return path.parent == target.parent and path.name.startswith(f".{target.name}{NEW}")


def _stale_stagings(target: Path) -> list[Path]:
    if not target.parent.is_dir():
        return []
    return sorted(p for p in target.parent.iterdir() if is_staging(p, target))


def old_path(target: Path) -> Path:
    """A fresh name for the tree a swap moves aside: one a failed clean-up left behind never blocks it."""
    return target.with_name(f".{target.name}{OLD}-{os.getpid()}-{time.time_ns()}")


def _stale_olds(target: Path) -> list[Path]:
    """Old trees a swap moved aside, newest first."""
    if not target.parent.is_dir():
        return []
    olds = [p for p in target.parent.iterdir() if p.parent == target.parent and p.name.startswith(f".{target.name}{OLD}")]
    return sorted(olds, key=lambda p: p.stat().st_mtime_ns, reverse=True)


def recover(target: Path) -> None:
    """Undo what an interrupted swap or build left behind.

    ``.old`` without the target means the process died between the two renames
    of a swap: the old tree is the last complete output, so it goes back.
    Called under the project lock (``site.lock``), so no staging tree found here belongs to a
    running build: each is a leftover of a dead one.
    """
    olds = _stale_olds(target)
    if olds and not target.exists():
        olds.pop(0).rename(target)
    for old in olds:
        _remove_or_warn(old)
    pauses.pause(pauses.RECOVER)
    for staged in _stale_stagings(target):
        _remove(staged)


def safe_relative(relative: str) -> PurePosixPath:
    """A generated file name, checked: relative, POSIX, no '..', no NUL, no backslash, no empty part."""
    path = PurePosixPath(relative)
    bad = (not relative or relative.startswith("/") or "\\" in relative or "\0" in relative
           or any(part in ("", ".", "..") for part in relative.split("/"))
           or any(unicodedata.category(c) in ("Cc", "Cf") for c in relative))
    if bad:
        raise UnsafeOutputPath(f"refusing to write {relative!r}: not a plain relative path")
    return path


def _check_names(files: dict[str, bytes]) -> None:
    """No two names may meet on a case-folding or normalising file system (macOS, Windows)."""
    seen: dict[str, str] = {}
    for relative in sorted(files):
        safe_relative(relative)
        key = unicodedata.normalize("NFC", relative).casefold()
        if key in seen:
            raise UnsafeOutputPath(f"{relative!r} and {seen[key]!r} would be the same file on a "
                                   "case-insensitive file system")
        seen[key] = relative


def stage_tree(target: Path, files: dict[str, bytes], known: dict | None = None) -> Path:
    """Write ``files`` into a fresh staging sibling of ``target``; return it.

    ``known`` (path -> SHA-256, size, mtime, inode of each file as the last build left it, from the
    lesson cache) lets an unchanged file be linked on its ``stat`` alone, without reading it."""
    _check_names(files)
    recover(target)
    staged = staging_path(target)
    staged.mkdir(parents=True)
    made: set[Path] = set()
    for relative, content in sorted(files.items()):
        destination = staged / relative
        if destination.parent not in made:
            destination.parent.mkdir(parents=True, exist_ok=True)
            made.add(destination.parent)
        previous = target / relative
        if (known and _known_same(previous, known.get(relative), content)) or _same_file_content(previous, content):
            os.link(previous, destination)  # same inode: timestamp untouched
        else:
            destination.write_bytes(content if isinstance(content, bytes) else content.read())
    return staged


def _known_same(previous: Path, recorded, content) -> bool:
    if not recorded:
        return False
    try:
        info = previous.lstat()
    except OSError:
        return False
    sha = hashlib.sha256(content).hexdigest() if isinstance(content, bytes) else content.sha
    return [sha, info.st_size, info.st_mtime_ns, info.st_ino] == list(recorded)


def _same_file_content(previous: Path, content) -> bool:
    """``content`` is bytes, or a cached file (``cache.Blob``: its length and SHA-256, read only when written)."""
    if isinstance(content, bytes):
        return (previous.is_file() and not previous.is_symlink() and previous.stat().st_size == len(content)
                and previous.read_bytes() == content)
    return (previous.is_file() and not previous.is_symlink() and previous.stat().st_size == content.length
            and hashlib.sha256(previous.read_bytes()).hexdigest() == content.sha)


def add_file(folder: Path, relative: str, content: bytes) -> None:
    """One more file in a staged tree (the ownership marker of ``site/``, after MkDocs)."""
    (folder / safe_relative(relative)).write_bytes(content)


def relative_files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def keep_unchanged(target: Path, staged: Path) -> None:
    """Hard-link files of a tree built by another tool (MkDocs) when unchanged."""
    if not target.is_dir():
        return
    for path in staged.rglob("*"):
        previous = target / path.relative_to(staged)
        if path.is_file() and not path.is_symlink() and previous.is_file() and not previous.is_symlink():
            if path.stat().st_size == previous.stat().st_size and path.read_bytes() == previous.read_bytes():
                temporary = path.with_name(f".{path.name}.link")
                os.link(previous, temporary)
                os.replace(temporary, path)  # never a moment without the file


def swap_in(targets: list[Path]) -> None:
    """Move every staged tree into place, all or none; the old trees are deleted afterwards."""
    done: list[Path] = []
    olds = {target: old_path(target) for target in targets}
    with interrupts.held():
        try:
            for target in targets:
                if target.exists():
                    target.rename(olds[target])
                staging_path(target).rename(target)
                done.append(target)
                pauses.pause(pauses.SWAP)
        except BaseException:
            for target in reversed(done):  # put every previous tree back
                target.rename(staging_path(target))
            for target in targets:
                if olds[target].exists() and not target.exists():
                    olds[target].rename(target)
            raise
    for target in targets:  # the new output is in place: a tree that will not go is only a warning
        if olds[target].exists():
            _remove_or_warn(olds[target])


def _remove_or_warn(path: Path) -> None:
    try:
        _remove(path)
    except OSError as exc:
        print(f"stepdeck: warning: could not delete {path.name} ({exc.strerror or exc}); the new output is in "
              "place; delete it by hand", file=sys.stderr)


def discard(targets: list[Path]) -> None:
    for target in targets:
        if staging_path(target).exists():
            _remove(staging_path(target))


def _remove(path: Path) -> None:
    """Delete a file or tree. shutil.rmtree is not interrupt-safe (an interrupt inside it can
    surface as EBADF from its own cleanup), so interrupts wait until it is done."""
    with interrupts.held():
        if path.is_symlink() or path.is_file():
            path.unlink()
        else:
            shutil.rmtree(path)


def fresh_folder(prefix: str) -> Path:
    """A new empty folder outside the project (``stepdeck serve`` builds each full preview into one)."""
    return Path(tempfile.mkdtemp(prefix=prefix))


def remove_folder(path: Path) -> None:
    if path.exists():
        _remove(path)


def ensure_folder(path: Path) -> None:
    path.mkdir(parents=True, exist_ok=True)


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


def write_atomic(path: Path, content: bytes) -> None:
    """Write a file others may read at the same moment (the lesson cache): a unique temporary name,
    then one rename, so a reader sees the whole old file, the whole new one, or none."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}-{time.time_ns()}.tmp")
    try:
        temporary.write_bytes(content)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


@contextmanager
def scratch_folder():
    """A temporary folder, deleted afterwards (``--no-cache`` streams lessons through one)."""
    folder = Path(tempfile.mkdtemp(prefix="stepdeck-"))
    try:
        yield folder
    finally:
        _remove(folder)


def refuse_foreign_pages(docs_dir: Path, marker: str, shown_as) -> None:
    """A build replaces ``docs_dir`` whole: never when it holds a page a person wrote (no ``marker``)."""
    if not docs_dir.is_dir():
        return
    for page in sorted(docs_dir.rglob("*.md")):
        if marker not in page.read_text(encoding="utf-8", errors="replace")[:4096]:
            raise StepDeckError(
                f"{shown_as(page)} was not generated by StepDeck, and 'stepdeck build' replaces "
                f"{shown_as(docs_dir)}/ whole. In an existing site use the 'stepdeck' MkDocs plugin "
                "(mkdocs build / mkdocs serve), or set docs_dir in stepdeck.yml to a folder StepDeck owns.")


def sync_tree(folder: Path, files: dict[str, bytes]) -> list[str]:
    """Make ``folder`` hold exactly ``files``, touching only what changed; return the changed names.

    For a folder a live server watches (``stepdeck serve --builder zensical``): an unchanged
    file keeps its timestamp, so the server sees only real edits and nothing regenerates in a loop.
    """
    _check_names(files)
    changed = []
    for relative, content in sorted(files.items()):
        path = folder / relative
        if not _same_file_content(path, content):
            write_file(path, content)
            changed.append(relative)
    if folder.is_dir():
        for path in sorted(folder.rglob("*"), reverse=True):
            relative = path.relative_to(folder).as_posix()
            if (path.is_file() or path.is_symlink()) and relative not in files:
                path.unlink()
                changed.append(relative)
    return changed
