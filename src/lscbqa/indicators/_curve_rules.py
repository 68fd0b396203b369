"""Turning the curve, the shared computation: argument checks, polarity, verdict rules.

:func:`compute` fits every row of a ``(series, time)`` array, forecasts, and judges
the observed values after the baseline; ``turn_the_curve`` and ``curve_many`` both
call it, so one series and many get the same numbers. Verdicts are small integer
codes (positions in :data:`VERDICT_NAMES`); polarities are codes too, one per row,
so a panel can mix indicators of different polarities.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from lscbqa import _util
from lscbqa.exceptions import Problem, ValidationError
from lscbqa.indicators import _curve_fit
from lscbqa.measures import Indicator, Polarity

FloatArray = npt.NDArray[np.float64]
CodeArray = npt.NDArray[np.int8]

METHODS = ("linear", "mean", "holt")

VERDICT_NAMES = ("worse", "on_baseline", "turned", "missing")
WORSE, ON_BASELINE, TURNED, MISSING = (np.int8(code) for code in range(len(VERDICT_NAMES)))

POLARITY_NAMES = tuple(str(polarity) for polarity in Polarity)
_HIGHER, _LOWER, _BAND = (POLARITY_NAMES.index(name) for name in Polarity)
_NO_BAND = (math.nan, math.nan)
_MAX_PROBLEMS = 10

PolarityLike = str | Indicator
"""A polarity: its name (a :class:`Polarity` is one), or an indicator to take it from."""


# -- polarity ----------------------------------------------------------------------------------


def polarity_of(
    polarity: object, band: object, path: str = "$.polarity"
) -> tuple[str, tuple[float, float]]:
    """A polarity's name and band ((NaN, NaN) unless within_band), from a name or an Indicator."""
    if isinstance(polarity, Indicator):
        if band is None and polarity.band is not None:
            band = (polarity.band.low, polarity.band.high)
        polarity = polarity.polarity
    if not isinstance(polarity, str) or str(polarity) not in POLARITY_NAMES:
        expected = ", ".join(repr(name) for name in POLARITY_NAMES)
        _util.fail(
            path, f"expected one of {expected} or an Indicator; found {_util.found(polarity)}"
        )
    name = str(polarity)
    if name != Polarity.WITHIN_BAND:
        return name, _NO_BAND
    if band is None:
        _util.fail(
            "$.band",
            "expected a band (low, high) for polarity 'within_band': pass band= or an "
            "Indicator with a band; found nothing (null)",
        )
    try:
        low, high = (float(bound) for bound in band)  # type: ignore[attr-defined]
    except (TypeError, ValueError):
        _util.fail("$.band", f"expected two numbers (low, high); found {_util.found(band)}")
    if not (math.isfinite(low) and math.isfinite(high) and low <= high):
        _util.fail("$.band", f"expected finite numbers with low <= high; found ({low}, {high})")
    return name, (low, high)


@attrs.frozen(kw_only=True, eq=False)
class Polarities:
    """The polarity of every series: as given (``stated``), and as codes and bands per row."""

    stated: str | _util.FrozenDict[str, str]
    codes: CodeArray
    bands: FloatArray


def polarities(
    polarity: object, band: object, leading: tuple[int, ...], indicators: tuple[str, ...] | None
) -> Polarities:
    """One polarity for every series, or one per indicator (axis 1 of a panel's series)."""
    rows = math.prod(leading)
    if not isinstance(polarity, Mapping):
        name, bounds = polarity_of(polarity, band)
        return Polarities(
            stated=name,
            codes=np.full(rows, POLARITY_NAMES.index(name), dtype=np.int8),
            bands=np.tile(np.array(bounds), (rows, 1)),
        )
    if indicators is None:
        _util.fail(
            "$.polarity",
            "expected one polarity; a mapping of indicator ids to polarities needs a Panel; "
            f"found {_util.found(polarity)}",
        )
    missing = [indicator for indicator in indicators if indicator not in polarity]
    unknown = [key for key in polarity if key not in indicators]
    if missing or unknown:
        _util.fail(
            "$.polarity",
            f"expected a polarity for each of the panel's indicators {list(indicators)}; "
            f"missing {missing}, unknown {unknown}",
        )
    named = [
        polarity_of(polarity[indicator], band, _util.join_path("$.polarity", indicator))
        for indicator in indicators
    ]
    codes = np.array([POLARITY_NAMES.index(name) for name, _ in named], dtype=np.int8)
    bands = np.array([bounds for _, bounds in named], dtype=np.float64).reshape(-1, 2)
    shape = (*leading, 2)
    return Polarities(
        stated=_util.FrozenDict(
            (indicator, name) for indicator, (name, _) in zip(indicators, named, strict=True)
        ),
        codes=np.broadcast_to(codes[None, :], leading).reshape(rows),
        bands=np.broadcast_to(bands[None, :, :], shape).reshape(rows, 2),
    )


