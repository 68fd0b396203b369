"""Tests for lscbqa.scoring.agreement: the four coefficients, and agreement from assessments.

References used as oracles:
- Krippendorff, K. (2011), "Computing Krippendorff's Alpha-Reliability", the worked
  example of 4 coders x 12 units: nominal 0.743, ordinal 0.815, interval 0.849, ratio 0.797.
- Fleiss, J. L. (1971), the example of 10 subjects, 14 raters, 5 categories (kappa 0.210),
  as reproduced in Wikipedia's "Fleiss' kappa" (P = 0.378, P_e = 0.213).
- statsmodels.stats.inter_rater (fleiss_kappa, cohens_kappa) and the ``krippendorff``
  package as independent implementations on random data.
- Gwet, K. L. (2008), the AC1 formulas, worked by hand in the tests below.
"""

from __future__ import annotations

import math

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from statsmodels.stats import inter_rater

from lscbqa.assessment import Assessment, Rating
from lscbqa.criteria import Criterion, Domain
from lscbqa.exceptions import ValidationError
from lscbqa.model import Framework
from lscbqa.scales import MET3, OFSTED4
from lscbqa.scoring.agreement import (
    AgreementReport,
    Disagreement,
    agreement,
    cohen_kappa,
    disagreements,
    fleiss_kappa,
    gwet_ac1,
    krippendorff_alpha,
)

N = np.nan
# Krippendorff (2011), section C: 4 observers x 12 units, values 1-5, "." missing.
KRIPPENDORFF_2011 = np.array(
    [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
        [N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N],
    ]
)
# Fleiss (1971): 10 subjects x 5 categories, 14 raters each.
FLEISS_1971 = np.array(
    [
        [0, 0, 0, 0, 14],
        [0, 2, 6, 4, 2],
        [0, 0, 3, 5, 6],
        [0, 3, 9, 2, 0],
        [2, 2, 8, 1, 1],
        [7, 7, 0, 0, 0],
        [3, 2, 6, 3, 0],
        [2, 5, 3, 2, 2],
        [6, 5, 2, 1, 0],
        [0, 2, 2, 3, 7],
    ]
)
OFSTED = list(OFSTED4.codes)


def _random_ratings(seed: int, raters: int, units: int, levels: int, missing: float) -> np.ndarray:
    """Raters who mostly agree with a true grade, with some values missing."""
    rng = np.random.default_rng(seed)
    truth = rng.integers(1, levels + 1, size=units)
    noise = rng.integers(-1, 2, size=(raters, units)) * (rng.random((raters, units)) < 0.4)
    data = np.clip(truth + noise, 1, levels).astype(np.float64)
    data[rng.random((raters, units)) < missing] = np.nan
    return data


def _table(a: np.ndarray, b: np.ndarray, k: int) -> np.ndarray:
    table = np.zeros((k, k))
    np.add.at(table, (a, b), 1)
    return table


class TestAgreementResult:
    def test_float_gives_the_coefficient(self) -> None:
        """float(result) is its value."""
        result = fleiss_kappa(FLEISS_1971)
        assert float(result) == result.value

    def test_is_a_frozen_value(self) -> None:
        """A result cannot be changed."""
        result = fleiss_kappa(FLEISS_1971)
        with pytest.raises(AttributeError):
            result.value = 1.0  # type: ignore[misc]


