"""The site navigation, as data both builders read: the ``nav`` StepDeck writes into the staged config.

MkDocs and Zensical derive a navigation from the docs folder in different ways (titles, order,
section names), and only MkDocs has a plugin hook to adjust it. So StepDeck spells the whole
navigation out in the staged config of every build: the same lesson section, titled from
``lessons_section``, in the same order, under both builders. Without a ``nav`` of the author's,
it is the tree MkDocs itself would derive (index first, folders after files, folder names as
titles); with one, the author's is kept and the lessons section is added when it lacks it.
Pages carry no title here, so each builder titles a page from its front matter, as before.

The lessons section lists the catalog and the section pages (one per category, ``render.sections``),
not the lessons: both builders render the whole navigation into every page, so a navigation of every
lesson would make each page grow with the lesson count (79 % of a page at 1,000 lessons). A lesson is
reached from the catalog, its section page and its neighbours' previous / next links. An author's own
``nav`` that lists lesson pages keeps them.
"""
from __future__ import annotations

from pathlib import PurePosixPath

from ..model import ids
from ..render.environment import html_text

Nav = list  # MkDocs' nav grammar: "page.md", {"Title": "page.md"} or {"Title": [...]}


def _sort_key(path: str) -> tuple:
    """MkDocs' own file order: by folder, the index page first, then by name."""
    parts = PurePosixPath(path).parts
    return parts[:-1], PurePosixPath(path).stem != "index", parts[-1]


def folder_title(name: str) -> str:
    """A section title from a folder name, as MkDocs spells it."""
    title = name.replace("-", " ").replace("_", " ")
    return title.capitalize() if title.lower() == title else title


def _nest(paths: list[str], prefix: str, section: str, place: dict[str, str]) -> Nav:
    """The folder tree of ``paths``; a path in ``place`` is filed (and ordered) as if it were there."""
    nested: Nav = []
    for path in sorted(paths, key=lambda p: _sort_key(place.get(p, p))):
        branch, folder = nested, ""
        for part in PurePosixPath(place.get(path, path)).parent.parts:
            folder = f"{folder}/{part}".lstrip("/")
            title = section if folder == prefix else folder_title(part)
            for item in branch:
                if isinstance(item, dict) and title in item:
                    branch = item[title]
                    break
            else:
                branch.append({title: []})
                branch = branch[-1][title]
        branch.append(path)
    return nested


def _lesson_page(path: str, prefix: str) -> bool:
    """``<prefix>/<lesson id>.md``: where generation writes a lesson (the catalog is ``index.md``)."""
    return str(PurePosixPath(path).parent) == prefix and PurePosixPath(path).stem != "index"


def unlisted_pages(prefix: str) -> str:
    """The pattern (MkDocs' ``not_in_nav``, gitignore-style) of the pages the navigation leaves out on
    purpose, so that MkDocs does not list a thousand lessons as "not included in the nav"."""
    return f"/{prefix.strip('/')}/*.md"


def _pages(nav) -> list[str]:
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [page for value in nav.values() for page in _pages(value)]
    if isinstance(nav, list):
        return [page for item in nav for page in _pages(item)]
    return []


def _retitle(items: Nav, lesson_pages: set[str], title: str) -> bool:
    """Title the innermost section that directly holds a lesson page; True when one was found."""
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        for name, children in list(item.items()):
            if isinstance(children, list):
                if _retitle(children, lesson_pages, title):
                    return True
                direct = {c for c in children if isinstance(c, str)} | {
                    v for c in children if isinstance(c, dict) for v in c.values() if isinstance(v, str)}
                if direct & lesson_pages:
                    items[index] = {title: children}
                    return True
    return False


def site_nav(doc_paths: list[str], user_nav: Nav | None, prefix: str, section: str) -> Nav:
    """The navigation of a build whose docs folder holds ``doc_paths`` (relative, POSIX)."""
    prefix = prefix.strip("/")
    section = str(html_text(section))  # the builders print nav titles as HTML: the setting is text
    every = [p for p in doc_paths if p.endswith(".md")]
    sections = {p: f"{prefix}/{PurePosixPath(p).parent.name}.md" for p in every  # filed as if beside the lessons
                if str(PurePosixPath(p).parent.parent) == f"{prefix}/{ids.SECTION_FOLDER}" and p.endswith("/index.md")}
    # with section pages, the lesson pages themselves stay out: see the module's note
    pages = [p for p in every if p in sections or not _lesson_page(p, prefix)] if sections else every
    if not user_nav:
        return _nest(pages, prefix, section, sections)
    nav = [dict(item) if isinstance(item, dict) else item for item in user_nav]
    ours = {p for p in every if p.startswith(prefix + "/")}
    listed = set(_pages(nav))
    if ours and not listed & ours:
        nav.append({section: sorted((p for p in pages if p in ours), key=lambda p: _sort_key(sections.get(p, p)))})
    elif ours:  # the author placed StepDeck's pages: theirs is kept, its section titled
        _retitle(nav, ours, section)
    return nav
