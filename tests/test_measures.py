"""Tests for lscbqa.measures: Indicator, Band, RagBands and their enums.

Polarity semantics are worked by hand. For ``within_band`` the band is 10 to 20
(second or subsequent child-protection plans, in percent): a value's distance from
the band is 0 inside, ``value - 20`` above and ``10 - value`` below (as an absolute
number), and the value nearer the band is the better one.
"""

from __future__ import annotations

import math
from typing import Any

import attrs
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lscbqa.exceptions import LscbqaError, ValidationError
from lscbqa.measures import Band, Indicator, IndicatorKind, ObaRole, Polarity, RagBands, Unit
from lscbqa.periods import Period, PeriodType
from lscbqa.serialize import FORMATS, Format, dumps, from_dict, loads, to_dict
from lscbqa.testing.strategies import bands, indicators, rag_bands

NAN = math.nan
FINITE = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False)
BAND = Band(low=10, high=20)
LABEL_FORMATS = (
    "expected a period label such as '2024-04' (month), '2024-Q2' (quarter), "
    "'FY2024-25' (financial year), '2024/25' (academic year), '2024' (calendar year) "
    "or '2024-01-05..2024-02-04' (any span); "
)


def _indicator(**fields: Any) -> Indicator:
    """An indicator with an id and title, and the given fields."""
    return Indicator(**{"id": "x", "title": "X", "polarity": "higher_is_better", **fields})


def _messages(error: ValidationError) -> dict[str, str]:
    """Each problem's message by its path (paths are unique in these tests)."""
    return {problem.path: problem.message for problem in error.problems}


class TestIndicatorKind:
    def test_values(self) -> None:
        """There are exactly two kinds, lead and lag."""
        assert [kind.value for kind in IndicatorKind] == ["lead", "lag"]

    def test_members_are_their_text(self) -> None:
        """A kind compares equal to its text."""
        assert IndicatorKind.LEAD == "lead"  # type: ignore[comparison-overlap]


class TestPolarity:
    def test_values(self) -> None:
        """There are three polarities."""
        assert [p.value for p in Polarity] == [
            "higher_is_better",
            "lower_is_better",
            "within_band",
        ]


class TestUnit:
    @pytest.mark.parametrize(
        ("unit", "factor", "symbol"),
        [
            (Unit.PERCENT, 100.0, "%"),
            (Unit.PER_1000, 1000.0, "per 1,000"),
            (Unit.PER_10000, 10000.0, "per 10,000"),
            (Unit.PER_100000, 100000.0, "per 100,000"),
            (Unit.COUNT, 1.0, ""),
            (Unit.DAYS, 1.0, "days"),
            (Unit.NUMBER, 1.0, ""),
        ],
    )
    def test_factor_and_symbol(self, unit: Unit, factor: float, symbol: str) -> None:
        """Each unit has its rate factor and its short suffix."""
        assert (unit.factor, unit.symbol) == (factor, symbol)

    def test_factors_are_floats(self) -> None:
        """Every factor is a float, also for plain numbers."""
        assert all(type(unit.factor) is float for unit in Unit)


class TestObaRole:
    @pytest.mark.parametrize(
        ("role", "question", "quadrant"),
        [
            (ObaRole.POPULATION, "How are children in the area doing?", None),
            (ObaRole.HOW_MUCH, "How much did we do?", ("quantity", "effort")),
            (ObaRole.HOW_WELL, "How well did we do it?", ("quality", "effort")),
            (ObaRole.BETTER_OFF_NUMBER, "Is anyone better off?", ("quantity", "effect")),
            (ObaRole.BETTER_OFF_PERCENT, "Is anyone better off?", ("quality", "effect")),
        ],
    )
    def test_question_and_quadrant(
        self, role: ObaRole, question: str, quadrant: tuple[str, str] | None
    ) -> None:
        """Each role answers its OBA question and sits in its quadrant (Friedman 2005)."""
        assert (role.question, role.quadrant) == (question, quadrant)

    def test_quadrants_are_distinct(self) -> None:
        """The four performance measures fill the four quadrants once each."""
        quadrants = [role.quadrant for role in ObaRole if role.quadrant is not None]
        assert len(set(quadrants)) == 4