class TestCohenKappa:
    def test_a_grade_only_in_a_unit_left_out_is_left_out_with_it(self) -> None:
        """4 is graded only where b is missing: that unit is left out, and 4 with it.

        Units 2 and 3 agree (1, 1) and (2, 2): kappa 1 on the scale {1, 2}, as if unit 1
        were not there (it used to fail with "expected one of the categories").
        """
        with_unit = cohen_kappa([4, 1, 2], [None, 1, 2])
        without = cohen_kappa([1, 2], [1, 2])
        assert (with_unit.value, with_unit.units) == (without.value, without.units) == (1.0, 2)
        labels = cohen_kappa(["x", "y", "z"], [None, "y", "z"])
        assert (labels.value, labels.units) == (1.0, 2)

    def test_given_categories_still_check_a_grade_in_a_unit_left_out(self) -> None:
        """With categories (1, 2), a 4 in unit 0 is refused even though b is missing there."""
        with pytest.raises(ValidationError) as caught:
            cohen_kappa([4, 1, 2], [None, 1, 2], categories=[1, 2])
        assert caught.value.paths == ("$.a[0]",)
        with pytest.raises(ValidationError) as caught:
            cohen_kappa(["w", "x", "y"], [None, "x", "y"], categories=["x", "y"])
        assert caught.value.paths == ("$.a[0]",)

    @pytest.mark.parametrize("seed", range(5))
    def test_unweighted_matches_statsmodels(self, seed: int) -> None:
        """Unweighted kappa and its standard error match statsmodels' cohens_kappa."""
        rng = np.random.default_rng(seed)
        a = rng.integers(0, 4, 80)
        b = np.where(rng.random(80) < 0.6, a, rng.integers(0, 4, 80))
        ours = cohen_kappa(a.tolist(), b.tolist(), categories=range(4))
        theirs = inter_rater.cohens_kappa(_table(a, b, 4))
        assert ours.value == pytest.approx(theirs.kappa, abs=1e-9)
        z = 1.959963984540054
        assert ours.interval is not None
        assert (ours.interval[1] - ours.value) / z == pytest.approx(theirs.std_kappa, abs=1e-9)

    @pytest.mark.parametrize("weights", ["linear", "quadratic"])
    @pytest.mark.parametrize("seed", range(4))
    def test_weighted_with_unused_levels_matches_statsmodels(self, weights: str, seed: int) -> None:
        """Weighted kappa over the full scale (unused top level included) matches statsmodels."""
        rng = np.random.default_rng(seed)
        a = rng.integers(0, 4, 60)  # level 4 of 0-4 is never used
        b = np.clip(a + rng.integers(-1, 2, 60), 0, 3)
        ours = cohen_kappa(a.tolist(), b.tolist(), weights=weights, categories=range(5))
        theirs = inter_rater.cohens_kappa(_table(a, b, 5), wt=weights)
        assert ours.value == pytest.approx(theirs.kappa, abs=1e-9)
        assert ours.interval is not None
        half = (ours.interval[1] - ours.interval[0]) / 2 / 1.959963984540054
        assert half == pytest.approx(theirs.std_kappa, abs=1e-9)

    def test_weighted_by_hand(self) -> None:
        """Linear weights on the Ofsted scale, worked by hand.

        Pairs (positions): (2,2), (2,3), (3,3), (1,2) of 0-3; linear disagreement
        |i - j| / 3: 0, 1/3, 0, 1/3, so p_o = 1 - (2/3)/4 = 5/6. Margins a: {1: 1/4,
        2: 1/2, 3: 1/4}, b: {2: 1/2, 3: 1/2}; expected disagreement sum p_i q_j |i-j|/3
        = (1/4)(1/2)(1/3 + 2/3) + (1/2)(1/2)(0 + 1/3) + (1/4)(1/2)(1/3 + 0) = 1/8 + 1/12 +
        1/24 = 1/4, p_e = 3/4; kappa = (5/6 - 3/4) / (1/4) = 1/3.
        """
        a = ["good", "good", "outstanding", "requires_improvement"]
        b = ["good", "outstanding", "outstanding", "good"]
        result = cohen_kappa(a, b, weights="linear", categories=OFSTED)
        assert (result.value, result.observed, result.expected) == pytest.approx(
            (1 / 3, 5 / 6, 3 / 4), abs=1e-12
        )

    def test_unused_levels_change_weighted_kappa(self) -> None:
        """The full scale, not the levels seen, sets the weights: an unused middle level counts."""
        a = ["inadequate", "good", "good", "outstanding", "inadequate", "good"]
        b = ["good", "outstanding", "good", "good", "inadequate", "inadequate"]
        full = cohen_kappa(a, b, weights="linear", categories=OFSTED)
        seen = cohen_kappa(a, b, weights="linear", categories=["inadequate", "good", "outstanding"])
        by_hand = cohen_kappa(
            [0, 2, 2, 3, 0, 2], [2, 3, 2, 2, 0, 0], weights="linear", categories=range(4)
        )
        assert full.value == pytest.approx(by_hand.value, abs=1e-12)
        assert full.value != pytest.approx(seen.value)

    def test_missing_pairs_are_left_out(self) -> None:
        """A unit missing either grade does not count."""
        with_missing = cohen_kappa([1, 2, None, 2, math.nan], [1, 2, 1, 1, 2])
        assert with_missing.units == 3
        assert with_missing.value == cohen_kappa([1, 2, 2], [1, 2, 1]).value

    def test_no_chance_correction_possible_is_nan(self) -> None:
        """Every grade in one category: kappa is undefined."""
        result = cohen_kappa(["good"] * 3, ["good"] * 3)
        assert math.isnan(result.value)
        assert result.interval is None

    def test_arrays_and_lists_agree(self) -> None:
        """Numeric arrays (NaN missing) give the same result as lists of labels."""
        rng = np.random.default_rng(3)
        a = rng.integers(0, 4, 40).astype(float)
        b = np.where(rng.random(40) < 0.5, a, rng.integers(0, 4, 40))
        a[3] = np.nan
        labels = [OFSTED[int(x)] if not np.isnan(x) else None for x in a]
        from_arrays = cohen_kappa(a, b, weights="quadratic", categories=[0, 1, 2, 3])
        from_labels = cohen_kappa(
            labels, [OFSTED[int(x)] for x in b], weights="quadratic", categories=OFSTED
        )
        assert from_arrays == from_labels

    def test_categories_set_the_order(self) -> None:
        """Numeric grades follow the order of categories, not their size."""
        reversed_scale = cohen_kappa([1, 2, 3], [2, 2, 3], weights="linear", categories=[3, 2, 1])
        assert reversed_scale.value == cohen_kappa([1, 2, 3], [2, 2, 3], weights="linear").value

    def test_unknown_number_is_named(self) -> None:
        """A number outside the categories is reported with its position."""
        with pytest.raises(ValidationError) as caught:
            cohen_kappa(np.array([1.0, 2.0]), np.array([1.0, 7.0]), categories=[1, 2, 3])
        assert caught.value.problems[0].path == "$.b[1]"

    def test_lengths_must_match(self) -> None:
        """Different lengths are a ValidationError at $.b."""
        with pytest.raises(ValidationError) as caught:
            cohen_kappa([1, 2], [1])
        assert caught.value.problems[0].path == "$.b"

    def test_weights_need_an_order(self) -> None:
        """Weights with unordered labels and no categories are a ValidationError."""
        with pytest.raises(ValidationError) as caught:
            cohen_kappa(["good"], ["bad"], weights="linear")
        assert caught.value.problems[0].path == "$.categories"

    def test_unknown_grade_is_named(self) -> None:
        """A grade outside the categories is reported with its position."""
        with pytest.raises(ValidationError) as caught:
            cohen_kappa(["good", "great"], ["good", "good"], categories=OFSTED)
        assert [p.path for p in caught.value.problems] == ["$.a[1]"]

    def test_unknown_weights_are_rejected(self) -> None:
        """weights must be None, 'linear' or 'quadratic'."""
        with pytest.raises(ValidationError):
            cohen_kappa([1], [1], weights="cubic")


