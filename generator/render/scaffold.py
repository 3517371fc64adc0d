"""``stepdeck new``: a minimal, commented lesson (template ``new.yaml``) that passes ``check --strict``.

The scaffold is rendered through the one template setup; every value in it goes
through ``yaml_scalar``, so whatever a value holds, the file parses to that value.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from jinja2 import Environment

from ..check.references import PAGE_RESERVED, WINDOWS_RESERVED
from ..core.errors import StepDeckError
from ..model.limits import Limits
from ..model.schema import SCHEMA_LINE
from .environment import render_template

TEMPLATE = "new.yaml"
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LANES = (("a", "Approach A", "server-a", "Server A"), ("b", "Approach B", "server-b", "Server B"))


@dataclass(frozen=True)
class LaneView:
    id: str
    label: str
    server: str
    server_label: str


@dataclass(frozen=True)
class StepView:
    id: str
    actor: str
    action: str
    result: str
    sender: str
    receiver: str
    verb: str
    states: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ScaffoldView:
    id: str
    title: str
    lanes: tuple[LaneView, ...]
    steps: tuple[StepView, ...]


def scaffold(lesson_id: str, lanes: int, steps: int, limits: Limits) -> ScaffoldView:
    """What the new lesson holds; refuses what the project's checks would refuse."""
    if not _SLUG.match(lesson_id) or len(lesson_id) > 64:
        raise StepDeckError(f"invalid lesson id {lesson_id!r}: use lowercase letters, digits and single '-' "
                            "between words, e.g. 'oauth-pkce'")
    if lesson_id in WINDOWS_RESERVED:
        raise StepDeckError(f"invalid lesson id {lesson_id!r}: a reserved file name on Windows")
    if lesson_id in PAGE_RESERVED:
        raise StepDeckError(f"invalid lesson id {lesson_id!r}: reserved for the catalog, the guide or the site's "
                            "own files")
    if lanes not in (1, 2) or lanes > limits.max_lanes:
        raise StepDeckError(f"--lanes must be 1 or 2 and at most limits.max_lanes ({limits.max_lanes}), not {lanes}")
    if not lanes <= steps <= limits.max_steps:
        raise StepDeckError(f"--steps must be between {lanes} (one per lane) and {limits.max_steps} "
                            f"(limits.max_steps), not {steps}")
    used = tuple(LaneView(*lane) for lane in _LANES[:lanes])
    title = " vs ".join(lane.label for lane in used) if lanes == 2 else f"How {used[0].label} works"
    return ScaffoldView(lesson_id, title, used, tuple(_steps(used, steps)))


def _steps(lanes: tuple[LaneView, ...], count: int) -> list[StepView]:
    """Every step is a request or a reply in one lane, so every lint stays quiet."""
    sent = {lane.server: 0 for lane in lanes}
    out = []
    for number in range(count):
        lane = lanes[number % len(lanes)]
        exchange = sent[lane.server] // 2 + 1
        suffix = "" if exchange == 1 else f"-{exchange}"
        if sent[lane.server] % 2 == 0:
            out.append(StepView(f"{lane.id}-request{suffix}", "client", f"Sends a request to {lane.server_label}",
                                f"{lane.server_label} starts handling it", "client", lane.server, "requests",
                                (("client", f"Waiting for {lane.server_label}"), (lane.server, "Handling request"))))
        else:
            out.append(StepView(f"{lane.id}-response{suffix}", lane.server, "Sends the response", "The client has its answer", lane.server,
                                "client", "responds",
                                (("client", f"Has the answer from {lane.server_label}"), (lane.server, "Listening"))))
        sent[lane.server] += 1
    return out


def render_scaffold(env: Environment, view: ScaffoldView) -> str:
    return render_template(env, TEMPLATE, lesson=view, schema_line=SCHEMA_LINE)
