r"""Section 11 returns and case-audit grades from Excel workbooks and CSV files.

Both readers take a file laid out as in ``docs/import.md`` — or a council's own
layout described by a :class:`~lscbqa.io.layout.ColumnMapping` — and a framework
to check criterion ids and levels against, and return
:class:`~lscbqa.assessment.Assessment` values. Every problem in the file is
collected into one :class:`~lscbqa.exceptions.ValidationError`; each names the
file, sheet, cell and column in words, and its path is
``$['<sheet>'][<row>].<column>`` with the row number the spreadsheet shows.

Examples
--------
>>> import io
>>> from lscbqa.io import read_section11
>>> from lscbqa.model import _example
>>> return_ = io.BytesIO(b"agency,criterion,self_level\npolice,c1,Good\npolice,c2.a,N/A\n")
>>> read_section11(return_, _example())
Traceback (most recent call last):
...
lscbqa.exceptions.ValidationError: 1 problem:
  $[3].self_level: in <stream>, cell C3 (column 'self_level'): N/A needs a reason ...
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

import attrs

from lscbqa import _util
from lscbqa.assessment import Assessment, Rating, Role
from lscbqa.evidence import Evidence, EvidenceKind, Sensitivity
from lscbqa.exceptions import Problem, ValidationError
from lscbqa.io import _cells
from lscbqa.io._tables import MAX_BYTES, Sheet, Source, column_letter, file_name, read_sheets
from lscbqa.io.layout import CASE_AUDIT_COLUMNS, SECTION11_COLUMNS, ColumnMapping
from lscbqa.io.layout import normalise_header as _fold
from lscbqa.model import Framework
from lscbqa.periods import Period
from lscbqa.scales import NOT_APPLICABLE

__all__ = ["RESERVED_SHEETS", "read_case_audit", "read_section11"]

RESERVED_SHEETS = frozenset({"levels", "guide"})
"""Sheet names (compared case-insensitively) that hold guidance, never ratings."""


@attrs.frozen(kw_only=True)
class _Layout:
    what: str
    fields: tuple[str, ...]
    key: str
    subject: str
    required: tuple[str, ...]
    levels: tuple[str, ...]


_SECTION11 = _Layout(
    what="a Section 11 return",
    fields=SECTION11_COLUMNS,
    key="agency",
    subject="an agency",
    required=("criterion",),
    levels=("self_level", "moderated_level"),
)
_CASE_AUDIT = _Layout(
    what="a case audit",
    fields=CASE_AUDIT_COLUMNS,
    key="case",
    subject="a case",
    required=("auditor", "criterion", "grade"),
    levels=("grade",),
)


# -- where things are ---------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class _Columns:
    """Which column of a sheet each field is read from: (1-based column, header)."""

    sheet: Sheet
    at: dict[str, tuple[int, str]]
    subject: str | None  # from the sheet's name when it has no key column


class _Row:
    """One row's cells by field, collecting the problems its cells have."""

    def __init__(self, columns: _Columns, number: int, problems: list[Problem]) -> None:
        self.columns = columns
        self.number = number
        self.problems = problems

    def has(self, field: str) -> bool:
        return field in self.columns.at

    def raw(self, field: str) -> Any:
        if field not in self.columns.at:
            return None
        return self.columns.sheet.value(self.number, self.columns.at[field][0])

    def problem(self, field: str, message: str) -> None:
        sheet = self.columns.sheet
        column, header = self.columns.at.get(field, (None, None))
        self.problems.append(
            sheet.problem(message, self.number, column, field=field, header=header)
        )

    def read(self, field: str, reader: Callable[[Any], Any]) -> Any:
        """The field's cell through ``reader``; None (and a problem) if it cannot be read."""
        try:
            return reader(self.raw(field))
        except _cells.CellError as error:
            self.problem(field, str(error))
            return None

    def required(self, field: str, reader: Callable[[Any], Any], what: str) -> Any:
        """Like :meth:`read`, and an empty cell is a problem too."""
        value = self.read(field, reader)
        if value is None and self.raw(field) is None:
            self.empty(field, what)
        return value

    def empty(self, field: str, what: str) -> None:
        """Report an empty cell that should hold ``what``; say so if it is a formula."""
        if self.is_formula(field):
            self.problem(field, _FORMULA)
        else:
            self.problem(field, f"expected {what}; found an empty cell")

    def is_formula(self, field: str) -> bool:
        if field not in self.columns.at:
            return False
        return self.columns.sheet.formula_at(self.number, self.columns.at[field][0])


