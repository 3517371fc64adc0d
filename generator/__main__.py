import sys

try:
    from .cli import main

    code = main()
except KeyboardInterrupt:  # Ctrl-C while Python was still importing: nothing was written yet
    print("stepdeck: interrupted; previous output left as it was", file=sys.stderr)
    code = 130
sys.exit(code)
