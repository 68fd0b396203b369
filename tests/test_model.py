"""Tests for lscbqa.model: criteria, domains and the framework tree."""

from __future__ import annotations

import math
from typing import Any

import attrs
import pytest

from lscbqa.evidence import EvidenceKind
from lscbqa.exceptions import NotFoundError, ValidationError
from lscbqa.measures import Indicator
from lscbqa.model import Criterion, Domain, EvidenceExpectation, Framework, _example
from lscbqa.scales import MET3, OFSTED4, RAG3


def _framework(*domains: Domain, **options: Any) -> Framework:
    fields: dict[str, Any] = {"id": "f", "version": "1", "title": "F", "domains": domains}
    fields.update(options)
    return Framework(**fields)


def _deep() -> Framework:
    """Two top-level domains, a nested domain and nested criteria."""
    return _framework(
        Domain(
            id="lead",
            title="Leadership",
            children=[
                Criterion(id="lead.1", title="Lead"),
                Domain(
                    id="lead.sub",
                    title="Sub-domain",
                    children=[
                        Criterion(
                            id="lead.2",
                            title="Listening",
                            children=[
                                Criterion(id="lead.2.a", title="A"),
                                Criterion(id="lead.2.b", title="B"),
                            ],
                        )
                    ],
                ),
            ],
        ),
        Domain(id="voice", title="Voice", children=[Criterion(id="voice.1", title="Voice")]),
    )


class TestEvidenceExpectation:
    def test_defaults_expect_nothing(self) -> None:
        """By default no evidence is expected and any kind counts."""
        expectation = EvidenceExpectation()
        assert (expectation.min_count, expectation.kinds) == (0, ())

    def test_kinds_from_strings(self) -> None:
        """Kinds given as text become EvidenceKind members in a tuple."""
        assert EvidenceExpectation(kinds=["policy", "minutes"]).kinds == (
            EvidenceKind.POLICY,
            EvidenceKind.MINUTES,
        )

    def test_accepts_listed_kinds_only(self) -> None:
        """With kinds listed, only those kinds count."""
        expectation = EvidenceExpectation(min_count=1, kinds=["policy"])
        assert (expectation.accepts("policy"), expectation.accepts("survey")) == (True, False)

    def test_accepts_any_kind_when_none_listed(self) -> None:
        """Without kinds listed, every kind counts."""
        assert all(EvidenceExpectation().accepts(kind) for kind in EvidenceKind)

    def test_negative_min_count(self) -> None:
        """A negative count is rejected at $.min_count."""
        with pytest.raises(ValidationError) as caught:
            EvidenceExpectation(min_count=-1)
        assert caught.value.paths == ("$.min_count",)
        assert "expected a finite number >= 0; found the number -1" in str(caught.value)

    def test_fractional_min_count(self) -> None:
        """A fractional count is rejected: a count is an integer."""
        with pytest.raises(ValidationError) as caught:
            EvidenceExpectation(min_count=1.5)
        assert caught.value.paths == ("$.min_count",)
        assert "expected an integer; found the number 1.5" in str(caught.value)

    def test_unknown_kind(self) -> None:
        """An unknown kind is rejected at its index."""
        with pytest.raises(ValidationError) as caught:
            EvidenceExpectation(kinds=["policy", "gossip"])
        assert caught.value.paths == ("$.kinds[1]",)
        assert "found the string 'gossip'" in str(caught.value)


