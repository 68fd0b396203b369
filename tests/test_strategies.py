"""The strategies in lscbqa.testing.strategies: types, validity, options and the missing extra."""

from __future__ import annotations

import datetime
import importlib
import itertools
import math
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st

from lscbqa.actions import ActionPlan
from lscbqa.assessment import Assessment, Rating
from lscbqa.evidence import Evidence
from lscbqa.exceptions import MissingDependencyError, NotFoundError
from lscbqa.frameworks import carry_over, example_framework
from lscbqa.mappings import CriterionLink, FrameworkMapping
from lscbqa.model import Criterion, Domain, Framework
from lscbqa.policy import DOMAINS, OVERALL, Condition, Effect, LimitingRule, ScoringPolicy
from lscbqa.scales import NOT_APPLICABLE, RAG3, Level, RatingScale
from lscbqa.scoring import score_many
from lscbqa.serialize import document_kind, to_dict
from lscbqa.tailoring import Addition, Modification, Settings, Tailoring
from lscbqa.testing import strategies
from lscbqa.testing.strategies import (
    action_plans,
    additions,
    assessments,
    criteria,
    criterion_links,
    documents,
    domains,
    evidence,
    framework_mappings,
    frameworks,
    levels,
    limiting_rules,
    modifications,
    rating_scales,
    ratings,
    scoring_policies,
    strategy_for,
    strategy_types,
    tailoring_settings,
    tailorings,
)

ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:/-]*$")
ID_KEYS = {
    "id",
    "code",
    "criterion_id",
    "framework_id",
    "subject",
    "source_agency_id",
    "owner",
    "assessment_id",
    "applies_to",
    "level",
    "at",
    "not_applicable",
    "parent",
    "before",
    "after",
    "source",
    "target",
}
ID_LIST_KEYS = {"criterion_ids", "evidence_ids", "indicator_ids", "exclude", "include", "nodes"}
# Few examples: the round-trip and invariant tests draw these strategies far more often.
FEW = settings(max_examples=10, deadline=None)
SOME = settings(max_examples=25, deadline=None)
# For tests that a strategy can reach a kind of value: the same draws on every run.
REACH = settings(max_examples=30, deadline=None, derandomize=True, database=None)

STRATEGY_TYPES = [pytest.param(strategy_for(cls), cls, id=cls.__name__) for cls in strategy_types()]
# The public functions that are not a strategy for one value type.
NOT_ONE_TYPE = {"documents", "strategy_for", "strategy_types"}


# Keys that are ids in some documents only: an indicator's source is text, its target a number.
ID_KEYS_WHERE = {"source": "relation", "target": "relation"}


def _walk(document: Any, key: str = "") -> Iterator[tuple[str, Any]]:
    """Every (key, leaf) pair of a document; list items carry their list's key."""
    if isinstance(document, dict):
        for name, value in document.items():
            beside = ID_KEYS_WHERE.get(name)
            if beside is not None and beside not in document:
                name = f"{name} (not an id here)"
            yield from _walk(value, name)
    elif isinstance(document, list):
        for item in document:
            yield from _walk(item, key)
    else:
        yield key, document


def _fields(value: Any) -> Iterator[Any]:
    """Every field value of an attrs value, at any depth, including the values themselves."""
    yield value
    if attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            if field.init:
                yield from _fields(getattr(value, field.name))
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _fields(item)
    elif isinstance(value, dict) or hasattr(value, "items"):
        for key, item in value.items():
            yield key
            yield from _fields(item)


def _depth(node: Domain | Criterion) -> int:
    """How many levels of nodes lie below ``node``."""
    return max((1 + _depth(child) for child in node.children), default=0)


def _drawn(strategy: st.SearchStrategy[Any]) -> list[Any]:
    """A fixed set of values drawn from ``strategy``, the same on every run."""
    values: list[Any] = []

    @REACH
    @given(strategy)
    def collect(value: Any) -> None:
        values.append(value)

    collect()
    return values


def _reaches(strategy: st.SearchStrategy[Any], condition: Callable[[Any], bool]) -> bool:
    """Whether any of a fixed set of draws from ``strategy`` meets ``condition``."""
    return any(condition(value) for value in _drawn(strategy))


