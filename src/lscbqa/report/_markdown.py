"""Escaping user text for the board report, and the template environments.

HTML is escaped by Jinja2's autoescaping. Markdown has no autoescaping, so the
Markdown environment escapes every ``{{ value }}`` through :func:`escape_markdown`
(its ``finalize`` hook): a template cannot forget to. Text the report builds
itself and has already made safe (an SVG chart, a pre-escaped cell) is wrapped in
:class:`Trusted`, which both environments pass through unchanged.
"""

from __future__ import annotations

import re
from typing import Any

from lscbqa import _util

# Characters that start Markdown syntax inside a line (emphasis, code, links, tables,
# strikethrough, headings, escapes). Markdown renderers also pass raw HTML through, so
# <, > and & are escaped as HTML entities.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~#])")
_HTML_SPECIAL = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")


class Trusted(str):
    """Text already safe for the document it goes into: neither environment escapes it."""

    __slots__ = ()

    def __html__(self) -> str:
        return str(self)


def escape_markdown(value: object) -> str:
    """Text safe to put anywhere in a Markdown line, table cell included.

    HTML special characters become entities, Markdown punctuation is escaped with a
    backslash, and line breaks become spaces (so a cell never breaks its table).
    ``None`` becomes an empty string; :class:`Trusted` text passes unchanged.
    """
    if isinstance(value, Trusted):
        return value
    if value is None:
        return Trusted("")
    text = _LINE_BREAKS.sub(" ", str(value))
    text = "".join(_HTML_SPECIAL.get(character, character) for character in text)
    return Trusted(_MARKDOWN_SPECIAL.sub(r"\\\1", text))


def environments() -> tuple[Any, Any]:
    """The HTML and Markdown Jinja2 environments over the package's templates.

    Raises
    ------
    MissingDependencyError
        If Jinja2 (the ``report`` extra) is not installed.
    """
    jinja2 = _util.import_optional("jinja2", "report")
    options: dict[str, Any] = {
        "loader": jinja2.PackageLoader("lscbqa.report", "templates"),
        "undefined": jinja2.StrictUndefined,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": True,
    }
    html = jinja2.Environment(autoescape=True, **options)
    # Markdown escaping is not HTML escaping: finalize escapes every value instead.
    markdown = jinja2.Environment(autoescape=False, finalize=escape_markdown, **options)
    for environment in (html, markdown):
        environment.filters["number"] = number
        environment.filters["percent"] = percent
    markdown.filters["md"] = escape_markdown
    return html, markdown


def number(value: float | None, digits: int = 2) -> str:
    """A number for a table: rounded, '-' where missing."""
    if value is None or value != value:  # NaN
        return "-"
    return f"{value:.{digits}f}"


def percent(value: float | None) -> str:
    """A share as a whole percentage, '-' where missing."""
    if value is None or value != value:
        return "-"
    return f"{value * 100:.0f}%"
