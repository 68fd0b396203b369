"""Files into plain tables of cell values: an Excel workbook's sheets, or a CSV file.

Each :class:`Sheet` keeps where it came from so that every problem can name the
file, sheet, row and column, in words and as a path.
"""

from __future__ import annotations

import csv
import datetime
import io
import os
import pathlib
import warnings
import zipfile
from collections.abc import Callable
from typing import IO, Any

import attrs

from lscbqa import _util
from lscbqa.exceptions import Problem, ValidationError

Source = str | os.PathLike[str] | IO[bytes]

MAX_BYTES = 20_000_000
"""The largest file read by default (20 MB); returns are far smaller."""

MAX_UNZIPPED_BYTES = 200_000_000
"""The most an .xlsx may expand to when unzipped (a guard against zip bombs)."""

MAX_ROWS = 100_000
"""The most rows a sheet may use; more suggests formatting applied to whole columns."""

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_CELL_ERRORS = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"}
)


def column_letter(column: int) -> str:
    """The spreadsheet letters of a 1-based column number: 1 is A, 27 is AA."""
    letters = ""
    while column > 0:
        column, remainder = divmod(column - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


@attrs.frozen(kw_only=True, eq=False)
class Sheet:
    """The cell values of one sheet (or CSV file), row 1 first, and where they came from."""

    file: str
    name: str | None
    rows: tuple[tuple[Any, ...], ...]
    merged: tuple[tuple[int, int, int, int], ...] = ()  # (min_row, min_col, max_row, max_col)
    formula_at: Callable[[int, int], bool] = lambda row, column: False

    def value(self, row: int, column: int) -> Any:
        """The value at a 1-based row and column; None beyond the used range."""
        if row > len(self.rows):
            return None
        cells = self.rows[row - 1]
        return cells[column - 1] if column <= len(cells) else None

    def where(self, row: int, column: int | None = None, header: str | None = None) -> str:
        """The place in words: file, sheet, cell and the column's header."""
        parts = [self.file]
        if self.name is not None:
            parts.append(f"sheet {self.name!r}")
        if column is None:
            parts.append(f"row {row}")
        else:
            cell = f"cell {column_letter(column)}{row}"
            parts.append(cell if header is None else f"{cell} (column {header!r})")
        return ", ".join(parts)

    def path(self, row: int | None = None, field: str | None = None) -> str:
        """The place as a path: ``$['Sheet'][row].field`` (row numbers as the sheet shows)."""
        parts: list[str | int] = [] if self.name is None else [self.name]
        if row is not None:
            parts.append(row)
        if field is not None:
            parts.append(field)
        return _util.join_path("$", *parts)

    def problem(
        self,
        message: str,
        row: int | None = None,
        column: int | None = None,
        *,
        field: str | None = None,
        header: str | None = None,
    ) -> Problem:
        """A problem at a place, its message opening with the place in words."""
        if row is None:
            where = self.file if self.name is None else f"{self.file}, sheet {self.name!r}"
        else:
            where = self.where(row, column, header)
        return Problem(self.path(row, field), f"in {where}: {message}")


def file_name(source: Source) -> str:
    """How messages name a source: the path as given, or a stream's name."""
    if isinstance(source, str | os.PathLike):
        return os.fspath(source)
    name = getattr(source, "name", None)
    return name if isinstance(name, str) else "<stream>"


def read_bytes(source: Source, *, max_bytes: int) -> bytes:
    """The whole file, refusing one larger than ``max_bytes``."""
    name = file_name(source)
    if isinstance(source, str | os.PathLike):
        size = pathlib.Path(source).stat().st_size
        if size > max_bytes:
            _too_large(name, max_bytes, f"{size:,} bytes")
        data = pathlib.Path(source).read_bytes()
    else:
        data = source.read(max_bytes + 1)
        if not isinstance(data, bytes):
            _util.fail("$", f"in {name}: expected a file opened in binary mode ('rb'); found text")
    if len(data) > max_bytes:
        _too_large(name, max_bytes, "more")
    return data


def _too_large(name: str, max_bytes: int, size: str) -> None:
    _util.fail(
        "$",
        f"in {name}: expected a file of at most {max_bytes:,} bytes (pass max_bytes= to "
        f"read larger ones); found {size}",
    )


def read_sheets(source: Source, *, max_bytes: int = MAX_BYTES) -> tuple[Sheet, ...]:
    """Every sheet of a workbook, or the one table of a CSV file, told apart by content.

    Raises
    ------
    ValidationError
        If the file is too large, an old binary ``.xls``, not a readable workbook,
        or a CSV file that is not UTF-8.
    MissingDependencyError
        For a workbook, if openpyxl is not installed.
    """
    name = file_name(source)
    data = read_bytes(source, max_bytes=max_bytes)
    if data.startswith(_ZIP_MAGIC):
        return _workbook_sheets(name, data)
    if data.startswith(_OLE_MAGIC):
        _util.fail(
            "$",
            f"in {name}: expected an .xlsx workbook or a CSV file; found an old binary .xls "
            "workbook (in Excel, save it as .xlsx)",
        )
    return (_csv_sheet(name, data),)


def _csv_sheet(name: str, data: bytes) -> Sheet:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        _util.fail(
            "$",
            f"in {name}: expected UTF-8 text (in Excel: Save As 'CSV UTF-8'); found the byte "
            f"0x{data[error.start]:02X} on line {line}",
        )
    rows = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        for cells in reader:
            rows.append(tuple(cell if cell.strip() else None for cell in cells))
            if len(rows) > MAX_ROWS:
                _util.fail("$", f"in {name}: expected at most {MAX_ROWS:,} rows; found more")
    except csv.Error as error:
        _util.fail("$", f"in {name}, line {reader.line_num}: not readable as CSV ({error})")
    return Sheet(file=name, name=None, rows=tuple(rows))


def openpyxl_module() -> Any:
    return _util.import_optional("openpyxl", "excel")


def _load(openpyxl: Any, name: str, data: bytes, *, data_only: bool) -> Any:
    try:
        with warnings.catch_warnings():
            # openpyxl warns about workbook features it drops (extensions, data validation
            # it cannot keep); they do not change a cell's value.
            warnings.filterwarnings("ignore", category=UserWarning, module="openpyxl")
            return openpyxl.load_workbook(
                io.BytesIO(data), data_only=data_only, keep_vba=False, keep_links=False
            )
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, EOFError) as error:
        _util.fail("$", f"in {name}: not readable as an .xlsx workbook ({error})")
    except Exception as error:  # openpyxl's own InvalidFileException and parse errors
        _util.fail("$", f"in {name}: not readable as an .xlsx workbook ({error})")


