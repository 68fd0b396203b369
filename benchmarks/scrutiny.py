"""Benchmark: the scrutiny analytics on a national challenge log, and a 40-agency rota.

The workload is the national challenge log of ``lscbqa.datasets.synthetic``::

    synthetic(150, agencies_per_board=30, events_per_board=334,
              parts=("challenge_log",), seed=workloads.SEED).challenge_log

150 boards x 30 agencies, each board with four members (the board, two lay
members, a quality-assurance sub-group): 5,100 nodes. 150 x 334 = 50,100 challenge
events, the issue's 50,000 (334 a board so that every board has the same number),
raised over the two years to 31 March 2025 by challengers of Pareto-distributed
activity; 2 % are peer reviews of a board by the next board (a ring); 8 board
meetings per board (1,200), each expecting the 30 agencies and two lay members.
The analyses are for the year ``data.period``, financial year 2024-25: the log's
last full year (it starts on 2 April 2023, so 2023-24 lacks its first day), which
holds about half the events. ``--quick``: 10 boards, 3,340 events.

Measured in one run, on the same data, each the median of several repeats:

(a) every analytic of ``lscbqa.scrutiny`` together — coverage, independence,
    concentration (with the boards' betweenness), responsiveness, topic coverage
    (of the synthetic national framework's 60 criteria) and attendance — for
    2024-25, on the ``ScrutinyGraph`` of the log;
(b) the reference: networkx building a ``MultiDiGraph`` of the same nodes and
    edges (with their attributes) from ready-made lists. The target is (a) within
    10x of (b);
(c) the same analytics but the betweenness written as plain Python loops over
    the events, as a reader would check them, against (a) without the betweenness;
    their answers are compared with (a) before anything is timed;
(d) ``plan_rota`` for 40 agencies with k = 3 (last cycle's pairs forbidden,
    reciprocal pairs forbidden, then also same-sector pairs), against the one
    minimum-cost flow that ignores reciprocity (its lower bound). Target: under 1 s.
    The 40 agencies are built here, all statutory, in 8 sectors: a synthetic board
    has 30 agencies, and only two thirds of them statutory, so no synthetic board
    gives a rota of 40 agencies each scrutinised 3 times;
(e) peak memory (tracemalloc, measured once, apart from the timings): (a), (b)
    and (c).

Also printed, for information: drawing the log and building the ``ScrutinyGraph``,
what the year's events hold, and the findings. Exits non-zero only on an error
(such as (a) and (c) disagreeing), never because a ratio misses its target.

Usage::

    python benchmarks/scrutiny.py            # 150 boards, 50,100 events, 3 repeats
    python benchmarks/scrutiny.py --quick    # 10 boards, 3,340 events, 2 repeats
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
import workloads
from workloads import faster, mebibytes, median_times, peak_memory, seconds

from lscbqa.agencies import Agency, Sector
from lscbqa.datasets.synthetic import synthetic
from lscbqa.model import Framework
from lscbqa.periods import Period
from lscbqa.scrutiny import (
    ChallengeKind,
    ChallengeLog,
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

# 150 boards x 334 events = 50,100: the 50,000 challenge events.
EVENTS_PER_BOARD = 334
ROTA_AGENCIES = 40
ROTA_SECTORS = [s for s in Sector if s.value not in ("lay_member", "board", "sub_group")][:8]


# -- the national log ---------------------------------------------------------------------------


def national_log(boards: int) -> tuple[ChallengeLog, Framework, Period]:
    """The synthetic national challenge log, the framework its topics name, the year to analyse."""
    data = synthetic(
        boards,
        agencies_per_board=workloads.AGENCIES,
        events_per_board=EVENTS_PER_BOARD,
        parts=("challenge_log",),
        seed=workloads.SEED,
    )
    assert data.challenge_log is not None
    return data.challenge_log, data.framework, data.period


# -- (a) the analytics --------------------------------------------------------------------------


def analytics(
    graph: ScrutinyGraph, framework: Framework, period: Period, *, betweenness: bool = True
) -> dict[str, Any]:
    return {
        "coverage": coverage(graph, period),
        "independence": independence(graph, period),
        "concentration": concentration(graph, period, betweenness=betweenness),
        "responsiveness": responsiveness(graph, period),
        "topics": topic_coverage(graph, period, framework=framework),
        "attendance": attendance(graph, period),
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


def loop_analytics(log: ChallengeLog, framework: Framework, period: Period) -> dict[str, Any]:
    """The analytics' main figures by plain loops over the events, for checking (a)."""
    start, end = period.start, period.end
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
    still_open = [event for event in events if event.closed is None or event.closed > end]
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
        "open_ages": sorted((end - event.raised).days for event in still_open),
        "overdue": sorted(
            event.id
            for event in still_open
            if event.escalated is not None
            and event.escalated <= end
            and (end - event.escalated).days > 28
        ),
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
    answers = ours["responsiveness"]
    checks = {
        "not challenged": ours["coverage"].not_challenged == loops["not_challenged"],
        "not challenging": ours["coverage"].not_challenging == loops["not_challenging"],
        "self-scrutiny": len(ours["independence"].self_scrutiny) == loops["self"],
        "same organisation": len(ours["independence"].same_organisation)
        == loops["same_organisation"],
        "reciprocal pairs": pairs == loops["reciprocal"],
        "top challenger": max(ours["concentration"].counts.values()) == loops["top"],
        "open ages": sorted(c.age_days for c in answers.open) == loops["open_ages"],
        "overdue escalations": sorted(e.event_id for e in answers.overdue_escalations)
        == loops["overdue"],
        "median response": answers.median_days_to_response == loops["median_response"],
        "criteria never challenged": ours["topics"].never_challenged == loops["never"],
        "attendance": all(
            ours["attendance"].attended[node] == loops["attended"][node]
            for node in ours["attendance"].attended
        ),
    }
    failed = [name for name, agrees in checks.items() if not agrees]
    if failed:
        raise AssertionError(f"analytics and loops disagree on: {', '.join(failed)}")


