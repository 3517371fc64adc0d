"""Threats 2 and 3: author text reaches the built site as visible text, never as markup.

A real site is built with MkDocs (the repo's mkdocs.yml and templates) from a
project whose only lesson carries hostile text in every field; the HTML is then
read with a parser, the way a browser would.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from generator.commands.build import build
from generator.render.environment import inline, prose, script_json, verbatim
from generator.model.project import load_project

from .conftest import REPO, make_project
from .html_check import Page, squash
from .payloads import HOSTILE, TITLE, hostile_lesson

# Every Markdown extension a maintainer might enable, with the payload that would trigger it.
TRIGGERS = {
    "toc": "[TOC]", "admonition": "!!! note", "attr_list": "{ onclick=", "tables": "| table | row |",
    "pymdownx.details": "??? danger", "pymdownx.superfences": "```python", "pymdownx.snippets": "--8<--",
    "pymdownx.tabbed": '=== "Tab title"', "def_list": "Term\n: definition", "md_in_html": "</div></section>",
    "abbr": "*emphasis*", "footnotes": "[click me]", "pymdownx.tilde": "~~strike~~",
    "pymdownx.magiclink": "<http://example.invalid/autolink>", "pymdownx.betterem": "__strong__",
    "pymdownx.highlight": "```python", "pymdownx.inlinehilite": "```python", "pymdownx.caret": "^^",
    "pymdownx.mark": "==", "pymdownx.emoji": ":", "pymdownx.arithmatex": "$", "pymdownx.blocks.admonition": "///",
}
EVERY_EXTENSION = ["toc", "admonition", "attr_list", "tables", "def_list", "md_in_html", "abbr", "footnotes",
                   "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed", "pymdownx.tilde",
                   "pymdownx.magiclink", "pymdownx.betterem", "pymdownx.highlight", "pymdownx.inlinehilite",
                   "pymdownx.caret", "pymdownx.mark", "pymdownx.arithmatex",
                   {"pymdownx.snippets": {"base_path": ["/"], "check_paths": False}}]
HOSTILE_WITH_TRIGGERS = HOSTILE + ["^^caret^^ ==mark== :smile: $x^2$ /// note"]


def _mkdocs_extensions(path: Path) -> list[str]:
    config = yaml.load(path.read_text(encoding="utf-8"), Loader=_IgnoreTags)
    return [next(iter(e)) if isinstance(e, dict) else e for e in config.get("markdown_extensions", [])]


class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml may use !!python/name and !ENV tags; read them as plain values."""


_IgnoreTags.add_multi_constructor("", lambda loader, suffix, node: None)


def _build(root: Path, extensions=None) -> Path:
    if extensions is not None:
        lines = (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
        start = lines.index("markdown_extensions:")
        end = next((i for i in range(start + 1, len(lines)) if lines[i][:1] not in ("", " ", "-", "#")), len(lines))
        block = yaml.safe_dump({"markdown_extensions": extensions}).splitlines()
        (root / "mkdocs.yml").write_text("\n".join(lines[:start] + block + lines[end:]) + "\n", encoding="utf-8")
    build(load_project(root))
    return root / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("inject") / "p", {"hostile.yaml": hostile_lesson(HOSTILE)})
    return _build(root)


@pytest.fixture(scope="module")
def site_every_extension(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("inject-all") / "p",
                        {"hostile.yaml": hostile_lesson(HOSTILE_WITH_TRIGGERS)})
    return _build(root, EVERY_EXTENSION)


def test_every_enabled_markdown_extension_has_a_payload():
    enabled = _mkdocs_extensions(REPO / "mkdocs.yml")
    assert enabled, "mkdocs.yml enables no Markdown extension?"
    missing = [name for name in enabled if name not in TRIGGERS]
    assert not missing, f"add a hostile payload for {missing} to TRIGGERS and HOSTILE"
    for name in enabled:
        assert any(TRIGGERS[name] in text for text in HOSTILE_WITH_TRIGGERS), name


def _assert_inert(page: Page, texts: list[str]) -> None:
    visible = page.visible()
    for text in texts:
        assert squash(text) in visible, f"not shown literally: {text!r}"
    for element in page.elements:
        for name, value in element.attrs.items():
            assert not name.startswith("on"), (element.tag, name, value)
            assert not value.strip().lower().startswith(("javascript:", "file:")), (element.tag, name, value)
        assert element.tag not in ("iframe", "details") or "ontoggle" not in element.attrs
        assert "evil" not in element.attrs.get("class", "").split() and element.attrs.get("id") != "id"
    assert not [e for e in page.tags("img") if e.attrs.get("src") in ("x", "http://example.invalid/x.png")]
    assert not page.tags("iframe")
    for script in page.tags("script"):
        body = "".join(script.text)
        assert "alert" not in body or script.attrs.get("type") == "application/json", body[:200]
        if script.attrs.get("type") == "application/json" and "sd-data" in script.attrs.get("class", ""):
            assert "<" not in body, "our JSON holds a '<': it could close the block or open a comment"
    for style in page.tags("style"):
        assert "display:none" not in "".join(style.text)
    # Headings, admonitions, tabs, tables, snippets and code blocks from author text never appear.
    headings = [squash("".join(e.text)) for e in page.elements if e.tag in ("h1", "h2", "h3")]
    assert "Heading one" not in headings and "Heading two" not in headings
    for css in ("admonition", "tabbed-set", "footnote"):
        assert not [e for e in page.elements if css in e.attrs.get("class", "").split()], css
    assert not page.tags("table") or all("sd-table" in t.attrs.get("class", "") or t.attrs.get("class") == "highlighttable"
                                         for t in page.tags("table"))


