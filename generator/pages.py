"""Pure page builders: lessons and diagrams in, Markdown page text out.

Pages are front matter plus one autoescaped HTML block. Author text is only
ever escaped HTML, never Markdown, so no Markdown extension reads it; and it
never sits at the start of a source line, so no line-based extension
(admonitions, tabs, fences, snippets) can fire on it.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from . import derive
from .diagrams import LessonDiagrams
from .errors import comment_text
from .model import CODE_SPAN, Lesson, option_reason, option_text

def builtin_templates() -> Path:
    """The shipped ``site_templates/``: beside the package in a checkout, inside it in a wheel."""
    checkout = Path(__file__).resolve().parent.parent / "site_templates"
    if checkout.is_dir():
        return checkout
    return Path(__file__).resolve().parent / "_site_templates"


def prose(text: str | None) -> Markup:
    """Plain author text as HTML: blank lines make paragraphs, `backticks` make code."""
    if not text:
        return Markup("")
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return Markup("").join(Markup("<p>{}</p>").format(inline(p)) for p in paragraphs)


def inline(text: str | None) -> Markup:
    """One paragraph of author text on one line, with code spans."""
    if not text:
        return Markup("")
    flat = " ".join(text.split())
    out, last = Markup(""), 0
    for match in CODE_SPAN.finditer(flat):
        out += escape(flat[last:match.start()]) + Markup("<code>{}</code>").format(match.group(1))
        last = match.end()
    return out + escape(flat[last:])


def verbatim(text: str) -> Markup:
    """Author text for <pre>: escaped, with newlines as character references so no line starts with it."""
    return Markup(str(escape(text)).replace("\n", "&#10;"))


def script_json(data) -> Markup:
    """JSON safe inside <script>: no '<', '>' or '&' can end the block or open a comment."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                       ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, code)
    return Markup(text)


def environment(templates_dir: Path | None) -> Environment:
    """One Jinja environment: the project's overrides first, then the built-ins."""
    search = [p for p in (templates_dir, builtin_templates()) if p and p.is_dir()]
    env = Environment(loader=ChoiceLoader([FileSystemLoader(str(p)) for p in search]),
                      autoescape=True, undefined=StrictUndefined, keep_trailing_newline=True,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(prose=prose, inline=inline, verbatim=verbatim, script_json=script_json)
    return env


# Material prints these front-matter values unescaped (into <title>, the header, a
# <meta> attribute and the search index, whose titles its JavaScript renders as HTML).
_HTML_META = ("title", "description")


GENERATED_MARK = "by StepDeck; do not edit"


def generated_marker(source: str) -> str:
    """The comment every generated page carries; also how StepDeck recognises its own pages."""
    return f"<!-- generated from {comment_text(source)} {GENERATED_MARK} -->\n\n"


def front_matter(data: dict) -> str:
    """Front matter through a safe YAML dumper, never string templating; HTML-bound values escaped."""
    data = {k: str(escape(v)) if k in _HTML_META and isinstance(v, str) else v for k, v in data.items()}
    return "---\n" + yaml.safe_dump(data, sort_keys=True, allow_unicode=True, width=1000) + "---\n\n"


@dataclass(frozen=True)
class StepRow:
    number: int
    actor: str
    component: str | None
    action: str
    result: str
    notes: str
    narration: str
    lanes: list[str]


@dataclass(frozen=True)
class QuizView:
    index: int
    question: str
    options: list[tuple[str, str, str | None]]  # letter, text, reason
    answer: str
    hint: str | None
    steps: list[int]


def step_rows(lesson: Lesson) -> list[StepRow]:
    return [StepRow(n, derive.step_actor_label(lesson, s), s.component, s.action, s.result, s.notes or "",
                    derive.narration(s), derive.step_lanes(lesson, s))
            for n, s in enumerate(lesson.steps, 1)]


def quiz_views(lesson: Lesson, extra: list | None = None) -> list[QuizView]:
    views = []
    for i, q in enumerate(list(lesson.quiz) + list(extra or []), 1):
        letters = "ABCDEFGH"
        steps = list(q.steps)
        if q.check and q.check.step and q.check.step not in steps:
            steps.append(q.check.step)
        for cell in q.cells:
            if isinstance(cell.at, int) and cell.at not in steps:
                steps.append(cell.at)
        views.append(QuizView(i, q.question, [(letters[j], option_text(o), option_reason(o))
                                              for j, o in enumerate(q.options)], q.answer, q.hint, steps))
    return views


def player_data(lesson: Lesson, diagrams: LessonDiagrams, quiz: list[QuizView]) -> dict:
    """Everything the browser needs, derived from the model; embedded as JSON."""
    timeline = derive.state_timeline(lesson)
    table = derive.tracker_table(lesson)
    checkpoint_steps = [derive.checkpoint_index(lesson, at) for at in table.columns]
    prefix = f"sd-{lesson.id}-pl-"
    return {
        "lesson": lesson.id,
        "svgPrefix": prefix,
        "components": [{"id": c.id, "label": c.label, "node": diagrams.component_nodes[c.id],
                        "tracked": c.tracked} for c in lesson.components],
        "steps": [{"number": f.number, "caption": f.caption, "nodes": f.nodes, "edges": f.edges,
                   "marker": f.marker_node,
                   "states": timeline[f.number],
                   "changed": derive.changed_components(lesson, f.number) if f.number else [],
                   "narration": (derive.narration(lesson.steps[f.number - 1]) if f.number
                                 else lesson.summary),
                   "checkpoint": (checkpoint_steps.index(f.number) if f.number in checkpoint_steps else None)}
                  for f in diagrams.frames],
        "quiz": [{"index": q.index, "answer": q.answer, "steps": q.steps,
                  "reasons": {letter: reason for letter, _, reason in q.options if reason}} for q in quiz],
    }


def lesson_page(env: Environment, lesson: Lesson, diagrams: LessonDiagrams, source: str,
                generated_quiz: list | None = None) -> str:
    quiz = quiz_views(lesson, generated_quiz)
    table = derive.tracker_table(lesson)
    lanes = {lane.id: lane.label for lane in lesson.lanes}
    body = env.get_template("lesson.html").render(
        lesson=lesson, source=source, steps=step_rows(lesson), tracker=table,
        checkpoint_label=derive.checkpoint_label, lanes=lanes, quiz=quiz, diagrams=diagrams,
        data=player_data(lesson, diagrams, quiz),
        components={c.id: c for c in lesson.components})
    meta = {"title": lesson.title, "description": lesson.summary, "hide": ["toc"],
            "stepdeck": {"lesson": lesson.id, "source": source}}
    return front_matter(meta) + generated_marker(source) + body


def index_page(env: Environment, lessons: list[tuple[Lesson, str]], prefix: str) -> str:
    body = env.get_template("index.html").render(lessons=lessons, prefix=prefix)
    return front_matter({"title": "Catalog", "hide": ["toc", "navigation"]}) + generated_marker("content/") + body
