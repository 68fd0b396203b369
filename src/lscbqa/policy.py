"""Scoring policies: how ratings become judgements, stated as data.

A :class:`ScoringPolicy` says how each node aggregates its children (weighted
mean, weighted median, minimum, maximum, all-must-meet, or a registered custom
aggregator), how "not applicable" counts, how much of a node must be rated before
it is judged, which limiting rules cap or floor a judgement, and the cut points
from a normalised score to a level of the judgement scale. A policy is part of a
framework and is tailored with it (``set.scoring``).

Examples
--------
>>> policy = ScoringPolicy(
...     aggregator="weighted_mean",
...     min_coverage=0.5,
...     rules=[
...         LimitingRule(
...             id="inadequate-caps-domain",
...             applies_to="domains",
...             condition="any_at_or_below",
...             level="inadequate",
...             effect="cap",
...             at="requires_improvement",
...         )
...     ],
... )
>>> policy.aggregator_for("voice"), policy.rules[0].effect.value
('weighted_mean', 'cap')
"""

from __future__ import annotations

import enum
import math
import typing
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from lscbqa import _util
from lscbqa.exceptions import Problem, ValidationError

__all__ = [
    "BUILTIN_AGGREGATORS",
    "DOMAINS",
    "OVERALL",
    "Condition",
    "Effect",
    "LimitingRule",
    "ScoringPolicy",
]

OVERALL = "overall"
"""The name rules use for the framework's overall judgement (``applies_to = "overall"``)."""

DOMAINS = "domains"
"""``applies_to = "domains"``: the rule applies to every domain, at any depth."""

BUILTIN_AGGREGATORS = (
    "weighted_mean",
    "weighted_median",
    "minimum",
    "maximum",
    "all_must_meet",
)
"""The aggregators every policy can name; others must be registered (see :mod:`lscbqa.scoring`)."""


class Condition(enum.StrEnum):
    """When a limiting rule takes effect on a node.

    ``any_at_or_below``: any criterion under the node is at or below ``level``.
    ``any_child_at_or_below``: any child of the node (a domain, say) is at or below
    ``level``.
    ``all_at_or_above``: every scored criterion under the node is at or above ``level``.

    Levels are those of the judgement scale: a node on it is at the level it was given
    (rated, or set by a rule); a criterion on another scale is placed on it by its
    normalised score.
    ``weakest_of``: always; the limit is the weakest score of the rule's ``nodes``.

    Examples
    --------
    >>> Condition("weakest_of") is Condition.WEAKEST_OF
    True
    """

    ANY_AT_OR_BELOW = "any_at_or_below"
    ANY_CHILD_AT_OR_BELOW = "any_child_at_or_below"
    ALL_AT_OR_ABOVE = "all_at_or_above"
    WEAKEST_OF = "weakest_of"


class Effect(enum.StrEnum):
    """What a limiting rule does: ``cap`` (no better than) or ``floor`` (no worse than).

    Examples
    --------
    >>> Effect.CAP.value
    'cap'
    """

    CAP = "cap"
    FLOOR = "floor"


def _to_condition(value: Condition | str) -> Condition:
    """Accept a member or its value; anything else is left for the validator to report."""
    return typing.cast(Condition, _util.as_enum(Condition, value))


def _to_effect(value: Effect | str) -> Effect:
    """Accept a member or its value; anything else is left for the validator to report."""
    return typing.cast(Effect, _util.as_enum(Effect, value))


def _to_ids(values: Iterable[str]) -> tuple[str, ...]:
    return typing.cast(tuple[str, ...], _util.to_tuple(values))


def _rule_is_whole(rule: LimitingRule) -> None:
    problems = []
    if rule.condition is Condition.WEAKEST_OF:
        if not rule.nodes:
            problems.append(Problem("$.nodes", "expected the nodes whose weakest score limits"))
        if rule.effect is not Effect.CAP:
            problems.append(Problem("$.effect", "expected 'cap': the weakest of nodes caps"))
        if rule.level is not None or rule.at is not None:
            problems.append(
                Problem("$.level", "expected no level or at: the weakest score is the limit")
            )
    else:
        if rule.level is None:
            problems.append(
                Problem("$.level", f"expected the level that {rule.condition.value} tests")
            )
        if rule.at is None:
            problems.append(Problem("$.at", f"expected the level to {rule.effect.value} at"))
        if rule.nodes:
            problems.append(Problem("$.nodes", "expected no nodes: they go with 'weakest_of'"))
        wanted = Effect.FLOOR if rule.condition is Condition.ALL_AT_OR_ABOVE else Effect.CAP
        if rule.effect is not wanted:
            problems.append(
                Problem(
                    "$.effect",
                    f"expected {wanted.value!r} with {rule.condition.value!r}; found "
                    f"{rule.effect.value!r}",
                )
            )
    if problems:
        raise ValidationError(problems)