# -- checking the arguments --------------------------------------------------------------------


def check_options(method: str, alpha: float, confirm: int) -> None:
    """Raise a ValidationError at the path of the first invalid option."""
    if method not in METHODS:
        expected = ", ".join(repr(name) for name in METHODS)
        _util.fail("$.method", f"expected one of {expected}; found {_util.found(method)}")
    if isinstance(alpha, bool) or not isinstance(alpha, int | float) or not 0 < alpha < 1:
        _util.fail("$.alpha", f"expected a number between 0 and 1; found {_util.found(alpha)}")
    if isinstance(confirm, bool) or not isinstance(confirm, int) or confirm < 1:
        _util.fail("$.confirm", f"expected an integer >= 1; found {_util.found(confirm)}")


def as_values(values: object) -> FloatArray:
    """The values as a float64 array (a copy, never a view of the caller's array)."""
    try:
        array = np.array(values, dtype=np.float64)
    except (TypeError, ValueError):
        _util.fail("$.values", f"expected numbers (NaN for missing); found {_util.found(values)}")
    infinite = np.argwhere(np.isinf(array))
    if len(infinite):
        where = _util.join_path("$.values", *(int(i) for i in infinite[0]))
        _util.fail(where, f"expected a finite number or NaN; found {array[tuple(infinite[0])]}")
    return array


def split(length: int, baseline_end: object, horizon: object) -> tuple[int, int, int]:
    """Check ``baseline_end`` and ``horizon``: (baseline end, horizon, number of verdicts)."""
    if isinstance(baseline_end, bool) or not isinstance(baseline_end, int | np.integer):
        _util.fail("$.baseline_end", f"expected an integer; found {_util.found(baseline_end)}")
    end = int(baseline_end)
    if not 1 <= end <= length:
        _util.fail(
            "$.baseline_end",
            f"expected a number of baseline points from 1 to {length} (the series' length); "
            f"found {end}",
        )
    after = length - end
    if horizon is None:
        if after == 0:
            _util.fail(
                "$.horizon",
                "expected a horizon: the baseline takes the whole series, so there is no "
                "period after it to forecast; pass horizon= to forecast ahead",
            )
        return end, after, after
    if isinstance(horizon, bool) or not isinstance(horizon, int | np.integer) or horizon < 1:
        _util.fail("$.horizon", f"expected an integer >= 1 or None; found {_util.found(horizon)}")
    return end, int(horizon), min(int(horizon), after)


def _enough_points(baseline: FloatArray, method: str, leading: tuple[int, ...]) -> None:
    """Raise, naming every series (the first ten) whose baseline has too few points."""
    needed = _curve_fit.MINIMUM_POINTS[method]
    counts = (~np.isnan(baseline)).sum(axis=1)
    short = np.flatnonzero(counts < needed)
    if not len(short):
        return
    problems = []
    for flat in short[:_MAX_PROBLEMS]:
        index = (int(i) for i in np.unravel_index(flat, leading)) if leading else ()
        problems.append(
            Problem(
                _util.join_path("$.values", *index),
                f"expected at least {needed} non-missing baseline values for method "
                f"{method!r}; found {counts[flat]} of {baseline.shape[1]}",
            )
        )
    if len(short) > _MAX_PROBLEMS:
        problems.append(
            Problem("$.values", f"... and {len(short) - _MAX_PROBLEMS} more series like these")
        )
    raise ValidationError(problems)


