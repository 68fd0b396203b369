"""Benchmark: scoring the national workload with ``score_many``.

The workload is the national one of ``workloads.py``: drawn with
``lscbqa.datasets.synthetic.synthetic(150, agencies_per_board=30, criteria=60)``,
4,500 assessments with a self and a moderated rating of each of 60 criteria (10 %
not applicable), and one limiting rule. Only the moderated ratings are scored; the
self ratings are there to be passed over, as in real returns.

Measured in one run, on the same data, each the median of several repeats:

(a) ``score_many(framework, assessments, role="moderated")``;
(b) a loop of ``score(framework, assessment, role="moderated")``, one per
    assessment (timed on a sample and scaled linearly when the whole loop would
    be slow; the output says so);
(c) the same weighted aggregation written idiomatically in pandas: a long table
    of ratings built from the assessments, a groupby over assessment x domain for
    the weighted mean, the cap rule, a groupby over assessment for the overall
    weighted mean. Its domain and overall scores are checked against (a) before
    anything is printed;
(d) the peak memory ``score_many`` allocates (tracemalloc), against the size of
    the ratings as one float64 assessments x criteria array (and pandas' peak, for
    information).

Prints one line per comparison (ratios), then the absolute medians for
information. Exits non-zero only on an error (such as (a) and (c) disagreeing),
never because a ratio misses its target.

Usage::

    python benchmarks/scoring.py            # 4,500 assessments, 3 repeats
    python benchmarks/scoring.py --quick    # 300 assessments, 2 repeats
"""

from __future__ import annotations

import argparse
import gc
import time
from collections.abc import Sequence
from typing import Any

import numpy as np
import workloads
from workloads import faster, mebibytes, median_times, peak_memory, seconds

from lscbqa.assessment import Assessment
from lscbqa.model import Framework
from lscbqa.scales import NOT_APPLICABLE
from lscbqa.scoring import ScoreTable, score, score_many

# The score loop is timed on its first LOOP_SAMPLE assessments and scaled when
# timing every assessment would take longer than LOOP_BUDGET seconds per repeat.
LOOP_SAMPLE = 300
LOOP_BUDGET = 10.0


# -- (b) the per-item loop ----------------------------------------------------------------------


def score_loop(framework: Framework, assessments: Sequence[Assessment]) -> list[Any]:
    return [score(framework, assessment, role="moderated") for assessment in assessments]


# -- (c) pandas ---------------------------------------------------------------------------------


def pandas_scores(framework: Framework, assessments: Sequence[Assessment]) -> tuple[Any, Any]:
    """Domain and overall scores with pandas: (assessment x domain frame, assessment series).

    The policy is read from the framework, as ``score_many`` does: the judgement
    scale normalises levels, one rule caps a domain when any of its criteria is
    at or below a level.
    """
    import pandas as pd  # type: ignore[import-untyped,unused-ignore]

    scale = framework.scale
    (rule,) = framework.scoring.rules
    threshold = scale.normalise(str(rule.level))
    cap = scale.normalise(str(rule.at))
    level_scores = {code: scale.normalise(code) for code in scale.codes}
    criteria = pd.DataFrame(
        [
            (criterion.id, domain.id, criterion.weight)
            for domain in framework.domains
            for criterion in domain.children
        ],
        columns=["criterion_id", "domain_id", "weight"],
    )
    domain_weights = pd.Series(
        {domain.id: domain.weight for domain in framework.domains}, name="domain_weight"
    )

    # Columns as lists, then one DataFrame: about twice as fast as a list of row tuples.
    assessment_ids: list[str] = []
    criterion_ids: list[str] = []
    levels: list[str] = []
    for assessment in assessments:
        for rating in assessment.ratings:
            if rating.role == "moderated":
                assessment_ids.append(assessment.id)
                criterion_ids.append(rating.criterion_id)
                levels.append(rating.level)
    ratings = pd.DataFrame(
        {"assessment_id": assessment_ids, "criterion_id": criterion_ids, "level": levels}
    )
    ratings = ratings[ratings["level"] != NOT_APPLICABLE].merge(criteria, on="criterion_id")
    ratings["score"] = ratings["level"].map(level_scores)
    ratings["weighted"] = ratings["score"] * ratings["weight"]

    domains = ratings.groupby(["assessment_id", "domain_id"], sort=False).agg(
        weighted=("weighted", "sum"), weight=("weight", "sum"), lowest=("score", "min")
    )
    domains["score"] = domains["weighted"] / domains["weight"]
    capped = domains["lowest"] <= threshold + 1e-9
    domains.loc[capped, "score"] = domains.loc[capped, "score"].clip(upper=cap)

    domains = domains.reset_index().join(domain_weights, on="domain_id")
    domains["weighted"] = domains["score"] * domains["domain_weight"]
    overall = domains.groupby("assessment_id", sort=False).agg(
        weighted=("weighted", "sum"), weight=("domain_weight", "sum")
    )
    overall_score = overall["weighted"] / overall["weight"]
    domain_score = domains.pivot(index="assessment_id", columns="domain_id", values="score")
    return domain_score, overall_score


