"""The staged builder configuration: the author's config with StepDeck's docs, site and nav folded in.

A build never edits ``mkdocs.yml`` or ``zensical.toml``. It writes a staged copy beside it (so
every relative path in it means the same), pointing at the staged docs and site folders and
carrying the generated navigation (``navigation.site_nav``); MkDocs and Zensical both read it.
YAML tags the author used (``!ENV``, ``!!python/name:``, ``!relative``) are kept as written:
they are resolved by the builder, never by StepDeck. A ``zensical.toml`` (its ``[project]``
table) becomes the same YAML, which Zensical reads like mkdocs.yml.
"""
from __future__ import annotations

import os
import tomllib
from pathlib import Path

import yaml

from ..core.errors import StepDeckError
from .navigation import site_nav, unlisted_pages


class Tagged:
    """A value under a YAML tag, kept unresolved so the staged config says exactly what the author wrote."""

    def __init__(self, tag: str, value):
        self.tag, self.value = tag, value


class _Loader(yaml.SafeLoader):
    pass


def _tagged(loader: yaml.Loader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.MappingNode):
        value = loader.construct_mapping(node, deep=True)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_scalar(node)
    return Tagged(node.tag, value)


_Loader.add_multi_constructor("!", _tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _tagged)


class _Dumper(yaml.SafeDumper):
    pass


def _represent(dumper: yaml.Dumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


_Dumper.add_representer(Tagged, _represent)


def read_config(path: Path) -> dict:
    """The author's builder configuration as data (tags unresolved)."""
    try:
        if path.suffix == ".toml":
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            data = data.get("project", data)
        else:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}  # noqa: S506 (safe + tags kept)
    except FileNotFoundError as exc:
        raise StepDeckError(f"no mkdocs.yml or zensical.toml in {path.parent}") from exc
    except (OSError, UnicodeDecodeError, yaml.YAMLError, tomllib.TOMLDecodeError) as exc:
        raise StepDeckError(f"{path.name}: {exc}") from exc
    if not isinstance(data, dict):
        raise StepDeckError(f"{path.name}: expected a mapping of settings at the top")
    return data


def staged_config(project, config: dict, docs_dir: Path, site_dir: Path, doc_paths: list[str]) -> bytes:
    """The config a build runs with: ``config`` with the staged folders and the generated nav."""
    staged = dict(config)
    staged["docs_dir"] = os.path.relpath(docs_dir, project.root)
    staged["site_dir"] = os.path.relpath(site_dir, project.root)
    staged["nav"] = site_nav(doc_paths, config.get("nav"), project.settings.lessons_prefix,
                             project.settings.lessons_section)
    unlisted = unlisted_pages(project.settings.lessons_prefix)  # MkDocs' "not in nav" note; Zensical ignores it
    own = config.get("not_in_nav")
    staged["not_in_nav"] = f"{own.rstrip()}\n{unlisted}" if isinstance(own, str) and own.strip() else unlisted
    header = "# Staged by StepDeck for one build from the project's own config; never edit, it is deleted.\n"
    body = yaml.dump(staged, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False)
    return (header + body).encode("utf-8")

