"""``lscbqa scrutiny rota``: plan who scrutinises whom in the next cycle."""

from __future__ import annotations

import argparse
import csv
import pathlib
import sys
from typing import TYPE_CHECKING

from lscbqa._cli import files
from lscbqa._cli.console import INFEASIBLE, OK, CommandError, explain, print_table
from lscbqa.exceptions import InfeasibleError, Problem, ValidationError

if TYPE_CHECKING:
    from lscbqa.agencies import Agency
    from lscbqa.scrutiny.rota import Rota


AGENCY_COLUMNS = ("id", "name", "sector", "statutory")
PAIR_COLUMNS = ("scrutiniser", "scrutinised")
_YES = frozenset({"true", "yes", "y", "1"})
_NO = frozenset({"false", "no", "n", "0", ""})

#: The command-line option that loosens each constraint ``InfeasibleError.relax`` names.
_LOOSEN = {
    "max_load": "raise or drop --max-load",
    "previous": "drop --previous",
    "forbid_same_sector": "drop --forbid-same-sector",
    "forbid_reciprocal": "add --allow-reciprocal",
    "per_agency": "lower --per-agency",
}


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``scrutiny rota`` to the parser."""
    scrutiny = commands.add_parser("scrutiny", help="plan scrutiny between agencies")
    plans = scrutiny.add_subparsers(dest="plan", required=True)
    rota = plans.add_parser(
        "rota",
        help="who scrutinises whom in the next cycle",
        description="Plan the most even rota in which each statutory agency is scrutinised "
        "by K others: nobody scrutinises itself, last cycle's pairs are not repeated, and no "
        "two agencies scrutinise each other (unless --allow-reciprocal).",
    )
    rota.add_argument(
        "agencies",
        metavar="AGENCIES_FILE",
        help="a CSV (id, name, sector, statutory) or a challenge-log document",
    )
    rota.add_argument(
        "--per-agency",
        type=_whole_number,
        required=True,
        metavar="K",
        help="scrutinisers per agency",
    )
    rota.add_argument(
        "--previous", metavar="FILE", help="last cycle's rota: a CSV (scrutiniser, scrutinised)"
    )
    rota.add_argument(
        "--forbid-same-sector", action="store_true", help="no agency scrutinises its own sector"
    )
    rota.add_argument(
        "--allow-reciprocal",
        action="store_true",
        help="allow two agencies to scrutinise each other",
    )
    rota.add_argument(
        "--max-load", type=_whole_number, metavar="N", help="most agencies one scrutinises"
    )
    rota.add_argument(
        "--format",
        choices=("table", "csv"),
        default="table",
        help="csv prints the pairs, ready for next cycle's --previous",
    )
    rota.set_defaults(run=_rota)


def _whole_number(text: str) -> int:
    """An integer >= 0, for argparse (which reports the error as a usage error)."""
    try:
        number = int(text)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(f"expected a whole number >= 0; found {text!r}")
    return number


def read_agencies(path: str) -> tuple[Agency, ...]:
    """The agencies of a CSV file or of a challenge-log document."""
    from lscbqa.agencies import Agency
    from lscbqa.scrutiny.log import ChallengeLog

    if pathlib.Path(path).suffix.lower() != ".csv":
        return files.document(path, ChallengeLog).agencies
    rows = files.csv_rows(path, AGENCY_COLUMNS)
    agencies = []
    problems = []
    for index, row in enumerate(rows):
        statutory = row["statutory"].lower()
        if statutory not in _YES | _NO:
            problems.append(
                Problem(f"$[{index}].statutory", f"expected yes or no; found {row['statutory']!r}")
            )
            continue
        try:
            agencies.append(
                Agency(
                    id=row["id"],
                    name=row["name"],
                    sector=row["sector"],
                    statutory=statutory in _YES,
                    organisation=row.get("organisation") or None,
                )
            )
        except ValidationError as error:
            problems.extend(problem.under(f"$[{index}]") for problem in error.problems)
    if problems:
        with files.reading(path):
            raise ValidationError(problems)
    return tuple(agencies)


def read_pairs(path: str) -> list[tuple[str, str]]:
    """Last cycle's (scrutiniser, scrutinised) pairs from a CSV file."""
    return [(row["scrutiniser"], row["scrutinised"]) for row in files.csv_rows(path, PAIR_COLUMNS)]


def _in_files(error: ValidationError, agencies: str, previous: str | None) -> CommandError:
    """plan_rota's problems in the file they come from: the agencies first, else the pairs."""
    for key, path in (("$.agencies", agencies), ("$.previous", previous)):
        problems = [
            Problem(problem.path.replace(key, "$", 1), problem.message)
            for problem in error.problems
            if problem.path.startswith(key)
        ]
        if problems and path:
            return explain(ValidationError(problems), where=path)
    return explain(error)


def _rota(arguments: argparse.Namespace) -> int:
    from lscbqa.scrutiny.rota import plan_rota

    agencies = read_agencies(arguments.agencies)
    previous = read_pairs(arguments.previous) if arguments.previous else []
    try:
        rota = plan_rota(
            agencies,
            per_agency=arguments.per_agency,
            previous=previous,
            forbid_reciprocal=not arguments.allow_reciprocal,
            forbid_same_sector=arguments.forbid_same_sector,
            max_load=arguments.max_load,
        )
    except ValidationError as error:
        raise _in_files(error, arguments.agencies, arguments.previous) from None
    except InfeasibleError as error:
        reason = str(error).split("; loosen")[0]
        remedy = (
            "; to make one possible, "
            + " or ".join(_LOOSEN.get(name, name) for name in error.relax)
            if error.relax
            else "; loosening no single constraint would make one possible"
        )
        raise CommandError(reason + remedy, status=INFEASIBLE) from None
    if arguments.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(PAIR_COLUMNS)
        writer.writerows(rota.pairs)
    else:
        _print_rota(agencies, rota)
    return OK


def _print_rota(agencies: tuple[Agency, ...], rota: Rota) -> None:
    rows = [
        [
            agency.id,
            agency.name,
            ", ".join(rota.scrutinisers_of(agency.id)) if agency.statutory else "(not statutory)",
            ", ".join(rota.scrutinised_by(agency.id)) or "-",
        ]
        for agency in agencies
    ]
    print_table(
        ["agency", "name", "scrutinised by", "scrutinises"],
        rows,
        title=f"Scrutiny rota: each statutory agency scrutinised by {rota.per_agency}",
    )
    print(f"{len(rota.pairs)} pairs; the busiest agency scrutinises {rota.max_load}.")
