"""Tests for lscbqa.indicators.spc: XmR charts with the Making Data Count rules.

The reference is the R package NHSRplotthedots (nhs-r-community/NHSRplotthedots on
GitHub). Its NEWS.md names v0.2.2 as the latest release; the files read here are
the newest versions stored in our reference index, which carry the v0.2.x fixes
(issues #143, #167, #171): R/ptd_spc_standard.R, R/ptd_calculate_point_type.R,
R/ptd_calculate_assurance_type.R, R/ptd_add_short_group_warnings.R,
R/geom_ptd_icon.R, and the tests under tests/testthat/ (test-ptd_spc_standard.R,
test-ptd_calculate_point_type.R, test-ptd_calculate_assurance_type.R,
test-ptd_add_short_group_warnings.R, test-ptd_spc.R and the snapshots
_snaps/ptd_spc_standard.md and _snaps/ptd_spc.md). Each ported case names its file.

Where R tests an internal helper (ptd_seven_point_trend, ptd_two_in_three, ...)
the case is ported to the matching private helper of ``lscbqa.indicators._spc``.
``r_reference`` below is a second, independent oracle: a per-point Python
transliteration of the R functions (loops and windows as R writes them), which
the property tests compare with the vectorised implementation.
"""

from __future__ import annotations

import itertools
import math
import warnings
from typing import Any

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from lscbqa.exceptions import TrialLimitsWarning, ValidationError
from lscbqa.indicators import Indicator, Panel, Series, _spc
from lscbqa.indicators.spc import (
    ASSURANCE_TYPES,
    POINT_TYPES,
    SPECIAL_CAUSE_RULES,
    TRIAL_LIMITS_BELOW,
    VARIATION_ICONS,
    SpcResult,
    SpcTable,
    assurance,
    xmr,
    xmr_many,
)

# set.seed(123); rnorm(20) in R: the data of test-ptd_spc_standard.R and test-ptd_spc.R.
RNORM_123 = (
    -0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774,
    1.71506499, 0.46091621, -1.26506123, -0.68685285, -0.44566197,
    1.22408180, 0.35981383, 0.40077145, 0.11068272, -0.55584113,
    1.78691314, 0.49785048, -1.96661716, 0.70135590, -0.47279141,
)  # fmt: skip

STEADY = (3.0, 2.0, 3.0, 1.0, 2.0, 3.0, 2.0, 1.0, 3.0, 2.0, 1.0, 2.0, 3.0, 2.0)


