"""Lead and lag: whether a lead indicator moves before the outcome, and by how many periods.

:func:`lead_lag` correlates the lead indicator with the outcome (the lag indicator)
``k`` periods later, for every ``k`` from 0 to ``max_lag``, with an interval for each
correlation, and names the lag at which the two move together most strongly. See
``docs/curve.md`` for the formulas, the caveats and references.

Examples
--------
>>> import numpy as np
>>> from lscbqa.indicators.leadlag import lead_lag
>>> rng = np.random.default_rng(0)
>>> training = rng.normal(size=40)
>>> outcome = np.concatenate([rng.normal(size=2), training[:-2]]) + rng.normal(0, 0.5, 40)
>>> lead_lag(training, outcome, max_lag=4).best_lag
2
"""

from __future__ import annotations

import attrs
import numpy as np
import numpy.typing as npt
from scipy import stats

from lscbqa import _util
from lscbqa.exceptions import Problem, ValidationError
from lscbqa.indicators._curve_rules import readonly
from lscbqa.indicators.series import Series

__all__ = ["LEAD_LAG_METHODS", "LeadLagResult", "lead_lag"]

FloatArray = npt.NDArray[np.float64]

LEAD_LAG_METHODS = ("fisher", "permutation")
"""How the interval and p-value of each correlation are found."""

# Fisher's z needs n - 3 > 0: at least 4 complete pairs for a correlation to be judged.
_MINIMUM_PAIRS = 4


@attrs.frozen(kw_only=True, eq=False)
class LeadLagResult:
    """The correlation of a lead indicator with the outcome ``k`` periods later, for each ``k``.

    Build one with :func:`lead_lag`. Every array has one entry per lag in
    :attr:`lags` (0, 1, ..., ``max_lag``).

    Attributes
    ----------
    method : str
        ``"fisher"`` or ``"permutation"``.
    alpha : float
        The significance level; intervals cover 1 - alpha.
    lags : ndarray of int
        0 to ``max_lag``: the lead at period t is paired with the outcome at t + lag.
    correlation : ndarray of float
        Pearson's r over the complete pairs at each lag (NaN with fewer than 4
        pairs, or when either side is constant).
    lower, upper : ndarray of float
        For ``"fisher"``, the confidence interval of r; for ``"permutation"``,
        the null band: the central 1 - alpha of the correlations found when the
        pairing is shuffled. r outside the null band is significant.
    p_value : ndarray of float
        Two-sided p-value of "no correlation" at each lag.
    pairs : ndarray of int
        Complete (non-missing) pairs at each lag.
    permutations : int
        Shuffles per lag (0 for ``"fisher"``).

    Examples
    --------
    >>> lead, lag = [1, 3, 2, 5, 4, 6, 8, 7, 9, 8], [0, 2, 3, 1, 5, 5, 6, 9, 6, 10]
    >>> result = lead_lag(lead, lag, max_lag=2)
    >>> result.lags.tolist(), result.correlation.round(2).tolist()
    ([0, 1, 2], [0.78, 0.96, 0.69])
    """

    method: str
    alpha: float
    lags: npt.NDArray[np.int64] = attrs.field(converter=readonly, repr=False)
    correlation: FloatArray = attrs.field(converter=readonly, repr=False)
    lower: FloatArray = attrs.field(converter=readonly, repr=False)
    upper: FloatArray = attrs.field(converter=readonly, repr=False)
    p_value: FloatArray = attrs.field(converter=readonly, repr=False)
    pairs: npt.NDArray[np.int64] = attrs.field(converter=readonly, repr=False)
    permutations: int

    @property
    def significant(self) -> npt.NDArray[np.bool_]:
        """Whether each lag's correlation is significant (p-value below alpha).

        Examples
        --------
        >>> lead, lag = [1, 3, 2, 5, 4, 6, 8, 7, 9, 8], [0, 2, 3, 1, 5, 5, 6, 9, 6, 10]
        >>> lead_lag(lead, lag, max_lag=2).significant
        array([ True,  True, False])
        """
        return np.asarray(self.p_value < self.alpha)

    @property
    def best_lag(self) -> int | None:
        """The lag of the strongest significant correlation (largest ``|r|``); None if none.

        Ties go to the shorter lag. A positive best lag says the lead indicator
        moves that many periods before the outcome; 0 says they move together.

        Examples
        --------
        >>> lead, lag = [1, 3, 2, 5, 4, 6, 8, 7, 9, 8], [0, 2, 3, 1, 5, 5, 6, 9, 6, 10]
        >>> lead_lag(lead, lag, max_lag=2).best_lag
        1
        """
        strength = np.where(self.significant, np.abs(self.correlation), -1.0)
        best = int(np.argmax(strength))
        return None if strength[best] < 0 else int(self.lags[best])

    def describe(self) -> str:
        """One sentence for a report: the best lag and its correlation, or that there is none.

        Examples
        --------
        >>> lead, lag = [1, 3, 2, 5, 4, 6, 8, 7, 9, 8], [0, 2, 3, 1, 5, 5, 6, 9, 6, 10]
        >>> print(lead_lag(lead, lag, max_lag=2).describe())
        The lead indicator moves 1 period before the outcome: r = 0.96 (95% interval
        0.82 to 0.99, p = 1.5e-06; Fisher z), the strongest of lags 0 to 2.
        """
        level = f"{(1 - self.alpha) * 100:g}%"
        span = f"lags 0 to {int(self.lags[-1])}"
        best = self.best_lag
        if best is None:
            return f"No significant correlation at {span} (alpha {self.alpha:g})."
        i = best
        when = (
            "together with the outcome (lag 0)"
            if best == 0
            else f"{best} period{'s' if best > 1 else ''} before the outcome"
        )
        how = "Fisher z" if self.method == "fisher" else f"{self.permutations} permutations"
        band = "interval" if self.method == "fisher" else "null band"
        return (
            f"The lead indicator moves {when}: r = {self.correlation[i]:.2f} ({level} {band} "
            f"{self.lower[i]:.2f} to {self.upper[i]:.2f}, p = {self.p_value[i]:.2g}; {how}), "
            f"the strongest of {span}."
        )


