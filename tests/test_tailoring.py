"""Tailoring: one layer of changes to a base framework, and the provenance it records."""

from __future__ import annotations

import attrs
import pytest

from lscbqa.criteria import Criterion, Domain, EvidenceExpectation
from lscbqa.exceptions import ValidationError
from lscbqa.measures import Indicator
from lscbqa.model import Framework, _example
from lscbqa.provenance import Change, Origin, OriginStatus
from lscbqa.scales import MET3, OFSTED4, RAG3, Level, RatingScale
from lscbqa.tailoring import Addition, Modification, Settings, Tailoring, apply_tailoring

POOR_GOOD = RatingScale(
    id="poor_good",
    title="Poor or good",
    levels=[Level(code="poor", label="Poor", value=0), Level(code="good", label="Good", value=1)],
)


def _base() -> Framework:
    """Two domains (one with a sub-domain), criteria with sub-criteria and descriptors."""
    return Framework(
        id="base",
        version="1",
        title="Base",
        description="The base framework",
        metadata={"source": "tests", "region": "none"},
        domains=[
            Domain(
                id="d1",
                title="Domain one",
                children=[
                    Criterion(
                        id="a",
                        title="A",
                        weight=2,
                        descriptors={"good": "A is good", "outstanding": "A is outstanding"},
                    ),
                    Criterion(
                        id="b",
                        title="B",
                        children=[
                            Criterion(id="b.1", title="B one", descriptors={"good": "B1 good"}),
                            Criterion(id="b.2", title="B two"),
                        ],
                    ),
                    Criterion(id="c", title="C"),
                ],
            ),
            Domain(
                id="d2",
                title="Domain two",
                children=[
                    Domain(id="d2.sub", title="Sub", children=[Criterion(id="e", title="E")]),
                    Criterion(
                        id="f", title="F", scale=MET3, descriptors={"fully_met": "F fully met"}
                    ),
                ],
            ),
        ],
    )


def _ids(framework: Framework) -> list[str]:
    return [node.id for node in framework.nodes()]


def _problems(error: pytest.ExceptionInfo[ValidationError]) -> list[tuple[str, str]]:
    return [(p.path, p.message) for p in error.value.problems]


def _new(node_id: str, title: str = "New") -> Criterion:
    return Criterion(id=node_id, title=title)


class TestAddition:
    def test_position_defaults_to_last_under_no_parent(self) -> None:
        """Without parent, before or after, every position field is None."""
        addition = Addition(node=_new("x"))
        assert (addition.parent, addition.before, addition.after) == (None, None, None)

    def test_before_and_after_together_are_rejected(self) -> None:
        """Naming both a sibling to go before and one to go after is an error at $.after."""
        with pytest.raises(ValidationError) as error:
            Addition(node=_new("x"), before="a", after="c")
        assert _problems(error) == [
            ("$.after", "expected at most one of 'before' and 'after'; found both")
        ]

    def test_every_field_problem_is_reported(self) -> None:
        """A node that is not a node and a malformed parent id are both reported."""
        with pytest.raises(ValidationError) as error:
            Addition(node="x", parent="bad id!")  # type: ignore[arg-type]
        assert error.value.paths == ("$.node", "$.parent")
        assert "expected a Domain table or a Criterion table" in error.value.problems[0].message


class TestModification:
    def test_fields_in_field_order(self) -> None:
        """``fields`` names the fields set, in the order of the class's fields."""
        assert Modification(id="c", questions=["Q?"], weight=1, title="T").fields == (
            "title",
            "weight",
            "questions",
        )

    def test_empty_list_counts_as_a_change(self) -> None:
        """An empty replacement list is a change (to nothing), not a field left alone."""
        assert Modification(id="c", tags=[]).fields == ("tags",)

    def test_needs_a_field_to_change(self) -> None:
        """A modification that changes nothing is rejected."""
        with pytest.raises(ValidationError) as error:
            Modification(id="c")
        assert _problems(error) == [("$", "expected at least one field to change for 'c'")]

    def test_every_field_problem_is_reported(self) -> None:
        """A blank title and a negative weight are reported together, each at its path."""
        with pytest.raises(ValidationError) as error:
            Modification(id="c", title=" ", weight=-1)
        assert _problems(error) == [
            ("$.title", "expected a non-empty text; found the string ' '"),
            ("$.weight", "expected a finite number >= 0; found the number -1.0"),
        ]

    def test_apply_changes_only_the_named_fields(self) -> None:
        """Fields left as None keep the node's value."""
        node = Criterion(id="c", title="C", description="Old", tags=["x"], weight=3)
        changed = Modification(id="c", title="New C").apply(node)
        assert changed == Criterion(id="c", title="New C", description="Old", tags=["x"], weight=3)

    def test_apply_merges_descriptors(self) -> None:
        """Descriptors named replace the node's for those levels; the others are kept."""
        node = Criterion(id="c", title="C", descriptors={"good": "Old good", "inadequate": "Bad"})
        changed = Modification(id="c", descriptors={"good": "New good"}).apply(node)
        assert isinstance(changed, Criterion)
        assert dict(changed.descriptors) == {"good": "New good", "inadequate": "Bad"}

    def test_apply_new_scale_drops_descriptors_it_lacks(self) -> None:
        """A new scale keeps only the node's descriptors of levels it has."""
        node = Criterion(id="c", title="C", descriptors={"good": "Good", "outstanding": "Top"})
        changed = Modification(id="c", scale=POOR_GOOD).apply(node)
        assert isinstance(changed, Criterion)
        assert (changed.scale, dict(changed.descriptors)) == (POOR_GOOD, {"good": "Good"})

    def test_apply_criterion_only_fields_to_a_domain(self) -> None:
        """Guidance or tags for a domain are rejected, naming the fields."""
        with pytest.raises(ValidationError) as error:
            Modification(id="d", guidance="G", tags=["t"]).apply(Domain(id="d", title="D"))
        assert _problems(error) == [
            (
                "$",
                "expected only title, description, weight or questions for domain 'd'; "
                "found guidance, tags",
            )
        ]

    def test_apply_domain_fields_to_a_domain(self) -> None:
        """Title, description, weight and questions of a domain can change."""
        modification = Modification(
            id="d", title="New", description="Desc", weight=3, questions=["Why?"]
        )
        changed = modification.apply(Domain(id="d", title="D"))
        assert changed == Domain(
            id="d", title="New", description="Desc", weight=3, questions=["Why?"]
        )