def check_agreement(
    table: ScoreTable, framework: Framework, domain_score: Any, overall_score: Any
) -> None:
    """Raise unless score_many and pandas give the same domain and overall scores."""
    ids = list(table.assessment_ids)
    domain_ids = [domain.id for domain in framework.domains]
    ours = np.column_stack([table.scores_of(domain_id) for domain_id in domain_ids])
    theirs = domain_score.reindex(index=ids, columns=domain_ids).to_numpy(dtype=np.float64)
    if not np.isclose(ours, theirs, rtol=1e-9, atol=1e-12, equal_nan=True).all():
        raise AssertionError("score_many and pandas disagree on domain scores")
    ours_overall = table.scores_of("overall")
    theirs_overall = overall_score.reindex(ids).to_numpy(dtype=np.float64)
    if not np.isclose(ours_overall, theirs_overall, rtol=1e-9, atol=1e-12, equal_nan=True).all():
        raise AssertionError("score_many and pandas disagree on overall scores")
    if np.isnan(ours_overall).any():
        raise AssertionError("the workload left an assessment without an overall score")


# -- the run -----------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark score_many on the national workload.")
    parser.add_argument("--quick", action="store_true", help="300 assessments, 2 repeats")
    parser.add_argument("--repeats", type=int, help="repeats per measurement (3; 2 with --quick)")
    args = parser.parse_args(argv)
    repeats = args.repeats or (2 if args.quick else 3)

    started = time.perf_counter()
    workload = workloads.national_workload(workloads.boards(args.quick))
    framework, assessments = workload.framework, workload.assessments
    count = len(assessments)
    print(
        f"scoring: {count} assessments x {workload.criterion_count} criteria, "
        f"{repeats} repeats (workload built in {seconds(time.perf_counter() - started)})"
    )

    # (a) then (c), and check they agree before timing anything.
    table = score_many(framework, assessments, role="moderated")
    domain_score, overall_score = pandas_scores(framework, assessments)
    check_agreement(table, framework, domain_score, overall_score)
    capped = int((table.limited_by >= 0).sum())
    domain_count = count * len(framework.domains)

    # (b) time the loop on a sample once; time it whole only if that fits the budget.
    sample = assessments[: min(LOOP_SAMPLE, count)]
    gc.collect()
    start = time.perf_counter()
    score_loop(framework, sample)
    estimate = (time.perf_counter() - start) * count / len(sample)
    looped = assessments if estimate <= LOOP_BUDGET else sample
    if len(looped) == count:
        loop_note = f"all {count} assessments"
    else:
        loop_note = f"timed on {len(looped)} assessments, scaled linearly to {count}"

    medians = median_times(
        {
            "score_many": lambda: score_many(framework, assessments, role="moderated"),
            "pandas": lambda: pandas_scores(framework, assessments),
            "loop": lambda: score_loop(framework, looped),
        },
        repeats,
    )
    batch, pandas_time = medians["score_many"], medians["pandas"]
    loop_time = medians["loop"] * count / len(looped)

    peak = peak_memory(lambda: score_many(framework, assessments, role="moderated"))
    pandas_peak = peak_memory(lambda: pandas_scores(framework, assessments))
    ratings_bytes = workload.ratings_array_bytes

    print(f"score_many vs score loop: {faster(loop_time, batch)}")
    print(f"score_many vs pandas groupby: {faster(pandas_time, batch)}")
    print(f"peak memory / ratings array: {peak / ratings_bytes:.1f}x")
    print("  medians (information only, not targets):")
    print(f"    score_many      {seconds(batch)}")
    print(f"    score loop      {seconds(loop_time)}  ({loop_note})")
    print(
        f"    pandas groupby  {seconds(pandas_time)}  (agrees with score_many on every domain "
        f"and overall score; the cap rule changed {capped} of {domain_count} domains)"
    )
    print(
        f"    peak memory     score_many {mebibytes(peak)}, pandas {mebibytes(pandas_peak)}; "
        f"ratings array {ratings_bytes / 2**20:.2f} MiB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
