"""How the command line shows things: tables, progress, warnings, errors and exit codes."""

from __future__ import annotations

import io
import sys
import textwrap
from pathlib import Path

import pytest

from lscbqa._cli import console
from lscbqa._cli.console import Progress, print_table
from lscbqa.cli import main
from lscbqa.exceptions import MissingDependencyError


class _Terminal(io.StringIO):
    """A text stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def _terminal(monkeypatch: pytest.MonkeyPatch) -> _Terminal:
    """Make standard output a terminal for the rest of a test.

    Called in the test itself: pytest sets ``sys.stdout`` again after fixtures run.
    """
    stream = _Terminal()
    monkeypatch.setattr(sys, "stdout", stream)
    return stream


@pytest.fixture
def without_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    """rich cannot be imported for the length of a test."""
    for name in ("rich", "rich.console", "rich.table", "rich.progress"):
        monkeypatch.setitem(sys.modules, name, None)


class TestPrintTable:
    def test_plain_text_is_aligned(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Off a terminal, columns are padded, numbers aligned right, under a rule of dashes."""
        print_table(["name", "score"], [["police", "0.50"], ["health", "10.25"]], right=[1])
        assert capsys.readouterr().out == textwrap.dedent(
            """\
            name    score
            ------  -----
            police   0.50
            health  10.25
            """
        )

    def test_title_comes_first(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A title is printed on its own line above the plain table."""
        print_table(["a"], [["x"]], title="Title")
        assert capsys.readouterr().out.splitlines() == ["Title", "a", "-", "x"]

    def test_rich_on_a_terminal(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """On a terminal with rich installed, the table is drawn with box characters."""
        pytest.importorskip("rich")
        terminal = _terminal(monkeypatch)
        print_table(["name"], [["police"]])
        assert "police" in terminal.getvalue()
        assert "━" in terminal.getvalue() or "─" in terminal.getvalue()

    def test_plain_on_a_terminal_without_rich(
        self, monkeypatch: pytest.MonkeyPatch, without_rich: None
    ) -> None:
        """Without rich, a terminal gets the same plain table."""
        terminal = _terminal(monkeypatch)
        print_table(["name"], [["police"]])
        assert terminal.getvalue() == "name\n------\npolice\n"


class TestProgress:
    def test_nothing_off_a_terminal(self, capsys: pytest.CaptureFixture[str]) -> None:
        """When standard output is not a terminal, progress shows nothing."""
        with Progress(2, "Work") as progress:
            progress.step("one")
            progress.step("two")
        assert capsys.readouterr() == ("", "")

    def test_step_lines_without_rich(
        self,
        monkeypatch: pytest.MonkeyPatch,
        without_rich: None,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """On a terminal without rich, each step is a numbered line on standard error."""
        terminal = _terminal(monkeypatch)
        with Progress(2, "Work") as progress:
            progress.step("one")
            progress.step("two")
        assert capsys.readouterr().err == "[1/2] one\n[2/2] two\n"
        assert terminal.getvalue() == ""

    def test_bar_with_rich_leaves_no_trace(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """With rich on a terminal, a bar shows the step."""
        pytest.importorskip("rich")
        terminal = _terminal(monkeypatch)
        with Progress(1, "Work") as progress:
            progress.step("one")
        assert "one" in terminal.getvalue()

    def test_nested_progress_is_silent(
        self,
        monkeypatch: pytest.MonkeyPatch,
        without_rich: None,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """A Progress inside another shows nothing, so that bars never fight."""
        _terminal(monkeypatch)
        with Progress(1, "Outer") as outer:
            outer.step("outer step")
            with Progress(1, "Inner") as inner:
                inner.step("inner step")
        assert capsys.readouterr().err == "[1/1] outer step\n"


class TestExitCodes:
    def test_missing_optional_dependency_exits_4(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A missing optional package exits 4 with one line naming the extra to install."""

        def needs_jinja(reference: str | None) -> int:
            raise MissingDependencyError("jinja2", "report")

        monkeypatch.setattr("lscbqa._cli.documents.summary", needs_jinja)
        assert main([]) == 4
        assert capsys.readouterr().err == (
            "lscbqa: this needs the optional package 'jinja2': pip install \"lscbqa[report]\"\n"
        )

    def test_unknown_suffix_is_a_usage_error(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A document file with a suffix of no known format exits 2."""
        path = tmp_path / "framework.txt"
        path.write_text("x", encoding="utf-8")
        assert main(["validate", str(path)]) == 2
        assert capsys.readouterr().err == (
            f"lscbqa: {path}: expected a .json, .toml, .yaml or .yml document\n"
        )

    def test_a_folder_is_not_a_file(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A folder given for a file is a usage error that says so."""
        assert main(["validate", str(tmp_path)]) == 2
        assert capsys.readouterr().err == f"lscbqa: {tmp_path}: is a folder, not a file\n"

    def test_help_exits_0(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``--help`` prints the usage, with the exit codes, and exits 0."""
        assert main(["--help"]) == 0
        assert "4 missing optional dependency" in capsys.readouterr().out

    def test_interrupted_exits_130(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Ctrl-C stops the command with one line and status 130, without a traceback."""

        def interrupted(reference: str | None) -> int:
            raise KeyboardInterrupt

        monkeypatch.setattr("lscbqa._cli.documents.summary", interrupted)
        assert main([]) == 130
        assert capsys.readouterr().err == "lscbqa: interrupted\n"

    def test_a_bug_keeps_its_traceback(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """An error that is not the user's (a bug) propagates instead of becoming a line."""

        def broken(reference: str | None) -> int:
            raise RuntimeError("bug")

        monkeypatch.setattr("lscbqa._cli.documents.summary", broken)
        with pytest.raises(RuntimeError, match="bug"):
            main([])


class TestStatusOf:
    def test_each_error_has_its_status(self) -> None:
        """Errors map to the documented exit codes."""
        from lscbqa.exceptions import InfeasibleError, NotFoundError, Problem, ValidationError

        assert [
            console.status_of(error)
            for error in (
                ValidationError([Problem("$", "x")]),
                NotFoundError("no x"),
                FileNotFoundError(2, "No such file", "x"),
                InfeasibleError("no rota"),
                MissingDependencyError("rich", "cli"),
            )
        ] == [1, 2, 2, 3, 4]
