"""Tests for lscbqa.scrutiny.analytics and findings on a hand-built Northshire log.

Every expected answer is worked out by hand below. The log, for financial year
2014-15 (1 April 2014 to 31 March 2015, "FY"):

agencies (statutory but vcs): la Northshire Council and schools Education (both of
the organisation northshire-council), police Northshire Police, health Health,
nps Probation, vcs Voluntary sector; members: board Northshire LSCB, lay1 Lay member,
qa QA sub-group, south Southshire LSCB (a neighbouring board).

    id  kind                  challenger -> challenged  raised      responded  escalated  closed
    e1  agency_scrutiny       police -> health          2014-05-01  2014-05-11            06-30 R
    e2  agency_scrutiny       health -> police          2014-06-15  2014-06-25
    e3  lay_member_challenge  lay1 -> board             2014-07-01  2014-07-21            08-31 R
    e4  section11_challenge   board -> la  (s11.1)      2014-09-01             10-01 L2
    e5  front_line_visit      la -> schools (s11.3.b)   2014-10-01  2014-10-05            11-30 C
    e6  case_audit            police -> police          2014-11-01                        11-15 R
    e7  agency_scrutiny       lay1 -> la   (s11.2)      2015-02-01
    e8  peer_review           south -> board            2013-12-01                  2014-01-31 R
    e9  agency_scrutiny       health -> police (s11.1)  2015-03-01

Dates without a year are in the year raised. R: closed with outcome resolved; C: closed
with outcome closed; L2: escalated to level 2.
e3 is about the indicator ind.rereferrals. e8 lies before FY.
Meetings: m0 2014-03-01 (before FY) expected la, nps, attended nps; m1 2014-06-10 and
m2 2014-12-09 expected la, schools, police, health, nps; m1 attended la, police, health;
m2 attended la, police, nps.
"""

from __future__ import annotations

import datetime
import itertools

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lscbqa.agencies import Agency
from lscbqa.model import Criterion, Domain, Framework
from lscbqa.periods import Period
from lscbqa.scrutiny import (
    ChallengeEvent,
    ChallengeLog,
    Meeting,
    Member,
    ReciprocalPair,
    ScrutinyGraph,
    Status,
    attendance,
    concentration,
    coverage,
    findings,
    gini,
    independence,
    responsiveness,
    topic_coverage,
)

D = datetime.date
FY = Period.financial_year(2014)


def _event(
    id: str, kind: str, challenger: str, challenged: str, raised: datetime.date, **life: object
) -> ChallengeEvent:
    return ChallengeEvent(
        id=id, kind=kind, challenger=challenger, challenged=challenged, raised=raised, **life
    )


