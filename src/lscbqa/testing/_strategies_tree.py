"""Strategies for the requirement tree: criteria, domains and frameworks.

Re-exported by :mod:`lscbqa.testing.strategies`, the one place to import them from.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any, NamedTuple

import attrs
from hypothesis import strategies as st

from lscbqa.measures import Indicator
from lscbqa.model import Criterion, Domain, Framework
from lscbqa.policy import ScoringPolicy
from lscbqa.provenance import Origin
from lscbqa.scales import OFSTED4, RatingScale
from lscbqa.testing._strategies_base import (
    _ID_LISTS,
    _IDS,
    _MAX_CHILDREN,
    _MAX_ITEMS,
    _METADATA,
    _NON_BLANK_TEXTS,
    _OPTIONAL_TEXTS,
    _PICK_LISTS,
    _PICKS,
    _QUESTION_LISTS,
    _TAG_LISTS,
    _TEXTS,
    _WEIGHTS,
    _picked,
    _unique,
    _with_extras,
)
from lscbqa.testing._strategies_indicators import _INDICATORS
from lscbqa.testing._strategies_policy import (
    _POLICY_PARTS,
    _SELECTORS,
    _assemble_policy,
    _framework_context,
    _PolicyParts,
)
from lscbqa.testing._strategies_values import (
    _ANY_BUILTIN_SCALE,
    _EXPECTATIONS,
    _ORIGINS,
    rating_scales,
)

__all__ = ["criteria", "domains", "frameworks"]


# -- the requirement tree -----------------------------------------------------------------------


class _CriterionParts(NamedTuple):
    id: str
    scale: RatingScale | None
    descriptors: list[tuple[int, str]]
    fields: dict[str, Any]
    children: list[_CriterionParts]


class _DomainParts(NamedTuple):
    id: str
    fields: dict[str, Any]
    children: list[_DomainParts | _CriterionParts]


_CRITERION_FIELDS = _with_extras(
    {"title": _NON_BLANK_TEXTS, "weight": _WEIGHTS, "evidence": _EXPECTATIONS},
    {
        "description": _OPTIONAL_TEXTS,
        "guidance": _OPTIONAL_TEXTS,
        "indicator_ids": _ID_LISTS,
        "tags": _TAG_LISTS,
        "questions": _QUESTION_LISTS,
    },
)
_DOMAIN_FIELDS = _with_extras(
    {"title": _NON_BLANK_TEXTS, "weight": _WEIGHTS},
    {"description": _OPTIONAL_TEXTS, "questions": _QUESTION_LISTS},
)
_DESCRIPTOR_PICKS = st.lists(st.tuples(_PICKS, _TEXTS), max_size=_MAX_ITEMS)
# Most criteria are rated on the scale in force above them; some name their own. Like real
# frameworks, most use a registered scale (written by name); some define one.
_OWN_SCALES = st.one_of(
    st.none(),
    st.none(),
    st.none(),
    _ANY_BUILTIN_SCALE,
    rating_scales(max_levels=4),
)
_FRAMEWORK_SCALES = _ANY_BUILTIN_SCALE | rating_scales()


# The parts of a tree are drawn by composites so that a strategy's repr, which Hypothesis
# builds when a draw fails, names the depth instead of spelling out the whole nested tree.


@functools.lru_cache(maxsize=16)
def _criterion_parts(depth: int) -> st.SearchStrategy[_CriterionParts]:
    return _drawn_criterion_parts(depth=depth)


@functools.lru_cache(maxsize=16)
def _criterion_children(depth: int) -> st.SearchStrategy[list[_CriterionParts]]:
    if not depth:
        return st.builds(list)
    return st.lists(_criterion_parts(depth - 1), max_size=_MAX_CHILDREN)


@st.composite
def _drawn_criterion_parts(draw: st.DrawFn, *, depth: int) -> _CriterionParts:
    return _CriterionParts(
        id=draw(_IDS),
        scale=draw(_OWN_SCALES),
        descriptors=draw(_DESCRIPTOR_PICKS),
        fields=draw(_CRITERION_FIELDS),
        children=draw(_criterion_children(depth)),
    )


@functools.lru_cache(maxsize=16)
def _domain_parts(depth: int) -> st.SearchStrategy[_DomainParts]:
    return _drawn_domain_parts(depth=depth)


@functools.lru_cache(maxsize=16)
def _domain_children(depth: int) -> st.SearchStrategy[list[_DomainParts | _CriterionParts]]:
    if not depth:
        return st.builds(list)
    child: st.SearchStrategy[_DomainParts | _CriterionParts] = _criterion_parts(depth - 1)
    if depth > 1:
        child = st.one_of(child, _domain_parts(depth - 1))
    return st.lists(child, max_size=_MAX_CHILDREN)


@st.composite
def _drawn_domain_parts(draw: st.DrawFn, *, depth: int) -> _DomainParts:
    return _DomainParts(
        id=draw(_IDS), fields=draw(_DOMAIN_FIELDS), children=draw(_domain_children(depth))
    )


def _assemble_criterion(parts: _CriterionParts, used: set[str], scale: RatingScale) -> Criterion:
    """Build a criterion; ``scale`` is the one in force above it."""
    criterion_id = _unique(parts.id, used)
    # Sub-criteria are rated on the scale of their nearest criterion that names one.
    scale = parts.scale or scale
    codes = scale.codes
    return Criterion(
        id=criterion_id,
        scale=parts.scale,
        descriptors={codes[pick % len(codes)]: text for pick, text in parts.descriptors},
        children=[_assemble_criterion(child, used, scale) for child in parts.children],
        **parts.fields,
    )


def _assemble_domain(parts: _DomainParts, used: set[str], scale: RatingScale) -> Domain:
    """Build a domain; ``scale`` is the framework's."""
    domain_id = _unique(parts.id, used)
    return Domain(
        id=domain_id,
        children=[
            _assemble_domain(child, used, scale)
            if isinstance(child, _DomainParts)
            else _assemble_criterion(child, used, scale)
            for child in parts.children
        ],
        **parts.fields,
    )


