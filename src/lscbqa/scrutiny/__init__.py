"""Scrutiny: who challenges whom, and whether the challenge works.

A :class:`ChallengeLog` (a document like any other) records the partnership's
agencies and members, every challenge event and every board meeting;
:class:`ScrutinyGraph` turns it into a networkx multigraph; the analytics answer
whether challenge covers everyone, is independent, is spread out, gets answers and
covers the framework; :func:`plan_rota` and :func:`peer_review_pairs` plan the next
cycle; :func:`findings` says it all in words.

Examples
--------
>>> import datetime
>>> from lscbqa.agencies import Agency
>>> from lscbqa.scrutiny import ChallengeEvent, ChallengeLog, ScrutinyGraph, coverage
>>> log = ChallengeLog(
...     id="log", title="Log",
...     agencies=[Agency(id="la", name="Council", sector="local_authority", statutory=True),
...               Agency(id="nps", name="Probation", sector="probation", statutory=True)],
...     events=[ChallengeEvent(id="e1", kind="agency_scrutiny", challenger="la",
...                            challenged="nps", raised=datetime.date(2014, 5, 1))],
... )
>>> coverage(ScrutinyGraph.from_log(log), None).not_challenged
('la',)
"""

from lscbqa.scrutiny.analytics import (
    Attendance,
    Concentration,
    Coverage,
    Independence,
    OpenChallenge,
    OverdueEscalation,
    ReciprocalPair,
    Responsiveness,
    TopicCoverage,
    attendance,
    concentration,
    coverage,
    gini,
    independence,
    responsiveness,
    topic_coverage,
)
from lscbqa.scrutiny.findings import ScrutinyFinding, findings
from lscbqa.scrutiny.graph import ScrutinyGraph
from lscbqa.scrutiny.log import (
    ChallengeEvent,
    ChallengeKind,
    ChallengeLog,
    Meeting,
    Member,
    MemberKind,
    Outcome,
    Status,
)
from lscbqa.scrutiny.peer import PeerReviewPairs, peer_review_pairs
from lscbqa.scrutiny.rota import Rota, plan_rota

__all__ = [
    "Attendance",
    "ChallengeEvent",
    "ChallengeKind",
    "ChallengeLog",
    "Concentration",
    "Coverage",
    "Independence",
    "Meeting",
    "Member",
    "MemberKind",
    "OpenChallenge",
    "Outcome",
    "OverdueEscalation",
    "PeerReviewPairs",
    "ReciprocalPair",
    "Responsiveness",
    "Rota",
    "ScrutinyFinding",
    "ScrutinyGraph",
    "Status",
    "TopicCoverage",
    "attendance",
    "concentration",
    "coverage",
    "findings",
    "gini",
    "independence",
    "peer_review_pairs",
    "plan_rota",
    "responsiveness",
    "topic_coverage",
]