def quiet_xmr(values: Any, **options: Any) -> SpcResult:
    """xmr with trial-limit warnings silenced (for short series in property tests)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TrialLimitsWarning)
        return xmr(values, **options)


def quiet_xmr_many(values: Any, **options: Any) -> SpcTable:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TrialLimitsWarning)
        return xmr_many(values, **options)


# -- the independent oracle: NHSRplotthedots transliterated point by point ------------------


def _sign(x: float) -> int:
    return (x > 0) - (x < 0)


def _mean(items: list[float]) -> float:
    return math.fsum(items) / len(items) if items else math.nan


def r_reference(
    y: list[float],
    *,
    rebase: tuple[int, ...] = (),
    fix_after_n_points: int | None = None,
    screen_outliers: bool = True,
    run_length: int = 7,
) -> dict[str, list[Any]]:
    """Limits and rule names as NHSRplotthedots computes them, for finite data, in loops."""
    n = run_length
    starts = sorted({0, *rebase})
    bounds = [*starts, len(y)]
    out: dict[str, list[Any]] = {"mean": [], "lpl": [], "upl": [], "rule": []}
    for a, b in itertools.pairwise(bounds):
        seg = y[a:b]
        m = len(seg)
        # ptd_spc_standard
        fix_y = [
            v if (fix_after_n_points is None or i < fix_after_n_points) else None
            for i, v in enumerate(seg)
        ]
        mean = _mean([v for v in fix_y if v is not None])
        mr: list[float | None] = [None]
        for i in range(1, m):
            left, right = fix_y[i - 1], fix_y[i]
            mr.append(None if left is None or right is None else abs(right - left))
        amr = _mean([r for r in mr if r is not None])
        if screen_outliers:
            mr = [r if r is not None and r < 3.267 * amr else None for r in mr]
            amr = _mean([r for r in mr if r is not None])
        lpl, upl = mean - 2.66 * amr, mean + 2.66 * amr
        nlpl, nupl = mean - 2 * (2.66 / 3) * amr, mean + 2 * (2.66 / 3) * amr
        outside = [v > upl or v < lpl for v in seg]
        rtm = [_sign(v - mean) for v in seg]
        close = [not o and (v < nlpl or v > nupl) for v, o in zip(seg, outside, strict=True)]

        # ptd_seven_point_one_side_mean: pad with n-1 zeros in front.
        vp = [0] * (n - 1) + rtm
        one_side = [
            int(vp[i] != 0 and all(vp[i] == vp[i - k] for k in range(1, n)))
            for i in range(n - 1, n - 1 + m)
        ]

        def part_of_trend(v: list[int], m: int = m) -> list[int]:
            padded = v + [0] * (n - 1)
            return [int(any(abs(padded[i + k]) == 1 for k in range(n))) for i in range(m)]

        # ptd_seven_point_trend
        trend = [0] * m
        if m >= n:
            for i in range(n - 1, m):
                d = [_sign(seg[i - k] - seg[i - k - 1]) for k in range(n - 1)]
                trend[i] = 1 if all(x == 1 for x in d) else (-1 if all(x == -1 for x in d) else 0)

        # ptd_two_in_three and ptd_part_of_two_in_three
        cp = [0, 0, *[int(c) for c in close], 0, 0]
        rp = [0, 0, *rtm, 0, 0]
        two = [
            int(
                any(
                    sum(cp[i + o : i + o + 3]) >= 2 and abs(sum(rp[i + o : i + o + 3])) == 3
                    for o in range(3)
                )
            )
            for i in range(m)
        ]
        part_two = [int(t == 1 and c) for t, c in zip(two, close, strict=True)]
        part_trend = part_of_trend(trend)
        part_side = part_of_trend(one_side)

        # ptd_special_cause_type
        sdy = [_sign(seg[i + 1] - seg[i]) for i in range(m - 1)]
        direction = []
        for i in range(m):
            right_in_trend = i + 1 < m and part_trend[i + 1] and part_trend[i]
            if right_in_trend:
                direction.append(sdy[i])
            else:
                direction.append(0 if i == 0 else sdy[i - 1])
        for i in range(m):
            above = rtm[i] > 0
            if outside[i]:
                rule = "above_upper_limit" if rtm[i] == 1 else "below_lower_limit"
            elif part_trend[i]:
                rule = "trend_increasing" if direction[i] == 1 else "trend_decreasing"
            elif part_two[i]:
                rule = "two_in_three_above" if above else "two_in_three_below"
            elif part_side[i]:
                rule = "run_above" if above else "run_below"
            else:
                rule = "common_cause"
            out["rule"].append(rule)
        out["mean"] += [mean] * m
        out["lpl"] += [lpl] * m
        out["upl"] += [upl] * m
    return out


# Values with ties and steps, so that runs, trends and near-limit points all occur.
series_values = st.lists(
    st.one_of(
        st.integers(-6, 6).map(float),
        st.floats(-50, 50, allow_nan=False, allow_infinity=False),
    ),
    min_size=1,
    max_size=40,
)


@st.composite
def charts(draw: st.DrawFn) -> tuple[list[float], dict[str, Any]]:
    values = draw(series_values)
    rebase = tuple(draw(st.lists(st.integers(0, len(values) - 1), max_size=3)))
    options = {
        "rebase": rebase,
        "fix_after_n_points": draw(st.one_of(st.none(), st.integers(12, 20))),
        "screen_outliers": draw(st.booleans()),
        "run_length": draw(st.sampled_from((6, 7))),
    }
    return values, options


# -- limits -------------------------------------------------------------------------------------


class TestXmrLimits:
    def test_limits_match_the_r_snapshot(self) -> None:
        """Mean and limits of rnorm(20) equal NHSRplotthedots' snapshot r1."""
        # Source: _snaps/ptd_spc_standard.md.
        result = xmr(RNORM_123)
        assert result.mean == pytest.approx([0.1416238] * 20, abs=5e-8)
        assert result.lower_limit == pytest.approx([-3.01138] * 20, abs=5e-6)
        assert result.upper_limit == pytest.approx([3.294627] * 20, abs=5e-7)

    def test_points_sit_either_side_of_the_mean_as_in_the_snapshot(self) -> None:
        """relative_to_mean of the first 15 points equals the snapshot r1."""
        # Source: _snaps/ptd_spc_standard.md.
        result = xmr(RNORM_123)
        side = np.sign(result.values - result.mean)[:15]
        assert side.tolist() == [-1, -1, 1, -1, -1, 1, 1, -1, -1, -1, 1, 1, 1, -1, -1]

    def test_an_outlier_moving_range_is_screened_out(self) -> None:
        """With y[15] = 10 the limits equal snapshot r2, screened (_snaps/ptd_spc_standard.md)."""
        values = list(RNORM_123)
        values[14] = 10.0
        result = xmr(values)
        assert result.mean[0] == pytest.approx(0.6694159, abs=5e-8)
        assert result.lower_limit[0] == pytest.approx(-2.383666, abs=5e-7)
        assert result.upper_limit[0] == pytest.approx(3.722497, abs=5e-7)

    def test_without_screening_the_outlier_widens_the_limits(self) -> None:
        """screen_outliers=False gives snapshot r3, wider than r2 (test-ptd_spc_standard.R)."""
        values = list(RNORM_123)
        values[14] = 10.0
        screened = xmr(values)
        unscreened = xmr(values, screen_outliers=False)
        assert unscreened.lower_limit[0] == pytest.approx(-4.596625, abs=5e-7)
        assert unscreened.upper_limit[0] == pytest.approx(5.935457, abs=5e-7)
        width = unscreened.upper_limit[0] - unscreened.lower_limit[0]
        assert width > screened.upper_limit[0] - screened.lower_limit[0]

    def test_limits_follow_the_formulas(self) -> None:
        """Limits are mean -/+ 2.66 x mean moving range; near limits at 2/3 of the way."""
        result = xmr(STEADY)
        mean = sum(STEADY) / 14
        ranges = [abs(b - a) for a, b in itertools.pairwise(STEADY)]
        average = sum(ranges) / 13
        assert result.mean[0] == pytest.approx(mean, abs=1e-12)
        assert result.upper_limit[0] == pytest.approx(mean + 2.66 * average, abs=1e-12)
        assert result.lower_near_limit[0] == pytest.approx(mean - 2 * 2.66 / 3 * average, abs=1e-12)

    def test_a_range_exactly_at_the_screening_cut_is_dropped(self) -> None:
        """A moving range equal to 3.267 x the mean range is screened."""
        # R keeps only ranges below 3.267 x their mean (R/ptd_spc_standard.R).
        # Ranges 1 (x12) and r with r = 3.267 (12 + r) / 13 exactly: r = 3.267 * 12 / (13 - 3.267).
        r = 3.267 * 12 / (13 - 3.267)
        values = [0.0, 1.0] * 6 + [0.0, r]
        ranges = np.abs(np.diff(values))
        assert ranges[-1] >= 3.267 * ranges.mean()  # the cut, up to rounding
        result = xmr(values)
        assert result.upper_limit[0] - result.mean[0] == pytest.approx(2.66 * 1.0, abs=1e-12)

    def test_facets_of_ten_match_the_summary_snapshot(self) -> None:
        """Each half of rnorm(20) alone gives the limits of the faceted summary."""
        # Source: _snaps/ptd_spc.md.
        with pytest.warns(TrialLimitsWarning):
            first = xmr(RNORM_123[:10])
        with pytest.warns(TrialLimitsWarning):
            second = xmr(RNORM_123[10:])
        assert (round(first.mean[0], 4), round(first.lower_limit[0], 2)) == (0.0746, -2.60)
        assert round(first.upper_limit[0], 2) == 2.75
        assert (round(second.mean[0], 3), round(second.lower_limit[0], 2)) == (0.209, -3.28)
        assert round(second.upper_limit[0], 2) == 3.70

    def test_summary_counts_twenty_common_cause_points(self) -> None:
        """rnorm(20) has 20 common-cause points and no special cause (_snaps/ptd_spc.md)."""
        result = xmr(RNORM_123)
        assert result.point_types.tolist() == ["common_cause"] * 20
        assert result.variation_icon == "common_cause"

    def test_fixing_after_twelve_points_changes_the_limits(self) -> None:
        """fix_after_n_points = 12 gives other limits than all 20 points."""
        # Source: test-ptd_spc_standard.R.
        fixed = xmr(RNORM_123, fix_after_n_points=12)
        free = xmr(RNORM_123)
        assert fixed.lower_limit[0] != free.lower_limit[0]
        assert fixed.upper_limit[0] != free.upper_limit[0]

    def test_fixed_limits_use_only_the_first_points(self) -> None:
        """With fix_after_n_points the limits equal those of the first n points alone."""
        fixed = xmr(RNORM_123, fix_after_n_points=13)
        first = xmr(RNORM_123[:13])
        assert fixed.mean.tolist() == [first.mean[0]] * 20
        assert fixed.upper_limit[-1] == first.upper_limit[0]

    def test_a_rebase_gives_each_period_its_own_limits(self) -> None:
        """A rebase at point 10 makes two periods of 10 points each (test-ptd_spc_standard.R)."""
        with pytest.warns(TrialLimitsWarning):
            result = xmr(RNORM_123, rebase=[10])
        assert result.period_index.tolist() == [0] * 10 + [1] * 10
        assert round(result.mean[0], 4) == 0.0746
        assert round(result.mean[-1], 3) == 0.209

    def test_a_single_point_period_has_no_limits(self) -> None:
        """A period of one point has no moving range, so no limits (NaN) and no special cause."""
        with pytest.warns(TrialLimitsWarning):
            result = xmr([1.0, 2.0, 3.0], rebase=[2])
        assert math.isnan(result.upper_limit[-1])
        assert result.point_types[-1] == "common_cause"