class TestEveryStrategy:
    @pytest.mark.parametrize(("strategy", "cls"), STRATEGY_TYPES)
    @FEW
    @given(data=st.data())
    def test_draws_values_of_its_type(
        self, strategy: st.SearchStrategy[Any], cls: type, data: st.DataObject
    ) -> None:
        """Each strategy draws instances of exactly the value type it is named for."""
        assert type(data.draw(strategy)) is cls

    def test_all_is_sorted(self) -> None:
        """__all__ is sorted."""
        assert strategies.__all__ == sorted(strategies.__all__)

    def test_every_public_strategy_is_listed(self) -> None:
        """__all__ lists one strategy function for each type strategy_for() knows, and no more."""
        names = sorted(set(strategies.__all__) - NOT_ONE_TYPE)
        drawn = [type(find(getattr(strategies, name)(), lambda _: True)) for name in names]
        assert sorted(cls.__name__ for cls in drawn) == sorted(
            cls.__name__ for cls in strategy_types()
        )


class TestStrategyFor:
    def test_is_the_strategy_the_type_is_named_for(self) -> None:
        """strategy_for(cls) is the strategy cls's own function returns without options."""
        assert strategy_for(Level) is levels()
        assert strategy_for(RatingScale) is rating_scales()

    def test_strategy_types_lists_each_type_once(self) -> None:
        """strategy_types() names no type twice."""
        types = strategy_types()
        assert len(set(types)) == len(types)

    def test_unknown_type_raises_not_found_naming_it(self) -> None:
        """A type without a strategy raises NotFoundError naming it and the known types."""
        with pytest.raises(NotFoundError, match=r"no strategy for type 'dict'; known: Action, "):
            strategy_for(dict)

    def test_subclass_is_not_found(self) -> None:
        """A subclass of a document type is not looked up as its base."""

        class Local(Level):
            pass

        with pytest.raises(NotFoundError, match=r"'.*Local'"):
            strategy_for(Local)

    @pytest.mark.parametrize("given_value", ["framework", [Level], None])
    def test_non_type_raises_not_found(self, given_value: Any) -> None:
        """Something other than a type raises NotFoundError saying it is not a type."""
        with pytest.raises(NotFoundError, match="not a type"):
            strategy_for(given_value)


class TestDocuments:
    @SOME
    @given(documents())
    def test_draws_only_document_types(self, value: object) -> None:
        """documents() draws values that have a document kind."""
        assert document_kind(type(value))

    @SOME
    @given(documents())
    def test_every_id_matches_the_id_pattern(self, value: object) -> None:
        """Every id, level code and id reference in a drawn document matches the id pattern."""
        ids = [leaf for key, leaf in _walk(to_dict(value)) if key in ID_KEYS | ID_LIST_KEYS]
        assert [i for i in ids if not (isinstance(i, str) and ID.match(i))] == []

    @SOME
    @given(documents())
    def test_text_has_no_control_characters_or_surrogates(self, value: object) -> None:
        """Every string in a drawn document is printable: no Cc or Cs characters."""
        texts = [leaf for _, leaf in _walk(to_dict(value)) if isinstance(leaf, str)]
        texts += list(_keys(to_dict(value)))
        bad = [t for t in texts if any(unicodedata.category(c) in ("Cc", "Cs") for c in t)]
        assert bad == []

    @SOME
    @given(documents())
    def test_dates_are_dates_and_floats_are_finite(self, value: object) -> None:
        """No field holds a datetime, and every float is finite."""
        leaves = list(_fields(value))
        assert not any(isinstance(leaf, datetime.datetime) for leaf in leaves)
        assert all(math.isfinite(leaf) for leaf in leaves if isinstance(leaf, float))


def _keys(document: Any) -> Iterator[str]:
    if isinstance(document, dict):
        for key, value in document.items():
            yield key
            yield from _keys(value)
    elif isinstance(document, list):
        for item in document:
            yield from _keys(item)


class TestLevelsAndScales:
    @SOME
    @given(levels())
    def test_level_codes_are_never_not_applicable(self, level: Level) -> None:
        """No drawn level has the reserved code 'not_applicable'."""
        assert level.code != NOT_APPLICABLE

    @SOME
    @given(rating_scales(min_levels=3, max_levels=4))
    def test_scales_have_the_number_of_levels_asked_for(self, scale: RatingScale) -> None:
        """rating_scales(min_levels, max_levels) draws scales with that many levels."""
        assert 3 <= len(scale.levels) <= 4

    def test_scales_sometimes_have_their_own_thresholds(self) -> None:
        """rating_scales() reaches scales with thresholds of their own."""
        assert _reaches(rating_scales(), lambda scale: bool(scale.thresholds))

    @pytest.mark.parametrize(("low", "high"), [(1, 4), (3, 2)])
    def test_impossible_level_counts_raise_at_once(self, low: int, high: int) -> None:
        """Fewer than two levels, or max_levels below min_levels, raise ValueError."""
        with pytest.raises(ValueError, match="min_levels"):
            rating_scales(min_levels=low, max_levels=high)


