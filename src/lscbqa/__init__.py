"""lscbqa: quality assurance for safeguarding-children partnerships.

The everyday names are importable from here; each lives in its own module.

Examples
--------
>>> import lscbqa
>>> lscbqa.OFSTED4.level_for(0.9).label
'Outstanding'
"""

from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from lscbqa.serialize import dump, dumps, from_dict, json_schema, load, loads, to_dict

__version__ = "0.1.0.dev0"

# The document functions need cattrs, which is slow to import; they load on first use.
_SERIALIZE = frozenset({"dump", "dumps", "from_dict", "json_schema", "load", "loads", "to_dict"})


def __getattr__(name: str) -> Any:
    if name in _SERIALIZE:
        from lscbqa import serialize

        return getattr(serialize, name)
    raise AttributeError(f"module 'lscbqa' has no attribute {name!r}")


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
