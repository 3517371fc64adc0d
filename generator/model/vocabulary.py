"""The built-in verbs and kinds: which arrow style a verb gets, which shape and colour a kind gets.

Verbs and kinds are open: a lesson may use any verb of one to three lowercase words and any kind
word. These tables only choose the look of the common ones (and give editors their completions);
an unknown verb gets ``DEFAULT_STYLE``, an unknown kind ``DEFAULT_KIND_LOOK``, and ``style:``,
``shape:`` and ``family:`` override the choice. Adding a lesson never needs a code change.
"""
from __future__ import annotations

from types import MappingProxyType

VERB_PATTERN = r"^[a-z]+(?:-[a-z]+)*(?: [a-z]+(?:-[a-z]+)*){0,2}$"
"""One to three lowercase words of letters and hyphens, e.g. `acks` or `writes back`."""
KIND_PATTERN = r"^[a-z]+(?:-[a-z]+)*$"
"""One lowercase word, hyphens allowed, e.g. `exchange` or `consumer-group`."""

STYLES = ("request", "reply", "event", "control", "telemetry", "write")
"""Arrow styles, in the order the guide shows them."""
DEFAULT_STYLE = "request"

STYLE_MEANINGS = MappingProxyType({
    "request": "one side asks the other to do something (solid line)",
    "reply": "an answer going back along a request (dashed line); ranked with its request",
    "event": "a message handed on without waiting for an answer (solid line, open arrowhead)",
    "control": "configuration or control of another part (dotted line, diamond head)",
    "telemetry": "reports, logs and metrics about what happened (dashed line, hollow head)",
    "write": "data written, appended or committed to a store (thick line)",
})

_VERBS_BY_STYLE = {
    "request": ("calls", "requests", "sends", "queries", "fetches", "asks", "invokes", "gets", "posts",
                "polls", "pulls", "looks up", "resolves", "connects", "dials", "opens", "handshakes",
                "authenticates", "logs in", "verifies", "validates", "signs", "encrypts", "decrypts",
                "checks", "reads", "loads", "forwards", "intercepts", "clones", "checks out", "subscribes to", "retries"),
    "reply": ("responds", "returns", "replies", "acknowledges", "acks", "nacks", "redirects", "rejects",
              "answers", "confirms", "grants", "denies", "refuses"),
    "event": ("publishes", "delivers", "pushes", "routes", "issues", "emits", "notifies", "broadcasts",
              "streams", "relays", "dispatches", "fans out", "enqueues", "dequeues", "consumes",
              "replicates", "gossips", "triggers", "signals", "retransmits"),
    "control": ("configures", "subscribes", "unsubscribes", "registers", "deregisters", "assigns",
                "rebalances", "elects", "schedules", "throttles", "revokes", "rotates", "provisions",
                "deploys", "scales", "restarts", "closes", "resets", "tags"),
    "telemetry": ("reports", "logs", "traces", "measures", "audits", "heartbeats", "exports metrics"),
    "write": ("writes", "appends", "commits", "updates", "creates", "stores", "persists", "inserts",
              "deletes", "copies", "moves", "merges", "rebases", "caches", "saves", "flushes", "indexes",
              "records", "compacts", "snapshots"),
}

VERB_STYLES = MappingProxyType({verb: style for style, verbs in _VERBS_BY_STYLE.items() for verb in verbs})
"""Built-in verb -> arrow style. Every verb appears once."""
assert len(VERB_STYLES) == sum(map(len, _VERBS_BY_STYLE.values())), "a verb is listed under two styles"
VERBS = tuple(sorted(VERB_STYLES))
"""The built-in verbs, offered as editor completions."""


def verb_style(verb: str, style: str | None = None) -> str:
    """The arrow style of an interaction: ``style:`` if given, else the table's, else the default."""
    return style or VERB_STYLES.get(verb, DEFAULT_STYLE)


def verbs_of(style: str) -> tuple[str, ...]:
    return _VERBS_BY_STYLE[style]


