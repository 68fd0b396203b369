"""The columns lscbqa reads from a spreadsheet, and a council's own layout mapped onto them.

The template layout (see ``docs/import.md``) names its columns after the fields
below. A council whose returns use other headers, level words or agency names
describes them once in a :class:`ColumnMapping`, which can be kept as a document
(``schema = "lscbqa/column-mapping/1"``, in JSON, TOML or YAML) beside the returns.

Examples
--------
>>> from lscbqa.io.layout import SECTION11_COLUMNS, ColumnMapping
>>> "self_level" in SECTION11_COLUMNS
True
>>> mapping = ColumnMapping(columns={"Standard": "criterion", "RAG": "self_level"})
>>> mapping.field_for(" rag ")
'self_level'
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import attrs

from lscbqa import _util
from lscbqa.exceptions import Problem, ValidationError
from lscbqa.serialize import register_document

__all__ = [
    "CASE_AUDIT_COLUMNS",
    "SECTION11_COLUMNS",
    "ColumnMapping",
    "normalise_header",
]

SECTION11_COLUMNS: tuple[str, ...] = (
    "agency",
    "criterion",
    "criterion_title",
    "self_level",
    "self_comment",
    "self_date",
    "moderated_level",
    "moderated_comment",
    "moderated_date",
    "moderator",
    "evidence",
    "not_applicable_reason",
)
"""The columns of a Section 11 return, in template order.

