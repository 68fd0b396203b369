"""Benchmark: turning the curve for a national panel with ``curve_many``.

The workload: 60,000 series x 40 quarters (``--quick``: 2,000 series), drawn from
``numpy.random.default_rng(SEED)``: a level and a trend per series, noise, about 2 %
of values missing, and in a third of the series a change after the baseline (a
step up or down), so every verdict occurs. The baseline is the first 32 quarters;
the last 8 are forecast and judged.

Measured in one run, on the same data, each the median of several repeats, for the
linear method (the default, and the target) and, for information, the mean and
damped Holt methods:

(a) ``curve_many(values, baseline_end=32, method=...)`` on every series at once;
(b) a Python loop of ``turn_the_curve`` over the same series (timed on a sample
    and scaled linearly when the whole loop would be slow; the output says so).

Before anything is timed, (a) and (b) are checked to agree exactly on every series
of the sample: forecasts, intervals, verdicts and fitted parameters. Prints one line
per method (the ratio), then the absolute medians for information. Exits non-zero
only on an error (such as (a) and (b) disagreeing), never because a ratio misses its
target (20x for linear).

Usage::

    python benchmarks/curve.py            # 60,000 series, 3 repeats
    python benchmarks/curve.py --quick    # 2,000 series, 2 repeats
"""

from __future__ import annotations

import argparse
import gc
import time
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from scoring import median_times, seconds

from lscbqa.indicators.curve import CurveResult, CurveTable, curve_many, turn_the_curve

SEED = 20240930
FULL_SERIES = 60_000
QUICK_SERIES = 2_000
QUARTERS = 40
BASELINE = 32
MISSING_SHARE = 0.02

# The loop is timed on at most LOOP_SAMPLE series, and on all of them only when
# that would take at most LOOP_BUDGET seconds per repeat.
LOOP_SAMPLE = {"linear": 3_000, "mean": 3_000, "holt": 600}
LOOP_BUDGET = 10.0


def workload(series: int, *, seed: int = SEED) -> npt.NDArray[np.float64]:
    """``series`` x 40 quarterly values: trend and noise, a change after the baseline in a third."""
    rng = np.random.default_rng(seed)
    quarters = np.arange(QUARTERS, dtype=np.float64)
    level = rng.uniform(10, 60, (series, 1))
    trend = rng.normal(0, 0.3, (series, 1))
    noise = rng.normal(0, rng.uniform(0.5, 3, (series, 1)), (series, QUARTERS))
    change = np.where(rng.random((series, 1)) < 1 / 3, rng.normal(0, 8, (series, 1)), 0.0)
    values = level + trend * quarters + noise + change * (quarters >= BASELINE)
    values[rng.random(values.shape) < MISSING_SHARE] = np.nan
    return values


def curve_loop(values: npt.NDArray[np.float64], method: str) -> list[CurveResult]:
    return [turn_the_curve(row, baseline_end=BASELINE, method=method) for row in values]


def check_agreement(table: CurveTable, looped: list[CurveResult]) -> None:
    """Raise unless every looped series equals its row of the table exactly."""
    for index, single in enumerate(looped):
        many = table.result(index)
        for name in ("forecast", "lower", "upper", "observed"):
            if not np.array_equal(getattr(many, name), getattr(single, name), equal_nan=True):
                raise AssertionError(f"curve_many and turn_the_curve disagree on {name}, {index}")
        if many.verdicts != single.verdicts or many.parameters != single.parameters:
            raise AssertionError(f"curve_many and turn_the_curve disagree on series {index}")


def measure(values: npt.NDArray[np.float64], method: str, repeats: int) -> tuple[str, str]:
    """Check agreement on a sample, then time curve_many and the loop: (ratio line, details)."""
    count = len(values)
    table = curve_many(values, baseline_end=BASELINE, method=method)
    sample = values[: min(LOOP_SAMPLE[method], count)]
    gc.collect()
    start = time.perf_counter()
    check_agreement(table, curve_loop(sample, method))
    estimate = (time.perf_counter() - start) * count / len(sample)
    looped = values if estimate <= LOOP_BUDGET else sample
    if len(looped) == count:
        note = f"all {count} series"
    else:
        note = f"timed on {len(looped)} series, scaled linearly to {count}"
    medians = median_times(
        {
            "curve_many": lambda: curve_many(values, baseline_end=BASELINE, method=method),
            "loop": lambda: curve_loop(looped, method),
        },
        repeats,
    )
    batch, loop_time = medians["curve_many"], medians["loop"] * count / len(looped)
    target = " (target 20x)" if method == "linear" else ""
    line = f"curve_many vs turn_the_curve loop, {method}: {loop_time / batch:.1f}x faster{target}"
    detail = (
        f"    {method:<7} curve_many {seconds(batch)}; loop {seconds(loop_time)} ({note}); "
        f"agrees exactly on {len(sample)} series; verdicts {dict(table.counts())}"
    )
    return line, detail


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark curve_many on a national panel.")
    parser.add_argument("--quick", action="store_true", help="2,000 series, 2 repeats")
    parser.add_argument("--repeats", type=int, help="repeats per measurement (3; 2 with --quick)")
    args = parser.parse_args(argv)
    repeats = args.repeats or (2 if args.quick else 3)
    count = QUICK_SERIES if args.quick else FULL_SERIES

    started = time.perf_counter()
    values = workload(count)
    print(
        f"curve: {count} series x {QUARTERS} quarters, baseline {BASELINE}, "
        f"{repeats} repeats (workload built in {seconds(time.perf_counter() - started)})"
    )

    lines, details = [], []
    for method in ("linear", "mean", "holt"):
        line, detail = measure(values, method, repeats)
        lines.append(line)
        details.append(detail)
    print("\n".join(lines))
    print("  medians (information only, not targets):")
    print("\n".join(details))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
