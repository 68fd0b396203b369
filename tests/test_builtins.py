"""Every built-in framework and mapping loads, validates and round-trips."""

from __future__ import annotations

import pytest

from lscbqa import Assessment, Framework, Rating
from lscbqa.frameworks import DifferenceKind, available, available_mappings, diff, get, get_mapping
from lscbqa.scoring import Scorecard, score
from lscbqa.serialize import FORMATS, dumps, loads

BUILTINS = [name for name in available() if not name.startswith(("guide", "tutorial"))]


class TestBuiltinFrameworks:
    @pytest.mark.parametrize("name", BUILTINS)
    def test_loads_through_get(self, name: str) -> None:
        """Each built-in loads by name, under its own id, with domains and criteria."""
        framework = get(name)
        assert framework.id == name
        assert framework.counts()["criteria"] > 0

    @pytest.mark.parametrize("name", BUILTINS)
    @pytest.mark.parametrize("fmt", FORMATS)
    def test_round_trips(self, name: str, fmt: str) -> None:
        """Each built-in is written and read back unchanged in every format."""
        framework = get(name)
        assert loads(dumps(framework, format=fmt), Framework, format=fmt) == framework

    @pytest.mark.parametrize("name", BUILTINS)
    def test_states_its_sources_and_licence(self, name: str) -> None:
        """Each built-in says where it comes from and under what licence."""
        metadata = get(name).metadata
        assert metadata.get("source")
        assert metadata.get("licence")

    @pytest.mark.parametrize("name", BUILTINS)
    def test_describes_every_level_and_expects_evidence(self, name: str) -> None:
        """Every leaf criterion expects evidence and describes each level of its scale.

        A tailoring that re-scales drops the old descriptors (and provenance says so),
        so criteria whose descriptors a layer changed may describe fewer levels.
        """
        framework = get(name)
        for criterion in framework.criteria(leaves_only=True):
            assert criterion.evidence.min_count >= 1, criterion.id
            if "descriptors" in framework.origin(criterion.id).changed_fields:
                continue
            assert set(criterion.descriptors) == set(framework.scale_for(criterion.id).codes)

    @pytest.mark.parametrize("name", BUILTINS)
    def test_a_complete_assessment_has_no_error(self, name: str) -> None:
        """Rating every criterion at its scale's top level gives no error finding."""
        framework = get(name)
        assessment = Assessment(
            id="a",
            framework_id=framework.id,
            framework_version=framework.version,
            subject="agency",
            ratings=[
                Rating(criterion_id=c.id, level=framework.scale_for(c.id).codes[-1])
                for c in framework.criteria()
            ],
        )
        assert [str(f) for f in assessment.check(framework) if f.is_error] == []


class TestBuiltinMappings:
    @pytest.mark.parametrize("name", available_mappings())
    def test_links_name_criteria_of_both_frameworks(self, name: str) -> None:
        """Every link of a shipped mapping joins a criterion of its source to one of its target."""
        mapping = get_mapping(name)
        source, target = get(mapping.source), get(mapping.target)
        for link in mapping.links:
            assert source.criterion(link.source).id == link.source
            assert target.criterion(link.target).id == link.target

    @pytest.mark.parametrize("name", available_mappings())
    def test_round_trips(self, name: str) -> None:
        """A shipped mapping is written and read back unchanged."""
        mapping = get_mapping(name)
        assert loads(dumps(mapping), type(mapping)) == mapping


