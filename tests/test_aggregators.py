"""Tests for lscbqa.scoring.aggregators: the built-in aggregators and the registry.

Every aggregator takes a subjects x children array of scores in [0, 1], NaN where a
child has no score, and one weight >= 0 per child. The weighted median is checked
against an independent implementation written here (exact arithmetic with
``fractions.Fraction``: sort, add up the weights, take the first score at which the
cumulative weight reaches half the total), as is the weighted mean.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from fractions import Fraction

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import lscbqa.scoring.aggregators
from lscbqa.assessment import Assessment, Rating
from lscbqa.exceptions import DuplicateRegistrationWarning, NotFoundError
from lscbqa.model import Criterion, Domain, Framework
from lscbqa.policy import ScoringPolicy
from lscbqa.scoring import score
from lscbqa.scoring.aggregators import (
    Aggregator,
    aggregator,
    all_must_meet,
    maximum,
    minimum,
    register_aggregator,
    weighted_mean,
    weighted_median,
)

Array = npt.NDArray[np.float64]
NAN = math.nan
PROPERTY = settings(max_examples=60, deadline=None)

# -- strategies ---------------------------------------------------------------------------------

# Scores are in [0, 1]; about one child in four has none (NaN).
_SCORES = st.one_of(st.floats(min_value=0, max_value=1), st.just(NAN), st.just(0.0), st.just(1.0))
# Weights span the whole non-negative range: zero, subnormal, ordinary and huge.
_WEIGHTS = st.one_of(
    st.just(0.0),
    st.floats(min_value=0, allow_infinity=False),
    st.integers(min_value=0, max_value=10).map(float),
)


@st.composite
def _tables(draw: st.DrawFn, weights: st.SearchStrategy[float] = _WEIGHTS) -> tuple[Array, Array]:
    """A subjects x children array of scores (NaN for none) and a weight per child."""
    children = draw(st.integers(min_value=1, max_value=6))
    subjects = draw(st.integers(min_value=1, max_value=4))
    rows = draw(
        st.lists(
            st.lists(_SCORES, min_size=children, max_size=children),
            min_size=subjects,
            max_size=subjects,
        )
    )
    drawn = draw(st.lists(weights, min_size=children, max_size=children))
    return np.array(rows, dtype=np.float64), np.array(drawn, dtype=np.float64)


# Integer weights scaled by a power of two: sums stay exact in binary floating point, so an
# exact reference and the floating-point aggregator must agree on which score is the median,
# at any scale from tiny (2**-1000) to huge (2**1000).
_EXACT_WEIGHTS = st.integers(min_value=-1000, max_value=1000).flatmap(
    lambda exponent: st.integers(min_value=0, max_value=20).map(lambda n: n * 2.0**exponent)
)


@st.composite
def _exact_tables(draw: st.DrawFn) -> tuple[Array, Array]:
    """Like ``_tables``, with every weight of a table a small integer times one power of two."""
    exponent = draw(st.integers(min_value=-1000, max_value=1000))
    scores, _ = draw(_tables())
    weights = draw(
        st.lists(
            st.integers(min_value=0, max_value=20),
            min_size=scores.shape[1],
            max_size=scores.shape[1],
        )
    )
    return scores, np.array([n * 2.0**exponent for n in weights])


_NAMED: dict[str, Aggregator] = {
    "weighted_mean": weighted_mean,
    "weighted_median": weighted_median,
    "minimum": minimum,
    "maximum": maximum,
    "all_must_meet(0.5)": all_must_meet(0.5),
}
_MONOTONE = ["weighted_mean", "weighted_median", "minimum", "maximum", "all_must_meet(0.5)"]


# -- independent implementations ----------------------------------------------------------------


def _exact_weights(scored: list[tuple[float, float]]) -> list[tuple[float, Fraction]]:
    """Exact weights of the scored children; all 1 when theirs add up to zero."""
    exact = [(value, Fraction(weight)) for value, weight in scored]
    if sum(weight for _, weight in exact) == 0:
        exact = [(value, Fraction(1)) for value, _ in exact]
    return exact


def _reference_weighted_median(scores: list[float], weights: list[float]) -> float:
    """Lower weighted median: sort, accumulate the weights, first score reaching half."""
    scored = [(s, w) for s, w in zip(scores, weights, strict=True) if not math.isnan(s)]
    if not scored:
        return NAN
    exact = sorted(_exact_weights(scored))
    half = sum(weight for _, weight in exact) / 2
    cumulative = Fraction(0)
    for value, weight in exact:
        cumulative += weight
        if cumulative >= half:
            return value
    raise AssertionError("the cumulative weight never reached half the total")


def _reference_weighted_mean(scores: list[float], weights: list[float]) -> float:
    """Sum of score x weight over the sum of weights, of the scored children, exactly."""
    scored = [(s, w) for s, w in zip(scores, weights, strict=True) if not math.isnan(s)]
    if not scored:
        return NAN
    exact = _exact_weights(scored)
    total = sum(weight for _, weight in exact)
    return float(sum(Fraction(value) * weight for value, weight in exact) / total)


def _same(first: Array, second: Array) -> bool:
    """Equal element by element, NaN equal to NaN."""
    return bool(np.array_equal(first, second, equal_nan=True))


def _close(first: Array, second: Array) -> bool:
    """Equal to within 1e-12 element by element, NaN equal to NaN."""
    return bool(np.allclose(first, second, rtol=1e-12, atol=1e-12, equal_nan=True))


# -- properties of every built-in aggregator ----------------------------------------------------


class TestBuiltinAggregators:
    @PROPERTY
    @given(st.sampled_from(sorted(_NAMED)), _tables())
    def test_results_lie_in_unit_interval_or_are_nan(
        self, name: str, table: tuple[Array, Array]
    ) -> None:
        """Results are in [0, 1], or NaN exactly when none of its subject's children is scored."""
        scores, weights = table
        result = _NAMED[name](scores, weights)
        assert result.shape == (scores.shape[0],)
        unscored = np.isnan(scores).all(axis=1)
        assert np.array_equal(np.isnan(result), unscored)
        assert ((result[~unscored] >= 0) & (result[~unscored] <= 1)).all()

    @PROPERTY
    @given(st.sampled_from(_MONOTONE), _tables(), st.data())
    def test_raising_one_score_never_lowers_the_result(
        self, name: str, table: tuple[Array, Array], data: st.DataObject
    ) -> None:
        """Raising one child's score never lowers the aggregate of its subject (monotonicity)."""
        scores, weights = table
        places = list(zip(*np.nonzero(~np.isnan(scores)), strict=True))
        assume(places)
        row, column = data.draw(st.sampled_from(places))
        raised = scores.copy()
        raised[row, column] = data.draw(
            st.floats(min_value=float(scores[row, column]), max_value=1)
        )
        aggregate = _NAMED[name]
        assert aggregate(raised, weights)[row] >= aggregate(scores, weights)[row]

    @PROPERTY
    @given(st.sampled_from(sorted(_NAMED)), _tables(), st.data())
    def test_permuting_children_changes_nothing(
        self, name: str, table: tuple[Array, Array], data: st.DataObject
    ) -> None:
        """Reordering the children, scores and weights together, leaves the results as they were."""
        scores, weights = table
        order = data.draw(st.permutations(range(scores.shape[1])))
        aggregate = _NAMED[name]
        assert _close(aggregate(scores[:, order], weights[order]), aggregate(scores, weights))

    @PROPERTY
    @given(st.sampled_from(sorted(_NAMED)), _tables())
    def test_all_zero_weights_fall_back_to_equal_weights(
        self, name: str, table: tuple[Array, Array]
    ) -> None:
        """With every weight zero, the result is the one with every weight one."""
        scores, weights = table
        aggregate = _NAMED[name]
        zeros, ones = np.zeros_like(weights), np.ones_like(weights)
        assert _close(aggregate(scores, zeros), aggregate(scores, ones))

    @PROPERTY
    @given(st.sampled_from(sorted(_NAMED)), _tables())
    def test_inputs_are_not_changed(self, name: str, table: tuple[Array, Array]) -> None:
        """An aggregator never writes into its scores or weights."""
        scores, weights = table
        scores_before, weights_before = scores.copy(), weights.copy()
        _NAMED[name](scores, weights)
        assert _same(scores, scores_before)
        assert _same(weights, weights_before)