def year_summary(log: ChallengeLog, period: Period, ours: dict[str, Any]) -> list[str]:
    """What the year's events hold, so that it is known what the check covered."""
    events = [event for event in log.events if period.start <= event.raised <= period.end]
    peer = sum(event.kind is ChallengeKind.PEER_REVIEW for event in events)
    found, topics = ours["independence"], ours["topics"]
    answers = ours["responsiveness"]
    betweenness = ours["concentration"].board_betweenness.values()
    criteria = len(topics.challenged) + len(topics.never_challenged)
    return [
        f"{period.label}: {len(events)} events raised ({peer} peer reviews), "
        f"{len(answers.open)} open at the year's end ({len(answers.overdue_escalations)} "
        "overdue escalations);",
        f"  {len(found.reciprocal)} reciprocal pairs, {len(found.same_organisation)} "
        f"same-organisation and {len(found.self_scrutiny)} self-scrutiny events; "
        f"{len(topics.challenged)} of {criteria} criteria challenged; "
        f"boards' betweenness {min(betweenness):.3f} to {max(betweenness):.3f}",
    ]


# -- (d) the rota -------------------------------------------------------------------------------


def rota_agencies() -> list[Agency]:
    return [
        Agency(
            id=f"a{i:02d}",
            name=f"Agency {i}",
            sector=ROTA_SECTORS[i % len(ROTA_SECTORS)],
            statutory=True,
        )
        for i in range(ROTA_AGENCIES)
    ]


def flow_only(agencies: Sequence[Agency], previous: Sequence[tuple[str, str]]) -> Any:
    """The single minimum-cost flow that ignores reciprocity, at the least possible load."""
    problem = rota_module._problem(tuple(agencies), 3, tuple(previous), False, False)
    return rota_module._solve_flow(problem, 3, frozenset())


# -- the run ------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the scrutiny analytics and rota.")
    parser.add_argument("--quick", action="store_true", help="10 boards, 2 repeats")
    parser.add_argument("--repeats", type=int, help="repeats per measurement (3; 2 with --quick)")
    args = parser.parse_args(argv)
    repeats = args.repeats or (2 if args.quick else 3)
    boards = workloads.boards(args.quick)

    started = time.perf_counter()
    log, framework, period = national_log(boards)
    log_time = time.perf_counter() - started
    started = time.perf_counter()
    graph = ScrutinyGraph.from_log(log)
    graph_time = time.perf_counter() - started
    first = min(event.raised for event in log.events)
    last = max(event.raised for event in log.events)
    print(
        f"scrutiny: {boards} boards x {workloads.AGENCIES} agencies (+ {len(log.members)} "
        f"members), {len(log.events)} events raised {first} to {last}, {len(log.meetings)} "
        f"meetings; analysed for {period.label}, {repeats} repeats "
        f"(log drawn in {seconds(log_time)})"
    )

    ours = analytics(graph, framework, period)
    check_agreement(ours, loop_analytics(log, framework, period))
    nodes, edges = graph_lists(graph)

    medians = median_times(
        {
            "analytics": lambda: analytics(graph, framework, period),
            "no_betweenness": lambda: analytics(graph, framework, period, betweenness=False),
            "networkx": lambda: build_networkx(nodes, edges),
            "loops": lambda: loop_analytics(log, framework, period),
            "findings": lambda: findings(graph, period, framework=framework),
        },
        repeats,
    )
    ours_time, reference = medians["analytics"], medians["networkx"]
    peaks = {
        "scrutiny analytics": peak_memory(lambda: analytics(graph, framework, period)),
        "networkx MultiDiGraph build": peak_memory(lambda: build_networkx(nodes, edges)),
        "plain loops": peak_memory(lambda: loop_analytics(log, framework, period)),
    }

    agencies = rota_agencies()
    previous = [(f"a{i:02d}", f"a{(i + 1) % ROTA_AGENCIES:02d}") for i in range(ROTA_AGENCIES)]
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
        "all analytics vs networkx building the graph, peak memory: "
        f"{peaks['scrutiny analytics'] / peaks['networkx MultiDiGraph build']:.2f}x the build's"
    )
    print(
        f"rota, 40 agencies, k = 3: {seconds(rota_medians['rota'])} "
        f"({rota_medians['rota'] / rota_medians['flow']:.1f}x one min-cost flow; target under 1 s)"
    )
    print(
        f"rota, 40 agencies, k = 3, same sector forbidden: {seconds(rota_medians['rota_sector'])}"
    )
    for name, peak in peaks.items():
        print(f"peak memory {name} {mebibytes(peak)}")
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
    for line in year_summary(log, period, ours):
        print(f"  {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
