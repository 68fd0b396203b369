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

from typing import TYPE_CHECKING

from lscbqa import _lazy

if TYPE_CHECKING:
    from lscbqa.scoring.aggregators import Aggregator, register_aggregator
    from lscbqa.scoring.agreement import (
        AgreementReport,
        AgreementResult,
        Disagreement,
        cohen_kappa,
        disagreements,
        fleiss_kappa,
        gwet_ac1,
        krippendorff_alpha,
    )
    from lscbqa.scoring.engine import score, score_many
    from lscbqa.scoring.moderation import ModerationGap, OptimismSummary, moderation_gap
    from lscbqa.scoring.proposals import propose_actions
    from lscbqa.scoring.rankings import RankingComparison, compare_rankings
    from lscbqa.scoring.scorecard import NodeResult, Scorecard, Status
    from lscbqa.scoring.sensitivity import Perturbation, SensitivityResult, weight_sensitivity
    from lscbqa.scoring.table import ScoreTable
    from lscbqa.scoring.uncertainty import BootstrapResult, bootstrap

# Each name loads from its module on first use: scoring one assessment does not pay for
# the agreement statistics' scipy. The function `agreement` is imported from its module,
# lscbqa.scoring.agreement: a package attribute of that name is the module once imported.
_MODULE_OF = {
    "Aggregator": "lscbqa.scoring.aggregators",
    "register_aggregator": "lscbqa.scoring.aggregators",
    "score": "lscbqa.scoring.engine",
    "score_many": "lscbqa.scoring.engine",
    "ModerationGap": "lscbqa.scoring.moderation",
    "OptimismSummary": "lscbqa.scoring.moderation",
    "moderation_gap": "lscbqa.scoring.moderation",
    "propose_actions": "lscbqa.scoring.proposals",
    "NodeResult": "lscbqa.scoring.scorecard",
    "Scorecard": "lscbqa.scoring.scorecard",
    "Status": "lscbqa.scoring.scorecard",
    "ScoreTable": "lscbqa.scoring.table",
    "AgreementReport": "lscbqa.scoring.agreement",
    "AgreementResult": "lscbqa.scoring.agreement",
    "Disagreement": "lscbqa.scoring.agreement",
    "cohen_kappa": "lscbqa.scoring.agreement",
    "disagreements": "lscbqa.scoring.agreement",
    "fleiss_kappa": "lscbqa.scoring.agreement",
    "gwet_ac1": "lscbqa.scoring.agreement",
    "krippendorff_alpha": "lscbqa.scoring.agreement",
    "BootstrapResult": "lscbqa.scoring.uncertainty",
    "bootstrap": "lscbqa.scoring.uncertainty",
    "Perturbation": "lscbqa.scoring.sensitivity",
    "SensitivityResult": "lscbqa.scoring.sensitivity",
    "weight_sensitivity": "lscbqa.scoring.sensitivity",
    "RankingComparison": "lscbqa.scoring.rankings",
    "compare_rankings": "lscbqa.scoring.rankings",
}
__getattr__, __dir__ = _lazy.lazy_exports(__name__, _MODULE_OF, globals())

__all__ = [
    "Aggregator",
    "AgreementReport",
    "AgreementResult",
    "BootstrapResult",
    "Disagreement",
    "ModerationGap",
    "NodeResult",
    "OptimismSummary",
    "Perturbation",
    "RankingComparison",
    "ScoreTable",
    "Scorecard",
    "SensitivityResult",
    "Status",
    "bootstrap",
    "cohen_kappa",
    "compare_rankings",
    "disagreements",
    "fleiss_kappa",
    "gwet_ac1",
    "krippendorff_alpha",
    "moderation_gap",
    "propose_actions",
    "register_aggregator",
    "score",
    "score_many",
    "weight_sensitivity",
]
