"""Tests for lscbqa.indicators.series: Series, Panel, rates and as_period.

Also the label, parse and shift edges of lscbqa.periods that tests/test_periods.py
does not reach (years at the ends of the calendar, stray whitespace).
"""

from __future__ import annotations

import datetime
import itertools
import math
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lscbqa.exceptions import NotFoundError, ValidationError
from lscbqa.indicators.series import Panel, Series, as_period, rates
from lscbqa.measures import Indicator
from lscbqa.periods import Period, PeriodType

NAN = math.nan
Q3 = ("2024-Q1", "2024-Q2", "2024-Q3")
LABEL_FORMATS = (
    "expected a period label such as '2024-04' (month), '2024-Q2' (quarter), "
    "'FY2024-25' (financial year), '2024/25' (academic year), '2024' (calendar year) "
    "or '2024-01-05..2024-02-04' (any span); "
)

# -- strategies -----------------------------------------------------------------------------------

VALUES = st.floats(allow_nan=True, allow_infinity=False)
IDS = st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True)


@st.composite
def period_runs(draw: st.DrawFn, *, min_size: int = 0, max_size: int = 6) -> tuple[Period, ...]:
    """Consecutive periods of one type, from PeriodType.periods."""
    kind = draw(st.sampled_from(list(PeriodType)))
    year = draw(st.integers(min_value=1990, max_value=2090))
    first = {
        PeriodType.MONTH: Period.month(year, 1),
        PeriodType.QUARTER: Period.quarter(year, 1),
        PeriodType.FINANCIAL_YEAR: Period.financial_year(year),
        PeriodType.ACADEMIC_YEAR: Period.academic_year(year),
        PeriodType.CALENDAR_YEAR: Period.calendar_year(year),
    }[kind].shift(draw(st.integers(min_value=0, max_value=11)))
    return kind.periods(first, draw(st.integers(min_value=min_size, max_value=max_size)))


@st.composite
def series(draw: st.DrawFn) -> Series:
    """Series of finite or missing values with an area and indicator."""
    periods = draw(period_runs())
    values = draw(st.lists(VALUES, min_size=len(periods), max_size=len(periods)))
    return Series(
        values=values, periods=periods, area=draw(IDS), indicator_id=draw(IDS | st.none())
    )


@st.composite
def panels(draw: st.DrawFn, *, min_size: int = 0) -> Panel:
    """Panels of finite or missing values, up to 3 areas x 3 indicators x 6 periods."""
    areas = draw(st.lists(IDS, min_size=min_size, max_size=3, unique=True))
    indicators = draw(st.lists(IDS, min_size=min_size, max_size=3, unique=True))
    periods = draw(period_runs(min_size=min_size))
    size = len(areas) * len(indicators) * len(periods)
    values = draw(st.lists(VALUES, min_size=size, max_size=size))
    shape = (len(areas), len(indicators), len(periods))
    return Panel(
        values=np.array(values, dtype=np.float64).reshape(shape),
        areas=areas,
        indicators=indicators,
        periods=periods,
    )


def _messages(error: ValidationError) -> dict[str, str]:
    """Each problem's message by its path (paths are unique in these tests)."""
    return {problem.path: problem.message for problem in error.problems}


def _panel(**fields: Any) -> Panel:
    """2 areas x 2 indicators x 3 quarters, values 0 to 11, with the given fields changed."""
    return Panel(
        **{
            "values": np.arange(12.0).reshape(2, 2, 3),
            "areas": ["north", "south"],
            "indicators": ["cp", "rr"],
            "periods": Q3,
            **fields,
        }
    )


# -- as_period and rates ----------------------------------------------------------------------


class TestAsPeriod:
    def test_period_passes_through(self) -> None:
        """A Period is returned as it is."""
        period = Period.quarter(2024, 1)
        assert as_period(period) is period

    def test_label_is_parsed(self) -> None:
        """A label gives the period it names."""
        assert as_period("FY2024-25") == Period.financial_year(2024)

    def test_errors_carry_the_path(self) -> None:
        """A bad label is reported at the path given."""
        with pytest.raises(ValidationError) as caught:
            as_period("bad", "$.x[1]")
        assert _messages(caught.value) == {"$.x[1]": LABEL_FORMATS + "found the string 'bad'"}

    def test_none_is_a_validation_error(self) -> None:
        """None is not a period: a ValidationError, not a TypeError."""
        with pytest.raises(ValidationError, match=r"found nothing \(null\)"):
            as_period(None)  # type: ignore[arg-type]


