"""Weight sensitivity: how far judgements and ranks move under other defensible weights.

:func:`weight_sensitivity` scores every subject under thousands of random variants of
the framework's scoring (weights drawn around the framework's own, and optionally other
aggregators and not-applicable policies) and reports, per subject, the distribution of
its rank, the probability of each judgement, and which choices move its score most.

Examples
--------
>>> import numpy as np
>>> from lscbqa.assessment import Assessment, Rating
>>> from lscbqa.model import _example
>>> boards = [
...     Assessment(id=f"b{i}", framework_id="example", subject=f"b{i}", ratings=[
...         Rating(criterion_id="c1", level=one, role="moderated"),
...         Rating(criterion_id="c2.a", level=two, role="moderated"),
...     ])
...     for i, (one, two) in enumerate([("good", "not_met"), ("inadequate", "fully_met")])
... ]
>>> result = weight_sensitivity(_example(), boards, n_draws=200, rng=0)
>>> result.rank_probabilities.round(2).tolist()
[[0.88, 0.12], [0.12, 0.88]]
"""

from __future__ import annotations

import concurrent.futures
import typing
from collections.abc import Iterable, Sequence

import attrs
import numpy as np
import numpy.typing as npt

from lscbqa import _util
from lscbqa.assessment import Assessment, Role
from lscbqa.exceptions import NotFoundError
from lscbqa.model import Framework
from lscbqa.policy import ScoringPolicy
from lscbqa.scoring import _seeds, _sweep
from lscbqa.scoring.engine import _Compiled, _role

__all__ = ["Perturbation", "SensitivityResult", "weight_sensitivity"]

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

WEIGHT_MODES = ("dirichlet", "uniform", "fixed")


def _in_open_unit(instance: object, attribute: attrs.Attribute[object], value: float) -> None:
    if not 0.0 <= value < 1.0:
        _util.fail(_util.field_path(attribute), f"expected a number in [0, 1); found {value!r}")


def _positive(instance: object, attribute: attrs.Attribute[object], value: float) -> None:
    if not value > 0.0:
        _util.fail(_util.field_path(attribute), f"expected a number > 0; found {value!r}")


def _weight_mode(instance: object, attribute: attrs.Attribute[object], value: str) -> None:
    if value not in WEIGHT_MODES:
        listed = ", ".join(repr(m) for m in WEIGHT_MODES)
        _util.fail(_util.field_path(attribute), f"expected one of {listed}; found {value!r}")


@attrs.frozen(kw_only=True)
class Perturbation:
    """How each Monte Carlo draw varies the framework's scoring.

    Parameters
    ----------
    weights : {"dirichlet", "uniform", "fixed"}, default "dirichlet"
        ``"dirichlet"``: the weights of each node's children are drawn from a
        Dirichlet distribution centred on their own shares, with ``concentration``
        (the larger, the closer to the framework's weights), then scaled back to their
        total. ``"uniform"``: each weight is multiplied by a uniform factor in
        ``[1 - spread, 1 + spread]``. ``"fixed"``: weights stay as they are.
    concentration : float, default 50.0
        The Dirichlet's total concentration: a child with share ``s`` gets parameter
        ``concentration * s``, so its drawn share has mean ``s`` and variance
        ``s (1 - s) / (concentration + 1)``.
    spread : float, default 0.5
        The half-width of the uniform factor, in [0, 1).
    aggregators : sequence of str, optional
        Aggregators to choose among, one at random per draw, each then used by every
        aggregating node; none (the default) keeps the policy's own.
    not_applicable : sequence of str or None, optional
        Not-applicable policies to choose among per draw: None leaves such ratings
        out, a level code counts them as that level; none keeps the policy's own.

    Examples
    --------
    >>> Perturbation(concentration=20, aggregators=["weighted_mean", "weighted_median"]).aggregators
    ('weighted_mean', 'weighted_median')
    """

    weights: str = attrs.field(default="dirichlet", metadata=_util.checks(_weight_mode))
    concentration: float = attrs.field(
        default=50.0, converter=_util.to_float, metadata=_util.checks(_positive)
    )
    spread: float = attrs.field(
        default=0.5, converter=_util.to_float, metadata=_util.checks(_in_open_unit)
    )
    aggregators: tuple[str, ...] = attrs.field(default=(), converter=_util.to_tuple)
    not_applicable: tuple[str | None, ...] = attrs.field(default=(), converter=_util.to_tuple)

    def __attrs_post_init__(self) -> None:
        _util.validate(self)


