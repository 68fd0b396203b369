"""Indicator definitions: what is measured, how, which way is better, and what it evidences.

An :class:`Indicator` is data, like a criterion: it loads from and saves to every
document format, can be attached to a :class:`~lscbqa.model.Framework` and tailored
with it. Its time series and the analyses over them live in :mod:`lscbqa.indicators`.

Examples
--------
>>> from lscbqa.measures import Band, Indicator
>>> repeat_plans = Indicator(
...     id="cp_repeat",
...     title="Second or subsequent child protection plans",
...     polarity="within_band",
...     band=Band(low=10, high=20),
...     unit="percent",
...     period_type="financial_year",
... )
>>> repeat_plans.factor, repeat_plans.judge(25.0), repeat_plans.judge(15.0)
(100.0, 'worse', 'in_band')
"""

from __future__ import annotations

import enum
import math
import numbers
import typing
from typing import Any

import attrs

from lscbqa import _util
from lscbqa.exceptions import Problem, ValidationError
from lscbqa.periods import Period, PeriodType

__all__ = [
    "Band",
    "Indicator",
    "IndicatorKind",
    "ObaRole",
    "Polarity",
    "RagBands",
    "Unit",
]


class IndicatorKind(enum.StrEnum):
    """Whether an indicator leads (tracks a driver) or lags (records the difference made).

    Lead indicators track what is expected to lead to outcomes (workforce capacity,
    quality of decisions, training reach); lag indicators record the outcome
    (Pinnock, "Canary in the cage?", DfE 2011).

    Examples
    --------
    >>> IndicatorKind("lead") is IndicatorKind.LEAD
    True
    """

    LEAD = "lead"
    LAG = "lag"


class Polarity(enum.StrEnum):
    """Which values of an indicator are better.

    ``within_band`` is for indicators where low is good but zero is not expected,
    such as second or subsequent child-protection plans: values inside the
    indicator's :class:`Band` are healthy, values either side are not.

    Examples
    --------
    >>> Polarity.LOWER_IS_BETTER == "lower_is_better"
    True
    """

    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"
    WITHIN_BAND = "within_band"


class Unit(enum.StrEnum):
    """What an indicator's values count, and the factor a rate is multiplied by.

    Examples
    --------
    >>> Unit.PER_10000.factor, Unit.PERCENT.symbol
    (10000.0, '%')
    """

    PERCENT = "percent"
    PER_1000 = "per_1000"
    PER_10000 = "per_10000"
    PER_100000 = "per_100000"
    COUNT = "count"
    DAYS = "days"
    NUMBER = "number"

    @property
    def factor(self) -> float:
        """The factor a numerator / denominator ratio is multiplied by (1 for plain numbers).

        Examples
        --------
        >>> Unit.PER_1000.factor, Unit.DAYS.factor
        (1000.0, 1.0)
        """
        return _FACTORS.get(self, 1.0)

    @property
    def symbol(self) -> str:
        """A short suffix for values in this unit (``%``, ``per 10,000``, ``days``).

        Examples
        --------
        >>> Unit.PER_10000.symbol
        'per 10,000'
        """
        if self is Unit.PERCENT:
            return "%"
        if self in _FACTORS:
            return f"per {int(self.factor):,}"
        return "" if self in (Unit.COUNT, Unit.NUMBER) else self.value


_FACTORS = {
    Unit.PERCENT: 100.0,
    Unit.PER_1000: 1000.0,
    Unit.PER_10000: 10000.0,
    Unit.PER_100000: 100000.0,
}


class ObaRole(enum.StrEnum):
    """The place of an indicator in Outcomes Based Accountability (Friedman, 2005).

    A population indicator describes the wellbeing of all children in an area, to
    which many agencies contribute. A performance measure describes one service and
    answers one of three questions, in four quadrants: how much did we do
    (quantity of effort), how well did we do it (quality of effort), is anyone
    better off — as a number (quantity of effect) or a percentage (quality of effect).

    Examples
    --------
    >>> ObaRole.BETTER_OFF_PERCENT.question
    'Is anyone better off?'
    >>> ObaRole.HOW_WELL.quadrant
    ('quality', 'effort')
    """

    POPULATION = "population"
    HOW_MUCH = "how_much"
    HOW_WELL = "how_well"
    BETTER_OFF_NUMBER = "better_off_number"
    BETTER_OFF_PERCENT = "better_off_percent"

    @property
    def question(self) -> str:
        """The question the measure answers.

        Examples
        --------
        >>> ObaRole.HOW_MUCH.question
        'How much did we do?'
        """
        return _QUESTIONS[self]

    @property
    def quadrant(self) -> tuple[str, str] | None:
        """``(quantity or quality, effort or effect)``; None for a population indicator.

        Examples
        --------
        >>> ObaRole.BETTER_OFF_NUMBER.quadrant, ObaRole.POPULATION.quadrant
        (('quantity', 'effect'), None)
        """
        return _QUADRANTS.get(self)


