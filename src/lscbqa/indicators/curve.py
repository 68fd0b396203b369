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
from collections.abc import Mapping, Sequence

import attrs
import numpy as np
import numpy.typing as npt

from lscbqa import _util
from lscbqa.exceptions import NotFoundError
from lscbqa.indicators import _curve_rules as rules
from lscbqa.indicators._curve_rules import METHODS, PolarityLike
from lscbqa.indicators.series import Panel, Series
from lscbqa.periods import Period

__all__ = ["METHODS", "CurveResult", "CurveTable", "Verdict", "curve_many", "turn_the_curve"]

FloatArray = npt.NDArray[np.float64]
CodeArray = npt.NDArray[np.int8]


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
        return rules.VERDICT_NAMES.index(self.value)


_VERDICTS = tuple(Verdict)


def _band(bounds: FloatArray) -> tuple[float, float] | None:
    return None if np.isnan(bounds[0]) else (float(bounds[0]), float(bounds[1]))


def _forecast_periods(
    periods: tuple[Period, ...], baseline_end: int, horizon: int
) -> tuple[Period, ...]:
    """The periods forecast: the data's own, then later ones named by shifting the last."""
    inside = periods[baseline_end : baseline_end + horizon]
    beyond = horizon - len(inside)
    if not periods or (beyond and periods[-1].kind is None):
        return ()
    return (*inside, *(periods[-1].shift(step) for step in range(1, beyond + 1)))


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
    periods : tuple of Period
        For a :class:`~lscbqa.indicators.Series`, the forecast periods (those
        after the data named by shifting its last period); else empty.

    Examples
    --------
    >>> result = turn_the_curve([10, 11, 13, 12, 14, 15, 11], baseline_end=6)
    >>> result.forecast.round(2), result.verdicts
    (array([15.8]), (<Verdict.WORSE: 'worse'>,))
    """

    method: str
    alpha: float
    polarity: str
    band: tuple[float, float] | None
    baseline_end: int
    baseline_count: int
    forecast: FloatArray = attrs.field(converter=rules.readonly, repr=False)
    lower: FloatArray = attrs.field(converter=rules.readonly, repr=False)
    upper: FloatArray = attrs.field(converter=rules.readonly, repr=False)
    observed: FloatArray = attrs.field(converter=rules.readonly, repr=False)
    verdicts: tuple[Verdict, ...]
    confirm: int
    parameters: _util.FrozenDict[str, float] = attrs.field(converter=_util.to_frozendict)
    periods: tuple[Period, ...] = ()

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
        return _VERDICTS[int(rules.status_codes(codes, self.confirm))]

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
    values: Series | npt.ArrayLike,
    *,
    baseline_end: int | Period | str,
    horizon: int | None = None,
    method: str = "linear",
    alpha: float = 0.05,
    polarity: PolarityLike = "higher_is_better",
    band: tuple[float, float] | None = None,
    confirm: int = 2,
) -> CurveResult:
    r"""Forecast the baseline of one series and judge each later period against it.

    Parameters
    ----------
    values : Series or array-like of float
        One series in time order, NaN for a missing value.
    baseline_end : int, Period or str
        The number of leading points that form the baseline; for a Series, also
        the last baseline period (or its label, such as ``"2024-Q4"``).
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
    NotFoundError
        If ``baseline_end`` names a period the series does not have.

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

    A Series names its periods, and the baseline may end at one:

    >>> from lscbqa.indicators import Series
    >>> series = Series(values=[20, 22, 21, 23, 24, 23, 30, 31],
    ...                 periods=[f"{2022 + i // 4}-Q{i % 4 + 1}" for i in range(8)])
    >>> result = turn_the_curve(series, baseline_end="2023-Q2", horizon=3)
    >>> [period.label for period in result.periods]
    ['2023-Q3', '2023-Q4', '2024-Q1']
    """
    rules.check_options(method, alpha, confirm)
    periods: tuple[Period, ...] = ()
    if isinstance(values, Series):
        periods = values.periods
        if isinstance(baseline_end, Period | str):
            baseline_end = values.index_of(baseline_end) + 1
        values = values.values
    array = rules.as_values(values)
    if array.ndim != 1:
        _util.fail("$.values", f"expected one series (1-D); found an array of shape {array.shape}")
    settings = _Settings(method=method, alpha=float(alpha), confirm=confirm)
    return _table(array, baseline_end, horizon, settings, polarity, band, periods).result()


@attrs.frozen(kw_only=True, eq=False)
class CurveTable:
    """Turning the curve for many series at once: arrays whose leading axes index the series.

    Build one with :func:`curve_many`. For values of shape ``(..., periods)``
    the leading shape ``(...)`` is :attr:`shape`; forecasts are ``(..., horizon)``,
    verdict codes ``(..., verdicts)``.

    Attributes
    ----------
    method, alpha, baseline_end, confirm
        As for :class:`CurveResult`.
    polarity : str or FrozenDict of str to str
        The polarity of every series, or of each indicator of a panel.
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
        For a panel, its areas and its indicators (the leading axes); else empty.
    periods : tuple of Period
        For a panel, the forecast periods; else empty.

    Examples
    --------
    >>> import numpy as np
    >>> baseline = [10, 11, 13, 12, 14, 15]
    >>> table = curve_many(np.array([baseline + [30], baseline + [17]]), baseline_end=6)
    >>> table.shape, table.verdicts.tolist()
    ((2,), [['turned'], ['on_baseline']])
    """

    method: str
    alpha: float
    polarity: str | _util.FrozenDict[str, str]
    baseline_end: int
    confirm: int
    forecast: FloatArray = attrs.field(converter=rules.readonly, repr=False)
    lower: FloatArray = attrs.field(converter=rules.readonly, repr=False)
    upper: FloatArray = attrs.field(converter=rules.readonly, repr=False)
    observed: FloatArray = attrs.field(converter=rules.readonly, repr=False)
    codes: CodeArray = attrs.field(converter=rules.readonly, repr=False)
    status: CodeArray = attrs.field(converter=rules.readonly, repr=False)
    baseline_count: npt.NDArray[np.int64] = attrs.field(converter=rules.readonly, repr=False)
    parameters: _util.FrozenDict[str, FloatArray] = attrs.field(
        converter=_util.to_frozendict, repr=False
    )
    labels: tuple[tuple[str, ...], ...] = ()
    periods: tuple[Period, ...] = ()
    _polarity_codes: CodeArray = attrs.field(
        converter=rules.readonly, repr=False, alias="polarity_codes"
    )
    _bands: FloatArray = attrs.field(converter=rules.readonly, repr=False, alias="bands")

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
        return np.asarray(rules.VERDICT_NAMES)[self.codes]

    @property
    def has_turned(self) -> npt.NDArray[np.bool_]:
        """Whether each series' curve has turned (:attr:`status` is turned).

        Examples
        --------
        >>> baseline = [10, 11, 13, 12, 14, 15]
        >>> curve_many([baseline + [30, 31], baseline + [30, 17]], baseline_end=6).has_turned
        array([ True, False])
        """
        return np.asarray(self.status == rules.TURNED)

    def counts(self) -> _util.FrozenDict[str, int]:
        """How many periods of all series got each verdict.

        Examples
        --------
        >>> baseline = [10, 11, 13, 12, 14, 15]
        >>> dict(curve_many([baseline + [30], baseline + [17]], baseline_end=6).counts())
        {'worse': 0, 'on_baseline': 1, 'turned': 1, 'missing': 0}
        """
        tally = np.bincount(self.codes.ravel(), minlength=len(rules.VERDICT_NAMES))
        return _util.FrozenDict(
            (name, int(count)) for name, count in zip(rules.VERDICT_NAMES, tally, strict=True)
        )

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
        where = self._position(index)
        return CurveResult(
            method=self.method,
            alpha=self.alpha,
            polarity=rules.POLARITY_NAMES[int(self._polarity_codes[where])],
            band=_band(self._bands[where]),
            baseline_end=self.baseline_end,
            baseline_count=int(self.baseline_count[where]),
            forecast=self.forecast[where],
            lower=self.lower[where],
            upper=self.upper[where],
            observed=self.observed[where],
            verdicts=tuple(_VERDICTS[code] for code in self.codes[where]),
            confirm=self.confirm,
            parameters={name: float(value[where]) for name, value in self.parameters.items()},
            periods=self.periods,
        )

    def _position(self, index: Sequence[int | str]) -> tuple[int, ...]:
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
        return tuple(positions)


def curve_many(
    values: Panel | npt.ArrayLike,
    *,
    baseline_end: int | Period | str,
    horizon: int | None = None,
    method: str = "linear",
    alpha: float = 0.05,
    polarity: PolarityLike | Mapping[str, PolarityLike] = "higher_is_better",
    band: tuple[float, float] | None = None,
    confirm: int = 2,
) -> CurveTable:
    """Turn the curve for every series at once, with the numbers of :func:`turn_the_curve`.

    Parameters
    ----------
    values : Panel or array-like of float
        A panel (areas x indicators x periods), or any array whose last axis
        is time; NaN for a missing value.
    baseline_end : int, Period or str
        The number of baseline points; for a panel, also the last baseline
        period or its label.
    polarity : str, Indicator, or mapping of str to either
        One polarity for every series, or (for a panel) one per indicator id.
    horizon, method, alpha, band, confirm
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
    NotFoundError
        If ``baseline_end`` names a period the panel does not have.

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

    A panel's indicators may differ in polarity:

    >>> from lscbqa.indicators import Panel
    >>> panel = Panel(values=values[:2, :2], areas=["north", "south"],
    ...               indicators=["rereferrals", "assessments"],
    ...               periods=[f"{2021 + i // 4}-Q{i % 4 + 1}" for i in range(12)])
    >>> table = curve_many(panel, baseline_end="2022-Q4", polarity={
    ...     "rereferrals": "lower_is_better", "assessments": "higher_is_better"})
    >>> table.result("south", "rereferrals").polarity
    'lower_is_better'
    """
    rules.check_options(method, alpha, confirm)
    periods: tuple[Period, ...] = ()
    labels: tuple[tuple[str, ...], ...] = ()
    if isinstance(values, Panel):
        periods, labels = values.periods, (values.areas, values.indicators)
        if isinstance(baseline_end, Period | str):
            baseline_end = values.index_of_period(baseline_end) + 1
        values = values.values
    array = rules.as_values(values)
    if array.ndim < 1:
        _util.fail("$.values", "expected an array whose last axis is time; found a single number")
    settings = _Settings(method=method, alpha=float(alpha), confirm=confirm)
    return _table(array, baseline_end, horizon, settings, polarity, band, periods, labels)


@attrs.frozen(kw_only=True)
class _Settings:
    method: str
    alpha: float
    confirm: int


def _table(
    array: FloatArray,
    baseline_end: object,
    horizon: object,
    settings: _Settings,
    polarity: object,
    band: object,
    periods: tuple[Period, ...] = (),
    labels: tuple[tuple[str, ...], ...] = (),
) -> CurveTable:
    """Turn the curve for every series of ``array`` (last axis time)."""
    leading = array.shape[:-1]
    indicators = labels[1] if len(labels) == 2 else None
    polarities = rules.polarities(polarity, band, leading, indicators)
    end, horizon, verdict_count = rules.split(array.shape[-1], baseline_end, horizon)
    computed = rules.compute(
        array.reshape(-1, array.shape[-1]),
        leading,
        baseline_end=end,
        horizon=horizon,
        verdict_count=verdict_count,
        method=settings.method,
        alpha=settings.alpha,
        polarity=polarities,
        confirm=settings.confirm,
    )
    return CurveTable(
        method=settings.method,
        alpha=settings.alpha,
        polarity=polarities.stated,
        baseline_end=end,
        confirm=settings.confirm,
        labels=labels,
        periods=_forecast_periods(periods, end, horizon),
        forecast=computed.forecast.reshape(*leading, horizon),
        lower=computed.lower.reshape(*leading, horizon),
        upper=computed.upper.reshape(*leading, horizon),
        observed=computed.observed.reshape(*leading, verdict_count),
        codes=computed.codes.reshape(*leading, verdict_count),
        status=computed.status.reshape(leading),
        baseline_count=computed.baseline_count.reshape(leading),
        parameters={name: value.reshape(leading) for name, value in computed.parameters.items()},
        polarity_codes=polarities.codes.reshape(leading),
        bands=polarities.bands.reshape(*leading, 2),
    )
