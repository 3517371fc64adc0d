"""Build the whole sample site and check that every section of the seed lesson is in its HTML."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from lessonkit import facts_of
from tests.test_golden import outputs

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "content" / "service-mesh-vs-library.yaml"
pytestmark = pytest.mark.slow


class Text(HTMLParser):
    """Visible text of a page, with <title> contents of inline SVG groups kept apart."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.ids: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name == "id":
                self.ids.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.chunks.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.chunks).split())


def page_text(path: Path) -> Text:
    parser = Text()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def seed_page(built_site) -> Text:
    return page_text(built_site / "site" / "lessons" / "service-mesh-vs-library" / "index.html")


def squash(text: str) -> str:
    return " ".join(text.split())


def test_home_page_lists_every_lesson_as_a_card(built_site):
    html = (built_site / "site" / "index.html").read_text(encoding="utf-8")
    for path in sorted((built_site / "content").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        card = re.search(rf'<li class="sd-lesson-card" data-lesson="{data["id"]}".*?</li>', html, re.S)
        home = Text()  # the card alone: the filter above the cards lists every tag once
        home.feed(card[0])
        home = home.text
        for value in (data["title"], data["category"], f"~{data['duration_minutes']} min", squash(data["summary"])):
            assert squash(value) in home, value
        said = {slug(data["category"]), slug(data.get("track") or "")}
        for tag in data.get("tags", []):
            # a tag that spells the category or track again is not repeated on the card
            assert (f"#{tag}" in home) == (slug(tag) not in said), tag
            said.add(slug(tag))


def slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def test_seed_header_and_metadata(seed_page):
    for value in ("Service mesh vs library-based approach in Kubernetes", "Kubernetes", "devops", "~10 min",
                  "Choose your learning style", "9 modes available"):
        assert value in seed_page.text


def test_seed_process_flow_and_execution_sample(seed_page):
    lesson = facts_of(SEED).lesson
    for stage in ("Start: Application Service", "Direct Service Calls", "Service Communication",
                  "Service Mesh Control Plane", "Configuration & Policy"):
        assert stage in seed_page.text  # each stage's tooltip <title> carries its full label
    assert squash(lesson.process_flow.caption) in seed_page.text
    for line in ("app -> library proxy -> service", "app -> sidecar proxy -> service",
                 "sidecar proxy -> control plane"):
        assert line in seed_page.text
    assert lesson.execution_sample.caption in seed_page.text


def test_seed_execution_table_has_every_step_and_column(seed_page):
    expected_rows = [
        ("1", "Application", "Calls service via library proxy", "Request sent directly with embedded proxy logic",
         "Library proxy is part of app code"),
        ("2", "Library Proxy", "Processes request", "Request forwarded to target service",
         "No separate container involved"),
        ("3", "Application", "Calls service", "Request sent to sidecar proxy container",
         "In service mesh, proxy runs separately"),
        ("4", "Sidecar Proxy", "Intercepts and processes request", "Applies policies, telemetry, security",
         "Transparent to app"),
        ("5", "Sidecar Proxy", "Forwards request to target service", "Service receives request",
         "Service unaware of proxy"),
        ("6", "Sidecar Proxy", "Reports metrics to control plane", "Control plane updates state",
         "Enables centralized management"),
        ("7", "Control Plane", "Sends config and policies", "Sidecar proxies update behavior",
         "Dynamic and centralized"),
        ("8", "Application", "Receives response", "Response returned to app", "Same for both approaches"),
        ("9", "End", "No more steps", "Communication complete", "Process repeats for each call"),
    ]
    for row in expected_rows:
        for cell in row[1:]:
            assert cell in seed_page.text, cell
    assert "Communication ends after response is received by application" in seed_page.text


def test_seed_state_tracker_reproduces_the_seed_cell_for_cell(built_site):
    html = (built_site / "site" / "lessons" / "service-mesh-vs-library" / "index.html").read_text("utf-8")
    table = html[html.index('<table class="sd-table sd-tracker"'):]
    table = table[: table.index("</table>")]
    parser = Text()
    parser.feed(table)
    # the seed's rows in its order; the lesson has two lanes, so each lane's rows follow its heading
    expected = """Component Start After Step 1 After Step 3 After Step 4 After Step 6 Final
        Shared
        Application Idle Request sent via library proxy Request sent to sidecar proxy Waiting for response
        Waiting for response Response received
        Library-based
        Library Proxy Inactive Processing request N/A N/A N/A Idle
        Service mesh
        Sidecar Proxy Inactive N/A Intercepting request Applying policies Reporting metrics Idle
        Control Plane Idle Idle Idle Idle Updating config Idle"""
    assert parser.text == squash(expected)


class TrackerGroups(HTMLParser):
    """The tracker's <tbody> groups: (heading or None, [data-component of each row])."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.groups: list[tuple[str | None, list[str]]] = []
        self.colspans: list[str] = []
        self._heading: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "tbody":
            self.groups.append((None, []))
        elif tag == "th" and attrs.get("scope") == "rowgroup":
            self.colspans.append(attrs["colspan"])
            self._heading = []
        elif tag == "tr" and "data-component" in attrs:
            self.groups[-1][1].append(attrs["data-component"])

    def handle_endtag(self, tag):
        if tag == "th" and self._heading is not None:
            self.groups[-1] = (" ".join(self._heading).strip(), self.groups[-1][1])
            self._heading = None

    def handle_data(self, data):
        if self._heading is not None:
            self._heading.append(data)


def tracker_groups(built_site: Path, lesson_id: str) -> TrackerGroups:
    html = (built_site / "site" / "lessons" / lesson_id / "index.html").read_text("utf-8")
    table = html[html.index('<table class="sd-table sd-tracker"'):]
    parser = TrackerGroups()
    parser.feed(table[: table.index("</table>")])
    return parser


@pytest.mark.parametrize("lesson_id, groups", [
    ("git-merge-vs-rebase", [
        ("git merge", ["merge-tree", "merge-main", "merge-feature", "merge-commit"]),
        ("git rebase", ["rebase-tree", "rebase-main", "rebase-feature", "original-commits", "rebased-commits"]),
    ]),
    ("oauth-pkce-vs-client-credentials", [
        ("Shared", ["auth-server", "resource-server"]),
        ("Authorization code + PKCE", ["browser", "client-app"]),
        ("Client credentials", ["service-client"]),
    ]),
])
def test_two_lane_tracker_groups_rows_by_lane_in_the_authors_order(built_site, lesson_id, groups):
    """Components in no lane first under "Shared" (when there are any), then one headed <tbody> per lane."""
    parser = tracker_groups(built_site, lesson_id)
    assert parser.groups == groups
    facts = facts_of(REPO / "content" / f"{lesson_id}.yaml")
    assert parser.colspans == [str(len(facts.tracker.columns) + 1)] * len(groups)


def test_one_lane_tracker_has_one_group_and_no_heading():
    """A lesson with fewer than two lanes keeps its plain table: one <tbody>, no row-group heading."""
    lesson = facts_of(REPO / "tests" / "golden" / "minimal" / "lesson.yaml").lesson
    assert len(lesson.lanes) < 2
    page = outputs("minimal")["page.md"]
    parser = TrackerGroups()
    table = page[page.index('<table class="sd-table sd-tracker"'):]
    parser.feed(table[: table.index("</table>")])
    assert parser.groups == [(None, ["client", "server"])] and parser.colspans == []


def test_seed_key_moments_quiz_snapshot_transcript(seed_page):
    lesson = facts_of(SEED).lesson
    assert len(lesson.key_moments) == 4 and len(lesson.quiz) == 4  # the fourth of each is about the what-if
    for moment in lesson.key_moments:
        assert squash(moment.question) in seed_page.text
        assert squash(moment.answer) in seed_page.text
    for question in lesson.quiz:
        assert squash(question.question) in seed_page.text
        assert squash(question.hint) in seed_page.text
        for option in question.options:
            assert squash(option if isinstance(option, str) else option.text) in seed_page.text
    for point in lesson.snapshot:
        assert squash(point) in seed_page.text
    assert squash(lesson.transcript) in seed_page.text


def test_seed_quiz_answers_are_the_ones_the_model_checks():
    lesson = facts_of(SEED).lesson
    assert [q.answer for q in lesson.quiz] == ["B", "C", "A", "B"]
    assert facts_of(SEED).state_at("library-proxy", 1) == "Processing request"


def test_every_lesson_page_inlines_its_diagrams(built_site):
    for path in sorted((built_site / "content").glob("*.yaml")):
        lesson_id = yaml.safe_load(path.read_text(encoding="utf-8"))["id"]
        html = (built_site / "site" / "lessons" / lesson_id / "index.html").read_text("utf-8")
        assert html.count("<svg") >= 2
        assert f'id="sd-{lesson_id}-ov-sd-title"' in html
        assert (built_site / "site" / "diagrams" / lesson_id / "overview.svg").is_file()


def test_site_makes_no_request_off_its_own_host(built_site):
    """No CDN, web font or repository badge: every URL a page loads is relative or a fragment."""
    import re

    for page in (built_site / "site").rglob("*.html"):
        html = page.read_text("utf-8")
        # rel=canonical (from site_url, which instant navigation needs) names the page; nothing fetches it
        links = [tag for tag in re.findall(r"<link[^>]*>", html) if 'rel="canonical"' not in tag]
        requested = re.findall(r'\ssrc="([^"]+)"', html) + [url for tag in links for url in re.findall(r'\shref="([^"]+)"', tag)]
        for url in requested:
            assert not re.match(r"^(?:[a-z]+:)?//", url), f"{page}: {url}"
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
