"""Benchmarking: an area beside England, its region and its statistical neighbours.

The comparison groups are data (:class:`Comparators`): which region each area
belongs to, each area's statistical neighbours (in England, the ten nearest in
the NFER/DfE model), and optionally the row of a panel that holds England's own
figures. :func:`benchmark` sets one area's latest values beside the averages of
those groups, ranks it in its region, places it in a quartile band, measures its
distance from England in standard deviations, and says whether it is dipping.

Everything respects each indicator's polarity: "better" is higher, lower, or
closer to a healthy band (:class:`~lscbqa.measures.Indicator`). Work is done for
every area and indicator at once on the panel's array.

Examples
--------
>>> import numpy as np
>>> from lscbqa.indicators import Indicator, Panel
>>> panel = Panel(values=[[[20.0, 22.0]], [[30.0, 26.0]], [[25.0, 24.0]]],
...               areas=["a", "b", "c"], indicators=["rereferrals"], periods=["2023", "2024"])
>>> comparators = Comparators(regions={"a": "west", "b": "west", "c": "east"},
...                           neighbours={"a": ("b", "c")})
>>> rereferrals = Indicator(id="rereferrals", title="Re-referrals", polarity="lower_is_better")
>>> row = benchmark(panel, "a", comparators=comparators, indicators=[rereferrals],
...                 spc=False).row("rereferrals")
>>> row.value, row.region, row.england, row.neighbours, row.rank, row.direction_of_travel
(22.0, 24.0, 24.0, 25.0, 1, 'worse')
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from lscbqa import _util
from lscbqa._util import FrozenDict, fail, found
from lscbqa.exceptions import NotFoundError, TrialLimitsWarning
from lscbqa.indicators import spc as _spc_module
from lscbqa.indicators.series import Panel
from lscbqa.measures import Indicator, Polarity
from lscbqa.periods import Period
from lscbqa.serialize import register_document

__all__ = ["Benchmark", "BenchmarkRow", "Comparators", "benchmark"]

FloatArray = npt.NDArray[np.float64]


def _to_neighbours(value: Any) -> Any:
    value = _util.to_frozendict(value)
    if isinstance(value, FrozenDict):
        return FrozenDict((key, _util.to_tuple(item)) for key, item in value.items())
    return value


def _check_regions(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    for area, region in value.items():
        if not _util.is_identifier(area):
            fail(_util.field_path(attribute), f"expected area ids as keys; found {found(area)}")
        if not region.strip():
            fail(
                _util.field_path(attribute, area), f"expected a region name; found {found(region)}"
            )


def _check_neighbours(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    for area, neighbours in value.items():
        path = _util.field_path(attribute, area)
        if area in neighbours:
            fail(path, f"expected other areas; {area!r} is listed as its own neighbour")
        if len(set(neighbours)) != len(neighbours):
            fail(path, "expected each neighbour once; found a repeat")
        for index, neighbour in enumerate(neighbours):
            if not _util.is_identifier(neighbour):
                fail(_util.join_path(path, index), f"expected an area id; found {found(neighbour)}")


@attrs.frozen(kw_only=True)
class Comparators:
    """Who an area is compared with: its region, its statistical neighbours, England.

    Parameters
    ----------
    regions : mapping of str to str
        Area id -> the name of its region.
    neighbours : mapping of str to sequence of str
        Area id -> its statistical neighbours (the DfE/NFER model lists ten),
        closest first.
    england : str, optional
        The panel row that holds England's own figures (for example
        ``"E92000001"``). Without it, England is the mean of every area in the
        panel; with it, that row is left out of every other group.

    Raises
    ------
    ValidationError
        If an id is malformed, or an area is its own neighbour or lists one twice.

    Examples
    --------
    >>> comparators = Comparators(regions={"a": "west", "b": "west"}, neighbours={"a": ["b"]})
    >>> comparators.region_areas("west"), comparators.neighbours["a"]
    (('a', 'b'), ('b',))
    """

    regions: FrozenDict[str, str] = attrs.field(
        factory=FrozenDict, converter=_util.to_frozendict, metadata=_util.checks(_check_regions)
    )
    neighbours: FrozenDict[str, tuple[str, ...]] = attrs.field(
        factory=FrozenDict, converter=_to_neighbours, metadata=_util.checks(_check_neighbours)
    )
    england: str | None = attrs.field(default=None, metadata=_util.checks(_util.identifier))

    def __attrs_post_init__(self) -> None:
        _util.validate(self)

    def region_areas(self, region: str) -> tuple[str, ...]:
        """The areas of a region, in the order listed.

        Examples
        --------
        >>> Comparators(regions={"a": "west", "b": "east"}).region_areas("east")
        ('b',)
        """
        return tuple(area for area, name in self.regions.items() if name == region)


@attrs.frozen(kw_only=True)
class BenchmarkRow:
    """One area's value of one indicator beside its comparators.

    Attributes
    ----------
    area, indicator_id, period : str
        What is compared, and the period's label.
    value : float
        The area's value (NaN if missing).
    england, region, neighbours : float
        The comparators' averages (NaN where there is no group or no data).
    rank : int or None
        Rank in the region, 1 = best (ties share the best rank); None without a value.
    of : int
        How many areas of the region have a value.
    quartile : int or None
        Quartile band in the region, 1 = best quarter ... 4 = worst.
    sd_from_england : float
        Distance from England in standard deviations of the areas' values,
        positive when better.
    direction_of_travel : str
        ``"better"``, ``"same"``, ``"worse"`` than ``travel_periods`` before, or ``"missing"``.
    dipping : bool
        Worse in each of the last ``dipping_periods`` periods, or an SPC concern.
    variation_icon : str or None
        The SPC variation icon of the area's series to the period (None without SPC).
    challenge_questions : tuple of str
        The indicator's challenge questions when it dips, else empty.

    Examples
    --------
    >>> BenchmarkRow(area="a", indicator_id="x", period="2024", value=1.0, england=2.0,
    ...              region=2.0, neighbours=math.nan, rank=1, of=3, quartile=1,
    ...              sd_from_england=0.5, direction_of_travel="better", dipping=False).rank
    1
    """

    area: str
    indicator_id: str
    period: str
    value: float
    england: float
    region: float
    neighbours: float
    rank: int | None
    of: int
    quartile: int | None
    sd_from_england: float
    direction_of_travel: str
    dipping: bool
    variation_icon: str | None = None
    challenge_questions: tuple[str, ...] = ()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BenchmarkRow):
            return NotImplemented
        return _as_comparable(self) == _as_comparable(other)

    def __hash__(self) -> int:
        return hash(_as_comparable(self))


def _as_comparable(row: BenchmarkRow) -> tuple[Any, ...]:
    """The row's fields with NaN as None, so that two rows alike compare equal."""
    return tuple(
        None if isinstance(item, float) and math.isnan(item) else item
        for item in attrs.astuple(row, recurse=False)
    )