def _check_depth(max_depth: int) -> None:
    if max_depth < 0:
        raise ValueError(f"expected max_depth >= 0; found {max_depth}")


def criteria(
    *, max_depth: int = 2, framework_scale: RatingScale = OFSTED4
) -> st.SearchStrategy[Criterion]:
    """Criteria with sub-criteria, ids unique across the whole tree.

    Parameters
    ----------
    max_depth : int, default 2
        How many levels of sub-criteria there may be below the criterion.
    framework_scale : RatingScale, default OFSTED4
        The scale of the framework the criteria will sit in. A criterion without a
        scale of its own is rated on its nearest enclosing criterion's scale, else
        on this one, and its level descriptors name levels of that scale.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of Criterion
        Level descriptors name only levels of each criterion's effective scale. No
        node has the id ``"overall"`` or ``"domains"``, which frameworks reserve.

    Raises
    ------
    ValueError
        If ``max_depth`` is negative.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(criteria(max_depth=1))
    ... def test_sub_criteria_are_leaves(criterion):
    ...     assert all(child.is_leaf for child in criterion.children)
    >>> test_sub_criteria_are_leaves()
    """
    _check_depth(max_depth)
    return _criterion_parts(max_depth).map(
        lambda parts: _assemble_criterion(parts, set(_SELECTORS), framework_scale)
    )


def domains(
    *, max_depth: int = 2, framework_scale: RatingScale = OFSTED4
) -> st.SearchStrategy[Domain]:
    """Domains holding domains and criteria, ids unique across the whole tree.

    Parameters
    ----------
    max_depth : int, default 2
        How many levels of nodes there may be below the domain.
    framework_scale : RatingScale, default OFSTED4
        The scale of the framework the domains will sit in. A criterion without a
        scale of its own is rated on its nearest enclosing criterion's scale, else
        on this one, and its level descriptors name levels of that scale.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of Domain
        No node has the id ``"overall"`` or ``"domains"``, which frameworks reserve.

    Raises
    ------
    ValueError
        If ``max_depth`` is negative.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10)
    ... @given(domains(max_depth=1))
    ... def test_shallow_domains_hold_leaf_criteria(domain):
    ...     assert all(isinstance(child, Criterion) and child.is_leaf for child in domain.children)
    >>> test_shallow_domains_hold_leaf_criteria()
    """
    _check_depth(max_depth)
    return _domain_parts(max_depth).map(
        lambda parts: _assemble_domain(parts, set(_SELECTORS), framework_scale)
    )


