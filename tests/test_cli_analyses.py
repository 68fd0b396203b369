"""The command line's analyses: score, indicators curve and spc, scrutiny rota.

Each command is checked against the library function it fronts, called directly on
the same data: the command only reads files and prints what the library returns.
"""

from __future__ import annotations

import csv
import io
import json
import re
import textwrap
from pathlib import Path

import attrs
import pytest

from lscbqa import Assessment, Rating
from lscbqa.agencies import Agency
from lscbqa.cli import main
from lscbqa.frameworks import example_framework
from lscbqa.indicators import Series, safeguarding_indicators, turn_the_curve
from lscbqa.indicators.spc import xmr
from lscbqa.scoring import score_many
from lscbqa.scrutiny.log import ChallengeLog
from lscbqa.scrutiny.rota import plan_rota
from lscbqa.serialize import dump

LEVELS = ("good", "requires_improvement", "outstanding", "inadequate")
# Re-referrals (%) rising for two years, then falling: the curve turns after 2023-Q4.
NORTH = (30, 31, 33, 34, 36, 37, 38, 39, 30, 29, 28, 27, 26, 27)
CONCERN_NOTE = "Planted: child R seen with bruising"
PERIODS = tuple(f"{2022 + i // 4}-Q{i % 4 + 1}" for i in range(len(NORTH)))


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out.splitlines(), captured.err


def _cells(line: str) -> list[str]:
    """The cells of a plain table line (columns are at least two spaces apart)."""
    return re.split(r"\s{2,}", line.strip())


def _assessments() -> list[Assessment]:
    framework = example_framework()
    return [
        Assessment(
            id=f"{subject}-2024",
            framework_id=framework.id,
            subject=subject,
            ratings=[
                Rating(criterion_id=criterion.id, level=LEVELS[(index + step) % 4], role=role)
                for index, criterion in enumerate(framework.criteria())
                for role, step in (("self", start + 1), ("moderated", start))
            ],
        )
        for subject, start in (("police", 0), ("health", 1))
    ]


@pytest.fixture
def scoring_files(tmp_path: Path) -> list[str]:
    """The example framework as TOML, then a police and a health assessment as JSON."""
    dump(example_framework(), tmp_path / "framework.toml")
    paths = [str(tmp_path / "framework.toml")]
    for assessment in _assessments():
        path = tmp_path / f"{assessment.subject}.json"
        dump(assessment, path)
        paths.append(str(path))
    return paths


