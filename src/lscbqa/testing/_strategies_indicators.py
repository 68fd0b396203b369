"""Strategies for indicators, bands, OBA report cards, worksheets and comparators.

Re-exported by :mod:`lscbqa.testing.strategies`, the one place to import them from.
"""

from __future__ import annotations

from hypothesis import strategies as st

from lscbqa.indicators.benchmarking import Comparators
from lscbqa.indicators.oba import (
    CurveWorksheet,
    DataDevelopmentItem,
    Depth,
    Factor,
    Influence,
    Option,
    Partner,
    PlannedAction,
    Power,
    ReportCard,
)
from lscbqa.measures import Band, Indicator, IndicatorKind, ObaRole, Polarity, RagBands, Unit
from lscbqa.periods import Period, PeriodType
from lscbqa.testing._strategies_base import (
    _ID_LISTS,
    _IDS,
    _MAX_ITEMS,
    _NON_BLANK_TEXTS,
    _OPTIONAL_DATES,
    _OPTIONAL_IDS,
    _OPTIONAL_NON_BLANK_TEXTS,
    _QUESTION_LISTS,
)

__all__ = ["bands", "comparators", "curve_worksheets", "indicators", "rag_bands", "report_cards"]


# -- indicators ---------------------------------------------------------------------------------

_NUMBERS = st.floats(allow_nan=False, allow_infinity=False)
_OPTIONAL_NUMBERS = st.none() | _NUMBERS
_BANDS = (
    st.lists(_NUMBERS, min_size=2, max_size=2)
    .map(sorted)
    .map(lambda ends: Band(low=ends[0], high=ends[1]))
)
_RAG_BANDS = st.builds(RagBands, green=_NUMBERS, amber=_NUMBERS)
_PERIOD_LABELS = st.builds(
    lambda kind, year: kind.periods(_first_period(kind, year), 1)[0].label,
    st.sampled_from(list(PeriodType)),
    st.integers(min_value=1900, max_value=2100),
)


def _first_period(kind: PeriodType, year: int) -> Period:
    if kind is PeriodType.MONTH:
        return Period.month(year, 1)
    if kind is PeriodType.QUARTER:
        return Period.quarter(year, 1)
    if kind is PeriodType.FINANCIAL_YEAR:
        return Period.financial_year(year)
    if kind is PeriodType.ACADEMIC_YEAR:
        return Period.academic_year(year)
    return Period.calendar_year(year)


@st.composite
def _indicators(draw: st.DrawFn) -> Indicator:
    polarity = draw(st.sampled_from(list(Polarity)))
    band = draw(_BANDS if polarity is Polarity.WITHIN_BAND else st.none() | _BANDS)
    unit = draw(st.sampled_from(list(Unit)))
    return Indicator(
        id=draw(_IDS),
        title=draw(_NON_BLANK_TEXTS),
        polarity=polarity,
        band=band,
        unit=unit,
        factor=draw(st.none() | st.floats(min_value=1e-6, max_value=1e9)) or unit.factor,
        period_type=draw(st.sampled_from(list(PeriodType))),
        kind=draw(st.sampled_from(list(IndicatorKind))),
        numerator=draw(_OPTIONAL_NON_BLANK_TEXTS),
        denominator=draw(_OPTIONAL_NON_BLANK_TEXTS),
        oba_role=draw(st.none() | st.sampled_from(list(ObaRole))),
        target=draw(_OPTIONAL_NUMBERS),
        trajectory=draw(st.dictionaries(_PERIOD_LABELS, _NUMBERS, max_size=_MAX_ITEMS)),
        rag=draw(st.none() | _RAG_BANDS),
        source_code=draw(_OPTIONAL_NON_BLANK_TEXTS),
        source=draw(_OPTIONAL_NON_BLANK_TEXTS),
        description=draw(_OPTIONAL_NON_BLANK_TEXTS),
        criterion_ids=draw(_ID_LISTS),
        challenge_questions=draw(_QUESTION_LISTS),
    )


_INDICATORS = _indicators()


def bands() -> st.SearchStrategy[Band]:
    """Healthy bands with finite ends, ``low <= high``.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of Band

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(bands())
    ... def test_ends_are_in_the_band(band):
    ...     assert band.low in band and band.high in band
    >>> test_ends_are_in_the_band()
    """
    return _BANDS


def rag_bands() -> st.SearchStrategy[RagBands]:
    """Red, amber and green thresholds: any two finite numbers.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of RagBands

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(rag_bands())
    ... def test_green_is_green(rag):
    ...     assert rag.status(rag.green, "higher_is_better") == "green"
    >>> test_green_is_green()
    """
    return _RAG_BANDS


def indicators() -> st.SearchStrategy[Indicator]:
    """Indicators of every polarity, unit, period type and OBA role.

    A ``within_band`` indicator always has a band; trajectories are keyed by
    valid period labels; factors are positive.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of Indicator

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(indicators())
    ... def test_rates_use_the_factor(indicator):
    ...     assert indicator.rate(1, 1) == indicator.factor
    >>> test_rates_use_the_factor()
    """
    return _INDICATORS