_FORMULA = (
    "expected a value; found a formula with no saved value (lscbqa reads the value Excel "
    "saved with a formula and never calculates one: open the file in Excel and save it)"
)


# -- headers ------------------------------------------------------------------------------------


def _merged_header(sheet: Sheet, row: int, column: int) -> tuple[int, int, int, int] | None:
    for area in sheet.merged:
        min_row, min_col, max_row, max_col = area
        if min_row <= row <= max_row and min_col <= column <= max_col and min_col < max_col:
            return area
    return None


def _columns(
    sheet: Sheet, layout: _Layout, mapping: ColumnMapping, problems: list[Problem]
) -> _Columns | None:
    """The sheet's columns by field; None (with problems) if it cannot be read at all."""
    header_row = mapping.header_row
    if header_row > len(sheet.rows):
        problems.append(
            sheet.problem(
                f"expected the headers in row {header_row}; the sheet has {len(sheet.rows)} row(s)"
            )
        )
        return None
    at: dict[str, tuple[int, str]] = {}
    fatal = False
    width = max(len(cells) for cells in sheet.rows)
    for column in range(1, width + 1):
        value = sheet.value(header_row, column)
        merged = _merged_header(sheet, header_row, column)
        if merged is not None:
            if column == merged[1]:
                span = (
                    f"{column_letter(merged[1])}{merged[0]}:{column_letter(merged[3])}{merged[2]}"
                )
                problems.append(
                    sheet.problem(
                        f"expected one header per column; found the merged cells {span} "
                        "(unmerge them and give each column its own header)",
                        header_row,
                        column,
                    )
                )
            fatal = True
            continue
        header = _header_text(value)
        if header is None:
            below = range(header_row + 1, len(sheet.rows) + 1)
            if any(sheet.value(r, column) is not None for r in below):
                problems.append(
                    sheet.problem(
                        "expected a header above a column that holds data; found an empty cell",
                        header_row,
                        column,
                    )
                )
            continue
        field = mapping.field_for(header)
        if field is None:
            if not mapping.is_ignored(header):
                problems.append(
                    sheet.problem(
                        f"expected a column lscbqa reads ({', '.join(layout.fields)}), or one "
                        f"the column mapping maps or ignores; found the header {header!r}",
                        header_row,
                        column,
                    )
                )
            continue
        if field not in layout.fields:
            problems.append(
                sheet.problem(
                    f"expected a column of {layout.what}; found {header!r}, read as "
                    f"{field!r}, which belongs to another kind of sheet",
                    header_row,
                    column,
                )
            )
            continue
        if field in at:
            first = at[field]
            problems.append(
                sheet.problem(
                    f"expected one column for {field!r}; found {header!r} and {first[1]!r} "
                    f"(column {first[0]})",
                    header_row,
                    column,
                )
            )
            continue
        at[field] = (column, header)
    subject = None
    missing = [field for field in layout.required if field not in at]
    if layout.key not in at:
        if sheet.name is None:
            missing.insert(0, layout.key)
        else:
            try:
                subject = _subject_id(sheet.name, mapping, layout.subject)
            except _cells.CellError as error:
                problems.append(
                    sheet.problem(
                        f"the sheet has no {layout.key!r} column, so its name stands for "
                        f"{layout.subject}: {error}"
                    )
                )
                fatal = True
    if layout is _SECTION11 and not any(field in at for field in layout.levels):
        missing.append("self_level or moderated_level")
    if missing:
        found = ", ".join(repr(header) for _, header in at.values()) or "none"
        problems.append(
            sheet.problem(
                f"expected the column(s) {', '.join(missing)} in header row {header_row}; "
                f"found the columns {found}"
            )
        )
        fatal = True
    return None if fatal else _Columns(sheet=sheet, at=at, subject=subject)


