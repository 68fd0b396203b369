"""Blank returns for agencies and auditors to fill in, in the layout the readers expect.

Examples
--------
>>> import pathlib, tempfile
>>> from lscbqa.io.template import write_template
>>> from lscbqa.model import _example
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_template(folder / "return.csv", _example())
>>> print((folder / "return.csv").read_text(encoding="utf-8").splitlines()[1])
,c1,Criterion one,,,,,,,,,
"""

from __future__ import annotations

import csv
import io
import os
import pathlib
import tempfile
from collections.abc import Sequence
from typing import Any, Literal

from lscbqa import _util
from lscbqa.io._tables import column_letter, openpyxl_module
from lscbqa.io.layout import CASE_AUDIT_COLUMNS, SECTION11_COLUMNS
from lscbqa.model import Framework
from lscbqa.scales import RatingScale

__all__ = ["TemplateKind", "write_template"]

TemplateKind = Literal["section11", "case_audit"]
"""The kinds of template: a Section 11 return or a case-audit grading sheet."""

_LEVEL_SHEET = "Levels"
_FORMULA_START = ("=", "+", "-", "@")
_SHEET_FORBIDDEN = set("[]:*?/\\")


def write_template(
    path: str | os.PathLike[str],
    framework: Framework,
    kind: TemplateKind = "section11",
    *,
    agencies: Sequence[str] = (),
    cases: Sequence[str] = (),
    auditors: Sequence[str] = (),
) -> None:
    """Write a blank return (``.xlsx`` or ``.csv``, by the file's suffix) to fill in.

    The file holds one row per criterion (leaf criteria only) with its id and title
    and empty level, comment and evidence cells, in the columns of
    :data:`~lscbqa.io.layout.SECTION11_COLUMNS` or
    :data:`~lscbqa.io.layout.CASE_AUDIT_COLUMNS`. The file is written whole or not
    at all (a temporary file, then a rename).

    Parameters
    ----------
    path : str or path
        Where to write; the suffix ``.xlsx`` or ``.csv`` chooses the format.
    framework : Framework
        The framework whose criteria the rows list.
    kind : {"section11", "case_audit"}, default "section11"
        A Section 11 return or a case-audit grading sheet.
    agencies : sequence of str, optional
        Section 11: in a workbook, one sheet per agency, named by its id (the
        sheet's name then stands for the agency); in a CSV file, the rows repeated
        per agency with the ``agency`` cell filled. Without agencies there is one
        sheet with an empty ``agency`` column.
    cases, auditors : sequence of str, optional
        Case audits: the rows repeated for every case and auditor, those cells filled.

    Raises
    ------
    ValidationError
        If the suffix is neither ``.xlsx`` nor ``.csv``, ``kind`` is unknown, or an
        agency id cannot name a sheet (over 31 characters, or holding brackets,
        colons, asterisks, question marks or slashes).
    MissingDependencyError
        For ``.xlsx``, if openpyxl (the ``excel`` extra) is not installed.

    Notes
    -----
    The workbook also has a ``Levels`` sheet listing each scale's codes and
    labels; the readers never read it. Level cells get a drop-down list of the
    codes (a warning, not a refusal, if something else is typed: labels and
    mapped words are read too).

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from lscbqa.io import read_section11
    >>> from lscbqa.model import _example
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "s11.xlsx"
    >>> write_template(path, _example(), agencies=["police"])
    >>> read_section11(path, _example(), partial=True)[0].ratings
    ()
    """
    if kind not in ("section11", "case_audit"):
        _util.fail("$.kind", f"expected 'section11' or 'case_audit'; found {_util.found(kind)}")
    suffix = pathlib.Path(path).suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        _util.fail(
            "$.path", f"expected a file name ending .xlsx or .csv; found {os.fspath(path)!r}"
        )
    tables = _tables(framework, kind, agencies, cases, auditors)
    if suffix == ".csv":
        _util.write_text_atomic(
            path, _csv(tables, per_agency=kind == "section11" and bool(agencies))
        )
    else:
        _check_sheet_names([name for name, _, _ in tables])
        _write_workbook(path, tables, framework)


# A table: its sheet name, its header, and its rows.
_Table = tuple[str, tuple[str, ...], list[list[str]]]


def _tables(
    framework: Framework,
    kind: TemplateKind,
    agencies: Sequence[str],
    cases: Sequence[str],
    auditors: Sequence[str],
) -> list[_Table]:
    criteria = [(c.id, c.title) for c in framework.criteria(leaves_only=True)]
    if kind == "case_audit":
        columns = CASE_AUDIT_COLUMNS
        pairs = [(case, auditor) for case in cases for auditor in auditors] or [("", "")]
        rows = [
            _row(columns, case=case, auditor=auditor, criterion=cid, criterion_title=title)
            for case, auditor in pairs
            for cid, title in criteria
        ]
        return [("Case audit", columns, rows)]
    if agencies:
        columns = tuple(c for c in SECTION11_COLUMNS if c != "agency")
        return [
            (agency, columns, [_row(columns, criterion=c, criterion_title=t) for c, t in criteria])
            for agency in agencies
        ]
    rows = [
        _row(SECTION11_COLUMNS, criterion=cid, criterion_title=title) for cid, title in criteria
    ]
    return [("Section 11", SECTION11_COLUMNS, rows)]


