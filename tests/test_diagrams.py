"""Every diagram view of a lesson, laid out by the real WebAssembly Graphviz: one layout per view,
frames that never move a node, accessible titles, safe output and byte-identical rebuilds."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from generator.diagrams import dot, draw, layout, lanes as dot_lanes, overview as dot_overview, sequence as dot_sequence
from generator.diagrams import svg
from generator.diagrams.crossings import edge_ends
from generator.diagrams.engine import Graphviz
from generator.model.derive import derive
from generator.model.facts import LessonFacts
from generator.model.lesson import Lesson
from generator.render.environment import environment
from generator.render.pages import lesson_page

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "content" / "service-mesh-vs-library.yaml"
SOURCE = "content/service-mesh-vs-library.yaml"
S = "{http://www.w3.org/2000/svg}"
GENERATED_ID = re.compile(r"^(c|e|l|s|a|m|n|h|ll|st|p|fr|graph|node|edge|clust)\d")
HOSTILE = ['say "hi" \\ there', "\\N \\G \\l \\E \\T \\H", "<b>bold</b> & <script>x</script>", "a:b;c",
           "x" * 90 + " end", "javascript:alert(1)", "]; evil [label=pwned"]


def seed_data() -> dict:
    return yaml.safe_load(SEED.read_text(encoding="utf-8"))


def lesson_of(data: dict) -> LessonFacts:
    return derive(Lesson.model_validate(data, strict=False))


def render(lesson: LessonFacts, graphviz: Graphviz | None = None) -> draw.LessonDiagrams:
    graphviz = graphviz or Graphviz()
    layouts = {view: graphviz.layout(source) for view, source in draw.sources(lesson).items()}
    return draw.render(lesson, layouts, SOURCE)


@pytest.fixture(scope="module")
def seed() -> LessonFacts:
    return lesson_of(seed_data())


@pytest.fixture(scope="module")
def rendered(seed) -> draw.LessonDiagrams:
    return render(seed)


def parse(text: str) -> ET.Element:
    return ET.fromstring(text[text.index("<svg"):])


def shapes(root: ET.Element) -> dict[str, list[tuple[str, str]]]:
    """Node/edge id -> the geometry of its drawn shapes."""
    found = {}
    for g in root.iter(f"{S}g"):
        classes = (g.get("class") or "").split()
        if "node" in classes or "edge" in classes:
            found[g.get("id")] = [(child.tag, child.get("points") or child.get("d") or
                                   f"{child.get('cx')},{child.get('cy')}")
                                  for child in g if child.tag in (f"{S}polygon", f"{S}path", f"{S}ellipse")]
    return found


def test_every_view_is_generated(seed, rendered):
    assert all(step.id for step in seed.lesson.steps)  # so each frame is written under its id too
    assert sorted(rendered.files) == sorted(
        ["overview.svg", "flow.svg", "lanes.svg", "sequence.svg", "animated.svg"]
        + [f"step-{n:02d}.svg" for n in range(10)]
        + [f"what-if-config-stops-{n:02d}.svg" for n in range(6, 10)])
    # the id-named copies are the site's alone, each the very frame of its number
    assert rendered.docs_only == {f"step-{step.id}.svg": rendered.files[f"step-{n:02d}.svg"]
                                  for n, step in enumerate(seed.lesson.steps, 1)}
    assert sorted(rendered.inline) == ["flow", "lanes", "overview", "player", "scenario-1", "sequence"]


def test_committed_diagrams_hold_every_view():
    folder = REPO / "diagrams" / "service-mesh-vs-library"
    names = {p.name for p in folder.glob("*.svg")}
    assert {"overview.svg", "flow.svg", "lanes.svg", "sequence.svg", "animated.svg"} <= names
    assert {f"step-{n:02d}.svg" for n in range(10)} <= names


def test_frames_keep_every_node_and_edge_in_place(rendered):
    final = shapes(parse(rendered.files["step-09.svg"]))
    assert len(final) == 5 + 8  # five components, eight interactions: the last frame has them all
    for n in range(10):
        frame = shapes(parse(rendered.files[f"step-{n:02d}.svg"]))
        assert frame == {k: v for k, v in final.items() if k in frame}, f"step-{n:02d} moved something"
        assert len(frame) == 5 + sum(1 for k in final if k.startswith("e") and int(k[1:].split("-")[0]) <= n)


def test_animated_frames_share_the_layout(rendered):
    root = parse(rendered.files["animated.svg"])
    final = shapes(parse(rendered.files["step-09.svg"]))
    layers = [g for g in root if g.tag == f"{S}g"]
    assert [g.get("class") for g in layers] == ["sd-static", "sd-frames"]
    still = {k.removeprefix("rm-"): v for k, v in shapes(layers[0]).items()}
    assert still == {k: v for k, v in final.items() if k in still} and len(still) >= 5
    # every part drawn in the frames sits exactly where the last frame draws it
    drawn = [[(child.tag, child.get("points") or child.get("d") or f"{child.get('cx')},{child.get('cy')}")
              for child in g if child.tag in (f"{S}polygon", f"{S}path", f"{S}ellipse")]
             for g in layers[1].iter(f"{S}g") if {"node", "edge"} & set((g.get("class") or "").split())]
    assert drawn and all(part in final.values() for part in drawn)
    assert {tuple(v) for v in final.values()} <= {tuple(part) for part in drawn}


def test_animated_draws_each_look_once_and_shows_it_in_its_frames(rendered):
    """A part is written once per run of frames it looks the same in, and shown during those alone."""
    text = rendered.files["animated.svg"]
    root = parse(text)
    windows = [g for g in root.iter(f"{S}g") if "sd-window" in (g.get("class") or "").split()]
    assert windows and len(text) < sum(len(rendered.files[f"step-{n:02d}.svg"]) for n in range(10)) / 2
    css = root.find(f"{S}style").text
    for window in windows:
        length, first = (int(c[5:] if c.startswith("sd-at") else c[4:]) for c in window.get("class").split()[1:])
        assert 0 < length < 10 and first + length <= 10
        assert f".sd-w{length} {{ animation-name: sd-w{length}; }}" in css
        assert f".sd-at{first} {{ animation-delay: {-((10 - first) % 10) * 3:g}s; }}" in css
    # the edge of step 4 is current in frame 4 alone, then quiet
    now = [w for w in windows if any("sd-now" in (g.get("class") or "") and g.get("data-step") == "4"
                                     for g in w)]
    assert [w.get("class") for w in now] == ["sd-window sd-w1 sd-at4"]


def test_frames_highlight_with_more_than_colour(rendered):
    step4 = parse(rendered.files["step-04.svg"])
    active = [g.get("id") for g in step4.iter(f"{S}g") if "sd-active" in (g.get("class") or "").split()]
    assert active == ["c3", "e4-1"]  # the sidecar and its self-interaction
    badge = [g for g in step4.iter(f"{S}g") if g.get("class") == "sd-badge"]
    assert len(badge) == 1 and badge[0].find(f"{S}text").text == "4"
    captions = [t.text for t in step4.iter(f"{S}text") if t.get("class") == "sd-caption-text"]
    assert captions == ["Step 4 · Sidecar Proxy: Intercepts and processes request"]


def test_every_svg_is_well_formed_titled_and_safe(rendered):
    for name, text in rendered.files.items():
        root = parse(text)
        assert root.find(f"{S}title").text.strip(), name
        story = "Process flow: Start" if name == "flow.svg" else "Step 1, Application: Calls service"
        if name.startswith(("step-", "what-if-")):  # a frame describes its own step, not the whole story
            story = "Step frame of the lesson"
            assert "Step 2, " not in root.find(f"{S}desc").text, name
        assert story in root.find(f"{S}desc").text, name  # the same story as the table
        assert root.get("viewBox") and root.get("width").endswith("pt"), name
        assert_safe(root, name)


def assert_safe(root: ET.Element, name: str) -> None:
    for element in root.iter():
        tag = element.tag.split("}")[-1]
        assert tag not in ("script", "foreignObject", "iframe", "image", "use"), (name, tag)
        for attribute, value in element.attrib.items():
            local = attribute.split("}")[-1]
            assert not local.lower().startswith("on"), (name, attribute)
            if local == "href":
                assert value.startswith("#"), (name, value)
            assert "javascript:" not in value.lower(), (name, attribute)
    text = ET.tostring(root, encoding="unicode")
    assert "file:" not in text and "url(" not in text and "@import" not in text, name


def test_tooltips_read_as_labels_never_ids(rendered, seed):
    labels = {c.label for c in seed.lesson.components}
    for name, text in rendered.files.items():
        for g in parse(text).iter(f"{S}g"):
            title = g.find(f"{S}title")
            if title is not None:
                assert not GENERATED_ID.match(title.text or ""), (name, title.text)
                assert "->" not in title.text, (name, title.text)
    overview_titles = {g.find(f"{S}title").text for g in parse(rendered.files["overview.svg"]).iter(f"{S}g")
                       if g.find(f"{S}title") is not None}
    assert labels <= overview_titles
    assert "Step 4: Sidecar Proxy applies policies Sidecar Proxy" in overview_titles


def test_rendering_twice_gives_identical_bytes(seed, rendered):
    again = render(seed, Graphviz())  # a fresh engine instance
    assert again.files == rendered.files
    assert again.inline == rendered.inline


def test_lanes_align_steps_that_do_the_same_thing(rendered):
    root = parse(rendered.files["lanes.svg"])
    centre = {g.get("id"): sum(float(y) for y in [t.get("y") for t in g.findall(f"{S}text")]) /
              len(g.findall(f"{S}text")) for g in root.iter(f"{S}g") if "sd-step" in (g.get("class") or "")}
    tops = {g.get("id"): dot_box(g)[1] for g in root.iter(f"{S}g") if "sd-step" in (g.get("class") or "")}
    assert tops["st1-l1"] == tops["st3-l2"]  # the application calls its proxy, in each lane
    assert tops["st2-l1"] == tops["st5-l2"]  # each proxy forwards to the service; the sidecar's policy step
    assert tops["st1-l1"] < tops["st4-l2"] < tops["st2-l1"]  # sits alone between them (SVG y grows down)
    assert tops["st8-l1"] == tops["st8-l2"]  # a step in both lanes is drawn in both, on one row
    assert tops["st9"] > tops["st8-l1"]  # the closing step, in no lane, follows below
    assert set(centre) == {"st1-l1", "st2-l1", "st8-l1", "st3-l2", "st4-l2", "st5-l2", "st6-l2", "st7-l2",
                           "st8-l2", "st9"}


def dot_box(g: ET.Element) -> tuple[float, float]:
    numbers = [float(n) for child in g if child.tag in (f"{S}path", f"{S}polygon")
               for n in re.findall(r"-?\d+(?:\.\d+)?", child.get("d") or child.get("points"))]
    return min(numbers[0::2]), round(min(numbers[1::2]), 1)


def test_phase_overrides_the_row():
    data = seed_data()
    data["steps"][0]["phase"] = 3  # the library's first step moves to the mesh's third row
    root = parse(render(lesson_of(data)).files["lanes.svg"])
    tops = {g.get("id"): dot_box(g)[1] for g in root.iter(f"{S}g") if "sd-step" in (g.get("class") or "")}
    assert tops["st1-l1"] == tops["st5-l2"]


def test_one_lane_lessons_have_no_side_by_side_view():
    data = seed_data()
    data["lanes"] = data["lanes"][:1]
    for component in data["components"]:
        if component.get("lane") == "mesh":
            component["lane"] = "library"
    for step in data["steps"]:
        if step.get("lanes"):
            step["lanes"] = ["library"]
    result = render(lesson_of(data))
    assert "lanes.svg" not in result.files and "lanes" not in result.inline


def test_sequence_messages_in_step_order_with_linkable_ids(rendered):
    root = parse(rendered.files["sequence.svg"])
    messages = [g for g in root.iter(f"{S}g") if "sd-message" in (g.get("class") or "").split()]
    ids = [g.get("id") for g in messages]
    # the what-if's message sits in its alt box right after its fork (step 6)
    assert ids == [f"m{n}-1" for n in range(1, 7)] + ["y1-8-1"] + [f"m{n}-1" for n in range(7, 9)]
    ys = [min(float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", g.find(f"{S}path").get("d"))[1::2])
          for g in messages]
    assert ys == sorted(ys)  # each message below the one before
    assert [g.find(f"{S}text").text for g in messages][:2] == ["1. calls", "2. forwards"]
    heads = [g.find(f"{S}title").text for g in root.iter(f"{S}g") if "sd-head" in (g.get("class") or "")]
    assert heads == ["Application", "Library Proxy", "Sidecar Proxy", "Control Plane", "Target Service"]
    assert [g.get("id") for g in root.iter(f"{S}g") if "sd-lifeline" in (g.get("class") or "")] == \
        [f"ll{i}" for i in range(1, 6)]
    assert not [g for g in root.iter(f"{S}g") if "sd-anchor" in (g.get("class") or "")]
    assert root.find(f".//{S}g[@id='n9']") is not None  # the step without messages is a note


def test_hostile_labels_render_literally_everywhere():
    data = seed_data()
    for component, text in zip(data["components"], HOSTILE):
        component["label"] = text
    data["steps"][0]["interactions"][0]["label"] = HOSTILE[1]
    data["steps"][1]["action"] = HOSTILE[2]
    data["lanes"][0]["label"] = HOSTILE[6]
    data["steps"][2]["state"] = {data["components"][0]["id"]: HOSTILE[0], data["components"][1]["id"]: HOSTILE[1]}
    lesson = lesson_of(data)
    for source in draw.sources(lesson).values():
        assert "URL" not in source and "href" not in source and "image" not in source
    result = render(lesson)
    for name, text in result.files.items():
        root = parse(text)
        assert_safe(root, name)
        if name in ("overview.svg", "sequence.svg"):
            drawn = " ".join(t.text or "" for t in root.iter(f"{S}text"))
            titles = {t.text for t in root.iter(f"{S}title")}
            for label in HOSTILE[:5]:
                assert label in titles, (name, label)  # tooltips: the whole label, literally
            assert 'say "hi" \\ there' in drawn and "\\N \\G \\l \\E \\T \\H" in drawn
            assert "<b>bold</b> &" in drawn and "a:b;c" in drawn
    lanes = parse(result.files["lanes.svg"])
    assert any(t.text == HOSTILE[6] for t in lanes.iter(f"{S}text"))
    states = " ".join(t.text or "" for g in parse(result.files["step-03.svg"]).iter(f"{S}g")
                      if "sd-state" in (g.get("class") or "") for t in g.iter(f"{S}text"))
    assert 'say "hi" \\ there' in states and "\\N \\G \\l \\E \\T \\H" in states  # states are data too


def test_dot_quoting_leaves_no_escape_sequence():
    assert dot.quote('a "b" \\N') == '"a \\"b\\" \\\\N"'
    assert dot.quote("x" * 32, 22) == '"' + "x" * 32 + '"'  # a long identifier stays whole...
    assert dot.quote("x" * 40, 22) == '"' + "x" * 32 + "\\n" + "x" * 8 + '"'  # ...up to a point


def test_generated_ids_only(seed):
    for view, source in draw.sources(seed).items():
        for line in source.splitlines():
            node = re.match(r'\s+"?([\w-]+)"? \[', line)
            if node and node.group(1) not in ("graph", "node", "edge"):
                assert re.fullmatch(r"(c|s|h|a|n|p|st)[\d-]+(l\d+)?|[a-z]\d+(-\d+)?|fr\d+(-label)?"
                                    r"|[xyu]\d+-\d+-\d+|alt\d+(-label)?", node.group(1)), (view, line)


def test_lesson_page_has_no_duplicate_ids(seed, rendered):
    page = lesson_page(environment(None), seed, rendered, SOURCE, "../../")
    ids = re.findall(r'\sid="([^"]+)"', page)
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert duplicates == []
    assert 'id="sd-service-mesh-vs-library-sq-m4-1"' in page  # the sequence view is inlined
    assert 'id="sd-service-mesh-vs-library-ln-st1-l1"' in page  # and so is the side-by-side view
    assert 'id="sd-service-mesh-vs-library-pl-c3"' in page  # the player keeps its contract


def test_site_css_follows_the_palette_toggle_not_the_system():
    from generator.diagrams.theme import site_css

    css = site_css()
    assert '[data-md-color-scheme="slate"] .sd-diagram' in css
    assert "prefers-color-scheme" not in css


def test_inline_svgs_carry_no_style_and_no_size(rendered):
    for name, text in rendered.inline.items():
        root = parse(text)
        assert root.find(f"{S}style") is None, name
        assert root.get("width") is None and root.get("class") == "sd-diagram", name


def test_sequence_source_pins_every_node(seed):
    source = dot_sequence.sequence(seed)
    assert 'layout="neato"' in source
    nodes = [line for line in source.splitlines() if re.match(r"\s+(h|a|n)\d+(-\d+)? \[", line)]
    assert nodes and all('!"' in line for line in nodes)


def test_lane_labels_cover_every_step(seed):
    labels = dot_lanes.labels(seed)
    assert labels["st8-l1"] == "Step 8, Application: Receives response (Library-based)"
    assert labels["st9"] == "Step 9, End: No more steps"


def lesson_file(name: str) -> LessonFacts:
    return lesson_of(yaml.safe_load((REPO / "content" / f"{name}.yaml").read_text(encoding="utf-8")))


def lane_boxes(root: ET.Element) -> dict[str, tuple[float, float, float, float]]:
    return {g.get("id"): svg.shape_box(g) for g in svg.groups(root, "cluster")}


def test_lanes_read_in_the_authors_order_in_the_overview_and_frames():
    result = render(lesson_file("git-merge-vs-rebase"))
    for name in ("overview.svg", "step-03.svg"):
        boxes = lane_boxes(parse(result.files[name]))
        assert boxes["l1"][3] <= boxes["l2"][1] + 1, (name, boxes)  # git merge (lane 1) above git rebase


def test_overview_keeps_the_most_legible_candidate(rendered, seed):
    layouts = {view: Graphviz().layout(source) for view, source in draw.sources(seed).items()
               if view in layout.OVERVIEW_CANDIDATES}
    ends = edge_ends(seed)
    scores = layout.scores(layouts, layout.OVERVIEW_CANDIDATES, ends)
    chosen = layout.choose(layouts, layout.OVERVIEW_CANDIDATES, ends)
    assert scores[chosen] == min(scores.values())
    width = float(parse(rendered.files["overview.svg"]).get("viewBox").split()[2])
    assert 12 * layout.INLINE.width / width >= layout.MIN_LABEL_PX  # edge labels legible inline
    # The frames are restyled copies of the one chosen layout.
    assert parse(rendered.files["step-04.svg"]).get("viewBox").split()[2] == f"{width:.2f}"


def test_replies_are_ranked_with_their_request(seed):
    source = dot_overview.overview(seed)
    responds = next(line for line in source.splitlines() if 'id="e8-1"' in line)
    # Target (c5) responds to Application (c1): ranked as c1 -> c5, drawn pointing back to c1.
    assert responds.startswith("  c1 -> c5 ") and 'dir="back"' in responds


def test_sequence_labels_sit_in_their_message_and_lifelines_run_under_them():
    result = render(lesson_file("git-merge-vs-rebase"))
    root = parse(result.files["sequence.svg"])
    assert not [g for g in root.iter(f"{S}g") if "sd-msglabel" in (g.get("class") or "")]
    message = root.find(f".//{S}g[@id='m2-1']")
    assert [t.text for t in message.iter(f"{S}text")] == ["2. merge feature (tip Y)"]
    edges = [g.get("id") for g in root.iter(f"{S}g") if "edge" in (g.get("class") or "").split()]
    assert edges.index("ll9") < edges.index("m1-1")  # drawn first, so labels and their halos cover them
    width = float(root.get("viewBox").split()[2])
    assert width < 1300  # nine lifelines spaced by their labels, not 230 pt apart (2,064 pt before)


def test_label_halos_in_every_theme():
    from generator.diagrams.theme import adaptive_css, css_rules, site_css

    for css in (adaptive_css(), site_css(), css_rules("dark")):
        rule = next(line for line in css.splitlines() if ".sd-edge text" in line and "paint-order" in line)
        assert "stroke-linejoin: round" in rule
    assert "stroke: #14171c" in css_rules("dark")  # the dark background, concrete for resvg
    assert "var(--md-default-bg-color" in site_css()  # inline: the page's own background


def test_every_flow_and_overview_is_legible_inline():
    """At a 900 px page column, no kept flow or overview shrinks 12 pt labels below 11 px."""
    import xml.etree.ElementTree as ET

    for folder in sorted((REPO / "diagrams").iterdir()):
        for name in ("flow.svg", "overview.svg"):
            if (folder / name).exists():
                root = ET.fromstring((folder / name).read_text("utf-8").split("-->\n", 1)[1])
                width = float(root.get("viewBox").split()[2])
                assert 12 * layout.INLINE.width / width >= layout.MIN_LABEL_PX, (folder.name, name, width)


def test_only_candidates_that_can_win_are_laid_out(seed, rendered):
    """The player's own candidates wait until the overview's pick is not legible in the player, and a
    source equal to an earlier one is not laid out again; what is drawn is what every layout gives."""
    engine, asked = Graphviz(), []

    class Counting:
        def layout(self, source: str) -> str:
            asked.append(source)
            return engine.layout(source)

    layouts = draw.lay_out(seed, Counting())
    assert not set(draw.TIGHT_CANDIDATES) & set(layouts)  # legible in the player as it is
    assert len(asked) == len(set(asked)) == len(set(draw.sources(seed).values()) - {
        draw.sources(seed)[name] for name in draw.TIGHT_CANDIDATES})
    assert draw.render(seed, layouts, SOURCE).files == rendered.files


def test_player_candidates_are_laid_out_when_they_can_win():
    facts = lesson_file("oauth-pkce-vs-client-credentials")
    layouts = draw.lay_out(facts, Graphviz())
    assert set(draw.TIGHT_CANDIDATES) <= set(layouts)
    assert draw.layout_names(facts, layouts)[1] == "player-tb-between-reversed-tight"
