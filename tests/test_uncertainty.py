"""Tests for lscbqa.scoring.uncertainty.bootstrap.

Oracle: ``score_many`` on assessments built by hand (the consensus of the raters a
resample could draw, or a criterion counted as often as a resample could draw it), so
every resample's score must be one of a few values worked out independently.
"""

from __future__ import annotations

import concurrent.futures

import numpy as np
import pytest

from lscbqa.assessment import Assessment, Rating
from lscbqa.criteria import Criterion, Domain
from lscbqa.evidence import Evidence
from lscbqa.exceptions import NotFoundError, ValidationError
from lscbqa.model import Framework
from lscbqa.scales import OFSTED4
from lscbqa.scoring import score_many
from lscbqa.scoring.uncertainty import bootstrap


def _framework() -> Framework:
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
                ],
            ),
            Domain(
                id="practice",
                title="Practice",
                children=[
                    Criterion(id="practice.1", title="One"),
                    Criterion(id="practice.2", title="Two"),
                ],
            ),
        ],
    )


CRITERIA = ("lead.1", "lead.2", "practice.1", "practice.2")


def _assessment(
    name: str, subject: str, levels: tuple[str, ...], role: str = "moderated"
) -> Assessment:
    return Assessment(
        id=name,
        framework_id="f",
        subject=subject,
        ratings=[
            Rating(criterion_id=criterion_id, level=level, role=role)
            for criterion_id, level in zip(CRITERIA, levels, strict=True)
        ],
    )


def _overall(levels: tuple[str, ...]) -> float:
    return float(score_many(_framework(), [_assessment("x", "s", levels)]).scores_of("overall")[0])


A = ("good", "outstanding", "requires_improvement", "good")
B = ("inadequate", "good", "good", "good")
C = ("good", "good", "good", "outstanding")


