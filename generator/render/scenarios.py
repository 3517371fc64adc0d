"""What-if scenarios on the page: their execution tables, trackers, fork buttons and the player's data.

Every fragment and id comes from ``model.ids``; every row and cell from the scenario's derived line.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import ids
from ..model.facts import LessonFacts, ScenarioFacts, TrackerTable
from ..model.lesson import step_numbers


@dataclass(frozen=True)
class ScenarioView:
    position: int  # 1-based; the page script's line number is position - 1
    id: str
    title: str
    summary: str | None
    fork: int
    rows: tuple  # render.views.StepRow of its own steps
    tracker: TrackerTable
    fragments: dict[int, str]  # line step -> its address, from the fork on
    frame_files: dict[int, str]  # line step -> its frame file, from the fork on

    @property
    def first(self) -> str:
        """Where the fork links lead: the scenario's first own step, by its bare address."""
        return ids.scenario_fragment(self.id)


def scenario_fragments(scenario: ScenarioFacts) -> dict[int, str]:
    """Line step -> address, from the fork step on; the scenario's first step also answers to the bare form."""
    names = {number: step_id for step_id, number in step_numbers(scenario.line.lesson).items()}
    sid = scenario.source.id
    return {n: ids.scenario_fragment(sid, n, names.get(n)) for n in range(scenario.fork, len(scenario.line.steps) + 1)}


def scenario_views(facts: LessonFacts, row) -> tuple[ScenarioView, ...]:
    """``row`` turns a step's facts into the table's row (``views.step_row``)."""
    views = []
    for scenario in facts.scenarios:
        sid = scenario.source.id
        last = len(scenario.line.steps)
        views.append(ScenarioView(
            scenario.position, sid, scenario.source.title, scenario.source.summary, scenario.fork,
            tuple(row(step) for step in scenario.own_steps), scenario.line.tracker, scenario_fragments(scenario),
            {n: f"{ids.scenario_frame_name(sid, n)}.svg" for n in range(scenario.fork, last + 1)}))
    return tuple(views)


def scenario_data(facts: LessonFacts, frame_data) -> list[dict]:
    """The player's data for each scenario: its frames (as ``frame_data`` makes a main one) from the start."""
    out = []
    for scenario in facts.scenarios:
        prefix = ids.scenario_player_prefix(facts.lesson.id, scenario.position)
        out.append({"id": scenario.source.id, "title": scenario.source.title, "fork": scenario.fork,
                    # the page's tracker columns are the main line's: a what-if's frames are none of them
                    "steps": [{**frame_data(scenario.line, frame, prefix), "checkpoint": None, "checkpointLabel": None}
                              for frame in scenario.line.frames]})
    return out


def grammar(facts: LessonFacts) -> dict:
    """The fragment grammar with every scenario's addresses; the bare ``#what-if-<id>`` opens its first own step."""
    return ids.grammar(step_numbers(facts.lesson), [scenario_fragments(s) for s in facts.scenarios],
                       [s.fork + 1 for s in facts.scenarios])
