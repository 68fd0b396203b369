"""Periods of time that evidence describes and assessments cover.

Examples
--------
>>> from lscbqa.periods import Period
>>> period = Period.financial_year(2024)
>>> period.start.isoformat(), period.end.isoformat()
('2024-04-01', '2025-03-31')
"""

from __future__ import annotations

import calendar
import datetime
import enum
import re

import attrs

from lscbqa import _util
from lscbqa.exceptions import Problem, ValidationError

__all__ = ["Period", "PeriodType"]


class PeriodType(enum.StrEnum):
    """The kinds of period indicators are reported for, each with one label format.

    - ``month``, labelled ``2024-04``: a calendar month;
    - ``quarter``, labelled ``2024-Q2``: a calendar quarter (Q2 = April to June);
    - ``financial_year``, labelled ``FY2024-25``: April 2024 to March 2025;
    - ``academic_year``, labelled ``2024/25``: September 2024 to August 2025;
    - ``calendar_year``, labelled ``2024``: January to December.

    Quarters are calendar quarters: the first quarter of financial year 2024-25
    is ``2024-Q2``. Financial years carry ``FY`` so that ``FY2011-12`` is never
    read as December 2011.

    Examples
    --------
    >>> [period.label for period in PeriodType.QUARTER.periods("2024-Q3", 3)]
    ['2024-Q3', '2024-Q4', '2025-Q1']
    """

    MONTH = "month"
    QUARTER = "quarter"
    FINANCIAL_YEAR = "financial_year"
    ACADEMIC_YEAR = "academic_year"
    CALENDAR_YEAR = "calendar_year"

    @property
    def months(self) -> int:
        """How many months one period of this type spans.

        Examples
        --------
        >>> PeriodType.QUARTER.months, PeriodType.ACADEMIC_YEAR.months
        (3, 12)
        """
        return {"month": 1, "quarter": 3}.get(self.value, 12)

    def periods(self, first: Period | str, count: int) -> tuple[Period, ...]:
        """``count`` consecutive periods of this type, starting with ``first``.

        Parameters
        ----------
        first : Period or str
            The first period, or its label.
        count : int
            How many periods; >= 0.

        Raises
        ------
        ValidationError
            If ``first`` is not a period of this type.

        Examples
        --------
        >>> [p.label for p in PeriodType.FINANCIAL_YEAR.periods("FY2022-23", 2)]
        ['FY2022-23', 'FY2023-24']
        """
        start = Period.parse(first) if isinstance(first, str) else first
        if start.kind is not self:
            _util.fail("$.first", f"expected a period of type {self.value}; found {start.label!r}")
        return tuple(start.shift(step) for step in range(count))


_LABELS = (
    (PeriodType.MONTH, re.compile(r"([0-9]{4})-([0-9]{2})")),
    (PeriodType.QUARTER, re.compile(r"([0-9]{4})-Q([1-4])")),
    (PeriodType.FINANCIAL_YEAR, re.compile(r"FY([0-9]{4})-([0-9]{2})")),
    (PeriodType.ACADEMIC_YEAR, re.compile(r"([0-9]{4})/([0-9]{2})")),
    (PeriodType.CALENDAR_YEAR, re.compile(r"([0-9]{4})()")),
)
_FIRST_MONTH = {
    PeriodType.FINANCIAL_YEAR: 4,
    PeriodType.ACADEMIC_YEAR: 9,
    PeriodType.CALENDAR_YEAR: 1,
}
_SPANNING = (PeriodType.FINANCIAL_YEAR, PeriodType.ACADEMIC_YEAR)
_SPAN = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})\.\.([0-9]{4}-[0-9]{2}-[0-9]{2})")


def _parse_label(label: str) -> Period | None:
    """The period a label names, or None if it names none (dates that cannot be: None too)."""
    try:
        span = _SPAN.fullmatch(label)
        if span is not None:
            start = datetime.date.fromisoformat(span.group(1))
            end = datetime.date.fromisoformat(span.group(2))
            return Period(start=start, end=end) if start <= end else None
        for kind, pattern in _LABELS:
            match = pattern.fullmatch(label)
            if match is None:
                continue
            year, second = int(match.group(1)), match.group(2)
            if kind is PeriodType.MONTH and 1 <= int(second) <= 12:
                return Period.month(year, int(second))
            if kind is PeriodType.QUARTER:
                return Period.quarter(year, int(second))
            if kind in _SPANNING and int(second) == (year + 1) % 100:
                start = datetime.date(year, _FIRST_MONTH[kind], 1)
                return Period(start=start, end=_month_end(_add_months(start, 11)))
            if kind is PeriodType.CALENDAR_YEAR:
                return Period.calendar_year(year)
    except ValueError:  # a year outside 1 to 9999, or a day that does not exist
        return None
    return None


