"""Tests for lscbqa.scoring.rankings.compare_rankings.

Independent implementation: scipy.stats.spearmanr and scipy.stats.kendalltau (its
default variant is tau-b, tie-corrected).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from lscbqa.exceptions import ValidationError
from lscbqa.scoring.rankings import RankingComparison, compare_rankings


class TestCompareRankings:
    @pytest.mark.parametrize("seed", range(6))
    def test_matches_scipy_with_ties(self, seed: int) -> None:
        """Spearman and Kendall tau-b equal scipy's on tied random scores."""
        rng = np.random.default_rng(seed)
        a = rng.integers(0, 8, 150).astype(float)
        b = np.round(a + rng.normal(0, 2, 150))
        result = compare_rankings(a.tolist(), b.tolist())
        assert result.spearman == pytest.approx(stats.spearmanr(a, b).statistic, abs=1e-9)
        assert result.kendall_tau_b == pytest.approx(stats.kendalltau(a, b).statistic, abs=1e-9)

    @settings(max_examples=60)
    @given(
        st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), min_size=3, max_size=40).filter(
            lambda pairs: len({p[0] for p in pairs}) > 1 and len({p[1] for p in pairs}) > 1
        )
    )
    def test_matches_scipy_on_any_small_ranking(self, pairs: list[tuple[int, int]]) -> None:
        """Any two small tied rankings: the same coefficients as scipy."""
        a, b = [float(p[0]) for p in pairs], [float(p[1]) for p in pairs]
        result = compare_rankings(a, b)
        assert result.spearman == pytest.approx(stats.spearmanr(a, b).statistic, abs=1e-9)
        assert result.kendall_tau_b == pytest.approx(stats.kendalltau(a, b).statistic, abs=1e-9)

    def test_pair_counts_by_hand(self) -> None:
        """Three boards: a = (3, 2, 1), b = (3, 1, 2): 2 concordant, 1 discordant pair."""
        result = compare_rankings({"x": 3, "y": 2, "z": 1}, {"x": 3, "y": 1, "z": 2})
        assert isinstance(result, RankingComparison)
        assert (result.concordant, result.discordant) == (2, 1)
        assert result.kendall_tau_b == pytest.approx(1 / 3)
        assert result.spearman == pytest.approx(0.5)

    def test_mappings_align_by_board(self) -> None:
        """Mappings are matched by board id, whatever their order."""
        first = compare_rankings({"x": 1, "y": 2, "z": 3}, {"z": 30, "y": 20, "x": 10})
        assert first.spearman == pytest.approx(1.0)

    def test_missing_values_are_left_out(self) -> None:
        """A board with NaN in either ranking does not count."""
        result = compare_rankings({"x": 1, "y": 2, "z": math.nan}, {"x": 1, "y": 2, "z": 3})
        assert result.boards == ("x", "y")

    def test_all_ties_is_nan(self) -> None:
        """A ranking that ties everyone has no correlation."""
        result = compare_rankings([1, 1, 1], [1, 2, 3])
        assert math.isnan(result.spearman)
        assert math.isnan(result.kendall_tau_b)

    def test_different_boards_are_rejected(self) -> None:
        """Boards in only one ranking are each reported."""
        with pytest.raises(ValidationError) as caught:
            compare_rankings({"x": 1, "y": 2}, {"x": 1, "z": 2})
        assert [p.path for p in caught.value.problems] == ["$.a", "$.b"]

    def test_lengths_must_match(self) -> None:
        """Sequences of different lengths are a ValidationError."""
        with pytest.raises(ValidationError):
            compare_rankings([1, 2, 3], [1, 2])

    def test_text_is_rejected(self) -> None:
        """Values must be numbers."""
        with pytest.raises(ValidationError):
            compare_rankings(["good", "bad"], [1, 2])
