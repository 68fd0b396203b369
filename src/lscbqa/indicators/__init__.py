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

from lscbqa.indicators.builtin import safeguarding_indicators, with_safeguarding_indicators
from lscbqa.indicators.curve import CurveResult, CurveTable, Verdict, curve_many, turn_the_curve
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
from lscbqa.indicators.tables import read_csv, write_csv
from lscbqa.measures import Band, Indicator, IndicatorKind, ObaRole, Polarity, RagBands, Unit

__all__ = [
    "Band",
    "CurveResult",
    "CurveTable",
    "CurveWorksheet",
    "DataDevelopmentItem",
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
    "Unit",
    "Verdict",
    "choose_headlines",
    "curve_many",
    "lead_lag",
    "read_csv",
    "safeguarding_indicators",
    "turn_the_curve",
    "with_safeguarding_indicators",
    "write_csv",
]
