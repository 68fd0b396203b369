"""Tests for lscbqa.indicators.leadlag: lead_lag and LeadLagResult.

References used as oracles: ``scipy.stats.pearsonr`` on the shifted arrays (Pearson's r,
its Fisher z confidence interval with n - 3 via ``confidence_interval``, and its
permutation test via ``method=PermutationMethod``); and hand-built series whose lag
is known by construction.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from lscbqa.exceptions import ValidationError
from lscbqa.indicators import Series
from lscbqa.indicators.leadlag import LEAD_LAG_METHODS, LeadLagResult, lead_lag

LEAD = np.array([1, 3, 2, 5, 4, 6, 8, 7, 9, 8], dtype=float)
LAG = np.array([0, 2, 3, 1, 5, 5, 6, 9, 6, 10], dtype=float)


def shifted(lead: Any, lag: Any, k: int) -> tuple[Any, Any]:
    """The complete pairs (lead[t], lag[t + k])."""
    x, y = np.asarray(lead[: len(lead) - k]), np.asarray(lag[k:])
    keep = ~(np.isnan(x) | np.isnan(y))
    return x[keep], y[keep]


def known_lag(lag: int, length: int = 40, seed: int = 0) -> tuple[Any, Any]:
    """A lead series and an outcome that follows it ``lag`` periods later, with noise."""
    rng = np.random.default_rng(seed)
    lead = rng.normal(size=length)
    outcome = np.concatenate([rng.normal(size=lag), lead[: length - lag]])
    return lead, outcome + rng.normal(0, 0.4, length)


class TestLeadLag:
    def test_correlations_equal_pearsonr_on_shifted_arrays(self) -> None:
        """At each lag k, r equals scipy's pearsonr of lead[t] with lag[t + k]."""
        result = lead_lag(LEAD, LAG, max_lag=3)
        expected = [stats.pearsonr(*shifted(LEAD, LAG, k)).statistic for k in range(4)]
        np.testing.assert_allclose(result.correlation, expected, rtol=1e-12)
        assert result.pairs.tolist() == [10, 9, 8, 7]

    def test_fisher_interval_equals_scipy_confidence_interval(self) -> None:
        """The Fisher z interval (n - 3) equals pearsonr(...).confidence_interval()."""
        result = lead_lag(LEAD, LAG, max_lag=3, alpha=0.1)
        for k in range(4):
            interval = stats.pearsonr(*shifted(LEAD, LAG, k)).confidence_interval(0.9)
            assert result.lower[k] == pytest.approx(interval.low, rel=1e-12)
            assert result.upper[k] == pytest.approx(interval.high, rel=1e-12)

    @settings(max_examples=60)
    @given(
        st.integers(8, 40),
        st.integers(0, 4),
        st.integers(0, 2**32 - 1),
        st.floats(0.01, 0.3),
    )
    def test_generated_series_match_scipy(
        self, length: int, max_lag: int, seed: int, alpha: float
    ) -> None:
        """On random series with gaps, r and interval equal scipy's at every lag."""
        rng = np.random.default_rng(seed)
        lead, lag = rng.normal(size=length), rng.normal(size=length)
        lead[rng.random(length) < 0.1] = np.nan
        lag[rng.random(length) < 0.1] = np.nan
        result = lead_lag(lead, lag, max_lag=max_lag, alpha=alpha)
        for k in range(max_lag + 1):
            x, y = shifted(lead, lag, k)
            if len(x) < 4:
                assert np.isnan(result.correlation[k])
                continue
            reference = stats.pearsonr(x, y)
            interval = reference.confidence_interval(1 - alpha)
            assert result.correlation[k] == pytest.approx(reference.statistic, abs=1e-12)
            assert result.lower[k] == pytest.approx(interval.low, abs=1e-12)
            assert result.upper[k] == pytest.approx(interval.high, abs=1e-12)

    def test_fisher_significance_agrees_with_the_interval(self) -> None:
        """With Fisher z, a lag is significant exactly when its interval leaves out 0."""
        lead, outcome = known_lag(2, length=30, seed=4)
        result = lead_lag(lead, outcome, max_lag=6)
        excludes_zero = (result.lower > 0) | (result.upper < 0)
        assert result.significant.tolist() == excludes_zero.tolist()
        assert result.significant.any()
        assert not result.significant.all()

    def test_missing_values_are_left_out_pairwise(self) -> None:
        """A NaN drops only the pairs it is in, at each lag."""
        lead, lag = LEAD.copy(), LAG.copy()
        lead[3], lag[7] = np.nan, np.nan
        result = lead_lag(lead, lag, max_lag=2)
        for k in range(3):
            x, y = shifted(lead, lag, k)
            assert result.pairs[k] == len(x)
            assert result.correlation[k] == pytest.approx(stats.pearsonr(x, y).statistic)

    @pytest.mark.parametrize("lag", [0, 1, 3, 5])
    def test_finds_a_known_lag(self, lag: int) -> None:
        """An outcome built to follow the lead by k periods gives best lag k."""
        lead, outcome = known_lag(lag)
        assert lead_lag(lead, outcome, max_lag=6).best_lag == lag

    def test_finds_a_known_inverse_lag(self) -> None:
        """A lead that lowers the outcome two periods later is found by |r|."""
        lead, outcome = known_lag(2, seed=7)
        result = lead_lag(lead, -outcome, max_lag=4)
        assert result.best_lag == 2
        assert result.correlation[2] < -0.8

    def test_permutation_p_value_agrees_with_scipy(self) -> None:
        """Permutation p-values agree with scipy's permutation pearsonr within Monte Carlo error."""
        lead, outcome = known_lag(1, length=14, seed=11)
        outcome = outcome + np.random.default_rng(12).normal(0, 1.5, 14)
        result = lead_lag(lead, outcome, max_lag=3, method="permutation", permutations=9999)
        for k in range(4):
            x, y = shifted(lead, outcome, k)
            method = stats.PermutationMethod(n_resamples=9999, rng=np.random.default_rng(k))
            theirs = stats.pearsonr(x, y, method=method).pvalue
            error = 4 * np.sqrt(max(theirs * (1 - theirs), 1e-4) / 9999) * np.sqrt(2)
            assert abs(result.p_value[k] - theirs) <= error

    def test_permutation_is_reproducible_with_a_seed(self) -> None:
        """The same seed gives the same p-values and null bands; rng=None is seeded too."""
        first = lead_lag(LEAD, LAG, max_lag=2, method="permutation", rng=5)
        again = lead_lag(LEAD, LAG, max_lag=2, method="permutation", rng=np.random.default_rng(5))
        np.testing.assert_array_equal(first.p_value, again.p_value)
        np.testing.assert_array_equal(first.lower, again.lower)
        default = lead_lag(LEAD, LAG, max_lag=2, method="permutation")
        np.testing.assert_array_equal(
            default.p_value, lead_lag(LEAD, LAG, max_lag=2, method="permutation").p_value
        )

    def test_permutation_p_value_is_at_least_one_over_b_plus_one(self) -> None:
        """A perfect correlation has the smallest possible p-value, 1 / (B + 1)."""
        result = lead_lag(LEAD, LEAD, max_lag=0, method="permutation", permutations=199)
        assert result.p_value[0] == pytest.approx(1 / 200)

    def test_permutation_null_band_surrounds_zero(self) -> None:
        """The null band of shuffled correlations holds 0 and not a strong r."""
        lead, outcome = known_lag(1, seed=2)
        result = lead_lag(lead, outcome, max_lag=2, method="permutation")
        assert ((result.lower < 0) & (result.upper > 0)).all()
        assert result.correlation[1] > result.upper[1]
        assert result.permutations == 999

    def test_accepts_series(self) -> None:
        """Two Series over the same periods work as their values do."""
        periods = [f"2024-{month:02d}" for month in range(1, 11)]
        result = lead_lag(
            Series(values=LEAD, periods=periods), Series(values=LAG, periods=periods), max_lag=2
        )
        np.testing.assert_array_equal(
            result.correlation, lead_lag(LEAD, LAG, max_lag=2).correlation
        )

    def test_series_over_different_periods_are_rejected(self) -> None:
        """Two Series must cover the same periods."""
        months = [f"2024-{month:02d}" for month in range(1, 11)]
        later = [f"2025-{month:02d}" for month in range(1, 11)]
        with pytest.raises(ValidationError) as caught:
            lead_lag(
                Series(values=LEAD, periods=months), Series(values=LAG, periods=later), max_lag=1
            )
        assert caught.value.paths == ("$.lag.periods",)

    @pytest.mark.parametrize(
        ("arguments", "path"),
        [
            ({"lag": LAG[:-1]}, "$.lag"),
            ({"max_lag": -1}, "$.max_lag"),
            ({"max_lag": 1.5}, "$.max_lag"),
            ({"method": "spearman"}, "$.method"),
            ({"alpha": 0}, "$.alpha"),
            ({"method": "permutation", "rng": "seed"}, "$.rng"),
            ({"method": "permutation", "permutations": 0}, "$.permutations"),
            ({"lead": ["a"] * 10}, "$.lead"),
            ({"lead": np.full(10, np.inf)}, "$.lead[0]"),
            ({"max_lag": 7}, "$.lag"),
        ],
    )
    def test_invalid_arguments_name_their_path(self, arguments: dict[str, Any], path: str) -> None:
        """Each invalid argument is a ValidationError at its path."""
        options: dict[str, Any] = {"lead": LEAD, "lag": LAG, "max_lag": 2, **arguments}
        if arguments.get("max_lag") == 7:
            options["lead"] = np.concatenate([LEAD[:3], np.full(7, np.nan)])
        with pytest.raises(ValidationError) as caught:
            lead_lag(options.pop("lead"), options.pop("lag"), **options)
        assert caught.value.paths == (path,)

    def test_a_constant_series_has_no_correlation(self) -> None:
        """A constant side gives NaN r and no best lag."""
        result = lead_lag(np.ones(10), LAG, max_lag=2)
        assert np.isnan(result.correlation).all()
        assert result.best_lag is None


