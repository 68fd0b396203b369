"""Turning the curve (Outcomes Based Accountability): a baseline forecast, its interval, a verdict.

A baseline is the history of an indicator plus a forecast of where the line goes if
nothing changes. The curve has turned when the observed values do better than that
forecast, beyond the uncertainty of the forecast. :func:`turn_the_curve` does one
series; :func:`curve_many` does every series of an array or a panel at once, with the
same numbers. See ``docs/curve.md`` for the formulas, the verdict rules and references.

Examples
--------
>>> from lscbqa.indicators.curve import turn_the_curve
>>> result = turn_the_curve([30, 31, 33, 34, 36, 37, 30, 29], baseline_end=6,
...                         polarity="lower_is_better")
>>> [str(verdict) for verdict in result.verdicts], str(result.status)
(['turned', 'turned'], 'turned')
"""

from __future__ import annotations

import enum
import math
from typing import Any, Protocol

import attrs
import numpy as np
import numpy.typing as npt

from lscbqa import _util
from lscbqa.exceptions import NotFoundError, Problem, ValidationError
from lscbqa.indicators import _curve_fit

__all__ = ["METHODS", "CurveResult", "CurveTable", "Verdict", "curve_many", "turn_the_curve"]

FloatArray = npt.NDArray[np.float64]
CodeArray = npt.NDArray[np.int8]

METHODS = ("linear", "mean", "holt")
"""The baseline forecasts: OLS trend, mean, damped Holt linear trend."""

_POLARITIES = ("higher_is_better", "lower_is_better", "within_band")
_MAX_PROBLEMS = 10


class Verdict(enum.StrEnum):
    """How an observed value compares with the baseline forecast.

    ``TURNED``: better than the forecast, beyond the prediction interval;
    ``ON_BASELINE``: within the interval; ``WORSE``: worse than the forecast,
    beyond the interval; ``MISSING``: no observed value (NaN). Being a
    ``StrEnum``, a verdict compares equal to its string.

    Examples
    --------
    >>> Verdict.TURNED == "turned", Verdict("worse").code
    (True, 0)
    """

    WORSE = "worse"
    ON_BASELINE = "on_baseline"
    TURNED = "turned"
    MISSING = "missing"

    @property
    def code(self) -> int:
        """The verdict's small-integer code in :attr:`CurveTable.codes` (its position here).

        Examples
        --------
        >>> [verdict.code for verdict in Verdict]
        [0, 1, 2, 3]
        """
        return _VERDICTS.index(self)


_VERDICTS = tuple(Verdict)
_WORSE, _ON_BASELINE, _TURNED, _MISSING = (np.int8(verdict.code) for verdict in _VERDICTS)


class _HasPolarity(Protocol):
    """An indicator, as far as turning the curve needs it."""

    @property
    def polarity(self) -> str: ...

    @property
    def band(self) -> Any: ...


def _readonly(array: npt.NDArray[Any]) -> npt.NDArray[Any]:
    array = np.array(array, copy=True)
    array.flags.writeable = False
    return array


# -- checking the arguments --------------------------------------------------------------------


def _polarity(polarity: object, band: tuple[float, float] | None) -> tuple[str, FloatArray]:
    """The polarity's plain value, and the band as a 2-array (NaN, NaN without one)."""
    if not isinstance(polarity, str) and hasattr(polarity, "polarity"):
        indicator_band = getattr(polarity, "band", None)
        if band is None and indicator_band is not None:
            band = (indicator_band.low, indicator_band.high)
        polarity = polarity.polarity
    if not isinstance(polarity, str) or str(polarity) not in _POLARITIES:
        expected = ", ".join(repr(name) for name in _POLARITIES)
        _util.fail(
            "$.polarity",
            f"expected one of {expected} or an Indicator; found {_util.found(polarity)}",
        )
    value = str(polarity)
    if value != "within_band":
        return value, np.array([np.nan, np.nan])
    if band is None:
        _util.fail(
            "$.band",
            "expected a band (low, high) for polarity 'within_band': pass band= or an "
            "Indicator with a band; found nothing (null)",
        )
    try:
        low, high = (float(bound) for bound in band)
    except (TypeError, ValueError):
        _util.fail("$.band", f"expected two numbers (low, high); found {_util.found(band)}")
    if not (math.isfinite(low) and math.isfinite(high) and low <= high):
        _util.fail("$.band", f"expected finite numbers with low <= high; found ({low}, {high})")
    return value, np.array([low, high])


