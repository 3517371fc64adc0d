"""Sections of the lesson catalog: one page per category, and each lesson's neighbours in its section.

The site navigation lists the catalog and these section pages, never every lesson (``site.navigation``),
so a page carries a navigation the size of the category list, whatever the lesson count. A lesson is
reached from the catalog (filtered by category, tag or words), from its section page, and from the
previous / next links at the foot of every lesson page, which walk its section in catalog order.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass

from jinja2 import Environment

from ..model import ids
from .environment import render_template
from .pages import front_matter, generated_marker
from .views import CardView, LessonMeta


@dataclass(frozen=True)
class Section:
    slug: str
    title: str  # the first spelling of the category, in catalog order
    lessons: tuple[LessonMeta, ...]  # in catalog order


@dataclass(frozen=True)
class Pager:
    """The foot of a lesson page: its section and the lessons before and after it there."""

    section: Section
    previous: LessonMeta | None
    next: LessonMeta | None

    # Markdown links, from the lesson's source file <prefix>/<id>.md: both builders resolve those to the
    # page's address (raw-HTML links would need one spelling per builder)
    @property
    def section_link(self) -> str:
        return f"{ids.SECTION_FOLDER}/{self.section.slug}/index.md"

    def lesson_link(self, meta: LessonMeta) -> str:
        return f"{meta.id}.md"


def sections(metas: list[LessonMeta]) -> list[Section]:
    """The lessons grouped by category, sections ordered by address (as the navigation lists them)."""
    grouped: dict[str, list[LessonMeta]] = {}
    for meta in metas:
        grouped.setdefault(ids.section_slug(meta.category), []).append(meta)
    return [Section(slug, group[0].category, tuple(group)) for slug, group in sorted(grouped.items())]


def pagers(metas: list[LessonMeta]) -> dict[str, Pager]:
    """Lesson id -> its pager. Kept out of the lesson's own (cached) page: it depends on the
    neighbours, so it is added to the page when the site is put together."""
    found = {}
    for section in sections(metas):
        for i, meta in enumerate(section.lessons):
            found[meta.id] = Pager(section, section.lessons[i - 1] if i else None,
                                   section.lessons[i + 1] if i + 1 < len(section.lessons) else None)
    return found


def pager_block(env: Environment, pager: Pager) -> str:
    """Markdown appended to a lesson page, after its downloads."""
    return "\n\n" + render_template(env, "pager.md", pager=pager).strip("\n") + "\n"


def section_cards(metas: list[LessonMeta], prefix: str) -> dict[str, list[CardView]]:
    """Section slug -> its cards, with addresses relative to the section page's URL."""
    prefix = prefix.strip("/")
    cards: dict[str, list[CardView]] = {}
    for meta in metas:
        slug = ids.section_slug(meta.category)
        folder = f"{prefix}/{ids.SECTION_FOLDER}/{slug}"  # the section page's folder (source and URL)
        thumbnails = {theme: posixpath.relpath(ids.thumbnail_file(meta.id, theme), folder)
                      for theme in ids.THUMBNAIL_THEMES}
        url = posixpath.relpath(f"{prefix}/{meta.id}", folder) + "/"
        cards.setdefault(slug, []).append(CardView(meta, url, thumbnails))
    return cards


def section_pages(env: Environment, metas: list[LessonMeta], prefix: str, catalog_page: str) -> dict[str, str]:
    """Docs path -> the Markdown of every section page: its category's cards, as on the catalog."""
    cards = section_cards(metas, prefix)
    pages = {}
    for section in sections(metas):
        path = ids.section_page(prefix, section.title)
        folder = path.removesuffix("/index.md")
        catalog = posixpath.relpath(posixpath.dirname(catalog_page) or ".", folder) + "/"
        body = render_template(env, "section.html", section=section, cards=cards[section.slug], catalog_url=catalog)
        # its cards repeat the lessons' own titles and summaries: out of the search index
        meta = {"title": section.title, "hide": ["toc"], "search": {"exclude": True}}
        pages[path] = front_matter(meta) + generated_marker("content/") + body
    return pages
