"""The board report's sections built from indicators and the challenge log.

The OBA report card with turn-the-curve charts, SPC charts with the Making Data
Count icons, the benchmarking table, and the scrutiny graph with its findings. Like
:mod:`lscbqa.report._sections`, each returns a plain dict with ``missing`` set to a
sentence when the partnership lacks the data.
"""

from __future__ import annotations

import math
import warnings
from collections import Counter
from typing import Any

import numpy as np

from lscbqa.exceptions import TrialLimitsWarning, ValidationError
from lscbqa.indicators.curve import CurveResult, turn_the_curve
from lscbqa.indicators.datapack import datapack
from lscbqa.indicators.icons import ICON_TITLES, assurance_icon_svg, variation_icon_svg
from lscbqa.indicators.oba import ReportCard
from lscbqa.indicators.spc import xmr
from lscbqa.measures import Indicator, ObaRole
from lscbqa.periods import Period
from lscbqa.report import _charts
from lscbqa.report._markdown import Trusted
from lscbqa.report._sections import Section
from lscbqa.report.partnership import Partnership
from lscbqa.scrutiny import ScrutinyGraph, findings

#: Periods after the baseline that a turn-the-curve verdict judges (a year of quarters).
JUDGED = 4
_FEWEST = 3  # baseline points a linear forecast needs
_POLARITY = {
    "higher_is_better": "higher is better",
    "lower_is_better": "lower is better",
    "within_band": "inside the band is healthy",
}


def _fmt(value: float) -> str:
    return "-" if value is None or math.isnan(value) else f"{value:.3g}"


def _series(partnership: Partnership) -> list[tuple[Indicator, np.ndarray[Any, Any], list[str]]]:
    """The partnership's own series of each of its indicators, to the last observed period."""
    panel = partnership.panel
    if panel is None or partnership.area not in panel.areas:
        return []
    found = []
    for indicator in partnership.indicators:
        if indicator.id not in panel.indicators:
            continue
        values = panel.series(partnership.area, indicator.id).values
        observed = np.flatnonzero(~np.isnan(values))
        if observed.size:
            last = int(observed[-1]) + 1
            found.append((indicator, values[:last], [p.label for p in panel.periods[:last]]))
    return found


def _no_panel(partnership: Partnership) -> str:
    if not partnership.indicators:
        return "The partnership lists no indicators."
    return f"The partnership's panel has no values for its own area ({partnership.area})."


def _open(
    section_id: str, title: str, partnership: Partnership, absent: str
) -> tuple[Section, list[tuple[Indicator, np.ndarray[Any, Any], list[str]]]]:
    """A section over the area's series, saying what is absent when there are none."""
    section: Section = {"id": section_id, "title": title, "missing": None}
    series = _series(partnership)
    if not series:
        section["missing"] = f"{_no_panel(partnership)} {absent}"
    return section, series


def _curve(values: np.ndarray[Any, Any], indicator: Indicator) -> CurveResult | None:
    judged = min(JUDGED, len(values) - _FEWEST)
    if judged < 1:
        return None
    try:
        return turn_the_curve(values, baseline_end=len(values) - judged, polarity=indicator)
    except ValidationError:  # too few observed points in the baseline
        return None


def _curve_description(
    indicator: Indicator, labels: list[str], values: np.ndarray[Any, Any], result: CurveResult
) -> str:
    end = result.baseline_end
    judged = labels[end:]
    return (
        f"Line chart of {indicator.title}, {labels[0]} to {labels[-1]}. The baseline runs "
        f"to {labels[end - 1]}; its {result.method} forecast for {judged[0]} to {judged[-1]} "
        f"is {_fmt(result.forecast[0])} to {_fmt(result.forecast[-1])}; observed "
        f"{_fmt(values[end])} to {_fmt(values[-1])} ({_POLARITY[str(indicator.polarity)]}). "
        f"{result.describe()}"
    )


