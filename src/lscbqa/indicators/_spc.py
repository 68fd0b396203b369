"""The XmR arithmetic and the Making Data Count rules, on many series at once.

Private: :mod:`lscbqa.indicators.spc` wraps these arrays in values. Every function
takes a 2-D float array (series x points, NaN for a missing value) and the start
index of each period (each rebase starts one), and works on all series in
whole-array operations; the only Python loop runs over periods, which the
series share.

The logic follows NHSRplotthedots (``R/ptd_spc_standard.R`` and
``R/ptd_calculate_point_type.R``), re-expressed for numpy: runs and trends are
streak lengths from a running maximum of "where the streak last broke", and
"part of a run" is a forward window count from a cumulative sum.
"""

from __future__ import annotations

import itertools

import attrs
import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int8]

# The constants of the XmR chart (Wheeler): 2.66 = 3 / d2 with d2 = 1.128 for
# moving ranges of two points; 3.267 = D4, the upper limit of a moving range.
LIMIT = 2.66
NEAR_LIMIT = 2 * (LIMIT / 3)
MOVING_RANGE_LIMIT = 3.267

# Rule codes, in the order of the R package's special_cause_type; an odd code
# points up (above the mean, increasing), an even one down.
COMMON_CAUSE = 0
ABOVE_UPPER_LIMIT = 1
BELOW_LOWER_LIMIT = 2
TREND_INCREASING = 3
TREND_DECREASING = 4
TWO_IN_THREE_ABOVE = 5
TWO_IN_THREE_BELOW = 6
RUN_ABOVE = 7
RUN_BELOW = 8

# Point type codes.
IMPROVEMENT = 1
CONCERN = 2
NEUTRAL_HIGH = 3
NEUTRAL_LOW = 4


@attrs.frozen
class Limits:
    """Mean, process limits and near (2-sigma) limits: series x periods (not points)."""

    mean: FloatArray
    lower: FloatArray
    upper: FloatArray
    lower_near: FloatArray
    upper_near: FloatArray


def group_ids(length: int, starts: tuple[int, ...]) -> npt.NDArray[np.intp]:
    """The period (0, 1, ...) of each point, from the sorted start index of each period."""
    group = np.zeros(length, dtype=np.intp)
    for start in starts[1:]:
        group[start:] += 1
    return group


