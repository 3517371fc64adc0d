"""The three output formats, including escaping in GitHub annotations."""
from __future__ import annotations

import json

import pytest

from generator.core.errors import Diagnostic
from generator.check.report import render

D = [Diagnostic("content/b.yaml", 3, 7, "steps[0]", "50% of\nit, here: now", "lint.x", "warning", "fix, it: so"),
     Diagnostic("content/a,b.yaml", 1, 1, "", "no such file", "path.missing")]


def test_text_is_sorted_and_matches_format():
    # A newline in author text must not forge a second diagnostic line in a CI log.
    assert render(D, "text") == ("content/a,b.yaml:1:1: no such file [path.missing]\n"
                                 "content/b.yaml:3:7: steps[0]: warning: 50% of\\u000ait, here: now [lint.x]\n"
                                 "    hint: fix, it: so\n")


def test_github_escapes_data_and_properties():
    assert render(D, "github") == (
        "::error file=content/a%2Cb.yaml,line=1,col=1,title=path.missing::no such file\n"
        "::warning file=content/b.yaml,line=3,col=7,title=lint.x::steps[0]: 50%25 of\\u000ait, here: now%0Ahint: fix, "
        "it: so\n")


def test_json_counts():
    data = json.loads(render(D, "json"))
    assert (data["errors"], data["warnings"]) == (1, 1)
    assert data["diagnostics"][1]["message"] == "50% of\\u000ait, here: now"  # escaped as in text


def test_empty_and_unknown():
    assert render([], "text") == render([], "github") == ""
    assert json.loads(render([], "json")) == {"diagnostics": [], "errors": 0, "warnings": 0}
    with pytest.raises(ValueError, match="unknown format: 'xml'"):
        render(D, "xml")