# -- rules, ported from test-ptd_calculate_point_type.R ----------------------------------------


def _row(*items: float) -> np.ndarray:
    return np.array([items], dtype=np.float64)


def _ends_on_one_side(side: list[int]) -> list[int]:
    array = _row(*side)
    same = _spc.same_period_as_previous(np.zeros(len(side), dtype=np.intp))
    return _spc.run_ends(array, same, 7)[0].astype(int).tolist()


def _trend_ends(values: list[float]) -> list[int]:
    array = _row(*values)
    group = np.zeros(len(values), dtype=np.intp)
    step = _spc.steps(array, _spc.same_period_as_previous(group))
    ends = _spc.trend_ends(step, 7)[0]
    return (ends * np.where(step[0] > 0, 1, -1)).astype(int).tolist()


def _two_in_three(near: list[int], side: list[int]) -> list[int]:
    group = np.zeros(len(near), dtype=np.intp)
    flagged = _spc.two_in_three(np.array([near], dtype=bool), _row(*side), group)
    return flagged[0].astype(int).tolist()


class TestRules:
    def test_seven_points_one_side_of_the_mean(self) -> None:
        """Run ends as ptd_seven_point_one_side_mean (test-ptd_calculate_point_type.R)."""
        assert _ends_on_one_side([1] * 6) == [0] * 6
        assert _ends_on_one_side([1] * 6 + [-1]) == [0] * 7
        assert _ends_on_one_side([1] * 8 + [-1]) == [0, 0, 0, 0, 0, 0, 1, 1, 0]
        assert _ends_on_one_side([-1] * 8 + [1]) == [0, 0, 0, 0, 0, 0, 1, 1, 0]

    def test_a_point_on_the_mean_breaks_a_run(self) -> None:
        """A point exactly on the mean (sign 0) is on neither side: the run restarts after it."""
        assert _ends_on_one_side([1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1]) == [0] * 10 + [1]

    def test_part_of_a_seven_point_window(self) -> None:
        """Window membership as ptd_part_of_seven_trend (test-ptd_calculate_point_type.R)."""

        def part(ends: list[int]) -> list[int]:
            return _spc.part_of(np.array([ends], dtype=bool), 7)[0].astype(int).tolist()

        assert part([0] * 6) == [0] * 6
        assert part([0] * 6 + [1, 0]) == [1] * 7 + [0]
        assert part([0] * 7 + [1, 0]) == [0] + [1] * 7 + [0]

    def test_seven_point_trends(self) -> None:
        """Trend ends and directions as ptd_seven_point_trend (test-ptd_calculate_point_type.R)."""
        assert _trend_ends([1, 2, 3, 4, 5, 6]) == [0] * 6
        assert _trend_ends([1, 2, 3, 3, 4, 5, 6]) == [0] * 7
        assert _trend_ends([1, 2, 3, 4, 5, 6, 7]) == [0] * 6 + [1]
        assert _trend_ends([2, 1, 2, 3, 4, 5, 6, 7, 3]) == [0] * 7 + [1, 0]
        assert _trend_ends([7, 6, 5, 4, 3, 2, 1]) == [0] * 6 + [-1]
        assert _trend_ends([2, 7, 6, 5, 4, 3, 2, 1, 3]) == [0] * 7 + [-1, 0]

    def test_two_in_three_windows(self) -> None:
        """Flags as ptd_two_in_three, all on one side (test-ptd_calculate_point_type.R)."""
        assert _two_in_three([1, 0, 1], [1, 1, 1]) == [1, 1, 1]
        assert _two_in_three([0, 1, 1], [1, 1, 1]) == [1, 1, 1]
        assert _two_in_three([1, 1, 0], [1, 1, 1]) == [1, 1, 1]
        assert _two_in_three([0, 0, 1, 0, 1, 0, 0], [1] * 7) == [0, 0, 1, 1, 1, 0, 0]
        assert _two_in_three([0, 0, 1, 1, 0, 0, 0], [1] * 7) == [0, 1, 1, 1, 1, 0, 0]

    def test_two_in_three_needs_one_side_of_the_mean(self) -> None:
        """Points on opposite sides never make two-in-three."""
        # Source: issue #143; test-ptd_calculate_point_type.R.
        assert _two_in_three([1, 0, 1], [1, -1, 1]) == [0, 0, 0]
        assert _two_in_three([0, 1, 1], [1, -1, 1]) == [0, 0, 0]
        assert _two_in_three([1, 1, 0], [1, -1, 1]) == [0, 0, 0]
        assert _two_in_three([0, 0, 1, 0, 1, 0, 0], [1, -1] * 3 + [1]) == [0] * 7
        assert _two_in_three([0, 0, 1, 1, 0, 0, 0], [-1, 1] * 3 + [-1]) == [0] * 7

    def test_only_the_near_points_of_two_in_three_are_flagged(self) -> None:
        """Part of two-in-three keeps near points only, as ptd_part_of_two_in_three."""
        # Source: test-ptd_calculate_point_type.R.

        def part(near: list[int]) -> list[int]:
            flagged = _two_in_three(near, [1] * len(near))
            return [f & n for f, n in zip(flagged, near, strict=True)]

        assert part([1, 0, 1]) == [1, 0, 1]
        assert part([0, 1, 1]) == [0, 1, 1]
        assert part([0, 0, 1, 0, 1, 0, 0]) == [0, 0, 1, 0, 1, 0, 0]
        assert part([1, 0, 0, 1]) == [0, 0, 0, 0]
        assert part([1, 0, 0, 1, 1]) == [0, 0, 0, 1, 1]

    def test_precedence_of_the_rules(self) -> None:
        """Outside, then trend, then two-in-three, then run, as ptd_special_cause_type."""
        # Source: test-ptd_calculate_point_type.R.
        y = _row(*range(1, 9))
        same = _spc.same_period_as_previous(np.zeros(8, dtype=np.intp))

        def flags(*items: int) -> np.ndarray:
            return np.array([items], dtype=bool)

        codes = _spc.special_cause_codes(
            side=_row(1, 1, 1, 1, -1, -1, -1, -1),
            step=_spc.steps(y, same),
            same=same,
            outside=flags(0, 0, 0, 0, 0, 1, 1, 0),
            trend=flags(1, 1, 0, 0, 0, 0, 0, 0),
            near_two_in_three=flags(0, 0, 0, 0, 1, 0, 0, 0),
            run=flags(0, 0, 1, 1, 0, 0, 0, 0),
        )
        assert [SPECIAL_CAUSE_RULES[c] for c in codes[0]] == [
            "trend_increasing",
            "trend_increasing",
            "run_above",
            "run_above",
            "two_in_three_below",
            "below_lower_limit",
            "below_lower_limit",
            "common_cause",
        ]

    def test_two_near_points_on_opposite_sides_are_common_cause(self) -> None:
        """Symmetric data with 5.5 then -5.5 at the end: both common cause."""
        # Source: test-ptd_spc_standard.R.
        values = [1.0, -1.0] * 8
        values[14], values[15] = 5.5, -5.5
        assert xmr(values).point_types[-2:].tolist() == ["common_cause", "common_cause"]

    def test_a_decreasing_trend_of_seven_is_flagged(self) -> None:
        """0, -1, ..., -7 is special cause throughout (issue #167, NEWS.md v0.2.2)."""
        with pytest.warns(TrialLimitsWarning):
            result = xmr([0.0, -1, -2, -3, -4, -5, -6, -7])
        # The first and last points are beyond the limits (mean -3.5, limits -/+ 2.66),
        # which takes precedence over the trend.
        assert result.rules.tolist() == [
            "above_upper_limit",
            *["trend_decreasing"] * 6,
            "below_lower_limit",
        ]
        assert result.point_types[1:].tolist() == ["special_cause_concern"] * 7

    def test_a_trend_takes_its_direction_not_its_side(self) -> None:
        """A falling trend above the mean is a concern when higher is better (issue #171)."""
        values = [0.0, 1] * 7 + [2.9, 2.8, 2.7, 2.6, 2.5, 2.4, 2.3]
        result = xmr(values)
        assert result.mean[0] < 2.3
        assert result.rules[14:].tolist() == ["trend_decreasing"] * 7
        assert result.point_types[14:].tolist() == ["special_cause_concern"] * 7

    def test_a_flat_step_breaks_a_trend(self) -> None:
        """Trends are strict: a repeated value stops a trend."""
        # R/ptd_calculate_point_type.R: every sign(diff) in the window must be 1.
        values = (*STEADY[:7], 1.0, 1.1, 1.2, 1.2, 1.3, 1.4, 1.5)
        assert "trend_increasing" not in quiet_xmr(values).rules.tolist()

    def test_a_six_point_rule_is_available(self) -> None:
        """run_length=6 flags six rising points, as the MDC Excel tool can."""
        # Source: NHSRplotthedots issue #202.
        values = (*STEADY[:13], 2.1, 2.2, 2.3, 2.4, 2.5, 2.6)
        assert "trend_increasing" not in xmr(values).rules.tolist()
        assert xmr(values, run_length=6).rules[-6:].tolist() == ["trend_increasing"] * 6

    @given(charts(), st.integers(1, 39))
    @settings(max_examples=60)
    def test_no_rule_looks_across_a_rebase(
        self, chart: tuple[list[float], dict[str, Any]], cut: int
    ) -> None:
        """A chart rebased at k is the chart of the points before k beside the chart of the rest."""
        values, options = chart
        assume(len(values) >= 2)
        cut = 1 + cut % (len(values) - 1)
        options["rebase"] = (cut,)
        whole = quiet_xmr(values, **options)
        options["rebase"] = ()
        before = quiet_xmr(values[:cut], **options)
        after = quiet_xmr(values[cut:], **options)
        assert whole.rules.tolist() == before.rules.tolist() + after.rules.tolist()
        np.testing.assert_array_equal(
            whole.upper_limit, np.concatenate([before.upper_limit, after.upper_limit])
        )