def _header_text(value: Any) -> str | None:
    try:
        return _cells.text(value)
    except _cells.CellError:
        return None  # a true/false or an error in a header cell: no header


# -- ids, criteria, evidence --------------------------------------------------------------------


class _Criteria:
    """Criterion ids from what a sheet holds: mapped labels, ids, or titles."""

    def __init__(self, framework: Framework, mapping: ColumnMapping) -> None:
        self.framework = framework
        self.mapping = mapping
        criteria = framework.criteria()
        self.folded: dict[str, str | None] = {}
        for criterion in criteria:
            for key in (_fold(criterion.id), _fold(criterion.title)):
                # A key two criteria share identifies neither.
                self.folded[key] = criterion.id if key not in self.folded else None

    def __call__(self, value: Any) -> str | None:
        written = _cells.name(value)
        if written is None:
            return None
        mapped = self.mapping.criterion_for(written)
        candidate = mapped if mapped is not None else written
        if self.framework.has_criterion(candidate):
            return candidate
        found = self.folded.get(_fold(candidate))
        if mapped is None and found is not None:
            return found
        framework = self.framework
        what = " (that is a domain)" if candidate in framework else ""
        if mapped is not None:
            what = f" (the column mapping turns {written!r} into {mapped!r}){what}"
        example = ", ".join(repr(c.id) for c in framework.criteria(leaves_only=True)[:3])
        raise _cells.CellError(
            f"expected a criterion of framework {framework.id!r} (an id such as {example}, "
            f"or a title); found {_cells.describe(value)}{what}"
        )


def _subject_id(written: str, mapping: ColumnMapping, what: str) -> str:
    mapped = mapping.subject_for(written)
    if mapped is not None:
        return mapped
    if _util.is_identifier(written):
        return written
    raise _cells.CellError(
        f"expected {what} id (letters, digits and '_ . : / -'), or a name the column "
        f"mapping's subjects turn into one; found {_util.found(written)}"
    )


_SLUG = re.compile(r"[^a-z0-9]+")


def _slug(text: str) -> str:
    return _SLUG.sub("-", text.casefold()).strip("-")[:48].strip("-") or "item"


def _kinds() -> dict[str, EvidenceKind]:
    kinds = {}
    for kind in EvidenceKind:
        kinds[_fold(kind.value)] = kind
        kinds[_fold(kind.value.replace("_", " "))] = kind
        kinds[_fold(kind.label)] = kind
    return kinds


_KINDS = _kinds()


@attrs.define
class _Book:
    """The evidence one assessment cites, built from the texts of its evidence cells."""

    kind: EvidenceKind
    sensitivity: Sensitivity
    by_text: dict[str, str] = attrs.Factory(dict)  # folded text -> id
    items: dict[str, dict[str, Any]] = attrs.Factory(dict)  # id -> fields

    def cite(self, text: str, criterion_id: str) -> str:
        folded = _fold(text)
        if folded not in self.by_text:
            prefix, colon, rest = text.partition(":")
            kind = _KINDS.get(_fold(prefix)) if colon and rest.strip() else None
            title = rest.strip() if kind is not None else text
            base = title if _util.is_identifier(title) else _slug(title)
            evidence_id, number = base, 1
            while evidence_id in self.items:
                number += 1
                evidence_id = f"{base}-{number}"
            self.by_text[folded] = evidence_id
            self.items[evidence_id] = {
                "id": evidence_id,
                "title": title,
                "kind": kind or self.kind,
                "sensitivity": self.sensitivity,
                "criterion_ids": [],
            }
        evidence_id = self.by_text[folded]
        cited = self.items[evidence_id]["criterion_ids"]
        if criterion_id not in cited:
            cited.append(criterion_id)
        return evidence_id

    def evidence(self) -> tuple[Evidence, ...]:
        return tuple(Evidence(**fields) for fields in self.items.values())