class TestSettings:
    def test_defaults_change_nothing(self) -> None:
        """By default no scale and no metadata are set."""
        settings = Settings()
        assert (settings.scale, dict(settings.metadata)) == (None, {})

    def test_every_field_problem_is_reported(self) -> None:
        """A scale given by name and a metadata value that is not text are both reported."""
        with pytest.raises(ValidationError) as error:
            Settings(scale="met3", metadata={"a": 1})  # type: ignore[arg-type]
        assert error.value.paths == ("$.scale", "$.metadata.a")


class TestTailoring:
    def test_lists_become_tuples(self) -> None:
        """Sequences of ids, additions and modifications are stored as tuples."""
        layer = Tailoring(
            id="t",
            version="1",
            extends="base",
            exclude=["a"],
            include=["d1"],
            add=[Addition(node=_new("x"), parent="d1")],
            modify=[Modification(id="c", weight=1)],
        )
        assert (layer.exclude, layer.include) == (("a",), ("d1",))
        assert isinstance(layer.add, tuple)
        assert isinstance(layer.modify, tuple)

    def test_defaults(self) -> None:
        """Without operations a layer changes nothing and keeps the base's wording."""
        layer = Tailoring(id="t", version="1", extends="base")
        assert (layer.title, layer.description, layer.exclude, layer.include) == (
            None,
            None,
            (),
            (),
        )
        assert (layer.add, layer.modify, layer.set) == ((), (), Settings())

    def test_every_field_problem_is_reported(self) -> None:
        """Every malformed field is reported at once, each at its path."""
        with pytest.raises(ValidationError) as error:
            Tailoring(
                id="bad id",
                version="",
                extends="",
                exclude=["ok", "bad id"],
                add=["x"],  # type: ignore[list-item]
                modify=[3],  # type: ignore[list-item]
                set=None,  # type: ignore[arg-type]
            )
        assert error.value.paths == (
            "$.id",
            "$.version",
            "$.extends",
            "$.exclude[1]",
            "$.add[0]",
            "$.modify[0]",
            "$.set",
        )


class TestApplyTailoring:
    def test_same_as_framework_tailor(self) -> None:
        """Applying a Tailoring value gives what Framework.tailor gives for the same layer."""
        layer = Tailoring(
            id="t",
            version="2",
            extends="base",
            exclude=["b"],
            modify=[Modification(id="a", weight=5)],
        )
        expected = _base().tailor(
            id="t", version="2", exclude=["b"], modify=[Modification(id="a", weight=5)]
        )
        assert apply_tailoring(_base(), layer) == expected

    def test_id_version_and_wording(self) -> None:
        """The result has the layer's id, version, title and description."""
        layer = Tailoring(id="t", version="2", title="T", description="", extends="base")
        result = apply_tailoring(_base(), layer)
        assert (result.id, result.version, result.title, result.description) == (
            "t",
            "2",
            "T",
            "",
        )

    def test_wording_defaults_to_the_base(self) -> None:
        """Without title or description, the base's are kept; so are its scale and tree."""
        result = apply_tailoring(_base(), Tailoring(id="t", version="2", extends="base"))
        assert (result.title, result.description, result.scale) == (
            "Base",
            "The base framework",
            OFSTED4,
        )
        assert result.domains == _base().domains

    def test_does_not_change_the_base(self) -> None:
        """The base framework is left as it was."""
        base = _base()
        apply_tailoring(base, Tailoring(id="t", version="2", extends="base", exclude=["d1"]))
        assert base == _base()


