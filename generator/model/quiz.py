"""Quiz questions derived from the model (opt-in with ``generated_quiz``).

Every answer is computed from the steps, and every distractor comes from the
same lesson and is checked not to be a correct answer too. Nothing is random:
candidates are taken in lesson order, spread evenly, so a rebuild asks the
same questions.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .lesson import OPTION_LETTERS, AnswerCheck, Option, QuizQuestion, StepMatch, TrackerCell
from .refs import matching_steps

if TYPE_CHECKING:
    from .facts import LessonFacts

OPTIONS = 4


@dataclass(frozen=True)
class Choice:
    text: str
    reason: str


def generate(facts: LessonFacts) -> list[QuizQuestion]:
    """The lesson's generated questions, to show after the authored ones; [] unless opted in."""
    lesson = facts.lesson
    spec = lesson.generated_quiz
    if spec is None:
        return []
    makers = {"step-of-action": step_of_action, "state-after-step": state_after_step,
              "target-of-step": target_of_step, "count-of-verb": count_of_verb,
              "state-in-scenario": state_in_scenario}
    authored = {q.question for q in lesson.quiz}
    pools = [[q for q in makers[kind](facts) if q.question not in authored] for kind in dict.fromkeys(spec.kinds)]
    # Round-robin over the kinds; within a kind, spread picks evenly through the lesson.
    wanted = [0] * len(pools)
    for turn in range(spec.count):
        open_pools = [i for i, pool in enumerate(pools) if wanted[i] < len(pool)]
        if not open_pools:
            break
        wanted[open_pools[turn % len(open_pools)]] += 1
    picked = []
    for pool, count in zip(pools, wanted):
        picked += [pool[(i * len(pool)) // count] for i in range(count)] if count else []
    return picked


def _question(text: str, correct: Choice, distractors: list[Choice], hint: str, *, steps=(), cells=(),
              check: AnswerCheck | None = None, order=None) -> QuizQuestion | None:
    if not distractors:
        return None
    choices = [correct, *distractors[: OPTIONS - 1]]
    if order:
        choices.sort(key=order)
    options = [Option(text=c.text, reason=c.reason) for c in choices]
    return QuizQuestion(question=text, options=options, answer=OPTION_LETTERS[choices.index(correct)], hint=hint,
                        steps=list(steps), cells=list(cells), check=check)


def _nearest(candidates: list, anchor: int, position) -> list:
    """Candidates ordered by distance from ``anchor`` (ties: earlier first): close ones are the hard ones."""
    return sorted(candidates, key=lambda c: (abs(position(c) - anchor), position(c)))


def step_of_action(facts: LessonFacts) -> list[QuizQuestion]:
    """'At which step does X do Y?': the answer is the one step where X does Y."""
    lesson, comps = facts.lesson, facts.components
    steps = list(enumerate(lesson.steps, 1))
    out = []
    for number, step in steps:
        if step.component is None:
            continue
        actor = comps[step.component].label
        same = [n for n, s in steps if s.component and (comps[s.component].label, s.action) == (actor, step.action)]
        if same != [number]:
            continue  # X does Y more than once (or two components share X's label): no single right answer
        # The aligned block of OPTIONS steps holding this one: the answer moves through A, B, C, D.
        start = max(1, min(number - (number - 1) % OPTIONS, len(steps) - OPTIONS + 1))
        others = [n for n in range(start, min(start + OPTIONS, len(steps) + 1)) if n != number]
        distractors = [Choice(f"Step {n}", f"At step {n}, {facts.step(n).actor_label}: {lesson.steps[n - 1].action}.")
                       for n in others]
        q = _question(f"At which step does {actor} do this: \u201c{step.action}\u201d?",
                      Choice(f"Step {number}", f"Step {number} is where {actor}: {step.action}."), distractors,
                      "Read the Component and Action columns of the execution table.", steps=[number],
                      check=AnswerCheck(step=number), order=lambda c: int(c.text.split()[1]))
        if q:
            out.append(q)
    return out


def state_after_step(facts: LessonFacts) -> list[QuizQuestion]:
    """'What is the state of X after step N?' for every step that changes X."""
    timeline = facts.timeline
    out = []
    for step in facts.steps:
        number = step.number
        for comp_id in step.changed:
            component = facts.components[comp_id]
            if component.label not in facts.unique_labels:
                continue  # "the state of X" must name one component
            correct = timeline[number][comp_id]
            # X's own other states first (nearest in time), then other components' states.
            own = _nearest([n for n in range(len(timeline)) if timeline[n][comp_id] != correct], number, lambda n: n)
            seen, distractors = {correct}, []
            for n in own:
                text = timeline[n][comp_id]
                if text not in seen:
                    seen.add(text)
                    when = "at the start" if n == 0 else f"after step {n}"
                    distractors.append(Choice(text, f"{component.label} is {text!r} {when}, not after step {number}."))
            for other in facts.tracked:
                for n in range(len(timeline)):
                    text = timeline[n][other.id]
                    if text not in seen:
                        seen.add(text)
                        distractors.append(Choice(text, f"That is a state of {other.label}, not of {component.label}."))
            cell = TrackerCell(component=comp_id, at=number)
            q = _question(f"What is the state of {component.label} after step {number}?",
                          Choice(correct, f"Step {number} sets {component.label} to {correct!r}."), distractors,
                          f"Find the {component.label} row in the state tracker, or step {number} in the step-through.",
                          steps=[number], cells=[cell], check=AnswerCheck(state=cell), order=lambda c: c.text.casefold())
            if q:
                out.append(q)
    return out


def target_of_step(facts: LessonFacts) -> list[QuizQuestion]:
    """'Which component does X send to at step N?' when X sends to exactly one component."""
    lesson, comps = facts.lesson, facts.components
    out = []
    for number, step in enumerate(lesson.steps, 1):
        aimed = facts.step(number).targets
        if step.component is None or len(aimed) != 1 or comps[step.component].label not in facts.unique_labels:
            continue
        (target,) = aimed
        actor, correct = comps[step.component], comps[target]
        labels = {c.label for c in lesson.components if c.id in aimed | {step.component}}
        distractors = [Choice(c.label, f"{actor.label} does not send to {c.label} at step {number}.")
                       for c in lesson.components if c.id not in aimed | {step.component} and c.label not in labels]
        verb = next(i for i in step.interactions if i.from_ == step.component and i.to == target)
        q = _question(f"Which component does {actor.label} send to at step {number}?",
                      Choice(correct.label, f"At step {number}, {actor.label} {verb.label or verb.verb} "
                             f"{correct.label}."), _unique(distractors),
                      f"Follow the arrow numbered {number} in the overview diagram.", steps=[number],
                      order=lambda c: [x.label for x in lesson.components].index(c.text))
        if q:
            out.append(q)
    return out


def count_of_verb(facts: LessonFacts) -> list[QuizQuestion]:
    """'In how many steps does X send "verb"?', for each component and verb it sends with (most often first)."""
    lesson, comps = facts.lesson, facts.components
    pairs = dict.fromkeys((i.from_, i.verb) for step in lesson.steps for i in step.interactions
                          if comps[i.from_].label in facts.unique_labels)
    counted = [(len(matching_steps(lesson, StepMatch(**{"from": a, "verb": v}))), a, v) for a, v in pairs]
    out = []
    for count, sender, verb in sorted(counted, key=lambda item: -item[0]):
        label = comps[sender].label
        numbers = [n for n in range(max(1, count - 2), count + 4) if n != count][: OPTIONS - 1]
        distractors = [Choice(str(n), f"{label} sends “{verb}” in {count} step{'s' if count != 1 else ''}, "
                              f"not {n}.") for n in numbers]
        steps = list(matching_steps(lesson, StepMatch(**{"from": sender, "verb": verb})))
        q = _question(f"In how many steps does {label} send “{verb}”?",
                      Choice(str(count), f"Steps {', '.join(map(str, steps))}: the arrows from {label} that "
                             f"say “{verb}”." if count > 1 else f"Only step {steps[0]}."), distractors,
                      f"Count the arrows from {label} in the sequence view.", steps=steps,
                      check=AnswerCheck(count=StepMatch(**{"from": sender, "verb": verb})),
                      order=lambda c: int(c.text))
        if q:
            out.append(q)
    return out


def state_in_scenario(facts: LessonFacts) -> list[QuizQuestion]:
    """'<What-if title>: what state is X in at the end?', where the what-if leaves X otherwise than the main line."""
    out = []
    for scenario in facts.scenarios:
        line, end = scenario.line, len(scenario.line.steps)
        for component in facts.tracked:
            correct, usual = line.timeline[end][component.id], facts.timeline[-1][component.id]
            if correct == usual or component.label not in facts.unique_labels:
                continue
            seen = {correct}
            distractors = [Choice(usual, f"{usual!r} is where the main line leaves {component.label}.")]
            seen.add(usual)
            for states in line.timeline[scenario.fork:]:
                if states[component.id] not in seen:
                    seen.add(states[component.id])
                    distractors.append(Choice(states[component.id], f"{component.label} is {states[component.id]!r} "
                                              "earlier in the what-if, not at its end."))
            cell = TrackerCell(component=component.id, at="final")
            q = _question(f"{scenario.source.title}: what state is {component.label} in at the end?",
                          Choice(correct, f"The what-if leaves {component.label} {correct!r}."), distractors,
                          "Take the what-if in the player at its fork, or read its state tracker.",
                          steps=[n for n in range(scenario.fork + 1, end + 1)
                                 if component.id in line.step(n).changed], cells=[cell],
                          check=AnswerCheck(state=cell), order=lambda c: c.text.casefold())
            if q:
                out.append(q.model_copy(update={"scenario": scenario.source.id}))
    return out


def _unique(choices: list[Choice]) -> list[Choice]:
    seen, out = set(), []
    for choice in choices:
        if choice.text not in seen:
            seen.add(choice.text)
            out.append(choice)
    return out
