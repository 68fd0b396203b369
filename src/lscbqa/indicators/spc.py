"""Statistical process control: XmR charts with the NHS "Making Data Count" rules.

:func:`xmr` charts one series; :func:`xmr_many` charts many at once (an array
whose last axis is time, or every series of a panel) in whole-array operations,
with the same results as :func:`xmr` on each. The arithmetic and the rules are
those of the R package NHSRplotthedots (v0.2.x), the reference implementation of
Making Data Count; ``docs/spc.md`` states every rule in plain words.

Examples
--------
>>> result = xmr([3, 2, 3, 1, 2, 3, 2, 1, 3, 2, 1, 2, 3, 9])
>>> round(float(result.mean[0]), 3), round(float(result.upper_limit[0]), 3)
(2.643, 5.746)
>>> str(result.rules[-1]), str(result.point_types[-1]), result.variation_icon
('above_upper_limit', 'special_cause_improvement', 'improvement_high')
"""

from __future__ import annotations

import itertools
import math
import numbers
import warnings
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from lscbqa._util import fail, found, join_path
from lscbqa.exceptions import TrialLimitsWarning
from lscbqa.indicators import _spc
from lscbqa.indicators.series import Panel, Series
from lscbqa.measures import Indicator
from lscbqa.periods import Period

__all__ = [
    "ASSURANCE_TYPES",
    "IMPROVEMENT_DIRECTIONS",
    "POINT_TYPES",
    "SPECIAL_CAUSE_RULES",
    "TRIAL_LIMITS_BELOW",
    "VARIATION_ICONS",
    "SpcResult",
    "SpcTable",
    "assurance",
    "xmr",
    "xmr_many",
]

#: The type of each point, by code (``SpcTable.point_type_codes``).
POINT_TYPES = (
    "common_cause",
    "special_cause_improvement",
    "special_cause_concern",
    "special_cause_neutral_high",
    "special_cause_neutral_low",
)
#: The rule that made each point special cause, by code (``SpcTable.rule_codes``);
#: the R package's ``special_cause_type`` under lower-case names.
SPECIAL_CAUSE_RULES = (
    "common_cause",
    "above_upper_limit",
    "below_lower_limit",
    "trend_increasing",
    "trend_decreasing",
    "two_in_three_above",
    "two_in_three_below",
    "run_above",
    "run_below",
)
#: The variation icon of a series, by code (``SpcTable.variation_icon_codes``).
VARIATION_ICONS = (
    "common_cause",
    "improvement_high",
    "improvement_low",
    "concern_high",
    "concern_low",
    "neutral_high",
    "neutral_low",
)
#: The assurance of a series, by code (``SpcTable.assurance_codes``; -1 for none).
ASSURANCE_TYPES = ("consistent_pass", "consistent_fail", "inconsistent")
#: The improvement directions, and the indicator polarities read as one.
IMPROVEMENT_DIRECTIONS = {
    "increase": 1,
    "decrease": -1,
    "neutral": 0,
    "higher_is_better": 1,
    "lower_is_better": -1,
    "within_band": 0,
}
#: A period with fewer points than this has trial limits (NHSRplotthedots'
#: ``ptd_spc.warning_threshold`` default): :class:`TrialLimitsWarning`.
TRIAL_LIMITS_BELOW = 13

_DIRECTION_NAMES = {1: "increase", -1: "decrease", 0: "neutral"}
_FIX_AT_LEAST = 12  # as NHSRplotthedots' ptd_spc_options() requires

FloatArray = npt.NDArray[np.float64]
PositionOf = Callable[[object, str], int]


def _read_only(array: npt.NDArray[Any]) -> npt.NDArray[Any]:
    array.flags.writeable = False
    return array


_POINT_TYPE_NAMES = _read_only(np.array(POINT_TYPES))
_RULE_NAMES = _read_only(np.array(SPECIAL_CAUSE_RULES))
_ICON_NAMES = _read_only(np.array(VARIATION_ICONS))


