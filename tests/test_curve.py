"""Tests for lscbqa.indicators.curve: turn_the_curve, curve_many, CurveResult, CurveTable, Verdict.

References used as oracles:

- statsmodels ``OLS(y, add_constant(t)).fit().get_prediction(...).summary_frame(alpha)``,
  columns ``mean``, ``obs_ci_lower``, ``obs_ci_upper``: the linear method's forecast and
  prediction interval (t with n - 2 degrees of freedom), and with a constant only, the
  mean method's (Hahn and Meeker, Statistical Intervals, 1991, section 4.6).
- statsmodels ``Holt(..., damped_trend=True)`` with fixed parameters and known initial
  states: damped Holt point forecasts; statsmodels ``ETSModel`` (error="add",
  trend="add", damped_trend=True) for the shape of the interval over the horizon
  (Hyndman et al. 2008, class 1 forecast variance).
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lscbqa.exceptions import NotFoundError, ValidationError
from lscbqa.indicators import Band, Indicator, Panel, Polarity, Series, _curve_fit
from lscbqa.indicators.curve import (
    METHODS,
    CurveResult,
    CurveTable,
    Verdict,
    curve_many,
    turn_the_curve,
)

FloatArray = npt.NDArray[np.float64]

# A worked example: a board's rate of re-referrals, six quarters of baseline, two after.
WORKED = np.array([20.0, 22.0, 21.0, 23.0, 24.0, 23.0, 30.0, 31.0])


def statsmodels_linear(
    values: FloatArray, baseline_end: int, horizon: int, alpha: float
) -> FloatArray:
    """Forecast, lower and upper from statsmodels OLS on the non-missing baseline points."""
    import statsmodels.api as sm

    time = np.arange(baseline_end, dtype=np.float64)
    present = ~np.isnan(values[:baseline_end])
    future = np.arange(baseline_end, baseline_end + horizon, dtype=np.float64)
    fit = sm.OLS(values[:baseline_end][present], sm.add_constant(time[present])).fit()
    frame = fit.get_prediction(sm.add_constant(future, has_constant="add")).summary_frame(alpha)
    return np.asarray(frame[["mean", "obs_ci_lower", "obs_ci_upper"]].to_numpy().T)


def statsmodels_mean(values: FloatArray, baseline_end: int, horizon: int, alpha: float) -> Any:
    """Forecast, lower and upper from statsmodels OLS on a constant alone."""
    import statsmodels.api as sm

    baseline = values[:baseline_end][~np.isnan(values[:baseline_end])]
    fit = sm.OLS(baseline, np.ones((len(baseline), 1))).fit()
    frame = fit.get_prediction(np.ones((horizon, 1))).summary_frame(alpha)
    return frame[["mean", "obs_ci_lower", "obs_ci_upper"]].to_numpy().T


def statsmodels_holt(values: FloatArray, result: CurveResult, horizon: int) -> tuple[Any, float]:
    """Damped Holt forecasts and SSE from statsmodels with the parameters ``result`` chose."""
    from statsmodels.tsa.holtwinters import Holt

    parameters = result.parameters
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = Holt(
            values[: result.baseline_end],
            damped_trend=True,
            initialization_method="known",
            initial_level=parameters["initial_level"],
            initial_trend=parameters["initial_trend"],
        )
        fit = model.fit(
            smoothing_level=parameters["smoothing_level"],
            smoothing_trend=parameters["smoothing_trend"],
            damping_trend=parameters["damping_trend"],
            optimized=False,
        )
        return fit.forecast(horizon), float(fit.sse)


def close(ours: FloatArray, theirs: FloatArray, scale: float) -> bool:
    """Equal within 1e-9 relative, to the value or to the data's scale (near zero)."""
    return bool(np.allclose(ours, theirs, rtol=1e-9, atol=1e-9 * scale))


