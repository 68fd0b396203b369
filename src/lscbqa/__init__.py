"""lscbqa: quality assurance for safeguarding-children partnerships.

The everyday names are importable from here; each lives in its own module.

Examples
--------
>>> import lscbqa
>>> lscbqa.OFSTED4.level_for(0.9).label
'Outstanding'
"""

from typing import TYPE_CHECKING

from lscbqa import _lazy

if TYPE_CHECKING:
    from lscbqa.actions import Action, ActionPlan, ActionStatus
    from lscbqa.agencies import Agency, Sector
    from lscbqa.assessment import Assessment, Finding, Rating, Role, Severity
    from lscbqa.evidence import Evidence, EvidenceKind, Sensitivity, Strength
    from lscbqa.exceptions import (
        LscbqaError,
        MissingDependencyError,
        NotFoundError,
        Problem,
        SchemaError,
        ValidationError,
    )
    from lscbqa.model import Criterion, Domain, EvidenceExpectation, Framework
    from lscbqa.periods import Period
    from lscbqa.scales import (
        MET3,
        NOT_APPLICABLE,
        OFSTED4,
        PERCENT_5,
        RAG3,
        SCORE_0_3,
        YES_NO,
        Level,
        RatingScale,
        ScaleKind,
    )
    from lscbqa.serialize import dump, dumps, from_dict, json_schema, load, loads, to_dict

__version__ = "0.1.0.dev0"

# Every name loads from its module on first use (PEP 562), so that ``import lscbqa``
# itself is quick and a script pays only for what it touches.
_MODULE_OF = {
    "Action": "lscbqa.actions",
    "ActionPlan": "lscbqa.actions",
    "ActionStatus": "lscbqa.actions",
    "Agency": "lscbqa.agencies",
    "Sector": "lscbqa.agencies",
    "Assessment": "lscbqa.assessment",
    "Finding": "lscbqa.assessment",
    "Rating": "lscbqa.assessment",
    "Role": "lscbqa.assessment",
    "Severity": "lscbqa.assessment",
    "Evidence": "lscbqa.evidence",
    "EvidenceKind": "lscbqa.evidence",
    "Sensitivity": "lscbqa.evidence",
    "Strength": "lscbqa.evidence",
    "LscbqaError": "lscbqa.exceptions",
    "MissingDependencyError": "lscbqa.exceptions",
    "NotFoundError": "lscbqa.exceptions",
    "Problem": "lscbqa.exceptions",
    "SchemaError": "lscbqa.exceptions",
    "ValidationError": "lscbqa.exceptions",
    "Criterion": "lscbqa.model",
    "Domain": "lscbqa.model",
    "EvidenceExpectation": "lscbqa.model",
    "Framework": "lscbqa.model",
    "Period": "lscbqa.periods",
    "MET3": "lscbqa.scales",
    "NOT_APPLICABLE": "lscbqa.scales",
    "OFSTED4": "lscbqa.scales",
    "PERCENT_5": "lscbqa.scales",
    "RAG3": "lscbqa.scales",
    "SCORE_0_3": "lscbqa.scales",
    "YES_NO": "lscbqa.scales",
    "Level": "lscbqa.scales",
    "RatingScale": "lscbqa.scales",
    "ScaleKind": "lscbqa.scales",
    "dump": "lscbqa.serialize",
    "dumps": "lscbqa.serialize",
    "from_dict": "lscbqa.serialize",
    "json_schema": "lscbqa.serialize",
    "load": "lscbqa.serialize",
    "loads": "lscbqa.serialize",
    "to_dict": "lscbqa.serialize",
}


__getattr__, __dir__ = _lazy.lazy_exports(__name__, _MODULE_OF, globals())

__all__ = [
    "MET3",
    "NOT_APPLICABLE",
    "OFSTED4",
    "PERCENT_5",
    "RAG3",
    "SCORE_0_3",
    "YES_NO",
    "Action",
    "ActionPlan",
    "ActionStatus",
    "Agency",
    "Assessment",
    "Criterion",
    "Domain",
    "Evidence",
    "EvidenceExpectation",
    "EvidenceKind",
    "Finding",
    "Framework",
    "Level",
    "LscbqaError",
    "MissingDependencyError",
    "NotFoundError",
    "Period",
    "Problem",
    "Rating",
    "RatingScale",
    "Role",
    "ScaleKind",
    "SchemaError",
    "Sector",
    "Sensitivity",
    "Severity",
    "Strength",
    "ValidationError",
    "__version__",
    "dump",
    "dumps",
    "from_dict",
    "json_schema",
    "load",
    "loads",
    "to_dict",
]