class TestTailorExclude:
    def test_removes_the_node_and_its_subtree(self) -> None:
        """Excluding a criterion removes its sub-criteria too."""
        result = _base().tailor(id="t", version="1", exclude=["b"])
        assert _ids(result) == ["d1", "a", "c", "d2", "d2.sub", "e", "f"]

    def test_removes_a_whole_domain(self) -> None:
        """Excluding a domain removes the domains and criteria in it."""
        result = _base().tailor(id="t", version="1", exclude=["d2"])
        assert _ids(result) == ["d1", "a", "b", "b.1", "b.2", "c"]

    def test_a_node_inside_an_excluded_one(self) -> None:
        """Excluding a node and one of its descendants is not a conflict."""
        result = _base().tailor(id="t", version="1", exclude=["b", "b.1"])
        assert _ids(result) == ["d1", "a", "c", "d2", "d2.sub", "e", "f"]

    def test_dangling_id(self) -> None:
        """An id the base lacks is reported at its place in the exclude list."""
        with pytest.raises(ValidationError) as error:
            _base().tailor(id="t", version="1", exclude=["a", "zz"])
        assert _problems(error) == [
            ("$.exclude[1]", "expected a node of 'base' to exclude; found 'zz'")
        ]


class TestTailorInclude:
    def test_keeps_the_subtree_and_ancestors(self) -> None:
        """Including a sub-criterion keeps its criterion and domain, and drops the rest."""
        result = _base().tailor(id="t", version="1", include=["b.1"])
        assert _ids(result) == ["d1", "b", "b.1"]

    def test_keeps_the_whole_subtree(self) -> None:
        """Including a criterion keeps all of its sub-criteria."""
        result = _base().tailor(id="t", version="1", include=["b"])
        assert _ids(result) == ["d1", "b", "b.1", "b.2"]

    def test_several_ids(self) -> None:
        """What several includes keep is the union, in the base's order."""
        result = _base().tailor(id="t", version="1", include=["e", "a"])
        assert _ids(result) == ["d1", "a", "d2", "d2.sub", "e"]

    def test_then_exclude_inside(self) -> None:
        """An exclude removes a node from inside an included subtree."""
        result = _base().tailor(id="t", version="1", include=["d1"], exclude=["b.2"])
        assert _ids(result) == ["d1", "a", "b", "b.1", "c"]

    def test_dangling_id(self) -> None:
        """An id the base lacks is reported at its place in the include list."""
        with pytest.raises(ValidationError) as error:
            _base().tailor(id="t", version="1", include=["zz"])
        assert _problems(error) == [
            ("$.include[0]", "expected a node of 'base' to include; found 'zz'")
        ]