class TestFleissKappa:
    def test_fleiss_1971_example(self) -> None:
        """Fleiss (1971) via Wikipedia: P = 0.378, P_e = 0.213, kappa = 0.210."""
        result = fleiss_kappa(FLEISS_1971)
        assert round(result.value, 3) == 0.210
        assert round(result.observed, 3) == 0.378
        assert round(result.expected, 3) == 0.213
        assert (result.units, result.ratings) == (10, 140)

    @pytest.mark.parametrize("seed", range(5))
    def test_matches_statsmodels(self, seed: int) -> None:
        """Random tables: the same kappa as statsmodels' fleiss_kappa."""
        rng = np.random.default_rng(seed)
        table = rng.multinomial(7, rng.dirichlet(np.ones(4)), size=30)
        theirs = inter_rater.fleiss_kappa(table)
        assert fleiss_kappa(table).value == pytest.approx(theirs, abs=1e-9)

    def test_bootstrap_interval_is_reproducible(self) -> None:
        """The same seed gives the same percentile interval, around the value."""
        first = fleiss_kappa(FLEISS_1971, n_bootstrap=300, rng=1)
        second = fleiss_kappa(FLEISS_1971, n_bootstrap=300, rng=np.random.default_rng(1))
        assert first.interval == second.interval
        assert first.interval is not None
        assert first.interval[0] < first.value < first.interval[1]
        assert first.interval_method == "bootstrap"

    def test_uneven_raters_are_rejected(self) -> None:
        """Subjects with different numbers of raters: ValidationError naming the row."""
        with pytest.raises(ValidationError) as caught:
            fleiss_kappa([[2, 1], [1, 1]])
        assert caught.value.problems[0].path == "$.table[1]"

    def test_counts_must_be_whole(self) -> None:
        """Fractional counts are a ValidationError."""
        with pytest.raises(ValidationError):
            fleiss_kappa([[1.5, 1.5], [2, 1]])


