"""The animated view: every step frame stacked in one SVG and cycled with CSS.

No script, so it plays when opened alone and inside ``<img>``. Each frame is
a restyled copy of the one laid-out overview, so nothing moves between frames.
All frames share one keyframe rule; a negative delay gives each its slot. A
progress bar in the caption band fills during every frame, so the picture is
never still while it plays. Under ``prefers-reduced-motion: reduce`` the
frames are hidden and one static frame shows instead: the overview with every
step numbered on its actor.
"""
from __future__ import annotations

import copy
import xml.etree.ElementTree as ET

from ..model import ids
from . import svg

SECONDS_PER_FRAME = 3.0
_S = svg._S


def css(frame_count: int, seconds: float = SECONDS_PER_FRAME) -> str:
    total = frame_count * seconds
    share = 100 / frame_count
    rules = [
        f".sd-frame {{ opacity: 0; animation: sd-cycle {total:g}s step-end infinite; }}",
        f"@keyframes sd-cycle {{ 0% {{ opacity: 1; }} {share:.4f}% {{ opacity: 0; }} 100% {{ opacity: 0; }} }}",
        ".sd-static { display: none; }",
        f".sd-progress {{ transform-box: fill-box; transform-origin: 0 0; "
        f"animation: sd-fill {seconds:g}s linear infinite; }}",
        "@keyframes sd-fill { from { transform: scaleX(0); } to { transform: scaleX(1); } }",
    ]
    for index in range(frame_count):
        # Frame k starts k slots in: a negative delay puts it mid-cycle at time zero.
        delay = -((frame_count - index) % frame_count) * seconds
        rules.append(f".sd-frame-{index} {{ animation-delay: {delay:g}s; }}")
    rules.append("@media (prefers-reduced-motion: reduce) {\n"
                 ".sd-frame { animation: none; display: none; }\n"
                 ".sd-progress { animation: none; display: none; }\n"
                 ".sd-static { display: inline; }\n}")
    return "\n".join(rules)


def _layer(frame: ET.Element, css_class: str, id_prefix: str) -> ET.Element:
    """The drawing and caption of one frame, as a group with ids unique in the document."""
    layer = ET.Element(f"{_S}g", {"class": css_class})
    for child in frame:
        if child.tag == f"{_S}g":
            layer.append(copy.deepcopy(child))
    svg.prefix_ids(layer, id_prefix)
    return layer


def animated(frames: list[ET.Element], static: ET.Element, title: str, desc: str,
             seconds: float = SECONDS_PER_FRAME) -> tuple[ET.Element, str]:
    """The animated document and the CSS it needs besides the theme.

    ``frames`` and ``static`` are captioned frames of one layout, so they share
    one viewBox.
    """
    root = ET.Element(f"{_S}svg", {key: value for key, value in static.attrib.items()
                                    if key in ("width", "height", "viewBox")})
    svg.name_image(root, title, desc)
    root.append(_layer(static, "sd-static", ids.STILL_LAYER_PREFIX))
    width, height = svg.size(static)
    for index, frame in enumerate(frames):
        layer = _layer(frame, f"sd-frame sd-frame-{index}", ids.animation_layer_prefix(index))
        root.append(layer)
    ET.SubElement(root, f"{_S}rect", {"class": "sd-progress sd-marker", "x": "12", "y": f"{height - 9:.2f}",
                                      "width": f"{width - 24:.2f}", "height": "3", "rx": "1.5",
                                      "fill": "#d1242f"})
    return root, css(len(frames), seconds)
