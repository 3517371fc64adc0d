"""Pure SVG post-processing of Graphviz output: parsing, titles, ids, serialising, themes."""
from __future__ import annotations

import copy
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from ..core.errors import RenderError, comment_text
from ..model import ids
from ..model.text import plain_text
from . import sanitize, stylesheet
from .theme import adaptive_css, css_rules
from .xmltext import Writer

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)
_S = f"{{{SVG_NS}}}"
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
PAGE_INERT = str.maketrans({"{": "&#123;", "}": "&#125;", "%": "&#37;"})


def parse(layout_svg: str) -> ET.Element:
    """Parse Graphviz's SVG, dropping the DOCTYPE, comments and the background polygon, and
    everything the allow-list (``sanitize``) does not name. Output that does not parse is a
    RenderError, which the caller reports against the lesson."""
    try:
        body = layout_svg[layout_svg.index("<svg"):]
        root = sanitize.allowed(ET.fromstring(body))  # the default parser drops <!-- --> comments
    except (ValueError, ET.ParseError) as exc:
        raise RenderError(f"Graphviz returned SVG that cannot be read ({exc})") from exc
    graph = root.find(f"{_S}g")
    for child in list(graph):
        if child.tag == f"{_S}polygon":
            graph.remove(child)  # the page background; themes draw their own
    return root


def groups(root: ET.Element, kind: str) -> list[ET.Element]:
    """Node, edge or cluster groups, in document order."""
    return [g for g in root.iter(f"{_S}g") if kind in (g.get("class") or "").split()]


def set_titles(root: ET.Element, labels: dict[str, str], title: str, desc: str) -> None:
    """Tooltips read as labels, not generated ids; the root gets a title and a description."""
    for g in root.iter(f"{_S}g"):
        element_title = g.find(f"{_S}title")
        if element_title is not None and g.get("id") in labels:
            element_title.text = plain_text(labels[g.get("id")])
    for stale in root.findall(f"{_S}title") + root.findall(f"{_S}desc"):
        root.remove(stale)
    graph = root.find(f"{_S}g")
    graph_title = graph.find(f"{_S}title")
    if graph_title is not None:
        graph.remove(graph_title)
    name_image(root, title, desc)


def retitle(root: ET.Element, title: str, desc: str) -> None:
    """A new accessible name and description for a tree ``set_titles`` titled already."""
    for stale in root.findall(f"{_S}title") + root.findall(f"{_S}desc"):
        root.remove(stale)
    name_image(root, title, desc)


def name_image(root: ET.Element, title: str, desc: str) -> None:
    """The accessible name and description every SVG starts with."""
    for tag, text, element_id in (("desc", desc, ids.DESC), ("title", title, ids.TITLE)):
        element = ET.Element(f"{_S}{tag}", {"id": element_id})
        element.text = plain_text(text)
        root.insert(0, element)
    root.set("role", "img")
    root.set("aria-labelledby", f"{ids.TITLE} {ids.DESC}")


def size(root: ET.Element) -> tuple[float, float]:
    _, _, width, height = (float(v) for v in root.get("viewBox").split())
    return width, height


def shape_box(group: ET.Element) -> tuple[float, float, float, float]:
    """Bounding box (x0, y0, x1, y1) of a node's outline, in the graph's coordinates."""
    xs, ys = [], []
    for element in group:
        if element.tag == f"{_S}ellipse":
            cx, cy, rx, ry = (float(element.get(k)) for k in ("cx", "cy", "rx", "ry"))
            xs += [cx - rx, cx + rx]
            ys += [cy - ry, cy + ry]
        elif element.tag in (f"{_S}polygon", f"{_S}path", f"{_S}polyline"):
            numbers = [float(n) for n in _NUMBER.findall(element.get("points") or element.get("d") or "")]
            xs += numbers[0::2]
            ys += numbers[1::2]
    return (min(xs), min(ys), max(xs), max(ys)) if xs else (0.0, 0.0, 0.0, 0.0)


def drop_groups(root: ET.Element, kind: str) -> None:
    """Remove helper groups (invisible anchors) that carry no meaning for a reader."""
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag == f"{_S}g" and kind in (child.get("class") or "").split():
                parent.remove(child)


def drop_ids(root: ET.Element, element_ids: set[str]) -> None:
    """Remove the groups with these ids (interactions of another line of the story)."""
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag == f"{_S}g" and child.get("id") in element_ids:
                parent.remove(child)


def drop_text_fonts(root: ET.Element) -> None:
    """Drop Graphviz's font and colour attributes from every text: every stylesheet StepDeck embeds
    or serves sets both for all text (``theme.css_rules``), and a style rule wins over an attribute."""
    for text in root.iter(f"{_S}text"):
        text.attrib.pop("font-family", None)
        text.attrib.pop("fill", None)


def adopt_labels(root: ET.Element, css_class: str, suffix: str) -> None:
    """Move the text of label nodes (id ``<owner><suffix>``) into their owner's group.

    The sequence view pins each message label as a node of its own; the reader, the
    stylesheet and the player treat it as part of the message, so it ends up there.
    """
    owners = {g.get("id"): g for g in root.iter(f"{_S}g")}
    for parent in list(root.iter()):
        for child in list(parent):
            if child.tag != f"{_S}g" or css_class not in (child.get("class") or "").split():
                continue
            owner = owners.get((child.get("id") or "").removesuffix(suffix))
            if owner is not None:
                owner.extend(t for t in child if t.tag == f"{_S}text")
            parent.remove(child)


