"""Tests for the built-in safeguarding indicator set and its links to the built-in frameworks."""

from __future__ import annotations

import pytest

from lscbqa.frameworks import available, get
from lscbqa.indicators import safeguarding_indicators, with_safeguarding_indicators
from lscbqa.measures import Polarity

ISSUE_SET = {
    "rereferrals",
    "cp_repeat",
    "cp_two_years",
    "cp_rate",
    "assessments_45_days",
    "cse_referrals",
    "training_reach",
    "board_attendance",
}


class TestSafeguardingIndicators:
    def test_the_set_holds_the_eight_indicators(self) -> None:
        """The set is the eight indicators boards commonly watch, once each."""
        ids = [indicator.id for indicator in safeguarding_indicators()]
        assert sorted(ids) == sorted(ISSUE_SET)

    def test_every_indicator_names_its_source_and_questions(self) -> None:
        """Each indicator says where its data is published and what to ask when it dips."""
        for indicator in safeguarding_indicators():
            assert indicator.source, indicator.id
            assert indicator.challenge_questions, indicator.id
            assert indicator.numerator, indicator.id
            assert indicator.denominator, indicator.id

    def test_repeat_plans_have_a_healthy_band(self) -> None:
        """Second or subsequent plans: low is good but zero is not expected."""
        repeat = {i.id: i for i in safeguarding_indicators()}["cp_repeat"]
        assert repeat.polarity is Polarity.WITHIN_BAND
        assert repeat.band is not None
        assert repeat.judge(0.0) == "worse"

    def test_unlinked_set_names_no_criteria(self) -> None:
        """Without a framework, indicators evidence nothing."""
        assert all(not i.criterion_ids for i in safeguarding_indicators())

    def test_unknown_framework_gets_none(self) -> None:
        """A framework the set has no links for gets no indicators."""
        assert safeguarding_indicators("nowhere") == ()


class TestBuiltinFrameworksCarryIndicators:
    @pytest.mark.parametrize(
        ("name", "expected"),
        [
            ("section11", {"training_reach"}),
            ("ofsted-lscb", ISSUE_SET),
            ("cse-strategy", {"cse_referrals", "training_reach"}),
            ("chair-effectiveness", {"board_attendance"}),
        ],
    )
    def test_framework_has_its_indicators(self, name: str, expected: set[str]) -> None:
        """A built-in framework comes with the indicators that evidence its criteria."""
        assert {indicator.id for indicator in get(name).indicators} == expected

    def test_tailored_builtin_inherits_them(self) -> None:
        """A built-in that extends section11 inherits its indicators."""
        assert get("section11-rag").indicator("training_reach").criterion_ids == (
            "s11.9.b",
            "s11.9.c",
        )

    def test_every_link_evidences_a_criterion(self) -> None:
        """Every indicator of every built-in framework evidences criteria of it."""
        for name in available():
            framework = get(name)
            for indicator in framework.indicators:
                assert indicator.criterion_ids, (name, indicator.id)
                for criterion_id in indicator.criterion_ids:
                    assert framework.has_criterion(criterion_id), (name, criterion_id)

    def test_indicators_for_a_criterion(self) -> None:
        """The training criterion of section11 is evidenced by training reach."""
        assert [i.id for i in get("section11").indicators_for("s11.9.b")] == ["training_reach"]


class TestWithSafeguardingIndicators:
    def test_existing_indicator_is_kept(self) -> None:
        """An indicator the framework already has is not replaced by the built-in one."""
        framework = get("chair-effectiveness")
        again = with_safeguarding_indicators(framework)
        assert again is framework