@attrs.define
class _Draft:
    """An assessment being read: its subject, ratings and evidence, and where it began."""

    subject: str
    rater: str | None
    ratings: list[Rating]
    book: _Book


# -- the shared skeleton ------------------------------------------------------------------------


def _sheets(source: Source, sheet: str | None, max_bytes: int) -> tuple[Sheet, ...]:
    sheets = read_sheets(source, max_bytes=max_bytes)
    name = file_name(source)
    if sheet is None:
        chosen = tuple(s for s in sheets if s.name is None or _fold(s.name) not in RESERVED_SHEETS)
        chosen = tuple(s for s in chosen if any(v is not None for r in s.rows for v in r))
        if not chosen:
            _util.fail("$", f"in {name}: expected a sheet holding ratings; found none")
        return chosen
    if sheets[0].name is None:
        _util.fail("$", f"in {name}: a CSV file has no sheets; found sheet={sheet!r}")
    for candidate in sheets:
        if candidate.name == sheet:
            return (candidate,)
    known = ", ".join(repr(s.name) for s in sheets)
    message = f"in {name}: expected one of the sheets {known}; found sheet={sheet!r}"
    raise ValidationError([Problem("$", message)])


def _period(cycle: Period | str | None) -> Period | None:
    if isinstance(cycle, str):
        return Period.parse(cycle)
    return cycle


def _data_rows(
    source: Source,
    sheet: str | None,
    max_bytes: int,
    layout: _Layout,
    mapping: ColumnMapping,
    problems: list[Problem],
) -> Iterator[_Row]:
    """Every row below the header of every sheet read, but blank rows and unreadable sheets."""
    for chosen in _sheets(source, sheet, max_bytes):
        columns = _columns(chosen, layout, mapping, problems)
        if columns is None:
            continue
        for number in range(mapping.header_row + 1, len(chosen.rows) + 1):
            if any(value is not None for value in chosen.rows[number - 1]):
                yield _Row(columns, number, problems)


def _first_time(seen: dict[Any, tuple[str | None, int]], key: Any, row: _Row, message: str) -> bool:
    """Whether ``key`` is new; if not, a problem at the criterion names the earlier row."""
    if key in seen:
        row.problem("criterion", f"{message} {_where_else(row, seen[key])}")
        return False
    seen[key] = (row.columns.sheet.name, row.number)
    return True


def _subject(row: _Row, layout: _Layout, mapping: ColumnMapping) -> str | None:
    """The row's agency or case id: its key cell, or the sheet's name."""
    if row.columns.subject is not None:
        return row.columns.subject
    written = row.required(layout.key, _cells.name, f"{layout.subject} id")
    if written is None:
        return None
    try:
        return _subject_id(written, mapping, layout.subject)
    except _cells.CellError as error:
        row.problem(layout.key, str(error))
        return None


def _evidence(row: _Row, separator: str) -> list[str]:
    written = row.read("evidence", _cells.text)
    if written is None:
        return []
    return [piece.strip() for piece in written.split(separator) if piece.strip()]


def _where_else(row: _Row, earlier: tuple[str | None, int]) -> str:
    """An earlier row, named briefly when it is on the same sheet."""
    sheet, number = earlier
    if sheet == row.columns.sheet.name:
        return f"row {number}"
    return f"sheet {sheet!r}, row {number}"