@attrs.frozen(kw_only=True)
class Benchmark:
    """One area benchmarked on several indicators: one :class:`BenchmarkRow` each.

    Examples
    --------
    >>> from lscbqa.indicators import Indicator, Panel
    >>> panel = Panel(values=[[[1.0]], [[3.0]]], areas=["a", "b"], indicators=["x"],
    ...               periods=["2024"])
    >>> result = benchmark(panel, "b", comparators=Comparators(),
    ...                    indicators=[Indicator(id="x", title="X", polarity="higher_is_better")],
    ...                    spc=False)
    >>> result.area, result.row("x").england, result.row("x").sd_from_england
    ('b', 2.0, 0.707...)
    """

    area: str
    region: str | None
    period: str
    rows: tuple[BenchmarkRow, ...]

    def row(self, indicator_id: str) -> BenchmarkRow:
        """The row of one indicator.

        Raises
        ------
        NotFoundError
            If the indicator was not benchmarked.

        Examples
        --------
        >>> Benchmark(area="a", region=None, period="2024", rows=()).row("x")
        Traceback (most recent call last):
        ...
        lscbqa.exceptions.NotFoundError: ...
        """
        for row in self.rows:
            if row.indicator_id == indicator_id:
                return row
        known = ", ".join(repr(row.indicator_id) for row in self.rows) or "none"
        raise NotFoundError(f"no indicator {indicator_id!r} in the benchmark; known: {known}")


# -- the arithmetic, for every area and indicator at once ---------------------------------------


@attrs.frozen
class _Arrays:
    """Benchmark arrays, areas x indicators, at one period."""

    value: FloatArray
    england: FloatArray  # indicators
    region: FloatArray
    neighbours: FloatArray
    rank: npt.NDArray[np.int64]  # 0 where there is no value
    of: npt.NDArray[np.int64]
    quartile: npt.NDArray[np.int64]  # 0 where there is no value
    sd_from_england: FloatArray
    travel: npt.NDArray[np.int8]  # +1 better, 0 same, -1 worse, -2 missing
    dipping: npt.NDArray[np.bool_]
    variation_icons: npt.NDArray[np.int8] | None
    trial_limits: bool


