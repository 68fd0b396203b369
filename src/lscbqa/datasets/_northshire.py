"""The generator of the Northshire example partnership's data files (not public API).

Everything is drawn from one seeded ``numpy.random.default_rng`` in a fixed order,
so the files are the same on every run; ``tests/test_datasets.py`` checks that the
files shipped in ``data/northshire/`` are exactly what :func:`generate` returns now.
Rewrite them after changing this module with::

    python -m lscbqa.datasets._northshire
"""

from __future__ import annotations

import datetime
import json
import pathlib
from collections.abc import Sequence
from typing import Any

import attrs
import numpy as np

from lscbqa import _util
from lscbqa.agencies import Agency
from lscbqa.assessment import Assessment, Rating
from lscbqa.evidence import Evidence, EvidenceKind
from lscbqa.frameworks import get
from lscbqa.indicators import safeguarding_indicators
from lscbqa.indicators.benchmarking import Comparators
from lscbqa.indicators.series import Panel
from lscbqa.indicators.tables import write_csv
from lscbqa.model import Framework
from lscbqa.periods import Period
from lscbqa.scrutiny.log import ChallengeEvent, ChallengeLog, Meeting, Member
from lscbqa.serialize import dumps

SEED = 20150301
ID = "northshire"
NAME = "Northshire Safeguarding Children Partnership"
FOLDER = pathlib.Path(__file__).parent / "data" / ID
MANIFEST = "partnership.json"
LOG_FILE = "challenge-log.json"
COMPARATORS_FILE = "comparators.json"
PANEL_FILE = "indicators.csv"

CYCLES = (Period.financial_year(2023), Period.financial_year(2024))
FIRST_QUARTER = Period.quarter(2020, 2)
QUARTERS = 20
BASELINE_QUARTERS = 12
"""Re-referrals: the first 12 quarters (three years) are the baseline; the curve turns after."""

REGION = "North Midlands"
ENGLAND = "england"
OTHER_AREAS = (
    "eastbridge",
    "westmoor",
    "southby",
    "marlow-vale",
    "kingsford",
    "ashcombe",
    "brackenfield",
    "carrow",
    "dunmere",
    "fellside",
    "greyhaven",
    "holmbury",
    "irwell",
)
NEIGHBOURS = 10

MODERATION_PANEL = "Section 11 moderation panel"
AUDITORS = ("la", "police", "community-health", "education", "probation")
CASES = 6
POOR_AGREEMENT = "voice.influence"
"""The case-audit criterion auditors grade with poor agreement (the story: 'shaped' is vague)."""

NEVER_CHALLENGED = "early-years"
RECIPROCAL = ("police", "la")


def agencies() -> tuple[Agency, ...]:
    """The twelve member agencies; two pairs share an organisation."""
    rows: list[tuple[str, str, str, bool, str | None]] = [
        ("la", "Northshire Council Children's Services", "local_authority", True, "council"),
        ("education", "Northshire Council Education and Skills", "education", True, "council"),
        ("police", "Northshire Police", "police", True, None),
        ("icb", "NHS Northshire Integrated Care Board", "health_commissioner", True, None),
        ("acute", "Northshire Hospitals NHS Trust: hospital services", "health_provider", True,
         "nhs-trust"),
        ("community-health", "Northshire Hospitals NHS Trust: community health services",
         "health_provider", True, "nhs-trust"),
        ("mental-health", "Northshire Partnership NHS Foundation Trust", "health_provider", True,
         None),
        ("probation", "Probation Service, Northshire", "probation", True, None),
        ("yjs", "Northshire Youth Justice Service", "youth_justice", True, None),
        ("housing", "Northshire Homes", "housing", False, None),
        ("early-years", "Northshire Early Years Alliance", "early_years", False, None),
        ("vcs", "Northshire Voluntary Action", "voluntary_sector", False, None),
    ]  # fmt: skip
    return tuple(
        Agency(
            id=agency_id,
            name=name,
            sector=sector,
            statutory=statutory,
            organisation=f"northshire-{organisation}" if organisation else None,
        )
        for agency_id, name, sector, statutory, organisation in rows
    )