def _options(method: str, alpha: float, confirm: int) -> None:
    if method not in METHODS:
        expected = ", ".join(repr(name) for name in METHODS)
        _util.fail("$.method", f"expected one of {expected}; found {_util.found(method)}")
    if isinstance(alpha, bool) or not isinstance(alpha, int | float) or not 0 < alpha < 1:
        _util.fail("$.alpha", f"expected a number between 0 and 1; found {_util.found(alpha)}")
    if isinstance(confirm, bool) or not isinstance(confirm, int) or confirm < 1:
        _util.fail("$.confirm", f"expected an integer >= 1; found {_util.found(confirm)}")


def _values(values: object) -> FloatArray:
    """The values as a float64 array (not a view of the caller's array)."""
    try:
        array = np.array(values, dtype=np.float64)
    except (TypeError, ValueError):
        _util.fail("$.values", f"expected numbers (NaN for missing); found {_util.found(values)}")
    infinite = np.argwhere(np.isinf(array))
    if len(infinite):
        where = _util.join_path("$.values", *(int(i) for i in infinite[0]))
        _util.fail(where, f"expected a finite number or NaN; found {array[tuple(infinite[0])]}")
    return array


def _split(length: int, baseline_end: int, horizon: int | None) -> tuple[int, int]:
    """Check ``baseline_end`` and ``horizon``; return the horizon and the number of verdicts."""
    if isinstance(baseline_end, bool) or not isinstance(baseline_end, int | np.integer):
        _util.fail("$.baseline_end", f"expected an integer; found {_util.found(baseline_end)}")
    if not 1 <= baseline_end <= length:
        _util.fail(
            "$.baseline_end",
            f"expected a number of baseline points from 1 to {length} (the series' length); "
            f"found {baseline_end}",
        )
    after = length - int(baseline_end)
    if horizon is None:
        if after == 0:
            _util.fail(
                "$.horizon",
                "expected a horizon: the baseline takes the whole series, so there is no "
                "period after it to forecast; pass horizon= to forecast ahead",
            )
        horizon = after
    elif isinstance(horizon, bool) or not isinstance(horizon, int | np.integer) or horizon < 1:
        _util.fail("$.horizon", f"expected an integer >= 1 or None; found {_util.found(horizon)}")
    return int(horizon), min(int(horizon), after)


def _enough_points(baseline: FloatArray, method: str, leading: tuple[int, ...]) -> None:
    """Raise, naming every series whose baseline has too few non-missing points."""
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


def _band_distance(values: FloatArray, band: FloatArray) -> FloatArray:
    distance: FloatArray = np.maximum(np.maximum(band[0] - values, values - band[1]), 0.0)
    return distance


def _verdict_codes(
    observed: FloatArray, lower: FloatArray, upper: FloatArray, polarity: str, band: FloatArray
) -> CodeArray:
    """Verdict codes for observed values against their intervals (same shapes)."""
    if polarity == "higher_is_better":
        turned, worse = observed > upper, observed < lower
    elif polarity == "lower_is_better":
        turned, worse = observed < lower, observed > upper
    else:
        # Nearer the band than any value of the interval is turned; further than any, worse.
        distance = _band_distance(observed, band)
        nearest = np.maximum(np.maximum(band[0] - upper, lower - band[1]), 0.0)
        furthest = np.maximum(_band_distance(lower, band), _band_distance(upper, band))
        turned, worse = distance < nearest, distance > furthest
    codes = np.full(observed.shape, _ON_BASELINE, dtype=np.int8)
    codes[turned] = _TURNED
    codes[worse] = _WORSE
    codes[np.isnan(observed)] = _MISSING
    return codes


