"""Checking, laying out and rendering lessons, in this process or in a pool of worker processes.

Each worker makes its own Graphviz engine and template environment (nothing is inherited: the
workers start from a fork server that imported only this module). A job carries a lesson file's
bytes, already read by the parent, so the cache key and the checked text are the same bytes. A
worker returns only bytes and plain data; results come back in lesson order (``imap``), so the
output is byte-identical whatever the number of workers, and the parent stores each lesson (in the
cache) as it arrives and drops it, so memory holds a few lessons, never the whole set.
"""
from __future__ import annotations

import multiprocessing
import os
import queue
import signal
from dataclasses import dataclass
from pathlib import Path

from ..check.pipeline import check_bytes
from ..core import interrupts
from ..core.errors import Diagnostic, LessonRenderError, RenderError, printable
from ..diagrams.draw import draw
from ..diagrams.engine import Graphviz
from ..diagrams.svg import thumbnail
from ..model import ids
from ..model.limits import Limits
from ..render.environment import environment
from ..render.pages import lesson_page
from ..render.views import lesson_meta
from .budget import LessonBudget, output_problem
from .cache import LessonOutput
from .downloads import download_files

ENV_WORKERS = "STEPDECK_WORKERS"
STARTUP_SECONDS = 120


def worker_count(option: int | None = None) -> int:
    """``--workers``, else ``STEPDECK_WORKERS``, else min(cpu_count, 4); 1 works in this process."""
    value = option if option is not None else os.environ.get(ENV_WORKERS) or min(os.cpu_count() or 1, 4)
    try:
        return max(1, int(value))
    except ValueError:
        return 1


@dataclass(frozen=True)
class Settings:
    """What every job shares (picklable)."""

    limits: Limits
    templates_dir: Path
    prefix: str
    site_root: str
    downloads: tuple[str, ...]


@dataclass(frozen=True)
class Job:
    path: Path
    source: str
    raw: bytes
    size: int


@dataclass
class Result:
    """One lesson file, checked and (when it has no errors) rendered: its own diagnostics, before
    cross-file checks, and its output or the diagnostic that says why it could not be rendered."""

    source: str
    diagnostics: list[Diagnostic]
    lesson_id: str | None
    id_at: tuple[int, int]
    checked: bool
    output: LessonOutput | Diagnostic | None


def run_job(job: Job, settings: Settings, graphviz, env) -> Result:
    draft = check_bytes(job.raw, job.size, job.path, job.source, settings.limits)
    output = None
    if draft.checked is not None:
        item = draft.checked
        output = render_lesson(item, env, LessonBudget(graphviz, settings.limits, item.loaded.seconds), settings)
    return Result(job.source, draft.diagnostics, draft.lesson_id, draft.id_at, draft.checked is not None, output)


def render_failure(item, message: str, code: str = "render") -> Diagnostic:
    """A lesson whose diagrams or page failed, located where its steps start (what is drawn)."""
    line, column = item.loaded.where(("steps",), key=True)
    return Diagnostic(item.source, line, column, "steps", printable(message)[:2000], code)


def render_lesson(item, env, budget: LessonBudget, settings: Settings) -> LessonOutput | Diagnostic:
    """Draw and render one checked lesson; a failure is that lesson's diagnostic."""
    optional = settings.downloads
    try:
        rendered = draw(item.facts, budget, item.source)
        page = lesson_page(env, item.facts, rendered, item.source, settings.site_root, optional).encode("utf-8")
        # In the docs only: the committed diagrams/ folder keeps just the SVGs the pages embed.
        downloads = download_files(env, item.facts, rendered, item.source, optional)
    except LessonRenderError as exc:
        return render_failure(item, exc.detail, "limit.time" if budget.over() else "render")
    except RenderError:
        raise  # a broken template override: the whole set, not this lesson
    except Exception as exc:  # noqa: BLE001 - one lesson never takes the rest down
        return render_failure(item, f"could not be drawn ({type(exc).__name__}: {exc})")
    lesson_id = item.lesson.id
    diagrams = {f"{lesson_id}/{name}": text.encode("utf-8") for name, text in rendered.files.items()}
    if budget.over():
        return render_failure(item, budget.message(), "limit.time")
    too_big = output_problem(budget.limits, item.loaded.size, len(page) + 2 * sum(map(len, diagrams.values())))
    if too_big:  # diagrams are written twice: diagrams/ and the docs' copy
        return render_failure(item, too_big, "limit.output")
    page_path = f"{settings.prefix}/{lesson_id}.md"
    docs = {ids.thumbnail_file(lesson_id, theme): thumbnail(rendered.trees["overview"], theme).encode("utf-8")
            for theme in ids.THUMBNAIL_THEMES}  # the catalog card's pictures, one per palette
    docs.update({f"diagrams/{name}": content for name, content in downloads.items()})
    docs.update({f"diagrams/{lesson_id}/{name}": text.encode("utf-8")  # the site's alone
                 for name, text in rendered.docs_only.items()})
    docs[page_path] = page
    return LessonOutput(item.source, lesson_id, lesson_meta(item.facts), page_path, diagrams, docs)


_WORKER: dict = {}


def _start_worker(settings: Settings, ready) -> None:
    """In each worker: Ctrl-C reaches the whole process group, but only the parent decides what to do."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER.update(settings=settings, graphviz=Graphviz(settings.limits.layout_seconds),
                   env=environment(settings.templates_dir))
    ready.put(os.getpid())


def _worker_job(job: Job) -> Result:
    return run_job(job, _WORKER["settings"], _WORKER["graphviz"], _WORKER["env"])


def results(jobs: list[Job], settings: Settings, workers: int, graphviz, env):
    """Each job's result, in job order; in this process when one worker (or one job) is enough."""
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield run_job(job, settings, graphviz, env)
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    count, ready, pool = min(workers, len(jobs)), context.Queue(), None
    try:
        # A worker stopped while it starts would print Python's traceback: an interrupt waits until
        # every worker is ready (a second or so), then stops them all.
        with interrupts.held():
            pool = context.Pool(count, _start_worker, (settings, ready))
            for _ in range(count):
                try:
                    ready.get(timeout=STARTUP_SECONDS)
                except queue.Empty:
                    break
        yield from pool.imap(_worker_job, jobs)
        pool.close()
    finally:
        if pool is not None:
            pool.terminate()  # an error or an interrupt: no worker outlives the build
            pool.join()