# -- verdicts ----------------------------------------------------------------------------------


def _band_distance(values: FloatArray, low: FloatArray, high: FloatArray) -> FloatArray:
    distance: FloatArray = np.maximum(np.maximum(low - values, values - high), 0.0)
    return distance


def verdict_codes(
    observed: FloatArray, lower: FloatArray, upper: FloatArray, polarity: Polarities
) -> CodeArray:
    """Verdict codes of observed values against their intervals, all ``(series, periods)``."""
    codes = polarity.codes[:, None]
    higher, lower_better = codes == _HIGHER, codes == _LOWER
    turned = (higher & (observed > upper)) | (lower_better & (observed < lower))
    worse = (higher & (observed < lower)) | (lower_better & (observed > upper))
    banded = polarity.codes == _BAND
    if banded.any():
        # Nearer the band than any value of the interval is turned; further than any, worse.
        low, high = polarity.bands[banded, :1], polarity.bands[banded, 1:]
        seen, below, above = observed[banded], lower[banded], upper[banded]
        distance = _band_distance(seen, low, high)
        nearest = np.maximum(np.maximum(low - above, below - high), 0.0)
        furthest = np.maximum(_band_distance(below, low, high), _band_distance(above, low, high))
        turned[banded] = distance < nearest
        worse[banded] = distance > furthest
    result = np.full(observed.shape, ON_BASELINE, dtype=np.int8)
    result[turned] = TURNED
    result[worse] = WORSE
    result[np.isnan(observed)] = MISSING
    return result


def status_codes(codes: CodeArray, confirm: int) -> CodeArray:
    """Summary per row: the verdict shared by the last ``confirm`` observed periods."""
    present = codes != MISSING
    from_end = np.cumsum(present[..., ::-1], axis=-1)[..., ::-1]
    last = present & (from_end <= confirm)
    enough = present.sum(axis=-1) >= confirm
    status = np.full(codes.shape[:-1], ON_BASELINE, dtype=np.int8)
    status[enough & np.all(~last | (codes == TURNED), axis=-1)] = TURNED
    status[enough & np.all(~last | (codes == WORSE), axis=-1)] = WORSE
    status[~enough] = MISSING
    return status


# -- the shared computation ----------------------------------------------------------------------


@attrs.frozen(kw_only=True, eq=False)
class Computed:
    """Every series' forecast, interval, verdicts and fit, as ``(series, ...)`` arrays."""

    forecast: FloatArray
    lower: FloatArray
    upper: FloatArray
    observed: FloatArray
    codes: CodeArray
    status: CodeArray
    baseline_count: npt.NDArray[np.int64]
    parameters: dict[str, FloatArray]


def compute(
    rows: FloatArray,
    leading: tuple[int, ...],
    *,
    baseline_end: int,
    horizon: int,
    verdict_count: int,
    method: str,
    alpha: float,
    polarity: Polarities,
    confirm: int,
) -> Computed:
    """Fit, forecast and judge every row of a (series, time) array."""
    baseline = rows[:, :baseline_end]
    _enough_points(baseline, method, leading)
    fit = _curve_fit.FITS[method](baseline, horizon, alpha)
    lower, upper = fit.forecast - fit.half_width, fit.forecast + fit.half_width
    observed = rows[:, baseline_end : baseline_end + verdict_count]
    codes = verdict_codes(observed, lower[:, :verdict_count], upper[:, :verdict_count], polarity)
    return Computed(
        forecast=fit.forecast,
        lower=lower,
        upper=upper,
        observed=observed,
        codes=codes,
        status=status_codes(codes, confirm),
        baseline_count=(~np.isnan(baseline)).sum(axis=1),
        parameters=fit.parameters,
    )


def readonly(array: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """A read-only copy of an array."""
    array = np.array(array, copy=True)
    array.flags.writeable = False
    return array
