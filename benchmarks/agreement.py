"""Benchmark: agreement coefficients against their reference implementations.

The workload is issue 7's "krippendorff_alpha on 20 raters x 10,000 units, levels
1-4": the national case audit of
``lscbqa.datasets.synthetic.synthetic(1, agencies_per_board=1, parts=("case_audit",),
auditors=20, audit_cases=10_000, seed=workloads.SEED)``, 20 auditors (the raters)
each grading 10,000 cases (the units) on Ofsted's four grades, about 10 % of grades
missing; ``--quick`` draws ``audit_cases=2_000``. Its ``audit_grades`` (auditors x
cases, level positions 0-3, -1 where not graded) become, untimed, raters x units of
float grades 1-4 with NaN for a missing grade: the input the agreement functions take.

Measured in one run, on the same data, each the median of several repeats:

(a) ``krippendorff_alpha(data, level=...)`` against ``krippendorff.alpha`` (the
    ``krippendorff`` package) for the nominal, ordinal and interval levels;
(b) ``fleiss_kappa(table)`` against ``statsmodels.stats.inter_rater.fleiss_kappa``
    on the complete units' subjects x categories table;
(c) ``cohen_kappa(a, b, weights="quadratic")`` against statsmodels' ``cohens_kappa``
    on the first two raters (statsmodels is given the contingency table; the time to
    build it with numpy is counted in its time, as ours starts from the grades);
(d) the peak memory of each call, ours and the reference's (tracemalloc, measured
    once, apart from the timings).

Every value is checked against the reference (within 1e-9) before anything is timed.
Ratios are printed first, one per line, then peak memory, then the absolute medians.
Exits non-zero only on an error or a disagreement, never because a ratio misses its
target.

Usage::

    python benchmarks/agreement.py            # 20 raters x 10,000 units, 5 repeats
    python benchmarks/agreement.py --quick    # 20 raters x 2,000 units, 3 repeats
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Sequence

import krippendorff
import numpy as np
import workloads
from statsmodels.stats import inter_rater
from workloads import faster, mebibytes, median_times, peak_memory, seconds

from lscbqa.datasets.synthetic import synthetic
from lscbqa.scoring.agreement import cohen_kappa, fleiss_kappa, krippendorff_alpha

RATERS = 20
FULL_UNITS = 10_000
QUICK_UNITS = 2_000
LEVELS = ("nominal", "ordinal", "interval")
CATEGORIES = (1.0, 2.0, 3.0, 4.0)


def workload(units: int) -> np.ndarray:
    """The synthetic case audit as raters x units of grades 1-4, NaN where not graded."""
    audit = synthetic(
        1,
        agencies_per_board=1,
        parts=("case_audit",),
        auditors=RATERS,
        audit_cases=units,
        seed=workloads.SEED,
    ).audit_grades
    assert audit is not None
    return np.where(audit >= 0, audit + 1.0, np.nan)


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
    started = time.perf_counter()
    data = workload(units)
    missing = float(np.isnan(data).mean())
    print(
        f"agreement: {RATERS} raters x {units} units, levels 1-4, {missing:.1%} missing, "
        f"{repeats} repeats (synthetic case audit drawn in "
        f"{seconds(time.perf_counter() - started)})"
    )

    complete = data[:, ~np.isnan(data).any(axis=0)]
    table = np.stack([(complete == level).sum(axis=0) for level in CATEGORIES], axis=1)
    both = ~np.isnan(data[:2]).any(axis=0)
    a, b = data[0, both], data[1, both]

    functions: dict[str, Callable[[], object]] = {}
    for level in LEVELS:
        functions[f"ours {level}"] = lambda level=level: krippendorff_alpha(data, level=level)
        functions[f"theirs {level}"] = lambda level=level: krippendorff.alpha(
            reliability_data=data, level_of_measurement=level
        )
    functions["ours fleiss"] = lambda: fleiss_kappa(table)
    functions["theirs fleiss"] = lambda: inter_rater.fleiss_kappa(table)
    functions["ours cohen"] = lambda: cohen_kappa(
        a, b, weights="quadratic", categories=list(CATEGORIES)
    )
    functions["theirs cohen"] = lambda: statsmodels_cohen(a, b)

    for name in (*LEVELS, "fleiss", "cohen"):
        ours, theirs = functions[f"ours {name}"](), functions[f"theirs {name}"]()
        check(name, float(ours), float(theirs))  # type: ignore[arg-type]

    started = time.perf_counter()
    medians = median_times(functions, repeats)
    took = seconds(time.perf_counter() - started)
    peaks = {name: peak_memory(function) for name, function in functions.items()}

    for level in LEVELS:
        ratio = faster(medians[f"theirs {level}"], medians[f"ours {level}"])
        print(f"krippendorff_alpha ({level}) vs krippendorff package: {ratio}")
    fleiss = faster(medians["theirs fleiss"], medians["ours fleiss"])
    cohen = faster(medians["theirs cohen"], medians["ours cohen"])
    print(f"fleiss_kappa vs statsmodels: {fleiss}")
    print(f"cohen_kappa (quadratic) vs statsmodels: {cohen}")
    for level in LEVELS:
        print(f"peak memory krippendorff_alpha {level} {mebibytes(peaks[f'ours {level}'])}")
        print(f"peak memory krippendorff package {level} {mebibytes(peaks[f'theirs {level}'])}")
    print(f"peak memory fleiss_kappa {mebibytes(peaks['ours fleiss'])}")
    print(f"peak memory statsmodels fleiss_kappa {mebibytes(peaks['theirs fleiss'])}")
    print(f"peak memory cohen_kappa {mebibytes(peaks['ours cohen'])}")
    print(f"peak memory statsmodels cohens_kappa {mebibytes(peaks['theirs cohen'])}")
    print("  medians (information only, not targets):")
    for name, value in medians.items():
        print(f"    {name:<18} {seconds(value)}")
    print(
        f"  (every value agrees with its reference within 1e-9; timing took {took}; "
        f"grades array {mebibytes(data.nbytes)})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