@attrs.frozen(kw_only=True, eq=False)
class SensitivityResult:
    """Every subject's result under every draw, and what they add up to.

    Attributes
    ----------
    node_id : str
        The node analysed (``"overall"`` by default).
    subjects, assessment_ids : tuple of str
        One per assessment, in the order given.
    level_codes : tuple of str
        The node's levels, lowest first.
    inputs : tuple of str
        What each draw varied: one child weight per node id whose weight was drawn,
        then ``"aggregator"`` and ``"not_applicable"`` when those vary.
    samples : ndarray of float
        Draws x inputs: the weights drawn (as shares of their siblings' total), and the
        index of the aggregator or not-applicable policy chosen.
    scores : ndarray of float
        Draws x subjects: the node's score (NaN where it has none).
    levels : ndarray of int
        Draws x subjects: index into ``level_codes``; -1 without a score.
    ranks : ndarray of int
        Draws x subjects: 1 for the highest score, ties sharing the best rank; 0 for
        a subject without a score.
    rank_probabilities : ndarray of float
        Subjects x ranks: the share of draws in which each subject took each rank.
    level_probabilities : ndarray of float
        Subjects x levels: the share of draws giving each level.
    first_order : ndarray of float
        Subjects x inputs: the first-order sensitivity index of the subject's score
        to each input (see :func:`weight_sensitivity`); NaN for a subject that some
        draw leaves without a score.

    Examples
    --------
    >>> from lscbqa.model import _example
    >>> empty = weight_sensitivity(_example(), [], n_draws=10, rng=0)
    >>> empty.scores.shape, empty.inputs
    ((10, 0), ('c1', 'c2'))
    """

    node_id: str
    subjects: tuple[str, ...]
    assessment_ids: tuple[str, ...]
    level_codes: tuple[str, ...]
    inputs: tuple[str, ...]
    samples: Floats = attrs.field(repr=False)
    scores: Floats = attrs.field(repr=False)
    levels: npt.NDArray[np.int8] = attrs.field(repr=False)
    ranks: npt.NDArray[np.int32] = attrs.field(repr=False)
    rank_probabilities: Floats = attrs.field(repr=False)
    level_probabilities: Floats = attrs.field(repr=False)
    first_order: Floats = attrs.field(repr=False)

    def _row(self, subject: str) -> int:
        if subject not in self.subjects:
            raise NotFoundError(f"no subject {subject!r}; the subjects are {list(self.subjects)}")
        return self.subjects.index(subject)

    def most_influential(self, subject: str, count: int = 5) -> tuple[tuple[str, float], ...]:
        """The inputs that move a subject's score most, with their first-order indices.

        Raises
        ------
        NotFoundError
            If there is no such subject (the first of several with that name is used).

        Examples
        --------
        >>> from lscbqa.assessment import Assessment, Rating
        >>> from lscbqa.model import _example
        >>> board = Assessment(id="b", framework_id="example", subject="b", ratings=[
        ...     Rating(criterion_id="c1", level="good", role="moderated"),
        ...     Rating(criterion_id="c2.a", level="not_met", role="moderated"),
        ... ])
        >>> result = weight_sensitivity(_example(), [board], n_draws=200, rng=0)
        >>> [(name, round(index, 1)) for name, index in result.most_influential("b")]
        [('c2', 1.0), ('c1', 1.0)]
        """
        indices = self.first_order[self._row(subject)]
        order = np.argsort(-np.nan_to_num(indices, nan=-np.inf), kind="stable")[:count]
        return tuple((self.inputs[i], float(indices[i])) for i in order.tolist())

    def level_probability(self, subject: str) -> dict[str, float]:
        """The probability of each level for one subject.

        Examples
        --------
        >>> from lscbqa.assessment import Assessment, Rating
        >>> from lscbqa.model import _example
        >>> board = Assessment(id="b", framework_id="example", subject="b", ratings=[
        ...     Rating(criterion_id="c1", level="good", role="moderated"),
        ... ])
        >>> weight_sensitivity(_example(), [board], n_draws=50, rng=0).level_probability("b")
        {'inadequate': 0.0, 'requires_improvement': 0.0, 'good': 1.0, 'outstanding': 0.0}
        """
        row = self.level_probabilities[self._row(subject)]
        return {code: float(p) for code, p in zip(self.level_codes, row.tolist(), strict=True)}


