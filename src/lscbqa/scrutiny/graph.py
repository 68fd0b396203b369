"""The scrutiny graph: a challenge log as a networkx multigraph, plus its events as arrays.

Examples
--------
>>> import datetime
>>> from lscbqa.agencies import Agency
>>> from lscbqa.scrutiny.graph import ScrutinyGraph
>>> from lscbqa.scrutiny.log import ChallengeEvent, ChallengeLog
>>> log = ChallengeLog(
...     id="log", title="Log",
...     agencies=[Agency(id="police", name="Police", sector="police", statutory=True),
...               Agency(id="health", name="Health", sector="health_provider", statutory=True)],
...     events=[ChallengeEvent(id="e1", kind="agency_scrutiny", challenger="health",
...                            challenged="police", raised=datetime.date(2014, 5, 1))],
... )
>>> graph = ScrutinyGraph.from_log(log)
>>> list(graph.graph.edges(keys=True))
[('health', 'police', 'e1')]
"""

from __future__ import annotations

import datetime
from typing import Any

import attrs
import networkx as nx  # type: ignore[import-untyped,unused-ignore]
import numpy as np
import numpy.typing as npt

from lscbqa.periods import Period
from lscbqa.scrutiny.log import ChallengeKind, ChallengeLog, MemberKind, Outcome

__all__ = ["NEVER", "ScrutinyGraph"]

NEVER = np.int64(2**40)
"""The day number that stands for "not (yet)" in the date arrays: later than any real day."""

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

_KINDS = tuple(ChallengeKind)
_OUTCOMES = tuple(Outcome)


def _read_only(array: npt.NDArray[Any]) -> npt.NDArray[Any]:
    array.flags.writeable = False
    return array


def _days(days: list[datetime.date | None]) -> IntArray:
    """Day numbers (proleptic ordinals) of dates, NEVER for None."""
    return _read_only(
        np.fromiter(
            (NEVER if day is None else day.toordinal() for day in days),
            dtype=np.int64,
            count=len(days),
        )
    )


def _node_arrays(log: ChallengeLog) -> tuple[BoolArray, BoolArray, IntArray]:
    """Per node, agencies then members: statutory, board, and organisation number."""
    codes: dict[str, int] = {}
    organisations = [agency.organisation for agency in log.agencies]
    organisations += [member.organisation for member in log.members]
    statutory = [agency.statutory for agency in log.agencies] + [False] * len(log.members)
    board = [False] * len(log.agencies) + [m.kind is MemberKind.BOARD for m in log.members]
    numbers = [-1 if name is None else codes.setdefault(name, len(codes)) for name in organisations]
    return (
        _read_only(np.array(statutory, dtype=np.bool_)),
        _read_only(np.array(board, dtype=np.bool_)),
        _read_only(np.array(numbers, dtype=np.int64)),
    )


def _meeting_entries(
    log: ChallengeLog, role: str, position: dict[str, int]
) -> tuple[IntArray, IntArray]:
    """(meeting, node) entries of every member expected at (or attending) each meeting."""
    meetings: list[int] = []
    nodes: list[int] = []
    for index, meeting in enumerate(log.meetings):
        members = getattr(meeting, role)
        meetings.extend([index] * len(members))
        nodes.extend(position[member] for member in members)
    return (
        _read_only(np.array(meetings, dtype=np.int64)),
        _read_only(np.array(nodes, dtype=np.int64)),
    )


