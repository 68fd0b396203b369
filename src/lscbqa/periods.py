"""Periods of time that evidence describes and assessments cover.

Examples
--------
>>> from lscbqa.periods import Period
>>> period = Period.financial_year(2024)
>>> period.start.isoformat(), period.end.isoformat()
('2024-04-01', '2025-03-31')
"""

from __future__ import annotations

import datetime

import attrs

from lscbqa import _util

__all__ = ["Period"]


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