def _build(
    drafts: dict[Any, _Draft],
    *,
    framework: Framework,
    period: Period | None,
    ident: Callable[[_Draft], str],
    name: str,
) -> tuple[Assessment, ...]:
    assessments = []
    problems: list[Problem] = []
    for draft in drafts.values():
        try:
            assessments.append(
                Assessment(
                    id=ident(draft),
                    framework_id=framework.id,
                    framework_version=framework.version,
                    subject=draft.subject,
                    period=period,
                    ratings=draft.ratings,
                    evidence=draft.book.evidence(),
                )
            )
        except ValidationError as error:
            problems.extend(
                Problem(p.path, f"in {name}, the assessment of {draft.subject!r}: {p.message}")
                for p in error.problems
            )
    if problems:
        raise ValidationError(problems)
    return tuple(assessments)


def _level_words(mapping: ColumnMapping) -> Callable[[str], str | None] | None:
    """The mapping's level lookup, or None when it maps no level words."""
    return mapping.level_for if mapping.levels else None


def _rating(row: _Row, field: str, **fields: Any) -> Rating | None:
    try:
        return Rating(**fields)
    except ValidationError as error:
        for problem in error.problems:
            row.problem(field, f"{problem.path[2:]}: {problem.message}")
        return None


# -- Section 11 ---------------------------------------------------------------------------------


def read_section11(
    source: Source,
    framework: Framework,
    *,
    mapping: ColumnMapping | None = None,
    cycle: Period | str | None = None,
    sheet: str | None = None,
    partial: bool = False,
    max_bytes: int = MAX_BYTES,
) -> tuple[Assessment, ...]:
    r"""Read Section 11 self and moderated ratings into one assessment per agency.

    Parameters
    ----------
    source : str, path or binary file
        An ``.xlsx`` workbook or a UTF-8 CSV file (told apart by content).
    framework : Framework
        The framework rated against: criterion ids, titles and each criterion's
        scale are checked against it.
    mapping : ColumnMapping, optional
        A council's own headers, level words, agency names and criterion labels.
    cycle : Period or str, optional
        The cycle assessed (a period label such as ``"FY2024-25"`` is parsed);
        it becomes each assessment's ``period`` and part of its id.
    sheet : str, optional
        Read only this sheet; by default every sheet but ``Levels`` and ``Guide``
        (and empty ones).
    partial : bool, default False
        Read an unfinished return: a criterion row with no level at all is left
        unrated (:meth:`Assessment.check` then warns). By default such a row is
        a problem.
    max_bytes : int, default 20 MB
        The largest file read.

    Returns
    -------
    tuple of Assessment
        One per agency, in the order agencies first appear; ``id`` is the agency id
        (with ``:`` and the cycle's label after it), ``subject`` the agency id.
        Each row gives a ``self`` rating from ``self_level`` and a ``moderated`` one
        (rater: ``moderator``) from ``moderated_level``; both cite the row's evidence.

    Raises
    ------
    ValidationError
        Listing every problem in the file, each naming file, sheet, cell and column:
        missing, unknown, repeated or merged headers; empty required cells; unknown
        criteria; levels off the criterion's scale; N/A without a reason (or a reason
        without N/A); a criterion rated twice for one agency; formulas with no saved
        value; dates or true/false where text was expected.
    MissingDependencyError
        For a workbook, if openpyxl (the ``excel`` extra) is not installed.

    Examples
    --------
    >>> import io
    >>> from lscbqa.model import _example
    >>> csv_file = io.BytesIO(
    ...     b"agency,criterion,self_level,moderated_level,moderator,evidence\n"
    ...     b"police,c1,Good,requires_improvement,Chair,policy: Safeguarding policy\n"
    ...     b"police,c2.a,fully met,,,\n"
    ... )
    >>> (police,) = read_section11(csv_file, _example(), cycle="FY2024-25")
    >>> police.id, [(r.criterion_id, r.role.value, r.level) for r in police.ratings]
    ('police:FY2024-25', [('c1', 'self', 'good'), ('c1', 'moderated', 'requires_improvement'),
     ('c2.a', 'self', 'fully_met')])
    >>> police.evidence[0].id, police.evidence[0].kind.value
    ('safeguarding-policy', 'policy')
    """
    mapping = mapping if mapping is not None else ColumnMapping()
    period = _period(cycle)
    criteria = _Criteria(framework, mapping)
    problems: list[Problem] = []
    drafts: dict[Any, _Draft] = {}
    seen: dict[Any, tuple[str | None, int]] = {}
    for row in _data_rows(source, sheet, max_bytes, _SECTION11, mapping, problems):
        subject = _subject(row, _SECTION11, mapping)
        criterion_id = row.required("criterion", criteria, "a criterion id")
        if subject is None or criterion_id is None:
            continue
        message = f"expected each criterion once per agency; {criterion_id!r} of {subject!r}"
        if not _first_time(seen, (subject, criterion_id), row, f"{message} is also rated in"):
            continue
        draft = drafts.setdefault(
            subject,
            _Draft(
                subject=subject,
                rater=None,
                ratings=[],
                book=_Book(kind=EvidenceKind.DOCUMENT, sensitivity=Sensitivity.INTERNAL),
            ),
        )
        _section11_row(row, framework, criterion_id, mapping, draft, partial)
    if problems:
        raise ValidationError(problems)
    label = "" if period is None else f":{period.label}"
    return _build(
        drafts,
        framework=framework,
        period=period,
        ident=lambda draft: draft.subject + label,
        name=file_name(source),
    )


