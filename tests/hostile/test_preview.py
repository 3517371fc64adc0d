"""Threat: one lesson stopping the preview, and pages that read the drafts through DNS rebinding.

The preview survives any exception from one lesson and shows it on that lesson's page; the server
answers only requests whose ``Host`` is the address it binds to.
"""
from __future__ import annotations

import io

import pytest
from mkdocs.livereload import LiveReloadServer

from generator.model.project import load_project
from generator.site import pool
from generator.site.preview import PreviewGenerator
from generator.site.runner import allowed_hosts, host_checked_server

from .conftest import LESSON, make_project


@pytest.mark.parametrize("error", [ZeroDivisionError("division by zero"), RecursionError("too deep"),
                                   ValueError("Exceeds the limit (4300 digits)"), KeyError("viewBox")])
def test_an_exception_in_one_lesson_becomes_its_error_page(tmp_path, monkeypatch, error):
    root = make_project(tmp_path / "p", {"one.yaml": LESSON.replace("id: tiny", "id: one"),
                                         "two.yaml": LESSON.replace("id: tiny", "id: two")})
    monkeypatch.setenv("STEPDECK_WORKERS", "1")  # the failing draw is patched into this process
    real_draw = pool.draw

    def draw(facts, graphviz, source):
        if facts.lesson.id == "one":
            raise error
        return real_draw(facts, graphviz, source)

    monkeypatch.setattr(pool, "draw", draw)
    preview = PreviewGenerator(load_project(root)).generate()
    assert preview.broken == {"content/one.yaml": "lessons/one.md"}
    page = preview.doc_files["lessons/one.md"].decode()
    assert f"could not be drawn ({type(error).__name__}" in page and "[render]" in page
    assert "content/one.yaml:20:1: steps:" in page  # located, like every other diagnostic
    assert "sd-player" in preview.doc_files["lessons/two.md"].decode()  # the other lesson is unharmed
    monkeypatch.setattr(pool, "draw", real_draw)
    assert not PreviewGenerator(load_project(root)).generate().broken  # fixed: back to normal


def _request(server, host: str) -> tuple[str, bytes]:
    status = []
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/", "QUERY_STRING": "", "SERVER_NAME": "127.0.0.1",
               "SERVER_PORT": "8000", "wsgi.input": io.BytesIO(), "wsgi.url_scheme": "http"}
    if host is not None:
        environ["HTTP_HOST"] = host
    body = b"".join(server.serve_request(environ, lambda s, headers: status.append(s)))
    return status[0], body


@pytest.mark.parametrize("host, allowed", [
    ("127.0.0.1:8000", True), ("localhost:8000", True), ("LOCALHOST:8000", True),
    ("evil.example:8000", False), ("127.0.0.1.evil.example:8000", False), ("127.0.0.1:8001", False),
    ("", False), (None, False), ("localhost", False),
])
def test_the_preview_answers_only_its_own_host(tmp_path, host, allowed):
    (tmp_path / "index.html").write_text("<p>drafts</p>", encoding="utf-8")
    server_class = host_checked_server(LiveReloadServer, allowed_hosts("127.0.0.1", 8000))
    server = server_class(builder=lambda: None, host="127.0.0.1", port=8000, root=str(tmp_path))
    try:
        status, body = _request(server, host)
    finally:
        server.server_close()
    assert status.startswith("200") == allowed, (status, body)
    assert (b"drafts" in body) == allowed


def test_allowed_hosts_follow_the_bound_address():
    assert allowed_hosts("127.0.0.1", 8000) == {"127.0.0.1:8000", "localhost:8000"}
    assert allowed_hosts("::1", 9) == {"[::1]:9", "localhost:9", "127.0.0.1:9"}
    assert allowed_hosts("192.168.1.5", 80) == {"192.168.1.5:80"}
