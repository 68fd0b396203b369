"""``lscbqa demo`` and ``lscbqa report``: the board report written to a folder.

Most tests stand a recording stub in for :func:`lscbqa.report.board.board_report`,
so that they check what the command gives it and does with its result, quickly; two
run the real report end to end.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from lscbqa import Assessment, Rating
from lscbqa.agencies import Agency
from lscbqa.cli import main
from lscbqa.frameworks import example_framework
from lscbqa.periods import Period
from lscbqa.report import board
from lscbqa.scrutiny.log import ChallengeLog
from lscbqa.serialize import dump


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out.splitlines(), captured.err


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """board_report replaced by a stub that records its arguments and returns a tiny report."""
    recorded: list[dict[str, Any]] = []

    def stub(partnership: Any, **options: Any) -> Any:
        recorded.append({"partnership": partnership, **options})
        return board.BoardReport(
            title="T", markdown="# T\n", html="<h1>T</h1>", summary="Summary line"
        )

    monkeypatch.setattr(board, "board_report", stub)
    return recorded


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, str]:
    """A framework, two assessments, an indicators CSV and a challenge log, as files."""
    framework = example_framework()
    dump(framework, tmp_path / "framework.toml")
    paths = {"framework": str(tmp_path / "framework.toml")}
    for subject in ("police", "health"):
        assessment = Assessment(
            id=f"{subject}-2024",
            framework_id=framework.id,
            subject=subject,
            period=Period.parse("FY2024-25"),
            ratings=[Rating(criterion_id=c.id, level="good") for c in framework.criteria()],
        )
        dump(assessment, tmp_path / f"{subject}.json")
        paths[subject] = str(tmp_path / f"{subject}.json")
    lines = ["area,indicator,period,value"]
    lines += [f"{area},rereferrals,{2020 + year},{20 + year}" for area in ("north", "south")
              for year in range(6)]  # fmt: skip
    (tmp_path / "panel.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    paths["indicators"] = str(tmp_path / "panel.csv")
    log = ChallengeLog(
        id="log",
        title="Log",
        agencies=[
            Agency(id="police", name="Police", sector="police", statutory=True),
            Agency(id="health", name="Health", sector="health_provider", statutory=True),
        ],
    )
    dump(log, tmp_path / "log.json")
    paths["log"] = str(tmp_path / "log.json")
    return paths


class TestDemo:
    def test_writes_the_example_report(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The demo writes report.html and report.md and prints the summary, then the files."""
        folder = tmp_path / "out"
        status, out, err = _run(capsys, "demo", "--out", str(folder))
        assert (status, err) == (0, "")
        html, markdown = folder / "report.html", folder / "report.md"
        assert html.read_text("utf-8").lstrip().lower().startswith("<!doctype html>")
        assert markdown.read_text("utf-8").startswith("# ")
        assert out[0].startswith("Northshire")
        assert out[-1] == f"Wrote {html} and {markdown}"

    def test_default_folder_and_no_personal_evidence(
        self,
        calls: list[dict[str, Any]],
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """Without --out the report goes to ./lscbqa-demo; personal evidence stays out."""
        monkeypatch.chdir(tmp_path)
        status, out, _ = _run(capsys, "demo")
        assert status == 0
        assert out == [
            "Summary line",
            "Wrote lscbqa-demo/report.html and lscbqa-demo/report.md",
        ]
        assert (tmp_path / "lscbqa-demo" / "report.html").read_text("utf-8") == "<h1>T</h1>"
        assert calls[0]["include_personal"] is False
        assert calls[0]["partnership"].name.startswith("Northshire")

    def test_without_jinja2_exits_4(
        self,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """Without the ``report`` extra the demo exits 4 with one line saying what to install."""
        from lscbqa.report.partnership import Partnership

        tiny = Partnership(id="tiny", name="Tiny", area="tiny", section11=example_framework())
        monkeypatch.setattr("lscbqa.datasets.example_partnership", lambda: tiny)
        monkeypatch.setitem(sys.modules, "jinja2", None)
        status, out, err = _run(capsys, "demo", "--out", str(tmp_path / "out"))
        assert (status, out) == (4, [])
        assert err == (
            "lscbqa: this needs the optional package 'jinja2': pip install \"lscbqa[report]\"\n"
        )
        assert not (tmp_path / "out").exists()

    def test_without_matplotlib_says_charts_are_left_out(
        self,
        calls: list[dict[str, Any]],
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """Without the ``plot`` extra the report is written, with a warning naming the extra."""
        monkeypatch.setitem(sys.modules, "matplotlib", None)
        status, _, err = _run(capsys, "demo", "--out", str(tmp_path / "out"))
        assert status == 0
        assert err == (
            "lscbqa: warning: the charts are left out without matplotlib: "
            'pip install "lscbqa[plot]"\n'
        )


class TestReport:
    def test_partnership_from_files(
        self,
        calls: list[dict[str, Any]],
        inputs: dict[str, str],
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """Each file fills its part of the partnership the report is drawn from."""
        status, out, _ = _run(
            capsys, "report", "--framework", inputs["framework"],
            "--assessments", inputs["police"], inputs["health"],
            "--indicators", inputs["indicators"], "--area", "south",
            "--challenge-log", inputs["log"], "--name", "Southshire", "--out", str(tmp_path / "r"),
        )  # fmt: skip
        assert status == 0
        assert (
            out[-1] == f"Wrote {tmp_path / 'r' / 'report.html'} and {tmp_path / 'r' / 'report.md'}"
        )
        partnership = calls[0]["partnership"]
        assert (partnership.name, partnership.area) == ("Southshire", "south")
        assert partnership.section11.id == example_framework().id
        assert [a.subject for a in partnership.section11_assessments] == ["police", "health"]
        assert partnership.panel.areas == ("north", "south")
        assert [indicator.id for indicator in partnership.indicators] == ["rereferrals"]
        assert [agency.id for agency in partnership.agencies] == ["police", "health"]
        assert partnership.challenge_log.id == "log"
        assert calls[0]["include_personal"] is False

    def test_include_personal_on_request(
        self, calls: list[dict[str, Any]], inputs: dict[str, str], tmp_path: Path
    ) -> None:
        """``--include-personal`` is passed on to the report."""
        status = main(
            ["report", "--framework", inputs["framework"], "--include-personal",
             "--out", str(tmp_path / "r")]
        )  # fmt: skip
        assert status == 0
        assert calls[0]["include_personal"] is True

    def test_cycle_on_request(
        self, calls: list[dict[str, Any]], inputs: dict[str, str], tmp_path: Path
    ) -> None:
        """``--cycle`` chooses the Section 11 cycle; by default the report takes the latest."""
        argv = ["report", "--framework", inputs["framework"], "--out", str(tmp_path / "r")]
        assert main(argv) == 0
        assert main([*argv, "--cycle", "FY2023-24"]) == 0
        assert [call["cycle"] for call in calls] == [None, "FY2023-24"]

    def test_several_areas_need_one_chosen(
        self,
        calls: list[dict[str, Any]],
        inputs: dict[str, str],
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """An indicators CSV with several areas and no --area is a usage error listing them."""
        status, _, err = _run(
            capsys, "report", "--framework", inputs["framework"],
            "--indicators", inputs["indicators"],
        )  # fmt: skip
        assert status == 2
        assert err == (
            "lscbqa: the indicators CSV has 2 areas (north, south); choose one with --area\n"
        )
        assert calls == []

    def test_definitions_need_the_values(
        self, inputs: dict[str, str], capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``--indicator-defs`` without ``--indicators`` is a usage error."""
        status, _, err = _run(
            capsys, "report", "--framework", inputs["framework"],
            "--indicator-defs", inputs["framework"],
        )  # fmt: skip
        assert (status, err) == (2, "lscbqa: --indicator-defs needs --indicators CSV\n")

    def test_missing_assessment_file(
        self, inputs: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A missing assessment file exits 2, naming it, before anything is written."""
        missing = tmp_path / "none.json"
        status, _, err = _run(
            capsys, "report", "--framework", inputs["framework"],
            "--assessments", str(missing), "--out", str(tmp_path / "r"),
        )  # fmt: skip
        assert (status, err) == (2, f"lscbqa: {missing}: no such file\n")
        assert not (tmp_path / "r").exists()

    def test_user_text_is_escaped(
        self, inputs: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A ``<script>`` in the partnership's name shows as text in the real HTML report."""
        status, _, _ = _run(
            capsys, "report", "--framework", inputs["framework"],
            "--assessments", inputs["police"], "--name", "North <script>alert(1)</script>",
            "--out", str(tmp_path / "r"),
        )  # fmt: skip
        assert status == 0
        html = (tmp_path / "r" / "report.html").read_text("utf-8")
        assert "<script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
