"""Tests for lscbqa.indicators.oba: report cards, headline choice and curve worksheets.

Headline choice follows Friedman (2005), "Trying Hard Is Not Good Enough": candidates are
rated high / medium / low on communication, proxy and data power; the expected choices
below are worked out by hand from those ratings.
"""

from __future__ import annotations

import datetime

import pytest

from lscbqa.exceptions import ValidationError
from lscbqa.indicators import safeguarding_indicators
from lscbqa.indicators.oba import (
    CurveWorksheet,
    DataDevelopmentItem,
    Factor,
    HeadlineCandidate,
    Option,
    PlannedAction,
    Power,
    ReportCard,
    choose_headlines,
)
from lscbqa.measures import Indicator
from lscbqa.serialize import dumps, loads


def _candidate(indicator_id: str, communication: str, proxy: str, data: str) -> HeadlineCandidate:
    return HeadlineCandidate(
        indicator_id=indicator_id, communication=communication, proxy=proxy, data=data
    )


def _option(option_id: str, *ratings: str, no_cost: bool = False) -> Option:
    leverage, feasibility, specificity, values = ratings
    return Option(
        id=option_id,
        description=option_id.upper(),
        leverage=leverage,
        feasibility=feasibility,
        specificity=specificity,
        values=values,
        no_cost=no_cost,
    )


class TestChooseHeadlines:
    def test_hand_worked_choice(self) -> None:
        """Points: a 3+2+3=8, b 9, c 3+3+1 (data low: agenda), d 2+2+2=6, e 2+3+3=8.

        Ranked: b (9); a and e tie on 8, e has the higher proxy power, so e then a; d (6).
        """
        candidates = [
            _candidate("a", "high", "medium", "high"),
            _candidate("b", "high", "high", "high"),
            _candidate("c", "high", "high", "low"),
            _candidate("d", "medium", "medium", "medium"),
            _candidate("e", "medium", "high", "high"),
        ]
        assert choose_headlines(candidates, at_most=3) == (("b", "e", "a"), ("c",))

    def test_full_tie_keeps_listed_order(self) -> None:
        """Equal ratings keep the order the candidates were given in."""
        candidates = [_candidate(x, "high", "high", "high") for x in ("z", "y", "x")]
        assert choose_headlines(candidates, at_most=2)[0] == ("z", "y")

    def test_weak_measure_without_data_is_not_on_the_agenda(self) -> None:
        """A measure low on every test is dropped, not developed."""
        assert choose_headlines([_candidate("a", "low", "low", "low")]) == ((), ())

    def test_repeated_candidate_is_an_error(self) -> None:
        """A measure rated twice is a problem at the second."""
        with pytest.raises(ValidationError) as caught:
            choose_headlines([_candidate("a", "high", "high", "high")] * 2)
        assert caught.value.paths == ("$.candidates[1].indicator_id",)

    @pytest.mark.parametrize("at_most", [0, -1, True, 1.5])
    def test_bad_at_most_is_an_error(self, at_most: object) -> None:
        """At least one headline must be asked for, as a whole number."""
        with pytest.raises(ValidationError, match=r"\$.at_most"):
            choose_headlines([], at_most=at_most)  # type: ignore[arg-type]


class TestPower:
    def test_points(self) -> None:
        """High 3, medium 2, low 1."""
        assert [p.points for p in Power] == [3, 2, 1]

    def test_unknown_rating_is_an_error(self) -> None:
        """A rating that is not high, medium or low names the choices."""
        with pytest.raises(ValidationError, match="'high', 'medium', 'low'"):
            _candidate("a", "huge", "high", "high")