class TestWeightedMean:
    def test_hand_checked_example(self) -> None:
        """(0.25 x 1 + 0.5 x 2 + 1 x 1) / (1 + 2 + 1) = 0.5625; the NaN child (weight 5) is out."""
        scores = np.array([[0.25, 0.5, NAN, 1.0]])
        weights = np.array([1.0, 2.0, 5.0, 1.0])
        assert weighted_mean(scores, weights).tolist() == [0.5625]

    def test_zero_weight_of_the_only_scored_children_means_equal_weights(self) -> None:
        """Scored children whose weights are all zero count equally: (0.2 + 0.6) / 2 = 0.4."""
        scores = np.array([[0.2, 0.6, NAN]])
        weights = np.array([0.0, 0.0, 3.0])
        assert weighted_mean(scores, weights).tolist() == pytest.approx([0.4])

    def test_one_subject_per_row(self) -> None:
        """Rows are aggregated independently: [0, 1] weights 1, 3 -> 3/4; [0.5, NaN] -> 0.5."""
        scores = np.array([[0.0, 1.0], [0.5, NAN]])
        assert weighted_mean(scores, np.array([1.0, 3.0])).tolist() == [0.75, 0.5]

    @PROPERTY
    @given(_tables())
    def test_equals_an_exact_reference(self, table: tuple[Array, Array]) -> None:
        """The mean matches an exact-fraction weighted mean, whatever the scale of the weights."""
        scores, weights = table
        expected = [_reference_weighted_mean(list(row), list(weights)) for row in scores]
        assert _close(weighted_mean(scores, weights), np.array(expected))


