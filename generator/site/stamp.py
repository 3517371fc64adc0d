"""The site build stamp: whether running the site builder again could change ``site/`` at all.

The stamp is a SHA-256 over everything the builder reads that StepDeck knows of: the builder's
name, the author's config file, the theme override folder and hook files it names, the staged docs
tree (every path and the SHA-256 of its bytes; a cached file's is known without reading it),
StepDeck's code and the package versions (``cache.code_fingerprint``: MkDocs, Material, Zensical
among them), and the build date, because the sitemap carries it. A cold build writes the same
stamp into ``site/``, so ``site/`` stays what a cold build gives; when the new stamp equals the
one in ``site/``, the builder is not run and ``site/`` is kept as it is.
"""
from __future__ import annotations

import datetime
import hashlib
import os
from pathlib import Path

from ..model.project import Project
from .cache import code_fingerprint
from .siteconfig import read_config

STAMP = ".stepdeck-site-stamp"


def build_date() -> str:
    """The date MkDocs writes into the sitemap: today (UTC), or SOURCE_DATE_EPOCH's."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch and epoch.isdigit() \
        else datetime.datetime.now(datetime.timezone.utc)
    return moment.date().isoformat()


def site_stamp(project: Project, builder: str, docs: dict) -> bytes:
    digest = hashlib.sha256(f"{builder}\n{build_date()}\n{code_fingerprint()}\n".encode())
    config = project.config_file
    digest.update(config.read_bytes() if config.is_file() else b"no config")
    for extra in _named_files(project):
        digest.update(f"\n{extra}\n".encode("utf-8", "surrogateescape"))
        digest.update(hashlib.sha256(extra.read_bytes()).digest())
    for path in sorted(docs):
        content = docs[path]
        sha = hashlib.sha256(content).hexdigest() if isinstance(content, bytes) else content.sha
        digest.update(f"\n{path}\0{sha}".encode("utf-8", "surrogateescape"))
    return f"{digest.hexdigest()}\n".encode()


def _named_files(project: Project) -> list[Path]:
    """The theme's ``custom_dir`` and the ``hooks`` files of the config: read by the builder, not in docs."""
    try:
        config = read_config(project.config_file)
    except Exception:  # noqa: BLE001 - an unreadable config: the builder reports it; never a stale stamp
        return [Path("unreadable config")]
    names = []
    theme = config.get("theme") if isinstance(config, dict) else None
    if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
        names.append(theme["custom_dir"])
    hooks = config.get("hooks") if isinstance(config, dict) else None
    names += [h for h in hooks if isinstance(h, str)] if isinstance(hooks, list) else []
    found = []
    for name in names:
        path = project.config_file.parent / name
        found += sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path] if path.is_file() \
            else []
    return found


def unchanged(site_dir: Path, stamp: bytes) -> bool:
    try:
        return (site_dir / STAMP).read_bytes() == stamp
    except OSError:
        return False