# -- the chunks ----------------------------------------------------------------------------------


@attrs.frozen
class _Task:
    """Everything a chunk needs, picklable for a process pool."""

    framework: Framework
    policy: ScoringPolicy
    perturbation: Perturbation
    node_id: str
    seeds: np.random.SeedSequence
    # Per not-applicable option: values and not-applicable flags, subjects x criteria.
    arrays: tuple[tuple[Floats, Bools], ...]


@attrs.frozen
class _Chunk:
    samples: Floats
    scores: Floats
    levels: npt.NDArray[np.int8]


def _policy_with(
    policy: ScoringPolicy, aggregator: str | None, not_applicable: object
) -> ScoringPolicy:
    """The policy with every node on ``aggregator`` and the given not-applicable rule."""
    if aggregator is not None:
        policy = attrs.evolve(policy, aggregator=aggregator, aggregators={})
    if not_applicable is not _KEEP:
        policy = attrs.evolve(policy, not_applicable=typing.cast(str | None, not_applicable))
    return policy


_KEEP = object()


def _draw_block(task: _Task, groups: list[tuple[int, Floats]], block: int) -> Floats:
    """The inputs of one block of the fixed grid: weights per group, then the choices."""
    generator = _seeds.block_generator(task.seeds, block)
    size = _seeds.BLOCK
    perturbation = task.perturbation
    columns = []
    for _, weights in groups:
        total = weights.sum()
        if perturbation.weights == "fixed" or total <= 0:
            columns.append(np.broadcast_to(weights / max(total, 1e-300), (size, weights.size)))
            continue
        if perturbation.weights == "dirichlet":
            positive = weights > 0
            shares = np.zeros((size, weights.size))
            alpha = perturbation.concentration * weights[positive] / total
            shares[:, positive] = generator.dirichlet(alpha, size=size)
        else:
            factor = generator.uniform(
                1 - perturbation.spread, 1 + perturbation.spread, (size, weights.size)
            )
            drawn = weights * factor
            shares = drawn / drawn.sum(axis=1, keepdims=True)
        columns.append(shares)
    if perturbation.aggregators:
        columns.append(
            generator.integers(0, len(perturbation.aggregators), (size, 1)).astype(np.float64)
        )
    if perturbation.not_applicable:
        columns.append(
            generator.integers(0, len(perturbation.not_applicable), (size, 1)).astype(np.float64)
        )
    return np.concatenate(columns, axis=1) if columns else np.zeros((size, 0))


