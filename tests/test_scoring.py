"""Tests for lscbqa.scoring: score, score_many, Scorecard and ScoreTable on hand-built frameworks.

Every expected number is worked out by hand in the test. The framework ``qa`` has two
domains on the Ofsted scale (normalised: inadequate 0, requires improvement 1/3,
good 2/3, outstanding 1; cut points 1/6, 1/2, 5/6):

    lead (Leadership), weight 2            practice (Practice), weight 1
      c1 Board lead, weight 2                c3 Supervision, weight 1, on MET3
      c2 Listening, weight 1                    (not met 0, partially met 1/2, fully met 1)
                                             c4 Training, weight 1
                                               c4.a Induction, weight 1
                                               c4.b Refresher, weight 3
                                             c5 Escalation, weight 2
"""

from __future__ import annotations

import math
from typing import Any

import attrs
import numpy as np
import pytest

from lscbqa.assessment import Assessment, Rating
from lscbqa.evidence import Evidence
from lscbqa.exceptions import NotFoundError, ValidationError
from lscbqa.model import Criterion, Domain, Framework
from lscbqa.policy import LimitingRule, ScoringPolicy
from lscbqa.scales import MET3, OFSTED4, RAG3
from lscbqa.scoring import NodeResult, ScoreTable, Status, score, score_many

NODE_ORDER = ("c1", "c2", "lead", "c3", "c4.a", "c4.b", "c4", "c5", "practice", "overall")


def approx(expected: object) -> Any:
    """pytest.approx, typed loosely so that it can sit in a tuple compared with ==."""
    return pytest.approx(expected)


def _qa(scoring: ScoringPolicy | None = None, *, c3_scale: Any = MET3) -> Framework:
    """The framework of the module docstring, with the given policy."""
    return Framework(
        id="qa",
        version="1",
        title="QA",
        domains=[
            Domain(
                id="lead",
                title="Leadership",
                weight=2,
                children=[
                    Criterion(id="c1", title="Board lead", weight=2),
                    Criterion(id="c2", title="Listening"),
                ],
            ),
            Domain(
                id="practice",
                title="Practice",
                children=[
                    Criterion(id="c3", title="Supervision", scale=c3_scale),
                    Criterion(
                        id="c4",
                        title="Training",
                        children=[
                            Criterion(id="c4.a", title="Induction"),
                            Criterion(id="c4.b", title="Refresher", weight=3),
                        ],
                    ),
                    Criterion(id="c5", title="Escalation", weight=2),
                ],
            ),
        ],
        scoring=scoring or ScoringPolicy(),
    )


QA = _qa()

# The usual ratings: c1 good, c2 outstanding, c3 partially met, c4.a requires improvement,
# c4.b good, c5 good.
USUAL = {
    "c1": "good",
    "c2": "outstanding",
    "c3": "partially_met",
    "c4.a": "requires_improvement",
    "c4.b": "good",
    "c5": "good",
}


def _ratings(levels: dict[str, str], role: str = "moderated", **options: Any) -> list[Rating]:
    ratings = []
    for criterion_id, level in levels.items():
        if level == "not_applicable":
            ratings.append(
                Rating.not_applicable(criterion_id, reason="Not our service", role=role, **options)
            )
        else:
            ratings.append(Rating(criterion_id=criterion_id, level=level, role=role, **options))
    return ratings


def _assessment(levels: dict[str, str] | None = None, **fields: Any) -> Assessment:
    """An assessment of ``qa`` with moderated ratings of the given levels (USUAL by default)."""
    values: dict[str, Any] = {"id": "a1", "framework_id": "qa", "subject": "police"}
    values.update(fields)
    values.setdefault("ratings", _ratings(USUAL if levels is None else levels))
    return Assessment(**values)


def _with(**changes: str) -> dict[str, str]:
    """USUAL with some levels changed (pass ids with dots as c4_a -> c4.a)."""
    levels = dict(USUAL)
    for key, level in changes.items():
        levels[key.replace("_", ".")] = level
    return levels


def _without(*criterion_ids: str) -> dict[str, str]:
    return {k: v for k, v in USUAL.items() if k not in criterion_ids}


def _paths(error: pytest.ExceptionInfo[ValidationError]) -> tuple[str, ...]:
    return error.value.paths


CAP_DOMAINS = LimitingRule(
    id="inadequate-caps-domain",
    applies_to="domains",
    condition="any_at_or_below",
    level="inadequate",
    effect="cap",
    at="requires_improvement",
)
WEAKER_DOMAIN = LimitingRule(
    id="weaker-domain",
    applies_to="overall",
    condition="weakest_of",
    nodes=["lead", "practice"],
    effect="cap",
)


# -- scores --------------------------------------------------------------------------------------


