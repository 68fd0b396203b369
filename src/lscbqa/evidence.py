"""Evidence: what an agency shows to back a rating.

Evidence can describe children. Evidence whose ``sensitivity`` is ``personal``
keeps its text out of ``repr`` and error messages; :meth:`Evidence.redacted`
gives a copy safe to put in a report or export.

Examples
--------
>>> import datetime
>>> from lscbqa.evidence import Evidence
>>> item = Evidence(
...     id="ev1",
...     title="Case file note on child A",
...     kind="case_audit",
...     sensitivity="personal",
...     criterion_ids=["s11.2"],
...     collected_on=datetime.date(2024, 5, 1),
... )
>>> item
Evidence(id='ev1', title=<withheld: personal>, kind='case_audit', ...)
>>> item.redacted().title
'[redacted: personal evidence]'
"""

from __future__ import annotations

import datetime
import enum
import typing

import attrs

from lscbqa import _util
from lscbqa.exceptions import Problem, ValidationError
from lscbqa.periods import Period

__all__ = ["REDACTED", "Evidence", "EvidenceKind", "Sensitivity", "Strength"]

REDACTED = "[redacted: personal evidence]"
"""The text that replaces the title of personal evidence in redacted copies.

Examples
--------
>>> REDACTED
'[redacted: personal evidence]'
"""


class EvidenceKind(enum.StrEnum):
    """What kind of thing a piece of evidence is.

    Examples
    --------
    >>> EvidenceKind("childs_voice").label
    "Child's voice"
    """

    DOCUMENT = "document"
    POLICY = "policy"
    CASE_AUDIT = "case_audit"
    SURVEY = "survey"
    CHILDS_VOICE = "childs_voice"
    OBSERVATION = "observation"
    DATA = "data"
    MINUTES = "minutes"
    TRAINING_RECORD = "training_record"
    OTHER = "other"

    @property
    def label(self) -> str:
        """The kind in words.

        Examples
        --------
        >>> EvidenceKind.TRAINING_RECORD.label
        'Training record'
        """
        if self is EvidenceKind.CHILDS_VOICE:
            return "Child's voice"
        return self.value.replace("_", " ").capitalize()


def _to_evidence_kind(value: EvidenceKind | str) -> EvidenceKind:
    """Accept a member or its value; anything else is left for the validator to report."""
    return typing.cast(EvidenceKind, _util.as_enum(EvidenceKind, value))


class Strength(enum.StrEnum):
    """How far a piece of evidence has been tested, weakest first.

    Examples
    --------
    >>> sorted(Strength, key=Strength.rank)[-1]
    <Strength.INDEPENDENT: 'independent'>
    """

    ASSERTION = "assertion"
    INTERNAL_REVIEW = "internal_review"
    INDEPENDENT = "independent"

    def rank(self) -> int:
        """0 for an assertion, 1 for an internal review, 2 for independent evidence.

        Examples
        --------
        >>> Strength.INTERNAL_REVIEW.rank()
        1
        """
        return list(Strength).index(self)


def _to_strength(value: Strength | str) -> Strength:
    """Accept a member or its value; anything else is left for the validator to report."""
    return typing.cast(Strength, _util.as_enum(Strength, value))


class Sensitivity(enum.StrEnum):
    """Who may see a piece of evidence.

    ``personal`` evidence could identify a child or family: it never leaves the
    library (report, export, log, error message) unless the caller asks.

    Examples
    --------
    >>> Sensitivity("personal") is Sensitivity.PERSONAL
    True
    """

    PUBLIC = "public"
    INTERNAL = "internal"
    PERSONAL = "personal"


def _to_sensitivity(value: Sensitivity | str) -> Sensitivity:
    """Accept a member or its value; anything else is left for the validator to report."""
    return typing.cast(Sensitivity, _util.as_enum(Sensitivity, value))


def withhold_found(problem: Problem) -> Problem:
    """Return the problem with the found value replaced by a notice.

    Parameters
    ----------
    problem : Problem
        A problem whose message may end in ``"; found <value>"``.

    Returns
    -------
    Problem
        The same path and expectation, without the value.

    Examples
    --------
    >>> withhold_found(Problem("$.id", "expected an id; found the string 'Jane Doe'")).message
    'expected an id; found a value withheld because the evidence is personal'
    """
    expected, separator, _ = problem.message.partition("; found ")
    if not separator:
        expected = problem.message
    return Problem(
        problem.path, f"{expected}; found a value withheld because the evidence is personal"
    )