@attrs.frozen(kw_only=True, eq=False)
class SpcResult:
    """An XmR chart of one series: limits, point types, assurance and variation icon.

    The arrays hold one value per point, in period order, and are read-only.
    Build one with :func:`xmr`.

    Attributes
    ----------
    values : ndarray of float
        The series (NaN for a missing value).
    mean, lower_limit, upper_limit : ndarray of float
        Centre line and process limits (mean -/+ 2.66 x mean moving range) of
        each point's period.
    lower_near_limit, upper_near_limit : ndarray of float
        Two-thirds of the way from the mean to each limit ("2 sigma").
    point_types : ndarray of str
        One of :data:`POINT_TYPES` per point.
    rules : ndarray of str
        The rule that made each point special cause, one of
        :data:`SPECIAL_CAUSE_RULES` (``"common_cause"`` for none).
    period_index : ndarray of int
        The period of each point: 0, then one more after each rebase.
    improvement_direction : str
        ``"increase"``, ``"decrease"`` or ``"neutral"``.
    target : float or None
        The target the assurance was judged against.
    assurance : str or None
        One of :data:`ASSURANCE_TYPES`; None without a target or when neutral.
    variation_icon : str
        One of :data:`VARIATION_ICONS`, from the last point.
    trial_limits : bool
        Whether a period has fewer than :data:`TRIAL_LIMITS_BELOW` points.

    Examples
    --------
    >>> result = xmr([3, 2, 3, 1, 2, 3, 2, 1, 3, 2, 1, 2, 3, 2], target=6.0)
    >>> result.assurance, result.variation_icon, result.trial_limits
    ('consistent_fail', 'common_cause', False)
    """

    values: FloatArray = attrs.field(repr=False)
    mean: FloatArray = attrs.field(repr=False)
    lower_limit: FloatArray = attrs.field(repr=False)
    upper_limit: FloatArray = attrs.field(repr=False)
    lower_near_limit: FloatArray = attrs.field(repr=False)
    upper_near_limit: FloatArray = attrs.field(repr=False)
    point_types: npt.NDArray[np.str_] = attrs.field(repr=False)
    rules: npt.NDArray[np.str_] = attrs.field(repr=False)
    period_index: npt.NDArray[np.intp] = attrs.field(repr=False)
    improvement_direction: str
    target: float | None
    assurance: str | None
    variation_icon: str
    trial_limits: bool

    def __len__(self) -> int:
        return len(self.values)

    @property
    def special_cause(self) -> npt.NDArray[np.bool_]:
        """Whether each point is special cause (any rule flagged it).

        Examples
        --------
        >>> xmr([3, 2, 3, 1, 2, 3, 2, 1, 3, 2, 1, 2, 3, 9]).special_cause.tolist()[-3:]
        [False, False, True]
        """
        special: npt.NDArray[np.bool_] = self.rules != "common_cause"
        return special


