"""Ratings and assessments, and the checks that tell whether an assessment is complete.

An :class:`Assessment` holds the ratings one subject (an agency or the board)
received against a framework for a period — self-assessed, moderated, by a peer
or an inspector — and the evidence behind them. :meth:`Assessment.check` lists
everything a moderator should look at before scoring.

Examples
--------
>>> from lscbqa.assessment import Assessment, Rating
>>> from lscbqa.model import _example
>>> assessment = Assessment(
...     id="police-2024",
...     framework_id="example",
...     subject="police",
...     ratings=[
...         Rating(criterion_id="c1", level="good", role="self"),
...         Rating.not_applicable("c2.a", reason="No residential services", role="self"),
...     ],
... )
>>> [finding.code for finding in assessment.check(_example())]
[]
"""

from __future__ import annotations

import datetime
import enum
import typing
from typing import Any

import attrs

from lscbqa import _util
from lscbqa.evidence import Evidence
from lscbqa.exceptions import NotFoundError, Problem, ValidationError
from lscbqa.mappings import Carried
from lscbqa.model import Framework
from lscbqa.periods import Period
from lscbqa.scales import NOT_APPLICABLE

__all__ = ["Assessment", "Finding", "Rating", "Role", "Severity"]


class Role(enum.StrEnum):
    """Who gave a rating.

    Examples
    --------
    >>> Role("moderated") is Role.MODERATED
    True
    """

    SELF = "self"
    MODERATED = "moderated"
    PEER = "peer"
    INSPECTOR = "inspector"


def _to_role(value: Role | str) -> Role:
    """Accept a member or its value; anything else is left for the validator to report."""
    return typing.cast(Role, _util.as_enum(Role, value))


def _reason_matches_level(rating: Rating) -> None:
    value = rating.reason
    if rating.level == NOT_APPLICABLE and (value is None or not value.strip()):
        _util.fail(
            "$.reason",
            f"expected a reason: a {NOT_APPLICABLE!r} rating must say why; found "
            + ("nothing" if value is None else _util.found(value)),
        )
    if rating.level != NOT_APPLICABLE and value is not None:
        _util.fail(
            "$.reason",
            f"expected no reason: only {NOT_APPLICABLE!r} ratings carry one "
            "(use 'comment' for other notes); found a reason",
        )


@attrs.frozen(kw_only=True)
class Rating:
    """One judgement of one criterion.

    Parameters
    ----------
    criterion_id : str
        The criterion rated.
    level : str
        A level code of the criterion's scale, or ``NOT_APPLICABLE``.
    reason : str, optional
        Why the criterion does not apply; required with ``NOT_APPLICABLE`` and only then.
    role : Role or str, default "self"
        Self, moderated, peer or inspector.
    rater : str, optional
        Who rated (a person's role or an agency id, not a child's name).
    date : datetime.date, optional
        When.
    evidence_ids : sequence of str, optional
        The evidence cited, by id; each must be in the assessment.
    comment : str, optional
        Free text.
    immediate_concern : bool, default False
        The rater saw something that puts a child at risk now and must be escalated
        at once (case audits), whatever the grade.
    review : bool, default False
        The rating is flagged for a person to review, e.g. because it was carried
        over from another framework.
    carried_from : Carried, optional
        The rating of another framework this one was carried over from.

    Examples
    --------
    >>> Rating(criterion_id="s11.1", level="good", role="moderated", evidence_ids=["ev1"]).role
    <Role.MODERATED: 'moderated'>
    """

    criterion_id: str = attrs.field(metadata=_util.checks(_util.identifier))
    level: str = attrs.field(metadata=_util.checks(_util.identifier))
    reason: str | None = attrs.field(default=None)
    role: Role = attrs.field(default=Role.SELF, converter=_to_role)
    rater: str | None = attrs.field(default=None, metadata=_util.checks(_util.non_blank))
    date: datetime.date | None = attrs.field(default=None)
    evidence_ids: tuple[str, ...] = attrs.field(
        default=(), converter=_util.to_tuple, metadata=_util.checks(_util.identifiers)
    )
    comment: str | None = attrs.field(default=None)
    immediate_concern: bool = attrs.field(default=False)
    review: bool = attrs.field(default=False)
    carried_from: Carried | None = attrs.field(default=None)

    def __attrs_post_init__(self) -> None:
        _util.validate(self, _reason_matches_level)

    @classmethod
    def not_applicable(cls, criterion_id: str, *, reason: str, **options: Any) -> Rating:
        """A rating that says the criterion does not apply, and why.

        Parameters
        ----------
        criterion_id : str
            The criterion.
        reason : str
            Why it does not apply.
        **options
            Any other field of :class:`Rating`.

        Examples
        --------
        >>> Rating.not_applicable("s11.8", reason="No staff work with children").level
        'not_applicable'
        """
        return cls(criterion_id=criterion_id, level=NOT_APPLICABLE, reason=reason, **options)

    @property
    def is_not_applicable(self) -> bool:
        """Whether this rating says the criterion does not apply.

        Examples
        --------
        >>> Rating(criterion_id="c", level="good").is_not_applicable
        False
        """
        return self.level == NOT_APPLICABLE


