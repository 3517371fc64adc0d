"""`stepdeck export`: fixed-theme SVGs, PNGs rasterised with the shipped font, and the HTML deck."""
from __future__ import annotations

import re
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.diagrams import raster
from generator.render.environment import environment
from generator.site import export
from generator.cli import main
from generator.diagrams.theme import palette
from tests.conftest import copy_project
from tests.test_diagrams import assert_safe, parse, render, seed_data, lesson_of

LESSON = "service-mesh-vs-library"
S = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def rendered():
    return render(lesson_of(seed_data()))


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("export") / "project"
    return copy_project(root, lessons=[Path(__file__).resolve().parent.parent / "content" / f"{LESSON}.yaml"])


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_default_export_writes_every_view_as_svg_and_the_deck(project, capsys):
    out = project / "out"
    assert main(["--project", str(project), "export", LESSON, "--out", str(out)]) == 0
    names = sorted(p.name for p in (out / LESSON).iterdir())
    assert names == sorted(["overview.svg", "flow.svg", "lanes.svg", "sequence.svg", "animated.svg", "deck.html"]
                           + [f"step-{n:02d}.svg" for n in range(10)]
                           + [f"what-if-config-stops-{n:02d}.svg" for n in range(6, 10)])
    for path in (out / LESSON).glob("*.svg"):
        text = path.read_text(encoding="utf-8")
        root = parse(text)
        assert_safe(root, path.name)
        assert root.get("viewBox") and float(root.get("width")[:-2]) > 100, path.name
        style = root.find(f"{S}style").text
        assert "var(" not in style and "prefers-color-scheme" not in style, path.name  # theme fixed
        assert str(project) not in text and "/home/" not in text and "/tmp/" not in text, path.name
    assert "exported 20 file(s)" in capsys.readouterr().out


def test_png_export_has_no_animated_png_set_and_uses_the_theme_background(project, capsys):
    out = project / "png"
    assert main(["--project", str(project), "export", LESSON, "--format", "png", "--theme", "dark",
                 "--view", "overview", "--view", "animated", "--out", str(out)]) == 1
    assert "a PNG cannot move: export the animated view with --format gif" in capsys.readouterr().err
    assert main(["--project", str(project), "export", LESSON, "--format", "png", "--out", str(out)]) == 0
    names = sorted(p.name for p in (out / LESSON).iterdir())
    assert names == sorted(["overview.png", "flow.png", "lanes.png", "sequence.png", "deck.html"]
                           + [f"step-{n:02d}.png" for n in range(10)]  # the step PNGs are the animation's frames
                           + [f"what-if-config-stops-{n:02d}.png" for n in range(6, 10)])  # the what-if's, from its fork
    width, height = png_size((out / LESSON / "overview.png").read_bytes())
    assert width > 800 and height > 400  # the picture at 96 dpi (649 x 354 pt), not a thumbnail



@pytest.mark.parametrize("theme", ["light", "dark"])
def test_png_background_is_the_theme_background(rendered, theme, tmp_path):
    data = export.export_files(environment(None), lesson_of(seed_data()), rendered, export.ExportOptions(("overview",), "png", theme),
                        "content/x.yaml")["overview.png"]
    corner = first_pixel(data)
    expected = tuple(int(palette(theme)["background"][i:i + 2], 16) for i in (1, 3, 5)) + (255,)
    assert corner == expected


def first_pixel(data: bytes) -> tuple[int, ...]:
    """The top-left RGBA pixel of an 8-bit RGBA PNG, decoded with zlib alone."""
    import zlib

    width, _ = png_size(data)
    assert data[25] == 6 and data[24] == 8  # colour type RGBA, 8 bits
    chunks, i = b"", 8
    while i < len(data):
        length = struct.unpack(">I", data[i:i + 4])[0]
        kind = data[i + 4:i + 8]
        if kind == b"IDAT":
            chunks += data[i + 8:i + 8 + length]
        i += 12 + length
    raw = zlib.decompress(chunks)
    # On the first row every PNG filter predicts 0 for the first pixel, so its bytes are the pixel.
    return tuple(raw[1:5])


def test_png_text_uses_the_shipped_font_so_output_is_stable(rendered):
    lesson = lesson_of(seed_data())
    options = export.ExportOptions(("step-04",), "png", "light", 1.0)
    first = export.export_files(environment(None), lesson, rendered, options, "x")["step-04.png"]
    assert export.export_files(environment(None), lesson, rendered, options, "x")["step-04.png"] == first
    assert [Path(p).name for p in raster.font_files()] == ["LiberationSans-Bold.ttf", "LiberationSans-Regular.ttf"]


def test_scale_grows_the_intrinsic_size_only(rendered):
    lesson = lesson_of(seed_data())
    one = export.export_files(environment(None), lesson, rendered, export.ExportOptions(("overview",), "svg", "light", 1), "x")
    two = export.export_files(environment(None), lesson, rendered, export.ExportOptions(("overview",), "svg", "light", 2), "x")
    a, b = parse(one["overview.svg"].decode()), parse(two["overview.svg"].decode())
    assert a.get("viewBox") == b.get("viewBox")
    assert float(b.get("width")[:-2]) == 2 * float(a.get("width")[:-2])


def test_bad_arguments_are_reported_without_traceback(project, capsys):
    assert main(["--project", str(project), "export", "nope"]) == 1
    assert "unknown lesson: 'nope' (must be one of ['service-mesh-vs-library'])" in capsys.readouterr().err
    assert main(["--project", str(project), "export", LESSON, "--view", "bogus"]) == 1
    assert "unknown view: 'bogus'" in capsys.readouterr().err


def test_deck_is_one_offline_file(rendered):
    html = export.export_files(environment(None), lesson_of(seed_data()), rendered, export.ExportOptions(("deck",)), "x")["deck.html"].decode()
    # the title, 10 frames, then the what-if's 4 after its fork
    assert html.count('class="deck-slide"') == 14 and html.count('class="deck-slide deck-title"') == 1
    assert not re.search(r'(src|href)="(?!#|data:)', html)  # nothing to fetch
    assert "default-src 'none'" in html
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
