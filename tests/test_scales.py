"""Tests for lscbqa.scales: levels, rating scales, built-in scales and the scale registry."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

import lscbqa.scales
from lscbqa.exceptions import DuplicateRegistrationWarning, NotFoundError, ValidationError
from lscbqa.scales import (
    MET3,
    NOT_APPLICABLE,
    OFSTED4,
    PERCENT_5,
    RAG3,
    SCORE_0_3,
    YES_NO,
    Level,
    RatingScale,
    ScaleKind,
    get_scale,
    register_scale,
    scale_names,
)


def _levels(*values: float) -> list[Level]:
    return [Level(code=f"l{i}", label=f"L{i}", value=v) for i, v in enumerate(values)]


def _scale(**options: Any) -> RatingScale:
    fields: dict[str, Any] = {"id": "custom", "title": "Custom", "levels": _levels(0, 1, 2)}
    fields.update(options)
    return RatingScale(**fields)


@pytest.fixture
def registry() -> Iterator[dict[str, RatingScale]]:
    """Restore the scale registry after a test that registers scales."""
    saved = dict(lscbqa.scales._REGISTRY)
    yield lscbqa.scales._REGISTRY
    lscbqa.scales._REGISTRY.clear()
    lscbqa.scales._REGISTRY.update(saved)


class TestNotApplicable:
    def test_value(self) -> None:
        """NOT_APPLICABLE is the code 'not_applicable'."""
        assert NOT_APPLICABLE == "not_applicable"

    @pytest.mark.parametrize("scale", [OFSTED4, RAG3, MET3, SCORE_0_3, PERCENT_5, YES_NO])
    def test_no_builtin_scale_uses_it(self, scale: RatingScale) -> None:
        """No built-in scale has a level coded NOT_APPLICABLE."""
        assert NOT_APPLICABLE not in scale


class TestScaleKind:
    def test_from_string(self) -> None:
        """A kind can be given by its value."""
        assert ScaleKind("ordinal") is ScaleKind.ORDINAL

    def test_values(self) -> None:
        """There are exactly two kinds, ordinal and interval."""
        assert [kind.value for kind in ScaleKind] == ["ordinal", "interval"]


class TestLevel:
    def test_int_value_becomes_float(self) -> None:
        """An integer value is stored as a float."""
        value = Level(code="good", label="Good", value=3).value
        assert (value, type(value)) == (3.0, float)

    def test_optional_fields_default_to_none(self) -> None:
        """descriptor and colour are None unless given."""
        level = Level(code="good", label="Good", value=3)
        assert (level.descriptor, level.colour) == (None, None)

    def test_accepts_a_colour(self) -> None:
        """A #RRGGBB colour in either case is accepted."""
        assert Level(code="a", label="A", value=1, colour="#1a96Ff").colour == "#1a96Ff"

    @pytest.mark.parametrize("colour", ["red", "#12345", "#1234567", "1A9641", "#GGGGGG"])
    def test_rejects_a_colour_not_in_hex_form(self, colour: str) -> None:
        """A colour that is not #RRGGBB is rejected at $.colour."""
        with pytest.raises(ValidationError) as caught:
            Level(code="a", label="A", value=1, colour=colour)
        assert caught.value.paths == ("$.colour",)
        assert "expected a colour like '#1A9641'" in caught.value.problems[0].message

    def test_rejects_the_reserved_code(self) -> None:
        """The code 'not_applicable' is reserved and rejected at $.code."""
        with pytest.raises(ValidationError) as caught:
            Level(code=NOT_APPLICABLE, label="N/A", value=0)
        assert caught.value.paths == ("$.code",)
        assert "reserved" in caught.value.problems[0].message

    @pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
    def test_rejects_a_non_finite_value(self, value: float) -> None:
        """A NaN or infinite value is rejected at $.value."""
        with pytest.raises(ValidationError) as caught:
            Level(code="a", label="A", value=value)
        assert caught.value.paths == ("$.value",)
        assert "expected a finite number" in caught.value.problems[0].message

    def test_rejects_a_boolean_value(self) -> None:
        """A boolean is not a number for a level value."""
        with pytest.raises(ValidationError) as caught:
            Level(code="a", label="A", value=True)
        assert caught.value.paths == ("$.value",)
        assert "found the boolean true" in caught.value.problems[0].message

    def test_rejects_a_code_that_is_not_an_id(self) -> None:
        """A code with spaces is not an id and is rejected at $.code."""
        with pytest.raises(ValidationError) as caught:
            Level(code="very good", label="Very good", value=1)
        assert caught.value.paths == ("$.code",)
        assert "found the string 'very good'" in caught.value.problems[0].message

    def test_rejects_a_blank_label(self) -> None:
        """A label of spaces only is rejected at $.label."""
        with pytest.raises(ValidationError) as caught:
            Level(code="a", label="  ", value=1)
        assert caught.value.paths == ("$.label",)
        assert "expected a non-empty text" in caught.value.problems[0].message


