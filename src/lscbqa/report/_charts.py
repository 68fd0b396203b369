"""Charts for the board report: matplotlib figures as inline, accessible, deterministic SVG.

matplotlib is optional (the ``plot`` extra) and imported inside the functions. Each
chart is drawn on a :class:`matplotlib.figure.Figure` of its own with the Agg canvas
(no pyplot, so no global figure state), saved as SVG with text kept as text, a fixed
hash salt and no date, and then made fit to inline in a page: the XML prolog,
metadata and style block removed, element ids prefixed so that several charts do not
clash, and ``role="img"`` with a ``<title>`` and ``aria-label`` describing the chart
in words. User text drawn in a chart is XML-escaped by matplotlib and never parsed as
mathematics.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import numpy as np

from lscbqa.indicators.curve import CurveResult
from lscbqa.indicators.spc import SpcResult
from lscbqa.report._markdown import Trusted
from lscbqa.scrutiny.graph import ScrutinyGraph

# Colours with at least 3:1 contrast on white for lines and marks (WCAG 1.4.11).
INK = "#1f1f1f"
BLUE = "#005ea5"
ORANGE = "#b35900"
PURPLE = "#490092"
GREY = "#6b6b6b"
_POINT_STYLE = {  # point type -> colour, marker (the shape tells what the colour does)
    "common_cause": (GREY, "o"),
    "special_cause_improvement": (BLUE, "s"),
    "special_cause_concern": (ORANGE, "D"),
    "special_cause_neutral_high": (PURPLE, "^"),
    "special_cause_neutral_low": (PURPLE, "v"),
}
_RC: dict[Any, Any] = {
    "svg.hashsalt": "lscbqa",
    "text.parse_math": False,
    "svg.fonttype": "none",
    "font.size": 9,
    "font.family": "sans-serif",
    "axes.edgecolor": GREY,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def available() -> bool:
    """Whether matplotlib can be imported."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


@contextmanager
def _figure(width: float, height: float) -> Iterator[Any]:
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_RC):
        figure = Figure(figsize=(width, height), dpi=96)
        figure.subplots_adjust(left=0.08, right=0.74, top=0.95, bottom=0.12)
        FigureCanvasAgg(figure)
        yield figure


def _svg(figure: Any, description: str, chart_id: str) -> Trusted:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    text = text[text.index("<svg") :]
    text = re.sub(r"\s*<metadata>.*?</metadata>", "", text, flags=re.DOTALL)
    text = re.sub(r"\s*<style[^>]*>.*?</style>", "", text, flags=re.DOTALL)
    text = re.sub(r"\s*<defs>\s*</defs>", "", text)
    text = text.replace(' id="', f' id="{chart_id}-')
    text = text.replace("url(#", f"url(#{chart_id}-").replace('href="#', f'href="#{chart_id}-')
    label = quoteattr(description)
    text = re.sub(
        r"<svg ",
        f'<svg class="chart" role="img" aria-labelledby="{chart_id}-title" aria-label={label} ',
        text,
        count=1,
    )
    head_end = text.index(">") + 1
    title = f'<title id="{chart_id}-title">{escape(description)}</title>'
    text = text[:head_end] + title + text[head_end:]
    if re.search(r"<\s*(script|foreignObject)", text, flags=re.IGNORECASE):  # pragma: no cover
        raise AssertionError("a chart must hold no script")
    return Trusted(text.strip())


def _positions(labels: Sequence[str]) -> tuple[np.ndarray[Any, Any], Sequence[str], list[int]]:
    x = np.arange(len(labels))
    step = max(1, math.ceil(len(labels) / 6))
    ticks = list(range(0, len(labels), step))
    return x, labels, ticks


