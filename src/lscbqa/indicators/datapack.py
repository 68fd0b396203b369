"""The regional datapack: every area's indicators beside its region, England and neighbours.

A West Midlands-style datapack shows, for each authority of a region and each
indicator: the latest value, the regional, England and statistical-neighbour
averages, the rank and quartile band in the region, the direction of travel,
the SPC variation icon, a flag where performance is dipping, and then the
challenge questions the indicator's definition asks. :func:`datapack` builds
that table in one pass over the panel's array; :class:`Datapack` exports it as
records, CSV or a pandas DataFrame.

Examples
--------
>>> from lscbqa.indicators import Indicator, Panel
>>> panel = Panel(values=[[[60.0, 70.0]], [[80.0, 75.0]]], areas=["a", "b"],
...               indicators=["timely"], periods=["2023", "2024"])
>>> timely = Indicator(id="timely", title="Assessments in 45 days",
...                    polarity="higher_is_better", challenge_questions=("Why slower?",))
>>> pack = datapack(panel, ["a", "b"], [timely], region=["a", "b"], neighbours={},
...                 dipping_periods=1, spc=False)
>>> [(r["area"], r["rank"], r["direction_of_travel"], r["dipping"]) for r in pack.records()]
[('a', 2, 'better', False), ('b', 1, 'worse', True)]
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from lscbqa import _util
from lscbqa._util import FrozenDict, fail, found
from lscbqa.indicators import benchmarking
from lscbqa.indicators.benchmarking import BenchmarkRow, Comparators
from lscbqa.indicators.series import Panel
from lscbqa.measures import Indicator
from lscbqa.periods import Period

__all__ = ["COLUMNS", "Datapack", "datapack"]

#: The columns of a datapack's records and CSV, in order.
COLUMNS = (
    "area",
    "indicator_id",
    "indicator",
    "period",
    "value",
    "region",
    "england",
    "neighbours",
    "rank",
    "of",
    "quartile",
    "sd_from_england",
    "direction_of_travel",
    "variation_icon",
    "dipping",
    "challenge_questions",
)

_REGION = "region"  # the one region name given to the region's areas


@attrs.frozen(kw_only=True)
class Datapack:
    """A regional datapack: one :class:`~.benchmarking.BenchmarkRow` per area and indicator.

    Rows run area by area, and within an area in the order the indicators were
    given. Build one with :func:`datapack`.

    Examples
    --------
    >>> pack = Datapack(period="2024", titles={}, rows=())
    >>> pack.records(), len(pack)
    ([], 0)
    """

    period: str
    titles: FrozenDict[str, str] = attrs.field(converter=_util.to_frozendict)
    rows: tuple[BenchmarkRow, ...]

    def __len__(self) -> int:
        return len(self.rows)

    def records(self) -> list[dict[str, Any]]:
        """The rows as dicts keyed by :data:`COLUMNS`; NaN becomes None.

        ``challenge_questions`` is a list of the questions (empty unless dipping).

        Examples
        --------
        >>> Datapack(period="2024", titles={}, rows=()).records()
        []
        """
        records = []
        for row in self.rows:
            record: dict[str, Any] = {
                "area": row.area,
                "indicator_id": row.indicator_id,
                "indicator": self.titles.get(row.indicator_id, row.indicator_id),
            }
            for name in COLUMNS[3:]:
                value = getattr(row, name)
                if isinstance(value, float) and math.isnan(value):
                    value = None
                record[name] = list(value) if isinstance(value, tuple) else value
            records.append(record)
        return records

    def to_csv(self, target: str | os.PathLike[str] | None = None) -> str | None:
        """The records as CSV text (header :data:`COLUMNS`), or written to a file.

        Missing numbers are empty cells; challenge questions are joined with " | ".

        Parameters
        ----------
        target : str or path, optional
            Where to write (atomically); without it the text is returned.

        Returns
        -------
        str or None
            The CSV text when no target is given.

        Examples
        --------
        >>> print(Datapack(period="2024", titles={}, rows=()).to_csv(), end="")
        area,indicator_id,indicator,period,value,region,england,neighbours,rank,of,quartile,sd_from_england,direction_of_travel,variation_icon,dipping,challenge_questions
        """
        rows = ([_cell(record[name]) for name in COLUMNS] for record in self.records())
        return _util.csv_table(COLUMNS, rows, target)

    def to_pandas(self) -> Any:
        """The records as a pandas DataFrame (needs the ``pandas`` extra).

        Raises
        ------
        MissingDependencyError
            If pandas is not installed.

        Examples
        --------
        >>> try:
        ...     frame = Datapack(period="2024", titles={}, rows=()).to_pandas()
        ... except ImportError:
        ...     frame = None
        >>> frame is None or list(frame.columns)[:3] == ["area", "indicator_id", "indicator"]
        True
        """
        pandas = _util.import_optional("pandas", "pandas")
        return pandas.DataFrame.from_records(self.records(), columns=list(COLUMNS))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return " | ".join(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _ids(value: object, path: str) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Sequence):
        fail(path, f"expected a list of area ids; found {found(value)}")
    for index, item in enumerate(value):
        if not isinstance(item, str):
            fail(_util.join_path(path, index), f"expected an area id; found {found(item)}")
    return tuple(value)


def datapack(
    panel: Panel,
    areas: Sequence[str],
    indicators: Mapping[str, Indicator] | Sequence[Indicator],
    *,
    region: Sequence[str],
    neighbours: Mapping[str, Sequence[str]],
    england: str | None = None,
    period: Period | str | None = None,
    travel_periods: int = 1,
    dipping_periods: int = 3,
    spc: bool = True,
) -> Datapack:
    """Build a regional datapack: each area's indicators beside region, England and neighbours.

    Parameters
    ----------
    panel : Panel
        Areas x indicators x periods, holding at least the region's areas.
    areas : sequence of str
        The areas to report, in row order (usually the region's).
    indicators : mapping of id to Indicator, or sequence of Indicator
        The indicators, with their polarity, band and challenge questions.
    region : sequence of str
        The areas of the region: its average, ranks and quartile bands.
    neighbours : mapping of str to sequence of str
        Each area's statistical neighbours (ten in the DfE/NFER model).
    england : str, optional
        The panel row holding England's own figures; without it, England is the
        mean of every area in the panel.
    period, travel_periods, dipping_periods, spc
        As for :func:`~lscbqa.indicators.benchmarking.benchmark`.

    Returns
    -------
    Datapack

    Raises
    ------
    ValidationError
        If an area list, an indicator, the period or a count is invalid.
    NotFoundError
        If an area to report is not in the panel.

    Warns
    -----
    lscbqa.exceptions.TrialLimitsWarning
        If ``spc`` and the series to the period are shorter than 13 points.

    Notes
    -----
    Every figure is computed as :func:`~lscbqa.indicators.benchmarking.benchmark`
    computes it, for all areas in one pass; a row's challenge questions are
    the indicator's own, given only where it dips.

    Examples
    --------
    >>> from lscbqa.indicators import Indicator, Panel
    >>> panel = Panel(values=[[[1.0]], [[2.0]], [[3.0]]], areas=["a", "b", "c"],
    ...               indicators=["x"], periods=["2024"])
    >>> x = Indicator(id="x", title="X", polarity="higher_is_better")
    >>> pack = datapack(panel, ["a", "b"], [x], region=["a", "b", "c"],
    ...                 neighbours={"a": ["c"]}, spc=False)
    >>> [(r["area"], r["rank"], r["quartile"], r["neighbours"]) for r in pack.records()]
    [('a', 3, 4, 3.0), ('b', 2, 2, None)]
    """
    reported = _ids(areas, "$.areas")
    members = _ids(region, "$.region")
    if not isinstance(neighbours, Mapping):
        fail("$.neighbours", f"expected a table of area -> neighbours; found {found(neighbours)}")
    comparators = Comparators(
        regions=dict.fromkeys(members, _REGION),
        neighbours={area: tuple(named) for area, named in neighbours.items()},
        england=england,
    )
    arrays, chosen, index = benchmarking._compute(
        panel,
        indicators,
        comparators,
        period,
        travel_periods=travel_periods,
        dipping_periods=dipping_periods,
        spc=spc,
    )
    rows = [panel.area_index(area) for area in reported]
    label = panel.periods[index].label
    return Datapack(
        period=label,
        titles={indicator.id: indicator.title for indicator in chosen},
        rows=tuple(
            benchmarking._row(arrays, row, column, area, indicator, label)
            for area, row in zip(reported, rows, strict=True)
            for column, indicator in enumerate(chosen)
        ),
    )