def northshire() -> ChallengeLog:
    """The log of the module docstring."""
    council = "northshire-council"
    return ChallengeLog(
        id="northshire",
        title="Northshire challenge log",
        agencies=[
            Agency(
                id="la",
                name="Northshire Council",
                sector="local_authority",
                statutory=True,
                organisation=council,
            ),
            Agency(
                id="schools",
                name="Education",
                sector="education",
                statutory=True,
                organisation=council,
            ),
            Agency(id="police", name="Northshire Police", sector="police", statutory=True),
            Agency(id="health", name="Health", sector="health_provider", statutory=True),
            Agency(id="nps", name="Probation", sector="probation", statutory=True),
            Agency(id="vcs", name="Voluntary sector", sector="voluntary_sector"),
        ],
        members=[
            Member(id="board", name="Northshire LSCB", kind="board"),
            Member(id="lay1", name="Lay member", kind="lay_member"),
            Member(id="qa", name="QA sub-group", kind="sub_group"),
            Member(id="south", name="Southshire LSCB", kind="neighbouring_board"),
        ],
        events=[
            _event(
                "e1",
                "agency_scrutiny",
                "police",
                "health",
                D(2014, 5, 1),
                responded=D(2014, 5, 11),
                closed=D(2014, 6, 30),
                outcome="resolved",
            ),
            _event(
                "e2",
                "agency_scrutiny",
                "health",
                "police",
                D(2014, 6, 15),
                responded=D(2014, 6, 25),
            ),
            _event(
                "e3",
                "lay_member_challenge",
                "lay1",
                "board",
                D(2014, 7, 1),
                topic="ind.rereferrals",
                responded=D(2014, 7, 21),
                closed=D(2014, 8, 31),
                outcome="resolved",
            ),
            _event(
                "e4",
                "section11_challenge",
                "board",
                "la",
                D(2014, 9, 1),
                topic="s11.1",
                escalated=D(2014, 10, 1),
                escalation_level=2,
            ),
            _event(
                "e5",
                "front_line_visit",
                "la",
                "schools",
                D(2014, 10, 1),
                topic="s11.3.b",
                responded=D(2014, 10, 5),
                closed=D(2014, 11, 30),
                outcome="closed",
            ),
            _event(
                "e6",
                "case_audit",
                "police",
                "police",
                D(2014, 11, 1),
                closed=D(2014, 11, 15),
                outcome="resolved",
            ),
            _event("e7", "agency_scrutiny", "lay1", "la", D(2015, 2, 1), topic="s11.2"),
            _event(
                "e8",
                "peer_review",
                "south",
                "board",
                D(2013, 12, 1),
                closed=D(2014, 1, 31),
                outcome="resolved",
            ),
            _event("e9", "agency_scrutiny", "health", "police", D(2015, 3, 1), topic="s11.1"),
        ],
        meetings=[
            Meeting(id="m0", date=D(2014, 3, 1), expected=["la", "nps"], attended=["nps"]),
            Meeting(
                id="m1",
                date=D(2014, 6, 10),
                expected=["la", "schools", "police", "health", "nps"],
                attended=["la", "police", "health"],
            ),
            Meeting(
                id="m2",
                date=D(2014, 12, 9),
                expected=["la", "schools", "police", "health", "nps"],
                attended=["la", "police", "nps"],
            ),
        ],
    )


def framework() -> Framework:
    """Four leaf criteria: s11.1 and s11.2 in d1; s11.3.a and s11.3.b under s11.3 in d2."""
    return Framework(
        id="s11",
        version="1",
        title="Section 11",
        domains=[
            Domain(
                id="d1",
                title="Leadership",
                children=[
                    Criterion(id="s11.1", title="Accountability"),
                    Criterion(id="s11.2", title="Board lead"),
                ],
            ),
            Domain(
                id="d2",
                title="Practice",
                children=[
                    Criterion(
                        id="s11.3",
                        title="Escalation",
                        children=[
                            Criterion(id="s11.3.a", title="Procedure"),
                            Criterion(id="s11.3.b", title="Use"),
                        ],
                    )
                ],
            ),
        ],
    )


@pytest.fixture(scope="module")
def graph() -> ScrutinyGraph:
    return ScrutinyGraph.from_log(northshire())