class TestBuiltinScales:
    @pytest.mark.parametrize(
        ("scale", "codes"),
        [
            (OFSTED4, ("inadequate", "requires_improvement", "good", "outstanding")),
            (RAG3, ("red", "amber", "green")),
            (MET3, ("not_met", "partially_met", "fully_met")),
            (SCORE_0_3, ("0", "1", "2", "3")),
            (PERCENT_5, tuple(str(v) for v in range(0, 101, 5))),
            (YES_NO, ("no", "yes")),
        ],
    )
    def test_codes(self, scale: RatingScale, codes: tuple[str, ...]) -> None:
        """Each built-in scale has its documented codes, lowest first."""
        assert scale.codes == codes

    @pytest.mark.parametrize(
        ("scale", "kind"),
        [
            (OFSTED4, ScaleKind.ORDINAL),
            (RAG3, ScaleKind.ORDINAL),
            (MET3, ScaleKind.ORDINAL),
            (SCORE_0_3, ScaleKind.INTERVAL),
            (PERCENT_5, ScaleKind.INTERVAL),
            (YES_NO, ScaleKind.ORDINAL),
        ],
    )
    def test_kind(self, scale: RatingScale, kind: ScaleKind) -> None:
        """Grades are ordinal; scores and percentages are interval scales."""
        assert scale.kind is kind

    @pytest.mark.parametrize(
        ("scale", "normalised"),
        [
            (OFSTED4, (0.0, 1 / 3, 2 / 3, 1.0)),
            (RAG3, (0.0, 0.5, 1.0)),
            (MET3, (0.0, 0.5, 1.0)),
            (SCORE_0_3, (0.0, 1 / 3, 2 / 3, 1.0)),
            (YES_NO, (0.0, 1.0)),
        ],
    )
    def test_normalise_spreads_levels_over_zero_to_one(
        self, scale: RatingScale, normalised: tuple[float, ...]
    ) -> None:
        """normalise maps the lowest level to 0, the highest to 1, others by value."""
        assert [scale.normalise(code) for code in scale.codes] == pytest.approx(normalised)

    @pytest.mark.parametrize(("code", "expected"), [("0", 0.0), ("35", 0.35), ("100", 1.0)])
    def test_percent_normalises_to_the_fraction(self, code: str, expected: float) -> None:
        """PERCENT_5 normalises a percentage code to its fraction."""
        assert PERCENT_5.normalise(code) == pytest.approx(expected)

    @pytest.mark.parametrize(
        ("scale", "cuts"),
        [
            (OFSTED4, (1 / 6, 1 / 2, 5 / 6)),
            (RAG3, (0.25, 0.75)),
            (MET3, (0.25, 0.75)),
            (SCORE_0_3, (1 / 6, 1 / 2, 5 / 6)),
            (YES_NO, (0.5,)),
        ],
    )
    def test_default_cut_points_lie_midway(
        self, scale: RatingScale, cuts: tuple[float, ...]
    ) -> None:
        """Without thresholds, cut points lie midway between normalised levels."""
        assert scale.cut_points == pytest.approx(cuts)

    def test_percent_has_twenty_cut_points(self) -> None:
        """PERCENT_5 has 21 levels and so 20 cut points, the first at 0.025."""
        assert len(PERCENT_5.cut_points) == 20
        assert PERCENT_5.cut_points[0] == pytest.approx(0.025)

    @pytest.mark.parametrize("scale", [OFSTED4, RAG3, MET3, SCORE_0_3, PERCENT_5, YES_NO])
    def test_level_for_ends(self, scale: RatingScale) -> None:
        """A score of 0 gives the lowest level and 1 the highest."""
        assert (scale.level_for(0.0), scale.level_for(1.0)) == (scale.levels[0], scale.levels[-1])

    @pytest.mark.parametrize("scale", [OFSTED4, RAG3, MET3, SCORE_0_3, PERCENT_5, YES_NO])
    def test_level_for_at_each_cut_point_reaches_the_next_level(self, scale: RatingScale) -> None:
        """A score exactly at cut point i gives level i + 1."""
        reached = [scale.level_for(cut).code for cut in scale.cut_points]
        assert reached == list(scale.codes[1:])

    @pytest.mark.parametrize("scale", [OFSTED4, RAG3, MET3, SCORE_0_3, PERCENT_5, YES_NO])
    def test_level_for_below_each_cut_point_stays_below(self, scale: RatingScale) -> None:
        """A score a millionth below cut point i gives level i."""
        below = [scale.level_for(cut - 1e-6).code for cut in scale.cut_points]
        assert below == list(scale.codes[:-1])

    @pytest.mark.parametrize("scale", [OFSTED4, RAG3, MET3, SCORE_0_3, PERCENT_5, YES_NO])
    def test_float_noise_under_a_cut_point_reaches_it(self, scale: RatingScale) -> None:
        """A computed score a rounding error under cut point i still gives level i + 1."""
        reached = [scale.level_for(math.nextafter(cut, 0)).code for cut in scale.cut_points]
        assert reached == list(scale.codes[1:])

    @pytest.mark.parametrize("scale", [OFSTED4, RAG3, MET3, SCORE_0_3, PERCENT_5, YES_NO])
    def test_level_for_inverts_normalise(self, scale: RatingScale) -> None:
        """Every level's own normalised score maps back to that level."""
        assert [scale.level_for(scale.normalise(c)).code for c in scale.codes] == list(scale.codes)

    @pytest.mark.parametrize(
        ("score", "code"),
        [(0.16, "inadequate"), (0.17, "requires_improvement"), (0.49, "requires_improvement")],
    )
    def test_ofsted_around_cut_points(self, score: float, code: str) -> None:
        """OFSTED4 levels change at 1/6 and 1/2."""
        assert OFSTED4.level_for(score).code == code

    def test_colours_are_set_on_grades(self) -> None:
        """OFSTED4 levels carry chart colours from red to dark green."""
        assert [level.colour for level in OFSTED4.levels] == [
            "#D7191C",
            "#FDAE61",
            "#1A9641",
            "#006837",
        ]