class TestTailorAdd:
    def test_under_a_parent_goes_last(self) -> None:
        """A criterion added under a domain goes after its existing children."""
        result = _base().tailor(id="t", version="1", add=[Addition(node=_new("x"), parent="d1")])
        assert [child.id for child in result.node("d1").children] == ["a", "b", "c", "x"]

    def test_before_a_sibling(self) -> None:
        """``before`` places the node just before the sibling, under the sibling's parent."""
        result = _base().tailor(id="t", version="1", add=[Addition(node=_new("x"), before="b")])
        assert [child.id for child in result.node("d1").children] == ["a", "x", "b", "c"]

    def test_after_a_sibling(self) -> None:
        """``after`` places the node just after the sibling."""
        result = _base().tailor(id="t", version="1", add=[Addition(node=_new("x"), after="a")])
        assert [child.id for child in result.node("d1").children] == ["a", "x", "b", "c"]

    def test_after_a_sibling_under_its_named_parent(self) -> None:
        """A parent and a sibling under it can both be named."""
        addition = Addition(node=_new("x"), parent="d2", after="d2.sub")
        result = _base().tailor(id="t", version="1", add=[addition])
        assert [child.id for child in result.node("d2").children] == ["d2.sub", "x", "f"]

    def test_domain_at_top_level(self) -> None:
        """A domain with no parent is added as the last top-level domain, with its subtree."""
        domain = Domain(id="d3", title="Three", children=[_new("d3.1")])
        result = _base().tailor(id="t", version="1", add=[Addition(node=domain)])
        assert [d.id for d in result.domains] == ["d1", "d2", "d3"]
        assert result.path_to("d3.1") == ("d3", "d3.1")

    def test_domain_before_a_top_level_domain(self) -> None:
        """A domain placed before a top-level domain stands at the top level."""
        addition = Addition(node=Domain(id="d0", title="Zero"), before="d1")
        result = _base().tailor(id="t", version="1", add=[addition])
        assert [d.id for d in result.domains] == ["d0", "d1", "d2"]

    def test_domain_under_a_domain(self) -> None:
        """A domain can be added inside another domain."""
        addition = Addition(node=Domain(id="d2.extra", title="Extra"), parent="d2")
        result = _base().tailor(id="t", version="1", add=[addition])
        assert result.path_to("d2.extra") == ("d2", "d2.extra")

    def test_sub_criterion_under_a_criterion(self) -> None:
        """A criterion added under a criterion becomes its last sub-criterion."""
        result = _base().tailor(id="t", version="1", add=[Addition(node=_new("c.1"), parent="c")])
        assert result.path_to("c.1") == ("d1", "c", "c.1")
        assert result.criterion("c").is_leaf is False

    def test_sub_criterion_inherits_its_criterion_scale(self) -> None:
        """A sub-criterion added under a criterion with its own scale is rated on that scale."""
        result = _base().tailor(id="t", version="1", add=[Addition(node=_new("f.1"), parent="f")])
        assert result.scale_for("f.1") is MET3

    def test_additions_in_order(self) -> None:
        """A later addition can be placed relative to an earlier one of the same layer."""
        result = _base().tailor(
            id="t",
            version="1",
            add=[
                Addition(node=_new("x"), parent="d1"),
                Addition(node=_new("y"), before="x"),
            ],
        )
        assert [child.id for child in result.node("d1").children] == ["a", "b", "c", "y", "x"]

    def test_criterion_at_top_level(self) -> None:
        """A criterion without a parent is rejected: only domains stand at the top level."""
        with pytest.raises(ValidationError) as error:
            _base().tailor(id="t", version="1", add=[Addition(node=_new("x"))])
        assert _problems(error) == [
            ("$.add[0].parent", "expected a parent: only domains stand at the top level")
        ]

    def test_criterion_before_a_top_level_domain(self) -> None:
        """A criterion placed beside a top-level domain would stand at the top: rejected."""
        with pytest.raises(ValidationError) as error:
            _base().tailor(id="t", version="1", add=[Addition(node=_new("x"), after="d2")])
        assert error.value.paths == ("$.add[0].parent",)

    def test_domain_under_a_criterion(self) -> None:
        """A domain under a criterion is rejected at the addition's parent."""
        addition = Addition(node=Domain(id="x", title="X"), parent="a")
        with pytest.raises(ValidationError) as error:
            _base().tailor(id="t", version="1", add=[addition])
        assert _problems(error) == [
            ("$.add[0].parent", "expected a domain to add a domain under; 'a' is a criterion")
        ]

    def test_domain_beside_a_sub_criterion(self) -> None:
        """A domain placed beside a sub-criterion would be under a criterion: rejected."""
        addition = Addition(node=Domain(id="x", title="X"), before="b.1")
        with pytest.raises(ValidationError) as error:
            _base().tailor(id="t", version="1", add=[addition])
        assert _problems(error) == [
            ("$.add[0].parent", "expected a domain to add a domain under; 'b' is a criterion")
        ]

    def test_existing_id(self) -> None:
        """Adding an id the framework has is a conflict at the node's id."""
        with pytest.raises(ValidationError) as error:
            _base().tailor(id="t", version="1", add=[Addition(node=_new("c"), parent="d1")])
        assert _problems(error) == [
            (
                "$.add[0].node.id",
                "conflict: 'c' already in the framework (change an existing node with modify)",
            )
        ]

    def test_existing_id_deep_in_the_added_subtree(self) -> None:
        """An id inside the added subtree that clashes is named too."""
        node = Criterion(id="x", title="X", children=[_new("e"), _new("b.2")])
        with pytest.raises(ValidationError) as error:
            _base().tailor(id="t", version="1", add=[Addition(node=node, parent="d1")])
        assert _problems(error) == [
            (
                "$.add[0].node.id",
                "conflict: 'e', 'b.2' already in the framework "
                "(change an existing node with modify)",
            )
        ]

    def test_id_added_twice(self) -> None:
        """A second addition of an id the layer already added is a conflict."""
        with pytest.raises(ValidationError) as error:
            _base().tailor(
                id="t",
                version="1",
                add=[Addition(node=_new("x"), parent="d1"), Addition(node=_new("x"), parent="d2")],
            )
        assert error.value.paths == ("$.add[1].node.id",)

    def test_dangling_parent(self) -> None:
        """A parent the base lacks is reported at the addition's parent."""
        with pytest.raises(ValidationError) as error:
            _base().tailor(id="t", version="1", add=[Addition(node=_new("x"), parent="zz")])
        assert _problems(error) == [
            ("$.add[0].parent", "expected a node of 'base' to add under; found 'zz'")
        ]

    def test_dangling_sibling(self) -> None:
        """A sibling the base lacks is reported at ``before`` or ``after``."""
        with pytest.raises(ValidationError) as error:
            _base().tailor(
                id="t",
                version="1",
                add=[Addition(node=_new("x"), before="zz"), Addition(node=_new("y"), after="yy")],
            )
        assert _problems(error) == [
            ("$.add[0].before", "expected a node of 'base' to add before; found 'zz'"),
            ("$.add[1].after", "expected a node of 'base' to add after; found 'yy'"),
        ]

    def test_sibling_not_under_the_named_parent(self) -> None:
        """A sibling that is not a child of the named parent is a conflict."""
        with pytest.raises(ValidationError) as error:
            _base().tailor(
                id="t", version="1", add=[Addition(node=_new("x"), parent="d2", before="a")]
            )
        assert _problems(error) == [("$.add[0].before", "conflict: 'a' is not a child of 'd2'")]

    def test_after_a_removed_node(self) -> None:
        """Placing a node after one the layer excludes is a conflict."""
        with pytest.raises(ValidationError) as error:
            _base().tailor(
                id="t", version="1", exclude=["b"], add=[Addition(node=_new("x"), after="b.1")]
            )
        assert _problems(error) == [
            ("$.add[0].after", "conflict: cannot add after 'b.1', which this layer removes")
        ]

    def test_before_a_node_include_drops(self) -> None:
        """A node that an include leaves out is removed too: placing before it conflicts."""
        with pytest.raises(ValidationError) as error:
            _base().tailor(
                id="t", version="1", include=["d1"], add=[Addition(node=_new("x"), before="f")]
            )
        assert _problems(error) == [
            ("$.add[0].before", "conflict: cannot add before 'f', which this layer removes")
        ]

    def test_under_a_removed_node(self) -> None:
        """Adding under a node the layer excludes is a conflict at the parent."""
        with pytest.raises(ValidationError) as error:
            _base().tailor(
                id="t", version="1", exclude=["d2"], add=[Addition(node=_new("x"), parent="d2")]
            )
        assert _problems(error) == [
            ("$.add[0].parent", "conflict: cannot add under 'd2', which this layer removes")
        ]

    def test_invalid_result_names_the_produced_framework(self) -> None:
        """An added criterion whose descriptors miss the scale is reported at its place."""
        node = Criterion(id="x", title="X", descriptors={"fully_met": "All"})
        with pytest.raises(ValidationError) as error:
            _base().tailor(id="t", version="1", add=[Addition(node=node, parent="d1")])
        assert error.value.paths == ("$.domains[0].children[3].descriptors.fully_met",)
        assert error.value.problems[0].message.endswith(
            "(in the framework this tailoring produces)"
        )


