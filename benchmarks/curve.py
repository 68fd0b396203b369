"""Benchmark: turning the curve for a national panel with ``curve_many``.

The workload is the indicator panel of
``lscbqa.datasets.synthetic.synthetic(7499, parts=("panel",), quarters=40, seed=SEED)``
(``SEED`` from ``workloads.py``): 7,500 areas (7,499 boards and England) x the 8
built-in safeguarding indicators x 40 quarters = 60,000 series, the size the issue
named. ``--quick`` draws ``synthetic(249, ...)``: 250 areas x 8 = 2,000 series. Each
series is a board level, a linear trend and noise, with a lasting shift of 1-3 noise
widths in about one series in six (see ``docs/datasets.md``); about 2 % of the
boards' values are missing (``panel_missing``). The baseline is the first 32
quarters; the last 8 are forecast and judged, each series with its indicator's
polarity (and healthy band, for the three "within band" indicators).

Measured in one run, on the same data, each the median of several repeats, for the
linear method (the default, and the target) and, for information, the mean and
damped Holt methods:

(a) ``curve_many(panel, baseline_end=32, method=..., polarity=...)``: every series
    at once, the polarities given per indicator;
(b) a Python loop of ``turn_the_curve`` over the same series (the panel's values
    reshaped to series x quarters, untimed), each with its indicator; timed on a
    sample and scaled linearly when the whole loop would be slow, and always with
    ``--quick`` (the output says so).

Before anything is timed, (a) and (b) are checked to agree exactly on every series
of the sample: forecasts, intervals, verdicts, fitted parameters and polarity. The
output also counts the verdicts of every judged quarter, so it shows which verdicts
the workload exercises. Then the peak memory of (a) and of (b) on its sample
(tracemalloc, measured once, apart from the timings). Prints one line per method
(the ratio), then the absolute medians and peak memory for information. Exits
non-zero only on an error (such as (a) and (b) disagreeing), never because a ratio
misses its target (20x for linear).

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
import workloads
from workloads import faster, mebibytes, median_times, peak_memory, seconds

from lscbqa.datasets.synthetic import synthetic
from lscbqa.indicators import safeguarding_indicators
from lscbqa.indicators.curve import CurveResult, CurveTable, curve_many, turn_the_curve
from lscbqa.indicators.series import Panel
from lscbqa.measures import Indicator

FULL_BOARDS = 7_499  # + England = 7,500 areas x 8 indicators = 60,000 series
QUICK_BOARDS = 249  # + England = 250 areas x 8 indicators = 2,000 series
QUARTERS = 40
BASELINE = 32
METHODS = ("linear", "mean", "holt")

# The loop is timed on at most LOOP_SAMPLE series, and on all of them only when
# that would take at most LOOP_BUDGET seconds per repeat; with --quick always on
# the (smaller) QUICK_SAMPLE, to stay well under 20 s.
LOOP_SAMPLE = {"linear": 3_000, "mean": 3_000, "holt": 600}
QUICK_SAMPLE = {"linear": 300, "mean": 300, "holt": 100}
LOOP_BUDGET = 10.0


def workload(boards: int, *, seed: int = workloads.SEED) -> Panel:
    """The synthetic panel: ``boards`` boards and England x 8 indicators x 40 quarters."""
    panel = synthetic(boards, parts=("panel",), quarters=QUARTERS, seed=seed).panel
    assert panel is not None
    return panel


def polarities(panel: Panel) -> dict[str, Indicator]:
    """Each of the panel's indicators by id: curve_many and turn_the_curve read its polarity."""
    known = {indicator.id: indicator for indicator in safeguarding_indicators()}
    return {indicator: known[indicator] for indicator in panel.indicators}


def curve_loop(
    rows: npt.NDArray[np.float64], indicators: Sequence[Indicator], method: str
) -> list[CurveResult]:
    """``turn_the_curve`` on each row, row ``i`` with ``indicators[i % len(indicators)]``."""
    width = len(indicators)
    return [
        turn_the_curve(row, baseline_end=BASELINE, method=method, polarity=indicators[i % width])
        for i, row in enumerate(rows)
    ]


