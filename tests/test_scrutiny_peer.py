"""Tests for lscbqa.scrutiny.peer: peer-review pairs, by hand and against brute force."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lscbqa.exceptions import ValidationError
from lscbqa.scrutiny import PeerReviewPairs, peer_review_pairs


class TestPeerReviewPairs:
    def test_partner_of_either_side(self) -> None:
        """partner_of finds the partner from either side of a pair, None if unpaired."""
        pairs = PeerReviewPairs(pairs=(("a", "b"),), unpaired=("c",))
        assert (pairs.partner_of("a"), pairs.partner_of("b"), pairs.partner_of("c")) == (
            "b",
            "a",
            None,
        )


class TestPeerReviewPairing:
    def test_path_is_paired_at_both_ends(self) -> None:
        """On the path a-b-c-d the maximum matching is a-b and c-d, not b-c alone."""
        result = peer_review_pairs("abcd", [("a", "b"), ("b", "c"), ("c", "d")])
        assert (result.pairs, result.unpaired) == ((("a", "b"), ("c", "d")), ())

    def test_odd_triangle_leaves_one_unpaired(self) -> None:
        """Three mutual neighbours: one pair and one board unpaired."""
        result = peer_review_pairs("abc", [("a", "b"), ("b", "c"), ("c", "a")])
        assert len(result.pairs) == 1
        assert len(result.unpaired) == 1

    def test_previous_pairs_are_not_repeated(self) -> None:
        """On the ring a-b-c-d-a with a-b and c-d used last cycle: a-d and b-c."""
        ring = [("a", "b"), ("b", "c"), ("c", "d"), ("d", "a")]
        result = peer_review_pairs("abcd", ring, previous=[("b", "a"), ("d", "c")])
        assert result.pairs == (("a", "d"), ("b", "c"))

    def test_board_whose_only_neighbour_was_last_partner_is_named(self) -> None:
        """A board whose one neighbour was last cycle's partner is left unpaired, named."""
        result = peer_review_pairs(
            ["north", "south"], [("north", "south")], previous=[("south", "north")]
        )
        assert (result.pairs, result.unpaired) == ((), ("north", "south"))

    def test_pairs_are_in_board_order(self) -> None:
        """Each pair lists the board given first first."""
        result = peer_review_pairs(["x", "y"], [("y", "x")])
        assert result.pairs == (("x", "y"),)

    def test_bad_arguments_are_all_reported(self) -> None:
        """A repeated board, an unknown neighbour and a self-pair are each reported."""
        with pytest.raises(ValidationError) as caught:
            peer_review_pairs(["a", "b", "a"], [("a", "z"), ("b", "b")], previous=[("a",)])  # type: ignore[list-item]
        assert caught.value.paths == (
            "$.boards[2]",
            "$.neighbours[0]",
            "$.neighbours[1]",
            "$.previous[0]",
        )


def _maximum_pairs(boards: list[str], links: set[frozenset[str]]) -> int:
    """The most pairs any set of disjoint links holds, by trying every subset."""
    best = 0
    ordered = sorted(links, key=sorted)
    for size in range(len(boards) // 2, 0, -1):
        for chosen in itertools.combinations(ordered, size):
            if len({board for link in chosen for board in link}) == 2 * size:
                return size
    return best


@st.composite
def neighbour_cases(
    draw: st.DrawFn,
) -> tuple[list[str], list[tuple[str, str]], list[tuple[str, str]]]:
    boards = [f"b{i}" for i in range(draw(st.integers(1, 7)))]
    links = [(a, b) for a, b in itertools.combinations(boards, 2)]
    neighbours = draw(st.lists(st.sampled_from(links), unique=True)) if links else []
    previous = draw(st.lists(st.sampled_from(neighbours), unique=True)) if neighbours else []
    return boards, neighbours, previous


class TestPeerReviewProperties:
    @settings(max_examples=80, deadline=None)
    @given(case=neighbour_cases())
    def test_is_a_maximum_matching_avoiding_previous_pairs(
        self, case: tuple[list[str], list[tuple[str, str]], list[tuple[str, str]]]
    ) -> None:
        """Pairs are disjoint neighbours, none from last cycle, as many as brute force finds."""
        boards, neighbours, previous = case
        result = peer_review_pairs(boards, neighbours, previous=previous)
        allowed = {frozenset(link) for link in neighbours} - {frozenset(p) for p in previous}
        assert all(frozenset(pair) in allowed for pair in result.pairs)
        paired = [board for pair in result.pairs for board in pair]
        assert len(paired) == len(set(paired))
        assert sorted(paired + list(result.unpaired)) == sorted(boards)
        assert len(result.pairs) == _maximum_pairs(boards, allowed)