@attrs.frozen(kw_only=True, eq=False)
class SpcTable:
    """XmR charts of many series: arrays shaped like the input, time on the last axis.

    Categorical results are small integer codes into the module's name tuples;
    the properties without ``_codes`` give the names. ``table.result(i, j)`` is
    the :class:`SpcResult` of one series, equal to :func:`xmr` on it. Build one
    with :func:`xmr_many`.

    Attributes
    ----------
    values : ndarray of float
        Shaped ``(..., points)``.
    period_mean, period_lower_limit, period_upper_limit : ndarray of float
        Shaped ``(..., periods)``: one centre line and pair of limits per period;
        the properties ``mean``, ``lower_limit``, ``upper_limit``,
        ``lower_near_limit`` and ``upper_near_limit`` spread them over the points.
    period_lower_near_limit, period_upper_near_limit : ndarray of float
        Shaped ``(..., periods)``: the near (2-sigma) limits of each period.
    rule_codes, point_type_codes : ndarray of int8
        Shaped ``(..., points)``; indexes into :data:`SPECIAL_CAUSE_RULES` and
        :data:`POINT_TYPES`.
    directions : ndarray of int8
        Shaped ``(...)``: +1 increase, -1 decrease, 0 neutral.
    targets : ndarray of float
        Shaped ``(...)``; NaN for no target.
    assurance_codes, variation_icon_codes : ndarray of int8
        Shaped ``(...)``; indexes into :data:`ASSURANCE_TYPES` (-1 for none) and
        :data:`VARIATION_ICONS`.
    period_index : ndarray of int
        The period of each point (shared by every series).
    labels : tuple of tuple of str
        Names along each leading axis (a panel's areas and indicators); empty
        for a plain array.

    Examples
    --------
    >>> import numpy as np
    >>> table = xmr_many(np.random.default_rng(0).normal(size=(2, 3, 20)))
    >>> table.shape, table.point_types.shape, table.result(1, 2).variation_icon
    ((2, 3), (2, 3, 20), 'common_cause')
    """

    values: FloatArray = attrs.field(repr=False)
    period_mean: FloatArray = attrs.field(repr=False)
    period_lower_limit: FloatArray = attrs.field(repr=False)
    period_upper_limit: FloatArray = attrs.field(repr=False)
    period_lower_near_limit: FloatArray = attrs.field(repr=False)
    period_upper_near_limit: FloatArray = attrs.field(repr=False)
    rule_codes: npt.NDArray[np.int8] = attrs.field(repr=False)
    point_type_codes: npt.NDArray[np.int8] = attrs.field(repr=False)
    directions: npt.NDArray[np.int8] = attrs.field(repr=False)
    targets: FloatArray = attrs.field(repr=False)
    assurance_codes: npt.NDArray[np.int8] = attrs.field(repr=False)
    variation_icon_codes: npt.NDArray[np.int8] = attrs.field(repr=False)
    period_index: npt.NDArray[np.intp] = attrs.field(repr=False)
    trial_limits: bool
    labels: tuple[tuple[str, ...], ...] = ()

    def _per_point(self, per_period: FloatArray) -> FloatArray:
        return _read_only(np.take(per_period, self.period_index, axis=-1))

    @property
    def mean(self) -> FloatArray:
        """The centre line at each point, shaped ``(..., points)``.

        Examples
        --------
        >>> xmr_many([[1.0, 2.0] * 7]).mean[0, :2].tolist()
        [1.5, 1.5]
        """
        return self._per_point(self.period_mean)

    @property
    def lower_limit(self) -> FloatArray:
        """The lower process limit at each point.

        Examples
        --------
        >>> round(float(xmr_many([[1.0, 2.0] * 7]).lower_limit[0, -1]), 2)
        -1.16
        """
        return self._per_point(self.period_lower_limit)

    @property
    def upper_limit(self) -> FloatArray:
        """The upper process limit at each point.

        Examples
        --------
        >>> round(float(xmr_many([[1.0, 2.0] * 7]).upper_limit[0, -1]), 2)
        4.16
        """
        return self._per_point(self.period_upper_limit)

    @property
    def lower_near_limit(self) -> FloatArray:
        """The lower near (2-sigma) limit at each point.

        Examples
        --------
        >>> round(float(xmr_many([[1.0, 2.0] * 7]).lower_near_limit[0, -1]), 3)
        -0.273
        """
        return self._per_point(self.period_lower_near_limit)

    @property
    def upper_near_limit(self) -> FloatArray:
        """The upper near (2-sigma) limit at each point.

        Examples
        --------
        >>> round(float(xmr_many([[1.0, 2.0] * 7]).upper_near_limit[0, -1]), 3)
        3.273
        """
        return self._per_point(self.period_upper_near_limit)

    @property
    def shape(self) -> tuple[int, ...]:
        """The shape of the series' leading axes (without time).

        Examples
        --------
        >>> xmr_many(np.zeros((4, 13))).shape
        (4,)
        """
        return tuple(self.directions.shape)

    @property
    def point_types(self) -> npt.NDArray[np.str_]:
        """The name of each point's type (:data:`POINT_TYPES`).

        Examples
        --------
        >>> xmr_many(np.arange(26.0).reshape(2, 13)).point_types[:, -1].tolist()
        ['special_cause_improvement', 'special_cause_improvement']
        """
        return _POINT_TYPE_NAMES[self.point_type_codes]

    @property
    def rules(self) -> npt.NDArray[np.str_]:
        """The name of the rule that flagged each point (:data:`SPECIAL_CAUSE_RULES`).

        Examples
        --------
        >>> xmr_many(np.arange(26.0).reshape(2, 13)).rules[0, -1]
        np.str_('above_upper_limit')
        """
        return _RULE_NAMES[self.rule_codes]

    @property
    def variation_icons(self) -> npt.NDArray[np.str_]:
        """The variation icon of each series (:data:`VARIATION_ICONS`).

        Examples
        --------
        >>> series = np.arange(26.0).reshape(2, 13)
        >>> xmr_many(series, improvement_direction="decrease").variation_icons.tolist()
        ['concern_high', 'concern_high']
        """
        return _ICON_NAMES[self.variation_icon_codes]

    @property
    def assurance(self) -> npt.NDArray[np.object_]:
        """The assurance of each series (:data:`ASSURANCE_TYPES`), None where there is none.

        Examples
        --------
        >>> series = np.array([[1.0, 2.0] * 7, [8.0, 9.0] * 7])
        >>> xmr_many(series, target=5.0).assurance.tolist()
        ['consistent_fail', 'consistent_pass']
        """
        names = np.array((*ASSURANCE_TYPES, None), dtype=object)
        result: npt.NDArray[np.object_] = names[self.assurance_codes]
        return result

    def result(self, *index: int) -> SpcResult:
        """The :class:`SpcResult` of one series, by its position along the leading axes.

        Raises
        ------
        lscbqa.exceptions.ValidationError
            If the position does not name one series.

        Examples
        --------
        >>> table = xmr_many(np.arange(26.0).reshape(2, 13))
        >>> table.result(1).values.tolist()[:3]
        [13.0, 14.0, 15.0]
        """
        if len(index) != len(self.shape) or not all(
            isinstance(i, numbers.Integral) and -n <= i < n
            for i, n in zip(index, self.shape, strict=False)
        ):
            fail("$.index", f"expected one position per axis of shape {self.shape}; found {index}")
        target = float(self.targets[index])
        assurance_code = int(self.assurance_codes[index])

        def row(per_period: FloatArray) -> FloatArray:
            return _read_only(per_period[index][self.period_index])

        return SpcResult(
            values=_read_only(np.array(self.values[index])),
            mean=row(self.period_mean),
            lower_limit=row(self.period_lower_limit),
            upper_limit=row(self.period_upper_limit),
            lower_near_limit=row(self.period_lower_near_limit),
            upper_near_limit=row(self.period_upper_near_limit),
            point_types=_read_only(_POINT_TYPE_NAMES[self.point_type_codes[index]]),
            rules=_read_only(_RULE_NAMES[self.rule_codes[index]]),
            period_index=self.period_index,
            improvement_direction=_DIRECTION_NAMES[int(self.directions[index])],
            target=None if math.isnan(target) else target,
            assurance=None if assurance_code < 0 else ASSURANCE_TYPES[assurance_code],
            variation_icon=VARIATION_ICONS[int(self.variation_icon_codes[index])],
            trial_limits=self.trial_limits,
        )


