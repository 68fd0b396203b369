"""Tests for lscbqa.assessment: ratings, assessments, and the completeness check."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from lscbqa.assessment import Assessment, Finding, Rating, Role, Severity
from lscbqa.evidence import Evidence
from lscbqa.exceptions import NotFoundError, Problem, ValidationError
from lscbqa.model import Criterion, Domain, EvidenceExpectation, Framework
from lscbqa.periods import Period
from lscbqa.scales import MET3, NOT_APPLICABLE

D = datetime.date
AS_OF = D(2024, 6, 30)
YEAR = datetime.timedelta(days=365)


def _framework() -> Framework:
    """c1 expects two policies or minutes, c2.a is on MET3, c3 expects any one piece."""
    return Framework(
        id="fw",
        version="2024.1",
        title="Framework",
        domains=[
            Domain(
                id="d",
                title="Domain",
                children=[
                    Criterion(
                        id="c1",
                        title="One",
                        evidence=EvidenceExpectation(min_count=2, kinds=["policy", "minutes"]),
                    ),
                    Criterion(
                        id="c2",
                        title="Two",
                        children=[Criterion(id="c2.a", title="Two A", scale=MET3)],
                    ),
                    Criterion(id="c3", title="Three", evidence=EvidenceExpectation(min_count=1)),
                ],
            )
        ],
    )


def _evidence(evidence_id: str, kind: str = "policy", **options: Any) -> Evidence:
    return Evidence(id=evidence_id, title=f"Evidence {evidence_id}", kind=kind, **options)


def _complete_ratings(role: str = "self") -> list[Rating]:
    """Ratings of every leaf that raise no finding, given _complete_evidence()."""
    return [
        Rating(criterion_id="c1", level="good", role=role, evidence_ids=["p1", "m1"]),
        Rating(criterion_id="c2.a", level="fully_met", role=role),
        Rating(criterion_id="c3", level="outstanding", role=role, evidence_ids=["s1"]),
    ]


def _complete_evidence() -> list[Evidence]:
    return [
        _evidence("p1", "policy", criterion_ids=["c1"], collected_on=D(2024, 1, 1)),
        _evidence("m1", "minutes", criterion_ids=["c1"], collected_on=D(2024, 2, 1)),
        _evidence("s1", "survey", criterion_ids=["c3"], collected_on=D(2024, 3, 1)),
    ]


def _assessment(**options: Any) -> Assessment:
    fields: dict[str, Any] = {
        "id": "a1",
        "framework_id": "fw",
        "subject": "police",
        "ratings": _complete_ratings(),
        "evidence": _complete_evidence(),
    }
    fields.update(options)
    return Assessment(**fields)


def _findings(assessment: Assessment, **options: Any) -> list[tuple[str, str, str]]:
    """(code, severity, path) of each finding, in order."""
    options.setdefault("as_of", AS_OF)
    return [
        (finding.code, finding.severity.value, finding.path)
        for finding in assessment.check(_framework(), **options)
    ]


def _only(assessment: Assessment, **options: Any) -> Finding:
    options.setdefault("as_of", AS_OF)
    findings = assessment.check(_framework(), **options)
    assert len(findings) == 1, findings
    return findings[0]


class TestRole:
    def test_values(self) -> None:
        """The roles are self, moderated, peer and inspector, in that order."""
        assert [role.value for role in Role] == ["self", "moderated", "peer", "inspector"]


class TestSeverity:
    def test_values(self) -> None:
        """The severities are error, warning and info."""
        assert [severity.value for severity in Severity] == ["error", "warning", "info"]


class TestFinding:
    def test_severity_from_string(self) -> None:
        """A severity given as text becomes the member."""
        finding = Finding(severity="warning", code="unrated", path="$.ratings", message="m")
        assert finding.severity is Severity.WARNING

    @pytest.mark.parametrize(("severity", "is_error"), [("error", True), ("warning", False)])
    def test_is_error(self, severity: str, is_error: bool) -> None:
        """is_error is true for error findings only."""
        assert Finding(severity=severity, code="x", path="$", message="m").is_error is is_error

    def test_str(self) -> None:
        """str gives severity, path and message."""
        finding = Finding(severity="info", code="x", path="$.evidence[0]", message="undated")
        assert str(finding) == "info: $.evidence[0]: undated"

    def test_unknown_severity(self) -> None:
        """An unknown severity is rejected at $.severity."""
        with pytest.raises(ValidationError) as caught:
            Finding(severity="fatal", code="x", path="$", message="m")
        assert caught.value.paths == ("$.severity",)
        assert "one of 'error', 'warning', 'info'" in str(caught.value)


class TestRating:
    def test_defaults(self) -> None:
        """A rating is a self rating with no reason, rater, date, evidence or comment."""
        rating = Rating(criterion_id="c1", level="good")
        assert (rating.role, rating.reason, rating.rater, rating.date) == (
            Role.SELF,
            None,
            None,
            None,
        )
        assert (rating.evidence_ids, rating.comment) == ((), None)

    def test_role_from_string(self) -> None:
        """A role given as text becomes the member."""
        assert Rating(criterion_id="c1", level="good", role="peer").role is Role.PEER

    def test_unknown_role(self) -> None:
        """An unknown role is rejected at $.role."""
        with pytest.raises(ValidationError) as caught:
            Rating(criterion_id="c1", level="good", role="auditor")
        assert caught.value.paths == ("$.role",)
        assert "found the string 'auditor'" in str(caught.value)

    def test_not_applicable_needs_a_reason(self) -> None:
        """A not-applicable rating without a reason is rejected at $.reason."""
        with pytest.raises(ValidationError) as caught:
            Rating(criterion_id="c1", level=NOT_APPLICABLE)
        assert caught.value.paths == ("$.reason",)
        assert caught.value.problems[0].message == (
            "expected a reason: a 'not_applicable' rating must say why; found nothing"
        )

    def test_not_applicable_blank_reason(self) -> None:
        """A reason of spaces only does not count."""
        with pytest.raises(ValidationError) as caught:
            Rating(criterion_id="c1", level=NOT_APPLICABLE, reason="  ")
        assert caught.value.paths == ("$.reason",)
        assert "must say why; found the string '  '" in str(caught.value)

    def test_reason_only_for_not_applicable(self) -> None:
        """A reason on a rating with a level is rejected at $.reason."""
        with pytest.raises(ValidationError) as caught:
            Rating(criterion_id="c1", level="good", reason="We think so")
        assert caught.value.paths == ("$.reason",)
        assert "expected no reason: only 'not_applicable' ratings carry one" in str(caught.value)

    def test_reason_must_be_text(self) -> None:
        """A reason that is not text is a type error at $.reason."""
        with pytest.raises(ValidationError) as caught:
            Rating(criterion_id="c1", level=NOT_APPLICABLE, reason=5)  # type: ignore[arg-type]
        assert caught.value.paths == ("$.reason",)
        assert "expected a string or nothing; found the number 5" in str(caught.value)

    def test_not_applicable_classmethod(self) -> None:
        """Rating.not_applicable builds an N/A rating with its reason and options."""
        rating = Rating.not_applicable("c1", reason="No residential services", role="moderated")
        assert (rating.level, rating.reason, rating.role, rating.is_not_applicable) == (
            NOT_APPLICABLE,
            "No residential services",
            Role.MODERATED,
            True,
        )

    def test_is_not_applicable_false_for_levels(self) -> None:
        """A rating with a level is not N/A."""
        assert Rating(criterion_id="c1", level="good").is_not_applicable is False

    def test_level_must_be_an_id(self) -> None:
        """A level with spaces is rejected at $.level."""
        with pytest.raises(ValidationError) as caught:
            Rating(criterion_id="c1", level="Requires improvement")
        assert caught.value.paths == ("$.level",)

    def test_evidence_ids_become_a_tuple(self) -> None:
        """Cited evidence ids given as a list are stored as a tuple."""
        assert Rating(criterion_id="c1", level="good", evidence_ids=["e1"]).evidence_ids == ("e1",)

    def test_evidence_ids_as_a_string_are_not_split(self) -> None:
        """A string where evidence ids are expected is rejected at $.evidence_ids."""
        with pytest.raises(ValidationError) as caught:
            Rating(criterion_id="c1", level="good", evidence_ids="e1")
        assert caught.value.paths == ("$.evidence_ids",)

    def test_blank_rater(self) -> None:
        """A blank rater is rejected at $.rater."""
        with pytest.raises(ValidationError) as caught:
            Rating(criterion_id="c1", level="good", rater="")
        assert caught.value.paths == ("$.rater",)

    def test_date_must_be_a_date(self) -> None:
        """A datetime is not a rating date."""
        with pytest.raises(ValidationError) as caught:
            Rating(criterion_id="c1", level="good", date=datetime.datetime(2024, 1, 1, 9))
        assert caught.value.paths == ("$.date",)


class TestAssessment:
    def test_ratings_and_evidence_become_tuples(self) -> None:
        """Ratings and evidence given as lists are stored as tuples."""
        assessment = _assessment()
        assert (type(assessment.ratings), type(assessment.evidence)) == (tuple, tuple)

    def test_roles_in_role_order(self) -> None:
        """roles lists the roles present, in the order of Role."""
        ratings = [*_complete_ratings("inspector"), *_complete_ratings("self")]
        assert _assessment(ratings=ratings).roles == (Role.SELF, Role.INSPECTOR)

    def test_ratings_for(self) -> None:
        """ratings_for gives a criterion's ratings, optionally of one role."""
        ratings = [*_complete_ratings("self"), *_complete_ratings("moderated")]
        assessment = _assessment(ratings=ratings)
        assert [r.role for r in assessment.ratings_for("c1")] == [Role.SELF, Role.MODERATED]
        assert [r.role for r in assessment.ratings_for("c1", role="moderated")] == [Role.MODERATED]

    def test_immediate_concerns_in_order(self) -> None:
        """immediate_concerns gives the flagged ratings, in the order they were rated."""
        ratings = [
            Rating(criterion_id="c3", level="good", role="moderated", immediate_concern=True),
            Rating(criterion_id="c1", level="good", role="self"),
            Rating(criterion_id="c1", level="inadequate", role="peer", immediate_concern=True),
        ]
        concerns = _assessment(ratings=ratings).immediate_concerns
        assert concerns == (ratings[0], ratings[2])

    def test_no_immediate_concerns(self) -> None:
        """Without a flagged rating, immediate_concerns is an empty tuple."""
        assert _assessment().immediate_concerns == ()

    def test_evidence_item(self) -> None:
        """evidence_item finds evidence by id."""
        assert _assessment().evidence_item("m1").title == "Evidence m1"

    def test_evidence_item_unknown(self) -> None:
        """evidence_item of an unknown id raises NotFoundError naming assessment and id."""
        with pytest.raises(NotFoundError, match="assessment 'a1' has no evidence 'zz'"):
            _assessment().evidence_item("zz")

    def test_redacted(self) -> None:
        """redacted() redacts personal evidence and keeps the rest."""
        evidence = [_evidence("p1", sensitivity="personal", notes="Jane"), _evidence("p2")]
        copy = _assessment(ratings=[], evidence=evidence).redacted()
        assert [item.title for item in copy.evidence] == [
            "[redacted: personal evidence]",
            "Evidence p2",
        ]

    def test_duplicate_evidence_ids(self) -> None:
        """A repeated evidence id is reported at $.evidence[i].id."""
        with pytest.raises(ValidationError) as caught:
            _assessment(ratings=[], evidence=[_evidence("e1"), _evidence("e2"), _evidence("e1")])
        assert caught.value.paths == ("$.evidence[2].id",)
        assert caught.value.problems[0].message == (
            "expected a unique evidence id; 'e1' is also at index 0"
        )

    def test_rating_citing_unknown_evidence(self) -> None:
        """A rating citing evidence the assessment lacks is reported at the citation."""
        ratings = [Rating(criterion_id="c1", level="good", evidence_ids=["p1", "zz"])]
        with pytest.raises(ValidationError) as caught:
            _assessment(ratings=ratings)
        assert caught.value.paths == ("$.ratings[0].evidence_ids[1]",)
        assert "expected the id of evidence in this assessment; found 'zz'" in str(caught.value)

    def test_duplicate_rating_of_same_criterion_role_and_rater(self) -> None:
        """Two ratings sharing criterion, role and rater are reported at the second."""
        ratings = [
            Rating(criterion_id="c1", level="good", role="peer", rater="x"),
            Rating(criterion_id="c3", level="good", role="peer", rater="x"),
            Rating(criterion_id="c1", level="outstanding", role="peer", rater="x"),
        ]
        with pytest.raises(ValidationError) as caught:
            _assessment(ratings=ratings)
        assert caught.value.paths == ("$.ratings[2]",)
        assert caught.value.problems[0].message == (
            "expected one peer rating of 'c1' per rater; rating 0 has the same criterion, "
            "role and rater"
        )

    def test_different_raters_or_roles_may_rate_the_same_criterion(self) -> None:
        """Ratings of one criterion by different raters or roles are allowed."""
        ratings = [
            Rating(criterion_id="c1", level="good", role="peer", rater="x"),
            Rating(criterion_id="c1", level="good", role="peer", rater="y"),
            Rating(criterion_id="c1", level="good", role="self"),
            Rating(criterion_id="c1", level="good", role="peer"),
        ]
        assert len(_assessment(ratings=ratings).ratings) == 4

    def test_every_consistency_problem_is_reported(self) -> None:
        """Duplicate evidence, unknown citations and duplicate ratings are all reported."""
        ratings = [
            Rating(criterion_id="c1", level="good", evidence_ids=["nope"]),
            Rating(criterion_id="c1", level="good"),
        ]
        with pytest.raises(ValidationError) as caught:
            _assessment(ratings=ratings, evidence=[_evidence("e1"), _evidence("e1")])
        assert caught.value.paths == (
            "$.evidence[1].id",
            "$.ratings[0].evidence_ids[0]",
            "$.ratings[1]",
        )

    def test_ratings_must_be_ratings(self) -> None:
        """A rating given as a mapping is rejected at its index."""
        with pytest.raises(ValidationError) as caught:
            _assessment(ratings=[{"criterion_id": "c1", "level": "good"}])
        assert caught.value.paths == ("$.ratings[0]",)

    def test_subject_must_be_an_id(self) -> None:
        """A subject that is not an id is rejected at $.subject."""
        with pytest.raises(ValidationError) as caught:
            _assessment(subject="Northshire Police")
        assert caught.value.paths == ("$.subject",)

    def test_period_must_be_a_period(self) -> None:
        """A period given as text is rejected at $.period."""
        with pytest.raises(ValidationError) as caught:
            _assessment(period="2024")
        assert caught.value.paths == ("$.period",)