class TestCriterion:
    def test_defaults(self) -> None:
        """A criterion weighs 1, has no own scale, no descriptors and no children."""
        criterion = Criterion(id="c", title="C")
        assert (criterion.weight, criterion.scale, dict(criterion.descriptors)) == (1.0, None, {})
        assert (criterion.children, criterion.is_leaf) == ((), True)

    def test_weight_int_becomes_float(self) -> None:
        """An integer weight is stored as a float."""
        weight = Criterion(id="c", title="C", weight=2).weight
        assert (weight, type(weight)) == (2.0, float)

    def test_zero_weight_is_allowed(self) -> None:
        """A weight of zero is allowed (the criterion is rated but not scored)."""
        assert Criterion(id="c", title="C", weight=0).weight == 0.0

    @pytest.mark.parametrize("weight", [-1, -0.5, math.nan, math.inf])
    def test_negative_or_non_finite_weight(self, weight: float) -> None:
        """A negative, NaN or infinite weight is rejected at $.weight."""
        with pytest.raises(ValidationError) as caught:
            Criterion(id="c", title="C", weight=weight)
        assert caught.value.paths == ("$.weight",)
        assert "expected a finite number >= 0" in caught.value.problems[0].message

    @pytest.mark.parametrize(("weight", "found"), [(True, "the boolean true"), ("2", "'2'")])
    def test_weight_of_wrong_type(self, weight: object, found: str) -> None:
        """A boolean or text weight is rejected at $.weight."""
        with pytest.raises(ValidationError) as caught:
            Criterion(id="c", title="C", weight=weight)  # type: ignore[arg-type]
        assert caught.value.paths == ("$.weight",)
        assert "expected a number" in caught.value.problems[0].message
        assert found in caught.value.problems[0].message

    def test_children_and_is_leaf(self) -> None:
        """A criterion with sub-criteria is not a leaf."""
        parent = Criterion(id="p", title="P", children=[Criterion(id="c", title="C")])
        assert (parent.is_leaf, parent.children[0].id) == (False, "c")

    def test_child_must_be_a_criterion(self) -> None:
        """A domain under a criterion is rejected at its index."""
        with pytest.raises(ValidationError) as caught:
            Criterion(id="p", title="P", children=[Domain(id="d", title="D")])
        assert caught.value.paths == ("$.children[0]",)
        assert "expected a Criterion table; found a value of type Domain" in str(caught.value)

    def test_descriptors_become_frozen(self) -> None:
        """Descriptors are stored as an immutable, hashable mapping."""
        criterion = Criterion(id="c", title="C", descriptors={"good": "Named leads"})
        assert criterion.descriptors["good"] == "Named leads"
        same = Criterion(id="c", title="C", descriptors={"good": "Named leads"})
        assert hash(criterion) == hash(same)
        with pytest.raises(TypeError):
            criterion.descriptors["good"] = "x"  # type: ignore[index]

    def test_descriptor_not_on_own_scale(self) -> None:
        """With its own scale, a descriptor of a level the scale lacks is rejected."""
        with pytest.raises(ValidationError) as caught:
            Criterion(id="c", title="C", scale=MET3, descriptors={"good": "x", "fully_met": "y"})
        assert caught.value.paths == ("$.descriptors.good",)
        assert "expected a level of scale 'met3'" in caught.value.problems[0].message
        assert "found 'good'" in caught.value.problems[0].message

    def test_descriptor_value_must_be_text(self) -> None:
        """A descriptor that is not text is rejected at its code."""
        with pytest.raises(ValidationError) as caught:
            Criterion(id="c", title="C", descriptors={"good": 3})
        assert caught.value.paths == ("$.descriptors.good",)

    def test_scale_of_wrong_type_is_a_validation_error(self) -> None:
        """A scale given by name is a ValidationError at $.scale, even with descriptors."""
        with pytest.raises(ValidationError) as caught:
            Criterion(id="c", title="C", scale="met3", descriptors={"good": "x"})  # type: ignore[arg-type]
        assert caught.value.paths == ("$.scale",)
        assert "found the string 'met3'" in caught.value.problems[0].message

    def test_tags_as_a_string_are_not_split(self) -> None:
        """A single tag given as a string is rejected, not split into characters."""
        with pytest.raises(ValidationError) as caught:
            Criterion(id="c", title="C", tags="core")
        assert caught.value.paths == ("$.tags",)

    def test_indicator_id_that_is_not_an_id(self) -> None:
        """An indicator id with spaces is rejected at its index."""
        with pytest.raises(ValidationError) as caught:
            Criterion(id="c", title="C", indicator_ids=["ok", "not ok"])
        assert caught.value.paths == ("$.indicator_ids[1]",)

    @pytest.mark.parametrize("bad_id", ["", "-c", "c d", "c#1"])
    def test_id_must_be_an_id(self, bad_id: str) -> None:
        """Ids start with a letter or digit and use only letters, digits and _ . : / -."""
        with pytest.raises(ValidationError) as caught:
            Criterion(id=bad_id, title="C")
        assert caught.value.paths == ("$.id",)

    @pytest.mark.parametrize("good_id", ["s11.3.2", "a_b", "x:y/z-1", "0"])
    def test_valid_ids(self, good_id: str) -> None:
        """Dotted, namespaced and numeric ids are allowed."""
        assert Criterion(id=good_id, title="C").id == good_id

    def test_title_must_be_text(self) -> None:
        """A missing title (None) is rejected at $.title."""
        with pytest.raises(ValidationError) as caught:
            Criterion(id="c", title=None)  # type: ignore[arg-type]
        assert caught.value.paths == ("$.title",)
        assert "expected a string; found nothing (null)" in str(caught.value)


