"""The Making Data Count variation and assurance icons, as small self-contained SVGs.

Each icon is a circle ringed in the colour of its meaning, with a short row of
dots (variation) or a letter against a target line (assurance), and a
``<title>`` that screen readers announce. There are no scripts, fonts to fetch
or external references, so a report can embed the text as it is. The colours
are NHSRplotthedots' defaults (``ptd_spc_colours``): blue for improvement,
orange for concern, purple for neutral, grey for common cause.

Examples
--------
>>> svg = variation_icon_svg("improvement_high")
>>> svg.startswith("<svg") and "<title>" in svg
True
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from lscbqa._util import fail, found
from lscbqa.indicators.spc import ASSURANCE_TYPES, VARIATION_ICONS

__all__ = ["ICON_COLOURS", "ICON_TITLES", "assurance_icon_svg", "variation_icon_svg"]

#: The colour of each kind of point (NHSRplotthedots ``ptd_spc_colours`` defaults).
ICON_COLOURS = {
    "common_cause": "#a6a6a6",
    "improvement": "#00b0f0",
    "concern": "#e46c0a",
    "neutral": "#490092",
}

#: What each icon says, for its ``<title>`` (and for text beside it in a table).
ICON_TITLES = {
    "common_cause": "Common cause variation: no significant change",
    "improvement_high": "Special cause variation: improvement, higher values",
    "improvement_low": "Special cause variation: improvement, lower values",
    "concern_high": "Special cause variation: concern, higher values",
    "concern_low": "Special cause variation: concern, lower values",
    "neutral_high": "Special cause variation: higher values, neither better nor worse",
    "neutral_low": "Special cause variation: lower values, neither better nor worse",
    "consistent_pass": "Assurance: the target will consistently be met",
    "consistent_fail": "Assurance: the target will consistently be missed",
    "inconsistent": "Assurance: the target will be met and missed at random",
}

# Dot heights (y in a 100 x 100 box) for a calm row and for a row ending high.
_CALM = (50, 44, 54, 47, 53, 45, 50)
_HIGH = (58, 54, 60, 56, 36, 30, 26)


def _frame(name: str, colour: str, body: str, size: int) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        f'viewBox="0 0 100 100" role="img"><title>{escape(ICON_TITLES[name])}</title>'
        f'<circle cx="50" cy="50" r="45" fill="#ffffff" stroke="{colour}" stroke-width="7"/>'
        f"{body}</svg>"
    )


def _check_size(size: object) -> int:
    if isinstance(size, bool) or not isinstance(size, int) or size <= 0:
        fail("$.size", f"expected a whole number of pixels > 0; found {found(size)}")
    return size


def variation_icon_svg(icon: str, *, size: int = 48) -> str:
    """The SVG of a variation icon (an :attr:`~lscbqa.indicators.spc.SpcResult.variation_icon`).

    Parameters
    ----------
    icon : str
        One of :data:`~lscbqa.indicators.spc.VARIATION_ICONS`.
    size : int
        Width and height in pixels.

    Returns
    -------
    str
        A standalone ``<svg>`` element with a ``<title>``.

    Raises
    ------
    lscbqa.exceptions.ValidationError
        If the icon or size is unknown or invalid.

    Examples
    --------
    >>> svg = variation_icon_svg("concern_low", size=32)
    >>> 'width="32"' in svg, "#e46c0a" in svg, "concern, lower values" in svg
    (True, True, True)
    """
    if icon not in VARIATION_ICONS:
        fail("$.icon", f"expected one of {', '.join(VARIATION_ICONS)}; found {found(icon)}")
    size = _check_size(size)
    kind, _, direction = ("common_cause", "", "") if icon == "common_cause" else icon.partition("_")
    colour = ICON_COLOURS[kind]
    heights: tuple[int, ...] = _CALM if icon == "common_cause" else _HIGH
    if direction == "low":
        heights = tuple(100 - y for y in heights)
    dots = []
    for number, y in enumerate(heights):
        fill = colour if number >= 4 or icon == "common_cause" else ICON_COLOURS["common_cause"]
        dots.append(f'<circle cx="{20 + 10 * number}" cy="{y}" r="4.5" fill="{fill}"/>')
    points = " ".join(f"{20 + 10 * n},{y}" for n, y in enumerate(heights))
    line = f'<polyline points="{points}" fill="none" stroke="#a6a6a6" stroke-width="2"/>'
    letter = ""
    if direction:
        letter = (
            f'<text x="50" y="{84 if direction == "low" else 26}" font-family="sans-serif" '
            f'font-size="20" font-weight="bold" text-anchor="middle" fill="{colour}">'
            f"{direction[0].upper()}</text>"
        )
    return _frame(icon, colour, line + "".join(dots) + letter, size)


def assurance_icon_svg(assurance: str, *, size: int = 48) -> str:
    """The SVG of an assurance icon (an :attr:`~lscbqa.indicators.spc.SpcResult.assurance`).

    Parameters
    ----------
    assurance : str
        One of :data:`~lscbqa.indicators.spc.ASSURANCE_TYPES`.
    size : int
        Width and height in pixels.

    Returns
    -------
    str
        A standalone ``<svg>`` element with a ``<title>``: a letter P (pass),
        F (fail) or ? (inconsistent) above a dashed target line.

    Raises
    ------
    lscbqa.exceptions.ValidationError
        If the assurance or size is unknown or invalid.

    Examples
    --------
    >>> svg = assurance_icon_svg("consistent_pass")
    >>> ">P</text>" in svg, "#00b0f0" in svg
    (True, True)
    """
    if assurance not in ASSURANCE_TYPES:
        fail(
            "$.assurance", f"expected one of {', '.join(ASSURANCE_TYPES)}; found {found(assurance)}"
        )
    size = _check_size(size)
    colour, letter = {
        "consistent_pass": (ICON_COLOURS["improvement"], "P"),
        "consistent_fail": (ICON_COLOURS["concern"], "F"),
        "inconsistent": (ICON_COLOURS["common_cause"], "?"),
    }[assurance]
    body = (
        f'<text x="50" y="58" font-family="sans-serif" font-size="40" font-weight="bold" '
        f'text-anchor="middle" fill="{colour}">{letter}</text>'
        '<line x1="18" y1="72" x2="82" y2="72" stroke="#de1b1b" stroke-width="4" '
        'stroke-dasharray="8 5"/>'
    )
    return _frame(assurance, colour, body, size)