class TestScrutinyGraph:
    def test_nodes_carry_their_attributes(self, graph: ScrutinyGraph) -> None:
        """Nodes carry kind, name, sector, statutory and organisation."""
        assert graph.graph.nodes["schools"] == {
            "kind": "agency",
            "name": "Education",
            "sector": "education",
            "statutory": True,
            "organisation": "northshire-council",
        }
        assert graph.graph.nodes["south"]["kind"] == "neighbouring_board"

    def test_edges_are_keyed_by_event_id(self, graph: ScrutinyGraph) -> None:
        """Each event is an edge from challenger to challenged, keyed by its id."""
        assert graph.graph.number_of_edges() == 9
        assert sorted(graph.graph["health"]["police"]) == ["e2", "e9"]
        data = graph.graph.edges["board", "la", "e4"]
        assert (data["kind"], data["escalation_level"], data["topic"]) == (
            "section11_challenge",
            2,
            "s11.1",
        )

    def test_graph_is_frozen(self, graph: ScrutinyGraph) -> None:
        """The networkx graph cannot be changed."""
        with pytest.raises(nx.NetworkXError):
            graph.graph.add_node("intruder")

    def test_arrays_are_read_only(self, graph: ScrutinyGraph) -> None:
        """The event arrays cannot be written."""
        with pytest.raises(ValueError, match="read-only"):
            graph.raised[0] = 0

    def test_arrays_follow_the_log(self, graph: ScrutinyGraph) -> None:
        """Array entries are node positions and day numbers, in log order."""
        assert graph.node_ids[graph.challenger[3]] == "board"
        assert graph.raised[0] == D(2014, 5, 1).toordinal()
        assert graph.topics == ("ind.rereferrals", "s11.1", "s11.3.b", "s11.2")
        assert graph.topic.tolist() == [-1, -1, 0, 1, 2, -1, 3, -1, 1]

    def test_node_arrays_follow_the_nodes(self, graph: ScrutinyGraph) -> None:
        """Statutory agencies, boards and organisations per node, in node order."""
        assert graph.node_ids == (
            "la", "schools", "police", "health", "nps", "vcs", "board", "lay1", "qa", "south",
        )  # fmt: skip
        assert graph.statutory_agencies() == (0, 1, 2, 3, 4)
        assert graph.is_board.tolist() == [False] * 6 + [True, False, False, False]
        assert graph.organisation.tolist() == [0, 0] + [-1] * 8

    def test_meeting_arrays_list_every_entry(self, graph: ScrutinyGraph) -> None:
        """m0 expected la and nps and saw nps: entries (0, la), (0, nps) and (0, nps)."""
        assert graph.expected_meeting.tolist()[:3] == [0, 0, 1]
        assert graph.expected_node.tolist()[:2] == [0, 4]
        assert (graph.attended_meeting.tolist()[0], graph.attended_node.tolist()[0]) == (0, 4)

    def test_names_and_event_ids(self, graph: ScrutinyGraph) -> None:
        """name_of reads the node's name; event_ids are in log order."""
        assert (graph.name_of("nps"), graph.name_of("nobody")) == ("Probation", "nobody")
        assert graph.event_ids[:2] == ("e1", "e2")

    def test_during_selects_by_raising(self, graph: ScrutinyGraph) -> None:
        """During FY every event but e8 (raised 2013-12-01) counts."""
        assert graph.during(FY).tolist() == [True] * 7 + [False, True]


class TestCoverage:
    def test_hand_worked_fy(self, graph: ScrutinyGraph) -> None:
        """FY: la 2 (e4, e7), schools 1, police 2 (e2, e9; e6 is self), health 1, nps 0."""
        result = coverage(graph, FY)
        assert dict(result.challenged) == {
            "la": 2,
            "schools": 1,
            "police": 2,
            "health": 1,
            "nps": 0,
        }
        assert dict(result.challenging) == {
            "la": 1,
            "schools": 0,
            "police": 1,
            "health": 2,
            "nps": 0,
        }
        assert result.not_challenged == ("nps",)
        assert result.not_challenging == ("schools", "nps")

    def test_non_statutory_agencies_are_left_out(self, graph: ScrutinyGraph) -> None:
        """The voluntary sector, not statutory, is not listed."""
        assert "vcs" not in coverage(graph, None).challenged

    def test_empty_period_challenges_nobody(self, graph: ScrutinyGraph) -> None:
        """In 2020 nobody was challenged."""
        result = coverage(graph, Period.calendar_year(2020))
        assert result.not_challenged == ("la", "schools", "police", "health", "nps")


