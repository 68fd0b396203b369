"""carry_over: pre-filling an assessment of a new framework through a mapping."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import pytest

from lscbqa.assessment import Assessment, Rating, Role
from lscbqa.criteria import Criterion, Domain
from lscbqa.evidence import Evidence
from lscbqa.exceptions import Problem, ValidationError
from lscbqa.frameworks import carry_over, partial_ceiling, register, unregister
from lscbqa.mappings import Carried, CriterionLink, FrameworkMapping, Relation
from lscbqa.model import Framework
from lscbqa.periods import Period
from lscbqa.scales import MET3, OFSTED4, PERCENT_5, RAG3, SCORE_0_3, YES_NO, Level, RatingScale

SOURCE_ID, TARGET_ID = "carry-old", "carry-new"


def _source() -> Framework:
    """Five criteria on Ofsted grades and one on met/not met."""
    return Framework(
        id=SOURCE_ID,
        version="2013",
        title="Old",
        domains=[
            Domain(
                id="d",
                title="D",
                children=[
                    *(Criterion(id=f"o{i}", title=f"Old {i}") for i in range(1, 6)),
                    Criterion(id="o.met", title="Old met", scale=MET3),
                ],
            )
        ],
    )


def _target() -> Framework:
    """Five criteria on Ofsted grades, one on met/not met and one on RAG."""
    return Framework(
        id=TARGET_ID,
        version="2024",
        title="New",
        domains=[
            Domain(
                id="d",
                title="D",
                children=[
                    *(Criterion(id=f"n{i}", title=f"New {i}") for i in range(1, 6)),
                    Criterion(id="n.met", title="New met", scale=MET3),
                    Criterion(id="n.rag", title="New RAG", scale=RAG3),
                ],
            )
        ],
    )


def _mapping(*links: tuple[str, str, str]) -> FrameworkMapping:
    return FrameworkMapping(
        id="m",
        source=SOURCE_ID,
        target=TARGET_ID,
        links=[
            CriterionLink(source=source, target=target, relation=relation)
            for source, target, relation in links
        ],
    )


def _assessment(*ratings: Rating, evidence: tuple[Evidence, ...] = ()) -> Assessment:
    return Assessment(
        id="police-2023",
        framework_id=SOURCE_ID,
        framework_version="2013",
        subject="police",
        period=Period.calendar_year(2023),
        ratings=ratings,
        evidence=evidence,
    )


def _carry(assessment: Assessment, mapping: FrameworkMapping) -> Assessment:
    return carry_over(assessment, mapping, _target(), source=_source())


def _levels(carried: Assessment) -> list[tuple[str, str]]:
    return [(rating.criterion_id, rating.level) for rating in carried.ratings]


def _one(source_id: str, level: str, target_id: str, relation: str) -> list[tuple[str, str]]:
    """Carry a single rating through a single link; the resulting (criterion, level) pairs."""
    carried = _carry(
        _assessment(Rating(criterion_id=source_id, level=level)),
        _mapping((source_id, target_id, relation)),
    )
    return _levels(carried)


class TestPartialCeiling:
    @pytest.mark.parametrize(
        ("scale", "ceiling"),
        [
            (OFSTED4, "requires_improvement"),
            (RAG3, "amber"),
            (MET3, "partially_met"),
            (SCORE_0_3, "1"),
            (PERCENT_5, "50"),
            (YES_NO, "no"),
        ],
        ids=lambda value: value.id if isinstance(value, RatingScale) else value,
    )
    def test_builtin_scales(self, scale: RatingScale, ceiling: str) -> None:
        """The ceiling is the top level at or below the middle of each built-in scale."""
        assert partial_ceiling(scale) == ceiling

    def test_uneven_values(self) -> None:
        """The middle is of normalised values, not of the number of levels."""
        scale = RatingScale(
            id="uneven",
            title="Uneven",
            levels=[
                Level(code="none", label="None", value=0),
                Level(code="some", label="Some", value=1),
                Level(code="most", label="Most", value=2),
                Level(code="all", label="All", value=10),
            ],
        )
        assert partial_ceiling(scale) == "most"


class TestCarryOverRelations:
    def test_equal_same_scale(self) -> None:
        """An equal link carries the level as it is."""
        assert _one("o1", "good", "n1", "equal") == [("n1", "good")]

    def test_superset_same_scale(self) -> None:
        """A superset link carries the level as it is, even the top one."""
        assert _one("o1", "outstanding", "n1", "superset") == [("n1", "outstanding")]

    def test_subset_is_capped_ofsted(self) -> None:
        """A subset link caps an Ofsted grade at 'requires_improvement'."""
        assert _one("o1", "good", "n1", "subset") == [("n1", "requires_improvement")]

    def test_subset_is_capped_met(self) -> None:
        """A subset link caps a met/not met level at 'partially_met'."""
        assert _one("o.met", "fully_met", "n.met", "subset") == [("n.met", "partially_met")]

    def test_subset_keeps_a_level_below_the_ceiling(self) -> None:
        """A level already below the ceiling is carried unchanged."""
        assert _one("o1", "inadequate", "n1", "subset") == [("n1", "inadequate")]

    def test_subset_keeps_the_ceiling_itself(self) -> None:
        """A level at the ceiling is carried unchanged."""
        assert _one("o1", "requires_improvement", "n1", "subset") == [
            ("n1", "requires_improvement")
        ]

    @pytest.mark.parametrize("relation", ["intersects", "unrelated"])
    def test_carries_nothing(self, relation: str) -> None:
        """Intersecting and unrelated links carry no rating."""
        assert _one("o1", "good", "n1", relation) == []


class TestCarryOverScales:
    @pytest.mark.parametrize(
        ("level", "expected"),
        [
            ("inadequate", "not_met"),
            ("requires_improvement", "partially_met"),
            ("good", "partially_met"),
            ("outstanding", "fully_met"),
        ],
    )
    def test_ofsted_to_met(self, level: str, expected: str) -> None:
        """An Ofsted grade is moved to met/not met through normalise and level_for."""
        assert _one("o1", level, "n.met", "equal") == [("n.met", expected)]

    def test_met_to_ofsted(self) -> None:
        """'partially_met' (0.5) reaches 'good' on Ofsted's cut points (0.5 and above)."""
        assert _one("o.met", "partially_met", "n1", "equal") == [("n1", "good")]

    def test_ofsted_to_rag(self) -> None:
        """'good' (2/3) is 'amber' on RAG (cut points 0.25 and 0.75)."""
        assert _one("o1", "good", "n.rag", "superset") == [("n.rag", "amber")]

    def test_translated_then_capped(self) -> None:
        """A subset link caps on the target's scale after translation."""
        assert _one("o1", "outstanding", "n.met", "subset") == [("n.met", "partially_met")]


