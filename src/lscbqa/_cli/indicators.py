"""``lscbqa indicators curve`` and ``lscbqa indicators spc``: one series from a tidy CSV."""

from __future__ import annotations

import argparse
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

from lscbqa._cli import files
from lscbqa._cli.console import OK, USAGE, CommandError, number, print_table

if TYPE_CHECKING:
    from lscbqa.indicators import Series
    from lscbqa.measures import Indicator


#: lscbqa.indicators.curve.METHODS, named here so that building the parser imports no scipy.
CURVE_METHODS = ("linear", "mean", "holt")


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``indicators curve`` and ``indicators spc`` to the parser."""
    indicators = commands.add_parser("indicators", help="analyse an indicator's series")
    analyses = indicators.add_subparsers(dest="analysis", required=True)

    curve = analyses.add_parser(
        "curve",
        help="turn the curve: the baseline forecast and a verdict per later period",
        description="Forecast the baseline of one area's indicator and judge each later "
        "period against it (Outcomes Based Accountability).",
    )
    _series_arguments(curve)
    curve.add_argument(
        "--baseline-end", required=True, metavar="PERIOD", help="the last baseline period"
    )
    curve.add_argument("--method", choices=CURVE_METHODS, default="linear", help="default: linear")
    curve.add_argument(
        "--polarity",
        choices=("higher_is_better", "lower_is_better"),
        help="which way is better; by default the indicator's definition",
    )
    curve.add_argument("--horizon", type=int, metavar="N", help="periods to forecast")
    curve.set_defaults(run=_curve)

    spc = analyses.add_parser(
        "spc",
        help="an XmR chart with the Making Data Count rules",
        description="Chart one area's indicator as an XmR chart: process limits, special "
        "cause points, the variation icon and (with a target) the assurance.",
    )
    _series_arguments(spc)
    spc.add_argument(
        "--direction",
        choices=("increase", "decrease", "neutral"),
        help="the improvement direction; by default the indicator's polarity, else neutral",
    )
    spc.add_argument("--target", type=float, help="by default the indicator's target")
    spc.set_defaults(run=_spc)


def _series_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("csv", metavar="CSV", help="a tidy CSV: area, indicator, period, value")
    parser.add_argument("--indicator", required=True, metavar="ID", help="the indicator's id")
    parser.add_argument("--area", required=True, help="the area's id")
    add_definitions_option(parser)


def add_definitions_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--indicator-defs FILE...``: read with :func:`definitions`."""
    parser.add_argument(
        "--indicator-defs",
        nargs="+",
        default=(),
        metavar="FILE",
        help="indicator definitions: indicator or framework documents (built-in ones are known)",
    )


def definitions(paths: Sequence[str]) -> dict[str, Indicator]:
    """The built-in indicator definitions, then those of the files (later ones win)."""
    from lscbqa.indicators import safeguarding_indicators
    from lscbqa.measures import Indicator
    from lscbqa.serialize import parse, schema_kind

    known = {indicator.id: indicator for indicator in safeguarding_indicators()}
    for path in paths:
        file = files.existing(path)
        form = files.format_of(file)
        with files.reading(file):
            kind = schema_kind(parse(file.read_bytes(), format=form))
        if kind == "framework":
            found: Sequence[Indicator] = files.framework(path).indicators
        else:
            found = [files.document(path, Indicator)]
        known.update((indicator.id, indicator) for indicator in found)
    return known


def _series(arguments: argparse.Namespace) -> tuple[Series, Indicator | None]:
    from lscbqa.indicators import read_csv

    known = definitions(arguments.indicator_defs)
    file = files.existing(arguments.csv)
    with files.reading(file):
        panel = read_csv(file, indicators=known)
    series = panel.series(arguments.area, arguments.indicator)
    return series, known.get(arguments.indicator)


def _row(label: str, values: Sequence[float], word: str) -> list[str]:
    """A table row: the period's label, numbers to two decimals, and a word."""
    return [label, *(number(float(value)) for value in values), word]


def _words(code: str) -> str:
    return code.replace("_", " ")


def _curve(arguments: argparse.Namespace) -> int:
    from lscbqa.indicators import turn_the_curve

    series, indicator = _series(arguments)
    polarity: str | Indicator | None = arguments.polarity or indicator
    if polarity is None:
        raise CommandError(
            f"the indicator {arguments.indicator!r} has no definition to say which way is "
            "better; give --polarity or --indicator-defs",
            status=USAGE,
        )
    result = turn_the_curve(
        series,
        baseline_end=arguments.baseline_end,
        method=arguments.method,
        polarity=polarity,
        horizon=arguments.horizon,
    )
    rows = [
        [period.label, number(value), "-", "-", "-", "baseline"]
        for period, value in zip(
            series.periods[: result.baseline_end],
            series.values[: result.baseline_end].tolist(),
            strict=True,
        )
    ]
    # Forecast periods past the data are named by the result; without names, by position.
    labels = [period.label for period in result.periods] or [
        f"+{step}" for step in range(1, len(result.forecast) + 1)
    ]
    for index, label in enumerate(labels):
        observed = result.observed[index] if index < len(result.observed) else math.nan
        verdict = _words(result.verdicts[index]) if index < len(result.verdicts) else ""
        arrays = (result.forecast, result.lower, result.upper)
        rows.append(_row(label, [observed, *(a[index] for a in arrays)], verdict))
    print_table(
        ["period", "value", "forecast", "lower", "upper", "verdict"],
        rows,
        right=[1, 2, 3, 4],
        title=f"{_title(arguments, indicator)}: turning the curve ({result.method} baseline, "
        f"{(1 - result.alpha) * 100:g}% interval)",
    )
    print(result.describe())
    return OK


def _spc(arguments: argparse.Namespace) -> int:
    from lscbqa.indicators.spc import xmr

    series, indicator = _series(arguments)
    direction: str | Indicator = arguments.direction or indicator or "neutral"
    target = arguments.target
    if target is None and indicator is not None:
        target = indicator.target
    result = xmr(series, improvement_direction=direction, target=target)
    arrays = (result.values, result.mean, result.lower_limit, result.upper_limit)
    rows = [
        _row(
            period.label,
            [array[index] for array in arrays],
            _words(str(result.point_types[index])),
        )
        for index, period in enumerate(series.periods)
    ]
    print_table(
        ["period", "value", "mean", "lower limit", "upper limit", "point"],
        rows,
        right=[1, 2, 3, 4],
        title=f"{_title(arguments, indicator)}: XmR chart, improvement is "
        f"{result.improvement_direction}",
    )
    special = int(result.special_cause.sum())
    assurance = (
        _words(result.assurance) if result.assurance else "none (no target or neutral direction)"
    )
    trial = "; trial limits (fewer than 13 points)" if result.trial_limits else ""
    print(
        f"{len(result)} points, {special} special cause; variation: "
        f"{_words(result.variation_icon)}; assurance: {assurance}{trial}."
    )
    return OK


def _title(arguments: argparse.Namespace, indicator: Indicator | None) -> str:
    name = indicator.title if indicator is not None else arguments.indicator
    return f"{name} in {arguments.area}"