def _assemble_framework(
    *,
    scale: RatingScale,
    domains: list[_DomainParts],
    fields: dict[str, Any],
    origins: list[Origin] | None,
    scoring: _PolicyParts | None,
    indicators: list[tuple[Indicator, list[int]]] = (),  # type: ignore[assignment]
) -> Framework:
    used = set(_SELECTORS)
    assembled = [_assemble_domain(parts, used, scale) for parts in domains]
    node_ids = sorted(used - _SELECTORS)
    # Provenance is empty, or gives every node an origin: deal the drawn ones out in turn.
    provenance = (
        {node_id: origins[index % len(origins)] for index, node_id in enumerate(node_ids)}
        if origins
        else {}
    )
    policy = (
        ScoringPolicy()
        if scoring is None
        else _assemble_policy(scoring, _framework_context(scale, assembled))
    )
    return Framework(
        scale=scale,
        domains=assembled,
        provenance=provenance,
        scoring=policy,
        indicators=_attach_indicators(indicators, assembled),
        **fields,
    )


def _attach_indicators(
    parts: Sequence[tuple[Indicator, list[int]]], domains: Sequence[Domain]
) -> list[Indicator]:
    """Indicators with unique ids, each linked to criteria of the tree picked by position."""
    criterion_ids = [node.id for node in _tree_nodes(domains) if isinstance(node, Criterion)]
    attached: dict[str, Indicator] = {}
    for indicator, picks in parts:
        attached.setdefault(
            indicator.id, attrs.evolve(indicator, criterion_ids=_picked(criterion_ids, picks))
        )
    return list(attached.values())


def _tree_nodes(nodes: Sequence[Domain | Criterion]) -> list[Domain | Criterion]:
    found: list[Domain | Criterion] = []
    for node in nodes:
        found.append(node)
        found.extend(_tree_nodes(node.children))
    return found


_FRAMEWORK_FIELDS = st.fixed_dictionaries(
    {
        "id": _IDS,
        "version": _NON_BLANK_TEXTS,
        "title": _NON_BLANK_TEXTS,
        "description": _OPTIONAL_TEXTS,
        "metadata": _METADATA,
    }
)


def frameworks(
    *,
    max_domains: int = 3,
    max_depth: int = 2,
    scale: RatingScale | None = None,
    scoring: bool = True,
) -> st.SearchStrategy[Framework]:
    """Frameworks: trees of domains and criteria with ids unique across the whole tree.

    Parameters
    ----------
    max_domains : int, default 3
        The most top-level domains; there is always at least one.
    max_depth : int, default 2
        How many levels of nodes there may be below each top-level domain.
    scale : RatingScale, optional
        The framework's scale; by default a built-in scale half the time, else one
        drawn from :func:`rating_scales`.
    scoring : bool, default True
        Whether to draw a scoring policy; if False, every framework has the default
        policy (a weighted mean, no limiting rule).

    Returns
    -------
    hypothesis.strategies.SearchStrategy of Framework
        Some criteria have scales of their own; every level descriptor names a
        level of its criterion's effective scale. About half the frameworks carry
        provenance, as if built by tailoring: an origin for every node. About half
        have the default scoring policy, the others one drawn as
        :func:`scoring_policies` draws for the framework, whose ``weakest_of`` rules
        are limited by nodes directly under the node they apply to.

    Raises
    ------
    ValueError
        If ``max_domains < 1`` or ``max_depth`` is negative.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from lscbqa.scales import RAG3
    >>> @settings(max_examples=10)
    ... @given(frameworks(scale=RAG3))
    ... def test_every_node_has_its_own_id(framework):
    ...     ids = [node.id for node in framework.nodes()]
    ...     assert len(ids) == len(set(ids)) == sum(framework.counts().values())
    ...     assert framework.scale is RAG3
    >>> test_every_node_has_its_own_id()
    """
    if max_domains < 1:
        raise ValueError(f"expected max_domains >= 1; found {max_domains}")
    _check_depth(max_depth)
    return st.builds(
        _assemble_framework,
        scale=_FRAMEWORK_SCALES if scale is None else st.just(scale),
        domains=st.lists(_domain_parts(max_depth), min_size=1, max_size=max_domains),
        fields=_FRAMEWORK_FIELDS,
        origins=st.none() | st.lists(_ORIGINS, min_size=1, max_size=_MAX_ITEMS),
        scoring=st.none() | _POLICY_PARTS if scoring else st.none(),
        indicators=st.lists(st.tuples(_INDICATORS, _PICK_LISTS), max_size=2),
    )
