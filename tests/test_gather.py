"""Tests for lscbqa.scoring._gather: ratings of many assessments into arrays, column-wise.

``gather`` is the input step of ``score_many``. The hypothesis test in
``test_scoring_oracle.py`` compares its results and problem paths with an
independent per-rating reference; these tests pin down the cases that reference
reaches rarely: problems in later assessments, duplicates and off-scale levels in
one call, a framework of 300 criteria, ratings of other roles
citing evidence, and one level code meaning different values on different scales.
"""

from __future__ import annotations

import numpy as np
import pytest

from lscbqa.assessment import Assessment, Rating, Role
from lscbqa.criteria import Criterion, Domain
from lscbqa.evidence import Evidence
from lscbqa.exceptions import ValidationError
from lscbqa.model import Framework
from lscbqa.scales import MET3, NOT_APPLICABLE, OFSTED4, Level, RatingScale
from lscbqa.scoring import score, score_many
from lscbqa.scoring._gather import LevelTable, _numbers, _repeats

# A scale whose code "good" is worth 1.0, where on OFSTED4 "good" is worth 2/3.
GOOD2 = RatingScale(
    id="good2",
    title="Poor or good",
    levels=[Level(code="poor", label="Poor", value=0), Level(code="good", label="Good", value=1)],
)

FRAMEWORK = Framework(
    id="fw",
    version="1",
    title="Gathering",
    domains=[
        Domain(
            id="d",
            title="D",
            children=[
                Criterion(id="c1", title="One"),
                Criterion(id="c2", title="Two", scale=MET3),
                Criterion(id="c3", title="Three", scale=GOOD2),
            ],
        )
    ],
)


def _assessment(ratings: list[Rating], **fields: object) -> Assessment:
    return Assessment(
        id=str(fields.pop("id", "a")), framework_id="fw", subject="s", ratings=ratings, **fields
    )


def _moderated(criterion_id: str, level: str, **options: object) -> Rating:
    if level == NOT_APPLICABLE:
        return Rating.not_applicable(criterion_id, reason="none", role="moderated", **options)
    return Rating(criterion_id=criterion_id, level=level, role="moderated", **options)


def _paths(error: pytest.ExceptionInfo[ValidationError]) -> list[str]:
    return list(error.value.paths)


class TestValues:
    def test_one_code_is_worth_what_its_criterions_scale_says(self) -> None:
        """'good' is 2/3 on c1 (OFSTED4) and 1.0 on c3 (GOOD2)."""
        table = score_many(
            FRAMEWORK, [_assessment([_moderated("c1", "good"), _moderated("c3", "good")])]
        )
        assert table.scores_of("c1").tolist() == pytest.approx([2 / 3])
        assert table.scores_of("c3").tolist() == [1.0]

    def test_not_applicable_and_unrated_differ(self) -> None:
        """c2 not applicable is 'not_applicable'; c3 left unrated is 'unrated'."""
        card = score(
            FRAMEWORK, _assessment([_moderated("c1", "good"), _moderated("c2", NOT_APPLICABLE)])
        )
        assert card["c2"].status.value == "not_applicable"
        assert card["c3"].status.value == "unrated"
        assert card["d"].coverage == 0.5  # c1 of c1 and c3; c2 does not apply

    def test_ratings_of_other_roles_and_raters_are_left_out(self) -> None:
        """Self ratings and y's moderated rating play no part when rater='x'."""
        ratings = [
            Rating(criterion_id="c1", level="inadequate", role="self"),
            Rating(criterion_id="c1", level="outstanding", role="moderated", rater="y"),
            Rating(criterion_id="c1", level="good", role="moderated", rater="x"),
            Rating(criterion_id="c9", level="good", role="self"),  # unknown, but not chosen
        ]
        card = score(FRAMEWORK, _assessment(ratings), rater="x")
        assert card["c1"].score == pytest.approx(2 / 3)

    def test_assessments_of_different_lengths_land_in_their_rows(self) -> None:
        """Row 0 has three ratings, row 1 one, row 2 none: each value lands in its row."""
        items = [
            _assessment(
                [
                    _moderated("c1", "outstanding"),
                    _moderated("c2", "not_met"),
                    _moderated("c3", "poor"),
                ],
                id="a0",
            ),
            _assessment([_moderated("c3", "good")], id="a1"),
            _assessment([], id="a2"),
        ]
        table = score_many(FRAMEWORK, items)
        assert table.scores_of("c1")[0] == 1.0
        assert np.isnan(table.scores_of("c1")[1:]).all()
        assert table.scores_of("c3")[:2].tolist() == [0.0, 1.0]
        assert np.isnan(table.scores_of("c3")[2])


class TestEvidence:
    def test_evidence_cited_by_a_rating_of_another_role_is_not_counted(self) -> None:
        """e1 cited by the self rating only: the moderated c1 counts e2 alone."""
        evidence = [
            Evidence(id="e1", title="Policy", kind="policy"),
            Evidence(id="e2", title="Audit", kind="case_audit"),
        ]
        ratings = [
            Rating(criterion_id="c1", level="good", role="self", evidence_ids=["e1"]),
            _moderated("c1", "good", evidence_ids=["e2"]),
            _moderated("c3", "good", evidence_ids=["e2", "e1"]),
        ]
        card = score(FRAMEWORK, _assessment(ratings, evidence=evidence))
        assert (card["c1"].evidence, card["c3"].evidence, card["d"].evidence) == (1, 2, 2)

    def test_evidence_is_counted_per_assessment(self) -> None:
        """The same evidence id in two assessments counts once in each."""
        items = [
            _assessment(
                [_moderated("c1", "good", evidence_ids=["e1"])],
                id=f"a{row}",
                evidence=[Evidence(id="e1", title="Policy", kind="policy")],
            )
            for row in range(2)
        ]
        table = score_many(FRAMEWORK, items)
        assert table.evidence[:, table.column("d")].tolist() == [1, 1]


