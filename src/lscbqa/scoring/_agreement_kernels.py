"""The arithmetic of the agreement coefficients, on arrays already checked.

Each kernel returns ``(value, observed, expected)`` and, for a bootstrap, the same
coefficient recomputed for many resamples of the units at once. The public functions
in :mod:`lscbqa.scoring.agreement` check and convert their inputs, then call these.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]

# Resamples of units are drawn in groups of this many, so a large bootstrap never holds
# every resample's multiplicities at once.
_GROUP = 64


def _ratio(numerator: Floats, denominator: Floats) -> Floats:
    """``numerator / denominator``, NaN where the denominator is zero."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(
            denominator != 0, numerator / np.where(denominator != 0, denominator, 1), np.nan
        )


def unit_counts(codes: Ints, k: int) -> Ints:
    """Units x categories: how many raters put each unit in each category.

    ``codes`` is raters x units, a category index or -1 for a missing value.
    """
    units = codes.shape[1]
    present = codes >= 0
    unit_index = np.broadcast_to(np.arange(units), codes.shape)[present]
    flat = np.bincount(unit_index * k + codes[present], minlength=units * k)
    return flat.reshape(units, k)


def counts_by_unit(data: Floats) -> tuple[Floats, Ints]:
    """The categories in raters x units ``data`` (NaN missing) and units x categories counts.

    Grades are usually whole numbers in a small range: then each value becomes a
    unit x value index in place, a missing one an extra value past the top, and one
    ``bincount`` counts them all (few and small temporaries: on a virtual machine
    fresh memory costs more than the arithmetic). Other values are numbered by
    sorting (``numpy.unique``).
    """
    units = data.shape[1]
    present = ~np.isnan(data)
    if present.any():
        low, high = float(np.nanmin(data)), float(np.nanmax(data))
        if high - low <= 1_000 and abs(low) < 2**52:
            width = int(high - low) + 2  # the last value stands for "missing"
            with np.errstate(invalid="ignore"):  # NaN casts to junk, overwritten below
                index = data.astype(np.int64)
            index[~present] = int(low) + width - 1
            if np.array_equal(index == data, present):  # every value a whole number
                index += (np.arange(units, dtype=np.int64) * width - int(low))[np.newaxis, :]
                every = np.bincount(index.reshape(-1), minlength=units * width)
                every = every.reshape(units, width)[:, :-1]
                used = every.any(axis=0)
                return (np.flatnonzero(used) + low).astype(np.float64), every[:, used]
    by_unit = data.T
    present = present.T
    categories, codes = np.unique(by_unit[present], return_inverse=True)
    k = categories.size
    unit_index = np.repeat(np.arange(units), present.sum(axis=1))
    flat = np.bincount(unit_index * k + codes.reshape(-1), minlength=units * k)
    return categories.astype(np.float64), flat.reshape(units, k)


def multiplicities(units: int, replicates: int, rng: np.random.Generator) -> list[Ints]:
    """How often each unit is drawn in each resample (units drawn with replacement)."""
    even = np.full(units, 1.0 / units)
    groups = []
    for start in range(0, replicates, _GROUP):
        size = min(_GROUP, replicates - start)
        groups.append(rng.multinomial(units, even, size=size).astype(np.int64))
    return groups


def percentile_interval(values: Floats, confidence: float) -> tuple[float, float] | None:
    """The percentile interval of bootstrap replicates; None if any is undefined."""
    if values.size == 0 or np.isnan(values).any():
        return None
    low, high = np.quantile(values, [(1 - confidence) / 2, (1 + confidence) / 2])
    return float(low), float(high)


# -- Krippendorff's alpha ------------------------------------------------------------------------


def coincidences(counts: Ints, weight: Floats | None = None) -> Floats:
    """The coincidence matrix from pairable units' category counts (Krippendorff 2011).

    ``o[c, k] = sum over units of n_uc (n_uk - [c == k]) / (m_u - 1)``, each unit
    counted ``weight[u]`` times when weights are given (a bootstrap resample).
    """
    m = counts.sum(axis=1).astype(np.float64)
    scale = 1.0 / (m - 1.0)
    if weight is not None:
        scale = scale * weight
    scaled = counts * scale[:, np.newaxis]
    matrix: Floats = scaled.T @ counts
    matrix[np.diag_indices_from(matrix)] -= scaled.sum(axis=0)
    return matrix


def distances(level: str, values: Floats, marginals: Floats) -> Floats:
    """Krippendorff's squared difference ``delta^2`` between every pair of values."""
    c, k = values[:, np.newaxis], values[np.newaxis, :]
    if level == "nominal":
        different: Floats = np.not_equal(c, k).astype(np.float64)
        return different
    if level == "interval":
        return (c - k) ** 2
    if level == "ratio":
        total = c + k
        return np.where(total != 0, (c - k) / np.where(total != 0, total, 1.0), 0.0) ** 2
    # ordinal: the marginals from one value to the other, less half of the two ends
    cumulative = np.cumsum(marginals)
    low = np.minimum.outer(np.arange(values.size), np.arange(values.size))
    high = np.maximum.outer(np.arange(values.size), np.arange(values.size))
    between = cumulative[high] - cumulative[low] + marginals[low]
    return (between - (marginals[low] + marginals[high]) / 2.0) ** 2