def _values(values: object, name: str) -> FloatArray:
    if isinstance(values, Series):
        return np.array(values.values, dtype=np.float64)
    try:
        array = np.array(values, dtype=np.float64)
    except (TypeError, ValueError):
        _util.fail(f"$.{name}", f"expected numbers (NaN for missing); found {_util.found(values)}")
    if array.ndim != 1:
        _util.fail(f"$.{name}", f"expected one series (1-D); found an array of shape {array.shape}")
    if np.isinf(array).any():
        where = int(np.flatnonzero(np.isinf(array))[0])
        _util.fail(f"$.{name}[{where}]", f"expected a finite number or NaN; found {array[where]}")
    return array


def _generator(rng: object) -> np.random.Generator:
    if rng is None:
        return np.random.default_rng(0)
    if isinstance(rng, np.random.Generator):
        return rng
    if not isinstance(rng, int) or isinstance(rng, bool) or rng < 0:
        _util.fail(
            "$.rng", f"expected a numpy Generator, a seed >= 0 or None; found {_util.found(rng)}"
        )
    return np.random.default_rng(rng)


def _check(lead: object, lag: object, max_lag: object, method: object, alpha: object) -> None:
    if method not in LEAD_LAG_METHODS:
        expected = ", ".join(repr(name) for name in LEAD_LAG_METHODS)
        _util.fail("$.method", f"expected one of {expected}; found {_util.found(method)}")
    if isinstance(alpha, bool) or not isinstance(alpha, int | float) or not 0 < alpha < 1:
        _util.fail("$.alpha", f"expected a number between 0 and 1; found {_util.found(alpha)}")
    if isinstance(max_lag, bool) or not isinstance(max_lag, int) or max_lag < 0:
        _util.fail("$.max_lag", f"expected an integer >= 0; found {_util.found(max_lag)}")
    if isinstance(lead, Series) and isinstance(lag, Series) and lead.periods != lag.periods:
        _util.fail(
            "$.lag.periods",
            f"expected the lead's periods {list(lead.labels)}; found {list(lag.labels)}",
        )