# -- reading the arguments ----------------------------------------------------------------------


def _direction(value: object, path: str) -> int:
    if isinstance(value, Indicator):
        value = value.polarity
    if isinstance(value, str) and str(value) in IMPROVEMENT_DIRECTIONS:
        return IMPROVEMENT_DIRECTIONS[str(value)]
    names = ", ".join(repr(name) for name in IMPROVEMENT_DIRECTIONS)
    fail(path, f"expected an improvement direction, one of {names}; found {found(value)}")
    return 0  # not reached: fail() raises


def _values(values: object, path: str = "$.values") -> FloatArray:
    """The values as a float array, time on the last axis; NaN marks a missing value."""
    if isinstance(values, str | bytes):
        fail(path, f"expected numbers in period order; found {found(values)}")
    try:
        array = np.array(values, dtype=np.float64)
    except (TypeError, ValueError):
        fail(path, f"expected numbers in period order; found {found(values)}")
    if array.ndim == 0 or array.shape[-1] == 0:
        fail(path, f"expected at least one point in period order; found {found(values)}")
    infinite = np.argwhere(np.isinf(array))
    if len(infinite):
        where = join_path(path, *(int(i) for i in infinite[0]))
        fail(where, "expected a finite number, or NaN for a missing value; found an infinity")
    return array


