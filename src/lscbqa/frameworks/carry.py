"""Carrying an assessment over from one framework to another through a mapping.

When a board moves to a new framework, last round's ratings are a starting point,
not an answer. :func:`carry_over` pre-fills an assessment of the target framework
from one of the source: ``equal`` and ``superset`` links carry the rating (moved
to the target's scale if it differs), a ``subset`` link carries at most a partial
one, and ``intersects`` and ``unrelated`` links carry nothing. Every carried
rating is flagged for review and cites its source.

Examples
--------
>>> from lscbqa.assessment import Assessment, Rating
>>> from lscbqa.mappings import CriterionLink, FrameworkMapping
>>> from lscbqa.model import _example
>>> old = _example()
>>> new = old.tailor(id="example-2", version="2")
>>> mapping = FrameworkMapping(
...     id="m",
...     source="example",
...     target="example-2",
...     links=[
...         CriterionLink(source="c1", target="c1", relation="subset"),
...         CriterionLink(source="c2.a", target="c2.a", relation="equal"),
...     ],
... )
>>> last_year = Assessment(
...     id="police-2023",
...     framework_id="example",
...     subject="police",
...     ratings=[
...         Rating(criterion_id="c1", level="outstanding"),
...         Rating(criterion_id="c2.a", level="fully_met"),
...     ],
... )
>>> carried = carry_over(last_year, mapping, new, source=old)
>>> [(r.criterion_id, r.level, r.review) for r in carried.ratings]
[('c1', 'requires_improvement', True), ('c2.a', 'fully_met', True)]
>>> str(carried.ratings[0].carried_from)
'example 1 c1 (subset)'
"""

from __future__ import annotations

import attrs

from lscbqa.assessment import Assessment, Rating, Role
from lscbqa.evidence import Evidence
from lscbqa.exceptions import Problem, ValidationError
from lscbqa.frameworks.registry import get
from lscbqa.mappings import Carried, CriterionLink, FrameworkMapping, Relation
from lscbqa.model import Framework
from lscbqa.scales import RatingScale

__all__ = ["carry_over", "partial_ceiling"]

_PREFERENCE = {Relation.EQUAL: 0, Relation.SUPERSET: 1, Relation.SUBSET: 2}


def partial_ceiling(scale: RatingScale) -> str:
    """The highest level a ``subset`` link may carry: the top level at or below the middle.

    A source criterion that asks for only part of the target can show at most
    partial achievement of it.

    Examples
    --------
    >>> from lscbqa.scales import MET3, OFSTED4, PERCENT_5
    >>> partial_ceiling(MET3), partial_ceiling(OFSTED4), partial_ceiling(PERCENT_5)
    ('partially_met', 'requires_improvement', '50')
    """
    return [level.code for level in scale.levels if scale.normalise(level.code) <= 0.5][-1]


def carry_over(
    assessment: Assessment,
    mapping: FrameworkMapping,
    target: Framework,
    *,
    source: Framework | None = None,
    id: str | None = None,
) -> Assessment:
    """Pre-fill an assessment of ``target`` from an assessment of the mapping's source.

    Parameters
    ----------
    assessment : Assessment
        An assessment of the source framework.
    mapping : FrameworkMapping
        From the source framework to ``target``.
    target : Framework
        The framework to assess against now.
    source : Framework, optional
        The source framework, for its scales; by default the registered framework
        named by ``mapping.source``.
    id : str, optional
        The new assessment's id; ``"<old id>-<target id>"`` by default.

    Returns
    -------
    Assessment
        For each role and rater, and each target criterion with a carrying link
        from a rated source criterion, one rating: from the best link (equal, then
        superset, then subset; the first in the mapping on a tie), on the target's
        scale, capped at :func:`partial_ceiling` for a subset link, with
        ``review=True``, ``carried_from`` naming its source, and the source
        rating's evidence. A not-applicable rating carries over only through an
        equal or superset link; a subset link from one is passed over for the next
        best link. All evidence carries over, its criteria mapped to the target's;
        source criteria with no counterpart are named in its notes.

    Raises
    ------
    ValidationError
        If the assessment, the mapping and the target do not belong together, the
        mapping names criteria the frameworks lack, or the assessment has errors
        against its own framework (see :meth:`~lscbqa.assessment.Assessment.check`).

    Examples
    --------
    >>> from lscbqa.assessment import Assessment, Rating
    >>> from lscbqa.mappings import CriterionLink, FrameworkMapping
    >>> from lscbqa.model import _example
    >>> from lscbqa.tailoring import Settings
    >>> from lscbqa.scales import RAG3
    >>> new = _example().tailor(id="example-rag", version="2", set=Settings(scale=RAG3))
    >>> mapping = FrameworkMapping(
    ...     id="m",
    ...     source="example",
    ...     target="example-rag",
    ...     links=[CriterionLink(source="c1", target="c1", relation="equal")],
    ... )
    >>> old = Assessment(
    ...     id="a", framework_id="example", subject="police",
    ...     ratings=[Rating(criterion_id="c1", level="outstanding")],
    ... )
    >>> carried = carry_over(old, mapping, new, source=_example(), id="a-rag")
    >>> [(r.criterion_id, r.level, r.review) for r in carried.ratings]
    [('c1', 'green', True)]
    """
    source = source or get(mapping.source)
    _check_match(assessment, mapping, target, source)
    ratings: list[Rating] = []
    groups = dict.fromkeys((rating.role, rating.rater) for rating in assessment.ratings)
    for role, rater in groups:
        rated = {
            rating.criterion_id: rating
            for rating in assessment.ratings
            if rating.role == role and rating.rater == rater
        }
        for criterion in target.criteria():
            carried = _carry_one(criterion.id, rated, mapping, source, target, role)
            if carried is not None:
                ratings.append(carried)
    return Assessment(
        id=id or f"{assessment.id}-{target.id}",
        framework_id=target.id,
        framework_version=target.version,
        subject=assessment.subject,
        period=assessment.period,
        ratings=ratings,
        evidence=[_carry_evidence(item, mapping) for item in assessment.evidence],
    )