class TestRatingScale:
    def test_levels_become_a_tuple(self) -> None:
        """A list of levels is stored as a tuple."""
        assert isinstance(_scale().levels, tuple)

    def test_kind_from_string(self) -> None:
        """kind may be given as its value."""
        assert _scale(kind="interval").kind is ScaleKind.INTERVAL

    def test_default_kind_is_ordinal(self) -> None:
        """A scale is ordinal unless it says otherwise."""
        assert _scale().kind is ScaleKind.ORDINAL

    def test_contains_codes_only(self) -> None:
        """'in' tests level codes, not labels."""
        assert ("l1" in _scale(), "L1" in _scale()) == (True, False)

    def test_level_by_code(self) -> None:
        """level() returns the level with that code."""
        assert OFSTED4.level("good").label == "Good"

    def test_level_of_unknown_code_lists_codes(self) -> None:
        """level() of an unknown code raises NotFoundError listing the codes."""
        with pytest.raises(NotFoundError, match="scale 'rag3' has no level 'blue'") as caught:
            RAG3.level("blue")
        assert "'red', 'amber', 'green'" in str(caught.value)

    def test_normalise_of_not_applicable_raises(self) -> None:
        """NOT_APPLICABLE has no score: normalise raises NotFoundError."""
        with pytest.raises(NotFoundError, match="no level 'not_applicable'"):
            OFSTED4.normalise(NOT_APPLICABLE)

    def test_normalise_uses_values_not_positions(self) -> None:
        """Unevenly spaced values normalise by value, not by rank."""
        scale = _scale(levels=_levels(0, 1, 4))
        assert scale.normalise("l1") == pytest.approx(0.25)

    def test_custom_thresholds_are_the_cut_points(self) -> None:
        """Given thresholds replace the default cut points."""
        assert _scale(thresholds=[0.3, 0.9]).cut_points == (0.3, 0.9)

    def test_thresholds_become_floats(self) -> None:
        """Integer thresholds are stored as floats."""
        assert _scale(levels=_levels(0, 1), thresholds=[1]).thresholds == (1.0,)

    @pytest.mark.parametrize(
        ("score", "code"),
        [(0.0, "l0"), (0.29, "l0"), (0.3, "l1"), (0.89, "l1"), (0.9, "l2"), (1.0, "l2")],
    )
    def test_level_for_with_custom_thresholds(self, score: float, code: str) -> None:
        """With thresholds (0.3, 0.9), scores at or above a threshold reach the next level."""
        assert _scale(thresholds=[0.3, 0.9]).level_for(score).code == code

    def test_threshold_of_one_is_allowed(self) -> None:
        """A top threshold of exactly 1 means only a perfect score reaches the top."""
        scale = _scale(thresholds=[0.5, 1.0])
        assert (scale.level_for(0.99).code, scale.level_for(1.0).code) == ("l1", "l2")

    @pytest.mark.parametrize("score", [-0.01, 1.01, math.nan, math.inf, -math.inf])
    def test_level_for_rejects_scores_outside_zero_to_one(self, score: float) -> None:
        """level_for rejects scores below 0, above 1, NaN and infinities."""
        with pytest.raises(ValidationError) as caught:
            OFSTED4.level_for(score)
        assert caught.value.paths == ("$",)
        assert "expected a score in [0, 1]" in caught.value.problems[0].message

    @pytest.mark.parametrize("score", ["0.5", None, True])
    def test_level_for_rejects_non_numbers(self, score: object) -> None:
        """level_for rejects strings, None and booleans."""
        with pytest.raises(ValidationError, match=r"expected a score in \[0, 1\]"):
            OFSTED4.level_for(score)  # type: ignore[arg-type]

    @pytest.mark.parametrize("score", [np.float32(0.5), np.float64(0.5), np.int64(1)])
    def test_level_for_accepts_numpy_numbers(self, score: float) -> None:
        """Scores computed with numpy (any real dtype) map to levels."""
        assert OFSTED4.level_for(score).code == ("good" if score < 1 else "outstanding")

    def test_is_hashable_and_comparable(self) -> None:
        """Two scales built alike are equal and hash alike."""
        assert _scale() == _scale()
        assert hash(_scale()) == hash(_scale())

    def test_fewer_than_two_levels(self) -> None:
        """A scale needs at least two levels, reported at $.levels."""
        with pytest.raises(ValidationError) as caught:
            _scale(levels=_levels(0))
        assert caught.value.paths == ("$.levels",)
        assert "expected at least 2 levels; found 1" in caught.value.problems[0].message

    def test_no_levels(self) -> None:
        """A scale without levels is rejected at $.levels."""
        with pytest.raises(ValidationError, match="found 0") as caught:
            _scale(levels=[])
        assert caught.value.paths == ("$.levels",)

    def test_duplicate_codes(self) -> None:
        """A repeated code is reported at the second level's code, naming the first."""
        levels = [*_levels(0, 1), Level(code="l0", label="Again", value=2)]
        with pytest.raises(ValidationError) as caught:
            _scale(levels=levels)
        assert caught.value.paths == ("$.levels[2].code",)
        assert "'l0' is also at index 0" in caught.value.problems[0].message

    def test_equal_values(self) -> None:
        """Two levels with the same value are rejected at the later one's value."""
        with pytest.raises(ValidationError) as caught:
            _scale(levels=_levels(0, 0))
        assert caught.value.paths == ("$.levels[1].value",)
        assert "found 0.0 after 0.0" in caught.value.problems[0].message

    def test_decreasing_values(self) -> None:
        """Values that fall are rejected at the level where they fall."""
        with pytest.raises(ValidationError) as caught:
            _scale(levels=_levels(0, 2, 1))
        assert caught.value.paths == ("$.levels[2].value",)
        assert "expected values increasing" in caught.value.problems[0].message

    def test_every_level_problem_is_reported(self) -> None:
        """A repeated code and a falling value are both reported."""
        levels = [*_levels(0, 1), Level(code="l0", label="Again", value=0.5)]
        with pytest.raises(ValidationError) as caught:
            _scale(levels=levels)
        assert caught.value.paths == ("$.levels[2].code", "$.levels[2].value")

    @pytest.mark.parametrize("thresholds", [[0.5], [0.2, 0.4, 0.6]])
    def test_wrong_number_of_thresholds(self, thresholds: list[float]) -> None:
        """Thresholds must number one fewer than the levels."""
        with pytest.raises(ValidationError) as caught:
            _scale(thresholds=thresholds)
        assert caught.value.paths == ("$.thresholds",)
        message = caught.value.problems[0].message
        assert f"expected 2 cut points (one fewer than the levels); found {len(thresholds)}" in (
            message
        )

    @pytest.mark.parametrize(
        ("thresholds", "path"),
        [
            ([0.0, 0.5], "$.thresholds[0]"),
            ([-0.1, 0.5], "$.thresholds[0]"),
            ([0.5, 1.5], "$.thresholds[1]"),
            ([0.6, 0.6], "$.thresholds[1]"),
            ([0.7, 0.3], "$.thresholds[1]"),
            ([math.nan, 0.5], "$.thresholds[0]"),
            ([0.5, math.inf], "$.thresholds[1]"),
        ],
    )
    def test_thresholds_outside_zero_one_or_not_increasing(
        self, thresholds: list[float], path: str
    ) -> None:
        """Each threshold must be finite, in (0, 1] and above the one before."""
        with pytest.raises(ValidationError) as caught:
            _scale(thresholds=thresholds)
        assert caught.value.paths == (path,)
        assert "expected increasing cut points in (0, 1]" in caught.value.problems[0].message

    def test_threshold_of_wrong_type(self) -> None:
        """A threshold that is not a number is reported at its index."""
        with pytest.raises(ValidationError) as caught:
            _scale(thresholds=[0.5, "high"])
        assert caught.value.paths == ("$.thresholds[1]",)
        assert "expected a number; found the string 'high'" in caught.value.problems[0].message

    def test_levels_must_be_level_values(self) -> None:
        """A level given as a mapping is rejected at its index."""
        with pytest.raises(ValidationError) as caught:
            _scale(levels=[*_levels(0), {"code": "x", "label": "X", "value": 1}])
        assert caught.value.paths == ("$.levels[1]",)
        message = caught.value.problems[0].message
        assert message.startswith("expected a Level (build Level(...)")
        assert message.endswith("found a dict")

    def test_levels_as_a_string_are_not_split(self) -> None:
        """A string where levels are expected is reported, not split into characters."""
        with pytest.raises(ValidationError) as caught:
            _scale(levels="abc")
        assert caught.value.paths == ("$.levels",)
        assert "found the string 'abc'" in caught.value.problems[0].message

    def test_unknown_kind(self) -> None:
        """A kind other than ordinal or interval is rejected at $.kind."""
        with pytest.raises(ValidationError) as caught:
            _scale(kind="nominal")
        assert caught.value.paths == ("$.kind",)
        assert "one of 'ordinal', 'interval'" in caught.value.problems[0].message

    def test_id_must_be_an_id(self) -> None:
        """A scale id with spaces is rejected at $.id."""
        with pytest.raises(ValidationError) as caught:
            _scale(id="my scale")
        assert caught.value.paths == ("$.id",)


