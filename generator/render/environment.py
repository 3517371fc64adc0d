"""The one Jinja environment, and the filters that turn author text into each output language.

HTML templates are autoescaped. Markdown and YAML templates are not, so no
author text may reach them except through a filter that escapes for their
language (``yaml_scalar``), or as front matter through a YAML dumper.
"""
from __future__ import annotations

import json
import re
import string
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, TemplateError, pass_eval_context
from markupsafe import Markup, escape

from ..core.errors import RenderError, printable
from ..model.text import CODE_SPAN

AUTOESCAPED = ("html", "svg", "xml")

# Preprocessors that run on the page source before Markdown (mkdocs-macros' Jinja, pymdownx.critic,
# snippets' and templating plugins' delimiters) are all spelt with these; as character references
# they reach no preprocessor as themselves, and the browser shows the same characters.
INERT = str.maketrans({"{": "&#123;", "}": "&#125;", "%": "&#37;"})
_JSON_INERT = (("{", "\\u007b"), ("}", "\\u007d"), ("%", "\\u0025"))
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


def html_text(text) -> Markup:
    """Author text as HTML: escaped, and inert to every preprocessor (``{``, ``}``, ``%`` as references)."""
    if isinstance(text, Markup):
        return text
    return Markup(str(escape(text)).translate(INERT))


def builtin_templates() -> Path:
    """The shipped ``site_templates/``: beside the package in a checkout, inside it in a wheel."""
    package = Path(__file__).resolve().parent.parent
    checkout = package.parent / "site_templates"
    if checkout.is_dir():
        return checkout
    return package / "_site_templates"


def prose(text: str | None) -> Markup:
    """Plain author text as HTML: blank lines make paragraphs, `backticks` make code."""
    if not text:
        return Markup("")
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return Markup("").join(Markup("<p>{}</p>").format(inline(p)) for p in paragraphs)


def inline(text: str | None) -> Markup:
    """One paragraph of author text on one line, with code spans."""
    if not text:
        return Markup("")
    flat = " ".join(text.split())
    out, last = Markup(""), 0
    for match in CODE_SPAN.finditer(flat):
        out += html_text(flat[last:match.start()]) + Markup("<code>{}</code>").format(html_text(match.group(1)))
        last = match.end()
    return out + html_text(flat[last:])


def markdown_text(text: str) -> Markup:
    """Author text inside a Markdown line (a link's text): on one line, every ASCII punctuation mark as a
    character reference, so no Markdown, HTML or preprocessor syntax can start at it."""
    flat = " ".join(str(text).split())
    return Markup("".join(f"&#{ord(c)};" if c in _PUNCTUATION else c for c in flat))


_PUNCTUATION = frozenset(string.punctuation)


def verbatim(text: str) -> Markup:
    """Author text for <pre>: escaped, with newlines as character references so no line starts with it."""
    return Markup(str(html_text(text)).replace("\n", "&#10;"))


def script_json(data) -> Markup:
    """JSON safe inside <script>: no '<', '>' or '&' can end the block or open a comment, and no
    '{', '}' or '%' inside a string reaches a preprocessor (JSON.parse gives the characters back)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = _JSON_STRING.sub(lambda m: _inert_json(m.group(0)), text)
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                       ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, code)
    return Markup(text)


def _inert_json(string: str) -> str:
    for char, code in _JSON_INERT:
        string = string.replace(char, code)
    return string


@pass_eval_context
def _finalize(eval_ctx, value):
    """Every ``{{ value }}`` of an autoescaped template: plain text gets :func:`html_text`."""
    if eval_ctx.autoescape and isinstance(value, str) and not isinstance(value, Markup):
        return html_text(value)
    return value


def yaml_scalar(value) -> str:
    """Any value as one YAML flow scalar: JSON's double-quoted strings are valid YAML, and
    ASCII-only, so no newline, '#', ': ' or control character can change the document."""
    return json.dumps(value, ensure_ascii=True)


def _autoescape(name: str | None) -> bool:
    return bool(name) and name.rsplit(".", 1)[-1] in AUTOESCAPED


def environment(templates_dir: Path | None) -> Environment:
    """One Jinja environment: the project's overrides first, then the built-ins."""
    search = [p for p in (templates_dir, builtin_templates()) if p and p.is_dir()]
    env = Environment(loader=ChoiceLoader([FileSystemLoader(str(p)) for p in search]),
                      autoescape=_autoescape, undefined=StrictUndefined, keep_trailing_newline=True,
                      trim_blocks=True, lstrip_blocks=True, finalize=_finalize)
    env.filters.update(prose=prose, inline=inline, verbatim=verbatim, script_json=script_json,
                       yaml_scalar=yaml_scalar, one_line=printable,
                       markdown_text=markdown_text)
    return env


def render_template(env: Environment, name: str, **context) -> str:
    """Render one template; a broken template (an override, say) is a RenderError naming where."""
    try:
        return env.get_template(name).render(**context)
    except TemplateError as exc:
        where = f"{exc.filename}:{exc.lineno}: " if getattr(exc, "filename", None) else ""
        raise RenderError(f"template error: {where}{exc}") from exc