def report_card(partnership: Partnership, charts: bool) -> Section:
    """The OBA report card: indicators by quadrant, each with a turn-the-curve verdict."""
    section, series = _open(
        "report-card", "OBA report card", partnership, "There is no report card."
    )
    if not series:
        return section
    card = ReportCard(id=partnership.id, title=partnership.name, indicators=partnership.indicators)
    data = {indicator.id: (values, labels) for indicator, values, labels in series}
    groups = []
    quadrants: list[tuple[str, tuple[Indicator, ...]]] = [
        (
            role.question if role is not ObaRole.POPULATION else "Population indicators",
            card.quadrant(role),
        )
        for role in (ObaRole.POPULATION, ObaRole.HOW_MUCH, ObaRole.HOW_WELL)
    ]
    quadrants.append(("Is anyone better off?", card.quadrant("better_off")))
    quadrants.append(("Not yet placed in a quadrant", card.unplaced()))
    turned = 0
    for heading, indicators in quadrants:
        entries = []
        for indicator in indicators:
            entry: dict[str, Any] = {
                "title": indicator.title,
                "id": indicator.id,
                "chart": None,
                "verdict": None,
                "alt": None,
            }
            if indicator.id not in data:
                entry["verdict"] = "No values for the area."
            else:
                values, labels = data[indicator.id]
                result = _curve(values, indicator)
                entry["latest"] = _fmt(values[-1])
                entry["period"] = labels[-1]
                if result is None:
                    entry["verdict"] = "Too few values for a baseline forecast."
                else:
                    turned += result.has_turned
                    entry["verdict"] = result.describe()
                    entry["status"] = str(result.status).replace("_", " ")
                    entry["alt"] = _curve_description(indicator, labels, values, result)
                    if charts:
                        entry["chart"] = _charts.curve_chart(
                            labels,
                            values,
                            result,
                            chart_id=f"curve-{indicator.id}",
                            description=entry["alt"],
                        )
            entries.append(entry)
        if entries:
            groups.append({"heading": heading, "entries": entries})
    section.update(groups=groups, turned=turned, judged=JUDGED)
    return section


def _spc_description(indicator: Indicator, labels: list[str], result: Any) -> str:
    special = [labels[i] for i in np.flatnonzero(result.special_cause)]
    listed = ", ".join(special[:8]) + (" and more" if len(special) > 8 else "")
    return (
        f"XmR chart of {indicator.title}, {labels[0]} to {labels[-1]}: mean "
        f"{_fmt(result.mean[-1])}, process limits {_fmt(result.lower_limit[-1])} to "
        f"{_fmt(result.upper_limit[-1])}. "
        + (f"Special cause points: {listed}. " if special else "No special cause points. ")
        + ICON_TITLES[result.variation_icon]
        + "."
    )


def spc(partnership: Partnership, charts: bool) -> Section:
    """XmR charts with the variation and assurance icons, one per indicator."""
    section, series = _open(
        "spc", "Statistical process control", partnership, "There are no SPC charts."
    )
    if not series:
        return section
    rows = []
    for indicator, values, labels in series:
        with warnings.catch_warnings():
            # Short series get trial limits: the table says so instead of a warning.
            warnings.simplefilter("ignore", TrialLimitsWarning)
            result = xmr(values, improvement_direction=indicator, target=indicator.target)
        alt = _spc_description(indicator, labels, result)
        rows.append(
            {
                "id": indicator.id,
                "title": indicator.title,
                "latest": _fmt(values[-1]),
                "period": labels[-1],
                "mean": _fmt(result.mean[-1]),
                "limits": f"{_fmt(result.lower_limit[-1])} to {_fmt(result.upper_limit[-1])}",
                "variation": ICON_TITLES[result.variation_icon],
                "variation_icon": Trusted(variation_icon_svg(result.variation_icon, size=36)),
                "assurance": ICON_TITLES[result.assurance] if result.assurance else "No target",
                "assurance_icon": (
                    Trusted(assurance_icon_svg(result.assurance, size=36))
                    if result.assurance
                    else None
                ),
                "trial": result.trial_limits,
                "special": int(result.special_cause.sum()),
                "alt": alt,
                "chart": (
                    _charts.spc_chart(
                        labels,
                        result,
                        target=indicator.target,
                        chart_id=f"spc-{indicator.id}",
                        description=alt,
                    )
                    if charts
                    else None
                ),
            }
        )
    section.update(rows=rows)
    return section


