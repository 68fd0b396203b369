"""Uncertainty of scores: how sure a judgement is, given who rated and on what evidence.

:func:`bootstrap` resamples the raters of each subject and the rated criteria under
each node, scores every resample with the engine, and gives an interval on every
node's score and the probability of each overall level.

Examples
--------
>>> from lscbqa.assessment import Assessment, Rating
>>> from lscbqa.model import _example
>>> audits = [
...     Assessment(id=f"{rater}", framework_id="example", subject="case1", ratings=[
...         Rating(criterion_id="c1", level=level, role="peer"),
...         Rating(criterion_id="c2.a", level="fully_met", role="peer"),
...     ])
...     for rater, level in [("police", "good"), ("health", "inadequate"), ("school", "good")]
... ]
>>> result = bootstrap(_example(), audits, n=200, rng=0, role="peer")
>>> round(result.estimate_of("case1"), 3), result.interval("case1")
(0.778, (0.0, 1.0))
>>> result.interval("case1", "c1")
(0.0, 0.667)
"""

from __future__ import annotations

import concurrent.futures
from collections.abc import Iterable

import attrs
import numpy as np
import numpy.typing as npt

from lscbqa import _util
from lscbqa.assessment import Assessment, Role
from lscbqa.exceptions import NotFoundError
from lscbqa.model import Framework
from lscbqa.policy import ScoringPolicy
from lscbqa.scoring import _ratings, _seeds, _sweep
from lscbqa.scoring.engine import _Compiled, _role

__all__ = ["BootstrapResult", "bootstrap"]

Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]
Ints = npt.NDArray[np.int64]

STAGES = ("raters", "ratings")


@attrs.frozen(kw_only=True, eq=False)
class BootstrapResult:
    """Intervals on every node's score, and the probability of each overall level.

    Attributes
    ----------
    subjects : tuple of str
        One per subject, in the order first met.
    raters : tuple of int
        How many raters each subject had.
    node_ids : tuple of str
        The nodes, children before parents, ``"overall"`` last (as a ScoreTable).
    level_codes : tuple of str
        The overall judgement's levels, lowest first.
    replicates : int
        How many resamples.
    confidence : float
        The intervals' level.
    estimate : ndarray of float
        Subjects x nodes: the score of the consensus of all the subject's raters.
    low, high : ndarray of float
        Subjects x nodes: the percentile interval over the resamples (NaN where no
        resample scored the node).
    overall : ndarray of float
        Resamples x subjects: each resample's overall score.
    level_probabilities : ndarray of float
        Subjects x levels: the share of resamples giving each overall level.

    Examples
    --------
    >>> from lscbqa.model import _example
    >>> bootstrap(_example(), [], n=10, rng=0).overall.shape
    (10, 0)
    """

    subjects: tuple[str, ...]
    raters: tuple[int, ...]
    node_ids: tuple[str, ...]
    level_codes: tuple[str, ...]
    replicates: int
    confidence: float
    estimate: Floats = attrs.field(repr=False)
    low: Floats = attrs.field(repr=False)
    high: Floats = attrs.field(repr=False)
    overall: Floats = attrs.field(repr=False)
    level_probabilities: Floats = attrs.field(repr=False)

    def _place(self, subject: str, node_id: str) -> tuple[int, int]:
        if subject not in self.subjects:
            raise NotFoundError(f"no subject {subject!r}; the subjects are {list(self.subjects)}")
        if node_id not in self.node_ids:
            raise NotFoundError(f"no node {node_id!r} in the result")
        return self.subjects.index(subject), self.node_ids.index(node_id)

    def estimate_of(self, subject: str, node_id: str = "overall") -> float:
        """The consensus score of one node for one subject.

        Raises
        ------
        NotFoundError
            If there is no such subject or node.

        Examples
        --------
        >>> from lscbqa.model import _example
        >>> bootstrap(_example(), [], n=10, rng=0).estimate_of("x")
        Traceback (most recent call last):
        ...
        lscbqa.exceptions.NotFoundError: no subject 'x'; the subjects are []
        """
        row, column = self._place(subject, node_id)
        return float(self.estimate[row, column])

    def interval(self, subject: str, node_id: str = "overall") -> tuple[float, float]:
        """The percentile interval of one node's score for one subject, rounded to 3 places.

        Raises
        ------
        NotFoundError
            If there is no such subject or node.

        Examples
        --------
        >>> from lscbqa.assessment import Assessment, Rating
        >>> from lscbqa.model import _example
        >>> one = Assessment(id="a", framework_id="example", subject="s", ratings=[
        ...     Rating(criterion_id="c1", level="good", role="moderated")])
        >>> bootstrap(_example(), [one], n=20, rng=0).interval("s", "c1")
        (0.667, 0.667)
        """
        row, column = self._place(subject, node_id)
        return round(float(self.low[row, column]), 3), round(float(self.high[row, column]), 3)

    def level_probability(self, subject: str) -> dict[str, float]:
        """The probability of each overall level for one subject.

        Raises
        ------
        NotFoundError
            If there is no such subject.

        Examples
        --------
        >>> from lscbqa.assessment import Assessment, Rating
        >>> from lscbqa.model import _example
        >>> one = Assessment(id="a", framework_id="example", subject="s", ratings=[
        ...     Rating(criterion_id="c1", level="good", role="moderated")])
        >>> bootstrap(_example(), [one], n=20, rng=0).level_probability("s")["good"]
        1.0
        """
        row, _ = self._place(subject, "overall")
        values = self.level_probabilities[row].tolist()
        return dict(zip(self.level_codes, values, strict=True))


