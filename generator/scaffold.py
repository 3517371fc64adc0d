"""``stepdeck new``: a minimal, commented lesson that passes ``check --strict`` and builds at once."""
from __future__ import annotations

import re
from pathlib import Path

from . import writer
from .errors import StepDeckError
from .limits import Limits
from .project import Project
from .schema import SCHEMA_LINE, schema_path, schema_text
from .validate import WINDOWS_RESERVED

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LANES = (("a", "Approach A", "server-a", "Server A"), ("b", "Approach B", "server-b", "Server B"))


def template(lesson_id: str, lanes: int = 2, steps: int = 4) -> str:
    """The lesson text. Every step is a request or a reply in one lane, so every lint stays quiet."""
    if not _SLUG.match(lesson_id) or len(lesson_id) > 64:
        raise StepDeckError(f"invalid lesson id {lesson_id!r}: use lowercase letters, digits and single '-' "
                            "between words, e.g. 'oauth-pkce'")
    if lesson_id in WINDOWS_RESERVED:
        raise StepDeckError(f"invalid lesson id {lesson_id!r}: a reserved file name on Windows")
    if lanes not in (1, 2):
        raise StepDeckError(f"--lanes must be 1 or 2, not {lanes}")
    if not lanes <= steps <= Limits.max_steps:
        raise StepDeckError(f"--steps must be between {lanes} (one per lane) and {Limits.max_steps}, not {steps}")
    used = _LANES[:lanes]
    title = " vs ".join(label for _, label, _, _ in used) if lanes == 2 else f"How {used[0][1]} works"
    out = [
        SCHEMA_LINE,
        "# A StepDeck lesson. Replace the placeholder text, keep the ids consistent, then run",
        f"#   stepdeck check --strict content/{lesson_id}.yaml",
        "#   stepdeck build",
        "# The authoring guide (guide page of the site) lists every field.",
        "schema_version: 1",
        "# The id is the page URL; keep it equal to the file name. Quoted, so `no` or `2024` stay text.",
        f'id: "{lesson_id}"',
        f"title: {title}",
        "category: Examples  # the catalog group, e.g. Kubernetes",
        "duration_minutes: 5",
        "summary: >-",
        "  One paragraph for the catalog card: what the learner will follow and why it",
        "  matters.",
        "",
        "# Each lane is one approach, drawn as its own column. One lane is a single flow.",
        "lanes:",
    ]
    for lane_id, label, _, _ in used:
        out += [f"  - id: {lane_id}", f"    label: {label}"]
    out += [
        "",
        "# kind picks the shape and colour; tracked components get a row in the state tracker.",
        "components:",
        "  - id: client",
        "    label: Client",
        "    kind: client",
        "    initial_state: Idle  # no lane: shared by all lanes",
    ]
    for lane_id, _, server, label in used:
        out += [f"  - id: {server}", f"    label: {label}", "    kind: server", f"    lane: {lane_id}",
                "    initial_state: Listening"]
    out += [
        "",
        "# One row of the execution table per step, numbered from 1. Interactions draw the arrows;",
        "# state sets a tracked component's new state. A step's lane comes from its components.",
        "steps:",
    ]
    sent = {server: 0 for _, _, server, _ in used}
    for number in range(steps):
        _, _, server, label = used[number % lanes]
        if sent[server] % 2 == 0:
            out += ["  - component: client", f"    action: Sends a request to {label}",
                    f"    result: {label} starts handling it", "    interactions:",
                    f"      - {{from: client, to: {server}, verb: requests}}", "    state:",
                    f"      client: Waiting for {label}", f"      {server}: Handling request"]
        else:
            out += [f"  - component: {server}", "    action: Sends the response", "    result: The client has its answer",
                    "    interactions:", f"      - {{from: {server}, to: client, verb: responds}}", "    state:",
                    f"      client: Has the answer from {label}", f"      {server}: Listening"]
        sent[server] += 1
    out += [
        "",
        "# Questions a learner is likely to ask, with the steps and components they are about.",
        "key_moments:",
        "  - question: Who starts the exchange?",
        "    answer: The client always sends first; the server only answers.",
        "    steps: [1]",
        "    components: [client]",
        "",
        "# check ties the answer to the model: option A must read 'Step 1' for step 1.",
        "quiz:",
        "  - question: At which step does the client send its first request?",
        "    options:",
        "      - Step 1",
        "      - {text: Never, reason: The client sends at step 1.}",
        "    answer: A",
        "    hint: Look at the Component column of the execution table.",
        "    steps: [1]",
        "    check: {step: 1}",
        "",
        "# Optional: tracker, process_flow, execution_sample, end_note, generated_quiz,",
        "# snapshot and transcript. See the authoring guide.",
    ]
    return "\n".join(out) + "\n"


def new_lesson(project: Project, lesson_id: str, lanes: int = 2, steps: int = 4) -> Path:
    """Write ``content/<id>.yaml``; never replaces an existing file."""
    text = template(lesson_id, lanes, steps)
    path = project.content_dir / f"{lesson_id}.yaml"
    if not writer.write_file(path, text.encode("utf-8"), overwrite=False):
        raise StepDeckError(f"{project.display(path)} already exists; choose another id or edit that file")
    # The lesson's first line points editors at the schema; a new project may not have it yet.
    writer.write_file(schema_path(project.content_dir), schema_text().encode("utf-8"), overwrite=False)
    return path
