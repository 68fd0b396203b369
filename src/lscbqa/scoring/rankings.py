"""Two rankings of the same boards compared: Spearman and Kendall tau-b, ties handled.

Examples
--------
>>> result = compare_rankings({"a": 0.9, "b": 0.5, "c": 0.1}, {"a": 0.8, "b": 0.2, "c": 0.3})
>>> round(result.spearman, 3), round(result.kendall_tau_b, 3)
(0.5, 0.333)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from lscbqa import _util
from lscbqa.exceptions import Problem, ValidationError

__all__ = ["RankingComparison", "compare_rankings"]

Floats = npt.NDArray[np.float64]

# Pairs are counted a block of rows at a time, so memory stays near this many pairs.
_PAIRS_PER_BLOCK = 2_000_000


@attrs.frozen(kw_only=True)
class RankingComparison:
    """How alike two rankings of the same boards are.

    Parameters
    ----------
    boards : tuple of str
        The boards compared (those with a value in both rankings), in the order given.
    spearman : float
        Spearman's rank correlation: Pearson's correlation of the average ranks
        (ties share the mean of their ranks). NaN if either ranking is all ties.
    kendall_tau_b : float
        Kendall's tau-b, which corrects for ties in either ranking. NaN if either
        ranking is all ties.
    concordant, discordant : int
        Pairs of boards ordered the same way by both rankings, and the other way.
    tied_a, tied_b : int
        Pairs tied in ``a`` (in ``b``), including pairs tied in both.

    Examples
    --------
    >>> compare_rankings([1, 2, 3], [1, 2, 3]).concordant
    3
    """

    boards: tuple[str, ...]
    spearman: float
    kendall_tau_b: float
    concordant: int
    discordant: int
    tied_a: int
    tied_b: int


def _ranks(values: Floats) -> Floats:
    """Average ranks from 1; ties share the mean of the ranks they span."""
    order = np.argsort(values, kind="stable")
    _, first, counts = np.unique(values[order], return_index=True, return_counts=True)
    average = first + (counts + 1) / 2.0
    ranks = np.empty(values.size)
    ranks[order] = np.repeat(average, counts)
    return ranks


def _pearson(x: Floats, y: Floats) -> float:
    dx, dy = x - x.mean(), y - y.mean()
    denominator = float(np.sqrt((dx**2).sum() * (dy**2).sum()))
    return float((dx * dy).sum()) / denominator if denominator > 0 else float("nan")


def _pair_counts(x: Floats, y: Floats) -> tuple[int, int, int, int]:
    """Concordant, discordant, tied-in-x and tied-in-y pairs, block by block."""
    n = x.size
    concordant = discordant = tied_x = tied_y = 0
    rows = max(1, _PAIRS_PER_BLOCK // max(n, 1))
    for start in range(0, n, rows):
        stop = min(n, start + rows)
        sx = np.sign(x[start:stop, np.newaxis] - x[np.newaxis, :])
        sy = np.sign(y[start:stop, np.newaxis] - y[np.newaxis, :])
        later = np.arange(n)[np.newaxis, :] > np.arange(start, stop)[:, np.newaxis]
        product = (sx * sy)[later]
        concordant += int((product > 0).sum())
        discordant += int((product < 0).sum())
        tied_x += int((sx[later] == 0).sum())
        tied_y += int((sy[later] == 0).sum())
    return concordant, discordant, tied_x, tied_y


def _as_pairs(
    a: Mapping[str, float] | Sequence[float], b: Mapping[str, float] | Sequence[float]
) -> tuple[tuple[str, ...], Floats, Floats]:
    if isinstance(a, Mapping) != isinstance(b, Mapping):
        _util.fail("$.b", "expected the same kind as a: both mappings, or both sequences")
    if isinstance(a, Mapping):
        assert isinstance(b, Mapping)  # checked above
        problems = [
            Problem(
                f"$.{side}",
                f"expected the same boards in both rankings; {board!r} is only in {side}",
            )
            for side, here, there in (("a", a, b), ("b", b, a))
            for board in here
            if board not in there
        ]
        if problems:
            raise ValidationError(problems)
        boards = tuple(str(board) for board in a)
        first, second = [a[board] for board in a], [b[board] for board in a]
    else:
        assert not isinstance(b, Mapping)  # checked above
        if len(a) != len(b):
            _util.fail("$.b", f"expected as many values as a ({len(a)}); found {len(b)}")
        boards = tuple(str(i) for i in range(len(a)))
        first, second = [a[i] for i in range(len(a))], [b[i] for i in range(len(b))]
    return boards, _numbers(first, "a", boards), _numbers(second, "b", boards)


def _numbers(values: list[Any], side: str, boards: tuple[str, ...]) -> Floats:
    try:
        array = np.array(values, dtype=np.float64).reshape(-1)
    except (TypeError, ValueError):
        _util.fail(f"$.{side}", f"expected numbers (scores or ranks); found {_util.found(values)}")
    if array.size != len(boards) or np.isinf(array).any():
        _util.fail(f"$.{side}", "expected one finite number (or NaN) per board")
    return array


def compare_rankings(
    a: Mapping[str, float] | Sequence[float], b: Mapping[str, float] | Sequence[float]
) -> RankingComparison:
    """Spearman's rho and Kendall's tau-b between two rankings of the same boards.

    Parameters
    ----------
    a, b : mapping of str to float, or sequence of float
        Each board's score or rank under two choices (say, two sets of weights),
        by board id, or as two sequences in the same board order. Only the order
        matters, and it must run the same way in both (higher better in both, or
        rank 1 best in both). A board with NaN in either is left out.

    Returns
    -------
    RankingComparison

    Raises
    ------
    ValidationError
        If the mappings hold different boards, the sequences differ in length, or a
        value is not a number.

    Notes
    -----
    Spearman's rho is Pearson's correlation of the two average-rank vectors (the
    tie-corrected form). Kendall's tau-b is ``(C - D) / sqrt((n0 - n1)(n0 - n2))``
    with ``C`` and ``D`` the concordant and discordant pairs, ``n0 = n(n - 1)/2``
    and ``n1``, ``n2`` the pairs tied in ``a`` and in ``b`` (Kendall 1945). Pairs
    are counted in blocks of whole-array comparisons.

    References
    ----------
    Kendall, M. G. (1945). The treatment of ties in ranking problems. *Biometrika*
    33, 239-251. Spearman, C. (1904). The proof and measurement of association
    between two things. *American Journal of Psychology* 15, 72-101.

    Examples
    --------
    >>> result = compare_rankings([0.9, 0.7, 0.7, 0.1], [0.8, 0.8, 0.5, 0.2])
    >>> round(result.spearman, 3), round(result.kendall_tau_b, 3), result.tied_a
    (0.833, 0.8, 1)
    """
    boards, x, y = _as_pairs(a, b)
    both = ~(np.isnan(x) | np.isnan(y))
    x, y = x[both], y[both]
    kept = tuple(board for board, keep in zip(boards, both.tolist(), strict=True) if keep)
    nan = float("nan")
    if x.size < 2:
        return RankingComparison(
            boards=kept,
            spearman=nan,
            kendall_tau_b=nan,
            concordant=0,
            discordant=0,
            tied_a=0,
            tied_b=0,
        )
    concordant, discordant, tied_a, tied_b = _pair_counts(x, y)
    pairs = x.size * (x.size - 1) // 2
    denominator = float(np.sqrt(float(pairs - tied_a) * float(pairs - tied_b)))
    return RankingComparison(
        boards=kept,
        spearman=_pearson(_ranks(x), _ranks(y)),
        kendall_tau_b=(concordant - discordant) / denominator if denominator > 0 else nan,
        concordant=concordant,
        discordant=discordant,
        tied_a=tied_a,
        tied_b=tied_b,
    )