@st.composite
def baseline_series(draw: st.DrawFn, minimum: int = 3, *, gaps: bool = True) -> tuple[Any, int]:
    """A series of 3-30 baseline values (some missing) and 0-6 values after it."""
    baseline_end = draw(st.integers(minimum, 30))
    after = draw(st.integers(0, 6))
    values = draw(
        st.lists(
            st.floats(-1000, 1000, allow_nan=False) | st.integers(-50, 50).map(float),
            min_size=baseline_end + after,
            max_size=baseline_end + after,
        )
    )
    array = np.array(values)
    if gaps:
        missing = draw(st.lists(st.integers(0, baseline_end + after - 1), max_size=4))
        array[missing] = np.nan
        if (~np.isnan(array[:baseline_end])).sum() < minimum:
            array[:baseline_end] = np.nan_to_num(array[:baseline_end], nan=1.5)
    return array, baseline_end


class TestTurnTheCurve:
    def test_linear_matches_statsmodels_on_the_worked_example(self) -> None:
        """Linear forecast and interval equal statsmodels' mean and obs_ci columns."""
        result = turn_the_curve(WORKED, baseline_end=6, horizon=4)
        expected = statsmodels_linear(WORKED, 6, 4, 0.05)
        assert close(np.array([result.forecast, result.lower, result.upper]), expected, 30)

    def test_linear_matches_statsmodels_at_another_alpha(self) -> None:
        """alpha sets the interval: a 80% interval equals statsmodels' at alpha 0.2."""
        result = turn_the_curve(WORKED, baseline_end=6, alpha=0.2)
        expected = statsmodels_linear(WORKED, 6, 2, 0.2)
        assert close(np.array([result.forecast, result.lower, result.upper]), expected, 30)

    def test_linear_skips_missing_baseline_values_keeping_their_time(self) -> None:
        """A missing baseline value is left out of the fit; the others keep their times."""
        values = WORKED.copy()
        values[2] = np.nan
        result = turn_the_curve(values, baseline_end=6)
        expected = statsmodels_linear(values, 6, 2, 0.05)
        assert close(np.array([result.forecast, result.lower, result.upper]), expected, 30)
        assert result.baseline_count == 5

    @settings(max_examples=80)
    @given(baseline_series())
    def test_linear_matches_statsmodels_on_generated_series(self, drawn: tuple[Any, int]) -> None:
        """On any series, the linear forecast and interval equal statsmodels' within 1e-9."""
        values, baseline_end = drawn
        horizon = max(len(values) - baseline_end, 1)
        result = turn_the_curve(values, baseline_end=baseline_end, horizon=horizon)
        expected = statsmodels_linear(values, baseline_end, horizon, 0.05)
        scale = float(np.nanmax(np.abs(values[:baseline_end]))) + 1.0
        assert close(np.array([result.forecast, result.lower, result.upper]), expected, scale)

    def test_mean_matches_statsmodels_constant_model(self) -> None:
        """Mean forecast +- t(n-1) s sqrt(1 + 1/n) equals OLS on a constant (statsmodels)."""
        result = turn_the_curve(WORKED, baseline_end=6, method="mean", horizon=3)
        expected = statsmodels_mean(WORKED, 6, 3, 0.05)
        assert close(np.array([result.forecast, result.lower, result.upper]), expected, 30)

    @settings(max_examples=50)
    @given(baseline_series(minimum=2))
    def test_mean_matches_statsmodels_on_generated_series(self, drawn: tuple[Any, int]) -> None:
        """On any series, the mean method's interval equals statsmodels' within 1e-9."""
        values, baseline_end = drawn
        result = turn_the_curve(values, baseline_end=baseline_end, method="mean", horizon=2)
        expected = statsmodels_mean(values, baseline_end, 2, 0.05)
        scale = float(np.nanmax(np.abs(values[:baseline_end]))) + 1.0
        assert close(np.array([result.forecast, result.lower, result.upper]), expected, scale)

    def test_holt_forecast_matches_statsmodels_with_the_chosen_parameters(self) -> None:
        """Damped Holt forecasts equal statsmodels Holt with the same fixed parameters."""
        values = 10 + 0.5 * np.arange(16) + np.random.default_rng(1).normal(0, 1, 16)
        result = turn_the_curve(values, baseline_end=12, method="holt", horizon=6)
        forecast, _ = statsmodels_holt(values, result, 6)
        assert close(result.forecast, forecast, 20)

    @settings(max_examples=25)
    @given(baseline_series(minimum=6, gaps=False))
    def test_holt_matches_statsmodels_on_generated_series(self, drawn: tuple[Any, int]) -> None:
        """On any complete baseline, Holt forecasts and SSE equal statsmodels' (same parameters)."""
        values, baseline_end = drawn
        result = turn_the_curve(values, baseline_end=baseline_end, method="holt", horizon=3)
        forecast, sse = statsmodels_holt(values, result, 3)
        scale = float(np.max(np.abs(values[:baseline_end]))) + 1.0
        assert close(result.forecast, forecast, scale)
        sigma = math.sqrt(sse / (baseline_end - _curve_fit.HOLT_PARAMETERS))
        assert math.isclose(result.parameters["sigma"], sigma, rel_tol=1e-9, abs_tol=1e-9 * scale)

    def test_holt_chooses_the_grid_point_of_least_sse(self) -> None:
        """The chosen (alpha, beta, phi) has the least one-step SSE on the grid (statsmodels)."""
        from statsmodels.tsa.holtwinters import Holt

        values = 40 - 0.8 * np.arange(14) + np.random.default_rng(3).normal(0, 2, 14)
        result = turn_the_curve(values, baseline_end=14, method="holt", horizon=1)
        slope = result.parameters["initial_trend"]
        intercept = result.parameters["initial_level"] + result.parameters["damping_trend"] * slope
        errors = []
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for a, b, phi in zip(*_curve_fit.holt_grid(), strict=True):
                model = Holt(
                    values,
                    damped_trend=True,
                    initialization_method="known",
                    initial_level=intercept - phi * slope,
                    initial_trend=slope,
                )
                fit = model.fit(
                    smoothing_level=a, smoothing_trend=b, damping_trend=phi, optimized=False
                )
                errors.append((fit.sse, a, b, phi))
        best = min(errors)
        chosen = tuple(
            result.parameters[name]
            for name in ("smoothing_level", "smoothing_trend", "damping_trend")
        )
        assert chosen == best[1:]

    def test_holt_interval_grows_as_ets_model_says(self) -> None:
        """Holt's interval widens over the horizon in the ratios of statsmodels' ETSModel."""
        import pandas as pd
        from statsmodels.tsa.exponential_smoothing.ets import ETSModel

        values = 10 + 0.5 * np.arange(12) + np.random.default_rng(1).normal(0, 1, 12)
        result = turn_the_curve(values, baseline_end=12, method="holt", horizon=6)
        p = result.parameters
        model = ETSModel(
            pd.Series(values),
            error="add",
            trend="add",
            damped_trend=True,
            initialization_method="known",
            initial_level=p["initial_level"],
            initial_trend=p["initial_trend"],
        )
        # ETSModel's trend gain is the state-space beta = alpha * beta (smoothing form).
        fitted = model.smooth(
            [p["smoothing_level"], p["smoothing_level"] * p["smoothing_trend"], p["damping_trend"]]
        )
        frame = fitted.get_prediction(start=12, end=17).summary_frame(alpha=0.05)
        theirs = (frame["pi_upper"] - frame["mean"]).to_numpy()
        ours = result.upper - result.forecast
        assert close(frame["mean"].to_numpy(), result.forecast, 20)
        assert close(ours / ours[0], theirs / theirs[0], 1)

    def test_holt_runs_the_state_on_over_a_missing_value(self) -> None:
        """A missing Holt baseline value adds no error and updates the state by its forecast."""
        values = 10 + 0.5 * np.arange(12) + np.random.default_rng(5).normal(0, 1, 12)
        values[5] = np.nan
        result = turn_the_curve(values, baseline_end=12, method="holt", horizon=2)
        p = result.parameters
        a, b, phi = p["smoothing_level"], p["smoothing_trend"], p["damping_trend"]
        level, trend, sse = p["initial_level"], p["initial_trend"], 0.0
        for value in values:  # the smoothing equations, written out (Gardner and McKenzie 1985)
            predicted = level + phi * trend
            if math.isnan(value):
                level, trend = predicted, phi * trend
                continue
            sse += (value - predicted) ** 2
            new_level = a * value + (1 - a) * predicted
            trend = b * (new_level - level) + (1 - b) * phi * trend
            level = new_level
        expected = [level + phi * trend, level + (phi + phi**2) * trend]
        assert close(result.forecast, np.array(expected), 20)
        assert math.isclose(p["sigma"] ** 2, sse / (11 - 5), rel_tol=1e-9)

    @pytest.mark.parametrize(("method", "needed"), [("linear", 3), ("mean", 2), ("holt", 6)])
    def test_too_few_baseline_points_is_a_validation_error(self, method: str, needed: int) -> None:
        """Fewer non-missing baseline points than the method needs names the path and counts."""
        values = [1.0, np.nan, *range(needed - 1), 7.0]
        with pytest.raises(ValidationError) as caught:
            turn_the_curve(values, baseline_end=needed, method=method)
        assert caught.value.paths == ("$.values",)
        assert f"at least {needed} non-missing" in str(caught.value)
        assert f"found {needed - 1} of {needed}" in str(caught.value)

    def test_observed_missing_value_gets_the_missing_verdict(self) -> None:
        """A NaN after the baseline is judged missing, not on the baseline."""
        result = turn_the_curve([10, 11, 13, 12, 14, 15, np.nan, 30], baseline_end=6)
        assert result.verdicts == (Verdict.MISSING, Verdict.TURNED)

    def test_horizon_beyond_the_data_forecasts_ahead(self) -> None:
        """A horizon past the data gives that many forecasts and verdicts only where observed."""
        result = turn_the_curve([10, 11, 13, 12, 14, 15, 17], baseline_end=6, horizon=3)
        assert result.forecast.shape == (3,)
        assert len(result.verdicts) == 1

    def test_horizon_shorter_than_the_data_judges_only_forecast_periods(self) -> None:
        """A horizon of 1 judges only the first period after the baseline."""
        result = turn_the_curve([10, 11, 13, 12, 14, 15, 17, 40], baseline_end=6, horizon=1)
        assert result.verdicts == (Verdict.ON_BASELINE,)

    def test_whole_series_as_baseline_needs_a_horizon(self) -> None:
        """With nothing after the baseline and no horizon, the error asks for one."""
        with pytest.raises(ValidationError) as caught:
            turn_the_curve([10, 11, 13, 12, 14, 15], baseline_end=6)
        assert caught.value.paths == ("$.horizon",)

    @pytest.mark.parametrize("baseline_end", [0, 9, 2.5, True])
    def test_baseline_end_out_of_range_is_rejected(self, baseline_end: Any) -> None:
        """baseline_end must be an integer from 1 to the series' length."""
        with pytest.raises(ValidationError) as caught:
            turn_the_curve([1, 2, 3, 4, 5], baseline_end=baseline_end)
        assert caught.value.paths == ("$.baseline_end",)

    @pytest.mark.parametrize(
        ("options", "path"),
        [
            ({"method": "cubic"}, "$.method"),
            ({"alpha": 1.5}, "$.alpha"),
            ({"polarity": "sideways"}, "$.polarity"),
            ({"polarity": "within_band"}, "$.band"),
            ({"polarity": "within_band", "band": (5, 1)}, "$.band"),
            ({"confirm": 0}, "$.confirm"),
            ({"horizon": 0}, "$.horizon"),
        ],
    )
    def test_invalid_options_name_their_path(self, options: dict[str, Any], path: str) -> None:
        """Each invalid option is a ValidationError at its own path."""
        with pytest.raises(ValidationError) as caught:
            turn_the_curve([1, 2, 3, 4, 5], baseline_end=4, **options)
        assert caught.value.paths == (path,)

    @pytest.mark.parametrize(
        ("values", "path"),
        [(["a", "b"], "$.values"), ([1, 2, np.inf, 4], "$.values[2]"), ([[1, 2]], "$.values")],
    )
    def test_invalid_values_name_their_path(self, values: Any, path: str) -> None:
        """Text, infinities and 2-D arrays are rejected with the offending path."""
        with pytest.raises(ValidationError) as caught:
            turn_the_curve(values, baseline_end=1)
        assert caught.value.paths == (path,)

    def test_lower_is_better_turns_when_below_the_interval(self) -> None:
        """With lower_is_better, a value below the interval has turned, above is worse."""
        result = turn_the_curve(
            [10, 11, 12, 13, 14, 15, 8, 25], baseline_end=6, polarity="lower_is_better"
        )
        assert result.verdicts == (Verdict.TURNED, Verdict.WORSE)

    def test_an_indicator_lends_its_polarity_and_band(self) -> None:
        """An Indicator's polarity (and band) sets the verdict rule."""
        values = [10, 11, 13, 12, 14, 15, 8]
        lower = Indicator(id="rereferrals", title="Re-referrals", polarity="lower_is_better")
        banded = Indicator(
            id="repeat_plans",
            title="Repeat plans",
            polarity="within_band",
            band=Band(low=5, high=9),
        )
        assert turn_the_curve(values, baseline_end=6, polarity=lower).verdicts == (Verdict.TURNED,)
        result = turn_the_curve(values, baseline_end=6, polarity=banded)
        assert result.verdicts == (Verdict.TURNED,)
        assert result.band == (5.0, 9.0)

    def test_polarity_enum_is_accepted(self) -> None:
        """A Polarity member works as its string does."""
        values = [10, 11, 13, 12, 14, 15, 8]
        ours = turn_the_curve(values, baseline_end=6, polarity=Polarity.LOWER_IS_BETTER)
        assert ours.polarity == "lower_is_better"
        assert ours.verdicts == (Verdict.TURNED,)

    @pytest.mark.parametrize(
        ("observed", "verdict"),
        [
            (12.0, Verdict.TURNED),  # inside the band; the interval lies wholly above it
            (17.5, Verdict.TURNED),  # nearer the band than any value of the interval
            (40.0, Verdict.WORSE),  # further from the band than any value of the interval
            (20.0, Verdict.ON_BASELINE),
            (-30.0, Verdict.WORSE),  # far below the band: further than the interval
        ],
    )
    def test_within_band_judges_distance_to_the_band(
        self, observed: float, verdict: Verdict
    ) -> None:
        """within_band: nearer the band than the whole interval turned, further worse."""
        result = turn_the_curve(
            [20, 19, 21, 20, 19, 21, observed],
            baseline_end=6,
            method="mean",
            polarity="within_band",
            band=(5, 15),
        )
        assert result.lower[0] > 15
        assert result.verdicts == (verdict,)

    def test_within_band_inside_the_band_stays_on_baseline(self) -> None:
        """When forecast interval and observation both lie in the band, it is on the baseline."""
        result = turn_the_curve(
            [10, 11, 9, 10, 11, 9, 10.5], baseline_end=6, polarity="within_band", band=(0, 100)
        )
        assert result.verdicts == (Verdict.ON_BASELINE,)

    @settings(max_examples=60)
    @given(baseline_series(minimum=6), st.sampled_from(METHODS), st.booleans())
    def test_flipping_sign_and_polarity_keeps_the_verdicts(
        self, drawn: tuple[Any, int], method: str, banded: bool
    ) -> None:
        """Negating the data and swapping polarity (or mirroring the band) keeps the verdicts."""
        values, baseline_end = drawn
        options: dict[str, Any] = {"baseline_end": baseline_end, "method": method, "horizon": 6}
        if banded:
            ours = turn_the_curve(values, polarity="within_band", band=(-3, 40), **options)
            flipped = turn_the_curve(-values, polarity="within_band", band=(-40, 3), **options)
        else:
            ours = turn_the_curve(values, polarity="higher_is_better", **options)
            flipped = turn_the_curve(-values, polarity="lower_is_better", **options)
        assert ours.verdicts == flipped.verdicts
        assert ours.status == flipped.status

    def test_inputs_are_not_mutated_and_results_are_read_only(self) -> None:
        """The caller's array is unchanged and the result's arrays cannot be written."""
        values = WORKED.copy()
        result = turn_the_curve(values, baseline_end=6)
        assert np.array_equal(values, WORKED)
        with pytest.raises(ValueError, match="read-only"):
            result.forecast[0] = 0.0