def prefix_ids(root: ET.Element, prefix: str) -> None:
    """Make every id unique on a page that inlines several diagrams."""
    for element in root.iter():
        if element.get("id") and not element.get("id").startswith(prefix):
            element.set("id", prefix + element.get("id"))


def to_text(root: ET.Element, *, css: str | None, marker_comment: str = "", writer: Writer | None = None) -> str:
    """Serialise, with an embedded stylesheet for standalone files (none when inlined). The tree is
    left as it is: the stylesheet and background are written, not inserted."""
    inserted: dict[int, list[ET.Element]] = {}
    if css:
        style = ET.Element(f"{_S}style")
        style.text = "\n" + css + "\n"
        inserted[2 if root.find(f"{_S}desc") is not None else 0] = [style]
        width, height = size(root)
        background = ET.Element(f"{_S}rect", {"class": "sd-bg", "x": "0", "y": "0", "width": f"{width:.2f}",
                                              "height": f"{height:.2f}", "fill": "#ffffff"})
        inserted.setdefault(list(root).index(root.find(f"{_S}g")), []).append(background)
    text = (writer or Writer()).document(root, inserted)
    head = f"<!-- {comment_text(marker_comment)} -->\n" if marker_comment else ""
    return head + text + "\n"


def standalone(root: ET.Element, generated_from: str, extra_css: str = "", writer: Writer | None = None) -> str:
    """Follows prefers-color-scheme; ``extra_css`` is view-specific (the animation)."""
    css = stylesheet.cut(adaptive_css(), stylesheet.classes(root) | {"sd-bg"}) + ("\n" + extra_css if extra_css else "")
    return to_text(root, css=css, marker_comment=f"generated from {generated_from} by StepDeck; do not edit",
                   writer=writer)


def fixed_theme(root: ET.Element, theme: str, extra_css: str = "", generated_from: str = "") -> str:
    """One palette as concrete CSS (no variables, no colour-scheme query): for export and resvg."""
    css = stylesheet.cut(css_rules(theme), stylesheet.classes(root) | {"sd-bg"}) + ("\n" + extra_css if extra_css else "")
    comment = f"generated from {generated_from} by StepDeck ({theme} theme)" if generated_from else ""
    return to_text(root, css=css, marker_comment=comment)


def thumbnail(root: ET.Element, theme: str) -> str:
    """A catalog card's picture: ``fixed_theme`` without what an ``<img>`` never shows (tooltips) or
    what the stylesheet sets anyway (text font and colour)."""
    tree = copy.deepcopy(root)
    for group in tree.iter(f"{_S}g"):
        for tooltip in group.findall(f"{_S}title"):
            group.remove(tooltip)
    drop_text_fonts(tree)
    return fixed_theme(tree, theme)


@dataclass(frozen=True)
class PageLinks:
    """What an inline copy carries for the page script: which component each node is, which
    elements open a step in the player. The script reads these attributes; it parses no id."""

    components: dict[str, str] = field(default_factory=dict)  # element id -> component id
    steps: dict[str, int] = field(default_factory=dict)  # element id -> step it opens


MIN_SCALE, MAX_SCALE = 0.6, 1.1
"""An inline diagram never shrinks below 60 % of its drawn size (it scrolls instead), nor grows past 110 %."""


def inline(root: ET.Element, prefix: str, links: PageLinks | None = None) -> str:
    """A copy to put in a page: ids prefixed, sized by the stylesheet, links marked."""
    tree = copy.deepcopy(root)
    _mark_links(tree, links or PageLinks())
    prefix_ids(tree, prefix)
    tree.set("aria-labelledby", f"{prefix}{ids.TITLE} {prefix}{ids.DESC}")
    tree.set("class", "sd-diagram")
    width, _ = size(tree)
    tree.set("style", f"min-width: {round(width * MIN_SCALE)}px; max-width: {round(width * MAX_SCALE)}px")
    for name in ("width", "height"):
        tree.attrib.pop(name, None)
    # An inline copy has no <style>: its braces and percent signs are author text in text and
    # attribute values, where a character reference reads the same and no preprocessor acts on it.
    return to_text(tree, css=None).translate(PAGE_INERT)


def _mark_links(tree: ET.Element, links: PageLinks) -> None:
    for g in tree.iter(f"{_S}g"):
        element_id = g.get("id")
        if element_id in links.components:
            g.set("data-component", links.components[element_id])
        if element_id in links.steps:
            step = links.steps[element_id]
            words = " ".join(" ".join((t.text or "").split()) for t in g.iter(f"{_S}text")).strip()
            g.set("data-step", str(step))
            g.set("tabindex", "0")
            g.set("role", "link")
            g.set("class", f"{g.get('class', '')} sd-link".strip())
            g.set("aria-label", (f"{words}: " if words else "") + f"open step {step} in the player")
    if links.steps:
        tree.set("role", "group")  # it holds links, so it is no longer a plain image
