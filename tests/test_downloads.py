"""The "Slides and downloads" section: on every lesson page, outside the modes, every link a file
of the built site (stepdeck build and Zensical), heavy formats only when stepdeck.yml opts in."""
from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from generator.check.pipeline import check_project
from generator.model.project import load_project
from generator.site.generate import generate_files
from tests.conftest import copy_project

REPO = Path(__file__).resolve().parent.parent
SECTION = re.compile(r'id="slides-and-downloads".*?</ul>', re.S)


def section_links(page: str) -> list[str]:
    (section,) = SECTION.findall(page)
    return [h for h in re.findall(r'href="([^"]+)"', section) if not h.startswith("#")]  # not the permalink


def check_site(site: Path) -> int:
    pages = sorted((site / "lessons").glob("*/index.html"))
    assert pages
    checked = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "Slides and downloads" in html
        transcript = re.search(r'data-mode="transcript".*?</section>', html, re.S).group(0)
        assert "slides-and-downloads" not in transcript and html.index('id="slides-and-downloads"') > html.index(
            'class="sd-data"')  # after the modes, not hidden in a panel
        links = section_links(html)
        assert any("/light/" in h for h in links) and any("/dark/" in h for h in links)
        assert {posixpath.basename(h) for h in links} >= {"quiz-qti.zip", "quiz-moodle.xml", "quiz-gift.txt"}
        assert not any(h.endswith((".pptx", ".png", ".gif")) for h in links)  # opt-in only
        for href in links:
            assert not re.match(r"\w+:", href) and not href.startswith("/"), href  # relative: works offline
            target = (page.parent / href).resolve()
            assert target.is_file() and target.stat().st_size > 0, href
            checked += 1
    return checked


def test_stepdeck_build_links_every_download(built_site):
    assert check_site(built_site / "site") > 50


def test_zensical_build_links_every_download(zensical_site):
    assert check_site(zensical_site / "site") > 50


def test_fixed_theme_svgs_keep_their_theme(built_site):
    folder = built_site / "site" / "diagrams" / "tcp-vs-quic" / "slides"
    light, dark = ((folder / t / "overview.svg").read_text(encoding="utf-8") for t in ("light", "dark"))
    assert "prefers-color-scheme" not in light + dark and "#14171c" in dark and "#14171c" not in light


@pytest.mark.parametrize("opted", [["png", "pptx", "pdf", "gif", "handout"]])
def test_heavy_formats_are_opt_in(tmp_path, opted):
    root = copy_project(tmp_path / "p", lessons=[REPO / "content" / "service-mesh-vs-library.yaml"])
    (root / "stepdeck.yml").write_text("downloads: [" + ", ".join(opted) + "]\n", encoding="utf-8")
    project = load_project(root)
    files = generate_files(project, check_project(project).lessons)
    page = files.docs["lessons/service-mesh-vs-library.md"].decode()
    links = re.findall(r"\]\(([^)]+)\)", page.split(">Slides and downloads</h2>")[1])
    for name in ("slides.pptx", "slides.pdf", "animated.gif", "handout.pdf", "png/step-03.png"):
        assert any(h.endswith(name) for h in links), name
    for href in links:
        relative = posixpath.normpath(posixpath.join("lessons", href))  # from the page's source file
        assert relative in files.docs, href
    assert files.docs["diagrams/service-mesh-vs-library/slides/slides.pptx"][:2] == b"PK"
    assert not any(name.startswith("service-mesh-vs-library/slides/") for name in files.diagrams)  # not committed