class TestDomain:
    def test_holds_domains_and_criteria(self) -> None:
        """A domain's children may mix domains and criteria."""
        domain = Domain(
            id="d",
            title="D",
            children=[Domain(id="d2", title="D2"), Criterion(id="c", title="C")],
        )
        assert [type(child).__name__ for child in domain.children] == ["Domain", "Criterion"]

    def test_weight_default_and_conversion(self) -> None:
        """A domain weighs 1 by default; integer weights become floats."""
        assert (Domain(id="d", title="D").weight, Domain(id="d", title="D", weight=3).weight) == (
            1.0,
            3.0,
        )

    @pytest.mark.parametrize("weight", [-2, math.nan])
    def test_negative_or_nan_weight(self, weight: float) -> None:
        """A negative or NaN domain weight is rejected at $.weight."""
        with pytest.raises(ValidationError) as caught:
            Domain(id="d", title="D", weight=weight)
        assert caught.value.paths == ("$.weight",)

    def test_child_of_wrong_type(self) -> None:
        """A child that is neither a domain nor a criterion is rejected at its index."""
        with pytest.raises(ValidationError) as caught:
            Domain(id="d", title="D", children=[Criterion(id="c", title="C"), "x"])
        assert caught.value.paths == ("$.children[1]",)
        assert "expected a Domain table or a Criterion table" in str(caught.value)

    def test_blank_title(self) -> None:
        """A blank title is rejected at $.title."""
        with pytest.raises(ValidationError) as caught:
            Domain(id="d", title=" ")
        assert caught.value.paths == ("$.title",)


