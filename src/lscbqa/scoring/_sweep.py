"""The scoring engine run on many variants of a framework at once, one variant per row.

Experiments (weight sensitivity, bootstrap) score the same subjects under many
choices of weights. Rather than rebuild the framework per choice, the rows of one
array are draws x subjects and every aggregating node combines its children with a
weight row per array row. This builds on :class:`lscbqa.scoring.engine._Compiled`:
a shallow copy whose nodes aggregate with per-row weights, evaluated by the engine's
own :meth:`evaluate`, so coverage, not-applicable handling, limiting rules and levels
are exactly the engine's.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping

import attrs
import numpy as np
import numpy.typing as npt

from lscbqa.scoring import aggregators
from lscbqa.scoring.aggregators import Aggregator
from lscbqa.scoring.engine import _Compiled, _Evaluated

Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]


def weight_groups(compiled: _Compiled) -> list[tuple[int, Floats]]:
    """Nodes whose children's weights can matter: two or more children, in node order."""
    return [(node.index, node.weights) for node in compiled.nodes if len(node.children) >= 2]


def _scaled(scored: Bools, weights: Floats) -> Floats:
    """The engine's effective weights, one weight row per score row.

    As :func:`lscbqa.scoring.aggregators.weighted_mean` does with one weight row:
    unscored children weigh 0, each row is scaled by a power of two so its largest
    weight lies in [0.5, 1), and a row whose scored children all weigh 0 weighs
    them equally.
    """
    w = np.where(scored, weights, 0.0)
    largest = w.max(axis=1, keepdims=True, initial=0.0)
    w = np.ldexp(w, -np.frexp(largest)[1])
    return np.where(largest > 0, w, scored.astype(np.float64))


def row_weighted_mean(scores: Floats, weights: Floats) -> Floats:
    """``weighted_mean`` with a weight row per score row."""
    scored = ~np.isnan(scores)
    w = _scaled(scored, weights)
    total = w.sum(axis=1)
    summed = (np.where(scored, scores, 0.0) * w).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, summed / np.where(total > 0, total, 1.0), np.nan)


def row_weighted_median(scores: Floats, weights: Floats) -> Floats:
    """``weighted_median`` with a weight row per score row."""
    scored = ~np.isnan(scores)
    w = _scaled(scored, weights)
    order = np.argsort(np.where(scored, scores, np.inf), axis=1, kind="stable")
    sorted_scores = np.take_along_axis(scores, order, axis=1)
    cumulative = np.cumsum(np.take_along_axis(w, order, axis=1), axis=1)
    half = cumulative[:, -1:] / 2.0
    position = np.argmax(cumulative >= half - 1e-12, axis=1)
    result = sorted_scores[np.arange(scores.shape[0]), position]
    return np.where(scored.any(axis=1), result, np.nan)


def _per_row(aggregate: Aggregator, weights: Floats) -> Aggregator:
    """Any aggregator with a weight row per score row: one call per distinct weight row."""
    distinct, which = np.unique(weights, axis=0, return_inverse=True)
    which = which.reshape(-1)

    def run(scores: Floats, _: Floats) -> Floats:
        out = np.full(scores.shape[0], np.nan)
        for group, row in enumerate(distinct):
            chosen = which == group
            out[chosen] = aggregate(scores[chosen], row)
        return out

    return run


def row_aggregator(aggregate: Aggregator, meet: float, weights: Floats) -> Aggregator:
    """The node's aggregator, made to use ``weights`` (rows x children) row by row.

    The built-in weighted mean and median are vectorised over rows; aggregators that
    ignore weights (minimum, maximum, all-must-meet) are used as they are; a custom
    aggregator is called once per distinct weight row.
    """
    if aggregate is aggregators.weighted_mean:
        return lambda scores, _: row_weighted_mean(scores, weights)
    if aggregate is aggregators.weighted_median:
        return lambda scores, _: row_weighted_median(scores, weights)
    ignoring = (
        aggregators.minimum,
        aggregators.maximum,
        aggregators.aggregator("all_must_meet", meet=meet),
    )
    if any(aggregate is known for known in ignoring):
        return aggregate
    return _per_row(aggregate, weights)


def evaluate_rows(
    compiled: _Compiled, values: Floats, not_applicable: Bools, weights: Mapping[int, Floats]
) -> _Evaluated:
    """Evaluate every node for every row, node ``i`` weighing its children by ``weights[i]``.

    ``values`` and ``not_applicable`` are rows x criteria as :meth:`_Compiled.arrays`
    makes them; ``weights`` maps a node's index to a rows x children array. Nodes not
    in ``weights`` keep their own. Evidence plays no part (no node counts any).
    """
    variant = copy.copy(compiled)
    nodes = list(compiled.nodes)
    meet = compiled.policy.meet
    for index, matrix in weights.items():
        node = nodes[index]
        nodes[index] = attrs.evolve(node, aggregate=row_aggregator(node.aggregate, meet, matrix))
    variant.nodes = nodes
    evidence = np.zeros((*values.shape, 0), dtype=np.uint8)
    return variant.evaluate(values, not_applicable, evidence)
