"""Tests for lscbqa.indicators.tables: panels to and from records, CSV and pandas.

Rates from counts use the per-10,000 factor of ``cp`` (child-protection plans per
10,000 children): 45 plans among 90,000 children is 45 x 10,000 / 90,000 = 5.0.
"""

from __future__ import annotations

import datetime
import io
import math
import os
import pathlib
import sys
import tempfile
from typing import Any

import numpy as np
import pandas as pd  # type: ignore[import-untyped,unused-ignore]
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lscbqa.exceptions import MissingDependencyError, ValidationError
from lscbqa.indicators.series import Panel, rates
from lscbqa.indicators.tables import (
    from_pandas,
    from_records,
    read_csv,
    to_pandas,
    to_records,
    write_csv,
)
from lscbqa.measures import Indicator
from lscbqa.periods import Period, PeriodType

NAN = math.nan
CP = Indicator(id="cp", title="Plans per 10,000", polarity="lower_is_better", unit="per_10000")
HEADER = "area,indicator,period,value\n"
FULL_HEADER = "area,indicator,period,value,numerator,denominator\n"
LABEL_FORMATS = (
    "expected a period label such as '2024-04' (month), '2024-Q2' (quarter), "
    "'FY2024-25' (financial year), '2024/25' (academic year), '2024' (calendar year) "
    "or '2024-01-05..2024-02-04' (any span); "
)
COLUMNS = "expected the columns area, indicator, period and value, or numerator and denominator; "


def _read(text: str, **options: Any) -> Panel:
    """read_csv of the given text."""
    return read_csv(io.StringIO(text), **options)


def _rejection(text: str, **options: Any) -> dict[str, str]:
    """The problems read_csv finds in the text, message by path."""
    with pytest.raises(ValidationError) as caught:
        _read(text, **options)
    return {problem.path: problem.message for problem in caught.value.problems}


def _record(**fields: Any) -> dict[str, Any]:
    """A record for north, cp, 2024 with the given fields added or changed."""
    return {"area": "north", "indicator": "cp", "period": "2024", **fields}


def _record_rejection(*records: Any, **options: Any) -> dict[str, str]:
    """The problems from_records finds, message by path."""
    with pytest.raises(ValidationError) as caught:
        from_records(records, **options)
    return {problem.path: problem.message for problem in caught.value.problems}


COUNTS_PANEL = Panel(
    values=[[[5.0, 6.0]], [[7.0, NAN]]],
    areas=["north", "south"],
    indicators=["cp"],
    periods=["2023", "2024"],
    numerators=[[[45.0, 30.0]], [[NAN, NAN]]],
    denominators=[[[90000.0, 50000.0]], [[NAN, NAN]]],
)

# -- strategies -----------------------------------------------------------------------------------

IDS = st.from_regex(r"[a-z][a-z0-9_./:-]{0,6}", fullmatch=True)
FACTORS = st.sampled_from([1.0, 100.0, 1000.0, 10000.0, 100000.0])


@st.composite
def table_panels(draw: st.DrawFn) -> tuple[Panel, list[Indicator]]:
    """A panel that a table can hold, and definitions of its indicators.

    Every axis has at least one entry (a tidy table has no row for an empty axis).
    Values are any finite float or NaN; when the panel keeps counts, each cell has
    either no counts or whole-number counts whose rate is the cell's value (NaN
    when the denominator is 0), so the counts and the value agree; at least one
    cell has counts.
    """
    areas = draw(st.lists(IDS, min_size=1, max_size=3, unique=True))
    indicator_ids = draw(st.lists(IDS, min_size=1, max_size=3, unique=True))
    factors = [draw(FACTORS) for _ in indicator_ids]
    first = draw(st.sampled_from(["2024-01", "2024-Q1", "FY2024-25", "2024/25", "2024"]))
    periods = Period.parse(first).kind.periods(  # type: ignore[union-attr]
        first, draw(st.integers(min_value=1, max_value=5))
    )
    shape = (len(areas), len(indicator_ids), len(periods))
    size = shape[0] * shape[1] * shape[2]
    values = np.array(
        draw(st.lists(st.floats(allow_infinity=False), min_size=size, max_size=size))
    ).reshape(shape)
    numerators = denominators = None
    if draw(st.booleans()):
        counts = st.none() | st.tuples(
            st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=10**7)
        )
        cells = draw(st.lists(counts, min_size=size, max_size=size))
        numerators = np.array([NAN if c is None else c[0] for c in cells]).reshape(shape)
        denominators = np.array([NAN if c is None else c[1] for c in cells]).reshape(shape)
        computed = np.empty(shape)
        for i, factor in enumerate(factors):
            computed[:, i] = rates(numerators[:, i], denominators[:, i], factor)
        values = np.where(np.isnan(numerators), values, computed)
    panel = Panel(
        values=values,
        areas=areas,
        indicators=indicator_ids,
        periods=periods,
        numerators=numerators,
        denominators=denominators,
    )
    definitions = [
        Indicator(id=i, title=i, polarity="higher_is_better", factor=f)
        for i, f in zip(indicator_ids, factors, strict=True)
    ]
    return panel, definitions


