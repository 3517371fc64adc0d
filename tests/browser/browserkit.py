"""Constants and small page helpers shared by the browser tests (importable, unlike conftest)."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LESSON = "service-mesh-vs-library"
MODES = ["flow", "steps", "table", "tracker", "lanes", "moments", "quiz", "snapshot", "transcript"]
SHOTS = os.environ.get("STEPDECK_SCREENSHOTS")  # a folder: save screenshots there for a human to look at


def visible_panels(page) -> list[str]:
    return page.eval_on_selector_all(".sd-lesson .sd-panel:not([hidden])", "ps => ps.map(p => p.dataset.mode)")


def player_step(page) -> int:
    return int(page.input_value(".sd-slider"))
