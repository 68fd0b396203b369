"""Tests for lscbqa.io: Section 11 returns and case audits from .xlsx and CSV, and templates.

Workbooks are built in ``tmp_path`` with openpyxl. The framework ``s11`` has one domain
on the 0-3 score scale with two criteria, ``s.1`` (Leadership) and ``s.2`` (Voice of the
child), and ``s.3`` (Training) on MET3 (not met, partially met, fully met). The case-audit
framework ``audit`` has ``a.1`` and ``a.2`` on Ofsted's four grades.
"""

from __future__ import annotations

import csv
import datetime
import io
import pathlib
import sys
from typing import Any

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lscbqa.assessment import Assessment, Role
from lscbqa.evidence import EvidenceKind, Sensitivity
from lscbqa.exceptions import MissingDependencyError, ValidationError
from lscbqa.io import (
    CASE_AUDIT_COLUMNS,
    SECTION11_COLUMNS,
    ColumnMapping,
    read_case_audit,
    read_section11,
    write_template,
)
from lscbqa.io.layout import normalise_header
from lscbqa.model import Criterion, Domain, Framework
from lscbqa.periods import Period
from lscbqa.scales import MET3, OFSTED4, SCORE_0_3
from lscbqa.serialize import FORMATS, Format, dumps, loads


def _s11() -> Framework:
    return Framework(
        id="s11",
        version="1",
        title="Section 11",
        scale=SCORE_0_3,
        domains=[
            Domain(
                id="d",
                title="Duties",
                children=[
                    Criterion(id="s.1", title="Leadership"),
                    Criterion(id="s.2", title="Voice of the child"),
                    Criterion(id="s.3", title="Training", scale=MET3),
                ],
            )
        ],
    )


def _audit() -> Framework:
    return Framework(
        id="audit",
        version="1",
        title="Case audit",
        scale=OFSTED4,
        domains=[
            Domain(
                id="practice",
                title="Practice",
                children=[
                    Criterion(id="a.1", title="Assessment"),
                    Criterion(id="a.2", title="Planning"),
                ],
            )
        ],
    )


S11 = _s11()
AUDIT = _audit()
HEADER = ["agency", "criterion", "self_level", "moderated_level"]


