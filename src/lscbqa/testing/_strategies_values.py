"""Strategies for scales, periods, evidence, provenance and carried ratings.

Re-exported by :mod:`lscbqa.testing.strategies`, the one place to import them from.
"""

from __future__ import annotations

import datetime
import functools
import itertools
from collections.abc import Sequence
from typing import Any, NamedTuple

from hypothesis import strategies as st

from lscbqa.evidence import Evidence, Sensitivity, Strength
from lscbqa.mappings import Carried, Relation
from lscbqa.model import EvidenceExpectation
from lscbqa.periods import Period
from lscbqa.provenance import Change, Origin, OriginStatus
from lscbqa.scales import Level, RatingScale, ScaleKind
from lscbqa.testing._strategies_base import (
    _BUILTIN_SCALES,
    _CUT_POINTS,
    _DATES,
    _EVIDENCE_KINDS,
    _ID_LISTS,
    _IDS,
    _LEVEL_CODES,
    _MAX_ITEMS,
    _NON_BLANK_TEXTS,
    _OPTIONAL_COLOURS,
    _OPTIONAL_DATES,
    _OPTIONAL_IDS,
    _OPTIONAL_NON_BLANK_TEXTS,
    _OPTIONAL_TEXTS,
    _SCALE_KINDS,
    _STARTS,
    _STEPS,
    _sampled_lists,
    _with_extras,
)

__all__ = [
    "carried",
    "changes",
    "evidence",
    "evidence_expectations",
    "levels",
    "origins",
    "periods",
    "rating_scales",
]


# -- scales -------------------------------------------------------------------------------------


def levels() -> st.SearchStrategy[Level]:
    """Levels of a rating scale, with any finite value.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of Level
        Codes are ids other than ``"not_applicable"``; labels are not blank;
        descriptors and ``#RRGGBB`` colours are sometimes present.

    Examples
    --------
    >>> import math
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(levels())
    ... def test_levels_are_valid(level):
    ...     assert level.code != "not_applicable" and level.label.strip()
    ...     assert math.isfinite(level.value)
    >>> test_levels_are_valid()
    """
    return _LEVELS


_LEVELS = st.builds(
    Level,
    code=_LEVEL_CODES,
    label=_NON_BLANK_TEXTS,
    value=st.floats(allow_nan=False, allow_infinity=False),
    descriptor=_OPTIONAL_TEXTS,
    colour=_OPTIONAL_COLOURS,
)


class _LevelParts(NamedTuple):
    code: str
    label: str
    descriptor: str | None
    colour: str | None
    step: float


_LEVEL_PARTS = st.builds(
    _LevelParts,
    code=_LEVEL_CODES,
    label=_NON_BLANK_TEXTS,
    descriptor=_OPTIONAL_TEXTS,
    colour=_OPTIONAL_COLOURS,
    step=_STEPS,
)


def _assemble_scale(
    *,
    scale_id: str,
    title: str,
    kind: ScaleKind,
    start: float,
    parts: list[_LevelParts],
    cuts: list[float] | None,
) -> RatingScale:
    values = itertools.accumulate((part.step for part in parts[1:]), initial=start)
    return RatingScale(
        id=scale_id,
        title=title,
        kind=kind,
        levels=[
            Level(
                code=part.code,
                label=part.label,
                value=value,
                descriptor=part.descriptor,
                colour=part.colour,
            )
            for part, value in zip(parts, values, strict=True)
        ],
        thresholds=() if cuts is None else sorted(cuts[: len(parts) - 1]),
    )


@functools.lru_cache(maxsize=16)
def _builtin_scales(names: tuple[str, ...]) -> st.SearchStrategy[RatingScale]:
    # Drawn by name: a repr listing whole scales would run to kilobytes.
    return st.sampled_from(names).map(_BUILTIN_SCALES.__getitem__)


_ANY_BUILTIN_SCALE = _builtin_scales(tuple(_BUILTIN_SCALES))


