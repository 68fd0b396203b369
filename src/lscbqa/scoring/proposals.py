"""Proposing actions from a scorecard: rate, then act on the weak areas.

The self-assessment loop of Welsh boards (SAIT): members rate, then propose
actions for the areas rated weak. :func:`propose_actions` drafts one action per
criterion scored below a chosen level, most pressing first.

Examples
--------
>>> from lscbqa.assessment import Assessment, Rating
>>> from lscbqa.model import _example
>>> from lscbqa.scoring import score
>>> card = score(_example(), Assessment(id="a", framework_id="example", subject="police", ratings=[
...     Rating(criterion_id="c1", level="requires_improvement", role="moderated"),
...     Rating(criterion_id="c2.a", level="fully_met", role="moderated"),
... ]))
>>> plan = propose_actions(_example(), card, below="good")
>>> [(action.id, action.criterion_id, action.owner) for action in plan.actions]
[('a-c1', 'c1', 'police')]
"""

from __future__ import annotations

from lscbqa.actions import Action, ActionPlan
from lscbqa.criteria import Criterion
from lscbqa.exceptions import Problem, ValidationError
from lscbqa.model import Framework
from lscbqa.scoring.scorecard import Scorecard, Status

__all__ = ["propose_actions"]


def propose_actions(
    framework: Framework,
    scorecard: Scorecard,
    *,
    below: str,
    previous: ActionPlan | None = None,
) -> ActionPlan:
    """Draft an action for every criterion scored below a level, most pressing first.

    Parameters
    ----------
    framework : Framework
        The framework the scorecard scores.
    scorecard : Scorecard
        The scores.
    below : str
        A level of the framework's scale: criteria whose level is under it get an
        action. The level reached decides, not the raw score: a criterion scoring
        0.6 on a 0-3 scale has reached level 2 (cut point 0.5) and needs no action
        to reach 2.
    previous : ActionPlan, optional
        The current plan: a criterion that already has an open action there (for
        the same owner) gets no new one.

    Returns
    -------
    ActionPlan
        Proposed actions, ordered by weight x gap (the criterion's weight times how
        far its normalised score falls short of ``below``), then framework order.
        Each carries the criterion's guidance (or description). Criteria without a
        score (unrated, not applicable, insufficient evidence) get none.

    Raises
    ------
    ValidationError
        If ``below`` is not a level of the framework's scale.

    Examples
    --------
    >>> from lscbqa.assessment import Assessment
    >>> from lscbqa.model import _example
    >>> from lscbqa.scoring import score
    >>> blank = score(_example(), Assessment(id="a", framework_id="example", subject="s"))
    >>> propose_actions(_example(), blank, below="good").actions
    ()
    """
    scale = framework.scale
    if below not in scale:
        raise ValidationError(
            [
                Problem(
                    "$.below",
                    f"expected a level of scale {scale.id!r} ({', '.join(scale.codes)}); "
                    f"found {below!r}",
                )
            ]
        )
    target = scale.normalise(below)
    still_open = {
        (action.criterion_id, action.owner)
        for action in (previous.actions if previous is not None else ())
        if not action.status.is_closed
    }
    candidates: list[tuple[float, int, Criterion, float, str]] = []
    for order, criterion in enumerate(framework.criteria()):
        result = scorecard.results[criterion.id]
        if result.status is not Status.SCORED or result.score is None:
            continue
        # The level the criterion reached decides, not its raw score: a score between the
        # cut point and the level's own value has reached the level already.
        level = result.level
        reached = scale.normalise(level) if level is not None and level in scale else result.score
        if reached >= target - 1e-9 or (criterion.id, scorecard.subject) in still_open:
            continue
        urgency = criterion.weight * (target - result.score)
        candidates.append((-urgency, order, criterion, result.score, str(result.level)))
    candidates.sort(key=lambda item: (item[0], item[1]))
    actions = [
        Action(
            id=f"{scorecard.assessment_id}-{criterion.id}",
            criterion_id=criterion.id,
            description=(
                f"Raise '{criterion.title}' from {level.replace('_', ' ')} to at least "
                f"{below.replace('_', ' ')}. {criterion.guidance or criterion.description or ''}"
            ).strip(),
            owner=scorecard.subject,
            assessment_id=scorecard.assessment_id,
        )
        for _, _, criterion, _, level in candidates
    ]
    return ActionPlan(
        id=f"{scorecard.assessment_id}-actions",
        title=f"Proposed actions for {scorecard.subject} ({framework.title})",
        actions=actions,
    )