def _run_chunk(task: _Task, start: int, stop: int) -> _Chunk:
    """Draws ``start`` to ``stop - 1``: their inputs, and every subject's node score and level."""
    base = _Compiled(task.framework, task.policy)
    groups = _sweep.weight_groups(base)
    blocks = _seeds.blocks(start, stop)
    samples = np.concatenate([_draw_block(task, groups, block) for block in blocks])
    offset = blocks.start * _seeds.BLOCK
    samples = samples[start - offset : stop - offset]
    draws = stop - start
    subjects = task.arrays[0][0].shape[0]
    scores = np.full((draws, subjects), np.nan)
    levels = np.full((draws, subjects), -1, dtype=np.int8)
    widths = [weights.size for _, weights in groups]
    bounds = np.cumsum([0, *widths])
    perturbation = task.perturbation
    column = int(bounds[-1])
    aggregator_choice = np.zeros(draws, dtype=np.int64)
    na_choice = np.zeros(draws, dtype=np.int64)
    if perturbation.aggregators:
        aggregator_choice = samples[:, column].astype(np.int64)
        column += 1
    if perturbation.not_applicable:
        na_choice = samples[:, column].astype(np.int64)
    for combination in sorted(
        set(zip(aggregator_choice.tolist(), na_choice.tolist(), strict=True))
    ):
        chosen = np.flatnonzero(
            (aggregator_choice == combination[0]) & (na_choice == combination[1])
        )
        aggregator = perturbation.aggregators[combination[0]] if perturbation.aggregators else None
        na_option = (
            perturbation.not_applicable[combination[1]] if perturbation.not_applicable else _KEEP
        )
        compiled = _Compiled(task.framework, _policy_with(task.policy, aggregator, na_option))
        values, not_applicable = task.arrays[combination[1]]
        count = chosen.size
        weights = {
            index: np.repeat(
                samples[chosen, bounds[place] : bounds[place + 1]] * base_weights.sum(),
                subjects,
                axis=0,
            )
            for place, (index, base_weights) in enumerate(groups)
        }
        evaluated = _sweep.evaluate_rows(
            compiled, np.tile(values, (count, 1)), np.tile(not_applicable, (count, 1)), weights
        )
        target = compiled.by_id[task.node_id]
        scores[chosen] = evaluated.score[:, target].reshape(count, subjects)
        levels[chosen] = evaluated.level[:, target].reshape(count, subjects)
    return _Chunk(samples=samples, scores=scores, levels=levels)


# -- summaries -----------------------------------------------------------------------------------


