"""The scoring engine: a framework and policy compiled once, evaluated on arrays.

Ratings become one subjects x criteria array of normalised scores; every node is
then evaluated for all subjects at once, children before parents, and limiting
rules applied as each node is reached. :func:`score` runs the engine on one
assessment and :func:`score_many` on many, so the two agree by construction;
the tests check both against an independent per-item implementation.

Examples
--------
>>> from lscbqa.assessment import Assessment, Rating
>>> from lscbqa.model import _example
>>> assessments = [
...     Assessment(id=f"a{i}", framework_id="example", subject=f"s{i}",
...                ratings=[Rating(criterion_id="c1", level=level, role="moderated")])
...     for i, level in enumerate(["good", "inadequate"])
... ]
>>> table = score_many(_example(), assessments)
>>> table.scores_of("d").round(3).tolist()
[0.667, 0.0]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs
import numpy as np
import numpy.typing as npt

from lscbqa.assessment import Assessment, Role
from lscbqa.criteria import Criterion, Domain
from lscbqa.exceptions import Problem, ValidationError
from lscbqa.model import Framework
from lscbqa.policy import DOMAINS, OVERALL, Condition, Effect, ScoringPolicy
from lscbqa.scales import RatingScale
from lscbqa.scoring._gather import LevelTable, gather
from lscbqa.scoring.aggregators import Aggregator, aggregator
from lscbqa.scoring.scorecard import Scorecard
from lscbqa.scoring.table import ScoreTable

__all__ = ["score", "score_many"]

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]
Bits = npt.NDArray[np.uint8]

_SCORED, _NOT_APPLICABLE, _UNRATED, _INSUFFICIENT = 0, 1, 2, 3
_EPSILON = 1e-9
_ONES = np.array([bin(byte).count("1") for byte in range(256)], dtype=np.int64)


@attrs.frozen
class _Node:
    index: int
    id: str
    kind: str
    scale: RatingScale
    cuts: Floats
    column: int | None
    children: tuple[int, ...]
    weights: Floats
    aggregator_name: str
    aggregate: Aggregator
    criteria_below: tuple[int, ...]
    rules: tuple[int, ...]
    points: Floats


class _Compiled:
    """A framework and a policy turned into index arrays, once."""

    def __init__(self, framework: Framework, policy: ScoringPolicy) -> None:
        self.framework = framework
        self.policy = policy
        self.criteria = framework.criteria()
        self.columns = {criterion.id: column for column, criterion in enumerate(self.criteria)}
        self.values = [
            {
                level.code: framework.scale_for(c.id).normalise(level.code)
                for level in framework.scale_for(c.id).levels
            }
            for c in self.criteria
        ]
        self.levels = LevelTable.of([c.id for c in self.criteria], self.values)
        self.na_values = np.array(
            [
                self.values[column][policy.not_applicable]
                if policy.not_applicable is not None
                else np.nan
                for column in range(len(self.criteria))
            ]
        )
        judgement = framework.scale
        self.judgement = judgement
        self.judgement_cuts = np.array(policy.thresholds or judgement.cut_points)
        self.nodes: list[_Node] = []
        self.by_id: dict[str, int] = {}
        self.rules_for: dict[str, list[int]] = {}
        for position, rule in enumerate(policy.rules):
            self.rules_for.setdefault(rule.applies_to, []).append(position)
        overall_children = tuple(self._compile(domain) for domain in framework.domains)
        self.overall = self._add(
            OVERALL,
            "overall",
            judgement,
            None,
            overall_children,
            [domain.weight for domain in framework.domains],
        )
        self._check_rules()
        # Rated criteria without sub-criteria or rules, in node order: evaluated as a block.
        self.leaves = tuple(
            node.index
            for node in self.nodes
            if node.column is not None and not node.children and not node.rules
        )
        self.is_leaf = frozenset(self.leaves)
        groups: dict[tuple[float, ...], list[int]] = {}
        for place, index in enumerate(self.leaves):
            groups.setdefault(tuple(self.nodes[index].points.tolist()), []).append(place)
        self.leaf_scales = [
            (np.array(points), np.array(places)) for points, places in groups.items()
        ]

    def _compile(self, node: Domain | Criterion) -> int:
        children = tuple(self._compile(child) for child in node.children)
        if isinstance(node, Criterion):
            scale = self.framework.scale_for(node.id)
            return self._add(
                node.id,
                "criterion",
                scale,
                self.columns[node.id],
                children,
                [child.weight for child in node.children],
            )
        return self._add(
            node.id,
            "domain",
            self.judgement,
            None,
            children,
            [child.weight for child in node.children],
        )

    def _add(
        self,
        node_id: str,
        kind: str,
        scale: RatingScale,
        column: int | None,
        children: tuple[int, ...],
        weights: list[float],
    ) -> int:
        below: list[int] = [] if column is None else [column]
        for child in children:
            below.extend(self.nodes[child].criteria_below)
        name = self.policy.aggregator_for(node_id)
        rules = list(self.rules_for.get(node_id, []))
        if kind == "domain":
            rules = sorted([*rules, *self.rules_for.get(DOMAINS, [])])
        cuts = self.judgement_cuts if kind != "criterion" else np.array(scale.cut_points)
        index = len(self.nodes)
        self.nodes.append(
            _Node(
                index=index,
                id=node_id,
                kind=kind,
                scale=scale,
                cuts=cuts,
                column=column,
                children=children,
                weights=np.array(weights, dtype=np.float64),
                aggregator_name=name,
                aggregate=aggregator(name, meet=self.policy.meet),
                criteria_below=tuple(below),
                rules=tuple(rules),
                points=np.array([scale.normalise(code) for code in scale.codes]),
            )
        )
        self.by_id[node_id] = index
        return index

    def _check_rules(self) -> None:
        problems = []
        domains = [domain.id for domain in self.framework.all_domains()]
        for position, rule in enumerate(self.policy.rules):
            if rule.condition is not Condition.WEAKEST_OF:
                continue
            targets = domains if rule.applies_to == DOMAINS else [rule.applies_to]
            for place, node_id in enumerate(rule.nodes):
                # Strictly below every target: scored before it, and part of what it judges.
                above = self.framework.path_to(node_id)[:-1] if node_id in self.framework else ()
                if node_id not in self.framework or not all(
                    target == OVERALL or target in above for target in targets
                ):
                    problems.append(
                        Problem(
                            f"$.scoring.rules[{position}].nodes[{place}]",
                            f"expected a node under {rule.applies_to!r}, scored before it; "
                            f"found {node_id!r}",
                        )
                    )
        if problems:
            raise ValidationError(problems)

    # -- ratings to arrays -------------------------------------------------------------------

    def arrays(
        self, assessments: Sequence[Assessment], role: Role, rater: str | None
    ) -> tuple[Floats, Bools, Bits]:
        values, not_applicable, evidence = gather(
            assessments,
            framework=self.framework,
            columns=self.columns,
            levels=self.levels,
            role=role,
            rater=rater,
        )
        if self.policy.not_applicable is not None:
            values = np.where(not_applicable, self.na_values[np.newaxis, :], values)
            not_applicable = np.zeros(values.shape, dtype=np.bool_)
        return values, not_applicable, evidence

    # -- evaluation --------------------------------------------------------------------------

    def evaluate(self, values: Floats, not_applicable: Bools, evidence: Bits) -> _Evaluated:
        subjects, count = values.shape[0], len(self.nodes)
        # Small integer types keep the results a few times the size of the ratings. Every
        # node writes its unlimited score, status and coverage before anything reads them,
        # so those start empty. Scores and levels start unscored: a rule of a criterion
        # reads the criteria at or under it, itself included, before it has a result.
        shape = (subjects, count)
        out = _Evaluated(
            score=np.full(shape, np.nan),
            unlimited=np.empty(shape),
            level=np.full(shape, -1, dtype=np.int8),
            status=np.empty(shape, dtype=np.int8),
            coverage=np.empty(shape),
            scored=np.zeros((subjects, count), dtype=np.int16),
            applicable=np.zeros((subjects, count), dtype=np.int16),
            evidence=np.zeros((subjects, count), dtype=np.int32),
            limited=np.full((subjects, count), -1, dtype=np.int16),
            aggregated=np.zeros((subjects, count), dtype=np.bool_),
            cited=[None] * count,
        )
        self._evaluate_leaves(values, not_applicable, evidence, out)
        for node in self.nodes:
            if node.index not in self.is_leaf:
                self._evaluate_node(node, values, not_applicable, evidence, out)
        return out

    def _evaluate_leaves(
        self, values: Floats, not_applicable: Bools, evidence: Bits, out: _Evaluated
    ) -> None:
        """Rated criteria without sub-criteria or rules of their own, all at once.

        Their result is their rating, so one array operation serves them all; this is
        where most of a framework's nodes are.
        """
        nodes = [self.nodes[i] for i in self.leaves]
        if not nodes:
            return
        index = np.array([node.index for node in nodes])
        columns = np.array([node.column for node in nodes])
        # Few temporaries, small types: this block handles most of the data.
        every = np.array_equal(columns, np.arange(values.shape[1]))
        direct = values if every else values[:, columns]  # no copy in the common case
        unrated = np.isnan(direct)
        absent = not_applicable if every else not_applicable[:, columns]
        out.score[:, index] = direct
        out.unlimited[:, index] = direct
        # Not applicable first, then unrated, else scored: whole-array np.where, no masks.
        status = np.where(
            absent,
            np.int8(_NOT_APPLICABLE),
            np.where(unrated, np.int8(_UNRATED), np.int8(_SCORED)),
        )
        out.status[:, index] = status
        coverage = (~unrated).astype(np.float64)
        np.copyto(coverage, np.nan, where=absent)
        out.coverage[:, index] = coverage
        del status, coverage
        if evidence.shape[2]:
            cited = evidence[:, columns, :]
            out.evidence[:, index] = _ONES[cited].sum(axis=2)
            for place, node in enumerate(nodes):
                out.cited[node.index] = cited[:, place, :]
        # A rating is a level: find each rating's level among its scale's normalised values.
        for points, places in self.leaf_scales:
            whole = len(places) == direct.shape[1]  # places are sorted: all of them, in order
            block = direct if whole else direct[:, places]
            found = _rank(points, block)
            out.level[:, index[places]] = np.where(np.isnan(block), np.int8(-1), found)

    def _evaluate_node(
        self, node: _Node, values: Floats, not_applicable: Bools, evidence: Bits, out: _Evaluated
    ) -> None:
        i = node.index
        children = list(node.children)
        cited = np.zeros((values.shape[0], evidence.shape[2]), dtype=np.uint8)
        for child in children:
            below = out.cited[child]
            if below is not None:
                cited |= below
        if children:
            child_status = out.status[:, children]
            applicable = (child_status != _NOT_APPLICABLE).sum(axis=1)
            scored = (child_status == _SCORED).sum(axis=1)
            with np.errstate(invalid="ignore", divide="ignore"):
                coverage = np.where(applicable > 0, scored / np.maximum(applicable, 1), np.nan)
            raw = node.aggregate(out.score[:, children], node.weights)
            status = np.where(
                applicable == 0,
                _NOT_APPLICABLE,
                np.where(
                    scored == 0,
                    _UNRATED,
                    np.where(
                        coverage < self.policy.min_coverage - _EPSILON, _INSUFFICIENT, _SCORED
                    ),
                ),
            )
            score = np.where(status == _SCORED, raw, np.nan)
            aggregated = np.ones(values.shape[0], dtype=np.bool_)
        else:
            applicable = np.zeros(values.shape[0], dtype=np.int64)
            scored = np.zeros(values.shape[0], dtype=np.int64)
            score = np.full(values.shape[0], np.nan)
            status = np.full(values.shape[0], _UNRATED)
            coverage = np.full(values.shape[0], np.nan)
            aggregated = np.zeros(values.shape[0], dtype=np.bool_)
        if node.column is not None:
            direct = values[:, node.column]
            rated = ~np.isnan(direct)
            direct_na = not_applicable[:, node.column]
            score = np.where(rated, direct, np.where(direct_na, np.nan, score))
            status = np.where(rated, _SCORED, np.where(direct_na, _NOT_APPLICABLE, status))
            aggregated = aggregated & ~rated & ~direct_na
            if not children:
                coverage = np.where(rated, 1.0, np.where(direct_na, np.nan, 0.0))
            else:
                coverage = np.where(rated, 1.0, np.where(direct_na, np.nan, coverage))
            cited |= evidence[:, node.column]
        out.unlimited[:, i] = score
        out.status[:, i] = status
        out.coverage[:, i] = coverage
        out.scored[:, i] = scored
        out.applicable[:, i] = applicable
        out.cited[i] = cited
        out.evidence[:, i] = _ONES[cited].sum(axis=1)
        out.aggregated[:, i] = aggregated
        level = _levels(score, node.cuts)
        if node.column is not None:
            # A rating is a level: thresholds cut aggregated scores, not what a rating is worth.
            direct = values[:, node.column]
            rated_level = np.searchsorted(node.points, np.where(np.isnan(direct), 0.0, direct))
            level = np.where(np.isnan(direct), level, rated_level).astype(np.int64)
        for position in node.rules:
            score, level = self._apply_rule(node, position, score, level, out)
        out.score[:, i] = score
        out.level[:, i] = level

    def _judged(self, members: list[int], out: _Evaluated) -> tuple[Bools, Ints]:
        """Which members have a score, and their levels on the judgement scale.

        A member on the judgement scale keeps its own level (a rated level, or a level a
        rule set); a criterion on another scale is placed by its normalised score.
        """
        same = [m for m in members if self.nodes[m].scale == self.judgement]
        other = [m for m in members if self.nodes[m].scale != self.judgement]
        levels = np.concatenate(
            [out.level[:, same], _levels(out.score[:, other], self.judgement_cuts)], axis=1
        )
        return ~np.isnan(out.score[:, same + other]), levels

    def _apply_rule(
        self, node: _Node, position: int, score: Floats, level: Ints, out: _Evaluated
    ) -> tuple[Floats, Ints]:
        rule = self.policy.rules[position]
        active = ~np.isnan(score)
        if rule.condition is Condition.WEAKEST_OF:
            limits = out.score[:, [self.by_id[n] for n in rule.nodes]]
            has_limit = (~np.isnan(limits)).any(axis=1)
            limit = np.where(np.isnan(limits), np.inf, limits).min(axis=1)
            trigger = active & has_limit & (limit < score)
            new_score = np.where(trigger, limit, score)
            new_level = np.where(trigger, np.minimum(level, _levels(new_score, node.cuts)), level)
        else:
            if rule.condition is Condition.ANY_CHILD_AT_OR_BELOW:
                members = list(node.children)
            else:
                members = [self.by_id[self.criteria[c].id] for c in node.criteria_below]
            scored, levels = self._judged(members, out)
            target = self.judgement.codes.index(str(rule.level))
            bound = self.judgement.normalise(str(rule.at))
            bound_index = self.judgement.codes.index(str(rule.at))
            if rule.condition is not Condition.ALL_AT_OR_ABOVE:
                hit = (scored & (levels <= target)).any(axis=1)
            else:
                hit = scored.any(axis=1) & np.where(scored, levels >= target, True).all(axis=1)
            trigger = active & hit
            # A cap never raises a level and a floor never lowers one: a rule that does not
            # move the score only holds the level at its bound (domains and the overall).
            if rule.effect is Effect.CAP:
                moved = trigger & (score > bound)
                new_score = np.where(moved, bound, score)
                new_level = np.where(moved, np.minimum(level, _levels(new_score, node.cuts)), level)
                if node.kind != "criterion":
                    new_level = np.where(trigger, np.minimum(new_level, bound_index), new_level)
            else:
                moved = trigger & (score < bound)
                new_score = np.where(moved, bound, score)
                new_level = np.where(moved, np.maximum(level, _levels(new_score, node.cuts)), level)
                if node.kind != "criterion":
                    new_level = np.where(trigger, np.maximum(new_level, bound_index), new_level)
        changed = trigger & ((new_score != score) | (new_level != level))
        out.limited[:, node.index] = np.where(changed, position, out.limited[:, node.index])
        return new_score, new_level


@attrs.define
class _Evaluated:
    score: Floats
    unlimited: Floats
    level: npt.NDArray[np.int8]
    status: npt.NDArray[np.int8]
    coverage: Floats
    scored: npt.NDArray[np.int16]
    applicable: npt.NDArray[np.int16]
    evidence: npt.NDArray[np.int32]
    limited: npt.NDArray[np.int16]
    aggregated: Bools
    cited: list[Bits | None]


def _rank(points: Floats, values: Floats) -> npt.NDArray[np.int8]:
    """``np.searchsorted(points, values)`` for a scale's few sorted points (not for NaN).

    Counting the points below each value takes one comparison per point, several
    times faster than a binary search per value for the handful of levels a scale has.

    Examples
    --------
    >>> _rank(np.array([0.0, 0.5, 1.0]), np.array([[1.0, 0.0, 0.5]])).tolist()
    [[2, 0, 1]]
    """
    if len(points) > 8:
        return np.searchsorted(points, values).astype(np.int8)
    found = np.zeros(values.shape, dtype=np.int8)
    for point in points:
        found += values > point
    return found


def _levels(score: Floats, cuts: Floats) -> Ints:
    # A score on a cut point reaches the higher level, allowing for float noise:
    # three "requires improvement" and three "good" average to 0.49999999999999994.
    levels = np.searchsorted(cuts - _EPSILON, np.where(np.isnan(score), 0.0, score), side="right")
    return np.where(np.isnan(score), -1, levels).astype(np.int64)


def _role(role: Role | str) -> Role:
    try:
        return Role(role)
    except ValueError:
        choices = ", ".join(repr(r.value) for r in Role)
        raise ValidationError(
            [Problem("$.role", f"expected one of {choices}; found {role!r}")]
        ) from None


def score(
    framework: Framework,
    assessment: Assessment,
    *,
    role: Role | str = "moderated",
    rater: str | None = None,
    policy: ScoringPolicy | None = None,
) -> Scorecard:
    """Score one assessment: every criterion, domain and the overall judgement.

    Parameters
    ----------
    framework : Framework
        The framework the assessment rates against.
    assessment : Assessment
        The ratings.
    role : Role or str, default "moderated"
        Whose ratings to score.
    rater : str, optional
        Whose ratings, when several raters of the role rated the same criteria.
    policy : ScoringPolicy, optional
        The policy; the framework's own by default.

    Returns
    -------
    Scorecard

    Raises
    ------
    ValidationError
        If a rating names an unknown criterion or a level not on its scale, or a
        criterion has several ratings of the role and no ``rater`` chooses one.

    Notes
    -----
    A criterion's score is its rating's level normalised on its scale:
    ``(value - lowest) / (highest - lowest)``. A criterion with sub-criteria and
    no rating of its own, a domain, and the overall judgement aggregate their
    children's scores with the policy's aggregator; children without a score are
    left out and lower the coverage, not-applicable children are left out of the
    coverage too (unless the policy counts them as a level). Below the policy's
    minimum coverage a node is "insufficient evidence". Limiting rules then cap
    or floor each node, before its parent aggregates it. Levels come from the
    judgement scale's cut points (or the policy's thresholds).

    Examples
    --------
    >>> from lscbqa.assessment import Assessment, Rating
    >>> from lscbqa.model import _example
    >>> card = score(_example(), Assessment(
    ...     id="a", framework_id="example", subject="s",
    ...     ratings=[Rating(criterion_id="c1", level="outstanding", role="moderated")],
    ... ))
    >>> card["c1"].score, card["c2"].status.value, card.overall.coverage
    (1.0, 'unrated', 1.0)
    """
    return score_many(framework, [assessment], role=role, rater=rater, policy=policy).scorecard(0)


def score_many(
    framework: Framework,
    assessments: Iterable[Assessment],
    *,
    role: Role | str = "moderated",
    rater: str | None = None,
    policy: ScoringPolicy | None = None,
) -> ScoreTable:
    """Score many assessments against one framework at once.

    The same results as :func:`score` on each assessment, computed on one
    subjects x criteria array.

    Parameters
    ----------
    framework : Framework
        The framework every assessment rates against.
    assessments : iterable of Assessment
        The assessments.
    role, rater, policy
        As for :func:`score`.

    Returns
    -------
    ScoreTable

    Raises
    ------
    ValidationError
        As :func:`score`, with paths ``$[i].ratings[j]`` naming the assessment.

    Examples
    --------
    >>> from lscbqa.assessment import Assessment
    >>> from lscbqa.model import _example
    >>> len(score_many(_example(), [Assessment(id="a", framework_id="example", subject="s")]))
    1
    """
    chosen = policy or framework.scoring
    if chosen is not framework.scoring:
        # The framework checks its own policy when built; check this one the same way
        # (ValidationError with $.scoring paths), not halfway through scoring.
        attrs.evolve(framework, scoring=chosen)
    items = list(assessments)
    compiled = _Compiled(framework, chosen)
    values, not_applicable, evidence = compiled.arrays(items, _role(role), rater)
    evaluated = compiled.evaluate(values, not_applicable, evidence)
    return ScoreTable(
        framework=framework,
        policy=chosen,
        role=_role(role).value,
        assessment_ids=tuple(a.id for a in items),
        subjects=tuple(a.subject for a in items),
        node_ids=tuple(node.id for node in compiled.nodes),
        kinds=tuple(node.kind for node in compiled.nodes),
        level_codes=tuple(node.scale.codes for node in compiled.nodes),
        aggregators=tuple(node.aggregator_name for node in compiled.nodes),
        score=evaluated.score,
        unlimited_score=evaluated.unlimited,
        level=evaluated.level,
        status=evaluated.status,
        coverage=evaluated.coverage,
        scored=evaluated.scored,
        applicable=evaluated.applicable,
        evidence=evaluated.evidence,
        limited_by=evaluated.limited,
        aggregated=evaluated.aggregated,
    )