class TestRates:
    def test_rate_times_factor(self) -> None:
        """Each rate is numerator x factor / denominator."""
        assert rates([45, 7], [90000, 25], 10000).tolist() == [5.0, 2800.0]

    def test_multiplies_first(self) -> None:
        """30 x 10,000 / 50,000 is exactly 6 (dividing first would give 5.999...)."""
        assert rates([30], [50000], 10000).tolist() == [6.0]

    def test_zero_or_missing_denominator_is_nan(self) -> None:
        """A zero or NaN denominator, or a NaN numerator, gives NaN without a warning."""
        result = rates([1, 0, 1, NAN], [0, 0, NAN, 2], 100)
        assert np.isnan(result).all()

    def test_float64_result(self) -> None:
        """The result is a float64 array even from integer inputs."""
        assert rates(np.array([1, 2]), np.array([2, 4]), 1).dtype == np.float64

    @given(
        st.lists(
            st.tuples(
                st.integers(min_value=0, max_value=10**6),
                st.integers(min_value=0, max_value=10**7),
            ),
            max_size=20,
        ),
        st.sampled_from([1.0, 100.0, 1000.0, 10000.0, 100000.0]),
    )
    @settings(max_examples=50)
    def test_agrees_with_indicator_rate(self, counts: list[tuple[int, int]], factor: float) -> None:
        """The vectorised rates equal Indicator.rate applied one pair at a time (the oracle)."""
        indicator = Indicator(id="x", title="X", polarity="higher_is_better", factor=factor)
        tops = [top for top, _ in counts]
        bottoms = [bottom for _, bottom in counts]
        expected = [indicator.rate(top, bottom) for top, bottom in counts]
        np.testing.assert_array_equal(rates(tops, bottoms, factor), expected)


# -- Series ---------------------------------------------------------------------------------------