class TestCarryOverLinks:
    def test_equal_over_superset_over_subset(self) -> None:
        """Of several links into a criterion, an equal one wins, wherever it is listed."""
        carried = _carry(
            _assessment(
                Rating(criterion_id="o1", level="inadequate"),
                Rating(criterion_id="o2", level="requires_improvement"),
                Rating(criterion_id="o3", level="outstanding"),
            ),
            _mapping(("o1", "n1", "subset"), ("o2", "n1", "superset"), ("o3", "n1", "equal")),
        )
        assert _levels(carried) == [("n1", "outstanding")]
        assert carried.ratings[0].carried_from == Carried(
            framework_id=SOURCE_ID, framework_version="2013", criterion_id="o3", relation="equal"
        )

    def test_superset_over_subset(self) -> None:
        """Without an equal link, a superset one wins over a subset one."""
        carried = _carry(
            _assessment(
                Rating(criterion_id="o1", level="outstanding"),
                Rating(criterion_id="o2", level="inadequate"),
            ),
            _mapping(("o1", "n1", "subset"), ("o2", "n1", "superset")),
        )
        assert _levels(carried) == [("n1", "inadequate")]

    def test_first_of_a_tie(self) -> None:
        """Of two equally good links, the first in the mapping wins."""
        carried = _carry(
            _assessment(
                Rating(criterion_id="o1", level="good"),
                Rating(criterion_id="o2", level="inadequate"),
            ),
            _mapping(("o2", "n1", "equal"), ("o1", "n1", "equal")),
        )
        assert _levels(carried) == [("n1", "inadequate")]

    def test_unrated_source_is_passed_over(self) -> None:
        """A better link from a criterion nobody rated gives way to one from a rated one."""
        carried = _carry(
            _assessment(Rating(criterion_id="o2", level="outstanding")),
            _mapping(("o1", "n1", "equal"), ("o2", "n1", "subset")),
        )
        assert _levels(carried) == [("n1", "requires_improvement")]

    def test_intersecting_link_is_ignored(self) -> None:
        """An intersecting link is ignored when a carrying link exists."""
        carried = _carry(
            _assessment(
                Rating(criterion_id="o1", level="good"),
                Rating(criterion_id="o2", level="good"),
            ),
            _mapping(("o1", "n1", "intersects"), ("o2", "n1", "subset")),
        )
        assert carried.ratings[0].carried_from == Carried(
            framework_id=SOURCE_ID, framework_version="2013", criterion_id="o2", relation="subset"
        )

    def test_one_source_to_several_targets(self) -> None:
        """One source rating can fill several target criteria, in the target's order."""
        carried = _carry(
            _assessment(Rating(criterion_id="o1", level="outstanding")),
            _mapping(("o1", "n.met", "equal"), ("o1", "n2", "subset"), ("o1", "n1", "equal")),
        )
        assert _levels(carried) == [
            ("n1", "outstanding"),
            ("n2", "requires_improvement"),
            ("n.met", "fully_met"),
        ]


