"""Tests for lscbqa.scrutiny.rota.plan_rota: hand-worked rotas, and a brute-force oracle.

The oracle enumerates, for up to 5 agencies, every choice of ``k`` scrutinisers for
every statutory agency, keeps those meeting every constraint, and ranks them by
largest load, then sum of squared loads: the best rota plan_rota must match, or
prove that none exists.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lscbqa.agencies import Agency
from lscbqa.exceptions import InfeasibleError, ValidationError
from lscbqa.scrutiny import Rota, plan_rota

Pair = tuple[str, str]


def _agencies(spec: str) -> list[Agency]:
    """Agencies from 'a:police b:police* ...': id, sector, and * for not statutory."""
    agencies = []
    for item in spec.split():
        name, sector = item.split(":")
        agencies.append(
            Agency(
                id=name,
                name=name.upper(),
                sector=sector.rstrip("*"),
                statutory=not sector.endswith("*"),
            )
        )
    return agencies


def violations(
    rota: Rota,
    agencies: Sequence[Agency],
    *,
    per_agency: int,
    previous: Iterable[Pair] = (),
    forbid_reciprocal: bool = True,
    forbid_same_sector: bool = False,
    max_load: int | None = None,
) -> list[str]:
    """Every constraint the rota breaks, in words (empty when it keeps them all)."""
    broken = []
    pairs = set(rota.pairs)
    by_id = {agency.id: agency for agency in agencies}
    if len(pairs) != len(rota.pairs):
        broken.append("a pair appears twice")
    for agency in agencies:
        count = sum(target == agency.id for _, target in rota.pairs)
        if count != (per_agency if agency.statutory else 0):
            broken.append(f"{agency.id} has {count} scrutinisers")
        load = sum(scrutiniser == agency.id for scrutiniser, _ in rota.pairs)
        if rota.loads[agency.id] != load:
            broken.append(f"{agency.id}'s load is misreported")
        if max_load is not None and load > max_load:
            broken.append(f"{agency.id} scrutinises {load}")
    for scrutiniser, target in rota.pairs:
        if scrutiniser == target:
            broken.append(f"{target} scrutinises itself")
        if (scrutiniser, target) in set(previous):
            broken.append(f"{scrutiniser}->{target} repeats last cycle")
        if forbid_reciprocal and (target, scrutiniser) in pairs:
            broken.append(f"{scrutiniser}<->{target} is reciprocal")
        if forbid_same_sector and by_id[scrutiniser].sector == by_id[target].sector:
            broken.append(f"{scrutiniser}->{target} is within a sector")
    return broken


def brute_force(
    agencies: Sequence[Agency],
    *,
    per_agency: int,
    previous: Iterable[Pair] = (),
    forbid_reciprocal: bool = True,
    forbid_same_sector: bool = False,
    max_load: int | None = None,
) -> tuple[int, int] | None:
    """The best (largest load, sum of squared loads) of every valid rota; None if none."""
    previous = set(previous)
    choices = []
    for target in agencies:
        if not target.statutory:
            continue
        allowed = [
            scrutiniser.id
            for scrutiniser in agencies
            if scrutiniser.id != target.id
            and (scrutiniser.id, target.id) not in previous
            and not (forbid_same_sector and scrutiniser.sector == target.sector)
        ]
        choices.append(
            [
                [(scrutiniser, target.id) for scrutiniser in chosen]
                for chosen in itertools.combinations(allowed, per_agency)
            ]
        )
    best = None
    for combination in itertools.product(*choices):
        arcs = {arc for group in combination for arc in group}
        if forbid_reciprocal and any((b, a) in arcs for a, b in arcs):
            continue
        loads = [sum(a == agency.id for a, _ in arcs) for agency in agencies]
        if max_load is not None and max(loads, default=0) > max_load:
            continue
        score = (max(loads, default=0), sum(load * load for load in loads))
        if best is None or score < best:
            best = score
    return best


def _score(rota: Rota) -> tuple[int, int]:
    return rota.max_load, sum(load * load for load in rota.loads.values())


class TestRota:
    def test_scrutinisers_and_scrutinised(self) -> None:
        """scrutinisers_of and scrutinised_by read the pairs both ways."""
        rota = plan_rota(_agencies("a:police b:probation c:education"), per_agency=1)
        assert rota.scrutinisers_of("a") == ("c",)
        assert rota.scrutinised_by("a") == ("b",)


class TestPlanRota:
    def test_three_agencies_one_each_make_a_cycle(self) -> None:
        """Three agencies, k = 1, no reciprocity: a 3-cycle, each load 1."""
        rota = plan_rota(_agencies("a:police b:probation c:education"), per_agency=1)
        assert rota.pairs == (("c", "a"), ("a", "b"), ("b", "c"))
        assert dict(rota.loads) == {"a": 1, "b": 1, "c": 1}

    def test_reciprocity_allowed_gives_every_pair(self) -> None:
        """Three agencies, k = 2, reciprocity allowed: all six pairs, each load 2."""
        rota = plan_rota(
            _agencies("a:police b:probation c:education"), per_agency=2, forbid_reciprocal=False
        )
        assert set(rota.pairs) == {
            ("a", "b"),
            ("a", "c"),
            ("b", "a"),
            ("b", "c"),
            ("c", "a"),
            ("c", "b"),
        }

    def test_non_statutory_agencies_scrutinise_only(self) -> None:
        """Four agencies, d not statutory, k = 1: three pairs, none of d, loads at most 1."""
        agencies = _agencies("a:police b:probation c:education d:voluntary_sector*")
        rota = plan_rota(agencies, per_agency=1)
        assert len(rota.pairs) == 3
        assert rota.scrutinisers_of("d") == ()
        assert rota.max_load == 1
        assert violations(rota, agencies, per_agency=1) == []

    def test_loads_are_balanced(self) -> None:
        """Five agencies, k = 2: ten scrutinies over five agencies, each load exactly 2."""
        rota = plan_rota(
            _agencies("a:police b:probation c:education d:housing e:other"), per_agency=2
        )
        assert sorted(rota.loads.values()) == [2, 2, 2, 2, 2]

    def test_previous_pairs_are_avoided(self) -> None:
        """Last cycle's 3-cycle a->b->c->a forces the reverse cycle."""
        previous = [("a", "b"), ("b", "c"), ("c", "a")]
        rota = plan_rota(
            _agencies("a:police b:probation c:education"), per_agency=1, previous=previous
        )
        assert set(rota.pairs) == {("b", "a"), ("c", "b"), ("a", "c")}

    def test_same_sector_forbidden(self) -> None:
        """Two health agencies and a council, k = 1, same sector forbidden: both health ones
        are scrutinised by the council, so the council is scrutinised by one of them."""
        agencies = _agencies("h1:health_provider h2:health_provider la:local_authority")
        rota = plan_rota(agencies, per_agency=1, forbid_same_sector=True, forbid_reciprocal=False)
        assert rota.scrutinisers_of("h1") == ("la",)
        assert rota.scrutinisers_of("h2") == ("la",)
        assert (
            violations(
                rota, agencies, per_agency=1, forbid_same_sector=True, forbid_reciprocal=False
            )
            == []
        )

    def test_infeasible_reciprocity_names_what_to_relax(self) -> None:
        """Three agencies cannot each have 2 scrutinisers without reciprocal pairs."""
        with pytest.raises(InfeasibleError) as caught:
            plan_rota(_agencies("a:police b:probation c:education"), per_agency=2)
        assert caught.value.relax == ("forbid_reciprocal", "per_agency")

    def test_infeasible_load_names_max_load(self) -> None:
        """Three statutory agencies, k = 1, max_load 0: only loosening max_load or k helps."""
        with pytest.raises(InfeasibleError) as caught:
            plan_rota(_agencies("a:police b:probation c:education"), per_agency=1, max_load=0)
        assert caught.value.relax == ("max_load", "per_agency")

    def test_infeasible_same_sector(self) -> None:
        """Two police forces, k = 1, same sector forbidden: loosen that or k."""
        with pytest.raises(InfeasibleError) as caught:
            plan_rota(
                _agencies("a:police b:police"),
                per_agency=1,
                forbid_same_sector=True,
                forbid_reciprocal=False,
            )
        assert caught.value.relax == ("forbid_same_sector", "per_agency")

    def test_zero_per_agency_is_an_empty_rota(self) -> None:
        """k = 0 plans nothing."""
        rota = plan_rota(_agencies("a:police b:probation"), per_agency=0)
        assert (rota.pairs, rota.max_load) == ((), 0)

    def test_bad_arguments_are_all_reported(self) -> None:
        """Repeated ids, negative k, an unknown previous agency: each at its path."""
        agencies = _agencies("a:police a:probation")
        with pytest.raises(ValidationError) as caught:
            plan_rota(agencies, per_agency=-1, previous=[("a", "zz")], max_load=True)  # type: ignore[arg-type]
        assert caught.value.paths == (
            "$.agencies[1].id",
            "$.per_agency",
            "$.max_load",
            "$.previous[0]",
        )

    def test_forty_agencies_k3(self) -> None:
        """Forty statutory agencies, k = 3: 120 pairs, every load 3, every constraint kept."""
        sectors = ["police", "probation", "education", "housing", "health_provider"]
        agencies = [
            Agency(id=f"a{i:02d}", name=f"A{i}", sector=sectors[i % 5], statutory=True)
            for i in range(40)
        ]
        previous = [(f"a{i:02d}", f"a{(i + 1) % 40:02d}") for i in range(40)]
        rota = plan_rota(agencies, per_agency=3, previous=previous, forbid_same_sector=True)
        assert sorted(set(rota.loads.values())) == [3]
        assert (
            violations(rota, agencies, per_agency=3, previous=previous, forbid_same_sector=True)
            == []
        )