class TestGetScale:
    @pytest.mark.parametrize("scale", [OFSTED4, RAG3, MET3, SCORE_0_3, PERCENT_5, YES_NO])
    def test_builtins_are_registered(self, scale: RatingScale) -> None:
        """Every built-in scale is registered under its id."""
        assert get_scale(scale.id) is scale

    def test_unknown_name_lists_known_names(self) -> None:
        """An unknown name raises NotFoundError listing the names known."""
        with pytest.raises(NotFoundError, match="no scale named 'ofsted5'") as caught:
            get_scale("ofsted5")
        assert "'met3', 'ofsted4'" in str(caught.value)

    def test_unhashable_name_is_not_found(self) -> None:
        """A name that cannot be a key gives NotFoundError, not TypeError."""
        with pytest.raises(NotFoundError, match="no scale named"):
            get_scale(["ofsted4"])  # type: ignore[arg-type]


class TestRegisterScale:
    def test_registers_under_id(self, registry: dict[str, RatingScale]) -> None:
        """A registered scale can be got by its id."""
        scale = _scale(id="test_three")
        assert register_scale(scale) is scale
        assert get_scale("test_three") is scale

    def test_reregistering_the_same_scale_is_silent(
        self, registry: dict[str, RatingScale], recwarn: pytest.WarningsRecorder
    ) -> None:
        """Registering an equal scale again does not warn."""
        register_scale(_scale(id="test_same"))
        register_scale(_scale(id="test_same"))
        assert len(recwarn) == 0

    def test_a_different_scale_under_the_same_id_warns_and_wins(
        self, registry: dict[str, RatingScale]
    ) -> None:
        """A different scale under a taken id warns and replaces the old one."""
        register_scale(_scale(id="test_clash"))
        newer = _scale(id="test_clash", title="Newer")
        with pytest.warns(DuplicateRegistrationWarning, match="'test_clash' was registered"):
            register_scale(newer)
        assert get_scale("test_clash") is newer

    def test_replacing_a_builtin_warns(self, registry: dict[str, RatingScale]) -> None:
        """Replacing a built-in scale warns."""
        with pytest.warns(DuplicateRegistrationWarning, match="'rag3'"):
            register_scale(_scale(id="rag3"))

    def test_fixture_restores_the_registry(self) -> None:
        """After the tests above, the built-in rag3 is registered again."""
        assert get_scale("rag3") is RAG3
        assert "test_clash" not in scale_names()