class TestAssessmentCheck:
    def test_complete_assessment_has_no_findings(self) -> None:
        """A complete, consistent assessment has no findings."""
        assert _findings(_assessment(), max_evidence_age=YEAR) == []

    def test_framework_mismatch(self) -> None:
        """A different framework id is an error at $.framework_id."""
        finding = _only(_assessment(framework_id="other"))
        assert (finding.code, finding.severity, finding.path) == (
            "framework_mismatch",
            Severity.ERROR,
            "$.framework_id",
        )
        assert finding.message == "expected the framework 'fw'; found 'other'"

    def test_version_mismatch(self) -> None:
        """A different framework version is a warning at $.framework_version."""
        finding = _only(_assessment(framework_version="2023.1"))
        assert (finding.code, finding.severity, finding.path) == (
            "version_mismatch",
            Severity.WARNING,
            "$.framework_version",
        )
        assert "'2024.1'" in finding.message
        assert "'2023.1'" in finding.message

    def test_matching_version(self) -> None:
        """The framework's own version raises no finding."""
        assert _findings(_assessment(framework_version="2024.1")) == []

    def test_unknown_criterion_in_rating(self) -> None:
        """A rating of an unknown criterion is an error at its criterion_id."""
        ratings = [*_complete_ratings(), Rating(criterion_id="zz", level="good")]
        finding = _only(_assessment(ratings=ratings))
        assert (finding.code, finding.severity, finding.path) == (
            "unknown_criterion",
            Severity.ERROR,
            "$.ratings[3].criterion_id",
        )
        assert finding.message == "expected a criterion of framework 'fw'; found 'zz'"

    def test_rating_of_a_domain(self) -> None:
        """A rating of a domain's id is an unknown criterion, saying it is a domain."""
        ratings = [*_complete_ratings(), Rating(criterion_id="d", level="good")]
        finding = _only(_assessment(ratings=ratings))
        assert (finding.code, finding.path) == ("unknown_criterion", "$.ratings[3].criterion_id")
        assert finding.message.endswith("found 'd' (that is a domain)")

    def test_unknown_criterion_in_evidence(self) -> None:
        """Evidence naming an unknown criterion is an error at that criterion id."""
        evidence = [*_complete_evidence(), _evidence("x1", criterion_ids=["c1", "zz"])]
        finding = _only(_assessment(evidence=evidence))
        assert (finding.code, finding.severity, finding.path) == (
            "unknown_criterion",
            Severity.ERROR,
            "$.evidence[3].criterion_ids[1]",
        )
        assert "found 'zz'" in finding.message

    def test_evidence_naming_a_domain(self) -> None:
        """Evidence naming a domain's id is an unknown criterion."""
        evidence = [*_complete_evidence(), _evidence("x1", criterion_ids=["d"])]
        assert _findings(_assessment(evidence=evidence)) == [
            ("unknown_criterion", "error", "$.evidence[3].criterion_ids[0]")
        ]

    def test_level_not_on_framework_scale(self) -> None:
        """A level the framework's scale lacks is an error at the rating's level."""
        ratings = _complete_ratings()
        ratings[0] = Rating(criterion_id="c1", level="green", evidence_ids=["p1", "m1"])
        finding = _only(_assessment(ratings=ratings))
        assert (finding.code, finding.severity, finding.path) == (
            "level_not_on_scale",
            Severity.ERROR,
            "$.ratings[0].level",
        )
        assert "expected a level of scale 'ofsted4'" in finding.message
        assert "or 'not_applicable'; found 'green'" in finding.message

    def test_level_not_on_criterion_scale(self) -> None:
        """A criterion's own scale decides: 'good' is not a MET3 level."""
        ratings = _complete_ratings()
        ratings[1] = Rating(criterion_id="c2.a", level="good")
        finding = _only(_assessment(ratings=ratings))
        assert (finding.code, finding.path) == ("level_not_on_scale", "$.ratings[1].level")
        assert "scale 'met3' (not_met, partially_met, fully_met)" in finding.message

    def test_criterion_scale_level_not_valid_elsewhere(self) -> None:
        """A MET3 level on an OFSTED4 criterion is not on its scale."""
        ratings = _complete_ratings()
        ratings[2] = Rating(criterion_id="c3", level="fully_met", evidence_ids=["s1"])
        assert _findings(_assessment(ratings=ratings)) == [
            ("level_not_on_scale", "error", "$.ratings[2].level")
        ]

    def test_unrated_criterion(self) -> None:
        """A leaf left unrated by a role that rated others is a warning at $.ratings."""
        finding = _only(_assessment(ratings=_complete_ratings()[:2]))
        assert (finding.code, finding.severity, finding.path) == (
            "unrated",
            Severity.WARNING,
            "$.ratings",
        )
        assert finding.message == "criterion 'c3' has no self rating"

    def test_unrated_is_per_role(self) -> None:
        """Each role that rated must rate every leaf; one role's ratings do not cover another."""
        ratings = [
            *_complete_ratings("self"),
            Rating(criterion_id="c2.a", level="not_met", role="moderated"),
        ]
        findings = _assessment(ratings=ratings).check(_framework(), as_of=AS_OF)
        assert [(f.code, f.message) for f in findings] == [
            ("unrated", "criterion 'c1' has no moderated rating"),
            ("unrated", "criterion 'c3' has no moderated rating"),
        ]

    def test_rating_a_parent_does_not_cover_its_children(self) -> None:
        """Rating a criterion with sub-criteria leaves its leaves unrated."""
        ratings = _complete_ratings()
        ratings[1] = Rating(criterion_id="c2", level="good")
        finding = _only(_assessment(ratings=ratings))
        assert (finding.code, finding.message) == ("unrated", "criterion 'c2.a' has no self rating")

    def test_not_applicable_counts_as_rated(self) -> None:
        """An N/A rating counts as rating the criterion."""
        ratings = _complete_ratings()
        ratings[1] = Rating.not_applicable("c2.a", reason="No residential services")
        assert _findings(_assessment(ratings=ratings)) == []

    def test_no_ratings_no_unrated_findings(self) -> None:
        """With no ratings at all, no role is expected to rate anything."""
        assert _findings(_assessment(ratings=[])) == []

    def test_missing_evidence_count(self) -> None:
        """A rating citing fewer pieces than expected is a warning at its evidence_ids."""
        ratings = _complete_ratings()
        ratings[2] = Rating(criterion_id="c3", level="good")
        finding = _only(_assessment(ratings=ratings))
        assert (finding.code, finding.severity, finding.path) == (
            "missing_evidence",
            Severity.WARNING,
            "$.ratings[2].evidence_ids",
        )
        assert finding.message == (
            "criterion 'c3' expects 1 piece(s) of evidence; the rating cites 0"
        )

    def test_missing_evidence_of_accepted_kinds(self) -> None:
        """Evidence of a kind the criterion does not accept does not count."""
        ratings = _complete_ratings()
        ratings[0] = Rating(criterion_id="c1", level="good", evidence_ids=["p1", "s1"])
        finding = _only(_assessment(ratings=ratings))
        assert (finding.code, finding.path) == ("missing_evidence", "$.ratings[0].evidence_ids")
        assert finding.message == (
            "criterion 'c1' expects 2 piece(s) of evidence of kind policy, minutes; "
            "the rating cites 1"
        )

    def test_citing_the_same_evidence_twice_counts_once(self) -> None:
        """Citing one piece of evidence twice does not make two pieces."""
        ratings = _complete_ratings()
        ratings[0] = Rating(criterion_id="c1", level="good", evidence_ids=["p1", "p1"])
        finding = _only(_assessment(ratings=ratings))
        assert finding.code == "missing_evidence"
        assert finding.message.endswith("; the rating cites 1")

    def test_not_applicable_is_not_flagged_for_evidence(self) -> None:
        """An N/A rating of a criterion that expects evidence raises no finding."""
        ratings = _complete_ratings()
        ratings[0] = Rating.not_applicable("c1", reason="No such service")
        assert _findings(_assessment(ratings=ratings)) == []

    def test_stale_evidence(self) -> None:
        """Evidence older than max_evidence_age on as_of is a stale warning at the item."""
        evidence = _complete_evidence()
        evidence[0] = _evidence("p1", criterion_ids=["c1"], collected_on=D(2023, 6, 29))
        finding = _only(_assessment(evidence=evidence), max_evidence_age=YEAR)
        assert (finding.code, finding.severity, finding.path) == (
            "stale_evidence",
            Severity.WARNING,
            "$.evidence[0]",
        )
        assert finding.message == (
            "evidence 'p1' is dated 2023-06-29: 367 days old on 2024-06-30, "
            "more than the 365 allowed"
        )

    def test_evidence_exactly_max_age_is_not_stale(self) -> None:
        """Evidence exactly max_evidence_age old is not stale."""
        evidence = _complete_evidence()
        evidence[0] = _evidence("p1", criterion_ids=["c1"], collected_on=AS_OF - YEAR)
        assert _findings(_assessment(evidence=evidence), max_evidence_age=YEAR) == []

    def test_stale_by_period_end(self) -> None:
        """Undated evidence describing a period is aged from the period's end."""
        evidence = _complete_evidence()
        evidence[2] = _evidence("s1", "survey", period=Period.financial_year(2022))
        assert _findings(_assessment(evidence=evidence), max_evidence_age=YEAR) == [
            ("stale_evidence", "warning", "$.evidence[2]")
        ]

    def test_future_evidence(self) -> None:
        """Evidence dated after as_of is a future warning at the item."""
        evidence = _complete_evidence()
        evidence[1] = _evidence("m1", "minutes", collected_on=D(2024, 7, 1))
        finding = _only(_assessment(evidence=evidence), max_evidence_age=YEAR)
        assert (finding.code, finding.severity, finding.path) == (
            "future_evidence",
            Severity.WARNING,
            "$.evidence[1]",
        )
        assert finding.message == "evidence 'm1' is dated 2024-07-01, after 2024-06-30"

    def test_undated_evidence(self) -> None:
        """Evidence without a date or period is an info finding when age is checked."""
        evidence = _complete_evidence()
        evidence[2] = _evidence("s1", "survey")
        finding = _only(_assessment(evidence=evidence), max_evidence_age=YEAR)
        assert (finding.code, finding.severity, finding.path) == (
            "undated_evidence",
            Severity.INFO,
            "$.evidence[2]",
        )
        assert "'s1' has neither a collection date nor a period" in finding.message

    def test_age_not_checked_without_max_age(self) -> None:
        """Without max_evidence_age, old and undated evidence raise nothing."""
        evidence = [
            _evidence("p1", collected_on=D(1990, 1, 1)),
            _evidence("m1", "minutes", collected_on=D(2020, 1, 1)),
            _evidence("s1", "survey"),
        ]
        assert _findings(_assessment(evidence=evidence)) == []

    def test_future_evidence_found_without_max_age(self) -> None:
        """Evidence dated after as_of is flagged whether or not age is checked."""
        evidence = [*_complete_evidence(), _evidence("f1", collected_on=D(2099, 1, 1))]
        findings = _assessment(evidence=evidence).check(_framework(), as_of=D(2024, 6, 1))
        assert [(f.code, f.path) for f in findings] == [("future_evidence", "$.evidence[3]")]

    def test_as_of_defaults_to_today(self) -> None:
        """Without as_of, evidence dated after today is future evidence."""
        evidence = _complete_evidence()
        evidence[0] = _evidence("p1", collected_on=datetime.date.today() + datetime.timedelta(1))
        findings = _assessment(evidence=evidence).check(_framework(), max_evidence_age=YEAR * 100)
        assert [(f.code, f.path) for f in findings] == [("future_evidence", "$.evidence[0]")]

    def test_findings_in_document_order(self) -> None:
        """Findings follow the document: framework, ratings, unrated, then evidence."""
        ratings = [
            Rating(criterion_id="zz", level="good"),
            Rating(criterion_id="c1", level="great", evidence_ids=["p1", "m1"]),
        ]
        evidence = [*_complete_evidence(), _evidence("x1", criterion_ids=["yy"])]
        assessment = _assessment(framework_version="1", ratings=ratings, evidence=evidence)
        assert _findings(assessment, max_evidence_age=YEAR) == [
            ("version_mismatch", "warning", "$.framework_version"),
            ("unknown_criterion", "error", "$.ratings[0].criterion_id"),
            ("level_not_on_scale", "error", "$.ratings[1].level"),
            ("unrated", "warning", "$.ratings"),
            ("unrated", "warning", "$.ratings"),
            ("unknown_criterion", "error", "$.evidence[3].criterion_ids[0]"),
            ("undated_evidence", "info", "$.evidence[3]"),
        ]


