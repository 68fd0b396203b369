"""Panels as tidy tables: records, CSV files and (with the ``pandas`` extra) DataFrames.

The tidy long format has one row per area, indicator and period, with the columns

``area, indicator, period, value``
    a value as published, or
``area, indicator, period, numerator, denominator``
    counts from which the value is the rate ``numerator / denominator x factor``,
    the factor taken from the indicator's definition
    (:attr:`lscbqa.measures.Indicator.factor`).

A table may mix both kinds of row, and a row may carry all three (the value must
then agree with the rate). Periods are labels (``2024-Q1``, ``FY2024-25``, see
:class:`lscbqa.periods.PeriodType`); an empty cell is a missing value. Cells no row
fills are missing too. Writing gives back every value exactly (floats are written
with all their digits) and keeps the counts, so a panel survives a round trip.

Examples
--------
>>> import io
>>> from lscbqa.indicators import Indicator
>>> from lscbqa.indicators.tables import read_csv, write_csv
>>> text = '''area,indicator,period,numerator,denominator
... north,cp_rate,2024,45,90000
... south,cp_rate,2024,30,50000
... '''
>>> cp_rate = Indicator(id="cp_rate", title="Plans per 10,000 children",
...                     polarity="lower_is_better", unit="per_10000")
>>> panel = read_csv(io.StringIO(text), indicators=[cp_rate])
>>> panel.values[:, 0, 0].tolist()
[5.0, 6.0]
>>> read_csv(io.StringIO(write_csv(panel))) == panel
True
"""

from __future__ import annotations

import csv
import itertools
import math
import os
import re
from collections.abc import Iterable, Mapping
from typing import IO, Any

import attrs
import numpy as np

from lscbqa import _util
from lscbqa.exceptions import Problem, ValidationError
from lscbqa.indicators.series import Panel, as_period, rates
from lscbqa.measures import Indicator
from lscbqa.periods import Period

__all__ = ["from_pandas", "from_records", "read_csv", "to_pandas", "to_records", "write_csv"]

KEYS = ("area", "indicator", "period")
NUMBERS = ("value", "numerator", "denominator")
_RELATIVE_TOLERANCE = 1e-9


def to_records(panel: Panel, *, missing: bool = True) -> list[dict[str, Any]]:
    """One dict per area, indicator and period, in the panel's order.

    Parameters
    ----------
    panel : Panel
        The panel.
    missing : bool, default True
        Whether cells with a missing value get a record (with NaN).

    Returns
    -------
    list of dict
        Keys ``area``, ``indicator``, ``period`` (a label), ``value``, and
        ``numerator`` and ``denominator`` when the panel keeps counts.

    Examples
    --------
    >>> import numpy as np
    >>> panel = Panel(values=[[[1.5, np.nan]]], areas=["a"], indicators=["x"],
    ...               periods=["2023", "2024"])
    >>> to_records(panel, missing=False)
    [{'area': 'a', 'indicator': 'x', 'period': '2023', 'value': 1.5}]
    """
    labels = panel.labels
    columns = [panel.values] + (
        [panel.numerators, panel.denominators] if panel.numerators is not None else []
    )
    names = NUMBERS[: len(columns)]
    records = []
    for a, area in enumerate(panel.areas):
        for i, indicator in enumerate(panel.indicators):
            for t, label in enumerate(labels):
                numbers = [float(column[a, i, t]) for column in columns]  # type: ignore[index]
                if not missing and all(math.isnan(number) for number in numbers):
                    continue
                record: dict[str, Any] = {"area": area, "indicator": indicator, "period": label}
                record.update(zip(names, numbers, strict=True))
                records.append(record)
    return records


