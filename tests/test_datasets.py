"""Tests for lscbqa.datasets: the shipped Northshire example and the national synthetic generator.

The example's story is checked with the library's own analyses: re-referrals turn the
curve (``turn_the_curve``), training reach shows an SPC special cause (``xmr``),
assessments within 45 days dip (``benchmark``), case auditors agree moderately with one
poor criterion (``agreement``). The shipped files are compared with what the generator
produces now, so they cannot drift from it.
"""

from __future__ import annotations

import collections
import datetime
import hashlib
import importlib
import re
from importlib import resources
from importlib.resources.abc import Traversable

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lscbqa.agencies import Sector
from lscbqa.assessment import Assessment, Role
from lscbqa.datasets import SyntheticData, _northshire, example_partnership, synthetic
from lscbqa.datasets.synthetic import LEVEL_SHARES, NOT_APPLICABLE_REASONS
from lscbqa.evidence import Sensitivity
from lscbqa.exceptions import NotFoundError, ValidationError
from lscbqa.indicators import turn_the_curve
from lscbqa.indicators.benchmarking import benchmark
from lscbqa.indicators.spc import xmr
from lscbqa.report.partnership import Partnership
from lscbqa.scoring.agreement import agreement
from lscbqa.scrutiny.log import Status

# The module, not the function the package re-exports under the same name.
synthetic_module = importlib.import_module("lscbqa.datasets.synthetic")

STORY_INDICATORS = {"rereferrals", "training_reach", "assessments_45_days"}


def _shipped(folder: Traversable, prefix: str = "") -> dict[str, str]:
    files = {}
    for item in folder.iterdir():
        name = f"{prefix}{item.name}"
        if item.is_dir():
            files.update(_shipped(item, f"{name}/"))
        else:
            files[name] = item.read_text("utf-8")
    return files


@pytest.fixture(scope="module")
def northshire() -> Partnership:
    return example_partnership()


def _levels(assessments: tuple[Assessment, ...], role: str) -> list[int]:
    return [
        int(r.level)
        for a in assessments
        for r in a.ratings
        if r.role == role and not r.is_not_applicable
    ]


