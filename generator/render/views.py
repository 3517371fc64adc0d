"""Typed view models: what each template may show, built from a lesson's facts and diagrams.

Templates never see the raw lesson. Every author string in a view is still
author text (templates escape it, or a filter renders its code spans); every
id and address in it comes from ``model.ids``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import re

from ..diagrams.draw import LessonDiagrams
from ..diagrams.legend import LegendEntry, legend
from .downloads import FOLDER as DOWNLOADS_FOLDER, DownloadGroup, download_groups
from ..model import ids
from ..model.facts import LessonFacts, TrackerTable
from ..model.lesson import OPTION_LETTERS, QuizQuestion, option_reason, option_text, step_numbers
from .scenarios import ScenarioView, scenario_views



@dataclass(frozen=True)
class StepRow:
    number: int
    actor: str
    component: str | None
    action: str
    result: str
    notes: str
    lanes: tuple[str, ...]  # lane labels


@dataclass(frozen=True)
class QuizView:
    index: int
    question: str
    options: tuple[tuple[str, str, str | None], ...]  # letter, text, reason
    answer: str
    hint: str | None
    steps: tuple[int, ...]  # linked from the hint and from wrong answers
    scenario: str | None = None  # the what-if its steps belong to

    @property
    def legend_id(self) -> str:
        return ids.question_legend(self.index)


@dataclass(frozen=True)
class MomentView:
    question: str
    answer: str
    steps: tuple[int, ...]
    components: tuple[tuple[str, str], ...]  # id, label
    scenario: str | None = None  # the what-if its steps belong to


@dataclass(frozen=True)
class LaneView:
    label: str
    description: str | None


@dataclass(frozen=True)
class SampleView:
    language: str
    code: str
    caption: str


@dataclass(frozen=True)
class LessonMeta:
    """What the catalog card and the top of the lesson page both show."""

    id: str
    language: str
    title: str
    subtitle: str | None
    category: str
    track: str | None
    duration_minutes: int
    tags: tuple[str, ...]
    summary: str


    @property
    def chips(self) -> tuple[tuple[str, str], ...]:
        """(kind, text) for the category, the track and the tags, each said once: a track or tag that
        spells the same as an earlier chip (``Developer tools``, ``developer-tools``) is left out."""
        seen, chips = set(), []
        for kind, text in (("category", self.category), ("track", self.track), *(("tag", t) for t in self.tags)):
            key = _SLUG_GAP.sub("-", (text or "").lower()).strip("-")
            if text and key not in seen:
                seen.add(key)
                chips.append((kind, text))
        return tuple(chips)


_SLUG_GAP = re.compile(r"[^a-z0-9]+")


def lesson_meta(facts: LessonFacts) -> LessonMeta:
    lesson = facts.lesson
    return LessonMeta(lesson.id, lesson.language, lesson.title, lesson.subtitle, lesson.category, lesson.track,
                      lesson.duration_minutes, tuple(lesson.tags), lesson.summary)


@dataclass(frozen=True)
class LessonPageView:
    meta: LessonMeta
    modes: tuple[ids.Mode, ...]
    steps: tuple[StepRow, ...]
    step_count: int
    tracker: TrackerTable
    lanes: tuple[LaneView, ...]
    flow_caption: str | None
    sample: SampleView | None
    end_note: str | None
    moments: tuple[MomentView, ...]
    quiz: tuple[QuizView, ...]
    snapshot: tuple[str, ...]
    transcript: str | None
    inline: dict[str, str]  # inline view -> SVG markup (generated, trusted)
    files: tuple[str, ...]  # diagram file names, for the download links
    diagrams_url: str  # relative URL of this lesson's diagrams folder, ending in "/"
    data: dict  # the page script's JSON (render.player)
    legend: tuple[LegendEntry, ...]  # the line styles and shapes the diagrams use
    player_legible_width: int  # CSS px at which the player's smallest label is LABEL_FLOOR_PX (zoom.js)
    state_lanes: tuple[str | None, ...]  # the lane code of each tracker group (None: shared or ungrouped)
    player_wide: bool  # the player's diagram is flat: it goes under the controls and text (WIDE_ASPECT)
    downloads: tuple[DownloadGroup, ...] = ()  # the "Slides and downloads" section (render.downloads)
    step_ids: dict[int, str] = field(default_factory=dict)  # step number -> its id, for steps that have one
    scenarios: tuple[ScenarioView, ...] = ()

    @property
    def unindexed_modes(self) -> tuple[str, ...]:
        """Panels kept out of the search index (``data-search-exclude``): they repeat the table's text
        (the player, the side-by-side and sequence views, the transcript) or are drawn text and answers
        (the quiz). The title, summary, table, tracker, key moments and snapshot stay searchable."""
        return UNINDEXED_MODES

    @property
    def downloads_source_url(self) -> str:
        """The downloads folder relative to the page's source file (one folder less than its URL)."""
        return f"{self.diagrams_url.removeprefix('../')}{DOWNLOADS_FOLDER}/"

    def frame_file(self, number: int) -> str:
        step_id = self.step_ids.get(number)
        return f"{ids.frame_name_by_id(step_id) if step_id else ids.frame_name(number)}.svg"

    def fragment(self, number: int, scenario: str | None = None) -> str:
        """A step's address; with ``scenario``, a step of that scenario's line."""
        line = next((s for s in self.scenarios if s.id == scenario), None)
        if line is not None and number in line.fragments:
            return line.fragments[number]
        return ids.step_fragment(number, self.step_ids.get(number))