SECTORS = ("police", "probation", "education")


@st.composite
def rota_cases(draw: st.DrawFn, max_agencies: int = 5) -> dict[str, object]:
    size = draw(st.integers(1, max_agencies))
    agencies = [
        Agency(
            id=f"a{i}",
            name=f"A{i}",
            sector=draw(st.sampled_from(SECTORS)),
            statutory=draw(st.booleans()) or i == 0,
        )
        for i in range(size)
    ]
    ids = [agency.id for agency in agencies]
    pairs = [(a, b) for a in ids for b in ids if a != b]
    previous = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=4)) if pairs else []
    return {
        "agencies": agencies,
        "per_agency": draw(st.integers(0, 3)),
        "previous": previous,
        "forbid_reciprocal": draw(st.booleans()),
        "forbid_same_sector": draw(st.booleans()),
        "max_load": draw(st.one_of(st.none(), st.integers(0, 3))),
    }


def _loosenings(case: dict[str, object]) -> list[tuple[str, dict[str, object]]]:
    """Each constraint that can be loosened, and the case with it loosened alone."""
    loosened: list[tuple[str, dict[str, object]]] = []
    changes = {
        "max_load": None,
        "previous": (),
        "forbid_same_sector": False,
        "forbid_reciprocal": False,
    }
    for name, value in changes.items():
        current = case[name]
        if current is not None and current is not False and current not in ((), []):
            loosened.append((name, {**case, name: value}))
    per_agency = case["per_agency"]
    assert isinstance(per_agency, int)
    if per_agency > 0:
        loosened.append(("per_agency", {**case, "per_agency": per_agency - 1}))
    return loosened


