"""Invariants that hold for every value the strategies draw: bounds, order, structure."""

from __future__ import annotations

import datetime
import itertools
import re
from typing import Any

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from lscbqa.actions import ActionPlan
from lscbqa.assessment import Assessment, Role
from lscbqa.evidence import REDACTED, Evidence
from lscbqa.model import Criterion, Domain, Framework
from lscbqa.periods import Period
from lscbqa.scales import RatingScale
from lscbqa.serialize import to_dict
from lscbqa.testing.strategies import (
    action_plans,
    assessments,
    evidence,
    frameworks,
    periods,
    rating_scales,
)

SCORES = st.floats(min_value=0, max_value=1)
SCALES_WITH_DEFAULT_CUT_POINTS = rating_scales().map(
    lambda scale: attrs.evolve(scale, thresholds=())
)
# Modest example counts: each invariant is cheap to check, drawing values is not.
SMALL = settings(max_examples=40, deadline=None)
TREES = settings(max_examples=20, deadline=None)


def _resolve(document: Any, json_path: str) -> Any:
    """The value at a JSON path such as ``$.domains[0].children[1]``."""
    value = document
    for name, index in re.findall(r"\.([A-Za-z_]+)|\[(\d+)\]", json_path[1:]):
        value = value[name] if name else value[int(index)]
    return value


class TestRatingScaleNormalise:
    @SMALL
    @given(rating_scales())
    def test_scores_lie_between_0_and_1(self, scale: RatingScale) -> None:
        """normalise maps every level into [0, 1]."""
        assert all(0 <= scale.normalise(code) <= 1 for code in scale.codes)

    @SMALL
    @given(rating_scales())
    def test_lowest_level_scores_0_and_highest_scores_1(self, scale: RatingScale) -> None:
        """The lowest level normalises to 0 and the highest to 1."""
        assert (scale.normalise(scale.codes[0]), scale.normalise(scale.codes[-1])) == (0, 1)

    @SMALL
    @given(rating_scales())
    def test_scores_rise_with_level_order(self, scale: RatingScale) -> None:
        """normalise is strictly increasing in level order."""
        scores = [scale.normalise(code) for code in scale.codes]
        assert all(low < high for low, high in itertools.pairwise(scores))


class TestRatingScaleLevelFor:
    @SMALL
    @given(SCALES_WITH_DEFAULT_CUT_POINTS)
    def test_inverts_normalise_with_default_cut_points(self, scale: RatingScale) -> None:
        """level_for(normalise(code)).code == code when the cut points are the midpoints."""
        assert [scale.level_for(scale.normalise(code)).code for code in scale.codes] == list(
            scale.codes
        )

    @SMALL
    @given(rating_scales(), SCORES, SCORES)
    def test_is_monotone_in_score(self, scale: RatingScale, first: float, second: float) -> None:
        """A higher score never maps to a lower level."""
        low, high = sorted((first, second))
        assert scale.levels.index(scale.level_for(low)) <= scale.levels.index(scale.level_for(high))

    @SMALL
    @given(rating_scales())
    def test_maps_0_to_lowest_and_1_to_highest(self, scale: RatingScale) -> None:
        """A score of 0 gives the lowest level and a score of 1 the highest."""
        assert (scale.level_for(0.0), scale.level_for(1.0)) == (scale.levels[0], scale.levels[-1])

    @SMALL
    @given(rating_scales())
    def test_each_cut_point_reaches_the_next_level(self, scale: RatingScale) -> None:
        """A score exactly at cut point i reaches level i + 1."""
        assert [scale.level_for(cut) for cut in scale.cut_points] == list(scale.levels[1:])

    @SMALL
    @given(rating_scales())
    def test_cut_points_increase_within_0_and_1(self, scale: RatingScale) -> None:
        """There is one cut point fewer than levels, increasing, each in (0, 1]."""
        cuts = scale.cut_points
        assert len(cuts) == len(scale.levels) - 1
        assert all(0 < cut <= 1 for cut in cuts)
        assert all(low < high for low, high in itertools.pairwise(cuts))


