"""Slide exports: framing, label size, backgrounds, PPTX, PDF, GIF/WebP, read back with their own readers."""
from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from generator.check.pipeline import check_project
from generator.cli import main
from generator.diagrams import framing, svg
from generator.diagrams.draw import draw
from generator.diagrams.engine import Graphviz
from generator.model.project import load_project
from generator.render.environment import environment
from generator.render.slidefiles import slide_set
from generator.site import export
from tests.test_diagrams import lesson_of, render, seed_data

REPO = Path(__file__).resolve().parent.parent
S = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def seed():
    facts = lesson_of(seed_data())
    return facts, render(facts)


@pytest.fixture(scope="module")
def sample_lessons():
    """Every sample lesson of this repository, drawn once: (facts, diagrams)."""
    graphviz = Graphviz(30)
    found = check_project(load_project(REPO))
    return {f.lesson_id: (f.lesson.facts, draw(f.lesson.facts, graphviz, f.lesson.source)) for f in found.files}


def line_frames(facts) -> list:
    """The frames the slides show in order: each main frame, and each what-if's frames after its fork's."""
    out = []
    for frame in facts.frames:
        out.append(frame)
        for scenario in facts.scenarios:
            if scenario.fork == frame.number:
                out += scenario.line.frames[frame.number:]
    return out


def slide_count(facts) -> int:
    return 1 + len(line_frames(facts))  # the title slide first


def run(facts, diagrams, **options) -> dict[str, bytes]:
    return export.export_files(environment(None), facts, diagrams, export.ExportOptions(**options), "content/x.yaml")


def framed_root(text: bytes | str) -> ET.Element:
    text = text.decode() if isinstance(text, bytes) else text
    return ET.fromstring(text[text.index("<svg"):])


@pytest.mark.parametrize("aspect, shape", [("16:9", 16 / 9), ("4:3", 4 / 3), ("fit", None)])
def test_framing_centres_the_drawing_with_even_margins(seed, aspect, shape):
    facts, diagrams = seed
    text = run(facts, diagrams, views=("step-03",), fmt="svg", aspect=aspect)["step-03.svg"]
    root = framed_root(text)
    canvas_w, canvas_h = svg.size(root)
    width, height = svg.size(diagrams.trees["step-03"])
    drawing = root.find(f"{S}g[@class='sd-framed']")
    dx, dy = (float(v) for v in re.findall(r"[\d.]+", drawing.get("transform")))
    # the drawing sits at (dx, dy): what is left on the right and at the bottom is the same
    assert canvas_w - width - dx == pytest.approx(dx, abs=0.02)
    assert canvas_h - height - dy == pytest.approx(dy, abs=0.02)
    assert min(dx, dy) >= framing.MARGIN * max(width, height) - 0.01
    if shape:
        assert canvas_w / canvas_h == pytest.approx(shape, rel=1e-3)
        assert float(root.get("width")) / float(root.get("height")) == pytest.approx(shape, rel=1e-3)
    else:
        assert dx == pytest.approx(dy)  # fit: the same margin all round


def test_no_label_under_11_px_on_a_1280_by_720_slide(sample_lessons):
    """Measured from the SVGs' font sizes and the scale of a 1280 px wide 16:9 slide, for every
    step slide of every sample lesson (the densest frames are the test)."""
    smallest = {}
    for lesson_id, (facts, diagrams) in sample_lessons.items():
        pictures = slide_set(facts, diagrams, "light", "16:9", "theme", "x")
        for slide in pictures.slides:
            root = framed_root(slide.text)
            assert (root.get("width"), root.get("height")) == ("1280", "720")
            smallest[f"{lesson_id}/{slide.name}"] = framing.smallest_label_px(root)
    assert min(smallest.values()) >= 11.0 - 1e-6, sorted(smallest.items(), key=lambda kv: kv[1])[:3]


def test_the_measure_sees_a_label_that_is_too_small(seed):
    facts, diagrams = seed
    framed = framing.frame(diagrams.trees["step-01"], "16:9")
    next(framed.iter(f"{S}text")).set("font-size", "3")
    assert framing.smallest_label_px(framed) < 11
    assert framing.grow_small_labels(framed) >= 1 and framing.smallest_label_px(framed) >= 11 - 1e-6


def corner(png: bytes) -> tuple[int, ...]:
    from PIL import Image

    return Image.open(io.BytesIO(png)).convert("RGBA").getpixel((0, 0))


def test_backgrounds_theme_transparent_and_white(seed, project, capsys):
    facts, diagrams = seed
    dark = run(facts, diagrams, views=("step-02",), fmt="png", theme="dark", aspect="16:9")["step-02.png"]
    clear = run(facts, diagrams, views=("step-02",), fmt="png", theme="dark", background="transparent")["step-02.png"]
    white = run(facts, diagrams, views=("step-02",), fmt="png", theme="light", background="white")["step-02.png"]
    assert corner(dark) == (0x14, 0x17, 0x1C, 255) and corner(clear)[3] == 0 and corner(white) == (255, 255, 255, 255)
    assert main(["--project", str(project), "export", "service-mesh-vs-library", "--format", "png",
                 "--theme", "dark", "--background", "white", "--out", str(project / "x")]) == 1
    err = capsys.readouterr().err
    assert "--background white does not go with --theme dark" in err and "Traceback" not in err


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    from tests.conftest import copy_project

    return copy_project(tmp_path_factory.mktemp("slides") / "p", lessons=[REPO / "content" / "service-mesh-vs-library.yaml"])


