"""Holding Ctrl-C and SIGTERM back while a step must not be cut in half.

Python runs signal handlers in the main thread whichever thread the signal
reached, so masking the signal in the main thread is not enough once the
engine's timer threads exist. Instead the handlers are swapped for ones that
only note the signal, and the signal is raised again, to the real handler,
when the step is over.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager

HELD = (signal.SIGINT, signal.SIGTERM)


@contextmanager
def held():
    """Defer SIGINT and SIGTERM to the end of the block; they are delivered then, not lost."""
    if threading.current_thread() is not threading.main_thread():
        yield  # handlers can only be changed, and only run, in the main thread
        return
    received: list[int] = []
    previous = {signum: signal.signal(signum, lambda signum, frame: received.append(signum)) for signum in HELD}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if received:
            signal.raise_signal(received[0])


@contextmanager
def sigterm_as_interrupt():
    """SIGTERM ends the block like Ctrl-C, so a server's clean-up (its temporary folders) still runs."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
