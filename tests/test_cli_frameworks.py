"""The command line's framework commands (list, show, diff) and ``validate``."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from lscbqa.cli import main
from lscbqa.criteria import Criterion, Domain
from lscbqa.frameworks import register, registry, unregister
from lscbqa.model import Framework
from lscbqa.scales import MET3

BASE_NAME = "test-cli-base"


def _base() -> Framework:
    return Framework(
        id="cli-base",
        version="1",
        title="CLI base",
        domains=[
            Domain(
                id="gov",
                title="Governance",
                children=[
                    Criterion(id="gov.lead", title="A senior lead", weight=2),
                    Criterion(id="gov.policy", title="A policy"),
                ],
            )
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
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


LOCAL = f"""\
    schema = "lscbqa/framework/1"
    id = "local"
    version = "2"
    extends = "{BASE_NAME}"

    [[modify]]
    id = "gov.lead"
    weight = 1

    [[add]]
    parent = "gov"

    [add.node]
    id = "gov.new"
    title = "New one"
    """

STANDALONE = """\
    schema = "lscbqa/framework/1"
    id = "alone"
    version = "3"
    title = "Standing alone"

    [[domains]]
    id = "d"
    title = "D"

    [[domains.children]]
    id = "c"
    title = "C"
    """

ASSESSMENT = """\
    schema = "lscbqa/assessment/1"
    id = "police-2024"
    framework_id = "cli-base"
    subject = "police"

    [[ratings]]
    criterion_id = "gov.lead"
    level = "LEVEL"
    """


@pytest.fixture
def local(base: Framework, tmp_path: Path) -> Path:
    """local.toml: extends the base, re-weights gov.lead and adds gov.new."""
    return _write(tmp_path, "local.toml", LOCAL)


@pytest.fixture
def only_test_frameworks() -> Iterator[None]:
    """The registry holds only two test frameworks for the length of a test."""
    registry.available()
    factories, built = dict(registry._FACTORIES), dict(registry._BUILT)
    registry._FACTORIES.clear()
    registry._BUILT.clear()
    register(_base(), name=BASE_NAME)
    register(
        Framework(
            id="tiny",
            version="2024.1",
            title="Tiny",
            scale=MET3,
            domains=[Domain(id="d", title="D", children=[Criterion(id="c", title="C")])],
        ),
        name="test-cli-tiny",
    )
    yield
    registry._FACTORIES.clear()
    registry._FACTORIES.update(factories)
    registry._BUILT.clear()
    registry._BUILT.update(built)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out.splitlines(), captured.err


class TestFrameworksList:
    def test_lists_name_version_title_and_counts(
        self, only_test_frameworks: None, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Each registered framework is one line, sorted by name, with its counts."""
        status, out, err = _run(capsys, "frameworks", "list")
        assert (status, err) == (0, "")
        assert out == [
            f"{BASE_NAME:30} {'1':10} CLI base (1 domain, 2 criteria)",
            f"{'test-cli-tiny':30} {'2024.1':10} Tiny (1 domain, 1 criterion)",
        ]

    def test_needs_an_action(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``frameworks`` alone is a usage error, exit 2."""
        status, _, err = _run(capsys, "frameworks")
        assert status == 2
        assert "required: action" in err


class TestFrameworksShow:
    def test_tailored_file_shows_origins(
        self, local: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A tailored file is summarised with the origin of every node."""
        status, out, err = _run(capsys, "frameworks", "show", str(local))
        assert (status, err) == (0, "")
        assert out[0] == "CLI base (local, version 2)"
        assert out[2] == "1 domain, 3 criteria"
        assert out[4:] == [
            "Governance (gov)  [inherited: from cli-base]",
            "  gov.lead  A senior lead  [modified: from cli-base; weight changed by local]",
            "  gov.policy  A policy  [inherited: from cli-base]",
            "  gov.new  New one  [added: by local]",
        ]

    def test_registered_name_without_origins(
        self, base: Framework, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A framework that extends none is summarised without origins."""
        status, out, _ = _run(capsys, "frameworks", "show", BASE_NAME)
        assert status == 0
        assert out[0] == "CLI base (cli-base, version 1)"
        assert out[4:] == [
            "Governance (gov)",
            "  gov.lead  A senior lead  [weight 2]",
            "  gov.policy  A policy",
        ]

    def test_unknown_name(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A name that is neither a file nor registered exits 2, saying so on stderr."""
        status, out, err = _run(capsys, "frameworks", "show", "test-cli-nothing")
        assert (status, out) == (2, [])
        assert err.startswith("lscbqa: no framework named 'test-cli-nothing'; available: ")


class TestFrameworksDiff:
    def test_prints_differences_and_a_count(
        self, local: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Each difference is a line, then the number of differences."""
        status, out, err = _run(capsys, "frameworks", "diff", BASE_NAME, str(local))
        assert (status, err) == (0, "")
        assert out == [
            "added gov.new (New one)",
            "re-weighted gov.lead: 2.0 -> 1.0",
            "2 differences",
        ]

    def test_one_difference(
        self, base: Framework, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A single difference is counted in the singular."""
        path = _write(
            tmp_path, "lean.toml", LOCAL.split("[[modify]]")[0] + 'exclude = ["gov.policy"]\n'
        )
        status, out, _ = _run(capsys, "frameworks", "diff", BASE_NAME, str(path))
        assert (status, out) == (0, ["removed gov.policy (A policy)", "1 difference"])

    def test_no_differences(self, base: Framework, capsys: pytest.CaptureFixture[str]) -> None:
        """A framework compared with itself has 0 differences."""
        status, out, _ = _run(capsys, "frameworks", "diff", BASE_NAME, BASE_NAME)
        assert (status, out) == (0, ["0 differences"])


class TestValidate:
    def test_framework_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A standalone framework file is ok, with its id, version and counts."""
        path = _write(tmp_path, "alone.toml", STANDALONE)
        status, out, err = _run(capsys, "validate", str(path))
        assert (status, out, err) == (
            0,
            ["ok: framework 'alone' version '3' (1 domain, 1 criterion)"],
            "",
        )

    def test_extending_framework_file(
        self, local: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A file that extends another is resolved before it is counted."""
        status, out, _ = _run(capsys, "validate", str(local))
        assert (status, out) == (0, ["ok: framework 'local' version '2' (1 domain, 3 criteria)"])

    def test_extending_file_with_a_dangling_id(
        self, base: Framework, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A tailoring that cannot be resolved exits 1 with the path and the layer."""
        path = _write(tmp_path, "local.toml", LOCAL.replace('id = "gov.lead"', 'id = "gov.nope"'))
        status, out, err = _run(capsys, "validate", str(path))
        assert (status, out) == (1, [])
        assert err.splitlines() == [
            f"lscbqa: {path}: 1 problem:",
            "  $.modify[0].id: expected a node of 'cli-base' to modify; found 'gov.nope' "
            f"[layer 'local' in {path}]",
        ]

    def test_assessment_without_framework(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An assessment alone is checked as a document only."""
        path = _write(tmp_path, "a.toml", ASSESSMENT.replace("LEVEL", "great"))
        status, out, _ = _run(capsys, "validate", str(path))
        assert (status, out) == (0, ["ok: assessment 'police-2024'"])

    def test_assessment_with_framework_and_errors(
        self, base: Framework, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Checked against a framework, an assessment with errors lists them and exits 1."""
        path = _write(tmp_path, "a.toml", ASSESSMENT.replace("LEVEL", "great"))
        status, out, _ = _run(capsys, "validate", str(path), "--framework", BASE_NAME)
        assert status == 1
        assert out == [
            "error: $.ratings[0].level: expected a level of scale 'ofsted4' "
            "(inadequate, requires_improvement, good, outstanding) or 'not_applicable'; "
            "found 'great'",
            "warning: $.ratings: criterion 'gov.policy' has no self rating",
            "2 findings, 1 error",
        ]

    def test_assessment_with_framework_and_warnings_only(
        self, base: Framework, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Warnings alone exit 0."""
        path = _write(tmp_path, "a.toml", ASSESSMENT.replace("LEVEL", "good"))
        status, out, _ = _run(capsys, "validate", str(path), "--framework", BASE_NAME)
        assert (status, out[-1]) == (0, "1 finding, 0 errors")

    def test_assessment_against_a_framework_file(
        self, local: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``--framework`` takes a file too; another framework's id is an error."""
        path = _write(tmp_path, "a.toml", ASSESSMENT.replace("LEVEL", "good"))
        status, out, _ = _run(capsys, "validate", str(path), "--framework", str(local))
        assert status == 1
        assert out[0] == "error: $.framework_id: expected the framework 'local'; found 'cli-base'"

    def test_invalid_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A framework file with bad fields exits 1 and lists every problem on stderr."""
        path = _write(
            tmp_path, "bad.toml", 'schema = "lscbqa/framework/1"\nid = "x"\nversion = 1\n'
        )
        status, out, err = _run(capsys, "validate", str(path))
        assert (status, out) == (1, [])
        assert err.splitlines() == [
            f"lscbqa: {path}: 2 problems:",
            "  $.version: expected a string; found the number 1",
            "  $.title: required field is missing; expected a string",
        ]

    def test_unparsable_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A file that is not valid TOML exits 1, naming the file on stderr."""
        path = _write(tmp_path, "broken.toml", 'schema = "lscbqa/framework/1\n')
        status, out, err = _run(capsys, "validate", str(path))
        assert (status, out) == (1, [])
        assert err.startswith(f"lscbqa: {path}: 1 problem:")

    def test_missing_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A file that does not exist is a usage error: exit 2, one line naming it."""
        status, _, err = _run(capsys, "validate", str(tmp_path / "nothing.toml"))
        assert (status, err) == (2, f"lscbqa: {tmp_path / 'nothing.toml'}: no such file\n")

    def test_unknown_kind(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A schema that names no known kind exits 1, listing the kinds."""
        path = _write(tmp_path, "w.toml", 'schema = "lscbqa/widget/1"\n')
        status, out, err = _run(capsys, "validate", str(path))
        assert (status, out) == (1, [])
        assert err.startswith(
            f"lscbqa: {path}: 1 problem:\n  $.schema: expected an lscbqa document ("
        )
        assert "framework, framework-mapping" in err
        assert err.rstrip().endswith("found 'lscbqa/widget/1'")

    def test_no_schema(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A document without a schema exits 1 at $.schema."""
        path = _write(tmp_path, "n.toml", 'id = "x"\n')
        status, _, err = _run(capsys, "validate", str(path))
        assert status == 1
        assert "$.schema: expected an lscbqa document" in err