# -- point types, assurance and icons ---------------------------------------------------------


class TestPointTypes:
    def test_direction_turns_rules_into_improvement_or_concern(self) -> None:
        """Above the upper limit is improvement when increasing, concern when decreasing."""
        values = (*STEADY[:13], 9.0)
        assert xmr(values).point_types[-1] == "special_cause_improvement"
        assert xmr(values, improvement_direction="decrease").point_types[-1] == (
            "special_cause_concern"
        )

    def test_neutral_direction_gives_high_and_low(self) -> None:
        """With a neutral direction special causes are neutral high or low."""
        high = xmr((*STEADY[:13], 9.0), improvement_direction="neutral")
        low = xmr((*STEADY[:13], -5.0), improvement_direction="neutral")
        assert (high.point_types[-1], low.point_types[-1]) == (
            "special_cause_neutral_high",
            "special_cause_neutral_low",
        )
        assert (high.variation_icon, low.variation_icon) == ("neutral_high", "neutral_low")

    def test_polarity_names_are_read_as_directions(self) -> None:
        """An indicator polarity stands for a direction: lower_is_better = decrease."""
        values = (*STEADY[:13], 9.0)
        assert xmr(values, improvement_direction="lower_is_better").improvement_direction == (
            "decrease"
        )
        assert xmr(values, improvement_direction="within_band").point_types[-1] == (
            "special_cause_neutral_high"
        )

    def test_an_indicator_gives_its_polarity(self) -> None:
        """An Indicator passed as the direction stands for its polarity."""
        indicator = Indicator(id="rr", title="Re-referrals", polarity="lower_is_better")
        result = xmr((*STEADY[:13], 9.0), improvement_direction=indicator)
        assert (result.improvement_direction, result.variation_icon) == ("decrease", "concern_high")

    @given(charts())
    @settings(max_examples=80)
    def test_flipping_the_direction_swaps_improvement_and_concern(
        self, chart: tuple[list[float], dict[str, Any]]
    ) -> None:
        """Decrease instead of increase swaps improvement and concern point by point."""
        values, options = chart
        up = quiet_xmr(values, **options)
        down = quiet_xmr(values, improvement_direction="decrease", **options)
        swap = {
            "special_cause_improvement": "special_cause_concern",
            "special_cause_concern": "special_cause_improvement",
            "common_cause": "common_cause",
        }
        assert [swap[p] for p in up.point_types.tolist()] == down.point_types.tolist()

    @given(charts())
    @settings(max_examples=80)
    def test_flipping_the_sign_of_the_data_swaps_improvement_and_concern(
        self, chart: tuple[list[float], dict[str, Any]]
    ) -> None:
        """Negated data swap improvement and concern, and negating the direction too swaps back.

        One R quirk is excluded: a point between two trends with a flat step after
        it counts as "decreasing" whatever the sign (R: ifelse(sdy == 1, "In", "De")).
        """
        values, options = chart
        result = quiet_xmr(values, **options)
        trend = np.isin(result.rules, ["trend_increasing", "trend_decreasing"])
        flat_next = np.zeros(len(values), dtype=bool)
        flat_next[:-1] = (np.diff(values) == 0) & trend[1:] & (np.diff(result.period_index) == 0)
        assume(not (trend & flat_next).any())
        flipped = quiet_xmr([-v for v in values], **options)
        swap = {
            "special_cause_improvement": "special_cause_concern",
            "special_cause_concern": "special_cause_improvement",
            "common_cause": "common_cause",
        }
        assert [swap[p] for p in result.point_types.tolist()] == flipped.point_types.tolist()
        both = quiet_xmr([-v for v in values], improvement_direction="decrease", **options)
        assert both.point_types.tolist() == result.point_types.tolist()


