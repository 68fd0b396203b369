"""Time series of indicator values: one :class:`Series`, or a :class:`Panel` of many.

A Series is one indicator in one area over consecutive periods; a Panel is every
area x indicator x period as one numpy array with labelled axes, which is what the
vectorised analyses (``curve_many``, ``xmr_many``, datapacks) work on. Missing
values are NaN. Read and write panels as tidy CSV with :mod:`lscbqa.indicators.tables`.

Examples
--------
>>> from lscbqa.indicators import Panel, Series
>>> series = Series(values=[21.0, 19.5, float("nan"), 18.0],
...                 periods=["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"])
>>> len(series), series.index_of("2024-Q3"), series.labels[-1]
(4, 2, '2024-Q4')
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from lscbqa import _util
from lscbqa.exceptions import NotFoundError, Problem, ValidationError
from lscbqa.periods import Period

__all__ = ["Panel", "Series"]

FloatArray = npt.NDArray[np.float64]


def as_period(period: Period | str, path: str = "$") -> Period:
    """A Period, or the period its label names (errors carry ``path``)."""
    if isinstance(period, Period):
        return period
    try:
        return Period.parse(period)
    except ValidationError as error:
        raise ValidationError(p.under(path) for p in error.problems) from None


def _to_periods(value: Any) -> Any:
    if isinstance(value, str) or not isinstance(value, Iterable):
        return value
    items = tuple(value)
    problems: list[Problem] = []
    periods = []
    for index, item in enumerate(items):
        try:
            periods.append(as_period(item, f"$.periods[{index}]"))
        except ValidationError as error:
            problems.extend(error.problems)
    if problems:
        raise ValidationError(problems)
    return tuple(periods)


def _to_array(value: Any) -> Any:
    """A read-only float64 copy of anything array-like; other values are left to the checks."""
    try:  # always a copy: a read-only view of someone's writeable array could still change
        array = np.array(value, dtype=np.float64)
    except (TypeError, ValueError, OverflowError):
        return value
    array.flags.writeable = False
    return array


def _check_values(values: Any, ndim: int, name: str = "values") -> None:
    if not isinstance(values, np.ndarray):
        _util.fail(f"$.{name}", f"expected an array of numbers; found {_util.found(values)}")
    if values.ndim != ndim:
        _util.fail(f"$.{name}", f"expected {ndim} dimension(s); found {values.ndim}")
    infinite = np.flatnonzero(np.isinf(values))
    if infinite.size:
        index = ", ".join(str(i) for i in np.unravel_index(infinite[0], values.shape))
        _util.fail(
            f"$.{name}[{index}]",
            f"expected a finite number or NaN (missing); found {values.flat[infinite[0]]}"
            + (f" and {infinite.size - 1} more" if infinite.size > 1 else ""),
        )


def _check_periods(periods: Sequence[Period]) -> None:
    problems = []
    for index in range(1, len(periods)):
        if periods[index].start <= periods[index - 1].end:
            problems.append(
                Problem(
                    f"$.periods[{index}]",
                    f"expected a period after {periods[index - 1].label}; "
                    f"found {periods[index].label}",
                )
            )
    if problems:
        raise ValidationError(problems)


def _arrays_equal(a: FloatArray, b: FloatArray) -> bool:
    return a.shape == b.shape and bool(np.array_equal(a, b, equal_nan=True))


def _index(items: Sequence[Any], item: Any, what: str) -> int:
    try:
        return items.index(item)
    except ValueError:
        known = ", ".join(str(x) for x in items[:10]) + (", ..." if len(items) > 10 else "")
        raise NotFoundError(f"no {what} {item!r}; known: {known}") from None


def _period_index(periods: Sequence[Period], period: Period | str) -> int:
    """The position of a period, by its label; the error lists the labels known."""
    label = as_period(period).label
    return _index([p.label for p in periods], label, "period")


def _validate_series(series: Series) -> None:
    _check_values(series.values, 1)
    if len(series.periods) != series.values.shape[0]:
        _util.fail(
            "$.periods",
            f"expected one period per value ({series.values.shape[0]}); "
            f"found {len(series.periods)}",
        )
    _check_periods(series.periods)


@attrs.frozen(kw_only=True, eq=False)
class Series:
    """One indicator's values over consecutive periods; NaN marks a missing value.

    Parameters
    ----------
    values : array-like of float
        One value per period; NaN for missing. Stored as a read-only float64 array.
    periods : sequence of Period or str
        The periods, as :class:`~lscbqa.periods.Period` values or labels
        (``"2024-Q1"``, ``"FY2024-25"``), in increasing order without overlaps.
    indicator_id : str, optional
        The indicator measured.
    area : str, optional
        The area (board, authority) measured.

    Raises
    ------
    ValidationError
        If a value is infinite, the lengths differ or the periods are out of order.

    Examples
    --------
    >>> series = Series(values=[1, 2, 3], periods=["2022", "2023", "2024"], area="northshire")
    >>> series.values.tolist(), series.labels
    ([1.0, 2.0, 3.0], ('2022', '2023', '2024'))
    >>> series == Series(values=[1, 2, 3], periods=["2022", "2023", "2024"], area="northshire")
    True
    """

    values: FloatArray = attrs.field(converter=_to_array)
    periods: tuple[Period, ...] = attrs.field(converter=_to_periods)
    indicator_id: str | None = attrs.field(default=None, metadata=_util.checks(_util.identifier))
    area: str | None = attrs.field(default=None, metadata=_util.checks(_util.identifier))

    def __attrs_post_init__(self) -> None:
        _check_values(self.values, 1)
        _util.validate(self, _validate_series)

    def __len__(self) -> int:
        return len(self.periods)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Series):
            return NotImplemented
        return (
            self.periods == other.periods
            and self.indicator_id == other.indicator_id
            and self.area == other.area
            and _arrays_equal(self.values, other.values)
        )

    __hash__ = None  # type: ignore[assignment]

    @property
    def labels(self) -> tuple[str, ...]:
        """The label of each period.

        Examples
        --------
        >>> Series(values=[1], periods=["FY2024-25"]).labels
        ('FY2024-25',)
        """
        return tuple(period.label for period in self.periods)

    def index_of(self, period: Period | str) -> int:
        """The position of a period (or a period's label) in the series.

        Raises
        ------
        NotFoundError
            If the series has no such period.

        Examples
        --------
        >>> Series(values=[1, 2], periods=["2024-01", "2024-02"]).index_of("2024-02")
        1
        """
        return _period_index(self.periods, period)

    @classmethod
    def from_rates(
        cls,
        numerators: npt.ArrayLike,
        denominators: npt.ArrayLike,
        *,
        periods: Sequence[Period | str],
        factor: float = 1.0,
        indicator_id: str | None = None,
        area: str | None = None,
    ) -> Series:
        """A series of rates: ``numerator / denominator x factor``, NaN where the denominator is 0.

        Parameters
        ----------
        numerators, denominators : array-like of float
            The counts above and below the line, one per period.
        periods : sequence of Period or str
            The periods.
        factor : float, default 1
            100 for a percentage, 10,000 for a rate per 10,000 (see
            :attr:`lscbqa.measures.Indicator.factor`).
        indicator_id, area : str, optional
            As for :class:`Series`.

        Examples
        --------
        >>> Series.from_rates([45, 50], [90000, 0], periods=["2023", "2024"],
        ...                   factor=10000).values.tolist()
        [5.0, nan]
        """
        return cls(
            values=rates(numerators, denominators, factor),
            periods=periods,
            indicator_id=indicator_id,
            area=area,
        )


def rates(numerators: npt.ArrayLike, denominators: npt.ArrayLike, factor: float) -> FloatArray:
    """``numerators x factor / denominators``, NaN where a denominator is 0 or missing.

    Multiplying first keeps whole-number rates exact (30 x 10,000 / 50,000 is 6.0).
    """
    top = np.asarray(numerators, dtype=np.float64)
    bottom = np.asarray(denominators, dtype=np.float64)
    if top.shape != bottom.shape:
        _util.fail(
            "$.denominators",
            f"expected the shape of the numerators {top.shape}; found {bottom.shape}",
        )
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        result = np.where(bottom == 0, np.nan, top * factor / bottom)
    return np.asarray(result, dtype=np.float64)


def _to_ids(value: Any) -> Any:
    return _util.to_tuple(value)


def _to_optional_array(value: Any) -> Any:
    return None if value is None else _to_array(value)


def _optional_equal(a: FloatArray | None, b: FloatArray | None) -> bool:
    return a is b is None or (a is not None and b is not None and _arrays_equal(a, b))


def _validate_panel(panel: Panel) -> None:
    _check_values(panel.values, 3)
    expected = (len(panel.areas), len(panel.indicators), len(panel.periods))
    if panel.values.shape != expected:
        _util.fail(
            "$.values",
            f"expected shape (areas, indicators, periods) = {expected}; found {panel.values.shape}",
        )
    problems = []
    for name in ("areas", "indicators"):
        seen: dict[str, int] = {}
        for index, item in enumerate(getattr(panel, name)):
            if item in seen:
                problems.append(
                    Problem(
                        f"$.{name}[{index}]",
                        f"expected a unique id; {item!r} is also at index {seen[item]}",
                    )
                )
            seen.setdefault(item, index)
    if (panel.numerators is None) != (panel.denominators is None):
        problems.append(
            Problem("$.denominators", "expected numerators and denominators together, or neither")
        )
    for name in ("numerators", "denominators"):
        counts = getattr(panel, name)
        if counts is not None:
            try:
                _check_values(counts, 3, name)
            except ValidationError as error:
                problems.extend(error.problems)
        if counts is not None and counts.shape != panel.values.shape:
            problems.append(
                Problem(f"$.{name}", f"expected shape {expected}; found {counts.shape}")
            )
    if not problems and panel.numerators is not None and panel.denominators is not None:
        one_sided = np.isnan(panel.numerators) != np.isnan(panel.denominators)
        for cell in np.argwhere(one_sided)[:10]:
            where = ", ".join(str(int(i)) for i in cell)
            problems.append(
                Problem(
                    f"$.denominators[{where}]",
                    "expected a numerator and a denominator together, or neither",
                )
            )
    if problems:
        raise ValidationError(problems)
    _check_periods(panel.periods)


@attrs.frozen(kw_only=True, eq=False)
class Panel:
    """Areas x indicators x periods as one read-only numpy array with labelled axes.

    Parameters
    ----------
    values : array-like of float
        Shape ``(len(areas), len(indicators), len(periods))``; NaN for missing.
    areas : sequence of str
        The ids of the areas (first axis), unique.
    indicators : sequence of str
        The ids of the indicators (second axis), unique.
    periods : sequence of Period or str
        The periods (last axis), increasing, without overlaps.
    numerators, denominators : array-like of float, optional
        The counts rates were computed from, the shape of ``values``; both or
        neither. Kept so that a panel read from counts writes them back.

    Raises
    ------
    ValidationError
        If the shape does not match the axes, an id repeats, a value is infinite
        or the periods are out of order.

    Examples
    --------
    >>> import numpy as np
    >>> panel = Panel(values=np.arange(12.0).reshape(2, 2, 3), areas=["north", "south"],
    ...               indicators=["rereferrals", "cp_rate"],
    ...               periods=["2024-Q1", "2024-Q2", "2024-Q3"])
    >>> panel.shape
    (2, 2, 3)
    >>> panel.series("south", "rereferrals").values.tolist()
    [6.0, 7.0, 8.0]
    """

    values: FloatArray = attrs.field(converter=_to_array)
    areas: tuple[str, ...] = attrs.field(
        converter=_to_ids, metadata=_util.checks(_util.identifiers)
    )
    indicators: tuple[str, ...] = attrs.field(
        converter=_to_ids, metadata=_util.checks(_util.identifiers)
    )
    periods: tuple[Period, ...] = attrs.field(converter=_to_periods)
    numerators: FloatArray | None = attrs.field(default=None, converter=_to_optional_array)
    denominators: FloatArray | None = attrs.field(default=None, converter=_to_optional_array)

    def __attrs_post_init__(self) -> None:
        _check_values(self.values, 3)
        _util.validate(self, _validate_panel)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Panel):
            return NotImplemented
        return (
            self.areas == other.areas
            and self.indicators == other.indicators
            and self.periods == other.periods
            and _arrays_equal(self.values, other.values)
            and _optional_equal(self.numerators, other.numerators)
            and _optional_equal(self.denominators, other.denominators)
        )

    __hash__ = None  # type: ignore[assignment]

    @property
    def has_counts(self) -> bool:
        """Whether the panel keeps the numerators and denominators its rates came from.

        Examples
        --------
        >>> Panel(values=np.zeros((1, 1, 1)), areas=["a"], indicators=["x"],
        ...       periods=["2024"]).has_counts
        False
        """
        return self.numerators is not None

    @property
    def shape(self) -> tuple[int, int, int]:
        """``(areas, indicators, periods)``.

        Examples
        --------
        >>> Panel(values=np.zeros((1, 2, 3)), areas=["a"], indicators=["x", "y"],
        ...       periods=["2020", "2021", "2022"]).shape
        (1, 2, 3)
        """
        areas, indicators, periods = self.values.shape
        return (areas, indicators, periods)

    @property
    def labels(self) -> tuple[str, ...]:
        """The label of each period.

        Examples
        --------
        >>> Panel(values=np.zeros((1, 1, 1)), areas=["a"], indicators=["x"],
        ...       periods=["2024-04"]).labels
        ('2024-04',)
        """
        return tuple(period.label for period in self.periods)

    def area_index(self, area: str) -> int:
        """The position of an area on the first axis.

        Raises
        ------
        NotFoundError
            If the panel has no such area.

        Examples
        --------
        >>> Panel(values=np.zeros((2, 1, 1)), areas=["a", "b"], indicators=["x"],
        ...       periods=["2024"]).area_index("b")
        1
        """
        return _index(self.areas, area, "area")

    def indicator_index(self, indicator: str) -> int:
        """The position of an indicator on the second axis.

        Raises
        ------
        NotFoundError
            If the panel has no such indicator.

        Examples
        --------
        >>> Panel(values=np.zeros((1, 2, 1)), areas=["a"], indicators=["x", "y"],
        ...       periods=["2024"]).indicator_index("y")
        1
        """
        return _index(self.indicators, indicator, "indicator")

    def index_of_period(self, period: Period | str) -> int:
        """The position of a period (or its label) on the last axis.

        Raises
        ------
        NotFoundError
            If the panel has no such period.

        Examples
        --------
        >>> Panel(values=np.zeros((1, 1, 2)), areas=["a"], indicators=["x"],
        ...       periods=["2023", "2024"]).index_of_period("2024")
        1
        """
        return _period_index(self.periods, period)

    def series(self, area: str, indicator: str) -> Series:
        """One area's series of one indicator.

        Raises
        ------
        NotFoundError
            If the panel has no such area or indicator.

        Examples
        --------
        >>> panel = Panel(values=[[[1, 2]]], areas=["a"], indicators=["x"],
        ...               periods=["2023", "2024"])
        >>> panel.series("a", "x").values.tolist()
        [1.0, 2.0]
        """
        row = self.values[self.area_index(area), self.indicator_index(indicator)]
        return Series(values=row, periods=self.periods, indicator_id=indicator, area=area)

    def select(
        self,
        *,
        areas: Sequence[str] | None = None,
        indicators: Sequence[str] | None = None,
    ) -> Panel:
        """A panel of some areas and indicators, in the order given.

        Raises
        ------
        NotFoundError
            If an area or indicator is not in the panel.

        Examples
        --------
        >>> panel = Panel(values=np.arange(4.0).reshape(2, 2, 1), areas=["a", "b"],
        ...               indicators=["x", "y"], periods=["2024"])
        >>> panel.select(areas=["b"], indicators=["y"]).values.tolist()
        [[[3.0]]]
        """
        area_ids = self.areas if areas is None else tuple(areas)
        indicator_ids = self.indicators if indicators is None else tuple(indicators)
        rows = [self.area_index(area) for area in area_ids]
        columns = [self.indicator_index(indicator) for indicator in indicator_ids]
        cells = np.ix_(rows, columns)
        return Panel(
            values=self.values[cells],
            areas=area_ids,
            indicators=indicator_ids,
            periods=self.periods,
            numerators=None if self.numerators is None else self.numerators[cells],
            denominators=None if self.denominators is None else self.denominators[cells],
        )

    @classmethod
    def from_series(cls, series: Iterable[Series]) -> Panel:
        """A panel holding every series, aligned on the union of their periods.

        Each series needs an ``area`` and an ``indicator_id``; cells no series
        fills are NaN.

        Raises
        ------
        ValidationError
            If a series lacks an area or indicator, or two series fill the same
            area and indicator.

        Examples
        --------
        >>> a = Series(values=[1, 2], periods=["2023", "2024"], area="a", indicator_id="x")
        >>> b = Series(values=[5], periods=["2024"], area="b", indicator_id="x")
        >>> Panel.from_series([a, b]).values[:, 0].tolist()
        [[1.0, 2.0], [nan, 5.0]]
        """
        items = list(series)
        problems = []
        seen: dict[tuple[str, str], int] = {}
        for index, item in enumerate(items):
            if not isinstance(item, Series):
                problems.append(
                    Problem(f"$[{index}]", f"expected a Series; found {_util.found(item)}")
                )
                continue
            if item.area is None or item.indicator_id is None:
                problems.append(
                    Problem(f"$[{index}]", "expected a series with an area and an indicator_id")
                )
                continue
            key = (item.area, item.indicator_id)
            if key in seen:
                problems.append(
                    Problem(
                        f"$[{index}]",
                        f"expected one series per area and indicator; "
                        f"{key} is also at index {seen[key]}",
                    )
                )
            seen.setdefault(key, index)
        if problems:
            raise ValidationError(problems)
        areas = tuple(dict.fromkeys(item.area for item in items if item.area))
        indicators = tuple(dict.fromkeys(i.indicator_id for i in items if i.indicator_id))
        periods = sorted({period for item in items for period in item.periods})
        column = {period: index for index, period in enumerate(periods)}
        values = np.full((len(areas), len(indicators), len(periods)), np.nan)
        for item in items:
            assert item.area is not None
            assert item.indicator_id is not None
            positions = [column[period] for period in item.periods]
            values[areas.index(item.area), indicators.index(item.indicator_id), positions] = (
                item.values
            )
        return cls(values=values, areas=areas, indicators=indicators, periods=periods)