def _status_codes(codes: CodeArray, confirm: int) -> CodeArray:
    """Summary per row: the verdict shared by the last ``confirm`` observed periods."""
    present = codes != _MISSING
    from_end = np.cumsum(present[..., ::-1], axis=-1)[..., ::-1]
    last = present & (from_end <= confirm)
    enough = present.sum(axis=-1) >= confirm
    status = np.full(codes.shape[:-1], _ON_BASELINE, dtype=np.int8)
    status[enough & np.all(~last | (codes == _TURNED), axis=-1)] = _TURNED
    status[enough & np.all(~last | (codes == _WORSE), axis=-1)] = _WORSE
    status[~enough] = _MISSING
    return status


# -- the shared computation ----------------------------------------------------------------------


@attrs.frozen(kw_only=True, eq=False)
class _Computed:
    forecast: FloatArray
    lower: FloatArray
    upper: FloatArray
    observed: FloatArray
    codes: CodeArray
    status: CodeArray
    counts: npt.NDArray[np.int64]
    parameters: dict[str, FloatArray]


def _compute(
    rows: FloatArray,
    leading: tuple[int, ...],
    *,
    baseline_end: int,
    horizon: int,
    verdict_count: int,
    method: str,
    alpha: float,
    polarity: str,
    band: FloatArray,
    confirm: int,
) -> _Computed:
    """Fit, forecast and judge every row of a (series, time) array."""
    baseline = rows[:, :baseline_end]
    _enough_points(baseline, method, leading)
    fit = _curve_fit.FITS[method](baseline, horizon, alpha)
    lower, upper = fit.forecast - fit.half_width, fit.forecast + fit.half_width
    observed = rows[:, baseline_end : baseline_end + verdict_count]
    codes = _verdict_codes(
        observed, lower[:, :verdict_count], upper[:, :verdict_count], polarity, band
    )
    return _Computed(
        forecast=fit.forecast,
        lower=lower,
        upper=upper,
        observed=observed,
        codes=codes,
        status=_status_codes(codes, confirm),
        counts=(~np.isnan(baseline)).sum(axis=1),
        parameters=fit.parameters,
    )


# -- one series --------------------------------------------------------------------------------