class TestCarryOverNotApplicable:
    @pytest.mark.parametrize("relation", ["equal", "superset"])
    def test_carried_with_its_reason(self, relation: str) -> None:
        """A not-applicable rating carries through an equal or superset link with its reason."""
        carried = _carry(
            _assessment(Rating.not_applicable("o1", reason="No residential services")),
            _mapping(("o1", "n.met", relation)),
        )
        rating = carried.ratings[0]
        assert (rating.criterion_id, rating.level, rating.reason) == (
            "n.met",
            "not_applicable",
            "No residential services",
        )

    def test_not_through_a_subset(self) -> None:
        """A not-applicable rating says nothing about the larger target of a subset link."""
        carried = _carry(
            _assessment(Rating.not_applicable("o1", reason="No residential services")),
            _mapping(("o1", "n1", "subset")),
        )
        assert carried.ratings == ()

    def test_subset_not_applicable_gives_way_to_another_link(self) -> None:
        """A not-applicable rating that cannot cross a subset link leaves the next link to carry."""
        carried = _carry(
            _assessment(
                Rating.not_applicable("o1", reason="None here"),
                Rating(criterion_id="o2", level="good"),
            ),
            _mapping(("o1", "n1", "subset"), ("o2", "n1", "subset")),
        )
        assert _levels(carried) == [("n1", "requires_improvement")]