class TestTailorModify:
    def test_wording(self) -> None:
        """Title, description and guidance are replaced."""
        modification = Modification(id="c", title="New C", description="D", guidance="G")
        node = _base().tailor(id="t", version="1", modify=[modification]).criterion("c")
        assert (node.title, node.description, node.guidance) == ("New C", "D", "G")

    def test_weight(self) -> None:
        """The weight is replaced."""
        result = _base().tailor(id="t", version="1", modify=[Modification(id="a", weight=0.5)])
        assert result.criterion("a").weight == 0.5

    def test_descriptors_merge(self) -> None:
        """Descriptors named are set; those not named are kept."""
        modification = Modification(id="a", descriptors={"good": "New", "inadequate": "Poor"})
        result = _base().tailor(id="t", version="1", modify=[modification])
        assert dict(result.criterion("a").descriptors) == {
            "good": "New",
            "outstanding": "A is outstanding",
            "inadequate": "Poor",
        }

    def test_descriptor_of_a_level_the_scale_lacks(self) -> None:
        """A descriptor for a level the criterion's scale lacks is reported in the modify."""
        modification = Modification(id="c", descriptors={"good": "Fine", "amber": "Partly"})
        with pytest.raises(ValidationError) as error:
            _base().tailor(
                id="t", version="1", modify=[Modification(id="a", weight=1), modification]
            )
        assert _problems(error) == [
            (
                "$.modify[1].descriptors.amber",
                "expected a level of scale 'ofsted4' "
                "(inadequate, requires_improvement, good, outstanding); found 'amber'",
            )
        ]

    def test_scale(self) -> None:
        """A criterion's scale is replaced, and its sub-criteria are rated on it."""
        result = _base().tailor(id="t", version="1", modify=[Modification(id="b", scale=RAG3)])
        assert (result.scale_for("b"), result.scale_for("b.2")) == (RAG3, RAG3)

    def test_evidence(self) -> None:
        """The evidence expectation is replaced."""
        expectation = EvidenceExpectation(min_count=2, kinds=["policy"])
        modification = Modification(id="c", evidence=expectation)
        result = _base().tailor(id="t", version="1", modify=[modification])
        assert result.criterion("c").evidence == expectation

    def test_lists(self) -> None:
        """Indicator ids, tags and questions are replaced, not extended."""
        base = _base().tailor(
            id="t0", version="1", modify=[Modification(id="c", tags=["old"], questions=["Old?"])]
        )
        modification = Modification(
            id="c", indicator_ids=["ind.1"], tags=["local"], questions=["New?"]
        )
        node = base.tailor(id="t", version="1", modify=[modification]).criterion("c")
        assert (node.indicator_ids, node.tags, node.questions) == (
            ("ind.1",),
            ("local",),
            ("New?",),
        )

    def test_domain(self) -> None:
        """A domain's title, description, weight and questions can change."""
        modification = Modification(
            id="d2.sub", title="Sub", description="D", weight=4, questions=["Q?"]
        )
        node = _base().tailor(id="t", version="1", modify=[modification]).node("d2.sub")
        assert (node.title, node.description, node.weight, node.questions) == (
            "Sub",
            "D",
            4.0,
            ("Q?",),
        )

    def test_children_are_kept(self) -> None:
        """Modifying a criterion keeps its sub-criteria."""
        result = _base().tailor(id="t", version="1", modify=[Modification(id="b", title="Bee")])
        assert _ids(result) == _ids(_base())

    def test_criterion_only_fields_on_a_domain(self) -> None:
        """Criterion-only fields for a domain are reported at the modification."""
        modification = Modification(id="d1", scale=MET3, evidence=EvidenceExpectation())
        with pytest.raises(ValidationError) as error:
            _base().tailor(
                id="t", version="1", modify=[Modification(id="a", weight=1), modification]
            )
        assert _problems(error) == [
            (
                "$.modify[1]",
                "expected only title, description, weight or questions for domain 'd1'; "
                "found scale, evidence",
            )
        ]

    def test_dangling_id(self) -> None:
        """An id the base lacks is reported at the modification's id."""
        with pytest.raises(ValidationError) as error:
            _base().tailor(
                id="t",
                version="1",
                modify=[Modification(id="a", weight=1), Modification(id="zz", weight=1)],
            )
        assert _problems(error) == [
            ("$.modify[1].id", "expected a node of 'base' to modify; found 'zz'")
        ]

    def test_an_excluded_node(self) -> None:
        """Modifying a node the layer excludes is a conflict."""
        with pytest.raises(ValidationError) as error:
            _base().tailor(
                id="t", version="1", exclude=["b"], modify=[Modification(id="b.1", weight=2)]
            )
        assert _problems(error) == [
            ("$.modify[0].id", "conflict: 'b.1' is modified but this layer removes it")
        ]

    def test_a_node_include_drops(self) -> None:
        """Modifying a node that an include leaves out is a conflict."""
        with pytest.raises(ValidationError) as error:
            _base().tailor(
                id="t", version="1", include=["d2"], modify=[Modification(id="a", weight=2)]
            )
        assert _problems(error) == [
            ("$.modify[0].id", "conflict: 'a' is modified but this layer removes it")
        ]

    def test_twice(self) -> None:
        """Two modifications of one id conflict; the second is reported, naming the first."""
        with pytest.raises(ValidationError) as error:
            _base().tailor(
                id="t",
                version="1",
                modify=[Modification(id="c", weight=2), Modification(id="c", title="C2")],
            )
        assert _problems(error) == [
            ("$.modify[1].id", "conflict: 'c' is also modified at $.modify[0]")
        ]