def _check_unzipped_size(name: str, data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            size = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as error:
        _util.fail("$", f"in {name}: not readable as an .xlsx workbook ({error})")
    if size > MAX_UNZIPPED_BYTES:
        _util.fail(
            "$",
            f"in {name}: expected a workbook that unpacks to at most {MAX_UNZIPPED_BYTES:,} "
            f"bytes; found {size:,}",
        )


def _workbook_sheets(name: str, data: bytes) -> tuple[Sheet, ...]:
    openpyxl = openpyxl_module()
    _check_unzipped_size(name, data)
    # data_only: a formula cell gives the value Excel saved with it; nothing is calculated.
    workbook = _load(openpyxl, name, data, data_only=True)
    formulas: list[Any] = []

    def formula_workbook() -> Any:
        if not formulas:
            formulas.append(_load(openpyxl, name, data, data_only=False))
        return formulas[0]

    sheets = []
    problems = []
    for worksheet in workbook.worksheets:
        title = str(worksheet.title)
        if worksheet.max_row > MAX_ROWS:
            problems.append(
                Problem(
                    _util.join_path("$", title),
                    f"in {name}, sheet {title!r}: expected at most {MAX_ROWS:,} used rows; "
                    f"found {worksheet.max_row:,} (clear formatting below the data)",
                )
            )
            continue
        rows = [list(cells) for cells in worksheet.iter_rows(values_only=True)]
        merged = tuple(
            (r.min_row, r.min_col, r.max_row, r.max_col) for r in worksheet.merged_cells.ranges
        )
        _fill_merged(rows, merged)
        sheets.append(
            Sheet(
                file=name,
                name=title,
                rows=tuple(tuple(_plain(value) for value in cells) for cells in rows),
                merged=merged,
                formula_at=_formula_lookup(formula_workbook, title),
            )
        )
    if problems:
        raise ValidationError(problems)
    return tuple(sheets)


def _fill_merged(rows: list[list[Any]], merged: tuple[tuple[int, int, int, int], ...]) -> None:
    """A merged cell's value stands in every cell it covers, as the reader sees it."""
    for min_row, min_col, max_row, max_col in merged:
        if min_row > len(rows) or min_col > len(rows[min_row - 1]):
            continue
        value = rows[min_row - 1][min_col - 1]
        for row in range(min_row, min(max_row, len(rows)) + 1):
            cells = rows[row - 1]
            for column in range(min_col, min(max_col, len(cells)) + 1):
                cells[column - 1] = value


def _plain(value: Any) -> Any:
    """A cell value as a plain Python value; blank text is no value."""
    if isinstance(value, str) and not value.strip():
        return None
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date()
    return value


def _formula_lookup(load: Callable[[], Any], title: str) -> Callable[[int, int], bool]:
    def formula_at(row: int, column: int) -> bool:
        worksheet = load()[title]
        if row > worksheet.max_row or column > worksheet.max_column:
            return False
        return bool(worksheet.cell(row=row, column=column).data_type == "f")

    return formula_at


def is_cell_error(value: Any) -> bool:
    """Whether a value is a spreadsheet error such as ``#N/A`` or ``#REF!``."""
    return isinstance(value, str) and value.strip() in _CELL_ERRORS
