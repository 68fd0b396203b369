"""The challenge log: who challenged whom, about what, when, and what came of it.

A :class:`ChallengeLog` is a document like any other (``schema =
"lscbqa/challenge-log/1"``): the partnership's agencies, its other members (the
board, lay members, sub-groups, neighbouring boards), every challenge event and
every board meeting. Every reference between them is checked when the log is built
or loaded, and every problem is reported with its path.

Examples
--------
>>> import datetime
>>> from lscbqa.agencies import Agency
>>> from lscbqa.scrutiny.log import ChallengeEvent, ChallengeLog, Member
>>> log = ChallengeLog(
...     id="northshire",
...     title="Northshire challenge log",
...     agencies=[Agency(id="police", name="Police", sector="police", statutory=True)],
...     members=[Member(id="lay1", name="Lay member 1", kind="lay_member")],
...     events=[
...         ChallengeEvent(
...             id="e1", kind="lay_member_challenge", challenger="lay1", challenged="police",
...             raised=datetime.date(2014, 5, 1),
...         )
...     ],
... )
>>> log.events[0].status
<Status.OPEN: 'open'>
"""

from __future__ import annotations

import datetime
import enum
import typing
from collections.abc import Iterable

import attrs

from lscbqa import _util, serialize
from lscbqa.agencies import Agency
from lscbqa.exceptions import Problem, ValidationError

__all__ = [
    "ChallengeEvent",
    "ChallengeKind",
    "ChallengeLog",
    "Meeting",
    "Member",
    "MemberKind",
    "Outcome",
    "Status",
]


class ChallengeKind(enum.StrEnum):
    """The kinds of challenge a log records.

    - ``lay_member_challenge``: a lay member challenges the board or an agency;
    - ``agency_scrutiny``: one agency scrutinises another;
    - ``section11_challenge``: a Section 11 challenge or moderation panel;
    - ``front_line_visit``: a board member visits another agency's front line;
    - ``case_audit``: a multi-agency case audit finding put to an agency;
    - ``peer_review``: a neighbouring board reviews the board;
    - ``accountability_meeting``: an agency is held to account at a meeting;
    - ``information_sharing``: a challenge about information sharing (multi-agency hubs).

    Examples
    --------
    >>> ChallengeKind("front_line_visit").label
    'Front line visit'
    """

    LAY_MEMBER_CHALLENGE = "lay_member_challenge"
    AGENCY_SCRUTINY = "agency_scrutiny"
    SECTION11_CHALLENGE = "section11_challenge"
    FRONT_LINE_VISIT = "front_line_visit"
    CASE_AUDIT = "case_audit"
    PEER_REVIEW = "peer_review"
    ACCOUNTABILITY_MEETING = "accountability_meeting"
    INFORMATION_SHARING = "information_sharing"

    @property
    def label(self) -> str:
        """The kind in words.

        Examples
        --------
        >>> ChallengeKind.SECTION11_CHALLENGE.label
        'Section 11 challenge'
        """
        return self.value.replace("section11", "section 11").replace("_", " ").capitalize()


class MemberKind(enum.StrEnum):
    """The kinds of member of the scrutiny graph that are not agencies.

    Examples
    --------
    >>> MemberKind("neighbouring_board").value
    'neighbouring_board'
    """

    BOARD = "board"
    LAY_MEMBER = "lay_member"
    SUB_GROUP = "sub_group"
    NEIGHBOURING_BOARD = "neighbouring_board"


class Outcome(enum.StrEnum):
    """How a challenge ended: resolved, or closed.

    ``resolved``: the matter was put right or agreed; ``closed``: it ended without
    the change sought (no further action, say).

    Examples
    --------
    >>> Outcome("resolved") is Outcome.RESOLVED
    True
    """

    RESOLVED = "resolved"
    CLOSED = "closed"


class Status(enum.StrEnum):
    """Where a challenge stands: the latest step of its life.

    Examples
    --------
    >>> [status.value for status in Status]
    ['open', 'responded', 'escalated', 'resolved', 'closed']
    """

    OPEN = "open"
    RESPONDED = "responded"
    ESCALATED = "escalated"
    RESOLVED = "resolved"
    CLOSED = "closed"


def _to_kind(value: ChallengeKind | str) -> ChallengeKind:
    return typing.cast(ChallengeKind, _util.as_enum(ChallengeKind, value))


def _to_member_kind(value: MemberKind | str) -> MemberKind:
    return typing.cast(MemberKind, _util.as_enum(MemberKind, value))


