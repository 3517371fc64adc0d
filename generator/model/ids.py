"""Every id StepDeck generates, spelled once: diagram elements, inline prefixes, files, addresses.

No author text ever becomes an id: ids come from list positions and fixed
words. The page script never builds or parses an id either; the pages carry
the ids it needs as data (see ``render.player``), built here.
"""
from __future__ import annotations

from dataclasses import dataclass

# -- diagram elements ---------------------------------------------------------


def component_node(position: int) -> str:
    """The node of the component at ``position`` (1-based) in every component diagram."""
    return f"c{position}"


def edge(step: int, index: int) -> str:
    """The ``index``-th interaction (1-based) of ``step`` in the overview and every frame."""
    return f"e{step}-{index}"


def lane(position: int) -> str:
    """A lane's code: in ``data-lane`` of the player SVG, the page data and the address (``#step-3~l1``)."""
    return f"l{position}"


def lane_cluster(position: int) -> str:
    """Graphviz draws a subgraph as a box only when its name starts with ``cluster``."""
    return f"cluster_{lane(position)}"


def stage(position: int) -> str:
    return f"s{position}"


def flow_arrow(position: int) -> str:
    return f"a{position}"


def lane_cell(step: int, lane_position: int | None) -> str:
    """A step's box in the side-by-side view: once per lane it belongs to, or once in no lane."""
    return f"st{step}" if lane_position is None else f"st{step}-l{lane_position}"


def lane_placeholder(lane_position: int, row: int) -> str:
    return f"p{lane_position}-{row}"


def head(position: int) -> str:
    """A component's head in the sequence view."""
    return f"h{position}"


def lifeline(position: int) -> str:
    return f"ll{position}"


def sequence_frame(position: int) -> str:
    """The ``position``-th lane frame (1-based) of the sequence view, around a run of one lane's steps."""
    return f"fr{position}"


FRAME_LABEL_SUFFIX = "-label"
"""The id of a sequence frame's label tab is the frame id and this."""


def message(step: int, index: int) -> str:
    return f"m{step}-{index}"


def message_label_node(step: int, index: int) -> str:
    """The pinned text node of a message's label (dissolved into the message after layout)."""
    return f"t{step}-{index}"


MESSAGE_LABEL_SUFFIX = "-label"
"""The id of a message's label node is the message id and this."""


def note(step: int) -> str:
    """A step without messages, drawn as a note in the sequence view."""
    return f"n{step}"


def anchor(position: int) -> str:
    """An invisible point a sequence message starts or ends at (dropped from the SVG)."""
    return f"a{position}"


TITLE, DESC = "sd-title", "sd-desc"
"""Ids of every SVG's accessible name and description."""


# -- inline copies in a page ------------------------------------------------------

INLINE_VIEWS = {"overview": "ov", "flow": "fl", "player": "pl", "lanes": "ln", "sequence": "sq"}
"""Diagram copies a lesson page inlines, and the short code in their id prefix."""


def inline_prefix(lesson_id: str, view: str) -> str:
    """Prefix of every id in one inline copy, so several diagrams can share a page."""
    return f"sd-{lesson_id}-{INLINE_VIEWS[view]}-"


STILL_LAYER_PREFIX = "rm-"
"""Ids of the still picture the animated SVG shows under reduced motion."""


def animation_layer_prefix(frame: int) -> str:
    """Ids of one frame's layer in the animated SVG, unique in the document."""
    return f"f{frame}-"


def slide(step: int) -> str:
    """A slide of the exported deck; its frame's ids take ``slide_prefix``."""
    return f"slide-{step}"


def slide_title() -> str:
    """The deck's first slide, before the start frame."""
    return "slide-title"


def slide_prefix(step: int) -> str:
    return f"s{step}-"


def frame_name(step: int) -> str:
    """The file name (without ``.svg``) of the frame after ``step``; 0 is the start."""
    return f"step-{step:02d}"


# -- addresses in a lesson page ---------------------------------------------------


@dataclass(frozen=True)
class Mode:
    id: str
    label: str

    @property
    def tab_id(self) -> str:
        return f"sd-tab-{self.id}"

    @property
    def panel_id(self) -> str:
        return f"sd-panel-{self.id}"


MODES = (Mode("flow", "Flow"), Mode("steps", "Step-through"), Mode("table", "Execution table"),
         Mode("tracker", "State tracker"), Mode("lanes", "Side by side"), Mode("moments", "Key moments"),
         Mode("quiz", "Quiz"), Mode("snapshot", "Concept snapshot"), Mode("transcript", "Full transcript"))
"""The learning modes of a lesson page, in tab order; ``#<id>`` opens one."""

STEP_FRAGMENT = "step-"
"""``#step-N`` opens the step-through player at step N."""


LANE_SEPARATOR = "~"
"""``#step-N~l1`` opens the player at step N following lane ``lane(1)`` alone; no suffix follows every lane."""


def step_fragment(step: int, lane_code: str | None = None) -> str:
    return f"{STEP_FRAGMENT}{step}" + (f"{LANE_SEPARATOR}{lane_code}" if lane_code else "")


def question_legend(index: int) -> str:
    """The legend that names quiz question ``index`` (1-based)."""
    return f"sd-q{index}-text"


THUMBNAIL_THEMES = ("light", "dark")


def thumbnail_file(lesson_id: str, theme: str) -> str:
    """A lesson's overview in one palette, for its catalog card (site-relative path)."""
    return f"thumbnails/{lesson_id}-{theme}.svg"


def card_heading(lesson_id: str) -> str:
    return f"sd-card-{lesson_id}"


def grammar() -> dict:
    """The fragment grammar as data for the page script."""
    return {"step": STEP_FRAGMENT, "lane": LANE_SEPARATOR}