class TestScore:
    def test_table_has_each_domain_and_the_overall_judgement(
        self, scoring_files: list[str], capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The table has a row per assessment with its domains' levels, overall level and score."""
        status, out, err = _run(capsys, "score", *scoring_files)
        assert (status, err) == (0, "")
        table = score_many(example_framework(), _assessments())
        domains = [
            node for node, kind in zip(table.node_ids, table.kinds, strict=True) if kind == "domain"
        ]
        assert out[0] == "Partnership self-assessment: moderated ratings, scores from 0 to 1"
        assert _cells(out[1]) == ["subject", "assessment", *domains, "overall", "score"]
        for row, line in enumerate(out[3:]):
            card = table.scorecard(row)
            levels = [card[domain].level for domain in domains] + [card.overall.level]
            assert _cells(line) == [
                card.subject,
                card.assessment_id,
                *(str(level).replace("_", " ") for level in levels),
                f"{card.overall.score:.2f}",
            ]
        assert len(out) == 3 + len(table)

    def test_json_lists_every_node(
        self, scoring_files: list[str], capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``--format json`` prints the score table's records."""
        status, out, _ = _run(capsys, "score", *scoring_files, "--format", "json")
        assert status == 0
        expected = score_many(example_framework(), _assessments()).records()
        assert json.loads("\n".join(out)) == json.loads(json.dumps(expected))

    def test_csv_for_self_ratings(
        self, scoring_files: list[str], capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``--format csv --role self`` prints the records of the self ratings as CSV."""
        status, out, _ = _run(capsys, "score", *scoring_files, "--format", "csv", "--role", "self")
        assert status == 0
        rows = list(csv.DictReader(io.StringIO("\n".join(out))))
        expected = score_many(example_framework(), _assessments(), role="self").records()
        assert [(r["node_id"], r["level"]) for r in rows] == [
            (r["node_id"], r["level"] or "") for r in expected
        ]

    def test_every_role_can_be_scored(self) -> None:
        """``--role`` offers every Role: peer ratings of case audits can be scored too."""
        from lscbqa._cli.scoring import ROLES
        from lscbqa.assessment import Role

        assert tuple(role.value for role in Role) == ROLES

    def test_peer_ratings(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """``--role peer`` scores the peer ratings: the same records as score_many(role='peer')."""
        peer = Assessment(
            id="case-1-auditor-a",
            framework_id=example_framework().id,
            subject="case-1",
            ratings=[
                Rating(criterion_id=criterion.id, level="good", role="peer")
                for criterion in example_framework().criteria(leaves_only=True)
            ],
        )
        dump(example_framework(), tmp_path / "framework.toml")
        dump(peer, tmp_path / "peer.json")
        status, out, _ = _run(
            capsys,
            "score",
            str(tmp_path / "framework.toml"),
            str(tmp_path / "peer.json"),
            "--format",
            "json",
            "--role",
            "peer",
        )
        assert status == 0
        expected = score_many(example_framework(), [peer], role="peer").records()
        assert json.loads("\n".join(out)) == json.loads(json.dumps(expected))

    def test_immediate_concerns_on_stderr_after_the_table(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Each flagged rating, of any role, is one line on stderr; the status stays 0."""
        police, health = _assessments()
        flagged = [
            attrs.evolve(rating, immediate_concern=True, comment=CONCERN_NOTE)
            if index in (0, 3)
            else rating
            for index, rating in enumerate(police.ratings)
        ]
        flagged[3] = attrs.evolve(flagged[3], rater="audit\nlead")
        paths = []
        for assessment in (attrs.evolve(police, ratings=flagged), health):
            paths.append(str(tmp_path / f"{assessment.subject}.json"))
            dump(assessment, paths[-1])
        status, out, err = _run(capsys, "score", "partnership-self-assessment", *paths)
        first, second = police.ratings[0], police.ratings[3]
        assert (first.role.value, second.role.value) == ("self", "moderated")
        assert status == 0
        assert len(out) == 3 + 2
        assert err.splitlines() == [
            f"lscbqa: immediate concern: police-2024 {first.criterion_id} "
            "(rater not recorded): escalate now",
            f"lscbqa: immediate concern: police-2024 {second.criterion_id} "
            "(rater audit lead): escalate now",
        ]
        assert CONCERN_NOTE not in err + "\n".join(out)

    @pytest.mark.parametrize("form", ["json", "csv"])
    def test_immediate_concerns_leave_stdout_unchanged(
        self, form: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """With --format json or csv, stdout is as without the flag; the concern is on stderr."""
        police = _assessments()[0]
        flagged = attrs.evolve(
            police,
            ratings=[attrs.evolve(police.ratings[1], immediate_concern=True), *police.ratings[2:]],
        )
        plain = attrs.evolve(police, ratings=police.ratings[1:])
        outputs = []
        for name, assessment in (("plain", plain), ("flagged", flagged)):
            path = tmp_path / f"{name}.json"
            dump(assessment, path)
            outputs.append(
                _run(capsys, "score", "partnership-self-assessment", str(path), "--format", form)
            )
        assert outputs[0][:2] == outputs[1][:2]
        assert (outputs[0][2], outputs[1][2]) == (
            "",
            f"lscbqa: immediate concern: police-2024 {police.ratings[1].criterion_id} "
            "(rater not recorded): escalate now\n",
        )

    def test_unrated_in_words(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A node without a judgement shows its status instead of a level."""
        path = tmp_path / "blank.json"
        dump(Assessment(id="blank", framework_id="partnership-self-assessment", subject="x"), path)
        status, out, _ = _run(capsys, "score", "partnership-self-assessment", str(path))
        assert status == 0
        assert _cells(out[3])[2:] == ["unrated", "unrated", "unrated", "unrated", "-"]

    def test_problems_name_their_files(
        self, scoring_files: list[str], capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Scoring against the wrong framework exits 1, each problem under its file."""
        status, out, err = _run(capsys, "score", "section11", *scoring_files[1:])
        assert (status, out) == (1, [])
        lines = err.splitlines()
        assert lines[0] == "lscbqa: 20 problems scoring against 'section11':"
        assert lines[1].startswith(f"  {scoring_files[1]}: $.ratings[1].criterion_id: expected")
        assert lines[-1].startswith(f"  {scoring_files[2]}: $.ratings[19].criterion_id: ")

    def test_invalid_assessment_file(
        self, scoring_files: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An assessment file with a bad field exits 1, naming the file and the field."""
        bad = tmp_path / "bad.json"
        bad.write_text('{"schema": "lscbqa/assessment/1", "id": "x", "subject": "s"}')
        status, _, err = _run(capsys, "score", scoring_files[0], str(bad))
        assert status == 1
        assert err.splitlines() == [
            f"lscbqa: {bad}: 1 problem:",
            "  $.framework_id: required field is missing; expected a string",
        ]


@pytest.fixture
def panel_csv(tmp_path: Path) -> Path:
    """Quarterly re-referrals of north (turning after 2023-Q4) and south, and a local one."""
    lines = ["area,indicator,period,value"]
    for period, value in zip(PERIODS, NORTH, strict=True):
        lines.append(f"north,rereferrals,{period},{value}")
        lines.append(f"south,rereferrals,{period},{value + 2}")
        lines.append(f"north,local_measure,{period},{value}")
    path = tmp_path / "panel.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _rereferrals() -> Series:
    return Series(values=NORTH, periods=PERIODS, indicator_id="rereferrals")


class TestIndicatorsCurve:
    def test_table_matches_turn_the_curve(
        self, panel_csv: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Baseline rows, then forecast, interval and verdict per period, then the summary."""
        status, out, err = _run(
            capsys, "indicators", "curve", str(panel_csv), "--indicator", "rereferrals",
            "--area", "north", "--baseline-end", "2023-Q4",
        )  # fmt: skip
        assert (status, err) == (0, "")
        rereferrals = {i.id: i for i in safeguarding_indicators()}["rereferrals"]
        result = turn_the_curve(_rereferrals(), baseline_end="2023-Q4", polarity=rereferrals)
        assert out[0] == (
            "Re-referrals to children's social care within 12 months in north: "
            "turning the curve (linear baseline, 95% interval)"
        )
        assert _cells(out[3]) == ["2022-Q1", "30.00", "-", "-", "-", "baseline"]
        rows = [_cells(line) for line in out[11:-1]]
        assert rows == [
            [
                PERIODS[8 + index],
                f"{NORTH[8 + index]:.2f}",
                f"{result.forecast[index]:.2f}",
                f"{result.lower[index]:.2f}",
                f"{result.upper[index]:.2f}",
                str(verdict).replace("_", " "),
            ]
            for index, verdict in enumerate(result.verdicts)
        ]
        assert out[-1] == result.describe()
        assert result.has_turned

    def test_horizon_past_the_data(
        self, panel_csv: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Periods forecast past the data are named, with no value and no verdict."""
        status, out, _ = _run(
            capsys, "indicators", "curve", str(panel_csv), "--indicator", "rereferrals",
            "--area", "north", "--baseline-end", "2024-Q2", "--horizon", "6",
        )  # fmt: skip
        assert status == 0
        result = turn_the_curve(
            _rereferrals(), baseline_end="2024-Q2", horizon=6, polarity="lower_is_better"
        )
        assert [_cells(line) for line in out[-3:-1]] == [
            ["2025-Q3", "-", f"{result.forecast[4]:.2f}", f"{result.lower[4]:.2f}",
             f"{result.upper[4]:.2f}"],
            ["2025-Q4", "-", f"{result.forecast[5]:.2f}", f"{result.lower[5]:.2f}",
             f"{result.upper[5]:.2f}"],
        ]  # fmt: skip
        assert len(result.verdicts) == 4

    def test_polarity_for_an_indicator_without_definition(
        self, panel_csv: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``--polarity`` stands for the definition of an indicator lscbqa does not know."""
        status, out, _ = _run(
            capsys, "indicators", "curve", str(panel_csv), "--indicator", "local_measure",
            "--area", "north", "--baseline-end", "2023-Q4", "--polarity", "higher_is_better",
            "--method", "mean",
        )  # fmt: skip
        assert status == 0
        series = Series(values=NORTH, periods=PERIODS)
        expected = turn_the_curve(
            series, baseline_end="2023-Q4", polarity="higher_is_better", method="mean"
        )
        assert out[-1] == expected.describe()
        assert out[0].startswith("local_measure in north: turning the curve (mean baseline")

    def test_polarity_needed_without_definition(
        self, panel_csv: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An unknown indicator without ``--polarity`` is a usage error saying what to add."""
        status, out, err = _run(
            capsys, "indicators", "curve", str(panel_csv), "--indicator", "local_measure",
            "--area", "north", "--baseline-end", "2023-Q4",
        )  # fmt: skip
        assert (status, out) == (2, [])
        assert err == (
            "lscbqa: the indicator 'local_measure' has no definition to say which way is "
            "better; give --polarity or --indicator-defs\n"
        )

    def test_definitions_from_a_file(
        self, panel_csv: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``--indicator-defs`` reads indicator documents; their title heads the table."""
        from lscbqa.measures import Indicator

        definition = tmp_path / "local.toml"
        dump(Indicator(id="local_measure", title="Local", polarity="lower_is_better"), definition)
        status, out, _ = _run(
            capsys, "indicators", "curve", str(panel_csv), "--indicator", "local_measure",
            "--area", "north", "--baseline-end", "2023-Q4", "--indicator-defs", str(definition),
        )  # fmt: skip
        assert status == 0
        assert out[0].startswith("Local in north: turning the curve")
        assert out[-1].endswith("the curve has turned (the last 2 observed periods beat the "
                                "linear forecast's 95% interval).")  # fmt: skip

    def test_unknown_area_is_a_usage_error(
        self, panel_csv: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An area the CSV does not have exits 2 with one line."""
        status, _, err = _run(
            capsys, "indicators", "curve", str(panel_csv), "--indicator", "rereferrals",
            "--area", "east", "--baseline-end", "2023-Q4",
        )  # fmt: skip
        assert status == 2
        assert len(err.splitlines()) == 1
        assert "'east'" in err

    def test_bad_csv_names_file_and_columns(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A CSV without the needed columns exits 1, naming the file and $.columns."""
        path = tmp_path / "bad.csv"
        path.write_text("place,when,value\nnorth,2024,1\n", encoding="utf-8")
        status, _, err = _run(
            capsys, "indicators", "curve", str(path), "--indicator", "rereferrals",
            "--area", "north", "--baseline-end", "2024",
        )  # fmt: skip
        assert status == 1
        lines = err.splitlines()
        assert lines[0] == f"lscbqa: {path}: 1 problem:"
        assert lines[1].startswith("  $.columns: expected the columns area, indicator, period")


class TestIndicatorsSpc:
    def test_table_matches_xmr(self, panel_csv: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Each point's value, mean, limits and type as xmr computes them, then a summary."""
        status, out, err = _run(
            capsys, "indicators", "spc", str(panel_csv), "--indicator", "rereferrals",
            "--area", "north", "--target", "35",
        )  # fmt: skip
        assert (status, err) == (0, "")
        result = xmr(_rereferrals(), improvement_direction="decrease", target=35.0)
        assert out[0].endswith("in north: XmR chart, improvement is decrease")
        assert [_cells(line) for line in out[3:-1]] == [
            [
                PERIODS[index],
                f"{result.values[index]:.2f}",
                f"{result.mean[index]:.2f}",
                f"{result.lower_limit[index]:.2f}",
                f"{result.upper_limit[index]:.2f}",
                str(result.point_types[index]).replace("_", " "),
            ]
            for index in range(len(NORTH))
        ]
        special = int(result.special_cause.sum())
        assert out[-1] == (
            f"14 points, {special} special cause; variation: "
            f"{result.variation_icon.replace('_', ' ')}; "
            f"assurance: {str(result.assurance).replace('_', ' ')}."
        )

    def test_trial_limits_warn_on_stderr(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Fewer than 13 points: the chart prints, with one warning line; the status is 0."""
        path = tmp_path / "short.csv"
        path.write_text(
            "area,indicator,period,value\n"
            + "".join(f"a,x,{2010 + year},{value}\n" for year, value in enumerate([3, 4, 3, 5]))
        )
        status, out, err = _run(
            capsys, "indicators", "spc", str(path), "--indicator", "x", "--area", "a"
        )
        assert status == 0
        assert out[0] == "x in a: XmR chart, improvement is neutral"
        assert out[-1].endswith("assurance: none (no target or neutral direction); "
                                "trial limits (fewer than 13 points).")  # fmt: skip
        assert err.startswith("lscbqa: warning: period 0 (points 0 to 3) has 4 point(s)")
        assert len(err.splitlines()) == 1


AGENCIES = """\
    id,name,sector,statutory
    council,Northshire Council,local_authority,yes
    police,Northshire Police,police,yes
    health,Northshire Hospitals,health_provider,yes
    probation,Probation,probation,yes
    yot,Youth Offending,youth_justice,yes
    charity,Children's Charity,voluntary_sector,no
    """


def _agencies() -> list[Agency]:
    rows = csv.DictReader(io.StringIO(textwrap.dedent(AGENCIES)))
    return [
        Agency(id=r["id"], name=r["name"], sector=r["sector"], statutory=r["statutory"] == "yes")
        for r in rows
    ]


@pytest.fixture
def agencies_csv(tmp_path: Path) -> Path:
    """Five statutory agencies and a charity."""
    path = tmp_path / "agencies.csv"
    path.write_text(textwrap.dedent(AGENCIES), encoding="utf-8")
    return path


class TestScrutinyRota:
    def test_table_matches_plan_rota(
        self, agencies_csv: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Each agency's scrutinisers and scrutinised as plan_rota plans them."""
        status, out, err = _run(capsys, "scrutiny", "rota", str(agencies_csv), "--per-agency", "2")
        assert (status, err) == (0, "")
        rota = plan_rota(_agencies(), per_agency=2)
        assert out[0] == "Scrutiny rota: each statutory agency scrutinised by 2"
        rows = {cells[0]: cells for cells in map(_cells, out[3:-1])}
        for agency in _agencies():
            by = ", ".join(rota.scrutinisers_of(agency.id)) or "(not statutory)"
            assert rows[agency.id][2:] == [by, ", ".join(rota.scrutinised_by(agency.id)) or "-"]
        assert out[-1] == f"10 pairs; the busiest agency scrutinises {rota.max_load}."

    def test_csv_feeds_next_cycle(
        self, agencies_csv: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The CSV pairs given back as ``--previous`` are not repeated next cycle."""
        _, out, _ = _run(
            capsys, "scrutiny", "rota", str(agencies_csv), "--per-agency", "2", "--format", "csv"
        )
        previous = tmp_path / "previous.csv"
        previous.write_text("\n".join(out) + "\n", encoding="utf-8")
        assert out[0] == "scrutiniser,scrutinised"
        first = {tuple(line.split(",")) for line in out[1:]}
        assert first == set(plan_rota(_agencies(), per_agency=2).pairs)
        status, again, _ = _run(
            capsys, "scrutiny", "rota", str(agencies_csv), "--per-agency", "2",
            "--previous", str(previous), "--format", "csv",
        )  # fmt: skip
        assert status == 0
        assert len(again) == 11
        assert not first & {tuple(line.split(",")) for line in again[1:]}

    def test_infeasible_exits_3_naming_what_to_relax(
        self, agencies_csv: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """No rota: one line naming the options that would make one possible; exit 3."""
        status, out, err = _run(
            capsys, "scrutiny", "rota", str(agencies_csv), "--per-agency", "2", "--max-load", "1"
        )
        assert (status, out) == (3, [])
        assert err == (
            "lscbqa: no rota: 5 statutory agencies cannot each be scrutinised by 2 others under "
            "these constraints; to make one possible, raise or drop --max-load or lower "
            "--per-agency\n"
        )

    def test_reciprocal_pairs_allowed_on_request(
        self, agencies_csv: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Each of five scrutinised by all five others: only with ``--allow-reciprocal``."""
        status, _, err = _run(capsys, "scrutiny", "rota", str(agencies_csv), "--per-agency", "5")
        assert status == 3
        assert err.rstrip().endswith("to make one possible, add --allow-reciprocal")
        status, out, _ = _run(
            capsys, "scrutiny", "rota", str(agencies_csv), "--per-agency", "5",
            "--allow-reciprocal",
        )  # fmt: skip
        assert (status, out[-1]) == (0, "25 pairs; the busiest agency scrutinises 5.")

    def test_nothing_to_relax(self, agencies_csv: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """More scrutinisers than other agencies: the line says no single change helps."""
        status, _, err = _run(capsys, "scrutiny", "rota", str(agencies_csv), "--per-agency", "6")
        assert status == 3
        assert err.rstrip().endswith("loosening no single constraint would make one possible")

    def test_agencies_of_a_challenge_log(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A challenge-log document gives its agencies."""
        path = tmp_path / "log.json"
        dump(ChallengeLog(id="log", title="Log", agencies=_agencies()), path)
        status, out, _ = _run(capsys, "scrutiny", "rota", str(path), "--per-agency", "1")
        assert (status, out[-1]) == (0, "5 pairs; the busiest agency scrutinises 1.")

    def test_bad_agency_rows(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Every bad row is listed with its row number and column; exit 1."""
        path = tmp_path / "agencies.csv"
        path.write_text(
            "id,name,sector,statutory\na,A,police,maybe\nb,B,spaceship,yes\n", encoding="utf-8"
        )
        status, _, err = _run(capsys, "scrutiny", "rota", str(path), "--per-agency", "1")
        assert status == 1
        lines = err.splitlines()
        assert lines[0] == f"lscbqa: {path}: 2 problems:"
        assert lines[1] == "  $[0].statutory: expected yes or no; found 'maybe'"
        assert lines[2].startswith("  $[1].sector: expected ")

    def test_previous_pair_naming_no_agency(
        self, agencies_csv: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A previous pair naming an agency not given is a problem at its row of that file."""
        previous = tmp_path / "previous.csv"
        previous.write_text("scrutiniser,scrutinised\npolice,council\ncouncil,nobody\n")
        status, _, err = _run(
            capsys, "scrutiny", "rota", str(agencies_csv), "--per-agency", "1",
            "--previous", str(previous),
        )  # fmt: skip
        assert status == 1
        assert err.splitlines() == [
            f"lscbqa: {previous}: 1 problem:",
            "  $[1]: expected a pair (scrutiniser id, scrutinised id) of agencies given; "
            "found ('council', 'nobody')",
        ]

    def test_repeated_agency_id(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """An agency id given twice is a problem at its row of the agencies file."""
        path = tmp_path / "agencies.csv"
        path.write_text("id,name,sector,statutory\na,A,police,yes\na,B,police,yes\n")
        status, _, err = _run(capsys, "scrutiny", "rota", str(path), "--per-agency", "1")
        assert status == 1
        assert err.splitlines() == [
            f"lscbqa: {path}: 1 problem:",
            "  $[1].id: expected a unique agency id; 'a' is also at index 0",
        ]

    def test_negative_count_is_a_usage_error(
        self, agencies_csv: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A negative --per-agency is refused by the parser: exit 2."""
        status, _, err = _run(capsys, "scrutiny", "rota", str(agencies_csv), "--per-agency", "-1")
        assert status == 2
        assert err.rstrip().endswith(
            "argument --per-agency: expected a whole number >= 0; found '-1'"
        )