def _to_outcome(value: Outcome | str | None) -> Outcome | None:
    return None if value is None else typing.cast(Outcome, _util.as_enum(Outcome, value))


@attrs.frozen(kw_only=True)
class Member:
    """A member of the scrutiny graph that is not an agency.

    The board, a lay member, a sub-group or a neighbouring board.

    Parameters
    ----------
    id : str
        The id events refer to; unique among the log's agencies and members.
    name : str
        The member's name, as findings print it.
    kind : MemberKind or str
        Board, lay member, sub-group or neighbouring board.
    organisation : str, optional
        The organisation the member belongs to, if any (see :class:`~lscbqa.agencies.Agency`).

    Examples
    --------
    >>> Member(id="board", name="Northshire LSCB", kind="board").kind
    <MemberKind.BOARD: 'board'>
    """

    id: str = attrs.field(metadata=_util.checks(_util.identifier))
    name: str = attrs.field(metadata=_util.checks(_util.non_blank))
    kind: MemberKind = attrs.field(converter=_to_member_kind)
    organisation: str | None = attrs.field(default=None, metadata=_util.checks(_util.identifier))

    def __attrs_post_init__(self) -> None:
        _util.validate(self)


def _life_in_order(event: ChallengeEvent) -> None:
    """Every later step is dated on or after the raising; escalation level and outcome pair up."""
    problems: list[Problem] = []
    for name in ("responded", "escalated", "closed"):
        day = getattr(event, name)
        if day is not None and day < event.raised:
            problems.append(
                Problem(
                    f"$.{name}",
                    f"expected a date on or after the date raised ({event.raised.isoformat()}); "
                    f"found {day.isoformat()}",
                )
            )
    if (event.escalated is None) != (event.escalation_level is None):
        problems.append(
            Problem(
                "$.escalation_level",
                "expected a level exactly when the challenge was escalated; found "
                + (
                    "a level without an escalation date"
                    if event.escalated is None
                    else "an escalation date without a level"
                ),
            )
        )
    if event.escalation_level is not None and event.escalation_level < 1:
        problems.append(
            Problem(
                "$.escalation_level",
                f"expected a level of 1 or more; found {_util.found(event.escalation_level)}",
            )
        )
    if (event.closed is None) != (event.outcome is None):
        problems.append(
            Problem(
                "$.outcome",
                "expected an outcome exactly when the challenge was closed; found "
                + (
                    "an outcome without a closing date"
                    if event.closed is None
                    else "a closing date without an outcome"
                ),
            )
        )
    if problems:
        raise ValidationError(problems)