class TestIndependence:
    def test_hand_worked_fy(self, graph: ScrutinyGraph) -> None:
        """FY: e6 is self-scrutiny; police and health reciprocal (e1, e2, 45 days); e5 one org."""
        result = independence(graph, FY)
        assert result.self_scrutiny == ("e6",)
        assert result.reciprocal == (
            ReciprocalPair(
                first="police", second="health", first_event="e1", second_event="e2", days_apart=45
            ),
        )
        assert result.same_organisation == ("e5",)
        assert not result.is_independent

    def test_window_excludes_distant_reverse_challenge(self, graph: ScrutinyGraph) -> None:
        """With a 30-day window, e1 and e2 (45 days apart) are not reciprocal."""
        assert independence(graph, FY, window=datetime.timedelta(days=30)).reciprocal == ()

    def test_closest_pair_is_reported(self) -> None:
        """Of several reverse events, the closest pair of events is named."""
        agencies = [Agency(id=x, name=x.upper(), sector="other") for x in ("a", "b")]
        events = [
            _event("x1", "agency_scrutiny", "a", "b", D(2014, 1, 1)),
            _event("x2", "agency_scrutiny", "b", "a", D(2014, 3, 1)),
            _event("x3", "agency_scrutiny", "a", "b", D(2014, 3, 11)),
        ]
        log = ChallengeLog(id="l", title="L", agencies=agencies, events=events)
        (pair,) = independence(ScrutinyGraph.from_log(log), None).reciprocal
        assert (pair.first, pair.first_event, pair.second_event, pair.days_apart) == (
            "b",
            "x2",
            "x3",
            10,
        )


def _reciprocal_loop(log: ChallengeLog, window: int) -> set[tuple[frozenset[str], int]]:
    """Per unordered pair, the smallest gap between opposite events: the plain-loop oracle."""
    best: dict[frozenset[str], int] = {}
    for one, other in itertools.combinations(log.events, 2):
        if one.challenger == one.challenged or one.challenger != other.challenged:
            continue
        if one.challenged != other.challenger:
            continue
        gap = abs((one.raised - other.raised).days)
        pair = frozenset((one.challenger, one.challenged))
        if gap <= window and gap < best.get(pair, window + 1):
            best[pair] = gap
    return set(best.items())


_NODES = ("a", "b", "c", "d")


@st.composite
def _small_logs(draw: st.DrawFn) -> ChallengeLog:
    events = [
        _event(
            f"e{number}",
            "agency_scrutiny",
            draw(st.sampled_from(_NODES)),
            draw(st.sampled_from(_NODES)),
            D(2014, 1, 1) + datetime.timedelta(days=draw(st.integers(0, 200))),
        )
        for number in range(draw(st.integers(0, 12)))
    ]
    agencies = [Agency(id=node, name=node, sector="other") for node in _NODES]
    return ChallengeLog(id="l", title="L", agencies=agencies, events=events)


class TestReciprocalAgainstLoop:
    @settings(max_examples=80, deadline=None)
    @given(log=_small_logs(), window=st.integers(0, 120))
    def test_matches_a_loop_over_all_pairs_of_events(self, log: ChallengeLog, window: int) -> None:
        """The sorted-search answer equals a loop over every pair of events."""
        result = independence(
            ScrutinyGraph.from_log(log), None, window=datetime.timedelta(days=window)
        )
        found = {(frozenset((p.first, p.second)), p.days_apart) for p in result.reciprocal}
        assert found == _reciprocal_loop(log, window)


class TestGini:
    def test_hand_worked(self) -> None:
        """[0]*5 + [1, 1, 2, 2, 2]: sum (2i - 11) x_(i) = 1 + 3 + 10 + 14 + 18 = 46; 46 / 80."""
        assert gini([0, 0, 0, 0, 0, 1, 1, 2, 2, 2]) == pytest.approx(0.575)

    def test_equal_amounts_give_zero(self) -> None:
        """Equal amounts have Gini 0."""
        assert gini([3, 3, 3]) == 0.0

    def test_no_amounts_give_zero(self) -> None:
        """No amounts, or all zero, give 0."""
        assert (gini([]), gini([0, 0])) == (0.0, 0.0)

    @settings(max_examples=80, deadline=None)
    @given(st.lists(st.integers(0, 50), min_size=1, max_size=30))
    def test_equals_mean_absolute_difference(self, values: list[int]) -> None:
        """Gini = sum |xi - xj| / (2 n^2 mean) (Gini 1912), computed over all pairs."""
        amounts = np.array(values, dtype=float)
        if amounts.sum() == 0:
            return
        expected = np.abs(amounts[:, None] - amounts[None, :]).sum() / (
            2 * amounts.size**2 * amounts.mean()
        )
        assert gini(values) == pytest.approx(expected)