def _ranks(scores: Floats) -> npt.NDArray[np.int32]:
    """Competition ranks per row (1 = highest; ties share the best); 0 without a score."""
    draws, subjects = scores.shape
    keyed = np.where(np.isnan(scores), np.inf, -scores)
    order = np.argsort(keyed, axis=1, kind="stable")
    ordered = np.take_along_axis(keyed, order, axis=1)
    position = np.broadcast_to(np.arange(subjects), (draws, subjects))
    starts = np.ones((draws, subjects), dtype=np.bool_)
    starts[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
    run = np.maximum.accumulate(np.where(starts, position, 0), axis=1)
    ranks = np.empty((draws, subjects), dtype=np.int32)
    np.put_along_axis(ranks, order, (run + 1).astype(np.int32), axis=1)
    return np.where(np.isnan(scores), 0, ranks).astype(np.int32)


def _shares(codes: Ints, width: int, subjects: int, draws: int) -> Floats:
    """Subjects x width: the share of draws with each code (codes < 0 are left out)."""
    rows = np.broadcast_to(np.arange(subjects), codes.shape)
    kept = codes >= 0
    counts = np.bincount(rows[kept] * width + codes[kept], minlength=subjects * width)
    return counts.reshape(subjects, width) / max(draws, 1)


def first_order_indices(
    samples: Floats, outputs: Floats, bins: int, categorical: Sequence[bool]
) -> Floats:
    """Outputs x inputs first-order indices ``Var(E[Y | X_i]) / Var(Y)`` by binning.

    A continuous input's draws are cut into ``bins`` bins of equal count; a
    categorical input's bins are its values. The between-bin variance is corrected for
    its expected value under no effect (Kelley's epsilon-squared) and clipped at 0.
    """
    draws, width = outputs.shape
    total = outputs - outputs.mean(axis=0)
    squares = (total**2).sum(axis=0)
    indices = np.zeros((width, samples.shape[1]))
    for place in range(samples.shape[1]):
        column = samples[:, place]
        order = np.argsort(column, kind="stable")
        if categorical[place]:
            _, which = np.unique(column[order], return_inverse=True)
        else:
            which = np.arange(draws) * min(bins, draws) // draws
        # Draws in order of the input: every bin is a run, summed in one reduceat.
        starts = np.flatnonzero(np.r_[True, which[1:] != which[:-1]])
        groups = starts.size
        counts = np.diff(np.r_[starts, draws]).astype(np.float64)
        sums = np.add.reduceat(total[order], starts, axis=0)
        between = (sums**2 / np.maximum(counts, 1)[:, np.newaxis]).sum(axis=0)
        within = squares - between
        corrected = between - (groups - 1) * within / max(draws - groups, 1)
        with np.errstate(invalid="ignore", divide="ignore"):
            indices[:, place] = np.where(squares > 0, np.clip(corrected / squares, 0.0, 1.0), 0.0)
    return indices


def weight_sensitivity(
    framework: Framework,
    assessments: Iterable[Assessment],
    *,
    n_draws: int,
    perturbation: Perturbation | None = None,
    rng: np.random.Generator | int | None = None,
    executor: concurrent.futures.Executor | None = None,
    chunk_size: int = 256,
    node: str = "overall",
    role: Role | str = "moderated",
    rater: str | None = None,
    bins: int | None = None,
) -> SensitivityResult:
    """Monte Carlo over the framework's weights (and, optionally, aggregators and N/A policies).

    Parameters
    ----------
    framework : Framework
        The framework and its scoring policy.
    assessments : iterable of Assessment
        One per subject (board or agency) to compare.
    n_draws : int
        How many variants of the scoring to draw.
    perturbation : Perturbation, optional
        How a draw varies the scoring; Dirichlet weights with concentration 50 by
        default.
    rng : Generator or int, optional
        Seeds the experiment (None means seed 0). The same seed gives the same
        result whatever the executor and chunk size.
    executor : concurrent.futures.Executor, optional
        Runs the chunks: a process pool, or a Dask or Ray executor for big
        experiments. By default the chunks run one after another in this process.
    chunk_size : int, default 256
        Draws per chunk (all subjects at once): memory grows with it.
    node : str, default "overall"
        The node whose score and level are analysed.
    role, rater
        Whose ratings, as for :func:`~lscbqa.scoring.score`.
    bins : int, optional
        Bins per continuous input for the sensitivity indices; by default
        ``min(50, sqrt(n_draws))``.

    Returns
    -------
    SensitivityResult

    Raises
    ------
    ValidationError
        If a count is not a positive whole number, an aggregator or not-applicable
        option does not fit the framework, or the ratings do not (as :func:`score`).
    NotFoundError
        If ``node`` is not a node of the framework, or an aggregator is not registered.

    Notes
    -----
    Each draw's inputs come from a generator spawned from the seed by the index of
    the block of 64 draws it falls in (:class:`numpy.random.SeedSequence`), so a draw
    never depends on how draws are split into chunks. A chunk scores all its draws x
    subjects as one array, every aggregating node using a weight row per array row,
    with the engine's own evaluation (coverage, limiting rules and levels as
    :func:`~lscbqa.scoring.score`).

    The first-order sensitivity index of a subject's score ``Y`` to an input ``X_i``
    is ``S_i = Var(E[Y | X_i]) / Var(Y)``: the share of the score's variance that
    fixing ``X_i`` alone would remove (Saltelli et al. 2008, ch. 1). It is
    estimated from the draws themselves by binning (the correlation ratio as a
    given-data estimator, Plischke 2010): sort the draws by ``X_i``, cut them into
    bins of equal count, and divide the variance of the bins' mean scores by the
    total variance, less the between-bin variance expected by chance (Kelley's
    epsilon-squared, Kelley 1935), clipped at 0. Weights
    within one node are dependent (their shares sum to 1), so indices need not sum
    to 1; a subject whose score never varies has every index 0.

    References
    ----------
    Saltelli, A. et al. (2008). *Global Sensitivity Analysis: The Primer*. Wiley.
    Plischke, E. (2010). An effective algorithm for computing global sensitivity
    indices (EASI). *Reliability Engineering & System Safety* 95, 354-360.
    Kelley, T. L. (1935). An unbiased correlation ratio measure. *Proceedings of the
    National Academy of Sciences* 21, 554-559.

    Examples
    --------
    >>> from lscbqa.assessment import Assessment, Rating
    >>> from lscbqa.model import _example
    >>> board = Assessment(id="b", framework_id="example", subject="b", ratings=[
    ...     Rating(criterion_id="c1", level="good", role="moderated"),
    ...     Rating(criterion_id="c2.a", level="not_met", role="moderated"),
    ... ])
    >>> result = weight_sensitivity(_example(), [board], n_draws=500, rng=0)
    >>> float(result.scores.min()) < 0.444 < float(result.scores.max())
    True
    """
    draws = _seeds.positive_count(n_draws, "$.n_draws")
    size = _seeds.positive_count(chunk_size, "$.chunk_size")
    chosen = perturbation or Perturbation()
    if not isinstance(chosen, Perturbation):
        _util.fail("$.perturbation", f"expected a Perturbation; found {_util.found(chosen)}")
    items = list(assessments)
    policy = framework.scoring
    base = _Compiled(framework, policy)
    if node not in base.by_id:
        raise NotFoundError(f"no node {node!r} in framework {framework.id!r}")
    for aggregator in chosen.aggregators:
        _Compiled(framework, _policy_with(policy, aggregator, _KEEP))
    options: Sequence[object] = chosen.not_applicable or (_KEEP,)
    arrays = []
    for option in options:
        variant = _policy_with(policy, None, option)
        attrs.evolve(framework, scoring=variant)  # checks the level against the framework
        values, not_applicable, _ = _Compiled(framework, variant).arrays(items, _role(role), rater)
        arrays.append((values, not_applicable))
    task = _Task(
        framework=framework,
        policy=policy,
        perturbation=chosen,
        node_id=node,
        seeds=_seeds.root(rng),
        arrays=tuple(arrays),
    )
    starts = range(0, draws, size)
    if executor is None:
        chunks = [_run_chunk(task, start, min(draws, start + size)) for start in starts]
    else:
        futures = [
            executor.submit(_run_chunk, task, start, min(draws, start + size)) for start in starts
        ]
        chunks = [future.result() for future in futures]
    samples = np.concatenate([chunk.samples for chunk in chunks])
    scores = np.concatenate([chunk.scores for chunk in chunks])
    levels = np.concatenate([chunk.levels for chunk in chunks])
    names = [
        base.nodes[child].id
        for index, _ in _sweep.weight_groups(base)
        for child in base.nodes[index].children
    ]
    categorical = [False] * len(names)
    if chosen.aggregators:
        names.append("aggregator")
        categorical.append(True)
    if chosen.not_applicable:
        names.append("not_applicable")
        categorical.append(True)
    subjects = len(items)
    ranks = _ranks(scores)
    level_codes = base.nodes[base.by_id[node]].scale.codes
    bin_count = bins if bins is not None else max(2, min(50, int(np.sqrt(draws))))
    varying = samples.std(axis=0) > 0
    first_order = np.zeros((subjects, samples.shape[1]))
    if subjects and varying.any():
        finite = np.nan_to_num(scores, nan=0.0)
        first_order[:, varying] = first_order_indices(
            samples[:, varying],
            finite,
            _seeds.positive_count(bin_count, "$.bins"),
            [c for c, v in zip(categorical, varying.tolist(), strict=True) if v],
        )
    # A subject without a score in some draw has no variance to share out.
    first_order[~np.isfinite(scores).all(axis=0)] = np.nan
    result_arrays = {
        "samples": samples,
        "scores": scores,
        "levels": levels,
        "ranks": ranks,
        "rank_probabilities": _shares(ranks.astype(np.int64) - 1, subjects, subjects, draws),
        "level_probabilities": _shares(levels.astype(np.int64), len(level_codes), subjects, draws),
        "first_order": first_order,
    }
    for array in result_arrays.values():
        array.flags.writeable = False
    return SensitivityResult(
        node_id=node,
        subjects=tuple(a.subject for a in items),
        assessment_ids=tuple(a.id for a in items),
        level_codes=level_codes,
        inputs=tuple(names),
        **result_arrays,
    )