class TestFramework:
    def test_defaults(self) -> None:
        """A framework is rated on OFSTED4 unless it names a scale, and has no metadata."""
        framework = _framework()
        assert (framework.scale, dict(framework.metadata), framework.domains) == (OFSTED4, {}, ())

    def test_domains_become_a_tuple(self) -> None:
        """Domains given as a list are stored as a tuple."""
        framework = Framework(id="f", version="1", title="F", domains=[Domain(id="d", title="D")])
        assert isinstance(framework.domains, tuple)

    def test_top_level_must_be_domains(self) -> None:
        """A criterion at the top level is rejected at its index."""
        with pytest.raises(ValidationError) as caught:
            _framework(Criterion(id="c", title="C"))  # type: ignore[arg-type]
        assert caught.value.paths == ("$.domains[0]",)
        assert "expected a Domain table; found a value of type Criterion" in str(caught.value)

    def test_metadata_values_must_be_text(self) -> None:
        """A metadata value that is not text is rejected at its key."""
        with pytest.raises(ValidationError) as caught:
            _framework(metadata={"region": "North", "year": 2024})
        assert caught.value.paths == ("$.metadata.year",)
        assert "expected a string; found the number 2024" in str(caught.value)

    def test_version_must_be_text(self) -> None:
        """A numeric version is rejected at $.version."""
        with pytest.raises(ValidationError) as caught:
            _framework(version=1)
        assert caught.value.paths == ("$.version",)

    def test_scale_must_be_a_scale(self) -> None:
        """A scale given by name in Python is rejected at $.scale."""
        with pytest.raises(ValidationError) as caught:
            _framework(scale="rag3")
        assert caught.value.paths == ("$.scale",)

    def test_nodes_depth_first_in_document_order(self) -> None:
        """nodes() walks the tree depth-first in document order."""
        assert [node.id for node in _deep().nodes()] == [
            "lead",
            "lead.1",
            "lead.sub",
            "lead.2",
            "lead.2.a",
            "lead.2.b",
            "voice",
            "voice.1",
        ]

    def test_criteria_includes_parents(self) -> None:
        """criteria() lists every criterion, parents before their sub-criteria."""
        assert [c.id for c in _deep().criteria()] == [
            "lead.1",
            "lead.2",
            "lead.2.a",
            "lead.2.b",
            "voice.1",
        ]

    def test_criteria_leaves_only(self) -> None:
        """criteria(leaves_only=True) leaves out criteria with sub-criteria."""
        assert [c.id for c in _deep().criteria(leaves_only=True)] == [
            "lead.1",
            "lead.2.a",
            "lead.2.b",
            "voice.1",
        ]

    def test_all_domains_at_any_depth(self) -> None:
        """all_domains() includes nested domains, in document order."""
        assert [d.id for d in _deep().all_domains()] == ["lead", "lead.sub", "voice"]

    def test_node_finds_domains_and_criteria(self) -> None:
        """node() returns a domain or a criterion by id."""
        framework = _deep()
        assert (framework.node("lead.sub").title, framework.node("lead.2.b").title) == (
            "Sub-domain",
            "B",
        )

    def test_node_unknown_id(self) -> None:
        """node() of an unknown id raises NotFoundError naming framework and id."""
        with pytest.raises(NotFoundError, match="framework 'f' has no domain or criterion 'zz'"):
            _deep().node("zz")

    def test_criterion_finds_criteria(self) -> None:
        """criterion() returns the criterion with that id."""
        assert _example().criterion("c1").weight == 2.0

    def test_criterion_of_a_domain_id(self) -> None:
        """criterion() of a domain's id raises NotFoundError saying it is a domain."""
        with pytest.raises(NotFoundError, match="'d' is a domain of 'example', not a criterion"):
            _example().criterion("d")

    def test_criterion_unknown_id(self) -> None:
        """criterion() of an unknown id raises NotFoundError."""
        with pytest.raises(NotFoundError, match="no domain or criterion 'nope'"):
            _example().criterion("nope")

    def test_path_to(self) -> None:
        """path_to() gives the ids from the top-level domain down to the node."""
        assert _deep().path_to("lead.2.b") == ("lead", "lead.sub", "lead.2", "lead.2.b")

    def test_path_to_top_level_domain(self) -> None:
        """path_to() of a top-level domain is just its id."""
        assert _deep().path_to("voice") == ("voice",)

    def test_path_to_unknown_id(self) -> None:
        """path_to() of an unknown id raises NotFoundError."""
        with pytest.raises(NotFoundError):
            _deep().path_to("zz")

    @pytest.mark.parametrize(
        ("node_id", "path"),
        [
            ("lead", "$.domains[0]"),
            ("lead.sub", "$.domains[0].children[1]"),
            ("lead.2.b", "$.domains[0].children[1].children[0].children[1]"),
            ("voice.1", "$.domains[1].children[0]"),
        ],
    )
    def test_json_path(self, node_id: str, path: str) -> None:
        """json_path() gives the node's place in the framework document."""
        assert _deep().json_path(node_id) == path

    def test_parent_of(self) -> None:
        """parent_of() returns the node one level up."""
        framework = _deep()
        assert (framework.parent_of("lead.2.a").id, framework.parent_of("lead.sub").id) == (
            "lead.2",
            "lead",
        )

    def test_parent_of_top_level_domain_is_none(self) -> None:
        """A top-level domain has no parent."""
        assert _deep().parent_of("voice") is None

    def test_parent_of_unknown_id(self) -> None:
        """parent_of() of an unknown id raises NotFoundError."""
        with pytest.raises(NotFoundError, match="'zz'"):
            _deep().parent_of("zz")

    def test_scale_for_uses_framework_scale(self) -> None:
        """A criterion without its own scale is rated on the framework's."""
        assert _example().scale_for("c1") is OFSTED4

    def test_scale_for_uses_criterion_scale(self) -> None:
        """A criterion's own scale overrides the framework's."""
        assert _example().scale_for("c2.a") is MET3

    def test_sub_criterion_inherits_parent_criterion_scale(self) -> None:
        """A sub-criterion without a scale is rated on its nearest criterion's scale."""
        framework = Framework(
            id="f",
            version="1",
            title="F",
            domains=[
                Domain(
                    id="d",
                    title="D",
                    children=[
                        Criterion(
                            id="c",
                            title="C",
                            scale=MET3,
                            children=[
                                Criterion(id="c.a", title="A", descriptors={"fully_met": "x"})
                            ],
                        )
                    ],
                )
            ],
        )
        assert framework.scale_for("c.a") is MET3

    def test_inherited_scale_checks_descriptors(self) -> None:
        """A sub-criterion's descriptors must name levels of the scale it inherits."""
        with pytest.raises(ValidationError) as caught:
            Framework(
                id="f",
                version="1",
                title="F",
                domains=[
                    Domain(
                        id="d",
                        title="D",
                        children=[
                            Criterion(
                                id="c",
                                title="C",
                                scale=MET3,
                                children=[
                                    Criterion(id="c.a", title="A", descriptors={"good": "x"})
                                ],
                            )
                        ],
                    )
                ],
            )
        assert caught.value.paths == ("$.domains[0].children[0].children[0].descriptors.good",)

    def test_scale_for_a_domain(self) -> None:
        """scale_for() of a domain raises NotFoundError: domains are not rated."""
        with pytest.raises(NotFoundError, match="not a criterion"):
            _example().scale_for("d")

    def test_counts(self) -> None:
        """counts() gives domains and criteria at any depth."""
        assert _deep().counts() == {"domains": 3, "criteria": 5}

    def test_counts_of_empty_framework(self) -> None:
        """An empty framework counts nothing."""
        assert _framework().counts() == {"domains": 0, "criteria": 0}

    def test_contains_ids_of_any_node(self) -> None:
        """'in' finds domain and criterion ids at any depth."""
        framework = _deep()
        assert ("lead.sub" in framework, "lead.2.b" in framework, "zz" in framework) == (
            True,
            True,
            False,
        )

    def test_contains_a_non_string(self) -> None:
        """'in' is false for a value that is not an id."""
        assert 3 not in _deep()

    def test_duplicate_sibling_ids(self) -> None:
        """A repeated id among siblings is reported at the second, naming the first."""
        with pytest.raises(ValidationError) as caught:
            _framework(
                Domain(
                    id="d",
                    title="D",
                    children=[Criterion(id="c", title="C"), Criterion(id="c", title="C again")],
                )
            )
        assert caught.value.paths == ("$.domains[0].children[1].id",)
        assert caught.value.problems[0].message == (
            "expected a unique id; 'c' is also at $.domains[0].children[0]"
        )

    def test_duplicate_ids_across_domains_and_depths(self) -> None:
        """A criterion deep in one domain clashing with another domain's id is reported."""
        with pytest.raises(ValidationError) as caught:
            _framework(
                Domain(id="a", title="A", children=[Criterion(id="x", title="X")]),
                Domain(
                    id="b",
                    title="B",
                    children=[
                        Criterion(id="b.1", title="B1", children=[Criterion(id="a", title="A")])
                    ],
                ),
            )
        assert caught.value.paths == ("$.domains[1].children[0].children[0].id",)
        assert "'a' is also at $.domains[0]" in caught.value.problems[0].message

    def test_every_duplicate_is_reported(self) -> None:
        """Several repeated ids are all reported, in document order."""
        with pytest.raises(ValidationError) as caught:
            _framework(
                Domain(id="d", title="D", children=[Criterion(id="c", title="C")]),
                Domain(id="d", title="D again", children=[Criterion(id="c", title="C again")]),
            )
        assert caught.value.paths == ("$.domains[1].id", "$.domains[1].children[0].id")

    def test_descriptor_not_on_framework_scale(self) -> None:
        """A descriptor naming a level the framework's scale lacks is reported with its path."""
        with pytest.raises(ValidationError) as caught:
            _framework(
                Domain(
                    id="d",
                    title="D",
                    children=[Criterion(id="c", title="C", descriptors={"green": "All good"})],
                )
            )
        assert caught.value.paths == ("$.domains[0].children[0].descriptors.green",)
        message = caught.value.problems[0].message
        assert "expected a level of scale 'ofsted4'" in message
        assert "found 'green'" in message

    def test_descriptor_on_a_non_default_framework_scale(self) -> None:
        """Descriptors are checked against the framework's own scale, not OFSTED4."""
        framework = _framework(
            Domain(
                id="d",
                title="D",
                children=[Criterion(id="c", title="C", descriptors={"green": "All good"})],
            ),
            scale=RAG3,
        )
        assert framework.criterion("c").descriptors["green"] == "All good"

    def test_descriptor_with_own_scale_ignores_framework_scale(self) -> None:
        """A criterion with its own scale may describe that scale's levels."""
        framework = _framework(
            Domain(
                id="d",
                title="D",
                children=[Criterion(id="c", title="C", scale=MET3, descriptors={"fully_met": "x"})],
            )
        )
        assert framework.scale_for("c") is MET3

    def test_descriptor_code_with_dots_is_bracketed_in_path(self) -> None:
        """A descriptor code that is not a plain name is quoted in brackets in the path."""
        with pytest.raises(ValidationError) as caught:
            _framework(
                Domain(
                    id="d",
                    title="D",
                    children=[Criterion(id="c", title="C", descriptors={"very.good": "x"})],
                )
            )
        assert caught.value.paths == ("$.domains[0].children[0].descriptors['very.good']",)

    def test_duplicates_and_descriptors_reported_together(self) -> None:
        """Repeated ids and wrong descriptors are all collected into one error."""
        with pytest.raises(ValidationError) as caught:
            _framework(
                Domain(
                    id="d",
                    title="D",
                    children=[
                        Criterion(id="d", title="C", descriptors={"great": "x"}),
                    ],
                )
            )
        assert caught.value.paths == (
            "$.domains[0].children[0].id",
            "$.domains[0].children[0].descriptors.great",
        )

    def test_equality_ignores_the_index(self) -> None:
        """Frameworks built alike are equal and hash alike."""
        assert _example() == _example()
        assert hash(_example()) == hash(_example())


