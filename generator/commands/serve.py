"""``stepdeck serve``: MkDocs' live-reloading server with StepDeck's fast path (``site.live``: a saved
lesson is re-rendered alone, then a full build catches up), or Zensical's, with StepDeck regenerating
the pages it reads (``site.zensical_preview``)."""
from __future__ import annotations

from ..model.project import Project
from ..site import builders, live
from ..site.zensical_preview import ZensicalPreview


def serve(project: Project, *, port: int = 8000, host: str = "127.0.0.1", open_browser: bool = False,
          builder: str | None = None) -> None:
    if builders.chosen(project, builder) == "zensical":
        ZensicalPreview(project).serve(host=host, port=port, open_browser=open_browser)
    else:
        live.serve(project, port=port, host=host, open_browser=open_browser)
