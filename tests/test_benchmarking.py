"""Tests for lscbqa.indicators.benchmarking: comparators, benchmark rows, hand-worked numbers.

The panel ``PANEL`` has six rows: five areas and England's own row ``eng``.
Region "west" is a, b, c; region "east" is d, e. Values of indicator ``rr``
(re-referrals %, lower is better) over 2021..2024:

    a: 20, 21, 22, 23      b: 25, 25, 25, 25      c: 30, 28, 26, 22
    d: 18, 18, 18, 19      e: 24, 23, 22, 21      eng: 22, 22, 22, 22

and of ``cpp2`` (second child-protection plans %, healthy band 15..25) in 2024:
a 10, b 20, c 30, d 26, e 15, eng 21 (earlier years 20 throughout).
"""

from __future__ import annotations

import math
import statistics
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lscbqa.exceptions import NotFoundError, TrialLimitsWarning, ValidationError
from lscbqa.indicators import Band, Indicator, Panel
from lscbqa.indicators.benchmarking import Benchmark, BenchmarkRow, Comparators, benchmark

PERIODS = ["2021", "2022", "2023", "2024"]
AREAS = ["a", "b", "c", "d", "e", "eng"]
RR = {
    "a": [20, 21, 22, 23],
    "b": [25, 25, 25, 25],
    "c": [30, 28, 26, 22],
    "d": [18, 18, 18, 19],
    "e": [24, 23, 22, 21],
    "eng": [22, 22, 22, 22],
}
CPP2_2024 = {"a": 10, "b": 20, "c": 30, "d": 26, "e": 15, "eng": 21}
PANEL = Panel(
    values=[[RR[area], [20, 20, 20, CPP2_2024[area]]] for area in AREAS],
    areas=AREAS,
    indicators=["rr", "cpp2"],
    periods=PERIODS,
)
REREFERRALS = Indicator(
    id="rr",
    title="Re-referrals within 12 months",
    polarity="lower_is_better",
    challenge_questions=("What is driving repeat referrals?",),
)
SECOND_PLANS = Indicator(
    id="cpp2", title="Second or later plans", polarity="within_band", band=Band(low=15, high=25)
)
COMPARATORS = Comparators(
    regions={"a": "west", "b": "west", "c": "west", "d": "east", "e": "east"},
    neighbours={"a": ("d", "e"), "c": ("a",)},
    england="eng",
)


def _row(area: str, indicator: str = "rr", **options: Any) -> BenchmarkRow:
    options.setdefault("spc", False)
    options.setdefault("comparators", COMPARATORS)
    return benchmark(PANEL, area, indicators=[REREFERRALS, SECOND_PLANS], **options).row(indicator)


class TestComparators:
    def test_region_areas_in_order(self) -> None:
        """region_areas lists a region's areas in the order given."""
        assert COMPARATORS.region_areas("west") == ("a", "b", "c")

    def test_an_area_cannot_neighbour_itself(self) -> None:
        """An area listed among its own neighbours is a ValidationError naming it."""
        with pytest.raises(ValidationError, match=r"\$\.neighbours\.a"):
            Comparators(neighbours={"a": ("a", "b")})

    def test_a_neighbour_listed_twice_is_refused(self) -> None:
        """Each neighbour appears once."""
        with pytest.raises(ValidationError, match="repeat"):
            Comparators(neighbours={"a": ("b", "b")})

    def test_is_built_from_plain_data(self) -> None:
        """Mappings and lists (as read from a file) become frozen mappings and tuples."""
        data: dict[str, Any] = {"regions": {"a": "west"}, "neighbours": {"a": ["b", "c"]}}
        comparators = Comparators(**data)
        assert comparators.neighbours["a"] == ("b", "c")
        assert comparators == Comparators(regions={"a": "west"}, neighbours={"a": ("b", "c")})