def members() -> tuple[Member, ...]:
    """The members of the challenge log that are not agencies."""
    return (
        Member(id="board", name="Northshire Safeguarding Children Partnership board", kind="board"),
        Member(id="lay1", name="Lay member (education)", kind="lay_member"),
        Member(id="lay2", name="Lay member (community)", kind="lay_member"),
        Member(id="qa-group", name="Quality assurance sub-group", kind="sub_group"),
        Member(
            id="westmoor-board", name="Westmoor Safeguarding Partnership",
            kind="neighbouring_board",
        ),
    )  # fmt: skip


# -- Section 11 ---------------------------------------------------------------------------------

# Criteria that do not apply to some agencies, with the reason the agency gives.
_NOT_APPLICABLE: dict[tuple[str, str], str] = {
    ("vcs", "s11.1.b"): "The agency commissions no services from others",
    ("early-years", "s11.1.b"): "The agency commissions no services from others",
    ("housing", "s11.3.b"): "Tenants' services are shaped with adult tenants only",
    ("probation", "s11.3.b"): "Probation works with adults; children are not service users",
    ("vcs", "s11.2.c"): "Represented on the board through the voluntary sector forum",
    ("housing", "s11.7.a"): "Covered by the council's designated officer arrangements",
}

_SELF_RATERS = "Designated safeguarding lead"


def _date_in(period: Period, fraction: float) -> datetime.date:
    return period.start + datetime.timedelta(days=int(fraction * (period.days - 1)))


def _evidence_title(agency: Agency, kind: EvidenceKind, title: str) -> str:
    return f"{agency.name}: {kind.label.lower()} on '{title.lower()}'"


def section11_assessments(
    framework: Framework, members_: Sequence[Agency], rng: np.random.Generator
) -> tuple[Assessment, ...]:
    """One assessment per agency and cycle: self and moderated ratings, evidence cited.

    Moderated levels are the agency's standing plus criterion noise, a little better
    in the second cycle; self ratings are one level higher about a third of the time
    (and lower rarely): the optimism moderation panels report.
    """
    leaves = framework.criteria(leaves_only=True)
    standing = rng.normal(1.9, 0.35, size=len(members_))
    difficulty = rng.normal(0.0, 0.3, size=len(leaves))
    results = []
    for cycle_index, cycle in enumerate(CYCLES):
        improvement = 0.2 * cycle_index
        latent = (
            standing[:, None]
            - difficulty[None, :]
            + improvement
            + rng.normal(0.0, 0.45, size=(len(members_), len(leaves)))
        )
        moderated = np.clip(np.rint(latent), 0, 3).astype(int)
        optimism = rng.choice([-1, 0, 1], p=[0.05, 0.62, 0.33], size=moderated.shape)
        self_levels = np.clip(moderated + optimism, 0, 3)
        strengths = rng.choice(
            ["assertion", "internal_review", "independent"], p=[0.3, 0.5, 0.2], size=moderated.shape
        )
        collected = rng.uniform(0.05, 0.45, size=moderated.shape)
        for row, agency in enumerate(members_):
            self_day = _date_in(cycle, 0.5)
            moderated_day = _date_in(cycle, 0.8)
            evidence: list[Evidence] = []
            ratings: list[Rating] = []
            moderated_ratings: list[Rating] = []
            for column, criterion in enumerate(leaves):
                reason = _NOT_APPLICABLE.get((agency.id, criterion.id))
                if reason is not None:
                    ratings.append(
                        Rating.not_applicable(
                            criterion.id, reason=reason, role="self", rater=_SELF_RATERS,
                            date=self_day,
                        )
                    )  # fmt: skip
                    moderated_ratings.append(
                        Rating.not_applicable(
                            criterion.id, reason=reason, role="moderated",
                            rater=MODERATION_PANEL, date=moderated_day,
                        )
                    )  # fmt: skip
                    continue
                kind = criterion.evidence.kinds[0]
                evidence_id = f"ev-{criterion.id}"
                evidence.append(
                    Evidence(
                        id=evidence_id,
                        title=_evidence_title(agency, kind, criterion.title),
                        kind=kind,
                        source_agency_id=agency.id,
                        collected_on=_date_in(cycle, float(collected[row, column])),
                        period=cycle,
                        criterion_ids=[criterion.id],
                        strength=str(strengths[row, column]),
                        sensitivity="internal",
                    )
                )
                ratings.append(
                    Rating(
                        criterion_id=criterion.id, level=str(self_levels[row, column]),
                        role="self", rater=_SELF_RATERS, date=self_day,
                        evidence_ids=[evidence_id],
                    )
                )  # fmt: skip
                gap = int(self_levels[row, column] - moderated[row, column])
                moderated_ratings.append(
                    Rating(
                        criterion_id=criterion.id, level=str(moderated[row, column]),
                        role="moderated", rater=MODERATION_PANEL, date=moderated_day,
                        evidence_ids=[evidence_id],
                        comment=(
                            "Moderated down: the evidence shows arrangements in place but not "
                            "yet shown to work" if gap > 0 else None
                        ),
                    )
                )  # fmt: skip
            evidence.extend(_personal_evidence(agency, cycle, cycle_index))
            _cite_personal(evidence, ratings, moderated_ratings)
            results.append(
                Assessment(
                    id=f"s11-{cycle.label.lower()}-{agency.id}",
                    framework_id=framework.id,
                    framework_version=framework.version,
                    subject=agency.id,
                    period=cycle,
                    ratings=[*ratings, *moderated_ratings],
                    evidence=evidence,
                )
            )
    return tuple(results)