class TestScoreCriteria:
    def test_rated_criterion_scores_its_normalised_level(self) -> None:
        """c1 rated good on Ofsted: (3 - 1) / (4 - 1) = 2/3, level good."""
        card = score(QA, _assessment())
        assert (card["c1"].score, card["c1"].level) == (approx(2 / 3), "good")

    def test_met3_criterion_scores_on_its_own_scale(self) -> None:
        """c3 rated partially met on MET3: (1 - 0) / (2 - 0) = 0.5, level partially_met."""
        card = score(QA, _assessment())
        assert (card["c3"].score, card["c3"].level) == (0.5, "partially_met")

    def test_top_and_bottom_levels_score_1_and_0(self) -> None:
        """c2 outstanding scores 1 and c1 inadequate scores 0."""
        card = score(QA, _assessment(_with(c1="inadequate")))
        assert (card["c2"].score, card["c1"].score) == (1.0, 0.0)

    def test_rated_criterion_status_and_coverage(self) -> None:
        """A rated leaf is scored, with coverage 1 and no aggregator."""
        result = score(QA, _assessment())["c1"]
        assert (result.status, result.coverage, result.aggregator) == (Status.SCORED, 1.0, None)

    def test_unrated_criterion(self) -> None:
        """An unrated leaf is unrated, with no score or level and coverage 0."""
        result = score(QA, _assessment(_without("c2")))["c2"]
        assert (result.status, result.score, result.level, result.coverage) == (
            Status.UNRATED,
            None,
            None,
            0.0,
        )

    def test_not_applicable_criterion(self) -> None:
        """A criterion rated not applicable has that status, no score and no coverage."""
        result = score(QA, _assessment(_with(c2="not_applicable")))["c2"]
        assert (result.status, result.score, result.coverage) == (
            Status.NOT_APPLICABLE,
            None,
            None,
        )

    def test_criterion_with_sub_criteria_aggregates_them(self) -> None:
        """c4 = (1/3 x 1 + 2/3 x 3) / (1 + 3) = (7/3) / 4 = 7/12, level good (>= 1/2)."""
        result = score(QA, _assessment())["c4"]
        assert (result.score, result.level, result.aggregator) == (
            approx(7 / 12),
            "good",
            "weighted_mean",
        )

    def test_parent_criterion_rated_directly_uses_its_rating(self) -> None:
        """c4 rated inadequate itself scores 0, not the 7/12 of its sub-criteria."""
        card = score(QA, _assessment({**USUAL, "c4": "inadequate"}))
        assert (card["c4"].score, card["c4"].level, card["c4"].aggregator) == (
            0.0,
            "inadequate",
            None,
        )

    def test_parent_rated_directly_feeds_its_domain(self) -> None:
        """practice with c4 = 0: (1/2 x 1 + 0 x 1 + 2/3 x 2) / 4 = (11/6) / 4 = 11/24."""
        card = score(QA, _assessment({**USUAL, "c4": "inadequate"}))
        assert card["practice"].score == approx(11 / 24)

    def test_rated_level_stands_whatever_the_scale_thresholds(self) -> None:
        """On Ofsted with thresholds 0.25, 0.7, 0.9, a rating of good (2/3 < 0.7) is still good."""
        strict = attrs.evolve(OFSTED4, id="ofsted4_strict", thresholds=[0.25, 0.7, 0.9])
        framework = _qa(c3_scale=strict)
        card = score(framework, _assessment(_with(c3="good")))
        assert (card["c3"].score, card["c3"].level) == (approx(2 / 3), "good")

    def test_aggregated_criterion_level_uses_the_scale_thresholds(self) -> None:
        """c4 = 7/12 = 0.583 on a scale cut at 0.25, 0.7, 0.9 is requires_improvement."""
        strict = attrs.evolve(OFSTED4, id="ofsted4_strict", thresholds=[0.25, 0.7, 0.9])
        framework = Framework(
            id="qa",
            version="1",
            title="QA",
            domains=[
                Domain(
                    id="d",
                    title="D",
                    children=[
                        Criterion(
                            id="c4",
                            title="Training",
                            scale=strict,
                            children=[
                                Criterion(id="c4.a", title="Induction"),
                                Criterion(id="c4.b", title="Refresher", weight=3),
                            ],
                        )
                    ],
                )
            ],
        )
        levels = {"c4.a": "requires_improvement", "c4.b": "good"}
        result = score(framework, _assessment(levels))["c4"]
        assert (result.score, result.level) == (approx(7 / 12), "requires_improvement")


class TestScoreDomains:
    def test_domain_is_the_weighted_mean_of_its_criteria(self) -> None:
        """lead = (2/3 x 2 + 1 x 1) / (2 + 1) = (7/3) / 3 = 7/9, level good (1/2 <= 7/9 < 5/6)."""
        result = score(QA, _assessment())["lead"]
        assert (result.score, result.level) == (approx(7 / 9), "good")

    def test_domain_mixes_scales_through_normalised_scores(self) -> None:
        """practice = (1/2 x 1 + 7/12 x 1 + 2/3 x 2) / 4 = (29/12) / 4 = 29/48, level good."""
        result = score(QA, _assessment())["practice"]
        assert (result.score, result.level) == (approx(29 / 48), "good")

    def test_overall_is_the_weighted_mean_of_the_domains(self) -> None:
        """overall = (7/9 x 2 + 29/48 x 1) / 3 = (224/144 + 87/144) / 3 = 311/432, level good."""
        overall = score(QA, _assessment()).overall
        assert (overall.score, overall.level, overall.kind) == (
            approx(311 / 432),
            "good",
            "overall",
        )

    def test_levels_follow_the_judgement_cut_points(self) -> None:
        """lead with c1 requires improvement, c2 good: (2/3 + 2/3) / 3 = 4/9 < 1/2 -> RI."""
        result = score(QA, _assessment(_with(c1="requires_improvement", c2="good")))["lead"]
        assert (result.score, result.level) == (approx(4 / 9), "requires_improvement")

    def test_score_on_a_cut_point_reaches_the_higher_level(self) -> None:
        """A domain of RI and good, equal weights: (1/3 + 2/3) / 2 = 1/2, the cut point: good."""
        framework = Framework(
            id="qa",
            version="1",
            title="QA",
            domains=[
                Domain(
                    id="d",
                    title="D",
                    children=[Criterion(id="x", title="X"), Criterion(id="y", title="Y")],
                )
            ],
        )
        levels = {"x": "requires_improvement", "y": "good"}
        result = score(framework, _assessment(levels, framework_id="qa"))["d"]
        assert (result.score, result.level) == (0.5, "good")

    def test_policy_thresholds_replace_the_cut_points(self) -> None:
        """With thresholds 0.25, 0.8, 0.9, lead = 7/9 = 0.778 < 0.8 is requires_improvement."""
        framework = _qa(ScoringPolicy(thresholds=[0.25, 0.8, 0.9]))
        assert score(framework, _assessment())["lead"].level == "requires_improvement"

    def test_domain_counts_children(self) -> None:
        """practice has 3 applicable children, all 3 scored."""
        result = score(QA, _assessment())["practice"]
        assert (result.scored, result.applicable) == (3, 3)