class TestVariationIcon:
    @pytest.mark.parametrize(
        ("direction", "last", "icon"),
        [
            ("increase", 9.0, "improvement_high"),
            ("increase", -5.0, "concern_low"),
            ("decrease", 9.0, "concern_high"),
            ("decrease", -5.0, "improvement_low"),
            ("neutral", 9.0, "neutral_high"),
            ("neutral", -5.0, "neutral_low"),
            ("increase", 2.0, "common_cause"),
        ],
    )
    def test_icon_of_the_last_point(self, direction: str, last: float, icon: str) -> None:
        """The icon follows ptd_get_icons' mapping from the last point type (R/geom_ptd_icon.R)."""
        result = xmr((*STEADY[:13], last), improvement_direction=direction)
        assert result.variation_icon == icon

    def test_icon_names_are_the_published_set(self) -> None:
        """Seven variation icons, as the R package ships (inst/icons/variation)."""
        assert len(VARIATION_ICONS) == 7
        assert len(POINT_TYPES) == 5


class TestAssurance:
    @pytest.mark.parametrize(
        ("lower", "upper", "increase", "decrease"),
        [
            (1, 3, "consistent_fail", "consistent_pass"),
            (5, 7, "consistent_pass", "consistent_fail"),
            (1, 5, "inconsistent", "inconsistent"),
        ],
    )
    def test_target_against_limits(
        self, lower: float, upper: float, increase: str, decrease: str
    ) -> None:
        """Target 4 against three sets of limits, both directions."""
        # Source: test-ptd_calculate_assurance_type.R.
        assert assurance(4, lower_limit=lower, upper_limit=upper) == increase
        assert (
            assurance(4, lower_limit=lower, upper_limit=upper, improvement_direction="decrease")
            == decrease
        )

    def test_neutral_has_no_assurance(self) -> None:
        """A neutral direction gives no assurance (test-ptd_calculate_assurance_type.R)."""
        assert assurance(4, lower_limit=1, upper_limit=3, improvement_direction="neutral") is None

    def test_a_target_on_a_limit_is_inconsistent(self) -> None:
        """The comparisons are strict: a target equal to a limit is inconsistent."""
        assert assurance(3, lower_limit=1, upper_limit=3) == "inconsistent"

    def test_no_target_no_assurance(self) -> None:
        """Without a target the chart has no assurance (test-ptd_calculate_assurance_type.R)."""
        assert xmr(STEADY).assurance is None

    def test_assurance_uses_the_last_period(self) -> None:
        """After a rebase, the target is judged against the last period's limits."""
        # Source: test-ptd_calculate_assurance_type.R.
        values = [1.0, 2.0] * 7 + [8.0, 9.0] * 7
        assert xmr(values, target=5.0).assurance == "inconsistent"
        assert xmr(values, target=5.0, rebase=[14]).assurance == "consistent_pass"

    def test_assurance_names(self) -> None:
        """Three assurance types."""
        assert ASSURANCE_TYPES == ("consistent_pass", "consistent_fail", "inconsistent")

    def test_bad_direction_is_a_validation_error(self) -> None:
        """An unknown direction names the field."""
        with pytest.raises(ValidationError, match=r"\$\.improvement_direction"):
            assurance(4, lower_limit=1, upper_limit=3, improvement_direction="up")


