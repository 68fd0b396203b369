"""Commands on documents and frameworks: summary, frameworks, validate, check, schema."""

from __future__ import annotations

import argparse
import datetime
import json
import pathlib
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from lscbqa._cli import files
from lscbqa._cli.console import FINDINGS, OK, USAGE, CommandError, count
from lscbqa.exceptions import Problem, ValidationError

if TYPE_CHECKING:
    from lscbqa.assessment import Finding


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add summary, frameworks, validate, check and schema to the parser."""
    summary = commands.add_parser("summary", help="summarise a framework")
    summary.add_argument("framework", nargs="?", help="a name or file; the example by default")
    summary.set_defaults(run=_summary)

    frameworks = commands.add_parser("frameworks", help="list, show and compare frameworks")
    actions = frameworks.add_subparsers(dest="action", required=True)
    actions.add_parser("list", help="the registered frameworks").set_defaults(run=_list)
    show = actions.add_parser("show", help="a framework and the origin of its nodes")
    show.add_argument("framework", help="a registered name or a file")
    show.set_defaults(run=_show)
    compare = actions.add_parser("diff", help="what changed from A to B")
    compare.add_argument("a", help="a registered name or a file")
    compare.add_argument("b", help="a registered name or a file")
    compare.set_defaults(run=_diff)

    validate = commands.add_parser("validate", help="check any lscbqa document")
    validate.add_argument("file", help="a JSON, TOML or YAML document")
    validate.add_argument("--framework", help="check an assessment against this framework")
    validate.set_defaults(run=_validate)

    check = commands.add_parser("check", help="check an assessment against its framework")
    check.add_argument("framework", help="a registered name or a file")
    check.add_argument("assessment", help="the assessment file")
    check.add_argument(
        "--as-of", type=datetime.date.fromisoformat, help="YYYY-MM-DD; today by default"
    )
    check.add_argument(
        "--max-evidence-age", type=int, metavar="DAYS", help="flag evidence older than this"
    )
    check.set_defaults(run=_check)

    schema = commands.add_parser("schema", help="print the JSON Schema of a document kind")
    # The kinds are checked when the command runs: listing them here would import every
    # document module for every command.
    schema.add_argument("kind", help="a document kind: framework, assessment, challenge-log...")
    schema.set_defaults(run=_schema)


def summary(reference: str | None) -> int:
    """Print the summary of a framework, the built-in example by default."""
    from lscbqa.frameworks import example_framework
    from lscbqa.report import summarise_framework

    framework = files.framework(reference) if reference else example_framework()
    print(summarise_framework(framework))
    return OK


def _summary(arguments: argparse.Namespace) -> int:
    return summary(arguments.framework)


def _schema(arguments: argparse.Namespace) -> int:
    from lscbqa.serialize import document_types, json_schema

    kinds = document_types()
    if arguments.kind not in kinds:
        raise CommandError(
            f"no document kind {arguments.kind!r}; known: {', '.join(kinds)}", status=USAGE
        )
    print(json.dumps(json_schema(kinds[arguments.kind]), indent=2))
    return OK


def _list(arguments: argparse.Namespace) -> int:
    from lscbqa.frameworks import available, get
    from lscbqa.report import describe_counts

    for name in available():
        framework = get(name)
        print(f"{name:30} {framework.version:10} {framework.title} ({describe_counts(framework)})")
    return OK


def _show(arguments: argparse.Namespace) -> int:
    from lscbqa.report import summarise_framework

    print(summarise_framework(files.framework(arguments.framework), origins=True))
    return OK


def _diff(arguments: argparse.Namespace) -> int:
    from lscbqa.frameworks import diff

    differences = diff(files.framework(arguments.a), files.framework(arguments.b))
    for difference in differences:
        print(difference)
    print(count(len(differences), "difference"))
    return OK


def _validate(arguments: argparse.Namespace) -> int:
    from lscbqa.assessment import Assessment
    from lscbqa.serialize import document_types, from_dict, parse, schema_kind

    path = files.existing(arguments.file)
    form = files.format_of(path)
    with files.reading(path):
        data = parse(path.read_bytes(), format=form)
        kind = schema_kind(data)
        if kind == "framework":
            return _validate_framework(data, path)
        if kind not in document_types():
            known = ", ".join(document_types())
            schema = data.get("schema") if isinstance(data, Mapping) else None
            found = repr(schema) if isinstance(schema, str) else "no schema"
            raise ValidationError(
                [Problem("$.schema", f"expected an lscbqa document ({known}); found {found}")]
            )
        value: object = from_dict(data, document_types()[kind])
    if isinstance(value, Assessment) and arguments.framework:
        return _findings(value.check(files.framework(arguments.framework)))
    name = getattr(value, "id", None)
    print(f"ok: {kind}" + (f" {name!r}" if name else ""))
    return OK


def _validate_framework(data: Mapping[str, object], path: pathlib.Path) -> int:
    from lscbqa.frameworks import resolve
    from lscbqa.model import Framework
    from lscbqa.report import describe_counts
    from lscbqa.serialize import from_dict
    from lscbqa.tailoring import Tailoring

    document: Framework | Tailoring = (
        from_dict(data, Tailoring) if "extends" in data else from_dict(data, Framework)
    )
    framework = resolve(document, source=str(path), base_dir=path.parent)
    print(
        f"ok: framework {framework.id!r} version {framework.version!r} "
        f"({describe_counts(framework)})"
    )
    return OK


def _check(arguments: argparse.Namespace) -> int:
    from lscbqa.assessment import Assessment

    framework = files.framework(arguments.framework)
    assessment = files.document(arguments.assessment, Assessment)
    age = arguments.max_evidence_age
    return _findings(
        assessment.check(
            framework,
            as_of=arguments.as_of,
            max_evidence_age=None if age is None else datetime.timedelta(days=age),
        )
    )


def _findings(findings: Sequence[Finding]) -> int:
    for finding in findings:
        print(finding)
    errors = sum(finding.is_error for finding in findings)
    print(f"{count(len(findings), 'finding')}, {count(errors, 'error')}")
    return FINDINGS if errors else OK