class TestScoreCoverage:
    def test_unrated_child_lowers_coverage(self) -> None:
        """With c2 unrated, lead has 1 of 2 children scored: coverage 1/2."""
        result = score(QA, _assessment(_without("c2")))["lead"]
        assert (result.coverage, result.scored, result.applicable) == (0.5, 1, 2)

    def test_unrated_children_are_left_out_of_the_mean(self) -> None:
        """With c2 unrated, lead is c1 alone: 2/3."""
        assert score(QA, _assessment(_without("c2")))["lead"].score == approx(2 / 3)

    def test_not_applicable_child_is_left_out_of_coverage(self) -> None:
        """With c2 not applicable, lead has 1 of 1 applicable children scored: coverage 1."""
        result = score(QA, _assessment(_with(c2="not_applicable")))["lead"]
        assert (result.coverage, result.scored, result.applicable) == (1.0, 1, 1)

    def test_unrated_sub_criterion_lowers_its_parent_coverage(self) -> None:
        """With c4.b unrated, c4 = c4.a alone, 1/3, with coverage 1/2."""
        result = score(QA, _assessment(_without("c4.b")))["c4"]
        assert (result.score, result.coverage) == (approx(1 / 3), 0.5)

    def test_unscored_node_counts_as_unscored_child(self) -> None:
        """With c4.a and c4.b unrated, c4 is unrated and practice covers 2 of 3 children."""
        card = score(QA, _assessment(_without("c4.a", "c4.b")))
        assert card["c4"].status is Status.UNRATED
        assert card["practice"].coverage == approx(2 / 3)

    def test_below_min_coverage_is_insufficient_evidence(self) -> None:
        """min_coverage 0.6 and lead at 1/2: lead is insufficient evidence, without a score."""
        card = score(_qa(ScoringPolicy(min_coverage=0.6)), _assessment(_without("c2")))
        assert (card["lead"].status, card["lead"].score, card["lead"].level) == (
            Status.INSUFFICIENT_EVIDENCE,
            None,
            None,
        )

    def test_insufficient_node_keeps_its_coverage(self) -> None:
        """An insufficient-evidence node still reports its coverage, 1/2."""
        card = score(_qa(ScoringPolicy(min_coverage=0.6)), _assessment(_without("c2")))
        assert card["lead"].coverage == 0.5

    def test_insufficient_node_lowers_its_parent_coverage(self) -> None:
        """With lead insufficient, overall covers 1 of 2 domains: 1/2 < 0.6, insufficient too."""
        card = score(_qa(ScoringPolicy(min_coverage=0.6)), _assessment(_without("c2")))
        assert (card.overall.coverage, card.overall.status) == (
            0.5,
            Status.INSUFFICIENT_EVIDENCE,
        )

    def test_coverage_at_min_coverage_is_enough(self) -> None:
        """min_coverage 0.5 and lead at exactly 1/2: lead is scored."""
        card = score(_qa(ScoringPolicy(min_coverage=0.5)), _assessment(_without("c2")))
        assert card["lead"].status is Status.SCORED

    def test_all_children_not_applicable(self) -> None:
        """With c1 and c2 not applicable, lead is not applicable, without a score or coverage."""
        card = score(QA, _assessment(_with(c1="not_applicable", c2="not_applicable")))
        assert (card["lead"].status, card["lead"].score, card["lead"].coverage) == (
            Status.NOT_APPLICABLE,
            None,
            None,
        )

    def test_not_applicable_domain_is_left_out_of_the_overall(self) -> None:
        """With lead not applicable, the overall is practice alone: 29/48, coverage 1 (1 of 1)."""
        card = score(QA, _assessment(_with(c1="not_applicable", c2="not_applicable")))
        assert (card.overall.score, card.overall.coverage, card.overall.applicable) == (
            approx(29 / 48),
            1.0,
            1,
        )

    def test_nothing_rated(self) -> None:
        """With no ratings, every node is unrated; the overall has coverage 0 of 2."""
        card = score(QA, _assessment({}))
        assert {result.status for result in card.results.values()} == {Status.UNRATED}
        assert (card.overall.status, card.overall.coverage) == (Status.UNRATED, 0.0)

    def test_not_applicable_counted_as_good(self) -> None:
        """not_applicable='good': c2 N/A counts as 2/3, so lead = (2/3 x 2 + 2/3) / 3 = 2/3."""
        framework = _qa(ScoringPolicy(not_applicable="good"), c3_scale=None)
        card = score(framework, _assessment(_with(c2="not_applicable", c3="good")))
        assert (card["c2"].status, card["c2"].score, card["c2"].level) == (
            Status.SCORED,
            approx(2 / 3),
            "good",
        )
        assert (card["lead"].score, card["lead"].coverage) == (approx(2 / 3), 1.0)

    def test_not_applicable_counted_as_a_level_counts_in_coverage(self) -> None:
        """not_applicable='good': lead with c1 N/A and c2 unrated covers 1 of 2 children."""
        framework = _qa(ScoringPolicy(not_applicable="good"), c3_scale=None)
        levels = {**_without("c2"), "c1": "not_applicable", "c3": "good"}
        result = score(framework, _assessment(levels))["lead"]
        assert (result.coverage, result.applicable, result.score) == (
            0.5,
            2,
            approx(2 / 3),
        )


class TestScoreEvidence:
    @staticmethod
    def _evidenced() -> Assessment:
        evidence = [Evidence(id=f"e{i}", title=f"E{i}", kind="policy") for i in (1, 2, 3)]
        ratings = [
            Rating(criterion_id="c1", level="good", role="moderated", evidence_ids=["e1", "e2"]),
            Rating(criterion_id="c2", level="good", role="moderated", evidence_ids=["e2"]),
            Rating(criterion_id="c4.a", level="good", role="moderated", evidence_ids=["e3", "e3"]),
            Rating(criterion_id="c5", level="good", role="self", evidence_ids=["e1"]),
        ]
        return _assessment(ratings=ratings, evidence=evidence)

    def test_rated_criterion_counts_its_evidence(self) -> None:
        """c1 cites e1 and e2: 2."""
        assert score(QA, self._evidenced())["c1"].evidence == 2

    def test_evidence_cited_twice_by_one_rating_counts_once(self) -> None:
        """c4.a cites e3 twice: 1."""
        assert score(QA, self._evidenced())["c4.a"].evidence == 1

    def test_parent_counts_distinct_evidence_below_it(self) -> None:
        """lead: c1 cites e1, e2 and c2 cites e2, so 2 distinct pieces."""
        assert score(QA, self._evidenced())["lead"].evidence == 2

    def test_overall_counts_distinct_evidence(self) -> None:
        """overall: e1, e2 (lead) and e3 (c4.a); the self rating of c5 is not scored: 3."""
        assert score(QA, self._evidenced()).overall.evidence == 3

    def test_unrated_node_has_no_evidence(self) -> None:
        """c3 has no moderated rating: 0."""
        assert score(QA, self._evidenced())["c3"].evidence == 0


