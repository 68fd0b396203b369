"""``lscbqa demo`` and ``lscbqa report``: a board report written to a folder."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from lscbqa._cli import files
from lscbqa._cli.console import OK, USAGE, CommandError, Progress, report_warning
from lscbqa._cli.indicators import add_definitions_option, definitions
from lscbqa._cli.scoring import load_assessments

if TYPE_CHECKING:
    from lscbqa.report.partnership import Partnership


DEMO_FOLDER = "lscbqa-demo"
REPORT_FOLDER = "lscbqa-report"
FILES = ("report.html", "report.md")


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``demo`` and ``report`` to the parser."""
    demo = commands.add_parser(
        "demo",
        help="write the example partnership's board report and print its summary",
        description="Write the board report of Northshire, the fictional example "
        "partnership shipped with lscbqa, as report.html and report.md, and print a summary.",
    )
    demo.add_argument(
        "--out", default=DEMO_FOLDER, metavar="FOLDER", help=f"default: ./{DEMO_FOLDER}"
    )
    demo.set_defaults(run=_demo)

    report = commands.add_parser(
        "report",
        help="write a board report from your files",
        description="Write a board report (report.html and report.md) from a Section 11 "
        "framework and assessments, and optionally indicators and a challenge log.",
    )
    report.add_argument(
        "--framework", required=True, help="the Section 11 framework: a registered name or a file"
    )
    report.add_argument(
        "--assessments", nargs="+", default=(), metavar="FILE", help="assessment files"
    )
    report.add_argument("--indicators", metavar="CSV", help="a tidy CSV of indicator values")
    add_definitions_option(report)
    report.add_argument("--challenge-log", metavar="FILE", help="a challenge-log document")
    report.add_argument("--name", default="Safeguarding partnership", help="the report's title")
    report.add_argument(
        "--area", help="the partnership's area in the indicators CSV (needed if it has several)"
    )
    report.add_argument(
        "--out", default=REPORT_FOLDER, metavar="FOLDER", help=f"default: ./{REPORT_FOLDER}"
    )
    report.add_argument(
        "--cycle",
        metavar="PERIOD",
        help="the Section 11 cycle to report (FY2024-25...); the latest by default",
    )
    report.add_argument(
        "--include-personal",
        action="store_true",
        help="include evidence marked personal (left out by default)",
    )
    report.set_defaults(run=_report)


def _render(
    description: str,
    first_step: str,
    partnership: Callable[[], Partnership],
    folder: str,
    *,
    include_personal: bool,
    cycle: str | None = None,
) -> int:
    """Build the partnership, render its board report, write it, then print the summary."""
    from lscbqa.report import board

    with Progress(3, description) as progress:
        progress.step(first_step)
        data = partnership()
        progress.step("Analysing the data and drawing the charts")
        report = board.board_report(data, include_personal=include_personal, cycle=cycle)
        progress.step(f"Writing {' and '.join(FILES)}")
        html, markdown = report.write(folder)
    print(report.summary)
    print(f"Wrote {html} and {markdown}")
    if not _has_matplotlib():
        report_warning('the charts are left out without matplotlib: pip install "lscbqa[plot]"')
    return OK


def _has_matplotlib() -> bool:
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


def _demo(arguments: argparse.Namespace) -> int:
    from lscbqa.datasets import example_partnership

    return _render(
        "Writing the demo report",
        "Building the example partnership",
        example_partnership,
        arguments.out,
        include_personal=False,
    )


def partnership_from_files(arguments: argparse.Namespace) -> Partnership:
    """The Partnership that the files named on the command line describe."""
    from lscbqa.indicators import read_csv
    from lscbqa.report.partnership import Partnership
    from lscbqa.scrutiny.log import ChallengeLog

    if arguments.indicator_defs and not arguments.indicators:
        raise CommandError("--indicator-defs needs --indicators CSV", status=USAGE)
    framework = files.framework(arguments.framework)
    assessments = load_assessments(arguments.assessments)
    log = files.document(arguments.challenge_log, ChallengeLog) if arguments.challenge_log else None
    area = arguments.area
    indicators: list[Any] = []
    panel = None
    if arguments.indicators:
        known = definitions(arguments.indicator_defs)
        file = files.existing(arguments.indicators)
        with files.reading(file):
            panel = read_csv(file, indicators=known)
        if area is None:
            if len(panel.areas) != 1:
                raise CommandError(
                    f"the indicators CSV has {len(panel.areas)} areas "
                    f"({', '.join(panel.areas)}); choose one with --area",
                    status=USAGE,
                )
            area = panel.areas[0]
        panel.area_index(area)
        indicators = [known[id] for id in panel.indicators if id in known]
    area = area or "area"
    with files.reading("--area"):
        return Partnership(
            id=area,
            name=arguments.name,
            area=area,
            agencies=log.agencies if log else (),
            section11=framework,
            section11_assessments=assessments,
            indicators=indicators,
            panel=panel,
            challenge_log=log,
        )


def _report(arguments: argparse.Namespace) -> int:
    return _render(
        "Writing the report",
        "Reading the files",
        lambda: partnership_from_files(arguments),
        arguments.out,
        include_personal=arguments.include_personal,
        cycle=arguments.cycle,
    )