def alpha_from(matrix: Floats, level: str, values: Floats) -> tuple[float, float, float]:
    """Alpha, observed and expected disagreement from a coincidence matrix."""
    marginals = matrix.sum(axis=1)
    n = marginals.sum()
    delta = distances(level, values, marginals)
    if n <= 1:
        return float("nan"), float("nan"), float("nan")
    observed = float((matrix * delta).sum() / n)
    expected = float((np.outer(marginals, marginals) * delta).sum() / (n * (n - 1.0)))
    value = 1.0 - observed / expected if expected > 0 else float("nan")
    return value, observed, expected


def alpha_bootstrap(
    counts: Ints, level: str, values: Floats, replicates: int, rng: np.random.Generator
) -> Floats:
    """Alpha for resamples of the pairable units."""
    results = [
        alpha_from(coincidences(counts, row.astype(np.float64)), level, values)[0]
        for group in multiplicities(counts.shape[0], replicates, rng)
        for row in group
    ]
    return np.array(results, dtype=np.float64)


# -- Fleiss' kappa and Gwet's AC1 ----------------------------------------------------------------


def fleiss(table: Floats, weight: Floats) -> tuple[Floats, Floats, Floats]:
    """Fleiss' kappa, mean observed and expected agreement for weightings of the subjects.

    ``weight`` is replicates x subjects: how often each subject counts.
    """
    raters = table[0].sum()
    per_subject = ((table**2).sum(axis=1) - raters) / (raters * (raters - 1.0))
    total = weight.sum(axis=1)
    observed = weight @ per_subject / total
    shares = weight @ table / (total * raters)[:, np.newaxis]
    expected = (shares**2).sum(axis=1)
    return _ratio(observed - expected, 1.0 - expected), observed, expected


def gwet(counts: Floats, q: int, weight: Floats) -> tuple[Floats, Floats, Floats]:
    """Gwet's AC1, observed and chance agreement for weightings of the rated units.

    ``counts`` is units x categories for units with at least one rating; ``weight`` is
    replicates x units.
    """
    ratings = counts.sum(axis=1)
    pairable = ratings >= 2
    pairs = np.where(pairable, ratings * (ratings - 1.0), 1.0)
    agreeing = np.where(pairable, (counts * (counts - 1.0)).sum(axis=1) / pairs, 0.0)
    observed = _ratio(weight @ agreeing, weight @ pairable.astype(np.float64))
    shares = weight @ (counts / ratings[:, np.newaxis]) / weight.sum(axis=1)[:, np.newaxis]
    expected = (shares * (1.0 - shares)).sum(axis=1) / (q - 1.0)
    return _ratio(observed - expected, 1.0 - expected), observed, expected


def by_units(
    kernel: Callable[[Floats], tuple[Floats, Floats, Floats]],
    units: int,
    replicates: int,
    rng: np.random.Generator,
) -> Floats:
    """A kernel that takes replicates x units weights, run on bootstrap resamples."""
    return np.concatenate(
        [kernel(group.astype(np.float64))[0] for group in multiplicities(units, replicates, rng)]
    )


# -- Cohen's kappa ---------------------------------------------------------------------------


def disagreement_weights(k: int, weights: str | None) -> Floats:
    """Disagreement weights in [0, 1]: 0 on the diagonal, 1 at the widest disagreement."""
    positions = np.arange(k, dtype=np.float64)
    gap = np.abs(positions[:, np.newaxis] - positions[np.newaxis, :]) / max(k - 1, 1)
    if weights is None:
        return (gap > 0).astype(np.float64)
    return gap if weights == "linear" else gap**2


def cohen(table: Floats, weights: str | None) -> tuple[float, float, float, float]:
    """Cohen's kappa, observed and expected agreement, and the kappa's standard error.

    The standard error is the large-sample one of Fleiss, Cohen and Everitt (1969),
    written with agreement weights ``w = 1 - d``.
    """
    n = table.sum()
    p = table / n
    rows, columns = p.sum(axis=1), p.sum(axis=0)
    w = 1.0 - disagreement_weights(table.shape[0], weights)
    observed = float((w * p).sum())
    expected = float((w * np.outer(rows, columns)).sum())
    if expected >= 1.0:
        return float("nan"), observed, expected, float("nan")
    kappa = (observed - expected) / (1.0 - expected)
    row_mean = w @ columns
    column_mean = rows @ w
    spread = (w - (row_mean[:, np.newaxis] + column_mean[np.newaxis, :]) * (1.0 - kappa)) ** 2
    variance = ((p * spread).sum() - (kappa - expected * (1.0 - kappa)) ** 2) / (
        (1.0 - expected) ** 2 * n
    )
    return kappa, observed, expected, float(np.sqrt(max(variance, 0.0)))
