"""What a build hands a site builder: the staged docs tree, the staged config, and which builder runs.

Everything StepDeck does happens here, before the builder starts, as files: Zensical has no
plugin API (it skips the ``stepdeck`` plugin and never runs ``hooks:``), so the same staged docs
and the same staged config (with the generated nav) go to MkDocs and to Zensical alike. The
builder itself runs in ``runner``, the only module that runs one.

In an existing site (a docs folder with pages a person wrote), a Zensical build stages a copy of
that folder: the author's files byte for byte (hard links to the same bytes), StepDeck's files
under ``<lessons_prefix>/``, ``diagrams/`` and ``assets/`` on top, and the catalog at
``<prefix>/index.md`` when the author has a home page. The author's docs folder is only read.
"""
from __future__ import annotations

from pathlib import Path

from ..core.errors import StepDeckError
from ..model.project import Project
from ..render.pages import GENERATED_MARK
from . import runner, siteconfig, writer

BUILDERS = ("mkdocs", "zensical")
STAGED_CONFIG = "stepdeck-build.yml"
"""Staged (as ``.stepdeck-build.yml.new``) beside the author's config for one build, then deleted."""


def chosen(project: Project, builder: str | None) -> str:
    builder = builder or project.settings.builder
    if builder not in BUILDERS:
        raise StepDeckError(f"unknown builder {builder!r} (known: {', '.join(BUILDERS)})")
    if builder == "mkdocs" and project.config_file.suffix == ".toml":
        raise StepDeckError(f"{project.display(project.config_file)}: the mkdocs builder needs a mkdocs.yml; "
                            "use --builder zensical (or `builder: zensical` in stepdeck.yml)")
    return builder


def _generated(path: Path) -> bool:
    with path.open("rb") as handle:
        return GENERATED_MARK.encode() in handle.read(4096)


def hand_written_pages(project: Project) -> list[str]:
    """Markdown pages in the docs folder that StepDeck did not write (relative, POSIX)."""
    docs = project.docs_dir
    if not docs.is_dir():
        return []
    return sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md") if p.is_file() and not _generated(p))


def catalog_page(project: Project, existing: bool) -> str:
    """``index.md``, or ``<prefix>/index.md`` when the author's site has its own home page."""
    if existing and (project.docs_dir / "index.md").is_file() and not _generated(project.docs_dir / "index.md"):
        return f"{project.settings.lessons_prefix.strip('/')}/index.md"
    return "index.md"


def docs_tree(project: Project, generated: dict[str, bytes], existing: bool) -> dict[str, bytes]:
    """The docs a builder reads: the generated files, over a copy of the author's own in an existing site."""
    if not existing:
        return generated
    tree: dict[str, bytes] = {}
    prefix = project.settings.lessons_prefix.strip("/") + "/"
    for path in sorted(project.docs_dir.rglob("*")):
        relative = path.relative_to(project.docs_dir).as_posix()
        if not path.is_file() or any(part.startswith(".") for part in relative.split("/")):
            continue
        if relative.startswith((prefix, "diagrams/")) and (path.suffix != ".md" or _generated(path)):
            continue  # an earlier StepDeck output in StepDeck's own folders: the new one replaces it
        tree[relative] = path.read_bytes()
    return {**tree, **generated}


def run(project: Project, builder: str, staged_docs: Path, staged_site: Path) -> None:
    """Build ``staged_docs`` into ``staged_site`` with ``builder``, from a staged config with the generated nav."""
    config = siteconfig.read_config(project.config_file)
    doc_paths = sorted(p.relative_to(staged_docs).as_posix() for p in staged_docs.rglob("*") if p.is_file())
    target = project.root / STAGED_CONFIG
    staged_config = writer.staging_path(target)
    writer.recover(target)
    writer.write_file(staged_config, siteconfig.staged_config(project, config, staged_docs, staged_site, doc_paths))
    try:
        if builder == "zensical":
            runner.build_with_zensical(project, staged_config, staged_docs)
        else:
            runner.build_site(project, staged_config, staged_docs, staged_site)
    finally:
        writer.discard([target])
