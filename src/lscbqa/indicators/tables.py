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
import io
import math
import os
from collections.abc import Iterable, Mapping
from typing import IO, Any

import numpy as np

from lscbqa import _util
from lscbqa.exceptions import MissingDependencyError, Problem, ValidationError
from lscbqa.indicators.series import Panel, as_period, rates
from lscbqa.measures import Indicator

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
    problems: list[Problem] = []
    rows: list[tuple[str, str, Any, float, float, float]] = []
    for index, record in enumerate(records):
        row = _read_record(record, f"$[{index}]", factors, problems)
        if row is not None:
            rows.append(row)
    seen: dict[tuple[str, str, Any], int] = {}
    for index, (area, indicator, period, *_) in enumerate(rows):
        key = (area, indicator, period)
        if key in seen:
            problems.append(
                Problem(
                    f"$[{index}]",
                    f"expected one row per area, indicator and period; {area}, {indicator}, "
                    f"{period.label} is also at row {seen[key]}",
                )
            )
        seen.setdefault(key, index)
    if problems:
        raise ValidationError(problems)
    areas = tuple(dict.fromkeys(row[0] for row in rows))
    indicator_ids = tuple(dict.fromkeys(row[1] for row in rows))
    periods = sorted({row[2] for row in rows})
    shape = (len(areas), len(indicator_ids), len(periods))
    area_at = {area: index for index, area in enumerate(areas)}
    indicator_at = {indicator: index for index, indicator in enumerate(indicator_ids)}
    period_at = {period: index for index, period in enumerate(periods)}
    cells = (
        np.array([area_at[row[0]] for row in rows], dtype=np.intp),
        np.array([indicator_at[row[1]] for row in rows], dtype=np.intp),
        np.array([period_at[row[2]] for row in rows], dtype=np.intp),
    )
    columns = []
    for position in range(3):
        column = np.full(shape, np.nan)
        column[cells] = [row[3 + position] for row in rows]
        columns.append(column)
    has_counts = any(not math.isnan(row[4]) or not math.isnan(row[5]) for row in rows)
    try:
        return Panel(
            values=columns[0],
            areas=areas,
            indicators=indicator_ids,
            periods=periods,
            numerators=columns[1] if has_counts else None,
            denominators=columns[2] if has_counts else None,
        )
    except ValidationError as error:  # ids that are not ids: say which column
        raise ValidationError(
            Problem(problem.path.replace("$.areas", "$[*].area"), problem.message)
            for problem in error.problems
        ) from None


def _factors(indicators: Iterable[Indicator] | Mapping[str, Indicator]) -> dict[str, float]:
    items = indicators.values() if isinstance(indicators, Mapping) else indicators
    return {indicator.id: indicator.factor for indicator in items}


def _read_record(
    record: Mapping[str, Any], path: str, factors: Mapping[str, float], problems: list[Problem]
) -> tuple[str, str, Any, float, float, float] | None:
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
        if not isinstance(text, str) or not _util.is_identifier(text):
            problems.append(Problem(f"{path}.{key}", f"expected an id; found {_found(text)}"))
        else:
            texts[key] = text
    period = None
    try:
        period = as_period(record.get("period"), f"{path}.period")  # type: ignore[arg-type]
    except ValidationError as error:
        problems.extend(error.problems)
    numbers = [_number(record.get(key), f"{path}.{key}", problems) for key in NUMBERS]
    if len(problems) > before:
        return None
    value, numerator, denominator = numbers
    if math.isnan(numerator) != math.isnan(denominator):
        problems.append(
            Problem(path, "expected a numerator and a denominator together, or neither")
        )
        return None
    if not math.isnan(numerator):
        factor = factors.get(texts["indicator"])
        if factor is None and math.isnan(value):
            problems.append(
                Problem(
                    f"{path}.indicator",
                    f"expected a definition of {texts['indicator']!r} giving the factor for "
                    "a rate from counts (pass indicators=...); found none",
                )
            )
            return None
        if factor is not None:
            rate = float(rates(numerator, denominator, factor))
            if math.isnan(value):
                value = rate
            elif not math.isclose(value, rate, rel_tol=_RELATIVE_TOLERANCE, abs_tol=1e-12):
                problems.append(
                    Problem(
                        f"{path}.value",
                        f"expected the rate of the counts ({rate!r}); found {value!r}",
                    )
                )
                return None
    return (texts["area"], texts["indicator"], period, value, numerator, denominator)


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
        number = float(value)
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
        with open(source, encoding="utf-8", newline="") as stream:
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
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(names)
    for record in records:
        writer.writerow(_cell(record[name]) for name in names)
    text = buffer.getvalue()
    if target is None:
        return text
    _util.write_text_atomic(target, text)
    return None


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
    pandas = _pandas()
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
    pandas = _pandas()
    if not isinstance(frame, pandas.DataFrame):
        _util.fail("$", f"expected a pandas DataFrame; found {_util.found(frame)}")
    records = frame.astype(object).where(frame.notna(), None).to_dict(orient="records")
    return from_records(records, indicators=indicators)


def _pandas() -> Any:
    try:
        import pandas  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        raise MissingDependencyError("pandas", "pandas") from None
    return pandas