class TestBand:
    def test_ints_become_floats(self) -> None:
        """Integer ends are stored as floats."""
        band = Band(low=1, high=2)
        assert (type(band.low), type(band.high)) == (float, float)

    def test_equal_ends_allowed(self) -> None:
        """A band may be a single value."""
        assert 3.0 in Band(low=3, high=3)

    @pytest.mark.parametrize(
        ("value", "inside"),
        [(9.999, False), (10.0, True), (15, True), (20.0, True), (20.001, False)],
    )
    def test_contains_both_ends(self, value: float, inside: bool) -> None:
        """A value is in the band from low to high, both included."""
        assert (value in BAND) is inside

    @pytest.mark.parametrize("thing", ["15", None, NAN, [15]])
    def test_non_numbers_and_nan_are_not_contained(self, thing: object) -> None:
        """Text, None, lists and NaN are never in a band."""
        assert thing not in BAND

    def test_contains_numpy_integers(self) -> None:
        """A numpy integer inside the band is in the band."""
        assert np.int64(15) in BAND

    @pytest.mark.parametrize(
        ("value", "distance"),
        [(25.0, 5.0), (20.0, 0.0), (15.0, 0.0), (10.0, 0.0), (4.0, -6.0)],
    )
    def test_distance(self, value: float, distance: float) -> None:
        """distance is + above the band, - below and 0 inside."""
        assert BAND.distance(value) == distance

    def test_distance_of_nan_is_nan(self) -> None:
        """A missing value has no distance: NaN, not 0."""
        assert math.isnan(BAND.distance(NAN))

    @pytest.mark.parametrize(
        ("fields", "path", "message"),
        [
            ({"low": NAN, "high": 1}, "$.low", "expected a finite number; found nan"),
            ({"low": 0, "high": math.inf}, "$.high", "expected a finite number; found inf"),
            ({"low": "a", "high": 1}, "$.low", "expected a number; found the string 'a'"),
            ({"low": True, "high": 1}, "$.low", "expected a number; found the boolean true"),
            ({"low": 0, "high": None}, "$.high", "expected a number; found nothing (null)"),
            ({"low": 3, "high": 1}, "$.high", "expected a number >= low (3); found 1"),
        ],
    )
    def test_invalid_ends(self, fields: dict[str, Any], path: str, message: str) -> None:
        """Bad ends are rejected at their path, saying what was expected and found."""
        with pytest.raises(ValidationError) as caught:
            Band(**fields)
        assert _messages(caught.value) == {path: message}

    def test_both_ends_reported(self) -> None:
        """Both bad ends are reported together."""
        with pytest.raises(ValidationError) as caught:
            Band(low=NAN, high=-math.inf)
        assert caught.value.paths == ("$.low", "$.high")

    def test_huge_int_is_a_validation_error(self) -> None:
        """An integer beyond the float range is a ValidationError at $.low."""
        with pytest.raises(ValidationError) as caught:
            Band(low=10**400, high=10**401)
        assert caught.value.paths[0] == "$.low"

    @given(bands())
    @settings(max_examples=50)
    def test_ends_are_inside_and_at_distance_zero(self, band: Band) -> None:
        """Both ends are in the band and at distance 0."""
        assert band.low in band
        assert band.high in band
        assert band.distance(band.low) == band.distance(band.high) == 0.0

    @given(bands(), FINITE)
    @settings(max_examples=50)
    def test_distance_is_zero_exactly_inside(self, band: Band, value: float) -> None:
        """distance is 0 exactly for values in the band, and its sign says which side."""
        distance = band.distance(value)
        assert (distance == 0) is (value in band)
        assert (distance > 0) is (value > band.high)
        assert (distance < 0) is (value < band.low)


