"""The ``lscbqa`` command: a thin face over the library.

``lscbqa`` alone prints a summary of the built-in example framework.

Commands
--------
``lscbqa summary [FRAMEWORK]``
    Summarise a framework file (JSON, TOML or YAML), or the built-in example.
``lscbqa check FRAMEWORK ASSESSMENT [--as-of DATE] [--max-evidence-age DAYS]``
    List what :meth:`~lscbqa.assessment.Assessment.check` finds; exit 1 on any error.
``lscbqa schema KIND``
    Print the JSON Schema of a document kind (``framework``, ``assessment``...).

Exit status: 0 on success, 1 when a check finds errors, 2 when input is invalid.

Examples
--------
>>> main(["summary"])  # doctest: +ELLIPSIS
Partnership self-assessment (partnership-self-assessment, version 2024.1)
...
0
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
from collections.abc import Sequence

from lscbqa.assessment import Assessment
from lscbqa.exceptions import LscbqaError
from lscbqa.frameworks import example_framework
from lscbqa.model import Framework
from lscbqa.report import summarise_framework
from lscbqa.serialize import document_types, json_schema, load

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lscbqa",
        description="Quality assurance for safeguarding-children partnerships.",
    )
    commands = parser.add_subparsers(dest="command")
    summary = commands.add_parser("summary", help="summarise a framework")
    summary.add_argument("framework", nargs="?", help="a framework file; the example by default")
    check = commands.add_parser("check", help="check an assessment against its framework")
    check.add_argument("framework", help="the framework file")
    check.add_argument("assessment", help="the assessment file")
    check.add_argument(
        "--as-of", type=datetime.date.fromisoformat, help="YYYY-MM-DD; today by default"
    )
    check.add_argument(
        "--max-evidence-age", type=int, metavar="DAYS", help="flag evidence older than this"
    )
    schema = commands.add_parser("schema", help="print the JSON Schema of a document kind")
    schema.add_argument("kind", choices=list(document_types()))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status.

    Parameters
    ----------
    argv : sequence of str, optional
        The arguments after the program name; ``sys.argv[1:]`` by default.

    Returns
    -------
    int
        0 on success, 1 when a check finds errors, 2 for invalid input.

    Examples
    --------
    >>> main(["schema", "agency"])  # doctest: +ELLIPSIS
    {
      "$schema": "https://json-schema.org/draft/2020-12/schema",
    ...
    0
    """
    try:
        arguments = _parser().parse_args(argv)
    except SystemExit as stop:  # argparse has printed the usage and the problem
        return stop.code if isinstance(stop.code, int) else 2
    try:
        if arguments.command == "check":
            return _check(arguments)
        if arguments.command == "schema":
            schema = json_schema(document_types()[arguments.kind])
            print(json.dumps(schema, indent=2))
            return 0
        path = getattr(arguments, "framework", None)
        framework = load(path, Framework) if path else example_framework()
        print(summarise_framework(framework))
        return 0
    except (LscbqaError, OSError, ValueError) as error:
        print(f"lscbqa: {error}", file=sys.stderr)
        return 2


def _check(arguments: argparse.Namespace) -> int:
    framework = load(arguments.framework, Framework)
    assessment = load(arguments.assessment, Assessment)
    age = arguments.max_evidence_age
    findings = assessment.check(
        framework,
        as_of=arguments.as_of,
        max_evidence_age=None if age is None else datetime.timedelta(days=age),
    )
    for finding in findings:
        print(finding)
    errors = sum(finding.is_error for finding in findings)
    print(f"{_count(len(findings), 'finding')}, {_count(errors, 'error')}")
    return 1 if errors else 0


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