def _period_starts(
    rebase: object, length: int, positions: PositionOf | None = None
) -> tuple[int, ...]:
    """The sorted first index of each period: 0 and every rebase point."""
    if isinstance(rebase, str | bytes) or not isinstance(rebase, Sequence | np.ndarray):
        fail("$.rebase", f"expected a list of point indices; found {found(rebase)}")
    starts = {0}
    for number, item in enumerate(rebase):
        path = join_path("$.rebase", number)
        if positions is not None and not isinstance(item, numbers.Integral):
            item = positions(item, path)
        if isinstance(item, bool) or not isinstance(item, numbers.Integral):
            fail(path, f"expected the index of a point; found {found(item)}")
        if not 0 <= int(item) < length:
            fail(path, f"expected an index from 0 to {length - 1}; found {found(int(item))}")
        starts.add(int(item))
    return tuple(sorted(starts))


def _check_options(fix_after_n_points: object, run_length: object, screen_outliers: object) -> None:
    if fix_after_n_points is not None and (
        isinstance(fix_after_n_points, bool)
        or not isinstance(fix_after_n_points, numbers.Integral)
        or fix_after_n_points < _FIX_AT_LEAST
    ):
        fail(
            "$.fix_after_n_points",
            f"expected nothing or a whole number >= {_FIX_AT_LEAST}; "
            f"found {found(fix_after_n_points)}",
        )
    if (
        isinstance(run_length, bool)
        or not isinstance(run_length, numbers.Integral)
        or run_length < 2
    ):
        fail(
            "$.run_length",
            "expected a whole number >= 2 (7, or 6 as in the MDC Excel tool); "
            f"found {found(run_length)}",
        )
    if not isinstance(screen_outliers, bool):
        fail("$.screen_outliers", f"expected true or false; found {found(screen_outliers)}")


def _short_periods(starts: tuple[int, ...], length: int) -> list[str]:
    bounds = (*starts, length)
    return [
        f"period {number} (points {start} to {stop - 1}) has {stop - start}"
        for number, (start, stop) in enumerate(itertools.pairwise(bounds))
        if stop - start < TRIAL_LIMITS_BELOW
    ]


def _warn_short_periods(starts: tuple[int, ...], length: int) -> None:
    """Warn (at the public function's caller) when a period has trial limits.

    Called through :func:`_checked_chart`: the public function is three frames up.
    """
    short = _short_periods(starts, length)
    if short:
        warnings.warn(
            f"{'; '.join(short)} point(s), fewer than {TRIAL_LIMITS_BELOW}: these are trial "
            "limits, to be revised with each new point until the period has enough points "
            "(or fix_after_n_points is reached)",
            TrialLimitsWarning,
            stacklevel=4,
        )


def _period_lookup(index_of: Callable[[Period | str], int], what: str) -> PositionOf:
    """A function from a period (or its label) to its index, failing at the rebase's path."""

    def position(item: object, path: str) -> int:
        if not isinstance(item, Period | str):
            fail(path, f"expected a point index, a period or its label; found {found(item)}")
        try:
            return index_of(item)
        except (LookupError, ValueError) as error:
            fail(path, f"expected a period of the {what}; {error}")

    return position


# -- computing ----------------------------------------------------------------------------------


def _chart(
    values: FloatArray,
    directions: npt.NDArray[np.int8],
    targets: FloatArray,
    starts: tuple[int, ...],
    *,
    fix_after_n_points: int | None,
    screen_outliers: bool,
    run_length: int,
    labels: tuple[tuple[str, ...], ...] = (),
) -> SpcTable:
    """Chart every series of ``values`` (leading axes any shape) in whole-array operations."""
    leading = values.shape[:-1]
    length = values.shape[-1]
    flat = values.reshape(-1, length)
    flat_directions = np.broadcast_to(directions, leading).reshape(-1)
    group = _spc.group_ids(length, starts)
    bands = _spc.limits(
        flat, starts, fix_after_n_points=fix_after_n_points, screen_outliers=screen_outliers
    )
    rules = _spc.rule_codes(flat, bands, group, run_length=run_length)
    point_types = _spc.point_type_codes(rules, flat_directions)
    icons = _spc.variation_icon_codes(point_types[:, -1], flat_directions)
    assurance_codes = _spc.assurance_codes(
        np.broadcast_to(targets, leading).reshape(-1),
        bands.lower[:, -1],
        bands.upper[:, -1],
        flat_directions,
    )

    periods = len(starts)

    def shaped(array: npt.NDArray[Any], *tail: int) -> npt.NDArray[Any]:
        return _read_only(array.reshape((*leading, *tail)))

    return SpcTable(
        values=shaped(flat, length),
        period_mean=shaped(bands.mean, periods),
        period_lower_limit=shaped(bands.lower, periods),
        period_upper_limit=shaped(bands.upper, periods),
        period_lower_near_limit=shaped(bands.lower_near, periods),
        period_upper_near_limit=shaped(bands.upper_near, periods),
        rule_codes=shaped(rules, length),
        point_type_codes=shaped(point_types, length),
        directions=shaped(flat_directions.copy()),
        targets=shaped(np.broadcast_to(targets, leading).astype(np.float64).reshape(-1)),
        assurance_codes=shaped(assurance_codes),
        variation_icon_codes=shaped(icons),
        period_index=_read_only(group),
        trial_limits=bool(_short_periods(starts, length)),
        labels=labels,
    )