class TestExamplePartnership:
    def test_shipped_files_are_what_the_generator_produces(self) -> None:
        """The files in the package are exactly the generator's output: no drift, no extras."""
        folder = resources.files("lscbqa.datasets").joinpath("data", "northshire")
        assert _shipped(folder) == _northshire.generate()

    def test_is_cached(self) -> None:
        """Every call returns the same loaded value."""
        assert example_partnership() is example_partnership()

    def test_names_the_partnership_and_its_area(self, northshire: Partnership) -> None:
        """The partnership is Northshire, and its area is a row of the panel."""
        assert (northshire.id, northshire.name, northshire.area) == (
            "northshire",
            "Northshire Safeguarding Children Partnership",
            "northshire",
        )
        assert northshire.panel is not None
        assert northshire.area in northshire.panel.areas

    def test_has_twelve_agencies_two_pairs_sharing_an_organisation(
        self, northshire: Partnership
    ) -> None:
        """12 agencies; the council's two services and the NHS trust's two share organisations."""
        assert len(northshire.agencies) == 12
        shared = collections.Counter(a.organisation for a in northshire.agencies if a.organisation)
        assert shared == {"northshire-council": 2, "northshire-nhs-trust": 2}
        assert sum(a.statutory for a in northshire.agencies) == 9

    def test_one_section11_assessment_per_agency_and_cycle(self, northshire: Partnership) -> None:
        """Every agency has one assessment in each of the two cycles, its period the cycle."""
        pairs = {(a.subject, a.period) for a in northshire.section11_assessments}
        agencies = {a.id for a in northshire.agencies}
        assert len(northshire.section11_assessments) == 24
        assert pairs == {(agency, cycle) for agency in agencies for cycle in _northshire.CYCLES}

    def test_every_leaf_has_a_self_and_a_moderated_rating(self, northshire: Partnership) -> None:
        """Each assessment rates every leaf criterion once as self and once as moderated."""
        assert northshire.section11 is not None
        leaves = sorted(c.id for c in northshire.section11.criteria(leaves_only=True))
        for assessment in northshire.section11_assessments:
            for role in (Role.SELF, Role.MODERATED):
                rated = sorted(r.criterion_id for r in assessment.ratings if r.role is role)
                assert rated == leaves

    def test_section11_assessments_pass_their_checks(self, northshire: Partnership) -> None:
        """No finding at all: levels on scale, every rating backed by the evidence expected."""
        assert northshire.section11 is not None
        as_of = datetime.date(2025, 6, 30)
        findings = [
            str(finding)
            for a in northshire.section11_assessments
            for finding in a.check(northshire.section11, as_of=as_of)
        ]
        assert findings == []

    def test_self_ratings_are_a_little_higher_than_moderated(self, northshire: Partnership) -> None:
        """Agencies rate themselves higher than the panel does, by less than half a level."""
        self_mean = np.mean(_levels(northshire.section11_assessments, "self"))
        moderated_mean = np.mean(_levels(northshire.section11_assessments, "moderated"))
        assert 0.05 < self_mean - moderated_mean < 0.5

    def test_some_ratings_are_not_applicable_with_reasons(self, northshire: Partnership) -> None:
        """A few criteria do not apply to some agencies, each with its reason."""
        reasons = [
            r.reason
            for a in northshire.section11_assessments
            for r in a.ratings
            if r.is_not_applicable
        ]
        assert len(reasons) >= 6
        assert all(reason and reason.strip() for reason in reasons)

    def test_personal_evidence_is_cited(self, northshire: Partnership) -> None:
        """Evidence describing a child is marked personal and cited by a rating."""
        for assessments in (northshire.section11_assessments, northshire.case_audit_assessments):
            cited = {
                evidence_id
                for a in assessments
                for r in a.ratings
                for evidence_id in r.evidence_ids
                if a.evidence_item(evidence_id).sensitivity is Sensitivity.PERSONAL
            }
            assert cited

    def test_case_audit_has_six_cases_by_five_auditors(self, northshire: Partnership) -> None:
        """One assessment per case and auditor; every rating names its auditor."""
        audits = northshire.case_audit_assessments
        pairs = {(a.subject, r.rater) for a in audits for r in a.ratings}
        assert len(audits) == 30
        assert len(pairs) == 30
        assert {rater for _, rater in pairs} == set(_northshire.AUDITORS)

    def test_case_audit_passes_its_checks(self, northshire: Partnership) -> None:
        """Case audit assessments have no findings."""
        assert northshire.case_audit is not None
        as_of = datetime.date(2025, 6, 30)
        assert [
            str(f)
            for a in northshire.case_audit_assessments
            for f in a.check(northshire.case_audit, as_of=as_of)
        ] == []

    def test_auditors_agree_moderately_with_one_poor_criterion(
        self, northshire: Partnership
    ) -> None:
        """Ordinal alpha is moderate overall; voice.influence is the worst, and poor."""
        report = agreement(northshire.case_audit_assessments, framework=northshire.case_audit)
        by_criterion = {k: v.value for k, v in report.by_criterion.items()}
        assert 0.4 <= report.overall.value <= 0.75
        assert min(by_criterion, key=by_criterion.__getitem__) == _northshire.POOR_AGREEMENT
        assert by_criterion[_northshire.POOR_AGREEMENT] < 0.2

    def test_an_immediate_concern_is_raised(self, northshire: Partnership) -> None:
        """One auditor flags an immediate concern about a child."""
        flagged = [
            (a.subject, r.criterion_id)
            for a in northshire.case_audit_assessments
            for r in a.ratings
            if r.immediate_concern
        ]
        assert flagged == [("case-3", "outcomes.safety")]

    def test_panel_holds_the_region_and_england(self, northshire: Partnership) -> None:
        """14 areas of the region plus England, the 8 indicators, 20 quarters."""
        assert northshire.panel is not None
        assert northshire.panel.shape == (15, 8, 20)
        assert northshire.panel.labels[0] == "2020-Q2"
        assert northshire.panel.labels[-1] == "2025-Q1"
        assert [i.id for i in northshire.indicators] == list(northshire.panel.indicators)

    def test_rereferrals_turn_the_curve(self, northshire: Partnership) -> None:
        """After a rising three-year baseline, re-referrals do better than the forecast."""
        assert northshire.panel is not None
        series = northshire.panel.series("northshire", "rereferrals")
        result = turn_the_curve(series, baseline_end="2023-Q1", polarity="lower_is_better")
        assert str(result.status) == "turned"

    def test_training_reach_shows_a_special_cause(self, northshire: Partnership) -> None:
        """Training reach steps up: special-cause improvement on the XmR chart."""
        assert northshire.panel is not None
        result = xmr(northshire.panel.series("northshire", "training_reach"))
        assert result.special_cause.any()
        assert result.variation_icon == "improvement_high"

    def test_other_indicators_show_common_cause_only(self, northshire: Partnership) -> None:
        """Northshire's indicators outside the story vary by common cause alone."""
        assert northshire.panel is not None
        special = {
            indicator.id
            for indicator in northshire.indicators
            if indicator.id not in STORY_INDICATORS
            and xmr(
                northshire.panel.series("northshire", indicator.id),
                improvement_direction=indicator,
            ).special_cause.any()
        }
        assert special == set()

    def test_assessments_within_45_days_dip(self, northshire: Partnership) -> None:
        """The datapack flags one dipping indicator: assessments within 45 days."""
        assert northshire.panel is not None
        assert northshire.comparators is not None
        result = benchmark(
            northshire.panel,
            "northshire",
            comparators=northshire.comparators,
            indicators=northshire.indicators,
        )
        assert [row.indicator_id for row in result.rows if row.dipping] == ["assessments_45_days"]

    def test_comparators_give_ten_neighbours_in_one_region(self, northshire: Partnership) -> None:
        """Every area of the region has 10 statistical neighbours; England has its own row."""
        comparators = northshire.comparators
        assert comparators is not None
        assert len(comparators.region_areas(_northshire.REGION)) == 14
        assert {len(n) for n in comparators.neighbours.values()} == {10}
        assert comparators.england == "england"

    def test_challenge_log_has_a_reciprocal_pair(self, northshire: Partnership) -> None:
        """Police and children's services challenge each other."""
        assert northshire.challenge_log is not None
        pairs = {(e.challenger, e.challenged) for e in northshire.challenge_log.events}
        assert ("police", "la") in pairs
        assert ("la", "police") in pairs

    def test_one_agency_is_never_challenged(self, northshire: Partnership) -> None:
        """Exactly one agency, the early years alliance, is never challenged."""
        assert northshire.challenge_log is not None
        challenged = {e.challenged for e in northshire.challenge_log.events}
        never = [a.id for a in northshire.agencies if a.id not in challenged]
        assert never == ["early-years"]

    def test_challenge_log_has_open_and_escalated_challenges(self, northshire: Partnership) -> None:
        """Some challenges are still open, some escalated; several kinds of event."""
        assert northshire.challenge_log is not None
        events = northshire.challenge_log.events
        statuses = {e.status for e in events}
        assert {Status.OPEN, Status.ESCALATED, Status.RESOLVED} <= statuses
        assert len({e.kind for e in events}) >= 6
        assert all(_northshire.LOG_START <= e.raised <= _northshire.LOG_END for e in events)

    def test_board_meetings_record_attendance(self, northshire: Partnership) -> None:
        """Twelve board meetings over two years, with some absences."""
        assert northshire.challenge_log is not None
        meetings = northshire.challenge_log.meetings
        assert len(meetings) == 12
        assert any(m.absent for m in meetings)