# Evidence describing a child, marked personal: reports must redact it. By agency and
# cycle: the criterion, the title, notes, and when in the cycle it was collected.
_PERSONAL: dict[tuple[str, int], tuple[str, str, str | None, float]] = {
    ("la", 1): (
        "s11.3.a",
        "Case file extract: Child M (aged 9), wishes recorded before the child protection "
        "conference",
        "Child M lives with her grandmother at an address in Eastfield.",
        0.3,
    ),
    ("community-health", 0): (
        "s11.6.b",
        "Health visitor record for baby J, shared with children's social care the same day",
        None,
        0.25,
    ),
}


def _personal_evidence(agency: Agency, cycle: Period, cycle_index: int) -> list[Evidence]:
    """The agency's personal evidence in this cycle, if any (see ``_PERSONAL``)."""
    entry = _PERSONAL.get((agency.id, cycle_index))
    if entry is None:
        return []
    criterion_id, title, notes, when = entry
    return [
        Evidence(
            id=f"ev-{criterion_id}-case",
            title=title,
            kind="case_audit",
            source_agency_id=agency.id,
            collected_on=_date_in(cycle, when),
            period=cycle,
            criterion_ids=[criterion_id],
            strength="internal_review",
            sensitivity="personal",
            notes=notes,
        )
    ]


def _cite_personal(evidence: list[Evidence], *rating_lists: list[Rating]) -> None:
    """Let the ratings of a criterion with personal evidence cite it too (in place)."""
    for item in evidence:
        if not item.is_personal:
            continue
        for ratings in rating_lists:
            for index, rating in enumerate(ratings):
                if rating.criterion_id in item.criterion_ids and not rating.is_not_applicable:
                    ratings[index] = _with_evidence(rating, item.id)


def _with_evidence(rating: Rating, evidence_id: str) -> Rating:
    return attrs.evolve(rating, evidence_ids=(*rating.evidence_ids, evidence_id))


# -- case audit ---------------------------------------------------------------------------------


