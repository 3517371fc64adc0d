"""The page script's pure functions, unit-tested with node's own test runner (tests/js/)."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
MODULES = REPO / "site_templates" / "assets" / "stepdeck"


def test_node_unit_tests_pass():
    node = shutil.which("node")
    assert node, "node is needed for the page script's unit tests (it comes with npm)"
    done = subprocess.run([node, "--test", "tests/js/"], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    passed = int(re.search(r"^# pass (\d+)$", done.stdout, re.M).group(1))
    assert passed >= 20 and re.search(r"^# fail 0$", done.stdout, re.M)


def test_the_script_measures_nothing_and_parses_no_id():
    """The one protocol: geometry, wrapping and ids come from Python as data and markup."""
    banned = ["getBBox", "getComputedTextLength", "measureText", "getBoundingClientRect().width", "viewBox",
              "RegExp(", "innerHTML", "outerHTML", "insertAdjacentHTML", "createElementNS"]
    for path in sorted(MODULES.glob("*.js")):
        text = path.read_text(encoding="utf-8")
        found = [word for word in banned if word in text]
        assert found == [], (path.name, found)
        assert not re.search(r"\.id\s*\.(match|replace|split|slice)|exec\(\s*\w+\.id", text), path.name
