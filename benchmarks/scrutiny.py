"""Benchmark: the scrutiny analytics on a national challenge log, and a 40-agency rota.

Measured in one run, on the same data, each the median of several repeats:

(a) every analytic of ``lscbqa.scrutiny`` together — coverage, independence,
    concentration (with the boards' betweenness), responsiveness, topic coverage
    and attendance — for financial year 2014-15, on the graph of a national log:
    150 boards x 30 agencies (plus each board, two lay members and a sub-group),
    50,000 challenge events over three years, neighbouring boards peer-reviewing
    each other;
(b) the reference: networkx building a ``MultiDiGraph`` of the same nodes and
    edges (with their attributes) from ready-made lists. The target is (a) within
    10x of (b);
(c) the same analytics but the betweenness written as plain Python loops over
    the events, as a reader would check them, against (a) without the betweenness;
    their answers are compared with (a) before anything is printed;
(d) ``plan_rota`` for 40 agencies with k = 3 (last cycle's pairs forbidden,
    reciprocal pairs forbidden, then also same-sector pairs), against the one
    minimum-cost flow that ignores reciprocity (its lower bound). Target: under 1 s.

Also printed, for information: building the log and the ``ScrutinyGraph``, and the
findings. Exits non-zero only on an error (such as (a) and (c) disagreeing), never
because a ratio misses its target.

Usage::

    python benchmarks/scrutiny.py            # 150 boards, 50,000 events, 3 repeats
    python benchmarks/scrutiny.py --quick    # 10 boards, 3,333 events, 2 repeats
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

import networkx as nx
import numpy as np
import workloads
from workloads import median_times, seconds

from lscbqa.agencies import Agency, Sector
from lscbqa.frameworks import get
from lscbqa.model import Framework
from lscbqa.periods import Period
from lscbqa.scrutiny import (
    ChallengeEvent,
    ChallengeKind,
    ChallengeLog,
    Meeting,
    Member,
    ScrutinyGraph,
    attendance,
    concentration,
    coverage,
    findings,
    independence,
    plan_rota,
    responsiveness,
    topic_coverage,
)
from lscbqa.scrutiny import rota as rota_module

FULL_EVENTS = 50_000
QUICK_BOARDS = 10
FIRST_DAY = datetime.date(2013, 4, 1)
DAYS = 3 * 365
FY = Period.financial_year(2014)
SECTORS = [sector for sector in Sector if sector.value not in ("lay_member", "board", "sub_group")]
MEETINGS_PER_YEAR = 6


# -- the national log ---------------------------------------------------------------------------


def national_log(boards: int, events: int, framework: Framework, seed: int) -> ChallengeLog:
    """A national challenge log: ``boards`` boards of 30 agencies, ``events`` events."""
    rng = np.random.default_rng(seed)
    agencies: list[Agency] = []
    members: list[Member] = []
    pool: list[list[str]] = []
    for board in range(boards):
        prefix = f"b{board:03d}"
        local = []
        for number in range(workloads.AGENCIES):
            agency_id = f"{prefix}.a{number:02d}"
            local.append(agency_id)
            agencies.append(
                Agency(
                    id=agency_id,
                    name=f"Agency {number} of board {board}",
                    sector=SECTORS[number % len(SECTORS)],
                    statutory=number < 25,
                    # The council's children's services and education share one organisation.
                    organisation=f"{prefix}.council" if number in (0, 6) else None,
                )
            )
        for suffix, kind in [("board", "board"), ("lay1", "lay_member"), ("lay2", "lay_member")]:
            members.append(Member(id=f"{prefix}.{suffix}", name=f"{suffix} {board}", kind=kind))
        members.append(Member(id=f"{prefix}.qa", name=f"QA group {board}", kind="sub_group"))
        pool.append([*local, f"{prefix}.board", f"{prefix}.lay1", f"{prefix}.lay2", f"{prefix}.qa"])
    topics = [criterion.id for criterion in framework.criteria(leaves_only=True)]
    topics += ["ind.rereferrals", "ind.repeat-plans"]
    kinds = list(ChallengeKind)

    board_of = rng.integers(0, boards, events)
    challenger_at = rng.integers(0, len(pool[0]), events)
    # Mostly agencies are challenged; now and then the board itself.
    challenged_at = np.where(
        rng.random(events) < 0.9, rng.integers(0, workloads.AGENCIES, events), len(pool[0]) - 4
    )
    raised = rng.integers(0, DAYS, events)
    responded = np.where(rng.random(events) < 0.8, rng.integers(1, 60, events), -1)
    escalated = np.where(rng.random(events) < 0.1, rng.integers(20, 90, events), -1)
    level = rng.integers(1, 4, events)
    closed = np.where(rng.random(events) < 0.7, rng.integers(60, 200, events), -1)
    outcome = rng.random(events) < 0.8
    topic = rng.integers(-len(topics) // 3, len(topics), events)
    kind = rng.integers(0, len(kinds), events)
    peer = rng.random(events) < 0.02

    def day(offset: int, start: int) -> datetime.date | None:
        return None if offset < 0 else FIRST_DAY + datetime.timedelta(days=int(start + offset))

    log_events = []
    for index in range(events):
        board = int(board_of[index])
        if peer[index]:
            neighbour = (board + 1) % boards
            challenger, challenged = f"b{neighbour:03d}.board", f"b{board:03d}.board"
            event_kind = ChallengeKind.PEER_REVIEW
        else:
            challenger = pool[board][int(challenger_at[index])]
            challenged = pool[board][int(challenged_at[index])]
            event_kind = kinds[int(kind[index])]
        start = int(raised[index])
        log_events.append(
            ChallengeEvent(
                id=f"e{index}",
                kind=event_kind,
                challenger=challenger,
                challenged=challenged,
                raised=FIRST_DAY + datetime.timedelta(days=start),
                topic=topics[int(topic[index])] if topic[index] >= 0 else None,
                responded=day(int(responded[index]), start),
                escalated=day(int(escalated[index]), start),
                escalation_level=int(level[index]) if escalated[index] >= 0 else None,
                closed=day(int(closed[index]), start),
                outcome=("resolved" if outcome[index] else "closed")
                if closed[index] >= 0
                else None,
            )
        )
    meetings = []
    for board in range(boards):
        expected = pool[board][: workloads.AGENCIES]
        for number in range(3 * MEETINGS_PER_YEAR):
            present = rng.random(len(expected)) < 0.8
            meetings.append(
                Meeting(
                    id=f"b{board:03d}.m{number:02d}",
                    date=FIRST_DAY + datetime.timedelta(days=int(number * 365 / MEETINGS_PER_YEAR)),
                    expected=expected,
                    attended=[
                        member for member, here in zip(expected, present, strict=True) if here
                    ],
                )
            )
    return ChallengeLog(
        id="national",
        title="National challenge log",
        agencies=agencies,
        members=members,
        events=log_events,
        meetings=meetings,
    )


# -- (a) the analytics --------------------------------------------------------------------------


def analytics(
    graph: ScrutinyGraph, framework: Framework, *, betweenness: bool = True
) -> dict[str, Any]:
    return {
        "coverage": coverage(graph, FY),
        "independence": independence(graph, FY),
        "concentration": concentration(graph, FY, betweenness=betweenness),
        "responsiveness": responsiveness(graph, FY),
        "topics": topic_coverage(graph, FY, framework=framework),
        "attendance": attendance(graph, FY),
    }


# -- (b) the networkx reference -----------------------------------------------------------------


def graph_lists(graph: ScrutinyGraph) -> tuple[list[Any], list[Any]]:
    """The nodes and edges of the graph, with attributes, as plain lists."""
    nodes = [(node, dict(data)) for node, data in graph.graph.nodes(data=True)]
    edges = [(u, v, key, dict(data)) for u, v, key, data in graph.graph.edges(keys=True, data=True)]
    return nodes, edges


def build_networkx(nodes: list[Any], edges: list[Any]) -> Any:
    multigraph = nx.MultiDiGraph()
    multigraph.add_nodes_from(nodes)
    multigraph.add_edges_from(edges)
    return multigraph


# -- (c) the loops ------------------------------------------------------------------------------


def loop_analytics(log: ChallengeLog, framework: Framework) -> dict[str, Any]:
    """The analytics' main figures by plain loops over the events, for checking (a)."""
    start, end = FY.start, FY.end
    events = [event for event in log.events if start <= event.raised <= end]
    statutory = [agency.id for agency in log.agencies if agency.statutory]
    organisation = {agency.id: agency.organisation for agency in log.agencies}
    received: Counter[str] = Counter()
    raised: Counter[str] = Counter()
    for event in events:
        if event.challenger != event.challenged:
            received[event.challenged] += 1
            raised[event.challenger] += 1
    by_pair: defaultdict[tuple[str, str], list[datetime.date]] = defaultdict(list)
    for event in events:
        if event.challenger != event.challenged:
            by_pair[(event.challenger, event.challenged)].append(event.raised)
    reciprocal = set()
    for (a, b), days in by_pair.items():
        if a < b and (b, a) in by_pair:
            gap = min(abs((x - y).days) for x in days for y in by_pair[(b, a)])
            if gap <= 92:
                reciprocal.add((a, b, gap))
    counts: Counter[str] = Counter(event.challenger for event in events)
    open_ages = sorted(
        (end - event.raised).days for event in events if event.closed is None or event.closed > end
    )
    responses = sorted(
        (event.responded - event.raised).days
        for event in events
        if event.responded is not None and event.responded <= end
    )
    topics = {event.topic for event in events if event.topic is not None}
    never = [
        criterion.id
        for criterion in framework.criteria(leaves_only=True)
        if not topics.intersection(framework.path_to(criterion.id))
    ]
    attended: Counter[str] = Counter()
    for meeting in log.meetings:
        if start <= meeting.date <= end:
            attended.update(meeting.attended)
    return {
        "not_challenged": tuple(agency for agency in statutory if received[agency] == 0),
        "not_challenging": tuple(agency for agency in statutory if raised[agency] == 0),
        "self": sum(event.challenger == event.challenged for event in events),
        "same_organisation": sum(
            event.challenger != event.challenged
            and organisation.get(event.challenger) is not None
            and organisation.get(event.challenger) == organisation.get(event.challenged)
            for event in events
        ),
        "reciprocal": reciprocal,
        "top": max(counts.values()),
        "open_ages": open_ages,
        "median_response": statistics.median(responses) if responses else None,
        "never": tuple(never),
        "attended": attended,
    }


