"""diff(a, b): what changed between two frameworks."""

from __future__ import annotations

import pytest

from lscbqa.criteria import Criterion, Domain, EvidenceExpectation
from lscbqa.frameworks import Difference, DifferenceKind, diff
from lscbqa.model import Framework
from lscbqa.scales import MET3, RAG3
from lscbqa.tailoring import Addition, Modification, Settings


def _old() -> Framework:
    return Framework(
        id="f",
        version="1",
        title="F",
        description="The old one",
        metadata={"source": "tests"},
        domains=[
            Domain(
                id="d1",
                title="One",
                questions=["Who leads?"],
                children=[
                    Criterion(id="c1", title="C one", weight=2, tags=["t1"]),
                    Criterion(id="c2", title="C two", children=[Criterion(id="c2.a", title="Sub")]),
                    Domain(id="d1.sub", title="Inner", children=[Criterion(id="c4", title="C4")]),
                ],
            ),
            Domain(id="d2", title="Two", children=[Criterion(id="c3", title="C three")]),
        ],
    )


def _strings(a: Framework, b: Framework) -> list[str]:
    return [str(difference) for difference in diff(a, b)]


def _modified(*modifications: Modification) -> Framework:
    return _old().tailor(id="f", version="2", modify=modifications)


class TestDifferenceKind:
    def test_order_and_values(self) -> None:
        """The kinds, in the order diff lists them, with the words they print."""
        assert [kind.value for kind in DifferenceKind] == [
            "added",
            "removed",
            "moved",
            "re-weighted",
            "re-worded",
            "re-scaled",
            "evidence changed",
            "re-tagged",
            "questions changed",
            "settings changed",
        ]


class TestDifference:
    def test_str_of_a_value_change(self) -> None:
        """A value change prints kind, node, before and after."""
        difference = Difference(kind=DifferenceKind.REWEIGHTED, node_id="c1", before=2.0, after=1.0)
        assert str(difference) == "re-weighted c1: 2.0 -> 1.0"

    def test_str_of_a_framework_setting(self) -> None:
        """A framework-level difference names the framework and the fields."""
        difference = Difference(kind=DifferenceKind.SETTINGS, node_id=None, fields=("title",))
        assert str(difference) == "settings changed framework: title"

    def test_defaults(self) -> None:
        """Fields, before and after default to empty."""
        difference = Difference(kind=DifferenceKind.ADDED, node_id="x")
        assert (difference.fields, difference.before, difference.after) == ((), None, None)