class TestScoreOptions:
    def test_per_node_aggregator(self) -> None:
        """aggregators={'practice': 'minimum'}: practice = min(1/2, 7/12, 2/3) = 1/2, good."""
        card = score(_qa(ScoringPolicy(aggregators={"practice": "minimum"})), _assessment())
        assert (card["practice"].score, card["practice"].level, card["practice"].aggregator) == (
            0.5,
            "good",
            "minimum",
        )

    def test_per_node_aggregator_leaves_other_nodes_alone(self) -> None:
        """With practice on minimum, lead still takes the weighted mean 7/9."""
        card = score(_qa(ScoringPolicy(aggregators={"practice": "minimum"})), _assessment())
        assert (card["lead"].score, card["lead"].aggregator) == (
            approx(7 / 9),
            "weighted_mean",
        )

    def test_overall_aggregator(self) -> None:
        """aggregators={'overall': 'maximum'}: overall = max(7/9, 29/48) = 7/9."""
        card = score(_qa(ScoringPolicy(aggregators={"overall": "maximum"})), _assessment())
        assert card.overall.score == approx(7 / 9)

    def test_weighted_median_policy(self) -> None:
        """weighted_median: c4 from 1/3 (w 1), 2/3 (w 3) reaches half of 4 at 2/3 (mean 7/12)."""
        card = score(_qa(ScoringPolicy(aggregator="weighted_median")), _assessment())
        assert card["c4"].score == approx(2 / 3)

    def test_all_must_meet_policy(self) -> None:
        """all_must_meet, meet 2/3: lead (2/3, 1) meets -> 1; practice (c3 1/2) does not -> 0."""
        policy = ScoringPolicy(aggregator="all_must_meet", meet=2 / 3)
        card = score(_qa(policy), _assessment())
        assert (card["lead"].score, card["practice"].score) == (1.0, 0.0)

    def test_policy_argument_overrides_the_framework_policy(self) -> None:
        """policy=ScoringPolicy() on a framework whose policy says minimum gives the mean 7/9."""
        framework = _qa(ScoringPolicy(aggregator="minimum"))
        card = score(framework, _assessment(), policy=ScoringPolicy())
        assert (card["lead"].score, card.policy) == (approx(7 / 9), ScoringPolicy())

    def test_framework_policy_is_the_default(self) -> None:
        """Without policy=, the framework's policy applies: lead = min(2/3, 1) = 2/3."""
        framework = _qa(ScoringPolicy(aggregator="minimum"))
        assert score(framework, _assessment())["lead"].score == approx(2 / 3)

    def test_role_selects_the_ratings(self) -> None:
        """role='self' scores the self-assessment: c1 self outstanding, not moderated good."""
        ratings = [*_ratings(USUAL), *_ratings({"c1": "outstanding"}, role="self")]
        card = score(QA, _assessment(ratings=ratings), role="self")
        assert (card["c1"].score, card["c2"].status, card.role) == (1.0, Status.UNRATED, "self")

    def test_moderated_is_the_default_role(self) -> None:
        """Without role=, only moderated ratings count: c1 good (2/3)."""
        ratings = [*_ratings(USUAL), *_ratings({"c1": "outstanding"}, role="self")]
        card = score(QA, _assessment(ratings=ratings))
        assert (card["c1"].score, card.role) == (approx(2 / 3), "moderated")

    def test_rater_selects_one_raters_ratings(self) -> None:
        """rater='y' takes y's moderated rating of c1 (inadequate) and none of x's."""
        ratings = [
            Rating(criterion_id="c1", level="good", role="moderated", rater="x"),
            Rating(criterion_id="c1", level="inadequate", role="moderated", rater="y"),
            Rating(criterion_id="c2", level="good", role="moderated", rater="x"),
        ]
        card = score(QA, _assessment(ratings=ratings), rater="y")
        assert (card["c1"].score, card["c2"].status) == (0.0, Status.UNRATED)

    def test_scorecard_names_the_assessment(self) -> None:
        """The scorecard carries the assessment id and subject."""
        card = score(QA, _assessment())
        assert (card.assessment_id, card.subject) == ("a1", "police")


# -- limiting rules ------------------------------------------------------------------------------


