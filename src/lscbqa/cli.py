"""The ``lscbqa`` command: a thin face over the library.

``lscbqa demo`` writes the board report of the example partnership to
``./lscbqa-demo``; ``lscbqa`` alone prints a summary of the built-in example
framework. Wherever a command takes a FRAMEWORK, it is a registered name
(``section11``) or a file (JSON, TOML or YAML; it may extend another).
``docs/cli.md`` shows every command at work.

Commands
--------
``lscbqa demo [--out FOLDER]``
    Write the example partnership's board report (report.html, report.md) and
    print its summary.
``lscbqa report --framework F --assessments A... [--indicators CSV] ...``
    Write a board report from your files.
``lscbqa score FRAMEWORK ASSESSMENT... [--role self|moderated] [--format table|json|csv]``
    Score assessments: each domain's judgement and the overall one.
``lscbqa indicators curve CSV --indicator ID --area AREA --baseline-end PERIOD``
    Turn the curve: a baseline forecast and a verdict per later period.
``lscbqa indicators spc CSV --indicator ID --area AREA [--direction D]``
    An XmR chart with the Making Data Count rules.
``lscbqa scrutiny rota AGENCIES_FILE --per-agency K [--previous FILE] ...``
    Plan who scrutinises whom in the next cycle.
``lscbqa summary [FRAMEWORK]``
    Summarise a framework, the built-in example by default.
``lscbqa frameworks list|show FRAMEWORK|diff A B``
    The registered frameworks; one with the origin of its nodes; what changed.
``lscbqa validate FILE [--framework FRAMEWORK]``
    Check any lscbqa document; with a framework, also check an assessment against it.
``lscbqa check FRAMEWORK ASSESSMENT [--as-of DATE] [--max-evidence-age DAYS]``
    List what :meth:`~lscbqa.assessment.Assessment.check` finds.
``lscbqa schema KIND``
    Print the JSON Schema of a document kind (``framework``, ``assessment``...).

Exit status
-----------
0
    Success.
1
    Problems in the data: a file is invalid (each problem is listed with its
    path), or a check finds errors.
2
    Usage error: the command line is wrong (argparse prints the usage), or it
    names a file, framework, area, indicator or period that does not exist.
3
    Infeasible: no plan satisfies the constraints (the message says which to relax).
4
    An optional dependency is missing (the message names the extra to install).
130
    Interrupted (Ctrl-C), as shells count it.

A problem is printed on standard error as one line, ``lscbqa: FILE: what is
wrong``, followed by the path of each problem in the file; never a traceback.
Warnings from the library (trial limits, stale evidence) are printed on standard
error as ``lscbqa: warning: ...`` lines and leave the status unchanged.

Examples
--------
>>> main(["summary"])  # doctest: +ELLIPSIS
Partnership self-assessment (partnership-self-assessment, version 2024.1)
...
0
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Sequence

from lscbqa._cli import documents, indicators, reports, scoring, scrutiny
from lscbqa._cli.console import (
    INTERRUPTED,
    OK,
    USAGE,
    explain,
    is_user_error,
    report_error,
    report_warning,
)

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lscbqa",
        description="Quality assurance for safeguarding-children partnerships. "
        "Start with: lscbqa demo",
        epilog="Exit status: 0 ok, 1 problems in the data or findings, 2 usage error, "
        "3 infeasible, 4 missing optional dependency.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    reports.add_commands(commands)
    scoring.add_commands(commands)
    indicators.add_commands(commands)
    scrutiny.add_commands(commands)
    documents.add_commands(commands)
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
        0 on success, 1 for problems in the data or findings, 2 for a usage
        error, 3 when no plan is feasible, 4 when an optional dependency is
        missing (see the module's docstring).

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
    except SystemExit as stop:  # argparse has printed the usage (or the help)
        return stop.code if isinstance(stop.code, int) else USAGE
    run = getattr(arguments, "run", None)
    with warnings.catch_warnings(record=True) as caught:
        # Show the library's warnings as lines; leave others' (deprecations) unseen.
        warnings.simplefilter("ignore")
        warnings.simplefilter("always", UserWarning)
        try:
            status: int = run(arguments) if run else documents.summary(None)
        except KeyboardInterrupt:
            print("lscbqa: interrupted", file=sys.stderr)
            return INTERRUPTED
        except BrokenPipeError:
            # The reader went away (``lscbqa frameworks list | head``): stop quietly.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return OK
        except Exception as error:
            if not is_user_error(error):
                raise  # a bug in lscbqa: the traceback helps to fix it
            status = report_error(explain(error))
        finally:
            for warning in caught:
                report_warning(str(warning.message))
    return status
