"""Building a lesson's plain data from a YAML event stream, and where each value sits.

The events come from libyaml's C parser or from PyYAML's pure-Python one (``loading`` picks);
both yield the same event classes, with one spelling difference (a plain scalar's style is
``''`` from libyaml, ``None`` from PyYAML), so styles are read by truth value here. Where the
two parsers are known to read the same text differently, the builder raises ``Diverged`` on the
fast path and the file is read again by the reference parser.
"""
from __future__ import annotations

import re

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

from ..model.limits import MAX_INT_CHARS, Limits

_IMPLICIT = {
    "tag:yaml.org,2002:bool": "boolean",
    "tag:yaml.org,2002:int": "number",
    "tag:yaml.org,2002:float": "number",
    "tag:yaml.org,2002:null": "null",
}
FORBIDDEN_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_CONSTRUCTOR = SafeConstructor()
_YAML_TAG = "tag:yaml.org,2002:"


class Abort(Exception):
    """Stop reading a file whose shape alone is an error (nested too deep, several documents)."""


class Diverged(Exception):
    """libyaml read this text differently from PyYAML's reference parser: read it again with that one."""


class TreeBuilder:
    """``strict`` (the libyaml path) raises ``Diverged`` where libyaml and PyYAML part ways."""

    def __init__(self, events, loaded, problems, limits: Limits, strict: bool = False):
        self.events = iter(events)
        self.loaded = loaded
        self.problems = problems
        self.limits = limits
        self.strict = strict
        self.flow = 0  # depth of flow collections ([...] and {...}) around the current event

    def document(self):
        """The one document of the stream: a mapping, or diagnostics saying why not."""
        next(self.events)  # StreamStart
        start = next(self.events)
        if isinstance(start, StreamEndEvent):
            self.problems.add((1, 1), (), "file is empty; a lesson is a YAML mapping", "yaml.empty")
            raise Abort
        first = next(self.events)
        if isinstance(first, DocumentEndEvent) or (isinstance(first, ScalarEvent) and first.value == ""
                                                   and not first.style and first.tag is None):
            self.problems.add((1, 1), (), "file is empty; a lesson is a YAML mapping", "yaml.empty")
            raise Abort
        if not isinstance(first, MappingStartEvent):
            self.problems.add(first.start_mark, (), "the top level must be a mapping of lesson fields",
                              "yaml.top-level")
            raise Abort
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
            raise Abort  # reading on would let the scanner's cost grow with the depth
        self._no_tag(event, path)
        if isinstance(event, ScalarEvent):
            return self.scalar(path, event)
        flow = event.flow_style is True
        self.flow += flow
        value = self.mapping(path) if isinstance(event, MappingStartEvent) else self.sequence(path)
        self.flow -= flow
        return value

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
            elif self.strict and isinstance(e, ScalarEvent) and not e.style and "?" in e.value:
                raise Diverged  # as in scalar(): unread, but it may split differently

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
        if self.strict and not event.style and (not value or self.flow and "?" in value):
            # PyYAML ends a plain scalar at '?' inside [...] or {...}, libyaml does not; and an
            # empty value sits where the previous token ends in one and where the next begins in the other
            raise Diverged
        if FORBIDDEN_CHARS.search(value):
            self.problems.add(event.start_mark, path, "text contains a control character or lone surrogate",
                              "encoding", "remove the escape sequence")
        if event.style or not event.implicit[0]:
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
