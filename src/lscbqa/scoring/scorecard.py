"""Scorecards: the result of scoring one assessment, node by node, and why.

Examples
--------
>>> from lscbqa.scoring import score
>>> from lscbqa.assessment import Assessment, Rating
>>> from lscbqa.model import _example
>>> card = score(
...     _example(),
...     Assessment(
...         id="a",
...         framework_id="example",
...         subject="police",
...         ratings=[
...             Rating(criterion_id="c1", level="good", role="moderated"),
...             Rating(criterion_id="c2.a", level="partially_met", role="moderated"),
...         ],
...     ),
... )
>>> card.overall.level, round(card.overall.score, 3)
('good', 0.611)
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

import attrs

from lscbqa.criteria import Node
from lscbqa.exceptions import NotFoundError
from lscbqa.model import Framework
from lscbqa.policy import OVERALL, Condition, Effect, LimitingRule, ScoringPolicy

__all__ = ["NodeResult", "Scorecard", "Status"]


class Status(enum.StrEnum):
    """Whether a node has a score, and if not, why not.

    Examples
    --------
    >>> Status.INSUFFICIENT_EVIDENCE.label
    'insufficient evidence'
    """

    SCORED = "scored"
    NOT_APPLICABLE = "not_applicable"
    UNRATED = "unrated"
    INSUFFICIENT_EVIDENCE = "insufficient_evidence"

    @property
    def label(self) -> str:
        """The status in words.

        Examples
        --------
        >>> Status.NOT_APPLICABLE.label
        'not applicable'
        """
        return self.value.replace("_", " ")


@attrs.frozen(kw_only=True)
class NodeResult:
    """The result for one criterion, domain, or the overall judgement.

    Parameters
    ----------
    node_id : str
        The node, or ``"overall"``.
    kind : str
        ``"criterion"``, ``"domain"`` or ``"overall"``.
    status : Status
        Scored, not applicable, unrated or insufficient evidence.
    score : float or None
        The normalised score in [0, 1] after limiting rules; None without a score.
    level : str or None
        The level the score reaches: on the criterion's scale for criteria, on
        the judgement scale otherwise.
    unlimited_score : float or None
        The score before limiting rules.
    coverage : float or None
        The share of applicable children with a score (1 or 0 for a rated or
        unrated criterion); None when nothing applies.
    scored, applicable : int
        How many children have a score, and how many apply.
    evidence : int
        Pieces of evidence cited by the ratings at or under the node.
    aggregator : str or None
        How children were combined; None for a directly rated criterion.
    limited_by : str or None
        The id of the last limiting rule that changed the result.

    Examples
    --------
    >>> NodeResult(node_id="c", kind="criterion", status=Status.UNRATED).score is None
    True
    """

    node_id: str
    kind: str
    status: Status
    score: float | None = None
    level: str | None = None
    unlimited_score: float | None = None
    coverage: float | None = None
    scored: int = 0
    applicable: int = 0
    evidence: int = 0
    aggregator: str | None = None
    limited_by: str | None = None


@attrs.frozen(kw_only=True)
class Scorecard:
    """Scores of every node of a framework for one assessment, with the reasons.

    Parameters
    ----------
    framework : Framework
        The framework scored against (not compared by ``==``).
    policy : ScoringPolicy
        The policy used.
    assessment_id, subject : str
        The assessment and its subject.
    role : str
        Whose ratings were scored (``"moderated"``, ``"self"``...).
    results : mapping of str to NodeResult
        One per node, by id.
    overall : NodeResult
        The overall judgement.

    Examples
    --------
    >>> from lscbqa.model import _example
    >>> card = Scorecard(
    ...     framework=_example(), policy=ScoringPolicy(), assessment_id="a", subject="s",
    ...     role="self", results={}, overall=NodeResult(node_id="overall", kind="overall",
    ...     status=Status.UNRATED),
    ... )
    >>> card.overall.status
    <Status.UNRATED: 'unrated'>
    """

    framework: Framework = attrs.field(eq=False, repr=False)
    policy: ScoringPolicy
    assessment_id: str
    subject: str
    role: str
    results: Mapping[str, NodeResult]
    overall: NodeResult

    def __getitem__(self, node_id: str) -> NodeResult:
        if node_id == OVERALL:
            return self.overall
        try:
            return self.results[node_id]
        except KeyError:
            raise NotFoundError(
                f"framework {self.framework.id!r} has no domain or criterion {node_id!r}"
            ) from None

    def explain(self, node_id: str = OVERALL) -> str:
        """How a node's result came about, in words.

        Parameters
        ----------
        node_id : str, default "overall"
            A node id, or ``"overall"``.

        Returns
        -------
        str
            The inputs (a rating, or the children with their scores and weights),
            the aggregator, the coverage, and any limiting rule with its effect.

        Examples
        --------
        >>> from lscbqa.scoring import score
        >>> from lscbqa.assessment import Assessment, Rating
        >>> from lscbqa.model import _example
        >>> card = score(_example(), Assessment(
        ...     id="a", framework_id="example", subject="s",
        ...     ratings=[Rating(criterion_id="c1", level="good", role="moderated")],
        ... ))
        >>> print(card.explain("d"))
        Domain 'd' (Domain): weighted mean of 1 of 2 applicable children (coverage 50%) -> ...
          c1 (Criterion one): 0.667, good, weight 2
          c2 (Criterion two): unrated, weight 1
        """
        result = self[node_id]
        children: tuple[Node, ...]
        if result.kind == "overall":
            title, children, label = self.framework.title, self.framework.domains, "Overall"
        else:
            node = self.framework.node(node_id)
            title, children = node.title, node.children
            label = f"{result.kind.capitalize()} {node_id!r}"
        head = f"{label} ({title}): "
        if result.aggregator is None:
            head += _direct(result)
        else:
            head += (
                f"{result.aggregator.replace('_', ' ')} of {result.scored} of "
                f"{result.applicable} applicable children"
            )
            if result.coverage is not None:
                head += f" (coverage {result.coverage:.0%})"
            head += f" -> {_outcome(result)}."
        lines = [head]
        if result.limited_by is not None:
            lines.append("  " + _rule_effect(self.policy, result))
        if result.aggregator is not None:
            for child in children:
                child_result = self.results[child.id]
                lines.append(
                    f"  {child.id} ({child.title}): {_outcome(child_result)}, "
                    f"weight {child.weight:g}"
                )
        return "\n".join(lines)


def _direct(result: NodeResult) -> str:
    if result.status is Status.SCORED:
        return f"rated {result.level} -> {_outcome(result)}; evidence cited: {result.evidence}."
    return f"{result.status.label}."


def _outcome(result: NodeResult) -> str:
    if result.status is not Status.SCORED or result.score is None:
        return result.status.label
    return f"{result.score:.3f}, {result.level}"


def _rule_effect(policy: ScoringPolicy, result: NodeResult) -> str:
    rule: LimitingRule = next(r for r in policy.rules if r.id == result.limited_by)
    if rule.condition is Condition.WEAKEST_OF:
        why = f"no better than the weakest of {', '.join(rule.nodes)}"
    elif rule.condition is Condition.ANY_AT_OR_BELOW:
        why = f"a criterion at or below {rule.level}, so no better than {rule.at}"
    elif rule.condition is Condition.ANY_CHILD_AT_OR_BELOW:
        why = f"a part at or below {rule.level}, so no better than {rule.at}"
    else:
        why = f"every criterion at or above {rule.level}, so no worse than {rule.at}"
    before = "no score" if result.unlimited_score is None else f"{result.unlimited_score:.3f}"
    verb = "Capped" if rule.effect is Effect.CAP else "Floored"
    text = f"{verb} by rule {rule.id!r} ({why}): {before} -> "
    return text + _outcome(result) + (f". {rule.description}" if rule.description else ".")