def test_pptx_has_a_title_and_one_picture_slide_per_step_with_notes(seed):
    from pptx import Presentation
    from PIL import Image

    facts, diagrams = seed
    data = run(facts, diagrams, fmt="pptx")["slides.pptx"]
    deck = Presentation(io.BytesIO(data))
    assert (deck.slide_width, deck.slide_height) == (12192000, 6858000)  # 16:9
    slides = list(deck.slides)
    assert len(slides) == slide_count(facts)
    notes = [s.notes_slide.notes_text_frame.text for s in slides]
    assert notes == [facts.lesson.summary] + [f.narration for f in line_frames(facts)]
    for slide in slides:
        (picture,) = [shape for shape in slide.shapes if shape.shape_type == 13]  # PICTURE
        assert (picture.width, picture.height) == (deck.slide_width, deck.slide_height)
        width, height = Image.open(io.BytesIO(picture.image.blob)).size
        assert width >= 1920 and width * 9 == height * 16
    assert data == run(facts, diagrams, fmt="pptx")["slides.pptx"]  # same bytes: no clock in it


def test_pptx_package_holds_each_png_and_its_svg_linked_by_svg_blip(seed):
    facts, diagrams = seed
    archive = zipfile.ZipFile(io.BytesIO(run(facts, diagrams, fmt="pptx")["slides.pptx"]))
    names = archive.namelist()
    assert sum(n.endswith(".png") for n in names) >= slide_count(facts)
    svgs = [n for n in names if n.endswith(".svg")]
    assert len(svgs) == slide_count(facts)
    assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    slide = archive.read("ppt/slides/slide2.xml").decode()
    rels = archive.read("ppt/slides/_rels/slide2.xml.rels").decode()
    (svg_rel,) = re.findall(r'<asvg:svgBlip [^>]*r:embed="(rId\d+)"', slide)
    assert re.search(rf'Id="{svg_rel}"[^>]*Target="../media/stepdeck-slide-01.svg"', rels) or \
        re.search(rf'Target="../media/stepdeck-slide-01.svg"[^>]*Id="{svg_rel}"', rels)
    assert "image/svg+xml" in archive.read("[Content_Types].xml").decode()
    assert archive.read("ppt/media/stepdeck-slide-01.svg").startswith(b"<!--") or b"<svg" in archive.read(
        "ppt/media/stepdeck-slide-01.svg")[:300]


def test_pdf_has_a_title_page_and_one_vector_page_per_step_with_text(seed):
    from pypdf import PdfReader

    facts, diagrams = seed
    data = run(facts, diagrams, fmt="pdf")["slides.pdf"]
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == slide_count(facts)
    assert facts.lesson.title.split()[0] in reader.pages[0].extract_text()
    for page, frame in zip(reader.pages[1:], line_frames(facts)):
        text = " ".join(page.extract_text().split())
        assert " ".join(frame.caption.split())[:30] in text, (frame.number, text[:200])
        assert "/Image" not in str(page["/Resources"].get("/XObject", {}))  # vector, no raster
        fonts = [f.get_object()["/BaseFont"] for f in page["/Resources"]["/Font"].values()]
        assert fonts and all("LiberationSans" in str(name) for name in fonts), fonts
    assert data == run(facts, diagrams, fmt="pdf")["slides.pdf"]
    assert "/CreationDate" not in str(reader.metadata)


@pytest.mark.parametrize("fmt", ["gif", "webp"])
def test_animation_loops_through_the_step_frames(seed, fmt):
    from PIL import Image

    facts, diagrams = seed
    data = run(facts, diagrams, fmt=fmt, seconds_per_step=1.5)[f"animated.{fmt}"]
    image = Image.open(io.BytesIO(data))
    assert image.n_frames == len(facts.frames) and image.info.get("loop") == 0
    image.seek(1)
    image.load()
    assert image.info["duration"] == 1500
    assert data == run(facts, diagrams, fmt=fmt, seconds_per_step=1.5)[f"animated.{fmt}"]


def test_webp_frames_are_the_step_pngs(seed):
    """Made from the same renders: each lossless WebP frame is the step's PNG, pixel for pixel."""
    from PIL import Image

    facts, diagrams = seed
    animation = Image.open(io.BytesIO(run(facts, diagrams, fmt="webp")["animated.webp"]))
    pngs = run(facts, diagrams, fmt="png", aspect="16:9", views=("step-00", "step-04"))
    for number in (0, 4):
        animation.seek(number)
        still = Image.open(io.BytesIO(pngs[f"step-{number:02d}.png"])).convert("RGBA")
        assert animation.convert("RGBA").tobytes() == still.tobytes()


def test_gif_palette_keeps_the_highlight_red(seed):
    """One palette for all frames: built from the start frame alone, it had no red and the
    current step turned brown."""
    from PIL import Image

    from generator.diagrams.theme import palette

    facts, diagrams = seed
    image = Image.open(io.BytesIO(run(facts, diagrams, fmt="gif")["animated.gif"]))
    image.seek(3)
    red = tuple(int(palette("light")["active"][i:i + 2], 16) for i in (1, 3, 5))
    colours = [c for _, c in image.convert("RGB").getcolors(maxcolors=1 << 16)]
    assert min(sum(abs(a - b) for a, b in zip(c, red)) for c in colours) <= 12