class TestLimitingRules:
    def test_inadequate_criterion_caps_its_domain(self) -> None:
        """c1 outstanding (w 2), c2 inadequate: lead (2 + 0) / 3 = 2/3 good, capped to 1/3 RI."""
        card = score(
            _qa(ScoringPolicy(rules=[CAP_DOMAINS])),
            _assessment(_with(c1="outstanding", c2="inadequate")),
        )
        lead = card["lead"]
        assert (lead.score, lead.level, lead.unlimited_score, lead.limited_by) == (
            approx(1 / 3),
            "requires_improvement",
            approx(2 / 3),
            "inadequate-caps-domain",
        )

    def test_cap_leaves_domains_without_an_inadequate_criterion(self) -> None:
        """practice has no inadequate criterion: 29/48 as before, not limited."""
        card = score(
            _qa(ScoringPolicy(rules=[CAP_DOMAINS])),
            _assessment(_with(c1="outstanding", c2="inadequate")),
        )
        assert (card["practice"].score, card["practice"].limited_by) == (
            approx(29 / 48),
            None,
        )

    def test_cap_reaches_criteria_at_any_depth(self) -> None:
        """c4.a inadequate caps practice: (1/2 + (0 + 2) / 4 + 4/3) / 4 = 7/12 -> 1/3."""
        card = score(_qa(ScoringPolicy(rules=[CAP_DOMAINS])), _assessment(_with(c4_a="inadequate")))
        assert (card["practice"].unlimited_score, card["practice"].score) == (
            approx(7 / 12),
            approx(1 / 3),
        )

    def test_cap_that_changes_nothing_is_not_limiting(self) -> None:
        """c1 inadequate, c2 outstanding: lead (0 + 1) / 3 = 1/3 is already RI; limited_by None."""
        card = score(_qa(ScoringPolicy(rules=[CAP_DOMAINS])), _assessment(_with(c1="inadequate")))
        assert (card["lead"].score, card["lead"].limited_by) == (approx(1 / 3), None)

    def test_capped_domain_feeds_the_overall(self) -> None:
        """overall = (1/3 x 2 + 29/48) / 3 = (32/48 + 29/48) / 3 = 61/144, RI (uncapped 93/144)."""
        card = score(
            _qa(ScoringPolicy(rules=[CAP_DOMAINS])),
            _assessment(_with(c1="outstanding", c2="inadequate")),
        )
        assert (card.overall.score, card.overall.level) == (
            approx(61 / 144),
            "requires_improvement",
        )

    def test_overall_no_better_than_the_weaker_domain(self) -> None:
        """practice (0 + 1/3 + 4/3) / 4 = 5/12; overall (14/9 + 5/12) / 3 = 71/108 -> 5/12, RI."""
        levels = _with(c3="not_met", c4_b="requires_improvement")
        card = score(_qa(ScoringPolicy(rules=[WEAKER_DOMAIN])), _assessment(levels))
        overall = card.overall
        assert (overall.unlimited_score, overall.score, overall.level, overall.limited_by) == (
            approx(71 / 108),
            approx(5 / 12),
            "requires_improvement",
            "weaker-domain",
        )

    def test_weakest_of_ignores_unscored_nodes(self) -> None:
        """With lead not applicable, the weaker of lead and practice is practice: no change."""
        levels = _with(c1="not_applicable", c2="not_applicable")
        card = score(_qa(ScoringPolicy(rules=[WEAKER_DOMAIN])), _assessment(levels))
        assert (card.overall.score, card.overall.limited_by) == (approx(29 / 48), None)

    def test_floor_when_every_criterion_is_good(self) -> None:
        """Thresholds 0.25, 0.75, 0.9: lead of two goods = 2/3 < 0.75 is RI, floored to good."""
        floor = LimitingRule(
            id="good-floor",
            applies_to="lead",
            condition="all_at_or_above",
            level="good",
            effect="floor",
            at="good",
        )
        policy = ScoringPolicy(thresholds=[0.25, 0.75, 0.9], rules=[floor])
        card = score(_qa(policy), _assessment(_with(c2="good")))
        lead = card["lead"]
        assert (lead.score, lead.level, lead.limited_by) == (
            approx(2 / 3),
            "good",
            "good-floor",
        )

    def test_floor_raises_a_score(self) -> None:
        """all_must_meet (meet 1) of two goods scores 0, inadequate; floored at good: 2/3, good."""
        floor = LimitingRule(
            id="good-floor",
            applies_to="lead",
            condition="all_at_or_above",
            level="good",
            effect="floor",
            at="good",
        )
        policy = ScoringPolicy(aggregators={"lead": "all_must_meet"}, rules=[floor])
        lead = score(_qa(policy), _assessment(_with(c2="good")))["lead"]
        assert (lead.unlimited_score, lead.score, lead.level) == (0.0, approx(2 / 3), "good")

    def test_floor_needs_every_scored_criterion(self) -> None:
        """With c2 requires improvement, not every criterion is good: no floor, 5/9 stays."""
        floor = LimitingRule(
            id="good-floor",
            applies_to="lead",
            condition="all_at_or_above",
            level="good",
            effect="floor",
            at="good",
        )
        policy = ScoringPolicy(thresholds=[0.25, 0.75, 0.9], rules=[floor])
        lead = score(_qa(policy), _assessment(_with(c2="requires_improvement")))["lead"]
        # (2/3 x 2 + 1/3) / 3 = 5/9 = 0.556 < 0.75: requires improvement.
        assert (lead.score, lead.level, lead.limited_by) == (
            approx(5 / 9),
            "requires_improvement",
            None,
        )

    def test_last_rule_that_changes_the_result_is_limited_by(self) -> None:
        """Caps at RI then at inadequate: 2/3 -> 1/3 -> 0; limited_by the second."""
        to_ri = attrs.evolve(CAP_DOMAINS, id="to-ri", applies_to="lead")
        to_inadequate = attrs.evolve(
            CAP_DOMAINS, id="to-inadequate", applies_to="lead", at="inadequate"
        )
        policy = ScoringPolicy(rules=[to_ri, to_inadequate])
        lead = score(_qa(policy), _assessment(_with(c1="outstanding", c2="inadequate")))["lead"]
        assert (lead.score, lead.level, lead.limited_by) == (0.0, "inadequate", "to-inadequate")

    def test_a_later_rule_that_changes_nothing_does_not_take_over(self) -> None:
        """Caps at inadequate then at RI: 2/3 -> 0, then min(0, 1/3) = 0; limited_by the first."""
        to_ri = attrs.evolve(CAP_DOMAINS, id="to-ri", applies_to="lead")
        to_inadequate = attrs.evolve(
            CAP_DOMAINS, id="to-inadequate", applies_to="lead", at="inadequate"
        )
        policy = ScoringPolicy(rules=[to_inadequate, to_ri])
        lead = score(_qa(policy), _assessment(_with(c1="outstanding", c2="inadequate")))["lead"]
        assert (lead.score, lead.limited_by) == (0.0, "to-inadequate")

    def test_rules_for_a_node_and_for_all_domains_apply_in_policy_order(self) -> None:
        """A 'domains' cap at RI after a 'lead' cap at inadequate: 0 stays, limited by the first."""
        to_inadequate = attrs.evolve(
            CAP_DOMAINS, id="to-inadequate", applies_to="lead", at="inadequate"
        )
        policy = ScoringPolicy(rules=[to_inadequate, CAP_DOMAINS])
        lead = score(_qa(policy), _assessment(_with(c1="outstanding", c2="inadequate")))["lead"]
        assert (lead.score, lead.limited_by) == (0.0, "to-inadequate")

    def test_a_cap_that_moves_nothing_keeps_a_floored_level(self) -> None:
        """A cap that moves nothing keeps the level a floor set (thresholds 0.25, 0.75, 0.9)."""
        # Two goods: 2/3 < 0.75 is RI, floored to good; 'no better than outstanding' triggers
        # (every criterion is at or below outstanding) but must leave good alone.
        floor = LimitingRule(
            id="good-floor",
            applies_to="lead",
            condition="all_at_or_above",
            level="good",
            effect="floor",
            at="good",
        )
        ceiling = attrs.evolve(CAP_DOMAINS, id="ceiling", level="outstanding", at="outstanding")
        policy = ScoringPolicy(thresholds=[0.25, 0.75, 0.9], rules=[floor, ceiling])
        lead = score(_qa(policy), _assessment(_with(c2="good")))["lead"]
        assert (lead.score, lead.level, lead.limited_by) == (
            approx(2 / 3),
            "good",
            "good-floor",
        )

    def test_a_cap_never_raises_a_level(self) -> None:
        """A cap never raises the level an earlier cap set (thresholds 0.1, 0.2, 0.9)."""
        # lead = (1 x 2 + 0) / 3 = 2/3, capped at RI: score 1/3, which these cut points call
        # good, held at RI; 'no better than outstanding' then must keep RI.
        ceiling = attrs.evolve(CAP_DOMAINS, id="ceiling", level="outstanding", at="outstanding")
        policy = ScoringPolicy(thresholds=[0.1, 0.2, 0.9], rules=[CAP_DOMAINS, ceiling])
        card = score(_qa(policy), _assessment(_with(c1="outstanding", c2="inadequate")))
        lead = card["lead"]
        assert (lead.score, lead.level, lead.limited_by) == (
            approx(1 / 3),
            "requires_improvement",
            "inadequate-caps-domain",
        )

    def test_rule_on_a_node_without_a_score_does_nothing(self) -> None:
        """min_coverage 0.6, c1 inadequate, c2 unrated: lead is insufficient; no cap applies."""
        policy = ScoringPolicy(min_coverage=0.6, rules=[CAP_DOMAINS])
        lead = score(_qa(policy), _assessment({**_without("c2"), "c1": "inadequate"}))["lead"]
        assert (lead.status, lead.score, lead.level, lead.limited_by) == (
            Status.INSUFFICIENT_EVIDENCE,
            None,
            None,
            None,
        )

    def test_weakest_of_unscored_nodes_does_nothing(self) -> None:
        """No ratings at all: the overall stays unrated and unlimited."""
        card = score(_qa(ScoringPolicy(rules=[WEAKER_DOMAIN])), _assessment({}))
        assert (card.overall.status, card.overall.limited_by) == (Status.UNRATED, None)

    def test_weakest_of_naming_a_node_outside_its_target(self) -> None:
        """A rule on lead naming practice (not under lead) fails at $.scoring.rules[0].nodes[0]."""
        rule = attrs.evolve(WEAKER_DOMAIN, applies_to="lead", nodes=["practice"])
        with pytest.raises(ValidationError) as error:
            score(_qa(ScoringPolicy(rules=[rule])), _assessment())
        assert _paths(error) == ("$.scoring.rules[0].nodes[0]",)

    def test_weakest_of_naming_a_node_scored_earlier_outside_its_target(self) -> None:
        """A rule on practice naming c1 (in lead, scored before practice) fails at .nodes[0]."""
        rule = attrs.evolve(WEAKER_DOMAIN, applies_to="practice", nodes=["c1"])
        with pytest.raises(ValidationError, match="under 'practice'") as error:
            score(_qa(ScoringPolicy(rules=[rule])), _assessment())
        assert _paths(error) == ("$.scoring.rules[0].nodes[0]",)

    def test_weakest_of_naming_its_target(self) -> None:
        """A rule on lead naming c1 and lead itself fails at $.scoring.rules[1].nodes[1]."""
        rule = attrs.evolve(WEAKER_DOMAIN, id="self", applies_to="lead", nodes=["c1", "lead"])
        with pytest.raises(ValidationError) as error:
            score(_qa(ScoringPolicy(rules=[CAP_DOMAINS, rule])), _assessment())
        assert _paths(error) == ("$.scoring.rules[1].nodes[1]",)

    def test_weakest_of_a_criterion_under_the_domain(self) -> None:
        """lead no better than c1: c1 RI (1/3), c2 outstanding: lead (2/3 + 1) / 3 = 5/9 -> 1/3."""
        rule = attrs.evolve(WEAKER_DOMAIN, applies_to="lead", nodes=["c1"])
        card = score(
            _qa(ScoringPolicy(rules=[rule])), _assessment(_with(c1="requires_improvement"))
        )
        assert (card["lead"].unlimited_score, card["lead"].score) == (
            approx(5 / 9),
            approx(1 / 3),
        )


