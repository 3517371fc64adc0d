"""``stepdeck generate --check``: whether the committed diagrams are what a build would write."""
from __future__ import annotations

from ..model.project import Project
from ..site.drift import diagram_drift


def stale_diagrams(project: Project) -> list[str]:
    """What ``diagrams/`` lacks, holds in excess or holds out of date; empty when current."""
    return diagram_drift(project)