def _checked_chart(
    values: FloatArray,
    directions: npt.NDArray[np.int8],
    targets: FloatArray,
    *,
    rebase: Sequence[Any],
    positions: PositionOf | None,
    fix_after_n_points: int | None,
    screen_outliers: bool,
    run_length: int,
    labels: tuple[tuple[str, ...], ...] = (),
) -> SpcTable:
    """Check the options and rebase points, warn of trial limits, then :func:`_chart`.

    Called by the public functions only, so that the warning points at their caller.
    """
    _check_options(fix_after_n_points, run_length, screen_outliers)
    starts = _period_starts(rebase, values.shape[-1], positions)
    _warn_short_periods(starts, values.shape[-1])
    return _chart(
        values,
        directions,
        targets,
        starts,
        fix_after_n_points=fix_after_n_points,
        screen_outliers=screen_outliers,
        run_length=int(run_length),
        labels=labels,
    )


def xmr(
    values: Any,
    *,
    improvement_direction: str | Indicator = "increase",
    target: float | None = None,
    fix_after_n_points: int | None = None,
    rebase: Sequence[Any] = (),
    screen_outliers: bool = True,
    run_length: int = 7,
) -> SpcResult:
    """Chart one series as an XmR chart with the Making Data Count rules.

    Parameters
    ----------
    values : Series or array-like of float
        The series in period order; NaN marks a missing value.
    improvement_direction : str or Indicator
        ``"increase"``, ``"decrease"`` or ``"neutral"``; an indicator polarity
        (``"higher_is_better"``, ``"lower_is_better"``, ``"within_band"`` = neutral),
        or an :class:`~lscbqa.measures.Indicator` (its polarity), is read as one.
    target : float, optional
        The target for the assurance (none: no assurance).
    fix_after_n_points : int, optional
        Compute each period's limits from its first n points only (n >= 12, as
        the R package requires).
    rebase : sequence
        The 0-based index of the first point of each new period (for a Series,
        its periods or their labels too). Each period has its own limits, and no
        rule looks across a rebase.
    screen_outliers : bool
        Leave out moving ranges at or above 3.267 x their mean before the limits
        (the R package's default; the NHS England Excel tool does not screen).
    run_length : int
        Points in a run on one side of the mean and in a trend: 7 as in the R
        package, or 6 as the Making Data Count Excel tool allows.

    Returns
    -------
    SpcResult

    Raises
    ------
    lscbqa.exceptions.ValidationError
        If the values are not numbers (or NaN), or an option is out of range.

    Warns
    -----
    lscbqa.exceptions.TrialLimitsWarning
        If a period has fewer than :data:`TRIAL_LIMITS_BELOW` points.

    Notes
    -----
    For each period: the mean of its (first n) points; the moving ranges
    ``|x[t] - x[t-1]|`` and their mean; with screening, the ranges at or above
    3.267 x that mean are dropped and the mean of ranges taken again. Limits are
    mean -/+ 2.66 x mean range; near limits mean -/+ (2/3) x 2.66 x mean range.
    A point is special cause if (in this order of precedence) it is beyond a
    limit; part of a trend of ``run_length`` points each strictly above (below)
    the one before; a near-limit point in three consecutive points all strictly
    on one side of the mean, two or more of them near (not beyond) that limit;
    or part of ``run_length`` points strictly on one side of the mean. See
    ``docs/spc.md``.

    References
    ----------
    NHS England, *Making Data Count* (2019, 2021). NHS-R Community,
    NHSRplotthedots (R package, v0.2.x): ``R/ptd_spc_standard.R``,
    ``R/ptd_calculate_point_type.R``, ``R/ptd_calculate_assurance_type.R``.

    Examples
    --------
    >>> result = xmr([12, 11, 13, 12, 10, 11, 12, 13, 11, 12, 12, 11, 12, 4],
    ...              improvement_direction="decrease", target=9.0)
    >>> str(result.point_types[-1]), result.variation_icon, result.assurance
    ('special_cause_improvement', 'improvement_low', 'inconsistent')
    >>> round(float(result.lower_limit[0]), 2), round(float(result.upper_limit[0]), 2)
    (8.04, 14.25)

    Fewer than 13 points give trial limits, with a warning:

    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     short = xmr([1.0, 2.0, 1.5])
    >>> caught[0].category.__name__
    'TrialLimitsWarning'
    """
    positions = None
    if isinstance(values, Series):
        positions = _period_lookup(values.index_of, "series")
        values = values.values
    array = _values(values)
    if array.ndim != 1:
        fail("$.values", f"expected one series (1-D); found an array of shape {array.shape}")
    direction = _direction(improvement_direction, "$.improvement_direction")
    if target is not None and not (
        isinstance(target, numbers.Real) and not isinstance(target, bool) and math.isfinite(target)
    ):
        fail("$.target", f"expected nothing or a finite number; found {found(target)}")
    table = _checked_chart(
        array[None, :],
        np.array([direction], dtype=np.int8),
        np.array([np.nan if target is None else float(target)]),
        rebase=rebase,
        positions=positions,
        fix_after_n_points=fix_after_n_points,
        screen_outliers=screen_outliers,
        run_length=run_length,
    )
    return table.result(0)