class TestScaleNames:
    def test_builtins_sorted(self) -> None:
        """scale_names lists the built-in scales, sorted."""
        names = scale_names()
        assert list(names) == sorted(names)
        assert {"met3", "ofsted4", "percent_5", "rag3", "score_0_3", "yes_no"} <= set(names)

    def test_includes_new_registrations(self, registry: dict[str, RatingScale]) -> None:
        """A newly registered scale appears among the names."""
        register_scale(_scale(id="aaa_first"))
        assert "aaa_first" in scale_names()


class TestRatingScaleSpacing:
    def test_range_must_be_finite(self) -> None:
        """Level values whose range overflows a float are rejected at $.levels."""
        with pytest.raises(ValidationError) as caught:
            RatingScale(
                id="x",
                title="X",
                levels=[
                    Level(code="a", label="A", value=-1e308),
                    Level(code="b", label="B", value=1e308),
                ],
            )
        assert caught.value.paths == ("$.levels",)
        assert "finite" in caught.value.problems[0].message

    def test_levels_must_stay_apart_when_normalised(self) -> None:
        """Values so close that scaling merges them are rejected, so every level is reachable."""
        with pytest.raises(ValidationError) as caught:
            RatingScale(
                id="x",
                title="X",
                levels=[
                    Level(code="a", label="A", value=0.0),
                    Level(code="b", label="B", value=5e-324),
                    Level(code="c", label="C", value=1.0),
                ],
            )
        assert caught.value.paths == ("$.levels",)
        assert "too close" in caught.value.problems[0].message


class TestColoursEndWhereTheyEnd:
    def test_trailing_newline_is_not_part_of_a_colour(self) -> None:
        """A colour followed by a newline is not a colour."""
        with pytest.raises(ValidationError, match="colour"):
            Level(code="a", label="A", value=0, colour="#aabbcc\n")