def case_audit_assessments(
    framework: Framework, rng: np.random.Generator
) -> tuple[Assessment, ...]:
    """Six neglect cases, each graded by five auditors: moderate agreement, one criterion poor.

    Each case has a true grade per criterion; an auditor keeps it with probability
    0.65, else moves one level up or down. On :data:`POOR_AGREEMENT` auditors grade
    almost at random.
    """
    leaves = framework.criteria(leaves_only=True)
    codes = framework.scale_for(leaves[0].id).codes
    period = CYCLES[1]
    audit_day = datetime.date(2024, 11, 14)
    case_quality = rng.normal(1.6, 0.45, size=CASES)
    truth = np.clip(
        np.rint(case_quality[:, None] + rng.normal(0.0, 0.5, size=(CASES, len(leaves)))), 0, 3
    ).astype(int)
    keep = rng.random((len(AUDITORS), CASES, len(leaves))) < 0.65
    moves = rng.choice([-1, 1], size=keep.shape)
    grades = np.clip(truth[None, :, :] + np.where(keep, 0, moves), 0, 3)
    poor = [c.id for c in leaves].index(POOR_AGREEMENT)
    grades[:, :, poor] = rng.integers(0, 4, size=(len(AUDITORS), CASES))
    results = []
    for case in range(CASES):
        case_id = f"case-{case + 1}"
        for auditor_index, auditor in enumerate(AUDITORS):
            evidence_id = f"ev-{case_id}-audit"
            evidence = [
                Evidence(
                    id=evidence_id,
                    title=f"Audit tool completed by the {auditor} auditor for {case_id}",
                    kind="case_audit",
                    source_agency_id=auditor,
                    collected_on=audit_day,
                    period=period,
                    criterion_ids=[c.id for c in leaves],
                    strength="internal_review",
                )
            ]
            if case == 2 and auditor == "la":
                evidence.append(
                    Evidence(
                        id=f"ev-{case_id}-chronology",
                        title="Chronology for Child T (aged 4): missed health appointments "
                        "and home conditions",
                        kind="case_audit",
                        source_agency_id=auditor,
                        collected_on=audit_day,
                        period=period,
                        criterion_ids=["early_help.identified", "outcomes.safety"],
                        sensitivity="personal",
                    )
                )
            ratings = [
                Rating(
                    criterion_id=criterion.id,
                    level=codes[int(grades[auditor_index, case, column])],
                    role="peer",
                    rater=auditor,
                    date=audit_day,
                    evidence_ids=[
                        item.id for item in evidence if criterion.id in item.criterion_ids
                    ],
                    immediate_concern=(
                        case == 2 and auditor == "la" and criterion.id == "outcomes.safety"
                    ),
                )
                for column, criterion in enumerate(leaves)
            ]
            results.append(
                Assessment(
                    id=f"audit-{case_id}-{auditor}",
                    framework_id=framework.id,
                    framework_version=framework.version,
                    subject=case_id,
                    period=period,
                    ratings=ratings,
                    evidence=evidence,
                )
            )
    return tuple(results)


# -- indicators ---------------------------------------------------------------------------------

# Per indicator: a typical level across areas, the spread of areas' levels, the
# quarter-to-quarter noise, and the England figure; roughly like published values.
_LEVELS: dict[str, tuple[float, float, float, float]] = {
    "rereferrals": (22.5, 2.5, 1.0, 22.0),
    "cp_repeat": (21.0, 3.0, 1.8, 23.0),
    "cp_two_years": (3.5, 1.0, 0.6, 3.0),
    "cp_rate": (44.0, 7.0, 2.0, 42.0),
    "assessments_45_days": (84.0, 5.0, 2.0, 82.0),
    "cse_referrals": (12.0, 4.0, 1.5, 11.0),
    "training_reach": (68.0, 6.0, 2.5, 65.0),
    "board_attendance": (82.0, 5.0, 3.0, 80.0),
}


def quarters() -> tuple[Period, ...]:
    """The 20 quarters of indicator data: 2020-Q2 to 2025-Q1 (five financial years)."""
    return tuple(FIRST_QUARTER.shift(step) for step in range(QUARTERS))


