"""A site that stays light (issue 11, point 5): a navigation of sections, not lessons, under both
builders; one section page per category; previous / next within the section; repeated text out of
both builders' search indexes while a lesson's title, a component's label and a step's action
still find it."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from generator.site.navigation import site_nav
from tests.test_site_builders import nav_links

pytestmark = pytest.mark.slow
LESSON = "service-mesh-vs-library"


def lessons_of(root: Path) -> dict[str, dict]:
    return {data["id"]: data for data in (yaml.safe_load(p.read_text(encoding="utf-8"))
                                          for p in sorted((root / "content").glob("*.yaml")))}


def test_the_nav_holds_one_entry_per_category_whatever_the_lesson_count():
    def lesson_paths(n):
        paths = [f"lessons/lesson-{i}.md" for i in range(n)] + ["index.md", "guide.md"]
        return paths + [f"lessons/category/{name}/index.md" for name in ("networking", "security", "databases")]

    small, large = (site_nav(lesson_paths(n), None, "lessons", "Lessons") for n in (10, 1000))
    assert small == large == ["index.md", "guide.md", {"Lessons": [
        "lessons/category/databases/index.md", "lessons/category/networking/index.md",
        "lessons/category/security/index.md"]}]
    # an author's nav without the lessons gets the sections; one that places lesson pages keeps them
    assert site_nav(lesson_paths(3), [{"Home": "index.md"}], "lessons", "Learn")[-1] == {"Learn": [
        "lessons/category/databases/index.md", "lessons/category/networking/index.md",
        "lessons/category/security/index.md"]}
    assert site_nav(lesson_paths(3), [{"Pick": ["lessons/lesson-1.md"]}], "lessons", "Learn") == [
        {"Learn": ["lessons/lesson-1.md"]}]


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_every_page_lists_the_sections_and_no_lesson(builder, request):
    root = request.getfixturevalue(f"{builder}_site")
    lessons = lessons_of(root)
    categories = sorted({data["category"] for data in lessons.values()})
    for page in (f"lessons/{LESSON}/index.html", "index.html", "lessons/category/security/index.html"):
        links = nav_links((root / "site" / page).read_text(encoding="utf-8"), "http://site/" + page[:-10])
        texts = [text for _, text in links]
        assert [t for t in texts if t in categories] == categories, page
        assert not {data["title"] for data in lessons.values()} & set(texts), page
        assert all("/category/" in url for url, text in links if text in categories and url != "label")


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_a_section_page_lists_its_lessons_and_a_lesson_links_its_section(builder, request):
    root = request.getfixturevalue(f"{builder}_site")
    lessons = lessons_of(root)  # the sample: five lessons, one per category
    html = (root / "site" / "lessons" / "category" / "kubernetes" / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'class="sd-card-link" href="([^"]+)"', html) == [f"../../{LESSON}/"]
    assert re.findall(r'class="sd-thumb-light" src="([^"]+)"', html) == [f"../../../thumbnails/{LESSON}-light.svg"]
    page = (root / "site" / "lessons" / LESSON / "index.html").read_text(encoding="utf-8")
    pager = page[page.index('id="sd-more-lessons"'):]
    pager = pager[:pager.index("</ul>")]
    # both builders turn the Markdown link into the section page's address, relative to the lesson's
    assert re.findall(r'href="([^"]+)"', pager) == ["../category/kubernetes/"]
    assert "Every lesson in Kubernetes" in pager and "Previous" not in pager and "Next" not in pager
    assert lessons[LESSON]["category"] == "Kubernetes"


def test_neighbours_walk_the_section_in_catalog_order(tmp_path):
    from generator.check.pipeline import check_project
    from generator.model.project import load_project
    from generator.render.sections import pagers
    from generator.render.views import lesson_meta
    from tests.conftest import copy_project

    root = copy_project(tmp_path / "p")
    for name in ("tcp-vs-quic", "git-merge-vs-rebase"):
        path = root / "content" / f"{name}.yaml"
        path.write_text(re.sub(r"^category: .*$", "category: Kubernetes", path.read_text(encoding="utf-8"),
                               count=1, flags=re.M), encoding="utf-8")
    found = pagers([lesson_meta(item.facts) for item in check_project(load_project(root)).lessons])
    walk = [("git-merge-vs-rebase", None, "service-mesh-vs-library"),
            ("service-mesh-vs-library", "git-merge-vs-rebase", "tcp-vs-quic"),
            ("tcp-vs-quic", "service-mesh-vs-library", None)]
    for lesson, before, after in walk:
        pager = found[lesson]
        assert (pager.previous and pager.previous.id, pager.next and pager.next.id) == (before, after)
        assert pager.section.slug == "kubernetes"
    assert [m.id for m in found["kafka-log-vs-rabbitmq-queue"].section.lessons] == ["kafka-log-vs-rabbitmq-queue"]


def search_entries(root: Path, builder: str) -> list[dict]:
    if builder == "mkdocs":
        return json.loads((root / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    return json.loads((root / "site" / "search.json").read_text(encoding="utf-8"))["items"]


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_search_finds_a_lesson_by_title_label_and_action_but_skips_repeated_text(builder, request):
    root = request.getfixturevalue(f"{builder}_site")
    lesson = lessons_of(root)[LESSON]
    entries = search_entries(root, builder)
    mine = [e for e in entries if e["location"].startswith(f"lessons/{LESSON}/")]
    text = " ".join(e["title"] + " " + e["text"] for e in mine)
    assert lesson["title"] in text
    for component in lesson["components"]:
        if component.get("tracked", True) or any(s.get("component") == component["id"] for s in lesson["steps"]):
            assert component["label"] in text, component["label"]
    for step in lesson["steps"]:
        assert " ".join(step["action"].split()).split("`")[0][:30] in text, step["action"]
    # the player, the drawings, the side-by-side view, the quiz, the transcript and the downloads are not
    sections = {e["location"].split("#")[-1] for e in mine}
    assert not sections & {"sd-h-steps", "sd-h-states", "sd-h-legend", "sd-h-flow", "sd-h-overview", "sd-h-lanes",
                           "sd-h-sequence", "sd-h-quiz", "sd-h-transcript", "slides-and-downloads"}, sections
    assert {"sd-title", "sd-h-table", "sd-h-tracker", "sd-h-moments", "sd-h-snapshot"} <= sections
    assert lesson["quiz"][0]["question"][:40] not in text
    # section pages and catalog cards repeat the lessons' titles: neither is indexed
    assert not [e for e in entries if "/category/" in e["location"] or e["location"].startswith(("#sd-card", "index"))
                and "sd-card" in e["location"]]
    assert "Learning modes" not in text and "Choose your learning style" not in text