class TestSeries:
    def test_values_are_float64(self) -> None:
        """Values become a float64 array; None becomes NaN."""
        series = Series(values=[1, None, 3], periods=Q3)
        assert series.values.dtype == np.float64
        assert np.array_equal(series.values, [1.0, NAN, 3.0], equal_nan=True)

    def test_periods_from_labels_and_periods(self) -> None:
        """Periods may be given as labels or Period values, mixed."""
        series = Series(values=[1, 2], periods=["2024-Q1", Period.quarter(2024, 2)])
        assert series.periods == (Period.quarter(2024, 1), Period.quarter(2024, 2))

    def test_labels(self) -> None:
        """labels gives each period's label."""
        series = Series(values=[1, 2, 3], periods=["FY2023-24", "FY2024-25", "FY2025-26"])
        assert series.labels == ("FY2023-24", "FY2024-25", "FY2025-26")

    def test_periods_of_different_types_that_do_not_overlap(self) -> None:
        """Periods need only follow each other; they may be of different types."""
        assert Series(values=[1, 2], periods=["2023", "2024-Q2"]).labels == ("2023", "2024-Q2")

    def test_len(self) -> None:
        """len is the number of periods."""
        assert len(Series(values=[1, 2, 3], periods=Q3)) == 3

    def test_empty(self) -> None:
        """A series may be empty."""
        assert len(Series(values=[], periods=[])) == 0

    def test_ids(self) -> None:
        """area and indicator_id are kept."""
        series = Series(values=[1], periods=["2024"], area="north", indicator_id="cp")
        assert (series.area, series.indicator_id) == ("north", "cp")

    # -- read-only values ------------------------------------------------------------------

    def test_values_are_read_only(self) -> None:
        """Writing into the values raises."""
        series = Series(values=[1.0, 2.0, 3.0], periods=Q3)
        with pytest.raises(ValueError, match="read-only"):
            series.values[0] = 5.0

    def test_input_is_copied_not_frozen(self) -> None:
        """A writeable input is copied: it stays writeable and later writes miss the series."""
        array = np.array([1.0, 2.0, 3.0])
        series = Series(values=array, periods=Q3)
        array[0] = 99.0
        assert array.flags.writeable
        assert series.values.tolist() == [1.0, 2.0, 3.0]

    def test_read_only_view_of_writeable_array_is_copied(self) -> None:
        """A series does not change when the array its read-only input views is written."""
        base = np.array([1.0, 2.0, 3.0])
        view = base.view()
        view.flags.writeable = False
        series = Series(values=view, periods=Q3)
        base[0] = 99.0
        assert series.values.tolist() == [1.0, 2.0, 3.0]

    # -- validation ------------------------------------------------------------------------

    def test_infinite_value(self) -> None:
        """An infinite value is reported at its index, with how many more there are."""
        with pytest.raises(ValidationError) as caught:
            Series(values=[1, np.inf, -np.inf, 2], periods=[*Q3, "2024-Q4"])
        assert _messages(caught.value) == {
            "$.values[1]": "expected a finite number or NaN (missing); found inf and 1 more"
        }

    def test_one_negative_infinite_value(self) -> None:
        """A single -inf is reported without 'more'."""
        with pytest.raises(ValidationError) as caught:
            Series(values=[1, 2, -np.inf], periods=Q3)
        assert _messages(caught.value) == {
            "$.values[2]": "expected a finite number or NaN (missing); found -inf"
        }

    @pytest.mark.parametrize(
        ("values", "message"),
        [
            ("abc", "expected an array of numbers; found the string 'abc'"),
            (["a", "b", "c"], "expected an array of numbers; found a list of 3 items"),
            ([[1, 2, 3]], "expected 1 dimension(s); found 2"),
            (5, "expected 1 dimension(s); found 0"),
        ],
    )
    def test_values_not_a_list_of_numbers(self, values: Any, message: str) -> None:
        """Values that are not one row of numbers are rejected at $.values."""
        with pytest.raises(ValidationError) as caught:
            Series(values=values, periods=Q3)
        assert _messages(caught.value) == {"$.values": message}

    def test_huge_int_value(self) -> None:
        """An integer beyond the float range is a ValidationError at $.values."""
        with pytest.raises(ValidationError):
            Series(values=[10**400], periods=["2024"])

    def test_lengths_differ(self) -> None:
        """A period count other than the value count is rejected at $.periods."""
        with pytest.raises(ValidationError) as caught:
            Series(values=[1, 2], periods=Q3)
        assert _messages(caught.value) == {
            "$.periods": "expected one period per value (2); found 3"
        }

    def test_bad_labels_are_all_reported(self) -> None:
        """Every label that does not parse is reported at its index."""
        with pytest.raises(ValidationError) as caught:
            Series(values=[1, 2, 3], periods=["2024-Q1", "bad", "2024-13"])
        assert _messages(caught.value) == {
            "$.periods[1]": LABEL_FORMATS + "found the string 'bad'",
            "$.periods[2]": LABEL_FORMATS + "found the string '2024-13'",
        }

    def test_non_label_period(self) -> None:
        """A date is not a period: rejected at its index."""
        with pytest.raises(ValidationError) as caught:
            Series(values=[1], periods=[datetime.date(2024, 1, 1)])
        assert caught.value.paths == ("$.periods[0]",)

    @pytest.mark.parametrize(
        ("periods", "found"), [("2024", "the string '2024'"), (None, "nothing (null)")]
    )
    def test_periods_not_a_list(self, periods: Any, found: str) -> None:
        """A single label or None is not a list of periods."""
        with pytest.raises(ValidationError) as caught:
            Series(values=[1], periods=periods)
        assert _messages(caught.value) == {
            "$.periods": f"expected a list, each item a Period table; found {found}"
        }

    def test_out_of_order_periods_are_all_reported(self) -> None:
        """Every period not after the one before is reported at its index."""
        with pytest.raises(ValidationError) as caught:
            Series(values=[1, 2, 3, 4], periods=["2024-Q2", "2024-Q1", "2024-Q1", "2024-Q3"])
        assert _messages(caught.value) == {
            "$.periods[1]": "expected a period after 2024-Q2; found 2024-Q1",
            "$.periods[2]": "expected a period after 2024-Q1; found 2024-Q1",
        }

    def test_overlapping_periods(self) -> None:
        """A quarter inside the year before it overlaps: rejected."""
        with pytest.raises(ValidationError) as caught:
            Series(values=[1, 2], periods=["2024", "2024-Q2"])
        assert _messages(caught.value) == {
            "$.periods[1]": "expected a period after 2024; found 2024-Q2"
        }

    def test_bad_ids_are_all_reported(self) -> None:
        """Bad area and indicator ids are reported together."""
        with pytest.raises(ValidationError) as caught:
            Series(values=[1], periods=["2024"], area="bad area", indicator_id="")
        assert caught.value.paths == ("$.indicator_id", "$.area")

    # -- equality --------------------------------------------------------------------------

    def test_equal_with_nan_in_the_same_places(self) -> None:
        """Series with NaN in the same places are equal."""
        a = Series(values=[1.0, NAN, 3.0], periods=Q3, area="a", indicator_id="x")
        b = Series(values=[1.0, NAN, 3.0], periods=Q3, area="a", indicator_id="x")
        assert a == b

    @pytest.mark.parametrize(
        "change",
        [
            {"values": [1.0, 2.0, 3.0]},
            {"values": [1.0, NAN, 3.5]},
            {"periods": ["2024-Q2", "2024-Q3", "2024-Q4"]},
            {"area": "b"},
            {"indicator_id": None},
        ],
    )
    def test_unequal_when_any_field_differs(self, change: dict[str, Any]) -> None:
        """A different value, NaN place, period, area or indicator makes series unequal."""
        fields: dict[str, Any] = {
            "values": [1.0, NAN, 3.0],
            "periods": Q3,
            "area": "a",
            "indicator_id": "x",
        }
        assert Series(**fields) != Series(**{**fields, **change})

    def test_not_equal_to_other_types(self) -> None:
        """A series is not equal to its values as a list."""
        assert Series(values=[1.0], periods=["2024"]) != [1.0]

    def test_unhashable(self) -> None:
        """Series hold arrays and are not hashable."""
        with pytest.raises(TypeError):
            hash(Series(values=[1.0], periods=["2024"]))

    @given(series())
    @settings(max_examples=50)
    def test_equal_to_a_copy(self, item: Series) -> None:
        """A series rebuilt from its parts (values copied, periods as labels) is equal."""
        copy = Series(
            values=item.values.copy(),
            periods=item.labels,
            area=item.area,
            indicator_id=item.indicator_id,
        )
        assert copy == item

    # -- index_of --------------------------------------------------------------------------

    def test_index_of_label(self) -> None:
        """index_of finds a period by its label."""
        assert Series(values=[1, 2, 3], periods=Q3).index_of("2024-Q2") == 1

    def test_index_of_period(self) -> None:
        """index_of finds a Period value."""
        assert Series(values=[1, 2, 3], periods=Q3).index_of(Period.quarter(2024, 3)) == 2

    def test_index_of_unknown_period(self) -> None:
        """An unknown period is a NotFoundError (also a KeyError) naming it."""
        with pytest.raises(NotFoundError, match=r"^no period '2025-Q1'; known: ") as caught:
            Series(values=[1, 2, 3], periods=Q3).index_of("2025-Q1")
        assert isinstance(caught.value, KeyError)

    def test_index_of_unknown_period_lists_labels(self) -> None:
        """The error lists the known periods by label."""
        with pytest.raises(NotFoundError) as caught:
            Series(values=[1, 2, 3], periods=Q3).index_of("2025-Q1")
        assert str(caught.value) == "no period '2025-Q1'; known: 2024-Q1, 2024-Q2, 2024-Q3"

    def test_index_of_bad_label(self) -> None:
        """A label that names no period is a ValidationError, not a NotFoundError."""
        with pytest.raises(ValidationError, match="found the string 'zzz'"):
            Series(values=[1, 2, 3], periods=Q3).index_of("zzz")

    @given(series())
    @settings(max_examples=50)
    def test_index_of_every_label(self, item: Series) -> None:
        """Each label is found at its own position."""
        assert [item.index_of(label) for label in item.labels] == list(range(len(item)))

    # -- from_rates ------------------------------------------------------------------------

    def test_from_rates(self) -> None:
        """from_rates divides, multiplies by the factor, and gives NaN for zero or missing."""
        series = Series.from_rates(
            [1, 2, 0, 3],
            [0, 4, 0, NAN],
            periods=[*Q3, "2024-Q4"],
            factor=100,
            area="north",
            indicator_id="cp",
        )
        expected = Series(
            values=[NAN, 50.0, NAN, NAN],
            periods=[*Q3, "2024-Q4"],
            area="north",
            indicator_id="cp",
        )
        assert series == expected

    def test_from_rates_default_factor_is_one(self) -> None:
        """Without a factor the rate is the plain ratio."""
        assert Series.from_rates([1], [4], periods=["2024"]).values.tolist() == [0.25]

    def test_from_rates_lengths_differ(self) -> None:
        """Numerators and denominators of different lengths are a ValidationError."""
        with pytest.raises(ValidationError):
            Series.from_rates([1, 2], [1, 2, 3], periods=["2023", "2024"])