class TestKrippendorffAlpha:
    @pytest.mark.parametrize(
        ("level", "published"),
        [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)],
    )
    def test_krippendorff_2011_example(self, level: str, published: float) -> None:
        """The published values of Krippendorff's (2011) 4 x 12 example."""
        assert round(krippendorff_alpha(KRIPPENDORFF_2011, level=level).value, 3) == published

    def test_example_margins(self) -> None:
        """The example's pairable units and values: 11 units, 40 values (Krippendorff 2011)."""
        result = krippendorff_alpha(KRIPPENDORFF_2011)
        assert (result.units, result.ratings, result.measures) == (11, 40, "disagreement")

    @pytest.mark.parametrize("level", ["nominal", "ordinal", "interval", "ratio"])
    @pytest.mark.parametrize("seed", range(4))
    def test_matches_the_krippendorff_package(self, level: str, seed: int) -> None:
        """Random data with missing values: the same alpha as ``krippendorff.alpha``."""
        data = _random_ratings(seed, raters=6, units=200, levels=5, missing=0.2)
        theirs = krippendorff.alpha(reliability_data=data, level_of_measurement=level)
        assert krippendorff_alpha(data, level=level).value == pytest.approx(theirs, abs=1e-9)

    @pytest.mark.parametrize(("scale", "shift"), [(0.5, 0.25), (1000.0, -3.0), (1.0, 1e6)])
    def test_values_of_any_kind_match_the_krippendorff_package(
        self, scale: float, shift: float
    ) -> None:
        """Fractional values, a wide range, large numbers: the same alpha as ``krippendorff``."""
        data = _random_ratings(7, raters=5, units=120, levels=5, missing=0.15) * scale + shift
        for level in ("nominal", "ordinal", "interval"):
            theirs = krippendorff.alpha(reliability_data=data, level_of_measurement=level)
            assert krippendorff_alpha(data, level=level).value == pytest.approx(theirs, abs=1e-9)

    @settings(max_examples=50)
    @given(st.integers(0, 2**32 - 1), st.permutations(range(4)))
    def test_raters_order_does_not_matter(self, seed: int, order: list[int]) -> None:
        """Permuting raters leaves alpha unchanged."""
        data = _random_ratings(seed, raters=4, units=15, levels=4, missing=0.2)
        first = krippendorff_alpha(data, level="ordinal").value
        second = krippendorff_alpha(data[order], level="ordinal").value
        assert first == pytest.approx(second, abs=1e-12, nan_ok=True)

    def test_one_value_everywhere_is_nan(self) -> None:
        """No expected disagreement: alpha is undefined."""
        assert math.isnan(krippendorff_alpha([[1, 1], [1, 1]]).value)

    def test_no_pairable_unit_is_nan(self) -> None:
        """Only one value per unit: nothing to compare."""
        result = krippendorff_alpha([[1, N], [N, 2]])
        assert math.isnan(result.value)
        assert result.units == 0

    def test_bootstrap_interval_is_reproducible(self) -> None:
        """A seeded bootstrap gives the same interval twice."""
        first = krippendorff_alpha(KRIPPENDORFF_2011, n_bootstrap=200, rng=3)
        second = krippendorff_alpha(KRIPPENDORFF_2011, n_bootstrap=200, rng=3)
        assert first.interval == second.interval
        assert first.interval is not None

    def test_unknown_level_is_rejected(self) -> None:
        """level must be one of the four."""
        with pytest.raises(ValidationError) as caught:
            krippendorff_alpha(KRIPPENDORFF_2011, level="cardinal")
        assert caught.value.problems[0].path == "$.level"

    def test_infinity_is_rejected(self) -> None:
        """An infinite value is reported where it is."""
        with pytest.raises(ValidationError) as caught:
            krippendorff_alpha([[1, 2], [np.inf, 2]])
        assert caught.value.problems[0].path == "$.data[1][0]"

    def test_one_dimension_is_rejected(self) -> None:
        """Data must be raters x units."""
        with pytest.raises(ValidationError):
            krippendorff_alpha([1, 2, 3])


