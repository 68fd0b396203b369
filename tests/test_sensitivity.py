"""Tests for lscbqa.scoring.sensitivity.weight_sensitivity.

The oracle for every draw is ``score_many`` on the framework rebuilt with that draw's
weights (and policy): the vectorised sweep must give the same scores and levels. The
first-order index estimator is checked on models whose indices are known analytically
(Saltelli et al. 2008, "Global Sensitivity Analysis: The Primer", section 1.2: for
``Y = sum a_i X_i`` with independent inputs, ``S_i = a_i^2 Var(X_i) / Var(Y)``).
"""

from __future__ import annotations

import concurrent.futures
import typing

import attrs
import numpy as np
import pytest

from lscbqa.assessment import Assessment, Rating
from lscbqa.criteria import Criterion, Domain
from lscbqa.exceptions import NotFoundError, ValidationError
from lscbqa.model import Framework
from lscbqa.policy import LimitingRule, ScoringPolicy
from lscbqa.scales import OFSTED4
from lscbqa.scoring import aggregators, score_many
from lscbqa.scoring.sensitivity import (
    Perturbation,
    SensitivityResult,
    first_order_indices,
    weight_sensitivity,
)

CAP = LimitingRule(
    id="inadequate-caps-domain",
    applies_to="domains",
    condition="any_at_or_below",
    level="inadequate",
    effect="cap",
    at="requires_improvement",
)


def _framework(policy: ScoringPolicy | None = None) -> Framework:
    return Framework(
        id="f",
        version="1",
        title="F",
        scale=OFSTED4,
        domains=[
            Domain(
                id="lead",
                title="Leadership",
                weight=2,
                children=[
                    Criterion(id="lead.1", title="One", weight=1),
                    Criterion(id="lead.2", title="Two", weight=3),
                    Criterion(id="lead.3", title="Three", weight=2),
                ],
            ),
            Domain(
                id="practice",
                title="Practice",
                weight=1,
                children=[
                    Criterion(id="practice.1", title="One", weight=1),
                    Criterion(id="practice.2", title="Two", weight=1),
                    Criterion(id="practice.3", title="Three", weight=2),
                ],
            ),
        ],
        scoring=policy or ScoringPolicy(rules=[CAP]),
    )


def _boards(count: int = 8, seed: int = 4) -> list[Assessment]:
    rng = np.random.default_rng(seed)
    criteria = [c.id for c in _framework().criteria()]
    boards = []
    for b in range(count):
        ratings = []
        for criterion_id in criteria:
            if rng.random() < 0.1:
                ratings.append(Rating.not_applicable(criterion_id, reason="n/a", role="moderated"))
            else:
                level = OFSTED4.codes[int(rng.choice(4, p=[0.1, 0.3, 0.45, 0.15]))]
                ratings.append(Rating(criterion_id=criterion_id, level=level, role="moderated"))
        boards.append(
            Assessment(id=f"a{b}", framework_id="f", subject=f"board{b}", ratings=ratings)
        )
    return boards


def _reweighted(framework: Framework, weights: dict[str, float]) -> Framework:
    def node(item: typing.Any) -> typing.Any:
        children = [node(child) for child in item.children]
        return attrs.evolve(item, weight=weights.get(item.id, item.weight), children=children)

    return attrs.evolve(framework, domains=[node(domain) for domain in framework.domains])


def _oracle_draw(
    result: SensitivityResult, framework: Framework, draw: int, perturbation: Perturbation
) -> typing.Any:
    weights = {
        name: float(result.samples[draw, k])
        for k, name in enumerate(result.inputs)
        if name not in ("aggregator", "not_applicable")
    }
    policy = framework.scoring
    if "aggregator" in result.inputs:
        name = perturbation.aggregators[
            int(result.samples[draw, result.inputs.index("aggregator")])
        ]
        policy = attrs.evolve(policy, aggregator=name, aggregators={})
    if "not_applicable" in result.inputs:
        option = perturbation.not_applicable[
            int(result.samples[draw, result.inputs.index("not_applicable")])
        ]
        policy = attrs.evolve(policy, not_applicable=option)
    return score_many(attrs.evolve(_reweighted(framework, weights), scoring=policy), _boards())


