"""Which output folders StepDeck may replace: proof of ownership before any swap.

A build replaces ``docs/``, ``diagrams/`` and ``site/`` whole, so a typo in ``stepdeck.yml`` must
not be able to replace ``.git``, a virtual environment or a folder of someone's files. StepDeck
replaces a folder only when it is missing, empty, or holds StepDeck's marker file; and even then
every file in it must be one this build writes or one that carries StepDeck's generated mark
(a page or diagram an earlier build wrote), so a hand-written file of any type is refused, never
deleted. A folder without a marker whose files all pass that test is adopted (the output of a
StepDeck from before markers). Nothing here writes; ``writer`` does.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable

from ..core.errors import StepDeckError

MARKER = ".stepdeck-generated"
GENERATED_MARK = b"by StepDeck; do not edit"
_SHOWN = 10


def marker_text(role: str) -> bytes:
    """The marker's content: deterministic (``diagrams/`` is committed), and says what the folder is."""
    return (f"This folder is StepDeck's {role} output: `stepdeck build` replaces it whole.\n"
            "Do not edit or add files here; edit content/ and site_templates/ instead.\n").encode("utf-8")


class ForeignFolder(StepDeckError):
    """An output folder holds files StepDeck did not write; it is refused, never replaced."""


def _carries_mark(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return GENERATED_MARK in handle.read(4096)
    except OSError:
        return False


def refuse_foreign(target: Path, writes: Iterable[str] | None, shown_as: Callable[[Path], str],
                   *, any_file_when_marked: bool = False) -> None:
    """Raise unless ``target`` may be replaced by a tree holding ``writes`` (relative paths).

    ``any_file_when_marked``: for ``site/``, whose every file MkDocs writes, the marker suffices.
    ``writes=None`` checks the folder only (``site/`` before MkDocs has said what it writes).
    """
    shown = shown_as(target)
    if target.name.startswith("."):
        raise ForeignFolder(f"{shown}: StepDeck never replaces a dot-folder")
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise ForeignFolder(f"{shown}: is not a folder; StepDeck only replaces folders it created")
    if not target.exists():
        return
    marked = (target / MARKER).is_file()
    if (marked and any_file_when_marked) or writes is None:
        return  # writes=None: only the folder itself is checked now; its files once they are known
    expected = set(writes or ()) | {MARKER}
    unknown = sorted(p.relative_to(target).as_posix() for p in target.rglob("*")
                     if (p.is_file() or p.is_symlink()) and p.relative_to(target).as_posix() not in expected
                     and not (p.is_file() and not p.is_symlink() and _carries_mark(p)))
    if unknown:
        more = f" and {len(unknown) - _SHOWN} more" if len(unknown) > _SHOWN else ""
        why = "holds" if marked else "has no StepDeck marker and holds"
        raise ForeignFolder(f"{shown}/ {why} files StepDeck did not write: {', '.join(unknown[:_SHOWN])}{more}. "
                            f"A build replaces {shown}/ whole: move them out, or set the folder in stepdeck.yml "
                            "to one StepDeck owns.")


def with_marker(files: dict[str, bytes], role: str) -> dict[str, bytes]:
    """``files`` plus the marker that proves, next time, that StepDeck wrote the folder."""
    return {**files, MARKER: marker_text(role)}
