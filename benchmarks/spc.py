"""Benchmark: XmR charts of a national panel with ``xmr_many``.

Workload: 60,000 series x 40 quarters (about 150 areas x 400 indicators), drawn
from ``numpy.random.default_rng(SEED)``: noise around a level, with a shift in a
fifth of the series, a trend in a tenth, an outlier here and there and about 1 %
missing values, so that every rule fires somewhere. ``--quick``: 2,000 series.

Measured in one run, each the median of several repeats:

(a) ``xmr_many(values)`` on the whole array;
(b) ``xmr(row)`` in a Python loop over the same series, timed on a sample of
    LOOP_SAMPLE series and scaled linearly to all of them (the output says so).

Before timing, the results of (a) and (b) are checked to agree on the sample
(limits, point types, variation icons); a disagreement exits non-zero. A missed
ratio target never does.

Usage::

    python benchmarks/spc.py            # 60,000 series x 40 quarters, 3 repeats
    python benchmarks/spc.py --quick    # 2,000 series x 40 quarters, 2 repeats
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from workloads import median_times, seconds

from lscbqa.indicators.spc import SpcResult, SpcTable, xmr, xmr_many

SEED = 20240601
FULL_SERIES = 60_000
QUICK_SERIES = 2_000
QUARTERS = 40
LOOP_SAMPLE = 2_000
TARGET_RATIO = 20


def workload(series: int, quarters: int = QUARTERS) -> npt.NDArray[np.float64]:
    """Noisy series with shifts, trends, outliers and gaps (deterministic)."""
    rng = np.random.default_rng(SEED)
    level = rng.uniform(5, 50, size=(series, 1))
    values = level + rng.normal(0, 1, size=(series, quarters)) * level / 10
    time_axis = np.arange(quarters)
    shifted = rng.random(series) < 0.2
    values[shifted] += (time_axis >= rng.integers(10, 35)) * level[shifted] / 5
    trending = rng.random(series) < 0.1
    values[trending] += time_axis * level[trending] / 40
    outliers = rng.random(values.shape) < 0.01
    values[outliers] *= 2.5
    values[rng.random(values.shape) < 0.01] = np.nan
    return values


def xmr_loop(values: npt.NDArray[np.float64]) -> list[SpcResult]:
    return [xmr(row) for row in values]


def check_agreement(table: SpcTable, looped: list[SpcResult]) -> None:
    """Raise unless xmr_many and the xmr loop give the same charts."""
    for index, single in enumerate(looped):
        many = table.result(index)
        if not np.array_equal(many.upper_limit, single.upper_limit, equal_nan=True):
            raise AssertionError(f"series {index}: limits differ")
        if many.point_types.tolist() != single.point_types.tolist():
            raise AssertionError(f"series {index}: point types differ")
        if many.variation_icon != single.variation_icon:
            raise AssertionError(f"series {index}: variation icons differ")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark xmr_many against a loop of xmr.")
    parser.add_argument("--quick", action="store_true", help="2,000 series, 2 repeats")
    parser.add_argument("--repeats", type=int, help="repeats per measurement (3; 2 with --quick)")
    args = parser.parse_args(argv)
    repeats = args.repeats or (2 if args.quick else 3)
    count = QUICK_SERIES if args.quick else FULL_SERIES

    values = workload(count)
    print(f"spc: {count} series x {QUARTERS} quarters, {repeats} repeats")

    sample = values[: min(LOOP_SAMPLE, count)]
    table = xmr_many(values)
    check_agreement(table, xmr_loop(sample))
    special = float((table.point_type_codes > 0).mean())
    print(f"  agreement: xmr_many = xmr loop on {len(sample)} series (limits, types, icons)")
    print(f"  special-cause points: {special:.1%}")

    medians = median_times(
        {"xmr_many": lambda: xmr_many(values), "xmr loop (sample)": lambda: xmr_loop(sample)},
        repeats,
    )
    loop = medians["xmr loop (sample)"] * count / len(sample)
    if len(sample) == count:
        note = f"all {count} series"
    else:
        note = f"timed on {len(sample)} series, scaled linearly to {count}"
    ratio = loop / medians["xmr_many"]
    print(f"  xmr_many vs xmr loop: {ratio:.1f}x faster (target >= {TARGET_RATIO}x; loop {note})")
    print(f"  medians: xmr_many {seconds(medians['xmr_many'])}, xmr loop {seconds(loop)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