def panel(rng: np.random.Generator) -> Panel:
    """Northshire, 13 other areas of its region and England, 8 indicators, 20 quarters.

    Northshire's re-referrals rise through the three-year baseline and then fall well
    below the forecast (the curve turns); its training reach steps up after a
    campaign (an SPC special cause); its assessments within 45 days dip in each of
    the last three quarters.
    """
    indicator_ids = [indicator.id for indicator in safeguarding_indicators()]
    areas = (ID, *OTHER_AREAS)
    time = np.arange(QUARTERS, dtype=np.float64)
    values = np.empty((len(areas) + 1, len(indicator_ids), QUARTERS))
    for column, indicator_id in enumerate(indicator_ids):
        typical, spread, noise, england = _LEVELS[indicator_id]
        level = typical + rng.normal(0.0, spread, size=len(areas))
        trend = rng.normal(0.0, noise / 8, size=len(areas))
        values[: len(areas), column] = (
            level[:, None]
            + trend[:, None] * time[None, :]
            + rng.normal(0.0, noise, size=(len(areas), QUARTERS))
        )
        values[len(areas), column] = england + rng.normal(0.0, noise / 4, size=QUARTERS)
    northshire = values[0]
    # Northshire's other indicators are stable: common cause variation around its level.
    for column, indicator_id in enumerate(indicator_ids):
        typical, _, noise, _ = _LEVELS[indicator_id]
        northshire[column] = northshire[column].mean() + rng.normal(0.0, noise / 2, size=QUARTERS)
    rereferrals = indicator_ids.index("rereferrals")
    after = np.arange(QUARTERS - BASELINE_QUARTERS) + 1.0
    northshire[rereferrals] = np.concatenate(
        [
            23.0 + 0.35 * time[:BASELINE_QUARTERS],
            27.0 - 0.75 * after,
        ]
    ) + rng.normal(0.0, 0.4, size=QUARTERS)
    training = indicator_ids.index("training_reach")
    northshire[training] = np.where(time < 13, 64.0, 76.0) + rng.normal(0.0, 1.5, size=QUARTERS)
    timeliness = indicator_ids.index("assessments_45_days")
    northshire[timeliness] = 86.0 + rng.normal(0.0, 1.2, size=QUARTERS)
    northshire[timeliness, -4:] = [87.5, 85.0, 82.5, 79.0]
    values = np.round(values, 1)
    # One authority did not submit one quarter: a missing value, as real datapacks have.
    values[areas.index("carrow"), indicator_ids.index("cse_referrals"), 9] = np.nan
    return Panel(
        values=values,
        areas=[*areas, ENGLAND],
        indicators=indicator_ids,
        periods=quarters(),
    )


def comparators(rng: np.random.Generator) -> Comparators:
    """One region of 14 areas; each area's 10 nearest areas as its statistical neighbours."""
    areas = (ID, *OTHER_AREAS)
    features = rng.normal(size=(len(areas), 4))
    distance = np.linalg.norm(features[:, None, :] - features[None, :, :], axis=-1)
    np.fill_diagonal(distance, np.inf)
    order = np.argsort(distance, axis=1, kind="stable")[:, :NEIGHBOURS]
    return Comparators(
        regions=dict.fromkeys(areas, REGION),
        neighbours={area: [areas[i] for i in order[row]] for row, area in enumerate(areas)},
        england=ENGLAND,
    )


# -- challenge log ------------------------------------------------------------------------------

LOG_START = CYCLES[0].start
LOG_END = CYCLES[1].end


def _day(offset: int) -> datetime.date:
    return LOG_START + datetime.timedelta(days=offset)


