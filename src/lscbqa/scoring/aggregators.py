"""Aggregators: how a node combines its children's scores, for many subjects at once.

Every aggregator takes ``scores``, a subjects x children array of normalised
scores in [0, 1] with NaN where a child has no score, and ``weights``, one weight
per child, and returns one score per subject (NaN where no child has a score).
Custom aggregators are registered under a name that scoring policies can use.

Examples
--------
>>> import numpy as np
>>> scores = np.array([[0.0, 1.0, np.nan], [0.5, 0.5, 1.0]])
>>> weights = np.array([1.0, 3.0, 1.0])
>>> weighted_mean(scores, weights).tolist()
[0.75, 0.6]
>>> minimum(scores, weights).tolist()
[0.0, 0.5]
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from lscbqa.exceptions import DuplicateRegistrationWarning, NotFoundError

__all__ = [
    "Aggregator",
    "aggregator",
    "all_must_meet",
    "maximum",
    "minimum",
    "register_aggregator",
    "weighted_mean",
    "weighted_median",
]

Array = npt.NDArray[np.float64]
Aggregator = Callable[[Array, Array], Array]
"""``aggregate(scores, weights) -> scores``: subjects x children in, one per subject out."""


# Weights in this range need no rescaling for a mean: sums of a million of them, times
# scores in [0, 1], neither overflow nor lose precision to subnormals.
_TAME = (2.0**-500, 2.0**500)


def _effective_weights(scored: npt.NDArray[np.bool_], weights: Array) -> Array:
    """Weights of the scored children per subject; equal weights where all are zero."""
    w = np.where(scored, weights[np.newaxis, :], 0.0)
    largest = w.max(axis=1, keepdims=True, initial=0.0)
    # Scale each row by a power of two (exactly) so its largest weight lies in [0.5, 1): sums
    # then neither overflow near the float maximum nor shrink below the tolerances.
    w = np.ldexp(w, -np.frexp(largest)[1])
    return np.where(largest > 0, w, scored.astype(np.float64))


def weighted_mean(scores: Array, weights: Array) -> Array:
    """The weighted mean of the scored children (equal weights if theirs are all zero).

    Examples
    --------
    >>> import numpy as np
    >>> weighted_mean(np.array([[1.0, 0.0]]), np.array([0.0, 0.0])).tolist()
    [0.5]
    """
    scored = ~np.isnan(scores)
    if weights.size and _TAME[0] <= weights.min() and weights.max() <= _TAME[1]:
        # Every weight positive and moderate: rescaling a row by a power of two would
        # change no quotient, and a row with a score never sums to zero weight.
        w = np.where(scored, weights[np.newaxis, :], 0.0)
    else:
        w = _effective_weights(scored, weights)
    total = w.sum(axis=1)
    summed = (np.where(scored, scores, 0.0) * w).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, summed / np.where(total > 0, total, 1.0), np.nan)


def weighted_median(scores: Array, weights: Array) -> Array:
    """The lower weighted median of the scored children.

    The smallest score at which the scored children's cumulative weight reaches
    half their total weight (equal weights if theirs are all zero).

    Examples
    --------
    >>> import numpy as np
    >>> weighted_median(np.array([[0.0, 0.5, 1.0]]), np.array([1.0, 1.0, 3.0])).tolist()
    [1.0]
    """
    scored = ~np.isnan(scores)
    w = _effective_weights(scored, weights)
    order = np.argsort(np.where(scored, scores, np.inf), axis=1, kind="stable")
    sorted_scores = np.take_along_axis(scores, order, axis=1)
    cumulative = np.cumsum(np.take_along_axis(w, order, axis=1), axis=1)
    half = cumulative[:, -1:] / 2.0
    position = np.argmax(cumulative >= half - 1e-12, axis=1)
    result = sorted_scores[np.arange(scores.shape[0]), position]
    return np.where(scored.any(axis=1), result, np.nan)


def minimum(scores: Array, weights: Array) -> Array:
    """The lowest score of the scored children; weights play no part.

    Examples
    --------
    >>> import numpy as np
    >>> minimum(np.array([[np.nan, np.nan]]), np.array([1.0, 1.0])).tolist()
    [nan]
    """
    scored = ~np.isnan(scores)
    lowest = np.where(scored, scores, np.inf).min(axis=1, initial=np.inf)
    return np.where(scored.any(axis=1), lowest, np.nan)


def maximum(scores: Array, weights: Array) -> Array:
    """The highest score of the scored children; weights play no part.

    Examples
    --------
    >>> import numpy as np
    >>> maximum(np.array([[0.2, 0.9]]), np.array([1.0, 1.0])).tolist()
    [0.9]
    """
    scored = ~np.isnan(scores)
    highest = np.where(scored, scores, -np.inf).max(axis=1, initial=-np.inf)
    return np.where(scored.any(axis=1), highest, np.nan)


def all_must_meet(meet: float) -> Aggregator:
    """An aggregator that scores 1 when every scored child reaches ``meet``, else 0.

    Parameters
    ----------
    meet : float
        The normalised score a child must reach to count as met.

    Examples
    --------
    >>> import numpy as np
    >>> all_must_meet(0.5)(np.array([[0.5, 1.0], [0.4, 1.0]]), np.array([1.0, 1.0])).tolist()
    [1.0, 0.0]
    """

    def aggregate(scores: Array, weights: Array) -> Array:
        scored = ~np.isnan(scores)
        met = np.where(scored, scores >= meet - 1e-12, True).all(axis=1)
        return np.where(scored.any(axis=1), met.astype(np.float64), np.nan)

    return aggregate


_REGISTRY: dict[str, Aggregator] = {
    "weighted_mean": weighted_mean,
    "weighted_median": weighted_median,
    "minimum": minimum,
    "maximum": maximum,
}


def register_aggregator(name: str) -> Callable[[Aggregator], Aggregator]:
    """Register a custom aggregator under ``name``, as a decorator.

    The function takes ``(scores, weights)`` — a subjects x children array with
    NaN for unscored children, and the children's weights — and returns one score
    in [0, 1] per subject, NaN where no child is scored.

    Warns
    -----
    DuplicateRegistrationWarning
        If the name is taken; the new aggregator replaces it.

    Examples
    --------
    >>> import numpy as np
    >>> @register_aggregator("example_mid_range")
    ... def mid_range(scores, weights):
    ...     return (minimum(scores, weights) + maximum(scores, weights)) / 2
    >>> aggregator("example_mid_range", meet=1.0)(np.array([[0.0, 1.0]]), np.ones(2)).tolist()
    [0.5]
    """

    def decorate(function: Aggregator) -> Aggregator:
        if name in _REGISTRY or name == "all_must_meet":
            warnings.warn(
                f"aggregator {name!r} was registered before; the new one replaces it",
                DuplicateRegistrationWarning,
                stacklevel=2,
            )
        _REGISTRY[name] = function
        return function

    return decorate


def aggregator(name: str, *, meet: float) -> Aggregator:
    """The aggregator registered under ``name``.

    Parameters
    ----------
    name : str
        A built-in name or a registered one.
    meet : float
        The threshold ``all_must_meet`` uses.

    Raises
    ------
    NotFoundError
        If no aggregator has that name (the message lists those that do).

    Examples
    --------
    >>> aggregator("minimum", meet=1.0) is minimum
    True
    """
    if name == "all_must_meet" and name not in _REGISTRY:
        return _all_must_meet(meet)
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(repr(n) for n in sorted({*_REGISTRY, "all_must_meet"}))
        raise NotFoundError(f"no aggregator named {name!r}; known: {known}") from None


@functools.cache
def _all_must_meet(meet: float) -> Aggregator:
    return all_must_meet(meet)