def curve_chart(
    labels: Sequence[str],
    values: np.ndarray[Any, Any],
    result: CurveResult,
    *,
    chart_id: str,
    description: str,
) -> Trusted:
    """A turn-the-curve chart: the history, the baseline forecast and interval, the verdicts."""
    x, _, ticks = _positions(labels)
    end = result.baseline_end
    with _figure(8.0, 2.6) as figure:
        axes = figure.add_subplot()
        axes.plot(x[:end], values[:end], color=INK, marker="o", markersize=3, label="Baseline")
        after = x[end:]
        forecast_x = after[: len(result.forecast)]
        axes.fill_between(
            forecast_x,
            result.lower,
            result.upper,
            color=BLUE,
            alpha=0.15,
            label=f"{(1 - result.alpha) * 100:g}% interval",
        )
        axes.plot(forecast_x, result.forecast, color=BLUE, linestyle="--", label="Forecast")
        axes.plot(
            after,
            values[end:],
            color=ORANGE,
            marker="s",
            markersize=4,
            linestyle="-",
            label="Observed after the baseline",
        )
        axes.axvline(end - 0.5, color=GREY, linestyle=":", linewidth=1)
        axes.set_xticks(ticks, [labels[i] for i in ticks], rotation=0)
        axes.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False, fontsize=8)
        return _svg(figure, description, chart_id)


def spc_chart(
    labels: Sequence[str],
    result: SpcResult,
    *,
    target: float | None,
    chart_id: str,
    description: str,
) -> Trusted:
    """An XmR chart: points shaped and coloured by type, mean, limits and target."""
    x, _, ticks = _positions(labels)
    with _figure(8.0, 2.6) as figure:
        axes = figure.add_subplot()
        axes.plot(x, result.values, color=GREY, linewidth=1)
        for point_type, (colour, marker) in _POINT_STYLE.items():
            chosen = result.point_types == point_type
            if chosen.any():
                axes.plot(
                    x[chosen],
                    result.values[chosen],
                    linestyle="none",
                    marker=marker,
                    color=colour,
                    markersize=5,
                    label=point_type.replace("_", " ").capitalize(),
                )
        axes.plot(x, result.mean, color=INK, linewidth=1, label="Mean")
        axes.plot(
            x, result.upper_limit, color=GREY, linestyle="--", linewidth=1, label="Process limits"
        )
        axes.plot(x, result.lower_limit, color=GREY, linestyle="--", linewidth=1)
        if target is not None:
            axes.axhline(target, color=ORANGE, linestyle="-.", linewidth=1, label="Target")
        axes.set_xticks(ticks, [labels[i] for i in ticks])
        axes.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False, fontsize=8)
        return _svg(figure, description, chart_id)


def scrutiny_chart(
    graph: ScrutinyGraph, counts: dict[tuple[str, str], int], *, chart_id: str, description: str
) -> Trusted:
    """Who challenged whom: nodes on a circle, arrows as wide as the number of challenges."""
    nodes = list(graph.node_ids)
    angle = np.linspace(0.0, 2 * np.pi, num=len(nodes), endpoint=False) + np.pi / 2
    where = {node: (math.cos(a), math.sin(a)) for node, a in zip(nodes, angle, strict=True)}
    largest = max(counts.values(), default=1)
    with _figure(5.2, 5.2) as figure:
        figure.subplots_adjust(left=0.02, right=0.98, top=0.98, bottom=0.02)
        axes = figure.add_subplot()
        for (source, target), count in sorted(counts.items()):
            axes.annotate(
                "",
                xy=where[target],
                xytext=where[source],
                arrowprops={
                    "arrowstyle": "-|>",
                    "color": BLUE,
                    "shrinkA": 12,
                    "shrinkB": 12,
                    "linewidth": 0.8 + 2.5 * count / largest,
                    "connectionstyle": "arc3,rad=0.12",
                },
            )
        for node in nodes:
            px, py = where[node]
            statutory = bool(graph.graph.nodes[node].get("statutory"))
            axes.plot(
                px,
                py,
                marker="o" if statutory else "s",
                markersize=10,
                color="white",
                markeredgecolor=INK,
            )
            axes.text(
                px * 1.2,
                py * 1.2,
                node,
                ha="center",
                va="center",
                fontsize=8,
                color=INK,
                parse_math=False,
            )
        axes.set_xlim(-1.5, 1.5)
        axes.set_ylim(-1.5, 1.5)
        axes.set_aspect("equal")
        axes.axis("off")
        return _svg(figure, description, chart_id)
