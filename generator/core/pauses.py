"""A test hook: stop at a named point of a build until the test lets it go on.

Races between two builds are made deterministic by pausing the first one inside
recovery or inside the swap while a second one starts. Nothing happens unless
``STEPDECK_PAUSE_AT`` names the point; the process then prints one line to stderr
and waits until the file ``STEPDECK_PAUSE_GO`` exists (at most 120 s).
"""
from __future__ import annotations

import os
import sys
import time

RECOVER, SWAP = "recover", "swap"


def pause(point: str) -> None:
    if os.environ.get("STEPDECK_PAUSE_AT") != point:
        return
    go = os.environ.get("STEPDECK_PAUSE_GO", "")
    print(f"stepdeck: paused at {point}", file=sys.stderr, flush=True)
    deadline = time.monotonic() + 120
    while go and not os.path.exists(go) and time.monotonic() < deadline:
        time.sleep(0.02)