class TestWeightedMedian:
    def test_hand_checked_example(self) -> None:
        """Sorted 0 (w 1), 0.5 (1), 0.75 (1), 1 (3); half of 6 is 3, reached at 0.75."""
        scores = np.array([[0.0, 0.5, 1.0, 0.75]])
        weights = np.array([1.0, 1.0, 3.0, 1.0])
        assert weighted_median(scores, weights).tolist() == [0.75]

    def test_is_the_lower_median_with_equal_weights(self) -> None:
        """0.1, 0.2, 0.3, 0.4 with weight 1 each: cumulative 1, 2 reaches half of 4 at 0.2."""
        scores = np.array([[0.4, 0.1, 0.3, 0.2]])
        assert weighted_median(scores, np.ones(4)).tolist() == [0.2]

    def test_heavy_child_is_the_median(self) -> None:
        """0 (w 1), 0.5 (w 1), 1 (w 3): half of 5 is 2.5, first reached at 1 (cumulative 5)."""
        scores = np.array([[0.0, 0.5, 1.0]])
        assert weighted_median(scores, np.array([1.0, 1.0, 3.0])).tolist() == [1.0]

    def test_unscored_children_are_left_out(self) -> None:
        """NaN, 0.9 (w 1), 0.3 (w 1), with NaN weighing 10: half of 2 is 1, reached at 0.3."""
        scores = np.array([[NAN, 0.9, 0.3]])
        assert weighted_median(scores, np.array([10.0, 1.0, 1.0])).tolist() == [0.3]

    @settings(max_examples=150, deadline=None)
    @given(_exact_tables())
    def test_equals_an_independent_implementation(self, table: tuple[Array, Array]) -> None:
        """The median matches the exact reference for weights from 2**-1000 to 2**1000 in scale."""
        scores, weights = table
        expected = [_reference_weighted_median(list(row), list(weights)) for row in scores]
        assert _same(weighted_median(scores, weights), np.array(expected))

    @PROPERTY
    @given(_tables())
    def test_is_one_of_the_scored_children(self, table: tuple[Array, Array]) -> None:
        """The median is always the score of one of the subject's scored children."""
        scores, weights = table
        for row, median in zip(scores, weighted_median(scores, weights), strict=True):
            assert math.isnan(median) or median in row.tolist()