class TestCarryOverRatings:
    def test_per_role_and_rater(self) -> None:
        """Each role and rater gets its own carried ratings, in the order they first appear."""
        carried = _carry(
            _assessment(
                Rating(criterion_id="o1", level="good", role="self", rater="lead"),
                Rating(criterion_id="o1", level="inadequate", role="moderated", rater="board"),
                Rating(criterion_id="o1", level="outstanding", role="self", rater="deputy"),
                Rating(criterion_id="o2", level="outstanding", role="self", rater="lead"),
            ),
            _mapping(("o1", "n1", "equal"), ("o2", "n2", "equal")),
        )
        assert [(r.role, r.rater, r.criterion_id, r.level) for r in carried.ratings] == [
            (Role.SELF, "lead", "n1", "good"),
            (Role.SELF, "lead", "n2", "outstanding"),
            (Role.MODERATED, "board", "n1", "inadequate"),
            (Role.SELF, "deputy", "n1", "outstanding"),
        ]

    def test_review_and_source_on_every_rating(self) -> None:
        """Every carried rating is flagged for review and names where it came from."""
        carried = _carry(
            _assessment(
                Rating(criterion_id="o1", level="good"),
                Rating(criterion_id="o2", level="good"),
                Rating.not_applicable("o3", reason="n/a"),
            ),
            _mapping(("o1", "n1", "equal"), ("o2", "n2", "subset"), ("o3", "n3", "superset")),
        )
        assert [(r.review, r.carried_from) for r in carried.ratings] == [
            (
                True,
                Carried(
                    framework_id=SOURCE_ID,
                    framework_version="2013",
                    criterion_id="o1",
                    relation=Relation.EQUAL,
                ),
            ),
            (
                True,
                Carried(
                    framework_id=SOURCE_ID,
                    framework_version="2013",
                    criterion_id="o2",
                    relation=Relation.SUBSET,
                ),
            ),
            (
                True,
                Carried(
                    framework_id=SOURCE_ID,
                    framework_version="2013",
                    criterion_id="o3",
                    relation=Relation.SUPERSET,
                ),
            ),
        ]

    def test_comment_says_where_it_came_from(self) -> None:
        """Without an original comment, the comment says where the rating came from."""
        carried = _carry(
            _assessment(Rating(criterion_id="o1", level="good")), _mapping(("o1", "n1", "equal"))
        )
        assert carried.ratings[0].comment == (
            "Carried over from carry-old 2013 o1 (equal); review before relying on it."
        )

    def test_comment_keeps_the_original(self) -> None:
        """The original comment follows the note."""
        carried = _carry(
            _assessment(Rating(criterion_id="o1", level="good", comment="Strong audit.")),
            _mapping(("o1", "n1", "subset")),
        )
        assert carried.ratings[0].comment == (
            "Carried over from carry-old 2013 o1 (subset); review before relying on it. "
            "Strong audit."
        )

    def test_other_fields_are_kept(self) -> None:
        """Date, evidence cited and immediate concern come over unchanged."""
        rating = Rating(
            criterion_id="o1",
            level="good",
            date=datetime.date(2023, 5, 1),
            evidence_ids=["ev1"],
            immediate_concern=True,
        )
        carried = _carry(
            _assessment(rating, evidence=(Evidence(id="ev1", title="Audit", kind="case_audit"),)),
            _mapping(("o1", "n1", "equal")),
        )
        new = carried.ratings[0]
        assert (new.date, new.evidence_ids, new.immediate_concern) == (
            datetime.date(2023, 5, 1),
            ("ev1",),
            True,
        )

    def test_assessment_fields(self) -> None:
        """The new assessment is of the target, for the same subject and period."""
        carried = _carry(
            _assessment(Rating(criterion_id="o1", level="good")), _mapping(("o1", "n1", "equal"))
        )
        assert (
            carried.id,
            carried.framework_id,
            carried.framework_version,
            carried.subject,
            carried.period,
        ) == ("police-2023-carry-new", TARGET_ID, "2024", "police", Period.calendar_year(2023))

    def test_id_can_be_given(self) -> None:
        """``id=`` names the new assessment."""
        carried = carry_over(
            _assessment(), _mapping(), _target(), source=_source(), id="police-2024"
        )
        assert carried.id == "police-2024"

    def test_result_checks_clean_against_the_target(self) -> None:
        """The carried assessment has no errors against the target framework."""
        carried = _carry(
            _assessment(
                Rating(criterion_id="o1", level="outstanding"),
                Rating(criterion_id="o.met", level="not_met"),
            ),
            _mapping(("o1", "n.rag", "equal"), ("o.met", "n1", "superset")),
        )
        assert [f for f in carried.check(_target()) if f.is_error] == []
        assert _levels(carried) == [("n1", "inadequate"), ("n.rag", "green")]


class TestCarryOverEvidence:
    def test_criteria_are_mapped(self) -> None:
        """Evidence is carried with its criteria replaced by their carrying targets."""
        evidence = Evidence(id="ev1", title="Audit", kind="case_audit", criterion_ids=["o1", "o2"])
        carried = _carry(
            _assessment(evidence=(evidence,)),
            _mapping(("o1", "n1", "equal"), ("o2", "n2", "subset"), ("o2", "n1", "superset")),
        )
        assert carried.evidence[0].criterion_ids == ("n1", "n2")
        assert carried.evidence[0].notes is None

    def test_unmatched_criteria_are_named_in_notes(self) -> None:
        """Source criteria without a carrying link are named in the evidence's notes."""
        evidence = Evidence(
            id="ev1",
            title="Audit",
            kind="case_audit",
            criterion_ids=["o1", "o4", "o5"],
            notes="Sampled 20 cases.",
        )
        carried = _carry(
            _assessment(evidence=(evidence,)),
            _mapping(("o1", "n1", "equal"), ("o4", "n4", "intersects")),
        )
        item = carried.evidence[0]
        assert item.criterion_ids == ("n1",)
        assert item.notes == (
            "Sampled 20 cases. Also evidenced o4, o5 of carry-old, "
            "which have no counterpart in carry-new."
        )

    def test_evidence_of_no_criterion_is_carried(self) -> None:
        """Evidence that names no criteria is carried unchanged."""
        evidence = Evidence(id="ev1", title="Minutes", kind="minutes")
        carried = _carry(_assessment(evidence=(evidence,)), _mapping())
        assert carried.evidence == (evidence,)


