"""The built site works when hosted under a subpath: crawl every page under /sub/path/ and fetch every link.

Two sites: this project built by `stepdeck build`, and an existing MkDocs site
with lessons under a nested prefix built by plain `mkdocs build` with the plugin.
"""
from __future__ import annotations

import functools
import os
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from html.parser import HTMLParser
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest

from tests.conftest import copy_project
from tests.test_plugin import ENV, SEED, existing_site, mkdocs_build

pytestmark = pytest.mark.slow
MOUNT = "/sub/path/"
LINK_ATTRS = {"href", "src", "data", "poster", "srcset"}


class SubpathHandler(SimpleHTTPRequestHandler):
    """Serves the site folder under MOUNT only; everything else is a 404."""

    def translate_path(self, path):
        clean = urlsplit(path).path
        if not clean.startswith(MOUNT):
            return "/nonexistent/outside-the-mount"
        return super().translate_path("/" + clean[len(MOUNT):])

    def log_message(self, *args):
        pass


class Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in LINK_ATTRS and value:
                if name == "srcset":
                    self.links += [part.split()[0] for part in value.split(",") if part.strip()]
                elif not (tag == "link" and ("rel", "canonical") in attrs):
                    self.links.append(value)


def crawl(site: Path) -> tuple[set[str], list[str]]:
    """Every page reachable from the mount's home page; the links that did not resolve."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(SubpathHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    seen, broken, queue = set(), [], [base + MOUNT]
    try:
        while queue:
            url = queue.pop()
            if url in seen:
                continue
            seen.add(url)
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    body = response.read()
                    kind = response.headers.get_content_type()
            except urllib.error.HTTPError as exc:
                broken.append(f"{url} ({exc.code})")
                continue
            if kind != "text/html":
                continue
            parser = Links()
            parser.feed(body.decode("utf-8"))
            for link in parser.links:
                if link.startswith(("mailto:", "data:", "javascript:", "#")) or "://" in link and \
                        not link.startswith(base):
                    continue
                target = urldefrag(urljoin(url, link)).url
                if not urlsplit(target).path.startswith(MOUNT):
                    broken.append(f"{url} -> {link} (leaves {MOUNT})")
                else:
                    queue.append(target)
    finally:
        server.shutdown()
        server.server_close()
    return {urlsplit(u).path for u in seen}, broken


def test_stepdeck_site_under_a_subpath(tmp_path):
    root = copy_project(tmp_path / "project", lessons=[SEED])
    done = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=root, env=ENV,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    pages, broken = crawl(root / "site")
    assert broken == []
    assert MOUNT + "lessons/service-mesh-vs-library/" in pages
    # the page links a frame by its step's id (the seed's steps have ids); the numbered copy is beside it
    assert MOUNT + "diagrams/service-mesh-vs-library/step-calls-service-via.svg" in pages
    assert (root / "site" / "diagrams" / "service-mesh-vs-library" / "step-01.svg").is_file()
    assert MOUNT + "assets/stepdeck/boot.js" in pages


def test_existing_site_with_nested_prefix_under_a_subpath(tmp_path):
    root = existing_site(tmp_path / "handbook")
    done = mkdocs_build(root)
    assert done.returncode == 0, done.stderr
    pages, broken = crawl(root / "site")
    assert broken == []
    assert {MOUNT, MOUNT + "on-call/", MOUNT + "learn/visual/", MOUNT + "learn/visual/service-mesh-vs-library/",
            MOUNT + "diagrams/service-mesh-vs-library/overview.svg"} <= pages


def test_the_crawler_finds_broken_links(tmp_path):
    """The check can fail: a root-absolute link and a missing file are both reported."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text('<a href="/lessons/">x</a><img src="missing.svg">', encoding="utf-8")
    _, broken = crawl(site)
    assert len(broken) == 2 and any("leaves" in b for b in broken) and any("(404)" in b for b in broken)