class TestAssessmentValidate:
    def test_returns_findings_without_errors(self) -> None:
        """validate returns the warnings and info findings when there is no error."""
        findings = _assessment(framework_version="1").validate(_framework(), as_of=AS_OF)
        assert [f.code for f in findings] == ["version_mismatch"]

    def test_returns_nothing_for_a_clean_assessment(self) -> None:
        """validate of a clean assessment returns no findings."""
        assert _assessment().validate(_framework(), as_of=AS_OF) == ()

    def test_raises_listing_only_errors(self) -> None:
        """validate raises a ValidationError listing every error and no warning."""
        ratings = [
            Rating(criterion_id="zz", level="good"),
            Rating(criterion_id="c1", level="great"),
        ]
        with pytest.raises(ValidationError) as caught:
            _assessment(framework_version="1", ratings=ratings).validate(_framework(), as_of=AS_OF)
        assert caught.value.problems == (
            Problem(
                "$.ratings[0].criterion_id", "expected a criterion of framework 'fw'; found 'zz'"
            ),
            Problem(
                "$.ratings[1].level",
                "expected a level of scale 'ofsted4' (inadequate, requires_improvement, good, "
                "outstanding) or 'not_applicable'; found 'great'",
            ),
        )

    def test_passes_age_options_to_check(self) -> None:
        """validate checks evidence age with the as_of and max_evidence_age given."""
        evidence = _complete_evidence()
        evidence[0] = _evidence("p1", collected_on=D(2020, 1, 1))
        findings = _assessment(evidence=evidence).validate(
            _framework(), as_of=AS_OF, max_evidence_age=YEAR
        )
        assert [f.code for f in findings] == ["stale_evidence"]