# -- Panel ----------------------------------------------------------------------------------------


class TestPanel:
    def test_shape_and_axes(self) -> None:
        """shape is (areas, indicators, periods); labels gives the period labels."""
        panel = _panel()
        assert panel.shape == (2, 2, 3)
        assert (panel.areas, panel.indicators, panel.labels) == (
            ("north", "south"),
            ("cp", "rr"),
            Q3,
        )

    def test_has_counts(self) -> None:
        """has_counts says whether numerators and denominators are kept."""
        counts = np.ones((2, 2, 3))
        assert _panel(numerators=counts, denominators=counts).has_counts
        assert not _panel().has_counts

    def test_empty(self) -> None:
        """A panel may have no areas, indicators or periods."""
        panel = Panel(values=np.zeros((0, 0, 0)), areas=[], indicators=[], periods=[])
        assert panel.shape == (0, 0, 0)

    # -- read-only arrays ------------------------------------------------------------------

    @pytest.mark.parametrize("name", ["values", "numerators", "denominators"])
    def test_arrays_are_read_only(self, name: str) -> None:
        """Writing into values or counts raises."""
        counts = np.ones((2, 2, 3))
        panel = _panel(numerators=counts, denominators=counts)
        with pytest.raises(ValueError, match="read-only"):
            getattr(panel, name)[0, 0, 0] = 5.0

    def test_input_is_not_changed(self) -> None:
        """The array given stays writeable and unchanged; later writes do not reach the panel."""
        values = np.arange(12.0).reshape(2, 2, 3)
        panel = _panel(values=values)
        values[0, 0, 0] = 99.0
        assert values.flags.writeable
        assert panel.values[0, 0, 0] == 0.0

    def test_read_only_view_of_writeable_array_is_copied(self) -> None:
        """A panel does not change when the array its read-only input views is written."""
        base = np.arange(12.0).reshape(2, 2, 3)
        view = base.view()
        view.flags.writeable = False
        panel = _panel(values=view)
        base[0, 0, 0] = 99.0
        assert panel.values[0, 0, 0] == 0.0

    # -- validation ------------------------------------------------------------------------

    def test_shape_must_match_axes(self) -> None:
        """Values of another shape than the axes are rejected at $.values."""
        with pytest.raises(ValidationError) as caught:
            _panel(areas=["north"])
        assert _messages(caught.value) == {
            "$.values": "expected shape (areas, indicators, periods) = (1, 2, 3); found (2, 2, 3)"
        }

    def test_values_must_have_three_dimensions(self) -> None:
        """Two-dimensional values are rejected at $.values."""
        with pytest.raises(ValidationError) as caught:
            _panel(values=np.zeros((2, 3)))
        assert _messages(caught.value) == {"$.values": "expected 3 dimension(s); found 2"}

    def test_infinite_value_at_its_cell(self) -> None:
        """An infinite value is reported at its (area, indicator, period) index."""
        values = np.arange(12.0).reshape(2, 2, 3)
        values[1, 0, 1] = np.inf
        with pytest.raises(ValidationError) as caught:
            _panel(values=values)
        assert _messages(caught.value) == {
            "$.values[1, 0, 1]": "expected a finite number or NaN (missing); found inf"
        }

    def test_repeated_ids_are_all_reported(self) -> None:
        """Repeated areas and indicators are all reported at their second index."""
        with pytest.raises(ValidationError) as caught:
            _panel(areas=["a", "a"], indicators=["x", "x"])
        assert _messages(caught.value) == {
            "$.areas[1]": "expected a unique id; 'a' is also at index 0",
            "$.indicators[1]": "expected a unique id; 'x' is also at index 0",
        }

    @pytest.mark.parametrize(
        ("areas", "path", "message"),
        [
            (["a", "bad id"], "$.areas[1]", "expected an id; found the string 'bad id'"),
            ([1, 2], "$.areas[0]", "expected a string; found the number 1"),
            ("ab", "$.areas", "expected a list, each item a string; found the string 'ab'"),
            (None, "$.areas", "expected a list, each item a string; found nothing (null)"),
        ],
    )
    def test_bad_areas(self, areas: Any, path: str, message: str) -> None:
        """Areas that are not a list of ids are rejected at their path."""
        with pytest.raises(ValidationError) as caught:
            _panel(areas=areas)
        assert _messages(caught.value) == {path: message}

    @pytest.mark.parametrize("given_", ["numerators", "denominators"])
    def test_counts_come_in_pairs(self, given_: str) -> None:
        """Numerators without denominators (or the reverse) are rejected at $.denominators."""
        with pytest.raises(ValidationError) as caught:
            _panel(**{given_: np.ones((2, 2, 3))})
        assert _messages(caught.value) == {
            "$.denominators": "expected numerators and denominators together, or neither"
        }

    def test_counts_of_the_wrong_shape_are_all_reported(self) -> None:
        """Counts of another shape than the values are rejected, each at its own path."""
        with pytest.raises(ValidationError) as caught:
            _panel(numerators=np.ones((1, 2, 3)), denominators=np.ones((2, 1, 3)))
        assert _messages(caught.value) == {
            "$.numerators": "expected shape (2, 2, 3); found (1, 2, 3)",
            "$.denominators": "expected shape (2, 2, 3); found (2, 1, 3)",
        }

    def test_infinite_count_at_its_cell(self) -> None:
        """An infinite numerator is reported at its cell under $.numerators."""
        numerators = np.ones((2, 2, 3))
        numerators[0, 1, 2] = -np.inf
        with pytest.raises(ValidationError) as caught:
            _panel(numerators=numerators, denominators=np.ones((2, 2, 3)))
        assert _messages(caught.value) == {
            "$.numerators[0, 1, 2]": "expected a finite number or NaN (missing); found -inf"
        }

    def test_one_sided_counts_in_a_cell(self) -> None:
        """A cell with a numerator and a NaN denominator is rejected at that cell."""
        denominators = np.ones((2, 2, 3))
        denominators[1, 1, 1] = NAN
        with pytest.raises(ValidationError) as caught:
            _panel(numerators=np.ones((2, 2, 3)), denominators=denominators)
        assert caught.value.paths[0].endswith("[1, 1, 1]")

    def test_bad_and_unordered_periods(self) -> None:
        """Bad labels and out-of-order periods are rejected at their index."""
        with pytest.raises(ValidationError) as caught:
            _panel(periods=["2024-Q1", "x", "2024-Q3"])
        assert caught.value.paths == ("$.periods[1]",)
        with pytest.raises(ValidationError) as caught:
            _panel(periods=["2024-Q2", "2024-Q1", "2024-Q3"])
        assert _messages(caught.value) == {
            "$.periods[1]": "expected a period after 2024-Q2; found 2024-Q1"
        }

    # -- equality --------------------------------------------------------------------------

    def test_equal_with_nan(self) -> None:
        """Panels with NaN in the same cells are equal."""
        values = np.arange(12.0).reshape(2, 2, 3)
        values[0, 1, 2] = NAN
        assert _panel(values=values) == _panel(values=values.copy())

    def test_counts_take_part_in_equality(self) -> None:
        """A panel with counts differs from the same values without, and from other counts."""
        counts = np.ones((2, 2, 3))
        with_counts = _panel(numerators=counts, denominators=counts)
        assert with_counts != _panel()
        assert with_counts != _panel(numerators=counts, denominators=counts * 2)
        assert with_counts == _panel(numerators=counts.copy(), denominators=counts.copy())

    @pytest.mark.parametrize(
        "change",
        [
            {"areas": ["north", "east"]},
            {"indicators": ["rr", "cp"]},
            {"periods": ["2024-Q2", "2024-Q3", "2024-Q4"]},
            {"values": np.arange(1.0, 13.0).reshape(2, 2, 3)},
        ],
    )
    def test_unequal_when_any_axis_differs(self, change: dict[str, Any]) -> None:
        """Different areas, indicators, periods or values make panels unequal."""
        assert _panel() != _panel(**change)

    def test_not_equal_to_other_types_and_unhashable(self) -> None:
        """A panel is not equal to its array and cannot be hashed."""
        panel = _panel()
        assert panel != panel.values.tolist()
        with pytest.raises(TypeError):
            hash(panel)

    # -- lookups ---------------------------------------------------------------------------

    def test_indexes(self) -> None:
        """Areas, indicators and periods (by label or Period) are found at their positions."""
        panel = _panel()
        assert panel.area_index("south") == 1
        assert panel.indicator_index("rr") == 1
        assert panel.index_of_period("2024-Q3") == 2
        assert panel.index_of_period(Period.quarter(2024, 2)) == 1

    @pytest.mark.parametrize(
        ("lookup", "message"),
        [
            (lambda p: p.area_index("east"), "no area 'east'; known: north, south"),
            (lambda p: p.indicator_index("zz"), "no indicator 'zz'; known: cp, rr"),
            (lambda p: p.series("north", "zz"), "no indicator 'zz'; known: cp, rr"),
            (lambda p: p.series("east", "cp"), "no area 'east'; known: north, south"),
        ],
    )
    def test_unknown_lookups(self, lookup: Any, message: str) -> None:
        """An unknown area or indicator is a NotFoundError listing what is known."""
        with pytest.raises(NotFoundError) as caught:
            lookup(_panel())
        assert str(caught.value) == message

    def test_unknown_period(self) -> None:
        """An unknown period is a NotFoundError naming it."""
        with pytest.raises(NotFoundError, match=r"^no period '2030'; known: "):
            _panel().index_of_period("2030")

    def test_known_list_is_cut_after_ten(self) -> None:
        """The known ids are listed up to ten, then '...'."""
        areas = [f"a{i}" for i in range(12)]
        panel = Panel(values=np.zeros((12, 1, 1)), areas=areas, indicators=["x"], periods=["2024"])
        with pytest.raises(NotFoundError) as caught:
            panel.area_index("b")
        assert str(caught.value) == f"no area 'b'; known: {', '.join(areas[:10])}, ..."

    def test_series(self) -> None:
        """series gives one area's row of one indicator, with its ids and periods."""
        assert _panel().series("south", "cp") == Series(
            values=[6.0, 7.0, 8.0], periods=Q3, area="south", indicator_id="cp"
        )

    def test_series_is_read_only(self) -> None:
        """A series taken from a panel cannot be written into."""
        with pytest.raises(ValueError, match="read-only"):
            _panel().series("north", "cp").values[0] = 1.0

    # -- select ----------------------------------------------------------------------------

    def test_select_in_the_order_given(self) -> None:
        """select keeps the areas and indicators asked for, in the order given."""
        selected = _panel().select(areas=["south"], indicators=["rr", "cp"])
        assert (selected.areas, selected.indicators) == (("south",), ("rr", "cp"))
        assert selected.values.tolist() == [[[9.0, 10.0, 11.0], [6.0, 7.0, 8.0]]]

    def test_select_keeps_counts(self) -> None:
        """Counts are selected with the values."""
        counts = np.arange(100.0, 112.0).reshape(2, 2, 3)
        selected = _panel(numerators=counts, denominators=counts + 1).select(indicators=["rr"])
        assert selected.numerators is not None
        assert selected.denominators is not None
        assert selected.numerators[:, 0, 0].tolist() == [103.0, 109.0]
        assert selected.denominators[:, 0, 0].tolist() == [104.0, 110.0]

    def test_select_nothing_named_is_everything(self) -> None:
        """select() without arguments is the same panel."""
        assert _panel().select() == _panel()

    def test_select_none(self) -> None:
        """Selecting no areas gives an empty first axis."""
        assert _panel().select(areas=[]).shape == (0, 2, 3)

    def test_select_unknown(self) -> None:
        """Selecting an unknown area is a NotFoundError."""
        with pytest.raises(NotFoundError, match="no area 'east'"):
            _panel().select(areas=["east"])

    def test_select_twice_the_same(self) -> None:
        """Selecting an area twice is rejected as a repeated id."""
        with pytest.raises(ValidationError) as caught:
            _panel().select(areas=["north", "north"])
        assert caught.value.paths == ("$.areas[1]",)

    def test_select_is_read_only_and_leaves_the_panel(self) -> None:
        """The selection's values are read-only, and the panel is unchanged."""
        panel = _panel()
        selected = panel.select(areas=["north"])
        with pytest.raises(ValueError, match="read-only"):
            selected.values[0, 0, 0] = 1.0
        assert panel == _panel()

    # -- from_series -----------------------------------------------------------------------

    def test_from_series_aligns_on_the_union_of_periods(self) -> None:
        """Series are placed on the sorted union of their periods; gaps are NaN."""
        a = Series(values=[1, 2], periods=["2023", "2024"], area="a", indicator_id="x")
        b = Series(values=[7, 8], periods=["2022", "2024"], area="b", indicator_id="y")
        panel = Panel.from_series([a, b])
        expected = Panel(
            values=[[[NAN, 1, 2], [NAN, NAN, NAN]], [[NAN, NAN, NAN], [7, NAN, 8]]],
            areas=["a", "b"],
            indicators=["x", "y"],
            periods=["2022", "2023", "2024"],
        )
        assert panel == expected

    def test_from_series_order_of_first_appearance(self) -> None:
        """Areas and indicators keep the order in which they first appear."""
        items = [
            Series(values=[1], periods=["2024"], area=area, indicator_id=indicator)
            for area, indicator in [("z", "q"), ("a", "q"), ("z", "b")]
        ]
        panel = Panel.from_series(iter(items))
        assert (panel.areas, panel.indicators) == (("z", "a"), ("q", "b"))

    def test_from_series_problems_are_all_reported(self) -> None:
        """A repeated area and indicator, and a series without ids, are all reported."""
        a = Series(values=[1, 2], periods=["2023", "2024"], area="a", indicator_id="x")
        again = Series(values=[5], periods=["2025"], area="a", indicator_id="x")
        bare = Series(values=[1], periods=["2024"], area="a")
        with pytest.raises(ValidationError) as caught:
            Panel.from_series([a, again, bare])
        assert _messages(caught.value) == {
            "$[1]": "expected one series per area and indicator; ('a', 'x') is also at index 0",
            "$[2]": "expected a series with an area and an indicator_id",
        }

    def test_from_series_overlapping_periods(self) -> None:
        """Series whose periods overlap (a year and a quarter in it) cannot share a panel."""
        a = Series(values=[1], periods=["2024"], area="a", indicator_id="x")
        b = Series(values=[5], periods=["2024-Q1"], area="b", indicator_id="x")
        with pytest.raises(ValidationError, match="expected a period after 2024-Q1; found 2024"):
            Panel.from_series([a, b])

    def test_from_series_empty(self) -> None:
        """No series make an empty panel."""
        assert Panel.from_series([]).shape == (0, 0, 0)

    def test_from_series_of_non_series(self) -> None:
        """An item that is not a Series is a ValidationError at its index."""
        with pytest.raises(ValidationError) as caught:
            Panel.from_series([1])  # type: ignore[list-item]
        assert caught.value.paths == ("$[0]",)

    @given(panels(min_size=1))
    @settings(max_examples=50)
    def test_from_series_of_every_series_is_the_panel(self, panel: Panel) -> None:
        """Taking every series and putting them together again gives the same panel."""
        items = [panel.series(a, i) for a in panel.areas for i in panel.indicators]
        assert Panel.from_series(items) == panel

    @given(panels())
    @settings(max_examples=50)
    def test_select_everything_in_order_is_the_panel(self, panel: Panel) -> None:
        """Selecting all areas and indicators in their order gives the panel again."""
        assert panel.select(areas=panel.areas, indicators=panel.indicators) == panel