@attrs.frozen(kw_only=True, eq=False)
class CurveResult:
    """A baseline forecast with its prediction interval, and a verdict per observed period.

    Build one with :func:`turn_the_curve` (or :meth:`CurveTable.result`).

    Attributes
    ----------
    method, alpha, polarity : str, float, str
        The forecast method, the interval's alpha (a 1 - alpha interval) and the
        polarity that the verdicts respect.
    band : tuple of float or None
        The healthy band for polarity ``"within_band"``.
    baseline_end : int
        The number of leading points that form the baseline.
    baseline_count : int
        The non-missing baseline points the forecast was fitted to.
    forecast, lower, upper : ndarray of float
        One value per forecast period after the baseline (read-only).
    observed : ndarray of float
        The observed values compared with the forecast (NaN where missing).
    verdicts : tuple of Verdict
        One per observed period after the baseline, up to the horizon.
    confirm : int
        How many of the last observed periods must agree for :attr:`status`.
    parameters : FrozenDict of str to float
        The fitted parameters (see ``docs/curve.md``).

    Examples
    --------
    >>> result = turn_the_curve([10, 11, 12, 13, 14, 15, 11], baseline_end=6)
    >>> result.forecast.round(2), result.verdicts
    (array([16.]), (<Verdict.WORSE: 'worse'>,))
    """

    method: str
    alpha: float
    polarity: str
    band: tuple[float, float] | None
    baseline_end: int
    baseline_count: int
    forecast: FloatArray = attrs.field(converter=_readonly, repr=False)
    lower: FloatArray = attrs.field(converter=_readonly, repr=False)
    upper: FloatArray = attrs.field(converter=_readonly, repr=False)
    observed: FloatArray = attrs.field(converter=_readonly, repr=False)
    verdicts: tuple[Verdict, ...]
    confirm: int
    parameters: _util.FrozenDict[str, float] = attrs.field(converter=_util.to_frozendict)

    @property
    def counts(self) -> _util.FrozenDict[str, int]:
        """How many periods got each verdict (every verdict listed, zeros included).

        Examples
        --------
        >>> dict(turn_the_curve([10, 11, 13, 12, 14, 15, 30], baseline_end=6).counts)
        {'worse': 0, 'on_baseline': 0, 'turned': 1, 'missing': 0}
        """
        return _util.FrozenDict(
            (str(verdict), sum(1 for v in self.verdicts if v == verdict)) for verdict in Verdict
        )

    @property
    def last_verdict(self) -> Verdict | None:
        """The verdict of the last observed (non-missing) period; None if there is none.

        Examples
        --------
        >>> turn_the_curve([10, 11, 13, 12, 14, 15, 30, float("nan")], baseline_end=6).last_verdict
        <Verdict.TURNED: 'turned'>
        """
        observed = [verdict for verdict in self.verdicts if verdict != Verdict.MISSING]
        return observed[-1] if observed else None

    @property
    def status(self) -> Verdict:
        """The summary: the verdict shared by the last ``confirm`` observed periods.

        ``TURNED`` or ``WORSE`` when the last ``confirm`` observed periods all have
        that verdict; ``MISSING`` when fewer than ``confirm`` periods were observed;
        ``ON_BASELINE`` otherwise.

        Examples
        --------
        >>> turn_the_curve([10, 11, 13, 12, 14, 15, 30, 17], baseline_end=6).status
        <Verdict.ON_BASELINE: 'on_baseline'>
        """
        codes = np.array([verdict.code for verdict in self.verdicts], dtype=np.int8)
        return _VERDICTS[int(_status_codes(codes, self.confirm))]

    @property
    def has_turned(self) -> bool:
        """Whether the curve has turned: :attr:`status` is ``TURNED``.

        Examples
        --------
        >>> turn_the_curve([10, 11, 13, 12, 14, 15, 30, 31], baseline_end=6).has_turned
        True
        """
        return self.status == Verdict.TURNED

    def describe(self) -> str:
        """One sentence for a report: the verdicts counted and the summary.

        Examples
        --------
        >>> print(turn_the_curve([10, 11, 13, 12, 14, 15, 30, 31], baseline_end=6).describe())
        2 of 2 observed periods after the baseline: 2 turned, 0 on baseline, 0 worse;
        the curve has turned (the last 2 observed periods beat the linear forecast's
        95% interval).
        """
        counts = self.counts
        observed = len(self.verdicts) - counts["missing"]
        level = f"{(1 - self.alpha) * 100:g}%"
        sentence = (
            f"{observed} of {len(self.verdicts)} observed periods after the baseline: "
            f"{counts['turned']} turned, {counts['on_baseline']} on baseline, "
            f"{counts['worse']} worse; "
        )
        status = self.status
        last = f"the last {self.confirm} observed periods" if self.confirm > 1 else "the last one"
        if status == Verdict.TURNED:
            return sentence + (
                f"the curve has turned ({last} beat the {self.method} forecast's {level} interval)."
            )
        if status == Verdict.WORSE:
            return (
                sentence + f"worse than the baseline ({last} fell short of its {level} interval)."
            )
        if status == Verdict.MISSING:
            return sentence + f"too early to say (fewer than {self.confirm} observed)."
        return sentence + "the curve has not turned."