class Severity(enum.StrEnum):
    """How serious a finding is: an ``error`` blocks scoring, the others inform.

    Examples
    --------
    >>> Severity.ERROR.value
    'error'
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


def _to_severity(value: Severity | str) -> Severity:
    """Accept a member or its value; anything else is left for the validator to report."""
    return typing.cast(Severity, _util.as_enum(Severity, value))


@attrs.frozen(kw_only=True)
class Finding:
    """One thing :meth:`Assessment.check` found.

    Parameters
    ----------
    severity : Severity
        Error, warning or info.
    code : str
        A stable name for the kind of finding, e.g. ``"unknown_criterion"``.
    path : str
        Where, as a JSON path into the assessment document.
    message : str
        What was found, in words.

    Examples
    --------
    >>> finding = Finding(severity="warning", code="unrated", path="$.ratings", message="...")
    >>> finding.is_error
    False
    """

    severity: Severity = attrs.field(converter=_to_severity)
    code: str = attrs.field(metadata=_util.checks(_util.identifier))
    path: str = attrs.field()
    message: str = attrs.field()

    def __attrs_post_init__(self) -> None:
        _util.validate(self)

    @property
    def is_error(self) -> bool:
        """Whether the finding is an error.

        Examples
        --------
        >>> Finding(severity="error", code="x", path="$", message="m").is_error
        True
        """
        return self.severity is Severity.ERROR

    def __str__(self) -> str:
        return f"{self.severity.value}: {self.path}: {self.message}"


def _consistent(assessment: Assessment) -> None:
    """Problems inside the assessment itself: repeated ids, unknown evidence, repeated ratings."""
    problems: list[Problem] = []
    try:
        _util.unique_ids(assessment.evidence, "$.evidence", "evidence id")
    except ValidationError as error:
        problems.extend(error.problems)
    evidence_ids = {item.id for item in assessment.evidence}
    seen: dict[tuple[str, Role, str | None], int] = {}
    for index, rating in enumerate(assessment.ratings):
        key = (rating.criterion_id, rating.role, rating.rater)
        if key in seen:
            problems.append(
                Problem(
                    f"$.ratings[{index}]",
                    f"expected one {rating.role.value} rating of {rating.criterion_id!r} per "
                    f"rater; rating {seen[key]} has the same criterion, role and rater",
                )
            )
        seen.setdefault(key, index)
        problems.extend(
            Problem(
                f"$.ratings[{index}].evidence_ids[{position}]",
                f"expected the id of evidence in this assessment; found {evidence_id!r}",
            )
            for position, evidence_id in enumerate(rating.evidence_ids)
            if evidence_id not in evidence_ids
        )
    if problems:
        raise ValidationError(problems)


@attrs.frozen(kw_only=True)
class Assessment:
    """The ratings one subject received against one framework for one period.

    Parameters
    ----------
    id : str
        The assessment's id; actions refer to it.
    framework_id : str
        The framework rated against.
    framework_version : str, optional
        Its version.
    subject : str
        The agency (or board) assessed, by id.
    period : Period, optional
        The period assessed.
    ratings : sequence of Rating
        At most one per criterion, role and rater.
    evidence : sequence of Evidence
        With unique ids; ratings cite them by id.

    Raises
    ------
    ValidationError
        If evidence ids repeat, a rating cites evidence the assessment lacks, or two
        ratings share criterion, role and rater.

    Examples
    --------
    >>> from lscbqa.evidence import Evidence
    >>> assessment = Assessment(
    ...     id="a1",
    ...     framework_id="example",
    ...     subject="police",
    ...     ratings=[Rating(criterion_id="c1", level="good", evidence_ids=["ev1"])],
    ...     evidence=[Evidence(id="ev1", title="Policy", kind="policy", criterion_ids=["c1"])],
    ... )
    >>> assessment.ratings_for("c1")[0].level
    'good'
    """

    id: str = attrs.field(metadata=_util.checks(_util.identifier))
    framework_id: str = attrs.field(metadata=_util.checks(_util.identifier))
    framework_version: str | None = attrs.field(
        default=None, metadata=_util.checks(_util.non_blank)
    )
    subject: str = attrs.field(metadata=_util.checks(_util.identifier))
    period: Period | None = attrs.field(default=None)
    ratings: tuple[Rating, ...] = attrs.field(default=(), converter=_util.to_tuple)
    evidence: tuple[Evidence, ...] = attrs.field(default=(), converter=_util.to_tuple)

    def __attrs_post_init__(self) -> None:
        _util.validate(self, _consistent)

    @property
    def roles(self) -> tuple[Role, ...]:
        """The roles that rated, in the order of :class:`Role`.

        Examples
        --------
        >>> Assessment(id="a", framework_id="f", subject="s").roles
        ()
        """
        present = {rating.role for rating in self.ratings}
        return tuple(role for role in Role if role in present)

    @property
    def immediate_concerns(self) -> tuple[Rating, ...]:
        """The ratings flagged as an immediate concern, in the order rated: escalate each now.

        Examples
        --------
        >>> a = Assessment(
        ...     id="a", framework_id="f", subject="case-1",
        ...     ratings=[
        ...         Rating(criterion_id="voice", level="good"),
        ...         Rating(criterion_id="safety", level="good", immediate_concern=True),
        ...     ],
        ... )
        >>> [rating.criterion_id for rating in a.immediate_concerns]
        ['safety']
        """
        return tuple(rating for rating in self.ratings if rating.immediate_concern)

    def ratings_for(
        self, criterion_id: str, *, role: Role | str | None = None
    ) -> tuple[Rating, ...]:
        """The ratings of one criterion, optionally of one role only.

        Examples
        --------
        >>> a = Assessment(
        ...     id="a",
        ...     framework_id="f",
        ...     subject="s",
        ...     ratings=[
        ...         Rating(criterion_id="c", level="good"),
        ...         Rating(criterion_id="c", level="requires_improvement", role="moderated"),
        ...     ],
        ... )
        >>> [r.level for r in a.ratings_for("c", role="moderated")]
        ['requires_improvement']
        """
        return tuple(
            rating
            for rating in self.ratings
            if rating.criterion_id == criterion_id and (role is None or rating.role == role)
        )

    def evidence_item(self, evidence_id: str) -> Evidence:
        """The evidence with this id.

        Raises
        ------
        NotFoundError
            If the assessment has no such evidence.

        Examples
        --------
        >>> from lscbqa.evidence import Evidence
        >>> a = Assessment(
        ...     id="a", framework_id="f", subject="s",
        ...     evidence=[Evidence(id="e1", title="Minutes", kind="minutes")],
        ... )
        >>> a.evidence_item("e1").kind
        <EvidenceKind.MINUTES: 'minutes'>
        """
        for item in self.evidence:
            if item.id == evidence_id:
                return item
        raise NotFoundError(f"assessment {self.id!r} has no evidence {evidence_id!r}")

    def redacted(self) -> Assessment:
        """A copy whose personal evidence is redacted (see :meth:`Evidence.redacted`).

        Examples
        --------
        >>> from lscbqa.evidence import Evidence
        >>> a = Assessment(
        ...     id="a", framework_id="f", subject="s",
        ...     evidence=[
        ...         Evidence(id="e1", title="Child C", kind="case_audit", sensitivity="personal")
        ...     ],
        ... )
        >>> a.redacted().evidence[0].title
        '[redacted: personal evidence]'
        """
        return attrs.evolve(self, evidence=tuple(item.redacted() for item in self.evidence))

    def check(
        self,
        framework: Framework,
        *,
        as_of: datetime.date | None = None,
        max_evidence_age: datetime.timedelta | None = None,
    ) -> tuple[Finding, ...]:
        """Everything that stands between this assessment and a sound score.

        Parameters
        ----------
        framework : Framework
            The framework the assessment rates against.
        as_of : datetime.date, optional
            The date evidence age is measured at; today by default.
        max_evidence_age : datetime.timedelta, optional
            Evidence older than this (by :attr:`Evidence.effective_date`) is stale.
            Without it, evidence age is not checked.

        Returns
        -------
        tuple of Finding
            In document order. Errors: a different framework id, ratings of unknown
            criteria, levels not on the criterion's scale, evidence naming unknown
            criteria. Warnings: a different framework version, criteria left unrated
            by a role that rated others, ratings short of the evidence their criterion
            expects, stale evidence, evidence dated after ``as_of``. Info: undated
            evidence when age is checked.

        Examples
        --------
        >>> from lscbqa.model import _example
        >>> a = Assessment(
        ...     id="a",
        ...     framework_id="example",
        ...     subject="s",
        ...     ratings=[
        ...         Rating(criterion_id="c1", level="great"),
        ...         Rating(criterion_id="zz", level="good"),
        ...     ],
        ... )
        >>> for finding in a.check(_example()):
        ...     print(finding)
        error: $.ratings[0].level: expected a level of scale 'ofsted4' (inadequate, ...) or ...
        error: $.ratings[1].criterion_id: expected a criterion of framework 'example'; found 'zz'
        warning: $.ratings: criterion 'c2.a' has no self rating
        """
        return _check(
            self,
            framework,
            as_of=as_of if as_of is not None else datetime.date.today(),
            max_evidence_age=max_evidence_age,
        )

    def validate(
        self,
        framework: Framework,
        *,
        as_of: datetime.date | None = None,
        max_evidence_age: datetime.timedelta | None = None,
    ) -> tuple[Finding, ...]:
        """Raise if :meth:`check` finds any error; otherwise return its findings.

        Raises
        ------
        ValidationError
            Listing every error finding with its path.

        Examples
        --------
        >>> from lscbqa.model import _example
        >>> a = Assessment(
        ...     id="a", framework_id="example", subject="s",
        ...     ratings=[Rating(criterion_id="nope", level="good")],
        ... )
        >>> a.validate(_example())
        Traceback (most recent call last):
        ...
        lscbqa.exceptions.ValidationError: 1 problem:
          $.ratings[0].criterion_id: expected a criterion of framework 'example'; found 'nope'
        """
        findings = self.check(framework, as_of=as_of, max_evidence_age=max_evidence_age)
        errors = [Problem(f.path, f.message) for f in findings if f.is_error]
        if errors:
            raise ValidationError(errors)
        return findings


def _check(
    assessment: Assessment,
    framework: Framework,
    *,
    as_of: datetime.date,
    max_evidence_age: datetime.timedelta | None,
) -> tuple[Finding, ...]:
    findings: list[Finding] = []

    def add(severity: Severity, code: str, path: str, message: str) -> None:
        findings.append(Finding(severity=severity, code=code, path=path, message=message))

    if assessment.framework_id != framework.id:
        add(
            Severity.ERROR,
            "framework_mismatch",
            "$.framework_id",
            f"expected the framework {framework.id!r}; found {assessment.framework_id!r}",
        )
    elif assessment.framework_version not in (None, framework.version):
        add(
            Severity.WARNING,
            "version_mismatch",
            "$.framework_version",
            f"the framework is at version {framework.version!r}; the assessment names "
            f"{assessment.framework_version!r}",
        )
    evidence_by_id = {item.id: item for item in assessment.evidence}
    rated: dict[Role, set[str]] = {}
    for index, rating in enumerate(assessment.ratings):
        path = f"$.ratings[{index}]"
        if not framework.has_criterion(rating.criterion_id):
            what = " (that is a domain)" if rating.criterion_id in framework else ""
            add(
                Severity.ERROR,
                "unknown_criterion",
                f"{path}.criterion_id",
                f"expected a criterion of framework {framework.id!r}; "
                f"found {rating.criterion_id!r}{what}",
            )
            continue
        node = framework.criterion(rating.criterion_id)
        rated.setdefault(rating.role, set()).add(node.id)
        if rating.is_not_applicable:
            continue
        scale = framework.scale_for(node.id)
        if rating.level not in scale:
            add(
                Severity.ERROR,
                "level_not_on_scale",
                f"{path}.level",
                f"expected a level of scale {scale.id!r} ({', '.join(scale.codes)}) or "
                f"{NOT_APPLICABLE!r}; found {rating.level!r}",
            )
            continue
        expected = node.evidence
        # A piece of evidence counts once, however often the rating cites it.
        distinct = dict.fromkeys(rating.evidence_ids)
        cited = sum(expected.accepts(evidence_by_id[i].kind) for i in distinct)
        if cited < expected.min_count:
            kinds = f" of kind {', '.join(expected.kinds)}" if expected.kinds else ""
            add(
                Severity.WARNING,
                "missing_evidence",
                f"{path}.evidence_ids",
                f"criterion {node.id!r} expects {expected.min_count} piece(s) of evidence"
                f"{kinds}; the rating cites {cited}",
            )
    leaves = framework.criteria(leaves_only=True)
    for role in assessment.roles:
        for criterion in leaves:
            if criterion.id not in rated.get(role, set()):
                add(
                    Severity.WARNING,
                    "unrated",
                    "$.ratings",
                    f"criterion {criterion.id!r} has no {role.value} rating",
                )
    for index, item in enumerate(assessment.evidence):
        path = f"$.evidence[{index}]"
        for position, criterion_id in enumerate(item.criterion_ids):
            if not framework.has_criterion(criterion_id):
                add(
                    Severity.ERROR,
                    "unknown_criterion",
                    f"{path}.criterion_ids[{position}]",
                    f"expected a criterion of framework {framework.id!r}; found {criterion_id!r}",
                )
        _check_age(item, path, as_of, max_evidence_age, add)
    return tuple(findings)


def _check_age(
    item: Evidence,
    path: str,
    as_of: datetime.date,
    max_age: datetime.timedelta | None,
    add: Any,
) -> None:
    effective = item.effective_date
    if effective is None and max_age is not None:
        add(
            Severity.INFO,
            "undated_evidence",
            path,
            f"evidence {item.id!r} has neither a collection date nor a period; its age is unknown",
        )
    elif effective is not None and effective > as_of:
        add(
            Severity.WARNING,
            "future_evidence",
            path,
            f"evidence {item.id!r} is dated {effective.isoformat()}, after {as_of.isoformat()}",
        )
    elif effective is not None and max_age is not None and as_of - effective > max_age:
        add(
            Severity.WARNING,
            "stale_evidence",
            path,
            f"evidence {item.id!r} is dated {effective.isoformat()}: "
            f"{(as_of - effective).days} days old on {as_of.isoformat()}, "
            f"more than the {max_age.days} allowed",
        )