class TestTrialLimits:
    def test_twelve_points_warn(self) -> None:
        """A period of 12 points warns: the R default threshold is 13."""
        # Source: R/ptd_add_short_group_warnings.R.
        assert TRIAL_LIMITS_BELOW == 13
        with pytest.warns(TrialLimitsWarning, match="trial limits"):
            result = xmr(STEADY[:12])
        assert result.trial_limits

    def test_thirteen_points_do_not_warn(self) -> None:
        """A period of 13 points does not warn (filterwarnings=error would fail the test)."""
        assert not xmr(STEADY[:13]).trial_limits

    def test_a_short_period_after_a_rebase_warns(self) -> None:
        """One short period among long ones warns, naming it."""
        # Source: test-ptd_add_short_group_warnings.R.
        values = list(RNORM_123) * 3
        with pytest.warns(TrialLimitsWarning, match=r"period 1 \(points 35 to 39\) has 5"):
            xmr(values, rebase=[35, 40])

    def test_many_warns_once_for_shared_periods(self) -> None:
        """xmr_many warns for a short period shared by its series."""
        with pytest.warns(TrialLimitsWarning):
            table = xmr_many(np.zeros((3, 5)))
        assert table.trial_limits


class TestMissingValues:
    def test_a_missing_value_is_common_cause(self) -> None:
        """NaN is never special cause, and its moving ranges are left out."""
        values = [*STEADY[:13], math.nan, 2.0]
        result = xmr(values)
        assert result.point_types[13] == "common_cause"
        complete = [v for v in values if not math.isnan(v)]
        ranges = [abs(b - a) for a, b in itertools.pairwise(values)]
        average = np.nanmean(ranges)
        assert result.mean[0] == pytest.approx(sum(complete) / len(complete))
        assert result.upper_limit[0] == pytest.approx(result.mean[0] + 2.66 * average)

    def test_a_missing_value_breaks_a_run(self) -> None:
        """Seven points above the mean with a gap in the middle are not a run."""
        values = [1.0, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0.8, 0.9, 0.8, math.nan, 0.9, 0.8, 0.9]
        assert "run_above" not in xmr(values).rules.tolist()
        values[13] = 0.9
        assert "run_above" in xmr(values).rules.tolist()


