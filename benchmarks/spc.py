"""Benchmark: XmR charts of a national panel with ``xmr_many``.

The workload is the indicator panel of
``lscbqa.datasets.synthetic.synthetic(7499, parts=("panel",), quarters=40, seed=SEED)``
(``SEED`` from ``workloads.py``): 7,500 areas (7,499 boards and England) x the 8
built-in safeguarding indicators x 40 quarters, its values reshaped (untimed) to
60,000 series x 40 quarters, the size the issue named. ``--quick`` draws
``synthetic(249, ...)``: 250 areas x 8 = 2,000 series. Each series is a board level,
a linear trend and noise, with a lasting shift of 1-3 noise widths in about one
series in six (see ``docs/datasets.md``); about 2 % of the boards' values are
missing (``panel_missing``). Every
series is charted with the default improvement direction ("increase"), as before.

Measured in one run, each the median of several repeats:

(a) ``xmr_many(values)`` on the whole series x quarters array;
(b) ``xmr(row)`` in a Python loop over the same series, timed on a sample of
    LOOP_SAMPLE series (QUICK_SAMPLE with ``--quick``) and scaled linearly to all
    of them (the output says so).

Before timing, the results of (a) and (b) are checked to agree on the sample
(limits, point types, variation icons); a disagreement exits non-zero. A missed
ratio target never does. The output counts the point types, the rules that fired
and the variation icons of every series, so it shows which the workload exercises.
Then the peak memory of (a) and of (b) on its sample (tracemalloc, measured once,
apart from the timings).

Usage::

    python benchmarks/spc.py            # 60,000 series x 40 quarters, 3 repeats
    python benchmarks/spc.py --quick    # 2,000 series x 40 quarters, 2 repeats
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
import workloads
from workloads import faster, mebibytes, median_times, peak_memory, seconds

from lscbqa.datasets.synthetic import synthetic
from lscbqa.indicators.spc import (
    POINT_TYPES,
    SPECIAL_CAUSE_RULES,
    VARIATION_ICONS,
    SpcResult,
    SpcTable,
    xmr,
    xmr_many,
)

FULL_BOARDS = 7_499  # + England = 7,500 areas x 8 indicators = 60,000 series
QUICK_BOARDS = 249  # + England = 250 areas x 8 indicators = 2,000 series
QUARTERS = 40
LOOP_SAMPLE = 2_000
QUICK_SAMPLE = 500
TARGET_RATIO = 20


def workload(boards: int, *, seed: int = workloads.SEED) -> npt.NDArray[np.float64]:
    """The synthetic panel's values as series x quarters (boards and England x 8 indicators)."""
    panel = synthetic(boards, parts=("panel",), quarters=QUARTERS, seed=seed).panel
    assert panel is not None
    return panel.values.reshape(-1, panel.values.shape[-1])


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


def tally(codes: npt.NDArray[np.int8], names: Sequence[str]) -> dict[str, int]:
    """How many of ``codes`` have each name (by code)."""
    counts = np.bincount(codes.ravel(), minlength=len(names))
    return {name: int(count) for name, count in zip(names, counts, strict=True)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark xmr_many against a loop of xmr.")
    parser.add_argument("--quick", action="store_true", help="2,000 series, 2 repeats")
    parser.add_argument("--repeats", type=int, help="repeats per measurement (3; 2 with --quick)")
    args = parser.parse_args(argv)
    repeats = args.repeats or (2 if args.quick else 3)

    started = time.perf_counter()
    values = workload(QUICK_BOARDS if args.quick else FULL_BOARDS)
    count = len(values)
    print(
        f"spc: {count} series x {QUARTERS} quarters (synthetic panel: {count // 8} areas x 8 "
        f"indicators), {repeats} repeats (drawn in {seconds(time.perf_counter() - started)})"
    )

    sample = values[: min(QUICK_SAMPLE if args.quick else LOOP_SAMPLE, count)]
    table = xmr_many(values)
    check_agreement(table, xmr_loop(sample))

    medians = median_times(
        {"xmr_many": lambda: xmr_many(values), "xmr loop (sample)": lambda: xmr_loop(sample)},
        repeats,
    )
    peak = peak_memory(lambda: xmr_many(values))
    loop_peak = peak_memory(lambda: xmr_loop(sample))
    loop = medians["xmr loop (sample)"] * count / len(sample)
    if len(sample) == count:
        note = f"all {count} series"
    else:
        note = f"timed on {len(sample)} series, scaled linearly to {count}"
    ratio = faster(loop, medians["xmr_many"])
    print(f"xmr_many vs xmr loop: {ratio} (target >= {TARGET_RATIO}x; loop {note})")
    print(f"peak memory xmr_many {mebibytes(peak)}")
    print(f"peak memory xmr loop {mebibytes(loop_peak)} (on its sample of {len(sample)} series)")
    print("  medians (information only, not targets):")
    print(f"    xmr_many {seconds(medians['xmr_many'])}, xmr loop {seconds(loop)}")
    print(f"  agreement: xmr_many = xmr loop on {len(sample)} series (limits, types, icons)")
    special = float((table.point_type_codes > 0).mean())
    print(f"  special-cause points: {special:.1%}")
    print(f"  point types {tally(table.point_type_codes, POINT_TYPES)}")
    print(f"  rules {tally(table.rule_codes, SPECIAL_CAUSE_RULES)}")
    print(f"  variation icons {tally(table.variation_icon_codes, VARIATION_ICONS)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