UNINDEXED_MODES = ("steps", "lanes", "quiz", "transcript")
LABEL_FLOOR_PX = 11
"""DESIGN.md's floor for a diagram label, in CSS px on screen."""
_VIEWBOX = re.compile(r'<svg[^>]*\bviewBox="[-0-9.]+ [-0-9.]+ ([0-9.]+) ([0-9.]+)"')
WIDE_ASPECT = 0.68
"""Height / width below which the player stacks the diagram under the controls and text instead of
beside them: at 1280 x 800 that draws a diagram this flat larger (the stylesheet's two layouts give it
~830 x 740 px beside, ~1170 x 570 px under)."""


def wide_diagram(svg_markup: str) -> bool:
    box = _VIEWBOX.search(svg_markup)
    return bool(box) and float(box.group(2)) < WIDE_ASPECT * float(box.group(1))
_FONT_SIZE = re.compile(r'font-size="([0-9.]+)"')


def legible_width(svg_markup: str) -> int:
    """The width to draw an SVG at so that its smallest ``font-size`` is the label floor: the page's
    zoom uses it (CSS ``max(100%, …)``), so the script never measures a label."""
    width = _VIEWBOX.search(svg_markup)
    sizes = [float(size) for size in _FONT_SIZE.findall(svg_markup)]
    if not width or not sizes:
        return 0
    return int(float(width.group(1)) * LABEL_FLOOR_PX / min(sizes)) + 1


def diagram_legend(facts: LessonFacts) -> tuple[LegendEntry, ...]:
    """The legend of what the overview (and so the player) draws: every component, every interaction."""
    return legend(((c.kind, c.shape, c.family) for c in facts.lesson.components),
                  ((i.source.verb, i.style) for s in facts.steps for i in s.interactions))


def quiz_views(questions: tuple[QuizQuestion, ...]) -> tuple[QuizView, ...]:
    views = []
    for i, q in enumerate(questions, 1):
        steps = list(q.steps)
        if q.check and q.check.step and q.check.step not in steps:
            steps.append(q.check.step)
        for cell in q.cells:
            if isinstance(cell.at, int) and cell.at not in steps:
                steps.append(cell.at)
        views.append(QuizView(i, q.question, tuple((OPTION_LETTERS[j], option_text(o), option_reason(o))
                                                   for j, o in enumerate(q.options)), q.answer, q.hint, tuple(steps),
                              q.scenario))
    return tuple(views)


def lesson_view(facts: LessonFacts, diagrams: LessonDiagrams, site_root: str, data: dict,
                quiz: tuple[QuizView, ...], optional_downloads: tuple[str, ...] = ()) -> LessonPageView:
    lesson = facts.lesson
    lane_labels = {lane.id: lane.label for lane in lesson.lanes}
    codes = {lane.label: ids.lane(position) for position, lane in enumerate(lesson.lanes, 1)}  # group heading -> code

    def row(s) -> StepRow:
        return StepRow(s.number, s.actor_label, s.source.component, s.source.action, s.source.result,
                       s.source.notes or "", tuple(lane_labels[lane] for lane in s.lanes))

    steps = tuple(row(s) for s in facts.steps)
    moments = tuple(MomentView(m.question, m.answer, tuple(m.steps),
                               tuple((c, facts.components[c].label) for c in m.components), m.scenario)
                    for m in lesson.key_moments)
    sample = lesson.execution_sample
    return LessonPageView(
        meta=lesson_meta(facts), modes=ids.MODES, steps=steps, step_count=len(steps),
        tracker=facts.tracker, lanes=tuple(LaneView(lane.label, lane.description) for lane in lesson.lanes),
        flow_caption=lesson.process_flow.caption if lesson.process_flow else None,
        sample=SampleView(sample.language, sample.code, sample.caption) if sample else None,
        end_note=lesson.end_note, moments=moments, quiz=quiz, snapshot=tuple(lesson.snapshot),
        transcript=lesson.transcript, inline=dict(diagrams.inline), files=tuple(diagrams.files),
        diagrams_url=f"{site_root}diagrams/{lesson.id}/", data=data, legend=diagram_legend(facts),
        player_legible_width=legible_width(diagrams.inline.get("player", "")),
        state_lanes=tuple(codes.get(group.label) for group in facts.tracker.groups),
        player_wide=wide_diagram(diagrams.inline.get("player", "")),
        downloads=download_groups(diagrams.view_names(), bool(facts.quiz), optional_downloads),
        step_ids={number: step_id for step_id, number in step_numbers(lesson).items()},
        scenarios=scenario_views(facts, row))


@dataclass(frozen=True)
class CardView:
    meta: LessonMeta
    url: str
    thumbnails: dict[str, str]  # palette ("light", "dark") -> URL of the overview thumbnail

    @property
    def heading_id(self) -> str:
        return ids.card_heading(self.meta.id)

    @property
    def section(self) -> str:
        """The address of its category's section page, which the catalog filter compares."""
        return ids.section_slug(self.meta.category)


@dataclass(frozen=True)
class CatalogFilter:
    """The catalog's filter choices: (value, label, lesson count), in the order the controls list them."""

    categories: tuple[tuple[str, str, int], ...]
    tags: tuple[tuple[str, str, int], ...]


def catalog_filter(cards: list[CardView]) -> CatalogFilter:
    categories: dict[str, list] = {}
    tags: dict[str, int] = {}
    for card in cards:
        categories.setdefault(card.section, [card.meta.category, 0])[1] += 1
        for tag in card.meta.tags:
            tags[tag] = tags.get(tag, 0) + 1
    return CatalogFilter(tuple((slug, title, n) for slug, (title, n) in sorted(categories.items())),
                         tuple((tag, tag, n) for tag, n in sorted(tags.items())))


def card_view(facts: LessonFacts, url: str, thumbnails: dict[str, str]) -> CardView:
    return CardView(lesson_meta(facts), url, thumbnails)