@attrs.frozen
class _Task:
    """What every chunk of resamples needs; picklable for a process pool."""

    framework: Framework
    policy: ScoringPolicy
    seeds: np.random.SeedSequence
    stages: tuple[str, ...]
    # Subjects x raters x criteria: level positions (NaN none), and not-applicable flags.
    positions: Floats
    not_applicable: Bools
    raters: Ints


def _gather(
    framework: Framework,
    items: list[Assessment],
    role: Role,
    evidence_only: bool,
) -> tuple[tuple[str, ...], Floats, Bools, Ints]:
    """Ratings as subjects x raters x criteria arrays of positions and N/A flags.

    Raters are numbered within each subject; the last array counts each subject's raters.
    """
    found = _ratings.gather(items, framework, role=role, evidence_only=evidence_only)
    subjects, criteria = len(found.subjects), len(found.criteria)
    everyone = len(found.raters)
    keys, which = np.unique(found.subject * everyone + found.rater, return_inverse=True)
    owner = keys // max(everyone, 1)
    within = np.arange(keys.size) - np.searchsorted(owner, owner)
    counts = np.bincount(owner, minlength=subjects).astype(np.int64)
    # One rater slot at least, so that arrays keep their shape when nobody rated.
    shape = (subjects, max(1, int(counts.max(initial=0))), criteria)
    positions = np.full(shape, np.nan)
    not_applicable = np.zeros(shape, dtype=np.bool_)
    where = (found.subject, within[which.reshape(-1)], found.criterion)
    positions[where] = found.position
    not_applicable[where] = found.not_applicable
    return found.subjects, positions, not_applicable, counts


def _consensus(
    compiled: _Compiled, positions: Floats, absent: Bools, chosen: Bools
) -> tuple[Floats, Bools]:
    """Rows x criteria values and N/A flags: the lower median level of the chosen raters.

    ``positions``/``absent``/``chosen`` are rows x raters x criteria. A criterion none
    of the chosen raters graded is not applicable if one of them said so, else unrated.
    """
    graded = chosen & ~np.isnan(positions)
    ordered = np.sort(np.where(graded, positions, np.inf), axis=1)
    count = graded.sum(axis=1)
    middle = np.take_along_axis(ordered, np.maximum(count - 1, 0)[:, np.newaxis, :] // 2, axis=1)[
        :, 0, :
    ]
    width = max((len(levels) for levels in compiled.values), default=1)
    points = np.full((len(compiled.criteria), width), np.nan)
    for column, levels in enumerate(compiled.values):
        points[column, : len(levels)] = list(levels.values())
    index = np.where(count > 0, middle, 0).astype(np.int64)
    values = np.where(count > 0, points[np.arange(points.shape[0]), index], np.nan)
    not_applicable = (count == 0) & (chosen & absent).any(axis=1)
    if compiled.policy.not_applicable is not None:
        values = np.where(not_applicable, compiled.na_values, values)
        not_applicable = np.zeros_like(not_applicable)
    return values, not_applicable


