"""The diagram stage: DOT sources for every view, one layout each, then pure restyling.

``sources()`` is pure; ``render()`` takes the laid-out SVG text and derives every
file (standalone, per-step frames, animated) and every inline copy the pages
embed; ``draw()`` puts the two together with an engine.
"""
from __future__ import annotations

import copy
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from ..core.errors import LessonRenderError, RenderError
from ..model import ids
from ..model.facts import LessonFacts
from . import animate, frames, lanes as lanes_view, overview as overview_view, sequence as sequence_view, states, svg
from .crossings import edge_ends
from .xmltext import Writer
from .layout import FLOW_CANDIDATES, INLINE, OVERVIEW_CANDIDATES, PLAYER, PLAYER_CANDIDATES, choose, score_of


@dataclass
class LessonDiagrams:
    files: dict[str, str] = field(default_factory=dict)  # file name -> standalone SVG text
    inline: dict[str, str] = field(default_factory=dict)  # inline view (model.ids.INLINE_VIEWS) -> SVG
    # view name -> finished tree and its view-specific CSS, for export in a fixed theme
    trees: dict[str, ET.Element] = field(default_factory=dict)
    extra_css: dict[str, str] = field(default_factory=dict)
    # file name -> SVG text the site serves but the committed diagrams/ does not keep (a copy under
    # another name of a file in ``files``)
    docs_only: dict[str, str] = field(default_factory=dict)

    def view_names(self) -> list[str]:
        return list(self.trees)


TIGHT_CANDIDATES = tuple(name for name in PLAYER_CANDIDATES if name not in OVERVIEW_CANDIDATES)
"""The player's own candidates: laid out only when the overview's pick is not legible in the player."""


def sources(facts: LessonFacts) -> dict[str, str]:
    """View name -> DOT source, for every view that needs its own layout, every candidate included.

    The overview and the flow have several candidate sources; ``render`` keeps the candidates
    ``choose`` picks. ``draw`` lays out the player's own (``TIGHT_CANDIDATES``) only when they can
    win, and each distinct source once.
    """
    result = {name: overview_view.overview(facts, candidate) for name, candidate in PLAYER_CANDIDATES.items()}
    if facts.lesson.process_flow is not None:
        result.update({name: overview_view.flow(facts, rankdir) for name, rankdir in FLOW_CANDIDATES.items()})
    side_by_side = lanes_view.lanes(facts)
    if side_by_side is not None:
        result["lanes"] = side_by_side
    result["sequence"] = sequence_view.sequence(facts)
    return result


def page_links(facts: LessonFacts) -> dict[str, svg.PageLinks]:
    """For each inline view: which element is which component, and which opens which step."""
    lesson = facts.lesson
    nodes = svg.PageLinks(components={node: component for component, node in facts.nodes.items()})
    heads = {ids.head(i): c.id for i, c in enumerate(lesson.components, 1)}
    messages = {arrow.message: step.number for step in facts.steps for arrow in step.interactions}
    notes = {ids.note(step.number): step.number for step in facts.steps if not step.interactions}
    cells = {ids.lane_cell(step.number, None if step.row is None else i): step.number
             for step in facts.steps for i, lane in enumerate(lesson.lanes, 1)
             if step.row is None or lane.id in step.lanes}
    return {"overview": nodes, "flow": svg.PageLinks(), "player": nodes, "lanes": svg.PageLinks(steps=cells),
            "sequence": svg.PageLinks(components=heads, steps={**messages, **notes})}


def layout_names(facts: LessonFacts, layouts: dict[str, str]) -> tuple[str, str]:
    """The overview's layout, and the frames' (player, step files, animation, exports): the overview's
    when it is legible in the player too, else the player's own landscape pick."""
    ends = edge_ends(facts)
    overview = choose(layouts, OVERVIEW_CANDIDATES, ends, INLINE)
    if legible_in_player(layouts[overview], ends):
        return overview, overview
    return overview, choose(layouts, PLAYER_CANDIDATES, ends, PLAYER)


