"""PDF documents from SVG pages: svg2pdf (vector, text kept as text) with a font database holding
only the bundled Liberation Sans, pages joined with pypdf, no date and a content-derived file id."""
from __future__ import annotations

import hashlib
import io
from functools import lru_cache

from ..diagrams.raster import font_files


@lru_cache(maxsize=1)
def _fonts():
    import svg2pdf_py

    database = svg2pdf_py.FontDatabase()  # empty: the machine's fonts never reach a PDF
    for path in font_files():
        database.load_font_file(path)
    return database


def pdf_document(pages: list[str], title: str) -> bytes:
    """One page per SVG text, in order."""
    import svg2pdf_py
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, ByteStringObject, NameObject

    options = svg2pdf_py.ConversionOptions(compress=True, raster_scale=1.0, embed_text=True)
    writer = PdfWriter()
    for pdf in svg2pdf_py.svg_pages_to_pdfs(pages, _fonts(), options):
        reader = PdfReader(io.BytesIO(pdf))
        for page in reader.pages:
            _sort_keys(page, set())  # before pypdf numbers the objects it copies
        writer.append(reader)
    writer.add_metadata({"/Title": title, "/Producer": "StepDeck", "/Creator": "StepDeck"})
    digest = hashlib.md5("\n".join(pages).encode("utf-8")).digest()  # an id, not a secret
    writer._ID = ArrayObject([ByteStringObject(digest), ByteStringObject(digest)])
    writer._info.get_object().pop(NameObject("/CreationDate"), None)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _sort_keys(obj, seen: set[int]) -> None:
    """svg2pdf numbers a page's fonts in hash order, which changes from run to run; pypdf numbers
    objects in the order it meets them, so every dictionary is put in key order before writing."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    if isinstance(obj, IndirectObject):
        if obj.idnum in seen:
            return
        seen.add(obj.idnum)
        obj = obj.get_object()
    if isinstance(obj, DictionaryObject):
        items = sorted(obj.items())
        obj.clear()
        for key, value in items:
            obj[key] = value
            if key != "/Parent":
                _sort_keys(value, seen)
    elif isinstance(obj, ArrayObject):
        for value in obj:
            _sort_keys(value, seen)
