"""The ``lscbqa`` command: a thin face over the library.

``lscbqa`` alone prints a summary of the built-in example framework. Wherever a
command takes a FRAMEWORK, it is a registered name (``section11``) or a file
(JSON, TOML or YAML; it may extend another).

Commands
--------
``lscbqa summary [FRAMEWORK]``
    Summarise a framework, the built-in example by default.
``lscbqa frameworks list``
    The registered frameworks: name, version, title, counts.
``lscbqa frameworks show FRAMEWORK``
    A framework's summary, with the origin of every node when it is tailored.
``lscbqa frameworks diff A B``
    What changed from framework A to framework B.
``lscbqa validate FILE [--framework FRAMEWORK]``
    Check any lscbqa document; with a framework, also check an assessment against it.
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
import os
import pathlib
import sys
from collections.abc import Mapping, Sequence

from lscbqa.assessment import Assessment, Finding
from lscbqa.exceptions import LscbqaError, Problem, ValidationError
from lscbqa.frameworks import (
    available,
    diff,
    example_framework,
    get,
    load_framework,
    resolve,
)
from lscbqa.model import Framework
from lscbqa.report import describe_counts, summarise_framework
from lscbqa.serialize import (
    document_types,
    format_for,
    from_dict,
    json_schema,
    load,
    parse,
    schema_kind,
)
from lscbqa.tailoring import Tailoring

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lscbqa",
        description="Quality assurance for safeguarding-children partnerships.",
    )
    commands = parser.add_subparsers(dest="command")
    summary = commands.add_parser("summary", help="summarise a framework")
    summary.add_argument("framework", nargs="?", help="a name or file; the example by default")

    frameworks = commands.add_parser("frameworks", help="list, show and compare frameworks")
    actions = frameworks.add_subparsers(dest="action", required=True)
    actions.add_parser("list", help="the registered frameworks")
    show = actions.add_parser("show", help="a framework and the origin of its nodes")
    show.add_argument("framework", help="a registered name or a file")
    compare = actions.add_parser("diff", help="what changed from A to B")
    compare.add_argument("a", help="a registered name or a file")
    compare.add_argument("b", help="a registered name or a file")

    validate = commands.add_parser("validate", help="check any lscbqa document")
    validate.add_argument("file", help="a JSON, TOML or YAML document")
    validate.add_argument("--framework", help="check an assessment against this framework")

    check = commands.add_parser("check", help="check an assessment against its framework")
    check.add_argument("framework", help="a registered name or a file")
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
        if arguments.command == "validate":
            return _validate(arguments.file, arguments.framework)
        if arguments.command == "frameworks":
            return _frameworks(arguments)
        if arguments.command == "schema":
            schema = json_schema(document_types()[arguments.kind])
            print(json.dumps(schema, indent=2))
            return 0
        reference = getattr(arguments, "framework", None)
        framework = _framework(reference) if reference else example_framework()
        print(summarise_framework(framework))
        return 0
    except BrokenPipeError:
        # The reader went away (``lscbqa frameworks list | head``): stop quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (LscbqaError, OSError, ValueError) as error:
        print(f"lscbqa: {error}", file=sys.stderr)
        return 2


def _framework(reference: str) -> Framework:
    """A framework from a file if one exists at ``reference``, else from the registry."""
    if pathlib.Path(reference).is_file():
        return load_framework(reference)
    return get(reference)


def _frameworks(arguments: argparse.Namespace) -> int:
    if arguments.action == "list":
        for name in available():
            framework = get(name)
            print(
                f"{name:30} {framework.version:10} {framework.title} ({describe_counts(framework)})"
            )
        return 0
    if arguments.action == "show":
        print(summarise_framework(_framework(arguments.framework), origins=True))
        return 0
    differences = diff(_framework(arguments.a), _framework(arguments.b))
    for difference in differences:
        print(difference)
    print(_count(len(differences), "difference"))
    return 0


def _validate(file: str, framework_reference: str | None) -> int:
    path = pathlib.Path(file)
    data = parse(path.read_bytes(), format=format_for(path))
    kind = schema_kind(data)
    if kind == "framework":
        document: Framework | Tailoring = (
            from_dict(data, Tailoring) if "extends" in data else from_dict(data, Framework)
        )
        framework = resolve(document, source=str(path), base_dir=path.parent)
        print(
            f"ok: framework {framework.id!r} version {framework.version!r} "
            f"({describe_counts(framework)})"
        )
        return 0
    if kind not in document_types():
        known = ", ".join(document_types())
        schema = data.get("schema") if isinstance(data, Mapping) else None
        found = repr(schema) if isinstance(schema, str) else "no schema"
        raise ValidationError(
            [Problem("$.schema", f"expected an lscbqa document ({known}); found {found}")]
        )
    value: object = from_dict(data, document_types()[kind])
    if isinstance(value, Assessment) and framework_reference:
        return _report(value.check(_framework(framework_reference)))
    name = getattr(value, "id", None)
    print(f"ok: {kind}" + (f" {name!r}" if name else ""))
    return 0


def _check(arguments: argparse.Namespace) -> int:
    framework = _framework(arguments.framework)
    assessment = load(arguments.assessment, Assessment)
    age = arguments.max_evidence_age
    return _report(
        assessment.check(
            framework,
            as_of=arguments.as_of,
            max_evidence_age=None if age is None else datetime.timedelta(days=age),
        )
    )


def _report(findings: Sequence[Finding]) -> int:
    for finding in findings:
        print(finding)
    errors = sum(finding.is_error for finding in findings)
    print(f"{_count(len(findings), 'finding')}, {_count(errors, 'error')}")
    return 1 if errors else 0


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
