"""The ``stepdeck`` command: a thin layer that calls the library and reports errors."""
from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path

from .check import report
from .core.errors import Diagnostic, LessonsFailed, StepDeckError
from .model.project import Project, load_project
from .model.schema import schema_path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="stepdeck", description="Visual execution lessons from YAML.")
    parser.add_argument("--project", type=Path, default=None, help="project folder (default: current folder)")
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="validate lessons; write nothing")
    check.add_argument("paths", nargs="*", type=Path, help="lesson files or folders (default: content/)")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.add_argument("--format", choices=report.FORMATS, default="text",
                       help="text for people, json for tools, github for workflow annotations")

    new = commands.add_parser("new", help="write a minimal lesson template to content/<ID>.yaml")
    new.add_argument("id", help="lesson id: lowercase words joined by '-'")
    new.add_argument("--lanes", type=int, choices=[1, 2], default=2, help="approaches compared (default: 2)")
    new.add_argument("--steps", type=int, default=4, help="number of steps (default: 4)")

    fmt = commands.add_parser("fmt", help="rewrite lessons in place, changing only the lines it must")
    fmt.add_argument("paths", nargs="*", type=Path, help="lesson files or folders (default: content/)")
    fmt.add_argument("--step-ids", action="store_true", required=True,
                     help="give every step an id, name steps by id instead of number, set schema_version 2")
    fmt.add_argument("--check", action="store_true", help="write nothing; exit 1 when a lesson would change")

    schema_cmd = commands.add_parser("schema", help="write content/lesson.schema.json from the model")
    schema_cmd.add_argument("--check", action="store_true", help="write nothing; exit 1 when it is stale")

    generate = commands.add_parser("generate", help="write diagrams/ and the generated docs pages")
    generate.add_argument("--strict", action="store_true")
    generate.add_argument("--check", action="store_true",
                          help="write nothing; exit 1 when the committed diagrams/ is stale")

    build = commands.add_parser("build", help="generate, then build the site into site/")
    build.add_argument("--strict", action="store_true")
    for command in (generate, build):
        _speed_options(command)
    build.add_argument("--builder", choices=["mkdocs", "zensical"], default=None,
                       help="site builder (default: `builder` in stepdeck.yml, else mkdocs)")

    serve = commands.add_parser("serve", help="preview the site on 127.0.0.1; regenerates and reloads on every change")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    serve.add_argument("--open", action="store_true", help="open the preview in a browser")
    serve.add_argument("--builder", choices=["mkdocs", "zensical"], default=None,
                       help="site builder (default: `builder` in stepdeck.yml, else mkdocs)")

    export = commands.add_parser("export", help="slide-ready SVG/PNG files and an HTML deck for one lesson")
    export.add_argument("lesson", help="lesson id")
    export.add_argument("--view", action="append", default=[], metavar="NAME",
                        help="overview, flow, step-NN, what-if-ID-NN, lanes, sequence, animated or deck; repeat (default: all)")
    export.add_argument("--format", dest="export_format", default="svg",
                        choices=["svg", "png", "deck", "pptx", "pdf", "gif", "webp", "handout", "qti", "moodle",
                                 "gift"])
    export.add_argument("--theme", choices=["light", "dark"], default="light")
    export.add_argument("--scale", type=float, default=1.0, help="size multiplier (default: 1)")
    export.add_argument("--aspect", choices=["16:9", "4:3", "fit"], default=None,
                        help="frame with even margins (default: 16:9 for slide formats, fit for svg/png)")
    export.add_argument("--background", choices=["theme", "transparent", "white"], default="theme",
                        help="theme: the theme's own (default); white is refused with --theme dark")
    export.add_argument("--seconds-per-step", type=float, default=3.0, help="gif/webp: seconds per frame")
    export.add_argument("--out", type=Path, default=None, help="folder (default: ./export); files go in <out>/<lesson>/")
    return parser


def _speed_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--cache-dir", type=Path, default=None,
                         help="lesson cache folder (default: $STEPDECK_CACHE_DIR, else .stepdeck-cache/)")
    command.add_argument("--no-cache", action="store_true", help="check and render every lesson again")
    command.add_argument("--workers", type=int, default=None,
                         help="processes that render lessons (default: $STEPDECK_WORKERS, else min(CPUs, 4))")


def _speed(args) -> dict:
    return {"cache_dir": args.cache_dir, "use_cache": not args.no_cache, "workers": args.workers}


def _on_sigterm(signum, frame):
    raise KeyboardInterrupt  # unwind like Ctrl-C, so staged output is discarded on the way out


def _check(project: Project, args) -> int:
    from .commands.check import check

    result = check(project, [p.resolve() for p in args.paths] or None, strict=args.strict)
    _print_diagnostics(result.diagnostics, args.format)
    print(f"{len(result.lessons)} lesson(s) OK", file=sys.stdout if args.format == "text" else sys.stderr)
    return 0


