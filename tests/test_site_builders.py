"""Both builders from one staged config: the builder choice, Zensical's staging and error reporting,
the navigation both builders read, an existing site whose own files stay untouched, zensical.toml,
the version policy and the anchor warnings of the page grammar."""
from __future__ import annotations

import hashlib
import re
import tomllib
from urllib.parse import urljoin
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.commands.build import build
from generator.core.errors import RenderError, StepDeckError
from generator.model.project import load_project
from generator.site import runner, siteconfig
from generator.site.navigation import site_nav
from generator.site.zensical_log import ANSI, filtered
from tests.conftest import REPO

pytestmark = pytest.mark.slow
LESSON = "service-mesh-vs-library"


def nav_links(html: str, url: str = "http://site/") -> list[tuple[str, str]]:
    """(address, text) of the primary navigation's links, resolved against the page's ``url``, and its
    section labels: the builders spell one address differently ('.', '', './x/' or 'x/')."""
    nav = html[html.index("md-nav--primary"):]
    nav = nav[:nav.index("md-sidebar--secondary")] if "md-sidebar--secondary" in nav else nav
    found = []
    for tag, attrs, text in re.findall(r'<(a|label)\b([^>]*class="md-nav__link[^"]*"[^>]*)>(.*?)</\1>', nav, re.S):
        href = re.search(r'href="([^"]*)"', attrs)
        text = " ".join(re.sub(r"<[^>]+>", " ", text).split())
        if text:
            found.append((urljoin(url, href[1]) if href else tag, text))
    return found


def test_both_builders_give_the_same_lesson_navigation_and_catalog(built_site, zensical_site):
    for page in (f"lessons/{LESSON}/index.html", "index.html"):
        url = "http://site/" + page.removesuffix("index.html")
        mkdocs_nav = nav_links((built_site / "site" / page).read_text(encoding="utf-8"), url)
        zensical_nav = nav_links((zensical_site / "site" / page).read_text(encoding="utf-8"), url)
        assert len(mkdocs_nav) >= 6 and mkdocs_nav == zensical_nav
    lessons = sorted(p.parent.name for p in (built_site / "site" / "lessons").glob("*/index.html"))
    for root in (built_site, zensical_site):
        catalog = (root / "site" / "index.html").read_text(encoding="utf-8")
        assert [m for m in re.findall(r'href="lessons/([^/"]+)/"', catalog) if m in lessons][:len(lessons)] == lessons


def test_the_zensical_build_swaps_in_and_leaves_nothing_staged(zensical_site):
    assert (zensical_site / "site" / "lessons" / LESSON / "index.html").is_file()
    assert "zensical-0.0.73" in (zensical_site / "site" / "index.html").read_text(encoding="utf-8")
    leftovers = [p.name for p in zensical_site.iterdir() if p.name.endswith((".new", ".old"))]
    assert leftovers == []


def test_builder_comes_from_stepdeck_yml_and_the_flag_wins(project_copy, capsys):
    (project_copy / "stepdeck.yml").write_text("builder: zensical\n", encoding="utf-8")
    assert main(["--project", str(project_copy), "build"]) == 0
    assert "zensical-" in (project_copy / "site" / "index.html").read_text(encoding="utf-8")
    assert main(["--project", str(project_copy), "build", "--builder", "mkdocs"]) == 0
    assert "zensical-" not in (project_copy / "site" / "index.html").read_text(encoding="utf-8")
    (project_copy / "stepdeck.yml").write_text("builder: hugo\n", encoding="utf-8")
    assert main(["--project", str(project_copy), "build"]) == 1
    assert "builder" in capsys.readouterr().err


def test_a_failing_zensical_build_keeps_the_previous_site(project_copy):
    build(load_project(project_copy), builder="zensical")
    before = {p: p.read_bytes() for p in (project_copy / "site").rglob("*") if p.is_file()}
    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nmarkdown_extensions: [no_such_extension]\n",
                      encoding="utf-8")
    with pytest.raises(RenderError, match=r"^Zensical build failed \(exit 1\): .*No module named 'no_such_extension'$"):
        build(load_project(project_copy), builder="zensical")
    assert {p: p.read_bytes() for p in (project_copy / "site").rglob("*") if p.is_file()} == before
    assert [p.name for p in project_copy.iterdir() if p.name.endswith((".new", ".old"))] == []


def digest_tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def existing_site(root: Path) -> Path:
    """A site of its own: a home page, a section with a page and an image, a broken anchor of its own."""
    docs = root / "docs"
    (docs / "team").mkdir(parents=True)
    (docs / "index.md").write_text("# Our docs\n\nWelcome. See [the team](team/people.md).\n", encoding="utf-8")
    (docs / "team" / "people.md").write_text("# People\n\nSee [nowhere](#no-such-heading).\n", encoding="utf-8")
    (docs / "team" / "logo.bin").write_bytes(bytes(range(256)) * 4)
    (root / "stepdeck.yml").write_text("lessons_prefix: learn\nlessons_section: Learn\n", encoding="utf-8")
    return docs