class TestWeightSensitivity:
    def test_each_draw_matches_score_many(self) -> None:
        """A draw's scores and levels are those of score_many under that draw's weights."""
        framework = _framework()
        result = weight_sensitivity(framework, _boards(), n_draws=12, rng=7)
        for draw in range(12):
            table = _oracle_draw(result, framework, draw, Perturbation())
            np.testing.assert_allclose(
                result.scores[draw], table.scores_of("overall"), rtol=0, atol=1e-12
            )
            column = table.column("overall")
            assert result.levels[draw].tolist() == table.level[:, column].tolist()

    def test_aggregators_and_not_applicable_vary_per_draw(self) -> None:
        """With aggregator and N/A choices, each draw still matches score_many under its policy."""
        framework = _framework()
        perturbation = Perturbation(
            weights="uniform",
            spread=0.8,
            aggregators=["weighted_mean", "weighted_median", "minimum"],
            not_applicable=[None, "requires_improvement"],
        )
        result = weight_sensitivity(
            framework, _boards(), n_draws=20, rng=2, perturbation=perturbation, chunk_size=6
        )
        assert result.inputs[-2:] == ("aggregator", "not_applicable")
        assert len(set(result.samples[:, -2].tolist())) == 3
        for draw in range(20):
            table = _oracle_draw(result, framework, draw, perturbation)
            np.testing.assert_allclose(
                result.scores[draw], table.scores_of("overall"), rtol=0, atol=1e-12
            )

    def test_a_custom_aggregator_gets_each_draws_weights(self) -> None:
        """A registered aggregator is called with each draw's own weights (oracle: score_many)."""

        def heaviest(scores: np.ndarray, weights: np.ndarray) -> np.ndarray:
            ranked = np.where(np.isnan(scores), -np.inf, weights[np.newaxis, :])
            chosen = np.take_along_axis(scores, ranked.argmax(axis=1)[:, np.newaxis], axis=1)
            return np.where(np.isnan(scores).all(axis=1), np.nan, chosen[:, 0])

        try:
            aggregators.aggregator("test_sensitivity_heaviest", meet=1.0)
        except NotFoundError:
            aggregators.register_aggregator("test_sensitivity_heaviest")(heaviest)
        framework = _framework()
        perturbation = Perturbation(aggregators=["test_sensitivity_heaviest"])
        result = weight_sensitivity(
            framework, _boards(), n_draws=8, rng=4, perturbation=perturbation
        )
        for draw in range(8):
            table = _oracle_draw(result, framework, draw, perturbation)
            np.testing.assert_allclose(
                result.scores[draw], table.scores_of("overall"), rtol=0, atol=1e-12
            )

    def test_a_domain_node_can_be_analysed(self) -> None:
        """node= analyses that node's score."""
        framework = _framework()
        result = weight_sensitivity(framework, _boards(), n_draws=5, rng=1, node="lead")
        table = _oracle_draw(result, framework, 3, Perturbation())
        np.testing.assert_allclose(result.scores[3], table.scores_of("lead"), rtol=0, atol=1e-12)

    def test_chunk_size_does_not_change_the_result(self) -> None:
        """The same seed gives identical arrays with chunks of 7, 64 and 500 draws."""
        framework, boards = _framework(), _boards()
        results = [
            weight_sensitivity(framework, boards, n_draws=150, rng=11, chunk_size=size)
            for size in (7, 64, 500)
        ]
        for other in results[1:]:
            assert np.array_equal(results[0].samples, other.samples)
            assert np.array_equal(results[0].scores, other.scores, equal_nan=True)
            assert np.array_equal(results[0].first_order, other.first_order, equal_nan=True)

    def test_process_pool_gives_the_same_result(self) -> None:
        """A process pool of 2 workers gives exactly the in-process result."""
        framework, boards = _framework(), _boards()
        perturbation = Perturbation(aggregators=["weighted_mean", "weighted_median"])
        here = weight_sensitivity(
            framework, boards, n_draws=90, rng=5, perturbation=perturbation, chunk_size=25
        )
        with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
            there = weight_sensitivity(
                framework,
                boards,
                n_draws=90,
                rng=5,
                perturbation=perturbation,
                chunk_size=40,
                executor=pool,
            )
        assert np.array_equal(here.samples, there.samples)
        assert np.array_equal(here.scores, there.scores, equal_nan=True)
        assert np.array_equal(here.ranks, there.ranks)
        assert np.array_equal(here.rank_probabilities, there.rank_probabilities)

    def test_thread_pool_gives_the_same_result(self) -> None:
        """Any Executor will do: a thread pool gives the in-process result."""
        framework, boards = _framework(), _boards()
        here = weight_sensitivity(framework, boards, n_draws=70, rng=9)
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            there = weight_sensitivity(
                framework, boards, n_draws=70, rng=9, chunk_size=10, executor=pool
            )
        assert np.array_equal(here.scores, there.scores, equal_nan=True)

    def test_a_generator_seeds_like_its_seed(self) -> None:
        """rng=default_rng(3) and rng=3 give the same draws; another seed does not."""
        framework, boards = _framework(), _boards()
        first = weight_sensitivity(framework, boards, n_draws=20, rng=np.random.default_rng(3))
        second = weight_sensitivity(framework, boards, n_draws=20, rng=3)
        third = weight_sensitivity(framework, boards, n_draws=20, rng=4)
        assert np.array_equal(first.samples, second.samples)
        assert not np.array_equal(first.samples, third.samples)

    def test_fixed_weights_reproduce_the_framework(self) -> None:
        """With fixed weights every draw is the framework's own score."""
        framework, boards = _framework(), _boards()
        result = weight_sensitivity(
            framework, boards, n_draws=4, rng=0, perturbation=Perturbation(weights="fixed")
        )
        expected = score_many(framework, boards).scores_of("overall")
        for draw in range(4):
            np.testing.assert_allclose(result.scores[draw], expected, rtol=0, atol=1e-12)
        assert set(np.unique(result.rank_probabilities).tolist()) <= {0.0, 1.0}
        assert np.all(result.first_order == 0)

    def test_dirichlet_shares_centre_on_the_weights(self) -> None:
        """Drawn shares average the framework's shares (within 4 standard errors)."""
        result = weight_sensitivity(_framework(), _boards(2), n_draws=2000, rng=1)
        shares = result.samples[:, result.inputs.index("lead.2")]
        expected, concentration = 3 / 6, 50.0
        error = np.sqrt(expected * (1 - expected) / (concentration + 1) / 2000)
        assert abs(shares.mean() - expected) < 4 * error

    def test_probabilities_sum_to_one(self) -> None:
        """Every subject's rank and level probabilities sum to 1 when it is always scored."""
        result = weight_sensitivity(_framework(), _boards(), n_draws=60, rng=0)
        np.testing.assert_allclose(result.rank_probabilities.sum(axis=1), 1.0)
        np.testing.assert_allclose(result.level_probabilities.sum(axis=1), 1.0)
        np.testing.assert_allclose(
            result.rank_probabilities.sum(axis=0), result.rank_probabilities.sum(axis=0)
        )

    def test_ties_share_the_best_rank(self) -> None:
        """Two boards rated alike share a rank; the next rank is skipped."""
        boards = _boards(3)
        twin = attrs.evolve(boards[0], id="twin", subject="twin")
        result = weight_sensitivity(_framework(), [*boards, twin], n_draws=30, rng=0)
        assert np.array_equal(result.ranks[:, 0], result.ranks[:, 3])
        for draw in range(30):
            ranks = sorted(result.ranks[draw].tolist())
            expected = [1 + sum(r < rank for r in ranks) for rank in ranks]
            assert ranks == expected

    def test_indices_point_at_the_weight_that_matters(self) -> None:
        """All 'good' in one domain, all 'inadequate' in the other: only domain weights matter."""
        ratings = [
            Rating(
                criterion_id=c.id,
                level="good" if c.id.startswith("lead") else "inadequate",
                role="moderated",
            )
            for c in _framework().criteria()
        ]
        board = Assessment(id="a", framework_id="f", subject="b", ratings=ratings)
        framework = _framework(ScoringPolicy())
        result = weight_sensitivity(framework, [board], n_draws=2000, rng=0)
        influential = dict(result.most_influential("b", count=10))
        assert influential["lead"] > 0.95
        assert influential["practice"] > 0.95
        assert max(influential[name] for name in influential if "." in name) < 0.02

    def test_bad_counts_are_rejected(self) -> None:
        """n_draws and chunk_size must be whole numbers >= 1."""
        with pytest.raises(ValidationError) as caught:
            weight_sensitivity(_framework(), _boards(), n_draws=0)
        assert caught.value.problems[0].path == "$.n_draws"
        with pytest.raises(ValidationError):
            weight_sensitivity(_framework(), _boards(), n_draws=3, chunk_size=1.5)  # type: ignore[arg-type]

    def test_unknown_node_is_not_found(self) -> None:
        """node must be a node of the framework."""
        with pytest.raises(NotFoundError):
            weight_sensitivity(_framework(), _boards(), n_draws=3, node="nowhere")

    def test_not_applicable_level_must_exist(self) -> None:
        """A not-applicable option off the scale is a ValidationError."""
        with pytest.raises(ValidationError):
            weight_sensitivity(
                _framework(),
                _boards(),
                n_draws=3,
                perturbation=Perturbation(not_applicable=["great"]),
            )

    def test_unknown_aggregator_is_not_found(self) -> None:
        """An aggregator nobody registered is a NotFoundError."""
        with pytest.raises(NotFoundError):
            weight_sensitivity(
                _framework(), _boards(), n_draws=3, perturbation=Perturbation(aggregators=["mode"])
            )