def legible_in_player(layout_svg: str, ends) -> bool:
    return score_of(layout_svg, ends, PLAYER)[0] == 0


def needs_player_candidates(facts: LessonFacts, layouts: dict[str, str]) -> bool:
    """Whether the player's own candidates can win: only when the overview's pick is not legible there."""
    ends = edge_ends(facts)
    return not legible_in_player(layouts[choose(layouts, OVERVIEW_CANDIDATES, ends, INLINE)], ends)


def _component_views(facts: LessonFacts, layouts: dict[str, str], labels: dict[str, str]):
    """The titled overview; the frames' stage (the same layout or the player's own) and its state bands."""
    overview_name, frames_name = layout_names(facts, layouts)
    title, desc = f"{facts.lesson.title}: overview", facts.description("Overview")
    overview = svg.parse(layouts[overview_name])
    # the overview shows every step at once, so no one state: names centred in their nodes
    states.centre_labels(overview, states.take_placeholders(overview, facts))
    svg.set_titles(overview, labels, title, desc)
    stage = svg.parse(layouts[frames_name])
    bands = states.take_placeholders(stage, facts)
    svg.set_titles(stage, labels, title, desc)
    svg.drop_text_fonts(stage)  # twenty-odd frames: the stylesheet's font alone
    whole = copy.deepcopy(stage)  # with every line's arrows, for the scenarios' frames
    for tree in (overview, stage):  # every scenario's arrows hold their place in the layout, drawn only in its frames
        svg.drop_ids(tree, every_edge(facts) - {a.edge for step in facts.steps for a in step.interactions})
    return overview, stage, bands, whole


def every_edge(facts: LessonFacts) -> set[str]:
    """The interaction edges of every line: the main one's and each scenario's own."""
    return {a.edge for step in [*facts.steps, *(st for sc in facts.scenarios for st in sc.own_steps)]
            for a in step.interactions}


def render(facts: LessonFacts, layouts: dict[str, str], source_name: str) -> LessonDiagrams:
    """Every SVG of one lesson, from the laid-out views. Pure: no I/O."""
    lesson = facts.lesson
    out = LessonDiagrams()
    labels = overview_view.node_labels(facts)
    links = page_links(facts)
    writer = Writer()  # remembers the text of what the frames share

    def keep(name: str, tree: ET.Element, *inline_views: str, extra_css: str = "") -> None:
        out.trees[name] = tree
        if extra_css:
            out.extra_css[name] = extra_css
        out.files[f"{name}.svg"] = svg.standalone(tree, source_name, extra_css, writer)
        for view in inline_views:
            out.inline[view] = svg.inline(tree, ids.inline_prefix(lesson.id, view), links[view])

    named, stage, bands, whole = _component_views(facts, layouts, labels)
    keep("overview", named, "overview")

    if "flow" in layouts:
        flow = svg.parse(layouts[choose(layouts, FLOW_CANDIDATES)])
        stages = " then ".join(s.label for s in lesson.process_flow.stages)
        svg.set_titles(flow, labels, f"{lesson.title}: process flow",
                       f"Process flow: {stages}. {lesson.process_flow.caption}")
        keep("flow", flow, "flow")

    writer.freeze(frames.shared(stage))
    step_frames = [frames.static_frame(stage, facts, frame, bands) for frame in facts.frames]
    for frame, tree in zip(facts.frames, step_frames):
        keep(ids.frame_name(frame.number), tree)
    for step in facts.steps:  # the same frame under the step's id, for links that survive an insertion
        if step.source.id:  # in the site only: the committed folder keeps the numbered copy
            out.docs_only[f"{ids.frame_name_by_id(step.source.id)}.svg"] = out.files[
                f"{ids.frame_name(step.number)}.svg"]
    player = frames.player_frame(stage, facts, bands)
    out.inline["player"] = svg.inline(player, ids.inline_prefix(lesson.id, "player"), links["player"])
    _scenario_frames(facts, whole, bands, keep, out, links["player"], writer)

    if "lanes" in layouts:
        side_by_side = svg.parse(layouts["lanes"])
        svg.set_titles(side_by_side, lanes_view.labels(facts), f"{lesson.title}: side by side",
                       facts.description("Side-by-side view, one column per approach,"))
        keep("lanes", side_by_side, "lanes")

    sequence = svg.parse(layouts["sequence"])
    svg.drop_groups(sequence, "sd-anchor")
    svg.adopt_labels(sequence, "sd-msglabel", ids.MESSAGE_LABEL_SUFFIX)
    svg.set_titles(sequence, sequence_view.labels(facts), f"{lesson.title}: sequence",
                   facts.description("Sequence view, one lifeline per component,"))
    keep("sequence", sequence, "sequence")

    static = copy.deepcopy(frames.share(stage))  # its own copy: the labels move
    states.centre_labels(static, bands)  # every step numbered at once: no one state
    for node, numbers in facts.actor_steps.items():
        frames.add_badge(static, node, ",".join(map(str, numbers)))
    frames.add_caption_band(static, f"All {len(lesson.steps)} steps: each arrow and actor carries its step number")
    tree, extra = animate.animated(step_frames, static, f"{lesson.title}: animated steps",
                                   facts.description("Animation of the step frames"), writer)
    keep("animated", tree, extra_css=extra)
    return out