class TestValidation:
    @pytest.mark.parametrize(
        ("options", "path"),
        [
            ({"improvement_direction": "up"}, r"\$\.improvement_direction"),
            ({"fix_after_n_points": 5}, r"\$\.fix_after_n_points"),
            ({"run_length": 1}, r"\$\.run_length"),
            ({"rebase": [20]}, r"\$\.rebase\[0\]"),
            ({"rebase": ["a"]}, r"\$\.rebase\[0\]"),
            ({"target": "high"}, r"\$\.target"),
            ({"screen_outliers": "yes"}, r"\$\.screen_outliers"),
        ],
    )
    def test_bad_options_name_the_field(self, options: dict[str, Any], path: str) -> None:
        """Each bad option is a ValidationError naming its field."""
        with pytest.raises(ValidationError, match=path):
            xmr(RNORM_123, **options)

    def test_text_values_are_a_validation_error(self) -> None:
        """Values that are not numbers raise a ValidationError at $.values."""
        with pytest.raises(ValidationError, match=r"\$\.values"):
            xmr(["a", "b"])

    def test_an_infinity_is_located(self) -> None:
        """An infinite value is reported at its index."""
        with pytest.raises(ValidationError, match=r"\$\.values\[2\]"):
            xmr([1.0, 2.0, math.inf])

    def test_xmr_takes_one_series(self) -> None:
        """A 2-D array is not one series."""
        with pytest.raises(ValidationError, match="1-D"):
            xmr(np.zeros((2, 13)))

    def test_empty_values_are_refused(self) -> None:
        """A chart needs at least one point."""
        with pytest.raises(ValidationError, match=r"\$\.values"):
            xmr([])


# -- properties and the oracle ------------------------------------------------------------------


class TestXmr:
    @given(charts())
    @settings(max_examples=100)
    def test_agrees_with_the_r_transliteration(
        self, chart: tuple[list[float], dict[str, Any]]
    ) -> None:
        """Limits (to 1e-9) and rules equal the per-point port of the R code."""
        values, options = chart
        result = quiet_xmr(values, **options)
        expected = r_reference(values, **options)
        np.testing.assert_allclose(result.mean, expected["mean"], rtol=1e-9, atol=1e-9)
        np.testing.assert_allclose(result.upper_limit, expected["upl"], rtol=1e-9, atol=1e-9)
        np.testing.assert_allclose(result.lower_limit, expected["lpl"], rtol=1e-9, atol=1e-9)
        assert result.rules.tolist() == expected["rule"]

    @given(charts())
    @settings(max_examples=60)
    def test_rebasing_at_the_first_point_changes_nothing(
        self, chart: tuple[list[float], dict[str, Any]]
    ) -> None:
        """rebase=[0] gives the same chart as no rebase."""
        values, options = chart
        plain = quiet_xmr(values, **options)
        options["rebase"] = (0, *options["rebase"])
        rebased = quiet_xmr(values, **options)
        np.testing.assert_array_equal(plain.upper_limit, rebased.upper_limit)
        assert plain.point_types.tolist() == rebased.point_types.tolist()
        assert plain.period_index.tolist() == rebased.period_index.tolist()

    def test_results_are_read_only(self) -> None:
        """The arrays of a result cannot be written."""
        result = xmr(STEADY)
        with pytest.raises(ValueError, match="read-only"):
            result.mean[0] = 1.0

    def test_input_is_not_changed(self) -> None:
        """xmr never mutates its input."""
        values = np.array(STEADY)
        xmr(values)
        assert values.tolist() == list(STEADY)