def _scripted_events() -> list[ChallengeEvent]:
    """The events the example's story needs: a reciprocal pair, escalations, a peer review."""
    d = datetime.date
    return [
        ChallengeEvent(
            id="e01", kind="agency_scrutiny", challenger="police", challenged="la",
            raised=d(2023, 6, 5), topic="s11.6.b", responded=d(2023, 6, 26),
            closed=d(2023, 8, 1), outcome="resolved",
            note="Strategy discussions now held within one working day.",
        ),
        ChallengeEvent(
            id="e02", kind="agency_scrutiny", challenger="la", challenged="police",
            raised=d(2023, 7, 3), topic="s11.6.a", responded=d(2023, 7, 20),
            closed=d(2023, 9, 12), outcome="resolved",
        ),
        ChallengeEvent(
            id="e03", kind="agency_scrutiny", challenger="police", challenged="la",
            raised=d(2024, 6, 10), topic="rereferrals", responded=d(2024, 7, 1),
            closed=d(2024, 9, 2), outcome="closed", note="No further action agreed.",
        ),
        ChallengeEvent(
            id="e04", kind="agency_scrutiny", challenger="la", challenged="police",
            raised=d(2024, 7, 8), topic="s11.9.b", responded=d(2024, 7, 29),
            closed=d(2024, 9, 2), outcome="closed",
        ),
        ChallengeEvent(
            id="e05", kind="lay_member_challenge", challenger="lay1", challenged="icb",
            raised=d(2023, 10, 2), topic="s11.2.c", responded=d(2023, 11, 20),
            escalated=d(2023, 12, 4), escalation_level=1, closed=d(2024, 2, 5),
            outcome="resolved", note="The ICB's executive lead now attends every board meeting.",
        ),
        ChallengeEvent(
            id="e06", kind="accountability_meeting", challenger="board", challenged="housing",
            raised=d(2024, 5, 13), topic="board_attendance", responded=d(2024, 6, 28),
            escalated=d(2024, 9, 9), escalation_level=2,
            note="Attendance still below the agreed 75 %; put to the chief executive.",
        ),
        ChallengeEvent(
            id="e07", kind="peer_review", challenger="westmoor-board", challenged="board",
            raised=d(2024, 10, 7), responded=d(2024, 11, 18), closed=d(2025, 1, 20),
            outcome="resolved",
        ),
        ChallengeEvent(
            id="e08", kind="section11_challenge", challenger="qa-group", challenged="acute",
            raised=d(2025, 2, 17), topic="s11.9.c",
        ),
        ChallengeEvent(
            id="e09", kind="information_sharing", challenger="lay2", challenged="mental-health",
            raised=d(2025, 1, 13), topic="s11.6.b", responded=d(2025, 2, 10),
            escalated=d(2025, 3, 3), escalation_level=1,
        ),
    ]  # fmt: skip


_RANDOM_KINDS = (
    "agency_scrutiny",
    "section11_challenge",
    "front_line_visit",
    "case_audit",
    "accountability_meeting",
    "information_sharing",
)


def challenge_log(
    members_: Sequence[Agency], framework: Framework, rng: np.random.Generator, *, count: int = 36
) -> ChallengeLog:
    """Two years of challenge: scripted events, then ``count`` drawn ones, and 12 meetings.

    Challengers' activity is heavy-tailed (a Zipf-like weight: the quality assurance
    sub-group and the board raise most challenges); :data:`NEVER_CHALLENGED` is never
    challenged.
    """
    challengers = ["qa-group", "board", "lay1", "la", "police", "icb", "lay2", "community-health",
                   "education", "acute", "probation", "yjs"]  # fmt: skip
    weights = 1.0 / np.arange(1, len(challengers) + 1) ** 1.2
    weights /= weights.sum()
    targets = [a.id for a in members_ if a.id != NEVER_CHALLENGED]
    topics = [c.id for c in framework.criteria(leaves_only=True)]
    topics += [indicator.id for indicator in safeguarding_indicators()]
    span = (LOG_END - LOG_START).days
    events = _scripted_events()
    who = rng.choice(len(challengers), p=weights, size=count)
    whom = rng.integers(0, len(targets), size=count)
    raised = np.sort(rng.integers(0, span - 20, size=count))
    kinds = rng.integers(0, len(_RANDOM_KINDS), size=count)
    topic = rng.integers(0, len(topics), size=count)
    respond = rng.integers(7, 45, size=count)
    responds = rng.random(count) < 0.85
    close = rng.integers(20, 150, size=count)
    closes = rng.random(count) < 0.75
    resolved = rng.random(count) < 0.8
    escalates = rng.random(count) < 0.08
    for index in range(count):
        challenger = challengers[int(who[index])]
        challenged = targets[int(whom[index])]
        if challenged == challenger:
            challenged = targets[(int(whom[index]) + 1) % len(targets)]
        kind = _RANDOM_KINDS[int(kinds[index])]
        if challenger in ("lay1", "lay2"):
            kind = "lay_member_challenge"
        start = int(raised[index])
        responded = start + int(respond[index]) if responds[index] else None
        if responded is not None and responded > span:
            responded = None
        escalated = None
        if escalates[index] and responded is not None and responded + 14 <= span:
            escalated = responded + 14
        closed = None
        if closes[index] and responded is not None:
            closed = max(responded, escalated or 0) + int(close[index])
            if closed > span:
                closed = None
        events.append(
            ChallengeEvent(
                id=f"e{len(events) + 1:02d}",
                kind=kind,
                challenger=challenger,
                challenged=challenged,
                raised=_day(start),
                topic=topics[int(topic[index])],
                responded=None if responded is None else _day(responded),
                escalated=None if escalated is None else _day(escalated),
                escalation_level=None if escalated is None else 1,
                closed=None if closed is None else _day(closed),
                outcome=None if closed is None else ("resolved" if resolved[index] else "closed"),
            )
        )
    events.sort(key=lambda event: (event.raised, event.id))
    expected = [*(a.id for a in members_), "lay1", "lay2"]
    attendance = {"housing": 0.45, "vcs": 0.6, "mental-health": 0.7, "early-years": 0.75}
    meetings = []
    for number in range(12):
        year, month = divmod(4 + 2 * number, 12)
        date = datetime.date(2023 + year, month + 1, 10)
        present = rng.random(len(expected)) < [attendance.get(m, 0.92) for m in expected]
        meetings.append(
            Meeting(
                id=f"board-{date.isoformat()}",
                date=date,
                expected=expected,
                attended=[m for m, here in zip(expected, present, strict=True) if here],
            )
        )
    return ChallengeLog(
        id=f"{ID}-challenge-log",
        title=f"{NAME}: challenge log, {CYCLES[0].label} and {CYCLES[1].label}",
        agencies=members_,
        members=members(),
        events=events,
        meetings=meetings,
    )