class TestFrameworkStructure:
    @TREES
    @given(frameworks())
    def test_counts_add_up_to_the_number_of_nodes(self, framework: Framework) -> None:
        """counts() gives as many domains and criteria as nodes() yields."""
        nodes = list(framework.nodes())
        assert framework.counts() == {
            "domains": sum(isinstance(node, Domain) for node in nodes),
            "criteria": sum(isinstance(node, Criterion) for node in nodes),
        }

    @TREES
    @given(frameworks())
    def test_node_ids_are_unique(self, framework: Framework) -> None:
        """No two nodes share an id."""
        ids = [node.id for node in framework.nodes()]
        assert len(ids) == len(set(ids))

    @TREES
    @given(frameworks())
    def test_path_to_runs_from_a_top_level_domain_to_the_node(self, framework: Framework) -> None:
        """path_to(id) starts at a top-level domain and ends with id, for every node."""
        tops = {domain.id for domain in framework.domains}
        for node in framework.nodes():
            path = framework.path_to(node.id)
            assert (path[0] in tops, path[-1]) == (True, node.id)

    @TREES
    @given(frameworks())
    def test_parent_is_the_second_last_step_of_the_path(self, framework: Framework) -> None:
        """parent_of(id) is the node before the last on path_to(id), or None at the top."""
        for node in framework.nodes():
            path = framework.path_to(node.id)
            parent = framework.parent_of(node.id)
            assert (parent.id if parent is not None else None) == (
                path[-2] if len(path) > 1 else None
            )

    @TREES
    @given(frameworks())
    def test_json_paths_are_unique(self, framework: Framework) -> None:
        """Every node has its own json_path."""
        paths = [framework.json_path(node.id) for node in framework.nodes()]
        assert len(paths) == len(set(paths))

    @TREES
    @given(frameworks())
    def test_json_path_leads_to_the_node_in_the_document(self, framework: Framework) -> None:
        """Following json_path(id) through to_dict(framework) reaches the table of that node."""
        document = to_dict(framework)
        for node in framework.nodes():
            assert _resolve(document, framework.json_path(node.id))["id"] == node.id

    @TREES
    @given(frameworks())
    def test_descriptors_name_levels_of_the_criterion_scale(self, framework: Framework) -> None:
        """Every level descriptor of a criterion names a level of scale_for(criterion)."""
        for criterion in framework.criteria():
            assert set(criterion.descriptors) <= set(framework.scale_for(criterion.id).codes)

    @TREES
    @given(frameworks())
    def test_leaf_criteria_are_the_criteria_without_children(self, framework: Framework) -> None:
        """criteria(leaves_only=True) is exactly the criteria that have no sub-criteria."""
        assert framework.criteria(leaves_only=True) == tuple(
            criterion for criterion in framework.criteria() if criterion.is_leaf
        )


class TestAssessmentCheck:
    @TREES
    @given(st.data())
    def test_strategy_built_assessment_has_no_errors(self, data: st.DataObject) -> None:
        """check(framework) of an assessment drawn for that framework finds no error."""
        framework = data.draw(frameworks(), label="framework")
        assessment = data.draw(assessments(framework=framework), label="assessment")
        assert [str(f) for f in assessment.check(framework) if f.is_error] == []

    @SMALL
    @given(assessments())
    def test_ratings_for_each_criterion_partition_the_ratings(self, assessment: Assessment) -> None:
        """ratings_for, over every rated criterion, returns each rating exactly once."""
        criterion_ids = dict.fromkeys(rating.criterion_id for rating in assessment.ratings)
        regrouped = [r for c in criterion_ids for r in assessment.ratings_for(c)]
        assert sorted(map(repr, regrouped)) == sorted(map(repr, assessment.ratings))

    @SMALL
    @given(assessments())
    def test_roles_are_those_that_rated_in_role_order(self, assessment: Assessment) -> None:
        """roles lists each role that rated once, in the order of Role."""
        rated = {rating.role for rating in assessment.ratings}
        assert assessment.roles == tuple(role for role in Role if role in rated)

    @SMALL
    @given(assessments())
    def test_redacted_copy_hides_every_personal_title(self, assessment: Assessment) -> None:
        """After redacted(), no personal evidence keeps its title, uri or notes."""
        for item in assessment.redacted().evidence:
            if item.is_personal:
                assert (item.title, item.uri, item.notes) == (REDACTED, None, None)


class TestEvidenceRedaction:
    @SMALL
    @given(evidence())
    def test_redacted_is_idempotent(self, item: Evidence) -> None:
        """Redacting twice gives the same as redacting once."""
        assert item.redacted().redacted() == item.redacted()

    @SMALL
    @given(evidence())
    def test_evidence_that_is_not_personal_is_unchanged(self, item: Evidence) -> None:
        """redacted() returns evidence that is not personal as it is."""
        assert item.is_personal or item.redacted() == item


class TestPeriodBounds:
    @SMALL
    @given(periods())
    def test_both_ends_are_inside(self, period: Period) -> None:
        """A period contains its first and its last day."""
        assert (period.start in period, period.end in period) == (True, True)

    @SMALL
    @given(periods())
    def test_days_count_both_ends(self, period: Period) -> None:
        """days is one more than the days between the ends."""
        assert period.days == (period.end - period.start).days + 1 >= 1


class TestActionPlanViews:
    @SMALL
    @given(action_plans(), st.dates())
    def test_overdue_actions_are_open(self, plan: ActionPlan, as_of: datetime.date) -> None:
        """Every overdue action is an open action."""
        assert set(plan.overdue(as_of=as_of)) <= set(plan.open_actions())

    @SMALL
    @given(action_plans())
    def test_open_actions_are_those_not_closed(self, plan: ActionPlan) -> None:
        """open_actions() keeps exactly the actions that are neither done nor dropped."""
        assert plan.open_actions() == tuple(a for a in plan.actions if not a.status.is_closed)
