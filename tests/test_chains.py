"""Chains of tailoring: documents and classes that extend others, and their provenance.

The three-level chain here (base -> national -> region -> local) is worked out by
hand: the expected origin of every node is written out below, not computed.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import attrs
import pytest

from lscbqa.criteria import Criterion, Domain
from lscbqa.exceptions import Problem, TailoringError
from lscbqa.frameworks import (
    FrameworkDefinition,
    get,
    load_framework,
    loads_framework,
    register,
    unregister,
)
from lscbqa.model import Framework
from lscbqa.provenance import Change, Origin, OriginStatus
from lscbqa.tailoring import Addition, Modification

BASE_NAME = "test-chains-base"

INHERITED, MODIFIED, ADDED = OriginStatus.INHERITED, OriginStatus.MODIFIED, OriginStatus.ADDED


def _base() -> Framework:
    return Framework(
        id="chainbase",
        version="1",
        title="Chain base",
        domains=[
            Domain(
                id="gov",
                title="Governance",
                children=[
                    Criterion(id="gov.lead", title="A senior lead"),
                    Criterion(id="gov.policy", title="A safeguarding policy"),
                    Criterion(id="gov.audit", title="An annual audit"),
                ],
            ),
            Domain(
                id="practice",
                title="Practice",
                children=[
                    Criterion(id="prac.training", title="Training for all staff"),
                    Criterion(id="prac.voice", title="The voice of the child"),
                ],
            ),
        ],
    )


@pytest.fixture
def base() -> Iterator[Framework]:
    """The base framework, registered under BASE_NAME for the length of a test."""
    framework = register(_base(), name=BASE_NAME)
    yield framework
    unregister(BASE_NAME)


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


NATIONAL = f"""\
    schema = "lscbqa/framework/1"
    id = "national"
    version = "2025.1"
    title = "National framework"
    extends = "{BASE_NAME}"
    exclude = ["gov.audit"]

    [[modify]]
    id = "gov.lead"
    weight = 2

    [[add]]
    parent = "practice"

    [add.node]
    id = "nat.escalation"
    title = "Escalation of concerns between agencies"
    """

REGION = """\
    schema = "lscbqa/framework/1"
    id = "region"
    version = "2025.2"
    extends = "national.toml"

    [[modify]]
    id = "prac.voice"
    title = "Children's views shape the region's services"

    [[modify]]
    id = "nat.escalation"
    weight = 3
    description = "Escalation works across the region's borders"

    [[add]]
    [add.node]
    kind = "domain"
    id = "partners"
    title = "Regional partners"

    [[add.node.children]]
    id = "partners.1"
    title = "Partners share learning"
    """

LOCAL = """\
    schema = "lscbqa/framework/1"
    id = "local"
    version = "2025.3"
    extends = "region.toml"

    [[modify]]
    id = "gov.lead"
    title = "A named safeguarding lead on the local board"
    """


@pytest.fixture
def chain(base: Framework, tmp_path: Path) -> Path:
    """national.toml, region.toml and local.toml in tmp_path; returns local.toml."""
    _write(tmp_path, "national.toml", NATIONAL)
    _write(tmp_path, "region.toml", REGION)
    return _write(tmp_path, "local.toml", LOCAL)


# The same three layers as classes.


class Base(FrameworkDefinition):
    extends = BASE_NAME


class National(Base):
    id = "national"
    version = "2025.1"
    title = "National framework"
    exclude = ("gov.audit",)
    modify: ClassVar[tuple[Modification, ...]] = (Modification(id="gov.lead", weight=2),)
    add = (
        Addition(
            node=Criterion(id="nat.escalation", title="Escalation of concerns between agencies"),
            parent="practice",
        ),
    )


class Region(National):
    id = "region"
    version = "2025.2"
    modify: ClassVar[tuple[Modification, ...]] = (
        Modification(id="prac.voice", title="Children's views shape the region's services"),
        Modification(
            id="nat.escalation",
            weight=3,
            description="Escalation works across the region's borders",
        ),
    )
    add = (
        Addition(
            node=Domain(
                id="partners",
                title="Regional partners",
                children=[Criterion(id="partners.1", title="Partners share learning")],
            )
        ),
    )


class Local(Region):
    id = "local"
    version = "2025.3"
    modify = (Modification(id="gov.lead", title="A named safeguarding lead on the local board"),)


EXPECTED_PROVENANCE = {
    # Untouched by every layer: inherited from the base.
    "gov": Origin(status=INHERITED, layer="chainbase"),
    # National re-weighted it; local re-worded it.
    "gov.lead": Origin(
        status=MODIFIED,
        layer="chainbase",
        changes=[
            Change(layer="national", fields=["weight"]),
            Change(layer="local", fields=["title"]),
        ],
    ),
    "gov.policy": Origin(status=INHERITED, layer="chainbase"),
    # gov.audit: excluded by national, so absent.
    "practice": Origin(status=INHERITED, layer="chainbase"),
    "prac.training": Origin(status=INHERITED, layer="chainbase"),
    # Region re-worded a base criterion national did not touch.
    "prac.voice": Origin(
        status=MODIFIED,
        layer="chainbase",
        changes=[Change(layer="region", fields=["title"])],
    ),
    # Added by national; region changed it, and it stays national's addition.
    "nat.escalation": Origin(
        status=ADDED,
        layer="national",
        changes=[Change(layer="region", fields=["description", "weight"])],
    ),
    # Region's new domain and its criterion.
    "partners": Origin(status=ADDED, layer="region"),
    "partners.1": Origin(status=ADDED, layer="region"),
}


class TestLoadFrameworkChain:
    def test_provenance_of_every_node(self, chain: Path) -> None:
        """Every node of the three-layer chain has the origin worked out by hand."""
        assert load_framework(chain).provenance == EXPECTED_PROVENANCE

    def test_tree(self, chain: Path) -> None:
        """The resolved tree is the base with each layer's changes, in document order."""
        local = load_framework(chain)
        assert [node.id for node in local.nodes()] == [
            "gov",
            "gov.lead",
            "gov.policy",
            "practice",
            "prac.training",
            "prac.voice",
            "nat.escalation",
            "partners",
            "partners.1",
        ]

    def test_values_of_changed_nodes(self, chain: Path) -> None:
        """A later layer's change keeps what earlier layers changed in other fields."""
        local = load_framework(chain)
        lead = local.criterion("gov.lead")
        escalation = local.criterion("nat.escalation")
        assert (lead.title, lead.weight) == ("A named safeguarding lead on the local board", 2.0)
        assert (escalation.weight, escalation.description) == (
            3.0,
            "Escalation works across the region's borders",
        )

    def test_identity_of_the_last_layer(self, chain: Path) -> None:
        """The result has the last layer's id and version, and the nearest title given."""
        local = load_framework(chain)
        assert (local.id, local.version, local.title) == ("local", "2025.3", "National framework")

    def test_intermediate_layer_alone(self, chain: Path) -> None:
        """Loading the middle document resolves only the layers below it."""
        region = load_framework(chain.parent / "region.toml")
        assert region.origin("gov.lead") == Origin(
            status=MODIFIED,
            layer="chainbase",
            changes=[Change(layer="national", fields=["weight"])],
        )

    def test_relative_paths_start_at_each_document(self, base: Framework, tmp_path: Path) -> None:
        """A relative ``extends`` is read from the folder of the document that says it."""
        _write(tmp_path, "national.toml", NATIONAL)
        _write(
            tmp_path, "regional/region.toml", REGION.replace("national.toml", "../national.toml")
        )
        local = _write(tmp_path, "local.toml", LOCAL.replace("region.toml", "regional/region.toml"))
        assert load_framework(local).provenance == EXPECTED_PROVENANCE


