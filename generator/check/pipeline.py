"""The one check pipeline: every lesson file in, per file a checked lesson or its diagnostics out.

It never raises for a problem in a lesson. Build fails on the errors it
returns; the preview shows the good lessons and an error page for each bad one;
export picks its lesson from the result; the guide checks its examples here.

Per file: read, parse YAML, validate against the model, check the structure
(limits and references). A lesson whose structure holds gets its facts; its
answer checks and lints then run on them, so a lesson can carry errors and
warnings at once, and every one is reported.
"""
from __future__ import annotations

import time
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

from ..core.errors import Diagnostic, Severity
from ..model.derive import derive
from ..model.facts import LessonFacts
from ..model.lesson import Lesson
from ..model.limits import Limits
from ..model.project import Project
from . import codes
from .answers import check_answers
from .diagnosis import Checker
from .files import lesson_files
from .lint import lint
from .caps import capped
from .loading import Loaded, load_yaml_text
from .reading import load_lesson_file, read_lesson_text
from .references import check_structure
from .schema_errors import parse_lesson


@dataclass(frozen=True)
class CheckedLesson:
    """A lesson with no errors, its facts, and where it came from."""

    lesson: Lesson
    facts: LessonFacts
    source: str  # project-relative path, as diagnostics and generated markers show it
    path: Path | None
    loaded: Loaded  # the parsed file, for the positions of later diagnostics


@dataclass(frozen=True)
class FileResult:
    """One lesson file: its diagnostics, and the lesson when none of them is an error."""

    source: str
    path: Path | None
    diagnostics: tuple[Diagnostic, ...]
    lesson: CheckedLesson | None
    lesson_id: str | None = None  # as far as it could be read, for an error page's address
    outcome: object | None = None  # the lesson already rendered elsewhere (a cache entry, a worker's result)

    @property
    def ok(self) -> bool:
        return self.lesson is not None or self.outcome is not None


@dataclass(frozen=True)
class CheckResult:
    files: tuple[FileResult, ...]
    general: tuple[Diagnostic, ...] = ()  # not about one lesson: paths and settings

    @property
    def lessons(self) -> list[CheckedLesson]:
        return sorted((f.lesson for f in self.files if f.lesson), key=lambda item: item.lesson.id)

    @property
    def renderable(self) -> list:
        """Every lesson without errors, in id order: checked here, or already rendered (``outcome``)."""
        return [f.lesson or f.outcome for f in sorted((f for f in self.files if f.ok), key=_file_id)]

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return sorted([*self.general, *(d for f in self.files for d in f.diagnostics)])

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]

    @property
    def ok(self) -> bool:
        return not any(d.is_error for d in self.diagnostics)


def check_project(project: Project, paths: list[Path] | None = None, *, strict: bool = False) -> CheckResult:
    """Check the lesson files under ``paths`` (default: the content folder)."""
    found, general = lesson_files(project, paths)
    drafts = [check_file(path, project.display(path), project.limits) for path in found]
    return finish(drafts, general + settings_diagnostics(project), project.settings.silence, strict)


def check_changed(project: Project, memo: dict[str, tuple[bytes, Draft]]) -> CheckResult:
    """``check_project(project)``, checking again only the files whose bytes changed (the live preview).

    ``memo`` maps each lesson's source to the bytes it was checked from and their draft; it is updated
    in place. The drafts are checked from exactly the bytes compared, so a file saved during the check
    is seen at the next call, never half. The cross-file checks and ``silence:`` run over all drafts,
    so the result equals a whole check.
    """
    found, general = lesson_files(project)
    drafts, seen = [], {}
    for path in found:
        source = project.display(path)
        head = _read_head(path, project.limits)
        known = memo.get(source)
        if head is None or known is None or known[0] != head:
            known = (head, check_file(path, source, project.limits) if head is None
                     else check_bytes(head, len(head), path, source, project.limits))
        seen[source] = known
        drafts.append(replace(known[1], diagnostics=list(known[1].diagnostics)))  # collisions() appends
    memo.clear()
    memo.update(seen)
    return finish(drafts, general + settings_diagnostics(project), project.settings.silence, False)


