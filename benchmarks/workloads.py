"""Workloads for the benchmarks, drawn from :func:`lscbqa.datasets.synthetic.synthetic`.

Every benchmark runs on national synthetic data drawn with the seed ``SEED``; this
module holds what several benchmarks share.

The national scoring workload (issue 4): ``synthetic(150, agencies_per_board=30,
criteria=60, parts=("assessments",))`` gives 150 boards x 30 agencies = 4,500
assessments, each with a self and a moderated rating of each of 60 criteria in 6
domains on the Ofsted four-point scale, about 10 % "not applicable" (with a reason).
The framework gets one limiting rule (any criterion at or below "inadequate" caps its
domain at "requires improvement"). ``--quick``: 10 boards, 300 assessments.

The board workload (issue 7's sensitivity analysis): the same draw, the first
agency's assessment of each of the 150 boards, standing for the board.

Run ``python benchmarks/workloads.py [--quick]`` to print a summary.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
import tracemalloc
from collections.abc import Callable, Sequence

import attrs

from lscbqa.assessment import Assessment
from lscbqa.datasets.synthetic import synthetic
from lscbqa.model import Framework
from lscbqa.policy import LimitingRule, ScoringPolicy
from lscbqa.scales import NOT_APPLICABLE, OFSTED4

SEED = 20240601
BOARDS = 150
QUICK_BOARDS = 10
AGENCIES = 30
CRITERIA = 60


@attrs.frozen
class Workload:
    """A framework (with its scoring policy) and the assessments to score against it."""

    framework: Framework
    assessments: tuple[Assessment, ...]

    @property
    def criterion_count(self) -> int:
        return len(self.framework.criteria(leaves_only=True))

    @property
    def ratings_array_bytes(self) -> int:
        """The size of one float64 assessments x criteria array of ratings."""
        return len(self.assessments) * self.criterion_count * 8


def scoring_policy() -> ScoringPolicy:
    """Weighted mean everywhere; an inadequate criterion caps its domain."""
    return ScoringPolicy(
        aggregator="weighted_mean",
        rules=[
            LimitingRule(
                id="inadequate-caps-domain",
                applies_to="domains",
                condition="any_at_or_below",
                level="inadequate",
                effect="cap",
                at="requires_improvement",
                description="Any criterion at or below inadequate caps its domain at "
                "requires improvement.",
            )
        ],
    )


def national_workload(boards: int = BOARDS, *, seed: int = SEED) -> Workload:
    """The national scoring workload: every agency's assessment of ``boards`` boards."""
    data = synthetic(
        boards, agencies_per_board=AGENCIES, criteria=CRITERIA, seed=seed, parts=("assessments",)
    )
    framework = attrs.evolve(data.framework, scoring=scoring_policy())
    return Workload(framework, data.assessments)


def board_workload(boards: int = BOARDS, *, seed: int = SEED) -> Workload:
    """One assessment per board: the first agency's, standing for the board (its subject)."""
    national = national_workload(boards, seed=seed)
    return Workload(
        national.framework,
        tuple(
            attrs.evolve(assessment, subject=assessment.subject.split(".")[0])
            for assessment in national.assessments[::AGENCIES]
        ),
    )


def boards(quick: bool) -> int:
    """How many boards a benchmark draws: 150, or 10 with ``--quick``."""
    return QUICK_BOARDS if quick else BOARDS


# -- timing -------------------------------------------------------------------------------------


def median_times(functions: dict[str, Callable[[], object]], repeats: int) -> dict[str, float]:
    """The median wall time of each function over ``repeats`` rounds.

    The functions take turns within each round, so that a machine busy with other
    work slows them alike and the ratios stay fair. Garbage is collected before
    each call.
    """
    times: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(repeats):
        for name, function in functions.items():
            gc.collect()
            start = time.perf_counter()
            function()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def peak_memory(function: Callable[[], object]) -> int:
    """Bytes allocated at the peak of one call of ``function``, above what was allocated before.

    Measured with tracemalloc, which sees every allocation through Python's allocators,
    numpy's arrays included. Tracing slows the call, so time it separately.
    """
    gc.collect()
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        result = function()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    del result
    return peak - before


def faster(reference: float, ours: float) -> str:
    """How our time compares with the reference's: "N.Nx faster", or "N.Nx slower" below 1."""
    ratio = reference / ours
    return f"{ratio:.1f}x faster" if ratio >= 1 else f"{1 / ratio:.1f}x slower"


def mebibytes(value: int) -> str:
    """A size for people, in MiB."""
    return f"{value / 2**20:.1f} MiB"


def seconds(value: float) -> str:
    """A duration for people: milliseconds below a second, seconds above."""
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 boards, not 150")
    args = parser.parse_args(argv)
    workload = national_workload(boards(args.quick))
    print(
        f"{len(workload.assessments)} assessments x {workload.criterion_count} criteria "
        f"in {len(workload.framework.domains)} domains; shares of levels by role:"
    )
    for role in ("self", "moderated"):
        levels: dict[str, int] = {}
        for assessment in workload.assessments:
            for rating in (r for r in assessment.ratings if r.role == role):
                levels[rating.level] = levels.get(rating.level, 0) + 1
        total = sum(levels.values())
        shares = ", ".join(
            f"{code} {levels.get(code, 0) / total:.1%}" for code in (*OFSTED4.codes, NOT_APPLICABLE)
        )
        print(f"  {role:<10} {shares}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