class TestMinimum:
    def test_hand_checked_example(self) -> None:
        """min(0.3, 0.7) = 0.3, the NaN child left out."""
        assert minimum(np.array([[0.3, NAN, 0.7]]), np.ones(3)).tolist() == [0.3]

    def test_ignores_weights_even_zero(self) -> None:
        """A child of weight 0 can still be the minimum: min(0.1, 0.9) = 0.1."""
        assert minimum(np.array([[0.1, 0.9]]), np.array([0.0, 5.0])).tolist() == [0.1]


class TestMaximum:
    def test_hand_checked_example(self) -> None:
        """max(0.3, 0.7) = 0.7, the NaN child left out."""
        assert maximum(np.array([[0.3, NAN, 0.7]]), np.ones(3)).tolist() == [0.7]

    def test_ignores_weights_even_zero(self) -> None:
        """A child of weight 0 can still be the maximum: max(0.1, 0.9) = 0.9."""
        assert maximum(np.array([[0.1, 0.9]]), np.array([5.0, 0.0])).tolist() == [0.9]


class TestAllMustMeet:
    def test_hand_checked_example(self) -> None:
        """meet 0.5: [0.5, 0.9] -> 1; [0.49, 1] -> 0; [NaN, 0.6] -> 1; [NaN, NaN] -> NaN."""
        scores = np.array([[0.5, 0.9], [0.49, 1.0], [NAN, 0.6], [NAN, NAN]])
        result = all_must_meet(0.5)(scores, np.ones(2))
        assert _same(result, np.array([1.0, 0.0, 1.0, NAN]))

    def test_meet_of_one_needs_every_child_at_the_top(self) -> None:
        """meet 1: [1, 1] -> 1, [1, 0.99] -> 0."""
        result = all_must_meet(1.0)(np.array([[1.0, 1.0], [1.0, 0.99]]), np.ones(2))
        assert result.tolist() == [1.0, 0.0]

    @PROPERTY
    @given(_tables(), st.floats(min_value=0, max_value=1))
    def test_scores_only_zero_or_one(self, table: tuple[Array, Array], meet: float) -> None:
        """Every result is 0, 1 or NaN."""
        scores, weights = table
        result = all_must_meet(meet)(scores, weights)
        assert set(result[~np.isnan(result)].tolist()) <= {0.0, 1.0}


# -- the registry -------------------------------------------------------------------------------


@pytest.fixture
def registry() -> Iterator[dict[str, Aggregator]]:
    """Restore the aggregator registry after a test that registers aggregators."""
    saved = dict(lscbqa.scoring.aggregators._REGISTRY)
    yield lscbqa.scoring.aggregators._REGISTRY
    lscbqa.scoring.aggregators._REGISTRY.clear()
    lscbqa.scoring.aggregators._REGISTRY.update(saved)


def _framework(policy: ScoringPolicy) -> Framework:
    """One domain of three Ofsted-rated criteria."""
    return Framework(
        id="f",
        version="1",
        title="F",
        domains=[
            Domain(
                id="d",
                title="D",
                children=[Criterion(id=f"c{i}", title=f"C{i}") for i in (1, 2, 3)],
            )
        ],
        scoring=policy,
    )


def _rated(*levels: str) -> Assessment:
    return Assessment(
        id="a",
        framework_id="f",
        subject="s",
        ratings=[
            Rating(criterion_id=f"c{i}", level=level, role="moderated")
            for i, level in enumerate(levels, start=1)
        ],
    )