def _new(project: Project, args) -> int:
    from .commands.new import new_lesson

    path = new_lesson(project, args.id, args.lanes, args.steps)
    print(f"wrote {project.display(path)}; next: stepdeck check --strict {project.display(path)}")
    return 0


def _fmt(project: Project, args) -> int:
    from .commands.fmt import format_lessons

    changed = format_lessons(project, [p.resolve() for p in args.paths] or None, check_only=args.check)
    for path in changed:
        print(f"{'would rewrite' if args.check else 'rewrote'} {project.display(path)}")
    if args.check and changed:
        print("stepdeck: run 'stepdeck fmt --step-ids' and commit the lessons", file=sys.stderr)
        return 1
    if not changed:
        print("every lesson already names its steps by id")
    return 0


def _schema(project: Project, args) -> int:
    from .commands.schema import schema_is_current, write_schema

    shown = project.display(schema_path(project.content_dir))
    if args.check and not schema_is_current(project):
        print(f"stepdeck: {shown} is stale; run 'stepdeck schema' and commit it", file=sys.stderr)
        return 1
    if not args.check:
        write_schema(project)
    print(f"{shown} is up to date")
    return 0


def _generate(project: Project, args) -> int:
    if args.check:
        from .commands.generate import stale_diagrams

        drift = stale_diagrams(project)
        for line in drift:
            print(f"{project.settings.diagrams_dir}/{line}", file=sys.stderr)
        if drift:
            print("stepdeck: diagrams are stale; run 'stepdeck generate' and commit them", file=sys.stderr)
            return 1
        print("diagrams are up to date")
        return 0
    from .commands.build import build

    result = build(project, site=False, strict=args.strict, **_speed(args))
    _print_diagnostics(result.diagnostics, "text")
    print(f"generated {len(result.renderable)} lesson(s) into {project.settings.docs_dir}/ and "
          f"{project.settings.diagrams_dir}/")
    return 0


def _build(project: Project, args) -> int:
    from .commands.build import build

    result = build(project, site=True, strict=args.strict, builder=args.builder, **_speed(args))
    _print_diagnostics(result.diagnostics, "text")
    print(f"built {len(result.renderable)} lesson(s) into {project.settings.site_dir}/")
    return 0


def _export(project: Project, args) -> int:
    from .commands.export import ExportOptions, export

    options = ExportOptions(tuple(args.view), args.export_format, args.theme, args.scale, args.aspect,
                            args.background, args.seconds_per_step)
    written = export(project, args.lesson, options, args.out)
    print(f"exported {len(written)} file(s) into {written[0].parent}" if written else "exported nothing")
    return 0


def _serve(project: Project, args) -> int:
    from .commands.serve import serve  # MkDocs' server is imported only when asked for

    serve(project, port=args.port, open_browser=args.open, builder=args.builder)
    return 0


COMMANDS = {"check": _check, "new": _new, "fmt": _fmt, "schema": _schema, "generate": _generate, "build": _build,
            "export": _export, "serve": _serve}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        return COMMANDS[args.command](load_project(args.project), args)
    except LessonsFailed as exc:
        _print_diagnostics(exc.diagnostics, getattr(args, "format", "text"))
        print(report.summary(exc.diagnostics), file=sys.stderr)
        return 1
    except StepDeckError as exc:
        print(f"stepdeck: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("stepdeck: interrupted; previous output left as it was", file=sys.stderr)
        return 130
    except OSError as exc:  # the machine, not a lesson: a full disk, a permission, a vanished folder
        print(f"stepdeck: error: {exc}", file=sys.stderr)
        return 1


def run() -> None:
    """The console entry point: ``main``, then exit. Once the command is done, a late Ctrl-C or
    SIGTERM changes nothing, so it is ignored rather than left to interrupt the interpreter's
    shutdown with a traceback."""
    code = None
    try:
        code = main()
        _ignore_late_signals()
    except KeyboardInterrupt:  # a SIGTERM or Ctrl-C in the moment between main() and the line above
        _ignore_late_signals()
        if code is None:  # the command itself was cut short; with a code, it had finished
            print("stepdeck: interrupted; previous output left as it was", file=sys.stderr)
            code = 130
    sys.exit(code)


def _ignore_late_signals() -> None:
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, signal.SIG_IGN)


def _print_diagnostics(diagnostics: list[Diagnostic], fmt: str) -> None:
    """Text goes to stderr beside the summary; JSON and annotations go to stdout for the tool reading them."""
    text = report.render(diagnostics, fmt)
    if text:
        print(text, end="", file=sys.stderr if fmt == "text" else sys.stdout)