def _mean_ignoring_nan(values: FloatArray) -> FloatArray:
    """Mean of each row without its NaNs; NaN for a row with no number (no warning)."""
    present = ~np.isnan(values)
    count = present.sum(axis=-1)
    total = np.where(present, values, 0.0).sum(axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        result: FloatArray = total / count
    return result


def limits(
    values: FloatArray,
    starts: tuple[int, ...],
    *,
    fix_after_n_points: int | None,
    screen_outliers: bool,
) -> Limits:
    """The centre line and limits of each period, from its own (first n) points."""
    means, ranges = [], []
    for start, stop in itertools.pairwise((*starts, values.shape[-1])):
        fixed = values[
            :, start : stop if fix_after_n_points is None else min(stop, start + fix_after_n_points)
        ]
        means.append(_mean_ignoring_nan(fixed))
        moving_range = np.abs(np.diff(fixed, axis=-1))
        average_range = _mean_ignoring_nan(moving_range)
        if screen_outliers:
            # Ranges at or above 3.267 x their mean are dropped, once (not iterated).
            kept = moving_range < MOVING_RANGE_LIMIT * average_range[:, None]
            average_range = _mean_ignoring_nan(np.where(kept, moving_range, np.nan))
        ranges.append(average_range)
    mean = np.stack(means, axis=-1)
    average = np.stack(ranges, axis=-1)
    return Limits(
        mean=mean,
        lower=mean - LIMIT * average,
        upper=mean + LIMIT * average,
        lower_near=mean - NEAR_LIMIT * average,
        upper_near=mean + NEAR_LIMIT * average,
    )


def signs(difference: FloatArray) -> npt.NDArray[np.int8]:
    """-1, 0 or +1 per value as int8; 0 for NaN."""
    result: npt.NDArray[np.int8] = (difference > 0).view(np.int8) - (difference < 0).view(np.int8)
    return result


def streak(flags: BoolArray) -> npt.NDArray[np.intp]:
    """How many consecutive true flags end at each point (0 where the flag is false)."""
    index = np.arange(flags.shape[-1])
    last_break = np.maximum.accumulate(np.where(flags, -1, index), axis=-1)
    result: npt.NDArray[np.intp] = index - last_break
    return result


def part_of(ends: BoolArray, length: int) -> BoolArray:
    """Whether each point lies in a window of ``length`` points ending where ``ends`` is true."""
    count = np.zeros((ends.shape[0], ends.shape[1] + 1), dtype=np.int32)
    np.cumsum(ends, axis=-1, out=count[:, 1:])
    index = np.arange(ends.shape[1])
    result: BoolArray = count[:, np.minimum(index + length, ends.shape[1])] > count[:, index]
    return result


def same_period_as_previous(group: npt.NDArray[np.intp]) -> BoolArray:
    """Whether each point is in the same period as the point before it (never the first)."""
    same = np.zeros(len(group), dtype=bool)
    same[1:] = group[1:] == group[:-1]
    return same


def run_ends(side: npt.NDArray[np.int8], same: BoolArray, run_length: int) -> BoolArray:
    """Where ``run_length`` points strictly on one side of the mean end (R: one_side_mean).

    ``side`` is -1, 0 or +1 per point; a point on the mean (0) breaks a run.
    """
    continues = np.zeros(side.shape, dtype=bool)
    continues[:, 1:] = (side[:, 1:] == side[:, :-1]) & (side[:, 1:] != 0) & same[1:]
    ends: BoolArray = (side != 0) & (streak(continues) >= run_length - 1)
    return ends


def steps(values: FloatArray, same: BoolArray) -> npt.NDArray[np.int8]:
    """The sign of each point's step from the one before (0 at a period's start or beside NaN)."""
    step = np.zeros(values.shape, dtype=np.int8)
    step[:, 1:] = signs(np.diff(values, axis=-1))
    step[:, ~same] = 0
    return step


def trend_ends(step: npt.NDArray[np.int8], run_length: int) -> BoolArray:
    """Where ``run_length`` points each strictly above (or below) the one before end.

    R: ``ptd_seven_point_trend``; an equal pair of points breaks a trend.
    """
    ends: BoolArray = (streak(step == 1) >= run_length - 1) | (streak(step == -1) >= run_length - 1)
    return ends


def two_in_three(
    near: BoolArray, side: npt.NDArray[np.int8], group: npt.NDArray[np.intp]
) -> BoolArray:
    """Points in a window of 3 with 2+ near a limit, all strictly on one side (R: two_in_three).

    The windows lie within one period; every point of such a window is flagged
    here, and :func:`rule_codes` keeps only the near ones.
    """
    flagged = np.zeros(near.shape, dtype=bool)
    if near.shape[-1] >= 3:
        in_one_period = group[2:] == group[:-2]
        near_count = near[:, :-2].astype(np.int8) + near[:, 1:-1] + near[:, 2:]
        side_sum = side[:, :-2] + side[:, 1:-1] + side[:, 2:]
        window = (near_count >= 2) & (np.abs(side_sum) == 3) & in_one_period
        flagged[:, :-2] |= window
        flagged[:, 1:-1] |= window
        flagged[:, 2:] |= window
    return flagged


def special_cause_codes(
    *,
    side: npt.NDArray[np.int8],
    step: npt.NDArray[np.int8],
    same: BoolArray,
    outside: BoolArray,
    trend: BoolArray,
    near_two_in_three: BoolArray,
    run: BoolArray,
) -> IntArray:
    """Rule codes from the flags of each rule, by precedence (R: ``ptd_special_cause_type``).

    Outside the limits, then part of a trend, then two-in-three, then a run. A
    point in a trend takes the direction of the step after it when the next point
    is in a trend too, else of the step before it; anything but a rise counts as
    decreasing, as in R.
    """
    next_step = np.zeros(step.shape, dtype=np.int8)
    next_step[:, :-1] = step[:, 1:]
    next_in_trend = np.zeros(step.shape, dtype=bool)
    next_in_trend[:, :-1] = trend[:, 1:] & same[1:]
    trend_step = np.where(trend & next_in_trend, next_step, step)

    # Each rule's code points up; the code one higher points down. Lowest precedence first.
    down = (side <= 0).astype(np.int8)
    rule = np.int8
    codes = np.where(run, rule(RUN_ABOVE) + down, rule(COMMON_CAUSE))
    codes = np.where(near_two_in_three, rule(TWO_IN_THREE_ABOVE) + down, codes)
    codes = np.where(trend, rule(TREND_INCREASING) + (trend_step != 1).view(np.int8), codes)
    return np.where(outside, rule(ABOVE_UPPER_LIMIT) + (side != 1).view(np.int8), codes)


def rule_codes(
    values: FloatArray,
    bands: Limits,
    group: npt.NDArray[np.intp],
    *,
    run_length: int,
) -> IntArray:
    """The rule that makes each point special cause (a code above), or 0 for common cause."""
    same = same_period_as_previous(group)
    side = np.empty(values.shape, dtype=np.int8)
    outside = np.empty(values.shape, dtype=bool)
    near = np.empty(values.shape, dtype=bool)
    bounds = np.flatnonzero(np.diff(group, prepend=-1))
    for period, (start, stop) in enumerate(itertools.pairwise((*bounds, values.shape[-1]))):
        segment = values[:, start:stop]

        def line(band: FloatArray, period: int = period) -> FloatArray:
            return band[:, period, None]

        side[:, start:stop] = signs(segment - line(bands.mean))
        beyond = (segment > line(bands.upper)) | (segment < line(bands.lower))
        outside[:, start:stop] = beyond
        near[:, start:stop] = ~beyond & (
            (segment < line(bands.lower_near)) | (segment > line(bands.upper_near))
        )
    step = steps(values, same)
    return special_cause_codes(
        side=side,
        step=step,
        same=same,
        outside=outside,
        trend=part_of(trend_ends(step, run_length), run_length),
        near_two_in_three=two_in_three(near, side, group) & near,
        run=part_of(run_ends(side, same, run_length), run_length),
    )


# The point type of each rule code (columns) for each direction (rows: -1, 0, +1).
_POINT_TYPE_OF_RULE = np.array(
    [
        [COMMON_CAUSE] + [CONCERN, IMPROVEMENT] * 4,
        [COMMON_CAUSE] + [NEUTRAL_HIGH, NEUTRAL_LOW] * 4,
        [COMMON_CAUSE] + [IMPROVEMENT, CONCERN] * 4,
    ],
    dtype=np.int8,
)


def point_type_codes(rules: IntArray, direction: npt.NDArray[np.int8]) -> IntArray:
    """Point type codes from rule codes and each series' direction (+1, -1 or 0 for neutral).

    A rule pointing up (odd code) is an improvement when increasing is better, a
    concern when decreasing is, neutral high otherwise; pointing down the reverse.
    """
    result: IntArray = _POINT_TYPE_OF_RULE[direction[:, None] + 1, rules]
    return result


# Variation icon codes: common_cause, improvement_high, improvement_low,
# concern_high, concern_low, neutral_high, neutral_low.
def variation_icon_codes(last_point_type: IntArray, direction: npt.NDArray[np.int8]) -> IntArray:
    """The variation icon of each series from its last point type and direction."""
    increase = direction == 1
    codes = np.select(
        [
            last_point_type == IMPROVEMENT,
            last_point_type == CONCERN,
            last_point_type == NEUTRAL_HIGH,
            last_point_type == NEUTRAL_LOW,
        ],
        [np.where(increase, 1, 2), np.where(increase, 4, 3), 5, 6],
        default=0,
    )
    return codes.astype(np.int8)


# Assurance codes: -1 none, 0 consistent_pass, 1 consistent_fail, 2 inconsistent.
def assurance_codes(
    target: FloatArray,
    lower: FloatArray,
    upper: FloatArray,
    direction: npt.NDArray[np.int8],
) -> IntArray:
    """Assurance of each series: its target against the limits of its last point."""
    increase = direction == 1
    codes = np.where(
        target > upper,
        np.where(increase, 1, 0),
        np.where(target < lower, np.where(increase, 0, 1), 2),
    )
    codes = np.where(np.isnan(target) | (direction == 0), -1, codes)
    return codes.astype(np.int8)
