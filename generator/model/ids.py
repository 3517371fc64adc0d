"""Every id StepDeck generates, spelled once: diagram elements, inline prefixes, files, addresses.

No author text ever becomes an id: ids come from list positions and fixed
words. The page script never builds or parses an id either; the pages carry
the ids it needs as data (see ``render.player``), built here.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

# -- diagram elements ---------------------------------------------------------


def component_node(position: int) -> str:
    """The node of the component at ``position`` (1-based) in every component diagram."""
    return f"c{position}"


def edge(step: int, index: int) -> str:
    """The ``index``-th interaction (1-based) of ``step`` in the overview and every frame."""
    return f"e{step}-{index}"


def scenario_edge(scenario: int, step: int, index: int) -> str:
    """An interaction of scenario ``scenario`` (1-based position) at line step ``step``: in the one
    overview layout beside the main line's, drawn only in that scenario's frames."""
    return f"x{scenario}-{step}-{index}"


def scenario_message(scenario: int, step: int, index: int) -> str:
    return f"y{scenario}-{step}-{index}"


def scenario_message_label_node(scenario: int, step: int, index: int) -> str:
    """The pinned text node of a scenario message's label (dissolved into the message after layout)."""
    return f"u{scenario}-{step}-{index}"


def scenario_note(scenario: int, step: int) -> str:
    return f"z{scenario}-{step}"


def alt_frame(scenario: int) -> str:
    """The `alt` box around a scenario's messages in the sequence view."""
    return f"alt{scenario}"


def alt_label(scenario: int) -> str:
    return f"alt{scenario}-label"


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


def scenario_slide(frame_name: str) -> tuple[str, str]:
    """A what-if frame's slide (after its fork's slide) and the prefix of its ids."""
    return f"slide-{frame_name}", f"{frame_name}-"


def slide_prefix(step: int) -> str:
    return f"s{step}-"


def frame_name(step: int) -> str:
    """The file name (without ``.svg``) of the frame after ``step``; 0 is the start."""
    return f"step-{step:02d}"


def scenario_frame_name(scenario_id: str, step: int) -> str:
    """A scenario's frame after line step ``step`` (the fork step first): ``what-if-<id>-NN``."""
    return f"{SCENARIO_FRAGMENT}{scenario_id}-{step:02d}"


def scenario_player_prefix(lesson_id: str, scenario: int) -> str:
    """Ids of a scenario's own player SVG in the page (one per scenario, shown when it is taken)."""
    return f"sd-{lesson_id}-w{scenario}-"


def frame_name_by_id(step_id: str) -> str:
    """The same frame under its step's ``id`` (a copy beside the numbered file): links to it survive
    inserting a step. Step ids start with a letter, so this never equals a numbered name."""
    return f"step-{step_id}"


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
"""``#step-N`` opens the step-through player at step N; ``#step-<id>`` at the step with that id."""


LANE_SEPARATOR = "~"
"""``#step-N~l1`` (or ``#step-<id>~l1``, ``#what-if-<id>/step-N~l1``) opens the player at that step following
lane ``lane(1)`` alone; no suffix follows every lane."""

SCENARIO_FRAGMENT = "what-if-"
"""``#what-if-<id>`` opens the player on scenario ``<id>`` at its first step;
``#what-if-<id>/step-<N or step id>`` at one of its steps (N counts on from the fork)."""


_STEP_NAME = r"(?:\d+|[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*)"  # a number or a step id (fields.STEP_ID_PATTERN)


def fragment_pattern() -> str:
    """A regular expression matching every fragment of the grammar (a mode, ``step-N``, ``step-<id>``,
    ``what-if-<id>[/step-…]``, each player address with an optional lane suffix), for tools that see
    the links but not the page data (Zensical's anchor check)."""
    modes = "|".join(m.id for m in MODES)
    step = f"{STEP_FRAGMENT}{_STEP_NAME}"
    scenario = rf"{SCENARIO_FRAGMENT}[a-z0-9]+(?:[-_][a-z0-9]+)*(?:/{step})?"
    return rf"(?:{modes}|(?:{step}|{scenario})(?:{LANE_SEPARATOR}l\d+)?)"


def scenario_fragment(scenario_id: str, step: int | None = None, step_id: str | None = None) -> str:
    base = f"{SCENARIO_FRAGMENT}{scenario_id}"
    return base if step is None else f"{base}/{step_fragment(step, step_id)}"


def step_fragment(step: int, step_id: str | None = None, lane_code: str | None = None) -> str:
    """The address of a step: by its id when it has one (it survives an inserted step), else its number;
    with a lane code, following that lane alone."""
    return f"{STEP_FRAGMENT}{step_id if step_id else step}" + (f"{LANE_SEPARATOR}{lane_code}" if lane_code else "")


def question_legend(index: int) -> str:
    """The legend that names quiz question ``index`` (1-based)."""
    return f"sd-q{index}-text"


THUMBNAIL_THEMES = ("light", "dark")


def thumbnail_file(lesson_id: str, theme: str) -> str:
    """A lesson's overview in one palette, for its catalog card (site-relative path)."""
    return f"thumbnails/{lesson_id}-{theme}.svg"


def card_heading(lesson_id: str) -> str:
    return f"sd-card-{lesson_id}"


SECTION_FOLDER = "category"
"""The folder, under the lessons prefix, of the section pages: one per category (``site.sections``)."""
_SLUG_GAP = re.compile(r"[^a-z0-9]+")


def section_slug(category: str) -> str:
    """A category's address (an URL part, never an element id): its Latin letters and digits, lowercase,
    joined by ``-`` (``Développement web`` -> ``developpement-web``); a category with none gets a digest
    of its name. Categories that spell the same here share one section."""
    latin = unicodedata.normalize("NFKD", category).encode("ascii", "ignore").decode("ascii")
    slug = _SLUG_GAP.sub("-", latin.lower()).strip("-")
    return slug or "c-" + hashlib.sha256(category.encode("utf-8")).hexdigest()[:10]


def section_page(prefix: str, category: str) -> str:
    """The docs path of a category's section page: an ``index.md`` in a folder of its own, so that its URL
    folder is its source folder and its raw-HTML links mean the same to MkDocs and to Zensical (which
    resolves them from the source file)."""
    return f"{prefix.strip('/')}/{SECTION_FOLDER}/{section_slug(category)}/index.md"


def grammar(step_ids: dict[str, int] | None = None, lines: list[dict[int, str]] | None = None,
            firsts: list[int] | None = None) -> dict:
    """The fragment grammar as data for the page script: the step prefix, the lane separator (any of
    the player's fragments may end in it and a lane code), the steps with an id both ways, and for each
    scenario (``lines``: line step -> its fragment, ``firsts``: the step the bare ``#what-if-<id>``
    opens) every fragment of it both ways. The script looks fragments up; it never parses or builds one
    beyond cutting off the lane."""
    step_ids, lines, firsts = step_ids or {}, lines or [], firsts or []
    fragments = {fragment: [k, step] for k, line in enumerate(lines) for step, fragment in line.items()}
    for k, (line, first) in enumerate(zip(lines, firsts)):
        fragments[line[first].split("/", 1)[0]] = [k, first]  # the bare scenario address
    return {"step": STEP_FRAGMENT, "lane": LANE_SEPARATOR, "ids": dict(step_ids),
            "names": {str(number): step_id for step_id, number in step_ids.items()},
            "lines": fragments, "lineNames": [{str(step): fragment for step, fragment in line.items()}
                                              for line in lines]}