def _mid_range(scores: Array, weights: Array) -> Array:
    return (minimum(scores, weights) + maximum(scores, weights)) / 2


class TestRegisterAggregator:
    def test_a_policy_can_name_a_registered_aggregator(
        self, registry: dict[str, Aggregator]
    ) -> None:
        """A policy naming a registered aggregator scores with it: mid-range of 0, 2/3, 1 is 0.5."""
        register_aggregator("mid_range")(_mid_range)
        card = score(
            _framework(ScoringPolicy(aggregators={"d": "mid_range"})),
            _rated("inadequate", "good", "outstanding"),
        )
        assert (card["d"].score, card["d"].aggregator) == (0.5, "mid_range")

    def test_returns_the_function(self, registry: dict[str, Aggregator]) -> None:
        """The decorator gives back the function it registered."""
        assert register_aggregator("mid_range")(_mid_range) is _mid_range

    def test_registered_name_is_found(self, registry: dict[str, Aggregator]) -> None:
        """aggregator(name) returns the registered function."""
        register_aggregator("mid_range")(_mid_range)
        assert aggregator("mid_range", meet=1.0) is _mid_range

    def test_registering_a_name_twice_warns(self, registry: dict[str, Aggregator]) -> None:
        """A second registration under one name warns, pointing at the caller."""
        register_aggregator("mid_range")(_mid_range)
        with pytest.warns(DuplicateRegistrationWarning, match="mid_range") as record:
            register_aggregator("mid_range")(minimum)
        assert record[0].filename == __file__

    def test_a_second_registration_replaces_the_first(
        self, registry: dict[str, Aggregator]
    ) -> None:
        """After re-registration the name refers to the new aggregator."""
        register_aggregator("mid_range")(_mid_range)
        with pytest.warns(DuplicateRegistrationWarning):
            register_aggregator("mid_range")(minimum)
        assert aggregator("mid_range", meet=1.0) is minimum

    def test_registering_a_builtin_name_warns(self, registry: dict[str, Aggregator]) -> None:
        """Re-registering a built-in name such as 'weighted_mean' warns."""
        with pytest.warns(DuplicateRegistrationWarning):
            register_aggregator("weighted_mean")(_mid_range)

    def test_registering_all_must_meet_replaces_it(self, registry: dict[str, Aggregator]) -> None:
        """Registering 'all_must_meet' warns that it replaces the built-in, and it does."""
        with pytest.warns(DuplicateRegistrationWarning, match="replaces"):
            register_aggregator("all_must_meet")(_mid_range)
        assert aggregator("all_must_meet", meet=1.0) is _mid_range


class TestAggregatorLookup:
    @pytest.mark.parametrize("name", ["weighted_mean", "weighted_median", "minimum", "maximum"])
    def test_builtin_names_are_found(self, name: str) -> None:
        """Every built-in name gives the function of that name."""
        assert aggregator(name, meet=1.0) is getattr(lscbqa.scoring.aggregators, name)

    def test_all_must_meet_uses_meet(self) -> None:
        """aggregator('all_must_meet', meet=0.5) passes 0.5 and fails 0.4."""
        aggregate = aggregator("all_must_meet", meet=0.5)
        assert aggregate(np.array([[0.5], [0.4]]), np.ones(1)).tolist() == [1.0, 0.0]

    def test_unknown_name_is_not_found(self) -> None:
        """An unknown name raises NotFoundError listing the known names."""
        with pytest.raises(NotFoundError, match=r"no aggregator named 'nope'.*'weighted_median'"):
            aggregator("nope", meet=1.0)

    def test_unknown_name_in_a_policy_is_not_found_when_scoring(self) -> None:
        """Scoring under a policy that names an unregistered aggregator raises NotFoundError."""
        with pytest.raises(NotFoundError, match="'nope'"):
            score(_framework(ScoringPolicy(aggregator="nope")), _rated("good"))
