"""The files behind each lesson page's "Slides and downloads" section, in memory.

Names come from ``render.downloads`` (the page links the same list); bytes come
from the export formats, so a download is exactly what ``stepdeck export`` makes.
"""
from __future__ import annotations

from ..diagrams.draw import LessonDiagrams
from ..model.facts import LessonFacts
from ..render.downloads import FOLDER, download_groups, picture_views
from .export import ExportOptions, export_files

SINGLE_FILE = {"pptx": "slides.pptx", "pdf": "slides.pdf", "gif": "animated.gif", "handout": "handout.pdf",
               "qti": "quiz-qti.zip", "moodle": "quiz-moodle.xml", "gift": "quiz-gift.txt"}


def download_files(env, facts: LessonFacts, diagrams: LessonDiagrams, source: str,
                   optional: tuple[str, ...]) -> dict[str, bytes]:
    """``<lesson>/slides/<name>`` -> bytes for every link of the lesson's section."""
    links = [link for group in download_groups(diagrams.view_names(), bool(facts.quiz), optional)
             for link in group.links]
    views = tuple(picture_views(diagrams.view_names()))
    made: dict[tuple[str, str], dict[str, bytes]] = {}
    out = {}
    for link in links:
        key = (link.fmt, link.theme)
        if key not in made:
            options = ExportOptions(views if link.fmt in ("svg", "png") else (), link.fmt, link.theme)
            made[key] = export_files(env, facts, diagrams, options, source)
        produced = made[key]
        file_name = SINGLE_FILE.get(link.fmt) or link.name.rsplit("/", 1)[-1]
        out[f"{facts.lesson.id}/{FOLDER}/{link.name}"] = produced[file_name]
    return out