# -- periods: edges not covered in tests/test_periods.py ------------------------------------------


class TestPeriodParseEdges:
    @pytest.mark.parametrize(
        "label",
        [
            " 2024",
            "2024 ",
            "fy2024-25",
            "FY2024-2025",
            "2024-25",
            "2024/2025",
            "2024-1",
            "\uff12\uff10\uff12\uff14",
        ],
    )
    def test_near_miss_labels_are_rejected(self, label: str) -> None:
        """Spaces, lower case, long or ambiguous years and non-ASCII digits are not labels."""
        with pytest.raises(ValidationError, match="expected a period label"):
            Period.parse(label)

    def test_bytes_are_not_a_label(self) -> None:
        """Bytes are rejected like any other non-text."""
        with pytest.raises(ValidationError, match="found a value of type bytes"):
            Period.parse(b"2024")  # type: ignore[arg-type]

    def test_trailing_newline_is_rejected(self) -> None:
        """A label followed by a newline is not a label."""
        with pytest.raises(ValidationError):
            Period.parse("2024\n")

    @pytest.mark.parametrize("label", ["0000", "0000-01", "0000-Q1", "FY9999-00", "9999/00"])
    def test_years_out_of_range_are_validation_errors(self, label: str) -> None:
        """A label for a year before 1 or a span past 9999 is a ValidationError."""
        with pytest.raises(ValidationError):
            Period.parse(label)

    def test_other_span_label_parses_back(self) -> None:
        """The start..end label of a span of no standard type parses to the same span."""
        period = Period(start=datetime.date(2024, 1, 5), end=datetime.date(2024, 2, 4))
        assert Period.parse(period.label) == period

    def test_last_representable_periods(self) -> None:
        """The last quarter and year that dates can hold parse."""
        assert (Period.parse("9999-Q4").label, Period.parse("9999").label) == ("9999-Q4", "9999")

    @pytest.mark.parametrize(
        ("start", "end"),
        [
            (datetime.date(2024, 2, 1), datetime.date(2024, 4, 30)),  # 3 months off-quarter
            (datetime.date(2024, 7, 1), datetime.date(2025, 6, 30)),  # 12 months from July
            (datetime.date(2024, 1, 1), datetime.date(2024, 2, 29)),  # 2 months
            (datetime.date(2024, 1, 1), datetime.date(2025, 12, 31)),  # 24 months
        ],
    )
    def test_other_whole_month_spans_have_no_kind(
        self, start: datetime.date, end: datetime.date
    ) -> None:
        """Whole months that make no standard period have no kind, and cannot shift."""
        period = Period(start=start, end=end)
        assert period.kind is None
        assert period.label == f"{start.isoformat()}..{end.isoformat()}"