class TestBenchmark:
    def test_averages_of_each_comparator(self) -> None:
        """Region, England (its own row) and neighbour averages, worked by hand."""
        row = _row("a")
        assert row.value == 23.0
        assert row.region == pytest.approx((23 + 25 + 22) / 3)
        assert row.england == 22.0
        assert row.neighbours == pytest.approx((19 + 21) / 2)

    def test_england_without_its_row_is_the_mean_of_all_areas(self) -> None:
        """Without an England row, England is the mean of every area in the panel."""
        row = _row("a", comparators=Comparators(regions=COMPARATORS.regions))
        assert row.england == pytest.approx((23 + 25 + 22 + 19 + 21 + 22) / 6)

    def test_rank_and_quartile_respect_polarity(self) -> None:
        """Lower is better: in the west c (22) ranks 1, a (23) 2, b (25) 3."""
        assert [_row(area).rank for area in "abc"] == [2, 3, 1]
        assert {_row(area).of for area in "abc"} == {3}
        # Goodness -23, -25, -22: quartiles (linear) -24, -23, -22.5.
        assert [_row(area).quartile for area in "abc"] == [2, 4, 1]

    def test_healthy_band_ranks_by_distance_from_the_band(self) -> None:
        """Within a band of 15..25, 20 beats 10 and 30 (5 out of band each), which tie."""
        assert [_row(area, "cpp2").rank for area in "abc"] == [2, 1, 2]
        assert _row("e", "cpp2").rank == 1  # 15: on the band's edge, in it
        assert _row("d", "cpp2").rank == 2  # 26: 1 above the band

    def test_distance_from_england_in_standard_deviations(self) -> None:
        """(England - value) / sd of the areas, positive when better (lower here)."""
        spread = statistics.stdev([23, 25, 22, 19, 21])
        assert _row("d").sd_from_england == pytest.approx((22 - 19) / spread)
        assert _row("b").sd_from_england == pytest.approx((22 - 25) / spread)

    def test_direction_of_travel(self) -> None:
        """Against the year before: c fell (better), b held, a rose (worse)."""
        assert [_row(area).direction_of_travel for area in "cba"] == ["better", "same", "worse"]

    def test_direction_of_travel_over_more_periods(self) -> None:
        """travel_periods=3 compares 2024 with 2021: d 19 > 18 is worse for lower-is-better."""
        assert _row("d", travel_periods=3).direction_of_travel == "worse"

    def test_dipping_after_worse_periods(self) -> None:
        """a rose three years running: dipping, with the indicator's challenge question."""
        row = _row("a")
        assert row.dipping
        assert row.challenge_questions == REREFERRALS.challenge_questions
        assert not _row("d").dipping  # 18, 18, 18, 19: one worse step only
        assert _row("d").challenge_questions == ()

    def test_dipping_periods_sets_the_run(self) -> None:
        """With dipping_periods=1, one worse step is enough."""
        assert _row("d", dipping_periods=1).dipping

    def test_an_earlier_period_can_be_benchmarked(self) -> None:
        """period='2022' compares 2022's values."""
        row = _row("c", period="2022")
        assert (row.value, row.period, row.rank) == (28.0, "2022", 3)

    def test_a_missing_value_has_no_rank(self) -> None:
        """A NaN value has no rank or quartile and a missing direction of travel."""
        values = np.array(PANEL.values)
        values[0, 0, -1] = np.nan
        panel = Panel(values=values, areas=AREAS, indicators=["rr", "cpp2"], periods=PERIODS)
        row = benchmark(panel, "a", comparators=COMPARATORS, indicators=[REREFERRALS], spc=False)
        only = row.row("rr")
        assert (only.rank, only.quartile, only.direction_of_travel, only.of) == (
            None,
            None,
            "missing",
            2,
        )

    def test_an_area_without_a_region(self) -> None:
        """The England row has no region: no region average, rank or quartile."""
        row = _row("eng")
        assert math.isnan(row.region)
        assert (row.rank, row.quartile, row.of) == (None, None, 0)

    def test_spc_concern_makes_an_indicator_dip(self) -> None:
        """A point far above a steady history is an SPC concern when lower is better."""
        steady = [20.0, 21.0] * 7 + [40.0]
        panel = Panel(
            values=[[steady], [[20.0] * 15]],
            areas=["a", "b"],
            indicators=["rr"],
            periods=[f"{2000 + i}" for i in range(15)],
        )
        result = benchmark(panel, "a", comparators=Comparators(), indicators=[REREFERRALS])
        row = result.row("rr")
        assert (row.variation_icon, row.dipping) == ("concern_high", True)

    def test_spc_on_short_series_warns(self) -> None:
        """Four years of data give trial limits: TrialLimitsWarning."""
        with pytest.warns(TrialLimitsWarning):
            row = _row("a", spc=True)
        assert row.variation_icon is not None

    def test_indicators_may_be_a_mapping(self) -> None:
        """A mapping id -> Indicator works like a list of them."""
        result = benchmark(
            PANEL, "a", comparators=COMPARATORS, indicators={"rr": REREFERRALS}, spc=False
        )
        assert [row.indicator_id for row in result.rows] == ["rr"]
        assert result.region == "west"

    def test_unknown_area_is_not_found(self) -> None:
        """An area the panel lacks raises NotFoundError."""
        with pytest.raises(NotFoundError):
            _row("z")

    def test_unknown_indicator_is_a_validation_error(self) -> None:
        """An Indicator whose id the panel lacks is reported at its index."""
        other = Indicator(id="other", title="Other", polarity="higher_is_better")
        with pytest.raises(ValidationError, match=r"\$\.indicators\[0\]"):
            benchmark(PANEL, "a", comparators=COMPARATORS, indicators=[other])

    @pytest.mark.parametrize(
        ("options", "path"),
        [
            ({"period": "2030"}, r"\$\.period"),
            ({"travel_periods": 0}, r"\$\.travel_periods"),
            ({"dipping_periods": "3"}, r"\$\.dipping_periods"),
            ({"comparators": Comparators(england="wales")}, r"\$\.comparators\.england"),
        ],
    )
    def test_bad_options_name_the_field(self, options: dict[str, Any], path: str) -> None:
        """Each bad option raises ValidationError naming its field."""
        with pytest.raises(ValidationError, match=path):
            _row("a", **options)

    @given(st.lists(st.floats(-100, 100), min_size=2, max_size=12), st.booleans())
    @settings(max_examples=60)
    def test_rank_counts_the_strictly_better(self, values: list[float], lower: bool) -> None:
        """Rank is 1 + the number of areas of the region strictly better, per a plain loop."""
        areas = [f"a{i}" for i in range(len(values))]
        panel = Panel(
            values=[[[v]] for v in values], areas=areas, indicators=["x"], periods=["2024"]
        )
        polarity = "lower_is_better" if lower else "higher_is_better"
        indicator = Indicator(id="x", title="X", polarity=polarity)
        comparators = Comparators(regions=dict.fromkeys(areas, "r"))
        for area, value in zip(areas, values, strict=True):
            row = benchmark(panel, area, comparators=comparators, indicators=[indicator], spc=False)
            better = sum((v < value) if lower else (v > value) for v in values)
            assert row.row("x").rank == 1 + better

    @given(st.lists(st.floats(-100, 100), min_size=2, max_size=12))
    @settings(max_examples=60)
    def test_flipping_sign_and_polarity_changes_nothing(self, values: list[float]) -> None:
        """Negated values with the opposite polarity give the same ranks, bands and distances."""
        areas = [f"a{i}" for i in range(len(values))]
        comparators = Comparators(regions=dict.fromkeys(areas, "r"))

        def rows(data: list[float], polarity: str) -> list[tuple[Any, ...]]:
            panel = Panel(
                values=[[[v]] for v in data], areas=areas, indicators=["x"], periods=["2024"]
            )
            indicator = Indicator(id="x", title="X", polarity=polarity)
            found = []
            for area in areas:
                result = benchmark(
                    panel, area, comparators=comparators, indicators=[indicator], spc=False
                )
                row = result.row("x")
                distance = row.sd_from_england
                found.append(
                    (row.rank, row.quartile, None if math.isnan(distance) else round(distance, 9))
                )
            return found

        assert rows(values, "higher_is_better") == rows([-v for v in values], "lower_is_better")


class TestBenchmarkValue:
    def test_row_of_an_unknown_indicator_is_not_found(self) -> None:
        """Benchmark.row of an indicator not benchmarked raises NotFoundError naming the others."""
        result = benchmark(PANEL, "a", comparators=COMPARATORS, indicators=[REREFERRALS], spc=False)
        with pytest.raises(NotFoundError, match="'rr'"):
            result.row("cpp2")

    def test_rows_with_nan_compare_equal(self) -> None:
        """Two benchmarks of the same data are equal, NaN comparators included."""
        first = benchmark(
            PANEL, "eng", comparators=COMPARATORS, indicators=[REREFERRALS], spc=False
        )
        second = benchmark(
            PANEL, "eng", comparators=COMPARATORS, indicators=[REREFERRALS], spc=False
        )
        assert isinstance(first, Benchmark)
        assert first == second
