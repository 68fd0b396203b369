"""Tests for lscbqa.periods: spans of days and the year helpers."""

from __future__ import annotations

import datetime

import pytest

from lscbqa.exceptions import ValidationError
from lscbqa.periods import Period

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