def goodness(values: FloatArray, indicators: Sequence[Indicator]) -> FloatArray:
    """Values turned so that higher is better: negated, or minus the distance from the band."""
    result = np.array(values, dtype=np.float64)
    for column, indicator in enumerate(indicators):  # a loop over indicators, not data
        cells = result[..., column, :] if result.ndim == 3 else result[..., column]
        if indicator.polarity is Polarity.LOWER_IS_BETTER:
            cells *= -1
        elif indicator.polarity is Polarity.WITHIN_BAND:
            assert indicator.band is not None  # checked when the indicator is built
            low, high = indicator.band.low, indicator.band.high
            cells[...] = -np.where(
                cells < low, low - cells, np.where(cells > high, cells - high, 0.0)
            )
    return result


def _nanmean(values: FloatArray, axis: int) -> FloatArray:
    present = ~np.isnan(values)
    count = present.sum(axis=axis)
    with np.errstate(invalid="ignore", divide="ignore"):
        result: FloatArray = np.where(present, values, 0.0).sum(axis=axis) / count
    return result


def _sample_sd(values: FloatArray) -> FloatArray:
    """Sample standard deviation of each column without its NaNs; NaN below two values."""
    present = ~np.isnan(values)
    count = present.sum(axis=0)
    mean = _nanmean(values, axis=0)
    squares = np.where(present, (values - mean) ** 2, 0.0).sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        result: FloatArray = np.sqrt(np.where(count > 1, squares / (count - 1), np.nan))
    return result


def _region_code(comparators: Comparators, area: str, names: list[str]) -> int:
    name = comparators.regions.get(area)
    return -1 if name is None else names.index(name)