def test_an_existing_site_keeps_its_own_files_byte_for_byte(project_copy, capfd):
    docs = existing_site(project_copy)
    before = digest_tree(docs)
    times = {p: p.stat().st_mtime_ns for p in docs.rglob("*")}
    assert main(["--project", str(project_copy), "build", "--builder", "zensical"]) == 0
    assert digest_tree(docs) == before and {p: p.stat().st_mtime_ns for p in docs.rglob("*")} == times
    site = project_copy / "site"
    assert (site / "team" / "logo.bin").read_bytes() == (docs / "team" / "logo.bin").read_bytes()
    for page, text in (("index.html", "Welcome. See"), ("team/people/index.html", "See <a href")):
        assert text in (site / page).read_text(encoding="utf-8")
    assert (site / "learn" / LESSON / "index.html").is_file()
    catalog = (site / "learn" / "index.html").read_text(encoding="utf-8")
    assert f'href="{LESSON}/"' in catalog
    assert ("label", "Learn") in nav_links(catalog)
    err = ANSI.sub("", capfd.readouterr().err)
    assert "people.md" in err and "no-such-heading" in err  # the author's own broken anchor is still reported
    assert "sd-mode-tab" not in err  # the page grammar's fragments are not
    assert not (project_copy / ".docs.new").exists()


def test_zensical_toml_is_read_where_the_project_has_no_mkdocs_yml(project_copy, capsys):
    config = yaml.safe_load((project_copy / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python", "#"))
    (project_copy / "mkdocs.yml").unlink()
    toml = ['[project]', f'site_name = "{config["site_name"]} (toml)"', 'extra_css = ["assets/stepdeck-diagrams.css",'
            ' "assets/stepdeck.css"]', 'extra_javascript = [{path = "assets/stepdeck/boot.js", type = "module"}]',
            '[project.theme]', 'language = "en"', 'font = false']
    (project_copy / "zensical.toml").write_text("\n".join(toml) + "\n", encoding="utf-8")
    assert main(["--project", str(project_copy), "build", "--builder", "zensical"]) == 0
    html = (project_copy / "site" / "lessons" / LESSON / "index.html").read_text(encoding="utf-8")
    assert "StepDeck (toml)" in html and "assets/stepdeck/boot.js" in html
    assert main(["--project", str(project_copy), "build", "--builder", "mkdocs"]) == 1
    assert "needs a mkdocs.yml" in capsys.readouterr().err


def test_an_untested_zensical_gets_one_line_and_a_known_bad_one_is_refused(monkeypatch):
    lines = []
    monkeypatch.setattr(runner.metadata, "version", lambda name: "0.0.99")
    assert runner.zensical_version(lines.append) == "0.0.99"
    assert lines == ["warning: Zensical 0.0.99 is installed; StepDeck is tested with 0.0.73"]
    monkeypatch.setitem(runner.ZENSICAL_INCOMPATIBLE, "0.0.99", "it renders no raw HTML")
    with pytest.raises(StepDeckError, match="0.0.99 does not work with StepDeck .it renders no raw HTML.*0.0.73"):
        runner.zensical_version(lines.append)
    monkeypatch.setattr(runner.metadata, "version", lambda name: runner.ZENSICAL_TESTED)
    assert runner.zensical_version(lines.append) == "0.0.73" and len(lines) == 1


def test_the_staged_config_keeps_the_authors_yaml_tags(tmp_path, project_copy):
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: !ENV [SITE, Docs]\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
                      "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n", encoding="utf-8")
    project = load_project(project_copy)
    staged = siteconfig.staged_config(project, siteconfig.read_config(config), project_copy / ".docs.new",
                                      project_copy / ".site.new", ["index.md", "lessons/a.md"]).decode()
    assert "site_name: !ENV\n- SITE\n- Docs" in staged
    assert "emoji_index: !!python/name:material.extensions.emoji.twemoji" in staged
    assert "docs_dir: .docs.new" in staged and "site_dir: .site.new" in staged


def test_the_nav_is_derived_like_mkdocs_and_keeps_an_authors_nav():
    paths = ["lessons/b.md", "guide.md", "index.md", "lessons/a.md", "lessons/index.md", "team/x-y.md", "a.css"]
    assert site_nav(paths, None, "lessons", "Lessons") == [
        "index.md", "guide.md", {"Lessons": ["lessons/index.md", "lessons/a.md", "lessons/b.md"]}, {"Team": ["team/x-y.md"]}]
    assert site_nav(paths, [{"Home": "index.md"}], "lessons", "Learn") == [
        {"Home": "index.md"}, {"Learn": ["lessons/index.md", "lessons/a.md", "lessons/b.md"]}]
    assert site_nav(paths, [{"Start": "index.md"}, {"Stuff": ["lessons/a.md"]}], "lessons", "Learn") == [
        {"Start": "index.md"}, {"Learn": ["lessons/a.md"]}]


def test_only_the_grammar_anchor_warnings_are_dropped(tmp_path):
    (tmp_path / "p.md").write_text('<a href="#step-3">x</a>\n<a href="#nope">y</a>\n', encoding="utf-8")
    block = ("\x1b[33mWarning:\x1b[0m anchor does not exist\n    ╭─[ p.md:{line}:{col} ]\n    │\n"
             " {line} │ text\n────╯\n")
    output = "Build started\n" + block.format(line=1, col=11) + block.format(line=2, col=11) + "2 issues found\n"
    kept = filtered(output, tmp_path)
    assert "p.md:2:11" in kept and "p.md:1:11" not in kept and "1 issue found" in kept


def test_the_tested_zensical_is_the_one_the_test_extra_pins():
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    extras = pyproject["project"]["optional-dependencies"]
    assert f"zensical=={runner.ZENSICAL_TESTED}" in extras["test"]
    assert any(item.startswith(f"zensical>={runner.ZENSICAL_TESTED}") for item in extras["zensical"])