class TestTailorSet:
    def test_scale(self) -> None:
        """A new default scale applies to criteria without their own."""
        result = _base().tailor(id="t", version="1", set=Settings(scale=RAG3))
        assert (result.scale, result.scale_for("c"), result.scale_for("f")) == (RAG3, RAG3, MET3)

    def test_metadata_merges(self) -> None:
        """Metadata entries are set over the base's; the others are kept."""
        settings = Settings(metadata={"region": "North", "licence": "MIT"})
        result = _base().tailor(id="t", version="1", set=settings)
        assert dict(result.metadata) == {"source": "tests", "region": "North", "licence": "MIT"}


class TestTailorRescaling:
    def test_new_default_scale_drops_descriptors_it_lacks(self) -> None:
        """Descriptors of levels the new default scale lacks are dropped."""
        result = _base().tailor(id="t", version="1", set=Settings(scale=RAG3))
        assert dict(result.criterion("a").descriptors) == {}

    def test_descriptors_sharing_a_code_with_the_new_scale_go_too(self) -> None:
        """A descriptor of the old scale describes the old level, even where the code is shared."""
        result = _base().tailor(id="t", version="1", set=Settings(scale=POOR_GOOD))
        assert dict(result.criterion("a").descriptors) == {}

    def test_descriptors_given_with_the_new_scale_are_kept(self) -> None:
        """Descriptors the re-scaling layer itself gives describe the new scale's levels."""
        result = _base().tailor(
            id="t",
            version="1",
            set=Settings(scale=POOR_GOOD),
            modify=[Modification(id="a", descriptors={"poor": "A is poor", "good": "A is fine"})],
        )
        assert dict(result.criterion("a").descriptors) == {"poor": "A is poor", "good": "A is fine"}

    def test_unchanged_scale_keeps_descriptors(self) -> None:
        """A layer that leaves a criterion's scale alone leaves its descriptors alone."""
        result = _base().tailor(id="t", version="1", set=Settings(scale=_base().scale))
        assert result.criterion("a").descriptors == _base().criterion("a").descriptors

    def test_drop_recorded_in_provenance(self) -> None:
        """Dropping descriptors counts as this layer changing them."""
        result = _base().tailor(id="t", version="1", set=Settings(scale=RAG3))
        assert result.origin("a") == Origin(
            status="modified", layer="base", changes=[Change(layer="t", fields=["descriptors"])]
        )

    def test_criteria_without_stale_descriptors_stay_inherited(self) -> None:
        """A criterion with nothing to drop is still inherited."""
        result = _base().tailor(id="t", version="1", set=Settings(scale=RAG3))
        assert result.origin("c") == Origin(status="inherited", layer="base")

    def test_criterion_with_its_own_scale_keeps_its_descriptors(self) -> None:
        """A criterion on its own scale is untouched by a new default scale."""
        result = _base().tailor(id="t", version="1", set=Settings(scale=RAG3))
        assert dict(result.criterion("f").descriptors) == {"fully_met": "F fully met"}
        assert result.origin("f").status is OriginStatus.INHERITED

    def test_new_descriptors_in_the_same_layer(self) -> None:
        """The layer that re-scales can describe the new levels; the change is recorded once."""
        result = _base().tailor(
            id="t",
            version="1",
            set=Settings(scale=MET3),
            modify=[Modification(id="a", descriptors={"fully_met": "All of A"})],
        )
        assert dict(result.criterion("a").descriptors) == {"fully_met": "All of A"}
        assert result.origin("a").changes == (Change(layer="t", fields=["descriptors"]),)

    def test_modified_scale_drops_the_criterion_descriptors(self) -> None:
        """Giving a criterion a new scale drops its descriptors of levels the scale lacks."""
        result = _base().tailor(id="t", version="1", modify=[Modification(id="a", scale=MET3)])
        assert dict(result.criterion("a").descriptors) == {}
        assert result.origin("a").changes == (Change(layer="t", fields=["scale", "descriptors"]),)

    def test_modified_scale_with_new_descriptors(self) -> None:
        """A modification can give a new scale and descriptors of its levels together."""
        modification = Modification(id="a", scale=MET3, descriptors={"not_met": "None of A"})
        result = _base().tailor(id="t", version="1", modify=[modification])
        assert dict(result.criterion("a").descriptors) == {"not_met": "None of A"}
        assert result.origin("a").changes == (Change(layer="t", fields=["descriptors", "scale"]),)

    def test_descriptor_given_for_an_old_level_when_re_scaling(self) -> None:
        """A layer that re-scales and describes a level of the old scale is told, not ignored."""
        with pytest.raises(ValidationError) as error:
            _base().tailor(
                id="t",
                version="1",
                set=Settings(scale=MET3),
                modify=[Modification(id="a", descriptors={"fully_met": "All", "good": "Good"})],
            )
        assert _problems(error) == [
            (
                "$.modify[0].descriptors.good",
                "expected a level of scale 'met3' (not_met, partially_met, fully_met); "
                "found 'good'",
            )
        ]

    def test_modified_scale_with_a_descriptor_it_lacks(self) -> None:
        """A descriptor the modification itself gives for a missing level is an error."""
        modification = Modification(id="a", scale=MET3, descriptors={"good": "Good"})
        with pytest.raises(ValidationError) as error:
            _base().tailor(id="t", version="1", modify=[modification])
        assert error.value.paths == ("$.modify[0].descriptors.good",)
        assert "expected a level of scale 'met3'" in error.value.problems[0].message

    def test_modified_scale_reaches_sub_criteria(self) -> None:
        """Sub-criteria that inherit a re-scaled criterion's scale lose stale descriptors."""
        result = _base().tailor(id="t", version="1", modify=[Modification(id="b", scale=MET3)])
        assert dict(result.criterion("b.1").descriptors) == {}
        assert result.origin("b.1").changes == (Change(layer="t", fields=["descriptors"]),)
        assert result.origin("b").changes == (Change(layer="t", fields=["scale"]),)