# -- the files ----------------------------------------------------------------------------------


def _json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def generate() -> dict[str, str]:
    """Every data file of the example, by its path under ``data/northshire/``, as text."""
    rng = np.random.default_rng(SEED)
    section11 = get("section11")
    case_audit = get("case-audit")
    members_ = agencies()
    files: dict[str, str] = {}
    s11 = section11_assessments(section11, members_, rng)
    audits = case_audit_assessments(case_audit, rng)
    for folder, assessments in (("section11", s11), ("case-audit", audits)):
        for assessment in assessments:
            files[f"{folder}/{assessment.id}.json"] = dumps(assessment) + "\n"
    data_panel = panel(rng)
    files[PANEL_FILE] = str(write_csv(data_panel))
    files[COMPARATORS_FILE] = dumps(comparators(rng)) + "\n"
    files[LOG_FILE] = dumps(challenge_log(members_, section11, rng)) + "\n"
    files[MANIFEST] = _json(
        {
            "id": ID,
            "name": NAME,
            "area": ID,
            "description": "A fictional partnership: every agency, person, case and figure "
            "is invented (generated by lscbqa.datasets._northshire).",
            "section11": section11.id,
            "case_audit": case_audit.id,
            "indicators": list(data_panel.indicators),
            "panel": PANEL_FILE,
            "comparators": COMPARATORS_FILE,
            "challenge_log": LOG_FILE,
            "section11_assessments": [f"section11/{a.id}.json" for a in s11],
            "case_audit_assessments": [f"case-audit/{a.id}.json" for a in audits],
        }
    )
    return files


def write(folder: pathlib.Path = FOLDER) -> list[pathlib.Path]:
    """Rewrite the data files: write every generated file, remove any other."""
    files = generate()
    for old in sorted(folder.rglob("*"), reverse=True) if folder.exists() else []:
        relative = old.relative_to(folder).as_posix()
        if old.is_file() and relative not in files:
            old.unlink()
    written = []
    for relative, text in files.items():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        _util.write_text_atomic(target, text)
        written.append(target)
    return written


if __name__ == "__main__":
    print(f"wrote {len(write())} files to {FOLDER}")