# -- records --------------------------------------------------------------------------------------


class TestToRecords:
    def test_one_record_per_cell_in_panel_order(self) -> None:
        """Every cell gets a record, area by indicator by period, with NaN for missing."""
        panel = Panel(
            values=[[[1.5, NAN]]], areas=["a"], indicators=["x"], periods=["2023", "2024"]
        )
        records = to_records(panel)
        assert records[0] == {"area": "a", "indicator": "x", "period": "2023", "value": 1.5}
        assert math.isnan(records[1]["value"])
        assert [r["period"] for r in records] == ["2023", "2024"]

    def test_counts_are_included(self) -> None:
        """A panel with counts gives numerator and denominator in each record."""
        assert to_records(COUNTS_PANEL)[0] == {
            "area": "north",
            "indicator": "cp",
            "period": "2023",
            "value": 5.0,
            "numerator": 45.0,
            "denominator": 90000.0,
        }

    def test_numbers_are_python_floats(self) -> None:
        """Numbers are plain floats, not numpy scalars."""
        assert all(type(r["value"]) is float for r in to_records(COUNTS_PANEL))

    def test_missing_false_skips_empty_cells(self) -> None:
        """missing=False leaves out cells with no value and no counts only."""
        records = to_records(COUNTS_PANEL, missing=False)
        assert [(r["area"], r["period"]) for r in records] == [
            ("north", "2023"),
            ("north", "2024"),
            ("south", "2023"),
        ]