SHAPES = MappingProxyType({  # shape name -> (Graphviz shape, extra style)
    "box": ("box", ""), "rounded-box": ("box", "rounded"), "dashed-box": ("box", "dashed"),
    "ellipse": ("ellipse", ""), "hexagon": ("hexagon", ""), "component": ("component", ""),
    "box3d": ("box3d", ""), "cds": ("cds", ""), "cylinder": ("cylinder", ""),
    "parallelogram": ("parallelogram", ""), "tab": ("tab", ""), "folder": ("folder", ""),
    "note": ("note", ""), "octagon": ("octagon", ""), "diamond": ("diamond", ""),
    "house": ("house", ""), "trapezium": ("trapezium", ""),
})
"""Shapes a kind can have, by name (``shape:``), and how Graphviz draws each."""
SHAPE_NAMES = tuple(SHAPES)
FAMILY_NAMES = ("blue", "purple", "teal", "orange", "green", "amber", "grey")
"""Colour families (``family:``); the palettes are in ``diagrams.theme``."""

_KINDS = {  # kind -> (shape name, colour family)
    # people and clients
    "actor": ("ellipse", "blue"), "user": ("ellipse", "blue"), "app": ("rounded-box", "blue"),
    "client": ("rounded-box", "blue"), "browser": ("rounded-box", "blue"), "device": ("rounded-box", "blue"),
    "process": ("box", "blue"), "producer": ("rounded-box", "blue"), "consumer": ("rounded-box", "blue"),
    "consumer-group": ("folder", "blue"), "worker": ("box", "blue"),
    # servers and services
    "server": ("box", "green"), "service": ("rounded-box", "green"), "function": ("rounded-box", "green"),
    "container": ("box", "green"), "pod": ("box", "green"), "node": ("box3d", "green"),
    "host": ("box3d", "green"), "database-server": ("box", "green"), "commit": ("ellipse", "green"),
    # the network in between
    "proxy": ("hexagon", "purple"), "sidecar": ("hexagon", "purple"), "gateway": ("hexagon", "purple"),
    "load-balancer": ("hexagon", "purple"), "router": ("hexagon", "purple"), "switch": ("hexagon", "purple"),
    "firewall": ("octagon", "purple"), "exchange": ("hexagon", "purple"), "ref": ("tab", "purple"),
    "network": ("dashed-box", "grey"), "external": ("dashed-box", "grey"), "internet": ("dashed-box", "grey"),
    "working-tree": ("folder", "grey"), "file": ("note", "grey"), "config": ("note", "orange"),
    # control and security
    "control-plane": ("box3d", "orange"), "auth-server": ("box3d", "orange"), "scheduler": ("box3d", "orange"),
    "coordinator": ("box3d", "orange"), "controller": ("box3d", "orange"), "identity-provider": ("box3d", "orange"),
    "certificate-authority": ("box3d", "orange"), "key-store": ("cylinder", "orange"),
    "token": ("tab", "orange"), "secret": ("tab", "orange"),
    # messaging and storage
    "broker": ("cds", "amber"), "queue": ("cds", "amber"), "topic": ("cds", "amber"),
    "partition": ("cds", "amber"), "stream": ("cds", "amber"), "log": ("cylinder", "amber"),
    "store": ("cylinder", "amber"), "database": ("cylinder", "amber"), "cache": ("cylinder", "amber"),
    "repository": ("cylinder", "amber"), "bucket": ("cylinder", "amber"), "index": ("cylinder", "amber"),
    # helpers
    "library": ("component", "teal"), "sdk": ("component", "teal"), "driver": ("component", "teal"),
    "resolver": ("parallelogram", "teal"), "dns": ("parallelogram", "teal"), "branch": ("rounded-box", "teal"),
}
KIND_LOOKS = MappingProxyType(_KINDS)
"""Built-in kind -> (shape name, colour family)."""
KINDS = tuple(sorted(KIND_LOOKS))
"""The built-in kinds, offered as editor completions."""
DEFAULT_KIND_LOOK = ("rounded-box", "grey")
assert all(shape in SHAPES and family in FAMILY_NAMES for shape, family in KIND_LOOKS.values())


def kind_look(kind: str, shape: str | None = None, family: str | None = None) -> tuple[str, str]:
    """(shape name, family) of a component: its overrides, else its kind's, else the default."""
    table_shape, table_family = KIND_LOOKS.get(kind, DEFAULT_KIND_LOOK)
    return shape or table_shape, family or table_family