_QUESTIONS = {
    ObaRole.POPULATION: "How are children in the area doing?",
    ObaRole.HOW_MUCH: "How much did we do?",
    ObaRole.HOW_WELL: "How well did we do it?",
    ObaRole.BETTER_OFF_NUMBER: "Is anyone better off?",
    ObaRole.BETTER_OFF_PERCENT: "Is anyone better off?",
}
_QUADRANTS = {
    ObaRole.HOW_MUCH: ("quantity", "effort"),
    ObaRole.HOW_WELL: ("quality", "effort"),
    ObaRole.BETTER_OFF_NUMBER: ("quantity", "effect"),
    ObaRole.BETTER_OFF_PERCENT: ("quality", "effect"),
}


def _finite_number(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, float) and not math.isfinite(value):
        _util.fail(_util.field_path(attribute), f"expected a finite number; found {value}")


def _low_not_above_high(band: Band) -> None:
    if band.low > band.high:
        _util.fail("$.high", f"expected a number >= low ({band.low:g}); found {band.high:g}")


@attrs.frozen(kw_only=True)
class Band:
    """A healthy range of values, both ends included.

    Parameters
    ----------
    low, high : float
        The ends of the range; ``low <= high``.

    Examples
    --------
    >>> band = Band(low=10, high=20)
    >>> 15 in band, 25 in band, band.distance(25.0), band.distance(4.0)
    (True, False, 5.0, -6.0)
    """

    low: float = attrs.field(converter=_util.to_float, metadata=_util.checks(_finite_number))
    high: float = attrs.field(converter=_util.to_float, metadata=_util.checks(_finite_number))

    def __attrs_post_init__(self) -> None:
        _util.validate(self, _low_not_above_high)

    def __contains__(self, value: object) -> bool:
        return (
            isinstance(value, numbers.Real)
            and not isinstance(value, bool)
            and self.low <= float(value) <= self.high
        )

    def distance(self, value: float) -> float:
        """How far ``value`` lies outside the band: + above, - below, 0 inside, NaN if missing.

        Examples
        --------
        >>> Band(low=0, high=1).distance(0.5)
        0.0
        """
        if math.isnan(value):
            return math.nan
        if value > self.high:
            return value - self.high
        if value < self.low:
            return value - self.low
        return 0.0


@attrs.frozen(kw_only=True)
class RagBands:
    """Red, amber and green thresholds, read in the direction of the indicator's polarity.

    For ``higher_is_better`` a value at or above ``green`` is green, at or above
    ``amber`` amber, otherwise red; for ``lower_is_better`` the same with "at or
    below". For ``within_band`` the thresholds are distances outside the band:
    inside or within ``green`` of it is green, within ``amber`` amber.

    Parameters
    ----------
    green, amber : float
        The thresholds, in the indicator's unit.

    Examples
    --------
    >>> rag = RagBands(green=80, amber=70)
    >>> [rag.status(v, "higher_is_better") for v in (85.0, 75.0, 60.0)]
    ['green', 'amber', 'red']
    """

    green: float = attrs.field(converter=_util.to_float, metadata=_util.checks(_finite_number))
    amber: float = attrs.field(converter=_util.to_float, metadata=_util.checks(_finite_number))

    def __attrs_post_init__(self) -> None:
        _util.validate(self)

    def status(self, value: float, polarity: Polarity | str, band: Band | None = None) -> str:
        """``"green"``, ``"amber"``, ``"red"`` for a value, or ``"missing"`` for NaN.

        Parameters
        ----------
        value : float
            The indicator's value.
        polarity : Polarity or str
            Which way is better.
        band : Band, optional
            The healthy band, needed for ``within_band``.

        Examples
        --------
        >>> RagBands(green=10, amber=20).status(15.0, "lower_is_better")
        'amber'
        """
        member = _util.as_enum(Polarity, polarity)
        if not isinstance(member, Polarity):
            _util.fail(
                "$.polarity", f"expected {_util.choices(Polarity)}; found {_util.found(polarity)}"
            )
        polarity = member
        if math.isnan(value):
            return "missing"
        if polarity is Polarity.WITHIN_BAND:
            if band is None:
                _util.fail("$.band", "expected a band for a within_band indicator; found none")
            value = abs(band.distance(value))
            polarity = Polarity.LOWER_IS_BETTER
        sign = 1.0 if polarity is Polarity.HIGHER_IS_BETTER else -1.0
        if sign * value >= sign * self.green:
            return "green"
        if sign * value >= sign * self.amber:
            return "amber"
        return "red"