class TestFromRecords:
    def test_values(self) -> None:
        """Axes follow first appearance (periods time order); unfilled cells are NaN."""
        panel = from_records(
            [
                {"area": "s", "indicator": "y", "period": "2024-Q2", "value": 2},
                {"area": "n", "indicator": "x", "period": "2024-Q1", "value": 1.5},
            ]
        )
        assert panel == Panel(
            values=[[[NAN, 2.0], [NAN, NAN]], [[NAN, NAN], [1.5, NAN]]],
            areas=["s", "n"],
            indicators=["y", "x"],
            periods=["2024-Q1", "2024-Q2"],
        )

    def test_rate_from_counts(self) -> None:
        """Counts without a value give the rate with the indicator's factor, and are kept."""
        panel = from_records([_record(numerator=45, denominator=90000)], indicators=[CP])
        assert panel.values.tolist() == [[[5.0]]]
        assert panel.numerators is not None
        assert panel.denominators is not None
        assert (panel.numerators.tolist(), panel.denominators.tolist()) == (
            [[[45.0]]],
            [[[90000.0]]],
        )

    def test_indicators_as_a_mapping(self) -> None:
        """Definitions may be given as a mapping of id to Indicator."""
        panel = from_records([_record(numerator=45, denominator=90000)], indicators={"cp": CP})
        assert panel.values.tolist() == [[[5.0]]]

    def test_zero_denominator_is_missing(self) -> None:
        """Counts with a zero denominator give a missing value, and are kept."""
        panel = from_records([_record(numerator=1, denominator=0)], indicators=[CP])
        assert math.isnan(panel.values[0, 0, 0])
        assert panel.has_counts

    def test_value_agreeing_with_counts(self) -> None:
        """A value equal to the rate of its counts is accepted."""
        panel = from_records([_record(value=5, numerator=45, denominator=90000)], indicators=[CP])
        assert panel.values.tolist() == [[[5.0]]]

    def test_value_within_rounding_of_counts_is_kept_as_given(self) -> None:
        """A value that differs from the rate only by rounding (1e-9 relative) is kept."""
        panel = from_records(
            [_record(value=5.00000000001, numerator=45, denominator=90000)], indicators=[CP]
        )
        assert panel.values.tolist() == [[[5.00000000001]]]

    def test_value_disagreeing_with_counts(self) -> None:
        """A value other than the rate of its counts is rejected at its value."""
        problems = _record_rejection(
            _record(value=6, numerator=45, denominator=90000), indicators=[CP]
        )
        assert problems == {"$[0].value": "expected the rate of the counts (5.0); found 6.0"}

    def test_value_with_a_zero_denominator(self) -> None:
        """A value beside a zero denominator disagrees with the missing rate."""
        problems = _record_rejection(_record(value=5, numerator=1, denominator=0), indicators=[CP])
        assert problems == {"$[0].value": "expected the rate of the counts (nan); found 5.0"}

    def test_counts_without_a_definition(self) -> None:
        """Counts with no value need the indicator's definition: an error naming it."""
        problems = _record_rejection(_record(numerator=45, denominator=90000))
        assert problems == {
            "$[0].indicator": "expected a definition of 'cp' giving the factor for a rate from "
            "counts (pass indicators=...); found none"
        }

    def test_counts_and_value_without_a_definition(self) -> None:
        """With a value and no definition, the value is taken and the counts kept unchecked."""
        panel = from_records([_record(value=7, numerator=1, denominator=2)])
        assert panel.values.tolist() == [[[7.0]]]
        assert panel.has_counts

    @pytest.mark.parametrize(
        "counts", [{"numerator": 1}, {"denominator": 2}, {"numerator": 1, "denominator": ""}]
    )
    def test_counts_come_in_pairs(self, counts: dict[str, Any]) -> None:
        """A numerator without a denominator (or the reverse) is rejected at the record."""
        problems = _record_rejection(_record(**counts), indicators=[CP])
        assert problems == {"$[0]": "expected a numerator and a denominator together, or neither"}

    def test_duplicate_records(self) -> None:
        """A second record for the same cell is rejected, naming the first; all are reported."""
        problems = _record_rejection(
            _record(value=1), _record(value=2), _record(area="south", value=1), _record(value=3)
        )
        message = (
            "expected one row per area, indicator and period; north, cp, 2024 is also at row 0"
        )
        assert problems == {"$[1]": message, "$[3]": message}

    def test_duplicate_by_period_not_label_text(self) -> None:
        """A Period value and its label name the same cell."""
        problems = _record_rejection(
            _record(value=1), _record(period=Period.calendar_year(2024), value=2)
        )
        assert list(problems) == ["$[1]"]

    def test_duplicate_after_a_bad_record_names_the_right_rows(self) -> None:
        """Duplicate paths count every record, including bad ones before them."""
        problems = _record_rejection(_record(value="x"), _record(value=1), _record(value=2))
        assert problems["$[2]"].endswith("is also at row 1")

    @pytest.mark.parametrize(
        ("record", "path", "message"),
        [
            (_record(value=1, note="n"), "$[0].note", "found 'note'"),
            (_record(value=1, **{"1": 2}), "$[0].1", "found '1'"),
            (_record(area="bad area", value=1), "$[0].area", "expected an id; found the string "),
            (_record(area="", value=1), "$[0].area", "expected an id; found the string ''"),
            (_record(indicator=3, value=1), "$[0].indicator", "expected an id; found the number 3"),
            ({"area": "a", "period": "2024", "value": 1}, "$[0].indicator", "found nothing"),
            (_record(period="2024-13", value=1), "$[0].period", "found the string '2024-13'"),
            ({"area": "a", "indicator": "x", "value": 1}, "$[0].period", "found nothing (null)"),
            (_record(value="abc"), "$[0].value", "expected a number; found the string 'abc'"),
            (_record(value=True), "$[0].value", "expected a number; found the boolean true"),
            (_record(value=[1]), "$[0].value", "expected a number; found a list of 1 item"),
            (_record(value=math.inf), "$[0].value", "expected a finite number; found inf"),
            (_record(value="-inf"), "$[0].value", "expected a finite number; found -inf"),
            (_record(numerator="x", denominator=1), "$[0].numerator", "found the string 'x'"),
            (["a", "x"], "$[0]", "expected a record (a mapping); found a list of 2 items"),
        ],
    )
    def test_bad_record(self, record: Any, path: str, message: str) -> None:
        """Each bad record is reported at its path, saying what was expected and found."""
        problems = _record_rejection(record)
        assert list(problems) == [path]
        assert message in problems[path]

    def test_numpy_bool_is_not_a_number(self) -> None:
        """A numpy boolean is rejected like a Python one."""
        assert list(_record_rejection(_record(value=np.bool_(True)))) == ["$[0].value"]

    def test_numbers_as_text_and_numpy(self) -> None:
        """Numeric text, numpy numbers and None (missing) are read."""
        panel = from_records(
            [
                _record(value="2.5"),
                _record(period="2025", value=np.int64(3)),
                _record(period="2026", value=None),
            ]
        )
        assert np.array_equal(panel.values, [[[2.5, 3.0, NAN]]], equal_nan=True)

    def test_every_problem_is_collected(self) -> None:
        """Problems in several records are all reported, in record order."""
        problems = _record_rejection(
            _record(value="x"),
            _record(area="b b", period="20"),
            {"area": "a", "indicator": "x", "period": "2024", "value": 1, "extra": 0},
        )
        assert list(problems) == ["$[0].value", "$[1].area", "$[1].period", "$[2].extra"]

    def test_empty(self) -> None:
        """No records make an empty panel."""
        assert from_records([]).shape == (0, 0, 0)

    def test_periods_of_several_types_that_do_not_overlap(self) -> None:
        """Years and quarters may share a table when they do not overlap."""
        panel = from_records([_record(value=1, period="2023"), _record(value=2, period="2024-Q1")])
        assert panel.labels == ("2023", "2024-Q1")

    def test_overlapping_periods_are_rejected(self) -> None:
        """A year and a quarter inside it cannot share the period axis."""
        with pytest.raises(
            ValidationError,
            match=r"\$\[0\].period: expected periods that do not overlap; "
            r"2024 overlaps 2024-Q1 \(row 1\)",
        ):
            from_records([_record(value=1), _record(indicator="rr", period="2024-Q1", value=2)])

    def test_overlapping_periods_are_reported_at_a_record(self) -> None:
        """Overlapping periods are reported at a record's period."""
        with pytest.raises(ValidationError) as caught:
            from_records([_record(value=1), _record(indicator="rr", period="2024-Q1", value=2)])
        assert all(path.endswith(".period") for path in caught.value.paths)

    def test_huge_int(self) -> None:
        """An integer beyond the float range is rejected at its cell."""
        assert list(_record_rejection(_record(value=10**400))) == ["$[0].value"]

    def test_rate_overflow(self) -> None:
        """Counts whose rate is too large for a float are rejected at the record."""
        problems = _record_rejection(_record(numerator=1e308, denominator=1e-5), indicators=[CP])
        assert all(path.startswith("$[0]") for path in problems)

    def test_records_not_a_list(self) -> None:
        """Records that are not a list of records are a ValidationError."""
        with pytest.raises(ValidationError):
            from_records(None)  # type: ignore[arg-type]

    def test_indicators_not_definitions(self) -> None:
        """Indicator ids instead of definitions are a ValidationError."""
        with pytest.raises(ValidationError):
            from_records([], indicators=["cp"])  # type: ignore[list-item]


