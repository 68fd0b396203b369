"""Scrutiny rotas: who scrutinises whom in the next cycle, planned exactly.

Examples
--------
>>> from lscbqa.agencies import Agency
>>> from lscbqa.scrutiny.rota import plan_rota
>>> agencies = [
...     Agency(id=name, name=name.title(), sector=sector, statutory=True)
...     for name, sector in [("council", "local_authority"), ("police", "police"),
...                          ("health", "health_provider"), ("probation", "probation"),
...                          ("yot", "youth_justice")]
... ]
>>> rota = plan_rota(agencies, per_agency=2)
>>> sorted(rota.loads.values()), len(rota.pairs)
([2, 2, 2, 2, 2], 10)
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections.abc import Iterable, Sequence

import attrs
import networkx as nx  # type: ignore[import-untyped,unused-ignore]

from lscbqa import _util
from lscbqa.agencies import Agency
from lscbqa.exceptions import InfeasibleError, Problem, ValidationError

__all__ = ["Rota", "plan_rota"]

Pair = tuple[str, str]


@attrs.frozen(kw_only=True)
class Rota:
    """A scrutiny rota: pairs of (scrutiniser, scrutinised) agency ids.

    Parameters
    ----------
    pairs : tuple of (str, str)
        Who scrutinises whom, sorted by the scrutinised agency's position, then the
        scrutiniser's.
    per_agency : int
        How many scrutinisers each statutory agency has.
    loads : FrozenDict of str to int
        How many agencies each agency scrutinises, for every agency given (zeros
        included), in the order given.

    Examples
    --------
    >>> from lscbqa._util import FrozenDict
    >>> rota = Rota(pairs=(("a", "b"), ("b", "a")), per_agency=1,
    ...             loads=FrozenDict({"a": 1, "b": 1}))
    >>> rota.scrutinisers_of("b"), rota.max_load
    (('a',), 1)
    """

    pairs: tuple[Pair, ...]
    per_agency: int
    loads: _util.FrozenDict[str, int]

    @property
    def max_load(self) -> int:
        """The largest number of agencies one agency scrutinises (0 for an empty rota).

        Examples
        --------
        >>> from lscbqa._util import FrozenDict
        >>> Rota(pairs=(), per_agency=0, loads=FrozenDict({"a": 0})).max_load
        0
        """
        return max(self.loads.values(), default=0)

    def scrutinisers_of(self, agency_id: str) -> tuple[str, ...]:
        """The agencies that scrutinise ``agency_id``, in rota order.

        Examples
        --------
        >>> from lscbqa._util import FrozenDict
        >>> Rota(pairs=(("a", "b"),), per_agency=1,
        ...      loads=FrozenDict({"a": 1, "b": 0})).scrutinisers_of("a")
        ()
        """
        return tuple(scrutiniser for scrutiniser, target in self.pairs if target == agency_id)

    def scrutinised_by(self, agency_id: str) -> tuple[str, ...]:
        """The agencies ``agency_id`` scrutinises, in rota order.

        Examples
        --------
        >>> from lscbqa._util import FrozenDict
        >>> Rota(pairs=(("a", "b"),), per_agency=1,
        ...      loads=FrozenDict({"a": 1, "b": 0})).scrutinised_by("a")
        ('b',)
        """
        return tuple(target for scrutiniser, target in self.pairs if scrutiniser == agency_id)


@attrs.frozen(kw_only=True)
class _Problem:
    """The rota problem in positions: arcs allowed, targets, k, and the load cap."""

    size: int
    targets: tuple[int, ...]
    arcs: frozenset[tuple[int, int]]
    per_agency: int
    forbid_reciprocal: bool


def _solve_flow(
    problem: _Problem, cap: int, banned: frozenset[tuple[int, int]]
) -> tuple[int, frozenset[tuple[int, int]]] | None:
    """The rota of least sum of squared loads, loads at most ``cap``, reciprocity ignored.

    A minimum-cost flow: the source sends one unit per scrutiny through a
    scrutiniser to the agency scrutinised, which takes exactly ``per_agency``. The
    source reaches each scrutiniser by ``cap`` parallel arcs of capacity 1 and cost
    1, 3, 5, ...: a load of ``l`` costs ``l`` squared, a convex cost that the flow
    minimises exactly (network simplex with integer costs).
    """
    flow: nx.MultiDiGraph = nx.MultiDiGraph()
    need = problem.per_agency * len(problem.targets)
    flow.add_node("source", demand=-need)
    for agency in range(problem.size):
        flow.add_node(("out", agency), demand=0)
        for unit in range(cap):
            flow.add_edge("source", ("out", agency), capacity=1, weight=2 * unit + 1)
    for target in problem.targets:
        flow.add_node(("in", target), demand=problem.per_agency)
    for scrutiniser, target in sorted(problem.arcs - banned):
        flow.add_edge(("out", scrutiniser), ("in", target), capacity=1, weight=0)
    try:
        cost, flows = nx.network_simplex(flow)
    except nx.NetworkXUnfeasible:
        return None
    chosen = frozenset(
        (node[1], head[1])
        for node in flow
        if node[0] == "out"
        for head, keyed in flows[node].items()
        if any(keyed.values())
    )
    return int(cost), chosen


def _reciprocal(chosen: frozenset[tuple[int, int]]) -> tuple[int, int] | None:
    for scrutiniser, target in sorted(chosen):
        if scrutiniser < target and (target, scrutiniser) in chosen:
            return scrutiniser, target
    return None


def _repair(
    chosen: frozenset[tuple[int, int]], allowed: frozenset[tuple[int, int]]
) -> frozenset[tuple[int, int]] | None:
    """The same loads without reciprocal pairs, by swapping heads of arcs; None if stuck.

    For a reciprocal pair A->B, B->A, some other arc C->D may become A->D and C->B:
    every agency keeps its load and its scrutinisers' count, and one reciprocal pair
    is gone. The result has the flow's cost, so when the flow is a lower bound it is
    optimal; when no swap is found the branch and bound carries on.
    """
    arcs = set(chosen)
    while (conflict := _reciprocal(frozenset(arcs))) is not None:
        for a, b in (conflict, conflict[::-1]):
            swap = next(
                (
                    (c, d)
                    for c, d in sorted(arcs)
                    if c != a
                    and d != b
                    and (a, d) in allowed
                    and (c, b) in allowed
                    and not {(a, d), (c, b), (d, a), (b, c)} & arcs
                ),
                None,
            )
            if swap is not None:
                c, d = swap
                arcs -= {(a, b), (c, d)}
                arcs |= {(a, d), (c, b)}
                break
        else:
            return None
    return frozenset(arcs)


def _pairs_suffice(problem: _Problem) -> bool:
    """Whether some rota without reciprocal pairs exists when loads are not limited.

    A flow on unordered pairs: each pair of agencies carries at most one scrutiny,
    which goes to the end it is allowed to go to, and each statutory agency takes
    exactly ``per_agency``. Exact for this relaxation: a reciprocal rota uses a pair
    twice, so a rota without reciprocal pairs is exactly such a flow.
    """
    flow: nx.DiGraph = nx.DiGraph()
    need = problem.per_agency * len(problem.targets)
    flow.add_node("source", demand=-need)
    flow.add_node("spare", demand=0)
    for target in problem.targets:
        flow.add_node(("in", target), demand=problem.per_agency)
    for scrutiniser, target in problem.arcs:
        pair = ("pair", min(scrutiniser, target), max(scrutiniser, target))
        flow.add_edge("source", pair, capacity=1, weight=0)
        flow.add_edge(pair, ("in", target), capacity=1, weight=0)
    try:
        nx.network_simplex(flow)
    except nx.NetworkXUnfeasible:
        return False
    return True


def _search(problem: _Problem, cap: int) -> frozenset[tuple[int, int]] | None:
    """The best rota with loads at most ``cap``, reciprocal pairs forbidden if asked; or None.

    Branch and bound over minimum-cost flows: a flow that uses a reciprocal pair
    (A->B and B->A) that swapping cannot remove (:func:`_repair`) is split into one
    problem that bans A->B and one that bans B->A; every rota without that pair lies
    in one of them. Problems are taken cheapest first (deepest first among equals),
    so the first flow made free of reciprocal pairs at its own cost is the best rota;
    when none is left, no rota exists.
    """
    counter = itertools.count()
    root = _solve_flow(problem, cap, frozenset())
    if root is None:
        return None
    queue = [(root[0], 0, next(counter), frozenset[tuple[int, int]](), root[1])]
    seen: set[frozenset[tuple[int, int]]] = {frozenset()}
    while queue:
        _, depth, _, banned, chosen = heapq.heappop(queue)
        if not problem.forbid_reciprocal:
            return chosen
        repaired = _repair(chosen, problem.arcs - banned)
        if repaired is not None:
            return repaired
        conflict = _reciprocal(chosen)
        assert conflict is not None  # a flow without one needs no repair
        one, other = conflict
        for arc in ((one, other), (other, one)):
            child = banned | {arc}
            if child in seen:
                continue
            seen.add(child)
            solved = _solve_flow(problem, cap, child)
            if solved is not None:
                heapq.heappush(queue, (solved[0], -(depth + 1), next(counter), child, solved[1]))
    return None


def _feasible(problem: _Problem, cap: int) -> frozenset[tuple[int, int]] | None:
    if problem.forbid_reciprocal and not _pairs_suffice(problem):
        return None
    return _search(problem, cap)


def _best(problem: _Problem, max_load: int | None) -> frozenset[tuple[int, int]] | None:
    """The rota of least maximum load, then least sum of squared loads; None if none exists."""
    need = problem.per_agency * len(problem.targets)
    ceiling = len(problem.targets) if max_load is None else min(max_load, len(problem.targets))
    floor = math.ceil(need / problem.size) if problem.size else 0
    if floor > ceiling:
        return None
    found = _feasible(problem, floor)
    if found is not None or floor == ceiling:
        return found
    best = _feasible(problem, ceiling)
    if best is None:
        return None
    low, high = floor, ceiling  # infeasible at low, feasible at high
    while high - low > 1:
        middle = (low + high) // 2
        attempt = _search(problem, middle)
        if attempt is None:
            low = middle
        else:
            high, best = middle, attempt
    return best


def _check_arguments(
    agencies: Sequence[Agency],
    per_agency: object,
    previous: Sequence[object],
    max_load: object,
) -> None:
    problems: list[Problem] = []
    for index, agency in enumerate(agencies):
        if not isinstance(agency, Agency):
            problems.append(
                Problem(f"$.agencies[{index}]", f"expected an Agency; found {_util.found(agency)}")
            )
    if not problems:
        try:
            _util.unique_ids(agencies, "$.agencies", "agency id")
        except ValidationError as error:
            problems.extend(error.problems)
    if isinstance(per_agency, bool) or not isinstance(per_agency, int) or per_agency < 0:
        problems.append(
            Problem("$.per_agency", f"expected an integer >= 0; found {_util.found(per_agency)}")
        )
    if max_load is not None and (
        isinstance(max_load, bool) or not isinstance(max_load, int) or max_load < 0
    ):
        problems.append(
            Problem("$.max_load", f"expected an integer >= 0; found {_util.found(max_load)}")
        )
    known = {agency.id for agency in agencies if isinstance(agency, Agency)}
    for index, pair in enumerate(previous):
        if not (
            isinstance(pair, tuple | list)
            and len(pair) == 2
            and all(isinstance(item, str) and item in known for item in pair)
        ):
            problems.append(
                Problem(
                    f"$.previous[{index}]",
                    "expected a pair (scrutiniser id, scrutinised id) of agencies given; "
                    f"found {pair!r}",
                )
            )
    if problems:
        raise ValidationError(problems)


def _problem(
    agencies: Sequence[Agency],
    per_agency: int,
    previous: Iterable[Pair],
    forbid_reciprocal: bool,
    forbid_same_sector: bool,
) -> _Problem:
    position = {agency.id: index for index, agency in enumerate(agencies)}
    banned = {(position[a], position[b]) for a, b in previous}
    targets = tuple(index for index, agency in enumerate(agencies) if agency.statutory)
    arcs = frozenset(
        (scrutiniser, target)
        for target in targets
        for scrutiniser in range(len(agencies))
        if scrutiniser != target
        and (scrutiniser, target) not in banned
        and not (forbid_same_sector and agencies[scrutiniser].sector == agencies[target].sector)
    )
    return _Problem(
        size=len(agencies),
        targets=targets,
        arcs=arcs,
        per_agency=per_agency,
        forbid_reciprocal=forbid_reciprocal,
    )


def plan_rota(
    agencies: Sequence[Agency],
    *,
    per_agency: int = 2,
    previous: Iterable[Pair] = (),
    forbid_reciprocal: bool = True,
    forbid_same_sector: bool = False,
    max_load: int | None = None,
) -> Rota:
    """Plan the next cycle's scrutiny rota: each statutory agency scrutinised by k others.

    Any agency given may scrutinise; only statutory ones are scrutinised. Nobody
    scrutinises itself; last cycle's pairs are not repeated; if asked, no two
    agencies scrutinise each other and no agency scrutinises one of its own sector.

    Parameters
    ----------
    agencies : sequence of Agency
        The partnership's agencies, with unique ids.
    per_agency : int, default 2
        How many scrutinisers (k) each statutory agency gets.
    previous : iterable of (str, str)
        Last cycle's (scrutiniser, scrutinised) pairs, which may not be repeated.
    forbid_reciprocal : bool, default True
        No two agencies scrutinise each other ("marking each other's homework").
    forbid_same_sector : bool, default False
        No agency scrutinises another of its sector.
    max_load : int, optional
        The most agencies one agency may scrutinise.

    Returns
    -------
    Rota
        The most even rota: its largest load is the least possible, and among
        rotas with that largest load its sum of squared loads is the least (so loads
        differ as little as they can). Ties are broken deterministically.

    Raises
    ------
    ValidationError
        If the arguments are malformed (repeated agency ids, a previous pair
        naming an agency not given, a negative ``per_agency``).
    InfeasibleError
        If no rota satisfies the constraints; ``relax`` names each constraint
        whose loosening alone would make one possible (``max_load``,
        ``previous``, ``forbid_same_sector``, ``forbid_reciprocal``, then
        ``per_agency`` if one scrutiniser fewer would do).

    Notes
    -----
    The plan is exact, not greedy. Without ``forbid_reciprocal`` the problem is a
    minimum-cost flow (source -> scrutiniser -> scrutinised, each load ``l``
    costing ``l`` squared through parallel arcs of cost 1, 3, 5, ...), solved by
    networkx's network simplex for each candidate largest load, smallest first.
    Forbidding reciprocal pairs is not a flow constraint (it couples two arcs), so
    it is added by branch and bound: first a flow on unordered pairs decides
    whether any rota without reciprocal pairs exists at all; then, whenever the
    best flow uses a reciprocal pair A->B, B->A, the search splits into a branch
    without A->B and one without B->A, cheapest first. The search is complete, so
    the rota returned is optimal and ``InfeasibleError`` means no rota exists; the
    branching is exponential in the worst case, though rarely deep in practice
    (a few flows for 40 agencies).

    Examples
    --------
    >>> from lscbqa.agencies import Agency
    >>> trio = [Agency(id=x, name=x, sector="other", statutory=True) for x in "abc"]
    >>> plan_rota(trio, per_agency=1).pairs
    (('c', 'a'), ('a', 'b'), ('b', 'c'))
    >>> try:
    ...     plan_rota(trio, per_agency=2)
    ... except InfeasibleError as error:
    ...     print(error.relax)
    ('forbid_reciprocal', 'per_agency')
    """
    agencies = tuple(agencies)
    previous = tuple(previous)
    _check_arguments(agencies, per_agency, previous, max_load)
    asked = _Constraints(
        per_agency=per_agency,
        previous=previous,
        forbid_reciprocal=forbid_reciprocal,
        forbid_same_sector=forbid_same_sector,
        max_load=max_load,
    )
    chosen = _plan(agencies, asked)
    if chosen is None:
        raise _infeasible(agencies, asked)
    loads = [0] * len(agencies)
    for scrutiniser, _ in chosen:
        loads[scrutiniser] += 1
    ordered = sorted(chosen, key=lambda arc: (arc[1], arc[0]))
    return Rota(
        pairs=tuple((agencies[a].id, agencies[b].id) for a, b in ordered),
        per_agency=per_agency,
        loads=_util.FrozenDict(
            (agency.id, load) for agency, load in zip(agencies, loads, strict=True)
        ),
    )


@attrs.frozen(kw_only=True)
class _Constraints:
    """The constraints of :func:`plan_rota`, named as its parameters."""

    per_agency: int
    previous: tuple[Pair, ...]
    forbid_reciprocal: bool
    forbid_same_sector: bool
    max_load: int | None


def _plan(agencies: tuple[Agency, ...], asked: _Constraints) -> frozenset[tuple[int, int]] | None:
    problem = _problem(
        agencies,
        asked.per_agency,
        asked.previous,
        asked.forbid_reciprocal,
        asked.forbid_same_sector,
    )
    return _best(problem, asked.max_load)


def _infeasible(agencies: tuple[Agency, ...], asked: _Constraints) -> InfeasibleError:
    """The error for an impossible rota, naming each constraint whose loosening alone helps."""
    loosened: list[tuple[str, _Constraints]] = []
    if asked.max_load is not None:
        loosened.append(("max_load", attrs.evolve(asked, max_load=None)))
    if asked.previous:
        loosened.append(("previous", attrs.evolve(asked, previous=())))
    if asked.forbid_same_sector:
        loosened.append(("forbid_same_sector", attrs.evolve(asked, forbid_same_sector=False)))
    if asked.forbid_reciprocal:
        loosened.append(("forbid_reciprocal", attrs.evolve(asked, forbid_reciprocal=False)))
    if asked.per_agency > 0:
        loosened.append(("per_agency", attrs.evolve(asked, per_agency=asked.per_agency - 1)))
    relax = tuple(name for name, looser in loosened if _plan(agencies, looser) is not None)
    targets = sum(agency.statutory for agency in agencies)
    k = asked.per_agency
    message = (
        f"no rota: {targets} statutory {'agency' if targets == 1 else 'agencies'} cannot each "
        f"be scrutinised by {k} {'other' if k == 1 else 'others'} under these constraints"
    )
    if relax:
        message += f"; loosen {' or '.join(relax)}"
    return InfeasibleError(message, relax=relax)
