"""Peer review: pairing neighbouring boards to review each other.

Examples
--------
>>> from lscbqa.scrutiny.peer import peer_review_pairs
>>> result = peer_review_pairs(["north", "south", "east"], [("north", "south"), ("south", "east")])
>>> result.pairs, result.unpaired
((('south', 'east'),), ('north',))
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs
import networkx as nx  # type: ignore[import-untyped,unused-ignore]

from lscbqa import _util
from lscbqa.exceptions import Problem, ValidationError

__all__ = ["PeerReviewPairs", "peer_review_pairs"]


@attrs.frozen(kw_only=True)
class PeerReviewPairs:
    """Boards paired for peer review, and the boards left without a partner.

    Parameters
    ----------
    pairs : tuple of (str, str)
        Each pair in the order the boards were given, pairs ordered by their first board.
    unpaired : tuple of str
        Boards without a partner, in the order given.

    Examples
    --------
    >>> PeerReviewPairs(pairs=(("a", "b"),), unpaired=("c",)).partner_of("b")
    'a'
    """

    pairs: tuple[tuple[str, str], ...]
    unpaired: tuple[str, ...]

    def partner_of(self, board: str) -> str | None:
        """The board paired with ``board``, or None if it has none.

        Examples
        --------
        >>> PeerReviewPairs(pairs=(("a", "b"),), unpaired=("c",)).partner_of("c") is None
        True
        """
        for one, other in self.pairs:
            if board in (one, other):
                return other if board == one else one
        return None


def _pair_problems(
    pairs: Sequence[object], path: str, known: dict[str, int]
) -> tuple[list[Problem], list[tuple[str, str]]]:
    problems: list[Problem] = []
    valid: list[tuple[str, str]] = []
    for index, pair in enumerate(pairs):
        if (
            isinstance(pair, tuple | list)
            and len(pair) == 2
            and all(isinstance(board, str) and board in known for board in pair)
            and pair[0] != pair[1]
        ):
            valid.append((pair[0], pair[1]))
        else:
            problems.append(
                Problem(
                    f"{path}[{index}]",
                    f"expected a pair of two different boards given; found {pair!r}",
                )
            )
    return problems, valid


def peer_review_pairs(
    boards: Sequence[str],
    neighbours: Iterable[tuple[str, str]],
    *,
    previous: Iterable[tuple[str, str]] = (),
) -> PeerReviewPairs:
    """Pair neighbouring boards for peer review, as many as possible, none as last cycle.

    Parameters
    ----------
    boards : sequence of str
        The boards, by id, each once.
    neighbours : iterable of (str, str)
        Which boards neighbour each other (either order).
    previous : iterable of (str, str)
        Last cycle's pairs (either order); they are not paired again.

    Returns
    -------
    PeerReviewPairs
        A maximum matching of the neighbour graph without last cycle's pairs: no
        other pairing leaves fewer boards unpaired. Those left unpaired are named,
        for the board to pair by hand (perhaps with last cycle's partner).

    Raises
    ------
    ValidationError
        If a board is given twice, or a pair names a board not given (or one board
        twice); paths like ``$.neighbours[2]``.

    Notes
    -----
    networkx's ``max_weight_matching`` with ``maxcardinality=True`` and equal
    weights (Edmonds' blossom algorithm, via Galil 1986), on the neighbour graph
    built in the order given, so the same input gives the same pairs.

    Examples
    --------
    >>> boards = ["a", "b", "c", "d"]
    >>> ring = [("a", "b"), ("b", "c"), ("c", "d"), ("d", "a")]
    >>> peer_review_pairs(boards, ring, previous=[("b", "a"), ("c", "d")]).pairs
    (('a', 'd'), ('b', 'c'))
    """
    boards = tuple(boards)
    neighbours, previous = tuple(neighbours), tuple(previous)
    position: dict[str, int] = {}
    problems: list[Problem] = []
    for index, board in enumerate(boards):
        if not isinstance(board, str) or not _util.is_identifier(board):
            problems.append(
                Problem(f"$.boards[{index}]", f"expected a board id; found {_util.found(board)}")
            )
        elif board in position:
            problems.append(
                Problem(
                    f"$.boards[{index}]",
                    f"expected each board once; {board!r} is also at index {position[board]}",
                )
            )
        else:
            position[board] = index
    neighbour_problems, links = _pair_problems(neighbours, "$.neighbours", position)
    previous_problems, used = _pair_problems(previous, "$.previous", position)
    problems += neighbour_problems + previous_problems
    if problems:
        raise ValidationError(problems)

    avoided = {frozenset(pair) for pair in used}
    graph: nx.Graph = nx.Graph()
    graph.add_nodes_from(boards)
    graph.add_edges_from(
        sorted(
            {
                tuple(sorted(link, key=position.__getitem__))
                for link in links
                if frozenset(link) not in avoided
            },
            key=lambda link: (position[link[0]], position[link[1]]),
        )
    )
    matching = nx.max_weight_matching(graph, maxcardinality=True)
    pairs = sorted(
        (tuple(sorted(pair, key=position.__getitem__)) for pair in matching),
        key=lambda pair: position[pair[0]],
    )
    paired = {board for pair in pairs for board in pair}
    return PeerReviewPairs(
        pairs=tuple((pair[0], pair[1]) for pair in pairs),
        unpaired=tuple(board for board in boards if board not in paired),
    )