@attrs.frozen(kw_only=True)
class LimitingRule:
    """A rule that caps or floors a judgement, whatever the aggregate says.

    Parameters
    ----------
    id : str
        Names the rule in explanations.
    applies_to : str
        ``"overall"``, ``"domains"`` (every domain) or a node id.
    condition : Condition or str
        ``any_at_or_below``, ``any_child_at_or_below``, ``all_at_or_above`` or
        ``weakest_of``.
    level : str, optional
        The level (of the judgement scale) the condition tests criteria against.
    nodes : sequence of str, optional
        For ``weakest_of``: the nodes whose weakest score is the cap.
    effect : Effect or str
        ``floor`` with ``all_at_or_above``; ``cap`` with the others.
    at : str, optional
        The judgement-scale level to cap or floor at.
    description : str, optional
        The rule in words.

    Examples
    --------
    >>> rule = LimitingRule(
    ...     id="weaker-of-leadership-and-practice",
    ...     applies_to="overall",
    ...     condition="weakest_of",
    ...     nodes=["leadership", "practice"],
    ...     effect="cap",
    ... )
    >>> rule.nodes
    ('leadership', 'practice')
    """

    id: str = attrs.field(metadata=_util.checks(_util.identifier))
    applies_to: str = attrs.field(metadata=_util.checks(_util.identifier))
    condition: Condition = attrs.field(converter=_to_condition)
    level: str | None = attrs.field(default=None, metadata=_util.checks(_util.identifier))
    nodes: tuple[str, ...] = attrs.field(
        default=(), converter=_to_ids, metadata=_util.checks(_util.identifiers)
    )
    effect: Effect = attrs.field(converter=_to_effect)
    at: str | None = attrs.field(default=None, metadata=_util.checks(_util.identifier))
    description: str | None = attrs.field(default=None)

    def __attrs_post_init__(self) -> None:
        _util.validate(self, _rule_is_whole)


def _coverage_in_unit_interval(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not (math.isfinite(value) and 0.0 <= value <= 1.0):
        _util.fail(
            _util.field_path(attribute), f"expected a share in [0, 1]; found {_util.found(value)}"
        )


def _aggregator_name(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not _util.is_identifier(value):
        _util.fail(
            _util.field_path(attribute), f"expected an aggregator name; found {_util.found(value)}"
        )


def _aggregator_names(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    for node_id, name in value.items():
        if not _util.is_identifier(name):
            _util.fail(
                _util.field_path(attribute, node_id),
                f"expected an aggregator name; found {_util.found(name)}",
            )


def _unique_rule_ids(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    _util.unique_ids(value, "$.rules", "rule id")


def _to_rules(values: Iterable[LimitingRule]) -> tuple[LimitingRule, ...]:
    return typing.cast(tuple[LimitingRule, ...], _util.to_tuple(values))


@attrs.frozen(kw_only=True)
class ScoringPolicy:
    """How a framework's ratings become scores and judgements.

    Parameters
    ----------
    aggregator : str, default "weighted_mean"
        How a node combines its children's scores, unless ``aggregators`` says
        otherwise: one of :data:`BUILTIN_AGGREGATORS` or a registered name.
    aggregators : mapping of str to str, optional
        Aggregators for particular nodes (by node id, or ``"overall"``).
    not_applicable : str, optional
        None (the default): a not-applicable rating is left out. A level code:
        not-applicable ratings count as that level of their criterion's scale.
    min_coverage : float, default 0.0
        The share of a node's applicable children that must have a score for the
        node to be judged; below it the node is "insufficient evidence".
    meet : float, default 1.0
        For ``all_must_meet``: the normalised score a child must reach to count as met.
    rules : sequence of LimitingRule, optional
        Caps and floors, applied in order after aggregation.
    thresholds : sequence of float, optional
        Cut points from a normalised score to the judgement scale's levels; the
        scale's own cut points by default.

    Examples
    --------
    >>> ScoringPolicy(aggregators={"overall": "minimum"}).aggregator_for("overall")
    'minimum'
    """

    aggregator: str = attrs.field(default="weighted_mean", metadata=_util.checks(_aggregator_name))
    aggregators: Mapping[str, str] = attrs.field(
        factory=_util.FrozenDict,
        converter=_util.to_frozendict,
        metadata=_util.checks(_aggregator_names),
    )
    not_applicable: str | None = attrs.field(default=None, metadata=_util.checks(_util.identifier))
    min_coverage: float = attrs.field(
        default=0.0, converter=_util.to_float, metadata=_util.checks(_coverage_in_unit_interval)
    )
    meet: float = attrs.field(
        default=1.0, converter=_util.to_float, metadata=_util.checks(_coverage_in_unit_interval)
    )
    rules: tuple[LimitingRule, ...] = attrs.field(
        default=(), converter=_to_rules, metadata=_util.checks(_unique_rule_ids)
    )
    thresholds: tuple[float, ...] = attrs.field(default=(), converter=_util.to_float_tuple)

    def __attrs_post_init__(self) -> None:
        _util.validate(self)

    def aggregator_for(self, node_id: str) -> str:
        """The aggregator a node uses: its own, else the policy's.

        Examples
        --------
        >>> ScoringPolicy().aggregator_for("any-node")
        'weighted_mean'
        """
        return self.aggregators.get(node_id, self.aggregator)