class TestRagBands:
    @pytest.mark.parametrize(
        ("value", "status"),
        [(85.0, "green"), (80.0, "green"), (75.0, "amber"), (70.0, "amber"), (69.9, "red")],
    )
    def test_higher_is_better(self, value: float, status: str) -> None:
        """Higher is better: at or above green is green, at or above amber amber, else red."""
        assert RagBands(green=80, amber=70).status(value, "higher_is_better") == status

    @pytest.mark.parametrize(
        ("value", "status"),
        [(5.0, "green"), (10.0, "green"), (15.0, "amber"), (20.0, "amber"), (20.1, "red")],
    )
    def test_lower_is_better(self, value: float, status: str) -> None:
        """Lower is better: at or below green is green, at or below amber amber, else red."""
        assert RagBands(green=10, amber=20).status(value, Polarity.LOWER_IS_BETTER) == status

    @pytest.mark.parametrize(
        ("value", "status"),
        [
            (15.0, "green"),  # inside
            (10.0, "green"),  # at the low end
            (9.0, "green"),  # 1 below
            (21.0, "green"),  # 1 above
            (8.0, "amber"),  # 2 below
            (23.0, "amber"),  # 3 above
            (6.9, "red"),  # 3.1 below
            (23.5, "red"),  # 3.5 above
        ],
    )
    def test_within_band(self, value: float, status: str) -> None:
        """Within a band, thresholds are distances outside it: green <= 1, amber <= 3."""
        rag = RagBands(green=1, amber=3)
        assert rag.status(value, "within_band", BAND) == status

    def test_within_band_needs_a_band(self) -> None:
        """A within_band status without a band is an error at $.band."""
        with pytest.raises(ValidationError) as caught:
            RagBands(green=1, amber=3).status(15.0, "within_band")
        assert _messages(caught.value) == {
            "$.band": "expected a band for a within_band indicator; found none"
        }

    @pytest.mark.parametrize("polarity", list(Polarity))
    def test_nan_is_missing(self, polarity: Polarity) -> None:
        """A NaN value is missing, whatever the polarity."""
        assert RagBands(green=1, amber=2).status(NAN, polarity, BAND) == "missing"

    def test_ints_are_accepted(self) -> None:
        """An integer value is judged like a float."""
        assert RagBands(green=10, amber=20).status(10, "lower_is_better") == "green"

    def test_unknown_polarity_is_a_validation_error(self) -> None:
        """An unknown polarity is a ValidationError at $.polarity."""
        with pytest.raises(ValidationError) as caught:
            RagBands(green=1, amber=2).status(1.0, "upwards")
        assert caught.value.paths == ("$.polarity",)

    @pytest.mark.parametrize(
        ("fields", "path", "message"),
        [
            ({"green": NAN, "amber": 1}, "$.green", "expected a finite number; found nan"),
            ({"green": 1, "amber": -math.inf}, "$.amber", "expected a finite number; found -inf"),
            ({"green": "x", "amber": 1}, "$.green", "expected a number; found the string 'x'"),
            ({"green": 1, "amber": False}, "$.amber", "expected a number; found the boolean false"),
        ],
    )
    def test_invalid_thresholds(self, fields: dict[str, Any], path: str, message: str) -> None:
        """Bad thresholds are rejected at their path."""
        with pytest.raises(ValidationError) as caught:
            RagBands(**fields)
        assert _messages(caught.value) == {path: message}

    def test_both_thresholds_reported(self) -> None:
        """Both bad thresholds are reported together."""
        with pytest.raises(ValidationError) as caught:
            RagBands(green=math.inf, amber="x")
        assert caught.value.paths == ("$.green", "$.amber")

    @given(rag_bands(), FINITE)
    @settings(max_examples=50)
    def test_lower_is_the_mirror_of_higher(self, rag: RagBands, value: float) -> None:
        """Lower-is-better status of v equals higher-is-better status of -v, thresholds negated."""
        mirrored = RagBands(green=-rag.green, amber=-rag.amber)
        assert rag.status(value, "lower_is_better") == mirrored.status(-value, "higher_is_better")

    @given(st.lists(FINITE, min_size=2, max_size=2).map(sorted), FINITE, FINITE)
    @settings(max_examples=50)
    def test_higher_is_monotone(self, thresholds: list[float], a: float, b: float) -> None:
        """With amber <= green, a higher value never has a worse higher-is-better status."""
        rag = RagBands(green=thresholds[1], amber=thresholds[0])
        rank = {"red": 0, "amber": 1, "green": 2}
        low, high = sorted((a, b))
        assert (
            rank[rag.status(low, "higher_is_better")] <= rank[rag.status(high, "higher_is_better")]
        )


