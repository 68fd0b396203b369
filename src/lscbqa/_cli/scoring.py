"""``lscbqa score``: score assessments against a framework, as a table, JSON or CSV."""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from lscbqa._cli import files
from lscbqa._cli.console import FINDINGS, OK, CommandError, Progress, count, number, print_table
from lscbqa.exceptions import ValidationError

if TYPE_CHECKING:
    from lscbqa.assessment import Assessment
    from lscbqa.scoring import ScoreTable


# The values of lscbqa.assessment.Role, written out so that `lscbqa --help` imports no
# library module (a test checks they agree).
ROLES = ("self", "moderated", "peer", "inspector")


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``score`` to the parser."""
    score = commands.add_parser(
        "score",
        help="score assessments against a framework",
        description="Score assessments: one row per assessment with each domain's judgement "
        "and the overall one (table), or every node's result (json, csv). Then each rating "
        "flagged as an immediate concern (of any role) is named on standard error, in "
        "every format, without its comment.",
    )
    score.add_argument("framework", help="a registered name or a file")
    score.add_argument("assessments", nargs="+", metavar="ASSESSMENT", help="assessment files")
    score.add_argument(
        "--role",
        choices=ROLES,
        default="moderated",
        help="whose ratings to score: self, moderated, peer (case audits) or inspector "
        "(default: moderated)",
    )
    score.add_argument(
        "--format", choices=("table", "json", "csv"), default="table", help="default: table"
    )
    score.set_defaults(run=_score)


def load_assessments(paths: Sequence[str]) -> list[Assessment]:
    """Read assessment files, with a progress bar when there are many."""
    from lscbqa.assessment import Assessment

    assessments = []
    with Progress(len(paths), "Reading assessments") as progress:
        for path in paths:
            progress.step(f"Reading {path}")
            assessments.append(files.document(path, Assessment))
    return assessments


def _score(arguments: argparse.Namespace) -> int:
    from lscbqa.scoring import score_many

    framework = files.framework(arguments.framework)
    assessments = load_assessments(arguments.assessments)
    try:
        table = score_many(framework, assessments, role=arguments.role)
    except ValidationError as error:
        raise _by_file(error, arguments.assessments, framework.id) from None
    if arguments.format == "json":
        print(json.dumps(table.records(), indent=2))
    elif arguments.format == "csv":
        records = table.records()  # never empty: every table has the overall column
        writer = csv.DictWriter(sys.stdout, fieldnames=list(records[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(records)
    else:
        _print_scores(table)
    _print_concerns(assessments)
    return OK


def _print_concerns(assessments: Sequence[Assessment]) -> None:
    """One line on standard error per rating flagged as an immediate concern, of any role.

    Only ids and the rater: never the rating's comment, which may identify a child.
    """
    for assessment in assessments:
        for rating in assessment.immediate_concerns:
            rater = " ".join(rating.rater.split()) if rating.rater else "not recorded"
            print(
                f"lscbqa: immediate concern: {assessment.id} {rating.criterion_id} "
                f"(rater {rater}): escalate now",
                file=sys.stderr,
            )


def _by_file(error: ValidationError, paths: Sequence[str], framework_id: str) -> CommandError:
    """The problems of scoring, each under the file of its assessment (``$[i]`` paths)."""
    details = []
    for problem in error.problems:
        match = re.fullmatch(r"\$\[(\d+)\](.*)", problem.path)
        if match:
            details.append(f"  {paths[int(match[1])]}: ${match[2]}: {problem.message}")
        elif len(paths) == 1:
            details.append(f"  {paths[0]}: {problem}")
        else:
            details.append(f"  {problem}")
    return CommandError(
        f"{count(len(error.problems), 'problem')} scoring against {framework_id!r}:",
        status=FINDINGS,
        details=details,
    )


def _judgement(table: ScoreTable, row: int, column: int) -> str:
    from lscbqa.scoring import Status

    result = table.result(row, column)
    if result.status == Status.SCORED and result.level is not None:
        return result.level.replace("_", " ")
    return str(result.status).replace("_", " ")


def _print_scores(table: ScoreTable) -> None:
    domains = [column for column, kind in enumerate(table.kinds) if kind == "domain"]
    overall = len(table.node_ids) - 1
    headers = ["subject", "assessment", *(table.node_ids[c] for c in domains), "overall", "score"]
    rows = [
        [
            table.subjects[row],
            table.assessment_ids[row],
            *(_judgement(table, row, column) for column in domains),
            _judgement(table, row, overall),
            number(float(table.score[row, overall])),
        ]
        for row in range(len(table))
    ]
    print_table(
        headers,
        rows,
        right=[len(headers) - 1],
        title=f"{table.framework.title}: {table.role} ratings, scores from 0 to 1",
    )