class TestFrameworkDefinitionChain:
    def test_equals_the_documents(self, chain: Path) -> None:
        """The class chain builds the same value, with the same provenance, as the documents."""
        built = Local.build()
        loaded = load_framework(chain)
        assert built == loaded
        assert built.provenance == EXPECTED_PROVENANCE

    def test_equals_tailor_calls(self, base: Framework, chain: Path) -> None:
        """Three Framework.tailor calls give the same value too."""
        national = base.tailor(
            id="national",
            version="2025.1",
            title="National framework",
            exclude=National.exclude,
            modify=National.modify,
            add=National.add,
        )
        region = national.tailor(
            id="region", version="2025.2", modify=Region.modify, add=Region.add
        )
        local = region.tailor(id="local", version="2025.3", modify=Local.modify)
        assert local == load_framework(chain) == Local.build()

    def test_class_that_only_extends_is_its_base(self, base: Framework) -> None:
        """A class that sets no layer attribute builds the framework it extends."""
        assert Base.build() == base

    def test_tailoring_without_id_and_version(self, base: Framework) -> None:
        """A class that tailors but sets neither id nor version raises TypeError naming both."""

        class Sloppy(Base):
            exclude = ("gov.audit",)

        with pytest.raises(
            TypeError, match="Sloppy tailors its parent, so it must set its own id and version"
        ):
            Sloppy.build()

    def test_tailoring_without_version(self, base: Framework) -> None:
        """A class that sets its id but not its version raises TypeError naming version."""

        class Half(National):
            id = "half"
            exclude = ("gov.policy",)

        with pytest.raises(TypeError, match=r"must set its own version$"):
            Half.build()

    def test_title_alone_is_a_layer(self, base: Framework) -> None:
        """Re-titling is tailoring: a class that sets only a title needs its own id too."""

        class Renamed(National):
            title = "Renamed"

        with pytest.raises(TypeError, match="Renamed tailors its parent"):
            Renamed.build()

    def test_no_extends(self) -> None:
        """A first class that names no framework to extend raises TypeError."""

        class Orphan(FrameworkDefinition):
            id = "orphan"
            version = "1"

        with pytest.raises(TypeError, match="Orphan must name the framework it extends"):
            Orphan.build()

    def test_extends_on_a_subclass(self, base: Framework) -> None:
        """Only the first class names a base; a subclass that names another is a TypeError."""

        class Elsewhere(National):
            extends = "test-somewhere-else"
            id = "elsewhere"
            version = "1"

        with pytest.raises(TypeError, match="Elsewhere extends its parent class National; only"):
            Elsewhere.build()

    def test_finish_is_applied(self, base: Framework) -> None:
        """An overridden finish adjusts the framework the class builds."""

        class Stamped(National):
            id = "stamped"
            version = "1"

            def finish(self, framework: Framework) -> Framework:
                return attrs.evolve(framework, metadata={"stamped": "yes"})

        built = Stamped.build()
        assert (built.id, dict(built.metadata)) == ("stamped", {"stamped": "yes"})

    def test_dangling_id_names_the_layer(self, base: Framework) -> None:
        """A layer that names a missing node raises TailoringError naming that layer."""

        class BadRegion(National):
            id = "bad-region"
            version = "1"
            modify = (Modification(id="nope", weight=1),)

        class AfterBad(BadRegion):
            id = "after"
            version = "1"
            exclude = ("gov.policy",)

        with pytest.raises(TailoringError) as error:
            AfterBad.build()
        assert error.value.layer == "bad-region"
        assert error.value.paths == ("$.modify[0].id",)
        assert "BadRegion" in error.value.chain
        assert "expected a node of 'national' to modify; found 'nope'" in str(error.value)