class TestTailorConflicts:
    def test_include_and_exclude_the_same_id(self) -> None:
        """Including and excluding one id is a conflict at the exclude."""
        with pytest.raises(ValidationError) as error:
            _base().tailor(id="t", version="1", include=["a", "c"], exclude=["c"])
        assert _problems(error) == [("$.exclude[0]", "conflict: 'c' is both included and excluded")]

    def test_every_problem_is_collected(self) -> None:
        """Dangling ids and conflicts of every operation are reported together, in order."""
        with pytest.raises(ValidationError) as error:
            _base().tailor(
                id="t",
                version="1",
                include=["d1", "yy"],
                exclude=["zz", "d1"],
                modify=[
                    Modification(id="q", weight=1),
                    Modification(id="f", weight=1),
                    Modification(id="c", weight=1),
                    Modification(id="c", title="C"),
                    Modification(id="d1", tags=["t"]),
                ],
                add=[
                    Addition(node=_new("c"), parent="d1"),
                    Addition(node=_new("x"), parent="pp"),
                    Addition(node=_new("y"), after="e"),
                    Addition(node=_new("z"), parent="d1", before="b.1"),
                    Addition(node=_new("w")),
                    Addition(node=Domain(id="v", title="V"), parent="b"),
                ],
            )
        assert error.value.paths == (
            "$.include[1]",
            "$.exclude[0]",
            "$.exclude[1]",
            "$.modify[0].id",
            "$.modify[1].id",
            "$.modify[3].id",
            "$.modify[4]",
            "$.add[0].node.id",
            "$.add[1].parent",
            "$.add[2].after",
            "$.add[3].before",
            "$.add[4].parent",
            "$.add[5].parent",
        )
        messages = [p.message for p in error.value.problems]
        assert messages[1] == "expected a node of 'base' to exclude; found 'zz'"
        assert messages[2] == "conflict: 'd1' is both included and excluded"
        assert messages[4] == "conflict: 'f' is modified but this layer removes it"
        assert messages[5] == "conflict: 'c' is also modified at $.modify[2]"

    def test_raises_a_value_error(self) -> None:
        """The error is a ValueError too, for callers who do not know lscbqa."""
        with pytest.raises(ValueError, match=r"\$\.exclude\[0\]"):
            _base().tailor(id="t", version="1", exclude=["zz"])