def lead_lag(
    lead: Series | npt.ArrayLike,
    lag: Series | npt.ArrayLike,
    *,
    max_lag: int,
    method: str = "fisher",
    alpha: float = 0.05,
    rng: np.random.Generator | int | None = None,
    permutations: int = 999,
) -> LeadLagResult:
    r"""Correlate a lead indicator with the outcome 0 to ``max_lag`` periods later.

    At lag ``k`` the lead at period ``t`` is paired with the outcome at
    ``t + k``; pairs where either is missing (NaN) are left out.

    Parameters
    ----------
    lead, lag : Series or array-like of float
        The lead indicator and the outcome (lag indicator), over the same
        periods (two Series must have equal periods).
    max_lag : int
        The longest lag to try, in periods (>= 0).
    method : {"fisher", "permutation"}
        ``"fisher"``: Fisher's z interval and p-value (normal theory);
        ``"permutation"``: shuffle the pairing ``permutations`` times.
    alpha : float
        Significance level; intervals cover 1 - alpha.
    rng : numpy.random.Generator or int, optional
        Random numbers for ``"permutation"``: a Generator or a seed. None uses
        seed 0, so the same data give the same answer every time.
    permutations : int
        Shuffles per lag for ``"permutation"``.

    Returns
    -------
    LeadLagResult
        Correlation, interval and p-value at each lag, and the best lag.

    Raises
    ------
    ValidationError
        If an argument is invalid, the two series differ in length or periods,
        or no lag has 4 complete pairs.

    Notes
    -----
    Fisher: :math:`z = \operatorname{artanh} r`, standard error
    :math:`1/\sqrt{n-3}`; the interval is
    :math:`\tanh(z \pm z_{1-\alpha/2}/\sqrt{n-3})` and the p-value
    :math:`2\,\Phi(-|z|\sqrt{n-3})`, so a lag is significant exactly when its
    interval leaves out 0. Permutation: the p-value is
    :math:`(1 + \#\{|r^*| \ge |r|\}) / (B + 1)` (Phipson and Smyth 2010) over
    :math:`B` shuffles :math:`r^*`. Autocorrelated series correlate by chance
    more often than either method assumes; see ``docs/curve.md``.

    Examples
    --------
    >>> lead, lag = [1, 3, 2, 5, 4, 6, 8, 7, 9, 8], [0, 2, 3, 1, 5, 5, 6, 9, 6, 10]
    >>> result = lead_lag(lead, lag, max_lag=2,
    ...                   method="permutation", rng=1)
    >>> result.best_lag, result.p_value.round(3).tolist()
    (1, [0.011, 0.001, 0.058])
    """
    _check(lead, lag, max_lag, method, alpha)
    leading, outcome = _values(lead, "lead"), _values(lag, "lag")
    if len(leading) != len(outcome):
        _util.fail(
            "$.lag",
            f"expected {len(leading)} values, as many as the lead; found {len(outcome)}",
        )
    if method == "permutation" and (
        isinstance(permutations, bool) or not isinstance(permutations, int) or permutations < 1
    ):
        _util.fail("$.permutations", f"expected an integer >= 1; found {_util.found(permutations)}")
    generator = _generator(rng) if method == "permutation" else None
    lags = np.arange(max_lag + 1)
    columns = [_at_lag(leading, outcome, int(k), alpha, generator, permutations) for k in lags]
    table = np.array(columns, dtype=np.float64).reshape(len(lags), 5)
    if not (table[:, 4] >= _MINIMUM_PAIRS).any():
        raise ValidationError(
            [
                Problem(
                    "$.lag",
                    f"expected at least {_MINIMUM_PAIRS} periods where both series have a "
                    f"value at some lag from 0 to {max_lag}; "
                    f"found at most {int(table[:, 4].max())}",
                )
            ]
        )
    return LeadLagResult(
        method=method,
        alpha=float(alpha),
        lags=lags,
        correlation=table[:, 0],
        lower=table[:, 1],
        upper=table[:, 2],
        p_value=table[:, 3],
        pairs=table[:, 4].astype(np.int64),
        permutations=permutations if method == "permutation" else 0,
    )


def _at_lag(
    lead: FloatArray,
    lag: FloatArray,
    k: int,
    alpha: float,
    generator: np.random.Generator | None,
    permutations: int,
) -> tuple[float, float, float, float, int]:
    """(r, lower, upper, p-value, pairs) of lead[t] with lag[t + k] over complete pairs."""
    x, y = lead[: len(lead) - k], lag[k:]
    complete = ~(np.isnan(x) | np.isnan(y))
    x, y = x[complete], y[complete]
    n = len(x)
    if n < _MINIMUM_PAIRS:
        return (np.nan, np.nan, np.nan, np.nan, n)
    xc, yc = x - x.mean(), y - y.mean()
    scale = np.sqrt((xc @ xc) * (yc @ yc))
    if scale == 0:
        return (np.nan, np.nan, np.nan, np.nan, n)
    r = float(np.clip((xc @ yc) / scale, -1.0, 1.0))
    if generator is None:
        with np.errstate(divide="ignore"):
            z = float(np.arctanh(r))
        spread = 1.0 / np.sqrt(n - 3)
        quantile = float(stats.norm.ppf(1.0 - alpha / 2.0))
        p_value = float(2.0 * stats.norm.sf(abs(z) / spread))
        return (
            r,
            float(np.tanh(z - quantile * spread)),
            float(np.tanh(z + quantile * spread)),
            p_value,
            n,
        )
    shuffles = generator.permuted(np.tile(np.arange(n), (permutations, 1)), axis=1)
    shuffled = (xc[shuffles] @ yc) / scale
    # A shuffle that restores the pairing gives r again up to rounding: count it as a tie.
    extreme = int(np.count_nonzero(np.abs(shuffled) >= abs(r) * (1.0 - 1e-12)))
    p_value = (1.0 + extreme) / (permutations + 1.0)
    low, high = np.quantile(shuffled, [alpha / 2.0, 1.0 - alpha / 2.0])
    return (r, float(low), float(high), p_value, n)