@attrs.frozen(kw_only=True)
class ChallengeEvent:
    """One challenge: who challenged whom, about what, and its life from raised to closed.

    Parameters
    ----------
    id : str
        The event's id, unique in the log.
    kind : ChallengeKind or str
        The kind of challenge.
    challenger : str
        The agency or member who challenged, by id.
    challenged : str
        The agency or member challenged, by id.
    raised : datetime.date
        When the challenge was raised.
    topic : str, optional
        What it was about: a criterion or indicator id.
    responded : datetime.date, optional
        When the challenged party responded.
    escalated : datetime.date, optional
        When the challenge was escalated; requires ``escalation_level``.
    escalation_level : int, optional
        The level escalated to (1 = first level of the escalation procedure).
    closed : datetime.date, optional
        When the challenge was resolved or closed; requires ``outcome``.
    outcome : Outcome or str, optional
        ``resolved`` or ``closed``.
    note : str, optional
        What came of it, in words.

    Raises
    ------
    ValidationError
        If a step is dated before the raising, or a level or outcome lacks its date
        (or the other way round).

    Examples
    --------
    >>> import datetime
    >>> event = ChallengeEvent(
    ...     id="e1", kind="agency_scrutiny", challenger="health", challenged="police",
    ...     raised=datetime.date(2014, 5, 1), responded=datetime.date(2014, 5, 20),
    ...     closed=datetime.date(2014, 6, 30), outcome="resolved",
    ... )
    >>> event.status, event.status_on(datetime.date(2014, 6, 1))
    (<Status.RESOLVED: 'resolved'>, <Status.RESPONDED: 'responded'>)
    """

    id: str = attrs.field(metadata=_util.checks(_util.identifier))
    kind: ChallengeKind = attrs.field(converter=_to_kind)
    challenger: str = attrs.field(metadata=_util.checks(_util.identifier))
    challenged: str = attrs.field(metadata=_util.checks(_util.identifier))
    raised: datetime.date = attrs.field()
    topic: str | None = attrs.field(default=None, metadata=_util.checks(_util.identifier))
    responded: datetime.date | None = attrs.field(default=None)
    escalated: datetime.date | None = attrs.field(default=None)
    escalation_level: int | None = attrs.field(default=None)
    closed: datetime.date | None = attrs.field(default=None)
    outcome: Outcome | None = attrs.field(default=None, converter=_to_outcome)
    note: str | None = attrs.field(default=None, metadata=_util.checks(_util.non_blank))

    def __attrs_post_init__(self) -> None:
        _util.validate(self, _life_in_order)

    @property
    def status(self) -> Status:
        """The latest step of the challenge's life, whatever its date.

        Examples
        --------
        >>> import datetime
        >>> ChallengeEvent(
        ...     id="e", kind="case_audit", challenger="a", challenged="b",
        ...     raised=datetime.date(2015, 1, 5), escalated=datetime.date(2015, 2, 1),
        ...     escalation_level=2,
        ... ).status
        <Status.ESCALATED: 'escalated'>
        """
        return self.status_on(datetime.date.max)

    def status_on(self, day: datetime.date) -> Status:
        """Where the challenge stood at the end of ``day`` (open if not yet raised).

        Examples
        --------
        >>> import datetime
        >>> event = ChallengeEvent(
        ...     id="e", kind="case_audit", challenger="a", challenged="b",
        ...     raised=datetime.date(2015, 1, 5), closed=datetime.date(2015, 3, 1),
        ...     outcome="closed",
        ... )
        >>> event.status_on(datetime.date(2015, 2, 1)), event.status_on(datetime.date(2015, 3, 1))
        (<Status.OPEN: 'open'>, <Status.CLOSED: 'closed'>)
        """
        if self.closed is not None and self.closed <= day and self.outcome is not None:
            return Status(self.outcome.value)
        if self.escalated is not None and self.escalated <= day:
            return Status.ESCALATED
        if self.responded is not None and self.responded <= day:
            return Status.RESPONDED
        return Status.OPEN


@attrs.frozen(kw_only=True)
class Meeting:
    """A board meeting: who was expected and who attended.

    Parameters
    ----------
    id : str
        The meeting's id, unique in the log.
    date : datetime.date
        When it met.
    expected : sequence of str
        The agencies and members expected to attend, by id.
    attended : sequence of str
        Those who attended, by id; each must be expected.

    Examples
    --------
    >>> import datetime
    >>> meeting = Meeting(
    ...     id="m1", date=datetime.date(2014, 6, 10),
    ...     expected=["police", "health"], attended=["police"],
    ... )
    >>> meeting.absent
    ('health',)
    """

    id: str = attrs.field(metadata=_util.checks(_util.identifier))
    date: datetime.date = attrs.field()
    expected: tuple[str, ...] = attrs.field(
        default=(), converter=_util.to_tuple, metadata=_util.checks(_util.identifiers)
    )
    attended: tuple[str, ...] = attrs.field(
        default=(), converter=_util.to_tuple, metadata=_util.checks(_util.identifiers)
    )

    def __attrs_post_init__(self) -> None:
        _util.validate(self, _attendees_expected)

    @property
    def absent(self) -> tuple[str, ...]:
        """Those expected who did not attend, in the order expected.

        Examples
        --------
        >>> import datetime
        >>> Meeting(id="m", date=datetime.date(2014, 1, 1), expected=["a"], attended=["a"]).absent
        ()
        """
        present = set(self.attended)
        return tuple(member for member in self.expected if member not in present)


def _attendees_expected(meeting: Meeting) -> None:
    problems = _repeated(meeting.expected, "$.expected") + _repeated(meeting.attended, "$.attended")
    expected = set(meeting.expected)
    problems.extend(
        Problem(
            f"$.attended[{index}]",
            f"expected one of those expected at the meeting; found {member!r}",
        )
        for index, member in enumerate(meeting.attended)
        if member not in expected
    )
    if problems:
        raise ValidationError(problems)


def _repeated(ids: Iterable[str], path: str) -> list[Problem]:
    seen: dict[str, int] = {}
    problems = []
    for index, item in enumerate(ids):
        if item in seen:
            problems.append(
                Problem(
                    f"{path}[{index}]",
                    f"expected each id once; {item!r} is also at index {seen[item]}",
                )
            )
        seen.setdefault(item, index)
    return problems


