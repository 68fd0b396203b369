"""Analytics of a scrutiny graph: coverage, independence, concentration, answers and topics.

Each function takes a :class:`~lscbqa.scrutiny.graph.ScrutinyGraph` and a
:class:`~lscbqa.periods.Period` (or None for all time): an event belongs to a
period when it was **raised** in it. Each returns a small frozen value holding the
answer and the data behind it. The work is done on the graph's event arrays, in
whole-array numpy operations.

Examples
--------
>>> import datetime
>>> from lscbqa.agencies import Agency
>>> from lscbqa.periods import Period
>>> from lscbqa.scrutiny.analytics import coverage
>>> from lscbqa.scrutiny.graph import ScrutinyGraph
>>> from lscbqa.scrutiny.log import ChallengeEvent, ChallengeLog
>>> log = ChallengeLog(
...     id="log", title="Log",
...     agencies=[Agency(id="police", name="Police", sector="police", statutory=True),
...               Agency(id="nps", name="Probation", sector="probation", statutory=True)],
...     events=[ChallengeEvent(id="e1", kind="agency_scrutiny", challenger="nps",
...                            challenged="police", raised=datetime.date(2014, 5, 1))],
... )
>>> coverage(ScrutinyGraph.from_log(log), Period.financial_year(2014)).not_challenged
('nps',)
"""

from __future__ import annotations

import datetime

import attrs
import networkx as nx  # type: ignore[import-untyped,unused-ignore]
import numpy as np

from lscbqa import _util
from lscbqa.model import Framework
from lscbqa.periods import Period
from lscbqa.scrutiny.graph import NEVER, BoolArray, IntArray, ScrutinyGraph
from lscbqa.scrutiny.log import Status

__all__ = [
    "Attendance",
    "Concentration",
    "Coverage",
    "Independence",
    "OpenChallenge",
    "OverdueEscalation",
    "ReciprocalPair",
    "Responsiveness",
    "TopicCoverage",
    "attendance",
    "concentration",
    "coverage",
    "gini",
    "independence",
    "responsiveness",
    "topic_coverage",
]

DEFAULT_WINDOW = datetime.timedelta(days=92)
"""Two challenges in opposite directions this close together are reciprocal: a quarter."""

DEFAULT_ESCALATION_LIMIT = datetime.timedelta(days=28)
"""An escalation still unresolved after this long is overdue."""


def _ids(graph: ScrutinyGraph, positions: IntArray) -> tuple[str, ...]:
    nodes = graph.node_ids
    return tuple(nodes[position] for position in positions.tolist())


def _event_ids(graph: ScrutinyGraph, selected: BoolArray) -> tuple[str, ...]:
    events = graph.log.events
    return tuple(events[index].id for index in np.flatnonzero(selected).tolist())


def _counts_at(
    graph: ScrutinyGraph, counts: IntArray, positions: IntArray
) -> _util.FrozenDict[str, int]:
    """The counts of the nodes at ``positions``, keyed by node id, in the order given."""
    return _util.FrozenDict(zip(_ids(graph, positions), counts[positions].tolist(), strict=True))


def _counts(graph: ScrutinyGraph, positions: IntArray) -> IntArray:
    """How many times each node's position occurs in ``positions``, one count per node."""
    return np.bincount(positions, minlength=len(graph.node_ids)).astype(np.int64)