def _run_chunk(task: _Task, start: int, stop: int) -> tuple[Floats, npt.NDArray[np.int8]]:
    """Resamples ``start`` to ``stop - 1``: their scores (x subjects x nodes), overall levels."""
    compiled = _Compiled(task.framework, task.policy)
    groups = _sweep.weight_groups(compiled)
    subjects, most, criteria = task.positions.shape
    pieces, levels = [], []
    for block in _seeds.blocks(start, stop):
        generator = _seeds.block_generator(task.seeds, block)
        size = _seeds.BLOCK
        draws = generator.random((size, subjects, most))
        chosen_rater = np.minimum(
            (draws * task.raters[np.newaxis, :, np.newaxis]).astype(np.int64),
            np.maximum(task.raters - 1, 0)[np.newaxis, :, np.newaxis],
        )
        if "raters" not in task.stages:
            chosen_rater = np.broadcast_to(np.arange(most), (size, subjects, most))
        real = np.arange(most)[np.newaxis, np.newaxis, :] < task.raters[np.newaxis, :, np.newaxis]
        rows = size * subjects
        gathered = np.take_along_axis(
            task.positions[np.newaxis], chosen_rater[..., np.newaxis], axis=2
        )
        absent = np.take_along_axis(
            task.not_applicable[np.newaxis], chosen_rater[..., np.newaxis], axis=2
        )
        chosen = np.broadcast_to(real[..., np.newaxis], gathered.shape)
        values, not_applicable = _consensus(
            compiled,
            gathered.reshape(rows, most, criteria),
            absent.reshape(rows, most, criteria),
            chosen.reshape(rows, most, criteria),
        )
        weights = {}
        for index, base in groups:
            if "ratings" in task.stages:
                counts = generator.multinomial(
                    base.size, np.full(base.size, 1.0 / base.size), size=rows
                )
                weights[index] = base[np.newaxis, :] * counts
            else:
                weights[index] = np.broadcast_to(base, (rows, base.size))
        evaluated = _sweep.evaluate_rows(compiled, values, not_applicable, weights)
        pieces.append(evaluated.score.reshape(size, subjects, len(compiled.nodes)))
        levels.append(evaluated.level[:, compiled.overall].reshape(size, subjects))
    offset = _seeds.blocks(start, stop).start * _seeds.BLOCK
    kept = slice(start - offset, stop - offset)
    return np.concatenate(pieces)[kept], np.concatenate(levels)[kept]


def _percentiles(scores: Floats, shares: tuple[float, float]) -> tuple[Floats, Floats]:
    """Quantiles over the first axis, NaN left out (NaN where all are), linear between points.

    The same as ``numpy.nanquantile`` with its default method, in whole-array steps.
    """
    ordered = np.sort(scores, axis=0)  # NaN sorts last
    count = (~np.isnan(scores)).sum(axis=0)
    found = []
    for share in shares:
        position = share * np.maximum(count - 1, 0)
        below = np.floor(position).astype(np.int64)
        above = np.minimum(below + 1, np.maximum(count - 1, 0))
        fraction = position - below
        low = np.take_along_axis(ordered, below[np.newaxis], axis=0)[0]
        high = np.take_along_axis(ordered, above[np.newaxis], axis=0)[0]
        found.append(np.where(count > 0, low + (high - low) * fraction, np.nan))
    return found[0], found[1]