class TestSection11London:
    def test_diff_against_section11_matches_the_hand_checked_list(self) -> None:
        """diff(section11, section11-london) lists exactly the changes the London file states.

        The expected list was checked by hand against the comment at the top of
        src/lscbqa/frameworks/data/section11-london.toml: escalation (s11.5) merged into
        whistleblowing (s11.4), allegations (s11.10) merged into safer recruitment
        (s11.8), an independent overview added, two standards re-weighted.
        """
        expected = [
            (DifferenceKind.ADDED, "s11.4.d"),
            (DifferenceKind.ADDED, "s11.8.d"),
            (DifferenceKind.ADDED, "overview"),
            (DifferenceKind.ADDED, "overview.independent"),
            (DifferenceKind.REMOVED, "s11.5"),
            (DifferenceKind.REMOVED, "s11.5.a"),
            (DifferenceKind.REMOVED, "s11.5.b"),
            (DifferenceKind.REMOVED, "s11.10"),
            (DifferenceKind.REMOVED, "s11.10.a"),
            (DifferenceKind.REMOVED, "s11.10.b"),
            (DifferenceKind.REMOVED, "s11.10.c"),
            (DifferenceKind.REWEIGHTED, "s11.2"),
            (DifferenceKind.REWEIGHTED, "s11.3"),
            (DifferenceKind.REWORDED, "s11.4"),
            (DifferenceKind.TAGGED, "s11.4"),
            (DifferenceKind.REWORDED, "s11.8"),
            (DifferenceKind.TAGGED, "s11.8"),
            (DifferenceKind.SETTINGS, None),
        ]
        differences = diff(get("section11"), get("section11-london"))
        assert [(d.kind, d.node_id) for d in differences] == expected

    def test_weights_and_wording_changes(self) -> None:
        """The re-weightings and re-wordings carry the values the London file sets."""
        differences = {
            (d.kind, d.node_id): d for d in diff(get("section11"), get("section11-london"))
        }
        assert (
            differences[DifferenceKind.REWEIGHTED, "s11.2"].before,
            differences[DifferenceKind.REWEIGHTED, "s11.2"].after,
        ) == (1.0, 2.0)
        assert differences[DifferenceKind.REWEIGHTED, "s11.3"].after == 1.5
        assert differences[DifferenceKind.REWORDED, "s11.4"].fields == (
            "title",
            "description",
            "descriptors",
        )
        assert differences[DifferenceKind.SETTINGS, None].fields == (
            "title",
            "description",
            "metadata",
        )

    def test_eight_standards_and_an_independent_overview(self) -> None:
        """The London convention has 8 standards plus the independent overview."""
        london = get("section11-london")
        standards = [
            c for c in london.criteria() if c.id.count(".") == 1 and c.id.startswith("s11.")
        ]
        assert len(standards) == 8
        assert london.origin("overview.independent").status.value == "added"


class TestOfstedLscbLimitingJudgement:
    def _card(self, grades: dict[str, str]) -> Scorecard:
        board = get("ofsted-lscb")
        levels = dict.fromkeys((c.id for c in board.criteria()), "good") | grades
        assessment = Assessment(
            id="a",
            framework_id=board.id,
            subject="board",
            ratings=[Rating(criterion_id=k, level=v, role="moderated") for k, v in levels.items()],
        )
        return score(board, assessment)

    def test_an_area_judged_inadequate_caps_the_overall_judgement(self) -> None:
        """An area whose level is inadequate (score 1/9, not 0) makes the overall inadequate.

        learning: inadequate (0), inadequate (0), requires improvement (1/3) -> mean 1/9,
        below the first cut point 1/6, so the area is inadequate; every other area is good.
        """
        card = self._card(
            {
                "learning.case_reviews": "inadequate",
                "learning.child_deaths": "inadequate",
                "learning.training": "requires_improvement",
            }
        )
        assert card["learning"].level == "inadequate"
        assert (card.overall.level, card.overall.limited_by) == ("inadequate", "limiting-judgement")

    def test_no_inadequate_area_leaves_the_mean(self) -> None:
        """Without an inadequate area the overall judgement is the weighted mean's level."""
        card = self._card({"learning.case_reviews": "inadequate"})
        assert card["learning"].level == "requires_improvement"
        assert (card.overall.level, card.overall.limited_by) == ("good", None)