def _section11_row(
    row: _Row,
    framework: Framework,
    criterion_id: str,
    mapping: ColumnMapping,
    draft: _Draft,
    partial: bool,
) -> None:
    scale = framework.scale_for(criterion_id)
    before = len(row.problems)

    def read_level(value: Any) -> str | None:
        return _cells.level(value, scale, _level_words(mapping))

    levels = {field: row.read(field, read_level) for field in _SECTION11.levels}
    reason = row.read("not_applicable_reason", _cells.text)
    refs = _evidence(row, mapping.evidence_separator)
    extras = {
        "self_level": {
            "self_comment": row.read("self_comment", _cells.text),
            "self_date": row.read("self_date", _cells.date),
        },
        "moderated_level": {
            "moderated_comment": row.read("moderated_comment", _cells.text),
            "moderated_date": row.read("moderated_date", _cells.date),
            "moderator": row.read("moderator", _cells.name),
        },
    }
    if len(row.problems) > before:
        return
    given = [field for field in _SECTION11.levels if levels[field] is not None]
    for field in _SECTION11.levels:
        if row.raw(field) is None and row.is_formula(field):
            row.problem(field, _FORMULA)
            return
        if levels[field] is None:
            for extra, value in extras[field].items():
                if value is not None:
                    row.problem(extra, f"expected {field} to be filled in too; found it empty")
    if not given:
        if reason is not None or refs:
            field = "not_applicable_reason" if reason is not None else "evidence"
            row.problem(field, "expected a level on the row (N/A for a reason); found none")
        elif not partial:
            row.problem(
                next(f for f in _SECTION11.levels if row.has(f)),
                "expected a self_level or moderated_level; found both empty (pass "
                "partial=True to read an unfinished return)",
            )
        return
    if not _reasons_fit(row, levels, reason):
        return
    evidence_ids = [draft.book.cite(ref, criterion_id) for ref in refs]
    for field, role in (("self_level", Role.SELF), ("moderated_level", Role.MODERATED)):
        level = levels[field]
        if level is None:
            continue
        prefix = field.removesuffix("_level")
        rating = _rating(
            row,
            field,
            criterion_id=criterion_id,
            level=level,
            reason=reason if level == NOT_APPLICABLE else None,
            role=role,
            rater=extras[field].get("moderator"),
            date=extras[field][f"{prefix}_date"],
            evidence_ids=evidence_ids,
            comment=extras[field][f"{prefix}_comment"],
        )
        if rating is not None:
            draft.ratings.append(rating)