@functools.lru_cache(maxsize=16)
def _rating_scales(min_levels: int, max_levels: int) -> st.SearchStrategy[RatingScale]:
    generated = st.builds(
        _assemble_scale,
        scale_id=_IDS,
        title=_NON_BLANK_TEXTS,
        kind=_SCALE_KINDS,
        start=_STARTS,
        parts=st.lists(
            _LEVEL_PARTS,
            min_size=min_levels,
            max_size=max_levels,
            unique_by=lambda part: part.code,
        ),
        cuts=st.none()
        | st.lists(_CUT_POINTS, min_size=max_levels - 1, max_size=max_levels - 1, unique=True),
    )
    builtin = [s.id for s in _BUILTIN_SCALES.values() if min_levels <= len(s.levels) <= max_levels]
    if not builtin:
        return generated
    return st.one_of(generated, generated, generated, _builtin_scales(tuple(builtin)))


def rating_scales(*, min_levels: int = 2, max_levels: int = 6) -> st.SearchStrategy[RatingScale]:
    """Rating scales: sometimes a built-in one, usually a new one.

    Parameters
    ----------
    min_levels : int, default 2
        The fewest levels a scale may have; at least 2.
    max_levels : int, default 6
        The most levels a scale may have.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of RatingScale
        New scales have unique codes; values that start between -100 and 100 and
        rise in steps of 0.1 to 100, in tenths; and sometimes their own increasing
        thresholds in (0, 1], in thousandths.

    Raises
    ------
    ValueError
        If ``min_levels < 2`` or ``max_levels < min_levels``.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(rating_scales(min_levels=3))
    ... def test_normalised_scores_run_from_0_to_1(scale):
    ...     scores = [scale.normalise(code) for code in scale.codes]
    ...     assert len(scores) >= 3 and scores[0] == 0 and scores[-1] == 1
    ...     assert scores == sorted(scores)
    >>> test_normalised_scores_run_from_0_to_1()
    """
    if min_levels < 2 or max_levels < min_levels:
        raise ValueError(
            "expected 2 <= min_levels <= max_levels; "
            f"found min_levels={min_levels}, max_levels={max_levels}"
        )
    return _rating_scales(min_levels, max_levels)


# -- periods and evidence -----------------------------------------------------------------------


def _period_between(first: datetime.date, second: datetime.date) -> Period:
    return Period(start=min(first, second), end=max(first, second))


_PERIODS = st.builds(_period_between, _DATES, _DATES)
_OPTIONAL_PERIODS = st.none() | _PERIODS


def periods() -> st.SearchStrategy[Period]:
    """Periods between any two dates (both ends included, so one day at least).

    Returns
    -------
    hypothesis.strategies.SearchStrategy of Period

    Examples
    --------
    >>> from hypothesis import find
    >>> period = find(periods(), lambda p: p.days > 30)
    >>> period.start < period.end, period.days > 30
    (True, True)
    """
    return _PERIODS


_EXPECTATIONS = st.builds(
    EvidenceExpectation,
    min_count=st.integers(min_value=0, max_value=5),
    kinds=st.lists(_EVIDENCE_KINDS, max_size=_MAX_ITEMS, unique=True),
)


def evidence_expectations() -> st.SearchStrategy[EvidenceExpectation]:
    """What a criterion expects behind each rating: a small count and some kinds.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of EvidenceExpectation
        ``min_count`` from 0 to 5; up to three distinct kinds.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True, database=None)
    ... @given(evidence_expectations())
    ... def test_expectations_are_small(expectation):
    ...     assert 0 <= expectation.min_count <= 5
    ...     assert len(set(expectation.kinds)) == len(expectation.kinds) <= 3
    >>> test_expectations_are_small()
    """
    return _EXPECTATIONS