class TestSyntheticData:
    def test_equal_for_the_same_seed(self) -> None:
        """Two draws with the same seed are equal."""
        assert synthetic(3, agencies_per_board=4, seed=5, quarters=8) == synthetic(
            3, agencies_per_board=4, seed=5, quarters=8
        )

    def test_differs_for_another_seed(self) -> None:
        """Draws with different seeds differ."""
        first = synthetic(3, agencies_per_board=4, seed=5, quarters=8)
        second = synthetic(3, agencies_per_board=4, seed=6, quarters=8)
        assert first != second
        assert first.panel != second.panel
        assert not np.array_equal(first.moderated_levels, second.moderated_levels)  # type: ignore[arg-type]

    def test_assessments_are_built_once_on_first_access(self) -> None:
        """The assessments property builds real values once and keeps them."""
        data = synthetic(2, agencies_per_board=3, parts=("assessments",))
        assert data.assessments is data.assessments
        assert all(isinstance(a, Assessment) for a in data.assessments)

    def test_assessments_follow_the_arrays(self) -> None:
        """Each assessment's ratings are the drawn levels, with reasons where not applicable."""
        data = synthetic(2, agencies_per_board=3, criteria=12, parts=("assessments",))
        assert data.moderated_levels is not None
        assert data.reasons is not None
        codes = data.framework.scale.codes
        assessment = data.assessments[4]  # board 1, agency 1
        moderated = [r for r in assessment.ratings if r.role is Role.MODERATED]
        expected = [
            "not_applicable" if level < 0 else codes[level]
            for level in data.moderated_levels[1, 1].tolist()
        ]
        assert [r.level for r in moderated] == expected
        assert all(
            r.reason == NOT_APPLICABLE_REASONS[data.reasons[1, 1, i]]
            for i, r in enumerate(moderated)
            if r.is_not_applicable
        )

    def test_assessments_pass_their_checks(self) -> None:
        """Synthetic assessments are valid against the synthetic framework."""
        data = synthetic(2, agencies_per_board=3, parts=("assessments",))
        assert [str(f) for a in data.assessments for f in a.check(data.framework)] == []

    def test_missing_part_raises(self) -> None:
        """Asking for assessments that were not drawn says how to draw them."""
        data = synthetic(2, agencies_per_board=3, parts=("panel",))
        with pytest.raises(NotFoundError, match="parts"):
            _ = data.assessments

    def test_rating_count_counts_self_and_moderated(self) -> None:
        """Two ratings per agency and criterion."""
        assert synthetic(2, agencies_per_board=3, parts=("assessments",)).rating_count == 720

    def test_agencies_are_there_whatever_parts_are_drawn(self) -> None:
        """A panel-only draw has the same agencies as a draw of every part."""
        alone = synthetic(3, agencies_per_board=8, quarters=4, parts=("panel",))
        full = synthetic(3, agencies_per_board=8, quarters=4, events_per_board=2)
        assert len(alone.agencies) == 24
        assert alone.agencies == full.agencies

    def test_agencies_are_built_on_first_access_and_kept(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Drawing the panel builds no agency; the first read builds them, later reads reuse."""
        calls = []
        build = synthetic_module._agencies

        def counting(*args: object) -> object:
            calls.append(args)
            return build(*args)  # type: ignore[arg-type]

        monkeypatch.setattr(synthetic_module, "_agencies", counting)
        data = synthetic(2, agencies_per_board=3, quarters=4, parts=("panel", "assessments"))
        _ = data.assessments
        assert calls == []
        assert data.agencies is data.agencies
        assert len(calls) == 1

    def test_agencies_are_the_challenge_logs_when_it_is_drawn(self) -> None:
        """With a challenge log, the agencies are the log's own value."""
        data = synthetic(2, agencies_per_board=3, quarters=4, parts=("challenge_log",))
        assert data.challenge_log is not None
        assert data.agencies is data.challenge_log.agencies

    def test_childrens_services_and_education_share_an_organisation(self) -> None:
        """In each board the local authority (a00) and education (a06) are one council."""
        data = synthetic(3, agencies_per_board=30, parts=())
        shared = [(a.id, a.sector, a.organisation) for a in data.agencies if a.organisation]
        assert shared == [
            (f"b{board:03d}.{agency}", sector, f"b{board:03d}.council")
            for board in range(3)
            for agency, sector in (("a00", Sector.LOCAL_AUTHORITY), ("a06", Sector.EDUCATION))
        ]

    def test_audit_grades_take_part_in_equality(self) -> None:
        """Draws that differ only in their case audit are not equal."""
        first = synthetic(1, agencies_per_board=1, parts=("case_audit",), audit_cases=50)
        second = synthetic(1, agencies_per_board=1, parts=("case_audit",), audit_cases=51)
        assert first != second


class TestSynthetic:
    def test_national_framework_has_sixty_criteria_in_six_domains(self) -> None:
        """The default framework has 60 leaf criteria in 6 domains on the Ofsted scale."""
        framework = synthetic(1, agencies_per_board=1, parts=()).framework
        assert framework.counts() == {"domains": 6, "criteria": 60}
        assert framework.scale.id == "ofsted4"

    def test_level_shares_match_the_request(self) -> None:
        """Moderated levels come in the requested shares, about 10 % not applicable."""
        data = synthetic(40, parts=("assessments",))
        levels = data.moderated_levels
        assert levels is not None
        rated = levels[levels >= 0]
        shares = np.bincount(rated, minlength=4) / rated.size
        np.testing.assert_allclose(shares, LEVEL_SHARES, atol=0.03)
        assert float((levels < 0).mean()) == pytest.approx(0.10, abs=0.01)

    def test_self_ratings_are_optimistic(self) -> None:
        """Self levels average higher than moderated ones, by less than half a level."""
        data = synthetic(20, parts=("assessments",))
        assert data.self_levels is not None
        assert data.moderated_levels is not None
        rated = data.moderated_levels >= 0
        gap = data.self_levels[rated].mean() - data.moderated_levels[rated].mean()
        assert 0.1 < gap < 0.5

    def test_boards_differ(self) -> None:
        """Board effects: boards' mean moderated levels spread more than noise alone would."""
        levels = synthetic(60, parts=("assessments",)).moderated_levels
        assert levels is not None
        means = np.nanmean(np.where(levels >= 0, levels, np.nan), axis=(1, 2))
        noise_only = np.sqrt(0.5 / (30 * 60 * 0.9))
        assert means.std() > 5 * noise_only

    def test_arrays_are_read_only(self) -> None:
        """The level arrays cannot be changed."""
        data = synthetic(1, agencies_per_board=2, parts=("assessments",))
        assert data.moderated_levels is not None
        with pytest.raises(ValueError, match="read-only"):
            data.moderated_levels[0, 0, 0] = 1

    def test_a_part_is_the_same_whatever_else_is_drawn(self) -> None:
        """Each part has its own stream: the panel alone equals the panel of everything."""
        alone = synthetic(3, agencies_per_board=2, quarters=8, parts=("panel",))
        full = synthetic(3, agencies_per_board=2, quarters=8)
        assert alone.panel == full.panel
        assert alone.comparators == full.comparators

    def test_other_parts_keep_the_values_they_had_before_the_case_audit(self) -> None:
        """Adding the case audit's stream left every other part's values as they were."""
        # Drawn with lscbqa before the "case_audit" part existed (commit 3ef57e6), except
        # the second event's raised day: 26 February until events could be raised on the
        # log's last day too (the draw's top became inclusive), which moved it by one.
        data = synthetic(1, agencies_per_board=2, criteria=6, seed=3, quarters=4,
                         events_per_board=2)  # fmt: skip
        assert data.moderated_levels is not None
        assert data.self_levels is not None
        assert data.panel is not None
        assert data.challenge_log is not None
        assert data.moderated_levels.tolist() == [[[1, 1, 1, 2, 2, 2], [2, -1, 1, 2, 1, 2]]]
        assert data.self_levels.tolist() == [[[1, 1, 1, 3, 3, 2], [1, -1, 2, 3, 2, 2]]]
        assert data.panel.values[0, :, -1].tolist() == [
            20.2, 15.2, 3.2, 46.9, 71.2, 8.6, 63.7, 73.0
        ]  # fmt: skip
        assert [(e.challenger, e.challenged, e.raised) for e in data.challenge_log.events] == [
            ("b000.a00", "b000.a01", datetime.date(2015, 6, 13)),
            ("b000.board", "b000.a01", datetime.date(2015, 2, 27)),
        ]

    def test_case_audit_is_the_same_whatever_else_is_drawn(self) -> None:
        """The case audit alone equals the case audit drawn with every other part."""
        alone = synthetic(3, agencies_per_board=2, quarters=8, parts=("case_audit",))
        full = synthetic(3, agencies_per_board=2, quarters=8)
        assert full.audit_grades is not None
        assert np.array_equal(alone.audit_grades, full.audit_grades)  # type: ignore[arg-type]

    def test_case_audit_leaves_the_other_parts_alone(self) -> None:
        """Drawing the case audit too changes none of the other parts."""
        others = ("assessments", "panel", "challenge_log")
        without = synthetic(3, agencies_per_board=2, quarters=8, parts=others)
        full = synthetic(3, agencies_per_board=2, quarters=8)
        assert without.audit_grades is None
        assert np.array_equal(without.moderated_levels, full.moderated_levels)  # type: ignore[arg-type]
        assert without.panel == full.panel
        assert without.challenge_log == full.challenge_log

    def test_case_audit_is_auditors_by_cases_of_levels(self) -> None:
        """Auditors x cases of int8 level positions 0..3, -1 where not graded."""
        grades = synthetic(1, agencies_per_board=1, parts=("case_audit",), auditors=7,
                           audit_cases=300).audit_grades  # fmt: skip
        assert grades is not None
        assert grades.shape == (7, 300)
        assert grades.dtype == np.int8
        assert set(np.unique(grades).tolist()) == {-1, 0, 1, 2, 3}

    def test_case_audit_defaults_to_twenty_auditors_and_ten_thousand_cases(self) -> None:
        """The default audit is issue 7's workload: 20 auditors x 10,000 cases."""
        grades = synthetic(1, agencies_per_board=1, parts=("case_audit",)).audit_grades
        assert grades is not None
        assert grades.shape == (20, 10_000)

    def test_case_audit_is_read_only(self) -> None:
        """The audit grades cannot be changed."""
        grades = synthetic(1, agencies_per_board=1, parts=("case_audit",)).audit_grades
        assert grades is not None
        with pytest.raises(ValueError, match="read-only"):
            grades[0, 0] = 1

    @pytest.mark.parametrize("missing", [0.0, 0.1, 0.35])
    def test_case_audit_misses_the_share_asked_for(self, missing: float) -> None:
        """About ``audit_missing`` of the grades are missing (-1)."""
        grades = synthetic(1, agencies_per_board=1, parts=("case_audit",),
                           audit_missing=missing).audit_grades  # fmt: skip
        assert grades is not None
        assert float((grades < 0).mean()) == pytest.approx(missing, abs=0.005)

    def test_case_audit_is_the_same_for_the_same_seed(self) -> None:
        """Two audits with the same seed are equal; another seed gives another audit."""

        def grades(seed: int) -> np.ndarray:
            drawn = synthetic(1, agencies_per_board=1, parts=("case_audit",), seed=seed,
                              audit_cases=500).audit_grades  # fmt: skip
            assert drawn is not None
            return drawn

        assert np.array_equal(grades(4), grades(4))
        assert not np.array_equal(grades(4), grades(5))

    def test_auditors_mostly_give_the_modal_grade(self) -> None:
        """About 72 % of grades are the case's modal grade: 0.7, plus the ends' clipped moves."""
        grades = synthetic(1, agencies_per_board=1, parts=("case_audit",)).audit_grades
        assert grades is not None
        counts = np.stack([(grades == level).sum(axis=0) for level in range(4)])
        modal = counts.argmax(axis=0)
        graded = grades >= 0
        # Keep 0.7; at inadequate (6 %) and outstanding (10 %) half the moves are clipped back.
        expected = 0.7 + 0.15 * (LEVEL_SHARES[0] + LEVEL_SHARES[3])
        assert float((grades == modal)[graded].mean()) == pytest.approx(expected, abs=0.01)
        # Every grade is the true grade or next to it: a case's grades span at most 3 levels.
        spread = np.where(graded, grades, -9).max(axis=0) - np.where(graded, grades, 9).min(axis=0)
        assert int(spread.max()) == 2

    def test_case_audit_true_grades_follow_the_level_shares(self) -> None:
        """Cases' modal grades come in ``level_shares``; all "good" cases are graded 1 to 3."""
        grades = synthetic(1, agencies_per_board=1, parts=("case_audit",)).audit_grades
        assert grades is not None
        modal = np.stack([(grades == level).sum(axis=0) for level in range(4)]).argmax(axis=0)
        np.testing.assert_allclose(np.bincount(modal, minlength=4) / modal.size, LEVEL_SHARES,
                                   atol=0.015)  # fmt: skip
        good = synthetic(1, agencies_per_board=1, parts=("case_audit",),
                         level_shares=(0, 0, 1, 0)).audit_grades  # fmt: skip
        assert good is not None
        assert set(np.unique(good).tolist()) == {-1, 1, 2, 3}

    def test_panel_covers_every_board_and_england(self) -> None:
        """Boards and England x 8 indicators x the quarters asked for; without gaps, finite."""
        data = synthetic(12, agencies_per_board=2, quarters=40, parts=("panel",),
                         panel_missing=0)  # fmt: skip
        assert data.panel is not None
        assert data.panel.shape == (13, 8, 40)
        assert data.panel.areas[-1] == "england"
        assert np.isfinite(data.panel.values).all()

    def test_panel_series_shift_now_and_then(self) -> None:
        """Some series show an SPC special cause, most do not."""
        data = synthetic(30, agencies_per_board=2, quarters=40, parts=("panel",))
        assert data.panel is not None
        special = [
            xmr(data.panel.values[area, indicator]).special_cause.any()
            for area in range(30)
            for indicator in range(8)
        ]
        assert 0.05 < np.mean(special) < 0.9

    def test_comparators_have_ten_neighbours_each(self) -> None:
        """Every board has 10 statistical neighbours, none itself, and a region."""
        comparators = synthetic(20, agencies_per_board=2, parts=("panel",)).comparators
        assert comparators is not None
        assert len(comparators.regions) == 20
        assert all(len(n) == 10 and b not in n for b, n in comparators.neighbours.items())

    def test_neighbours_are_the_ones_drawn_before_the_speed_up(self) -> None:
        """A small draw's statistical neighbours, in order, are those the dense argsort gave."""
        # Drawn with the dense n x n stable argsort (commit 774bb56), before neighbours
        # were picked with argpartition in row chunks.
        comparators = synthetic(30, agencies_per_board=1, parts=("panel",), seed=11,
                                quarters=4).comparators  # fmt: skip
        assert comparators is not None
        assert comparators.neighbours["b000"] == (
            "b026", "b007", "b018", "b021", "b006", "b010", "b009", "b008", "b017", "b016"
        )  # fmt: skip
        assert comparators.neighbours["b029"] == (
            "b016", "b011", "b028", "b003", "b020", "b017", "b019", "b014", "b009", "b013"
        )  # fmt: skip

    def test_neighbours_across_row_chunks_are_the_ones_drawn_before(self) -> None:
        """1,100 boards (more than two row chunks): every board's neighbours as before."""
        # Digest of every board's neighbours drawn with the dense stable argsort (774bb56).
        data = synthetic(1100, agencies_per_board=1, parts=("panel",), seed=3, quarters=1)
        assert data.comparators is not None
        text = ";".join(",".join(data.comparators.neighbours[b]) for b in data.boards)
        assert hashlib.sha256(text.encode()).hexdigest() == (
            "563a6a3cfdaa242c859192de253b2a63d553882eabdbcc059520dd2016ace47c"
        )

    def test_neighbours_break_ties_as_a_stable_sort(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """On a grid full of equal distances, in chunks of 7 rows: a dense stable argsort's."""
        monkeypatch.setattr(synthetic_module, "_CHUNK", 7)
        features = np.random.default_rng(2).integers(0, 3, size=(60, 4)).astype(float)
        # The dense computation used before the chunked one (commit 774bb56).
        squared = (features**2).sum(axis=1)
        distance = squared[:, None] + squared[None, :] - 2 * features @ features.T
        np.fill_diagonal(distance, np.inf)
        expected = np.argsort(distance, axis=1, kind="stable")[:, :10]
        assert np.array_equal(synthetic_module._nearest(features, 10), expected)

    @pytest.mark.parametrize("boards", [1, 2, 11])
    def test_small_draws_have_every_other_board_as_neighbour(self, boards: int) -> None:
        """With 11 boards or fewer, a board's neighbours are all the others."""
        comparators = synthetic(boards, agencies_per_board=1, parts=("panel",),
                                quarters=4).comparators  # fmt: skip
        assert comparators is not None
        assert all(
            sorted(neighbours) == [b for b in sorted(comparators.regions) if b != board]
            for board, neighbours in comparators.neighbours.items()
        )

    def test_complete_panel_is_the_one_drawn_before_missing_values(self) -> None:
        """With ``panel_missing=0`` the panel's values are those drawn before the option."""
        # Digest of the values drawn before panel_missing existed (commit 774bb56).
        panel = synthetic(12, agencies_per_board=1, quarters=8, parts=("panel",), seed=4,
                          panel_missing=0).panel  # fmt: skip
        assert panel is not None
        assert hashlib.sha256(panel.values.tobytes()).hexdigest() == (
            "c7728522b68ea419717ae2e3bd7d5e2583efa9f15f2b4ce0e6ac5cd375e1bd99"
        )

    @pytest.mark.parametrize("missing", [0.02, 0.2])
    def test_panel_misses_the_share_asked_for(self, missing: float) -> None:
        """About ``panel_missing`` of the boards' values are NaN; England's row is complete."""
        panel = synthetic(200, parts=("panel",), panel_missing=missing).panel
        assert panel is not None
        assert float(np.isnan(panel.values[:-1]).mean()) == pytest.approx(missing, abs=0.004)
        assert not np.isnan(panel.values[-1]).any()

    def test_missing_values_only_hide_values(self) -> None:
        """The default panel is the complete one with some values NaN; comparators the same."""
        default = synthetic(20, parts=("panel",))
        complete = synthetic(20, parts=("panel",), panel_missing=0)
        assert default.panel is not None
        assert complete.panel is not None
        hidden = np.isnan(default.panel.values)
        assert hidden.any()
        assert np.array_equal(default.panel.values[~hidden], complete.panel.values[~hidden])
        assert default.comparators == complete.comparators

    def test_panel_missing_leaves_the_other_parts_alone(self) -> None:
        """Ratings, challenge log and case audit do not depend on ``panel_missing``."""
        few = synthetic(3, agencies_per_board=2, quarters=8, audit_cases=50, panel_missing=0)
        many = synthetic(3, agencies_per_board=2, quarters=8, audit_cases=50, panel_missing=0.5)
        assert few.panel != many.panel
        assert np.array_equal(few.moderated_levels, many.moderated_levels)  # type: ignore[arg-type]
        assert few.challenge_log == many.challenge_log
        assert np.array_equal(few.audit_grades, many.audit_grades)  # type: ignore[arg-type]

    def test_challenges_are_raised_up_to_the_logs_last_day(self) -> None:
        """Events are raised on the days of the two years, the first and the last included."""
        log = synthetic(20, agencies_per_board=5, quarters=12, events_per_board=300,
                        parts=("challenge_log",)).challenge_log  # fmt: skip
        assert log is not None
        raised = {e.raised for e in log.events}
        assert (min(raised), max(raised)) == (datetime.date(2016, 4, 1), datetime.date(2018, 3, 31))

    def test_one_criterion_in_twenty_is_never_a_topic(self) -> None:
        """Of 60 criteria, 3 blind spots are never challenged; every other topic is."""
        data = synthetic(30, agencies_per_board=5, events_per_board=200, parts=("challenge_log",))
        assert data.challenge_log is not None
        topics = collections.Counter(e.topic for e in data.challenge_log.events)
        criteria = [c.id for c in data.framework.criteria(leaves_only=True)]
        assert len([c for c in criteria if c not in topics]) == 3
        assert len(topics) == 60 - 3 + 8 + 1  # criteria, indicators, and None

    def test_topics_are_skewed(self) -> None:
        """A few topics take much of the challenge: the most popular over 5x the median."""
        log = synthetic(30, agencies_per_board=5, events_per_board=200,
                        parts=("challenge_log",)).challenge_log  # fmt: skip
        assert log is not None
        counts = collections.Counter(e.topic for e in log.events if e.topic is not None)
        assert max(counts.values()) > 5 * np.median(list(counts.values()))

    def test_a_fifth_of_challenges_have_no_topic(self) -> None:
        """About 20 % of events have no topic."""
        log = synthetic(30, agencies_per_board=5, events_per_board=200,
                        parts=("challenge_log",)).challenge_log  # fmt: skip
        assert log is not None
        share = np.mean([e.topic is None for e in log.events])
        assert share == pytest.approx(0.2, abs=0.015)

    def test_small_frameworks_have_no_blind_spot(self) -> None:
        """With fewer than 20 criteria, every criterion is challenged in a large log."""
        data = synthetic(10, agencies_per_board=5, criteria=12, events_per_board=200,
                         parts=("challenge_log",))  # fmt: skip
        assert data.challenge_log is not None
        topics = {e.topic for e in data.challenge_log.events}
        assert {c.id for c in data.framework.criteria(leaves_only=True)} <= topics

    def test_challenge_log_never_has_a_self_challenge(self) -> None:
        """No one challenges themselves."""
        log = synthetic(10, agencies_per_board=5, events_per_board=50).challenge_log
        assert log is not None
        assert all(e.challenger != e.challenged for e in log.events)
        assert len(log.events) == 500

    def test_challenger_activity_is_heavy_tailed(self) -> None:
        """In each board, the most active fifth of challengers raise about half the challenges."""
        log = synthetic(20, agencies_per_board=30, events_per_board=200).challenge_log
        assert log is not None
        shares = []
        by_board = collections.defaultdict(collections.Counter)
        for event in log.events:
            by_board[event.challenged.split(".")[0]][event.challenger] += 1
        for counts in by_board.values():
            ordered = sorted(counts.values(), reverse=True)
            shares.append(sum(ordered[: 34 // 5]) / sum(ordered))
        assert np.median(shares) > 0.45

    def test_nothing_in_the_log_is_dated_after_its_end(self) -> None:
        """Challenges and meetings fall within the two years to the last quarter's end."""
        data = synthetic(5, agencies_per_board=4, quarters=12, events_per_board=30)
        log = data.challenge_log
        assert log is not None
        end = datetime.date(2018, 3, 31)
        steps = [
            day
            for e in log.events
            for day in (e.raised, e.responded, e.escalated, e.closed)
            if day is not None
        ]
        assert max(steps) <= end
        assert max(m.date for m in log.meetings) <= end

    @pytest.mark.parametrize(
        ("arguments", "path"),
        [
            ({"n_boards": 0}, "$.n_boards"),
            ({"agencies_per_board": 1.5}, "$.agencies_per_board"),
            ({"parts": ["ratings"]}, "$.parts[0]"),
            ({"level_shares": [0.5, 0.5]}, "$.level_shares"),
            ({"not_applicable": 1.0}, "$.not_applicable"),
            ({"not_applicable": "10 %"}, "$.not_applicable"),
            ({"level_shares": ["a", "b", "c", "d"]}, "$.level_shares"),
            ({"seed": -1}, "$.seed"),
            ({"auditors": 0}, "$.auditors"),
            ({"auditors": True}, "$.auditors"),
            ({"audit_cases": 1.5}, "$.audit_cases"),
            ({"audit_missing": 1.0}, "$.audit_missing"),
            ({"audit_missing": -0.1}, "$.audit_missing"),
            ({"audit_missing": "10 %"}, "$.audit_missing"),
            ({"panel_missing": 1.0}, "$.panel_missing"),
            ({"panel_missing": -0.01}, "$.panel_missing"),
            ({"panel_missing": "2 %"}, "$.panel_missing"),
            ({"panel_missing": None}, "$.panel_missing"),
        ],
    )
    def test_bad_arguments_name_the_argument(self, arguments: dict[str, object], path: str) -> None:
        """A bad argument raises ValidationError naming it."""
        with pytest.raises(ValidationError, match=re.escape(path)):
            synthetic(**arguments)  # type: ignore[arg-type]

    @settings(max_examples=30)
    @given(seed=st.integers(0, 2**32 - 1), boards=st.integers(1, 4), agencies=st.integers(1, 4))
    def test_deterministic_and_in_range(self, seed: int, boards: int, agencies: int) -> None:
        """Any seed and size: the same draw twice, levels on the scale or -1."""
        first = synthetic(boards, agencies_per_board=agencies, seed=seed, quarters=6,
                          events_per_board=3, criteria=8)  # fmt: skip
        assert first == synthetic(boards, agencies_per_board=agencies, seed=seed, quarters=6,
                                  events_per_board=3, criteria=8)  # fmt: skip
        assert first.moderated_levels is not None
        assert first.moderated_levels.min() >= -1
        assert first.moderated_levels.max() <= 3
        assert first.audit_grades is not None
        assert first.audit_grades.min() >= -1
        assert first.audit_grades.max() <= 3
        assert isinstance(first, SyntheticData)