# -- explanations --------------------------------------------------------------------------------


class TestScorecardExplain:
    def test_rated_criterion(self) -> None:
        """A rated criterion: its level, score and the evidence it cites."""
        evidence = [Evidence(id="e1", title="E1", kind="policy")]
        ratings = [Rating(criterion_id="c1", level="good", role="moderated", evidence_ids=["e1"])]
        card = score(QA, _assessment(ratings=ratings, evidence=evidence))
        assert card.explain("c1") == (
            "Criterion 'c1' (Board lead): rated good -> 0.667, good; evidence cited: 1."
        )

    def test_unrated_criterion(self) -> None:
        """An unrated criterion says so."""
        card = score(QA, _assessment(_without("c2")))
        assert card.explain("c2") == "Criterion 'c2' (Listening): unrated."

    def test_criterion_with_sub_criteria(self) -> None:
        """An aggregated criterion explains itself like a domain: c4 = 7/12 = 0.583, good."""
        card = score(QA, _assessment())
        assert card.explain("c4") == (
            "Criterion 'c4' (Training): weighted mean of 2 of 2 applicable children "
            "(coverage 100%) -> 0.583, good.\n"
            "  c4.a (Induction): 0.333, requires_improvement, weight 1\n"
            "  c4.b (Refresher): 0.667, good, weight 3"
        )

    def test_domain(self) -> None:
        """A domain: aggregator, coverage, result, then each child with score, level and weight."""
        card = score(QA, _assessment())
        assert card.explain("lead") == (
            "Domain 'lead' (Leadership): weighted mean of 2 of 2 applicable children "
            "(coverage 100%) -> 0.778, good.\n"
            "  c1 (Board lead): 0.667, good, weight 2\n"
            "  c2 (Listening): 1.000, outstanding, weight 1"
        )

    def test_domain_with_an_unrated_child(self) -> None:
        """The coverage shows the unrated child, listed as unrated."""
        card = score(QA, _assessment(_without("c2")))
        assert card.explain("lead") == (
            "Domain 'lead' (Leadership): weighted mean of 1 of 2 applicable children "
            "(coverage 50%) -> 0.667, good.\n"
            "  c1 (Board lead): 0.667, good, weight 2\n"
            "  c2 (Listening): unrated, weight 1"
        )

    def test_capped_domain(self) -> None:
        """A capped domain names the rule, why it applied, and the score before and after."""
        rule = attrs.evolve(CAP_DOMAINS, description="Inadequate anywhere caps the domain.")
        card = score(
            _qa(ScoringPolicy(rules=[rule])), _assessment(_with(c1="outstanding", c2="inadequate"))
        )
        assert card.explain("lead") == (
            "Domain 'lead' (Leadership): weighted mean of 2 of 2 applicable children "
            "(coverage 100%) -> 0.333, requires_improvement.\n"
            "  Capped by rule 'inadequate-caps-domain' (a criterion at or below inadequate, "
            "so no better than requires_improvement): 0.667 -> 0.333, requires_improvement. "
            "Inadequate anywhere caps the domain.\n"
            "  c1 (Board lead): 1.000, outstanding, weight 2\n"
            "  c2 (Listening): 0.000, inadequate, weight 1"
        )

    def test_overall_capped_by_the_weaker_domain(self) -> None:
        """The overall lists the domains; a weakest_of cap names the nodes."""
        levels = _with(c3="not_met", c4_b="requires_improvement")
        card = score(_qa(ScoringPolicy(rules=[WEAKER_DOMAIN])), _assessment(levels))
        assert card.explain() == (
            "Overall (QA): weighted mean of 2 of 2 applicable children (coverage 100%) "
            "-> 0.417, requires_improvement.\n"
            "  Capped by rule 'weaker-domain' (no better than the weakest of lead, practice): "
            "0.657 -> 0.417, requires_improvement.\n"
            "  lead (Leadership): 0.778, good, weight 2\n"
            "  practice (Practice): 0.417, requires_improvement, weight 1"
        )

    def test_overall(self) -> None:
        """The overall: 311/432 = 0.720, good, from lead 7/9 and practice 29/48."""
        card = score(QA, _assessment())
        assert card.explain("overall") == (
            "Overall (QA): weighted mean of 2 of 2 applicable children (coverage 100%) "
            "-> 0.720, good.\n"
            "  lead (Leadership): 0.778, good, weight 2\n"
            "  practice (Practice): 0.604, good, weight 1"
        )

    def test_floored_domain(self) -> None:
        """A floor names the rule as 'Floored', with why it applied."""
        floor = LimitingRule(
            id="good-floor",
            applies_to="lead",
            condition="all_at_or_above",
            level="good",
            effect="floor",
            at="good",
        )
        policy = ScoringPolicy(thresholds=[0.25, 0.75, 0.9], rules=[floor])
        card = score(_qa(policy), _assessment(_with(c2="good")))
        assert card.explain("lead").splitlines()[1] == (
            "  Floored by rule 'good-floor' (every criterion at or above good, so no worse "
            "than good): 0.667 -> 0.667, good."
        )

    def test_insufficient_domain(self) -> None:
        """An insufficient-evidence domain shows its coverage and the status."""
        card = score(_qa(ScoringPolicy(min_coverage=0.6)), _assessment(_without("c2")))
        assert card.explain("lead").splitlines()[0] == (
            "Domain 'lead' (Leadership): weighted mean of 1 of 2 applicable children "
            "(coverage 50%) -> insufficient evidence."
        )

    def test_unknown_node(self) -> None:
        """Explaining a node the framework lacks raises NotFoundError."""
        with pytest.raises(NotFoundError, match="'nope'"):
            score(QA, _assessment()).explain("nope")


