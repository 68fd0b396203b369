"""Tests for lscbqa.scoring.propose_actions: the rate-then-act loop, worked out by hand.

The framework rates on the 0-3 scale: normalised 0, 1/3, 2/3, 1 with cut points 1/6,
1/2, 5/6. Standard s1 is judged through two sub-criteria weighted 2 and 1.
"""

from __future__ import annotations

from lscbqa.actions import Action, ActionPlan
from lscbqa.assessment import Assessment, Rating
from lscbqa.model import Criterion, Domain, Framework
from lscbqa.scales import SCORE_0_3
from lscbqa.scoring import propose_actions, score

FRAMEWORK = Framework(
    id="f",
    version="1",
    title="F",
    scale=SCORE_0_3,
    domains=[
        Domain(
            id="d",
            title="D",
            children=[
                Criterion(
                    id="s1",
                    title="Standard one",
                    guidance="Write it down.",
                    children=[
                        Criterion(id="s1.a", title="A", weight=2),
                        Criterion(id="s1.b", title="B", weight=1),
                    ],
                ),
                Criterion(id="s2", title="Standard two", weight=3, guidance="Train staff."),
                Criterion(id="s3", title="Standard three", weight=1),
            ],
        )
    ],
)


def _card(**levels: str) -> object:
    ratings = [
        Rating(criterion_id=criterion.replace("_", "."), level=level, role="moderated")
        for criterion, level in levels.items()
    ]
    return score(
        FRAMEWORK,
        Assessment(id="a", framework_id="f", subject="police", ratings=ratings),
    )


class TestProposeActions:
    def test_level_reached_decides_not_raw_score(self) -> None:
        """s1 scores (2 x 2/3 + 1/3) / 3 = 0.556: level 2 reached, so only s1.b (at 1) acts."""
        card = _card(s1_a="2", s1_b="1", s2="2", s3="2")
        assert card.results["s1"].level == "2"  # type: ignore[attr-defined]
        plan = propose_actions(FRAMEWORK, card, below="2")  # type: ignore[arg-type]
        assert [action.criterion_id for action in plan.actions] == ["s1.b"]

    def test_ordered_by_weight_times_gap(self) -> None:
        """s2 (weight 3, gap 2/3 - 1/3 = 1/3: urgency 1) comes before s3 (weight 1, gap 2/3)."""
        card = _card(s1_a="2", s1_b="2", s2="1", s3="0")
        plan = propose_actions(FRAMEWORK, card, below="2")  # type: ignore[arg-type]
        assert [action.criterion_id for action in plan.actions] == ["s2", "s3"]
        assert (
            plan.actions[0].description == "Raise 'Standard two' from 1 to at least 2. Train staff."
        )

    def test_open_action_in_previous_plan_is_not_repeated(self) -> None:
        """A criterion with an open action for the same owner gets no new one."""
        card = _card(s1_a="2", s1_b="2", s2="1", s3="0")
        previous = ActionPlan(
            id="p",
            title="P",
            actions=[Action(id="old", criterion_id="s2", description="Train", owner="police")],
        )
        plan = propose_actions(FRAMEWORK, card, below="2", previous=previous)  # type: ignore[arg-type]
        assert [action.criterion_id for action in plan.actions] == ["s3"]