class TestGwetAc1:
    def test_two_raters_by_hand(self) -> None:
        """Two raters, 10 units, q = 3 categories of which one unused (Gwet 2008).

        p_a = 8/10. pi_1 = (9 + 9)/20 = 0.9, pi_0 = 0.1, pi_2 = 0;
        p_e = (0.9 * 0.1 + 0.1 * 0.9 + 0) / (3 - 1) = 0.09; AC1 = 0.71 / 0.91.
        """
        a = [1, 1, 1, 1, 1, 1, 1, 1, 1, 0]
        b = [1, 1, 1, 1, 1, 1, 1, 1, 0, 1]
        result = gwet_ac1([a, b], categories=[0, 1, 2])
        assert (result.value, result.observed, result.expected) == pytest.approx(
            (0.71 / 0.91, 0.8, 0.09), abs=1e-12
        )

    def test_three_raters_with_missing_by_hand(self) -> None:
        """Three raters, one unit rated once (Gwet 2008, several raters, missing ratings).

        Units: {0, 0}, {1, 1, 1}, {1, 0, 0}, {1}. Pairable: agreement 1, 1, (2*1)/(3*2)
        = 1/3, so p_a = 7/9. Over the 4 rated units pi_0 = (1 + 0 + 2/3 + 0)/4 = 5/12,
        pi_1 = 7/12; q = 2: p_e = 2 (5/12)(7/12) = 35/72; AC1 = (7/9 - 35/72)/(37/72) = 21/37.
        """
        data = [[0, 1, 1, N], [0, 1, 0, 1], [N, 1, 0, N]]
        result = gwet_ac1(data)
        assert (result.value, result.observed, result.expected) == pytest.approx(
            (21 / 37, 7 / 9, 35 / 72), abs=1e-12
        )
        assert result.units == 3

    def test_resists_the_prevalence_paradox(self) -> None:
        """Nearly all 'good' and 90 % agreement: kappa is near zero or below, AC1 stays high."""
        a = [2] * 18 + [1, 2]
        b = [2] * 18 + [2, 1]
        assert cohen_kappa(a, b).value < 0
        assert gwet_ac1([a, b]).value > 0.8

    def test_value_outside_categories_is_rejected(self) -> None:
        """A value not among the categories is a ValidationError."""
        with pytest.raises(ValidationError):
            gwet_ac1([[0, 5], [0, 1]], categories=[0, 1])

    def test_bootstrap_interval_is_reproducible(self) -> None:
        """A seeded bootstrap gives the same interval twice, around the value."""
        first = gwet_ac1(KRIPPENDORFF_2011, n_bootstrap=200, rng=5)
        assert first.interval == gwet_ac1(KRIPPENDORFF_2011, n_bootstrap=200, rng=5).interval
        assert first.interval is not None
        assert first.interval[0] <= first.value <= first.interval[1]


# -- from assessments ------------------------------------------------------------------------


def _audit() -> Framework:
    return Framework(
        id="audit",
        version="1",
        title="Audit",
        domains=[
            Domain(
                id="d",
                title="D",
                children=[
                    Criterion(id="early", title="Early help"),
                    Criterion(id="plan", title="Planning"),
                    Criterion(id="met", title="Met", scale=MET3),
                ],
            )
        ],
    )


# agency -> case -> (early, plan); positions on OFSTED4 (inadequate 0 .. outstanding 3)
GRADES = {
    "police": {"c1": ("good", "good"), "c2": ("inadequate", "good"), "c3": ("good", None)},
    "health": {"c1": ("good", "outstanding"), "c2": ("inadequate", "good"), "c3": ("good", "good")},
    "school": {
        "c1": ("requires_improvement", "good"),
        "c2": (None, "good"),
        "c3": ("good", "good"),
    },
}
POSITIONS = {code: i for i, code in enumerate(OFSTED4.codes)}