def _workbook(path: pathlib.Path, sheets: dict[str, list[list[Any]]]) -> pathlib.Path:
    """Write one sheet per entry, rows from row 1."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def _csv(path: pathlib.Path, rows: list[list[Any]]) -> pathlib.Path:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def _problems(error: pytest.ExceptionInfo[ValidationError]) -> dict[str, str]:
    return {problem.path: problem.message for problem in error.value.problems}


def _levels(assessment: Assessment) -> list[tuple[str, str, str]]:
    return [(r.criterion_id, r.role.value, r.level) for r in assessment.ratings]


class TestNormaliseHeader:
    def test_trims_folds_and_collapses_spaces(self) -> None:
        """Spaces at the ends go, case folds, runs of white space become one space."""
        assert normalise_header("  Self\u00a0\n Level ") == "self level"

    @settings(max_examples=60)
    @given(st.text(max_size=20))
    def test_is_idempotent(self, text: str) -> None:
        """Normalising twice gives what normalising once gives."""
        assert normalise_header(normalise_header(text)) == normalise_header(text)


class TestColumnMapping:
    def test_maps_their_header_to_our_column(self) -> None:
        """A mapped header is read as the column it maps to, matched loosely."""
        mapping = ColumnMapping(columns={"Agency RAG": "self_level"})
        assert mapping.field_for("  agency   rag") == "self_level"

    def test_reads_our_column_names_with_spaces_and_capitals(self) -> None:
        """An unmapped header that names one of our columns is read as it."""
        assert ColumnMapping().field_for("Moderated Level") == "moderated_level"

    def test_unknown_header_is_none(self) -> None:
        """A header that is neither mapped nor ours maps to nothing."""
        assert ColumnMapping().field_for("Notes") is None

    def test_rejects_a_target_that_is_not_a_column(self) -> None:
        """Mapping a header to a field lscbqa does not read is an error at that key."""
        with pytest.raises(ValidationError) as error:
            ColumnMapping(columns={"RAG": "rag"})
        assert error.value.paths == ("$.columns.RAG",)

    def test_rejects_two_headers_for_one_column(self) -> None:
        """Two headers read into one column is an error naming the second."""
        with pytest.raises(ValidationError) as error:
            ColumnMapping(columns={"Grade": "self_level", "Score": "self_level"})
        assert error.value.paths == ("$.columns.Score",)

    def test_rejects_keys_equal_once_normalised(self) -> None:
        """Level words that differ only in case are an error."""
        with pytest.raises(ValidationError) as error:
            ColumnMapping(levels={"Green": "fully_met", "GREEN": "partially_met"})
        assert error.value.paths == ("$.levels.GREEN",)

    def test_rejects_a_mapped_value_that_is_not_an_id(self) -> None:
        """An agency name must map to an id."""
        with pytest.raises(ValidationError) as error:
            ColumnMapping(subjects={"Health Trust": "health trust"})
        assert error.value.paths == ("$.subjects['Health Trust']",)

    def test_rejects_a_header_both_read_and_ignored(self) -> None:
        """A header cannot be mapped and ignored at once."""
        with pytest.raises(ValidationError) as error:
            ColumnMapping(columns={"Notes": "self_comment"}, ignore=["notes"])
        assert error.value.paths == ("$.columns.Notes",)

    def test_rejects_header_row_zero(self) -> None:
        """Rows count from 1."""
        with pytest.raises(ValidationError) as error:
            ColumnMapping(header_row=0)
        assert error.value.paths == ("$.header_row",)

    def test_rejects_a_blank_separator(self) -> None:
        """An evidence separator of spaces would split every title."""
        with pytest.raises(ValidationError) as error:
            ColumnMapping(evidence_separator=" ")
        assert error.value.paths == ("$.evidence_separator",)

    def test_equal_mappings_are_equal_and_hash_alike(self) -> None:
        """Two mappings built from the same data are equal values."""
        a = ColumnMapping(levels={"Green": "fully_met"}, ignore=["Notes"])
        b = ColumnMapping(levels={"Green": "fully_met"}, ignore=("Notes",))
        assert a == b
        assert hash(a) == hash(b)

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_is_a_document_in_every_format(self, fmt: Format) -> None:
        """A mapping survives dumps and loads as a 'column-mapping' document."""
        mapping = ColumnMapping(
            columns={"Org name": "agency", "RAG": "self_level"},
            levels={"Green": "3", "N/A": "not_applicable"},
            subjects={"Northshire Police": "police"},
            ignore=["Notes"],
            header_row=3,
            evidence_separator="|",
        )
        text = dumps(mapping, format=fmt)
        assert "lscbqa/column-mapping/1" in text
        assert loads(text, ColumnMapping, format=fmt) == mapping

    def test_a_document_with_an_unknown_column_is_refused(self) -> None:
        """Loading a mapping checks it like building one."""
        text = '{"schema": "lscbqa/column-mapping/1", "columns": {"RAG": "rag"}}'
        with pytest.raises(ValidationError) as error:
            loads(text, ColumnMapping)
        assert error.value.paths == ("$.columns.RAG",)

    def test_looks_up_levels_subjects_and_criteria_loosely(self) -> None:
        """Level words, agency names and criterion labels match after normalising."""
        mapping = ColumnMapping(
            levels={"Green": "fully_met"},
            subjects={"Northshire Police": "police"},
            criteria={"Standard 1": "s.1"},
        )
        assert (
            mapping.level_for(" green"),
            mapping.subject_for("NORTHSHIRE  police"),
            mapping.criterion_for("standard 1"),
        ) == ("fully_met", "police", "s.1")


class TestReadSection11:
    def test_reads_self_and_moderated_ratings_per_agency(self, tmp_path: pathlib.Path) -> None:
        """Each row gives a self and a moderated rating; agencies become assessments."""
        path = _workbook(
            tmp_path / "s11.xlsx",
            {
                "Return": [
                    HEADER,
                    ["police", "s.1", 3, 2],
                    ["health", "s.1", 1, None],
                    ["police", "s.2", 2, 2],
                ]
            },
        )
        police, health = read_section11(path, S11)
        assert (police.subject, police.id, police.framework_id) == ("police", "police", "s11")
        assert _levels(police) == [
            ("s.1", "self", "3"),
            ("s.1", "moderated", "2"),
            ("s.2", "self", "2"),
            ("s.2", "moderated", "2"),
        ]
        assert _levels(health) == [("s.1", "self", "1")]

    def test_reads_comments_dates_and_moderator(self, tmp_path: pathlib.Path) -> None:
        """Comments, dates and the moderator land on the rating of their role."""
        path = _workbook(
            tmp_path / "s11.xlsx",
            {
                "Police": [
                    [
                        "criterion",
                        "self_level",
                        "self_comment",
                        "self_date",
                        "moderated_level",
                        "moderated_comment",
                        "moderated_date",
                        "moderator",
                    ],
                    [
                        "s.1",
                        3,
                        "Strong lead",
                        datetime.date(2024, 5, 1),
                        2,
                        "Not yet tested",
                        "2024-06-12",
                        "Board chair",
                    ],
                ]
            },
        )
        (police,) = read_section11(path, S11)
        own, moderated = police.ratings
        assert (own.comment, own.date, own.rater) == (
            "Strong lead",
            datetime.date(2024, 5, 1),
            None,
        )
        assert (moderated.comment, moderated.date, moderated.rater) == (
            "Not yet tested",
            datetime.date(2024, 6, 12),
            "Board chair",
        )

    def test_a_sheet_without_agency_column_is_that_agency(self, tmp_path: pathlib.Path) -> None:
        """With one sheet per agency, the sheet's name is the agency."""
        path = _workbook(
            tmp_path / "s11.xlsx",
            {
                "police": [["criterion", "self_level"], ["s.1", 3]],
                "health": [["criterion", "self_level"], ["s.1", 1]],
            },
        )
        assert [a.subject for a in read_section11(path, S11)] == ["police", "health"]

    def test_csv_reads_as_the_workbook_does(self, tmp_path: pathlib.Path) -> None:
        """The same table as CSV and as a workbook gives equal assessments."""
        rows: list[list[Any]] = [HEADER, ["police", "s.1", "3", "2"], ["police", "s.3", "N/A", ""]]
        rows[0] = [*HEADER, "not_applicable_reason"]
        rows[1].append("")
        rows[2].append("No training staff")
        from_csv = read_section11(_csv(tmp_path / "s11.csv", rows), S11)
        from_xlsx = read_section11(
            _workbook(tmp_path / "s11.xlsx", {"Return": [[v or None for v in r] for r in rows]}),
            S11,
        )
        assert from_csv == from_xlsx

    def test_reads_from_a_binary_stream(self) -> None:
        """A file object opened in binary mode can be read."""
        (police,) = read_section11(io.BytesIO(b"agency,criterion,self_level\npolice,s.1,2\n"), S11)
        assert _levels(police) == [("s.1", "self", "2")]

    @pytest.mark.parametrize("cell", [3, 3.0, "3", " 3 ", "3.0"])
    def test_numbers_and_numbers_as_text_read_as_the_code(
        self, tmp_path: pathlib.Path, cell: object
    ) -> None:
        """3, 3.0, the text '3' (with spaces) and '3.0' all read as level '3'."""
        path = _workbook(
            tmp_path / "s.xlsx", {"police": [["criterion", "self_level"], ["s.1", cell]]}
        )
        assert _levels(read_section11(path, S11)[0]) == [("s.1", "self", "3")]

    def test_labels_read_in_any_case(self, tmp_path: pathlib.Path) -> None:
        """A level's label, in any case, reads as its code."""
        path = _workbook(
            tmp_path / "s.xlsx", {"police": [["criterion", "self_level"], ["s.3", "PARTIALLY met"]]}
        )
        assert _levels(read_section11(path, S11)[0]) == [("s.3", "self", "partially_met")]

    def test_criterion_titles_read_as_their_ids(self, tmp_path: pathlib.Path) -> None:
        """A criterion's title stands for its id."""
        path = _workbook(
            tmp_path / "s.xlsx",
            {"police": [["criterion", "self_level"], ["voice of the child", 1]]},
        )
        assert _levels(read_section11(path, S11)[0]) == [("s.2", "self", "1")]

    def test_unknown_level_names_sheet_cell_and_column(self, tmp_path: pathlib.Path) -> None:
        """A level off the scale is a problem at the cell, in words and as a path."""
        path = _workbook(
            tmp_path / "s11.xlsx", {"Police": [["criterion", "self_level"], ["s.1", "Green"]]}
        )
        with pytest.raises(ValidationError) as error:
            read_section11(path, S11)
        message = _problems(error)["$.Police[2].self_level"]
        assert f"in {path}, sheet 'Police', cell B2 (column 'self_level')" in message
        assert "scale 'score_0_3'" in message
        assert "'Green'" in message

    def test_csv_problems_name_the_row_and_column(self, tmp_path: pathlib.Path) -> None:
        """A CSV problem's path has no sheet; its message names file, cell and column."""
        path = _csv(tmp_path / "s11.csv", [HEADER, ["police", "s.1", "9", ""]])
        with pytest.raises(ValidationError) as error:
            read_section11(path, S11)
        assert _problems(error)["$[2].self_level"].startswith(
            f"in {path}, cell C2 (column 'self_level'): expected a level"
        )

    def test_unknown_criterion_is_a_problem(self, tmp_path: pathlib.Path) -> None:
        """A criterion the framework lacks is a problem at its cell."""
        path = _workbook(tmp_path / "s.xlsx", {"police": [["criterion", "self_level"], ["s.9", 1]]})
        with pytest.raises(ValidationError) as error:
            read_section11(path, S11)
        assert "found the string 's.9'" in _problems(error)["$.police[2].criterion"]

    def test_a_domain_is_not_a_criterion(self, tmp_path: pathlib.Path) -> None:
        """Rating a domain is a problem that says it is a domain."""
        path = _workbook(tmp_path / "s.xlsx", {"police": [["criterion", "self_level"], ["d", 1]]})
        with pytest.raises(ValidationError) as error:
            read_section11(path, S11)
        assert "(that is a domain)" in _problems(error)["$.police[2].criterion"]

    def test_a_criterion_twice_for_one_agency_is_a_problem(self, tmp_path: pathlib.Path) -> None:
        """The second row rating a criterion for the same agency names the first."""
        path = _workbook(
            tmp_path / "s.xlsx",
            {"police": [["criterion", "self_level"], ["s.1", 1], ["s.2", 1], ["s.1", 2]]},
        )
        with pytest.raises(ValidationError) as error:
            read_section11(path, S11)
        assert "also rated in row 2" in _problems(error)["$.police[4].criterion"]

    def test_a_criterion_twice_across_sheets_names_the_sheet(self, tmp_path: pathlib.Path) -> None:
        """A repeat on another sheet names that sheet and row."""
        path = _workbook(
            tmp_path / "s.xlsx",
            {
                "police": [["criterion", "self_level"], ["s.1", 1]],
                "more": [HEADER[:3], ["police", "s.1", 2]],
            },
        )
        with pytest.raises(ValidationError) as error:
            read_section11(path, S11)
        assert "also rated in sheet 'police', row 2" in _problems(error)["$.more[2].criterion"]

    def test_the_same_criterion_for_two_agencies_is_fine(self, tmp_path: pathlib.Path) -> None:
        """Different agencies may rate the same criterion."""
        path = _csv(tmp_path / "s.csv", [HEADER[:3], ["police", "s.1", 1], ["health", "s.1", 2]])
        assert len(read_section11(path, S11)) == 2

    def test_missing_required_column_is_one_problem_for_the_sheet(
        self, tmp_path: pathlib.Path
    ) -> None:
        """A sheet without a criterion column is one problem at the sheet, rows unread."""
        path = _workbook(tmp_path / "s.xlsx", {"police": [["self_level"], [1], ["x"]]})
        with pytest.raises(ValidationError) as error:
            read_section11(path, S11)
        assert list(_problems(error)) == ["$.police"]
        assert "expected the column(s) criterion in header row 1" in _problems(error)["$.police"]

    def test_a_sheet_without_any_level_column_is_a_problem(self, tmp_path: pathlib.Path) -> None:
        """A return needs self_level or moderated_level."""
        path = _workbook(tmp_path / "s.xlsx", {"police": [["criterion"], ["s.1"]]})
        with pytest.raises(ValidationError) as error:
            read_section11(path, S11)
        assert "self_level or moderated_level" in _problems(error)["$.police"]

    def test_csv_needs_an_agency_column(self, tmp_path: pathlib.Path) -> None:
        """A CSV file has no sheet name to stand for the agency."""
        path = _csv(tmp_path / "s.csv", [["criterion", "self_level"], ["s.1", "1"]])
        with pytest.raises(ValidationError) as error:
            read_section11(path, S11)
        assert "expected the column(s) agency" in _problems(error)["$"]

    def test_unknown_header_is_a_problem(self, tmp_path: pathlib.Path) -> None:
        """A column lscbqa does not read is reported, not skipped."""
        path = _workbook(
            tmp_path / "s.xlsx", {"police": [["criterion", "self_level", "Notes"], ["s.1", 1, "x"]]}
        )
        with pytest.raises(ValidationError) as error:
            read_section11(path, S11)
        assert "found the header 'Notes'" in _problems(error)["$.police[1]"]

    def test_an_ignored_header_is_not_read(self, tmp_path: pathlib.Path) -> None:
        """A header the mapping ignores is left unread on purpose."""
        path = _workbook(
            tmp_path / "s.xlsx", {"police": [["criterion", "self_level", "Notes"], ["s.1", 1, "x"]]}
        )
        (police,) = read_section11(path, S11, mapping=ColumnMapping(ignore=["notes"]))
        assert _levels(police) == [("s.1", "self", "1")]

    def test_a_case_audit_column_is_a_problem_in_a_return(self, tmp_path: pathlib.Path) -> None:
        """A column of the other kind of sheet is reported as such."""
        path = _workbook(
            tmp_path / "s.xlsx", {"police": [["criterion", "self_level", "grade"], ["s.1", 1, 2]]}
        )
        with pytest.raises(ValidationError) as error:
            read_section11(path, S11)
        assert "belongs to another kind of sheet" in _problems(error)["$.police[1]"]

    def test_an_empty_header_above_data_is_a_problem(self, tmp_path: pathlib.Path) -> None:
        """A column with data but no header is reported."""
        path = _workbook(
            tmp_path / "s.xlsx", {"police": [["criterion", "self_level", None], ["s.1", 1, "x"]]}
        )
        with pytest.raises(ValidationError) as error:
            read_section11(path, S11)
        assert "cell C1" in _problems(error)["$.police[1]"]

    def test_an_empty_column_needs_no_header(self, tmp_path: pathlib.Path) -> None:
        """A column with neither header nor data is nothing to read."""
        path = _workbook(
            tmp_path / "s.xlsx",
            {"police": [["criterion", None, "self_level"], ["s.1", None, 1]]},
        )
        assert _levels(read_section11(path, S11)[0]) == [("s.1", "self", "1")]

    def test_merged_header_cells_are_a_problem(self, tmp_path: pathlib.Path) -> None:
        """Header cells merged across columns are reported with their range."""
        path = tmp_path / "s.xlsx"
        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = "police"
        for row in [["criterion", "self_level", None], ["s.1", 1, 2]]:
            sheet.append(row)
        sheet.merge_cells("B1:C1")
        book.save(path)
        with pytest.raises(ValidationError) as error:
            read_section11(path, S11)
        assert "merged cells B1:C1" in _problems(error)["$.police[1]"]

    def test_a_merged_data_cell_counts_for_every_row_it_covers(
        self, tmp_path: pathlib.Path
    ) -> None:
        """An agency cell merged down three rows is the agency of all three."""
        path = tmp_path / "s.xlsx"
        book = openpyxl.Workbook()
        sheet = book.active
        for row in [HEADER[:3], ["police", "s.1", 1], [None, "s.2", 2], [None, "s.3", "not met"]]:
            sheet.append(row)
        sheet.merge_cells("A2:A4")
        book.save(path)
        (police,) = read_section11(path, S11)
        assert [r.criterion_id for r in police.ratings] == ["s.1", "s.2", "s.3"]

    def test_a_formula_without_a_saved_value_is_a_problem(self, tmp_path: pathlib.Path) -> None:
        """A formula cell never calculated by a spreadsheet is reported as a formula."""
        path = _workbook(
            tmp_path / "s.xlsx", {"police": [["criterion", "self_level"], ["s.1", "=1+2"]]}
        )
        with pytest.raises(ValidationError) as error:
            read_section11(path, S11)
        assert "a formula with no saved value" in _problems(error)["$.police[2].self_level"]

    def test_a_spreadsheet_error_is_a_problem(self, tmp_path: pathlib.Path) -> None:
        """A cell holding #N/A (a failed formula) is not read as N/A."""
        path = _csv(tmp_path / "s.csv", [HEADER[:3], ["police", "s.1", "#N/A"]])
        with pytest.raises(ValidationError) as error:
            read_section11(path, S11)
        assert "spreadsheet error '#N/A'" in _problems(error)["$[2].self_level"]

    def test_a_date_in_a_level_cell_is_a_problem(self, tmp_path: pathlib.Path) -> None:
        """A level Excel turned into a date is reported with a hint."""
        path = _workbook(
            tmp_path / "s.xlsx",
            {"police": [["criterion", "self_level"], ["s.1", datetime.datetime(2024, 3, 4)]]},
        )
        with pytest.raises(ValidationError) as error:
            read_section11(path, S11)
        assert "the date 2024-03-04 (Excel may" in _problems(error)["$.police[2].self_level"]

    def test_true_false_in_a_level_cell_is_a_problem(self, tmp_path: pathlib.Path) -> None:
        """A true/false cell is not a level."""
        path = _workbook(
            tmp_path / "s.xlsx", {"police": [["criterion", "self_level"], ["s.1", True]]}
        )
        with pytest.raises(ValidationError) as error:
            read_section11(path, S11)
        assert "TRUE" in _problems(error)["$.police[2].self_level"]

    def test_a_bad_date_is_a_problem(self, tmp_path: pathlib.Path) -> None:
        """A date column holding text that is no date is reported."""
        path = _csv(
            tmp_path / "s.csv", [[*HEADER[:3], "self_date"], ["police", "s.1", "1", "May 2024"]]
        )
        with pytest.raises(ValidationError) as error:
            read_section11(path, S11)
        assert "expected a date" in _problems(error)["$[2].self_date"]

    def test_blank_rows_are_skipped(self, tmp_path: pathlib.Path) -> None:
        """A row with every cell empty separates data and is not read."""
        path = _workbook(
            tmp_path / "s.xlsx",
            {"police": [["criterion", "self_level"], ["s.1", 1], [None, None], ["s.2", 2]]},
        )
        assert len(read_section11(path, S11)[0].ratings) == 2

    def test_an_unrated_row_is_a_problem(self, tmp_path: pathlib.Path) -> None:
        """A criterion row with no level is reported unless partial=True."""
        path = _workbook(
            tmp_path / "s.xlsx",
            {"police": [["criterion", "self_level"], ["s.1", 1], ["s.2", None]]},
        )
        with pytest.raises(ValidationError) as error:
            read_section11(path, S11)
        assert "partial=True" in _problems(error)["$.police[3].self_level"]

    def test_partial_leaves_an_unrated_row_unrated(self, tmp_path: pathlib.Path) -> None:
        """With partial=True a criterion row with no level gives no rating."""
        path = _workbook(
            tmp_path / "s.xlsx",
            {"police": [["criterion", "self_level"], ["s.1", 1], ["s.2", None]]},
        )
        (police,) = read_section11(path, S11, partial=True)
        assert _levels(police) == [("s.1", "self", "1")]

    def test_partial_still_reports_a_comment_without_a_level(self, tmp_path: pathlib.Path) -> None:
        """A self comment with no self level is a problem even for a partial return."""
        path = _workbook(
            tmp_path / "s.xlsx",
            {"police": [["criterion", "self_level", "self_comment"], ["s.1", None, "Draft"]]},
        )
        with pytest.raises(ValidationError) as error:
            read_section11(path, S11, partial=True)
        assert "$.police[2].self_comment" in _problems(error)

    def test_not_applicable_with_a_reason(self, tmp_path: pathlib.Path) -> None:
        """N/A with a reason gives a not-applicable rating carrying the reason."""
        path = _csv(
            tmp_path / "s.csv",
            [[*HEADER[:3], "not_applicable_reason"], ["police", "s.3", "n/a", "No trainers"]],
        )
        (rating,) = read_section11(path, S11)[0].ratings
        assert (rating.is_not_applicable, rating.reason) == (True, "No trainers")

    def test_not_applicable_needs_a_reason(self, tmp_path: pathlib.Path) -> None:
        """N/A without a reason is a problem at the level cell."""
        path = _csv(tmp_path / "s.csv", [HEADER[:3], ["police", "s.3", "N/A"]])
        with pytest.raises(ValidationError) as error:
            read_section11(path, S11)
        assert "N/A needs a reason" in _problems(error)["$[2].self_level"]

    def test_a_reason_needs_not_applicable(self, tmp_path: pathlib.Path) -> None:
        """A reason beside a real level is a problem at the reason."""
        path = _csv(
            tmp_path / "s.csv",
            [[*HEADER[:3], "not_applicable_reason"], ["police", "s.1", "2", "Why"]],
        )
        with pytest.raises(ValidationError) as error:
            read_section11(path, S11)
        assert "$[2].not_applicable_reason" in _problems(error)

    def test_every_problem_is_collected(self, tmp_path: pathlib.Path) -> None:
        """Problems on several rows and sheets come back together."""
        path = _workbook(
            tmp_path / "s.xlsx",
            {
                "police": [["criterion", "self_level"], ["s.9", 1], ["s.1", "x"]],
                "health": [["self_level"], [1]],
            },
        )
        with pytest.raises(ValidationError) as error:
            read_section11(path, S11)
        assert sorted(_problems(error)) == [
            "$.health",
            "$.police[2].criterion",
            "$.police[3].self_level",
        ]

    def test_a_council_layout_through_a_mapping(self, tmp_path: pathlib.Path) -> None:
        """Their headers, title rows, level words, agency names and labels are mapped."""
        path = _workbook(
            tmp_path / "council.xlsx",
            {
                "Returns 2024": [
                    ["Northshire Section 11 returns"],
                    [],
                    ["Organisation", "Standard", "RAG", "Board view", "Chair notes"],
                    ["Northshire Police", "Standard 1", "Green", 3, "—"],
                    ["Northshire Police", "Standard 3", "Amber", None, None],
                ]
            },
        )
        mapping = ColumnMapping(
            columns={
                "Organisation": "agency",
                "Standard": "criterion",
                "RAG": "self_level",
                "Board view": "moderated_level",
            },
            levels={"Green": "3", "Amber": "partially_met"},
            subjects={"Northshire Police": "police"},
            criteria={"Standard 1": "s.1", "Standard 3": "s.3"},
            ignore=["Chair notes"],
            header_row=3,
        )
        (police,) = read_section11(path, S11, mapping=mapping)
        assert police.subject == "police"
        assert _levels(police) == [
            ("s.1", "self", "3"),
            ("s.1", "moderated", "3"),
            ("s.3", "self", "partially_met"),
        ]

    def test_a_mapped_level_off_the_scale_is_a_problem(self, tmp_path: pathlib.Path) -> None:
        """A level word mapped to a code the criterion's scale lacks is reported."""
        path = _csv(tmp_path / "s.csv", [HEADER[:3], ["police", "s.1", "Green"]])
        mapping = ColumnMapping(levels={"Green": "fully_met"})
        with pytest.raises(ValidationError) as error:
            read_section11(path, S11, mapping=mapping)
        assert "turns into 'fully_met'" in _problems(error)["$[2].self_level"]

    def test_an_agency_name_that_is_no_id_is_a_problem(self, tmp_path: pathlib.Path) -> None:
        """An agency name with spaces needs a subjects mapping."""
        path = _csv(tmp_path / "s.csv", [HEADER[:3], ["Health Trust", "s.1", "1"]])
        with pytest.raises(ValidationError) as error:
            read_section11(path, S11)
        assert "subjects" in _problems(error)["$[2].agency"]

    def test_cycle_sets_period_and_id(self, tmp_path: pathlib.Path) -> None:
        """A cycle label becomes each assessment's period and part of its id."""
        path = _csv(tmp_path / "s.csv", [HEADER[:3], ["police", "s.1", "1"]])
        (police,) = read_section11(path, S11, cycle="FY2024-25")
        assert (police.id, police.period) == ("police:FY2024-25", Period.financial_year(2024))

    def test_an_unknown_cycle_label_is_a_problem(self) -> None:
        """A cycle label that is no period is a validation error."""
        with pytest.raises(ValidationError):
            read_section11(io.BytesIO(b"agency,criterion,self_level\n"), S11, cycle="last year")

    def test_evidence_becomes_items_cited_by_both_roles(self, tmp_path: pathlib.Path) -> None:
        """Evidence texts become evidence items; self and moderated ratings cite them."""
        path = _csv(
            tmp_path / "s.csv",
            [
                [*HEADER, "evidence"],
                ["police", "s.1", "3", "2", "policy: Safer recruitment; Minutes May 2024;"],
                ["police", "s.2", "1", "", "minutes may 2024"],
            ],
        )
        (police,) = read_section11(path, S11)
        assert [(e.id, e.title, e.kind, e.criterion_ids) for e in police.evidence] == [
            ("safer-recruitment", "Safer recruitment", EvidenceKind.POLICY, ("s.1",)),
            ("minutes-may-2024", "Minutes May 2024", EvidenceKind.DOCUMENT, ("s.1", "s.2")),
        ]
        assert [r.evidence_ids for r in police.ratings] == [
            ("safer-recruitment", "minutes-may-2024"),
            ("safer-recruitment", "minutes-may-2024"),
            ("minutes-may-2024",),
        ]

    def test_evidence_ids_stay_unique(self, tmp_path: pathlib.Path) -> None:
        """Two titles with the same slug get distinct ids."""
        path = _csv(
            tmp_path / "s.csv",
            [[*HEADER[:3], "evidence"], ["police", "s.1", "3", "Audit (2024); Audit 2024"]],
        )
        (police,) = read_section11(path, S11)
        assert [e.id for e in police.evidence] == ["audit-2024", "audit-2024-2"]

    def test_a_custom_evidence_separator(self, tmp_path: pathlib.Path) -> None:
        """The mapping's separator splits the evidence cell."""
        path = _csv(
            tmp_path / "s.csv", [[*HEADER[:3], "evidence"], ["police", "s.1", "3", "ev1 | ev2"]]
        )
        (police,) = read_section11(path, S11, mapping=ColumnMapping(evidence_separator="|"))
        assert police.ratings[0].evidence_ids == ("ev1", "ev2")

    def test_read_assessments_pass_the_framework_check(self, tmp_path: pathlib.Path) -> None:
        """What the reader returns has no error findings against the framework."""
        path = _csv(
            tmp_path / "s.csv",
            [
                HEADER,
                ["police", "s.1", "3", "2"],
                ["police", "s.2", "1", "1"],
                ["police", "s.3", "fully met", ""],
            ],
        )
        (police,) = read_section11(path, S11)
        assert [f for f in police.check(S11) if f.is_error] == []

    def test_sheet_chooses_one_sheet(self, tmp_path: pathlib.Path) -> None:
        """sheet= reads that sheet only."""
        path = _workbook(
            tmp_path / "s.xlsx",
            {"police": [["criterion", "self_level"], ["s.1", 1]], "junk": [["x"], ["y"]]},
        )
        assert [a.subject for a in read_section11(path, S11, sheet="police")] == ["police"]

    def test_an_unknown_sheet_is_a_problem(self, tmp_path: pathlib.Path) -> None:
        """sheet= naming no sheet lists the sheets there are."""
        path = _workbook(tmp_path / "s.xlsx", {"police": [["criterion", "self_level"]]})
        with pytest.raises(ValidationError, match="expected one of the sheets 'police'"):
            read_section11(path, S11, sheet="Police")

    def test_levels_and_empty_sheets_are_not_read(self, tmp_path: pathlib.Path) -> None:
        """The Levels sheet and empty sheets hold no ratings and are passed over."""
        path = _workbook(
            tmp_path / "s.xlsx",
            {
                "police": [["criterion", "self_level"], ["s.1", 1]],
                "Levels": [["scale", "code"], ["score_0_3", "0"]],
                "Sheet2": [],
            },
        )
        assert [a.subject for a in read_section11(path, S11)] == ["police"]

    def test_a_header_row_below_the_data_is_a_problem(self, tmp_path: pathlib.Path) -> None:
        """A header row beyond the sheet's rows is reported."""
        path = _workbook(tmp_path / "s.xlsx", {"police": [["criterion", "self_level"]]})
        with pytest.raises(ValidationError, match="expected the headers in row 5"):
            read_section11(path, S11, mapping=ColumnMapping(header_row=5))

    def test_a_file_over_the_size_limit_is_refused(self, tmp_path: pathlib.Path) -> None:
        """A file larger than max_bytes is not read."""
        path = _csv(tmp_path / "s.csv", [HEADER[:3], ["police", "s.1", "1"]])
        with pytest.raises(ValidationError, match="at most 10 bytes"):
            read_section11(path, S11, max_bytes=10)

    def test_an_old_xls_file_is_refused(self, tmp_path: pathlib.Path) -> None:
        """A binary .xls workbook is refused with advice to save as .xlsx."""
        path = tmp_path / "s.xls"
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
        with pytest.raises(ValidationError, match=r"old binary \.xls"):
            read_section11(path, S11)

    def test_a_broken_workbook_is_a_problem(self, tmp_path: pathlib.Path) -> None:
        """A zip file that is no workbook is reported, not a crash."""
        path = tmp_path / "s.xlsx"
        path.write_bytes(b"PK\x03\x04" + bytes(50))
        with pytest.raises(ValidationError, match=r"not readable as an \.xlsx workbook"):
            read_section11(path, S11)

    def test_a_csv_not_in_utf8_is_a_problem(self, tmp_path: pathlib.Path) -> None:
        """A CSV saved in a Windows code page is reported with its line."""
        path = tmp_path / "s.csv"
        path.write_bytes("agency,criterion,self_level\npolice,s.1,\u2019\n".encode("cp1252"))
        with pytest.raises(ValidationError, match="found the byte 0x92 on line 2"):
            read_section11(path, S11)

    def test_a_csv_with_a_byte_order_mark_reads(self) -> None:
        """Excel's 'CSV UTF-8' starts with a byte-order mark; it is not part of the header."""
        source = io.BytesIO("agency,criterion,self_level\r\npolice,s.1,1\r\n".encode("utf-8-sig"))
        assert _levels(read_section11(source, S11)[0]) == [("s.1", "self", "1")]

    def test_a_text_stream_is_a_problem(self) -> None:
        """A file opened in text mode is refused with advice."""
        with pytest.raises(ValidationError, match="binary mode"):
            read_section11(io.StringIO("agency,criterion\n"), S11)  # type: ignore[arg-type]

    def test_without_openpyxl_a_workbook_needs_the_extra(
        self, tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Reading a workbook without openpyxl names the 'excel' extra."""
        path = _workbook(tmp_path / "s.xlsx", {"police": [["criterion", "self_level"]]})
        monkeypatch.setitem(sys.modules, "openpyxl", None)
        with pytest.raises(MissingDependencyError, match=r"lscbqa\[excel\]"):
            read_section11(path, S11)

    def test_without_openpyxl_csv_still_reads(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """CSV needs no optional package."""
        monkeypatch.setitem(sys.modules, "openpyxl", None)
        source = io.BytesIO(b"agency,criterion,self_level\npolice,s.1,1\n")
        assert len(read_section11(source, S11)) == 1


AUDIT_HEADER = ["case", "auditor", "criterion", "grade"]


class TestReadCaseAudit:
    def test_one_assessment_per_case_and_auditor(self, tmp_path: pathlib.Path) -> None:
        """Grades group by case and auditor; the auditor is each rating's rater."""
        path = _workbook(
            tmp_path / "audit.xlsx",
            {
                "Audit": [
                    AUDIT_HEADER,
                    ["C1", "Health visitor", "a.1", "Good"],
                    ["C1", "Police", "a.1", "inadequate"],
                    ["C1", "Health visitor", "a.2", "Outstanding"],
                ]
            },
        )
        health, police = read_case_audit(path, AUDIT)
        assert (health.id, health.subject) == ("C1:health-visitor", "C1")
        assert [(r.criterion_id, r.level, r.rater, r.role) for r in health.ratings] == [
            ("a.1", "good", "Health visitor", Role.PEER),
            ("a.2", "outstanding", "Health visitor", Role.PEER),
        ]
        assert police.ratings[0].level == "inadequate"

    def test_role_column_and_default_role(self, tmp_path: pathlib.Path) -> None:
        """A row's role overrides the role argument, which applies elsewhere."""
        path = _csv(
            tmp_path / "a.csv",
            [
                [*AUDIT_HEADER, "role"],
                ["C1", "Police", "a.1", "good", ""],
                ["C1", "Police", "a.1", "good", "Moderated"],
            ],
        )
        (audit,) = read_case_audit(path, AUDIT, role="self")
        assert [r.role for r in audit.ratings] == [Role.SELF, Role.MODERATED]

    def test_an_unknown_role_argument_is_a_problem(self) -> None:
        """role= must name a role."""
        with pytest.raises(ValidationError) as error:
            read_case_audit(io.BytesIO(b"case,auditor,criterion,grade\n"), AUDIT, role="chair")
        assert error.value.paths == ("$.role",)

    def test_an_unknown_role_is_a_problem(self, tmp_path: pathlib.Path) -> None:
        """A role that is none of self, moderated, peer, inspector is reported."""
        path = _csv(
            tmp_path / "a.csv", [[*AUDIT_HEADER, "role"], ["C1", "Police", "a.1", "good", "chair"]]
        )
        with pytest.raises(ValidationError) as error:
            read_case_audit(path, AUDIT)
        assert "$[2].role" in _problems(error)

    @pytest.mark.parametrize(
        ("cell", "expected"), [("yes", True), ("X", True), ("", False), ("No", False)]
    )
    def test_immediate_concern_reads_yes_and_no(
        self, tmp_path: pathlib.Path, cell: str, expected: bool
    ) -> None:
        """yes, x, an empty cell and no read as the flag they mean."""
        path = _csv(
            tmp_path / "a.csv",
            [[*AUDIT_HEADER, "immediate_concern"], ["C1", "Police", "a.1", "good", cell]],
        )
        assert read_case_audit(path, AUDIT)[0].ratings[0].immediate_concern is expected

    def test_immediate_concern_from_a_true_false_cell(self, tmp_path: pathlib.Path) -> None:
        """A TRUE cell in a workbook flags an immediate concern."""
        path = _workbook(
            tmp_path / "a.xlsx",
            {"A": [[*AUDIT_HEADER, "immediate_concern"], ["C1", "Police", "a.1", "good", True]]},
        )
        assert read_case_audit(path, AUDIT)[0].ratings[0].immediate_concern is True

    def test_an_unreadable_concern_flag_is_a_problem(self, tmp_path: pathlib.Path) -> None:
        """A concern cell that is neither yes nor no is reported."""
        path = _csv(
            tmp_path / "a.csv",
            [[*AUDIT_HEADER, "immediate_concern"], ["C1", "Police", "a.1", "good", "maybe"]],
        )
        with pytest.raises(ValidationError) as error:
            read_case_audit(path, AUDIT)
        assert "expected yes or no" in _problems(error)["$[2].immediate_concern"]

    def test_a_concern_without_a_grade_is_never_dropped(self, tmp_path: pathlib.Path) -> None:
        """An immediate concern on an ungraded row is a problem, even when partial."""
        path = _csv(
            tmp_path / "a.csv",
            [[*AUDIT_HEADER, "immediate_concern"], ["C1", "Police", "a.1", "", "yes"]],
        )
        with pytest.raises(ValidationError) as error:
            read_case_audit(path, AUDIT, partial=True)
        assert "immediate concern" in _problems(error)["$[2].grade"]

    def test_a_missing_grade_is_a_problem(self, tmp_path: pathlib.Path) -> None:
        """An ungraded row is reported unless partial=True."""
        path = _csv(tmp_path / "a.csv", [AUDIT_HEADER, ["C1", "Police", "a.1", ""]])
        with pytest.raises(ValidationError) as error:
            read_case_audit(path, AUDIT)
        assert "$[2].grade" in _problems(error)
        assert read_case_audit(path, AUDIT, partial=True)[0].ratings == ()

    def test_a_missing_auditor_is_a_problem(self, tmp_path: pathlib.Path) -> None:
        """Every grade needs its auditor."""
        path = _csv(tmp_path / "a.csv", [AUDIT_HEADER, ["C1", "", "a.1", "good"]])
        with pytest.raises(ValidationError) as error:
            read_case_audit(path, AUDIT)
        assert "expected the auditor; found an empty cell" in _problems(error)["$[2].auditor"]

    def test_a_criterion_graded_twice_is_a_problem(self, tmp_path: pathlib.Path) -> None:
        """One auditor grading one case's criterion twice in one role is reported."""
        path = _csv(
            tmp_path / "a.csv",
            [AUDIT_HEADER, ["C1", "Police", "a.1", "good"], ["C1", "police", "a.1", "good"]],
        )
        with pytest.raises(ValidationError) as error:
            read_case_audit(path, AUDIT)
        assert "also graded in row 2" in _problems(error)["$[3].criterion"]

    def test_case_evidence_is_personal(self, tmp_path: pathlib.Path) -> None:
        """Records named in a case audit are case-audit evidence, marked personal."""
        path = _csv(
            tmp_path / "a.csv",
            [[*AUDIT_HEADER, "evidence"], ["C1", "Police", "a.1", "good", "Strategy minutes"]],
        )
        (item,) = read_case_audit(path, AUDIT)[0].evidence
        assert (item.kind, item.sensitivity) == (EvidenceKind.CASE_AUDIT, Sensitivity.PERSONAL)

    def test_auditor_ids_stay_unique_within_a_case(self, tmp_path: pathlib.Path) -> None:
        """Auditors whose names make the same id part get distinct assessment ids."""
        path = _csv(
            tmp_path / "a.csv",
            [AUDIT_HEADER, ["C1", "J Smith", "a.1", "good"], ["C1", "J-Smith", "a.1", "good"]],
        )
        assert [a.id for a in read_case_audit(path, AUDIT)] == ["C1:j-smith", "C1:j-smith-2"]

    def test_a_sheet_per_case(self, tmp_path: pathlib.Path) -> None:
        """Without a case column, each sheet's name is its case."""
        path = _workbook(
            tmp_path / "a.xlsx",
            {
                "C1": [AUDIT_HEADER[1:], ["Police", "a.1", "good"]],
                "C2": [AUDIT_HEADER[1:], ["Police", "a.1", "inadequate"]],
            },
        )
        assert [a.subject for a in read_case_audit(path, AUDIT)] == ["C1", "C2"]

    def test_a_missing_grade_column_is_a_problem(self, tmp_path: pathlib.Path) -> None:
        """A sheet without the grade column is reported once."""
        path = _csv(tmp_path / "a.csv", [AUDIT_HEADER[:3], ["C1", "Police", "a.1"]])
        with pytest.raises(ValidationError, match="expected the column"):
            read_case_audit(path, AUDIT)

    def test_a_section11_column_is_a_problem_in_an_audit(self, tmp_path: pathlib.Path) -> None:
        """self_level has no place in a case audit."""
        path = _csv(
            tmp_path / "a.csv", [[*AUDIT_HEADER, "self_level"], ["C1", "P", "a.1", "good", "good"]]
        )
        with pytest.raises(ValidationError, match="belongs to another kind of sheet"):
            read_case_audit(path, AUDIT)


class TestWriteTemplate:
    def test_csv_has_one_row_per_leaf_criterion(self, tmp_path: pathlib.Path) -> None:
        """The CSV template lists every leaf criterion under our column names."""
        path = tmp_path / "t.csv"
        write_template(path, S11)
        rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
        assert rows[0] == list(SECTION11_COLUMNS)
        assert [row[1] for row in rows[1:]] == ["s.1", "s.2", "s.3"]

    def test_csv_repeats_rows_per_agency(self, tmp_path: pathlib.Path) -> None:
        """With agencies, the CSV holds each agency's rows with the agency filled."""
        path = tmp_path / "t.csv"
        write_template(path, S11, agencies=["police", "health"])
        rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
        assert [(row[0], row[1]) for row in rows[1:]] == [
            ("police", "s.1"),
            ("police", "s.2"),
            ("police", "s.3"),
            ("health", "s.1"),
            ("health", "s.2"),
            ("health", "s.3"),
        ]

    def test_filled_workbook_reads_back(self, tmp_path: pathlib.Path) -> None:
        """A workbook template filled in reads as the agencies' assessments."""
        path = tmp_path / "t.xlsx"
        write_template(path, S11, agencies=["police", "health"])
        book = openpyxl.load_workbook(path)
        for name in ("police", "health"):
            sheet = book[name]
            header = [cell.value for cell in sheet[1]]
            level = header.index("self_level") + 1
            for row in range(2, 5):
                sheet.cell(row=row, column=level, value="2" if row < 4 else "fully met")
        book.save(path)
        police, health = read_section11(path, S11)
        assert [a.subject for a in (police, health)] == ["police", "health"]
        assert _levels(police) == [
            ("s.1", "self", "2"),
            ("s.2", "self", "2"),
            ("s.3", "self", "fully_met"),
        ]

    def test_workbook_lists_the_levels(self, tmp_path: pathlib.Path) -> None:
        """The Levels sheet lists every scale's codes and N/A."""
        path = tmp_path / "t.xlsx"
        write_template(path, S11)
        sheet = openpyxl.load_workbook(path)["Levels"]
        codes = [(row[0], row[1]) for row in sheet.iter_rows(min_row=2, values_only=True)]
        assert ("score_0_3", "3") in codes
        assert ("met3", "fully_met") in codes
        assert ("met3", "N/A") in codes

    def test_level_cells_offer_the_codes(self, tmp_path: pathlib.Path) -> None:
        """Level cells carry a drop-down of their scale's codes and N/A."""
        path = tmp_path / "t.xlsx"
        write_template(path, S11, agencies=["police"])
        rules = openpyxl.load_workbook(path)["police"].data_validations.dataValidation
        assert sorted(rule.formula1 for rule in rules) == [
            '"0,1,2,3,N/A"',
            '"not_met,partially_met,fully_met,N/A"',
        ]

    def test_case_audit_rows_for_every_case_and_auditor(self, tmp_path: pathlib.Path) -> None:
        """A case-audit template repeats the criteria per case and auditor."""
        path = tmp_path / "a.csv"
        write_template(path, AUDIT, "case_audit", cases=["C1"], auditors=["Police", "Health"])
        rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
        assert rows[0] == list(CASE_AUDIT_COLUMNS)
        assert [tuple(row[:3]) for row in rows[1:]] == [
            ("C1", "Police", "a.1"),
            ("C1", "Police", "a.2"),
            ("C1", "Health", "a.1"),
            ("C1", "Health", "a.2"),
        ]

    def test_a_title_like_a_formula_stays_text(self, tmp_path: pathlib.Path) -> None:
        """A criterion title starting '=' is text in the workbook and quoted in CSV."""
        framework = Framework(
            id="f",
            version="1",
            title="F",
            domains=[Domain(id="d", title="D", children=[Criterion(id="c", title="=1+1")])],
        )
        write_template(tmp_path / "t.xlsx", framework)
        write_template(tmp_path / "t.csv", framework)
        cell = openpyxl.load_workbook(tmp_path / "t.xlsx")["Section 11"]["C2"]
        assert (cell.value, cell.data_type) == ("=1+1", "s")
        assert "'=1+1" in (tmp_path / "t.csv").read_text(encoding="utf-8")

    def test_an_unknown_suffix_is_refused(self, tmp_path: pathlib.Path) -> None:
        """Only .xlsx and .csv can be written."""
        with pytest.raises(ValidationError, match=r"ending \.xlsx or \.csv"):
            write_template(tmp_path / "t.ods", S11)

    def test_an_unknown_kind_is_refused(self, tmp_path: pathlib.Path) -> None:
        """kind is 'section11' or 'case_audit'."""
        with pytest.raises(ValidationError) as error:
            write_template(tmp_path / "t.csv", S11, "sait")  # type: ignore[arg-type]
        assert error.value.paths == ("$.kind",)

    def test_an_agency_that_cannot_name_a_sheet_is_refused(self, tmp_path: pathlib.Path) -> None:
        """An agency id with a slash cannot be a sheet name."""
        with pytest.raises(ValidationError) as error:
            write_template(tmp_path / "t.xlsx", S11, agencies=["police", "nhs/trust"])
        assert error.value.paths == ("$.agencies[1]",)

    def test_leaves_no_temporary_file(self, tmp_path: pathlib.Path) -> None:
        """Writing leaves only the file asked for."""
        write_template(tmp_path / "t.xlsx", S11)
        write_template(tmp_path / "t.csv", S11)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["t.csv", "t.xlsx"]