class TestVerdict:
    def test_verdicts_compare_equal_to_their_strings(self) -> None:
        """Each verdict equals its plain string."""
        assert [str(v) for v in Verdict] == ["worse", "on_baseline", "turned", "missing"]
        assert Verdict.ON_BASELINE == "on_baseline"

    def test_codes_are_positions(self) -> None:
        """A verdict's code is its position, as stored in CurveTable.codes."""
        assert [v.code for v in Verdict] == [0, 1, 2, 3]


class TestCurveResult:
    def test_status_needs_the_last_confirm_periods_to_agree(self) -> None:
        """The curve has turned only when the last `confirm` observed periods all turned."""
        values = [10, 11, 13, 12, 14, 15, 30, 31, 17]
        assert turn_the_curve(values, baseline_end=6).status == Verdict.ON_BASELINE
        assert turn_the_curve(values[:8], baseline_end=6).status == Verdict.TURNED
        assert turn_the_curve(values[:8], baseline_end=6, confirm=3).status == Verdict.MISSING

    def test_status_skips_missing_periods(self) -> None:
        """Missing periods neither count nor break a run of turned periods."""
        result = turn_the_curve([10, 11, 13, 12, 14, 15, 30, np.nan, 32, np.nan], baseline_end=6)
        assert result.status == Verdict.TURNED
        assert result.last_verdict == Verdict.TURNED

    def test_status_worse_when_the_last_periods_are_worse(self) -> None:
        """Two periods below the interval (higher is better) make the summary worse."""
        result = turn_the_curve([10, 11, 13, 12, 14, 15, 30, 5, 4], baseline_end=6)
        assert result.status == Verdict.WORSE
        assert not result.has_turned

    def test_counts_list_every_verdict(self) -> None:
        """counts has every verdict, zeros included, adding up to the verdicts."""
        result = turn_the_curve([10, 11, 13, 12, 14, 15, 30, np.nan, 17], baseline_end=6)
        assert dict(result.counts) == {"worse": 0, "on_baseline": 1, "turned": 1, "missing": 1}

    def test_last_verdict_is_none_without_observations(self) -> None:
        """With only missing values after the baseline there is no last verdict."""
        result = turn_the_curve([10, 11, 13, 12, 14, 15, np.nan], baseline_end=6)
        assert result.last_verdict is None
        assert "too early to say" in result.describe()

    def test_describe_says_worse(self) -> None:
        """describe() words a worse summary."""
        result = turn_the_curve([10, 11, 13, 12, 14, 15, 30, 5, 4], baseline_end=6)
        assert "worse than the baseline" in result.describe()


