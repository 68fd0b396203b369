"""The four agreement coefficients and their result (public through ``agreement``).

Cohen's kappa for two raters (optionally weighted), Fleiss' kappa for a fixed number
of raters per subject, Krippendorff's alpha for any number of raters with missing
values and four levels of measurement, and Gwet's AC1, which stays meaningful when
nearly every grade is the same. Each returns an :class:`AgreementResult`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from lscbqa import _util
from lscbqa.exceptions import Problem, ValidationError
from lscbqa.scoring import _agreement_kernels as kernels
from lscbqa.scoring import _seeds

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Kernel = Callable[[Floats], tuple[Floats, Floats, Floats]]
"""A coefficient, observed and expected agreement for replicates x units weights."""

LEVELS = ("nominal", "ordinal", "interval", "ratio")


@attrs.frozen(kw_only=True)
class AgreementResult:
    """One agreement coefficient, with what it was computed from.

    Parameters
    ----------
    statistic : str
        ``"cohen_kappa"``, ``"fleiss_kappa"``, ``"krippendorff_alpha"`` or ``"gwet_ac1"``.
    value : float
        The coefficient: 1 is perfect agreement, 0 what chance alone would give.
        NaN where it is undefined (no pairable ratings, or chance agreement is total).
    observed, expected : float
        Observed and chance-expected agreement (kappas, AC1) or disagreement (alpha);
        ``measures`` says which.
    measures : str
        ``"agreement"`` or ``"disagreement"``.
    units : int
        Units (subjects, cases) that counted.
    ratings : int
        Ratings that counted.
    interval : tuple of float, optional
        A confidence interval for the coefficient, when one was computed.
    confidence : float
        Its level.
    interval_method : str, optional
        ``"analytic"`` or ``"bootstrap"``.

    Examples
    --------
    >>> result = cohen_kappa(["good", "good", "inadequate"], ["good", "inadequate", "inadequate"])
    >>> round(result.value, 3), round(float(result), 3), result.measures
    (0.4, 0.4, 'agreement')
    """

    statistic: str
    value: float
    observed: float
    expected: float
    measures: str
    units: int
    ratings: int
    interval: tuple[float, float] | None = None
    confidence: float = 0.95
    interval_method: str | None = None

    def __float__(self) -> float:
        return self.value


def _confidence(confidence: object) -> float:
    if not (
        isinstance(confidence, float | int)
        and not isinstance(confidence, bool)
        and 0.0 < confidence < 1.0
    ):
        _util.fail("$.confidence", f"expected a share in (0, 1); found {_util.found(confidence)}")
    return float(confidence)


def _replicates(n_bootstrap: object) -> int:
    if not (
        isinstance(n_bootstrap, int) and not isinstance(n_bootstrap, bool) and n_bootstrap >= 0
    ):
        _util.fail(
            "$.n_bootstrap", f"expected a whole number >= 0; found {_util.found(n_bootstrap)}"
        )
    return n_bootstrap


def _matrix(data: Any, path: str) -> Floats:
    """A finite-or-NaN 2-D float array, or a ValidationError at ``path``."""
    try:
        array = np.asarray(data, dtype=np.float64)
    except (TypeError, ValueError):
        _util.fail(
            path, f"expected a 2-D array of numbers (NaN for missing); found {_util.found(data)}"
        )
    if array.ndim != 2:
        _util.fail(path, f"expected a 2-D array of numbers; found {array.ndim} dimension(s)")
    if np.isinf(array).any():
        row, column = np.argwhere(np.isinf(array))[0].tolist()
        _util.fail(f"{path}[{row}][{column}]", "expected a finite number or NaN; found infinity")
    return array


def _choice(value: object, allowed: Sequence[str | None], path: str) -> Any:
    if value not in allowed:
        listed = ", ".join(repr(a) for a in allowed)
        _util.fail(path, f"expected one of {listed}; found {_util.found(value)}")
    return value


def _bootstrapped(
    result: AgreementResult, replicates: Floats | None, confidence: float
) -> AgreementResult:
    if replicates is None:
        return result
    interval = kernels.percentile_interval(replicates, confidence)
    method = "bootstrap" if interval is not None else None
    return attrs.evolve(result, interval=interval, confidence=confidence, interval_method=method)


def _by_units_result(
    statistic: str,
    kernel: Kernel,
    rows: int,
    *,
    units: int,
    ratings: int,
    n_bootstrap: int,
    rng: np.random.Generator | int | None,
    confidence: float,
) -> AgreementResult:
    """An agreement coefficient from a kernel over ``rows`` units, each counted once.

    With ``n_bootstrap`` (and rows to resample), the kernel is run on bootstrap
    resamples of the rows for a percentile interval.
    """
    value, observed, expected = kernel(np.ones((1, rows)))
    result = AgreementResult(
        statistic=statistic,
        value=float(value[0]),
        observed=float(observed[0]),
        expected=float(expected[0]),
        measures="agreement",
        units=units,
        ratings=ratings,
        confidence=confidence,
    )
    replicates = None
    if n_bootstrap and rows:
        replicates = kernels.by_units(kernel, rows, n_bootstrap, _seeds.generator(rng))
    return _bootstrapped(result, replicates, confidence)


# -- Cohen's kappa -------------------------------------------------------------------------------


def _is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _numeric(values: Any) -> Floats | None:
    """Grades as a float array when they are all numbers (None or NaN missing), else None."""
    if isinstance(values, np.ndarray) and values.dtype.kind in "biuf":
        return values.astype(np.float64).reshape(-1)
    if all(
        (isinstance(v, int | float | np.number) and not isinstance(v, bool)) or v is None
        for v in values
    ):
        return np.array([np.nan if v is None else v for v in values], dtype=np.float64)
    return None


def _numeric_positions(
    a: Floats, b: Floats, categories: Sequence[Any] | None
) -> tuple[Ints, Ints, int] | None:
    """Positions of numeric grades by whole-array search; None if categories are not numbers."""
    both = ~(np.isnan(a) | np.isnan(b))
    if categories is None:
        scale = np.unique(np.concatenate([a[both], b[both]]))
    else:
        given = _numeric(list(categories))
        if given is None or np.isnan(given).any():
            return None
        scale = given
        if np.unique(scale).size != scale.size:
            _util.fail("$.categories", "expected distinct categories; found a repeated one")
    order = np.argsort(scale, kind="stable")
    ranked = scale[order]
    positions = []
    for side, values in (("a", a), ("b", b)):
        found = np.searchsorted(ranked, np.where(np.isnan(values), ranked[:1].sum(), values))
        found = np.minimum(found, max(ranked.size - 1, 0))
        # Given categories check every grade; the grades seen check only the units kept.
        checked = both if categories is None else ~np.isnan(values)
        bad = checked & ((ranked.size == 0) | (ranked[found] != values))
        if bad.any():
            index = int(np.flatnonzero(bad)[0])
            _util.fail(
                f"$.{side}[{index}]", f"expected one of the categories; found {values[index]!r}"
            )
        positions.append(order[found][both].astype(np.int64) if ranked.size else found[both])
    return positions[0], positions[1], int(scale.size)


def _category_positions(
    a: Sequence[Any], b: Sequence[Any], categories: Sequence[Any] | None, weighted: bool
) -> tuple[Ints, Ints, int]:
    if len(a) != len(b):
        _util.fail("$.b", f"expected as many ratings as a ({len(a)}); found {len(b)}")
    first_numbers, second_numbers = _numeric(a), _numeric(b)
    if first_numbers is not None and second_numbers is not None:
        found = _numeric_positions(first_numbers, second_numbers, categories)
        if found is not None:
            return found
    pairs = [(x, y) for x, y in zip(a, b, strict=True) if not (_is_missing(x) or _is_missing(y))]
    given = categories is not None
    if categories is None:
        seen = {x for pair in pairs for x in pair}
        if weighted and not all(isinstance(x, int | float) for x in seen):
            _util.fail(
                "$.categories",
                "expected the ordered categories: weights need an order, and labels that "
                "are not numbers have none of their own",
            )
        try:
            categories = sorted(seen)
        except TypeError:
            categories = sorted(seen, key=repr)
    position = {category: index for index, category in enumerate(categories)}
    if len(position) != len(categories):
        _util.fail("$.categories", "expected distinct categories; found a repeated one")
    # Given categories check every grade; the grades seen (of the units kept) need no check,
    # and a grade in a unit left out for want of its pair is left out with it.
    problems = [
        Problem(f"$.{side}[{index}]", f"expected one of the categories; found {value!r}")
        for side, values in (("a", a), ("b", b))
        for index, value in enumerate(values)
        if given and not _is_missing(value) and value not in position
    ]
    if problems:
        raise ValidationError(problems)
    first = np.array([position[x] for x, _ in pairs], dtype=np.int64)
    second = np.array([position[y] for _, y in pairs], dtype=np.int64)
    return first, second, len(categories)


def _cohen_result(
    first: Ints, second: Ints, k: int, weights: str | None, confidence: float
) -> AgreementResult:
    kappa = observed = expected = float("nan")  # undefined without pairs or categories
    interval = None
    if first.size and k >= 2:
        table = np.bincount(first * k + second, minlength=k * k).reshape(k, k).astype(np.float64)
        kappa, observed, expected, error = kernels.cohen(table, weights)
        if math.isfinite(error):
            z = _normal_quantile((1 + confidence) / 2)
            interval = (kappa - z * error, kappa + z * error)
    return AgreementResult(
        statistic="cohen_kappa",
        value=kappa,
        observed=observed,
        expected=expected,
        measures="agreement",
        units=int(first.size),
        ratings=2 * int(first.size),
        interval=interval,
        confidence=confidence,
        interval_method="analytic" if interval is not None else None,
    )


def _normal_quantile(p: float) -> float:
    from scipy.special import ndtri

    return float(ndtri(p))


def cohen_kappa(
    a: Sequence[Any],
    b: Sequence[Any],
    *,
    weights: str | None = None,
    categories: Sequence[Any] | None = None,
    confidence: float = 0.95,
) -> AgreementResult:
    """Cohen's kappa between two raters, unweighted or weighted.

    Parameters
    ----------
    a, b : sequence
        The two raters' grades of the same units, in the same order. ``None`` or NaN
        marks a missing grade; a unit missing either grade is left out.
    weights : {None, "linear", "quadratic"}
        None counts every disagreement alike; ``"linear"`` and ``"quadratic"`` weigh a
        disagreement by the distance between the two grades' positions in
        ``categories`` (or its square), so ``good`` against ``outstanding`` costs less
        than ``inadequate`` against ``outstanding``.
    categories : sequence, optional
        The full ordered scale. Levels nobody used still count: they widen the scale
        the weights are measured on. By default the grades seen in the units both rated,
        in sorted order (weights then need numeric grades).
    confidence : float, default 0.95
        The level of the analytic confidence interval.

    Returns
    -------
    AgreementResult
        ``observed`` and ``expected`` are the (weighted) agreement ``p_o`` and ``p_e``.

    Raises
    ------
    ValidationError
        If the sequences differ in length, a grade is not in ``categories``, or
        weights are asked for without an order.

    Notes
    -----
    With disagreement weights ``d_ij`` (0 on the diagonal, 1 at the widest gap) and
    the proportions ``p_ij`` of units graded ``i`` by ``a`` and ``j`` by ``b``:
    ``p_o = 1 - sum d_ij p_ij``, ``p_e = 1 - sum d_ij p_i. p_.j`` and
    ``kappa = (p_o - p_e) / (1 - p_e)`` (Cohen 1960, 1968). The interval is
    ``kappa +/- z se`` with the large-sample standard error of Fleiss, Cohen and
    Everitt (1969), weighted or not.

    References
    ----------
    Cohen, J. (1960). A coefficient of agreement for nominal scales. *Educational and
    Psychological Measurement* 20, 37-46. Cohen, J. (1968). Weighted kappa.
    *Psychological Bulletin* 70, 213-220. Fleiss, J. L., Cohen, J. and Everitt, B. S.
    (1969). Large sample standard errors of kappa and weighted kappa. *Psychological
    Bulletin* 72, 323-327.

    Examples
    --------
    >>> scale = ["inadequate", "requires_improvement", "good", "outstanding"]
    >>> a = ["good", "good", "outstanding", "requires_improvement"]
    >>> b = ["good", "outstanding", "outstanding", "good"]
    >>> round(cohen_kappa(a, b, weights="linear", categories=scale).value, 3)
    0.333
    """
    weights = _choice(weights, (None, "linear", "quadratic"), "$.weights")
    level = _confidence(confidence)
    first, second, k = _category_positions(
        a if isinstance(a, np.ndarray) else list(a),
        b if isinstance(b, np.ndarray) else list(b),
        categories,
        weights is not None,
    )
    return _cohen_result(first, second, k, weights, level)


# -- Fleiss' kappa -------------------------------------------------------------------------------


def fleiss_kappa(
    table: Any,
    *,
    n_bootstrap: int = 0,
    rng: np.random.Generator | int | None = None,
    confidence: float = 0.95,
) -> AgreementResult:
    """Fleiss' kappa: agreement among a fixed number of raters per subject.

    Parameters
    ----------
    table : array-like
        Subjects x categories: how many raters put each subject in each category.
        Every subject must have the same number of raters (at least two); the raters
        need not be the same people.
    n_bootstrap : int, default 0
        Resamples of the subjects for a percentile confidence interval; none by default.
    rng : Generator or int, optional
        Seeds the resampling; None means seed 0, so a result is the same every time.
    confidence : float, default 0.95
        The interval's level.

    Returns
    -------
    AgreementResult
        ``observed`` is the mean agreement per subject ``P``, ``expected`` ``P_e``.

    Raises
    ------
    ValidationError
        If the table is not a 2-D array of counts, or subjects have different
        numbers of raters.

    Notes
    -----
    With ``n`` raters, ``N`` subjects and ``n_ij`` raters putting subject ``i`` in
    category ``j``: ``P_i = (sum_j n_ij^2 - n) / (n (n - 1))``, ``P`` their mean,
    ``p_j = sum_i n_ij / (N n)``, ``P_e = sum_j p_j^2`` and
    ``kappa = (P - P_e) / (1 - P_e)`` (Fleiss 1971). The interval resamples
    subjects with replacement (a percentile bootstrap, Efron and Tibshirani 1993).

    References
    ----------
    Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters.
    *Psychological Bulletin* 76, 378-382.

    Examples
    --------
    >>> round(fleiss_kappa([[3, 0], [0, 3], [2, 1]]).value, 3)
    0.55
    """
    counts = _matrix(table, "$.table")
    # _matrix ruled out infinities, so ``>= 0`` fails exactly for NaN and negative counts.
    if not (counts >= 0).all() or (counts != np.rint(counts)).any():
        _util.fail("$.table", "expected whole-number counts >= 0")
    if counts.shape[0] == 0 or counts.shape[1] < 2:
        _util.fail("$.table", f"expected subjects x categories (at least 2); found {counts.shape}")
    # A matrix product, not sum(axis=1), which is slow over few columns; exact for whole numbers.
    raters = counts @ np.ones(counts.shape[1])
    uneven = np.flatnonzero(raters != raters[0])
    if uneven.size:
        _util.fail(
            f"$.table[{int(uneven[0])}]",
            f"expected {raters[0]:g} raters, as subject 0 has; found {raters[uneven[0]]:g} "
            "(use krippendorff_alpha or gwet_ac1 when raters differ)",
        )
    if raters[0] < 2:
        _util.fail("$.table", "expected at least 2 raters per subject")
    level = _confidence(confidence)
    return _by_units_result(
        "fleiss_kappa",
        lambda weight: kernels.fleiss(counts, weight),
        counts.shape[0],
        units=int(counts.shape[0]),
        ratings=int(raters.sum()),
        n_bootstrap=_replicates(n_bootstrap),
        rng=rng,
        confidence=level,
    )


# -- Krippendorff's alpha ------------------------------------------------------------------------


def _codes(data: Floats, categories: Floats) -> Ints:
    """Raters x units category indices, -1 where missing."""
    missing = np.isnan(data)
    if categories.size == 0:
        return np.full(data.shape, -1, dtype=np.int64)
    codes = np.searchsorted(categories, np.where(missing, categories[0], data))
    return np.where(missing, -1, codes).astype(np.int64)


def krippendorff_alpha(
    data: Any,
    *,
    level: str = "nominal",
    n_bootstrap: int = 0,
    rng: np.random.Generator | int | None = None,
    confidence: float = 0.95,
) -> AgreementResult:
    """Krippendorff's alpha: agreement among any number of raters, values may be missing.

    Parameters
    ----------
    data : array-like
        Raters x units of numbers, NaN where a rater did not rate a unit. Units with
        fewer than two values are not pairable and are left out.
    level : {"nominal", "ordinal", "interval", "ratio"}
        The level of measurement, which sets how far apart two values are.
    n_bootstrap : int, default 0
        Resamples of the pairable units for a percentile confidence interval.
    rng : Generator or int, optional
        Seeds the resampling; None means seed 0, so a result is the same every time.
    confidence : float, default 0.95
        The interval's level.

    Returns
    -------
    AgreementResult
        ``observed`` and ``expected`` are the disagreements ``D_o`` and ``D_e``.

    Raises
    ------
    ValidationError
        If ``data`` is not a 2-D array of numbers or NaN, or ``level`` is unknown.

    Notes
    -----
    Values become a coincidence matrix ``o_ck``: every ordered pair of values ``c``
    and ``k`` from two different raters of the same unit adds ``1 / (m_u - 1)``,
    where ``m_u`` is the unit's number of values. With ``n_c`` its margins, ``n`` their
    sum and ``delta^2_ck`` the level's squared difference (nominal: 1 if different;
    ordinal: ``(sum_{g=c..k} n_g - (n_c + n_k)/2)^2``; interval: ``(c - k)^2``; ratio:
    ``((c - k)/(c + k))^2``), ``D_o = sum o_ck delta^2_ck / n``,
    ``D_e = sum n_c n_k delta^2_ck / (n (n - 1))`` and ``alpha = 1 - D_o / D_e``
    (Krippendorff 2011). It is NaN when every value is the same (``D_e = 0``). The
    matrix is built with one ``numpy.bincount`` over every value. The interval
    resamples pairable units with replacement (percentile bootstrap).

    References
    ----------
    Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability. Annenberg
    School for Communication, University of Pennsylvania.

    Examples
    --------
    >>> import numpy as np
    >>> data = [[1, 2, 3, 3], [1, 2, 3, 4], [np.nan, 2, 3, 4]]
    >>> round(krippendorff_alpha(data).value, 3)
    0.773
    >>> round(krippendorff_alpha(data, level="interval").value, 3)
    0.915
    """
    level = _choice(level, LEVELS, "$.level")
    values = _matrix(data, "$.data")
    return _alpha(values, level, _replicates(n_bootstrap), rng, _confidence(confidence))


def _alpha(
    values: Floats,
    level: str,
    n_bootstrap: int,
    rng: np.random.Generator | int | None,
    confidence: float,
) -> AgreementResult:
    categories, counts = kernels.counts_by_unit(values)
    counts = counts[counts.sum(axis=1) >= 2]
    matrix = kernels.coincidences(counts)
    value, observed, expected = kernels.alpha_from(matrix, level, categories)
    result = AgreementResult(
        statistic="krippendorff_alpha",
        value=value,
        observed=observed,
        expected=expected,
        measures="disagreement",
        units=int(counts.shape[0]),
        ratings=int(counts.sum()),
        confidence=confidence,
    )
    replicates = None
    if n_bootstrap and counts.shape[0]:
        generator = _seeds.generator(rng)
        replicates = kernels.alpha_bootstrap(counts, level, categories, n_bootstrap, generator)
    return _bootstrapped(result, replicates, confidence)


# -- Gwet's AC1 ----------------------------------------------------------------------------------


def gwet_ac1(
    data: Any,
    *,
    categories: Sequence[float] | None = None,
    n_bootstrap: int = 0,
    rng: np.random.Generator | int | None = None,
    confidence: float = 0.95,
) -> AgreementResult:
    """Gwet's AC1: chance-corrected agreement that resists the prevalence paradox.

    When nearly every grade is "good", kappa can be low even though raters almost
    always agree, because chance agreement is then high. AC1 measures chance by how
    far grades spread over the categories, and stays close to the observed agreement.

    Parameters
    ----------
    data : array-like
        Raters x units of category values, NaN where missing.
    categories : sequence of float, optional
        Every category of the scale, used or not: their number ``q`` enters chance
        agreement. By default the values seen.
    n_bootstrap : int, default 0
        Resamples of the rated units for a percentile confidence interval.
    rng : Generator or int, optional
        Seeds the resampling; None means seed 0, so a result is the same every time.
    confidence : float, default 0.95
        The interval's level.

    Returns
    -------
    AgreementResult
        ``observed`` is ``p_a`` and ``expected`` the chance agreement ``p_e``.

    Raises
    ------
    ValidationError
        If ``data`` is not a 2-D array of numbers, a value is not among
        ``categories``, or there are fewer than two categories.

    Notes
    -----
    For the ``n'`` units with two or more ratings, ``r_i`` ratings of unit ``i`` of
    which ``r_ik`` in category ``k``: ``p_a = mean_i sum_k r_ik (r_ik - 1) /
    (r_i (r_i - 1))``. Over all rated units, ``pi_k = mean_i r_ik / r_i`` and
    ``p_e = sum_k pi_k (1 - pi_k) / (q - 1)``; ``AC1 = (p_a - p_e) / (1 - p_e)``
    (Gwet 2008, equations for several raters with missing ratings). The interval
    resamples rated units with replacement (percentile bootstrap).

    References
    ----------
    Gwet, K. L. (2008). Computing inter-rater reliability and its variance in the
    presence of high agreement. *British Journal of Mathematical and Statistical
    Psychology* 61, 29-48.

    Examples
    --------
    >>> a = [1, 1, 1, 1, 1, 1, 1, 1, 1, 0]
    >>> b = [1, 1, 1, 1, 1, 1, 1, 1, 0, 1]
    >>> round(gwet_ac1([a, b]).value, 3), round(cohen_kappa(a, b).value, 3)
    (0.756, -0.111)
    """
    values = _matrix(data, "$.data")
    level = _confidence(confidence)
    seen = np.unique(values[~np.isnan(values)])
    if categories is None:
        scale = seen
    else:
        scale = np.unique(np.array(list(categories), dtype=np.float64))
        outside = seen[~np.isin(seen, scale)]
        if outside.size:
            _util.fail("$.data", f"expected values among the categories; found {outside[0]:g}")
    if scale.size < 2:
        _util.fail("$.categories", f"expected at least 2 categories; found {scale.size}")
    counts = kernels.unit_counts(_codes(values, scale), scale.size)
    return _gwet(counts, scale.size, _replicates(n_bootstrap), rng, level)


def _gwet(
    counts: Ints,
    q: int,
    n_bootstrap: int,
    rng: np.random.Generator | int | None,
    confidence: float,
) -> AgreementResult:
    rated = counts[counts.sum(axis=1) >= 1].astype(np.float64)

    def kernel(weight: Floats) -> tuple[Floats, Floats, Floats]:
        if rated.shape[0] == 0:  # nothing rated: undefined, and no kernel on empty arrays
            return (np.full(weight.shape[0], np.nan),) * 3
        return kernels.gwet(rated, q, weight)

    return _by_units_result(
        "gwet_ac1",
        kernel,
        rated.shape[0],
        units=int((rated.sum(axis=1) >= 2).sum()),
        ratings=int(rated.sum()),
        n_bootstrap=n_bootstrap,
        rng=rng,
        confidence=confidence,
    )