class TestBootstrap:
    def test_no_resampling_gives_the_score(self) -> None:
        """With nothing resampled, every resample and the estimate equal score_many."""
        boards = [_assessment("a", "s1", A), _assessment("b", "s2", B)]
        result = bootstrap(_framework(), boards, n=20, rng=0, resample=())
        expected = score_many(_framework(), boards).score
        np.testing.assert_allclose(result.estimate, expected, rtol=0, atol=1e-12)
        np.testing.assert_allclose(result.low, expected, rtol=0, atol=1e-12)
        np.testing.assert_allclose(result.high, expected, rtol=0, atol=1e-12)

    def test_estimate_is_the_lower_median_consensus(self) -> None:
        """Three raters: the estimate scores each criterion's lower median level."""
        raters = [_assessment(n, "case", levels) for n, levels in (("a", A), ("b", B), ("c", C))]
        result = bootstrap(_framework(), raters, n=10, rng=0)
        # lead.1: good, inadequate, good -> good; lead.2: outstanding, good, good -> good;
        # practice.1: RI, good, good -> good; practice.2: good, good, outstanding -> good.
        assert result.estimate_of("case") == pytest.approx(_overall(("good",) * 4))
        assert result.raters == (3,)

    def test_two_raters_lower_median_is_the_lower_level(self) -> None:
        """Two raters: the consensus takes the lower of two levels."""
        raters = [_assessment("a", "case", A), _assessment("b", "case", B)]
        result = bootstrap(_framework(), raters, n=5, rng=0)
        lower = tuple(min(x, y, key=OFSTED4.codes.index) for x, y in zip(A, B, strict=True))
        assert result.estimate_of("case") == pytest.approx(_overall(lower))

    def test_raters_stage_draws_rater_multisets(self) -> None:
        """Resampling two raters gives {A, A}, {A, B} or {B, B}: three possible scores."""
        raters = [_assessment("a", "case", A), _assessment("b", "case", B)]
        result = bootstrap(_framework(), raters, n=300, rng=1, resample=("raters",))
        lower = tuple(min(x, y, key=OFSTED4.codes.index) for x, y in zip(A, B, strict=True))
        possible = np.array([_overall(A), _overall(B), _overall(lower)])
        drawn = result.overall[:, 0]
        assert np.all(np.min(np.abs(drawn[:, None] - possible[None, :]), axis=1) < 1e-12)
        assert len(np.unique(np.round(drawn, 12))) == 3

    def test_ratings_stage_resamples_children(self) -> None:
        """One rater, ratings resampled: every resample is one of the hand-worked scores.

        lead.1 = 0 (weight 1), lead.2 = 1 (weight 3): drawn twice, lead is 0 or 1, drawn
        once each 3/4. Practice is 2/3 however drawn. The overall draws its two domains
        (weights 2 and 1) the same way: lead alone, practice alone, or (2 lead + 2/3) / 3.
        """
        one = [_assessment("a", "case", ("inadequate", "outstanding", "good", "good"))]
        result = bootstrap(_framework(), one, n=400, rng=2, resample=("ratings",))
        leads = [0.0, 0.75, 1.0]
        possible = np.array([*leads, 2 / 3, *[(2 * lead + 2 / 3) / 3 for lead in leads]])
        drawn = result.overall[:, 0]
        assert np.all(np.min(np.abs(drawn[:, None] - possible[None, :]), axis=1) < 1e-12)
        assert len(np.unique(np.round(drawn, 12))) == len(possible)

    def test_interval_is_the_percentile_interval(self) -> None:
        """The overall interval is the 2.5 % and 97.5 % quantiles of the resamples."""
        raters = [_assessment(n, "case", levels) for n, levels in (("a", A), ("b", B), ("c", C))]
        result = bootstrap(_framework(), raters, n=400, rng=3)
        low, high = np.quantile(result.overall[:, 0], [0.025, 0.975])
        column = result.node_ids.index("overall")
        assert (result.low[0, column], result.high[0, column]) == pytest.approx((low, high))

    def test_level_probabilities_sum_to_one(self) -> None:
        """An always-scored subject's level probabilities sum to 1."""
        raters = [_assessment(n, "case", levels) for n, levels in (("a", A), ("b", B))]
        result = bootstrap(_framework(), raters, n=100, rng=4)
        assert sum(result.level_probability("case").values()) == pytest.approx(1.0)

    def test_chunks_and_executors_do_not_change_the_result(self) -> None:
        """The same seed gives the same resamples for any chunk size and a thread pool."""
        raters = [_assessment(n, "case", levels) for n, levels in (("a", A), ("b", B), ("c", C))]
        first = bootstrap(_framework(), raters, n=150, rng=5, chunk_size=7)
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            second = bootstrap(_framework(), raters, n=150, rng=5, chunk_size=100, executor=pool)
        assert np.array_equal(first.overall, second.overall)
        assert np.array_equal(first.low, second.low, equal_nan=True)

    def test_evidence_only_leaves_unbacked_ratings_out(self) -> None:
        """With evidence_only, a rating citing nothing is unrated."""
        backed = Assessment(
            id="a",
            framework_id="f",
            subject="case",
            ratings=[
                Rating(criterion_id="lead.1", level="good", role="moderated", evidence_ids=["e"]),
                Rating(criterion_id="lead.2", level="inadequate", role="moderated"),
            ],
            evidence=[Evidence(id="e", title="Audit", kind="case_audit")],
        )
        result = bootstrap(_framework(), [backed], n=5, rng=0, evidence_only=True)
        assert result.estimate_of("case", "lead") == pytest.approx(2 / 3)
        assert np.isnan(result.estimate_of("case", "lead.2"))

    def test_role_chooses_the_ratings(self) -> None:
        """Only ratings of the role count."""
        peer = _assessment("a", "case", A, role="peer")
        assert np.isnan(bootstrap(_framework(), [peer], n=5, rng=0).estimate_of("case"))
        assert bootstrap(_framework(), [peer], n=5, rng=0, role="peer").estimate_of(
            "case"
        ) == pytest.approx(_overall(A))

    def test_bad_options_are_rejected(self) -> None:
        """n, resample and confidence are checked, with their paths."""
        boards = [_assessment("a", "s", A)]
        for options, path in (
            ({"n": 0}, "$.n"),
            ({"n": 5, "resample": ["judges"]}, "$.resample"),
            ({"n": 5, "confidence": 1.5}, "$.confidence"),
        ):
            with pytest.raises(ValidationError) as caught:
                bootstrap(_framework(), boards, rng=0, **options)  # type: ignore[arg-type]
            assert caught.value.problems[0].path == path

    def test_unknown_criterion_is_named(self) -> None:
        """A rating of an unknown criterion is a ValidationError with its path."""
        odd = Assessment(
            id="a",
            framework_id="f",
            subject="s",
            ratings=[Rating(criterion_id="zz", level="good", role="moderated")],
        )
        with pytest.raises(ValidationError) as caught:
            bootstrap(_framework(), [odd], n=5, rng=0)
        assert caught.value.problems[0].path == "$[0].ratings[0].criterion_id"


class TestBootstrapResult:
    def test_unknown_node_is_not_found(self) -> None:
        """Asking for a node the framework lacks is a NotFoundError."""
        result = bootstrap(_framework(), [_assessment("a", "s", A)], n=5, rng=0)
        with pytest.raises(NotFoundError):
            result.interval("s", "nowhere")

    def test_arrays_are_read_only(self) -> None:
        """The result's arrays cannot be written."""
        result = bootstrap(_framework(), [_assessment("a", "s", A)], n=5, rng=0)
        with pytest.raises(ValueError, match="read-only"):
            result.low[0, 0] = 0.0


class TestPercentiles:
    def test_matches_numpy_nanquantile(self) -> None:
        """The whole-array percentiles equal numpy.nanquantile, NaN columns included."""
        from lscbqa.scoring.uncertainty import _percentiles

        rng = np.random.default_rng(0)
        scores = rng.random((37, 4, 3))
        scores[rng.random(scores.shape) < 0.3] = np.nan
        scores[:, 1, 2] = np.nan
        low, high = _percentiles(scores, (0.025, 0.975))
        with pytest.warns(RuntimeWarning):
            expected = np.nanquantile(scores, [0.025, 0.975], axis=0)
        np.testing.assert_allclose(low, expected[0], rtol=0, atol=1e-12)
        np.testing.assert_allclose(high, expected[1], rtol=0, atol=1e-12)