class TestPlanRotaProperties:
    @settings(max_examples=100, deadline=None)
    @given(case=rota_cases())
    def test_agrees_with_brute_force(self, case: dict[str, object]) -> None:
        """A returned rota keeps every constraint and is the oracle's best; a refusal is right."""
        agencies = case.pop("agencies")
        best = brute_force(agencies, **case)  # type: ignore[arg-type]
        refusal: InfeasibleError | None = None
        try:
            rota = plan_rota(agencies, **case)  # type: ignore[arg-type]
        except InfeasibleError as error:
            refusal = error
        if refusal is not None:
            assert best is None
            for name, looser in _loosenings(case):
                helps = brute_force(agencies, **looser) is not None  # type: ignore[arg-type]
                assert helps == (name in refusal.relax), name
            return
        assert violations(rota, agencies, **case) == []  # type: ignore[arg-type]
        assert _score(rota) == best

    @settings(max_examples=30, deadline=None)
    @given(case=rota_cases(max_agencies=9))
    def test_larger_rotas_keep_every_constraint(self, case: dict[str, object]) -> None:
        """Up to 9 agencies, every rota returned keeps every constraint."""
        agencies = case.pop("agencies")
        try:
            rota = plan_rota(agencies, **case)  # type: ignore[arg-type]
        except InfeasibleError:
            return
        assert violations(rota, agencies, **case) == []  # type: ignore[arg-type]
