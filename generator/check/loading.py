"""Strict YAML loading that keeps the position of every value.

PyYAML's own loaders expand aliases, honour tags and turn ``no`` into
``False`` silently.  This loader works from the parser's event stream instead,
so it never expands an alias, never constructs a tagged object, and records
where each value came from for located diagnostics.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml
from yaml.constructor import SafeConstructor
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from ..core.errors import Diagnostic
from ..model.limits import MAX_INT_CHARS, Limits

Path_ = tuple  # a YAML path: keys and list indexes from the document root

_IMPLICIT = {
    "tag:yaml.org,2002:bool": "boolean",
    "tag:yaml.org,2002:int": "number",
    "tag:yaml.org,2002:float": "number",
    "tag:yaml.org,2002:null": "null",
}
FORBIDDEN_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_CONSTRUCTOR = SafeConstructor()
_YAML_TAG = "tag:yaml.org,2002:"


@dataclass
class Loaded:
    """A parsed lesson file: plain data plus where every piece of it sits."""

    file: str
    data: object = None
    positions: dict = field(default_factory=dict)  # path -> (line, column) of the value
    key_positions: dict = field(default_factory=dict)  # path -> (line, column) of its key
    implicit: dict = field(default_factory=dict)  # path -> (source text, "boolean"|"number"|"null")
    size: int = 0  # bytes of the lesson's text, for limits.max_output_bytes
    seconds: float = 0.0  # time spent reading and checking it, for limits.lesson_seconds

    def where(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """The closest known position of ``path``, walking up to its parents."""
        path = tuple(path)
        while True:
            table = self.key_positions if key else self.positions
            if path in table:
                return table[path]
            if path in self.positions:
                return self.positions[path]
            if not path:
                return (1, 1)
            path = path[:-1]
            key = False


def format_path(path: Path_) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


class Problems:
    def __init__(self, file: str):
        self.file = file
        self.items: list[Diagnostic] = []

    def add(self, mark, path, message, code, hint=""):
        line, column = (mark.line + 1, mark.column + 1) if hasattr(mark, "line") else mark
        self.items.append(Diagnostic(self.file, line, column, format_path(path), message, code, hint=hint))


class _Abort(Exception):
    """Stop reading a file whose shape alone is an error (nested too deep, several documents)."""


def load_yaml_text(text: str, file: str, limits: Limits) -> tuple[Loaded | None, list[Diagnostic]]:
    """Parse one lesson document from the event stream, lazily.

    Events are pulled one at a time, so a hostile file stops being read at the
    first fatal problem: PyYAML's scanner is quadratic in flow nesting, and a
    megabyte of ``[`` would otherwise take minutes before any check ran.
    """
    problems = Problems(file)
    loaded = Loaded(file, size=len(text.encode("utf-8", "surrogatepass")))
    events = yaml.parse(text, Loader=yaml.SafeLoader)
    try:
        builder = _TreeBuilder(events, loaded, problems, limits)
        loaded.data = builder.document()
    except _Abort:
        pass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        message = (exc.problem or "invalid YAML").strip()
        hint = ""
        if "\t" in message or "'\\t'" in message:
            message, hint = "tab character used for indentation", "indent with spaces"
        problems.add(mark, (), message, "yaml.syntax", hint)
    except yaml.YAMLError as exc:  # reader errors carry no mark in older PyYAML
        problems.add((1, 1), (), str(exc).splitlines()[0], "yaml.syntax")
    return (None if problems.items else loaded), problems.items


class _TreeBuilder:
    def __init__(self, events, loaded: Loaded, problems: Problems, limits: Limits):
        self.events = iter(events)
        self.loaded = loaded
        self.problems = problems
        self.limits = limits

    def document(self):
        """The one document of the stream: a mapping, or diagnostics saying why not."""
        next(self.events)  # StreamStart
        start = next(self.events)
        if isinstance(start, StreamEndEvent):
            self.problems.add((1, 1), (), "file is empty; a lesson is a YAML mapping", "yaml.empty")
            raise _Abort
        first = next(self.events)
        if isinstance(first, DocumentEndEvent) or (isinstance(first, ScalarEvent) and first.value == ""
                                                   and first.style is None and first.tag is None):
            self.problems.add((1, 1), (), "file is empty; a lesson is a YAML mapping", "yaml.empty")
            raise _Abort
        if not isinstance(first, MappingStartEvent):
            self.problems.add(first.start_mark, (), "the top level must be a mapping of lesson fields",
                              "yaml.top-level")
            raise _Abort
        data = self.node((), first)
        next(self.events)  # DocumentEnd
        following = next(self.events)
        if isinstance(following, DocumentStartEvent):
            self.problems.add(following.start_mark, (), "more than one YAML document in the file",
                              "yaml.multi-document", "remove the '---' separator; one lesson per file")
        return data

    def node(self, path, event=None):
        event = event or next(self.events)
        if getattr(event, "anchor", None) is not None and not isinstance(event, AliasEvent):
            self.problems.add(event.start_mark, path, f"anchor '&{event.anchor}' is not allowed", "yaml.anchor",
                              "write the value out in full")
        if isinstance(event, AliasEvent):
            self.problems.add(event.start_mark, path, f"alias '*{event.anchor}' is not allowed", "yaml.alias",
                              "write the value out in full")
            return None
        self.loaded.positions[path] = (event.start_mark.line + 1, event.start_mark.column + 1)
        if len(path) > self.limits.max_depth:
            self.problems.add(event.start_mark, path, f"nested deeper than {self.limits.max_depth} levels",
                              "limit.depth", "flatten the structure, or raise limits.max_depth")
            raise _Abort  # reading on would let the scanner's cost grow with the depth
        self._no_tag(event, path)
        if isinstance(event, MappingStartEvent):
            return self.mapping(path)
        if isinstance(event, SequenceStartEvent):
            return self.sequence(path)
        return self.scalar(path, event)

    def _no_tag(self, event, path):
        tag = getattr(event, "tag", None)
        if tag is not None:
            shown = "!!" + tag[len(_YAML_TAG):] if tag.startswith(_YAML_TAG) else tag
            self.problems.add(event.start_mark, path, f"explicit tag '{shown}' is not allowed", "yaml.tag",
                              "remove the tag; values are plain text, numbers or lists")

    def _skip(self, event):
        depth = 1 if isinstance(event, (MappingStartEvent, SequenceStartEvent)) else 0
        while depth:
            e = next(self.events)
            if isinstance(e, (MappingStartEvent, SequenceStartEvent)):
                depth += 1
            elif isinstance(e, (MappingEndEvent, SequenceEndEvent)):
                depth -= 1

    def mapping(self, path):
        result: dict = {}
        first_seen: dict = {}
        while True:
            key_event = next(self.events)
            if isinstance(key_event, MappingEndEvent):
                return result
            key_path = path + ("<key>",)
            if not isinstance(key_event, ScalarEvent):
                self.problems.add(key_event.start_mark, path, "mapping keys must be plain text", "yaml.key-type")
                self._skip(key_event)
                self.node(path + ("<bad key>",))
                continue
            if key_event.anchor is not None:
                self.problems.add(key_event.start_mark, path, f"anchor '&{key_event.anchor}' is not allowed",
                                  "yaml.anchor", "write the value out in full")
            self._no_tag(key_event, path)
            key = self.scalar(key_path, key_event)
            self.loaded.positions.pop(key_path, None)
            self.loaded.implicit.pop(key_path, None)
            if not isinstance(key, str):
                self.problems.add(key_event.start_mark, path, f"key {key_event.value!r} is read as a "
                                  f"{_IMPLICIT.get(self._resolve(key_event), 'value')}, not text",
                                  "yaml.key-type", f'quote it: "{key_event.value}"')
                key = key_event.value
            mark = (key_event.start_mark.line + 1, key_event.start_mark.column + 1)
            if key in first_seen:
                self.problems.add(mark, path + (key,), f"duplicate key '{key}' (first defined at line "
                                  f"{first_seen[key][0]})", "yaml.duplicate-key", "keep one of the two")
                self.node(path + ("<duplicate>",))
                continue
            first_seen[key] = mark
            self.loaded.key_positions[path + (key,)] = mark
            result[key] = self.node(path + (key,))

    def sequence(self, path):
        result = []
        while True:
            event = next(self.events)
            if isinstance(event, SequenceEndEvent):
                return result
            result.append(self.node(path + (len(result),), event))

    @staticmethod
    def _resolve(event: ScalarEvent) -> str:
        return yaml.SafeLoader.resolve(yaml.SafeLoader, yaml.ScalarNode, event.value, event.implicit)

    def scalar(self, path, event: ScalarEvent):
        value = event.value
        if FORBIDDEN_CHARS.search(value):
            self.problems.add(event.start_mark, path, "text contains a control character or lone surrogate",
                              "encoding", "remove the escape sequence")
        if event.style is not None or not event.implicit[0]:
            return value  # quoted, block or explicitly tagged: text as written
        tag = self._resolve(event)
        if tag not in _IMPLICIT:
            return value  # plain text; implicit timestamps stay text
        self.loaded.implicit[path] = (value, _IMPLICIT[tag])
        node = yaml.ScalarNode(tag, value)
        if tag.endswith(":bool"):
            return _CONSTRUCTOR.construct_yaml_bool(node)
        if tag.endswith(":null"):
            return None
        if tag.endswith(":int"):
            if len(value) > MAX_INT_CHARS:  # Python cannot even print an int past 4,300 digits
                self.problems.add(event.start_mark, path, f"number is {len(value):,} characters long, over the "
                                  f"limit of {MAX_INT_CHARS}", "limit.length", "quote it if you mean text")
                return 0
            return _CONSTRUCTOR.construct_yaml_int(node)
        number = _CONSTRUCTOR.construct_yaml_float(node)
        if number != number or number in (float("inf"), float("-inf")):
            self.problems.add(event.start_mark, path, f"'{value}' is not a finite number", "yaml.non-finite",
                              f'quote it if you mean text: "{value}"')
        return number