def _scenario_frames(facts: LessonFacts, stage: ET.Element, bands, keep, out: LessonDiagrams,
                     links: svg.PageLinks, writer: Writer) -> None:
    """Each scenario's frames from the fork on (files ``what-if-<id>-NN.svg``) and its own player SVG:
    the one layout, with only that scenario's line drawn."""
    for scenario in facts.scenarios:
        line = scenario.line
        own = copy.deepcopy(stage)
        svg.drop_ids(own, every_edge(facts) - {a.edge for step in line.steps for a in step.interactions})
        writer.freeze(frames.shared(own))
        for frame in line.frames[scenario.fork:]:
            tree = frames.static_frame(own, line, frame, bands)
            keep(ids.scenario_frame_name(scenario.source.id, frame.number), tree)
        player = frames.player_frame(own, line, bands)
        out.inline[f"scenario-{scenario.position}"] = svg.inline(
            player, ids.scenario_player_prefix(facts.lesson.id, scenario.position), links)


def lay_out(facts: LessonFacts, graphviz, source_name: str = "") -> dict[str, str]:
    """Every layout ``render`` can use: the player's own candidates only when they can win
    (``needs_player_candidates``), and a source equal to an earlier one (a lesson without shared
    components writes the same DOT with them between the lanes) taken from it, not laid out again."""
    every = sources(facts)
    done: dict[str, str] = {}
    layouts: dict[str, str] = {}

    def run(views) -> None:
        for view in views:
            try:
                if every[view] not in done:
                    done[every[view]] = graphviz.layout(every[view])
            except RenderError as exc:
                raise LessonRenderError(source_name, f"{view} diagram: {exc}") from exc
            layouts[view] = done[every[view]]

    run(view for view in every if view not in TIGHT_CANDIDATES)
    try:
        wanted = needs_player_candidates(facts, layouts)
    except RenderError as exc:  # a candidate's SVG that cannot be read is this lesson's failure
        raise LessonRenderError(source_name, str(exc)) from exc
    if wanted:
        run(TIGHT_CANDIDATES)
    return layouts


def draw(facts: LessonFacts, graphviz, source_name: str) -> LessonDiagrams:
    """Lay out the views with ``graphviz`` (anything with ``layout(dot)``), then render them all."""
    layouts = lay_out(facts, graphviz, source_name)
    try:
        return render(facts, layouts, source_name)
    except RenderError as exc:  # an SVG that cannot be read is this lesson's failure too
        raise LessonRenderError(source_name, str(exc)) from exc