# -- coverage -----------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Coverage:
    """Which statutory agencies were challenged, and which challenged others.

    Challenges of an agency by itself count for neither.

    Parameters
    ----------
    challenged : FrozenDict of str to int
        For each statutory agency, how many challenges it received.
    challenging : FrozenDict of str to int
        For each statutory agency, how many challenges it raised.

    Examples
    --------
    >>> from lscbqa._util import FrozenDict
    >>> result = Coverage(challenged=FrozenDict({"la": 2, "nps": 0}),
    ...                   challenging=FrozenDict({"la": 0, "nps": 1}))
    >>> result.not_challenged, result.not_challenging
    (('nps',), ('la',))
    """

    challenged: _util.FrozenDict[str, int]
    challenging: _util.FrozenDict[str, int]

    @property
    def not_challenged(self) -> tuple[str, ...]:
        """Statutory agencies nobody else challenged, in log order.

        Examples
        --------
        >>> from lscbqa._util import FrozenDict
        >>> result = Coverage(challenged=FrozenDict({"a": 0}), challenging=FrozenDict({"a": 0}))
        >>> result.not_challenged
        ('a',)
        """
        return tuple(agency for agency, count in self.challenged.items() if count == 0)

    @property
    def not_challenging(self) -> tuple[str, ...]:
        """Statutory agencies that challenged nobody else, in log order.

        Examples
        --------
        >>> from lscbqa._util import FrozenDict
        >>> result = Coverage(challenged=FrozenDict({"a": 0}), challenging=FrozenDict({"a": 3}))
        >>> result.not_challenging
        ()
        """
        return tuple(agency for agency, count in self.challenging.items() if count == 0)


def coverage(graph: ScrutinyGraph, period: Period | None) -> Coverage:
    """How often each statutory agency was challenged, and challenged others, in a period.

    Parameters
    ----------
    graph : ScrutinyGraph
        The graph.
    period : Period or None
        Events raised in this period count; None counts every event.

    Returns
    -------
    Coverage

    Examples
    --------
    >>> import datetime
    >>> from lscbqa.agencies import Agency
    >>> from lscbqa.scrutiny.log import ChallengeEvent, ChallengeLog
    >>> log = ChallengeLog(
    ...     id="log", title="Log",
    ...     agencies=[Agency(id="la", name="Council", sector="local_authority", statutory=True),
    ...               Agency(id="yot", name="YOT", sector="youth_justice", statutory=True)],
    ...     events=[ChallengeEvent(id="e1", kind="agency_scrutiny", challenger="la",
    ...                            challenged="la", raised=datetime.date(2014, 5, 1))],
    ... )
    >>> result = coverage(ScrutinyGraph.from_log(log), None)
    >>> result.not_challenged, result.not_challenging
    (('la', 'yot'), ('la', 'yot'))
    """
    selected = graph.during(period) & (graph.challenger != graph.challenged)
    received = _counts(graph, graph.challenged[selected])
    raised = _counts(graph, graph.challenger[selected])
    statutory = np.flatnonzero(graph.statutory)
    return Coverage(
        challenged=_counts_at(graph, received, statutory),
        challenging=_counts_at(graph, raised, statutory),
    )


# -- independence -------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class ReciprocalPair:
    """Two members who challenged each other within the window: "marking each other's homework".

    Parameters
    ----------
    first, second : str
        The challenger of the earlier event, and the member it challenged.
    first_event, second_event : str
        The closest pair of events: ``first`` challenging ``second``, then the reverse.
    days_apart : int
        Days between the two events' raising.

    Examples
    --------
    >>> ReciprocalPair(first="police", second="health", first_event="e1",
    ...                second_event="e7", days_apart=12).days_apart
    12
    """

    first: str
    second: str
    first_event: str
    second_event: str
    days_apart: int


@attrs.frozen(kw_only=True)
class Independence:
    """How independent the challenge was.

    Parameters
    ----------
    self_scrutiny : tuple of str
        Events in which a member challenged itself.
    reciprocal : tuple of ReciprocalPair
        Each pair of members who challenged each other within ``window_days``.
    same_organisation : tuple of str
        Events between two different members of one organisation.
    window_days : int
        The window used for reciprocity.

    Examples
    --------
    >>> Independence(self_scrutiny=("e3",), reciprocal=(), same_organisation=(),
    ...              window_days=92).is_independent
    False
    """

    self_scrutiny: tuple[str, ...]
    reciprocal: tuple[ReciprocalPair, ...]
    same_organisation: tuple[str, ...]
    window_days: int

    @property
    def is_independent(self) -> bool:
        """Whether nothing was found.

        Examples
        --------
        >>> Independence(self_scrutiny=(), reciprocal=(), same_organisation=(),
        ...              window_days=92).is_independent
        True
        """
        return not (self.self_scrutiny or self.reciprocal or self.same_organisation)


