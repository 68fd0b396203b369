"""Hypothesis strategies for every lscbqa value type, for property tests (yours too).

Every strategy draws valid values by default: ids match the id pattern, text that
must not be blank is not, level codes are never ``"not_applicable"``, ids are unique
wherever a value requires it, and references between values (a rating to its
criterion, level and evidence; a framework's scoring policy to its nodes and levels)
hold. Text is printable (no control characters or surrogates), floats are finite and
dates are :class:`datetime.date`. Sizes are kept small so that property tests stay fast.

Needs the ``testing`` extra: ``pip install "lscbqa[testing]"``.

Examples
--------
Use them in your own property tests:

>>> from hypothesis import given, settings
>>> from lscbqa.serialize import dumps, loads
>>> from lscbqa.testing.strategies import agencies
>>> @settings(max_examples=20)
... @given(agencies())
... def test_agencies_survive_json(agency):
...     assert loads(dumps(agency), type(agency)) == agency
>>> test_agencies_survive_json()

:func:`hypothesis.find` draws the simplest value that meets a condition. It is quick
for small values; shrinking a large one, such as a framework, can take minutes, so
look at those with a test as above:

>>> from hypothesis import find
>>> from lscbqa.testing.strategies import periods
>>> period = find(periods(), lambda period: period.days > 30)
>>> period.days > 30, period.start < period.end
(True, True)
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

from lscbqa.actions import Action, ActionPlan
from lscbqa.agencies import Agency
from lscbqa.assessment import Assessment, Finding, Rating
from lscbqa.evidence import Evidence
from lscbqa.exceptions import MissingDependencyError, NotFoundError
from lscbqa.indicators.benchmarking import Comparators
from lscbqa.indicators.oba import CurveWorksheet, ReportCard
from lscbqa.io.layout import ColumnMapping
from lscbqa.mappings import Carried, CriterionLink, FrameworkMapping
from lscbqa.measures import Band, Indicator, RagBands
from lscbqa.model import Criterion, Domain, EvidenceExpectation, Framework
from lscbqa.periods import Period
from lscbqa.policy import LimitingRule, ScoringPolicy
from lscbqa.provenance import Change, Origin
from lscbqa.scales import Level, RatingScale
from lscbqa.scrutiny.log import ChallengeLog
from lscbqa.tailoring import Addition, Modification, Settings, Tailoring

try:
    from hypothesis import strategies as st
except ImportError:
    raise MissingDependencyError("hypothesis", "testing") from None

# The strategies live in private modules by area; this module is the one to import them from.
from lscbqa.testing._strategies_assessments import (
    assessments,
    criterion_links,
    findings,
    framework_mappings,
    ratings,
)
from lscbqa.testing._strategies_indicators import (
    bands,
    comparators,
    curve_worksheets,
    indicators,
    rag_bands,
    report_cards,
)
from lscbqa.testing._strategies_layouts import column_mappings
from lscbqa.testing._strategies_partnership import action_plans, actions, agencies, challenge_logs
from lscbqa.testing._strategies_policy import limiting_rules, scoring_policies
from lscbqa.testing._strategies_tailoring import (
    additions,
    modifications,
    tailoring_settings,
    tailorings,
)
from lscbqa.testing._strategies_tree import criteria, domains, frameworks
from lscbqa.testing._strategies_values import (
    carried,
    changes,
    evidence,
    evidence_expectations,
    levels,
    origins,
    periods,
    rating_scales,
)

__all__ = [
    "action_plans",
    "actions",
    "additions",
    "agencies",
    "assessments",
    "bands",
    "carried",
    "challenge_logs",
    "changes",
    "column_mappings",
    "comparators",
    "criteria",
    "criterion_links",
    "curve_worksheets",
    "documents",
    "domains",
    "evidence",
    "evidence_expectations",
    "findings",
    "framework_mappings",
    "frameworks",
    "indicators",
    "levels",
    "limiting_rules",
    "modifications",
    "origins",
    "periods",
    "rag_bands",
    "rating_scales",
    "ratings",
    "report_cards",
    "scoring_policies",
    "strategy_for",
    "strategy_types",
    "tailoring_settings",
    "tailorings",
]


_T = TypeVar("_T")


# -- any document -------------------------------------------------------------------------------

# The strategy for every document type, with default options: each value class once, in the
# order strategy_types() gives and documents() draws from.
_STRATEGY_MAKERS: tuple[tuple[type, Callable[[], st.SearchStrategy[Any]]], ...] = (
    (Level, levels),
    (RatingScale, rating_scales),
    (Period, periods),
    (EvidenceExpectation, evidence_expectations),
    (Criterion, criteria),
    (Domain, domains),
    (Framework, frameworks),
    (Evidence, evidence),
    (Rating, ratings),
    (Assessment, assessments),
    (Finding, findings),
    (Action, actions),
    (ActionPlan, action_plans),
    (Agency, agencies),
    (Change, changes),
    (Origin, origins),
    (Carried, carried),
    (Tailoring, tailorings),
    (Addition, additions),
    (Modification, modifications),
    (Settings, tailoring_settings),
    (FrameworkMapping, framework_mappings),
    (CriterionLink, criterion_links),
    (ScoringPolicy, scoring_policies),
    (LimitingRule, limiting_rules),
    (Indicator, indicators),
    (Band, bands),
    (RagBands, rag_bands),
    (ReportCard, report_cards),
    (CurveWorksheet, curve_worksheets),
    (Comparators, comparators),
    (ChallengeLog, challenge_logs),
    (ColumnMapping, column_mappings),
)


@functools.cache
def _strategies_by_type() -> dict[type, st.SearchStrategy[Any]]:
    # Built on first use, once: building every strategy at import would slow the import.
    return {cls: make() for cls, make in _STRATEGY_MAKERS}


def strategy_types() -> tuple[type, ...]:
    """Every value type that :func:`strategy_for` has a strategy for: every document type.

    Returns
    -------
    tuple of type
        Each type once, in a fixed order, levels and scales first.

    Examples
    --------
    >>> from lscbqa.scales import Level
    >>> types = strategy_types()
    >>> types[0] is Level, len(types) == len(set(types))
    (True, True)
    >>> sorted(cls.__name__ for cls in types)[:3]
    ['Action', 'ActionPlan', 'Addition']
    """
    return tuple(cls for cls, _ in _STRATEGY_MAKERS)


def strategy_for(cls: type[_T]) -> st.SearchStrategy[_T]:
    """The strategy that draws values of the document type ``cls``, with default options.

    A way to reach the strategies by type, for tests that run over many types; the
    strategy is the one the type's own function (``frameworks()`` for
    :class:`~lscbqa.model.Framework`) returns without options.

    Parameters
    ----------
    cls : type
        One of :func:`strategy_types`; subclasses are not looked up.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of cls

    Raises
    ------
    NotFoundError
        If ``cls`` is not a type that has a strategy; the message names it and lists
        the types that have one.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from lscbqa.agencies import Agency
    >>> @settings(max_examples=20)
    ... @given(strategy_for(Agency))
    ... def test_agencies_are_drawn(agency):
    ...     assert type(agency) is Agency
    >>> test_agencies_are_drawn()
    >>> strategy_for(dict)
    Traceback (most recent call last):
    ...
    lscbqa.exceptions.NotFoundError: no strategy for type 'dict'; known: Action, ActionPlan, ...
    """
    # Looked up by identity, so that an unhashable argument is not found rather than a TypeError.
    for known, strategy in _strategies_by_type().items():
        if known is cls:
            return cast("st.SearchStrategy[_T]", strategy)
    what = f"type {cls.__qualname__!r}" if isinstance(cls, type) else f"{cls!r}, not a type"
    known_names = ", ".join(sorted(known.__qualname__ for known in strategy_types()))
    raise NotFoundError(f"no strategy for {what}; known: {known_names}")


def documents() -> st.SearchStrategy[object]:
    """Any value that can be written as a document, of every document type.

    Returns
    -------
    hypothesis.strategies.SearchStrategy
        Values drawn from every other strategy in this module, with default
        options: :func:`strategy_for` each of :func:`strategy_types`.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> from lscbqa.serialize import from_dict, to_dict
    >>> @settings(max_examples=20)
    ... @given(documents())
    ... def test_documents_survive_dicts(value):
    ...     assert from_dict(to_dict(value), type(value)) == value
    >>> test_documents_survive_dicts()
    """
    return _documents()


@st.composite
def _documents(draw: st.DrawFn) -> object:
    # A composite, not one_of: its repr stays short when a draw fails (see the tree parts).
    choices = tuple(_strategies_by_type().values())
    return draw(choices[draw(st.integers(min_value=0, max_value=len(choices) - 1))])
