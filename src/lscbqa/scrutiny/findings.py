"""Plain-language findings about challenge, for a board report, each with the data behind it.

Examples
--------
>>> import datetime
>>> from lscbqa.agencies import Agency
>>> from lscbqa.periods import Period
>>> from lscbqa.scrutiny.findings import findings
>>> from lscbqa.scrutiny.graph import ScrutinyGraph
>>> from lscbqa.scrutiny.log import ChallengeEvent, ChallengeLog
>>> log = ChallengeLog(
...     id="log", title="Log",
...     agencies=[Agency(id="police", name="Police", sector="police", statutory=True),
...               Agency(id="nps", name="Probation", sector="probation", statutory=True)],
...     events=[ChallengeEvent(id="e1", kind="agency_scrutiny", challenger="nps",
...                            challenged="police", raised=datetime.date(2014, 5, 1))],
... )
>>> for finding in findings(ScrutinyGraph.from_log(log), Period.financial_year(2014)):
...     print(finding)
Probation was not challenged in 2014-15.
Police challenged no other agency in 2014-15.
Probation raised 100% of the challenges in 2014-15 (1 of 1).
1 challenge raised in 2014-15 was still open on 31 March 2015; the oldest for 334 days.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

import attrs

from lscbqa.model import Framework
from lscbqa.periods import Period, PeriodType
from lscbqa.scrutiny.analytics import (
    DEFAULT_ESCALATION_LIMIT,
    DEFAULT_WINDOW,
    attendance,
    concentration,
    coverage,
    independence,
    responsiveness,
    topic_coverage,
)
from lscbqa.scrutiny.graph import ScrutinyGraph

__all__ = ["ScrutinyFinding", "findings"]


@attrs.frozen(kw_only=True)
class ScrutinyFinding:
    """One finding about challenge, in words, with the data behind it.

    Parameters
    ----------
    code : str
        The kind of finding: ``not_challenged``, ``not_challenging``,
        ``self_scrutiny``, ``reciprocal``, ``same_organisation``, ``concentrated``,
        ``open_challenges``, ``overdue_escalation``, ``criteria_not_challenged`` or
        ``low_attendance``.
    message : str
        The finding in plain language, naming agencies by name.
    subjects : tuple of str
        The agencies, members or criteria it is about, by id.
    event_ids : tuple of str
        The challenge events behind it.
    figure : float, optional
        The number behind it (a share, a rate, a count of days), if there is one.

    Examples
    --------
    >>> finding = ScrutinyFinding(code="not_challenged", message="Probation was not challenged.",
    ...                           subjects=("nps",))
    >>> str(finding)
    'Probation was not challenged.'
    """

    code: str
    message: str
    subjects: tuple[str, ...] = ()
    event_ids: tuple[str, ...] = ()
    figure: float | None = None

    def __str__(self) -> str:
        return self.message


def _day(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _during(period: Period | None) -> str:
    """The period as a phrase after a verb: ' in 2014-15', or nothing for all time."""
    if period is None:
        return ""
    if period.kind is PeriodType.FINANCIAL_YEAR:
        return f" in {period.start.year}-{(period.start.year + 1) % 100:02d}"
    if period.kind is not None:
        return f" in {period.label}"
    return f" between {_day(period.start)} and {_day(period.end)}"


def _same_quarter(first: datetime.date, second: datetime.date) -> bool:
    return (first.year, (first.month - 1) // 3) == (second.year, (second.month - 1) // 3)


def _percent(share: float) -> str:
    return f"{round(share * 100)}%"


def findings(
    graph: ScrutinyGraph,
    period: Period | None,
    *,
    framework: Framework | None = None,
    window: datetime.timedelta = DEFAULT_WINDOW,
    as_of: datetime.date | None = None,
    escalation_limit: datetime.timedelta = DEFAULT_ESCALATION_LIMIT,
    top_share: float = 0.5,
    attendance_below: float = 0.5,
) -> tuple[ScrutinyFinding, ...]:
    """Plain-language findings about challenge in a period, for a board report.

    Parameters
    ----------
    graph : ScrutinyGraph
        The graph.
    period : Period or None
        Events raised (and meetings held) in this period count; None counts all.
    framework : Framework, optional
        If given, criteria of it that no challenge was about are reported.
    window : datetime.timedelta, default 92 days
        For reciprocal challenge (see :func:`~lscbqa.scrutiny.analytics.independence`).
    as_of : datetime.date, optional
        For open challenges (see :func:`~lscbqa.scrutiny.analytics.responsiveness`).
    escalation_limit : datetime.timedelta, default 28 days
        How long an escalation may stay unresolved.
    top_share : float, default 0.5
        Report concentration when one challenger raised more than this share.
    attendance_below : float, default 0.5
        Report agencies attending less than this share of the meetings they were
        expected at.

    Returns
    -------
    tuple of ScrutinyFinding
        Grouped in the order of the codes listed in :class:`ScrutinyFinding`.

    Examples
    --------
    >>> import datetime
    >>> from lscbqa.agencies import Agency
    >>> from lscbqa.scrutiny.log import ChallengeEvent, ChallengeLog
    >>> day = datetime.date
    >>> log = ChallengeLog(
    ...     id="log", title="Log",
    ...     agencies=[Agency(id="police", name="Police", sector="police", statutory=True),
    ...               Agency(id="health", name="Health", sector="health_provider",
    ...                      statutory=True)],
    ...     events=[ChallengeEvent(id="e1", kind="agency_scrutiny", challenger="police",
    ...                            challenged="health", raised=day(2014, 7, 1),
    ...                            closed=day(2014, 7, 30), outcome="resolved"),
    ...             ChallengeEvent(id="e2", kind="agency_scrutiny", challenger="health",
    ...                            challenged="police", raised=day(2014, 8, 5),
    ...                            closed=day(2014, 9, 1), outcome="resolved")],
    ... )
    >>> [f.message for f in findings(ScrutinyGraph.from_log(log), None)]
    ['Police and Health scrutinised each other in the same quarter (e1, e2).']
    """
    during = _during(period)
    found: list[ScrutinyFinding] = []
    name = graph.name_of

    covered = coverage(graph, period)
    for code, what, agencies in (
        ("not_challenged", "was not challenged", covered.not_challenged),
        ("not_challenging", "challenged no other agency", covered.not_challenging),
    ):
        found.extend(
            ScrutinyFinding(
                code=code,
                message=f"{name(agency)} {what}{during}.",
                subjects=(agency,),
                figure=0.0,
            )
            for agency in agencies
        )

    found.extend(_independence_findings(graph, period, window, during))

    concentrated = concentration(graph, period)
    total = sum(concentrated.counts.values())
    if concentrated.top_share > top_share:
        top = concentrated.top_challengers[0]
        found.append(
            ScrutinyFinding(
                code="concentrated",
                message=(
                    f"{name(top)} raised {_percent(concentrated.top_share)} of the challenges"
                    f"{during} ({concentrated.counts[top]} of {total})."
                ),
                subjects=(top,),
                figure=concentrated.top_share,
            )
        )

    answered = responsiveness(graph, period, as_of=as_of, escalation_limit=escalation_limit)
    if answered.open:
        count = len(answered.open)
        oldest = answered.open[0]
        noun = "challenge" if count == 1 else "challenges"
        verb = "was" if count == 1 else "were"
        found.append(
            ScrutinyFinding(
                code="open_challenges",
                message=(
                    f"{count} {noun} raised{during} {verb} still open on {_day(answered.as_of)}; "
                    f"the oldest for {oldest.age_days} days."
                ),
                event_ids=tuple(item.event_id for item in answered.open),
                figure=float(count),
            )
        )
    events = {event.id: event for event in graph.log.events}
    for overdue in answered.overdue_escalations:
        event = events[overdue.event_id]
        found.append(
            ScrutinyFinding(
                code="overdue_escalation",
                message=(
                    f"{name(event.challenger)}'s challenge to {name(event.challenged)} "
                    f"({event.id}), escalated to level {overdue.level} on "
                    f"{_day(overdue.escalated)}, was unresolved {overdue.days_unresolved} days "
                    "later."
                ),
                subjects=(event.challenger, event.challenged),
                event_ids=(event.id,),
                figure=float(overdue.days_unresolved),
            )
        )

    if framework is not None:
        topics = topic_coverage(graph, period, framework=framework)
        if topics.never_challenged:
            missing = len(topics.never_challenged)
            total_criteria = missing + len(topics.challenged)
            found.append(
                ScrutinyFinding(
                    code="criteria_not_challenged",
                    message=(
                        f"No challenge{during} was about {missing} of the {total_criteria} "
                        f"criteria of {framework.title}: {', '.join(topics.never_challenged)}."
                    ),
                    subjects=topics.never_challenged,
                    figure=1.0 - topics.share_challenged,
                )
            )

    attended = attendance(graph, period)
    for member, rate in attended.rates.items():
        if rate < attendance_below:
            found.append(
                ScrutinyFinding(
                    code="low_attendance",
                    message=(
                        f"{name(member)} attended {attended.attended[member]} of the "
                        f"{attended.expected[member]} board meetings it was expected at"
                        f"{during} ({_percent(rate)})."
                    ),
                    subjects=(member,),
                    figure=rate,
                )
            )
    return tuple(found)


def _independence_findings(
    graph: ScrutinyGraph, period: Period | None, window: datetime.timedelta, during: str
) -> list[ScrutinyFinding]:
    name = graph.name_of
    result = independence(graph, period, window=window)
    events = {event.id: event for event in graph.log.events}
    found: list[ScrutinyFinding] = []
    by_member: defaultdict[str, list[str]] = defaultdict(list)
    for event_id in result.self_scrutiny:
        by_member[events[event_id].challenger].append(event_id)
    found.extend(
        ScrutinyFinding(
            code="self_scrutiny",
            message=f"{name(member)} scrutinised itself{during} ({', '.join(ids)}).",
            subjects=(member,),
            event_ids=tuple(ids),
            figure=float(len(ids)),
        )
        for member, ids in by_member.items()
    )
    for pair in result.reciprocal:
        first, second = events[pair.first_event].raised, events[pair.second_event].raised
        when = (
            "in the same quarter"
            if _same_quarter(first, second)
            else f"within {pair.days_apart} days"
        )
        found.append(
            ScrutinyFinding(
                code="reciprocal",
                message=(
                    f"{name(pair.first)} and {name(pair.second)} scrutinised each other {when} "
                    f"({pair.first_event}, {pair.second_event})."
                ),
                subjects=(pair.first, pair.second),
                event_ids=(pair.first_event, pair.second_event),
                figure=float(pair.days_apart),
            )
        )
    by_pair: defaultdict[tuple[str, str], list[str]] = defaultdict(list)
    for event_id in result.same_organisation:
        event = events[event_id]
        by_pair[(event.challenger, event.challenged)].append(event_id)
    nodes = graph.graph.nodes
    found.extend(
        ScrutinyFinding(
            code="same_organisation",
            message=(
                f"{name(challenger)} challenged {name(challenged)}{during}, though both belong "
                f"to {nodes[challenger]['organisation']} ({', '.join(ids)})."
            ),
            subjects=(challenger, challenged),
            event_ids=tuple(ids),
            figure=float(len(ids)),
        )
        for (challenger, challenged), ids in by_pair.items()
    )
    return found
