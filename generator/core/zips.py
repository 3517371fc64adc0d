"""Zip archives with fixed member timestamps and modes, so the same content gives the same bytes."""
from __future__ import annotations

import io
import zipfile

FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can say; no build date leaks in


def build(members: list[tuple[str, bytes]]) -> bytes:
    """A deflated archive of ``members`` in the order given."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=9)
    return out.getvalue()


def repack(data: bytes) -> bytes:
    """The same archive with fixed timestamps (python-pptx stamps the time of saving)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return build([(info.filename, archive.read(info)) for info in archive.infolist()])