def _add_months(day: datetime.date, months: int) -> datetime.date:
    """The first day of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def _month_end(day: datetime.date) -> datetime.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def _end_not_before_start(period: Period) -> None:
    if period.end < period.start:
        _util.fail(
            "$.end",
            f"expected an end on or after the start {period.start.isoformat()}; "
            f"found {period.end.isoformat()}",
        )


@attrs.frozen(kw_only=True, order=True)
class Period:
    """A span of days, both ends included.

    Parameters
    ----------
    start : datetime.date
        The first day.
    end : datetime.date
        The last day; not before ``start``.

    Examples
    --------
    >>> import datetime
    >>> q1 = Period(start=datetime.date(2024, 4, 1), end=datetime.date(2024, 6, 30))
    >>> q1.days, datetime.date(2024, 5, 1) in q1
    (91, True)
    """

    start: datetime.date = attrs.field()
    end: datetime.date = attrs.field()

    def __attrs_post_init__(self) -> None:
        _util.validate(self, _end_not_before_start)

    @property
    def days(self) -> int:
        """The number of days in the period, both ends included.

        Examples
        --------
        >>> Period.calendar_year(2024).days
        366
        """
        return (self.end - self.start).days + 1

    def __contains__(self, day: object) -> bool:
        if isinstance(day, datetime.datetime):
            # A datetime cannot be compared with a date; the day it falls on can.
            day = day.date()
        return isinstance(day, datetime.date) and self.start <= day <= self.end

    @classmethod
    def calendar_year(cls, year: int) -> Period:
        """January to December of ``year``.

        Examples
        --------
        >>> Period.calendar_year(2023).end.isoformat()
        '2023-12-31'
        """
        return cls(start=datetime.date(year, 1, 1), end=datetime.date(year, 12, 31))

    @classmethod
    def financial_year(cls, year: int) -> Period:
        """April ``year`` to March ``year + 1`` (the UK financial year ``year``-``year+1``).

        Examples
        --------
        >>> Period.financial_year(2023).start.isoformat()
        '2023-04-01'
        """
        return cls(start=datetime.date(year, 4, 1), end=datetime.date(year + 1, 3, 31))

    @classmethod
    def academic_year(cls, year: int) -> Period:
        """September ``year`` to August ``year + 1``.

        Examples
        --------
        >>> Period.academic_year(2023).end.isoformat()
        '2024-08-31'
        """
        return cls(start=datetime.date(year, 9, 1), end=datetime.date(year + 1, 8, 31))

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """The calendar month ``month`` (1-12) of ``year``.

        Examples
        --------
        >>> Period.month(2024, 2).end.isoformat()
        '2024-02-29'
        """
        start = datetime.date(year, month, 1)
        return cls(start=start, end=_month_end(start))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        """The calendar quarter ``quarter`` (1-4) of ``year``; Q2 is April to June.

        Examples
        --------
        >>> Period.quarter(2024, 2).label
        '2024-Q2'
        """
        start = datetime.date(year, 3 * quarter - 2, 1)
        return cls(start=start, end=_month_end(_add_months(start, 2)))

    @classmethod
    def parse(cls, label: str) -> Period:
        """The period a label names, in the formats of :class:`PeriodType`.

        Raises
        ------
        ValidationError
            If the label matches no format, or names an impossible period
            (month 13, financial year ``FY2024-27``, a year outside 1 to 9999).

        Examples
        --------
        >>> Period.parse("FY2024-25") == Period.financial_year(2024)
        True
        >>> Period.parse("2011-12").kind  # ISO month: December 2011
        <PeriodType.MONTH: 'month'>
        >>> Period.parse("2024/25") == Period.academic_year(2024)
        True
        """
        period = _parse_label(label) if isinstance(label, str) else None
        if period is not None:
            return period
        raise ValidationError(
            [
                Problem(
                    "$",
                    "expected a period label such as '2024-04' (month), '2024-Q2' (quarter), "
                    "'FY2024-25' (financial year), '2024/25' (academic year), "
                    "'2024' (calendar year) or '2024-01-05..2024-02-04' (any span); "
                    f"found {_util.found(label)}",
                )
            ]
        )

    @property
    def kind(self) -> PeriodType | None:
        """The type of period this is, or None for a span that is none of them.

        Examples
        --------
        >>> Period.quarter(2024, 1).kind, Period.financial_year(2024).kind
        (<PeriodType.QUARTER: 'quarter'>, <PeriodType.FINANCIAL_YEAR: 'financial_year'>)
        """
        if self.start.day != 1 or self.end != _month_end(self.end):
            return None
        months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1
        if months == 1:
            return PeriodType.MONTH
        if months == 3 and self.start.month % 3 == 1:
            return PeriodType.QUARTER
        if months == 12:
            for kind, first_month in _FIRST_MONTH.items():
                if self.start.month == first_month:
                    return kind
        return None

    @property
    def label(self) -> str:
        """The period's label (see :class:`PeriodType`), or ``start..end`` for other spans.

        Examples
        --------
        >>> Period.month(2024, 4).label, Period.academic_year(2023).label
        ('2024-04', '2023/24')
        """
        kind, year = self.kind, self.start.year
        if kind is PeriodType.MONTH:
            return f"{year}-{self.start.month:02d}"
        if kind is PeriodType.QUARTER:
            return f"{year}-Q{(self.start.month + 2) // 3}"
        if kind is PeriodType.FINANCIAL_YEAR:
            return f"FY{year}-{(year + 1) % 100:02d}"
        if kind is PeriodType.ACADEMIC_YEAR:
            return f"{year}/{(year + 1) % 100:02d}"
        if kind is PeriodType.CALENDAR_YEAR:
            return str(year)
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    def shift(self, steps: int) -> Period:
        """The period ``steps`` periods of the same type later (earlier if negative).

        Raises
        ------
        ValidationError
            If the period is not one of the :class:`PeriodType` types.

        Examples
        --------
        >>> Period.parse("2024-Q4").shift(1).label
        '2025-Q1'
        """
        kind = self.kind
        if kind is None:
            _util.fail("$", f"expected a month, quarter or year to shift; found {self.label}")
        try:
            start = _add_months(self.start, steps * kind.months)
            end = _month_end(_add_months(start, kind.months - 1))
        except ValueError:  # beyond the years 1 to 9999 that dates can hold
            _util.fail(
                "$",
                f"expected a period within the years 1 to 9999; {self.label} "
                f"shifted by {steps} is not",
            )
        return Period(start=start, end=end)
