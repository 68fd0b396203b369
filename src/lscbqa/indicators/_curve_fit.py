"""Vectorised baseline fits for turning the curve: linear trend, mean, damped Holt.

Every function takes the baseline as a 2-D float array ``(series, time)`` with NaN
for missing values, and returns the forecast and the half-width of the prediction
interval as ``(series, horizon)`` arrays for the ``horizon`` periods that follow the
baseline, with the fitted parameters. One series is a one-row array, so the
function for one series and the function for many are the same code.

Time is the position in the series (0, 1, 2, ...): a missing value keeps its place,
so a gap in the baseline leaves the trend's time scale unchanged.
"""

from __future__ import annotations

import attrs
import numpy as np
import numpy.typing as npt
from scipy import stats

FloatArray = npt.NDArray[np.float64]

# Fewest non-missing baseline points each method needs: a line needs 3 for one
# residual degree of freedom, a mean 2, damped Holt 6 (one more than its five
# parameters: alpha, beta, phi, initial level, initial trend).
MINIMUM_POINTS = {"linear": 3, "mean": 2, "holt": 6}

# The grid searched for damped Holt's smoothing parameters (see docs/curve.md).
HOLT_ALPHAS = (0.1, 0.2, 0.3, 0.5, 0.7, 0.9)
HOLT_BETAS = (0.05, 0.1, 0.2, 0.4)
HOLT_PHIS = (0.8, 0.9, 0.98)
HOLT_PARAMETERS = 5
# Series per chunk in the Holt grid search: bounds memory at chunk x grid floats.
_HOLT_CHUNK = 4096


@attrs.frozen(kw_only=True, eq=False)
class Fit:
    """Forecasts and interval half-widths ``(series, horizon)``; parameters ``(series,)``."""

    forecast: FloatArray
    half_width: FloatArray
    parameters: dict[str, FloatArray]


def _t_quantile(alpha: float, df: npt.NDArray[np.int64]) -> FloatArray:
    """Student's t quantile 1 - alpha/2 for each degrees of freedom (computed once per value)."""
    unique, inverse = np.unique(df, return_inverse=True)
    quantiles = np.asarray(stats.t.ppf(1.0 - alpha / 2.0, unique), dtype=np.float64)
    return quantiles[inverse].reshape(df.shape)


