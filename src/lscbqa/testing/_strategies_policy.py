"""Strategies for scoring policies and limiting rules, free or fitted to a framework.

Re-exported by :mod:`lscbqa.testing.strategies`, the one place to import them from.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import NamedTuple

from hypothesis import strategies as st

from lscbqa.model import Criterion, Domain, Framework
from lscbqa.policy import (
    BUILTIN_AGGREGATORS,
    DOMAINS,
    OVERALL,
    Condition,
    Effect,
    LimitingRule,
    ScoringPolicy,
)
from lscbqa.scales import RatingScale
from lscbqa.testing._strategies_base import (
    _IDS,
    _LEVEL_CODES,
    _MAX_ITEMS,
    _OPTIONAL_TEXTS,
    _PICKS,
    _picked,
    _unique,
)

__all__ = ["limiting_rules", "scoring_policies"]


# -- scoring policies ---------------------------------------------------------------------------

# The names rules and aggregators use to select nodes, which frameworks reserve: drawn nodes
# never have them as ids.
_SELECTORS = frozenset({OVERALL, DOMAINS})
_SHARES = st.integers(min_value=0, max_value=1000).map(lambda thousandths: thousandths / 1000)
_AGGREGATORS = st.sampled_from(BUILTIN_AGGREGATORS)
_MAX_RULES = 2


class _PolicyContext(NamedTuple):
    """What a policy may refer to: nodes, and levels of the judgement scale."""

    node_ids: tuple[str, ...]
    # For weakest_of: each node a rule may apply to, and the nodes under it that may limit it.
    limits: dict[str, tuple[str, ...]]
    levels: tuple[str, ...]
    # Levels of every criterion's scale: what not-applicable ratings may count as.
    common_levels: tuple[str, ...]


def _framework_context(scale: RatingScale, domains: Sequence[Domain]) -> _PolicyContext:
    """The context of a framework with this scale and these domains."""
    node_ids: list[str] = []
    limits = {OVERALL: tuple(domain.id for domain in domains)}
    common = set(scale.codes)
    rated = False

    def visit(node: Domain | Criterion, inherited: RatingScale) -> None:
        nonlocal common, rated
        node_ids.append(node.id)
        if node.children:
            limits[node.id] = tuple(child.id for child in node.children)
        if isinstance(node, Criterion):
            inherited = node.scale or inherited
            common = common & set(inherited.codes) if rated else set(inherited.codes)
            rated = True
        for child in node.children:
            visit(child, inherited)

    for domain in domains:
        visit(domain, scale)
    return _PolicyContext(
        node_ids=tuple(node_ids),
        limits={node_id: under for node_id, under in limits.items() if under},
        levels=scale.codes,
        common_levels=tuple(sorted(common)),
    )


def _free_context(node_ids: list[str], level_codes: list[str]) -> _PolicyContext:
    """A context of any ids and levels, for policies drawn without a framework."""
    return _PolicyContext(
        node_ids=tuple(node_ids),
        limits={OVERALL: tuple(node_ids)},
        levels=tuple(level_codes),
        common_levels=tuple(level_codes),
    )


_FREE_CONTEXTS = st.builds(
    _free_context,
    st.lists(_IDS, min_size=1, max_size=_MAX_ITEMS, unique=True),
    st.lists(_LEVEL_CODES, min_size=2, max_size=4, unique=True),
)


class _RuleParts(NamedTuple):
    id: str
    condition: Condition
    target: int
    level: int
    at: int
    nodes: list[int]
    description: str | None


_RULE_PARTS = st.builds(
    _RuleParts,
    id=_IDS,
    condition=st.sampled_from(Condition),
    target=_PICKS,
    level=_PICKS,
    at=_PICKS,
    nodes=st.lists(_PICKS, min_size=1, max_size=2),
    description=_OPTIONAL_TEXTS,
)


def _assemble_rule(parts: _RuleParts, context: _PolicyContext, rule_id: str) -> LimitingRule:
    condition = parts.condition
    if condition is Condition.WEAKEST_OF and context.limits:
        # A weakest_of rule is limited by nodes scored before the node it applies to:
        # nodes under it (for the overall judgement, the top-level domains).
        targets = tuple(context.limits)
        target = targets[parts.target % len(targets)]
        under = context.limits[target]
        return LimitingRule(
            id=rule_id,
            applies_to=target,
            condition=condition,
            nodes=_picked(under, parts.nodes),
            effect=Effect.CAP,
            description=parts.description,
        )
    if condition is Condition.WEAKEST_OF:
        condition = Condition.ANY_AT_OR_BELOW
    targets = (OVERALL, DOMAINS, *context.node_ids)
    levels = context.levels
    return LimitingRule(
        id=rule_id,
        applies_to=targets[parts.target % len(targets)],
        condition=condition,
        level=levels[parts.level % len(levels)],
        effect=Effect.FLOOR if condition is Condition.ALL_AT_OR_ABOVE else Effect.CAP,
        at=levels[parts.at % len(levels)],
        description=parts.description,
    )


class _PolicyParts(NamedTuple):
    aggregator: str
    aggregators: list[tuple[int, str]]
    not_applicable: int | None
    min_coverage: float
    meet: float
    rules: list[_RuleParts]
    thresholds: list[int] | None


_POLICY_PARTS = st.builds(
    _PolicyParts,
    aggregator=_AGGREGATORS,
    aggregators=st.lists(st.tuples(_PICKS, _AGGREGATORS), max_size=2),
    not_applicable=st.none() | _PICKS,
    min_coverage=_SHARES,
    meet=_SHARES,
    rules=st.lists(_RULE_PARTS, max_size=_MAX_RULES),
    thresholds=st.none()
    | st.lists(st.integers(min_value=1, max_value=1000), min_size=1, max_size=4),
)


def _cut_points(steps: list[int], count: int) -> list[float]:
    """``count`` increasing cut points in (0, 1): running sums of the steps, taken in turn."""
    sums = list(itertools.accumulate(steps[i % len(steps)] for i in range(count + 1)))
    return [total / sums[-1] for total in sums[:-1]]


def _assemble_policy(parts: _PolicyParts, context: _PolicyContext) -> ScoringPolicy:
    nodes = (OVERALL, *context.node_ids)
    used: set[str] = set()
    common = context.common_levels
    return ScoringPolicy(
        aggregator=parts.aggregator,
        aggregators={nodes[pick % len(nodes)]: name for pick, name in parts.aggregators},
        not_applicable=None
        if parts.not_applicable is None or not common
        else common[parts.not_applicable % len(common)],
        min_coverage=parts.min_coverage,
        meet=parts.meet,
        rules=[_assemble_rule(rule, context, _unique(rule.id, used)) for rule in parts.rules],
        thresholds=()
        if parts.thresholds is None
        else _cut_points(parts.thresholds, len(context.levels) - 1),
    )


def _contexts(framework: Framework | None) -> st.SearchStrategy[_PolicyContext]:
    """What policies for ``framework`` may refer to: anything if None."""
    if framework is None:
        return _FREE_CONTEXTS
    return st.just(_framework_context(framework.scale, framework.domains))


def _make_rule(parts: _RuleParts, context: _PolicyContext) -> LimitingRule:
    return _assemble_rule(parts, context, parts.id)


def limiting_rules(*, framework: Framework | None = None) -> st.SearchStrategy[LimitingRule]:
    """Limiting rules of every condition, each with the effect its condition takes.

    Parameters
    ----------
    framework : Framework, optional
        The framework the rules are for. When given, they apply to ``"overall"``,
        ``"domains"`` or its nodes, test and limit at levels of its scale, and a
        ``weakest_of`` rule is limited by nodes directly under the node it applies
        to (for ``"overall"``, top-level domains). By default ids and levels are
        arbitrary.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of LimitingRule
        ``weakest_of`` rules name nodes and cap; ``all_at_or_above`` rules floor;
        the others cap; all but ``weakest_of`` name a level and a level to limit at.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from lscbqa.frameworks import example_framework
    >>> framework = example_framework()
    >>> @settings(max_examples=20)
    ... @given(limiting_rules(framework=framework))
    ... def test_rules_name_levels_of_the_scale(rule):
    ...     assert {rule.level, rule.at} <= {*framework.scale.codes, None}
    ...     assert (rule.effect == "floor") == (rule.condition == "all_at_or_above")
    >>> test_rules_name_levels_of_the_scale()
    """
    return st.builds(_make_rule, _RULE_PARTS, _contexts(framework))


def scoring_policies(*, framework: Framework | None = None) -> st.SearchStrategy[ScoringPolicy]:
    """Scoring policies: built-in aggregators, coverage, limiting rules and thresholds.

    Parameters
    ----------
    framework : Framework, optional
        The framework the policies are for. When given, every policy refers only to
        its nodes and its scale's levels (and counts "not applicable" only as a level
        of every criterion's scale), so ``attrs.evolve(framework, scoring=policy)`` is
        valid. By default ids and levels are arbitrary.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of ScoringPolicy
        Up to two aggregators for particular nodes, up to two rules with unique ids
        (see :func:`limiting_rules`), shares in thousandths, and sometimes
        thresholds: one fewer than the judgement scale's levels, increasing in (0, 1).

    Examples
    --------
    >>> import attrs
    >>> from hypothesis import given, settings
    >>> from lscbqa.frameworks import example_framework
    >>> framework = example_framework()
    >>> @settings(max_examples=20)
    ... @given(scoring_policies(framework=framework))
    ... def test_policies_fit_the_framework(policy):
    ...     assert attrs.evolve(framework, scoring=policy).scoring == policy
    >>> test_policies_fit_the_framework()
    """
    return st.builds(_assemble_policy, _POLICY_PARTS, _contexts(framework))
