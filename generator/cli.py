"""The ``stepdeck`` command: a thin layer that calls the library and reports errors."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build import build as run_build, check as run_check, diagram_drift
from .errors import StepDeckError, ValidationFailed
from .project import load_project


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="stepdeck", description="Visual execution lessons from YAML.")
    parser.add_argument("--project", type=Path, default=None, help="project folder (default: current folder)")
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="validate lessons; write nothing")
    check.add_argument("paths", nargs="*", type=Path, help="lesson files or folders (default: content/)")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.add_argument("--format", choices=["text", "json", "github"], default="text")

    generate = commands.add_parser("generate", help="write diagrams/ and the generated docs pages")
    generate.add_argument("--strict", action="store_true")
    generate.add_argument("--check", action="store_true",
                          help="write nothing; exit 1 when the committed diagrams/ is stale")

    build = commands.add_parser("build", help="generate, then build the site into site/")
    build.add_argument("--strict", action="store_true")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        project = load_project(args.project)
        if args.command == "check":
            result = run_check(project, [p.resolve() for p in args.paths] or None, strict=args.strict)
            for warning in result.warnings:
                print(warning.format(), file=sys.stderr)
            print(f"{len(result.lessons)} lesson(s) OK")
        elif args.command == "generate" and args.check:
            drift = diagram_drift(project)
            for line in drift:
                print(f"{project.settings.diagrams_dir}/{line}", file=sys.stderr)
            if drift:
                print("stepdeck: diagrams are stale; run 'stepdeck generate' and commit them", file=sys.stderr)
                return 1
            print("diagrams are up to date")
        elif args.command == "generate":
            result = run_build(project, site=False, strict=args.strict)
            print(f"generated {len(result.lessons)} lesson(s) into {project.settings.docs_dir}/ and "
                  f"{project.settings.diagrams_dir}/")
        elif args.command == "build":
            result = run_build(project, site=True, strict=args.strict)
            print(f"built {len(result.lessons)} lesson(s) into {project.settings.site_dir}/")
    except ValidationFailed as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic.format(), file=sys.stderr)
        errors = sum(d.severity == "error" for d in exc.diagnostics)
        print(f"stepdeck: {len(exc.diagnostics)} problem(s), {errors} error(s)", file=sys.stderr)
        return 1
    except StepDeckError as exc:
        print(f"stepdeck: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("stepdeck: interrupted; previous output left as it was", file=sys.stderr)
        return 130
    return 0