class TestDiff:
    def test_identical_frameworks(self) -> None:
        """Two equal frameworks have no differences."""
        assert diff(_old(), _old()) == ()

    def test_id_and_version_do_not_count(self) -> None:
        """A new id and version with the same content is no difference."""
        assert diff(_old(), _old().tailor(id="g", version="9")) == ()

    def test_added(self) -> None:
        """A node only in b is added, with its title; a subtree lists every node."""
        new = _old().tailor(
            id="f",
            version="2",
            add=[
                Addition(
                    node=Criterion(id="x", title="X", children=[Criterion(id="x.1", title="X1")]),
                    parent="d2",
                )
            ],
        )
        assert diff(_old(), new) == (
            Difference(kind=DifferenceKind.ADDED, node_id="x", after="X"),
            Difference(kind=DifferenceKind.ADDED, node_id="x.1", after="X1"),
        )
        assert _strings(_old(), new) == ["added x (X)", "added x.1 (X1)"]

    def test_removed(self) -> None:
        """A node only in a is removed, with its title."""
        new = _old().tailor(id="f", version="2", exclude=["c2"])
        assert diff(_old(), new) == (
            Difference(kind=DifferenceKind.REMOVED, node_id="c2", before="C two"),
            Difference(kind=DifferenceKind.REMOVED, node_id="c2.a", before="Sub"),
        )
        assert _strings(_old(), new) == ["removed c2 (C two)", "removed c2.a (Sub)"]

    def test_moved_to_another_domain(self) -> None:
        """A node under a new parent is moved; before and after are the paths above it."""
        new = Framework(
            id="f",
            version="2",
            title="F",
            description="The old one",
            metadata={"source": "tests"},
            domains=[
                Domain(
                    id="d1",
                    title="One",
                    questions=["Who leads?"],
                    children=[
                        Criterion(id="c1", title="C one", weight=2, tags=["t1"]),
                        Criterion(
                            id="c2", title="C two", children=[Criterion(id="c2.a", title="Sub")]
                        ),
                        Domain(
                            id="d1.sub",
                            title="Inner",
                            children=[
                                Criterion(id="c4", title="C4"),
                                Criterion(id="c3", title="C three"),
                            ],
                        ),
                    ],
                ),
                Domain(id="d2", title="Two"),
            ],
        )
        assert diff(_old(), new) == (
            Difference(
                kind=DifferenceKind.MOVED, node_id="c3", before=("d2",), after=("d1", "d1.sub")
            ),
        )
        assert _strings(_old(), new) == ["moved c3: d2 -> d1 / d1.sub"]

    def test_moved_to_the_top_level(self) -> None:
        """A domain moved out to the top level shows '(top level)' as its new place."""
        old = _old()
        inner = old.node("d1.sub")
        d1 = old.domains[0]
        new = Framework(
            id="f",
            version="2",
            title="F",
            description="The old one",
            metadata={"source": "tests"},
            domains=[
                Domain(id="d1", title="One", questions=["Who leads?"], children=d1.children[:2]),
                old.domains[1],
                inner,
            ],
        )
        assert _strings(old, new) == ["moved d1.sub: d1 -> (top level)"]

    def test_reordering_siblings_is_not_a_move(self) -> None:
        """Only the parent counts: reordering siblings is no difference."""
        old = _old()
        d1 = old.domains[0]
        reordered = Domain(
            id="d1", title="One", questions=["Who leads?"], children=tuple(reversed(d1.children))
        )
        new = Framework(
            id="f",
            version="2",
            title="F",
            description="The old one",
            metadata={"source": "tests"},
            domains=[reordered, old.domains[1]],
        )
        assert diff(old, new) == ()

    def test_reweighted(self) -> None:
        """A new weight is a re-weighting, before and after as numbers."""
        assert _strings(_old(), _modified(Modification(id="c1", weight=0.5))) == [
            "re-weighted c1: 2.0 -> 0.5"
        ]

    def test_reworded(self) -> None:
        """New title, description, guidance or descriptors are one re-wording listing them."""
        new = _modified(
            Modification(
                id="c1",
                title="C1",
                description="Now described",
                guidance="Look here",
                descriptors={"good": "Good"},
            )
        )
        assert diff(_old(), new) == (
            Difference(
                kind=DifferenceKind.REWORDED,
                node_id="c1",
                fields=("title", "description", "guidance", "descriptors"),
            ),
        )
        assert _strings(_old(), new) == ["re-worded c1: title, description, guidance, descriptors"]

    def test_reworded_domain(self) -> None:
        """A domain's new title is a re-wording too."""
        assert _strings(_old(), _modified(Modification(id="d2", title="Deux"))) == [
            "re-worded d2: title"
        ]

    def test_rescaled(self) -> None:
        """A criterion on a new scale is re-scaled, shown by scale id."""
        assert _strings(_old(), _modified(Modification(id="c3", scale=MET3))) == [
            "re-scaled c3: ofsted4 -> met3"
        ]

    def test_rescaled_by_inheritance(self) -> None:
        """Sub-criteria that inherit a re-scaled criterion's scale are re-scaled too."""
        assert _strings(_old(), _modified(Modification(id="c2", scale=RAG3))) == [
            "re-scaled c2: ofsted4 -> rag3",
            "re-scaled c2.a: ofsted4 -> rag3",
        ]

    def test_evidence_changed(self) -> None:
        """A new evidence expectation prints the minimum and the kinds before and after."""
        expectation = EvidenceExpectation(min_count=2, kinds=["policy", "minutes"])
        new = _modified(Modification(id="c3", evidence=expectation))
        assert diff(_old(), new) == (
            Difference(
                kind=DifferenceKind.EVIDENCE,
                node_id="c3",
                before=EvidenceExpectation(),
                after=expectation,
            ),
        )
        assert _strings(_old(), new) == [
            "evidence changed c3: at least 0 (any kind) -> at least 2 (policy, minutes)"
        ]

    def test_retagged(self) -> None:
        """New tags are listed before and after, joined with slashes."""
        assert _strings(_old(), _modified(Modification(id="c1", tags=["t1", "local"]))) == [
            "re-tagged c1: t1 -> t1 / local"
        ]

    def test_tags_from_none(self) -> None:
        """A node that had no tags shows '(none)', not a place in the tree."""
        assert _strings(_old(), _modified(Modification(id="c3", tags=["local"]))) == [
            "re-tagged c3: (none) -> local"
        ]

    def test_questions_changed(self) -> None:
        """A domain's questions are compared; losing them all shows '(none)'."""
        assert _strings(_old(), _modified(Modification(id="d1", questions=[]))) == [
            "questions changed d1: Who leads? -> (none)"
        ]

    def test_settings(self) -> None:
        """Title, description, default scale and metadata are one settings difference, last."""
        new = _old().tailor(
            id="f",
            version="2",
            title="G",
            description="The new one",
            set=Settings(scale=MET3, metadata={"region": "North"}),
        )
        differences = diff(_old(), new)
        assert differences[-1] == Difference(
            kind=DifferenceKind.SETTINGS,
            node_id=None,
            fields=("title", "description", "scale", "metadata"),
        )
        assert (
            str(differences[-1])
            == "settings changed framework: title, description, scale, metadata"
        )

    def test_default_scale_change_rescales_inheriting_criteria(self) -> None:
        """A new default scale re-scales every criterion that has no scale of its own."""
        new = _old().tailor(id="f", version="2", set=Settings(scale=RAG3))
        assert _strings(_old(), new) == [
            "re-scaled c1: ofsted4 -> rag3",
            "re-scaled c2: ofsted4 -> rag3",
            "re-scaled c2.a: ofsted4 -> rag3",
            "re-scaled c4: ofsted4 -> rag3",
            "re-scaled c3: ofsted4 -> rag3",
            "settings changed framework: scale",
        ]

    def test_order(self) -> None:
        """Added (b's order), removed (a's order), per node in b's order, settings last."""
        new = _old().tailor(
            id="f",
            version="2",
            title="G",
            exclude=["c2", "d1.sub"],
            add=[
                Addition(node=Criterion(id="z", title="Z"), parent="d1"),
                Addition(node=Criterion(id="y", title="Y"), parent="d1"),
            ],
            modify=[
                Modification(id="c3", weight=3, title="Three"),
                Modification(id="c1", tags=[], evidence=EvidenceExpectation(min_count=1)),
            ],
        )
        assert _strings(_old(), new) == [
            "added z (Z)",
            "added y (Y)",
            "removed c2 (C two)",
            "removed c2.a (Sub)",
            "removed d1.sub (Inner)",
            "removed c4 (C4)",
            "evidence changed c1: at least 0 (any kind) -> at least 1 (any kind)",
            "re-tagged c1: t1 -> (none)",
            "re-weighted c3: 1.0 -> 3.0",
            "re-worded c3: title",
            "settings changed framework: title",
        ]

    def test_every_kind_of_change_of_one_node_in_kind_order(self) -> None:
        """One node's changes come in the order of DifferenceKind."""
        old = _old()
        new = Framework(
            id="f",
            version="2",
            title="F",
            description="The old one",
            metadata={"source": "tests"},
            domains=[
                Domain(
                    id="d1",
                    title="One",
                    questions=["Who leads?"],
                    children=old.domains[0].children[1:],
                ),
                Domain(
                    id="d2",
                    title="Two",
                    children=[
                        Criterion(id="c3", title="C three"),
                        Criterion(
                            id="c1",
                            title="C1",
                            weight=1,
                            tags=["t2"],
                            scale=MET3,
                            evidence=EvidenceExpectation(min_count=1),
                            questions=["Why?"],
                        ),
                    ],
                ),
            ],
        )
        assert [d.kind for d in diff(old, new)] == [
            DifferenceKind.MOVED,
            DifferenceKind.REWEIGHTED,
            DifferenceKind.REWORDED,
            DifferenceKind.RESCALED,
            DifferenceKind.EVIDENCE,
            DifferenceKind.TAGGED,
            DifferenceKind.QUESTIONS,
        ]

    @pytest.mark.parametrize("swap", [False, True])
    def test_reversed_diff_swaps_added_and_removed(self, swap: bool) -> None:
        """diff(b, a) lists as removed what diff(a, b) lists as added, and vice versa."""
        old = _old()
        new = old.tailor(
            id="f",
            version="2",
            exclude=["c3"],
            add=[Addition(node=Criterion(id="x", title="X"), parent="d2")],
        )
        a, b = (new, old) if swap else (old, new)
        expected = (
            ["added c3 (C three)", "removed x (X)"]
            if swap
            else ["added x (X)", "removed c3 (C three)"]
        )
        assert _strings(a, b) == expected