_POWERS = st.sampled_from(list(Power))


@st.composite
def _report_cards(draw: st.DrawFn) -> ReportCard:
    indicators = list({i.id: i for i in draw(st.lists(_INDICATORS, max_size=_MAX_ITEMS))}.values())
    ids = [indicator.id for indicator in indicators]
    headlines = draw(st.lists(st.sampled_from(ids), unique=True)) if ids else []
    agenda = draw(
        st.lists(
            st.builds(
                DataDevelopmentItem,
                id=_IDS,
                title=_NON_BLANK_TEXTS,
                oba_role=st.sampled_from(list(ObaRole)),
                next_step=_OPTIONAL_NON_BLANK_TEXTS,
            ),
            max_size=2,
            unique_by=lambda item: item.id,
        )
    )
    return ReportCard(
        id=draw(_IDS),
        title=draw(_NON_BLANK_TEXTS),
        indicators=indicators,
        headline_ids=headlines,
        data_development=agenda,
    )


_OPTIONS = st.builds(
    Option,
    id=_IDS,
    description=_NON_BLANK_TEXTS,
    leverage=_POWERS,
    feasibility=_POWERS,
    specificity=_POWERS,
    values=_POWERS,
    no_cost=st.booleans(),
)


@st.composite
def _curve_worksheets(draw: st.DrawFn) -> CurveWorksheet:
    options = draw(st.lists(_OPTIONS, max_size=_MAX_ITEMS, unique_by=lambda o: o.id))
    option_ids = st.none() | st.sampled_from([o.id for o in options]) if options else st.none()
    actions = draw(
        st.lists(
            st.builds(
                PlannedAction,
                id=_IDS,
                description=_NON_BLANK_TEXTS,
                option_id=option_ids,
                owner=_OPTIONAL_IDS,
                due=_OPTIONAL_DATES,
            ),
            max_size=_MAX_ITEMS,
            unique_by=lambda a: a.id,
        )
    )
    return CurveWorksheet(
        id=draw(_IDS),
        indicator_id=draw(_IDS),
        baseline_end=draw(st.none() | _PERIOD_LABELS),
        story=draw(
            st.lists(
                st.builds(
                    Factor,
                    description=_NON_BLANK_TEXTS,
                    influence=st.sampled_from(list(Influence)),
                    depth=st.sampled_from(list(Depth)),
                ),
                max_size=_MAX_ITEMS,
            )
        ),
        partners=draw(
            st.lists(
                st.builds(
                    Partner,
                    name=_NON_BLANK_TEXTS,
                    role=_OPTIONAL_NON_BLANK_TEXTS,
                    agency_id=_OPTIONAL_IDS,
                ),
                max_size=_MAX_ITEMS,
            )
        ),
        options=options,
        actions=actions,
    )


_REPORT_CARDS = _report_cards()
_CURVE_WORKSHEETS = _curve_worksheets()


def report_cards() -> st.SearchStrategy[ReportCard]:
    """OBA report cards: indicators with unique ids, headlines among them, a data agenda.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of ReportCard

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(report_cards())
    ... def test_headlines_are_on_the_card(card):
    ...     assert set(card.headline_ids) <= {i.id for i in card.indicators}
    >>> test_headlines_are_on_the_card()
    """
    return _REPORT_CARDS


def curve_worksheets() -> st.SearchStrategy[CurveWorksheet]:
    """Turn-the-curve worksheets whose actions carry out options of the worksheet.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of CurveWorksheet

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(curve_worksheets())
    ... def test_ranked_options_are_the_options(sheet):
    ...     ranked = sorted(option.id for option in sheet.ranked_options())
    ...     assert ranked == sorted(option.id for option in sheet.options)
    >>> test_ranked_options_are_the_options()
    """
    return _CURVE_WORKSHEETS


@st.composite
def _comparators(draw: st.DrawFn) -> Comparators:
    areas = draw(st.lists(_IDS, max_size=5, unique=True))
    regions = (
        {area: draw(_NON_BLANK_TEXTS) for area in draw(st.sets(st.sampled_from(areas)))}
        if areas
        else {}
    )
    neighbours: dict[str, list[str]] = {}
    for area in areas:
        others = [other for other in areas if other != area]
        if not others:
            continue
        if draw(st.booleans()):
            neighbours[area] = draw(st.lists(st.sampled_from(others), unique=True, max_size=3))
    england = draw(st.none() | _IDS)
    return Comparators(regions=regions, neighbours=neighbours, england=england)


_COMPARATORS = _comparators()


def comparators() -> st.SearchStrategy[Comparators]:
    """Regions and statistical neighbours of a few areas; nobody is their own neighbour.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of Comparators

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(comparators())
    ... def test_no_area_neighbours_itself(found):
    ...     assert all(area not in near for area, near in found.neighbours.items())
    >>> test_no_area_neighbours_itself()
    """
    return _COMPARATORS