def from_records(
    records: Iterable[Mapping[str, Any]],
    *,
    indicators: Iterable[Indicator] | Mapping[str, Indicator] = (),
) -> Panel:
    """A panel from tidy records (see the module's description of the columns).

    Parameters
    ----------
    records : iterable of mapping
        One per area, indicator and period.
    indicators : iterable of Indicator or mapping of id to Indicator, optional
        Definitions giving the factor of rates computed from counts; needed for
        every indicator that has a row with counts but no value.

    Returns
    -------
    Panel
        Areas and indicators in order of first appearance, periods in time
        order; counts are kept when any record has them.

    Raises
    ------
    ValidationError
        Listing every bad record, each with its path (``$[3].period``): a
        missing key, an unknown column, a period label or number that does not
        parse, a value that disagrees with its counts, counts without a
        definition, or a second record for the same cell.

    Examples
    --------
    >>> panel = from_records([{"area": "a", "indicator": "x", "period": "2024-Q1", "value": 2}])
    >>> panel.shape, panel.values.tolist()
    ((1, 1, 1), [[[2.0]]])
    """
    factors = _factors(indicators)
    if isinstance(records, str | bytes | Mapping) or not isinstance(records, Iterable):
        _util.fail("$", f"expected a list of records; found {_util.found(records)}")
    problems: list[Problem] = []
    rows: list[_Row] = []
    reader = _RecordReader(factors)
    counted = False
    for index, record in enumerate(records):
        row = reader.read(record, f"$[{index}]", problems)
        counted = counted or (
            isinstance(record, Mapping) and ("numerator" in record or "denominator" in record)
        )
        if row is not None:
            rows.append(row)
    seen: dict[tuple[str, str, Period], int] = {}
    for row in rows:
        key = (row.area, row.indicator, row.period)
        if key in seen:
            problems.append(
                Problem(
                    f"$[{row.index}]",
                    f"expected one row per area, indicator and period; {row.area}, "
                    f"{row.indicator}, {row.period.label} is also at row {seen[key]}",
                )
            )
        seen.setdefault(key, row.index)
    periods = sorted({row.period for row in rows})
    first_at: dict[Period, int] = {}
    for row in rows:
        first_at.setdefault(row.period, row.index)
    for before, after in itertools.pairwise(periods):
        if after.start <= before.end:
            problems.append(
                Problem(
                    f"$[{first_at[after]}].period",
                    f"expected periods that do not overlap; {after.label} overlaps "
                    f"{before.label} (row {first_at[before]})",
                )
            )
    if problems:
        raise ValidationError(sorted(problems, key=_row_order))
    areas = tuple(dict.fromkeys(row.area for row in rows))
    indicator_ids = tuple(dict.fromkeys(row.indicator for row in rows))
    shape = (len(areas), len(indicator_ids), len(periods))
    area_at = {area: index for index, area in enumerate(areas)}
    indicator_at = {indicator: index for index, indicator in enumerate(indicator_ids)}
    period_at = {period: index for index, period in enumerate(periods)}
    cells = (
        np.array([area_at[row.area] for row in rows], dtype=np.intp),
        np.array([indicator_at[row.indicator] for row in rows], dtype=np.intp),
        np.array([period_at[row.period] for row in rows], dtype=np.intp),
    )
    columns = []
    for name in NUMBERS:
        column = np.full(shape, np.nan)
        column[cells] = [getattr(row, name) for row in rows]
        columns.append(column)
    return Panel(
        values=columns[0],
        areas=areas,
        indicators=indicator_ids,
        periods=periods,
        numerators=columns[1] if counted else None,
        denominators=columns[2] if counted else None,
    )


def _row_order(problem: Problem) -> tuple[int, str]:
    """Problems in the order of the records they are about (then as found)."""
    match = re.match(r"\$\[([0-9]+)\]", problem.path)
    return (int(match.group(1)) if match else -1, "")


@attrs.frozen
class _Row:
    index: int
    area: str
    indicator: str
    period: Period
    value: float
    numerator: float
    denominator: float


def _factors(indicators: Iterable[Indicator] | Mapping[str, Indicator]) -> dict[str, float]:
    items = indicators.values() if isinstance(indicators, Mapping) else indicators
    if isinstance(items, str | bytes) or not isinstance(items, Iterable):
        _util.fail("$.indicators", f"expected Indicator definitions; found {_util.found(items)}")
    factors = {}
    for position, indicator in enumerate(items):
        if not isinstance(indicator, Indicator):
            _util.fail(
                f"$.indicators[{position}]",
                f"expected an Indicator; found {_util.found(indicator)}",
            )
        factors[indicator.id] = indicator.factor
    return factors


