"""``stepdeck serve``: MkDocs' live-reloading server; the stepdeck plugin generates the pages."""
from __future__ import annotations

from ..site.runner import serve_site as serve

__all__ = ["serve"]