def xmr_many(
    values: Any,
    *,
    improvement_direction: str | Any = "increase",
    target: float | Any | None = None,
    fix_after_n_points: int | None = None,
    rebase: Sequence[Any] = (),
    screen_outliers: bool = True,
    run_length: int = 7,
) -> SpcTable:
    """Chart many series at once: every series of an array (time last) or of a panel.

    The same as :func:`xmr` on each series, in whole-array operations.

    Parameters
    ----------
    values : Panel or array-like of float
        Time on the last axis, any leading shape (areas x indicators x periods).
    improvement_direction : str, array-like of str, or mapping
        One direction for all series; an array of directions broadcastable to
        the leading shape; or, for a panel, a mapping from indicator id to a
        direction, a polarity or an :class:`~lscbqa.measures.Indicator`.
    target : float, array-like of float, or mapping, optional
        One target, or targets broadcastable to the leading shape (NaN for none),
        or for a panel a mapping from indicator id to a target (or Indicator).
    fix_after_n_points, rebase, screen_outliers, run_length
        As for :func:`xmr`; the rebase points are shared by every series.

    Returns
    -------
    SpcTable

    Raises
    ------
    lscbqa.exceptions.ValidationError
        If the values are not numbers (or NaN), or an option is out of range.

    Warns
    -----
    lscbqa.exceptions.TrialLimitsWarning
        If a period has fewer than :data:`TRIAL_LIMITS_BELOW` points.

    Examples
    --------
    >>> import numpy as np
    >>> rising = np.arange(15.0)
    >>> table = xmr_many(np.stack([rising, -rising]), improvement_direction="increase")
    >>> table.variation_icons.tolist()
    ['improvement_high', 'concern_low']
    """
    labels: tuple[tuple[str, ...], ...] = ()
    positions = None
    if isinstance(values, Panel):
        panel = values
        labels = (tuple(panel.areas), tuple(panel.indicators))
        improvement_direction = _per_indicator(
            improvement_direction, panel, "improvement_direction"
        )
        target = _per_indicator(target, panel, "target")
        positions = _period_lookup(panel.index_of_period, "panel")
        values = panel.values
    array = _values(values)
    leading = array.shape[:-1]
    directions = _directions(improvement_direction, leading)
    targets = _targets(target, leading)
    return _checked_chart(
        array,
        directions,
        targets,
        rebase=rebase,
        positions=positions,
        fix_after_n_points=fix_after_n_points,
        screen_outliers=screen_outliers,
        run_length=run_length,
        labels=labels,
    )