class _RecordReader:
    """Reads records one by one, remembering the labels and ids it has already checked."""

    def __init__(self, factors: Mapping[str, float]) -> None:
        self.factors = factors
        self.periods: dict[str, Period | ValidationError] = {}
        self.ids: dict[str, bool] = {}

    def period(self, label: Any, path: str) -> Period:
        if not isinstance(label, str):
            return as_period(label, path)
        known = self.periods.get(label)
        if known is None:
            try:
                known = as_period(label, "$")
            except ValidationError as error:
                known = error
            self.periods[label] = known
        if isinstance(known, ValidationError):
            raise ValidationError(p.under(path) for p in known.problems)
        return known

    def is_id(self, text: Any) -> bool:
        if not isinstance(text, str):
            return False
        known = self.ids.get(text)
        if known is None:
            known = self.ids[text] = _util.is_identifier(text)
        return known

    def read(self, record: Any, path: str, problems: list[Problem]) -> _Row | None:
        if not isinstance(record, Mapping):
            problems.append(Problem(path, f"expected a record (a mapping); found {_found(record)}"))
            return None
        before = len(problems)
        for key in record:
            if key not in KEYS and key not in NUMBERS:
                problems.append(
                    Problem(
                        _util.join_path(path, str(key)),
                        f"expected only the columns {', '.join(KEYS + NUMBERS)}; found {key!r}",
                    )
                )
        texts: dict[str, str] = {}
        for key in ("area", "indicator"):
            text = record.get(key)
            if isinstance(text, str) and self.is_id(text):
                texts[key] = text
            else:
                problems.append(Problem(f"{path}.{key}", f"expected an id; found {_found(text)}"))
        period = None
        try:
            period = self.period(record.get("period"), f"{path}.period")
        except ValidationError as error:
            problems.extend(error.problems)
        value, numerator, denominator = (
            _number(record.get(key), f"{path}.{key}", problems) for key in NUMBERS
        )
        if len(problems) > before or period is None:
            return None
        if math.isnan(numerator) != math.isnan(denominator):
            problems.append(
                Problem(path, "expected a numerator and a denominator together, or neither")
            )
            return None
        if not math.isnan(numerator):
            rate = self.rate(path, texts["indicator"], value, numerator, denominator, problems)
            if rate is None:
                return None
            value = rate
        return _Row(
            index=int(path[2:-1]),
            area=texts["area"],
            indicator=texts["indicator"],
            period=period,
            value=value,
            numerator=numerator,
            denominator=denominator,
        )

    def rate(
        self,
        path: str,
        indicator: str,
        value: float,
        numerator: float,
        denominator: float,
        problems: list[Problem],
    ) -> float | None:
        """The value a row's counts give (checked against the row's value), or None."""
        factor = self.factors.get(indicator)
        if factor is None:
            if math.isnan(value):
                problems.append(
                    Problem(
                        f"{path}.indicator",
                        f"expected a definition of {indicator!r} giving the factor for "
                        "a rate from counts (pass indicators=...); found none",
                    )
                )
                return None
            return value
        rate = float(rates(numerator, denominator, factor))
        if math.isinf(rate):
            problems.append(
                Problem(
                    f"{path}.numerator",
                    f"expected counts whose rate is a finite number; "
                    f"{numerator!r} / {denominator!r} x {factor:g} is too large",
                )
            )
            return None
        if math.isnan(value):
            return rate
        if not math.isclose(value, rate, rel_tol=_RELATIVE_TOLERANCE, abs_tol=1e-12):
            problems.append(
                Problem(
                    f"{path}.value",
                    f"expected the rate of the counts ({rate!r}); found {value!r}",
                )
            )
            return None
        return value


