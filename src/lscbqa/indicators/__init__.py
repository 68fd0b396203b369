"""Indicators over time: definitions, series and panels, and the analyses boards run on them.

Examples
--------
>>> from lscbqa.indicators import Indicator, Series
>>> indicator = Indicator(id="rereferrals", title="Re-referrals within 12 months",
...                       polarity="lower_is_better", unit="percent")
>>> series = Series(values=[24.0, 22.5], periods=["FY2022-23", "FY2023-24"],
...                 indicator_id=indicator.id)
>>> indicator.judge(series.values[-1], series.values[0])
'better'
"""

from typing import TYPE_CHECKING

from lscbqa import _lazy

if TYPE_CHECKING:
    from lscbqa.indicators.benchmarking import Benchmark, BenchmarkRow, Comparators, benchmark
    from lscbqa.indicators.builtin import safeguarding_indicators, with_safeguarding_indicators
    from lscbqa.indicators.curve import CurveResult, CurveTable, Verdict, curve_many, turn_the_curve
    from lscbqa.indicators.datapack import Datapack
    from lscbqa.indicators.icons import assurance_icon_svg, variation_icon_svg
    from lscbqa.indicators.leadlag import LeadLagResult, lead_lag
    from lscbqa.indicators.oba import (
        CurveWorksheet,
        DataDevelopmentItem,
        Factor,
        HeadlineCandidate,
        Option,
        Partner,
        PlannedAction,
        ReportCard,
        choose_headlines,
    )
    from lscbqa.indicators.series import Panel, Series
    from lscbqa.indicators.spc import SpcResult, SpcTable, assurance, xmr, xmr_many
    from lscbqa.indicators.tables import read_csv, write_csv
    from lscbqa.measures import Band, Indicator, IndicatorKind, ObaRole, Polarity, RagBands, Unit

# The function `datapack` is imported from its module, lscbqa.indicators.datapack: a
# package attribute of that name is the module once imported.
# Each name loads from its module on first use: `from lscbqa.indicators import Indicator`
# does not pay for scipy, which the analyses need.
_MODULE_OF = {
    "Benchmark": "lscbqa.indicators.benchmarking",
    "BenchmarkRow": "lscbqa.indicators.benchmarking",
    "Comparators": "lscbqa.indicators.benchmarking",
    "benchmark": "lscbqa.indicators.benchmarking",
    "safeguarding_indicators": "lscbqa.indicators.builtin",
    "with_safeguarding_indicators": "lscbqa.indicators.builtin",
    "CurveResult": "lscbqa.indicators.curve",
    "CurveTable": "lscbqa.indicators.curve",
    "Verdict": "lscbqa.indicators.curve",
    "curve_many": "lscbqa.indicators.curve",
    "turn_the_curve": "lscbqa.indicators.curve",
    "Datapack": "lscbqa.indicators.datapack",
    "assurance_icon_svg": "lscbqa.indicators.icons",
    "variation_icon_svg": "lscbqa.indicators.icons",
    "LeadLagResult": "lscbqa.indicators.leadlag",
    "lead_lag": "lscbqa.indicators.leadlag",
    "CurveWorksheet": "lscbqa.indicators.oba",
    "DataDevelopmentItem": "lscbqa.indicators.oba",
    "Factor": "lscbqa.indicators.oba",
    "HeadlineCandidate": "lscbqa.indicators.oba",
    "Option": "lscbqa.indicators.oba",
    "Partner": "lscbqa.indicators.oba",
    "PlannedAction": "lscbqa.indicators.oba",
    "ReportCard": "lscbqa.indicators.oba",
    "choose_headlines": "lscbqa.indicators.oba",
    "Panel": "lscbqa.indicators.series",
    "Series": "lscbqa.indicators.series",
    "SpcResult": "lscbqa.indicators.spc",
    "SpcTable": "lscbqa.indicators.spc",
    "assurance": "lscbqa.indicators.spc",
    "xmr": "lscbqa.indicators.spc",
    "xmr_many": "lscbqa.indicators.spc",
    "read_csv": "lscbqa.indicators.tables",
    "write_csv": "lscbqa.indicators.tables",
    "Band": "lscbqa.measures",
    "Indicator": "lscbqa.measures",
    "IndicatorKind": "lscbqa.measures",
    "ObaRole": "lscbqa.measures",
    "Polarity": "lscbqa.measures",
    "RagBands": "lscbqa.measures",
    "Unit": "lscbqa.measures",
}
__getattr__, __dir__ = _lazy.lazy_exports(__name__, _MODULE_OF, globals())

__all__ = [
    "Band",
    "Benchmark",
    "BenchmarkRow",
    "Comparators",
    "CurveResult",
    "CurveTable",
    "CurveWorksheet",
    "DataDevelopmentItem",
    "Datapack",
    "Factor",
    "HeadlineCandidate",
    "Indicator",
    "IndicatorKind",
    "LeadLagResult",
    "ObaRole",
    "Option",
    "Panel",
    "Partner",
    "PlannedAction",
    "Polarity",
    "RagBands",
    "ReportCard",
    "Series",
    "SpcResult",
    "SpcTable",
    "Unit",
    "Verdict",
    "assurance",
    "assurance_icon_svg",
    "benchmark",
    "choose_headlines",
    "curve_many",
    "lead_lag",
    "read_csv",
    "safeguarding_indicators",
    "turn_the_curve",
    "variation_icon_svg",
    "with_safeguarding_indicators",
    "write_csv",
    "xmr",
    "xmr_many",
]
