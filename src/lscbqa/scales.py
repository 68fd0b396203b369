"""Rating scales: ordered levels, normalisation to [0, 1], and the built-in scales.

Areas rate the same standards on different scales (Ofsted-style grades, RAG,
0-3 scores, percentages in 5 % steps), so a scale is a value of its own that a
framework or a single criterion names.

Examples
--------
>>> from lscbqa.scales import OFSTED4
>>> OFSTED4.codes
('inadequate', 'requires_improvement', 'good', 'outstanding')
>>> round(OFSTED4.normalise("good"), 3)
0.667
>>> OFSTED4.level_for(0.7).label
'Good'
"""

from __future__ import annotations

import bisect
import enum
import itertools
import math
import numbers
import re
import typing
import warnings
from typing import Any

import attrs

from lscbqa import _util
from lscbqa.exceptions import DuplicateRegistrationWarning, NotFoundError, Problem, ValidationError

__all__ = [
    "MET3",
    "NOT_APPLICABLE",
    "OFSTED4",
    "PERCENT_5",
    "RAG3",
    "SCORE_0_3",
    "YES_NO",
    "Level",
    "RatingScale",
    "ScaleKind",
    "get_scale",
    "register_scale",
    "scale_names",
]

NOT_APPLICABLE = "not_applicable"
"""The level code of an explicit "not applicable" rating, which must carry a reason.

No scale may use it as a level code; a :class:`~lscbqa.assessment.Rating` with this
level needs a ``reason`` and is left out of scores unless a scoring policy says otherwise.

Examples
--------
>>> NOT_APPLICABLE
'not_applicable'
"""

_NOISE = 1e-9
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


class ScaleKind(enum.StrEnum):
    """Whether the distances between a scale's levels mean anything.

    ``ordinal`` levels are only ordered (Ofsted grades); ``interval`` levels are
    evenly meaningful numbers (a 0-3 score, a percentage).

    Examples
    --------
    >>> ScaleKind("interval") is ScaleKind.INTERVAL
    True
    """

    ORDINAL = "ordinal"
    INTERVAL = "interval"


def _to_scale_kind(value: ScaleKind | str) -> ScaleKind:
    """Accept a member or its value; anything else is left for the validator to report."""
    return typing.cast(ScaleKind, _util.as_enum(ScaleKind, value))


def _colour(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, str) and not _COLOUR.fullmatch(value):
        _util.fail(
            _util.field_path(attribute),
            f"expected a colour like '#1A9641'; found {_util.found(value)}",
        )