def check_agreement(table: CurveTable, looped: list[CurveResult]) -> None:
    """Raise unless every looped series equals its (area, indicator) entry of the table."""
    width = table.shape[1]
    for index, single in enumerate(looped):
        many = table.result(*divmod(index, width))
        for name in ("forecast", "lower", "upper", "observed"):
            if not np.array_equal(getattr(many, name), getattr(single, name), equal_nan=True):
                raise AssertionError(f"curve_many and turn_the_curve disagree on {name}, {index}")
        if (many.verdicts, many.parameters) != (single.verdicts, single.parameters):
            raise AssertionError(f"curve_many and turn_the_curve disagree on series {index}")
        if (many.polarity, many.band) != (single.polarity, single.band):
            raise AssertionError(f"curve_many and turn_the_curve disagree on polarity, {index}")


def measure(panel: Panel, method: str, repeats: int, quick: bool) -> tuple[str, str, str]:
    """Check agreement on a sample, time curve_many and the loop: (ratio, peak memory, details)."""
    by_id = polarities(panel)
    indicators = list(by_id.values())
    rows = panel.values.reshape(-1, panel.values.shape[-1])
    count = len(rows)

    def batch_call() -> CurveTable:
        return curve_many(panel, baseline_end=BASELINE, method=method, polarity=by_id)

    table = batch_call()
    sample = rows[: min((QUICK_SAMPLE if quick else LOOP_SAMPLE)[method], count)]
    gc.collect()
    start = time.perf_counter()
    check_agreement(table, curve_loop(sample, indicators, method))
    estimate = (time.perf_counter() - start) * count / len(sample)
    looped = rows if estimate <= LOOP_BUDGET and not quick else sample
    if len(looped) == count:
        note = f"all {count} series"
    else:
        note = f"timed on {len(looped)} series, scaled linearly to {count}"
    medians = median_times(
        {"curve_many": batch_call, "loop": lambda: curve_loop(looped, indicators, method)},
        repeats,
    )
    batch, loop_time = medians["curve_many"], medians["loop"] * count / len(looped)
    peak = peak_memory(batch_call)
    loop_peak = peak_memory(lambda: curve_loop(sample, indicators, method))
    target = " (target 20x)" if method == "linear" else ""
    line = f"curve_many vs turn_the_curve loop, {method}: {faster(loop_time, batch)}{target}"
    memory = (
        f"peak memory curve_many {method} {mebibytes(peak)}\n"
        f"peak memory turn_the_curve loop {method} {mebibytes(loop_peak)} "
        f"(on its sample of {len(sample)} series)"
    )
    detail = (
        f"    {method:<7} curve_many {seconds(batch)}; loop {seconds(loop_time)} ({note}); "
        f"agrees exactly on {len(sample)} series; verdicts {dict(table.counts())}"
    )
    return line, memory, detail


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark curve_many on a national panel.")
    parser.add_argument("--quick", action="store_true", help="2,000 series, 2 repeats")
    parser.add_argument("--repeats", type=int, help="repeats per measurement (3; 2 with --quick)")
    args = parser.parse_args(argv)
    repeats = args.repeats or (2 if args.quick else 3)
    boards = QUICK_BOARDS if args.quick else FULL_BOARDS

    started = time.perf_counter()
    panel = workload(boards)
    areas, indicators, quarters = panel.shape
    print(
        f"curve: {areas * indicators} series ({areas} areas x {indicators} indicators) x "
        f"{quarters} quarters, baseline {BASELINE}, polarity per indicator, {repeats} repeats "
        f"(synthetic panel drawn in {seconds(time.perf_counter() - started)})"
    )

    lines, memories, details = [], [], []
    for method in METHODS:
        line, memory, detail = measure(panel, method, repeats, args.quick)
        lines.append(line)
        memories.append(memory)
        details.append(detail)
    print("\n".join(lines))
    print("\n".join(memories))
    print("  medians (information only, not targets):")
    print("\n".join(details))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
