"""The ``lscbqa`` command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from lscbqa import Assessment, Rating
from lscbqa.cli import main
from lscbqa.frameworks import example_framework
from lscbqa.serialize import dump


class TestSummary:
    def test_no_arguments_summarise_the_example(self, capsys: pytest.CaptureFixture[str]) -> None:
        """With no arguments the command prints the example framework's summary."""
        assert main([]) == 0
        lines = capsys.readouterr().out.splitlines()
        assert (
            lines[0] == "Partnership self-assessment (partnership-self-assessment, version 2024.1)"
        )
        assert "3 domains, 10 criteria" in lines

    def test_summary_of_a_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """``summary FILE`` loads the framework from the file's format."""
        path = tmp_path / "framework.yaml"
        dump(example_framework(), path)
        assert main(["summary", str(path)]) == 0
        assert "voice.culture" in capsys.readouterr().out

    def test_invalid_file_exits_1_with_paths(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A malformed framework file exits with status 1 and names the file and the field."""
        path = tmp_path / "framework.json"
        path.write_text(
            '{"schema": "lscbqa/framework/1", "id": "f", "version": "1", "title": "F", '
            '"domains": 3}'
        )
        assert main(["summary", str(path)]) == 1
        err = capsys.readouterr().err
        assert err.startswith(f"lscbqa: {path}: 1 problem:\n")
        assert "  $.domains" in err

    def test_python_dash_m_runs_the_command(self) -> None:
        """``python -m lscbqa`` runs the same command."""
        result = subprocess.run(
            [sys.executable, "-m", "lscbqa"], capture_output=True, text=True, check=True
        )
        assert result.stdout.startswith("Partnership self-assessment")


class TestCheck:
    def _files(self, tmp_path: Path, level: str) -> list[str]:
        framework = example_framework()
        assessment = Assessment(
            id="a",
            framework_id=framework.id,
            subject="police",
            ratings=[Rating(criterion_id=c.id, level=level) for c in framework.criteria()],
        )
        dump(framework, tmp_path / "f.toml")
        dump(assessment, tmp_path / "a.json")
        return [str(tmp_path / "f.toml"), str(tmp_path / "a.json")]

    def test_errors_exit_1(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Levels not on the scale are printed as errors and the status is 1."""
        assert main(["check", *self._files(tmp_path, "excellent")]) == 1
        out = capsys.readouterr().out
        assert "error: $.ratings[0].level" in out
        assert out.splitlines()[-1].endswith("10 errors")

    def test_warnings_only_exit_0(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Warnings alone (missing evidence) leave the status at 0."""
        assert main(["check", *self._files(tmp_path, "good")]) == 0
        assert "warning: $.ratings[0].evidence_ids" in capsys.readouterr().out


class TestArguments:
    def test_unknown_argument_returns_2(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A bad argument returns status 2 after argparse prints the usage."""
        assert main(["score", "--format", "xml"]) == 2
        assert "invalid choice" in capsys.readouterr().err

    def test_unknown_document_kind_returns_2(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``schema`` with an unknown kind is a usage error naming the known kinds."""
        assert main(["schema", "nope"]) == 2
        err = capsys.readouterr().err
        assert err.startswith("lscbqa: no document kind 'nope'; known: action, ")
        assert len(err.splitlines()) == 1


class TestStartup:
    def test_parser_imports_no_numerical_library(self) -> None:
        """Building the parser (``lscbqa --help``) imports neither numpy nor scipy."""
        code = (
            "import sys; from lscbqa.cli import _parser; _parser(); "
            "print(sorted({'numpy', 'scipy', 'networkx'} & set(sys.modules)))"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )
        assert result.stdout.strip() == "[]"

    def test_curve_methods_are_the_librarys(self) -> None:
        """The curve command offers exactly the forecast methods the library has."""
        from lscbqa._cli.indicators import CURVE_METHODS
        from lscbqa.indicators.curve import METHODS

        assert tuple(METHODS) == CURVE_METHODS


class TestSchema:
    def test_prints_the_json_schema(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``schema KIND`` prints that document kind's JSON Schema."""
        assert main(["schema", "assessment"]) == 0
        schema = json.loads(capsys.readouterr().out)
        assert schema["properties"]["schema"] == {"const": "lscbqa/assessment/1"}