class TestProblems:
    def test_problems_in_a_later_assessment_name_it(self) -> None:
        """An off-scale level and two duplicates (raters differ, no rater=) in $[1], in order."""
        items = [
            _assessment([_moderated("c1", "good")], id="a0"),
            _assessment(
                [
                    _moderated("c2", "good", rater="x"),  # off MET3
                    _moderated("c1", "good", rater="x"),
                    _moderated("c1", "inadequate", rater="y"),  # a second moderated c1
                    _moderated("c2", "fully_met", rater="y"),  # a second c2: a duplicate
                ],
                id="a1",
            ),
        ]
        with pytest.raises(ValidationError) as error:
            score_many(FRAMEWORK, items)
        assert _paths(error) == ["$[1].ratings[0].level", "$[1].ratings[2]", "$[1].ratings[3]"]
        assert "expected a level of scale 'met3'; found 'good'" in error.value.problems[0].message
        assert "expected one moderated rating of 'c1'" in error.value.problems[1].message

    def test_a_code_of_no_scale_is_off_scale(self) -> None:
        """'brilliant' is on no scale of the framework: $.ratings[0].level."""
        with pytest.raises(ValidationError) as error:
            score(FRAMEWORK, _assessment([_moderated("c1", "brilliant")]))
        assert _paths(error) == ["$.ratings[0].level"]

    def test_an_unknown_criterion_is_not_also_a_duplicate(self) -> None:
        """Two raters' ratings of unknown c9: two criterion_id problems, no duplicate."""
        item = _assessment(
            [_moderated("c9", "good", rater="x"), _moderated("c9", "good", rater="y")]
        )
        with pytest.raises(ValidationError) as error:
            score(FRAMEWORK, item)
        assert _paths(error) == ["$.ratings[0].criterion_id", "$.ratings[1].criterion_id"]


class TestWideFrameworks:
    def test_three_hundred_criteria(self) -> None:
        """300 criteria (keys past 255): level k mod 4 of c{k} scores (k mod 4) / 3."""
        width = 300
        framework = Framework(
            id="wide",
            version="1",
            title="Wide",
            domains=[
                Domain(
                    id="d",
                    title="D",
                    children=[Criterion(id=f"c{k}", title=f"C{k}") for k in range(width)],
                )
            ],
        )
        codes = OFSTED4.codes
        ratings = [_moderated(f"c{k}", codes[k % 4]) for k in reversed(range(width))]
        assessment = Assessment(id="a", framework_id="wide", subject="s", ratings=ratings)
        table = score_many(framework, [assessment, assessment])
        for k in (0, 1, 2, 3, 254, 255, 299):
            assert table.scores_of(f"c{k}").tolist() == pytest.approx([(k % 4) / 3] * 2)
        extra = [_moderated("c300", "good"), _moderated("c7", "good", rater="y")]
        item = Assessment(id="a", framework_id="wide", subject="s", ratings=[*ratings, *extra])
        with pytest.raises(ValidationError) as error:
            score(framework, item)
        assert _paths(error) == ["$.ratings[300].criterion_id", "$.ratings[301]"]


class TestHelpers:
    def test_numbers_small_and_wide_numberings_alike(self) -> None:
        """A numbering of 10 and one of 300 number the same strings alike."""
        small = {f"s{k}": k for k in range(10)}
        wide = {f"s{k}": k for k in range(300)}
        strings = ["s3", "x", "s9", "s0"]
        assert _numbers(small, strings, missing=-1).tolist() == [3, -1, 9, 0]
        assert _numbers(wide, strings, missing=-1).tolist() == [3, -1, 9, 0]

    def test_repeats_marks_every_later_rating_of_a_cell(self) -> None:
        """Cells 5, 2, 5, 5, 2: the first 5 and the first 2 stand."""
        cells = np.array([5, 2, 5, 5, 2])
        assert _repeats(cells, 8).tolist() == [False, False, True, True, True]

    def test_level_table_allows_not_applicable_everywhere(self) -> None:
        """NOT_APPLICABLE is allowed on every criterion and worth NaN."""
        table = LevelTable.of(["x", "y"], [{"a": 0.0}, {"b": 1.0}])
        code = table.codes[NOT_APPLICABLE]
        assert table.allowed[:, code].all()
        assert np.isnan(table.values[:, code]).all()
        assert not table.allowed[0, table.codes["b"]]

    def test_roles_compare_by_value(self) -> None:
        """role='moderated' as a string and Role.MODERATED choose the same ratings."""
        item = _assessment([_moderated("c1", "good")])
        assert score(FRAMEWORK, item, role="moderated") == score(
            FRAMEWORK, item, role=Role.MODERATED
        )
