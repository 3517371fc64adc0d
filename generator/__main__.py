import sys

try:
    from .cli import run
except KeyboardInterrupt:  # Ctrl-C while Python was still importing: nothing was written yet
    print("stepdeck: interrupted; previous output left as it was", file=sys.stderr)
    sys.exit(130)
run()
