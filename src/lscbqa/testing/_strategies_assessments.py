"""Strategies for mappings between frameworks, ratings, assessments and findings.

Re-exported by :mod:`lscbqa.testing.strategies`, the one place to import them from.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from hypothesis import strategies as st

from lscbqa.assessment import Assessment, Finding, Rating, Role, Severity
from lscbqa.mappings import CriterionLink, FrameworkMapping, Relation
from lscbqa.model import Framework
from lscbqa.scales import NOT_APPLICABLE
from lscbqa.testing._strategies_base import (
    _ID_LISTS,
    _IDS,
    _LEVEL_CODES,
    _MAX_ITEMS,
    _MAX_RATINGS,
    _NON_BLANK_TEXTS,
    _OPTIONAL_DATES,
    _OPTIONAL_NON_BLANK_TEXTS,
    _OPTIONAL_TEXTS,
    _PICK_LISTS,
    _ROLES,
    _TEXTS,
    _choose_from,
    _or_not_applicable,
    _picked,
    _sampled,
    _sampled_lists,
    _with_extras,
    _with_unique_ids,
)
from lscbqa.testing._strategies_values import (
    _CARRIED,
    _OPTIONAL_PERIODS,
    _evidence_fields,
    _make_evidence,
)

__all__ = ["assessments", "criterion_links", "findings", "framework_mappings", "ratings"]


# -- mappings between frameworks ----------------------------------------------------------------


def _framework_reference(
    framework: Framework | None,
) -> tuple[st.SearchStrategy[str], st.SearchStrategy[str | None]]:
    """The id and version by which a value names ``framework``; any id and version if None."""
    if framework is None:
        return _IDS, _OPTIONAL_NON_BLANK_TEXTS
    return st.just(framework.id), st.none() | st.just(framework.version)


def _criterion_ids(framework: Framework) -> tuple[str, ...]:
    return tuple(criterion.id for criterion in framework.criteria())


_RELATIONS = st.sampled_from(Relation)


class _LinkParts(NamedTuple):
    source: str
    target: str
    relation: Relation
    rationale: str | None


def _link_parts(
    source_ids: st.SearchStrategy[str], target_ids: st.SearchStrategy[str]
) -> st.SearchStrategy[_LinkParts]:
    return st.builds(_LinkParts, source_ids, target_ids, _RELATIONS, _OPTIONAL_NON_BLANK_TEXTS)


def _make_link(parts: _LinkParts) -> CriterionLink:
    return CriterionLink(**parts._asdict())


def criterion_links(
    *, source_ids: Sequence[str] | None = None, target_ids: Sequence[str] | None = None
) -> st.SearchStrategy[CriterionLink]:
    """Links from a criterion of one framework to a criterion of another, of every relation.

    Parameters
    ----------
    source_ids : sequence of str, optional
        The criteria of the source framework to link from; any ids by default.
    target_ids : sequence of str, optional
        The criteria of the target framework to link to; any ids by default.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of CriterionLink
        Sometimes with a rationale.

    Raises
    ------
    ValueError
        If ``source_ids`` or ``target_ids`` is given but empty.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(criterion_links(source_ids=["s11.6"], target_ids=["s11.6", "s11.7"]))
    ... def test_links_join_the_criteria_given(link):
    ...     assert link.source == "s11.6" and link.target in {"s11.6", "s11.7"}
    >>> test_links_join_the_criteria_given()
    """
    sources = _choose_from(source_ids, "source criterion id")
    targets = _choose_from(target_ids, "target criterion id")
    return _link_parts(sources, targets).map(_make_link)


def _assemble_mapping(fields: dict[str, Any], link_parts: list[_LinkParts]) -> FrameworkMapping:
    # One link per pair of criteria: the first drawn for a pair stands.
    pairs: dict[tuple[str, str], _LinkParts] = {}
    for parts in link_parts:
        pairs.setdefault((parts.source, parts.target), parts)
    return FrameworkMapping(links=[_make_link(parts) for parts in pairs.values()], **fields)


def _side(framework: Framework | None) -> tuple[dict[str, Any], st.SearchStrategy[str] | None]:
    """The id and version strategies of one side of a mapping, and its criterion ids."""
    framework_id, version = _framework_reference(framework)
    fields = {"id": framework_id, "version": version}
    if framework is None:
        return fields, _IDS
    criterion_ids = _criterion_ids(framework)
    return fields, _sampled(criterion_ids) if criterion_ids else None


def framework_mappings(
    *, source: Framework | None = None, target: Framework | None = None
) -> st.SearchStrategy[FrameworkMapping]:
    """Mappings from the criteria of one framework to those of another.

    Parameters
    ----------
    source : Framework, optional
        The framework mapped from. When given, the mapping names it (and at most its
        version) and links from its criteria only. By default ids are arbitrary.
    target : Framework, optional
        The framework mapped to, likewise.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of FrameworkMapping
        Up to four links, at most one per pair of criteria; none when either
        framework has no criteria.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from lscbqa.frameworks import example_framework
    >>> framework = example_framework()
    >>> known = {criterion.id for criterion in framework.criteria()}
    >>> @settings(max_examples=20)
    ... @given(framework_mappings(source=framework, target=framework))
    ... def test_links_join_criteria_of_the_frameworks(mapping):
    ...     assert mapping.source == mapping.target == framework.id
    ...     assert all({link.source, link.target} <= known for link in mapping.links)
    >>> test_links_join_criteria_of_the_frameworks()
    """
    source_fields, source_ids = _side(source)
    target_fields, target_ids = _side(target)
    links: st.SearchStrategy[list[_LinkParts]] = (
        st.builds(list)
        if source_ids is None or target_ids is None
        else st.lists(_link_parts(source_ids, target_ids), max_size=_MAX_RATINGS)
    )
    fields = _with_extras(
        {"id": _IDS, "source": source_fields["id"], "target": target_fields["id"]},
        {
            "source_version": source_fields["version"],
            "target_version": target_fields["version"],
            "description": _OPTIONAL_TEXTS,
        },
    )
    return st.builds(_assemble_mapping, fields, links)


# -- ratings and assessments --------------------------------------------------------------------


_RATING_FIELDS = _with_extras(
    {"reason": _NON_BLANK_TEXTS, "role": _ROLES},
    {
        "rater": _OPTIONAL_NON_BLANK_TEXTS,
        "date": _OPTIONAL_DATES,
        "comment": _OPTIONAL_TEXTS,
        "immediate_concern": st.booleans(),
        "review": st.booleans(),
        "carried_from": st.none() | _CARRIED,
    },
)


def _make_rating(
    target: tuple[str, str], fields: dict[str, Any], evidence_ids: list[str]
) -> Rating:
    """A rating of ``target`` (criterion id and level); only N/A ratings keep the reason."""
    criterion_id, level = target
    reason = fields["reason"] if level == NOT_APPLICABLE else None
    return Rating(
        criterion_id=criterion_id,
        level=level,
        evidence_ids=evidence_ids,
        **{**fields, "reason": reason},
    )


def ratings(
    *, criterion_ids: Sequence[str] | None = None, levels: Sequence[str] | None = None
) -> st.SearchStrategy[Rating]:
    """Ratings by every role; about one in five says "not applicable", with a reason.

    Parameters
    ----------
    criterion_ids : sequence of str, optional
        The criteria to rate; any ids by default.
    levels : sequence of str, optional
        The level codes to rate with (besides ``"not_applicable"``); any codes by default.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of Rating
        Some are of immediate concern, flagged for review or carried over from a
        criterion of another framework.

    Raises
    ------
    ValueError
        If ``criterion_ids`` or ``levels`` is given but empty.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(ratings(criterion_ids=["c1"], levels=["red", "green"]))
    ... def test_ratings_use_the_levels_given(rating):
    ...     assert rating.criterion_id == "c1"
    ...     assert rating.level in {"red", "green", "not_applicable"}
    ...     assert (rating.reason is not None) == rating.is_not_applicable
    >>> test_ratings_use_the_levels_given()
    """
    codes = _LEVEL_CODES if levels is None else _choose_from(levels, "level")
    target = st.tuples(_choose_from(criterion_ids, "criterion id"), _or_not_applicable(codes))
    return st.builds(_make_rating, target, _RATING_FIELDS, _ID_LISTS)


class _RatingParts(NamedTuple):
    target: tuple[str, str]
    fields: dict[str, Any]
    evidence_picks: list[int]


def _assemble_assessment(
    *,
    fields: dict[str, Any],
    evidence_fields: list[dict[str, Any]],
    rating_parts: list[_RatingParts],
) -> Assessment:
    items = _with_unique_ids(_make_evidence, evidence_fields)
    evidence_ids = [item.id for item in items]
    assessment_ratings: list[Rating] = []
    keys: set[tuple[str, Role, str | None]] = set()
    for parts in rating_parts:
        rating = _make_rating(
            parts.target, parts.fields, _picked(evidence_ids, parts.evidence_picks)
        )
        key = (rating.criterion_id, rating.role, rating.rater)
        if key not in keys:
            keys.add(key)
            assessment_ratings.append(rating)
    return Assessment(ratings=assessment_ratings, evidence=items, **fields)


def _targets(framework: Framework | None) -> st.SearchStrategy[tuple[str, str]] | None:
    """What a rating rates: a criterion and a level of its scale (None if nothing can be)."""
    if framework is None:
        return st.tuples(_IDS, _or_not_applicable(_LEVEL_CODES))
    options = [
        st.tuples(
            st.just(criterion.id),
            _or_not_applicable(_sampled(framework.scale_for(criterion.id).codes)),
        )
        for criterion in framework.criteria()
    ]
    return st.one_of(options) if options else None


def assessments(*, framework: Framework | None = None) -> st.SearchStrategy[Assessment]:
    """Assessments whose ratings cite their own evidence, one per criterion, role and rater.

    Parameters
    ----------
    framework : Framework, optional
        The framework rated against. When given, the assessment names it, rates its
        criteria with levels of each criterion's scale (or "not applicable", with a
        reason) and its evidence names only its criteria, so that
        ``assessment.check(framework)`` finds no error. By default ids and levels
        are arbitrary.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of Assessment
        Evidence ids are unique; every cited evidence id is in the assessment.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from lscbqa.frameworks import example_framework
    >>> framework = example_framework()
    >>> @settings(max_examples=20)
    ... @given(assessments(framework=framework))
    ... def test_check_finds_no_error(assessment):
    ...     assert not [finding for finding in assessment.check(framework) if finding.is_error]
    >>> test_check_finds_no_error()
    """
    framework_id, version = _framework_reference(framework)
    header = {"framework_id": framework_id, "framework_version": version}
    cited = _ID_LISTS if framework is None else _sampled_lists(_criterion_ids(framework))
    targets = _targets(framework)
    rating_parts: st.SearchStrategy[list[_RatingParts]] = (
        st.builds(list)
        if targets is None
        else st.lists(
            st.builds(_RatingParts, targets, _RATING_FIELDS, _PICK_LISTS), max_size=_MAX_RATINGS
        )
    )
    fields = st.fixed_dictionaries(
        {"id": _IDS, "subject": _IDS, "period": _OPTIONAL_PERIODS, **header}
    )
    return st.builds(
        _assemble_assessment,
        fields=fields,
        evidence_fields=st.lists(_evidence_fields(cited), max_size=_MAX_ITEMS),
        rating_parts=rating_parts,
    )


_FINDINGS = st.builds(
    Finding,
    severity=st.sampled_from(Severity),
    code=_IDS,
    path=_TEXTS,
    message=_TEXTS,
)


def findings() -> st.SearchStrategy[Finding]:
    """Findings of every severity, with any path and message text.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of Finding

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(findings())
    ... def test_only_errors_are_errors(finding):
    ...     assert finding.is_error == (finding.severity == "error")
    >>> test_only_errors_are_errors()
    """
    return _FINDINGS
