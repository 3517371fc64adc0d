"""Pure page builders: a lesson's facts and diagrams in, Markdown page text out.

Pages are front matter plus one autoescaped HTML block. Author text is only
ever escaped HTML, never Markdown, so no Markdown extension reads it; and it
never sits at the start of a source line, so no line-based extension
(admonitions, tabs, fences, snippets) can fire on it.
"""
from __future__ import annotations

import yaml
from jinja2 import Environment
from ..core.errors import comment_text
from ..diagrams.draw import LessonDiagrams
from ..model.facts import LessonFacts
from .player import player_data
from .views import CardView, catalog_filter, lesson_view, quiz_views
from .environment import html_text, render_template

# Material prints these front-matter values unescaped (into <title>, the header, a
# <meta> attribute and the search index, whose titles its JavaScript renders as HTML).
_HTML_META = ("title", "description")

GENERATED_MARK = "by StepDeck; do not edit"


def generated_marker(source: str) -> str:
    """The comment every generated page carries; also how StepDeck recognises its own pages."""
    return f"<!-- generated from {comment_text(source)} {GENERATED_MARK} -->\n\n"


def front_matter(data: dict) -> str:
    """Front matter through a safe YAML dumper, never string templating; HTML-bound values escaped.

    ``render_macros: false`` tells mkdocs-macros to leave the page alone; the values it could still
    read are inert anyway (``{``, ``}``, ``%`` as character references)."""
    data = {k: str(html_text(v)) if k in _HTML_META and isinstance(v, str) else v for k, v in data.items()}
    data["render_macros"] = False
    return "---\n" + yaml.safe_dump(data, sort_keys=True, allow_unicode=True, width=1000) + "---\n\n"


def lesson_page(env: Environment, facts: LessonFacts, diagrams: LessonDiagrams, source: str, site_root: str,
                optional_downloads: tuple[str, ...] = ()) -> str:
    """``site_root`` climbs from the lesson page to the site root (``../../`` for ``lessons/<id>/``);
    ``optional_downloads`` are the opt-in formats the page links (settings ``downloads``)."""
    lesson = facts.lesson
    quiz = quiz_views(facts.quiz)
    view = lesson_view(facts, diagrams, site_root, player_data(facts, quiz), quiz, optional_downloads)
    body = render_template(env, "lesson.html", page=view)
    if view.downloads:
        body = body.rstrip("\n") + "\n\n" + render_template(env, "downloads.md", page=view)
    # no navigation sidebar on wide screens: the player needs the width (the phone drawer stays)
    meta = {"title": lesson.title, "description": lesson.summary, "hide": ["toc", "navigation"],
            "stepdeck": {"lesson": lesson.id, "source": source}}
    return front_matter(meta) + generated_marker(source) + body


def index_page(env: Environment, cards: list[CardView]) -> str:
    body = render_template(env, "index.html", cards=cards, filters=catalog_filter(cards))
    return front_matter({"title": "Catalog", "hide": ["toc", "navigation"]}) + generated_marker("content/") + body


def error_page(env: Environment, source: str, lesson_id: str, problems: list) -> str:
    """A page that stands in for an invalid lesson and lists its diagnostics."""
    body = render_template(env, "error.html", source=source, problems=[d.format() for d in problems])
    meta = {"title": f"{lesson_id}: {len(problems)} problem(s)", "hide": ["toc"],
            "stepdeck": {"lesson": lesson_id, "source": source, "error": True}}
    return front_matter(meta) + generated_marker(source) + body