class TestLeadLagResult:
    def test_best_lag_is_none_without_a_significant_lag(self) -> None:
        """Independent noise gives no best lag, and describe() says so."""
        rng = np.random.default_rng(3)
        result = lead_lag(rng.normal(size=12), rng.normal(size=12), max_lag=2)
        assert not result.significant.any()
        assert result.best_lag is None
        assert result.describe().startswith("No significant correlation")

    def test_best_lag_ties_go_to_the_shorter_lag(self) -> None:
        """Two lags with equal |r| give the shorter one."""
        result = LeadLagResult(
            method="fisher",
            alpha=0.05,
            lags=np.arange(3),
            correlation=np.array([0.2, 0.9, -0.9]),
            lower=np.zeros(3),
            upper=np.ones(3),
            p_value=np.array([0.5, 0.001, 0.001]),
            pairs=np.full(3, 20),
            permutations=0,
        )
        assert result.best_lag == 1

    def test_describe_names_the_permutation_null_band(self) -> None:
        """For permutations, describe() speaks of a null band and the number of shuffles."""
        result = lead_lag(LEAD, LAG, max_lag=2, method="permutation", rng=1)
        assert "null band" in result.describe()
        assert "999 permutations" in result.describe()

    def test_describe_lag_zero_says_together(self) -> None:
        """A best lag of 0 reads as moving together."""
        lead, outcome = known_lag(0)
        assert "together with the outcome" in lead_lag(lead, outcome, max_lag=2).describe()

    @pytest.mark.parametrize("method", LEAD_LAG_METHODS)
    def test_arrays_are_read_only(self, method: str) -> None:
        """The result's arrays cannot be written."""
        result = lead_lag(LEAD, LAG, max_lag=2, method=method)
        assert not result.correlation.flags.writeable
        assert not result.lags.flags.writeable