@attrs.frozen(kw_only=True, repr=False)
class Evidence:
    """A piece of evidence behind one or more ratings.

    Parameters
    ----------
    id : str
        Unique within its assessment.
    title : str
        What it is.
    kind : EvidenceKind or str
        Document, policy, case audit, survey, child's voice, observation, data,
        minutes, training record or other.
    source_agency_id : str, optional
        The agency that supplied it.
    collected_on : datetime.date, optional
        When it was collected (its effective date, not its upload date).
    period : Period, optional
        The period it describes.
    criterion_ids : sequence of str
        The criteria it bears on.
    uri : str, optional
        Where it is kept.
    strength : Strength or str, default "assertion"
        Assertion, internal review or independent.
    sensitivity : Sensitivity or str, default "internal"
        Public, internal or personal.
    notes : str, optional
        Free text.

    Examples
    --------
    >>> Evidence(id="ev2", title="Safer recruitment policy", kind="policy").strength
    <Strength.ASSERTION: 'assertion'>
    """

    id: str = attrs.field(metadata=_util.checks(_util.identifier))
    title: str = attrs.field(metadata=_util.checks(_util.non_blank))
    kind: EvidenceKind = attrs.field(converter=_to_evidence_kind)
    source_agency_id: str | None = attrs.field(
        default=None, metadata=_util.checks(_util.identifier)
    )
    collected_on: datetime.date | None = attrs.field(default=None)
    period: Period | None = attrs.field(default=None)
    criterion_ids: tuple[str, ...] = attrs.field(
        default=(), converter=_util.to_tuple, metadata=_util.checks(_util.identifiers)
    )
    uri: str | None = attrs.field(default=None, metadata=_util.checks(_util.non_blank))
    strength: Strength = attrs.field(
        default=Strength.ASSERTION,
        converter=_to_strength,
    )
    sensitivity: Sensitivity = attrs.field(
        default=Sensitivity.INTERNAL,
        converter=_to_sensitivity,
    )
    notes: str | None = attrs.field(default=None)

    def __attrs_post_init__(self) -> None:
        try:
            _util.validate(self)
        except ValidationError as error:
            if self.sensitivity is Sensitivity.PERSONAL:
                raise ValidationError(withhold_found(p) for p in error.problems) from None
            raise

    @property
    def is_personal(self) -> bool:
        """Whether the evidence is marked personal.

        Examples
        --------
        >>> Evidence(id="e", title="t", kind="data").is_personal
        False
        """
        return self.sensitivity is Sensitivity.PERSONAL

    @property
    def effective_date(self) -> datetime.date | None:
        """The date its age is measured from: when collected, else the end of its period.

        Examples
        --------
        >>> year = Period.calendar_year(2023)
        >>> Evidence(id="e", title="t", kind="data", period=year).effective_date
        datetime.date(2023, 12, 31)
        """
        if self.collected_on is not None:
            return self.collected_on
        return self.period.end if self.period is not None else None

    def redacted(self) -> Evidence:
        """Return a copy safe to show: personal evidence loses its title, uri and notes.

        Evidence that is not personal is returned unchanged.

        Examples
        --------
        >>> item = Evidence(
        ...     id="e", title="Child B's plan", kind="case_audit", sensitivity="personal"
        ... )
        >>> item.redacted().title, item.redacted().uri
        ('[redacted: personal evidence]', None)
        """
        if not self.is_personal:
            return self
        return attrs.evolve(self, title=REDACTED, uri=None, notes=None)

    def __repr__(self) -> str:
        parts = []
        for field in attrs.fields(Evidence):
            value = getattr(self, field.name)
            if field.name in _PERSONAL_TEXT and self.is_personal and value is not None:
                parts.append(f"{field.name}=<withheld: personal>")
            elif field.default is not attrs.NOTHING and value == field.default:
                continue
            else:
                shown = value.value if isinstance(value, enum.Enum) else value
                parts.append(f"{field.name}={shown!r}")
        return f"Evidence({', '.join(parts)})"


_PERSONAL_TEXT = frozenset({"title", "uri", "notes"})