class TestReportCard:
    def test_quadrants_follow_oba_roles(self) -> None:
        """The built-in set falls into the four quadrants and the population indicator."""
        card = ReportCard(id="c", title="C", indicators=safeguarding_indicators())
        assert [i.id for i in card.quadrant("how_much")] == ["cse_referrals", "training_reach"]
        assert [i.id for i in card.quadrant("how_well")] == [
            "cp_two_years",
            "assessments_45_days",
            "board_attendance",
        ]
        assert [i.id for i in card.quadrant("better_off_percent")] == ["rereferrals", "cp_repeat"]
        assert [i.id for i in card.quadrant("population")] == ["cp_rate"]
        assert card.unplaced() == ()

    def test_unknown_quadrant_is_an_error(self) -> None:
        """A role that does not exist names the choices."""
        card = ReportCard(id="c", title="C")
        with pytest.raises(ValidationError, match="better_off"):
            card.quadrant("how_often")

    def test_headline_must_be_on_the_card(self) -> None:
        """A headline the card does not hold, or one named twice, is a problem."""
        indicators = safeguarding_indicators()[:2]
        with pytest.raises(ValidationError) as caught:
            ReportCard(
                id="c",
                title="C",
                indicators=indicators,
                headline_ids=["rereferrals", "zz", "rereferrals"],
            )
        assert caught.value.paths == ("$.headline_ids[1]", "$.headline_ids[2]")

    def test_repeated_ids_are_errors(self) -> None:
        """Indicators and agenda items have unique ids."""
        item = DataDevelopmentItem(id="v", title="Voice", oba_role="how_well")
        indicator = Indicator(id="x", title="X", polarity="higher_is_better")
        with pytest.raises(ValidationError) as caught:
            ReportCard(id="c", title="C", indicators=[indicator] * 2, data_development=[item, item])
        assert caught.value.paths == ("$.indicators[1].id", "$.data_development[1].id")

    def test_round_trip_in_every_format(self) -> None:
        """A report card is a document in JSON, TOML and YAML."""
        card = ReportCard(
            id="c",
            title="C",
            indicators=safeguarding_indicators(),
            headline_ids=["rereferrals"],
            data_development=[DataDevelopmentItem(id="v", title="Voice", oba_role="how_well")],
        )
        for fmt in ("json", "toml", "yaml"):
            assert loads(dumps(card, format=fmt), ReportCard, format=fmt) == card


class TestCurveWorksheet:
    def test_options_ranked_by_points_then_leverage(self) -> None:
        """a: 3+1+1+1=6; b: 1+3+1+1=6 (less leverage); c: 2+2+2+2=8. Ranked c, a, b."""
        sheet = CurveWorksheet(
            id="w",
            indicator_id="x",
            options=[
                _option("b", "low", "high", "low", "low"),
                _option("a", "high", "low", "low", "low"),
                _option("c", "medium", "medium", "medium", "medium"),
            ],
        )
        assert [o.id for o in sheet.ranked_options()] == ["c", "a", "b"]

    def test_unplanned_options(self) -> None:
        """Options no action carries out are listed, ranked."""
        sheet = CurveWorksheet(
            id="w",
            indicator_id="x",
            options=[_option("a", *["high"] * 4), _option("b", *["low"] * 4, no_cost=True)],
            actions=[PlannedAction(id="p", description="Do a", option_id="a")],
        )
        assert [o.id for o in sheet.unplanned_options()] == ["b"]
        assert sheet.has_no_cost_option

    def test_factors_filtered(self) -> None:
        """The story can be read by influence and by depth."""
        sheet = CurveWorksheet(
            id="w",
            indicator_id="x",
            story=[
                Factor(description="a", influence="contributing", depth="root"),
                Factor(description="b", influence="restricting", depth="root"),
                Factor(description="c", influence="restricting"),
            ],
        )
        assert [f.description for f in sheet.factors(influence="restricting")] == ["b", "c"]
        assert [f.description for f in sheet.factors(depth="root")] == ["a", "b"]
        assert [
            f.description for f in sheet.factors(influence="restricting", depth="proximate")
        ] == ["c"]

    def test_action_naming_unknown_option_is_an_error(self) -> None:
        """An action must carry out an option of the worksheet."""
        with pytest.raises(ValidationError) as caught:
            CurveWorksheet(
                id="w",
                indicator_id="x",
                actions=[PlannedAction(id="p", description="D", option_id="zz")],
            )
        assert caught.value.paths == ("$.actions[0].option_id",)

    def test_bad_baseline_label_is_an_error(self) -> None:
        """The baseline end is a period label."""
        with pytest.raises(ValidationError) as caught:
            CurveWorksheet(id="w", indicator_id="x", baseline_end="last year")
        assert caught.value.paths == ("$.baseline_end",)

    def test_round_trip_in_every_format(self) -> None:
        """A worksheet is a document in JSON, TOML and YAML."""
        sheet = CurveWorksheet(
            id="w",
            indicator_id="rereferrals",
            baseline_end="FY2023-24",
            story=[Factor(description="Cases closed early", influence="restricting")],
            options=[_option("a", "high", "high", "medium", "high", no_cost=True)],
            actions=[
                PlannedAction(
                    id="p",
                    description="Step-down meetings",
                    option_id="a",
                    due=datetime.date(2025, 3, 31),
                )
            ],
        )
        for fmt in ("json", "toml", "yaml"):
            assert loads(dumps(sheet, format=fmt), CurveWorksheet, format=fmt) == sheet
