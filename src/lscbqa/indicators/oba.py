"""Outcomes Based Accountability as data: report cards, headline choice and curve worksheets.

Mark Friedman's Outcomes Based Accountability (OBA) keeps population
accountability (how are all children in the area doing?) apart from performance
accountability (how well is one service working?), and sorts performance measures
into four quadrants: how much did we do, how well did we do it, and is anyone
better off — in number and in percentage (see :class:`lscbqa.measures.ObaRole`).

- A :class:`ReportCard` holds an area's or a service's measures, the few
  headline measures chosen from them, and a data development agenda for the
  measures that matter but have no data yet.
- :func:`choose_headlines` makes the forced choice of headlines by Friedman's
  three tests: communication power, proxy power and data power.
- A :class:`CurveWorksheet` records a turn-the-curve exercise: the baseline
  indicator, the story behind it (factors contributing or restricting, proximate
  or root), the partners with a role to play, what works (options rated on
  leverage, feasibility, specificity and values, including a no-cost idea), and
  the action plan. Pair it with :func:`lscbqa.indicators.curve.turn_the_curve`
  for the baseline forecast.

References
----------
Friedman, M. (2005). *Trying Hard Is Not Good Enough: How to Produce Measurable
Improvements for Customers and Communities.* Trafford. Chapters on report cards,
choosing indicators (communication, proxy and data power) and the turn-the-curve
exercise.

Examples
--------
>>> from lscbqa.indicators.oba import ReportCard
>>> from lscbqa.indicators import safeguarding_indicators
>>> card = ReportCard(id="northshire", title="Northshire children's partnership",
...                   indicators=safeguarding_indicators(), headline_ids=["rereferrals"])
>>> [indicator.id for indicator in card.quadrant("how_much")]
['cse_referrals', 'training_reach']
"""

from __future__ import annotations

import datetime
import enum
import typing
from collections.abc import Callable, Iterable
from typing import Any

import attrs

from lscbqa import _util
from lscbqa.exceptions import Problem, ValidationError
from lscbqa.measures import Indicator, ObaRole
from lscbqa.periods import Period
from lscbqa.serialize import register_document

__all__ = [
    "CurveWorksheet",
    "DataDevelopmentItem",
    "Depth",
    "Factor",
    "HeadlineCandidate",
    "Influence",
    "Option",
    "Partner",
    "PlannedAction",
    "Power",
    "ReportCard",
    "choose_headlines",
]


class Power(enum.StrEnum):
    """A high / medium / low rating, as OBA rates candidate measures and options.

    Examples
    --------
    >>> Power("high").points, Power.LOW.points
    (3, 1)
    """

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"

    @property
    def points(self) -> int:
        """3 for high, 2 for medium, 1 for low.

        Examples
        --------
        >>> Power.MEDIUM.points
        2
        """
        return {"high": 3, "medium": 2, "low": 1}[self.value]


def _to_power(value: Any) -> Power:
    return typing.cast(Power, _util.as_enum(Power, value))


def _to_role(value: Any) -> ObaRole:
    return typing.cast(ObaRole, _util.as_enum(ObaRole, value))


@attrs.frozen(kw_only=True)
class HeadlineCandidate:
    """A measure considered for the headlines, rated on Friedman's three tests.

    Parameters
    ----------
    indicator_id : str
        The measure.
    communication : Power or str
        Communication power: would the public and partners understand it?
    proxy : Power or str
        Proxy power: does it say something central about the result, and do
        other measures tend to move with it?
    data : Power or str
        Data power: is there quality data, on time, often enough?

    Examples
    --------
    >>> HeadlineCandidate(indicator_id="rereferrals", communication="high", proxy="high",
    ...                   data="medium").points
    8
    """

    indicator_id: str = attrs.field(metadata=_util.checks(_util.identifier))
    communication: Power = attrs.field(converter=_to_power)
    proxy: Power = attrs.field(converter=_to_power)
    data: Power = attrs.field(converter=_to_power)

    def __attrs_post_init__(self) -> None:
        _util.validate(self)

    @property
    def points(self) -> int:
        """The three ratings added up (3 to 9).

        Examples
        --------
        >>> HeadlineCandidate(indicator_id="x", communication="low", proxy="low",
        ...                   data="low").points
        3
        """
        return self.communication.points + self.proxy.points + self.data.points


