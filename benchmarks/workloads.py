"""Deterministic workloads for the benchmarks.

The national scoring workload: one framework of 60 leaf criteria in 6 domains,
rated on the Ofsted four-point scale with varied weights, scored by a weighted
mean with one limiting rule (any criterion at or below "inadequate" caps its
domain at "requires improvement"), and one moderated assessment per agency per
board: 150 boards x 30 agencies = 4,500 assessments at full size, 300 with
``--quick``. Every assessment has one moderated rating per criterion, about
10 % of them "not applicable" with a reason, the rest mostly "good".

Everything is built with the public API and drawn from
``numpy.random.default_rng(seed)``, so the same seed gives the same values.

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
import numpy as np

from lscbqa.assessment import Assessment, Rating
from lscbqa.model import Criterion, Domain, Framework
from lscbqa.policy import LimitingRule, ScoringPolicy
from lscbqa.scales import OFSTED4

SEED = 20240601
BOARDS = 150
AGENCIES = 30
FULL_ASSESSMENTS = BOARDS * AGENCIES
QUICK_ASSESSMENTS = 300

DOMAIN_COUNT = 6
CRITERION_COUNT = 60
# Criteria per domain: uneven, as real frameworks are; they add up to 60.
CRITERIA_PER_DOMAIN = (12, 8, 11, 9, 10, 10)
NOT_APPLICABLE_SHARE = 0.10
# inadequate, requires improvement, good, outstanding: mostly good, a tail each way.
LEVEL_SHARES = (0.03, 0.20, 0.62, 0.15)
CRITERION_WEIGHTS = (0.5, 1.0, 1.0, 1.5, 2.0, 3.0)
DOMAIN_WEIGHTS = (1.0, 1.0, 1.5, 2.0)
NOT_APPLICABLE_REASONS = (
    "The agency provides no residential services",
    "No staff in this agency work directly with children",
    "The agency commissions no services from others",
    "Not in the agency's statutory remit",
)

assert sum(CRITERIA_PER_DOMAIN) == CRITERION_COUNT
assert len(CRITERIA_PER_DOMAIN) == DOMAIN_COUNT


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


def national_framework(rng: np.random.Generator) -> Framework:
    """Six domains of leaf criteria on OFSTED4 with varied weights."""
    domains = []
    for d, count in enumerate(CRITERIA_PER_DOMAIN, start=1):
        weights = rng.choice(CRITERION_WEIGHTS, size=count)
        domains.append(
            Domain(
                id=f"d{d}",
                title=f"Domain {d}",
                weight=float(rng.choice(DOMAIN_WEIGHTS)),
                children=[
                    Criterion(
                        id=f"d{d}.{c}",
                        title=f"Standard {d}.{c}",
                        weight=float(weight),
                    )
                    for c, weight in enumerate(weights, start=1)
                ],
            )
        )
    return Framework(
        id="national",
        version="1",
        title="National safeguarding standards (benchmark)",
        scale=OFSTED4,
        domains=domains,
        scoring=scoring_policy(),
    )


def national_assessments(
    framework: Framework, count: int, rng: np.random.Generator
) -> tuple[Assessment, ...]:
    """``count`` assessments, one moderated rating per criterion each."""
    criterion_ids = [c.id for c in framework.criteria(leaves_only=True)]
    codes = OFSTED4.codes
    shape = (count, len(criterion_ids))
    # Agencies differ: each assessment shifts the shares a little towards better or worse.
    tilt = rng.normal(0.0, 0.6, size=count)
    base = np.log(np.array(LEVEL_SHARES))
    logits = base[np.newaxis, :] + tilt[:, np.newaxis] * np.arange(4)[np.newaxis, :] / 3
    shares = np.exp(logits)
    shares /= shares.sum(axis=1, keepdims=True)
    cumulative = np.cumsum(shares, axis=1)
    draws = rng.random(shape)
    levels = (draws[:, :, np.newaxis] > cumulative[:, np.newaxis, :-1]).sum(axis=2)
    not_applicable = rng.random(shape) < NOT_APPLICABLE_SHARE
    reasons = rng.integers(0, len(NOT_APPLICABLE_REASONS), size=shape)
    assessments = []
    for row in range(count):
        board, agency = divmod(row, AGENCIES)
        ratings = [
            Rating.not_applicable(
                criterion_id,
                reason=NOT_APPLICABLE_REASONS[reasons[row, column]],
                role="moderated",
            )
            if not_applicable[row, column]
            else Rating(
                criterion_id=criterion_id,
                level=codes[levels[row, column]],
                role="moderated",
            )
            for column, criterion_id in enumerate(criterion_ids)
        ]
        assessments.append(
            Assessment(
                id=f"b{board:03d}-a{agency:02d}",
                framework_id=framework.id,
                framework_version=framework.version,
                subject=f"agency-{agency:02d}",
                ratings=ratings,
            )
        )
    return tuple(assessments)


def national_workload(count: int = FULL_ASSESSMENTS, *, seed: int = SEED) -> Workload:
    """The national scoring workload with ``count`` assessments."""
    rng = np.random.default_rng(seed)
    framework = national_framework(rng)
    return Workload(framework, national_assessments(framework, count, rng))


def board_workload(boards: int = BOARDS, *, seed: int = SEED) -> Workload:
    """One moderated assessment per board (the subject is the board), national framework.

    The framework is the national workload's (same seed, same framework); the ratings
    are drawn as for the national assessments.
    """
    rng = np.random.default_rng(seed)
    framework = national_framework(rng)
    drawn = national_assessments(framework, boards, rng)
    return Workload(
        framework,
        tuple(
            attrs.evolve(assessment, id=f"board-{i:03d}", subject=f"board-{i:03d}")
            for i, assessment in enumerate(drawn)
        ),
    )


def rater_grades(
    raters: int, units: int, levels: int = 4, *, missing: float = 0.1, seed: int = SEED
) -> np.ndarray:
    """Raters x units of grades 1..levels that mostly agree, NaN for about ``missing``.

    Each unit has a true grade drawn with the national level shares; each rater keeps
    it with probability 0.7, else moves one level up or down (within the scale).
    """
    rng = np.random.default_rng(seed)
    shares = np.array(LEVEL_SHARES if levels == len(LEVEL_SHARES) else [1.0 / levels] * levels)
    truth = rng.choice(levels, size=units, p=shares / shares.sum()) + 1
    moves = np.where(rng.random((raters, units)) < 0.7, 0, rng.choice([-1, 1], (raters, units)))
    grades = np.clip(truth[np.newaxis, :] + moves, 1, levels).astype(np.float64)
    grades[rng.random((raters, units)) < missing] = np.nan
    return grades


def size(quick: bool) -> int:
    return QUICK_ASSESSMENTS if quick else FULL_ASSESSMENTS


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="300 assessments, not 4,500")
    args = parser.parse_args(argv)
    workload = national_workload(size(args.quick))
    levels: dict[str, int] = {}
    for assessment in workload.assessments:
        for rating in assessment.ratings:
            levels[rating.level] = levels.get(rating.level, 0) + 1
    total = sum(levels.values())
    print(
        f"{len(workload.assessments)} assessments x {workload.criterion_count} criteria "
        f"in {len(workload.framework.domains)} domains"
    )
    for code in (*OFSTED4.codes, "not_applicable"):
        print(f"  {code:<22} {levels.get(code, 0) / total:6.1%}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


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


def mebibytes(value: int) -> str:
    """A size for people, in MiB."""
    return f"{value / 2**20:.1f} MiB"


def seconds(value: float) -> str:
    """A duration for people: milliseconds below a second, seconds above."""
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