class TestIndicator:
    def test_defaults(self) -> None:
        """Only id, title and polarity are needed; the rest has documented defaults."""
        indicator = _indicator()
        assert (
            indicator.unit,
            indicator.period_type,
            indicator.kind,
            indicator.factor,
            indicator.band,
            indicator.rag,
            dict(indicator.trajectory),
            indicator.criterion_ids,
        ) == (Unit.NUMBER, PeriodType.QUARTER, IndicatorKind.LAG, 1.0, None, None, {}, ())

    def test_text_becomes_enums(self) -> None:
        """Enum fields given as text are stored as members."""
        indicator = _indicator(
            polarity="within_band",
            band=BAND,
            unit="days",
            period_type="academic_year",
            kind="lead",
            oba_role="how_well",
        )
        assert (
            indicator.polarity,
            indicator.unit,
            indicator.period_type,
            indicator.kind,
            indicator.oba_role,
        ) == (
            Polarity.WITHIN_BAND,
            Unit.DAYS,
            PeriodType.ACADEMIC_YEAR,
            IndicatorKind.LEAD,
            ObaRole.HOW_WELL,
        )

    @pytest.mark.parametrize(("unit", "factor"), [(u, u.factor) for u in Unit])
    def test_factor_defaults_to_the_units(self, unit: Unit, factor: float) -> None:
        """Without a factor, the unit's factor is used."""
        assert _indicator(unit=unit).factor == factor

    def test_explicit_factor_wins(self) -> None:
        """An explicit factor overrides the unit's, and an int becomes a float."""
        indicator = _indicator(unit="percent", factor=1)
        assert (indicator.factor, type(indicator.factor)) == (1.0, float)

    def test_is_lead(self) -> None:
        """is_lead is true for lead indicators only."""
        assert (_indicator(kind="lead").is_lead, _indicator(kind="lag").is_lead) == (True, False)

    def test_sequences_become_tuples_and_trajectory_frozen(self) -> None:
        """criterion_ids and questions become tuples; the trajectory is an immutable mapping."""
        indicator = _indicator(
            criterion_ids=["s11.1"], challenge_questions=["Why?"], trajectory={"2024": 5}
        )
        assert indicator.criterion_ids == ("s11.1",)
        assert indicator.challenge_questions == ("Why?",)
        assert indicator.trajectory == {"2024": 5.0}
        assert hash(indicator) == hash(attrs.evolve(indicator))

    def test_is_immutable(self) -> None:
        """Fields cannot be assigned."""
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            _indicator().title = "Y"  # type: ignore[misc]

    # -- validation ------------------------------------------------------------------------

    def test_every_problem_is_collected(self) -> None:
        """One bad indicator reports every bad field at once, each at its path."""
        with pytest.raises(ValidationError) as caught:
            Indicator(
                id="bad id",
                title=" ",
                polarity="up",
                unit="furlong",
                period_type="week",
                kind="middle",
                factor=0,
                numerator="",
                oba_role="boss",
                target=NAN,
                trajectory={"2024-13": math.inf},
                source=" ",
                criterion_ids=["ok", "bad id"],
                challenge_questions=["", "q"],
            )
        assert caught.value.paths == (
            "$.id",
            "$.title",
            "$.polarity",
            "$.unit",
            "$.period_type",
            "$.kind",
            "$.factor",
            "$.numerator",
            "$.oba_role",
            "$.target",
            "$.trajectory.2024-13",
            "$.trajectory.2024-13",
            "$.source",
            "$.criterion_ids[1]",
            "$.challenge_questions[0]",
        )

    @pytest.mark.parametrize(
        ("fields", "path", "message"),
        [
            (
                {"polarity": "up"},
                "$.polarity",
                "expected one of 'higher_is_better', 'lower_is_better', 'within_band'; "
                "found the string 'up'",
            ),
            (
                {"polarity": None},
                "$.polarity",
                "expected one of 'higher_is_better', 'lower_is_better', 'within_band'; "
                "found nothing (null)",
            ),
            (
                {"kind": "middle"},
                "$.kind",
                "expected one of 'lead', 'lag'; found the string 'middle'",
            ),
            (
                {"oba_role": "boss"},
                "$.oba_role",
                "expected one of 'population', 'how_much', 'how_well', 'better_off_number', "
                "'better_off_percent' or nothing; found the string 'boss'",
            ),
            ({"factor": 0}, "$.factor", "expected a finite number > 0; found 0.0"),
            ({"factor": -1}, "$.factor", "expected a finite number > 0; found -1.0"),
            ({"factor": math.inf}, "$.factor", "expected a finite number > 0; found inf"),
            ({"factor": NAN}, "$.factor", "expected a finite number > 0; found nan"),
            ({"factor": None}, "$.factor", "expected a number; found nothing (null)"),
            ({"target": NAN}, "$.target", "expected a finite number; found nan"),
            (
                {"target": True},
                "$.target",
                "expected a number or nothing; found the boolean true",
            ),
            (
                {"band": (1, 2)},
                "$.band",
                "expected a Band table or nothing; found a list of 2 items",
            ),
            (
                {"rag": {"green": 1}},
                "$.rag",
                "expected a RagBands (build RagBands(...), or read documents with "
                "lscbqa.serialize); found a dict",
            ),
            ({"title": ""}, "$.title", "expected a non-empty text; found the string ''"),
            (
                {"description": "  "},
                "$.description",
                "expected a non-empty text; found the string '  '",
            ),
            (
                {"source_code": ""},
                "$.source_code",
                "expected a non-empty text; found the string ''",
            ),
            (
                {"denominator": ""},
                "$.denominator",
                "expected a non-empty text; found the string ''",
            ),
            (
                {"criterion_ids": "s11"},
                "$.criterion_ids",
                "expected a list, each item a string; found the string 's11'",
            ),
            (
                {"trajectory": [1, 2]},
                "$.trajectory",
                "expected a table, each value a number; found a list of 2 items",
            ),
            ({"trajectory": {2024: 1}}, "$.trajectory", "expected a string; found the number 2024"),
            (
                {"trajectory": {"2024": "a"}},
                "$.trajectory.2024",
                "expected a number; found the string 'a'",
            ),
            (
                {"trajectory": {"2024": NAN}},
                "$.trajectory.2024",
                "expected a finite number; found nan",
            ),
            (
                {"trajectory": {"2024/25": 1, "x": 2}},
                "$.trajectory.x",
                LABEL_FORMATS + "found the string 'x'",
            ),
            (
                {"polarity": "within_band"},
                "$.band",
                "expected a band for a within_band indicator; found none",
            ),
        ],
    )
    def test_invalid_field(self, fields: dict[str, Any], path: str, message: str) -> None:
        """Each bad field is rejected at its path, saying what was expected and found."""
        with pytest.raises(ValidationError) as caught:
            _indicator(**fields)
        assert _messages(caught.value) == {path: message}

    def test_academic_year_trajectory_key_is_quoted_in_the_path(self) -> None:
        """A trajectory key with a slash is written ['...'] in the path."""
        with pytest.raises(ValidationError) as caught:
            _indicator(trajectory={"2024/25": NAN})
        assert caught.value.paths == ("$.trajectory['2024/25']",)

    def test_within_band_checked_only_when_fields_are_sound(self) -> None:
        """The band-needed check waits until every field is valid, so a bad id comes alone."""
        with pytest.raises(ValidationError) as caught:
            _indicator(id="", polarity="within_band")
        assert caught.value.paths == ("$.id",)

    def test_validation_error_is_a_value_error(self) -> None:
        """Callers can catch ValueError or LscbqaError."""
        with pytest.raises(ValidationError) as caught:
            _indicator(factor=-1)
        assert isinstance(caught.value, ValueError)
        assert isinstance(caught.value, LscbqaError)

    # -- rate ------------------------------------------------------------------------------

    @pytest.mark.parametrize(
        ("unit", "numerator", "denominator", "rate"),
        [
            ("per_10000", 45, 90000, 5.0),
            ("per_10000", 30, 50000, 6.0),  # multiplying first keeps this exact
            ("percent", 7, 25, 28.0),
            ("percent", 0, 25, 0.0),
            ("number", 3, 4, 0.75),
            ("per_1000", 1, 8, 125.0),
        ],
    )
    def test_rate(self, unit: str, numerator: float, denominator: float, rate: float) -> None:
        """rate is numerator x factor / denominator."""
        assert _indicator(unit=unit).rate(numerator, denominator) == rate

    @pytest.mark.parametrize(("numerator", "denominator"), [(1, 0), (0, 0), (1, NAN), (NAN, 2)])
    def test_rate_without_a_denominator_is_nan(self, numerator: float, denominator: float) -> None:
        """A zero or missing denominator (or a missing numerator) gives NaN."""
        assert math.isnan(_indicator(unit="percent").rate(numerator, denominator))

    def test_rate_uses_an_explicit_factor(self) -> None:
        """An explicit factor is used in rate."""
        assert _indicator(unit="percent", factor=1000).rate(1, 4) == 250.0

    # -- judge -----------------------------------------------------------------------------

    @pytest.mark.parametrize(
        ("value", "than", "verdict"),
        [(3.0, 2.0, "better"), (2.0, 2.0, "same"), (1.0, 2.0, "worse")],
    )
    def test_judge_higher_is_better(self, value: float, than: float, verdict: str) -> None:
        """Higher is better: a larger value is better."""
        assert _indicator().judge(value, than) == verdict

    @pytest.mark.parametrize(
        ("value", "than", "verdict"),
        [(1.0, 2.0, "better"), (2.0, 2.0, "same"), (3.0, 2.0, "worse"), (-1.0, 0.0, "better")],
    )
    def test_judge_lower_is_better(self, value: float, than: float, verdict: str) -> None:
        """Lower is better: a smaller value is better."""
        assert _indicator(polarity="lower_is_better").judge(value, than) == verdict

    @pytest.mark.parametrize(
        ("value", "than", "verdict"),
        [
            (8.0, 5.0, "better"),  # 2 below beats 5 below
            (5.0, 8.0, "worse"),
            (22.0, 25.0, "better"),  # 2 above beats 5 above
            (15.0, 5.0, "better"),  # inside beats outside
            (15.0, 18.0, "same"),  # both inside
            (5.0, 25.0, "same"),  # 5 below and 5 above are as far
            (9.0, 23.0, "better"),  # 1 below beats 3 above
            (10.0, 20.0, "same"),  # both ends are inside
        ],
    )
    def test_judge_within_band(self, value: float, than: float, verdict: str) -> None:
        """Within a band, the value nearer the band (either side) is better."""
        indicator = _indicator(polarity="within_band", band=BAND)
        assert indicator.judge(value, than) == verdict

    @pytest.mark.parametrize(
        ("value", "verdict"),
        [
            (9.99, "worse"),
            (10.0, "in_band"),
            (15.0, "in_band"),
            (20.0, "in_band"),
            (20.01, "worse"),
        ],
    )
    def test_judge_within_band_alone(self, value: float, verdict: str) -> None:
        """Without a comparator, a within_band value is in_band or worse."""
        assert _indicator(polarity="within_band", band=BAND).judge(value) == verdict

    @pytest.mark.parametrize("polarity", ["higher_is_better", "lower_is_better"])
    def test_judge_needs_a_comparator(self, polarity: str) -> None:
        """Without than, only within_band can be judged: an error at $.than names the id."""
        with pytest.raises(ValidationError) as caught:
            _indicator(polarity=polarity).judge(1.0)
        assert _messages(caught.value) == {
            "$.than": "expected a value to compare with; x has no band"
        }

    @pytest.mark.parametrize(("value", "than"), [(NAN, 1.0), (1.0, NAN), (NAN, NAN), (NAN, None)])
    @pytest.mark.parametrize("polarity", list(Polarity))
    def test_judge_missing(self, polarity: Polarity, value: float, than: float | None) -> None:
        """A NaN value or comparator is missing, for every polarity."""
        assert _indicator(polarity=polarity, band=BAND).judge(value, than) == "missing"

    def test_judge_accepts_numpy_values(self) -> None:
        """Values read from a numpy array can be judged."""
        values = np.array([24.0, 22.5])
        assert _indicator(polarity="lower_is_better").judge(values[1], values[0]) == "better"

    @given(indicators(), FINITE, FINITE)
    @settings(max_examples=50)
    def test_judge_is_antisymmetric(self, indicator: Indicator, a: float, b: float) -> None:
        """a better than b exactly when b is worse than a; same both ways."""
        flipped = {"better": "worse", "worse": "better", "same": "same"}
        assert indicator.judge(b, a) == flipped[indicator.judge(a, b)]

    @given(indicators(), FINITE)
    @settings(max_examples=50)
    def test_a_value_is_the_same_as_itself(self, indicator: Indicator, value: float) -> None:
        """Any value judged against itself is the same."""
        assert indicator.judge(value, value) == "same"

    # -- targets ---------------------------------------------------------------------------

    def test_target_for_trajectory_point(self) -> None:
        """A period on the trajectory gets its point, by label or by Period."""
        indicator = _indicator(target=80, trajectory={"FY2024-25": 70})
        assert indicator.target_for("FY2024-25") == 70.0
        assert indicator.target_for(Period.financial_year(2024)) == 70.0

    def test_target_for_other_period_is_the_overall_target(self) -> None:
        """A period off the trajectory gets the overall target."""
        indicator = _indicator(target=80, trajectory={"FY2024-25": 70})
        assert indicator.target_for("FY2023-24") == 80.0

    def test_target_for_without_targets_is_none(self) -> None:
        """Without a target or trajectory there is no target."""
        assert _indicator().target_for("2024") is None


