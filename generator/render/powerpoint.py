"""The PPTX: a title slide, then one full-slide picture per step, with the narration as speaker notes.

python-pptx writes the package; it has no SVG support, so each picture's SVG part
is added here by hand and linked through the ``asvg:svgBlip`` extension that
PowerPoint 2016+ reads, with the PNG (1920 px wide) as the ``a:blip`` every other
reader shows. Timestamps are fixed, in the core properties and the zip alike.
"""
from __future__ import annotations

import datetime as dt
import io

from ..core import zips
from ..model.facts import LessonFacts
from .slidefiles import SlideSet

SVG_EXTENSION = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
ASVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
SLIDE_W_EMU, SLIDE_H_EMU = 12192000, 6858000  # 13.333 x 7.5 in: PowerPoint's own 16:9
PNG_SCALE = 1.5  # 1280 x 720 slide pictures -> 1920 x 1080 px
FIXED_DATE = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)


def _embed_svg(slide, picture, svg_text: str, index: int) -> None:
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI
    from pptx.oxml.ns import qn
    from lxml import etree

    part = Part(PackURI(f"/ppt/media/stepdeck-slide-{index:02d}.svg"), "image/svg+xml", slide.part.package,
                svg_text.encode("utf-8"))
    rel_id = slide.part.relate_to(part, RT.IMAGE)
    blip = picture._element.blipFill.find(qn("a:blip"))
    ext_list = etree.SubElement(blip, qn("a:extLst"))
    ext = etree.SubElement(ext_list, qn("a:ext"), uri=SVG_EXTENSION)
    svg_blip = etree.SubElement(ext, f"{{{ASVG_NS}}}svgBlip", nsmap={"asvg": ASVG_NS})
    svg_blip.set(qn("r:embed"), rel_id)


def _fix_properties(presentation, facts: LessonFacts) -> None:
    props = presentation.core_properties
    props.title = facts.lesson.title
    props.subject = facts.lesson.summary[:255]
    props.author = props.last_modified_by = "StepDeck"
    props.created = props.modified = props.last_printed = FIXED_DATE.replace(tzinfo=None)
    props.revision = 1


def pptx(facts: LessonFacts, pictures: SlideSet) -> bytes:
    from pptx import Presentation
    from pptx.util import Emu

    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Emu(SLIDE_W_EMU), Emu(SLIDE_H_EMU)
    blank = presentation.slide_layouts[6]
    for index, (slide_picture, png) in enumerate(zip(pictures.slides, pictures.pngs(PNG_SCALE))):
        slide = presentation.slides.add_slide(blank)
        slide.name = slide_picture.title[:200]
        picture = slide.shapes.add_picture(io.BytesIO(png), 0, 0, Emu(SLIDE_W_EMU), Emu(SLIDE_H_EMU))
        picture.name = slide_picture.name
        picture._element.nvPicPr.cNvPr.set("descr", slide_picture.title)
        _embed_svg(slide, picture, slide_picture.text, index)
        slide.notes_slide.notes_text_frame.text = slide_picture.notes
    _fix_properties(presentation, facts)
    out = io.BytesIO()
    presentation.save(out)
    return zips.repack(out.getvalue())