def turn_the_curve(
    values: object,
    *,
    baseline_end: int,
    horizon: int | None = None,
    method: str = "linear",
    alpha: float = 0.05,
    polarity: str | _HasPolarity = "higher_is_better",
    band: tuple[float, float] | None = None,
    confirm: int = 2,
) -> CurveResult:
    r"""Forecast the baseline of one series and judge each later period against it.

    Parameters
    ----------
    values : array-like of float
        One series in time order, NaN for a missing value.
    baseline_end : int
        The number of leading points that form the baseline.
    horizon : int, optional
        How many periods after the baseline to forecast; by default every
        period after the baseline. Verdicts cover the periods that are both
        observed and forecast.
    method : {"linear", "mean", "holt"}
        The baseline forecast: an OLS trend, the mean, or damped Holt.
    alpha : float
        The prediction interval covers 1 - alpha (0.05: a 95% interval).
    polarity : str or Indicator
        ``"higher_is_better"``, ``"lower_is_better"`` or ``"within_band"`` (a
        :class:`~lscbqa.measures.Polarity` is one of these), or an indicator
        whose ``polarity`` (and ``band``) to use.
    band : tuple of float, optional
        ``(low, high)``, the healthy band for ``"within_band"``; taken from the
        indicator when one is given.
    confirm : int
        How many of the last observed periods must share a verdict for the
        summary :attr:`CurveResult.status` to be that verdict.

    Returns
    -------
    CurveResult
        Forecast, interval, verdicts and summary.

    Raises
    ------
    ValidationError
        If an argument is invalid, or the baseline has too few non-missing
        values (3 for ``"linear"``, 2 for ``"mean"``, 6 for ``"holt"``).

    Notes
    -----
    Missing baseline values are left out of the fit and keep their place in
    time. For ``"linear"`` the forecast at time :math:`t_0` is
    :math:`a + b t_0` and the interval is
    :math:`\pm t_{n-2} s \sqrt{1 + 1/n + (t_0 - \bar t)^2 / S_{tt}}`, exactly
    the OLS prediction interval (statsmodels ``obs_ci_lower``/``obs_ci_upper``).
    ``docs/curve.md`` gives every formula and its reference.

    Examples
    --------
    >>> result = turn_the_curve([20, 22, 21, 23, 24, 23, 30, 31], baseline_end=6)
    >>> result.forecast.round(2), result.upper.round(2)
    (array([24.47, 25.12]), array([27.9 , 28.95]))
    >>> [str(v) for v in result.verdicts], result.has_turned
    (['turned', 'turned'], True)
    """
    _options(method, alpha, confirm)
    polarity_value, band_array = _polarity(polarity, band)
    array = _values(values)
    if array.ndim != 1:
        _util.fail("$.values", f"expected one series (1-D); found an array of shape {array.shape}")
    options = _Options(method=method, alpha=float(alpha), confirm=confirm)
    return _table(array, baseline_end, horizon, options, polarity_value, band_array).result()


# -- many series -------------------------------------------------------------------------------


