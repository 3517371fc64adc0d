"""Side-by-side rows: which steps of different lanes sit next to each other.

By default the lanes are aligned by what their steps do, not by their position: two steps
look alike when their arrows start and end at the same shared components (or at lane-local
components of the same kind), in the same direction, with the same verb. An order-preserving
alignment (Needleman-Wunsch over each lane's steps, lane by lane) pairs the most alike steps
while keeping every lane's order; where nothing looks alike it pairs steps by position, since
a pair of unlike steps still scores more than leaving both alone.

A lesson that gives any step a ``phase`` takes the rows into its own hands: a step with a phase
sits in that row, and a step without one in the row after its lane's previous step.
"""
from __future__ import annotations

import math
import re
from typing import Mapping, NamedTuple, Sequence

from .lesson import Component, Lesson, Step

GAP = -0.3  # a step alone in its row; two unlike steps side by side (score 0) beat two gaps
SAME_KIND = 0.5  # both ends lane-local components of one kind (client and client)
SAME_VERB = 0.5
SAME_ACTOR = 0.5  # times the end score: the same shared actor, or actors of one kind
SAME_WORDS = 1.0  # times the share of words two actions have in common: a tie-breaker between alike arrows
WORD = re.compile(r"[a-z0-9_'-]{3,}")
COMMON_WORDS = frozenset("the and its his her their with from into onto for then than that this one own "
                         "not but are was has have all any".split())
FORBIDDEN = -math.inf
MUST = 1000.0  # a step in two lanes meets itself: always one row

End = tuple[str, str]  # ("shared", component id), ("kind", kind) or ("id", an unresolved id)


def lane_rows(lesson: Lesson, step_lanes: Sequence[tuple[str, ...]]) -> dict[int, int]:
    """Step number -> side-by-side row (from 1); steps in no lane have none."""
    if not any(step.phase is not None for step in lesson.steps):
        aligned = _Aligner(lesson, step_lanes).rows()
        if aligned is not None:
            return aligned
    return _phase_rows(lesson, step_lanes)


def _phase_rows(lesson: Lesson, step_lanes: Sequence[tuple[str, ...]]) -> dict[int, int]:
    """The authored rows: a step's phase, or the row after its lane's previous step."""
    rows: dict[int, int] = {}
    per_lane = {lane.id: 0 for lane in lesson.lanes}
    for number, (step, lanes) in enumerate(zip(lesson.steps, step_lanes), 1):
        if step.phase is None and not lanes:
            continue
        row = step.phase if step.phase is not None else max(per_lane[lane] for lane in lanes) + 1
        for lane in lanes:
            per_lane[lane] = row
        rows[number] = row
    return rows


def _touched(step: Step) -> list[str]:
    found = [step.component] if step.component else []
    return found + [c for i in step.interactions for c in (i.from_, i.to)]


def _words(step: Step) -> frozenset[str]:
    text = " ".join([step.action, *(i.label or "" for i in step.interactions)]).lower()
    return frozenset(w.strip("'-") for w in WORD.findall(text)) - COMMON_WORDS


class _Features(NamedTuple):
    """What a step's likeness is judged by, computed once per step."""

    arrows: tuple[tuple[End, End, str], ...]  # (from, to, verb) of each interaction
    actor: End | None
    words: frozenset[str]
    shared: frozenset[str]  # shared components it touches