class TestPerturbation:
    def test_spread_must_be_below_one(self) -> None:
        """A uniform spread of 1 or more could make weights negative: rejected."""
        with pytest.raises(ValidationError) as caught:
            Perturbation(spread=1.0)
        assert caught.value.problems[0].path == "$.spread"

    def test_concentration_must_be_positive(self) -> None:
        """A Dirichlet needs a positive concentration."""
        with pytest.raises(ValidationError):
            Perturbation(concentration=0)

    def test_mode_must_be_known(self) -> None:
        """weights must be dirichlet, uniform or fixed."""
        with pytest.raises(ValidationError):
            Perturbation(weights="normal")


class TestSensitivityResult:
    def test_arrays_are_read_only(self) -> None:
        """The result's arrays cannot be written."""
        result = weight_sensitivity(_framework(), _boards(), n_draws=5, rng=0)
        with pytest.raises(ValueError, match="read-only"):
            result.scores[0, 0] = 1.0

    def test_unknown_subject_is_not_found(self) -> None:
        """Asking for a subject not scored is a NotFoundError."""
        result = weight_sensitivity(_framework(), _boards(), n_draws=5, rng=0)
        with pytest.raises(NotFoundError):
            result.level_probability("nobody")


class TestFirstOrderIndices:
    def test_additive_model_by_hand(self) -> None:
        """Y = X1 + 2 X2 with independent uniforms: S1 = 1/5, S2 = 4/5, S3 = 0 (Saltelli 2008)."""
        rng = np.random.default_rng(0)
        x = rng.random((20000, 3))
        y = (x[:, 0] + 2 * x[:, 1])[:, np.newaxis]
        indices = first_order_indices(x, y, 50, [False, False, False])[0]
        np.testing.assert_allclose(indices, [0.2, 0.8, 0.0], atol=0.02)

    def test_categorical_input(self) -> None:
        """A categorical input's bins are its values: Y = choice explains everything."""
        rng = np.random.default_rng(1)
        choice = rng.integers(0, 3, 3000).astype(float)
        x = np.column_stack([choice, rng.random(3000)])
        indices = first_order_indices(x, choice[:, np.newaxis], 20, [True, False])[0]
        assert indices[0] == pytest.approx(1.0)
        assert indices[1] < 0.02