class TestXmrMany:
    @given(
        st.integers(1, 30).flatmap(
            lambda length: st.lists(
                st.lists(
                    st.one_of(st.integers(-5, 5).map(float), st.just(math.nan), st.floats(-20, 20)),
                    min_size=length,
                    max_size=length,
                ),
                min_size=1,
                max_size=6,
            )
        ),
        st.sampled_from(("increase", "decrease", "neutral")),
        st.one_of(st.none(), st.floats(-5, 5)),
        st.booleans(),
    )
    @settings(max_examples=80)
    def test_equals_xmr_on_each_series(
        self, rows: list[list[float]], direction: str, target: float | None, screen: bool
    ) -> None:
        """xmr_many gives what xmr gives on each series, missing values included."""
        rebase = (len(rows[0]) // 2,) if len(rows[0]) > 1 else ()
        options = {
            "improvement_direction": direction,
            "target": target,
            "screen_outliers": screen,
            "rebase": rebase,
        }
        table = quiet_xmr_many(rows, **options)
        for index, row in enumerate(rows):
            single = quiet_xmr(row, **options)
            many = table.result(index)
            np.testing.assert_array_equal(many.upper_limit, single.upper_limit)
            np.testing.assert_array_equal(many.mean, single.mean)
            assert many.point_types.tolist() == single.point_types.tolist()
            assert (many.assurance, many.variation_icon) == (
                single.assurance,
                single.variation_icon,
            )

    def test_one_series_has_an_empty_leading_shape(self) -> None:
        """A 1-D array is one series: shape (), result() with no position."""
        table = xmr_many(STEADY)
        assert table.shape == ()
        assert table.result().point_types.tolist() == xmr(STEADY).point_types.tolist()
        assert table.variation_icons.tolist() == "common_cause"

    def test_keeps_the_leading_shape(self) -> None:
        """A (2, 3, 20) array gives (2, 3) series with 20 points each."""
        table = xmr_many(np.random.default_rng(0).normal(size=(2, 3, 20)))
        assert table.shape == (2, 3)
        assert table.point_type_codes.shape == (2, 3, 20)
        assert table.variation_icons.shape == (2, 3)

    def test_directions_and_targets_per_series(self) -> None:
        """Directions and targets broadcast over the leading axes."""
        rising = np.arange(14.0)
        table = xmr_many(
            np.stack([rising, rising]),
            improvement_direction=["increase", "decrease"],
            target=[20.0, math.nan],
        )
        assert table.variation_icons.tolist() == ["improvement_high", "concern_high"]
        assert table.assurance.tolist() == ["consistent_fail", None]

    def test_a_bad_direction_is_located(self) -> None:
        """A bad direction among many is reported at its index."""
        with pytest.raises(ValidationError, match=r"\$\.improvement_direction\[1\]"):
            xmr_many(np.zeros((2, 13)), improvement_direction=["increase", "up"])

    def test_a_bad_position_is_a_validation_error(self) -> None:
        """result() with a position outside the table raises ValidationError."""
        with pytest.raises(ValidationError, match=r"\$\.index"):
            xmr_many(np.zeros((2, 13))).result(5)


def _quarters(count: int, start: int = 2015) -> list[str]:
    return [f"{start + i // 4}-Q{i % 4 + 1}" for i in range(count)]


class TestSeriesAndPanel:
    def test_xmr_charts_a_series_rebased_by_label(self) -> None:
        """A Series is charted like its values; a rebase may name a period by its label."""
        values = [1.0, 2.0] * 7 + [8.0, 9.0] * 7
        series = Series(values=values, periods=_quarters(28))
        by_label = xmr(series, rebase=["2018-Q3"])
        by_index = xmr(values, rebase=[14])
        assert by_label.period_index.tolist() == by_index.period_index.tolist()
        np.testing.assert_array_equal(by_label.mean, by_index.mean)

    def test_an_unknown_period_is_a_validation_error(self) -> None:
        """A rebase period the series lacks raises ValidationError at $.rebase[0]."""
        series = Series(values=list(STEADY), periods=_quarters(14))
        with pytest.raises(ValidationError, match=r"\$\.rebase\[0\]"):
            xmr(series, rebase=["2030-Q1"])

    def test_xmr_many_reads_directions_and_targets_per_indicator(self) -> None:
        """On a panel, directions and targets come per indicator, from Indicators or values."""
        rng = np.random.default_rng(0)
        values = rng.normal(10, 1, size=(3, 2, 16))
        values[1, 0, -1] = 30.0
        panel = Panel(
            values=values, areas=["a", "b", "c"], indicators=["x", "y"], periods=_quarters(16)
        )
        rereferrals = Indicator(
            id="x", title="Re-referrals", polarity="lower_is_better", target=12.0
        )
        table = xmr_many(
            panel,
            improvement_direction={"x": rereferrals, "y": "increase"},
            target={"x": rereferrals, "y": None},
        )
        assert table.labels == (("a", "b", "c"), ("x", "y"))
        assert table.result(1, 0).variation_icon == "concern_high"
        for area in range(3):
            for column, indicator in enumerate(("x", "y")):
                single = xmr(
                    panel.series(panel.areas[area], indicator),
                    improvement_direction="decrease" if indicator == "x" else "increase",
                    target=12.0 if indicator == "x" else None,
                )
                many = table.result(area, column)
                assert many.point_types.tolist() == single.point_types.tolist()
                assert many.assurance == single.assurance

    def test_a_mapping_must_cover_every_indicator(self) -> None:
        """A direction mapping without an indicator of the panel names the missing one."""
        panel = Panel(
            values=np.zeros((1, 2, 13)), areas=["a"], indicators=["x", "y"], periods=_quarters(13)
        )
        with pytest.raises(ValidationError, match=r"\$\.improvement_direction\.y"):
            xmr_many(panel, improvement_direction={"x": "increase"})
