"""Benchmark: agreement coefficients against their reference implementations.

Measured in one run, on the same data (``workloads.rater_grades``: 20 raters x 10,000
units graded 1-4, about 10 % missing; 20 x 2,000 with ``--quick``), each the median of
several repeats:

(a) ``krippendorff_alpha(data, level=...)`` against ``krippendorff.alpha`` (the
    ``krippendorff`` package) for the nominal, ordinal and interval levels;
(b) ``fleiss_kappa(table)`` against ``statsmodels.stats.inter_rater.fleiss_kappa``
    on the complete units' subjects x categories table;
(c) ``cohen_kappa(a, b, weights="quadratic")`` against statsmodels' ``cohens_kappa``
    on the first two raters (statsmodels is given the contingency table; the time to
    build it with numpy is counted in its time, as ours starts from the grades).

Every value is checked against the reference (within 1e-9) before anything is printed.
Exits non-zero only on an error or a disagreement, never because a ratio misses its
target.

Usage::

    python benchmarks/agreement.py            # 20 raters x 10,000 units, 5 repeats
    python benchmarks/agreement.py --quick    # 20 raters x 2,000 units, 3 repeats
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence

import krippendorff
import numpy as np
import workloads
from scoring import median_times, seconds
from statsmodels.stats import inter_rater

from lscbqa.scoring.agreement import cohen_kappa, fleiss_kappa, krippendorff_alpha

RATERS = 20
FULL_UNITS = 10_000
QUICK_UNITS = 2_000
LEVELS = ("nominal", "ordinal", "interval")


def check(name: str, ours: float, theirs: float) -> None:
    if not abs(ours - theirs) <= 1e-9:
        raise AssertionError(f"{name}: ours {ours!r} and the reference {theirs!r} disagree")


def statsmodels_cohen(a: np.ndarray, b: np.ndarray) -> float:
    table = np.zeros((4, 4))
    np.add.at(table, (a.astype(np.int64) - 1, b.astype(np.int64) - 1), 1)
    return float(inter_rater.cohens_kappa(table, wt="quadratic", return_results=False))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the agreement coefficients.")
    parser.add_argument("--quick", action="store_true", help="2,000 units, 3 repeats")
    parser.add_argument("--repeats", type=int, help="repeats per measurement (5; 3 with --quick)")
    args = parser.parse_args(argv)
    repeats = args.repeats or (3 if args.quick else 5)
    units = QUICK_UNITS if args.quick else FULL_UNITS
    data = workloads.rater_grades(RATERS, units)
    print(f"agreement: {RATERS} raters x {units} units, levels 1-4, {repeats} repeats")

    complete = data[:, ~np.isnan(data).any(axis=0)]
    table = np.stack([(complete == level).sum(axis=0) for level in (1, 2, 3, 4)], axis=1)
    both = ~np.isnan(data[:2]).any(axis=0)
    a, b = data[0, both], data[1, both]

    for level in LEVELS:
        check(
            f"alpha ({level})",
            krippendorff_alpha(data, level=level).value,
            krippendorff.alpha(reliability_data=data, level_of_measurement=level),
        )
    check("fleiss", fleiss_kappa(table).value, inter_rater.fleiss_kappa(table))
    check(
        "cohen",
        cohen_kappa(a, b, weights="quadratic", categories=[1.0, 2.0, 3.0, 4.0]).value,
        statsmodels_cohen(a, b),
    )

    functions = {}
    for level in LEVELS:
        functions[f"ours {level}"] = lambda level=level: krippendorff_alpha(data, level=level)
        functions[f"theirs {level}"] = lambda level=level: krippendorff.alpha(
            reliability_data=data, level_of_measurement=level
        )
    functions["ours fleiss"] = lambda: fleiss_kappa(table)
    functions["theirs fleiss"] = lambda: inter_rater.fleiss_kappa(table)
    functions["ours cohen"] = lambda: cohen_kappa(
        a, b, weights="quadratic", categories=[1.0, 2.0, 3.0, 4.0]
    )
    functions["theirs cohen"] = lambda: statsmodels_cohen(a, b)
    started = time.perf_counter()
    medians = median_times(functions, repeats)
    for level in LEVELS:
        ratio = medians[f"theirs {level}"] / medians[f"ours {level}"]
        print(f"krippendorff_alpha ({level}) vs krippendorff package: {ratio:.1f}x faster")
    fleiss = medians["theirs fleiss"] / medians["ours fleiss"]
    cohen = medians["theirs cohen"] / medians["ours cohen"]
    print(f"fleiss_kappa vs statsmodels: {fleiss:.1f}x faster")
    print(f"cohen_kappa (quadratic) vs statsmodels: {cohen:.1f}x faster")
    print("  medians (information only, not targets):")
    for name, value in medians.items():
        print(f"    {name:<18} {seconds(value)}")
    took = seconds(time.perf_counter() - started)
    print(f"  (every value agrees with its reference within 1e-9; timing took {took})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