class TestCurveMany:
    @settings(max_examples=60)
    @given(
        st.sampled_from(METHODS),
        st.integers(1, 4),
        st.integers(1, 3),
        st.integers(6, 20),
        st.integers(0, 4),
        st.integers(0, 2**32 - 1),
        st.sampled_from(["higher_is_better", "lower_is_better", "within_band"]),
    )
    def test_equals_turn_the_curve_on_every_series(
        self,
        method: str,
        rows: int,
        columns: int,
        baseline_end: int,
        after: int,
        seed: int,
        polarity: str,
    ) -> None:
        """curve_many gives every series exactly the numbers of turn_the_curve."""
        rng = np.random.default_rng(seed)
        values = rng.normal(0, 1, (rows, columns, baseline_end + after)).cumsum(axis=-1)
        values[rng.random(values.shape) < 0.1] = np.nan
        values[..., :6] = np.nan_to_num(values[..., :6], nan=0.5)
        options: dict[str, Any] = {
            "baseline_end": baseline_end,
            "method": method,
            "horizon": 3,
            "polarity": polarity,
            "band": (-1, 1) if polarity == "within_band" else None,
        }
        table = curve_many(values, **options)
        for index in np.ndindex(rows, columns):
            single = turn_the_curve(values[index], **options)
            many = table.result(*index)
            for name in ("forecast", "lower", "upper", "observed"):
                np.testing.assert_array_equal(getattr(many, name), getattr(single, name))
            assert many.verdicts == single.verdicts
            assert many.parameters == single.parameters
            assert table.status[index] == single.status.code

    def test_arrays_have_the_leading_shape(self) -> None:
        """Forecasts are (..., horizon), codes (..., verdicts), status and parameters (...)."""
        values = np.arange(2 * 3 * 10, dtype=float).reshape(2, 3, 10)
        table = curve_many(values, baseline_end=8, horizon=5)
        assert table.forecast.shape == (2, 3, 5)
        assert table.codes.shape == (2, 3, 2)
        assert table.status.shape == (2, 3)
        assert table.parameters["slope"].shape == (2, 3)

    def test_one_series_has_an_empty_leading_shape(self) -> None:
        """A 1-D array is one series: shape () and result() with no positions."""
        table = curve_many(WORKED, baseline_end=6)
        assert table.shape == ()
        assert table.result().verdicts == turn_the_curve(WORKED, baseline_end=6).verdicts

    def test_names_every_series_with_too_few_points(self) -> None:
        """Each series with too few baseline values is a problem at its own path."""
        values = np.tile(np.arange(6.0), (2, 2, 1))
        values[0, 1, :3] = np.nan
        values[1, 0, 1:4] = np.nan
        with pytest.raises(ValidationError) as caught:
            curve_many(values, baseline_end=4)
        assert caught.value.paths == ("$.values[0][1]", "$.values[1][0]")

    def test_caps_the_problems_listed(self) -> None:
        """Beyond ten short series, one more problem counts the rest."""
        values = np.full((15, 6), np.nan)
        with pytest.raises(ValidationError) as caught:
            curve_many(values, baseline_end=4)
        assert len(caught.value.problems) == 11
        assert "5 more series" in str(caught.value)

    @pytest.mark.parametrize("method", METHODS)
    def test_no_series_gives_empty_arrays(self, method: str) -> None:
        """An array with no series gives empty arrays of the right shape."""
        table = curve_many(np.zeros((2, 0, 10)), baseline_end=8, method=method)
        assert table.forecast.shape == (2, 0, 2)
        assert table.counts()["turned"] == 0

    def test_rejects_a_single_number(self) -> None:
        """A 0-D value is not a series."""
        with pytest.raises(ValidationError):
            curve_many(3.0, baseline_end=1)