def _reasons_fit(row: _Row, levels: dict[str, str | None], reason: str | None) -> bool:
    """N/A levels have a reason on the row, and a reason has an N/A level."""
    fits = True
    not_applicable = [field for field, level in levels.items() if level == NOT_APPLICABLE]
    if not_applicable and reason is None:
        for field in not_applicable:
            row.problem(
                field,
                "N/A needs a reason in the column 'not_applicable_reason'; found it empty",
            )
        fits = False
    if reason is not None and not not_applicable:
        row.problem(
            "not_applicable_reason",
            "expected a reason only beside an N/A level; found a reason and no N/A",
        )
        fits = False
    return fits


# -- case audits --------------------------------------------------------------------------------


def _role(value: Any) -> Role | None:
    written = _cells.name(value)
    if written is None:
        return None
    try:
        return Role(_fold(written))
    except ValueError:
        raise _cells.CellError(
            f"expected {_util.choices(Role)}; found {_cells.describe(value)}"
        ) from None


def read_case_audit(
    source: Source,
    framework: Framework,
    *,
    mapping: ColumnMapping | None = None,
    cycle: Period | str | None = None,
    sheet: str | None = None,
    partial: bool = False,
    role: Role | str = Role.PEER,
    max_bytes: int = MAX_BYTES,
) -> tuple[Assessment, ...]:
    r"""Read case-audit grades into one assessment per case and auditor.

    Parameters
    ----------
    source : str, path or binary file
        An ``.xlsx`` workbook or a UTF-8 CSV file.
    framework : Framework
        The case-audit framework: criteria and scales are checked against it.
    mapping : ColumnMapping, optional
        A council's own headers, grade words, case ids and criterion labels.
    cycle : Period or str, optional
        The audit's period; each assessment's ``period`` and part of its id.
    sheet : str, optional
        Read only this sheet; by default every sheet but ``Levels`` and ``Guide``.
        A sheet without a ``case`` column stands for the case its name gives.
    partial : bool, default False
        Leave rows without a grade unrated instead of reporting them.
    role : Role or str, default "peer"
        The role of every grade, unless a row's ``role`` column says otherwise
        (``moderated`` for grades agreed at the moderation meeting).
    max_bytes : int, default 20 MB
        The largest file read.

    Returns
    -------
    tuple of Assessment
        One per case and auditor, in the order they first appear: ``subject`` is
        the case id, each rating's ``rater`` the auditor, ``id`` is
        ``<case>:<auditor>`` (auditor in lower case, spaces as ``-``). Evidence
        named in ``evidence`` is of kind ``case_audit`` and ``personal``.

    Raises
    ------
    ValidationError
        Listing every problem in the file with file, sheet, cell and column (as
        :func:`read_section11`); also an immediate concern on a row without a
        grade, and a criterion graded twice by one auditor in one role for one case.
    MissingDependencyError
        For a workbook, if openpyxl is not installed.

    Examples
    --------
    >>> import io
    >>> from lscbqa.model import _example
    >>> csv_file = io.BytesIO(
    ...     b"case,auditor,criterion,grade,immediate_concern\n"
    ...     b"C1,Health,c1,Inadequate,yes\n"
    ...     b"C1,Police,c1,requires improvement,\n"
    ... )
    >>> audits = read_case_audit(csv_file, _example())
    >>> [(a.id, a.ratings[0].level, a.ratings[0].immediate_concern) for a in audits]
    [('C1:health', 'inadequate', True), ('C1:police', 'requires_improvement', False)]
    """
    mapping = mapping if mapping is not None else ColumnMapping()
    period = _period(cycle)
    default_role = _util.as_enum(Role, role)
    if not isinstance(default_role, Role):
        _util.fail("$.role", f"expected {_util.choices(Role)}; found {_util.found(role)}")
    criteria = _Criteria(framework, mapping)
    problems: list[Problem] = []
    drafts: dict[Any, _Draft] = {}
    seen: dict[Any, tuple[str | None, int]] = {}
    for row in _data_rows(source, sheet, max_bytes, _CASE_AUDIT, mapping, problems):
        case = _subject(row, _CASE_AUDIT, mapping)
        auditor = row.required("auditor", _cells.name, "the auditor")
        criterion_id = row.required("criterion", criteria, "a criterion id")
        row_role = row.read("role", _role) or default_role
        if case is None or auditor is None or criterion_id is None:
            continue
        message = (
            "expected each criterion graded once per case, auditor and role; "
            f"{criterion_id!r} of case {case!r} by {auditor!r} is also graded in"
        )
        if not _first_time(seen, (case, _fold(auditor), criterion_id, row_role), row, message):
            continue
        draft = drafts.setdefault(
            (case, _fold(auditor)),
            _Draft(
                subject=case,
                rater=auditor,
                ratings=[],
                book=_Book(kind=EvidenceKind.CASE_AUDIT, sensitivity=Sensitivity.PERSONAL),
            ),
        )
        _case_audit_row(row, framework, criterion_id, mapping, draft, row_role, partial)
    if problems:
        raise ValidationError(problems)
    label = "" if period is None else f":{period.label}"
    idents = _auditor_ids(drafts)
    return _build(
        drafts,
        framework=framework,
        period=period,
        ident=lambda draft: f"{draft.subject}:{idents[id(draft)]}{label}",
        name=file_name(source),
    )