def benchmarking(partnership: Partnership) -> Section:
    """The datapack row of each indicator: the area beside region, England and neighbours."""
    section: Section = {"id": "benchmarking", "title": "Benchmarking", "missing": None}
    series = _series(partnership)
    comparators = partnership.comparators
    if not series or comparators is None:
        section["missing"] = (
            _no_panel(partnership) if not series else "The partnership names no comparators."
        ) + " There is no benchmarking table."
        return section
    panel = partnership.panel
    assert panel is not None
    region_name = comparators.regions.get(partnership.area)
    region = (
        [a for a in comparators.region_areas(region_name) if a in panel.areas]
        if (region_name is not None)
        else []
    )
    neighbours = {
        area: [n for n in named if n in panel.areas]
        for area, named in comparators.neighbours.items()
        if area in panel.areas
    }
    england = comparators.england if comparators.england in panel.areas else None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", TrialLimitsWarning)
        pack = datapack(
            panel,
            [partnership.area],
            [indicator for indicator, _, _ in series],
            region=region or [partnership.area],
            neighbours=neighbours,
            england=england,
        )
    rows = []
    for record in pack.records():
        rows.append({**record, "variation": ICON_TITLES.get(record["variation_icon"] or "", "-")})
    section.update(
        period=pack.period,
        region=region_name,
        rows=rows,
        dipping=sum(1 for r in rows if r["dipping"]),
    )
    return section


def scrutiny(partnership: Partnership, period: Period | None, charts: bool) -> Section:
    """The scrutiny graph: who challenged whom, as a drawing and a table, and the findings."""
    section: Section = {"id": "scrutiny", "title": "Scrutiny and challenge", "missing": None}
    log = partnership.challenge_log
    if log is None:
        section["missing"] = "The partnership has no challenge log, so scrutiny is not reported."
        return section
    graph = ScrutinyGraph.from_log(log)
    note = None
    if period is not None and not graph.during(period).any():
        note = f"No challenge was raised in {period.label}; the findings cover the whole log."
        period = None
    chosen = np.flatnonzero(graph.during(period))
    pairs = Counter(
        (graph.node_ids[graph.challenger[i]], graph.node_ids[graph.challenged[i]])
        for i in chosen.tolist()
    )
    raised, received = Counter[str](), Counter[str]()
    for (source, target), count in pairs.items():
        raised[source] += count
        received[target] += count
    nodes = [
        {
            "id": node,
            "name": graph.name_of(node),
            "raised": raised[node],
            "received": received[node],
        }
        for node in graph.node_ids
    ]
    found = findings(graph, period, framework=partnership.section11)
    description = (
        f"Network diagram of {len(nodes)} agencies and members and {len(chosen)} challenges"
        f"{' in ' + period.label if period is not None else ''}. Arrows run from challenger "
        "to challenged, wider for more challenges; statutory agencies are circles, others "
        "squares. "
        + "; ".join(f"{n['id']} is {n['name']}" for n in nodes)
        + ". The table below gives the counts."
    )
    section.update(
        period=period.label if period is not None else None,
        note=note,
        events=len(chosen),
        nodes=nodes,
        pairs=[
            {"from": graph.name_of(s), "to": graph.name_of(t), "count": c}
            for (s, t), c in sorted(pairs.items(), key=lambda item: (-item[1], item[0]))
        ],
        findings=[{"code": f.code.replace("_", " "), "message": f.message} for f in found],
        alt=description,
        chart=(
            _charts.scrutiny_chart(
                graph, dict(pairs), chart_id="scrutiny-graph", description=description
            )
            if charts and graph.node_ids
            else None
        ),
    )
    return section