def _collect(problems: list[Problem], check: typing.Callable[[], None]) -> None:
    try:
        check()
    except ValidationError as error:
        problems.extend(error.problems)


def _references_known(log: ChallengeLog) -> None:
    """Unique ids, and every event and meeting names a known agency or member."""
    problems: list[Problem] = []
    _collect(problems, lambda: _util.unique_ids(log.agencies, "$.agencies", "agency id"))
    _collect(problems, lambda: _util.unique_ids(log.members, "$.members", "member id"))
    _collect(problems, lambda: _util.unique_ids(log.events, "$.events", "event id"))
    _collect(problems, lambda: _util.unique_ids(log.meetings, "$.meetings", "meeting id"))
    agency_ids = {agency.id for agency in log.agencies}
    problems.extend(
        Problem(
            f"$.members[{index}].id",
            f"expected an id no agency has; {member.id!r} is an agency's id",
        )
        for index, member in enumerate(log.members)
        if member.id in agency_ids
    )
    known = agency_ids | {member.id for member in log.members}
    for index, event in enumerate(log.events):
        for role in ("challenger", "challenged"):
            node = getattr(event, role)
            if node not in known:
                problems.append(
                    Problem(
                        f"$.events[{index}].{role}",
                        f"expected the id of an agency or member of the log; found {node!r}",
                    )
                )
    for index, meeting in enumerate(log.meetings):
        for role in ("expected", "attended"):
            problems.extend(
                Problem(
                    f"$.meetings[{index}].{role}[{position}]",
                    f"expected the id of an agency or member of the log; found {node!r}",
                )
                for position, node in enumerate(getattr(meeting, role))
                if node not in known
            )
    if problems:
        raise ValidationError(problems)


@attrs.frozen(kw_only=True)
class ChallengeLog:
    """A partnership's record of challenge: its members, challenge events and meetings.

    Parameters
    ----------
    id : str
        The log's id.
    title : str
        Its title.
    agencies : sequence of Agency
        The partnership's agencies, with unique ids.
    members : sequence of Member
        The board, lay members, sub-groups and neighbouring boards; ids unique among
        agencies and members together.
    events : sequence of ChallengeEvent
        Every challenge, with unique ids; each names known agencies or members.
    meetings : sequence of Meeting
        Board meetings, with unique ids; each names known agencies or members.

    Raises
    ------
    ValidationError
        Listing every repeated id and every unknown reference, each with its path
        (``$.events[3].challenged``).

    Examples
    --------
    >>> import datetime
    >>> from lscbqa.agencies import Agency
    >>> ChallengeLog(
    ...     id="log", title="Log",
    ...     agencies=[Agency(id="police", name="Police", sector="police")],
    ...     events=[ChallengeEvent(id="e1", kind="agency_scrutiny", challenger="police",
    ...                            challenged="probation", raised=datetime.date(2014, 5, 1))],
    ... )
    Traceback (most recent call last):
    ...
    lscbqa.exceptions.ValidationError: 1 problem:
      $.events[0].challenged: expected the id of an agency or member of the log; found 'probation'
    """

    id: str = attrs.field(metadata=_util.checks(_util.identifier))
    title: str = attrs.field(metadata=_util.checks(_util.non_blank))
    agencies: tuple[Agency, ...] = attrs.field(default=(), converter=_util.to_tuple)
    members: tuple[Member, ...] = attrs.field(default=(), converter=_util.to_tuple)
    events: tuple[ChallengeEvent, ...] = attrs.field(default=(), converter=_util.to_tuple)
    meetings: tuple[Meeting, ...] = attrs.field(default=(), converter=_util.to_tuple)

    def __attrs_post_init__(self) -> None:
        _util.validate(self, _references_known)

    def name_of(self, node_id: str) -> str:
        """The name of an agency or member, or the id itself if the log has none by that id.

        Examples
        --------
        >>> from lscbqa.agencies import Agency
        >>> log = ChallengeLog(
        ...     id="log", title="Log", agencies=[Agency(id="yot", name="Youth Offending Team",
        ...                                             sector="youth_justice")],
        ... )
        >>> log.name_of("yot"), log.name_of("nobody")
        ('Youth Offending Team', 'nobody')
        """
        names = {agency.id: agency.name for agency in self.agencies}
        names.update((member.id, member.name) for member in self.members)
        return names.get(node_id, node_id)


serialize.register_document(ChallengeLog, "challenge-log")