def _row(columns: tuple[str, ...], **filled: str) -> list[str]:
    return [filled.get(column, "") for column in columns]


def _csv(tables: list[_Table], *, per_agency: bool) -> str:
    """One long table: a sheet per agency becomes its rows with the agency filled in."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    header = SECTION11_COLUMNS if per_agency else tables[0][1]
    writer.writerow(header)
    for name, columns, rows in tables:
        for cells in rows:
            values = dict(zip(columns, cells, strict=True))
            if per_agency:
                values["agency"] = name
            writer.writerow([_safe(column, values.get(column, "")) for column in header])
    return buffer.getvalue()


def _safe(column: str, value: str) -> str:
    """A title a spreadsheet could take for a formula is written with a quote before it."""
    if column == "criterion_title" and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _check_sheet_names(names: list[str]) -> None:
    problems = [
        index
        for index, name in enumerate(names)
        if len(name) > 31 or _SHEET_FORBIDDEN & set(name) or name.casefold() == "levels"
    ]
    if problems:
        index = problems[0]
        _util.fail(
            f"$.agencies[{index}]",
            "expected an agency id that can name a sheet (at most 31 characters, none of "
            f"[]:*?/\\, not 'Levels'); found {_util.found(names[index])}",
        )


def _scales(framework: Framework) -> list[RatingScale]:
    scales: dict[str, RatingScale] = {}
    for criterion in framework.criteria(leaves_only=True):
        scale = framework.scale_for(criterion.id)
        scales.setdefault(scale.id, scale)
    return list(scales.values())


def _write_workbook(
    path: str | os.PathLike[str], tables: list[_Table], framework: Framework
) -> None:
    openpyxl = openpyxl_module()
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    scales = _scales(framework)
    scale_of = {c.id: framework.scale_for(c.id) for c in framework.criteria(leaves_only=True)}
    for name, columns, rows in tables:
        sheet = workbook.create_sheet(title=name)
        for column, header in enumerate(columns, start=1):
            cell = sheet.cell(row=1, column=column, value=header)
            cell.font = bold
            sheet.column_dimensions[column_letter(column)].width = max(12, len(header) + 2)
        for number, cells in enumerate(rows, start=2):
            for column, value in enumerate(cells, start=1):
                if value:
                    cell = sheet.cell(row=number, column=column, value=value)
                    cell.data_type = "s"  # a title starting '=' stays text, not a formula
        sheet.freeze_panes = "A2"
        _level_lists(sheet, columns, rows, scale_of, DataValidation)
    levels = workbook.create_sheet(title=_LEVEL_SHEET)
    levels.append(["scale", "code", "label", "value", "descriptor"])
    for cell in levels[1]:
        cell.font = bold
    for scale in scales:
        for level in scale.levels:
            levels.append([scale.id, level.code, level.label, level.value, level.descriptor or ""])
        levels.append([scale.id, "N/A", "Not applicable", "", "Give the reason."])
    _save_atomic(workbook, path)


def _level_lists(
    sheet: Any,
    columns: tuple[str, ...],
    rows: list[list[str]],
    scale_of: dict[str, RatingScale],
    validation: Any,
) -> None:
    """A drop-down of the level codes on each level cell (a warning if something else is typed)."""
    level_columns = [
        column_letter(index)
        for index, name in enumerate(columns, start=1)
        if name in ("self_level", "moderated_level", "grade")
    ]
    criterion = columns.index("criterion")
    by_scale: dict[str, tuple[RatingScale, list[int]]] = {}
    for number, cells in enumerate(rows, start=2):
        scale = scale_of[cells[criterion]]
        by_scale.setdefault(scale.id, (scale, []))[1].append(number)
    for scale, numbers in by_scale.values():
        choices = ",".join([*scale.codes, "N/A"])
        if len(choices) > 250:  # Excel's limit on an inline list
            continue
        rule = validation(
            type="list", formula1=f'"{choices}"', allow_blank=True, errorStyle="warning"
        )
        sheet.add_data_validation(rule)
        for letter in level_columns:
            for number in numbers:
                rule.add(f"{letter}{number}")


def _save_atomic(workbook: Any, path: str | os.PathLike[str]) -> None:
    """Save a workbook as ``_util.write_text_atomic`` writes text: temp file, sync, rename."""
    target = pathlib.Path(path)
    mode = _util.mode_for(target)
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    os.close(handle)
    try:
        workbook.save(temporary)
        os.chmod(temporary, mode)
        with open(temporary, "rb") as stream:
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        pathlib.Path(temporary).unlink(missing_ok=True)
        raise
