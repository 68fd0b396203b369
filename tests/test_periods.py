"""Tests for lscbqa.periods: spans of days and the year helpers."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lscbqa.exceptions import ValidationError
from lscbqa.periods import Period, PeriodType

D = datetime.date


class TestPeriod:
    def test_fields(self) -> None:
        """A period keeps its start and end."""
        period = Period(start=D(2024, 4, 1), end=D(2024, 6, 30))
        assert (period.start, period.end) == (D(2024, 4, 1), D(2024, 6, 30))

    def test_days_counts_both_ends(self) -> None:
        """days counts both the first and the last day."""
        assert Period(start=D(2024, 4, 1), end=D(2024, 6, 30)).days == 91

    def test_one_day_period(self) -> None:
        """A period may start and end on the same day; it lasts one day."""
        assert Period(start=D(2024, 1, 1), end=D(2024, 1, 1)).days == 1

    def test_end_before_start(self) -> None:
        """An end before the start is rejected at $.end, naming the start."""
        with pytest.raises(ValidationError) as caught:
            Period(start=D(2024, 2, 1), end=D(2024, 1, 31))
        assert caught.value.paths == ("$.end",)
        assert caught.value.problems[0].message == (
            "expected an end on or after the start 2024-02-01; found 2024-01-31"
        )

    def test_start_must_be_a_date(self) -> None:
        """A start given as text is rejected at $.start."""
        with pytest.raises(ValidationError) as caught:
            Period(start="2024-01-01", end=D(2024, 1, 31))  # type: ignore[arg-type]
        assert caught.value.paths == ("$.start",)
        assert "expected a date (YYYY-MM-DD); found the string '2024-01-01'" in str(caught.value)

    def test_end_must_not_be_a_datetime(self) -> None:
        """A datetime is not a date: rejected at $.end."""
        with pytest.raises(ValidationError) as caught:
            Period(start=D(2024, 1, 1), end=datetime.datetime(2024, 1, 31, 12))
        assert caught.value.paths == ("$.end",)
        assert "found a value of type datetime" in caught.value.problems[0].message

    def test_start_is_required(self) -> None:
        """start has no default."""
        with pytest.raises(TypeError, match="start"):
            Period(end=D(2024, 1, 1))  # type: ignore[call-arg]

    @pytest.mark.parametrize(
        ("day", "inside"),
        [
            (D(2024, 3, 31), False),
            (D(2024, 4, 1), True),
            (D(2024, 5, 15), True),
            (D(2024, 6, 30), True),
            (D(2024, 7, 1), False),
        ],
    )
    def test_contains_days_between_both_ends(self, day: datetime.date, inside: bool) -> None:
        """A day is in the period from start to end, both included."""
        assert (day in Period(start=D(2024, 4, 1), end=D(2024, 6, 30))) is inside

    @pytest.mark.parametrize("thing", ["2024-05-01", 20240501, None])
    def test_non_dates_are_not_contained(self, thing: object) -> None:
        """Things that are not dates are never in a period."""
        assert thing not in Period(start=D(2024, 4, 1), end=D(2024, 6, 30))

    @pytest.mark.parametrize(
        ("moment", "inside"),
        [
            (datetime.datetime(2024, 6, 30, 23, 59), True),
            (datetime.datetime(2024, 4, 1, 0, 0), True),
            (datetime.datetime(2024, 7, 1, 0, 0), False),
        ],
    )
    def test_contains_a_datetime_on_its_day(self, moment: datetime.datetime, inside: bool) -> None:
        """A datetime is in the period when the day it falls on is."""
        assert (moment in Period(start=D(2024, 4, 1), end=D(2024, 6, 30))) is inside

    def test_ordered_by_start_then_end(self) -> None:
        """Periods sort by start, then by end."""
        early = Period(start=D(2024, 1, 1), end=D(2024, 12, 31))
        short = Period(start=D(2024, 4, 1), end=D(2024, 4, 30))
        long = Period(start=D(2024, 4, 1), end=D(2025, 3, 31))
        assert sorted([long, short, early]) == [early, short, long]

    def test_equal_periods_hash_alike(self) -> None:
        """Equal periods are interchangeable as dict keys."""
        assert {Period.calendar_year(2024): 1}[Period.calendar_year(2024)] == 1

    def test_calendar_year(self) -> None:
        """calendar_year runs from 1 January to 31 December."""
        period = Period.calendar_year(2023)
        assert (period.start, period.end, period.days) == (D(2023, 1, 1), D(2023, 12, 31), 365)

    def test_calendar_leap_year(self) -> None:
        """A leap calendar year has 366 days."""
        assert Period.calendar_year(2024).days == 366

    def test_financial_year(self) -> None:
        """financial_year(2024) runs from 1 April 2024 to 31 March 2025."""
        period = Period.financial_year(2024)
        assert (period.start, period.end) == (D(2024, 4, 1), D(2025, 3, 31))

    def test_financial_year_spanning_a_leap_day(self) -> None:
        """The financial year 2023-24 includes 29 February 2024."""
        period = Period.financial_year(2023)
        assert (period.days, D(2024, 2, 29) in period) == (366, True)

    def test_academic_year(self) -> None:
        """academic_year(2023) runs from 1 September 2023 to 31 August 2024."""
        period = Period.academic_year(2023)
        assert (period.start, period.end) == (D(2023, 9, 1), D(2024, 8, 31))

    def test_academic_year_excludes_the_previous_august(self) -> None:
        """The academic year starting in 2023 does not include August 2023."""
        assert D(2023, 8, 31) not in Period.academic_year(2023)


class TestPeriodType:
    def test_quarters_run_across_a_year_end(self) -> None:
        """Consecutive quarters continue into the next calendar year."""
        labels = [p.label for p in PeriodType.QUARTER.periods("2023-Q4", 2)]
        assert labels == ["2023-Q4", "2024-Q1"]

    def test_first_period_of_another_type_is_an_error(self) -> None:
        """Asking for quarters starting at a month names the mismatch."""
        with pytest.raises(ValidationError, match="period of type quarter"):
            PeriodType.QUARTER.periods("2024-04", 2)

    @pytest.mark.parametrize(
        ("kind", "months"),
        [("month", 1), ("quarter", 3), ("financial_year", 12), ("calendar_year", 12)],
    )
    def test_months_per_period(self, kind: str, months: int) -> None:
        """Each type spans its number of months."""
        assert PeriodType(kind).months == months


class TestPeriodLabels:
    @pytest.mark.parametrize(
        ("label", "start", "end"),
        [
            ("2024-02", "2024-02-01", "2024-02-29"),
            ("2011-12", "2011-12-01", "2011-12-31"),
            ("2024-Q1", "2024-01-01", "2024-03-31"),
            ("2024-Q4", "2024-10-01", "2024-12-31"),
            ("FY2011-12", "2011-04-01", "2012-03-31"),
            ("FY1999-00", "1999-04-01", "2000-03-31"),
            ("2014/15", "2014-09-01", "2015-08-31"),
            ("2014", "2014-01-01", "2014-12-31"),
        ],
    )
    def test_parse_gives_the_span(self, label: str, start: str, end: str) -> None:
        """Each label format names its span of days."""
        period = Period.parse(label)
        assert (period.start.isoformat(), period.end.isoformat()) == (start, end)
        assert period.label == label

    @pytest.mark.parametrize(
        "label", ["2024-13", "FY2024-26", "2024/26", "2024-Q5", "Q1", "", "24", "2024-00"]
    )
    def test_bad_label_is_an_error_naming_the_formats(self, label: str) -> None:
        """A label in no format, or naming an impossible period, is a ValidationError."""
        with pytest.raises(ValidationError, match="expected a period label"):
            Period.parse(label)

    def test_non_string_label_is_an_error(self) -> None:
        """A number is not a label."""
        with pytest.raises(ValidationError, match="found the number 2024"):
            Period.parse(2024)  # type: ignore[arg-type]

    def test_other_spans_have_no_kind(self) -> None:
        """A span that is no standard period has no kind and a start..end label."""
        period = Period(start=datetime.date(2024, 1, 5), end=datetime.date(2024, 2, 4))
        assert period.kind is None
        assert period.label == "2024-01-05..2024-02-04"

    def test_shift_of_other_span_is_an_error(self) -> None:
        """Only typed periods can be shifted."""
        period = Period(start=datetime.date(2024, 1, 5), end=datetime.date(2024, 2, 4))
        with pytest.raises(ValidationError, match="to shift"):
            period.shift(1)

    @given(
        st.sampled_from(list(PeriodType)),
        st.integers(1990, 2090),
        st.integers(-30, 30),
    )
    def test_label_round_trips_and_shift_adds(self, kind: PeriodType, year: int, step: int) -> None:
        """parse(label) is the period again, and shifting by a then b is shifting by a + b."""
        first = PeriodType.CALENDAR_YEAR.periods(str(year), 1)[0]
        start = {
            PeriodType.MONTH: Period.month(year, 1),
            PeriodType.QUARTER: Period.quarter(year, 1),
            PeriodType.FINANCIAL_YEAR: Period.financial_year(year),
            PeriodType.ACADEMIC_YEAR: Period.academic_year(year),
            PeriodType.CALENDAR_YEAR: first,
        }[kind]
        moved = start.shift(step)
        assert moved.kind is kind
        assert Period.parse(moved.label) == moved
        assert moved.shift(-step) == start
        assert start.shift(step + 1) == moved.shift(1)