def _check_match(
    assessment: Assessment, mapping: FrameworkMapping, target: Framework, source: Framework
) -> None:
    problems = []
    if assessment.framework_id != mapping.source:
        problems.append(
            Problem(
                "$.framework_id",
                f"expected an assessment of {mapping.source!r}, the mapping's source; "
                f"found one of {assessment.framework_id!r}",
            )
        )
    if target.id != mapping.target:
        problems.append(
            Problem("$", f"expected the target {mapping.target!r}; found {target.id!r}")
        )
    if source.id != mapping.source:
        problems.append(
            Problem("$", f"expected the source {mapping.source!r}; found {source.id!r}")
        )
    for index, link in enumerate(mapping.links):
        for side, framework in (("source", source), ("target", target)):
            criterion_id = getattr(link, side)
            if not framework.has_criterion(criterion_id):
                problems.append(
                    Problem(
                        f"$.links[{index}].{side}",
                        f"expected a criterion of {framework.id!r}; found {criterion_id!r}",
                    )
                )
    problems.extend(
        Problem(finding.path, finding.message)
        for finding in assessment.check(source)
        # A different framework is reported above, as a mismatch with the mapping.
        if finding.is_error and finding.code != "framework_mismatch"
    )
    if problems:
        raise ValidationError(problems)


def _carry_one(
    target_id: str,
    rated: dict[str, Rating],
    mapping: FrameworkMapping,
    source: Framework,
    target: Framework,
    role: Role,
) -> Rating | None:
    links = [
        link
        for link in mapping.links_to(target_id)
        if link.relation.carries_rating and link.source in rated and _carries(link, rated)
    ]
    if not links:
        return None
    link = min(links, key=lambda candidate: _PREFERENCE[candidate.relation])
    original = rated[link.source]
    if original.is_not_applicable:
        level, reason = original.level, original.reason
    else:
        level, reason = _translate(original.level, link, source, target), None
    origin = Carried(
        framework_id=source.id,
        framework_version=source.version,
        criterion_id=link.source,
        relation=link.relation,
    )
    note = f"Carried over from {origin}; review before relying on it."
    return attrs.evolve(
        original,
        criterion_id=target_id,
        level=level,
        reason=reason,
        role=role,
        comment=f"{note} {original.comment}" if original.comment else note,
        review=True,
        carried_from=origin,
    )


def _carries(link: CriterionLink, rated: dict[str, Rating]) -> bool:
    """Whether the link can carry its source's rating: not-applicable needs equal or superset."""
    return not (link.relation is Relation.SUBSET and rated[link.source].is_not_applicable)


def _translate(level: str, link: CriterionLink, source: Framework, target: Framework) -> str:
    old_scale, new_scale = source.scale_for(link.source), target.scale_for(link.target)
    same = old_scale == new_scale
    code = level if same else new_scale.level_for(old_scale.normalise(level)).code
    if link.relation is Relation.SUBSET:
        ceiling = partial_ceiling(new_scale)
        if new_scale.normalise(code) > new_scale.normalise(ceiling):
            code = ceiling
    return code


def _carry_evidence(item: Evidence, mapping: FrameworkMapping) -> Evidence:
    targets: list[str] = []
    unmatched: list[str] = []
    for criterion_id in item.criterion_ids:
        matched = [
            link.target
            for link in mapping.links
            if link.source == criterion_id and link.relation.carries_rating
        ]
        targets.extend(t for t in matched if t not in targets)
        if not matched:
            unmatched.append(criterion_id)
    notes = item.notes
    if unmatched:
        remark = (
            f"Also evidenced {', '.join(unmatched)} of {mapping.source}, "
            f"which {'has' if len(unmatched) == 1 else 'have'} no counterpart in "
            f"{mapping.target}."
        )
        notes = f"{notes} {remark}" if notes else remark
    return attrs.evolve(item, criterion_ids=tuple(targets), notes=notes)