def _per_indicator(value: object, panel: Panel, name: str) -> object:
    """A per-indicator mapping as an array over the panel's (areas, indicators) axes."""
    if not isinstance(value, Mapping):
        return value
    items = []
    for indicator in panel.indicators:
        if indicator not in value:
            fail(
                join_path("$", name, indicator),
                f"expected a {name} for indicator {indicator!r}; found none",
            )
        item = value[indicator]
        if isinstance(item, Indicator):
            item = item.polarity if name == "improvement_direction" else item.target
        items.append(np.nan if item is None else item)
    return np.array(items, dtype=object)[None, :]


def _directions(value: object, leading: tuple[int, ...]) -> npt.NDArray[np.int8]:
    if isinstance(value, str):
        return np.full(leading, _direction(value, "$.improvement_direction"), dtype=np.int8)
    names = np.asarray(value, dtype=object)
    codes = np.empty(names.shape, dtype=np.int8)
    for position, name in np.ndenumerate(names):  # one per series at most: names, not data
        codes[position] = _direction(name, join_path("$.improvement_direction", *position))
    try:
        return np.broadcast_to(codes, leading)
    except ValueError:
        fail(
            "$.improvement_direction",
            f"expected directions broadcastable to shape {leading}; found shape {codes.shape}",
        )


def _targets(value: object, leading: tuple[int, ...]) -> FloatArray:
    if value is None:
        return np.full(leading, np.nan)
    try:
        targets = np.asarray(value, dtype=np.float64)
        targets = np.broadcast_to(targets, leading)
    except (TypeError, ValueError):
        fail(
            "$.target",
            f"expected a number or numbers broadcastable to shape {leading}; found {found(value)}",
        )
    if np.isinf(targets).any():
        fail("$.target", "expected finite targets (NaN for none); found an infinity")
    return targets


def assurance(
    target: float,
    *,
    lower_limit: float,
    upper_limit: float,
    improvement_direction: str = "increase",
) -> str | None:
    """Whether a process will meet its target: the Making Data Count assurance rule.

    A target beyond the upper limit will consistently be missed when higher is
    better (consistently met when lower is better); a target beyond the lower
    limit the other way round; a target between the limits (or on one) will be
    hit and missed at random: ``"inconsistent"``. There is no assurance for a
    neutral direction.

    Parameters
    ----------
    target, lower_limit, upper_limit : float
        A NaN limit (too few points) gives ``"inconsistent"``, as in R.
    improvement_direction : str
        As for :func:`xmr`.

    Returns
    -------
    str or None
        One of :data:`ASSURANCE_TYPES`, or None for a neutral direction.

    Raises
    ------
    lscbqa.exceptions.ValidationError
        If the direction is unknown.

    References
    ----------
    NHSRplotthedots, ``R/ptd_calculate_assurance_type.R``.

    Examples
    --------
    >>> assurance(4, lower_limit=5, upper_limit=7)
    'consistent_pass'
    >>> assurance(4, lower_limit=5, upper_limit=7, improvement_direction="decrease")
    'consistent_fail'
    >>> assurance(4, lower_limit=1, upper_limit=5) is None
    False
    """
    direction = _direction(improvement_direction, "$.improvement_direction")
    for name, number in (
        ("target", target),
        ("lower_limit", lower_limit),
        ("upper_limit", upper_limit),
    ):
        if isinstance(number, bool) or not isinstance(number, numbers.Real):
            fail(f"$.{name}", f"expected a number; found {found(number)}")
    code = int(
        _spc.assurance_codes(
            np.array([float(target)]),
            np.array([float(lower_limit)]),
            np.array([float(upper_limit)]),
            np.array([direction], dtype=np.int8),
        )[0]
    )
    return None if code < 0 else ASSURANCE_TYPES[code]