@attrs.frozen(kw_only=True, eq=False)
class CurveTable:
    """Turning the curve for many series at once: arrays whose leading axes index the series.

    Build one with :func:`curve_many`. For values of shape ``(..., periods)``
    the leading shape ``(...)`` is :attr:`shape`; forecasts are ``(..., horizon)``,
    verdict codes ``(..., verdicts)``.

    Attributes
    ----------
    forecast, lower, upper : ndarray of float
        Shape ``(..., horizon)``.
    observed : ndarray of float
        The observed values judged, shape ``(..., verdicts)``.
    codes : ndarray of int8
        Verdict codes (:attr:`Verdict.code`: 0 worse, 1 on baseline, 2 turned,
        3 missing), shape ``(..., verdicts)``.
    status : ndarray of int8
        The summary verdict code of each series, shape ``(...)``.
    baseline_count : ndarray of int
        Non-missing baseline points of each series.
    parameters : FrozenDict of str to ndarray
        The fitted parameters, each of shape ``(...)``.
    labels : tuple of tuple of str
        For a panel, the areas and the indicators (the leading axes); else empty.

    Examples
    --------
    >>> import numpy as np
    >>> values = np.array([[10, 11, 13, 12, 14, 15, 30], [10, 11, 13, 12, 14, 15, 17]])
    >>> table = curve_many(values, baseline_end=6)
    >>> table.shape, table.verdicts.tolist()
    ((2,), [['turned'], ['on_baseline']])
    """

    method: str
    alpha: float
    polarity: str
    band: tuple[float, float] | None
    baseline_end: int
    confirm: int
    forecast: FloatArray = attrs.field(converter=_readonly, repr=False)
    lower: FloatArray = attrs.field(converter=_readonly, repr=False)
    upper: FloatArray = attrs.field(converter=_readonly, repr=False)
    observed: FloatArray = attrs.field(converter=_readonly, repr=False)
    codes: CodeArray = attrs.field(converter=_readonly, repr=False)
    status: CodeArray = attrs.field(converter=_readonly, repr=False)
    baseline_count: npt.NDArray[np.int64] = attrs.field(converter=_readonly, repr=False)
    parameters: _util.FrozenDict[str, FloatArray] = attrs.field(
        converter=_util.to_frozendict, repr=False
    )
    labels: tuple[tuple[str, ...], ...] = ()

    @property
    def shape(self) -> tuple[int, ...]:
        """The leading shape: one entry per series.

        Examples
        --------
        >>> curve_many(np.zeros((2, 3, 5)) + np.arange(5), baseline_end=4).shape
        (2, 3)
        """
        return tuple(self.status.shape)

    @property
    def verdicts(self) -> npt.NDArray[np.str_]:
        """The verdict codes as strings, same shape as :attr:`codes`.

        Examples
        --------
        >>> curve_many([[10, 11, 13, 12, 14, 15, float("nan")]], baseline_end=6).verdicts
        array([['missing']], dtype='<U11')
        """
        return np.asarray([str(verdict) for verdict in _VERDICTS])[self.codes]

    @property
    def has_turned(self) -> npt.NDArray[np.bool_]:
        """Whether each series' curve has turned (:attr:`status` is turned).

        Examples
        --------
        >>> baseline = [10, 11, 13, 12, 14, 15]
        >>> curve_many([baseline + [30, 31], baseline + [30, 17]], baseline_end=6).has_turned
        array([ True, False])
        """
        return np.asarray(self.status == _TURNED)

    def counts(self) -> _util.FrozenDict[str, int]:
        """How many periods of all series got each verdict.

        Examples
        --------
        >>> baseline = [10, 11, 13, 12, 14, 15]
        >>> dict(curve_many([baseline + [30], baseline + [17]], baseline_end=6).counts())
        {'worse': 0, 'on_baseline': 1, 'turned': 1, 'missing': 0}
        """
        tally = np.bincount(self.codes.ravel(), minlength=len(_VERDICTS))
        return _util.FrozenDict((str(verdict), int(tally[verdict.code])) for verdict in _VERDICTS)

    def result(self, *index: int | str) -> CurveResult:
        """The :class:`CurveResult` of one series, by position or (for a panel) by labels.

        Parameters
        ----------
        *index : int or str
            One position per leading axis; for a panel, an area and an indicator
            id may stand for their positions.

        Raises
        ------
        NotFoundError
            If a label is unknown or a position is out of range.

        Examples
        --------
        >>> baseline = [10, 11, 13, 12, 14, 15]
        >>> table = curve_many([baseline + [30], baseline + [17]], baseline_end=6)
        >>> table.result(1).verdicts
        (<Verdict.ON_BASELINE: 'on_baseline'>,)
        """
        shape = self.shape
        if len(index) != len(shape):
            raise NotFoundError(
                f"expected {len(shape)} positions (the table's shape is {shape}); found {index!r}"
            )
        positions = []
        for axis, (item, size) in enumerate(zip(index, shape, strict=True)):
            if isinstance(item, str):
                names = self.labels[axis] if axis < len(self.labels) else ()
                if item not in names:
                    known = ", ".join(repr(name) for name in names) or "none (no labels)"
                    raise NotFoundError(f"no {item!r} on axis {axis}; known: {known}")
                item = names.index(item)
            if not -size <= item < size:
                raise NotFoundError(f"position {item} is outside axis {axis} of size {size}")
            positions.append(item)
        where = tuple(positions)
        return CurveResult(
            method=self.method,
            alpha=self.alpha,
            polarity=self.polarity,
            band=self.band,
            baseline_end=self.baseline_end,
            baseline_count=int(self.baseline_count[where]),
            forecast=self.forecast[where],
            lower=self.lower[where],
            upper=self.upper[where],
            observed=self.observed[where],
            verdicts=tuple(_VERDICTS[code] for code in self.codes[where]),
            confirm=self.confirm,
            parameters={name: float(value[where]) for name, value in self.parameters.items()},
        )