class TestPeriodShiftEdges:
    @pytest.mark.parametrize(
        ("label", "steps", "moved"),
        [
            ("2024-01", -13, "2022-12"),
            ("2024-Q1", 0, "2024-Q1"),
            ("FY2024-25", -2, "FY2022-23"),
            ("1999/00", 1, "2000/01"),
            ("FY1998-99", 1, "FY1999-00"),
            ("2024-02", 12, "2025-02"),
        ],
    )
    def test_shift(self, label: str, steps: int, moved: str) -> None:
        """Shifting moves by whole periods, across year and century ends."""
        assert Period.parse(label).shift(steps).label == moved

    def test_shift_past_the_last_year(self) -> None:
        """Shifting beyond the dates Python can hold is a ValidationError."""
        with pytest.raises(ValidationError):
            Period.parse("9999-12").shift(1)

    def test_periods_of_count_zero(self) -> None:
        """Asking for no periods gives none."""
        assert PeriodType.MONTH.periods("2024-01", 0) == ()

    def test_periods_from_a_period(self) -> None:
        """The first period may be a Period value."""
        labels = [p.label for p in PeriodType.MONTH.periods(Period.month(2024, 11), 3)]
        assert labels == ["2024-11", "2024-12", "2025-01"]

    def test_periods_from_a_bad_label(self) -> None:
        """A first label that does not parse is a ValidationError."""
        with pytest.raises(ValidationError, match="found the string 'zz'"):
            PeriodType.MONTH.periods("zz", 3)

    def test_periods_from_an_odd_span(self) -> None:
        """A first period of no type is rejected at $.first, naming it."""
        odd = Period(start=datetime.date(2024, 1, 5), end=datetime.date(2024, 1, 6))
        with pytest.raises(ValidationError) as caught:
            PeriodType.MONTH.periods(odd, 3)
        assert _messages(caught.value) == {
            "$.first": "expected a period of type month; found '2024-01-05..2024-01-06'"
        }

    @given(period_runs(min_size=1))
    @settings(max_examples=50)
    def test_runs_are_consecutive(self, run: tuple[Period, ...]) -> None:
        """Each period of a run starts the day after the one before ends."""
        for before, after in itertools.pairwise(run):
            assert after.start == before.end + datetime.timedelta(days=1)
