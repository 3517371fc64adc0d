"""What a lesson page's "Slides and downloads" section links: names only, so pages and files agree.

By default: the fixed-theme SVG of every view in both themes (they stay light or
dark whatever the reader's system says) and the quiz for learning platforms.
PNG, PPTX, PDF, GIF and the handout are opt-in (``downloads`` in stepdeck.yml):
they are the heavy files, and a large site stays light without them.
"""
from __future__ import annotations

from dataclasses import dataclass

OPTIONAL = ("png", "pptx", "pdf", "gif", "handout")
FOLDER = "slides"  # inside the lesson's diagrams folder of the docs (never the committed diagrams/)


@dataclass(frozen=True)
class DownloadLink:
    label: str
    name: str  # relative to the lesson's downloads folder
    fmt: str  # the export format that makes it
    theme: str = "light"


@dataclass(frozen=True)
class DownloadGroup:
    title: str
    links: tuple[DownloadLink, ...]


def picture_views(views: list[str]) -> list[str]:
    """Every view but the animation: a fixed-theme animated SVG is the GIF's job."""
    return [view for view in views if view != "animated"]


def download_groups(views: list[str], has_quiz: bool, optional: tuple[str, ...] = ()) -> tuple[DownloadGroup, ...]:
    pictures = picture_views(views)
    groups = [DownloadGroup(f"Pictures, {theme} theme (SVG)",
                            tuple(DownloadLink(view, f"{theme}/{view}.svg", "svg", theme) for view in pictures))
              for theme in ("light", "dark")]
    slides = [DownloadLink(label, name, fmt) for fmt, label, name in (
        ("pptx", "PowerPoint (PPTX, speaker notes)", "slides.pptx"), ("pdf", "Slides (PDF)", "slides.pdf"),
        ("gif", "Animation (GIF)", "animated.gif"), ("handout", "Printable handout (PDF)", "handout.pdf"))
        if fmt in optional]
    if slides:
        groups.append(DownloadGroup("Slides and handout", tuple(slides)))
    if "png" in optional:
        groups.append(DownloadGroup("Pictures, light theme (PNG)",
                                    tuple(DownloadLink(view, f"png/{view}.png", "png") for view in pictures)))
    if has_quiz:
        groups.append(DownloadGroup("Quiz for learning platforms", (
            DownloadLink("QTI 2.1 package", "quiz-qti.zip", "qti"), DownloadLink("Moodle XML", "quiz-moodle.xml", "moodle"),
            DownloadLink("GIFT", "quiz-gift.txt", "gift"))))
    return tuple(groups)