class _Aligner:
    """Aligns lane 2 to lane 1, lane 3 to the rows of both, and so on."""

    def __init__(self, lesson: Lesson, step_lanes: Sequence[tuple[str, ...]]):
        self.components: Mapping[str, Component] = {c.id: c for c in lesson.components}
        self.steps = dict(enumerate(lesson.steps, 1))
        lanes = dict(enumerate(step_lanes, 1))
        self.sequences = [[n for n in self.steps if lane.id in lanes[n]] for lane in lesson.lanes]
        touching: dict[str, int] = {}
        for step in lesson.steps:
            for component in set(_touched(step)):
                touching[component] = touching.get(component, 0) + 1
        # A shared component few steps touch says more than one every step touches (the client).
        self.weight = {c: 1 + math.log(len(lesson.steps) / n) for c, n in touching.items()}
        self.features = {n: self._features(step) for n, step in self.steps.items()}
        self.cache: dict[tuple[int, int], float] = {}

    def _features(self, step: Step) -> _Features:
        return _Features(
            tuple((self._end(i.from_), self._end(i.to), i.verb) for i in step.interactions),
            self._end(step.component) if step.component else None, _words(step),
            frozenset(c for c in _touched(step) if self._end(c)[0] == "shared"))

    def rows(self) -> dict[int, int] | None:
        rows: list[list[int]] = []
        for sequence in self.sequences:
            aligned = self._align(rows, sequence)
            if aligned is None:  # a step in several lanes whose orders cross: no alignment keeps both
                return None
            rows = aligned
        return {n: i for i, row in enumerate(rows, 1) for n in row}

    def _align(self, rows: list[list[int]], sequence: list[int]) -> list[list[int]] | None:
        """Needleman-Wunsch of ``sequence`` against ``rows``; None when no order-keeping alignment exists."""
        placed = {n for row in rows for n in row}
        mine = set(sequence)

        def likeness(row: list[int], step: int) -> float:
            if step in row:
                return MUST
            if step in placed or mine & set(row):
                return FORBIDDEN
            return max(self.similarity(n, step) for n in row)

        table = {(i, j): likeness(row, step) for i, row in enumerate(rows) for j, step in enumerate(sequence)}

        def pair(i: int, j: int) -> float:
            return table[i, j]

        def row_alone(row: list[int]) -> float:
            return FORBIDDEN if mine & set(row) else GAP

        def step_alone(step: int) -> float:
            return FORBIDDEN if step in placed else GAP

        # best[i][j]: the best score for rows[i:] against sequence[j:]. Built from the end and read
        # from the start, preferring a pair, so equal choices pair the earliest steps: by position.
        n, m = len(rows), len(sequence)
        best = [[0.0] * (m + 1) for _ in range(n + 1)]
        for i in range(n - 1, -1, -1):
            best[i][m] = best[i + 1][m] + row_alone(rows[i])
        for j in range(m - 1, -1, -1):
            best[n][j] = best[n][j + 1] + step_alone(sequence[j])
        for i in range(n - 1, -1, -1):
            for j in range(m - 1, -1, -1):
                best[i][j] = max(best[i + 1][j + 1] + pair(i, j),
                                 best[i + 1][j] + row_alone(rows[i]),
                                 best[i][j + 1] + step_alone(sequence[j]))
        if best[0][0] == FORBIDDEN:
            return None
        merged: list[list[int]] = []
        i = j = 0
        while i < n or j < m:
            if i < n and j < m and best[i][j] == best[i + 1][j + 1] + pair(i, j):
                merged.append(rows[i] + ([] if sequence[j] in rows[i] else [sequence[j]]))
                i, j = i + 1, j + 1
            elif i < n and best[i][j] == best[i + 1][j] + row_alone(rows[i]):
                merged.append(rows[i])
                i += 1
            else:
                merged.append([sequence[j]])
                j += 1
        return merged

    def _end(self, component: str) -> End:
        found = self.components.get(component)
        if found is None:
            return ("id", component)
        return ("shared", component) if found.lane is None else ("kind", found.kind)

    def _end_score(self, a: End, b: End) -> float:
        if a != b:
            return 0.0
        return SAME_KIND if a[0] == "kind" else self.weight.get(a[1], 1.0)

    def similarity(self, a: int, b: int) -> float:
        """How alike steps ``a`` and ``b`` are: 0 for nothing in common."""
        if (a, b) not in self.cache:
            self.cache[a, b] = round(self._similarity(self.features[a], self.features[b]), 6)
        return self.cache[a, b]

    def _similarity(self, a: _Features, b: _Features) -> float:
        score = 0.0
        if a.arrows and b.arrows:
            best = [max(self._arrow_score(x, y) for y in b.arrows) for x in a.arrows]
            score += sum(best) / max(len(a.arrows), len(b.arrows))
        if a.actor and b.actor:
            score += SAME_ACTOR * self._end_score(a.actor, b.actor)
        if a.words and b.words:
            score += SAME_WORDS * len(a.words & b.words) / len(a.words | b.words)
        union = sum(self.weight[c] for c in a.shared | b.shared)
        if union:
            score += sum(self.weight[c] for c in a.shared & b.shared) / union
        return score

    def _arrow_score(self, x: tuple[End, End, str], y: tuple[End, End, str]) -> float:
        """Both ends alike, in the same direction, and the verb."""
        ends = self._end_score(x[0], y[0]) + self._end_score(x[1], y[1])
        return ends + (SAME_VERB if x[2] == y[2] else 0.0)