def _group_mean(values: FloatArray, members: npt.NDArray[np.bool_]) -> FloatArray:
    """Mean of each group's member rows: groups x areas membership, areas x indicators values."""
    present = ~np.isnan(values)
    total = members.astype(np.float64) @ np.where(present, values, 0.0)
    count = members.astype(np.float64) @ present.astype(np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        result: FloatArray = total / count
    return result


def _arrays(
    panel: Panel,
    indicators: Sequence[Indicator],
    comparators: Comparators,
    period: int,
    *,
    travel_periods: int,
    dipping_periods: int,
    spc: bool,
) -> _Arrays:
    columns = [panel.indicator_index(indicator.id) for indicator in indicators]
    history = panel.values[:, columns, : period + 1]  # areas x indicators x periods
    areas = list(panel.areas)
    is_area = np.ones(len(areas), dtype=bool)
    if comparators.england is not None:
        is_area[areas.index(comparators.england)] = False
    value = history[:, :, -1]
    good_history = goodness(history, indicators)
    good = good_history[:, :, -1]

    # England: its own row, or the mean of every area.
    england = (
        value[areas.index(comparators.england)]
        if comparators.england is not None
        else _nanmean(value[is_area], axis=0)
    )
    england_good = goodness(england[None, :], indicators)[0]
    spread = _sample_sd(np.where(is_area[:, None], good, np.nan))
    spread = np.where(spread > 0, spread, np.nan)  # all alike: no distance to speak of
    with np.errstate(invalid="ignore", divide="ignore"):
        sd_from_england = (good - england_good) / spread

    # Regions: membership matrix, area x areas of the same region.
    names = sorted(set(comparators.regions.values()))
    codes = np.array([_region_code(comparators, area, names) for area in areas], dtype=np.intp)
    same_region = (codes[:, None] == codes[None, :]) & (codes[:, None] >= 0) & is_area[None, :]
    region = _group_mean(value, same_region)

    # Neighbours: membership matrix, area x areas.
    position = {area: index for index, area in enumerate(areas)}
    listed = np.zeros((len(areas), len(areas)), dtype=bool)
    for area, named in comparators.neighbours.items():
        if area in position:
            listed[position[area], [position[n] for n in named if n in position]] = True
    neighbours = _group_mean(value, listed)

    # Rank and quartile band in the region, on goodness.
    present = ~np.isnan(good)
    better = (good[:, None, :] > good[None, :, :]) & present[:, None, :]  # other x area x indicator
    rank = 1 + np.einsum("ba,bai->ai", same_region.astype(np.int64), better.astype(np.int64))
    of = same_region.astype(np.int64) @ present.astype(np.int64)
    rank = np.where(present & (of > 0), rank, 0)
    quartile = np.zeros(good.shape, dtype=np.int64)
    for code in range(len(names)):  # one quantile call per region: regions, not data
        members = (codes == code) & is_area
        known = present[members].any(axis=0)
        if not known.any():
            continue
        cuts = np.nanquantile(good[members][:, known], [0.25, 0.5, 0.75], axis=0)
        cells = good[np.ix_(codes == code, known)]
        band = 4 - (cells >= cuts[0]).astype(np.int64) - (cells >= cuts[1]) - (cells >= cuts[2])
        quartile[np.ix_(codes == code, known)] = np.where(~np.isnan(cells), band, 0)

    # Direction of travel and dipping.
    travel = np.full(good.shape, -2, dtype=np.int8)
    if good_history.shape[-1] > travel_periods:
        before = good_history[:, :, -1 - travel_periods]
        known = present & ~np.isnan(before)
        travel = np.where(known, np.sign(good - before), -2).astype(np.int8)
    dipping: npt.NDArray[np.bool_] = np.zeros(good.shape, dtype=bool)
    if good_history.shape[-1] > dipping_periods:
        recent = good_history[:, :, -1 - dipping_periods :]
        dipping = np.all(np.diff(recent, axis=-1) < 0, axis=-1)

    icons = None
    trial_limits = False
    if spc:
        directions = np.array(
            [_spc_module.IMPROVEMENT_DIRECTIONS[str(i.polarity)] for i in indicators], dtype=np.int8
        )
        table = _spc_module._chart(
            history,
            np.broadcast_to(directions, history.shape[:-1]),
            np.full(history.shape[:-1], np.nan),
            (0,),
            fix_after_n_points=None,
            screen_outliers=True,
            run_length=7,
        )
        icons = table.variation_icon_codes
        concern = table.point_type_codes[..., -1] == 2
        dipping = dipping | concern
        trial_limits = table.trial_limits
    return _Arrays(
        value=value,
        england=england,
        region=region,
        neighbours=neighbours,
        rank=rank,
        of=of,
        quartile=quartile,
        sd_from_england=sd_from_england,
        travel=travel,
        dipping=dipping,
        variation_icons=icons,
        trial_limits=trial_limits,
    )


_TRAVEL = {1: "better", 0: "same", -1: "worse", -2: "missing"}


def _row(
    arrays: _Arrays, area_row: int, column: int, area: str, indicator: Indicator, period: str
) -> BenchmarkRow:
    dipping = bool(arrays.dipping[area_row, column])
    icon = None
    if arrays.variation_icons is not None:
        icon = _spc_module.VARIATION_ICONS[int(arrays.variation_icons[area_row, column])]
    rank = int(arrays.rank[area_row, column])
    quartile = int(arrays.quartile[area_row, column])
    return BenchmarkRow(
        area=area,
        indicator_id=indicator.id,
        period=period,
        value=float(arrays.value[area_row, column]),
        england=float(arrays.england[column]),
        region=float(arrays.region[area_row, column]),
        neighbours=float(arrays.neighbours[area_row, column]),
        rank=rank or None,
        of=int(arrays.of[area_row, column]),
        quartile=quartile or None,
        sd_from_england=float(arrays.sd_from_england[area_row, column]),
        direction_of_travel=_TRAVEL[int(arrays.travel[area_row, column])],
        dipping=dipping,
        variation_icon=icon,
        challenge_questions=indicator.challenge_questions if dipping else (),
    )


def _indicator_list(indicators: object, panel: Panel) -> list[Indicator]:
    if isinstance(indicators, Mapping):
        items = list(indicators.values())
    elif isinstance(indicators, Iterable) and not isinstance(indicators, str):
        items = list(indicators)
    else:
        fail("$.indicators", f"expected Indicator definitions; found {found(indicators)}")
    for index, item in enumerate(items):
        if not isinstance(item, Indicator):
            fail(f"$.indicators[{index}]", f"expected an Indicator; found {found(item)}")
        if item.id not in panel.indicators:
            fail(
                f"$.indicators[{index}]",
                f"expected an indicator of the panel ({', '.join(panel.indicators)}); "
                f"found {item.id!r}",
            )
    return items


def _period_index(panel: Panel, period: Period | str | None) -> int:
    if period is None:
        return len(panel.periods) - 1
    try:
        return panel.index_of_period(period)
    except (LookupError, ValueError) as error:
        fail("$.period", f"expected a period of the panel; {error}")


def _compute(
    panel: object,
    indicators: object,
    comparators: Comparators,
    period: Period | str | None,
    *,
    travel_periods: int,
    dipping_periods: int,
    spc: bool,
) -> tuple[_Arrays, list[Indicator], int]:
    """Check the arguments, compute the arrays, and warn (at the caller's caller) of trial limits.

    Shared by :func:`benchmark` and :func:`~lscbqa.indicators.datapack.datapack`.
    """
    if not isinstance(panel, Panel):
        fail("$.panel", f"expected a Panel; found {found(panel)}")
    if comparators.england is not None and comparators.england not in panel.areas:
        fail(
            "$.comparators.england", f"expected an area of the panel; found {comparators.england!r}"
        )
    chosen = _indicator_list(indicators, panel)
    for name, number in (("travel_periods", travel_periods), ("dipping_periods", dipping_periods)):
        if isinstance(number, bool) or not isinstance(number, int) or number < 1:
            fail(f"$.{name}", f"expected a whole number >= 1; found {found(number)}")
    index = _period_index(panel, period)
    arrays = _arrays(
        panel,
        chosen,
        comparators,
        index,
        travel_periods=travel_periods,
        dipping_periods=dipping_periods,
        spc=spc,
    )
    if arrays.trial_limits:
        warnings.warn(
            f"the SPC charts rest on {index + 1} point(s), fewer than "
            f"{_spc_module.TRIAL_LIMITS_BELOW}: their limits are trial limits",
            TrialLimitsWarning,
            stacklevel=3,
        )
    return arrays, chosen, index


def benchmark(
    panel: Panel,
    area: str,
    *,
    comparators: Comparators,
    indicators: Mapping[str, Indicator] | Sequence[Indicator],
    period: Period | str | None = None,
    travel_periods: int = 1,
    dipping_periods: int = 3,
    spc: bool = True,
) -> Benchmark:
    """Set one area beside England, its region and its statistical neighbours.

    Parameters
    ----------
    panel : Panel
        Areas x indicators x periods.
    area : str
        The area to benchmark.
    comparators : Comparators
        Regions, neighbours, and where England's figures are.
    indicators : mapping of id to Indicator, or sequence of Indicator
        The indicators to benchmark, with their polarity and band.
    period : Period or str, optional
        The period to compare (default: the panel's last).
    travel_periods : int
        Direction of travel compares the period with this many periods before.
    dipping_periods : int
        An indicator dips when it got worse in each of this many periods in a row,
        or when its SPC chart (to the period) shows a special-cause concern at the period.
    spc : bool
        Chart each series (XmR, Making Data Count rules) for the variation icon
        and the concern test.

    Returns
    -------
    Benchmark

    Raises
    ------
    ValidationError
        If an indicator or the period is not in the panel, or a count is not >= 1.
    NotFoundError
        If the area is not in the panel.

    Warns
    -----
    lscbqa.exceptions.TrialLimitsWarning
        If ``spc`` and the series to the period are shorter than 13 points.

    Notes
    -----
    Averages are unweighted means of the areas' values. Rank and quartile are
    within the area's region: rank 1 is the best (ties share the best rank);
    quartile band 1 holds values at or above the region's upper quartile
    (``numpy.quantile``, linear, as Excel's ``QUARTILE.INC``), 2 at or above the
    median, 3 at or above the lower quartile, 4 below. "Better" means higher,
    lower, or nearer the band by polarity. The distance from England is
    (value - England) / s, both as "goodness", s the sample standard deviation
    of the areas' goodness.

    Examples
    --------
    >>> from lscbqa.indicators import Indicator, Panel
    >>> panel = Panel(values=[[[5.0, 4.0, 3.0, 2.0]], [[3.0, 3.0, 3.0, 3.0]]], areas=["a", "b"],
    ...               indicators=["x"], periods=["2021", "2022", "2023", "2024"])
    >>> x = Indicator(id="x", title="X", polarity="higher_is_better",
    ...               challenge_questions=("Why is X falling?",))
    >>> row = benchmark(panel, "a", comparators=Comparators(), indicators=[x],
    ...                 spc=False).row("x")
    >>> row.dipping, row.challenge_questions
    (True, ('Why is X falling?',))
    """
    if not isinstance(comparators, Comparators):
        fail("$.comparators", f"expected Comparators; found {found(comparators)}")
    row = panel.area_index(area) if isinstance(panel, Panel) else 0
    arrays, chosen, index = _compute(
        panel,
        indicators,
        comparators,
        period,
        travel_periods=travel_periods,
        dipping_periods=dipping_periods,
        spc=spc,
    )
    label = panel.periods[index].label
    return Benchmark(
        area=area,
        region=comparators.regions.get(area),
        period=label,
        rows=tuple(
            _row(arrays, row, column, area, indicator, label)
            for column, indicator in enumerate(chosen)
        ),
    )


register_document(Comparators, "comparators")
