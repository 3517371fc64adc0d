"""Where a StepDeck project keeps its inputs and outputs, and its settings.

Settings come from an optional ``stepdeck.yml`` beside ``mkdocs.yml``; each
field is typed and documented here, and nothing else holds settings.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..core.errors import StepDeckError
from .limits import UPPER_BOUNDS, Limits


class Settings(BaseModel):
    """Options read from ``stepdeck.yml``."""

    model_config = ConfigDict(extra="forbid", strict=True)

    content_dir: str = Field("content", description="Folder of lesson YAML files.")
    docs_dir: str = Field("docs", description="Generated Markdown pages (git-ignored).")
    diagrams_dir: str = Field("diagrams", description="Generated SVGs (committed).")
    site_dir: str = Field("site", description="Built site.")
    templates_dir: str = Field("site_templates", description="Jinja templates and site assets.")
    lessons_section: str = Field("Lessons", description="Nav section title for the lessons.")
    lessons_prefix: str = Field("lessons", description="URL prefix of lesson pages inside the docs.")
    builder: Literal["mkdocs", "zensical"] = Field(
        "mkdocs", description="Site builder `stepdeck build` and `stepdeck serve` run: `mkdocs` (Material) or "
                              "`zensical`; `--builder` overrides it.")
    silence: list[str] = Field(default_factory=list, description="Warning codes to ignore, e.g. `lint.unused`.")
    limits: dict[str, float] = Field(default_factory=dict, description="Overrides for the caps in Limits.")
    downloads: list[Literal["png", "pptx", "pdf", "gif", "handout"]] = Field(
        default_factory=list, description="Heavier files each lesson page links besides its SVGs and quiz "
        "exports (opt-in, so a large site stays light): png, pptx, pdf, gif, handout.")


@dataclass(frozen=True)
class Project:
    root: Path
    settings: Settings = field(default_factory=Settings)
    limits: Limits = field(default_factory=Limits)

    @property
    def content_dir(self) -> Path:
        return self.root / self.settings.content_dir

    @property
    def docs_dir(self) -> Path:
        return self.root / self.settings.docs_dir

    @property
    def diagrams_dir(self) -> Path:
        return self.root / self.settings.diagrams_dir

    @property
    def site_dir(self) -> Path:
        return self.root / self.settings.site_dir

    @property
    def templates_dir(self) -> Path:
        return self.root / self.settings.templates_dir

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def config_file(self) -> Path:
        """The site's builder configuration: mkdocs.yml, or zensical.toml where a project has only that."""
        toml = self.root / "zensical.toml"
        return toml if toml.is_file() and not self.mkdocs_yml.is_file() else self.mkdocs_yml

    def display(self, path: Path) -> str:
        """A path as diagnostics show it: relative to the project when inside it."""
        # abspath first: a symbolic link is shown where it sits, not where it points.
        for candidate in (Path(os.path.abspath(path)), path.resolve()):
            try:
                return candidate.relative_to(self.root.resolve()).as_posix()
            except ValueError:
                pass
        return str(path)


def load_project(root: Path | None = None) -> Project:
    root = (root or Path.cwd()).resolve()
    config = root / "stepdeck.yml"
    if not config.exists():
        return Project(root)
    try:
        data = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
        settings = Settings.model_validate(data)
    except ValidationError as exc:  # one line per problem, without pydantic's links
        raise StepDeckError("; ".join(f"stepdeck.yml: {'.'.join(map(str, e['loc']))}: {e['msg']}"
                                      for e in exc.errors())) from exc
    except (yaml.YAMLError, UnicodeDecodeError, OSError) as exc:
        raise StepDeckError(f"stepdeck.yml: {exc}") from exc
    except ValueError as exc:  # an integer past Python's 4,300-digit limit
        raise StepDeckError(f"stepdeck.yml: {str(exc).splitlines()[0]}") from exc
    unknown = set(settings.limits) - set(Limits.names())
    if unknown:
        raise StepDeckError(f"stepdeck.yml: limits: unknown cap(s) {sorted(unknown)} (known: {Limits.names()})")
    bad = sorted(k for k, v in settings.limits.items() if not 0 < v < float("inf"))
    if bad:
        raise StepDeckError(f"stepdeck.yml: limits: {', '.join(bad)} must be a positive number")
    high = sorted(k for k, v in settings.limits.items() if k in UPPER_BOUNDS and v > UPPER_BOUNDS[k])
    if high:
        raise StepDeckError("stepdeck.yml: limits: " + ", ".join(f"{k} must be at most {UPPER_BOUNDS[k]:,}"
                                                                 for k in high))
    counts = sorted(k for k, v in settings.limits.items() if isinstance(getattr(Limits(), k), int) and v != int(v))
    if counts:  # int() would round 0.5 down to a cap of 0
        raise StepDeckError(f"stepdeck.yml: limits: {', '.join(counts)} must be a whole number")
    limits = replace(Limits(), **{k: type(getattr(Limits(), k))(v) for k, v in settings.limits.items()})
    _check_folders(root, settings)
    return Project(root, settings, limits)


def _check_folders(root: Path, settings: Settings) -> None:
    """Output folders are replaced wholesale by a build: they must sit inside the project, apart
    from each other and from the inputs, or a typo could swap away content/ or the project."""
    names = ("content_dir", "templates_dir", "docs_dir", "diagrams_dir", "site_dir")
    folders = {name: (root / getattr(settings, name)).resolve() for name in names}
    outputs = ("docs_dir", "diagrams_dir", "site_dir")
    for name in outputs:
        if folders[name] == root or root not in folders[name].parents:
            raise StepDeckError(f"stepdeck.yml: {name}: {getattr(settings, name)!r} must be a folder inside "
                                "the project")
    for name in outputs:
        relative = folders[name].relative_to(root)
        if any(part.startswith(".") for part in relative.parts):
            raise StepDeckError(f"stepdeck.yml: {name}: {getattr(settings, name)!r} is a dot-folder (like .git or "
                                ".venv); a build replaces its output folders whole, so StepDeck never uses one")
        if folders[name].exists() and not folders[name].is_dir():
            raise StepDeckError(f"stepdeck.yml: {name}: {getattr(settings, name)!r} is a file, not a folder; a build "
                                "replaces its output folders whole")
    for name in outputs:
        folder = folders[name]
        for other, path in folders.items():
            if other != name and (path == folder or folder in path.parents or path in folder.parents):
                raise StepDeckError(f"stepdeck.yml: {name}: {getattr(settings, name)!r} overlaps {other} "
                                    f"{getattr(settings, other)!r}")