def test_lesson_page_shows_hostile_text_literally(site):
    page = Page((site / "lessons/hostile/index.html").read_text(encoding="utf-8"))
    _assert_inert(page, HOSTILE)


def test_every_markdown_extension_leaves_author_text_alone(site_every_extension):
    page = Page((site_every_extension / "lessons/hostile/index.html").read_text(encoding="utf-8"))
    _assert_inert(page, HOSTILE_WITH_TRIGGERS)
    assert "root:" not in page.visible()  # no snippet of /etc/passwd was included


def test_title_is_escaped_in_head_header_and_nav(site):
    page = Page((site / "lessons/hostile/index.html").read_text(encoding="utf-8"))
    assert squash("".join(page.tags("title")[0].text)) == f"{TITLE} - StepDeck"
    assert TITLE in page.visible()  # header, nav and the page's own <h1>
    description = [e for e in page.tags("meta") if e.attrs.get("name") == "description"]
    assert description and description[0].attrs["content"].startswith(HOSTILE[0][:8]) is False
    for other in ("index.html", "404.html"):
        listing = Page((site / other).read_text(encoding="utf-8"))
        assert not listing.tags("img") or all(e.attrs.get("src") != "x" for e in listing.tags("img"))
        assert not [s for s in listing.tags("script") if "alert" in "".join(s.text)]


def test_meta_description_attribute_cannot_be_broken_out_of(site):
    page = Page((site / "lessons/hostile/index.html").read_text(encoding="utf-8"))
    lesson = yaml.safe_load((site.parent / "content/hostile.yaml").read_text(encoding="utf-8"))
    description = [e.attrs["content"] for e in page.tags("meta") if e.attrs.get("name") == "description"]
    assert description == [lesson["summary"]]


def test_search_index_titles_and_text_render_as_literal_text(site):
    # Material's search renders these strings as HTML, so they must be escaped HTML.
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    entries = [d for d in index["docs"] if d["location"].startswith("lessons/hostile/")]
    assert entries
    titles = [Page(d["title"]) for d in entries]
    assert TITLE in [t.visible() for t in titles]
    for entry in entries:
        for html in (entry["title"], entry["text"]):
            page = Page(html)
            assert {e.tag for e in page.elements} <= {"p", "code", "pre", "ul", "ol", "li", "table", "tr", "td", "th",
                                                       "thead", "tbody", "strong", "em", "a"}, html[:300]
            assert not [e for e in page.elements if any(n.startswith("on") for n in e.attrs)]


def test_generated_markdown_keeps_author_text_off_line_starts(site):
    # Line-based extensions (admonitions, tabs, snippets, fences) only fire at the start of a line.
    page = (site.parent / "docs/lessons/hostile.md").read_text(encoding="utf-8")
    body, rest = page.split("\n---\n", 1)[1].split('\n<h2 id="slides-and-downloads" data-search-exclude>Slides and downloads</h2>\n')
    downloads, pager = rest.split('\n<h2 class="sd-pager-heading"', 1)
    # the downloads section is generated Markdown (a heading and one list item per group), no author text
    assert all(line.startswith("- **") for line in downloads.splitlines() if line), downloads[:300]
    # the pager: its heading, then one generated list item per link (titles only as escaped link text)
    assert all(line.startswith(("- Previous: [", "- [Every lesson in ", "- Next: ["))
               for line in pager.splitlines()[1:] if line), pager[:300]
    for line in body.splitlines():
        for marker in ("!!!", "???", "===", "--8<--", "```", "#", "|"):
            assert not line.lstrip().startswith(marker) or line.startswith("<!--"), line[:120]


@pytest.mark.parametrize("text", ["</script><script>alert(1)</script>", "<!-- <script>", "]]>", "\u2028\u2029",
                                  "</SCRIPT >", "<\\/script>", "&lt;"])
def test_script_json_cannot_break_out(text):
    encoded = str(script_json({"quiz": [text]}))
    assert "<" not in encoded and ">" not in encoded and "&" not in encoded
    assert "\u2028" not in encoded and "\u2029" not in encoded
    assert json.loads(encoded) == {"quiz": [text]}


def test_quiz_text_with_script_end_stays_in_the_json_block(site):
    page = Page((site / "lessons/hostile/index.html").read_text(encoding="utf-8"))
    data = [s for s in page.tags("script") if "sd-data" in s.attrs.get("class", "")]
    assert len(data) == 1
    decoded = json.loads("".join(data[0].text))
    flat = json.dumps(decoded, ensure_ascii=False)
    assert "</script><script>alert(2)</script>" in flat  # the payload survived, as data


# The shared hostile lesson puts one payload in each field, so these fields get their own exact checks.
@pytest.mark.parametrize("render, text, html", [
    (inline, "Run `<img src=x onerror=alert(1)>` now", "Run <code>&lt;img src=x onerror=alert(1)&gt;</code> now"),
    (inline, "`</code><script>alert(1)</script>`", "<code>&lt;/code&gt;&lt;script&gt;alert(1)&lt;/script&gt;</code>"),
    (prose, "one\n!!! note\n\n  `<b>` two", "<p>one !!! note</p><p><code>&lt;b&gt;</code> two</p>"),
    (verbatim, "<script>x</script>\n!!! note\n--8<-- \"/etc/passwd\"",
     "&lt;script&gt;x&lt;/script&gt;&#10;!!! note&#10;--8&lt;-- &#34;/etc/passwd&#34;"),
])
def test_code_spans_paragraphs_and_code_samples_escape_author_text(render, text, html):
    # Code spans and code samples are the only markup author text gets; their content is still text,
    # and a newline never puts author text at the start of a Markdown source line.
    assert str(render(text)) == html