def choose_headlines(
    candidates: Iterable[HeadlineCandidate], *, at_most: int = 3
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Choose a few headline measures, and send the data-poor ones to the data agenda.

    Friedman's rule: a headline measure is strong on communication and proxy power
    and has the data. Candidates with low data power cannot be headlines yet and go
    on the data development agenda (if their communication and proxy power are
    not both low). The others are ranked by their total points, then by proxy
    power, then communication power, then their order in ``candidates``; the first
    ``at_most`` become headlines.

    Parameters
    ----------
    candidates : iterable of HeadlineCandidate
        The measures considered, each rated.
    at_most : int, default 3
        How many headlines to choose (Friedman advises three to five).

    Returns
    -------
    (tuple of str, tuple of str)
        The headline indicator ids, best first, and the ids for the data
        development agenda, in the candidates' order.

    Raises
    ------
    ValidationError
        If ``at_most`` is below 1, or an indicator is a candidate twice.

    Examples
    --------
    >>> candidates = [
    ...     HeadlineCandidate(indicator_id="a", communication="high", proxy="medium", data="high"),
    ...     HeadlineCandidate(indicator_id="b", communication="high", proxy="high", data="high"),
    ...     HeadlineCandidate(indicator_id="c", communication="high", proxy="high", data="low"),
    ... ]
    >>> choose_headlines(candidates, at_most=1)
    (('b',), ('c',))
    """
    items = list(candidates)
    if isinstance(at_most, bool) or not isinstance(at_most, int) or at_most < 1:
        _util.fail("$.at_most", f"expected a whole number >= 1; found {_util.found(at_most)}")
    first: dict[str, int] = {}
    for position, item in enumerate(items):
        if first.setdefault(item.indicator_id, position) != position:
            _util.fail(
                f"$.candidates[{position}].indicator_id",
                f"expected each measure once; {item.indicator_id!r} is also at "
                f"index {first[item.indicator_id]}",
            )
    eligible = [item for item in items if item.data is not Power.LOW]
    agenda = tuple(
        item.indicator_id
        for item in items
        if item.data is Power.LOW and not (item.communication is item.proxy is Power.LOW)
    )
    ranked = sorted(
        enumerate(eligible),
        key=lambda pair: (
            -pair[1].points,
            -pair[1].proxy.points,
            -pair[1].communication.points,
            pair[0],
        ),
    )
    return tuple(item.indicator_id for _, item in ranked[:at_most]), agenda


@attrs.frozen(kw_only=True)
class DataDevelopmentItem:
    """A measure that matters but has no good data yet: an item of the data agenda.

    Parameters
    ----------
    id : str
        An id for the item (the intended indicator's id, when it has one).
    title : str
        What would be measured.
    oba_role : ObaRole or str
        Its place among the OBA questions.
    next_step : str, optional
        What would produce the data, and who will do it.

    Examples
    --------
    >>> DataDevelopmentItem(id="voice", title="Children who feel listened to",
    ...                     oba_role="better_off_percent").oba_role.question
    'Is anyone better off?'
    """

    id: str = attrs.field(metadata=_util.checks(_util.identifier))
    title: str = attrs.field(metadata=_util.checks(_util.non_blank))
    oba_role: ObaRole = attrs.field(converter=_to_role)
    next_step: str | None = attrs.field(default=None, metadata=_util.checks(_util.non_blank))

    def __attrs_post_init__(self) -> None:
        _util.validate(self)


def _card_references(card: ReportCard) -> None:
    problems: list[Problem] = []
    _collect(problems, lambda: _util.unique_ids(card.indicators, "$.indicators"))
    _collect(problems, lambda: _util.unique_ids(card.data_development, "$.data_development"))
    known = {indicator.id for indicator in card.indicators}
    seen: set[str] = set()
    for position, indicator_id in enumerate(card.headline_ids):
        path = f"$.headline_ids[{position}]"
        if indicator_id not in known:
            problems.append(
                Problem(
                    path, f"expected the id of an indicator of the card; found {indicator_id!r}"
                )
            )
        elif indicator_id in seen:
            problems.append(Problem(path, f"expected each headline once; {indicator_id!r} repeats"))
        seen.add(indicator_id)
    if problems:
        raise ValidationError(problems)


def _collect(problems: list[Problem], check: Callable[[], None]) -> None:
    try:
        check()
    except ValidationError as error:
        problems.extend(error.problems)


@attrs.frozen(kw_only=True)
class ReportCard:
    """An OBA report card: the measures of an area or service, its headlines and data agenda.

    Parameters
    ----------
    id : str
        The card's id.
    title : str
        Whose card it is (a partnership, a service, a programme).
    indicators : sequence of Indicator
        The population indicators and performance measures on the card; each
        performance measure's quadrant comes from its ``oba_role``.
    headline_ids : sequence of str, optional
        The few headline measures (see :func:`choose_headlines`), by id.
    data_development : sequence of DataDevelopmentItem, optional
        Measures wanted but without data yet.

    Raises
    ------
    ValidationError
        If ids repeat, or a headline is not an indicator of the card.

    Examples
    --------
    >>> from lscbqa.measures import Indicator
    >>> card = ReportCard(id="training", title="Multi-agency training", indicators=[
    ...     Indicator(id="places", title="Places taken", polarity="higher_is_better",
    ...               oba_role="how_much"),
    ...     Indicator(id="applied", title="Staff applying what they learnt",
    ...               polarity="higher_is_better", unit="percent",
    ...               oba_role="better_off_percent"),
    ... ], headline_ids=["applied"])
    >>> [indicator.title for indicator in card.headlines()]
    ['Staff applying what they learnt']
    """

    id: str = attrs.field(metadata=_util.checks(_util.identifier))
    title: str = attrs.field(metadata=_util.checks(_util.non_blank))
    indicators: tuple[Indicator, ...] = attrs.field(default=(), converter=_util.to_tuple)
    headline_ids: tuple[str, ...] = attrs.field(
        default=(), converter=_util.to_tuple, metadata=_util.checks(_util.identifiers)
    )
    data_development: tuple[DataDevelopmentItem, ...] = attrs.field(
        default=(), converter=_util.to_tuple
    )

    def __attrs_post_init__(self) -> None:
        _util.validate(self, _card_references)

    def quadrant(self, role: ObaRole | str) -> tuple[Indicator, ...]:
        """The card's measures with one OBA role, in the card's order.

        ``"better_off"`` gives both "is anyone better off?" quadrants together.

        Raises
        ------
        ValidationError
            If ``role`` is neither an OBA role nor ``"better_off"``.

        Examples
        --------
        >>> from lscbqa.indicators import safeguarding_indicators
        >>> card = ReportCard(id="c", title="C", indicators=safeguarding_indicators())
        >>> [i.id for i in card.quadrant("better_off")]
        ['rereferrals', 'cp_repeat']
        """
        if role == "better_off":
            wanted = {ObaRole.BETTER_OFF_NUMBER, ObaRole.BETTER_OFF_PERCENT}
        else:
            member = _util.as_enum(ObaRole, role)
            if not isinstance(member, ObaRole):
                _util.fail(
                    "$.role",
                    f"expected {_util.choices(ObaRole)} or 'better_off'; found {_util.found(role)}",
                )
            wanted = {member}
        return tuple(i for i in self.indicators if i.oba_role in wanted)

    def headlines(self) -> tuple[Indicator, ...]:
        """The headline measures, in the order of ``headline_ids``.

        Examples
        --------
        >>> from lscbqa.indicators import safeguarding_indicators
        >>> card = ReportCard(id="c", title="C", indicators=safeguarding_indicators(),
        ...                   headline_ids=["cp_rate", "rereferrals"])
        >>> [i.id for i in card.headlines()]
        ['cp_rate', 'rereferrals']
        """
        by_id = {indicator.id: indicator for indicator in self.indicators}
        return tuple(by_id[indicator_id] for indicator_id in self.headline_ids)

    def unplaced(self) -> tuple[Indicator, ...]:
        """Measures with no OBA role: they belong to no quadrant yet.

        Examples
        --------
        >>> from lscbqa.measures import Indicator
        >>> ReportCard(id="c", title="C", indicators=[
        ...     Indicator(id="x", title="X", polarity="higher_is_better")]).unplaced()[0].id
        'x'
        """
        return tuple(i for i in self.indicators if i.oba_role is None)


class Influence(enum.StrEnum):
    """Whether a factor in the story behind the baseline helps or holds back.

    Examples
    --------
    >>> Influence("restricting") is Influence.RESTRICTING
    True
    """

    CONTRIBUTING = "contributing"
    RESTRICTING = "restricting"


class Depth(enum.StrEnum):
    """Whether a factor is a proximate (near) cause or a root cause.

    Examples
    --------
    >>> Depth.ROOT.value
    'root'
    """

    PROXIMATE = "proximate"
    ROOT = "root"


def _to_influence(value: Any) -> Influence:
    return typing.cast(Influence, _util.as_enum(Influence, value))


def _to_depth(value: Any) -> Depth:
    return typing.cast(Depth, _util.as_enum(Depth, value))


@attrs.frozen(kw_only=True)
class Factor:
    """One cause in the story behind the baseline.

    Parameters
    ----------
    description : str
        The cause, in words.
    influence : Influence or str
        ``"contributing"`` (pushes the curve the right way) or ``"restricting"``.
    depth : Depth or str, default "proximate"
        ``"proximate"`` or ``"root"``.

    Examples
    --------
    >>> Factor(description="Thresholds read differently by schools",
    ...        influence="restricting", depth="root").depth
    <Depth.ROOT: 'root'>
    """

    description: str = attrs.field(metadata=_util.checks(_util.non_blank))
    influence: Influence = attrs.field(converter=_to_influence)
    depth: Depth = attrs.field(default=Depth.PROXIMATE, converter=_to_depth)

    def __attrs_post_init__(self) -> None:
        _util.validate(self)


@attrs.frozen(kw_only=True)
class Partner:
    """A partner with a role to play in turning the curve.

    Parameters
    ----------
    name : str
        Who.
    role : str, optional
        What they could do.
    agency_id : str, optional
        Their id as an agency of the partnership.

    Examples
    --------
    >>> Partner(name="Northshire Police", role="Share missing-episode data weekly").name
    'Northshire Police'
    """

    name: str = attrs.field(metadata=_util.checks(_util.non_blank))
    role: str | None = attrs.field(default=None, metadata=_util.checks(_util.non_blank))
    agency_id: str | None = attrs.field(default=None, metadata=_util.checks(_util.identifier))

    def __attrs_post_init__(self) -> None:
        _util.validate(self)


@attrs.frozen(kw_only=True)
class Option:
    """An idea for what works, rated on Friedman's four criteria.

    Parameters
    ----------
    id : str
        The option's id, which actions refer to.
    description : str
        The idea.
    leverage : Power or str
        How much difference it would make to the curve.
    feasibility : Power or str
        Whether it can be done.
    specificity : Power or str
        Whether it is specific enough to be done.
    values : Power or str
        How well it fits the community's and partners' values.
    no_cost : bool, default False
        Whether it needs no new money (every exercise should find one).

    Examples
    --------
    >>> Option(id="o1", description="Joint triage", leverage="high", feasibility="medium",
    ...        specificity="high", values="high").points
    11
    """

    id: str = attrs.field(metadata=_util.checks(_util.identifier))
    description: str = attrs.field(metadata=_util.checks(_util.non_blank))
    leverage: Power = attrs.field(converter=_to_power)
    feasibility: Power = attrs.field(converter=_to_power)
    specificity: Power = attrs.field(converter=_to_power)
    values: Power = attrs.field(converter=_to_power)
    no_cost: bool = attrs.field(default=False)

    def __attrs_post_init__(self) -> None:
        _util.validate(self)

    @property
    def points(self) -> int:
        """The four ratings added up (4 to 12).

        Examples
        --------
        >>> Option(id="o", description="D", leverage="low", feasibility="low",
        ...        specificity="low", values="low").points
        4
        """
        return (
            self.leverage.points
            + self.feasibility.points
            + self.specificity.points
            + self.values.points
        )


@attrs.frozen(kw_only=True)
class PlannedAction:
    """A step of a turn-the-curve action plan.

    Parameters
    ----------
    id : str
        The action's id.
    description : str
        What will be done.
    option_id : str, optional
        The what-works option it carries out.
    owner : str, optional
        Who is responsible (an agency or person id).
    due : datetime.date, optional
        When it is due.

    Examples
    --------
    >>> import datetime
    >>> PlannedAction(id="a1", description="Start joint triage", option_id="o1",
    ...               due=datetime.date(2025, 3, 31)).due.isoformat()
    '2025-03-31'
    """

    id: str = attrs.field(metadata=_util.checks(_util.identifier))
    description: str = attrs.field(metadata=_util.checks(_util.non_blank))
    option_id: str | None = attrs.field(default=None, metadata=_util.checks(_util.identifier))
    owner: str | None = attrs.field(default=None, metadata=_util.checks(_util.identifier))
    due: datetime.date | None = attrs.field(default=None)

    def __attrs_post_init__(self) -> None:
        _util.validate(self)


def _period_label(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, str):
        try:
            Period.parse(value)
        except ValidationError as error:
            raise ValidationError(
                p.under(_util.field_path(attribute)) for p in error.problems
            ) from None


def _worksheet_references(sheet: CurveWorksheet) -> None:
    problems: list[Problem] = []
    _collect(problems, lambda: _util.unique_ids(sheet.options, "$.options"))
    _collect(problems, lambda: _util.unique_ids(sheet.actions, "$.actions"))
    options = {option.id for option in sheet.options}
    for position, action in enumerate(sheet.actions):
        if action.option_id is not None and action.option_id not in options:
            problems.append(
                Problem(
                    f"$.actions[{position}].option_id",
                    f"expected the id of an option of the worksheet; found {action.option_id!r}",
                )
            )
    if problems:
        raise ValidationError(problems)


@attrs.frozen(kw_only=True)
class CurveWorksheet:
    """A turn-the-curve exercise, written down: baseline, story, partners, what works, plan.

    Parameters
    ----------
    id : str
        The worksheet's id.
    indicator_id : str
        The indicator whose curve is to be turned.
    baseline_end : str, optional
        The label of the last period of the baseline (``"2024-Q4"``).
    story : sequence of Factor, optional
        The story behind the baseline.
    partners : sequence of Partner, optional
        Partners with a role to play.
    options : sequence of Option, optional
        What works: the ideas considered.
    actions : sequence of PlannedAction, optional
        The action plan.

    Raises
    ------
    ValidationError
        If option or action ids repeat, or an action names an unknown option.

    Examples
    --------
    >>> sheet = CurveWorksheet(
    ...     id="rereferrals-2025", indicator_id="rereferrals",
    ...     story=[Factor(description="Cases closed without a plan", influence="restricting")],
    ...     options=[
    ...         Option(id="step_down", description="Step-down meetings before closing",
    ...                leverage="high", feasibility="high", specificity="medium",
    ...                values="high", no_cost=True),
    ...         Option(id="audit", description="Audit closed cases", leverage="medium",
    ...                feasibility="high", specificity="high", values="medium"),
    ...     ],
    ... )
    >>> [option.id for option in sheet.ranked_options()], sheet.has_no_cost_option
    (['step_down', 'audit'], True)
    """

    id: str = attrs.field(metadata=_util.checks(_util.identifier))
    indicator_id: str = attrs.field(metadata=_util.checks(_util.identifier))
    baseline_end: str | None = attrs.field(default=None, metadata=_util.checks(_period_label))
    story: tuple[Factor, ...] = attrs.field(default=(), converter=_util.to_tuple)
    partners: tuple[Partner, ...] = attrs.field(default=(), converter=_util.to_tuple)
    options: tuple[Option, ...] = attrs.field(default=(), converter=_util.to_tuple)
    actions: tuple[PlannedAction, ...] = attrs.field(default=(), converter=_util.to_tuple)

    def __attrs_post_init__(self) -> None:
        _util.validate(self, _worksheet_references)

    def ranked_options(self) -> tuple[Option, ...]:
        """The options, most promising first: by points, then leverage, then listed order.

        Examples
        --------
        >>> CurveWorksheet(id="w", indicator_id="x").ranked_options()
        ()
        """
        order = sorted(
            enumerate(self.options),
            key=lambda pair: (-pair[1].points, -pair[1].leverage.points, pair[0]),
        )
        return tuple(option for _, option in order)

    @property
    def has_no_cost_option(self) -> bool:
        """Whether some option needs no new money, as the exercise asks.

        Examples
        --------
        >>> CurveWorksheet(id="w", indicator_id="x").has_no_cost_option
        False
        """
        return any(option.no_cost for option in self.options)

    def factors(
        self, *, influence: Influence | str | None = None, depth: Depth | str | None = None
    ) -> tuple[Factor, ...]:
        """The story's factors, optionally of one influence and/or one depth.

        Examples
        --------
        >>> sheet = CurveWorksheet(id="w", indicator_id="x", story=[
        ...     Factor(description="A", influence="contributing"),
        ...     Factor(description="B", influence="restricting", depth="root")])
        >>> [f.description for f in sheet.factors(influence="restricting")]
        ['B']
        """
        return tuple(
            factor
            for factor in self.story
            if (influence is None or factor.influence == influence)
            and (depth is None or factor.depth == depth)
        )

    def unplanned_options(self) -> tuple[Option, ...]:
        """Options no action of the plan carries out, in ranked order.

        Examples
        --------
        >>> sheet = CurveWorksheet(id="w", indicator_id="x", options=[
        ...     Option(id="o", description="D", leverage="low", feasibility="low",
        ...            specificity="low", values="low")])
        >>> [o.id for o in sheet.unplanned_options()]
        ['o']
        """
        planned = {action.option_id for action in self.actions}
        return tuple(option for option in self.ranked_options() if option.id not in planned)


register_document(ReportCard, "report-card")
register_document(CurveWorksheet, "curve-worksheet")