def _audits(
    grades: dict[str, dict[str, tuple[str | None, str | None]]] = GRADES,
) -> list[Assessment]:
    audits = []
    for agency, cases in grades.items():
        for case, levels in cases.items():
            ratings = []
            for criterion_id, level in zip(("early", "plan"), levels, strict=True):
                if level is None:
                    ratings.append(Rating.not_applicable(criterion_id, reason="Not in the file"))
                else:
                    ratings.append(Rating(criterion_id=criterion_id, level=level))
            audits.append(
                Assessment(
                    id=f"{agency}-{case}", framework_id="audit", subject=case, ratings=ratings
                )
            )
    return audits


def _expected(criterion: int) -> np.ndarray:
    """Raters x cases of positions, NaN for not applicable, built by hand from GRADES."""
    return np.array(
        [
            [
                N if cases[case][criterion] is None else POSITIONS[cases[case][criterion]]
                for case in ("c1", "c2", "c3")
            ]
            for cases in GRADES.values()
        ],
        dtype=np.float64,
    )


class TestAgreement:
    def test_per_criterion_equals_alpha_on_positions(self) -> None:
        """Each criterion's alpha is Krippendorff's alpha on raters x cases of positions."""
        report = agreement(_audits(), framework=_audit(), level="ordinal")
        for column, criterion_id in enumerate(("early", "plan")):
            expected = krippendorff_alpha(_expected(column), level="ordinal").value
            assert report.by_criterion[criterion_id].value == pytest.approx(expected, nan_ok=True)

    def test_overall_pools_the_units(self) -> None:
        """The overall result pools every criterion's cases."""
        report = agreement(_audits(), framework=_audit(), level="interval")
        pooled = np.concatenate([_expected(0), _expected(1)], axis=1)
        assert report.overall.value == pytest.approx(
            krippendorff_alpha(pooled, level="interval").value
        )

    def test_raters_are_assessments_unless_ratings_name_one(self) -> None:
        """A rating's rater, else its assessment's id, identifies the rater."""
        named = [
            Assessment(
                id=f"case{case}",
                framework_id="audit",
                subject=f"case{case}",
                ratings=[
                    Rating(criterion_id="early", level=level, rater=rater)
                    for rater, level in (("police", "good"), ("health", "good"))
                ],
            )
            for case in range(2)
        ]
        report = agreement(named, framework=_audit())
        assert report.raters == ("police", "health")
        assert agreement(_audits(), framework=_audit()).raters[:2] == ("police-c1", "police-c2")

    def test_unused_levels_keep_their_position(self) -> None:
        """Ordinal positions come from the scale, not from the levels used."""
        report = agreement(_audits(), framework=_audit(), statistic="gwet")
        counts_q4 = gwet_ac1(_expected(0), categories=[0, 1, 2, 3]).value
        assert report.by_criterion["early"].value == pytest.approx(counts_q4)

    def test_fleiss_needs_even_raters(self) -> None:
        """Fleiss' kappa with a not-applicable hole is a ValidationError."""
        with pytest.raises(ValidationError):
            agreement(_audits(), framework=_audit(), statistic="fleiss")

    def test_fleiss_on_complete_ratings(self) -> None:
        """With every rater rating every case, Fleiss' kappa is that of the count table."""
        full = {
            a: {c: ("good", lv[1] or "good") for c, lv in cases.items()}
            for a, cases in GRADES.items()
        }
        report = agreement(_audits(full), framework=_audit(), statistic="fleiss")
        # plan: c1 good/outstanding/good, c2 good x3, c3 good x3
        table = [[0, 0, 2, 1], [0, 0, 3, 0], [0, 0, 3, 0]]
        assert report.by_criterion["plan"].value == pytest.approx(fleiss_kappa(table).value)

    def test_cohen_needs_two_raters(self) -> None:
        """Cohen's kappa from three raters is a ValidationError."""
        named = [
            Assessment(
                id=case,
                framework_id="audit",
                subject=case,
                ratings=[
                    Rating(criterion_id="early", level=GRADES[r][case][0] or "good", rater=r)
                    for r in GRADES
                ],
            )
            for case in ("c1", "c3")
        ]
        with pytest.raises(ValidationError) as caught:
            agreement(named, framework=_audit(), statistic="cohen")
        assert "exactly 2 raters" in caught.value.problems[0].message

    def test_cohen_from_two_raters_matches_the_function(self) -> None:
        """statistic='cohen' with ordinal level is linearly weighted Cohen's kappa."""
        named = [
            Assessment(
                id=case,
                framework_id="audit",
                subject=case,
                ratings=[
                    Rating(criterion_id="plan", level=GRADES[r][case][1] or "good", rater=r)
                    for r in ("police", "health")
                ],
            )
            for case in ("c1", "c2", "c3")
        ]
        report = agreement(named, framework=_audit(), statistic="cohen", level="ordinal")
        expected = cohen_kappa(
            ["good", "good", "good"],
            ["outstanding", "good", "good"],
            weights="linear",
            categories=OFSTED,
        )
        assert report.by_criterion["plan"].value == pytest.approx(expected.value, nan_ok=True)

    def test_same_rater_twice_is_rejected(self) -> None:
        """Two roles' ratings of one unit by one rater need role= to choose."""
        both = Assessment(
            id="a",
            framework_id="audit",
            subject="c1",
            ratings=[
                Rating(criterion_id="early", level="good", role="self"),
                Rating(criterion_id="early", level="good", role="moderated"),
            ],
        )
        with pytest.raises(ValidationError) as caught:
            agreement([both], framework=_audit())
        assert caught.value.problems[0].path == "$[0].ratings[1]"
        assert agreement([both], framework=_audit(), role="self").overall.ratings == 0

    def test_unknown_criterion_is_named(self) -> None:
        """A rating of an unknown criterion is a ValidationError with its path."""
        odd = Assessment(
            id="a",
            framework_id="audit",
            subject="c1",
            ratings=[Rating(criterion_id="zz", level="good")],
        )
        with pytest.raises(ValidationError) as caught:
            agreement([odd], framework=_audit())
        assert caught.value.problems[0].path == "$[0].ratings[0].criterion_id"

    def test_one_framework_only(self) -> None:
        """Assessments of different frameworks are a ValidationError."""
        other = Assessment(id="b", framework_id="other", subject="c1")
        with pytest.raises(ValidationError):
            agreement([*_audits(), other], framework=_audit())

    def test_unknown_statistic_is_rejected(self) -> None:
        """statistic must be one of the four."""
        with pytest.raises(ValidationError) as caught:
            agreement(_audits(), framework=_audit(), statistic="pearson")
        assert caught.value.problems[0].path == "$.statistic"