``criterion_title`` is for the reader's eyes only and is never read.
"""

CASE_AUDIT_COLUMNS: tuple[str, ...] = (
    "case",
    "auditor",
    "criterion",
    "criterion_title",
    "grade",
    "comment",
    "date",
    "role",
    "immediate_concern",
    "evidence",
    "not_applicable_reason",
)
"""The columns of a case-audit grading sheet, in template order."""

_KNOWN = frozenset(SECTION11_COLUMNS) | frozenset(CASE_AUDIT_COLUMNS)
_SPACES = re.compile(r"\s+")


def normalise_header(text: str) -> str:
    r"""A header or cell text as compared: trimmed, lower case, runs of spaces as one.

    Parameters
    ----------
    text : str
        The text as written.

    Returns
    -------
    str
        The text without leading or trailing space, case folded, each run of
        white space (non-breaking spaces and line breaks too) a single space.

    Examples
    --------
    >>> normalise_header("  Self\u00a0 Rating\n")
    'self rating'
    """
    return _SPACES.sub(" ", text).strip().casefold()


def _folded_keys(mapping: Mapping[str, str], path: str) -> list[Problem]:
    """Problems with keys that are blank or equal to another once normalised."""
    problems = []
    seen: dict[str, str] = {}
    for key in mapping:
        folded = normalise_header(key)
        if not folded:
            problems.append(Problem(path, f"expected non-blank keys; found {_util.found(key)}"))
        elif folded in seen:
            problems.append(
                Problem(
                    _util.join_path(path, key),
                    f"expected keys that differ beyond case and spacing; {key!r} reads as "
                    f"{seen[folded]!r}",
                )
            )
        else:
            seen[folded] = key
    return problems


def _consistent(mapping: ColumnMapping) -> None:
    problems = _folded_keys(mapping.columns, "$.columns")
    for header, field in mapping.columns.items():
        if field not in _KNOWN:
            problems.append(
                Problem(
                    _util.join_path("$.columns", header),
                    f"expected a column lscbqa reads ({', '.join(sorted(_KNOWN))}); "
                    f"found {_util.found(field)}",
                )
            )
    targets: dict[str, str] = {}
    for header, field in mapping.columns.items():
        if field in targets:
            problems.append(
                Problem(
                    _util.join_path("$.columns", header),
                    f"expected each field from one column; {field!r} is also read from "
                    f"{targets[field]!r}",
                )
            )
        targets.setdefault(field, header)
    for name in ("levels", "subjects", "criteria"):
        values: Mapping[str, str] = getattr(mapping, name)
        problems.extend(_folded_keys(values, f"$.{name}"))
        problems.extend(
            Problem(_util.join_path(f"$.{name}", key), f"expected an id; found {_util.found(v)}")
            for key, v in values.items()
            if not _util.is_identifier(v)
        )
    ignored = {normalise_header(header) for header in mapping.ignore}
    problems.extend(
        Problem(
            _util.join_path("$.columns", header),
            "expected a column either read or ignored; it is also in 'ignore'",
        )
        for header in mapping.columns
        if normalise_header(header) in ignored
    )
    if mapping.header_row < 1:
        problems.append(
            Problem("$.header_row", f"expected a row number >= 1; found {mapping.header_row}")
        )
    if not mapping.evidence_separator.strip():
        problems.append(
            Problem(
                "$.evidence_separator",
                f"expected a visible separator; found {_util.found(mapping.evidence_separator)}",
            )
        )
    if problems:
        raise ValidationError(problems)


@attrs.frozen(kw_only=True)
class ColumnMapping:
    """How a council's own spreadsheet layout maps onto the columns lscbqa reads.

    Headers, level words, agency names and criterion labels are all matched after
    :func:`normalise_header` (trimmed, case folded, spaces collapsed), so
    ``"Self Rating "`` matches ``"self rating"``.

    Parameters
    ----------
    columns : mapping of str to str
        Their header -> our column (one of :data:`SECTION11_COLUMNS` or
        :data:`CASE_AUDIT_COLUMNS`). Headers not listed are read if they already
        name one of our columns.
    levels : mapping of str to str
        Their level word or number -> our level code, e.g. ``{"Green": "fully_met",
        "3": "good", "N/A": "not_applicable"}``. Values not listed are matched to
        the scale's codes and labels.
    subjects : mapping of str to str
        Their agency (or case) names -> our ids, e.g. ``{"Northshire Police": "police"}``;
        sheet names are mapped too.
    criteria : mapping of str to str
        Their criterion labels -> our criterion ids, e.g. ``{"Standard 1": "s11.1"}``.
    ignore : sequence of str
        Their headers to leave unread, on purpose. Any other header that is not a
        column is an error, so that nothing is skipped unseen.
    header_row : int, default 1
        The row holding the headers; rows above it (titles, notes) are not read.
    evidence_separator : str, default ";"
        What separates the pieces of evidence in one ``evidence`` cell.

    Raises
    ------
    ValidationError
        If a header maps to a column lscbqa does not read, two headers map to the
        same column, keys repeat once normalised, a mapped id is not an id, a header
        is both read and ignored, or ``header_row`` is below 1.

    Examples
    --------
    >>> mapping = ColumnMapping(
    ...     columns={"Standard": "criterion", "Agency RAG": "self_level"},
    ...     levels={"Green": "fully_met", "Amber": "partially_met", "Red": "not_met"},
    ...     subjects={"Northshire Police": "police"},
    ...     ignore=["Notes for the chair"],
    ...     header_row=3,
    ... )
    >>> mapping.level_for("GREEN"), mapping.subject_for("northshire police")
    ('fully_met', 'police')
    """

    columns: Mapping[str, str] = attrs.field(
        factory=_util.FrozenDict, converter=_util.to_frozendict
    )
    levels: Mapping[str, str] = attrs.field(factory=_util.FrozenDict, converter=_util.to_frozendict)
    subjects: Mapping[str, str] = attrs.field(
        factory=_util.FrozenDict, converter=_util.to_frozendict
    )
    criteria: Mapping[str, str] = attrs.field(
        factory=_util.FrozenDict, converter=_util.to_frozendict
    )
    ignore: tuple[str, ...] = attrs.field(default=(), converter=_util.to_tuple)
    header_row: int = attrs.field(default=1)
    evidence_separator: str = attrs.field(default=";")
    _folded: Mapping[str, Mapping[str, str]] = attrs.field(
        init=False, repr=False, eq=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        _util.validate(self, _consistent)
        # Looked up once per cell: fold the keys once.
        folded = {
            name: _util.FrozenDict(
                (normalise_header(key), value) for key, value in getattr(self, name).items()
            )
            for name in ("columns", "levels", "subjects", "criteria")
        }
        folded["ignore"] = _util.FrozenDict((normalise_header(h), h) for h in self.ignore)
        object.__setattr__(self, "_folded", _util.FrozenDict(folded))

    def field_for(self, header: str) -> str | None:
        """The column a header is read as, or None if it is none of ours.

        Examples
        --------
        >>> ColumnMapping().field_for("Self level"), ColumnMapping().field_for("Notes")
        ('self_level', None)
        """
        folded = normalise_header(header)
        mapped = self._folded["columns"].get(folded)
        if mapped is not None:
            return mapped
        as_field = folded.replace(" ", "_")
        return as_field if as_field in _KNOWN else None

    def is_ignored(self, header: str) -> bool:
        """Whether a header is listed in ``ignore``.

        Examples
        --------
        >>> ColumnMapping(ignore=["Notes"]).is_ignored(" NOTES")
        True
        """
        return normalise_header(header) in self._folded["ignore"]

    def level_for(self, text: str) -> str | None:
        """The level code their level text maps to, or None if unmapped.

        Examples
        --------
        >>> ColumnMapping(levels={"Green": "fully_met"}).level_for("green ")
        'fully_met'
        """
        return self._folded["levels"].get(normalise_header(text))

    def subject_for(self, text: str) -> str | None:
        """The agency or case id their name maps to, or None if unmapped.

        Examples
        --------
        >>> ColumnMapping(subjects={"Health Trust": "health"}).subject_for("health trust")
        'health'
        """
        return self._folded["subjects"].get(normalise_header(text))

    def criterion_for(self, text: str) -> str | None:
        """The criterion id their label maps to, or None if unmapped.

        Examples
        --------
        >>> ColumnMapping(criteria={"Standard 1": "s11.1"}).criterion_for("STANDARD 1")
        's11.1'
        """
        return self._folded["criteria"].get(normalise_header(text))


register_document(ColumnMapping, "column-mapping")
