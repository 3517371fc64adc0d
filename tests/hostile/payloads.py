"""Hostile author text, and a lesson that puts some of it into every text field."""
from __future__ import annotations

import itertools
import json

# One line each: every string must reach the reader as exactly this visible text.
HOSTILE = [
    "<script>alert('xss')</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "[click me](javascript:alert(1))",
    "![pic](http://example.invalid/x.png)",
    "<http://example.invalid/autolink>",
    "Word { onclick=alert(1) } and {: .evil #id }",
    "!!! note \"Admonition title\"",
    "??? danger",
    '=== "Tab title"',
    '--8<-- "/etc/passwd"',
    "{{ 7*7 }} {% raw %} {# comment #}",
    "# Heading one",
    "## Heading two {#custom-id}",
    "<!-- hidden comment -->",
    "</div></section><h1>escaped</h1>",
    "&lt;already escaped&gt; &amp; &#x41;",
    "*emphasis* __strong__ ~~strike~~",
    "| table | row |",
    "    indented code?",
    "```python",
    "> quoted",
    "1. list item",
    "Term\n: definition",
    'He said "hi" & \'bye\' \\ back\\slash',
    "</script><script>alert(2)</script>",
    "<svg onload=alert(3)>",
    "<style>body{display:none}</style>",
    "<iframe src=\"file:///etc/passwd\"></iframe>",
    "[TOC]",
    "{: onclick=\"alert(4)\" }",
    "<details open ontoggle=alert(5)>",
]


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


TITLE = "<img src=x onerror=alert(1)> & </title><script>alert(6)</script>"
SUMMARY = 'Quote " breaks > out: "><script>alert(7)</script>'


def hostile_lesson(texts: list[str], lesson_id: str = "hostile", title: str = TITLE) -> str:
    """A valid lesson whose every text field carries one of ``texts``, cycling through them."""
    pick = itertools.cycle(texts)

    def t() -> str:
        return q(next(pick))

    steps = []
    for n in range(1, 4):
        steps.append(f"""\
  - component: app
    action: {t()}
    result: {t()}
    notes: {t()}
    narration: {t()}
    state: {{app: {t()}}}
    interactions:
      - {{from: app, to: db, verb: reads, label: {t()}}}""")
    return f"""\
schema_version: 1
id: {lesson_id}
title: {q(title)}
subtitle: {t()}
category: {t()}
track: {t()}
duration_minutes: 5
summary: {q(SUMMARY)}
lanes:
  - {{id: left, label: {t()}, description: {t()}}}
  - {{id: right, label: {t()}}}
components:
  - id: app
    label: {t()}
    kind: app
    lane: left
    initial_state: {t()}
    description: {t()}
  - id: db
    label: {t()}
    kind: store
    lane: right
    tracked: false
    description: {t()}
steps:
{chr(10).join(steps)}
  - label: {t()}
    action: {t()}
    result: {t()}
process_flow:
  stages:
    - {{id: ask, label: {t()}}}
    - {{id: answer, label: {t()}}}
  arrows:
    - {{from: ask, to: answer, label: {t()}}}
  caption: {t()}
execution_sample:
  code: {t()}
  caption: {t()}
key_moments:
  - question: {t()}
    answer: {t()}
    steps: [1]
    components: [app]
quiz:
  - question: {t()}
    options:
      - {{text: "Step 1", reason: {t()}}}
      - {{text: {t()}, reason: {t()}}}
    answer: A
    hint: {t()}
    check: {{step: 1}}
snapshot: [{", ".join(q(text) for text in texts)}]  # every text once, as a visible list item
end_note: {t()}
transcript: {t()}
"""