class TestTrees:
    @SOME
    @given(criteria(max_depth=1))
    def test_criteria_are_no_deeper_than_max_depth(self, criterion: Criterion) -> None:
        """criteria(max_depth=1) draws criteria with at most one level below them."""
        assert _depth(criterion) <= 1

    @SOME
    @given(domains(max_depth=1))
    def test_domains_are_no_deeper_than_max_depth(self, domain: Domain) -> None:
        """domains(max_depth=1) draws domains that hold only leaf criteria."""
        assert _depth(domain) <= 1

    @SOME
    @given(criteria(framework_scale=RAG3))
    def test_criteria_describe_levels_of_the_scale_in_force(self, criterion: Criterion) -> None:
        """Level descriptors name levels of the nearest scale: own, enclosing or framework's."""

        def check(node: Criterion, scale: RatingScale) -> None:
            scale = node.scale or scale
            assert set(node.descriptors) <= set(scale.codes)
            for child in node.children:
                check(child, scale)

        check(criterion, RAG3)

    @FEW
    @given(frameworks(max_domains=1, scale=RAG3))
    def test_frameworks_take_the_options_given(self, framework: Framework) -> None:
        """frameworks(max_domains=1, scale=RAG3) draws one domain on the RAG3 scale."""
        assert (len(framework.domains), framework.scale) == (1, RAG3)

    def test_some_criteria_have_their_own_scale(self) -> None:
        """frameworks() reaches criteria with a scale of their own."""
        assert _reaches(frameworks(), lambda f: any(c.scale for c in f.criteria()))

    def test_some_frameworks_carry_provenance(self) -> None:
        """frameworks() reaches frameworks with an origin for every node."""
        assert _reaches(frameworks(), lambda f: bool(f.provenance))

    def test_some_domains_hold_domains(self) -> None:
        """frameworks() reaches domains nested in domains."""
        assert _reaches(
            frameworks(),
            lambda f: any(d.id not in {t.id for t in f.domains} for d in f.all_domains()),
        )

    @pytest.mark.parametrize(
        "make",
        [
            lambda: criteria(max_depth=-1),
            lambda: domains(max_depth=-1),
            lambda: frameworks(max_depth=-1),
            lambda: frameworks(max_domains=0),
        ],
        ids=["criteria-depth", "domains-depth", "frameworks-depth", "frameworks-domains"],
    )
    def test_impossible_sizes_raise_at_once(self, make: Callable[[], Any]) -> None:
        """A negative depth or fewer than one domain raises ValueError."""
        with pytest.raises(ValueError, match="expected max_"):
            make()


class TestEvidenceAndRatings:
    @SOME
    @given(evidence(criterion_ids=["s11.1", "s11.2"]))
    def test_evidence_cites_only_the_criteria_given(self, item: Evidence) -> None:
        """evidence(criterion_ids=...) cites only those criteria."""
        assert set(item.criterion_ids) <= {"s11.1", "s11.2"}

    @FEW
    @given(evidence(criterion_ids=[]))
    def test_evidence_for_no_criteria_cites_none(self, item: Evidence) -> None:
        """evidence(criterion_ids=[]) cites no criterion."""
        assert item.criterion_ids == ()

    @SOME
    @given(ratings(criterion_ids=["c1", "c2"], levels=["red", "green"]))
    def test_ratings_use_only_the_criteria_and_levels_given(self, rating: Rating) -> None:
        """ratings(criterion_ids, levels) rates those criteria with those levels or N/A."""
        assert rating.criterion_id in {"c1", "c2"}
        assert rating.level in {"red", "green", NOT_APPLICABLE}

    @SOME
    @given(ratings())
    def test_only_not_applicable_ratings_carry_a_reason(self, rating: Rating) -> None:
        """A rating has a non-blank reason exactly when it is not applicable."""
        assert bool(rating.reason and rating.reason.strip()) == rating.is_not_applicable

    def test_some_ratings_are_not_applicable(self) -> None:
        """ratings() reaches 'not applicable' ratings."""
        assert _reaches(ratings(), lambda rating: rating.is_not_applicable)

    def test_some_ratings_are_flagged_or_carried(self) -> None:
        """ratings() reaches ratings of immediate concern, ratings for review and carried ones."""
        drawn = _drawn(ratings())
        assert any(r.immediate_concern for r in drawn)
        assert any(r.review for r in drawn)
        assert any(r.carried_from is not None for r in drawn)

    @pytest.mark.parametrize(
        "options",
        [{"criterion_ids": []}, {"levels": []}],
        ids=["no-criteria", "no-levels"],
    )
    def test_empty_choices_raise_at_once(self, options: dict[str, Any]) -> None:
        """An empty list of criterion ids or levels raises ValueError."""
        with pytest.raises(ValueError, match="at least one"):
            ratings(**options)