# -- CSV ------------------------------------------------------------------------------------------


class TestWriteCsv:
    def test_values_only(self) -> None:
        """A panel without counts has four columns; missing values are empty cells."""
        panel = Panel(
            values=[[[0.1, NAN]]], areas=["a"], indicators=["x"], periods=["2024-Q1", "2024-Q2"]
        )
        assert write_csv(panel) == "area,indicator,period,value\na,x,2024-Q1,0.1\na,x,2024-Q2,\n"

    def test_counts(self) -> None:
        """A panel with counts adds numerator and denominator columns."""
        assert write_csv(COUNTS_PANEL) == (
            FULL_HEADER + "north,cp,2023,5.0,45.0,90000.0\n"
            "north,cp,2024,6.0,30.0,50000.0\n"
            "south,cp,2023,7.0,,\n"
            "south,cp,2024,,,\n"
        )

    def test_floats_with_all_their_digits(self) -> None:
        """Floats are written so that reading them gives the same float."""
        values = [1e16, 0.1 + 0.2, -0.0, 5e-324, 1.7976931348623157e308]
        panel = Panel(
            values=[[values]],
            areas=["a"],
            indicators=["x"],
            periods=PeriodType.CALENDAR_YEAR.periods("2020", 5),
        )
        text = write_csv(panel)
        assert text is not None
        assert [float(line.split(",")[3]) for line in text.splitlines()[1:]] == values

    def test_to_a_path(self, tmp_path: pathlib.Path) -> None:
        """Writing to a path returns None, writes the text and leaves no temporary file."""
        target = tmp_path / "panel.csv"
        assert write_csv(COUNTS_PANEL, target) is None
        assert target.read_text(encoding="utf-8") == write_csv(COUNTS_PANEL)
        assert os.listdir(tmp_path) == ["panel.csv"]

    def test_to_a_string_path_replaces_the_old_file(self, tmp_path: pathlib.Path) -> None:
        """Writing to a path given as text replaces what was there."""
        target = tmp_path / "panel.csv"
        target.write_text("old", encoding="utf-8")
        write_csv(COUNTS_PANEL, str(target))
        assert read_csv(target, indicators=[CP]) == COUNTS_PANEL

    def test_failed_write_keeps_the_old_file(
        self, tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A write failing before the rename keeps the old file and leaves no temporary."""
        target = tmp_path / "panel.csv"
        target.write_text("old", encoding="utf-8")

        def fail(_: int) -> None:
            raise OSError("disk full")

        monkeypatch.setattr(os, "fsync", fail)
        with pytest.raises(OSError, match="disk full"):
            write_csv(COUNTS_PANEL, target)
        assert target.read_text(encoding="utf-8") == "old"
        assert os.listdir(tmp_path) == ["panel.csv"]

    def test_missing_folder(self, tmp_path: pathlib.Path) -> None:
        """Writing into a folder that does not exist fails and creates nothing."""
        with pytest.raises(FileNotFoundError):
            write_csv(COUNTS_PANEL, tmp_path / "no" / "panel.csv")
        assert os.listdir(tmp_path) == []


class TestReadCsv:
    def test_rates_from_counts(self) -> None:
        """Rows of counts give rates with the indicator's factor."""
        text = (
            "area,indicator,period,numerator,denominator\nn,cp,2024,45,90000\ns,cp,2024,30,50000\n"
        )
        assert _read(text, indicators=[CP]).values.tolist() == [[[5.0]], [[6.0]]]

    def test_columns_in_any_order(self) -> None:
        """The header may name the columns in any order."""
        panel = _read("value,period,indicator,area\n1.5,2024,x,a\n")
        assert (panel.areas, panel.indicators, panel.labels) == (("a",), ("x",), ("2024",))
        assert panel.values.tolist() == [[[1.5]]]

    def test_mixed_rows(self) -> None:
        """Rows of values and rows of counts may share a table."""
        text = FULL_HEADER + "north,cp,2023,5,45,90000\nnorth,cp,2024,6,,\n"
        panel = _read(text, indicators=[CP])
        assert panel.values.tolist() == [[[5.0, 6.0]]]
        assert panel.numerators is not None
        assert np.array_equal(panel.numerators, [[[45.0, NAN]]], equal_nan=True)

    def test_empty_cell_is_missing(self) -> None:
        """An empty value cell is a missing value."""
        assert math.isnan(_read(HEADER + "a,x,2024,\n").values[0, 0, 0])

    def test_nan_text_is_missing(self) -> None:
        """The text 'nan' (any case) is read as a missing value, like an empty cell."""
        panel = _read(HEADER + "a,x,2024,nan\na,x,2025,NaN\n")
        assert np.isnan(panel.values).all()

    @pytest.mark.parametrize(("cell", "value"), [(" 12 ", 12.0), ("1e3", 1000.0), ('"1.5"', 1.5)])
    def test_number_forms(self, cell: str, value: float) -> None:
        """Spaces around a number, exponents and quoted cells are read."""
        assert _read(HEADER + f"a,x,2024,{cell}\n").values.tolist() == [[[value]]]

    def test_crlf_line_ends(self, tmp_path: pathlib.Path) -> None:
        """A file with Windows line ends is read."""
        path = tmp_path / "crlf.csv"
        path.write_bytes(b"area,indicator,period,value\r\na,x,2024,1\r\n")
        assert read_csv(path).values.tolist() == [[[1.0]]]

    def test_header_only(self) -> None:
        """A header without rows is an empty panel."""
        assert _read(HEADER).shape == (0, 0, 0)

    @pytest.mark.parametrize(
        ("cell", "message"),
        [
            ("abc", "expected a number; found the string 'abc'"),
            ("true", "expected a number; found the string 'true'"),
            ("1,000", "expected a number; found the string '1,000'"),
            ("inf", "expected a finite number; found inf"),
            ("-Infinity", "expected a finite number; found -inf"),
            ("1e400", "expected a finite number; found inf"),
        ],
    )
    def test_bad_numbers(self, cell: str, message: str) -> None:
        """Text, booleans, thousands separators and infinities are not numbers."""
        assert _rejection(HEADER + f'a,x,2024,"{cell}"\n') == {"$[0].value": message}

    def test_bad_period_and_area(self) -> None:
        """A bad period and a bad area are reported at their rows."""
        assert _rejection(HEADER + "a,x,2024,1\nbad area,x,2024-13,1\n") == {
            "$[1].area": "expected an id; found the string 'bad area'",
            "$[1].period": LABEL_FORMATS + "found the string '2024-13'",
        }

    def test_duplicate_rows(self) -> None:
        """A second row for the same cell is rejected, naming the first."""
        assert _rejection(HEADER + "a,x,2024,1\na,x,2024,2\n") == {
            "$[1]": "expected one row per area, indicator and period; a, x, 2024 is also at row 0"
        }

    def test_value_disagreeing_with_counts(self) -> None:
        """A value other than the rate of the counts in its row is rejected."""
        assert _rejection(FULL_HEADER + "a,cp,2024,6,45,90000\n", indicators=[CP]) == {
            "$[0].value": "expected the rate of the counts (5.0); found 6.0"
        }

    def test_counts_without_a_definition(self) -> None:
        """Counts without a value or a definition are rejected at the indicator."""
        problems = _rejection("area,indicator,period,numerator,denominator\na,cp,2024,1,2\n")
        assert list(problems) == ["$[0].indicator"]

    @pytest.mark.parametrize(
        ("header", "missing", "unknown"),
        [
            ("area,indicator,period,value,notes", "none", "'notes'"),
            ("area,period,value", "indicator", "none"),
            ("area,indicator,period", "value (or numerator and denominator)", "none"),
            ("area,indicator,period,numerator", "value (or numerator and denominator)", "none"),
            ("Area,indicator,period,value", "area", "'Area'"),
        ],
    )
    def test_columns(self, header: str, missing: str, unknown: str) -> None:
        """A header lacking a column or naming an unknown one is rejected at $.columns."""
        assert _rejection(header + "\n") == {
            "$.columns": COLUMNS + f"missing {missing}, unknown {unknown}"
        }

    def test_empty_file(self) -> None:
        """An empty file has no columns."""
        assert _rejection("") == {
            "$.columns": COLUMNS + "missing area, indicator, period, value "
            "(or numerator and denominator), unknown none"
        }

    def test_ragged_rows_are_all_reported(self) -> None:
        """Rows with too many or too few cells are reported, each at its row."""
        assert _rejection(HEADER + "a,x,2024,1,9\na,x,2023\na,x,2022,1\n") == {
            "$[0]": "expected 4 cells; found another number",
            "$[1]": "expected 4 cells; found another number",
        }

    def test_every_row_problem_is_collected(self) -> None:
        """Problems in several rows are all reported together."""
        text = FULL_HEADER + "a,cp,2024,x,1,\nb b,cp,20,1,,\n"
        assert list(_rejection(text, indicators=[CP])) == ["$[0].value", "$[1].area", "$[1].period"]

    def test_invalid_utf8_file(self, tmp_path: pathlib.Path) -> None:
        """A file that is not UTF-8 is a ValidationError, not a UnicodeDecodeError."""
        path = tmp_path / "latin1.csv"
        path.write_bytes(HEADER.encode() + b"caf\xe9,x,2024,1\n")
        with pytest.raises(ValidationError) as caught:
            read_csv(path)
        assert caught.value.paths == ("$",)
        assert caught.value.problems[0].message.startswith("expected a CSV table; 'utf-8' codec")

    def test_invalid_utf8_stream(self) -> None:
        """An open stream that fails to decode is a ValidationError too."""
        stream = io.TextIOWrapper(io.BytesIO(HEADER.encode() + b"a,x,2024,\xff\n"), "utf-8")
        with pytest.raises(ValidationError, match="expected a CSV table"):
            read_csv(stream)

    def test_utf8_with_byte_order_mark(self, tmp_path: pathlib.Path) -> None:
        """A UTF-8 file starting with a byte-order mark is read."""
        path = tmp_path / "excel.csv"
        path.write_bytes(b"\xef\xbb\xbf" + HEADER.encode() + b"a,x,2024,1\n")
        assert read_csv(path).values.tolist() == [[[1.0]]]

    def test_oversized_cell(self) -> None:
        """A cell beyond the csv module's limit is a ValidationError at $."""
        with pytest.raises(ValidationError, match="field larger than field limit") as caught:
            _read(HEADER + 'a,x,2024,"' + "1" * 200_000 + '"\n')
        assert caught.value.paths == ("$",)

    def test_year_zero(self) -> None:
        """A period of year 0 is reported at its row."""
        assert list(_rejection(HEADER + "a,x,0000,1\n")) == ["$[0].period"]

    def test_missing_file(self, tmp_path: pathlib.Path) -> None:
        """A file that does not exist is a FileNotFoundError."""
        with pytest.raises(FileNotFoundError):
            read_csv(tmp_path / "none.csv")


# -- pandas ---------------------------------------------------------------------------------------


class TestToPandas:
    def test_tidy_frame(self) -> None:
        """One row per cell, with the columns of the CSV."""
        frame = to_pandas(COUNTS_PANEL)
        assert list(frame.columns) == [
            "area",
            "indicator",
            "period",
            "value",
            "numerator",
            "denominator",
        ]
        assert frame["period"].tolist() == ["2023", "2024", "2023", "2024"]
        assert frame["numerator"].tolist()[:2] == [45.0, 30.0]

    def test_missing_false(self) -> None:
        """missing=False leaves out empty cells."""
        assert len(to_pandas(COUNTS_PANEL, missing=False)) == 3

    def test_empty_panel_keeps_columns(self) -> None:
        """An empty panel gives an empty frame with the columns."""
        empty = Panel(values=np.zeros((0, 0, 0)), areas=[], indicators=[], periods=[])
        assert list(to_pandas(empty).columns) == ["area", "indicator", "period", "value"]

    def test_without_pandas(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without pandas, a MissingDependencyError names the extra."""
        monkeypatch.setitem(sys.modules, "pandas", None)
        with pytest.raises(MissingDependencyError, match=r"lscbqa\[pandas\]"):
            to_pandas(COUNTS_PANEL)


class TestFromPandas:
    def test_frame(self) -> None:
        """A tidy frame makes a panel."""
        frame = pd.DataFrame(
            {
                "area": ["a", "a"],
                "indicator": ["x", "x"],
                "period": ["2024", "2025"],
                "value": [1, 2],
            }
        )
        assert from_pandas(frame).values.tolist() == [[[1.0, 2.0]]]

    def test_pandas_missing_values(self) -> None:
        """pd.NA and NaN are missing values."""
        frame = pd.DataFrame(
            {
                "area": ["a", "a"],
                "indicator": ["x", "x"],
                "period": ["2024", "2025"],
                "value": pd.array([pd.NA, 1.5], dtype="Float64"),
            }
        )
        assert np.array_equal(from_pandas(frame).values, [[[NAN, 1.5]]], equal_nan=True)

    def test_booleans_are_rejected(self) -> None:
        """A boolean column is not numbers."""
        frame = pd.DataFrame(
            {"area": ["a"], "indicator": ["x"], "period": ["2024"], "value": [True]}
        )
        with pytest.raises(ValidationError) as caught:
            from_pandas(frame)
        assert caught.value.paths == ("$[0].value",)

    def test_unknown_column(self) -> None:
        """An unknown column is reported at each row."""
        frame = pd.DataFrame(
            {"area": ["a"], "indicator": ["x"], "period": ["2024"], "value": [1], "note": ["n"]}
        )
        with pytest.raises(ValidationError) as caught:
            from_pandas(frame)
        assert caught.value.paths == ("$[0].note",)

    def test_rates_from_counts(self) -> None:
        """Counts give rates with the definitions passed."""
        frame = pd.DataFrame(
            {
                "area": ["a"],
                "indicator": ["cp"],
                "period": ["2024"],
                "numerator": [45],
                "denominator": [90000],
            }
        )
        assert from_pandas(frame, indicators=[CP]).values.tolist() == [[[5.0]]]

    def test_not_a_frame(self) -> None:
        """Anything but a DataFrame is rejected at $."""
        with pytest.raises(ValidationError) as caught:
            from_pandas([{"area": "a"}])
        assert {p.path: p.message for p in caught.value.problems} == {
            "$": "expected a pandas DataFrame; found a list of 1 item"
        }

    def test_without_pandas(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without pandas, a MissingDependencyError names the extra."""
        monkeypatch.setitem(sys.modules, "pandas", None)
        with pytest.raises(MissingDependencyError, match=r"lscbqa\[pandas\]"):
            from_pandas(object())


# -- round trips ----------------------------------------------------------------------------------


class TestRoundTrips:
    def test_csv_with_counts(self) -> None:
        """A panel with counts and gaps survives CSV text."""
        text = write_csv(COUNTS_PANEL)
        assert text is not None
        assert _read(text, indicators=[CP]) == COUNTS_PANEL

    def test_csv_without_definitions_when_values_are_given(self) -> None:
        """Where every cell with counts has its value, no definitions are needed."""
        text = write_csv(COUNTS_PANEL)
        assert text is not None
        assert _read(text) == COUNTS_PANEL

    @given(table_panels())
    @settings(max_examples=60)
    def test_csv_is_lossless(self, drawn: tuple[Panel, list[Indicator]]) -> None:
        """write_csv then read_csv gives the panel back, NaN, counts and all digits."""
        panel, definitions = drawn
        text = write_csv(panel)
        assert text is not None
        assert _read(text, indicators=definitions) == panel

    @given(table_panels())
    @settings(max_examples=40)
    def test_records_are_lossless(self, drawn: tuple[Panel, list[Indicator]]) -> None:
        """to_records then from_records gives the panel back."""
        panel, definitions = drawn
        assert from_records(to_records(panel), indicators=definitions) == panel

    @given(table_panels())
    @settings(max_examples=40)
    def test_pandas_is_lossless(self, drawn: tuple[Panel, list[Indicator]]) -> None:
        """to_pandas then from_pandas gives the panel back."""
        panel, definitions = drawn
        assert from_pandas(to_pandas(panel), indicators=definitions) == panel

    @given(table_panels())
    @settings(max_examples=20)
    def test_file_is_lossless(self, drawn: tuple[Panel, list[Indicator]]) -> None:
        """A panel written to a file and read from it is the same panel."""
        panel, definitions = drawn
        with tempfile.TemporaryDirectory() as folder:
            path = pathlib.Path(folder) / "panel.csv"
            write_csv(panel, path)
            assert read_csv(path, indicators=definitions) == panel
            assert os.listdir(folder) == ["panel.csv"]

    def test_csv_with_all_counts_missing(self) -> None:
        """A panel whose count arrays are all NaN survives CSV."""
        panel = Panel(
            values=[[[1.0]]],
            areas=["a"],
            indicators=["x"],
            periods=["2024"],
            numerators=[[[NAN]]],
            denominators=[[[NAN]]],
        )
        text = write_csv(panel)
        assert text is not None
        assert _read(text) == panel

    def test_csv_with_other_spans(self) -> None:
        """A panel over spans of no standard type survives CSV."""
        span = Period(start=datetime.date(2024, 1, 5), end=datetime.date(2024, 2, 4))
        panel = Panel(values=[[[1.0]]], areas=["a"], indicators=["x"], periods=[span])
        text = write_csv(panel)
        assert text is not None
        assert _read(text) == panel

    def test_records_missing_false_drops_empty_axes(self) -> None:
        """Without missing cells, an all-missing area is not in the records: it is lost."""
        panel = Panel(
            values=[[[1.0]], [[NAN]]], areas=["a", "b"], indicators=["x"], periods=["2024"]
        )
        assert from_records(to_records(panel, missing=False)).areas == ("a",)