def _centred(baseline: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """Counts, mean time, mean value and the centred values (0 where missing)."""
    present = ~np.isnan(baseline)
    count = present.sum(axis=1)
    time = np.arange(baseline.shape[1], dtype=np.float64)
    mean_time = (present * time).sum(axis=1) / count
    values = np.where(present, baseline, 0.0)
    mean_value = values.sum(axis=1) / count
    centred = np.where(present, baseline - mean_value[:, None], 0.0)
    return count.astype(np.float64), mean_time, mean_value, centred


def _line(baseline: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    """OLS of value on time per row: intercept (at time 0), slope, Sxx and mean time."""
    present = ~np.isnan(baseline)
    _, mean_time, mean_value, centred = _centred(baseline)
    time = np.arange(baseline.shape[1], dtype=np.float64)
    time_centred = np.where(present, time - mean_time[:, None], 0.0)
    sxx = (time_centred**2).sum(axis=1)
    slope = (time_centred * centred).sum(axis=1) / sxx
    intercept = mean_value - slope * mean_time
    return intercept, slope, sxx, mean_time


def fit_linear(baseline: FloatArray, horizon: int, alpha: float) -> Fit:
    """OLS trend; prediction interval with t on n - 2 degrees of freedom."""
    present = ~np.isnan(baseline)
    count, mean_time, _, centred = _centred(baseline)
    intercept, slope, sxx, _ = _line(baseline)
    time = np.arange(baseline.shape[1], dtype=np.float64)
    residuals = np.where(present, centred - slope[:, None] * (time - mean_time[:, None]), 0.0)
    variance = (residuals**2).sum(axis=1) / (count - 2.0)
    future = np.arange(baseline.shape[1], baseline.shape[1] + horizon, dtype=np.float64)
    forecast = intercept[:, None] + slope[:, None] * future
    leverage = 1.0 + 1.0 / count[:, None] + (future - mean_time[:, None]) ** 2 / sxx[:, None]
    quantile = _t_quantile(alpha, count.astype(np.int64) - 2)
    half_width = quantile[:, None] * np.sqrt(variance[:, None] * leverage)
    return Fit(
        forecast=forecast,
        half_width=half_width,
        parameters={"intercept": intercept, "slope": slope, "sigma": np.sqrt(variance)},
    )


def fit_mean(baseline: FloatArray, horizon: int, alpha: float) -> Fit:
    """Mean of the baseline; prediction interval mean +- t(n-1) s sqrt(1 + 1/n)."""
    count, _, mean_value, centred = _centred(baseline)
    variance = (centred**2).sum(axis=1) / (count - 1.0)
    quantile = _t_quantile(alpha, count.astype(np.int64) - 1)
    width = quantile * np.sqrt(variance * (1.0 + 1.0 / count))
    return Fit(
        forecast=np.repeat(mean_value[:, None], horizon, axis=1),
        half_width=np.repeat(width[:, None], horizon, axis=1),
        parameters={"mean": mean_value, "sigma": np.sqrt(variance)},
    )


def holt_grid() -> tuple[FloatArray, FloatArray, FloatArray]:
    """Every (alpha, beta, phi) of the grid, as three flat arrays in search order."""
    alphas, betas, phis = np.meshgrid(HOLT_ALPHAS, HOLT_BETAS, HOLT_PHIS, indexing="ij")
    return alphas.ravel(), betas.ravel(), phis.ravel()


def _holt_chunk(baseline: FloatArray, horizon: int, alpha: float) -> Fit:
    alphas, betas, phis = holt_grid()
    intercept, slope, _, _ = _line(baseline)
    # Initial state: the trend is the baseline's OLS slope, and the level is chosen so
    # that the first one-step forecast (level + phi * trend) is the OLS line at time 0.
    trend = np.broadcast_to(slope[:, None], (len(slope), len(alphas))).copy()
    level = intercept[:, None] - phis * trend
    initial_level, initial_trend = level.copy(), trend.copy()
    sse = np.zeros_like(level)
    gain = alphas * betas
    for column in baseline.T:
        predicted = level + phis * trend
        error = column[:, None] - predicted
        missing = np.isnan(error)
        error[missing] = 0.0  # a missing value updates nothing: the state runs on
        sse += error**2
        level = predicted + alphas * error
        trend = phis * trend + gain * error
    best = np.argmin(sse, axis=1)
    rows = np.arange(len(best))
    a, b, phi = alphas[best], betas[best], phis[best]
    level_end, trend_end = level[rows, best], trend[rows, best]
    steps = np.arange(1, horizon + 1, dtype=np.float64)
    # The sums phi^1 + ... + phi^h, and the forecast-error weights
    # c_j = alpha + alpha * beta * phi (1 - phi^j) / (1 - phi) (Hyndman et al. 2008, table 6.1).
    damped = phi[:, None] * (1.0 - phi[:, None] ** steps) / (1.0 - phi[:, None])
    forecast = level_end[:, None] + damped * trend_end[:, None]
    weights = a[:, None] + a[:, None] * b[:, None] * damped
    cumulative = np.concatenate(
        [np.zeros((len(best), 1)), np.cumsum(weights[:, :-1] ** 2, axis=1)], axis=1
    )
    count = (~np.isnan(baseline)).sum(axis=1).astype(np.float64)
    variance = sse[rows, best] / (count - HOLT_PARAMETERS)
    quantile = float(stats.norm.ppf(1.0 - alpha / 2.0))
    half_width = quantile * np.sqrt(variance[:, None] * (1.0 + cumulative))
    return Fit(
        forecast=forecast,
        half_width=half_width,
        parameters={
            "smoothing_level": a,
            "smoothing_trend": b,
            "damping_trend": phi,
            "initial_level": initial_level[rows, best],
            "initial_trend": initial_trend[rows, best],
            "sigma": np.sqrt(variance),
        },
    )


def fit_holt(baseline: FloatArray, horizon: int, alpha: float) -> Fit:
    """Damped Holt linear trend, parameters by grid search on the one-step SSE."""
    chunks = [
        _holt_chunk(baseline[start : start + _HOLT_CHUNK], horizon, alpha)
        for start in range(0, max(len(baseline), 1), _HOLT_CHUNK)
    ]
    if len(chunks) == 1:
        return chunks[0]
    return Fit(
        forecast=np.concatenate([chunk.forecast for chunk in chunks]),
        half_width=np.concatenate([chunk.half_width for chunk in chunks]),
        parameters={
            name: np.concatenate([chunk.parameters[name] for chunk in chunks])
            for name in chunks[0].parameters
        },
    )


FITS = {"linear": fit_linear, "mean": fit_mean, "holt": fit_holt}