class TestConcentration:
    def test_hand_worked_fy(self, graph: ScrutinyGraph) -> None:
        """FY: police, health and lay1 raised 2 each of 8: share 0.25, Gini 0.575, board 0."""
        result = concentration(graph, FY)
        assert dict(result.counts) == {
            "la": 1,
            "schools": 0,
            "police": 2,
            "health": 2,
            "nps": 0,
            "vcs": 0,
            "board": 1,
            "lay1": 2,
            "qa": 0,
            "south": 0,
        }
        assert result.top_challengers == ("police", "health", "lay1")
        assert result.top_share == 0.25
        assert result.gini == pytest.approx(0.575)
        # lay1 -> la is direct (e7), so no shortest path passes through the board.
        assert dict(result.board_betweenness) == {"board": 0.0}

    def test_board_betweenness_all_time(self, graph: ScrutinyGraph) -> None:
        """The board's partnership is board, lay1, la, schools, south (5 members); with e8,
        south reaches la and schools only through the board: 2 / ((5 - 1) * (5 - 2))."""
        assert concentration(graph, None).board_betweenness["board"] == pytest.approx(2 / 12)

    def test_betweenness_agrees_with_networkx_on_the_multigraph(self, graph: ScrutinyGraph) -> None:
        """With one board, its betweenness is networkx's in its component of the multigraph."""
        multigraph = nx.MultiDiGraph(graph.graph)
        multigraph.remove_edges_from(list(nx.selfloop_edges(multigraph, keys=True)))
        component = nx.node_connected_component(multigraph.to_undirected(), "board")
        expected = nx.betweenness_centrality(multigraph.subgraph(component))["board"]
        assert concentration(graph, None).board_betweenness["board"] == pytest.approx(expected)

    def test_each_board_is_measured_in_its_own_partnership(self) -> None:
        """Boards n and s, each with a chain lay -> board -> agency, s peer-reviewing n.

        n's partnership is lay_n, n, la_n and its neighbour s (not s's own members), so n
        lies on lay_n -> la_n and s -> la_n: 2 / (3 * 2). Likewise s's is lay_s, s, la_s
        and n, and s lies on lay_s -> la_s and lay_s -> n: 2 / (3 * 2).
        """
        agencies = [Agency(id=f"la_{x}", name=f"Council {x}", sector="other") for x in "ns"]
        members = [Member(id=x, name=x, kind="board") for x in "ns"]
        members += [Member(id=f"lay_{x}", name=f"Lay {x}", kind="lay_member") for x in "ns"]
        events = [
            _event(f"{x}{i}", "lay_member_challenge", a, b, D(2014, 5, 1))
            for x in "ns"
            for i, (a, b) in enumerate([(f"lay_{x}", x), (x, f"la_{x}")])
        ]
        events.append(_event("peer", "peer_review", "s", "n", D(2014, 6, 1)))
        log = ChallengeLog(id="l", title="L", agencies=agencies, members=members, events=events)
        result = concentration(ScrutinyGraph.from_log(log), None).board_betweenness
        assert dict(result) == {"n": pytest.approx(2 / 6), "s": pytest.approx(2 / 6)}

    def test_betweenness_can_be_left_out(self, graph: ScrutinyGraph) -> None:
        """With betweenness=False no board's betweenness is computed; the rest is the same."""
        result = concentration(graph, FY, betweenness=False)
        assert (dict(result.board_betweenness), result.top_share) == ({}, 0.25)

    def test_no_challenges_no_top(self, graph: ScrutinyGraph) -> None:
        """In a period without challenges there is no top challenger and Gini is 0."""
        result = concentration(graph, Period.calendar_year(2020))
        assert (result.top_challengers, result.top_share, result.gini) == ((), 0.0, 0.0)