class TestAgreementReport:
    def test_least_agreed_first(self) -> None:
        """least_agreed orders criteria by value, undefined ones last."""
        report = agreement(_audits(), framework=_audit(), level="nominal")
        assert isinstance(report, AgreementReport)
        order = report.least_agreed()
        values = [report.by_criterion[c].value for c in order]
        defined = [v for v in values if not math.isnan(v)]
        assert defined == sorted(defined)
        assert order[-1] == "met"  # nobody rated it: undefined


class TestDisagreements:
    def test_widest_first(self) -> None:
        """Units are ordered by spread, then by discordant pairs."""
        found = disagreements(_audits(), framework=_audit())
        assert [(d.subject, d.criterion_id, d.spread) for d in found] == [
            ("c1", "early", 1),
            ("c1", "plan", 1),
        ]
        assert found[0].discordant == pytest.approx(2 / 3)

    def test_levels_by_rater(self) -> None:
        """Each disagreement lists every rater's level."""
        first = disagreements(_audits(), framework=_audit())[0]
        assert isinstance(first, Disagreement)
        assert dict(first.levels) == {
            "police-c1": "good",
            "health-c1": "good",
            "school-c1": "requires_improvement",
        }

    def test_agreement_everywhere_gives_nothing(self) -> None:
        """No unit with differing ratings: an empty tuple."""
        same = {a: dict.fromkeys(("c1", "c2"), ("good", "good")) for a in ("x", "y")}
        assert disagreements(_audits(same), framework=_audit()) == ()
