"""Synthetic lesson sets: N copies of the sample lessons with new ids and varied text.

Lesson ``k`` of every set is the same lesson whatever N is (it depends on the seed and ``k``
alone), so a figure of lesson 0 compares across set sizes. Each copy keeps its sample's two lanes
and its components, and changes deterministically from the seed: the id, the title, every
component label, every step's action and result, the category (one of twelve, with its track) and
the tags; its main line is trimmed or extended to 8-14 steps. Trimming only drops a step that
nothing else in the lesson names; extending appends copies of the lesson's own steps (new ids), so
every copy stays a valid lesson (``tests/test_bench.py`` checks a set with ``stepdeck check --strict``).
"""
from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
MIN_STEPS, MAX_STEPS = 8, 14
CATEGORIES = [("Networking", "networking"), ("Security", "security"), ("Messaging", "backend"),
              ("Databases", "backend"), ("Kubernetes", "devops"), ("Observability", "devops"),
              ("Developer tools", "developer-tools"), ("Storage", "infrastructure"),
              ("Cloud", "infrastructure"), ("Web", "frontend"), ("Caching", "backend"),
              ("Identity", "security")]
TAGS = ["latency", "retries", "queues", "tls", "dns", "caching", "consistency", "sharding", "replication",
        "auth", "tokens", "git", "ci", "containers", "proxies", "http", "grpc", "streams", "batching",
        "timeouts", "idempotency", "backpressure", "leases", "locks", "indexes", "logs", "metrics"]
WORDS = ["regional", "staging", "blue", "green", "canary", "primary", "backup", "edge", "internal",
         "partner", "mobile", "nightly", "legacy", "shadow", "west", "east"]
PHRASES = ["as before", "once more", "on the second try", "for the new tenant", "in the test region",
           "under load", "after the deploy", "with tracing on", "in the failover drill", "at peak hour"]


def sample_lessons() -> list[Path]:
    """The sample lessons a set copies: every lesson of content/ with two lanes."""
    return [p for p in sorted((REPO / "content").glob("*.yaml"))
            if len(yaml.safe_load(p.read_text("utf-8")).get("lanes") or []) == 2]


def lesson_copy(sample: dict, k: int, seed: int) -> dict:
    """Copy ``k`` of one sample lesson (as data), varied from ``seed``."""
    rng = random.Random(f"{seed}:{k}")
    lesson = yaml.safe_load(yaml.safe_dump(sample))  # a deep copy
    word = rng.choice(WORDS)
    lesson["id"] = f"{sample['id'][:50]}-{word}-{k:04d}"
    lesson["title"] = f"{sample['title']} ({word} {k})"
    lesson["category"], lesson["track"] = rng.choice(CATEGORIES)
    lesson["tags"] = sorted(rng.sample(TAGS, rng.randint(2, 4)))
    for component in lesson["components"]:
        component["label"] = f"{component['label']} {rng.choice(WORDS)}"
    _resize(lesson, rng.randint(MIN_STEPS, MAX_STEPS))
    for step in lesson["steps"]:
        for key in ("action", "result"):
            if step.get(key):
                step[key] = f"{step[key]} ({rng.choice(PHRASES)})"
    return lesson


def _resize(lesson: dict, target: int) -> None:
    """Trim the main line to ``target`` steps (only steps nothing names) or extend it with copies."""
    steps = lesson["steps"]
    if len(steps) != target:
        _unpin(lesson)
    while len(steps) > target:
        others = yaml.safe_dump({k: v for k, v in lesson.items() if k != "steps"})
        droppable = [i for i, s in enumerate(steps[:-1]) if s.get("id") and s.get("interactions")
                     and not re.search(rf"\b{re.escape(s['id'])}\b", others)
                     and _actors(s) <= set().union(*(_actors(o) for o in steps if o is not s))]
        if not droppable:
            break
        del steps[droppable[-1]]
    originals = [s for s in steps if s.get("interactions")]
    for n in range(target - len(steps)):
        step = yaml.safe_load(yaml.safe_dump(originals[n % len(originals)]))
        step["id"] = f"{step.get('id', 'step')}-again-{n + 1}"
        step.pop("notes", None)
        steps.append(step)
    _fit_checkpoints(lesson)


def _actors(step: dict) -> set[str]:
    """What only this step may give the lesson: its actor, every interaction's ends, the states it sets."""
    ends = {e for i in step.get("interactions") or [] for e in (i.get("from"), i.get("to"))}
    return ({step.get("component"), *ends} - {None}) | {f"state {c}" for c in step.get("state") or {}}


def _unpin(lesson: dict) -> None:
    """Drop the quiz questions whose answers are checked against the steps (a count, a step
    number), which a new step count would make wrong."""
    if lesson.get("quiz"):
        lesson["quiz"] = [q for q in lesson["quiz"] if "check" not in q]
        if not lesson["quiz"]:
            del lesson["quiz"]


def _fit_checkpoints(lesson: dict) -> None:
    """Keep the tracker's checkpoints that name a step before the last state change."""
    tracker = lesson.get("tracker") or {}
    if "checkpoints" not in tracker:
        return
    numbers = {s.get("id"): n for n, s in enumerate(lesson["steps"], 1)}
    last_change = max((n for n, s in enumerate(lesson["steps"], 1) if s.get("state")), default=0)
    tracker["checkpoints"] = [c for c in tracker["checkpoints"] if c in ("start", "final")
                              or numbers.get(c, last_change) < last_change]


def make_set(folder: Path, count: int, seed: int = 11) -> Path:
    """A project in ``folder`` (the repo's config and templates) whose content/ holds ``count`` copies."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "site_templates", "stepdeck.yml"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, folder / name, dirs_exist_ok=True)
        elif source.exists():
            shutil.copy2(source, folder / name)
    content = folder / "content"
    content.mkdir(exist_ok=True)
    if (REPO / "content" / "lesson.schema.json").exists():
        shutil.copy2(REPO / "content" / "lesson.schema.json", content / "lesson.schema.json")
    samples = [yaml.safe_load(p.read_text("utf-8")) for p in sample_lessons()]
    for k in range(count):
        lesson = lesson_copy(samples[k % len(samples)], k, seed)
        (content / f"{lesson['id']}.yaml").write_text(
            yaml.safe_dump(lesson, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")
    return folder


def lesson_files(project: Path) -> list[Path]:
    return sorted((project / "content").glob("*.yaml"))


def first_lesson(project: Path) -> Path:
    """Copy 0 of the set (of the first sample lesson): the page whose size the bench follows."""
    return next(p for p in lesson_files(project) if p.stem.endswith("-0000"))


def edit_lesson(path: Path, token: str) -> None:
    """Change the text of the lesson's first step's action to end with ``token`` (a visible edit)."""
    text = path.read_text("utf-8")
    match = re.search(r"^(\s*-?\s*action: )(.*)$", text, flags=re.M)
    if match is None:
        raise ValueError(f"{path}: no step action to edit")
    value = yaml.safe_load(match.group(2))
    value = re.sub(r" \[edit \w+\]$", "", str(value)) + f" [edit {token}]"
    new = text[:match.start(2)] + yaml.safe_dump(value, default_style='"').strip() + text[match.end(2):]
    path.write_text(new, encoding="utf-8")