class TestCurveTable:
    def test_verdicts_and_counts_follow_the_codes(self) -> None:
        """verdicts spells the codes; counts tallies them over all series."""
        table = curve_many(
            [[10, 11, 13, 12, 14, 15, 30], [10, 11, 13, 12, 14, 15, np.nan]], baseline_end=6
        )
        assert table.verdicts.tolist() == [["turned"], ["missing"]]
        assert dict(table.counts()) == {"worse": 0, "on_baseline": 0, "turned": 1, "missing": 1}

    def test_result_by_label(self) -> None:
        """With labels, result() takes an area and an indicator id."""
        table = attrs.evolve(
            curve_many(np.arange(24.0).reshape(2, 1, 12), baseline_end=10),
            labels=(("north", "south"), ("rereferrals",)),
        )
        assert table.result("south", "rereferrals").forecast[0] == pytest.approx(22.0)

    @pytest.mark.parametrize("index", [(5,), ("east",), (0, 0)])
    def test_result_of_an_unknown_series_is_not_found(self, index: tuple[Any, ...]) -> None:
        """An out-of-range position, an unknown label or a wrong arity is NotFoundError."""
        table = curve_many(np.arange(24.0).reshape(2, 12), baseline_end=10)
        with pytest.raises(NotFoundError):
            table.result(*index)

    def test_arrays_are_read_only(self) -> None:
        """The table's arrays cannot be written."""
        table = curve_many(np.arange(24.0).reshape(2, 12), baseline_end=10)
        assert not table.codes.flags.writeable
        assert isinstance(table, CurveTable)


