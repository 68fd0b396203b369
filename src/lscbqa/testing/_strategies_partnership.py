"""Strategies for a partnership's records: actions, action plans, agencies and challenge logs.

Re-exported by :mod:`lscbqa.testing.strategies`, the one place to import them from.
"""

from __future__ import annotations

import datetime
from typing import Any

from hypothesis import strategies as st

from lscbqa.actions import Action, ActionPlan, ActionStatus
from lscbqa.agencies import Agency, Sector
from lscbqa.scrutiny.log import (
    ChallengeEvent,
    ChallengeKind,
    ChallengeLog,
    Meeting,
    Member,
    MemberKind,
    Outcome,
)
from lscbqa.testing._strategies_base import (
    _DATES,
    _IDS,
    _MAX_ITEMS,
    _NON_BLANK_TEXTS,
    _OPTIONAL_DATES,
    _OPTIONAL_IDS,
    _OPTIONAL_NON_BLANK_TEXTS,
    _unique,
    _with_unique_ids,
)

__all__ = ["action_plans", "actions", "agencies", "challenge_logs"]


# -- actions and agencies -----------------------------------------------------------------------


_ACTION_FIELDS = st.fixed_dictionaries(
    {
        "id": _IDS,
        "criterion_id": _IDS,
        "description": _NON_BLANK_TEXTS,
        "owner": _OPTIONAL_IDS,
        "due": _OPTIONAL_DATES,
        "status": st.sampled_from(ActionStatus),
        "assessment_id": _OPTIONAL_IDS,
    }
)


def _make_action(fields: dict[str, Any]) -> Action:
    return Action(**fields)


_ACTIONS = _ACTION_FIELDS.map(_make_action)


def actions() -> st.SearchStrategy[Action]:
    """Actions of every status, sometimes with an owner, a due date and an assessment.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of Action

    Examples
    --------
    >>> import datetime
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(actions())
    ... def test_closed_actions_are_never_overdue(action):
    ...     if action.status.is_closed:
    ...         assert not action.is_overdue(datetime.date.max)
    >>> test_closed_actions_are_never_overdue()
    """
    return _ACTIONS


def _assemble_plan(plan_id: str, title: str, action_fields: list[dict[str, Any]]) -> ActionPlan:
    return ActionPlan(
        id=plan_id, title=title, actions=_with_unique_ids(_make_action, action_fields)
    )


_ACTION_PLANS = st.builds(
    _assemble_plan, _IDS, _NON_BLANK_TEXTS, st.lists(_ACTION_FIELDS, max_size=_MAX_ITEMS)
)


def action_plans() -> st.SearchStrategy[ActionPlan]:
    """Action plans whose actions have unique ids.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of ActionPlan

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(action_plans())
    ... def test_open_actions_are_a_subset(plan):
    ...     assert set(plan.open_actions()) <= set(plan.actions)
    >>> test_open_actions_are_a_subset()
    """
    return _ACTION_PLANS


_AGENCY_FIELDS = {
    "name": _NON_BLANK_TEXTS,
    "sector": st.sampled_from(Sector),
    "statutory": st.booleans(),
    "organisation": _OPTIONAL_IDS,
}
_AGENCIES = st.builds(Agency, id=_IDS, **_AGENCY_FIELDS)
_AGENCY_FIELDS_BUT_ID = st.fixed_dictionaries(_AGENCY_FIELDS)


def agencies() -> st.SearchStrategy[Agency]:
    """Agencies of every sector, statutory or not.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of Agency

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(agencies())
    ... def test_sectors_have_labels(agency):
    ...     assert agency.sector.label[0].isupper()
    >>> test_sectors_have_labels()
    """
    return _AGENCIES


# -- challenge logs -----------------------------------------------------------------------------

_LATER = st.none() | st.integers(min_value=0, max_value=3650)


@st.composite
def _challenge_logs(draw: st.DrawFn) -> ChallengeLog:
    used: set[str] = set()
    node_ids = [_unique(node, used) for node in draw(st.lists(_IDS, min_size=1, max_size=5))]
    split = draw(st.integers(min_value=0, max_value=len(node_ids)))
    agencies = [Agency(id=node, **draw(_AGENCY_FIELDS_BUT_ID)) for node in node_ids[:split]]
    members = [
        Member(
            id=node,
            name=draw(_NON_BLANK_TEXTS),
            kind=draw(st.sampled_from(MemberKind)),
            organisation=draw(_OPTIONAL_IDS),
        )
        for node in node_ids[split:]
    ]
    nodes = st.sampled_from(node_ids)
    events = []
    for number in range(draw(st.integers(min_value=0, max_value=_MAX_ITEMS))):
        raised = draw(st.dates(max_value=datetime.date(9000, 1, 1)))
        responded, escalated, closed = (draw(_LATER) for _ in range(3))
        events.append(
            ChallengeEvent(
                id=f"e{number}",
                kind=draw(st.sampled_from(ChallengeKind)),
                challenger=draw(nodes),
                challenged=draw(nodes),
                raised=raised,
                topic=draw(_OPTIONAL_IDS),
                responded=_days_after(raised, responded),
                escalated=_days_after(raised, escalated),
                escalation_level=None if escalated is None else draw(st.integers(1, 5)),
                closed=_days_after(raised, closed),
                outcome=None if closed is None else draw(st.sampled_from(Outcome)),
                note=draw(_OPTIONAL_NON_BLANK_TEXTS),
            )
        )
    meetings = []
    for number in range(draw(st.integers(min_value=0, max_value=_MAX_ITEMS))):
        expected = draw(st.lists(nodes, unique=True))
        attended = draw(st.lists(st.sampled_from(expected), unique=True)) if expected else []
        meetings.append(
            Meeting(id=f"m{number}", date=draw(_DATES), expected=expected, attended=attended)
        )
    return ChallengeLog(
        id=draw(_IDS),
        title=draw(_NON_BLANK_TEXTS),
        agencies=agencies,
        members=members,
        events=events,
        meetings=meetings,
    )


def _days_after(day: datetime.date, days: int | None) -> datetime.date | None:
    return None if days is None else day + datetime.timedelta(days=days)


_CHALLENGE_LOGS = _challenge_logs()


def challenge_logs() -> st.SearchStrategy[ChallengeLog]:
    """Challenge logs whose references are all known and whose events' lives run in order.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of ChallengeLog

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(challenge_logs())
    ... def test_every_event_names_a_member(log):
    ...     known = {a.id for a in log.agencies} | {m.id for m in log.members}
    ...     assert all({e.challenger, e.challenged} <= known for e in log.events)
    >>> test_every_event_names_a_member()
    """
    return _CHALLENGE_LOGS