class TestCarryOverSource:
    @pytest.fixture
    def registered_source(self) -> Iterator[Framework]:
        source = register(_source())
        yield source
        unregister(SOURCE_ID)

    def test_source_defaults_to_the_registered_framework(
        self, registered_source: Framework
    ) -> None:
        """Without ``source=``, the framework registered under the mapping's source is used."""
        carried = carry_over(
            _assessment(Rating(criterion_id="o.met", level="fully_met")),
            _mapping(("o.met", "n1", "equal")),
            _target(),
        )
        assert _levels(carried) == [("n1", "outstanding")]


class TestCarryOverErrors:
    def test_assessment_of_another_framework(self) -> None:
        """An assessment of another framework is one problem at $.framework_id."""
        other = Assessment(id="a", framework_id="other", subject="police")
        with pytest.raises(ValidationError) as error:
            _carry(other, _mapping())
        assert error.value.problems == (
            Problem(
                "$.framework_id",
                "expected an assessment of 'carry-old', the mapping's source; found one of 'other'",
            ),
        )

    def test_mapping_names_missing_criteria(self) -> None:
        """Links naming criteria the frameworks lack are reported at their paths."""
        with pytest.raises(ValidationError) as error:
            _carry(_assessment(), _mapping(("o1", "n1", "equal"), ("zz", "n9", "subset")))
        assert error.value.problems == (
            Problem("$.links[1].source", "expected a criterion of 'carry-old'; found 'zz'"),
            Problem("$.links[1].target", "expected a criterion of 'carry-new'; found 'n9'"),
        )

    def test_mapping_names_a_domain(self) -> None:
        """A link from a domain is not a link from a criterion."""
        with pytest.raises(ValidationError) as error:
            _carry(_assessment(), _mapping(("d", "n1", "equal")))
        assert error.value.paths == ("$.links[0].source",)

    def test_wrong_target(self) -> None:
        """A target framework other than the mapping's is an error."""
        with pytest.raises(ValidationError) as error:
            carry_over(_assessment(), _mapping(), _source(), source=_source())
        assert error.value.problems == (
            Problem("$", "expected the target 'carry-new'; found 'carry-old'"),
        )

    def test_wrong_source(self) -> None:
        """A source framework other than the mapping's is an error."""
        with pytest.raises(ValidationError) as error:
            carry_over(_assessment(), _mapping(), _target(), source=_target())
        assert error.value.problems == (
            Problem("$", "expected the source 'carry-old'; found 'carry-new'"),
        )

    def test_invalid_source_assessment(self) -> None:
        """Errors of the assessment against its own framework are reported with their paths."""
        assessment = _assessment(
            Rating(criterion_id="o1", level="good"),
            Rating(criterion_id="o2", level="fully_met"),
            Rating(criterion_id="o9", level="good"),
        )
        with pytest.raises(ValidationError) as error:
            _carry(assessment, _mapping(("o1", "n1", "equal")))
        assert error.value.paths == ("$.ratings[1].level", "$.ratings[2].criterion_id")

    def test_every_problem_at_once(self) -> None:
        """Mismatches, bad links and assessment errors are all reported together."""
        other = Assessment(
            id="a",
            framework_id="other",
            subject="police",
            ratings=[Rating(criterion_id="o1", level="great")],
        )
        with pytest.raises(ValidationError) as error:
            carry_over(other, _mapping(("zz", "n1", "equal")), _target(), source=_source())
        assert error.value.paths == ("$.framework_id", "$.links[0].source", "$.ratings[0].level")