class TestResponsiveness:
    def test_hand_worked_fy(self, graph: ScrutinyGraph) -> None:
        """As of 31 March 2015: open e2 (289 days), e4 (211), e7 (58), e9 (30); medians 10, 60."""
        result = responsiveness(graph, FY)
        assert result.as_of == D(2015, 3, 31)
        assert result.raised == 8
        assert [(c.event_id, c.age_days, c.status) for c in result.open] == [
            ("e2", 289, Status.RESPONDED),
            ("e4", 211, Status.ESCALATED),
            ("e7", 58, Status.OPEN),
            ("e9", 30, Status.OPEN),
        ]
        # Responses: e1 10, e2 10, e3 20, e5 4 days -> median 10.
        assert result.median_days_to_response == 10.0
        # Closings: e1 60, e3 61, e5 60, e6 14 days -> median 60.
        assert result.median_days_to_resolution == 60.0

    def test_overdue_escalation(self, graph: ScrutinyGraph) -> None:
        """e4, escalated to level 2 on 1 October 2014, is 181 days unresolved on 31 March 2015."""
        (overdue,) = responsiveness(graph, FY).overdue_escalations
        assert (overdue.event_id, overdue.level, overdue.days_unresolved) == ("e4", 2, 181)

    def test_escalation_within_limit_is_not_overdue(self, graph: ScrutinyGraph) -> None:
        """On 20 October 2014 e4 has been escalated 19 days: within 28."""
        result = responsiveness(graph, FY, as_of=D(2014, 10, 20))
        assert result.overdue_escalations == ()

    def test_later_steps_have_not_happened_as_of(self, graph: ScrutinyGraph) -> None:
        """As of 30 June 2014: e1 closed that day, e2 open 15 days and responded."""
        result = responsiveness(graph, FY, as_of=D(2014, 6, 30))
        assert result.raised == 2
        assert [(c.event_id, c.age_days, c.status) for c in result.open] == [
            ("e2", 15, Status.RESPONDED)
        ]
        assert (result.median_days_to_response, result.median_days_to_resolution) == (10.0, 60.0)

    def test_as_of_defaults_to_the_last_date_in_the_log(self, graph: ScrutinyGraph) -> None:
        """Without a period, the analysis is as of the log's last date, 1 March 2015."""
        assert responsiveness(graph, None).as_of == D(2015, 3, 1)

    def test_no_answers_give_no_median(self, graph: ScrutinyGraph) -> None:
        """Without responses or closings, the medians are None."""
        result = responsiveness(graph, Period.calendar_year(2020))
        assert (result.median_days_to_response, result.median_days_to_resolution) == (None, None)


class TestTopicCoverage:
    def test_hand_worked_fy(self, graph: ScrutinyGraph) -> None:
        """FY topics s11.1, s11.3.b, s11.2 leave s11.3.a; ind.rereferrals is another topic."""
        result = topic_coverage(graph, FY, framework=framework())
        assert result.challenged == ("s11.1", "s11.2", "s11.3.b")
        assert result.never_challenged == ("s11.3.a",)
        assert result.other_topics == ("ind.rereferrals",)
        assert result.share_challenged == 0.75

    def test_domain_topic_covers_its_criteria(self) -> None:
        """A challenge about domain d2 covers s11.3.a and s11.3.b."""
        agencies = [Agency(id=x, name=x, sector="other") for x in ("a", "b")]
        log = ChallengeLog(
            id="l",
            title="L",
            agencies=agencies,
            events=[_event("x", "section11_challenge", "a", "b", D(2014, 5, 1), topic="d2")],
        )
        result = topic_coverage(ScrutinyGraph.from_log(log), None, framework=framework())
        assert result.never_challenged == ("s11.1", "s11.2")


