"""The scoring engine against an independent, per-item reference implementation.

The reference below is written from the Notes of :func:`lscbqa.scoring.score` and the
rule semantics of :mod:`lscbqa.policy`, not from the engine: it walks the framework's
tree recursively for one assessment at a time, in plain Python floats.

- A criterion rated directly scores its level normalised on its scale,
  ``(value - lowest) / (highest - lowest)``, and its level is the level rated. A
  not-applicable rating leaves it without a score (unless the policy counts N/A as
  a level). A criterion without a rating of its own aggregates its sub-criteria.
- A node with children aggregates the scores of those that have one; children
  without a score lower the coverage (scored / applicable), not-applicable
  children are left out of it. No applicable child: not applicable; none scored:
  unrated; coverage below the policy's minimum: insufficient evidence.
- Levels of domains and the overall come from the judgement scale's cut points (or
  the policy's thresholds); a score on a cut point reaches the higher level.
- Limiting rules apply in policy order to each node that has a score, before its
  parent aggregates it. A cap is "no better than": it lowers the score to its bound
  and never raises the level; a floor is "no worse than": it raises the score to its
  bound and never lowers the level; on domains and the overall the level is also
  held at or below (cap) or at or above (floor) the rule's ``at`` level.
  ``weakest_of`` caps at the lowest score of its nodes that have one.
  ``any_at_or_below`` and ``all_at_or_above`` test the criteria below the node,
  ``any_child_at_or_below`` its children, by their levels on the judgement scale (a
  criterion on another scale placed by its score) against the rule's level.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from lscbqa.assessment import Assessment, Rating, Role
from lscbqa.criteria import Criterion, Domain
from lscbqa.exceptions import ValidationError
from lscbqa.model import Framework
from lscbqa.policy import BUILTIN_AGGREGATORS, Condition, LimitingRule, ScoringPolicy
from lscbqa.scales import NOT_APPLICABLE, RatingScale
from lscbqa.scoring import NodeResult, Scorecard, score, score_many
from lscbqa.testing.strategies import assessments, frameworks

TOLERANCE = 1e-9  # the rules' and coverage's tolerance
MEET_TOLERANCE = 1e-12
MEDIAN_TOLERANCE = 1e-12


# -- the reference implementation ----------------------------------------------------------------


@attrs.frozen
class Expected:
    """What the reference says about one node."""

    status: str
    score: float | None
    level: str | None
    coverage: float | None
    unlimited: float | None
    evidence: int
    cuts: tuple[float, ...]


def _levels_of(score: float, cuts: Sequence[float]) -> int:
    """The level a score reaches: the number of cut points at or below it."""
    return bisect.bisect_right(list(cuts), score)


def _aggregate(name: str, pairs: list[tuple[float, float]], meet: float) -> float:
    """Combine (score, weight) pairs, at least one, as the named built-in aggregator does."""
    scores = [value for value, _ in pairs]
    if name == "minimum":
        return min(scores)
    if name == "maximum":
        return max(scores)
    if name == "all_must_meet":
        return 1.0 if all(value >= meet - MEET_TOLERANCE for value in scores) else 0.0
    largest = max(weight for _, weight in pairs)
    weights = [weight / largest if largest > 0 else 1.0 for _, weight in pairs]
    if name == "weighted_mean":
        return math.fsum(v * w for v, w in zip(scores, weights, strict=True)) / math.fsum(weights)
    if name == "weighted_median":
        half = sum(weights) / 2
        cumulative = 0.0
        for value, weight in sorted(zip(scores, weights, strict=True)):
            cumulative += weight
            if cumulative >= half - MEDIAN_TOLERANCE:
                return value
        return max(scores)
    raise AssertionError(f"not a built-in aggregator: {name}")


class Reference:
    """Scores one assessment against a framework, node by node, recursively."""

    def __init__(
        self,
        framework: Framework,
        assessment: Assessment,
        *,
        role: str,
        rater: str | None,
        policy: ScoringPolicy,
    ) -> None:
        self.framework = framework
        self.policy = policy
        self.judgement = framework.scale
        self.judgement_cuts = tuple(policy.thresholds or framework.scale.cut_points)
        self.problems: list[str] = []
        self.ratings: dict[str, tuple[str, frozenset[str]]] = {}
        criteria = {criterion.id for criterion in framework.criteria()}
        for position, rating in enumerate(assessment.ratings):
            if rating.role != role or (rater is not None and rating.rater != rater):
                continue
            if rating.criterion_id not in criteria:
                self.problems.append(f"$.ratings[{position}].criterion_id")
            elif rating.criterion_id in self.ratings:
                self.problems.append(f"$.ratings[{position}]")
            else:
                scale = framework.scale_for(rating.criterion_id)
                if rating.level != NOT_APPLICABLE and rating.level not in scale:
                    self.problems.append(f"$.ratings[{position}].level")
                self.ratings[rating.criterion_id] = (rating.level, frozenset(rating.evidence_ids))
        self.results: dict[str, Expected] = {}
        self.overall: Expected | None = None
        self.scores: dict[str, float | None] = {}
        # Each node's level on the judgement scale, for the rules that test levels.
        self.judged: dict[str, int | None] = {}
        self.cited: dict[str, frozenset[str]] = {}
        if not self.problems:
            self.overall = self._visit_overall()

    # A node's subtree criteria (strictly below it) and children, for the rules.

    def _criteria_below(self, node: Domain | Criterion | None) -> list[str]:
        children = self.framework.domains if node is None else node.children
        found: list[str] = []
        for child in children:
            if isinstance(child, Criterion):
                found.append(child.id)
            found.extend(self._criteria_below(child))
        return found

    def _visit_overall(self) -> Expected:
        for domain in self.framework.domains:
            self._visit(domain)
        return self._judge(
            None, "overall", list(self.framework.domains), self.judgement, self.judgement_cuts
        )

    def _visit(self, node: Domain | Criterion) -> None:
        for child in node.children:
            self._visit(child)
        if isinstance(node, Criterion):
            scale = self.framework.scale_for(node.id)
            self.results[node.id] = self._judge(
                node, node.id, list(node.children), scale, scale.cut_points
            )
        else:
            self.results[node.id] = self._judge(
                node, node.id, list(node.children), self.judgement, self.judgement_cuts
            )

    def _judge(
        self,
        node: Domain | Criterion | None,
        node_id: str,
        children: list[Domain | Criterion],
        scale: RatingScale,
        cuts: Sequence[float],
    ) -> Expected:
        status, value, coverage, level = "unrated", None, None, None
        kind = "overall" if node is None else "domain" if isinstance(node, Domain) else "criterion"
        cited: frozenset[str] = frozenset().union(*(self.cited[c.id] for c in children))
        if children:
            child_results = [self.results[child.id] for child in children]
            applicable = [r for r in child_results if r.status != "not_applicable"]
            pairs = [
                (r.score, child.weight)
                for r, child in zip(child_results, children, strict=True)
                if r.status == "scored" and r.score is not None
            ]
            if not applicable:
                status = "not_applicable"
            else:
                coverage = len(pairs) / len(applicable)
                if not pairs:
                    status = "unrated"
                elif coverage < self.policy.min_coverage - TOLERANCE:
                    status = "insufficient_evidence"
                else:
                    status = "scored"
                    name = self.policy.aggregator_for(node_id)
                    value = _aggregate(name, pairs, self.policy.meet)
        if isinstance(node, Criterion):
            rating = self.ratings.get(node.id)
            if rating is not None:
                code, evidence = rating
                cited = cited | evidence
                if code == NOT_APPLICABLE and self.policy.not_applicable is not None:
                    code = self.policy.not_applicable
                if code == NOT_APPLICABLE:
                    status, value, coverage = "not_applicable", None, None
                else:
                    status, value, coverage = "scored", scale.normalise(code), 1.0
                    level = scale.codes.index(code)
            elif not children:
                coverage = 0.0
        if value is not None and level is None:
            level = _levels_of(value, cuts)
        unlimited = value
        if value is not None and level is not None:
            value, level = self._limit(node, node_id, kind, value, level, cuts)
        self.scores[node_id] = value
        if value is None or level is None:
            self.judged[node_id] = None
        elif scale == self.judgement:
            self.judged[node_id] = level
        else:
            self.judged[node_id] = _levels_of(value, self.judgement_cuts)
        self.cited[node_id] = cited
        return Expected(
            status=status,
            score=value,
            level=None if level is None else scale.codes[level],
            coverage=coverage,
            unlimited=unlimited,
            evidence=len(cited),
            cuts=tuple(cuts),
        )

    def _limit(
        self,
        node: Domain | Criterion | None,
        node_id: str,
        kind: str,
        value: float,
        level: int,
        cuts: Sequence[float],
    ) -> tuple[float, int]:
        for rule in self.policy.rules:
            applies = rule.applies_to == node_id or (
                rule.applies_to == "domains" and kind == "domain"
            )
            if applies:
                value, level = self._apply(rule, node, kind, value, level, cuts)
        return value, level

    def _apply(
        self,
        rule: LimitingRule,
        node: Domain | Criterion | None,
        kind: str,
        value: float,
        level: int,
        cuts: Sequence[float],
    ) -> tuple[float, int]:
        if rule.condition is Condition.WEAKEST_OF:
            limits = [s for s in (self.scores[n] for n in rule.nodes) if s is not None]
            if limits and min(limits) < value:
                limit = min(limits)
                return limit, min(level, _levels_of(limit, cuts))
            return value, level
        if rule.condition is Condition.ANY_CHILD_AT_OR_BELOW:
            children = self.framework.domains if node is None else node.children
            tested = [self.judged[child.id] for child in children]
        else:
            tested = [self.judged[c] for c in self._criteria_below(node)]
        # Rules test levels on the judgement scale (see lscbqa.policy.Condition).
        judged = [level for level in tested if level is not None]
        target = self.judgement.codes.index(str(rule.level))
        if rule.condition is Condition.ALL_AT_OR_ABOVE:
            hit = bool(judged) and all(level >= target for level in judged)
        else:
            hit = any(level <= target for level in judged)
        if not hit:
            return value, level
        bound = self.judgement.normalise(str(rule.at))
        at = self.judgement.codes.index(str(rule.at))
        if rule.condition is Condition.ALL_AT_OR_ABOVE:  # a floor
            if value < bound:
                value, level = bound, max(level, _levels_of(bound, cuts))
            return value, max(level, at) if kind != "criterion" else level
        if value > bound:  # a cap
            value, level = bound, min(level, _levels_of(bound, cuts))
        return value, min(level, at) if kind != "criterion" else level


# -- drawing policies valid for a framework --------------------------------------------------------


def _descendants(node: Domain | Criterion) -> list[str]:
    found: list[str] = []
    for child in node.children:
        found.append(child.id)
        found.extend(_descendants(child))
    return found


@st.composite
def _rules(draw: st.DrawFn, framework: Framework, position: int) -> LimitingRule:
    codes = framework.scale.codes
    condition = draw(st.sampled_from(Condition))
    rule_id = f"r{position}"
    if condition is Condition.WEAKEST_OF:
        targets: dict[str, list[str]] = {
            "overall": [node.id for node in framework.nodes()],
            **{node.id: _descendants(node) for node in framework.nodes() if node.children},
        }
        targets = {target: below for target, below in targets.items() if below}
        assume(targets)
        target = draw(st.sampled_from(sorted(targets)))
        nodes = draw(
            st.lists(st.sampled_from(targets[target]), min_size=1, max_size=2, unique=True)
        )
        return LimitingRule(
            id=rule_id, applies_to=target, condition=condition, nodes=nodes, effect="cap"
        )
    target = draw(
        st.sampled_from(["overall", "domains", *sorted(node.id for node in framework.nodes())])
    )
    effect = "floor" if condition is Condition.ALL_AT_OR_ABOVE else "cap"
    return LimitingRule(
        id=rule_id,
        applies_to=target,
        condition=condition,
        level=draw(st.sampled_from(codes)),
        at=draw(st.sampled_from(codes)),
        effect=effect,
    )


@st.composite
def _policies(draw: st.DrawFn, framework: Framework) -> ScoringPolicy:
    """A scoring policy valid for ``framework``."""
    node_ids = sorted(node.id for node in framework.nodes())
    options: dict[str, Any] = {
        "aggregator": draw(st.sampled_from(BUILTIN_AGGREGATORS)),
        "aggregators": draw(
            st.dictionaries(
                st.sampled_from(["overall", *node_ids]),
                st.sampled_from(BUILTIN_AGGREGATORS),
                max_size=2,
            )
        ),
        "min_coverage": draw(st.sampled_from([0.0, 0.0, 0.5, 2 / 3, 1.0]) | st.floats(0, 1)),
        "meet": draw(st.sampled_from([1.0, 0.5, 2 / 3]) | st.floats(0, 1)),
    }
    common = set(framework.scale.codes)
    for criterion in framework.criteria():
        common &= set(framework.scale_for(criterion.id).codes)
    counts_as_level = draw(st.booleans())
    if common and counts_as_level:
        options["not_applicable"] = draw(st.sampled_from(sorted(common)))
    if draw(st.integers(0, 3)) == 0:
        cuts = draw(
            st.lists(
                st.integers(1, 1000),
                min_size=len(framework.scale.levels) - 1,
                max_size=len(framework.scale.levels) - 1,
                unique=True,
            )
        )
        options["thresholds"] = [cut / 1000 for cut in sorted(cuts)]
    count = draw(st.sampled_from([0, 1, 2, 2]))
    options["rules"] = [draw(_rules(framework, position)) for position in range(count)]
    return ScoringPolicy(**options)


@st.composite
def _filled(draw: st.DrawFn, framework: Framework, assessment: Assessment, role: str) -> Assessment:
    """The assessment with ratings by ``role`` added for a share of the criteria it lacks.

    Drawn assessments spread at most six ratings over four roles; adding ratings by the
    role scored makes most nodes worth checking.
    """
    share = draw(st.sampled_from([0, 5, 9, 10, 10]))
    rated = {rating.criterion_id for rating in assessment.ratings if rating.role == role}
    evidence_ids = [item.id for item in assessment.evidence]
    extra = []
    for criterion in framework.criteria():
        if criterion.id in rated or draw(st.integers(0, 9)) >= share:
            continue
        codes = framework.scale_for(criterion.id).codes
        level = draw(st.sampled_from([*codes, *codes, *codes, NOT_APPLICABLE]))
        cited = draw(st.lists(st.sampled_from(evidence_ids), max_size=2)) if evidence_ids else []
        reason = "Not our service" if level == NOT_APPLICABLE else None
        extra.append(
            Rating(
                criterion_id=criterion.id, level=level, reason=reason, role=role, evidence_ids=cited
            )
        )
    return attrs.evolve(assessment, ratings=[*assessment.ratings, *extra])


@st.composite
def _cases(
    draw: st.DrawFn,
) -> tuple[Framework, list[Assessment], str, str | None]:
    """A framework carrying a random policy, assessments of it, a role and maybe a rater."""
    framework = draw(frameworks())
    assume(not {"overall", "domains"} & {node.id for node in framework.nodes()})
    # A third of drawn frameworks have no criteria; keep only some of those.
    assume(framework.criteria() or draw(st.integers(0, 3)) == 0)
    framework = attrs.evolve(framework, scoring=draw(_policies(framework)))
    role = draw(st.sampled_from([r.value for r in Role]))
    drawn = draw(st.lists(assessments(framework=framework), min_size=1, max_size=4))
    items = [draw(_filled(framework, item, role)) for item in drawn]
    raters = sorted(
        {r.rater for a in items for r in a.ratings if r.role == role and r.rater is not None}
    )
    rater = draw(st.sampled_from([None, None, None, *raters[:2]]))
    return framework, items, role, rater


# -- the property ----------------------------------------------------------------------------------


def _near_a_cut(value: float | None, cuts: Sequence[float]) -> bool:
    return value is not None and any(abs(value - cut) <= TOLERANCE for cut in cuts)


def _check(result: NodeResult, expected: Expected) -> None:
    where = result.node_id
    assert result.status.value == expected.status, where
    if expected.coverage is None:
        assert result.coverage is None, where
    else:
        assert result.coverage is not None, where
        assert math.isclose(result.coverage, expected.coverage, abs_tol=TOLERANCE), where
    if expected.score is None:
        assert result.score is None, where
    else:
        assert result.score is not None, where
        assert math.isclose(result.score, expected.score, abs_tol=TOLERANCE), where
    if result.level != expected.level:
        # Only a score within float noise of a cut point may land on either side of it.
        assert result.level is not None, where
        assert expected.level is not None, where
        assert _near_a_cut(expected.score, expected.cuts) or _near_a_cut(
            expected.unlimited, expected.cuts
        ), where
    assert result.evidence == expected.evidence, where


def _check_card(card: Scorecard, reference: Reference) -> None:
    assert reference.overall is not None
    assert set(card.results) == set(reference.results)
    for node_id, expected in reference.results.items():
        _check(card[node_id], expected)
    _check(card.overall, reference.overall)


class TestScoreAgainstReference:
    @settings(
        max_examples=120,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @given(_cases())
    def test_engine_matches_the_reference(
        self, case: tuple[Framework, list[Assessment], str, str | None]
    ) -> None:
        """score_many, score and the reference agree on every node of every assessment."""
        framework, items, role, rater = case
        references = [
            Reference(framework, item, role=role, rater=rater, policy=framework.scoring)
            for item in items
        ]
        problems = [
            p.replace("$.", f"$[{row}].", 1) if len(items) > 1 else p
            for row, reference in enumerate(references)
            for p in reference.problems
        ]
        if problems:
            event("ratings rejected")
            with pytest.raises(ValidationError) as error:
                score_many(framework, items, role=role, rater=rater)
            assert list(error.value.paths) == problems
            return
        table = score_many(framework, items, role=role, rater=rater)
        for row, (item, reference) in enumerate(zip(items, references, strict=True)):
            card = table.scorecard(row)
            event(f"overall {card.overall.status.value}")
            limited = [r for r in (*card.results.values(), card.overall) if r.limited_by]
            event(f"limited nodes: {min(len(limited), 2)}")
            assert card == score(framework, item, role=role, rater=rater)
            _check_card(card, reference)