def _evidence_fields(cited: st.SearchStrategy[list[str]]) -> st.SearchStrategy[dict[str, Any]]:
    """Every field of a piece of evidence, citing criteria drawn by ``cited``."""
    return _with_extras(
        {
            "id": _IDS,
            "title": _NON_BLANK_TEXTS,
            "kind": _EVIDENCE_KINDS,
            "criterion_ids": cited,
            "sensitivity": st.sampled_from(Sensitivity),
        },
        _EVIDENCE_EXTRAS,
    )


_EVIDENCE_EXTRAS = {
    "source_agency_id": _OPTIONAL_IDS,
    "collected_on": _OPTIONAL_DATES,
    "period": _OPTIONAL_PERIODS,
    "uri": _OPTIONAL_NON_BLANK_TEXTS,
    "strength": st.sampled_from(Strength),
    "notes": _OPTIONAL_TEXTS,
}


def _make_evidence(fields: dict[str, Any]) -> Evidence:
    return Evidence(**fields)


def evidence(*, criterion_ids: Sequence[str] | None = None) -> st.SearchStrategy[Evidence]:
    """Pieces of evidence, of every kind, strength and sensitivity.

    Parameters
    ----------
    criterion_ids : sequence of str, optional
        The criteria evidence may bear on; any ids by default. An empty sequence
        means evidence that names no criterion.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of Evidence

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(evidence(criterion_ids=["s11.1", "s11.2"]))
    ... def test_evidence_names_known_criteria(item):
    ...     assert set(item.criterion_ids) <= {"s11.1", "s11.2"}
    >>> test_evidence_names_known_criteria()
    """
    cited = _ID_LISTS if criterion_ids is None else _sampled_lists(tuple(criterion_ids))
    return _evidence_fields(cited).map(_make_evidence)


# -- provenance and carried ratings -------------------------------------------------------------

_FIELD_NAMES = st.sampled_from(
    ["title", "description", "guidance", "descriptors", "weight", "scale", "evidence", "tags"]
)
_CHANGES = st.builds(
    Change, layer=_IDS, fields=st.lists(_FIELD_NAMES, min_size=1, max_size=_MAX_ITEMS, unique=True)
)


def changes() -> st.SearchStrategy[Change]:
    """Changes one tailoring layer made to a node: the layer and the fields it changed.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of Change
        One to three distinct field names of criteria and domains.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True, database=None)
    ... @given(changes())
    ... def test_changes_name_distinct_fields(change):
    ...     assert 1 <= len(set(change.fields)) == len(change.fields) <= 3
    >>> test_changes_name_distinct_fields()
    """
    return _CHANGES


_ORIGINS = st.builds(
    Origin,
    status=st.sampled_from(OriginStatus),
    layer=_IDS,
    changes=st.lists(_CHANGES, max_size=2),
)


def origins() -> st.SearchStrategy[Origin]:
    """Where a node of a tailored framework came from: inherited, modified or added.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of Origin
        With up to two changes by later layers.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True, database=None)
    ... @given(origins())
    ... def test_changed_fields_are_listed_once(origin):
    ...     fields = origin.changed_fields
    ...     assert len(fields) == len(set(fields))
    ...     assert str(origin).startswith(origin.status.value)
    >>> test_changed_fields_are_listed_once()
    """
    return _ORIGINS


_CARRIED = st.builds(
    Carried,
    framework_id=_IDS,
    framework_version=_OPTIONAL_NON_BLANK_TEXTS,
    criterion_id=_IDS,
    relation=st.sampled_from(Relation),
)


def carried() -> st.SearchStrategy[Carried]:
    """Where a carried-over rating came from: a criterion of another framework, and how related.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of Carried

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20, derandomize=True, database=None)
    ... @given(carried())
    ... def test_sources_name_criterion_and_relation(source):
    ...     assert str(source).endswith(f"{source.criterion_id} ({source.relation.value})")
    >>> test_sources_name_criterion_and_relation()
    """
    return _CARRIED