class TestChainErrors:
    def test_cycle_between_two_files(self, tmp_path: Path) -> None:
        """a.toml extends b.toml extends a.toml: the error names both files, the layer, the path."""
        a = _write(tmp_path, "a.toml", LOCAL.replace('"local"', '"a"').replace("region", "b"))
        b = _write(tmp_path, "b.toml", LOCAL.replace('"local"', '"b"').replace("region", "a"))
        with pytest.raises(TailoringError) as error:
            load_framework(a)
        assert error.value.problems == (
            Problem(
                "$.extends",
                "a cycle: 'a.toml' extends, through others, this layer "
                f"[layer 'b' in {b}; chain: {a} -> {b} -> a.toml]",
            ),
        )
        assert (error.value.layer, error.value.chain) == ("b", (str(a), str(b), "a.toml"))

    def test_file_extending_itself(self, tmp_path: Path) -> None:
        """A document that extends itself is a cycle of one."""
        a = _write(tmp_path, "a.toml", LOCAL.replace('"local"', '"a"').replace("region", "a"))
        with pytest.raises(TailoringError) as error:
            load_framework(a)
        assert (error.value.layer, error.value.paths) == ("a", ("$.extends",))
        assert f"[layer 'a' in {a}; chain: {a} -> a.toml]" in str(error.value)

    def test_dangling_id_in_the_middle_layer(self, chain: Path) -> None:
        """The error names the middle layer, its file, the chain from the loaded file, the path."""
        region = chain.parent / "region.toml"
        region.write_text(
            region.read_text() + '\n[[modify]]\nid = "nope"\nweight = 1\n', encoding="utf-8"
        )
        with pytest.raises(TailoringError) as error:
            load_framework(chain)
        assert error.value.problems == (
            Problem(
                "$.modify[2].id",
                "expected a node of 'national' to modify; found 'nope' "
                f"[layer 'region' in {region}; chain: {chain} -> {region}]",
            ),
        )
        assert (error.value.layer, error.value.chain) == ("region", (str(chain), str(region)))

    def test_conflict_in_the_middle_layer(self, chain: Path) -> None:
        """Conflicting operations in the middle layer are reported like dangling ids."""
        region = chain.parent / "region.toml"
        region.write_text(
            region.read_text().replace(
                'version = "2025.2"', 'version = "2025.2"\nexclude = ["practice"]'
            ),
            encoding="utf-8",
        )
        with pytest.raises(TailoringError) as error:
            load_framework(chain)
        assert error.value.paths == ("$.modify[0].id", "$.modify[1].id")
        assert error.value.problems[0].message == (
            "conflict: 'prac.voice' is modified but this layer removes it "
            f"[layer 'region' in {region}; chain: {chain} -> {region}]"
        )
        assert (error.value.layer, error.value.chain) == ("region", (str(chain), str(region)))

    def test_all_problems_of_the_failing_layer(self, chain: Path) -> None:
        """Every problem of the failing layer is reported at once."""
        national = chain.parent / "national.toml"
        national.write_text(
            national.read_text().replace('["gov.audit"]', '["gov.audit", "x1", "x2"]'),
            encoding="utf-8",
        )
        with pytest.raises(TailoringError) as error:
            load_framework(chain)
        assert error.value.paths == ("$.exclude[1]", "$.exclude[2]")
        assert error.value.layer == "national"
        assert error.value.chain == (
            str(chain),
            str(chain.parent / "region.toml"),
            str(national),
        )

    def test_unregistered_name(self, tmp_path: Path) -> None:
        """Extending a name nobody registered is an error at $.extends listing the names."""
        path = _write(tmp_path, "x.toml", NATIONAL.replace(BASE_NAME, "no-such-framework"))
        with pytest.raises(TailoringError) as error:
            load_framework(path)
        assert error.value.paths == ("$.extends",)
        message = error.value.problems[0].message
        assert message.startswith(
            "expected a registered framework name or a file path; "
            "found 'no-such-framework' (registered: "
        )
        assert message.endswith(f"[layer 'national' in {path}]")

    def test_missing_file(self, tmp_path: Path) -> None:
        """Extending a file that does not exist is an error at $.extends naming the file."""
        path = _write(tmp_path, "x.toml", LOCAL)
        with pytest.raises(TailoringError) as error:
            load_framework(path)
        assert error.value.problems == (
            Problem(
                "$.extends",
                f"expected a framework file; found no file {str(tmp_path / 'region.toml')!r} "
                f"[layer 'local' in {path}]",
            ),
        )

    def test_cycle_between_registered_names(self) -> None:
        """Two registered factories that extend each other are a cycle, not a recursion."""

        def document(layer: str, extends: str) -> str:
            return (
                '{"schema": "lscbqa/framework/1", '
                f'"id": "{layer}", "version": "1", "extends": "{extends}"}}'
            )

        register(name="test-cycle-a")(
            lambda: loads_framework(document("a", "test-cycle-b"), source="test-cycle-a")
        )
        register(name="test-cycle-b")(
            lambda: loads_framework(document("b", "test-cycle-a"), source="test-cycle-b")
        )
        try:
            with pytest.raises(TailoringError) as error:
                get("test-cycle-a")
        finally:
            unregister("test-cycle-a")
            unregister("test-cycle-b")
        assert error.value.problems == (
            Problem(
                "$.extends",
                "a cycle: 'test-cycle-a' extends, through others, this layer "
                "[layer 'b' in test-cycle-b; chain: test-cycle-a -> test-cycle-b -> test-cycle-a]",
            ),
        )

    def test_cycle_between_factories_that_name_no_source(self) -> None:
        """Factories that do not name their documents are still caught in a cycle."""

        def document(layer: str, extends: str) -> str:
            return (
                '{"schema": "lscbqa/framework/1", '
                f'"id": "{layer}", "version": "1", "extends": "{extends}"}}'
            )

        register(name="test-cycle-a")(lambda: loads_framework(document("a", "test-cycle-b")))
        register(name="test-cycle-b")(lambda: loads_framework(document("b", "test-cycle-a")))
        try:
            with pytest.raises(TailoringError) as error:
                get("test-cycle-a")
        finally:
            unregister("test-cycle-a")
            unregister("test-cycle-b")
        assert (error.value.layer, error.value.paths) == ("b", ("$.extends",))
        assert error.value.chain == (
            "test-cycle-a",
            "<text>",
            "test-cycle-b",
            "<text>",
            "test-cycle-a",
        )

    def test_definition_registered_under_the_name_it_extends(self) -> None:
        """A class registered under the very name it extends is a cycle."""

        class Loop(FrameworkDefinition):
            extends = "test-loop"

        register(name="test-loop")(Loop)
        try:
            with pytest.raises(TailoringError) as error:
                get("test-loop")
        finally:
            unregister("test-loop")
        assert error.value.problems == (
            Problem(
                "$.extends",
                "a cycle: 'test-loop' extends, through others, itself "
                "[layer 'test-loop' in test-loop; chain: test-loop -> test-loop]",
            ),
        )