def _reciprocal_pairs(
    graph: ScrutinyGraph, selected: BoolArray, window: int
) -> tuple[ReciprocalPair, ...]:
    """The closest reverse event within ``window`` days, found by one sorted search.

    Events are sorted by (directed pair, day); for each event, a binary search for
    the reverse pair at the same day lands between that pair's nearest earlier and
    later events, the only candidates for the closest.
    """
    index = np.flatnonzero(selected)
    if index.size == 0:
        return ()
    source, target = graph.challenger[index], graph.challenged[index]
    day = graph.raised[index]
    size = len(graph.node_ids)
    span = int(day.max() - day.min()) + 1
    offset = day - day.min()
    key = (source * size + target) * span + offset
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    reverse_pair = target * size + source
    query = reverse_pair * span + offset
    gap = np.full(index.size, np.iinfo(np.int64).max, dtype=np.int64)
    partner = np.full(index.size, -1, dtype=np.int64)
    found_at = np.searchsorted(sorted_key, query)
    for candidate in (found_at - 1, found_at):
        valid = (candidate >= 0) & (candidate < sorted_key.size)
        clipped = np.clip(candidate, 0, max(sorted_key.size - 1, 0))
        other = sorted_key[clipped]
        same_pair = valid & (other // span == reverse_pair)
        distance = np.abs(other % span - offset)
        better = same_pair & (distance < gap)
        gap = np.where(better, distance, gap)
        partner = np.where(better, order[clipped], partner)
    close = np.flatnonzero((partner >= 0) & (gap <= window))
    if close.size == 0:
        return ()
    # One answer per unordered pair: its closest events, the earliest such if tied.
    low = np.minimum(source[close], target[close])
    high = np.maximum(source[close], target[close])
    earliest = np.minimum(day[close], day[partner[close]])
    ranking = np.lexsort((earliest, gap[close], high, low))
    first_of_pair = np.ones(ranking.size, dtype=np.bool_)
    ranked_low, ranked_high = low[ranking], high[ranking]
    first_of_pair[1:] = (ranked_low[1:] != ranked_low[:-1]) | (ranked_high[1:] != ranked_high[:-1])
    events = graph.log.events
    pairs = []
    for chosen in close[ranking[first_of_pair]].tolist():
        one, other = int(index[chosen]), int(index[partner[chosen]])
        if (graph.raised[other], other) < (graph.raised[one], one):
            one, other = other, one
        pairs.append(
            ReciprocalPair(
                first=events[one].challenger,
                second=events[one].challenged,
                first_event=events[one].id,
                second_event=events[other].id,
                days_apart=int(abs(graph.raised[other] - graph.raised[one])),
            )
        )
    return tuple(pairs)


def independence(
    graph: ScrutinyGraph,
    period: Period | None,
    *,
    window: datetime.timedelta = DEFAULT_WINDOW,
) -> Independence:
    """Self-scrutiny, reciprocal challenge and challenge within one organisation, in a period.

    Parameters
    ----------
    graph : ScrutinyGraph
        The graph.
    period : Period or None
        Events raised in this period count; None counts every event.
    window : datetime.timedelta, default 92 days
        A challenge of A by B and one of B by A raised at most this far apart make
        A and B a reciprocal pair.

    Returns
    -------
    Independence
        Reciprocal pairs in order of the members' positions in the log, each with
        its closest two events.

    Examples
    --------
    >>> import datetime
    >>> from lscbqa.agencies import Agency
    >>> from lscbqa.scrutiny.log import ChallengeEvent, ChallengeLog
    >>> day = datetime.date
    >>> log = ChallengeLog(
    ...     id="log", title="Log",
    ...     agencies=[Agency(id="police", name="Police", sector="police"),
    ...               Agency(id="health", name="Health", sector="health_provider")],
    ...     events=[
    ...         ChallengeEvent(id="e1", kind="agency_scrutiny", challenger="police",
    ...                        challenged="health", raised=day(2014, 5, 1)),
    ...         ChallengeEvent(id="e2", kind="agency_scrutiny", challenger="health",
    ...                        challenged="police", raised=day(2014, 6, 1)),
    ...     ],
    ... )
    >>> independence(ScrutinyGraph.from_log(log), None).reciprocal[0].days_apart
    31
    """
    selected = graph.during(period)
    loops = selected & (graph.challenger == graph.challenged)
    organisation = graph.organisation
    same = (
        selected
        & ~loops
        & (organisation[graph.challenger] >= 0)
        & (organisation[graph.challenger] == organisation[graph.challenged])
    )
    return Independence(
        self_scrutiny=_event_ids(graph, loops),
        reciprocal=_reciprocal_pairs(graph, selected & ~loops, window.days),
        same_organisation=_event_ids(graph, same),
        window_days=window.days,
    )


# -- concentration ------------------------------------------------------------------------------


def gini(values: object) -> float:
    r"""The Gini coefficient of non-negative amounts: 0 when equal, near 1 when one holds all.

    Parameters
    ----------
    values : array-like of float
        Amounts, each >= 0.

    Returns
    -------
    float
        0.0 for no values or when all are 0.

    Notes
    -----
    With the ``n`` amounts sorted ascending, :math:`x_{(1)} \le \dots \le x_{(n)}`,

    .. math:: G = \frac{\sum_{i=1}^{n} (2i - n - 1)\, x_{(i)}}{n \sum_{i=1}^{n} x_{(i)}}

    which equals the mean absolute difference over all ordered pairs divided by
    twice the mean, :math:`\sum_i \sum_j |x_i - x_j| / (2 n^2 \bar{x})` (Gini 1912;
    the sorted form as in Damgaard and Weiner 2000, eq. 2, without their small-sample
    correction ``n / (n - 1)``).

    References
    ----------
    Damgaard, C. and Weiner, J. (2000). Describing inequality in plant size or
    fecundity. *Ecology* 81(4), 1139-1142.

    Examples
    --------
    >>> gini([1, 1, 1, 1]), gini([0, 0, 0, 4])
    (0.0, 0.75)
    """
    amounts = np.sort(np.asarray(values, dtype=np.float64).ravel())
    total = float(amounts.sum())
    if amounts.size == 0 or total == 0.0:
        return 0.0
    size = amounts.size
    rank = np.arange(1, size + 1, dtype=np.float64)
    return float(((2 * rank - size - 1) * amounts).sum() / (size * total))


@attrs.frozen(kw_only=True)
class Concentration:
    """How concentrated the challenging is.

    Parameters
    ----------
    counts : FrozenDict of str to int
        Challenges raised by every agency and member (zeros included), in log order.
    top_challengers : tuple of str
        Those who raised the most (several if tied); empty if nobody raised any.
    top_share : float
        Their count as a share of all challenges (0.0 if none).
    gini : float
        The Gini coefficient of ``counts`` (see :func:`gini`).
    board_betweenness : FrozenDict of str to float
        For each member of kind board, its betweenness centrality in its partnership's
        graph of who challenged whom in the period (see :func:`concentration`).

    Examples
    --------
    >>> from lscbqa._util import FrozenDict
    >>> Concentration(counts=FrozenDict({"a": 3, "b": 1}), top_challengers=("a",),
    ...               top_share=0.75, gini=0.25, board_betweenness=FrozenDict()).top_share
    0.75
    """

    counts: _util.FrozenDict[str, int]
    top_challengers: tuple[str, ...]
    top_share: float
    gini: float
    board_betweenness: _util.FrozenDict[str, float]


def _partnership(simple: nx.DiGraph, board: str, boards: set[str]) -> list[str]:
    """A board's partnership: members linked to it not through another board, and neighbours.

    Other boards linked directly to the board are its neighbours: kept, not passed through.
    """
    if board not in simple:
        return [board]
    seen = {board}
    frontier = [board]
    while frontier:
        node = frontier.pop()
        for neighbour in (*simple.successors(node), *simple.predecessors(node)):
            if neighbour not in seen:
                seen.add(neighbour)
                if neighbour not in boards:
                    frontier.append(neighbour)
    return sorted(seen)


def concentration(
    graph: ScrutinyGraph, period: Period | None, *, betweenness: bool = True
) -> Concentration:
    """The top challenger's share, the Gini across challengers and the board's betweenness.

    Parameters
    ----------
    graph : ScrutinyGraph
        The graph.
    period : Period or None
        Events raised in this period count; None counts every event.
    betweenness : bool, default True
        Whether to compute the boards' betweenness, the costly part; if False,
        ``board_betweenness`` is empty.

    Returns
    -------
    Concentration

    Notes
    -----
    Every agency and member of the log is a potential challenger, so those who
    raised nothing count as zeros in the Gini coefficient.

    The board's betweenness is networkx's ``betweenness_centrality`` (normalised,
    directed, unweighted; Brandes 2001) in the graph of its partnership: the simple
    directed graph with an edge from each challenger to each member it challenged
    in the period (self-challenges left out), restricted to the members linked to
    the board, in either direction, without passing through another member of kind
    board (other boards linked directly to the board are kept, as its neighbours). In
    a log of one partnership that is the board's connected component, neighbouring
    boards included; in a national log, each board is measured among its own
    partnership and its neighbours (paths through a neighbour's partnership are not
    counted), which also keeps the cost to one small graph per board. Repeated challenges do not
    change shortest paths, so this equals the betweenness in the multigraph: the
    share of shortest challenge paths between other members of the partnership
    that pass through the board.

    Examples
    --------
    >>> import datetime
    >>> from lscbqa.agencies import Agency
    >>> from lscbqa.scrutiny.log import ChallengeEvent, ChallengeLog, Member
    >>> day = datetime.date(2014, 5, 1)
    >>> log = ChallengeLog(
    ...     id="log", title="Log",
    ...     agencies=[Agency(id="la", name="Council", sector="local_authority")],
    ...     members=[Member(id="board", name="Board", kind="board"),
    ...              Member(id="lay", name="Lay member", kind="lay_member")],
    ...     events=[ChallengeEvent(id="e1", kind="lay_member_challenge", challenger="lay",
    ...                            challenged="board", raised=day),
    ...             ChallengeEvent(id="e2", kind="accountability_meeting", challenger="board",
    ...                            challenged="la", raised=day)],
    ... )
    >>> result = concentration(ScrutinyGraph.from_log(log), None)
    >>> result.top_share, result.board_betweenness["board"]
    (0.5, 0.5)
    """
    selected = graph.during(period)
    counts = _counts(graph, graph.challenger[selected])
    total = int(counts.sum())
    nodes = graph.node_ids
    top: tuple[str, ...] = ()
    share = 0.0
    if total:
        top = _ids(graph, np.flatnonzero(counts == counts.max()))
        share = float(counts.max()) / total
    boards = list(_ids(graph, np.flatnonzero(graph.is_board)))
    centralities: dict[str, float] = {}
    if boards and betweenness:
        links = selected & (graph.challenger != graph.challenged)
        size = len(nodes)
        pairs = np.unique(graph.challenger[links] * size + graph.challenged[links]).tolist()
        simple: nx.DiGraph = nx.DiGraph()
        simple.add_edges_from((nodes[pair // size], nodes[pair % size]) for pair in pairs)
        for board in boards:
            members = _partnership(simple, board, set(boards))
            if len(members) < 3:  # no member lies between two others
                centralities[board] = 0.0
                continue
            partnership = simple.subgraph(members).copy()
            centrality = nx.betweenness_centrality(partnership, normalized=True)
            centralities[board] = float(centrality[board])
    return Concentration(
        counts=_util.FrozenDict(zip(nodes, counts.tolist(), strict=True)),
        top_challengers=top,
        top_share=share,
        gini=gini(counts),
        board_betweenness=_util.FrozenDict(centralities),
    )


# -- responsiveness -----------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class OpenChallenge:
    """A challenge not yet resolved or closed, and how long it has been open.

    Parameters
    ----------
    event_id, challenger, challenged : str
        The event and its two parties.
    raised : datetime.date
        When it was raised.
    age_days : int
        Days from raising to the date of the analysis.
    status : Status
        Open, responded or escalated.

    Examples
    --------
    >>> import datetime
    >>> OpenChallenge(event_id="e1", challenger="lay", challenged="la",
    ...               raised=datetime.date(2014, 5, 1), age_days=30, status=Status.OPEN).age_days
    30
    """

    event_id: str
    challenger: str
    challenged: str
    raised: datetime.date
    age_days: int
    status: Status


@attrs.frozen(kw_only=True)
class OverdueEscalation:
    """An escalated challenge still unresolved after the limit.

    Parameters
    ----------
    event_id : str
        The event.
    level : int
        The level it was escalated to.
    escalated : datetime.date
        When.
    days_unresolved : int
        Days from escalation to the date of the analysis.

    Examples
    --------
    >>> import datetime
    >>> OverdueEscalation(event_id="e2", level=2, escalated=datetime.date(2014, 6, 1),
    ...                   days_unresolved=40).level
    2
    """

    event_id: str
    level: int
    escalated: datetime.date
    days_unresolved: int


@attrs.frozen(kw_only=True)
class Responsiveness:
    """Whether challenges get answers: open ones, times to response and resolution, escalations.

    Parameters
    ----------
    as_of : datetime.date
        The date of the analysis.
    raised : int
        Challenges raised in the period, on or before ``as_of``.
    open : tuple of OpenChallenge
        Those not resolved or closed by ``as_of``, oldest first.
    median_days_to_response : float or None
        Median days from raising to response, over those responded to by ``as_of``.
    median_days_to_resolution : float or None
        Median days from raising to closing (resolved or closed), over those closed
        by ``as_of``.
    overdue_escalations : tuple of OverdueEscalation
        Escalated, unresolved, and escalated longer ago than ``limit_days``; oldest first.
    limit_days : int
        The limit for escalations.

    Examples
    --------
    >>> import datetime
    >>> Responsiveness(as_of=datetime.date(2015, 3, 31), raised=0, open=(),
    ...                median_days_to_response=None, median_days_to_resolution=None,
    ...                overdue_escalations=(), limit_days=28).raised
    0
    """

    as_of: datetime.date
    raised: int
    open: tuple[OpenChallenge, ...]
    median_days_to_response: float | None
    median_days_to_resolution: float | None
    overdue_escalations: tuple[OverdueEscalation, ...]
    limit_days: int


def _median(values: IntArray) -> float | None:
    return float(np.median(values)) if values.size else None


def _last_day(graph: ScrutinyGraph) -> int:
    days = [array[array != NEVER] for array in (graph.raised, graph.responded, graph.closed)]
    days.append(graph.escalated[graph.escalated != NEVER])
    latest = [int(array.max()) for array in days if array.size]
    return max(latest) if latest else datetime.date.today().toordinal()


def responsiveness(
    graph: ScrutinyGraph,
    period: Period | None,
    *,
    as_of: datetime.date | None = None,
    escalation_limit: datetime.timedelta = DEFAULT_ESCALATION_LIMIT,
) -> Responsiveness:
    """Open challenges and their age, times to response and resolution, overdue escalations.

    Parameters
    ----------
    graph : ScrutinyGraph
        The graph.
    period : Period or None
        Events raised in this period count; None counts every event.
    as_of : datetime.date, optional
        The date to judge at: steps dated later have not happened yet. By default
        the period's last day, or (without a period) the latest date in the log.
    escalation_limit : datetime.timedelta, default 28 days
        How long an escalation may stay unresolved.

    Returns
    -------
    Responsiveness

    Examples
    --------
    >>> import datetime
    >>> from lscbqa.agencies import Agency
    >>> from lscbqa.scrutiny.log import ChallengeEvent, ChallengeLog
    >>> day = datetime.date
    >>> log = ChallengeLog(
    ...     id="log", title="Log",
    ...     agencies=[Agency(id="a", name="A", sector="police"),
    ...               Agency(id="b", name="B", sector="probation")],
    ...     events=[ChallengeEvent(id="e1", kind="agency_scrutiny", challenger="a",
    ...                            challenged="b", raised=day(2014, 5, 1),
    ...                            responded=day(2014, 5, 11))],
    ... )
    >>> result = responsiveness(ScrutinyGraph.from_log(log), None, as_of=day(2014, 6, 1))
    >>> result.median_days_to_response, result.open[0].age_days
    (10.0, 31)
    """
    if as_of is not None:
        today = as_of.toordinal()
    elif period is not None:
        today = period.end.toordinal()
    else:
        today = _last_day(graph)
    limit = escalation_limit.days
    selected = graph.during(period) & (graph.raised <= today)
    still_open = selected & (graph.closed > today)
    responded = selected & (graph.responded <= today)
    closed = selected & (graph.closed <= today)
    escalated = still_open & (graph.escalated <= today)
    overdue = escalated & (today - graph.escalated > limit)

    events = graph.log.events
    open_index = np.flatnonzero(still_open)
    open_index = open_index[np.argsort(graph.raised[open_index], kind="stable")]
    status = np.where(
        graph.escalated[open_index] <= today,
        2,
        np.where(graph.responded[open_index] <= today, 1, 0),
    )
    statuses = (Status.OPEN, Status.RESPONDED, Status.ESCALATED)
    ages = (today - graph.raised[open_index]).tolist()
    open_challenges = tuple(
        OpenChallenge(
            event_id=events[index].id,
            challenger=events[index].challenger,
            challenged=events[index].challenged,
            raised=events[index].raised,
            age_days=age,
            status=statuses[state],
        )
        for index, age, state in zip(open_index.tolist(), ages, status.tolist(), strict=True)
    )
    overdue_index = np.flatnonzero(overdue)
    overdue_index = overdue_index[np.argsort(graph.escalated[overdue_index], kind="stable")]
    overdue_escalations = []
    for index in overdue_index.tolist():
        event = events[index]
        assert event.escalated is not None
        assert event.escalation_level is not None
        overdue_escalations.append(
            OverdueEscalation(
                event_id=event.id,
                level=event.escalation_level,
                escalated=event.escalated,
                days_unresolved=today - event.escalated.toordinal(),
            )
        )
    return Responsiveness(
        as_of=datetime.date.fromordinal(today),
        raised=int(selected.sum()),
        open=open_challenges,
        median_days_to_response=_median(graph.responded[responded] - graph.raised[responded]),
        median_days_to_resolution=_median(graph.closed[closed] - graph.raised[closed]),
        overdue_escalations=tuple(overdue_escalations),
        limit_days=limit,
    )


# -- topics -------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class TopicCoverage:
    """Which criteria of a framework the period's challenges were about.

    Parameters
    ----------
    framework_id : str
        The framework.
    challenged : tuple of str
        Leaf criteria challenged, directly or through a domain or criterion above them.
    never_challenged : tuple of str
        Leaf criteria no challenge was about, in framework order.
    other_topics : tuple of str
        Topics of the period's challenges that are not nodes of the framework
        (indicator ids, say), in order of first appearance.

    Examples
    --------
    >>> TopicCoverage(framework_id="s11", challenged=("s11.1",), never_challenged=("s11.2",),
    ...               other_topics=()).share_challenged
    0.5
    """

    framework_id: str
    challenged: tuple[str, ...]
    never_challenged: tuple[str, ...]
    other_topics: tuple[str, ...]

    @property
    def share_challenged(self) -> float:
        """The share of leaf criteria challenged (0.0 for a framework without criteria).

        Examples
        --------
        >>> TopicCoverage(framework_id="f", challenged=(), never_challenged=(),
        ...               other_topics=()).share_challenged
        0.0
        """
        total = len(self.challenged) + len(self.never_challenged)
        return len(self.challenged) / total if total else 0.0


def topic_coverage(
    graph: ScrutinyGraph, period: Period | None, *, framework: Framework
) -> TopicCoverage:
    """The leaf criteria of a framework that no challenge in the period was about.

    A challenge about a domain or a criterion covers every criterion beneath it.

    Parameters
    ----------
    graph : ScrutinyGraph
        The graph.
    period : Period or None
        Events raised in this period count; None counts every event.
    framework : Framework
        The framework whose criteria should be challenged.

    Returns
    -------
    TopicCoverage

    Examples
    --------
    >>> import datetime
    >>> from lscbqa.agencies import Agency
    >>> from lscbqa.model import _example
    >>> from lscbqa.scrutiny.log import ChallengeEvent, ChallengeLog
    >>> log = ChallengeLog(
    ...     id="log", title="Log",
    ...     agencies=[Agency(id="a", name="A", sector="police"),
    ...               Agency(id="b", name="B", sector="probation")],
    ...     events=[ChallengeEvent(id="e1", kind="section11_challenge", challenger="a",
    ...                            challenged="b", raised=datetime.date(2014, 5, 1), topic="c2")],
    ... )
    >>> topic_coverage(ScrutinyGraph.from_log(log), None, framework=_example()).never_challenged
    ('c1',)
    """
    present = np.unique(graph.topic[graph.during(period) & (graph.topic >= 0)])
    first_seen = sorted(present.tolist())
    topics = [graph.topics[position] for position in first_seen]
    covered = {topic for topic in topics if topic in framework}
    challenged, never = [], []
    for criterion in framework.criteria(leaves_only=True):
        if covered.intersection(framework.path_to(criterion.id)):
            challenged.append(criterion.id)
        else:
            never.append(criterion.id)
    return TopicCoverage(
        framework_id=framework.id,
        challenged=tuple(challenged),
        never_challenged=tuple(never),
        other_topics=tuple(topic for topic in topics if topic not in framework),
    )


# -- attendance ---------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Attendance:
    """Board-meeting attendance of each agency and member expected at a meeting in the period.

    Parameters
    ----------
    expected : FrozenDict of str to int
        Meetings each was expected at, in log order of agencies and members.
    attended : FrozenDict of str to int
        Meetings each attended.

    Examples
    --------
    >>> from lscbqa._util import FrozenDict
    >>> result = Attendance(expected=FrozenDict({"la": 4}), attended=FrozenDict({"la": 3}))
    >>> result.rates
    FrozenDict({'la': 0.75})
    """

    expected: _util.FrozenDict[str, int]
    attended: _util.FrozenDict[str, int]

    @property
    def rates(self) -> _util.FrozenDict[str, float]:
        """Meetings attended as a share of meetings expected at, for each.

        Examples
        --------
        >>> from lscbqa._util import FrozenDict
        >>> Attendance(expected=FrozenDict(), attended=FrozenDict()).rates
        FrozenDict({})
        """
        return _util.FrozenDict(
            (node, self.attended[node] / count) for node, count in self.expected.items()
        )


def attendance(graph: ScrutinyGraph, period: Period | None) -> Attendance:
    """Board-meeting attendance per agency and member, from the log's meetings in a period.

    Parameters
    ----------
    graph : ScrutinyGraph
        The graph.
    period : Period or None
        Meetings held in this period count; None counts every meeting.

    Returns
    -------
    Attendance

    Examples
    --------
    >>> import datetime
    >>> from lscbqa.agencies import Agency
    >>> from lscbqa.scrutiny.log import ChallengeLog, Meeting
    >>> log = ChallengeLog(
    ...     id="log", title="Log",
    ...     agencies=[Agency(id="la", name="Council", sector="local_authority")],
    ...     meetings=[Meeting(id="m1", date=datetime.date(2014, 6, 1), expected=["la"]),
    ...               Meeting(id="m2", date=datetime.date(2014, 9, 1), expected=["la"],
    ...                       attended=["la"])],
    ... )
    >>> attendance(ScrutinyGraph.from_log(log), None).rates["la"]
    0.5
    """
    held = graph.meeting_day >= 0
    if period is not None:
        held = (graph.meeting_day >= period.start.toordinal()) & (
            graph.meeting_day <= period.end.toordinal()
        )
    expected = _counts(graph, graph.expected_node[held[graph.expected_meeting]])
    attended = _counts(graph, graph.attended_node[held[graph.attended_meeting]])
    members = np.flatnonzero(expected)
    return Attendance(
        expected=_counts_at(graph, expected, members),
        attended=_counts_at(graph, attended, members),
    )