def _number(value: Any, path: str, problems: list[Problem]) -> float:
    """A number from a cell: a float or int, a numeric text; empty or None is missing (NaN)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return math.nan
    if isinstance(value, bool):
        problems.append(Problem(path, f"expected a number; found {_found(value)}"))
        return math.nan
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            problems.append(Problem(path, f"expected a number; found {_found(value)}"))
            return math.nan
    if isinstance(value, int | float | np.integer | np.floating):
        try:
            number = float(value)
        except OverflowError:
            number = math.inf
        if math.isinf(number):
            problems.append(Problem(path, f"expected a finite number; found {value}"))
            return math.nan
        return number
    problems.append(Problem(path, f"expected a number; found {_found(value)}"))
    return math.nan


def _found(value: Any) -> str:
    return "nothing" if value is None else _util.found(value)


def read_csv(
    source: str | os.PathLike[str] | IO[str],
    *,
    indicators: Iterable[Indicator] | Mapping[str, Indicator] = (),
) -> Panel:
    r"""A panel from a tidy CSV file (a path, or an open text file).

    The header names the columns: ``area``, ``indicator``, ``period`` and
    ``value`` and/or ``numerator`` and ``denominator``, in any order.

    Parameters
    ----------
    source : str, path or text file
        Where to read.
    indicators : iterable of Indicator or mapping of id to Indicator, optional
        Definitions giving the factor of rates computed from counts.

    Raises
    ------
    ValidationError
        If the header lacks a needed column or has an unknown one, or a row is
        bad (see :func:`from_records`; rows are numbered from 0, after the header).

    Examples
    --------
    >>> import io
    >>> read_csv(io.StringIO("area,indicator,period,value\na,x,2024,\n")).values.tolist()
    [[[nan]]]
    """
    if isinstance(source, str | os.PathLike):
        # utf-8-sig: a byte-order mark, as Excel's "CSV UTF-8" writes, is not part of a name.
        with open(source, encoding="utf-8-sig", newline="") as stream:
            return _read_stream(stream, indicators)
    return _read_stream(source, indicators)


def _read_stream(
    stream: IO[str], indicators: Iterable[Indicator] | Mapping[str, Indicator]
) -> Panel:
    try:
        reader = csv.DictReader(stream, restkey="\0extra")
        header = reader.fieldnames or []
        missing = [key for key in KEYS if key not in header]
        if "value" not in header and not {"numerator", "denominator"} <= set(header):
            missing.append("value (or numerator and denominator)")
        unknown = [key for key in header if key not in KEYS + NUMBERS]
        if missing or unknown:
            raise ValidationError(
                [
                    Problem(
                        "$.columns",
                        f"expected the columns {', '.join(KEYS)} and value, or numerator and "
                        f"denominator; missing {', '.join(missing) or 'none'}, "
                        f"unknown {', '.join(map(repr, unknown)) or 'none'}",
                    )
                ]
            )
        records = []
        problems = []
        for index, row in enumerate(reader):
            if "\0extra" in row or None in row.values():
                problems.append(
                    Problem(f"$[{index}]", f"expected {len(header)} cells; found another number")
                )
                continue
            records.append(row)
    except (csv.Error, UnicodeDecodeError) as error:
        raise ValidationError([Problem("$", f"expected a CSV table; {error}")]) from None
    if problems:
        raise ValidationError(problems)
    return from_records(records, indicators=indicators)


def write_csv(panel: Panel, target: str | os.PathLike[str] | None = None) -> str | None:
    """Write a panel as a tidy CSV table; every cell gets a row, missing values are empty.

    Parameters
    ----------
    panel : Panel
        The panel.
    target : str or path, optional
        Where to write (atomically: a reader never sees half a file); without
        it, the text is returned.

    Returns
    -------
    str or None
        The CSV text when no target is given.

    Examples
    --------
    >>> panel = Panel(values=[[[0.1]]], areas=["a"], indicators=["x"], periods=["2024-Q2"])
    >>> print(write_csv(panel), end="")
    area,indicator,period,value
    a,x,2024-Q2,0.1
    """
    records = to_records(panel)
    names = list(KEYS + NUMBERS[: 3 if panel.has_counts else 1])
    rows = ([_cell(record[name]) for name in names] for record in records)
    return _util.csv_table(names, rows, target)


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return "" if math.isnan(value) else repr(value)
    return str(value)


def to_pandas(panel: Panel, *, missing: bool = True) -> Any:
    """The panel as a tidy pandas DataFrame, one row per cell (see :func:`to_records`).

    Raises
    ------
    MissingDependencyError
        If pandas is not installed (``pip install "lscbqa[pandas]"``).

    Examples
    --------
    >>> panel = Panel(values=[[[1.0, 2.0]]], areas=["a"], indicators=["x"],
    ...               periods=["2023", "2024"])
    >>> to_pandas(panel)["value"].tolist()
    [1.0, 2.0]
    """
    pandas = _util.import_optional("pandas", "pandas")
    names = list(KEYS + NUMBERS[: 3 if panel.has_counts else 1])
    return pandas.DataFrame.from_records(to_records(panel, missing=missing), columns=names)


def from_pandas(
    frame: Any, *, indicators: Iterable[Indicator] | Mapping[str, Indicator] = ()
) -> Panel:
    """A panel from a tidy pandas DataFrame (columns as for :func:`from_records`).

    Raises
    ------
    ValidationError
        As :func:`from_records`; rows are numbered by position.
    MissingDependencyError
        If pandas is not installed.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"area": ["a"], "indicator": ["x"], "period": ["2024"],
    ...                       "value": [3.5]})
    >>> from_pandas(frame).values.tolist()
    [[[3.5]]]
    """
    pandas = _util.import_optional("pandas", "pandas")
    if not isinstance(frame, pandas.DataFrame):
        _util.fail("$", f"expected a pandas DataFrame; found {_util.found(frame)}")
    records = frame.astype(object).where(frame.notna(), None).to_dict(orient="records")
    return from_records(records, indicators=indicators)