EXAMPLE = example_framework()


class TestAssessments:
    @SOME
    @given(assessments(framework=EXAMPLE))
    def test_name_the_framework_given(self, assessment: Assessment) -> None:
        """assessments(framework=f) names f, and at most its version."""
        assert assessment.framework_id == EXAMPLE.id
        assert assessment.framework_version in (None, EXAMPLE.version)

    @SOME
    @given(assessments(framework=EXAMPLE))
    def test_rate_criteria_on_their_own_scales(self, assessment: Assessment) -> None:
        """Every rating names a criterion of f and a level of scale_for it, or N/A."""
        for rating in assessment.ratings:
            codes = EXAMPLE.scale_for(rating.criterion_id).codes
            assert rating.is_not_applicable or rating.level in codes

    @SOME
    @given(assessments(framework=EXAMPLE))
    def test_evidence_cites_criteria_of_the_framework(self, assessment: Assessment) -> None:
        """Evidence names only criteria of the framework."""
        known = {criterion.id for criterion in EXAMPLE.criteria()}
        assert all(set(item.criterion_ids) <= known for item in assessment.evidence)

    @SOME
    @given(assessments())
    def test_ratings_cite_the_assessments_own_evidence(self, assessment: Assessment) -> None:
        """Evidence ids are unique, and ratings cite only the assessment's own evidence."""
        ids = [item.id for item in assessment.evidence]
        assert len(ids) == len(set(ids))
        assert all(set(rating.evidence_ids) <= set(ids) for rating in assessment.ratings)

    @SOME
    @given(assessments())
    def test_one_rating_per_criterion_role_and_rater(self, assessment: Assessment) -> None:
        """No two ratings share criterion, role and rater."""
        keys = [(r.criterion_id, r.role, r.rater) for r in assessment.ratings]
        assert len(keys) == len(set(keys))

    def test_some_ratings_cite_evidence(self) -> None:
        """assessments() reaches ratings that cite evidence."""
        assert _reaches(assessments(), lambda a: any(r.evidence_ids for r in a.ratings))

    def test_a_framework_without_criteria_gets_no_ratings(self) -> None:
        """Rating a framework with no criteria draws assessments without ratings."""
        empty = attrs.evolve(EXAMPLE, domains=[Domain(id="d", title="Empty")], indicators=())
        assert not _reaches(assessments(framework=empty), lambda a: bool(a.ratings))


class TestActionPlans:
    @SOME
    @given(action_plans())
    def test_action_ids_are_unique(self, plan: ActionPlan) -> None:
        """No two actions of a drawn plan share an id."""
        ids = [action.id for action in plan.actions]
        assert len(ids) == len(set(ids))


def _directly_under(framework: Framework, node_id: str) -> set[str]:
    """The ids of the nodes directly under a node; the top-level domains for "overall"."""
    if node_id == OVERALL:
        return {domain.id for domain in framework.domains}
    return {child.id for child in framework.node(node_id).children}