def check_agreement(ours: dict[str, Any], loops: dict[str, Any]) -> None:
    """Raise unless the analytics and the loops give the same answers."""
    pairs = {
        (min(p.first, p.second), max(p.first, p.second), p.days_apart)
        for p in ours["independence"].reciprocal
    }
    checks = {
        "not challenged": ours["coverage"].not_challenged == loops["not_challenged"],
        "not challenging": ours["coverage"].not_challenging == loops["not_challenging"],
        "self-scrutiny": len(ours["independence"].self_scrutiny) == loops["self"],
        "same organisation": len(ours["independence"].same_organisation)
        == loops["same_organisation"],
        "reciprocal pairs": pairs == loops["reciprocal"],
        "top challenger": max(ours["concentration"].counts.values()) == loops["top"],
        "open ages": sorted(c.age_days for c in ours["responsiveness"].open) == loops["open_ages"],
        "median response": ours["responsiveness"].median_days_to_response
        == loops["median_response"],
        "criteria never challenged": ours["topics"].never_challenged == loops["never"],
        "attendance": all(
            ours["attendance"].attended[node] == loops["attended"][node]
            for node in ours["attendance"].attended
        ),
    }
    failed = [name for name, agrees in checks.items() if not agrees]
    if failed:
        raise AssertionError(f"analytics and loops disagree on: {', '.join(failed)}")