class TestReservedIds:
    @pytest.mark.parametrize("reserved", ["overall", "domains"])
    def test_scoring_rule_targets_are_not_node_ids(self, reserved: str) -> None:
        """'overall' and 'domains' name scoring-rule targets, so no node may use them."""
        with pytest.raises(ValidationError) as caught:
            Framework(id="f", version="1", title="F", domains=[Domain(id=reserved, title="D")])
        assert caught.value.paths == ("$.domains[0].id",)
        assert "reserve" in caught.value.problems[0].message


def _indicator(indicator_id: str, *criterion_ids: str) -> Indicator:
    return Indicator(
        id=indicator_id,
        title=indicator_id.upper(),
        polarity="higher_is_better",
        criterion_ids=criterion_ids,
    )


class TestFrameworkIndicators:
    def test_indicator_by_id(self) -> None:
        """An attached indicator is found by its id."""
        framework = attrs.evolve(_example(), indicators=[_indicator("x", "c1")])
        assert framework.indicator("x").title == "X"

    def test_unknown_indicator_is_not_found(self) -> None:
        """Asking for an indicator the framework lacks names the known ones."""
        framework = attrs.evolve(_example(), indicators=[_indicator("x")])
        with pytest.raises(NotFoundError, match="no indicator 'y'; known: x"):
            framework.indicator("y")

    def test_indicators_for_reads_links_both_ways(self) -> None:
        """An indicator evidences criteria it names, and criteria that name it."""
        framework = _example()
        named = attrs.evolve(framework.criterion("c2"), indicator_ids=("y",))
        framework = Framework(
            id="f",
            version="1",
            title="F",
            domains=[Domain(id="d", title="D", children=[framework.criterion("c1"), named])],
            indicators=[_indicator("x", "c1"), _indicator("y")],
        )
        assert [i.id for i in framework.indicators_for("c1")] == ["x"]
        assert [i.id for i in framework.indicators_for("c2")] == ["y"]

    def test_repeated_indicator_id_is_an_error(self) -> None:
        """Two indicators with one id are a problem at the second."""
        with pytest.raises(ValidationError) as caught:
            attrs.evolve(_example(), indicators=[_indicator("x"), _indicator("x")])
        assert caught.value.paths == ("$.indicators[1].id",)

    def test_link_to_unknown_or_domain_is_an_error(self) -> None:
        """An indicator may evidence criteria only, and only the framework's."""
        with pytest.raises(ValidationError) as caught:
            attrs.evolve(_example(), indicators=[_indicator("x", "c1", "d", "zz")])
        assert caught.value.paths == (
            "$.indicators[0].criterion_ids[1]",
            "$.indicators[0].criterion_ids[2]",
        )