def curve_many(
    values: object,
    *,
    baseline_end: int,
    horizon: int | None = None,
    method: str = "linear",
    alpha: float = 0.05,
    polarity: str | _HasPolarity = "higher_is_better",
    band: tuple[float, float] | None = None,
    confirm: int = 2,
) -> CurveTable:
    """Turn the curve for every series at once, with the numbers of :func:`turn_the_curve`.

    Parameters
    ----------
    values : array-like of float
        Any shape whose last axis is time, for example (areas, indicators,
        periods); NaN for a missing value.
    baseline_end, horizon, method, alpha, polarity, band, confirm
        As for :func:`turn_the_curve`, applied to every series.

    Returns
    -------
    CurveTable
        Arrays whose leading shape is the values' leading shape.

    Raises
    ------
    ValidationError
        If an argument is invalid; one problem per series (the first 10) whose
        baseline has too few non-missing values.

    Notes
    -----
    The linear and mean fits are closed-form sums over the time axis, computed
    for all series in one array operation; damped Holt runs its recursion along
    the time axis for all series and all grid points at once. Every series gets
    exactly the numbers :func:`turn_the_curve` gives it.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> values = 50 + np.arange(12) + rng.normal(0, 1, size=(3, 4, 12))
    >>> table = curve_many(values, baseline_end=8)
    >>> table.forecast.shape, table.codes.shape
    ((3, 4, 4), (3, 4, 4))
    """
    _options(method, alpha, confirm)
    polarity_value, band_array = _polarity(polarity, band)
    array = _values(values)
    if array.ndim < 1:
        _util.fail("$.values", "expected an array whose last axis is time; found a single number")
    options = _Options(method=method, alpha=float(alpha), confirm=confirm)
    return _table(array, baseline_end, horizon, options, polarity_value, band_array)


@attrs.frozen(kw_only=True)
class _Options:
    method: str
    alpha: float
    confirm: int


def _table(
    array: FloatArray,
    baseline_end: int,
    horizon: int | None,
    options: _Options,
    polarity: str,
    band: FloatArray,
    labels: tuple[tuple[str, ...], ...] = (),
) -> CurveTable:
    """Turn the curve for every series of ``array`` (last axis time)."""
    leading = array.shape[:-1]
    horizon, verdict_count = _split(array.shape[-1], baseline_end, horizon)
    computed = _compute(
        array.reshape(-1, array.shape[-1]),
        leading,
        baseline_end=int(baseline_end),
        horizon=horizon,
        verdict_count=verdict_count,
        method=options.method,
        alpha=options.alpha,
        polarity=polarity,
        band=band,
        confirm=options.confirm,
    )
    return CurveTable(
        method=options.method,
        alpha=options.alpha,
        polarity=polarity,
        band=None if np.isnan(band[0]) else (float(band[0]), float(band[1])),
        baseline_end=int(baseline_end),
        confirm=options.confirm,
        labels=labels,
        forecast=computed.forecast.reshape(*leading, horizon),
        lower=computed.lower.reshape(*leading, horizon),
        upper=computed.upper.reshape(*leading, horizon),
        observed=computed.observed.reshape(*leading, verdict_count),
        codes=computed.codes.reshape(*leading, verdict_count),
        status=computed.status.reshape(leading),
        baseline_count=computed.counts.reshape(leading),
        parameters={name: value.reshape(leading) for name, value in computed.parameters.items()},
    )