class TestIndicatorDocuments:
    def test_defaults_are_omitted(self) -> None:
        """A minimal indicator's document holds only its schema, id, title and polarity."""
        assert to_dict(_indicator()) == {
            "schema": "lscbqa/indicator/1",
            "id": "x",
            "title": "X",
            "polarity": "higher_is_better",
        }

    def test_default_factor_of_the_unit_is_omitted(self) -> None:
        """The factor that the unit implies is not written."""
        assert "factor" not in to_dict(_indicator(unit="per_10000"))

    def test_other_factor_is_written(self) -> None:
        """A factor other than the unit's is written, and read back."""
        indicator = _indicator(unit="percent", factor=1)
        assert to_dict(indicator)["factor"] == 1.0
        assert from_dict(to_dict(indicator), Indicator) == indicator

    def test_factor_read_from_the_unit(self) -> None:
        """A document without a factor gets the unit's factor."""
        document = {**to_dict(_indicator()), "unit": "per_10000"}
        assert from_dict(document, Indicator).factor == 10000.0

    def test_full_document(self) -> None:
        """Every set field is written, enums as their text and numbers as floats."""
        indicator = _indicator(
            polarity="within_band",
            band=Band(low=1, high=2),
            rag=RagBands(green=1, amber=2),
            trajectory={"FY2024-25": 3},
            criterion_ids=["a"],
            oba_role="how_well",
            target=3,
        )
        assert to_dict(indicator) == {
            "schema": "lscbqa/indicator/1",
            "id": "x",
            "title": "X",
            "polarity": "within_band",
            "band": {"low": 1.0, "high": 2.0},
            "oba_role": "how_well",
            "target": 3.0,
            "trajectory": {"FY2024-25": 3.0},
            "rag": {"green": 1.0, "amber": 2.0},
            "criterion_ids": ["a"],
        }

    @pytest.mark.parametrize("format", FORMATS)
    def test_round_trip_of_a_full_indicator(self, format: Format) -> None:
        """An indicator with every field set survives each format."""
        indicator = _indicator(
            polarity="within_band",
            band=BAND,
            unit="percent",
            period_type="financial_year",
            kind="lead",
            factor=50,
            numerator="repeat plans",
            denominator="plans",
            oba_role="better_off_percent",
            target=15,
            trajectory={"FY2024-25": 18, "2024/25": 17.5, "2024-Q3": 16},
            rag=RagBands(green=1, amber=3),
            source_code="NI 65",
            source="DfE",
            description="Repeat plans.",
            criterion_ids=["s11.3"],
            challenge_questions=["Why?", "Who?"],
        )
        assert loads(dumps(indicator, format=format), Indicator, format=format) == indicator

    @pytest.mark.parametrize("format", FORMATS)
    @given(indicator=indicators())
    @settings(max_examples=30)
    def test_round_trip_property(self, format: Format, indicator: Indicator) -> None:
        """Any indicator survives each format unchanged."""
        assert loads(dumps(indicator, format=format), Indicator, format=format) == indicator

    @pytest.mark.parametrize("format", FORMATS)
    def test_minimal_text_has_no_default_fields(self, format: Format) -> None:
        """Written text names no field left at its default."""
        text = dumps(_indicator(unit="percent"), format=format)
        for name in ("factor", "period_type", "kind", "band", "trajectory", "criterion_ids"):
            assert name not in text

    def test_band_and_rag_documents(self) -> None:
        """Band and RagBands are documents of their own kinds."""
        assert loads(dumps(BAND), Band) == BAND
        assert to_dict(RagBands(green=1, amber=2))["schema"] == "lscbqa/rag-bands/1"

    def test_loading_collects_every_problem(self) -> None:
        """A bad document reports enum, band and unknown-key problems together."""
        document = {
            "schema": "lscbqa/indicator/1",
            "id": "x",
            "title": "X",
            "polarity": "lower",
            "band": {"low": 2, "high": 1},
            "extra": 1,
        }
        with pytest.raises(ValidationError) as caught:
            from_dict(document, Indicator)
        assert set(caught.value.paths) == {"$.polarity", "$.band.high", "$.extra"}

    def test_loading_a_bad_trajectory_label(self) -> None:
        """A bad trajectory label in a document is reported at its key."""
        document = {**to_dict(_indicator()), "trajectory": {"2024-13": 1}}
        with pytest.raises(ValidationError) as caught:
            from_dict(document, Indicator)
        assert _messages(caught.value) == {
            "$.trajectory.2024-13": LABEL_FORMATS + "found the string '2024-13'"
        }

    def test_loading_within_band_without_band(self) -> None:
        """A within_band document without a band is reported at $.band."""
        document = {**to_dict(_indicator()), "polarity": "within_band"}
        with pytest.raises(ValidationError) as caught:
            from_dict(document, Indicator)
        assert caught.value.paths == ("$.band",)
