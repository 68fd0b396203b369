"""Benchmark: weight sensitivity, vectorised over draws, against a loop of ``score``.

Measured in one run, on the same data (``workloads.board_workload``: drawn with
``lscbqa.datasets.synthetic.synthetic(150, agencies_per_board=30, criteria=60)``, the
national framework of 60 criteria in 6 domains and the first agency's assessment of
each of the 150 boards, standing for the board), each the median of several repeats:

(a) ``weight_sensitivity(framework, assessments, n_draws=10_000, rng=...)``: Dirichlet
    weights around the framework's, every draw x board scored by the vectorised sweep,
    ranks, level probabilities and first-order indices included;
(b) the straightforward alternative: for each draw, rebuild the framework with that
    draw's weights and call ``score(framework, assessment)`` for every board. It is
    timed on a few draws and scaled linearly to all of them (the output says how many).

Before timing, the loop's overall scores on those draws are checked against (a)'s
(within 1e-12); the benchmark fails if they differ. Also printed, for information:
(c) the same sweep on a process pool of 2 workers, and (d) ``bootstrap`` of the
boards with 1,000 resamples (absolute times only), and the peak memory of (a) and of
(b) on its sampled draws.

Exits non-zero only on an error or a disagreement, never because a ratio misses its
target.

Usage::

    python benchmarks/sensitivity.py            # 10,000 draws x 150 boards, 3 repeats
    python benchmarks/sensitivity.py --quick    # 500 draws x 150 boards, 2 repeats
"""

from __future__ import annotations

import argparse
import concurrent.futures
import time
from collections.abc import Sequence
from typing import Any

import attrs
import numpy as np
import workloads
from workloads import faster, mebibytes, median_times, peak_memory, seconds

from lscbqa.assessment import Assessment
from lscbqa.model import Framework
from lscbqa.scoring import score
from lscbqa.scoring.sensitivity import SensitivityResult, weight_sensitivity
from lscbqa.scoring.uncertainty import bootstrap

SEED = 20240601
FULL_DRAWS = 10_000
QUICK_DRAWS = 500
# Draws the score loop is timed on, then scaled (each draw scores all 150 boards).
LOOP_DRAWS = 3
QUICK_LOOP_DRAWS = 1


def reweighted(framework: Framework, weights: dict[str, float]) -> Framework:
    """The framework with the given node weights (the others unchanged)."""

    def node(item: Any) -> Any:
        children = [node(child) for child in item.children]
        return attrs.evolve(item, weight=weights.get(item.id, item.weight), children=children)

    return attrs.evolve(framework, domains=[node(domain) for domain in framework.domains])


def draw_weights(result: SensitivityResult, draw: int) -> dict[str, float]:
    return {name: float(result.samples[draw, k]) for k, name in enumerate(result.inputs)}


def score_loop(
    framework: Framework, assessments: Sequence[Assessment], result: SensitivityResult, draws: int
) -> np.ndarray:
    """Draws x boards overall scores: rebuild the framework per draw, score every board."""
    scores = np.full((draws, len(assessments)), np.nan)
    for draw in range(draws):
        variant = reweighted(framework, draw_weights(result, draw))
        for board, assessment in enumerate(assessments):
            overall = score(variant, assessment).overall.score
            scores[draw, board] = np.nan if overall is None else overall
    return scores


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark weight_sensitivity.")
    parser.add_argument("--quick", action="store_true", help="500 draws, 2 repeats")
    parser.add_argument("--repeats", type=int, help="repeats per measurement (3; 2 with --quick)")
    args = parser.parse_args(argv)
    repeats = args.repeats or (2 if args.quick else 3)
    draws = QUICK_DRAWS if args.quick else FULL_DRAWS
    sampled = QUICK_LOOP_DRAWS if args.quick else LOOP_DRAWS

    started = time.perf_counter()
    workload = workloads.board_workload()
    framework, boards = workload.framework, workload.assessments
    print(
        f"sensitivity: {draws} draws x {len(boards)} boards x {workload.criterion_count} "
        f"criteria, {repeats} repeats (workload built in {seconds(time.perf_counter() - started)})"
    )

    result = weight_sensitivity(framework, boards, n_draws=draws, rng=SEED)
    looped = score_loop(framework, boards, result, sampled)
    if not np.allclose(looped, result.scores[:sampled], rtol=0, atol=1e-12, equal_nan=True):
        raise AssertionError("weight_sensitivity and the score loop disagree")
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
        pooled = weight_sensitivity(framework, boards, n_draws=draws, rng=SEED, executor=pool)
        if not np.array_equal(pooled.scores, result.scores, equal_nan=True):
            raise AssertionError("the process pool gave a different result")
        medians = median_times(
            {
                "sweep": lambda: weight_sensitivity(framework, boards, n_draws=draws, rng=SEED),
                "loop": lambda: score_loop(framework, boards, result, sampled),
                "pool": lambda: weight_sensitivity(
                    framework, boards, n_draws=draws, rng=SEED, executor=pool
                ),
            },
            repeats,
        )
    resamples = 200 if args.quick else 1000
    began = time.perf_counter()
    bootstrap(framework, boards, n=resamples, rng=SEED)
    bootstrap_time = time.perf_counter() - began

    sweep_peak = peak_memory(lambda: weight_sensitivity(framework, boards, n_draws=draws, rng=SEED))
    loop_peak = peak_memory(lambda: score_loop(framework, boards, result, sampled))

    loop_time = medians["loop"] * draws / sampled
    print(f"weight_sensitivity vs score loop: {faster(loop_time, medians['sweep'])}")
    print("  medians (information only, not targets):")
    print(f"    weight_sensitivity  {seconds(medians['sweep'])}")
    print(
        f"    score loop          {seconds(loop_time)}  (timed on {sampled} draw(s), scaled "
        f"linearly to {draws}; agrees with weight_sensitivity within 1e-12)"
    )
    print(f"    process pool of 2   {seconds(medians['pool'])}  (identical result)")
    print(f"    bootstrap           {seconds(bootstrap_time)}  ({resamples} resamples, one run)")
    print(
        f"    peak memory         weight_sensitivity {mebibytes(sweep_peak)}, score loop "
        f"{mebibytes(loop_peak)} (on its {sampled} draw(s))"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