def _read_head(path: Path, limits: Limits) -> bytes | None:
    """The file's bytes; None when it cannot be read or is over the size limit (``check_file`` says why)."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(limits.max_file_bytes + 1)
    except OSError:
        return None
    return raw if len(raw) <= limits.max_file_bytes else None


def check_source(text: str | bytes, source: str, limits: Limits | None = None, *, strict: bool = False
                 ) -> CheckResult:
    """Check one lesson given as text or as a file's bytes (the guide's examples); nothing is read from disk."""
    limits = limits or Limits()
    if isinstance(text, bytes):
        text, problems = read_lesson_text(text, source, limits)
        if text is None:
            return finish([Draft(source, None, problems, None, None)], [], [], strict)
    loaded, problems = load_yaml_text(text, source, limits)
    return finish([_check_loaded(loaded, problems, source, None, limits)], [], [], strict)


def _file_id(result: FileResult) -> str:
    return result.lesson.lesson.id if result.lesson else result.lesson_id or ""


def check_bytes(raw: bytes, size: int, path: Path, source: str, limits: Limits) -> Draft:
    """One lesson file whose bytes were read already (the build's cache keys them): the same checks."""
    started = time.monotonic()
    text, problems = read_lesson_text(raw, source, limits, size)
    loaded, more = load_yaml_text(text, source, limits) if text is not None else (None, [])
    draft = _check_loaded(loaded, problems + more, source, path, limits)
    if loaded is not None:
        loaded.seconds = time.monotonic() - started
    return draft


def check_file(path: Path, source: str, limits: Limits) -> Draft:
    started = time.monotonic()
    loaded, problems = load_lesson_file(path, source, limits)
    draft = _check_loaded(loaded, problems, source, path, limits)
    if loaded is not None:
        loaded.seconds = time.monotonic() - started  # counted in the lesson's limits.lesson_seconds
    return draft


@dataclass
class Draft:
    source: str
    path: Path | None
    diagnostics: list[Diagnostic]
    checked: CheckedLesson | None
    lesson_id: str | None
    id_at: tuple[int, int] = (1, 1)
    outcome: object | None = None  # see FileResult.outcome: checked (and rendered) by an earlier run or a worker


def _check_loaded(loaded: Loaded | None, problems: list[Diagnostic], source: str, path: Path | None,
                  limits: Limits) -> Draft:
    if loaded is None:
        return Draft(source, path, problems, None, None)
    checker = Checker(loaded)
    lesson = parse_lesson(checker)
    lesson_id = lesson.id if lesson else _written_id(loaded)
    if lesson is None:
        return Draft(source, path, checker.diagnostics(), None, lesson_id)
    check_structure(checker, lesson, limits)
    resolved = not checker.has_errors
    facts = derive(lesson, resolved=resolved)
    check_answers(checker, facts)  # even with broken references elsewhere: every problem at once
    checked = None
    if resolved:
        lint(checker, facts)
        checked = CheckedLesson(lesson, facts, source, path, loaded)
    if path is not None and path.stem != lesson.id:
        checker.warn(("id",), f"lesson id '{lesson.id}' differs from the file name '{path.name}'",
                     "path.id-mismatch", f"rename the file to {lesson.id}{path.suffix}")
    return Draft(source, path, checker.diagnostics(), checked, lesson_id, loaded.where(("id",)))


def _written_id(loaded: Loaded) -> str | None:
    data = loaded.data
    value = data.get("id") if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def finish(drafts: list[Draft], general: list[Diagnostic], silence: list[str], strict: bool) -> CheckResult:
    """Cross-file checks, then ``silence:`` (warnings only) and ``--strict`` (warnings become errors)."""
    collisions(drafts)

    def settle(items) -> tuple[Diagnostic, ...]:
        kept = [d for d in items if d.is_error or not codes.silenced(d.code, silence)]
        return tuple(capped(sorted(d.as_error() if strict else d for d in kept)))

    files = []
    for draft in drafts:
        diagnostics = settle(draft.diagnostics)
        ok = (draft.checked or draft.outcome) is not None and not any(d.is_error for d in diagnostics)
        files.append(FileResult(draft.source, draft.path, diagnostics, draft.checked if ok else None,
                                draft.lesson_id, draft.outcome if ok else None))
    return CheckResult(tuple(sorted(files, key=lambda f: f.source)), settle(general))


def collisions(drafts: list[Draft]) -> None:
    """Two lessons that would write the same output, even on a case-folding file system.

    Ids are ASCII slugs today, so only equal ids can collide; the key still folds
    case and Unicode normalisation so a looser id pattern could not open a hole.
    """
    seen: dict[str, Draft] = {}
    for draft in sorted(drafts, key=lambda d: d.source):
        if draft.checked is None and draft.outcome is None:
            continue
        lesson_id = draft.lesson_id
        key = unicodedata.normalize("NFKC", lesson_id).casefold()
        if key in seen:
            draft.diagnostics.append(Diagnostic(
                draft.source, *draft.id_at, "id", f"lesson id '{lesson_id}' is also used by {seen[key].source}; "
                f"both would write {lesson_id}/ outputs", "path.collision", hint="give one of the lessons another id"))
        else:
            seen[key] = draft


def settings_diagnostics(project: Project) -> list[Diagnostic]:
    """``silence:`` entries that silence nothing, located in stepdeck.yml."""
    problems = [(i, codes.silence_problem(entry)) for i, entry in enumerate(project.settings.silence)]
    problems = [(i, why) for i, why in problems if why]
    if not problems:
        return []
    settings_file = project.root / "stepdeck.yml"
    loaded, _ = load_yaml_text(settings_file.read_text(encoding="utf-8"), project.display(settings_file),
                               Limits())
    where = loaded.where if loaded else (lambda path: (1, 1))
    return [Diagnostic(project.display(settings_file), *where(("silence", i)), f"silence[{i}]", why,
                       "config.silence", Severity.WARNING) for i, why in problems]