class TestScorecard:
    def test_overall_by_name(self) -> None:
        """card['overall'] is card.overall."""
        card = score(QA, _assessment())
        assert card["overall"] is card.overall

    def test_unknown_node(self) -> None:
        """card['nope'] raises NotFoundError naming the node."""
        with pytest.raises(NotFoundError, match="'nope'"):
            score(QA, _assessment())["nope"]

    def test_results_hold_every_node(self) -> None:
        """results has every domain and criterion, not the overall."""
        card = score(QA, _assessment())
        assert set(card.results) == set(NODE_ORDER) - {"overall"}

    def test_results_are_node_results(self) -> None:
        """Every result is a NodeResult for its own id."""
        card = score(QA, _assessment())
        assert all(
            isinstance(result, NodeResult) and result.node_id == node_id
            for node_id, result in card.results.items()
        )


# -- errors --------------------------------------------------------------------------------------


class TestScoreErrors:
    def test_unknown_criterion(self) -> None:
        """A rating of an unknown criterion fails at $.ratings[1].criterion_id."""
        ratings = [*_ratings({"c1": "good", "c9": "good"})]
        with pytest.raises(ValidationError, match="found 'c9'") as error:
            score(QA, _assessment(ratings=ratings))
        assert _paths(error) == ("$.ratings[1].criterion_id",)

    def test_level_not_on_the_scale(self) -> None:
        """c3 (MET3) rated 'good' fails at $.ratings[2].level."""
        with pytest.raises(ValidationError, match="scale 'met3'") as error:
            score(QA, _assessment(_with(c3="good")))
        assert _paths(error) == ("$.ratings[2].level",)

    def test_every_problem_is_reported(self) -> None:
        """Two bad ratings give two problems, in order."""
        ratings = _ratings({"c9": "good", "c3": "good"})
        with pytest.raises(ValidationError) as error:
            score(QA, _assessment(ratings=ratings))
        assert _paths(error) == ("$.ratings[0].criterion_id", "$.ratings[1].level")

    def test_two_raters_without_rater(self) -> None:
        """Two moderated ratings of c1 by x and y, no rater=: fails at the second, $.ratings[1]."""
        ratings = [
            Rating(criterion_id="c1", level="good", role="moderated", rater="x"),
            Rating(criterion_id="c1", level="inadequate", role="moderated", rater="y"),
        ]
        with pytest.raises(ValidationError, match="rater=") as error:
            score(QA, _assessment(ratings=ratings))
        assert _paths(error) == ("$.ratings[1]",)

    def test_ratings_of_other_roles_are_not_checked(self) -> None:
        """A self rating of an unknown criterion does not stop a moderated score."""
        ratings = [*_ratings(USUAL), *_ratings({"c9": "good"}, role="self")]
        assert score(QA, _assessment(ratings=ratings)).overall.status is Status.SCORED

    def test_unknown_role(self) -> None:
        """role='boss' fails at $.role."""
        with pytest.raises(ValidationError, match="'boss'") as error:
            score(QA, _assessment(), role="boss")
        assert _paths(error) == ("$.role",)

    def test_score_many_paths_name_the_assessment(self) -> None:
        """score_many reports $[1].ratings[0].criterion_id for the second assessment."""
        bad = _assessment(id="a2", ratings=_ratings({"c9": "good"}))
        with pytest.raises(ValidationError) as error:
            score_many(QA, [_assessment(), bad])
        assert _paths(error) == ("$[1].ratings[0].criterion_id",)

    def test_policy_argument_naming_unknown_nodes(self) -> None:
        """policy= is checked against the framework: an unknown node fails with its path."""
        rule = attrs.evolve(WEAKER_DOMAIN, nodes=["lead", "nope"])
        with pytest.raises(ValidationError) as error:
            score(QA, _assessment(), policy=ScoringPolicy(rules=[rule]))
        assert _paths(error) == ("$.scoring.rules[0].nodes[1]",)

    def test_policy_argument_naming_an_unknown_level(self) -> None:
        """policy= with a rule at a level the judgement scale lacks fails at its path."""
        rule = attrs.evolve(CAP_DOMAINS, at="great")
        with pytest.raises(ValidationError) as error:
            score(QA, _assessment(), policy=ScoringPolicy(rules=[rule]))
        assert _paths(error) == ("$.scoring.rules[0].at",)

    def test_policy_argument_with_not_applicable_off_a_scale(self) -> None:
        """policy= counting N/A as 'good' when c3 is on MET3 fails at $.scoring.not_applicable."""
        with pytest.raises(ValidationError) as error:
            score(QA, _assessment(), policy=ScoringPolicy(not_applicable="good"))
        assert _paths(error) == ("$.scoring.not_applicable",)


class TestFrameworkScoringValidation:
    def _problems(self, policy: ScoringPolicy) -> tuple[str, ...]:
        with pytest.raises(ValidationError) as error:
            _qa(policy)
        return _paths(error)

    def test_aggregator_for_an_unknown_node(self) -> None:
        """aggregators naming an unknown node fail at $.scoring.aggregators.<id>."""
        assert self._problems(ScoringPolicy(aggregators={"nope": "minimum"})) == (
            "$.scoring.aggregators.nope",
        )

    def test_rule_for_an_unknown_node(self) -> None:
        """A rule applying to an unknown node fails at $.scoring.rules[0].applies_to."""
        rule = attrs.evolve(CAP_DOMAINS, applies_to="nope")
        assert self._problems(ScoringPolicy(rules=[rule])) == ("$.scoring.rules[0].applies_to",)

    def test_weakest_of_an_unknown_node(self) -> None:
        """A weakest_of naming an unknown node fails at $.scoring.rules[1].nodes[1]."""
        rule = attrs.evolve(WEAKER_DOMAIN, nodes=["lead", "nope"])
        assert self._problems(ScoringPolicy(rules=[CAP_DOMAINS, rule])) == (
            "$.scoring.rules[1].nodes[1]",
        )

    def test_rule_level_off_the_judgement_scale(self) -> None:
        """A rule level and at the Ofsted scale lacks fail at .level and .at."""
        rule = attrs.evolve(CAP_DOMAINS, level="red", at="amber")
        assert self._problems(ScoringPolicy(rules=[rule])) == (
            "$.scoring.rules[0].level",
            "$.scoring.rules[0].at",
        )

    def test_not_applicable_off_a_criterion_scale(self) -> None:
        """not_applicable='good' with c3 on MET3 fails at $.scoring.not_applicable."""
        assert self._problems(ScoringPolicy(not_applicable="good")) == ("$.scoring.not_applicable",)

    def test_thresholds_of_the_wrong_length(self) -> None:
        """Two thresholds for the four-level Ofsted scale fail at $.scoring.thresholds."""
        assert self._problems(ScoringPolicy(thresholds=[0.3, 0.6])) == ("$.scoring.thresholds",)