@attrs.frozen(kw_only=True, eq=False, repr=False)
class ScrutinyGraph:
    """A challenge log as a graph: who challenged whom, each challenge an edge.

    Build one with :meth:`from_log`. ``graph`` is a frozen
    :class:`networkx.MultiDiGraph`, so any networkx algorithm applies to it: its
    nodes are the log's agencies and members, with the attributes ``kind``
    (``"agency"`` or the member's kind), ``name``, ``sector``, ``statutory`` and
    ``organisation``; its edges run from challenger to challenged, keyed by event
    id, with the event's fields as attributes (``kind``, ``raised``, ``topic``,
    ``responded``, ``escalated``, ``escalation_level``, ``closed``, ``outcome``).

    The same events are also held as read-only numpy arrays, one entry per event in
    log order, for the analytics to compute on whole arrays: ``challenger`` and
    ``challenged`` (positions in ``node_ids``), ``raised``, ``responded``,
    ``escalated`` and ``closed`` (day numbers, :data:`NEVER` when absent) and
    ``kind`` (positions in :class:`~lscbqa.scrutiny.log.ChallengeKind`), ``outcome``
    (positions in :class:`~lscbqa.scrutiny.log.Outcome`, -1 while open) and ``topic``
    (positions in ``topics``, -1 when the event names none).

    Per node (in ``node_ids`` order): ``statutory`` (a statutory agency),
    ``is_board`` (a member of kind board) and ``organisation`` (a number per
    organisation, -1 for none). Per meeting: ``meeting_day``; and one entry per
    expected (attending) member of a meeting: ``expected_meeting`` and
    ``expected_node`` (``attended_meeting`` and ``attended_node``).

    Parameters
    ----------
    log : ChallengeLog
        The log the graph was built from.
    graph : networkx.MultiDiGraph
        The frozen graph.
    node_ids : tuple of str
        Agencies then members, in log order; the arrays index into it.
    topics : tuple of str
        Every topic the events name, in order of first appearance.

    Examples
    --------
    >>> import datetime
    >>> from lscbqa.agencies import Agency
    >>> from lscbqa.scrutiny.log import ChallengeLog, Member
    >>> log = ChallengeLog(
    ...     id="log", title="Log",
    ...     agencies=[Agency(id="police", name="Police", sector="police", statutory=True)],
    ...     members=[Member(id="board", name="Board", kind="board")],
    ... )
    >>> graph = ScrutinyGraph.from_log(log)
    >>> graph.graph.nodes["board"]["kind"], graph.node_ids
    ('board', ('police', 'board'))
    >>> graph
    ScrutinyGraph(log='log', members=2, events=0, meetings=0)
    """

    log: ChallengeLog
    graph: nx.MultiDiGraph
    node_ids: tuple[str, ...]
    challenger: IntArray
    challenged: IntArray
    raised: IntArray
    responded: IntArray
    escalated: IntArray
    closed: IntArray
    kind: IntArray
    outcome: IntArray
    topics: tuple[str, ...]
    topic: IntArray
    statutory: BoolArray
    is_board: BoolArray
    organisation: IntArray
    meeting_day: IntArray
    expected_meeting: IntArray
    expected_node: IntArray
    attended_meeting: IntArray
    attended_node: IntArray

    @classmethod
    def from_log(cls, log: ChallengeLog) -> ScrutinyGraph:
        """Build the graph of a challenge log.

        Parameters
        ----------
        log : ChallengeLog
            A log whose references are already checked (a log always is).

        Returns
        -------
        ScrutinyGraph

        Examples
        --------
        >>> from lscbqa.scrutiny.log import ChallengeLog
        >>> ScrutinyGraph.from_log(ChallengeLog(id="empty", title="Empty")).graph.number_of_nodes()
        0
        """
        graph: nx.MultiDiGraph = nx.MultiDiGraph(id=log.id, title=log.title)
        graph.add_nodes_from(
            (
                agency.id,
                {
                    "kind": "agency",
                    "name": agency.name,
                    "sector": agency.sector.value,
                    "statutory": agency.statutory,
                    "organisation": agency.organisation,
                },
            )
            for agency in log.agencies
        )
        graph.add_nodes_from(
            (
                member.id,
                {
                    "kind": member.kind.value,
                    "name": member.name,
                    "sector": None,
                    "statutory": False,
                    "organisation": member.organisation,
                },
            )
            for member in log.members
        )
        events = log.events
        graph.add_edges_from(
            (
                event.challenger,
                event.challenged,
                event.id,
                {
                    "kind": event.kind.value,
                    "raised": event.raised,
                    "topic": event.topic,
                    "responded": event.responded,
                    "escalated": event.escalated,
                    "escalation_level": event.escalation_level,
                    "closed": event.closed,
                    "outcome": None if event.outcome is None else event.outcome.value,
                },
            )
            for event in events
        )
        node_ids = tuple(graph.nodes)
        position = {node: index for index, node in enumerate(node_ids)}
        kinds = {kind: index for index, kind in enumerate(_KINDS)}
        outcomes = {outcome: index for index, outcome in enumerate(_OUTCOMES)}
        count = len(events)
        topics = tuple(dict.fromkeys(event.topic for event in events if event.topic is not None))
        topic_position = {topic: index for index, topic in enumerate(topics)}

        statutory, is_board, organisation = _node_arrays(log)
        expected_meeting, expected_node = _meeting_entries(log, "expected", position)
        attended_meeting, attended_node = _meeting_entries(log, "attended", position)

        def positions(values: Any) -> IntArray:
            return _read_only(np.fromiter(values, dtype=np.int64, count=count))

        return cls(
            log=log,
            graph=nx.freeze(graph),
            node_ids=node_ids,
            challenger=positions(position[event.challenger] for event in events),
            challenged=positions(position[event.challenged] for event in events),
            raised=_days([event.raised for event in events]),
            responded=_days([event.responded for event in events]),
            escalated=_days([event.escalated for event in events]),
            closed=_days([event.closed for event in events]),
            kind=positions(kinds[event.kind] for event in events),
            outcome=positions(
                -1 if event.outcome is None else outcomes[event.outcome] for event in events
            ),
            topics=topics,
            topic=positions(
                -1 if event.topic is None else topic_position[event.topic] for event in events
            ),
            statutory=statutory,
            is_board=is_board,
            organisation=organisation,
            meeting_day=_days([meeting.date for meeting in log.meetings]),
            expected_meeting=expected_meeting,
            expected_node=expected_node,
            attended_meeting=attended_meeting,
            attended_node=attended_node,
        )

    def __repr__(self) -> str:
        return (
            f"ScrutinyGraph(log={self.log.id!r}, members={len(self.node_ids)}, "
            f"events={self.raised.size}, meetings={self.meeting_day.size})"
        )

    @property
    def event_ids(self) -> tuple[str, ...]:
        """The id of every event, in log order (the order of the arrays).

        Examples
        --------
        >>> from lscbqa.scrutiny.log import ChallengeLog
        >>> ScrutinyGraph.from_log(ChallengeLog(id="empty", title="Empty")).event_ids
        ()
        """
        return tuple(event.id for event in self.log.events)

    def name_of(self, node_id: str) -> str:
        """The name of an agency or member (its id if the graph has no such node).

        Examples
        --------
        >>> from lscbqa.agencies import Agency
        >>> from lscbqa.scrutiny.log import ChallengeLog
        >>> log = ChallengeLog(id="l", title="L", agencies=[
        ...     Agency(id="nps", name="Probation", sector="probation")])
        >>> ScrutinyGraph.from_log(log).name_of("nps")
        'Probation'
        """
        if node_id in self.graph:
            return str(self.graph.nodes[node_id]["name"])
        return node_id

    def during(self, period: Period | None) -> BoolArray:
        """Which events were raised in ``period`` (every event when it is None).

        Examples
        --------
        >>> from lscbqa.scrutiny.log import ChallengeLog
        >>> ScrutinyGraph.from_log(ChallengeLog(id="e", title="E")).during(None).shape
        (0,)
        """
        if period is None:
            return np.ones(self.raised.shape, dtype=np.bool_)
        return (self.raised >= period.start.toordinal()) & (self.raised <= period.end.toordinal())

    def statutory_agencies(self) -> tuple[int, ...]:
        """Positions in ``node_ids`` of the statutory agencies, in log order.

        Examples
        --------
        >>> from lscbqa.agencies import Agency
        >>> from lscbqa.scrutiny.log import ChallengeLog
        >>> log = ChallengeLog(id="l", title="L", agencies=[
        ...     Agency(id="vcs", name="Voluntary sector", sector="voluntary_sector"),
        ...     Agency(id="la", name="Council", sector="local_authority", statutory=True)])
        >>> ScrutinyGraph.from_log(log).statutory_agencies()
        (1,)
        """
        return tuple(np.flatnonzero(self.statutory).tolist())