QUARTERS = [f"{2021 + i // 4}-Q{i % 4 + 1}" for i in range(8)]


class TestSeriesAndPanel:
    def test_series_baseline_may_end_at_a_period_label(self) -> None:
        """For a Series, baseline_end may be the last baseline period's label."""
        series = Series(values=WORKED, periods=QUARTERS)
        by_label = turn_the_curve(series, baseline_end="2022-Q2")
        by_count = turn_the_curve(WORKED, baseline_end=6)
        np.testing.assert_array_equal(by_label.forecast, by_count.forecast)
        assert by_label.verdicts == by_count.verdicts

    def test_series_names_the_forecast_periods_beyond_its_data(self) -> None:
        """Forecast periods past the data are named by shifting the last period."""
        series = Series(values=WORKED, periods=QUARTERS)
        result = turn_the_curve(series, baseline_end=6, horizon=4)
        assert [period.label for period in result.periods] == [
            "2022-Q3",
            "2022-Q4",
            "2023-Q1",
            "2023-Q2",
        ]

    def test_unknown_baseline_period_is_not_found(self) -> None:
        """A baseline period the series lacks is NotFoundError."""
        series = Series(values=WORKED, periods=QUARTERS)
        with pytest.raises(NotFoundError):
            turn_the_curve(series, baseline_end="2030-Q1")

    def test_arrays_have_no_periods(self) -> None:
        """Plain arrays give results without periods."""
        assert turn_the_curve(WORKED, baseline_end=6).periods == ()

    def test_panel_polarity_per_indicator(self) -> None:
        """A panel takes one polarity per indicator; each series is judged by its own."""
        values = np.stack([np.stack([WORKED, -WORKED])] * 2)
        panel = Panel(
            values=values, areas=["north", "south"], indicators=["up", "down"], periods=QUARTERS
        )
        table = curve_many(
            panel,
            baseline_end="2022-Q2",
            polarity={"up": "higher_is_better", "down": "lower_is_better"},
        )
        assert table.verdicts.tolist() == [[["turned", "turned"]] * 2] * 2
        assert dict(table.polarity) == {"up": "higher_is_better", "down": "lower_is_better"}
        single = turn_the_curve(
            panel.series("south", "down"), baseline_end=6, polarity="lower_is_better"
        )
        result = table.result("south", "down")
        np.testing.assert_array_equal(result.upper, single.upper)
        assert result.polarity == single.polarity
        assert result.periods == single.periods

    def test_panel_polarity_mapping_must_cover_every_indicator(self) -> None:
        """A mapping missing an indicator, or naming an unknown one, is a ValidationError."""
        panel = Panel(values=WORKED[None, None, :], areas=["a"], indicators=["x"], periods=QUARTERS)
        with pytest.raises(ValidationError) as caught:
            curve_many(panel, baseline_end=6, polarity={"y": "lower_is_better"})
        assert caught.value.paths == ("$.polarity",)

    def test_panel_polarity_mapping_entries_are_checked(self) -> None:
        """A bad polarity in the mapping names its indicator."""
        panel = Panel(values=WORKED[None, None, :], areas=["a"], indicators=["x"], periods=QUARTERS)
        with pytest.raises(ValidationError) as caught:
            curve_many(panel, baseline_end=6, polarity={"x": "upwards"})
        assert caught.value.paths == ("$.polarity.x",)

    def test_polarity_mapping_needs_a_panel(self) -> None:
        """Without a panel's indicator ids a mapping of polarities is a ValidationError."""
        with pytest.raises(ValidationError) as caught:
            curve_many(WORKED[None, :], baseline_end=6, polarity={"x": "lower_is_better"})
        assert caught.value.paths == ("$.polarity",)