# -- tables --------------------------------------------------------------------------------------


def _table() -> tuple[ScoreTable, list[Assessment]]:
    items = [
        _assessment(),
        _assessment(_without("c2"), id="a2", subject="health"),
        _assessment({}, id="a3", subject="school"),
    ]
    return score_many(QA, items), items


class TestScoreTable:
    def test_length_is_the_number_of_assessments(self) -> None:
        """len(table) is 3 for 3 assessments."""
        assert len(_table()[0]) == 3

    def test_nodes_run_children_before_parents(self) -> None:
        """node_ids list the nodes depth-first, children before parents, overall last."""
        assert _table()[0].node_ids == NODE_ORDER

    def test_scorecard_equals_score(self) -> None:
        """table.scorecard(i) equals score() of the i-th assessment."""
        table, items = _table()
        assert all(table.scorecard(i) == score(QA, item) for i, item in enumerate(items))

    def test_column(self) -> None:
        """column('lead') is 2 and column('overall') is 9."""
        table = _table()[0]
        assert (table.column("lead"), table.column("overall")) == (2, 9)

    def test_column_of_an_unknown_node(self) -> None:
        """column('nope') raises NotFoundError."""
        with pytest.raises(NotFoundError, match="'nope'"):
            _table()[0].column("nope")

    def test_scores_of(self) -> None:
        """scores_of('lead'): 7/9, then c1 alone 2/3, then NaN for nothing rated."""
        values = _table()[0].scores_of("lead")
        assert values[:2].tolist() == approx([7 / 9, 2 / 3])
        assert math.isnan(values[2])

    def test_records_one_per_assessment_and_node(self) -> None:
        """records() has 3 x 10 rows, assessment by assessment, nodes in table order."""
        records = _table()[0].records()
        assert [(r["assessment_id"], r["node_id"]) for r in records] == [
            (a, n) for a in ("a1", "a2", "a3") for n in NODE_ORDER
        ]

    def test_record_of_a_rated_criterion(self) -> None:
        """The record of c1 in a1: every field, by hand."""
        record = _table()[0].records()[0]
        assert record == {
            "assessment_id": "a1",
            "subject": "police",
            "node_id": "c1",
            "kind": "criterion",
            "score": approx(2 / 3),
            "level": "good",
            "status": "scored",
            "coverage": 1.0,
            "evidence": 0,
            "limited_by": None,
        }

    def test_record_of_an_unrated_domain(self) -> None:
        """The record of lead in a3 (nothing rated): unrated, no score or level, coverage 0."""
        record = _table()[0].records()[2 * 10 + 2]
        assert record == {
            "assessment_id": "a3",
            "subject": "school",
            "node_id": "lead",
            "kind": "domain",
            "score": None,
            "level": None,
            "status": "unrated",
            "coverage": 0.0,
            "evidence": 0,
            "limited_by": None,
        }

    def test_record_of_a_limited_overall(self) -> None:
        """limited_by in a record is the rule's id."""
        levels = _with(c3="not_met", c4_b="requires_improvement")
        table = score_many(_qa(ScoringPolicy(rules=[WEAKER_DOMAIN])), [_assessment(levels)])
        assert table.records()[-1]["limited_by"] == "weaker-domain"

    def test_empty_table(self) -> None:
        """score_many of no assessments gives an empty table with every node."""
        table = score_many(QA, [])
        assert (len(table), table.records(), table.node_ids) == (0, [], NODE_ORDER)

    def test_score_many_accepts_any_iterable(self) -> None:
        """A generator of assessments works like a list."""
        table = score_many(QA, (item for item in [_assessment()]))
        assert table.scores_of("lead").tolist() == approx([7 / 9])

    def test_arrays_are_subjects_by_nodes(self) -> None:
        """score, level and status are 3 x 10 arrays."""
        table = _table()[0]
        assert {table.score.shape, table.level.shape, table.status.shape} == {(3, 10)}

    def test_to_pandas(self) -> None:
        """to_pandas gives the records as a DataFrame with the record columns."""
        pytest.importorskip("pandas")
        table = _table()[0]
        frame = table.to_pandas()
        assert list(frame.columns) == list(table.records()[0])
        assert len(frame) == 30
        lead = frame[(frame.assessment_id == "a1") & (frame.node_id == "lead")]
        assert lead.score.tolist() == approx([7 / 9])

    def test_levels_index_the_node_scale(self) -> None:
        """level holds indices into level_codes: c3 partially met is 1 on MET3."""
        table = _table()[0]
        column = table.column("c3")
        assert table.level_codes[column][int(table.level[0, column])] == "partially_met"

    def test_array_status_and_nan(self) -> None:
        """Unscored cells are NaN in score and -1 in level."""
        table = _table()[0]
        assert np.isnan(table.score[2]).all()
        assert (table.level[2] == -1).all()


class TestMixedScales:
    def test_every_rated_criterion_keeps_its_own_level(self) -> None:
        """Rated criteria on two scales each show exactly their own rating.

        Regression (found by the reference test): rated criteria are scored as one
        block, grouped by scale; the grouping once followed set order, not node order,
        and gave a criterion on one scale a level index of the other. The tree below
        puts a rated criterion at index 8 among four in the block (the rule on "b" keeps
        it out), where set order differs from node order.
        """
        c = Criterion
        framework = Framework(
            id="mixed",
            version="1",
            title="Mixed",
            scale=RAG3,
            scoring=ScoringPolicy(
                rules=[
                    LimitingRule(
                        id="r0",
                        applies_to="b",
                        condition="any_at_or_below",
                        level="red",
                        effect="cap",
                        at="red",
                    )
                ]
            ),
            domains=[
                Domain(
                    id="a",
                    title="A",
                    children=[
                        Domain(id="a1", title="Empty"),
                        c(
                            id="a2",
                            title="P",
                            children=[c(id="a3", title="L"), c(id="b", title="L")],
                        ),
                    ],
                ),
                Domain(
                    id="a4",
                    title="B",
                    children=[
                        c(id="a5", title="P", children=[c(id="x", title="L")]),
                        c(
                            id="a6",
                            title="P",
                            children=[
                                c(id="a7", title="L", scale=OFSTED4),
                                c(id="a8", title="L"),
                            ],
                        ),
                    ],
                ),
            ],
        )
        levels = {"a3": "red", "b": "amber", "x": "green", "a7": "outstanding", "a8": "red"}
        card = score(
            framework,
            Assessment(
                id="a",
                framework_id="mixed",
                subject="s",
                ratings=[
                    Rating(criterion_id=k, level=v, role="moderated") for k, v in levels.items()
                ],
            ),
        )
        assert {k: card[k].level for k in levels} == levels