class TestTailorProvenance:
    def test_every_node_has_an_origin(self) -> None:
        """The provenance names exactly the nodes of the result."""
        result = _base().tailor(id="t", version="1", exclude=["b"])
        assert list(result.provenance) == _ids(result)

    def test_inherited(self) -> None:
        """An untouched node is inherited from the base, with no changes."""
        result = _base().tailor(id="t", version="1", modify=[Modification(id="a", weight=1)])
        assert result.origin("c") == Origin(status=OriginStatus.INHERITED, layer="base")

    def test_modified(self) -> None:
        """A modified node records the layer and the fields it changed."""
        modification = Modification(id="a", weight=1, title="Aa")
        result = _base().tailor(id="t", version="1", modify=[modification])
        assert result.origin("a") == Origin(
            status=OriginStatus.MODIFIED,
            layer="base",
            changes=[Change(layer="t", fields=["title", "weight"])],
        )
        assert str(result.origin("a")) == "modified: from base; title, weight changed by t"

    def test_parent_of_a_modified_node_is_inherited(self) -> None:
        """Modifying a child does not count as modifying its parent."""
        result = _base().tailor(id="t", version="1", modify=[Modification(id="b.1", weight=1)])
        assert result.origin("b").status is OriginStatus.INHERITED

    def test_added_with_subtree(self) -> None:
        """Every node of an added subtree is added by the layer."""
        domain = Domain(id="d3", title="Three", children=[_new("d3.1")])
        result = _base().tailor(id="t", version="1", add=[Addition(node=domain)])
        expected = Origin(status=OriginStatus.ADDED, layer="t")
        assert (result.origin("d3"), result.origin("d3.1")) == (expected, expected)
        assert str(result.origin("d3")) == "added: by t"

    def test_changes_accumulate_over_layers(self) -> None:
        """Each later layer's change is appended, in order, to the original layer."""
        first = _base().tailor(id="north", version="1", modify=[Modification(id="a", weight=3)])
        second = first.tailor(
            id="local", version="1", modify=[Modification(id="a", title="A", weight=4)]
        )
        assert second.origin("a") == Origin(
            status="modified",
            layer="base",
            changes=[
                Change(layer="north", fields=["weight"]),
                Change(layer="local", fields=["title", "weight"]),
            ],
        )
        assert second.origin("a").changed_fields == ("weight", "title")

    def test_a_later_change_to_an_added_node(self) -> None:
        """A node added by one layer stays added by it when a later layer changes it."""
        first = _base().tailor(id="north", version="1", add=[Addition(node=_new("x"), after="c")])
        second = first.tailor(id="local", version="1", modify=[Modification(id="x", weight=2)])
        assert second.origin("x") == Origin(
            status="added", layer="north", changes=[Change(layer="local", fields=["weight"])]
        )
        assert str(second.origin("x")) == "added: by north; weight changed by local"

    def test_inherited_through_two_layers_names_the_first_base(self) -> None:
        """A node untouched by two layers is inherited from the original base."""
        first = _base().tailor(id="north", version="1", exclude=["d2"])
        second = first.tailor(id="local", version="1", exclude=["b"])
        assert second.origin("a") == Origin(status="inherited", layer="base")

    def test_base_without_provenance_adds_its_own_nodes(self) -> None:
        """A framework that extends none counts its nodes as added by itself."""
        assert dict(_base().provenance) == {}
        assert _base().origin("a") == Origin(status="added", layer="base")


class TestTailorIndicators:
    @staticmethod
    def _base() -> Framework:
        return attrs.evolve(
            _example(),
            indicators=[
                Indicator(
                    id="x", title="X", polarity="higher_is_better", criterion_ids=["c1", "c2"]
                ),
                Indicator(id="y", title="Y", polarity="lower_is_better"),
            ],
        )

    def test_inherited_indicators_are_kept(self) -> None:
        """A layer that says nothing of indicators keeps the base's."""
        result = apply_tailoring(self._base(), Tailoring(id="n", version="1", extends="example"))
        assert result.indicators == self._base().indicators

    def test_layer_adds_and_replaces_by_id(self) -> None:
        """An indicator of the layer replaces the inherited one with its id, others are added."""
        layer = Tailoring(
            id="n",
            version="1",
            extends="example",
            indicators=[
                Indicator(id="y", title="Y (local)", polarity="lower_is_better"),
                Indicator(id="z", title="Z", polarity="higher_is_better", criterion_ids=["c2.a"]),
            ],
        )
        result = apply_tailoring(self._base(), layer)
        assert [(i.id, i.title) for i in result.indicators] == [
            ("x", "X"),
            ("y", "Y (local)"),
            ("z", "Z"),
        ]

    def test_exclude_indicators_detaches(self) -> None:
        """An excluded indicator is gone from the result."""
        layer = Tailoring(id="n", version="1", extends="example", exclude_indicators=["x"])
        assert [i.id for i in apply_tailoring(self._base(), layer).indicators] == ["y"]

    def test_excluding_unknown_indicator_is_an_error(self) -> None:
        """Excluding an indicator the base lacks is a problem with its path."""
        layer = Tailoring(id="n", version="1", extends="example", exclude_indicators=["zz"])
        with pytest.raises(ValidationError) as caught:
            apply_tailoring(self._base(), layer)
        assert caught.value.paths == ("$.exclude_indicators[0]",)

    def test_excluded_criterion_is_unlinked_from_inherited_indicators(self) -> None:
        """Excluding a criterion detaches it from the indicators that evidenced it."""
        layer = Tailoring(id="n", version="1", extends="example", exclude=["c1"])
        assert apply_tailoring(self._base(), layer).indicator("x").criterion_ids == ("c2",)

    def test_added_indicator_naming_unknown_criterion_is_an_error(self) -> None:
        """The layer's own indicators must name criteria of the result."""
        layer = Tailoring(
            id="n",
            version="1",
            extends="example",
            indicators=[
                Indicator(id="z", title="Z", polarity="higher_is_better", criterion_ids=["nope"])
            ],
        )
        with pytest.raises(ValidationError, match="criterion of the framework"):
            apply_tailoring(self._base(), layer)
