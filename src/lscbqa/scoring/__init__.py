"""Scoring: ratings to judgements under an explicit policy, one or thousands at a time.

Examples
--------
>>> from lscbqa.scoring import score
>>> from lscbqa.assessment import Assessment, Rating
>>> from lscbqa.model import _example
>>> card = score(_example(), Assessment(
...     id="a", framework_id="example", subject="s",
...     ratings=[Rating(criterion_id="c1", level="good", role="moderated")],
... ))
>>> card.overall.level
'good'
"""

from lscbqa.scoring.aggregators import Aggregator, register_aggregator
from lscbqa.scoring.engine import score, score_many
from lscbqa.scoring.moderation import ModerationGap, OptimismSummary, moderation_gap
from lscbqa.scoring.proposals import propose_actions
from lscbqa.scoring.scorecard import NodeResult, Scorecard, Status
from lscbqa.scoring.table import ScoreTable

__all__ = [
    "Aggregator",
    "ModerationGap",
    "NodeResult",
    "OptimismSummary",
    "ScoreTable",
    "Scorecard",
    "Status",
    "moderation_gap",
    "propose_actions",
    "register_aggregator",
    "score",
    "score_many",
]