class TestScoringPolicies:
    @FEW
    @given(frameworks())
    def test_the_engine_accepts_every_drawn_policy(self, framework: Framework) -> None:
        """Scoring an unrated assessment under a framework's drawn policy raises nothing."""
        unrated = Assessment(id="a", framework_id=framework.id, subject="s")
        assert len(score_many(framework, [unrated])) == 1

    @SOME
    @given(frameworks())
    def test_weakest_of_rules_name_nodes_directly_under(self, framework: Framework) -> None:
        """A weakest_of rule names nodes directly under the node it applies to."""
        for rule in framework.scoring.rules:
            if rule.condition is Condition.WEAKEST_OF:
                assert set(rule.nodes) <= _directly_under(framework, rule.applies_to)

    @SOME
    @given(domains())
    def test_no_node_has_a_reserved_id(self, domain: Domain) -> None:
        """domains() draws no node with the id 'overall' or 'domains', so each fits a framework."""
        assert not {OVERALL, DOMAINS} & set(_ids(domain))

    @FEW
    @given(frameworks(scoring=False))
    def test_frameworks_without_scoring_have_the_default_policy(self, framework: Framework) -> None:
        """frameworks(scoring=False) draws frameworks with the default policy."""
        assert framework.scoring == ScoringPolicy()

    def test_policies_of_frameworks_reach_every_part(self) -> None:
        """frameworks() reaches rules, node aggregators, thresholds and the default policy."""
        drawn = [framework.scoring for framework in _drawn(frameworks())]
        assert any(policy.rules for policy in drawn)
        assert any(policy.thresholds for policy in drawn)
        assert any(policy.aggregators for policy in drawn)
        assert any(policy == ScoringPolicy() for policy in drawn)

    def test_some_policies_count_not_applicable_as_a_level(self) -> None:
        """scoring_policies(framework=f) reaches policies that count N/A as a level."""
        assert _reaches(scoring_policies(framework=EXAMPLE), lambda p: bool(p.not_applicable))

    @SOME
    @given(scoring_policies(framework=EXAMPLE))
    def test_policies_for_a_framework_fit_it(self, policy: ScoringPolicy) -> None:
        """scoring_policies(framework=f) draws policies f can carry."""
        assert attrs.evolve(EXAMPLE, scoring=policy).scoring == policy

    @SOME
    @given(scoring_policies())
    def test_thresholds_rise_within_0_and_1(self, policy: ScoringPolicy) -> None:
        """Thresholds, when drawn, are increasing and lie in (0, 1)."""
        cuts = [0.0, *policy.thresholds, 1.0]
        assert all(low < high for low, high in itertools.pairwise(cuts))

    @SOME
    @given(limiting_rules())
    def test_rules_take_the_effect_of_their_condition(self, rule: LimitingRule) -> None:
        """all_at_or_above floors; the others cap; only weakest_of names nodes, not levels."""
        assert (rule.effect is Effect.FLOOR) == (rule.condition is Condition.ALL_AT_OR_ABOVE)
        weakest = rule.condition is Condition.WEAKEST_OF
        assert bool(rule.nodes) == weakest
        assert (rule.level is None, rule.at is None) == (weakest, weakest)

    def test_rules_reach_every_condition(self) -> None:
        """limiting_rules(framework=f) reaches rules of every condition."""
        drawn = _drawn(limiting_rules(framework=EXAMPLE))
        assert {rule.condition for rule in drawn} == set(Condition)

    @SOME
    @given(limiting_rules(framework=EXAMPLE))
    def test_rules_for_a_framework_name_its_nodes_and_levels(self, rule: LimitingRule) -> None:
        """limiting_rules(framework=f) names nodes of f (or selectors) and levels of its scale."""
        known = {node.id for node in EXAMPLE.nodes()}
        assert rule.applies_to in known | {OVERALL, DOMAINS}
        assert set(rule.nodes) <= known
        assert {rule.level, rule.at} <= {*EXAMPLE.scale.codes, None}