def bootstrap(
    framework: Framework,
    assessments: Iterable[Assessment],
    *,
    n: int,
    rng: np.random.Generator | int | None = None,
    role: Role | str = "moderated",
    resample: Iterable[str] = STAGES,
    evidence_only: bool = False,
    confidence: float = 0.95,
    policy: ScoringPolicy | None = None,
    executor: concurrent.futures.Executor | None = None,
    chunk_size: int = 256,
) -> BootstrapResult:
    """Resample raters and rated criteria to put an interval on every score.

    Parameters
    ----------
    framework : Framework
        The framework rated against.
    assessments : iterable of Assessment
        The ratings; several assessments (or several ``rater`` names) of one subject
        are its raters.
    n : int
        How many resamples.
    rng : Generator or int, optional
        Seeds the resampling (None means seed 0); the same seed gives the same
        result whatever the executor and chunk size.
    role : Role or str, default "moderated"
        Whose ratings.
    resample : iterable of {"raters", "ratings"}, default both
        ``"raters"``: each subject's raters are drawn with replacement, and a
        criterion takes the lower median level of the drawn raters who graded it.
        ``"ratings"``: under every node, the children are drawn with replacement, so
        each counts as many times as it was drawn (frequency weights times its
        weight).
    evidence_only : bool, default False
        Count only ratings that cite evidence; others are left unrated.
    confidence : float, default 0.95
        The intervals' level.
    policy : ScoringPolicy, optional
        The policy; the framework's own by default.
    executor : concurrent.futures.Executor, optional
        Runs the chunks; by default they run in this process.
    chunk_size : int, default 256
        Resamples per chunk.

    Returns
    -------
    BootstrapResult

    Raises
    ------
    ValidationError
        If a count or option is invalid, a rating names an unknown criterion or a
        level off its scale, or one rater rated a criterion of a subject twice.

    Notes
    -----
    This is a two-stage (hierarchical) nonparametric bootstrap: raters are the
    primary sampling units within a subject, criteria within a node the secondary
    ones (Davison and Hinkley 1997, section 3.8). The estimate is the score of the
    consensus of all the subject's raters (lower median level per criterion) with the
    framework's weights; intervals are percentile intervals. With a single rater the
    raters stage adds nothing and only the ratings stage varies. Aggregators that
    ignore weights (minimum, maximum, all-must-meet) see no ratings stage. A rating's
    rater is its ``rater`` field, else the assessment it belongs to.

    References
    ----------
    Davison, A. C. and Hinkley, D. V. (1997). *Bootstrap Methods and their
    Application*. Cambridge University Press.

    Examples
    --------
    >>> from lscbqa.assessment import Assessment, Rating
    >>> from lscbqa.model import _example
    >>> one = Assessment(id="a", framework_id="example", subject="s", ratings=[
    ...     Rating(criterion_id="c1", level="outstanding", role="moderated"),
    ...     Rating(criterion_id="c2.a", level="not_met", role="moderated")])
    >>> result = bootstrap(_example(), [one], n=500, rng=0)
    >>> result.interval("s"), round(result.level_probability("s")["inadequate"], 2)
    ((0.0, 1.0), 0.29)
    """
    replicates = _seeds.positive_count(n, "$.n")
    size = _seeds.positive_count(chunk_size, "$.chunk_size")
    stages = tuple(resample)
    unknown = [stage for stage in stages if stage not in STAGES]
    if unknown:
        _util.fail("$.resample", f"expected 'raters' and/or 'ratings'; found {unknown[0]!r}")
    if not 0.0 < confidence < 1.0:
        _util.fail("$.confidence", f"expected a share in (0, 1); found {_util.found(confidence)}")
    chosen = policy or framework.scoring
    if chosen is not framework.scoring:
        attrs.evolve(framework, scoring=chosen)
    items = list(assessments)
    subjects, positions, not_applicable, raters = _gather(
        framework, items, _role(role), evidence_only
    )
    compiled = _Compiled(framework, chosen)
    task = _Task(
        framework=framework,
        policy=chosen,
        seeds=_seeds.root(rng),
        stages=stages,
        positions=positions,
        not_applicable=not_applicable,
        raters=raters,
    )
    starts = range(0, replicates, size)
    if executor is None:
        chunks = [_run_chunk(task, start, min(replicates, start + size)) for start in starts]
    else:
        futures = [
            executor.submit(_run_chunk, task, start, min(replicates, start + size))
            for start in starts
        ]
        chunks = [future.result() for future in futures]
    scores = np.concatenate([chunk[0] for chunk in chunks])
    levels = np.concatenate([chunk[1] for chunk in chunks]).astype(np.int64)
    everyone = np.broadcast_to(
        np.arange(positions.shape[1]) < raters[:, np.newaxis], positions.shape[:2]
    )
    values, absent = _consensus(
        compiled,
        positions,
        not_applicable,
        np.broadcast_to(everyone[..., np.newaxis], positions.shape),
    )
    weights = {
        index: np.broadcast_to(base, (len(subjects), base.size))
        for index, base in _sweep.weight_groups(compiled)
    }
    estimate = _sweep.evaluate_rows(compiled, values, absent, weights).score
    low, high = _percentiles(scores, ((1 - confidence) / 2, (1 + confidence) / 2))
    overall = compiled.nodes[compiled.overall]
    overall_scores = scores[:, :, compiled.overall]
    width = len(overall.scale.codes)
    rows = np.broadcast_to(np.arange(len(subjects)), levels.shape)
    kept = levels >= 0
    counts = np.bincount(rows[kept] * width + levels[kept], minlength=len(subjects) * width)
    arrays = {
        "estimate": estimate,
        "low": low,
        "high": high,
        "overall": np.ascontiguousarray(overall_scores),
        "level_probabilities": counts.reshape(len(subjects), width) / replicates,
    }
    for array in arrays.values():
        array.flags.writeable = False
    return BootstrapResult(
        subjects=subjects,
        raters=tuple(raters.tolist()),
        node_ids=tuple(node.id for node in compiled.nodes),
        level_codes=overall.scale.codes,
        replicates=replicates,
        confidence=float(confidence),
        **arrays,
    )