# -- (d) the rota -------------------------------------------------------------------------------


def rota_agencies() -> list[Agency]:
    sectors = SECTORS[:8]
    return [
        Agency(id=f"a{i:02d}", name=f"Agency {i}", sector=sectors[i % len(sectors)], statutory=True)
        for i in range(40)
    ]


def flow_only(agencies: Sequence[Agency], previous: Sequence[tuple[str, str]]) -> Any:
    """The single minimum-cost flow that ignores reciprocity, at the least possible load."""
    problem = rota_module._problem(tuple(agencies), 3, tuple(previous), False, False)
    return rota_module._solve_flow(problem, 3, frozenset())


# -- the run ------------------------------------------------------------------------------------


def faster(reference: float, ours: float) -> str:
    ratio = reference / ours
    return f"{ratio:.1f}x faster" if ratio >= 1 else f"{1 / ratio:.1f}x slower"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the scrutiny analytics and rota.")
    parser.add_argument("--quick", action="store_true", help="10 boards, 2 repeats")
    parser.add_argument("--repeats", type=int, help="repeats per measurement (3; 2 with --quick)")
    args = parser.parse_args(argv)
    repeats = args.repeats or (2 if args.quick else 3)
    boards = QUICK_BOARDS if args.quick else workloads.BOARDS
    events = FULL_EVENTS * boards // workloads.BOARDS
    framework = get("section11")

    started = time.perf_counter()
    log = national_log(boards, events, framework, workloads.SEED)
    log_time = time.perf_counter() - started
    started = time.perf_counter()
    graph = ScrutinyGraph.from_log(log)
    graph_time = time.perf_counter() - started
    print(
        f"scrutiny: {boards} boards x {workloads.AGENCIES} agencies, {events} events, "
        f"{len(log.meetings)} meetings, {repeats} repeats (log built in {seconds(log_time)})"
    )

    ours = analytics(graph, framework)
    check_agreement(ours, loop_analytics(log, framework))
    nodes, edges = graph_lists(graph)

    medians = median_times(
        {
            "analytics": lambda: analytics(graph, framework),
            "no_betweenness": lambda: analytics(graph, framework, betweenness=False),
            "networkx": lambda: build_networkx(nodes, edges),
            "loops": lambda: loop_analytics(log, framework),
            "findings": lambda: findings(graph, FY, framework=framework),
        },
        repeats,
    )
    ours_time, reference = medians["analytics"], medians["networkx"]

    agencies = rota_agencies()
    previous = [(f"a{i:02d}", f"a{(i + 1) % 40:02d}") for i in range(40)]
    rota = plan_rota(agencies, per_agency=3, previous=previous)
    same_sector = plan_rota(agencies, per_agency=3, previous=previous, forbid_same_sector=True)
    if rota.max_load != 3 or same_sector.max_load != 3:
        raise AssertionError("the 40-agency rota is not balanced at 3 scrutinies each")
    rota_medians = median_times(
        {
            "rota": lambda: plan_rota(agencies, per_agency=3, previous=previous),
            "rota_sector": lambda: plan_rota(
                agencies, per_agency=3, previous=previous, forbid_same_sector=True
            ),
            "flow": lambda: flow_only(agencies, previous),
        },
        repeats,
    )

    print(
        f"all analytics vs networkx building the graph: {ours_time / reference:.1f}x "
        "the build time (target: within 10x)"
    )
    print(
        "analytics but the betweenness vs plain loops over the events: "
        + faster(medians["loops"], medians["no_betweenness"])
    )
    print(
        f"rota, 40 agencies, k = 3: {seconds(rota_medians['rota'])} "
        f"({rota_medians['rota'] / rota_medians['flow']:.1f}x one min-cost flow; target under 1 s)"
    )
    print(
        f"rota, 40 agencies, k = 3, same sector forbidden: {seconds(rota_medians['rota_sector'])}"
    )
    print("  medians (information only, not targets):")
    print(f"    analytics          {seconds(ours_time)}  (agree with the loops on every answer)")
    print(
        f"      of which the boards' betweenness  {seconds(ours_time - medians['no_betweenness'])}"
    )
    print(f"    networkx build     {seconds(reference)}")
    print(f"    plain loops        {seconds(medians['loops'])}")
    print(f"    findings           {seconds(medians['findings'])}")
    print(f"    ScrutinyGraph.from_log  {seconds(graph_time)} (once)")
    print(f"    one min-cost flow  {seconds(rota_medians['flow'])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