def _auditor_ids(drafts: dict[Any, _Draft]) -> dict[int, str]:
    """An id part per auditor, unique within each case."""
    used: set[tuple[str, str]] = set()
    idents = {}
    for draft in drafts.values():
        base = _slug(draft.rater or "auditor")
        ident, number = base, 1
        while (draft.subject, ident) in used:
            number += 1
            ident = f"{base}-{number}"
        used.add((draft.subject, ident))
        idents[id(draft)] = ident
    return idents


def _case_audit_row(
    row: _Row,
    framework: Framework,
    criterion_id: str,
    mapping: ColumnMapping,
    draft: _Draft,
    role: Role,
    partial: bool,
) -> None:
    scale = framework.scale_for(criterion_id)
    before = len(row.problems)
    grade = row.read("grade", lambda value: _cells.level(value, scale, _level_words(mapping)))
    comment = row.read("comment", _cells.text)
    when = row.read("date", _cells.date)
    concern = row.read("immediate_concern", _cells.yes_no)
    reason = row.read("not_applicable_reason", _cells.text)
    refs = _evidence(row, mapping.evidence_separator)
    if len(row.problems) > before:
        return
    if grade is None:
        if row.is_formula("grade"):
            row.problem("grade", _FORMULA)
        elif concern:
            row.problem(
                "grade",
                "expected a grade beside an immediate concern (escalate the concern now); "
                "found an empty cell",
            )
        elif comment is not None or reason is not None or refs or when is not None:
            row.problem(
                "grade",
                "expected a grade for the comment, reason, date or evidence "
                "on the row; found an empty cell",
            )
        elif not partial:
            row.problem(
                "grade",
                "expected a grade; found an empty cell (pass partial=True to read an "
                "unfinished audit)",
            )
        return
    if not _reasons_fit(row, {"grade": grade}, reason):
        return
    rating = _rating(
        row,
        "grade",
        criterion_id=criterion_id,
        level=grade,
        reason=reason if grade == NOT_APPLICABLE else None,
        role=role,
        rater=draft.rater,
        date=when,
        evidence_ids=[draft.book.cite(ref, criterion_id) for ref in refs],
        comment=comment,
        immediate_concern=bool(concern),
    )
    if rating is not None:
        draft.ratings.append(rating)