class TestAttendance:
    def test_hand_worked_fy(self, graph: ScrutinyGraph) -> None:
        """FY (m1, m2): la 2/2, schools 0/2, police 2/2, health 1/2, nps 1/2."""
        result = attendance(graph, FY)
        assert dict(result.expected) == {
            "la": 2,
            "schools": 2,
            "police": 2,
            "health": 2,
            "nps": 2,
        }
        assert dict(result.rates) == {
            "la": 1.0,
            "schools": 0.0,
            "police": 1.0,
            "health": 0.5,
            "nps": 0.5,
        }

    def test_all_time_counts_every_meeting(self, graph: ScrutinyGraph) -> None:
        """All time adds m0: la 2 of 3, nps 2 of 3."""
        result = attendance(graph, None)
        assert (result.attended["la"], result.expected["la"]) == (2, 3)
        assert (result.attended["nps"], result.expected["nps"]) == (2, 3)


class TestFindings:
    def test_hand_worked_fy(self, graph: ScrutinyGraph) -> None:
        """FY findings in order, worded as a board report would print them."""
        result = findings(graph, FY, framework=framework())
        assert [finding.message for finding in result] == [
            "Probation was not challenged in 2014-15.",
            "Education challenged no other agency in 2014-15.",
            "Probation challenged no other agency in 2014-15.",
            "Northshire Police scrutinised itself in 2014-15 (e6).",
            "Northshire Police and Health scrutinised each other in the same quarter (e1, e2).",
            "Northshire Council challenged Education in 2014-15, though both belong to "
            "northshire-council (e5).",
            "4 challenges raised in 2014-15 were still open on 31 March 2015; "
            "the oldest for 289 days.",
            "Northshire LSCB's challenge to Northshire Council (e4), escalated to level 2 on "
            "1 October 2014, was unresolved 181 days later.",
            "No challenge in 2014-15 was about 1 of the 4 criteria of Section 11: s11.3.a.",
            "Education attended 0 of the 2 board meetings it was expected at in 2014-15 (0%).",
        ]

    def test_findings_carry_their_data(self, graph: ScrutinyGraph) -> None:
        """Each finding names its subjects, events and figure."""
        by_code = {finding.code: finding for finding in findings(graph, FY)}
        reciprocal = by_code["reciprocal"]
        assert (reciprocal.subjects, reciprocal.event_ids, reciprocal.figure) == (
            ("police", "health"),
            ("e1", "e2"),
            45.0,
        )
        assert by_code["open_challenges"].event_ids == ("e2", "e4", "e7", "e9")

    def test_concentration_is_reported_above_the_share(self, graph: ScrutinyGraph) -> None:
        """With top_share 0.2, the top challenger (25%) is reported."""
        result = findings(graph, FY, top_share=0.2)
        (finding,) = [f for f in result if f.code == "concentrated"]
        assert (
            finding.message == "Northshire Police raised 25% of the challenges in 2014-15 (2 of 8)."
        )

    def test_reciprocal_in_different_quarters_gives_days(self, graph: ScrutinyGraph) -> None:
        """Opposite challenges in different quarters are worded with the days between them."""
        agencies = [Agency(id=x, name=x.title(), sector="other") for x in ("a", "b")]
        events = [
            _event("x1", "agency_scrutiny", "a", "b", D(2014, 6, 20)),
            _event("x2", "agency_scrutiny", "b", "a", D(2014, 7, 10)),
        ]
        log = ChallengeLog(id="l", title="L", agencies=agencies, events=events)
        messages = [f.message for f in findings(ScrutinyGraph.from_log(log), None)]
        assert "A and B scrutinised each other within 20 days (x1, x2)." in messages

    def test_other_period_is_worded_by_its_dates(self, graph: ScrutinyGraph) -> None:
        """A span that is no named period is worded 'between ... and ...'."""
        period = Period(start=D(2014, 4, 15), end=D(2014, 5, 14))
        result = findings(graph, period)
        assert result[0].message == (
            "Northshire Council was not challenged between 15 April 2014 and 14 May 2014."
        )