class TestTailorings:
    @SOME
    @given(modifications())
    def test_modifications_change_something(self, modification: Modification) -> None:
        """Every modification changes at least one field."""
        assert modification.fields

    @SOME
    @given(modifications())
    def test_descriptors_describe_a_new_scale(self, modification: Modification) -> None:
        """Descriptors that come with a new scale name levels of it."""
        if modification.scale is not None and modification.descriptors is not None:
            assert set(modification.descriptors) <= set(modification.scale.codes)

    @SOME
    @given(additions())
    def test_criteria_are_added_under_a_parent_or_beside_a_sibling(
        self, addition: Addition
    ) -> None:
        """An added criterion names a parent or a sibling; at most one sibling is named."""
        assert addition.before is None or addition.after is None
        if isinstance(addition.node, Criterion):
            assert {addition.parent, addition.before, addition.after} != {None}

    @SOME
    @given(tailorings())
    def test_no_id_is_named_in_conflicting_ways(self, layer: Tailoring) -> None:
        """Ids are included or excluded, not both; modified once, not excluded; added anew."""
        modified = [modification.id for modification in layer.modify]
        added = [node_id for addition in layer.add for node_id in _ids(addition.node)]
        assert len(modified) == len(set(modified))
        assert len(added) == len(set(added))
        assert not set(layer.include) & set(layer.exclude)
        assert not set(modified) & set(layer.exclude)
        assert not set(added) & {*layer.include, *layer.exclude, *modified}

    def test_layers_reach_every_operation(self) -> None:
        """tailorings() reaches layers that include, exclude, add, modify and set something."""
        drawn = _drawn(tailorings())
        assert any(layer.include for layer in drawn)
        assert any(layer.exclude for layer in drawn)
        assert any(layer.add for layer in drawn)
        assert any(layer.modify for layer in drawn)
        assert any(layer.set != Settings() for layer in drawn)

    def test_settings_reach_a_scale_and_a_policy(self) -> None:
        """tailoring_settings() reaches settings with a scale and with a scoring policy."""
        drawn = _drawn(tailoring_settings())
        assert any(chosen.scale is not None for chosen in drawn)
        assert any(chosen.scoring is not None for chosen in drawn)


def _ids(node: Domain | Criterion) -> Iterator[str]:
    yield node.id
    for child in node.children:
        yield from _ids(child)


SOURCE = example_framework()
TARGET = SOURCE.tailor(id="example-2", version="2", exclude=["practice.escalation"])


class TestMappings:
    @SOME
    @given(criterion_links(source_ids=["a"], target_ids=["b", "c"]))
    def test_links_join_the_criteria_given(self, link: CriterionLink) -> None:
        """criterion_links(source_ids, target_ids) links only those criteria."""
        assert (link.source, link.target in {"b", "c"}) == ("a", True)

    @SOME
    @given(framework_mappings())
    def test_one_link_per_pair_of_criteria(self, mapping: FrameworkMapping) -> None:
        """No two links of a mapping join the same pair of criteria."""
        pairs = [(link.source, link.target) for link in mapping.links]
        assert len(pairs) == len(set(pairs))

    @FEW
    @given(
        framework_mappings(source=SOURCE, target=TARGET),
        assessments(framework=SOURCE),
    )
    def test_mappings_between_frameworks_carry_over(
        self, mapping: FrameworkMapping, assessment: Assessment
    ) -> None:
        """framework_mappings(source, target) draws mappings that carry_over accepts."""
        carried = carry_over(assessment, mapping, TARGET, source=SOURCE)
        assert carried.framework_id == TARGET.id

    def test_a_framework_without_criteria_gets_no_links(self) -> None:
        """Mapping from a framework with no criteria draws mappings without links."""
        empty = attrs.evolve(EXAMPLE, domains=[Domain(id="d", title="Empty")], indicators=())
        assert not _reaches(framework_mappings(source=empty), lambda m: bool(m.links))

    @pytest.mark.parametrize(
        "options",
        [{"source_ids": []}, {"target_ids": []}],
        ids=["no-sources", "no-targets"],
    )
    def test_empty_choices_raise_at_once(self, options: dict[str, Any]) -> None:
        """An empty list of source or target criterion ids raises ValueError."""
        with pytest.raises(ValueError, match="at least one"):
            criterion_links(**options)


class TestWithoutHypothesis:
    def test_import_raises_missing_dependency_error(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Importing the strategies without hypothesis raises MissingDependencyError."""
        monkeypatch.setitem(sys.modules, "hypothesis", None)
        monkeypatch.delitem(sys.modules, "lscbqa.testing.strategies")
        with pytest.raises(MissingDependencyError) as raised:
            importlib.import_module("lscbqa.testing.strategies")
        assert (raised.value.name, raised.value.extra) == ("hypothesis", "testing")

    def test_message_names_the_testing_extra(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The error tells the user to install lscbqa[testing]."""
        monkeypatch.setitem(sys.modules, "hypothesis", None)
        monkeypatch.delitem(sys.modules, "lscbqa.testing.strategies")
        with pytest.raises(ImportError, match=re.escape('pip install "lscbqa[testing]"')):
            importlib.import_module("lscbqa.testing.strategies")