def _to_polarity(value: Any) -> Polarity:
    return typing.cast(Polarity, _util.as_enum(Polarity, value))


def _to_kind(value: Any) -> IndicatorKind:
    return typing.cast(IndicatorKind, _util.as_enum(IndicatorKind, value))


def _to_unit(value: Any) -> Unit:
    return typing.cast(Unit, _util.as_enum(Unit, value))


def _to_period_type(value: Any) -> PeriodType:
    return typing.cast(PeriodType, _util.as_enum(PeriodType, value))


def _to_role(value: Any) -> ObaRole | None:
    return None if value is None else typing.cast(ObaRole, _util.as_enum(ObaRole, value))


def _default_factor(indicator: Indicator) -> float:
    return indicator.unit.factor if isinstance(indicator.unit, Unit) else 1.0


def _positive(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, float) and not (math.isfinite(value) and value > 0):
        _util.fail(_util.field_path(attribute), f"expected a finite number > 0; found {value}")


def _to_trajectory(value: Any) -> Any:
    if isinstance(value, typing.Mapping):
        return _util.FrozenDict({key: _util.to_float(item) for key, item in value.items()})
    return value


def _trajectory_periods(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    problems: list[Problem] = []
    for label, target in value.items():
        path = _util.join_path("$.trajectory", label)
        try:
            Period.parse(label)
        except ValidationError as error:
            problems.extend(problem.under(path) for problem in error.problems)
        if isinstance(target, float) and not math.isfinite(target):
            problems.append(Problem(path, f"expected a finite number; found {target}"))
    if problems:
        raise ValidationError(problems)


def _band_matches_polarity(indicator: Indicator) -> None:
    if indicator.polarity is Polarity.WITHIN_BAND and indicator.band is None:
        _util.fail("$.band", "expected a band for a within_band indicator; found none")


@attrs.frozen(kw_only=True)
class Indicator:
    """What is measured, how, which way is better, and the criteria it evidences.

    Parameters
    ----------
    id : str
        The id series, panels and criteria refer to.
    title : str
        The indicator's name.
    polarity : Polarity or str
        Which values are better; ``within_band`` needs ``band``.
    unit : Unit or str, default "number"
        What the values count.
    period_type : PeriodType or str, default "quarter"
        The periods the indicator is reported for.
    kind : IndicatorKind or str, default "lag"
        Lead (a driver) or lag (an outcome).
    band : Band, optional
        The healthy range of a ``within_band`` indicator.
    factor : float, optional
        What numerator / denominator is multiplied by; by default the unit's
        factor (100 for percent, 10,000 for per 10,000, 1 otherwise).
    numerator, denominator : str, optional
        Definitions, in words, of what is counted above and below the line.
    oba_role : ObaRole or str, optional
        The indicator's place in Outcomes Based Accountability.
    target : float, optional
        The value aimed for.
    trajectory : mapping of str to float, optional
        Targets by period label (``{"FY2024-25": 18.0}``).
    rag : RagBands, optional
        Red, amber and green thresholds.
    source_code : str, optional
        A published code, such as a former national indicator number (``"NI 65"``).
    source : str, optional
        Where the data is published.
    description : str, optional
        What the indicator tells a board.
    criterion_ids : sequence of str, optional
        The framework criteria the indicator evidences.
    challenge_questions : sequence of str, optional
        Questions to put to the partnership when the indicator dips.

    Examples
    --------
    >>> indicator = Indicator(id="rereferrals", title="Re-referrals within 12 months",
    ...                       polarity="lower_is_better", unit="percent",
    ...                       numerator="referrals within 12 months of a previous one",
    ...                       denominator="referrals")
    >>> indicator.rate(22, 100), indicator.judge(18.0, 22.0)
    (22.0, 'better')
    """

    id: str = attrs.field(metadata=_util.checks(_util.identifier))
    title: str = attrs.field(metadata=_util.checks(_util.non_blank))
    polarity: Polarity = attrs.field(converter=_to_polarity)
    unit: Unit = attrs.field(default=Unit.NUMBER, converter=_to_unit)
    period_type: PeriodType = attrs.field(default=PeriodType.QUARTER, converter=_to_period_type)
    kind: IndicatorKind = attrs.field(default=IndicatorKind.LAG, converter=_to_kind)
    band: Band | None = attrs.field(default=None)
    factor: float = attrs.field(
        default=attrs.Factory(_default_factor, takes_self=True),
        converter=_util.to_float,
        metadata=_util.checks(_positive),
    )
    numerator: str | None = attrs.field(default=None, metadata=_util.checks(_util.non_blank))
    denominator: str | None = attrs.field(default=None, metadata=_util.checks(_util.non_blank))
    oba_role: ObaRole | None = attrs.field(default=None, converter=_to_role)
    target: float | None = attrs.field(
        default=None, converter=_util.to_float, metadata=_util.checks(_finite_number)
    )
    trajectory: _util.FrozenDict[str, float] = attrs.field(
        factory=_util.FrozenDict[str, float],
        converter=_to_trajectory,
        metadata=_util.checks(_trajectory_periods),
    )
    rag: RagBands | None = attrs.field(default=None)
    source_code: str | None = attrs.field(default=None, metadata=_util.checks(_util.non_blank))
    source: str | None = attrs.field(default=None, metadata=_util.checks(_util.non_blank))
    description: str | None = attrs.field(default=None, metadata=_util.checks(_util.non_blank))
    criterion_ids: tuple[str, ...] = attrs.field(
        default=(), converter=_util.to_tuple, metadata=_util.checks(_util.identifiers)
    )
    challenge_questions: tuple[str, ...] = attrs.field(
        default=(), converter=_util.to_tuple, metadata=_util.checks(_util.non_blank_items)
    )

    def __attrs_post_init__(self) -> None:
        _util.validate(self, _band_matches_polarity)

    @property
    def is_lead(self) -> bool:
        """Whether the indicator is a lead indicator.

        Examples
        --------
        >>> Indicator(id="x", title="X", polarity="higher_is_better", kind="lead").is_lead
        True
        """
        return self.kind is IndicatorKind.LEAD

    def rate(self, numerator: float, denominator: float) -> float:
        """``numerator / denominator x factor``; NaN when the denominator is 0.

        Examples
        --------
        >>> Indicator(id="cp", title="Plans", polarity="lower_is_better",
        ...           unit="per_10000").rate(45, 90000)
        5.0
        """
        if denominator == 0:
            return math.nan
        return numerator * self.factor / denominator

    def judge(self, value: float, than: float | None = None) -> str:
        """Compare a value with another (or place it against the band), respecting polarity.

        Parameters
        ----------
        value : float
            The value to judge.
        than : float, optional
            The value to compare with (a comparator, a previous period, a target).
            Without it, only a ``within_band`` indicator can be judged.

        Returns
        -------
        str
            ``"better"``, ``"same"`` or ``"worse"`` than ``than``; for a
            ``within_band`` indicator without ``than``: ``"in_band"`` or
            ``"worse"``; ``"missing"`` if a value is NaN. With ``than`` a
            ``within_band`` indicator compares distances from the band.

        Examples
        --------
        >>> indicator = Indicator(id="x", title="X", polarity="higher_is_better")
        >>> indicator.judge(3.0, 2.0), indicator.judge(2.0, 2.0)
        ('better', 'same')
        """
        if math.isnan(value) or (than is not None and math.isnan(than)):
            return "missing"
        if self.polarity is Polarity.WITHIN_BAND:
            assert self.band is not None  # checked at construction
            distance = abs(self.band.distance(value))
            if than is None:
                return "in_band" if distance == 0 else "worse"
            value, than = -distance, -abs(self.band.distance(than))
        elif than is None:
            _util.fail("$.than", f"expected a value to compare with; {self.id} has no band")
        elif self.polarity is Polarity.LOWER_IS_BETTER:
            value, than = -value, -than
        if value > than:
            return "better"
        return "same" if value == than else "worse"

    def target_for(self, period: Period | str) -> float | None:
        """The target for a period: its trajectory point, else the overall target.

        Examples
        --------
        >>> Indicator(id="x", title="X", polarity="higher_is_better", target=80,
        ...           trajectory={"2024-Q1": 70}).target_for("2024-Q1")
        70.0
        """
        label = period.label if isinstance(period, Period) else period
        return self.trajectory.get(label, self.target)