def _level_code(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value == NOT_APPLICABLE:
        _util.fail(
            _util.field_path(attribute),
            f"{NOT_APPLICABLE!r} is reserved for not-applicable ratings; choose another code",
        )


@attrs.frozen(kw_only=True)
class Level:
    """One level of a rating scale.

    Parameters
    ----------
    code : str
        The id ratings use, e.g. ``"requires_improvement"``.
    label : str
        What people read, e.g. ``"Requires improvement"``.
    value : float
        The level's number; levels of a scale are ordered by it.
    descriptor : str, optional
        What this level means in general; criteria may add their own.
    colour : str, optional
        A ``#RRGGBB`` colour for charts. Colour is never the only signal.

    Examples
    --------
    >>> Level(code="good", label="Good", value=3, colour="#1A9641").value
    3.0
    """

    code: str = attrs.field(metadata=_util.checks(_util.identifier, _level_code))
    label: str = attrs.field(metadata=_util.checks(_util.non_blank))
    value: float = attrs.field(converter=_util.to_float, metadata=_util.checks(_util.finite))
    descriptor: str | None = attrs.field(default=None)
    colour: str | None = attrs.field(default=None, metadata=_util.checks(_colour))

    def __attrs_post_init__(self) -> None:
        _util.validate(self)


@attrs.frozen(kw_only=True)
class RatingScale:
    """An ordered set of levels, lowest first.

    Parameters
    ----------
    id : str
        The scale's name, used by documents to refer to it (``scale = "ofsted4"``).
    title : str
        A readable name.
    levels : sequence of Level
        At least two, with unique codes and strictly increasing values.
    kind : ScaleKind or str, default "ordinal"
        ``"ordinal"`` or ``"interval"``.
    thresholds : sequence of float, optional
        ``len(levels) - 1`` increasing cut points in (0, 1]: a normalised score at
        or above ``thresholds[i]`` reaches level ``i + 1``. By default the cut points
        lie midway between the levels' normalised values.

    Examples
    --------
    >>> scale = RatingScale(
    ...     id="met3",
    ...     title="Met",
    ...     levels=[
    ...         Level(code="not_met", label="Not met", value=0),
    ...         Level(code="partially_met", label="Partially met", value=1),
    ...         Level(code="fully_met", label="Fully met", value=2),
    ...     ],
    ... )
    >>> scale.normalise("partially_met")
    0.5
    >>> scale.cut_points
    (0.25, 0.75)
    >>> scale.level_for(0.8).code
    'fully_met'
    """

    id: str = attrs.field(metadata=_util.checks(_util.identifier))
    title: str = attrs.field(metadata=_util.checks(_util.non_blank))
    levels: tuple[Level, ...] = attrs.field(converter=_util.to_tuple)
    kind: ScaleKind = attrs.field(
        default=ScaleKind.ORDINAL,
        converter=_to_scale_kind,
    )
    thresholds: tuple[float, ...] = attrs.field(
        default=(),
        converter=_util.to_float_tuple,
    )

    def __attrs_post_init__(self) -> None:
        _util.validate(self)
        problems = []
        if len(self.levels) < 2:
            problems.append(
                Problem("$.levels", f"expected at least 2 levels; found {len(self.levels)}")
            )
        seen: dict[str, int] = {}
        for index, level in enumerate(self.levels):
            if level.code in seen:
                problems.append(
                    Problem(
                        f"$.levels[{index}].code",
                        f"expected a unique level code; {level.code!r} is also at index "
                        f"{seen[level.code]}",
                    )
                )
            seen.setdefault(level.code, index)
            if index and level.value <= self.levels[index - 1].value:
                problems.append(
                    Problem(
                        f"$.levels[{index}].value",
                        "expected values increasing from the lowest level to the highest; "
                        f"found {level.value!r} after {self.levels[index - 1].value!r}",
                    )
                )
        if not problems:
            problems.extend(self._spacing_problems())
        if self.thresholds:
            problems.extend(self._threshold_problems())
        if problems:
            raise ValidationError(problems)

    def _spacing_problems(self) -> list[Problem]:
        """Levels must stay apart, in order, once scaled to [0, 1] in floating point."""
        span = self.levels[-1].value - self.levels[0].value
        if not math.isfinite(span):
            return [
                Problem(
                    "$.levels",
                    "expected level values whose range is a finite number; found "
                    f"{self.levels[0].value!r} to {self.levels[-1].value!r}",
                )
            ]
        points = [self._normalised(level.value) for level in self.levels]
        cuts = [(low + high) / 2 for low, high in itertools.pairwise(points)]
        if any(
            not low < cut < high for low, cut, high in zip(points, cuts, points[1:], strict=False)
        ):
            return [
                Problem(
                    "$.levels",
                    "expected level values far enough apart to stay distinct when scaled to "
                    "[0, 1]; some are too close",
                )
            ]
        return []

    def _threshold_problems(self) -> list[Problem]:
        expected = len(self.levels) - 1
        if len(self.thresholds) != expected:
            return [
                Problem(
                    "$.thresholds",
                    f"expected {expected} cut points (one fewer than the levels); "
                    f"found {len(self.thresholds)}",
                )
            ]
        problems = []
        previous = 0.0
        for index, cut in enumerate(self.thresholds):
            if not (math.isfinite(cut) and previous < cut <= 1.0):
                problems.append(
                    Problem(
                        f"$.thresholds[{index}]",
                        f"expected increasing cut points in (0, 1]; found {cut!r}",
                    )
                )
            previous = cut if math.isfinite(cut) else previous
        return problems

    @property
    def codes(self) -> tuple[str, ...]:
        """The level codes, lowest first.

        Examples
        --------
        >>> RAG3.codes
        ('red', 'amber', 'green')
        """
        return tuple(level.code for level in self.levels)

    @property
    def cut_points(self) -> tuple[float, ...]:
        """The thresholds in force: the given ones, or the midpoints between levels.

        Examples
        --------
        >>> tuple(round(cut, 3) for cut in OFSTED4.cut_points)
        (0.167, 0.5, 0.833)
        """
        if self.thresholds:
            return self.thresholds
        points = [self._normalised(level.value) for level in self.levels]
        return tuple((low + high) / 2 for low, high in itertools.pairwise(points))

    def __contains__(self, code: object) -> bool:
        return any(level.code == code for level in self.levels)

    def level(self, code: str) -> Level:
        """Return the level with this code.

        Parameters
        ----------
        code : str
            A level code of this scale.

        Returns
        -------
        Level

        Raises
        ------
        NotFoundError
            If the scale has no such level (the message lists the codes it has).

        Examples
        --------
        >>> OFSTED4.level("good").label
        'Good'
        """
        for level in self.levels:
            if level.code == code:
                return level
        raise NotFoundError(
            f"scale {self.id!r} has no level {code!r}; expected one of "
            + ", ".join(repr(c) for c in self.codes)
        )

    def normalise(self, code: str) -> float:
        """Map a level code to [0, 1]: 0 for the lowest level, 1 for the highest.

        Parameters
        ----------
        code : str
            A level code of this scale.

        Returns
        -------
        float
            ``(value - lowest) / (highest - lowest)``.

        Raises
        ------
        NotFoundError
            If the scale has no such level; ``NOT_APPLICABLE`` has no score.

        Examples
        --------
        >>> PERCENT_5.normalise("35")
        0.35
        """
        return self._normalised(self.level(code).value)

    def _normalised(self, value: float) -> float:
        low, high = self.levels[0].value, self.levels[-1].value
        return (value - low) / (high - low)

    def level_for(self, score: float) -> Level:
        """Map a normalised score in [0, 1] back to a level, through the cut points.

        Parameters
        ----------
        score : float
            A normalised score, 0 <= score <= 1.

        Returns
        -------
        Level
            The highest level whose cut point the score reaches.

        Raises
        ------
        ValidationError
            If the score is not a finite number in [0, 1].

        Examples
        --------
        >>> [OFSTED4.level_for(s).code for s in (0.0, 0.4, 0.5, 1.0)]
        ['inadequate', 'requires_improvement', 'good', 'outstanding']
        """
        # Any real number (numpy's too) will do, but a boolean is not a score.
        is_number = isinstance(score, numbers.Real) and not isinstance(score, bool)
        if not (is_number and math.isfinite(score) and 0 <= score <= 1):
            _util.fail("$", f"expected a score in [0, 1]; found {_util.found(score)}")
        # On a cut point is the higher level, allowing for float noise in computed scores.
        return self.levels[bisect.bisect_right([cut - _NOISE for cut in self.cut_points], score)]


def _scale(
    scale_id: str,
    title: str,
    levels: list[tuple[str, str, float, str | None, str | None]],
    kind: ScaleKind,
) -> RatingScale:
    return RatingScale(
        id=scale_id,
        title=title,
        kind=kind,
        levels=[
            Level(code=code, label=label, value=value, descriptor=descriptor, colour=colour)
            for code, label, value, descriptor, colour in levels
        ],
    )


_RED, _AMBER, _GREEN, _DARK_GREEN = "#D7191C", "#FDAE61", "#1A9641", "#006837"

OFSTED4 = _scale(
    "ofsted4",
    "Ofsted four-point grade",
    [
        (
            "inadequate",
            "Inadequate",
            1,
            "Widespread or serious failures leave children at risk.",
            _RED,
        ),
        (
            "requires_improvement",
            "Requires improvement",
            2,
            "Not yet good; no widespread or serious failures.",
            _AMBER,
        ),
        ("good", "Good", 3, "Consistently effective practice.", _GREEN),
        (
            "outstanding",
            "Outstanding",
            4,
            "Good, and practice that others learn from.",
            _DARK_GREEN,
        ),
    ],
    ScaleKind.ORDINAL,
)
"""Ofsted's four grades (inadequate, requires improvement, good, outstanding), values 1-4."""

RAG3 = _scale(
    "rag3",
    "Red, amber, green",
    [
        ("red", "Red", 1, "Not met.", _RED),
        ("amber", "Amber", 2, "Partly met.", _AMBER),
        ("green", "Green", 3, "Fully met.", _GREEN),
    ],
    ScaleKind.ORDINAL,
)
"""Red, amber, green, where green means fully met; values 1-3."""

MET3 = _scale(
    "met3",
    "Not met, partially met, fully met",
    [
        ("not_met", "Not met", 0, None, _RED),
        ("partially_met", "Partially met", 1, None, _AMBER),
        ("fully_met", "Fully met", 2, None, _GREEN),
    ],
    ScaleKind.ORDINAL,
)
"""Not met, partially met, fully met; values 0-2."""

SCORE_0_3 = _scale(
    "score_0_3",
    "Score 0 to 3",
    [
        ("0", "0", 0, "No arrangements in place.", _RED),
        ("1", "1", 1, "Arrangements in development.", _AMBER),
        ("2", "2", 2, "Arrangements in place.", _GREEN),
        ("3", "3", 3, "Arrangements in place and shown to work.", _DARK_GREEN),
    ],
    ScaleKind.INTERVAL,
)
"""A 0-3 score, as self-assessed and moderated in Greater Manchester and Pan-Cheshire."""

PERCENT_5 = _scale(
    "percent_5",
    "Percentage in steps of 5",
    [(str(value), f"{value}%", value, None, None) for value in range(0, 101, 5)],
    ScaleKind.INTERVAL,
)
"""0-100 % in steps of 5 (codes ``"0"``, ``"5"``, ... ``"100"``), as in the Enable tool."""

YES_NO = _scale(
    "yes_no",
    "Yes or no",
    [("no", "No", 0, None, _RED), ("yes", "Yes", 1, None, _GREEN)],
    ScaleKind.ORDINAL,
)
"""No or yes; values 0-1."""

_REGISTRY: dict[str, RatingScale] = {}


def register_scale(scale: RatingScale) -> RatingScale:
    """Register a scale under its id so that documents can name it.

    Parameters
    ----------
    scale : RatingScale
        The scale; its ``id`` becomes its name.

    Returns
    -------
    RatingScale
        The same scale, so this can wrap a definition.

    Warns
    -----
    DuplicateRegistrationWarning
        If a different scale was registered under the same id; the new one wins.

    Examples
    --------
    >>> five = RatingScale(
    ...     id="example_five",
    ...     title="One to five",
    ...     kind="interval",
    ...     levels=[Level(code=str(v), label=str(v), value=v) for v in range(1, 6)],
    ... )
    >>> register_scale(five) is get_scale("example_five")
    True
    """
    previous = _REGISTRY.get(scale.id)
    if previous is not None and previous != scale:
        warnings.warn(
            f"scale {scale.id!r} was registered before; the new definition replaces it",
            DuplicateRegistrationWarning,
            stacklevel=2,
        )
    _REGISTRY[scale.id] = scale
    return scale


def get_scale(name: str) -> RatingScale:
    """Return the registered scale with this name.

    Parameters
    ----------
    name : str
        A scale id, e.g. ``"ofsted4"``.

    Returns
    -------
    RatingScale

    Raises
    ------
    NotFoundError
        If no scale has that name (the message lists the names known).

    Examples
    --------
    >>> get_scale("rag3") is RAG3
    True
    """
    try:
        return _REGISTRY[name]
    except (KeyError, TypeError):
        known = ", ".join(repr(n) for n in sorted(_REGISTRY))
        raise NotFoundError(f"no scale named {name!r}; known scales: {known}") from None


def scale_names() -> tuple[str, ...]:
    """The names of all registered scales, sorted.

    Examples
    --------
    >>> {"ofsted4", "percent_5", "yes_no"} <= set(scale_names())
    True
    """
    return tuple(sorted(_REGISTRY))


for _builtin in (OFSTED4, RAG3, MET3, SCORE_0_3, PERCENT_5, YES_NO):
    register_scale(_builtin)
