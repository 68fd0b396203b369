"""The shared parts of the strategies: ids, text, dates, picks and the helpers that assemble values.

Private: the other ``_strategies_*`` modules build on these; users import the strategies
from :mod:`lscbqa.testing.strategies`.
"""

from __future__ import annotations

import functools
import operator
import string
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from hypothesis import strategies as st

from lscbqa.assessment import Role
from lscbqa.evidence import EvidenceKind
from lscbqa.scales import (
    MET3,
    NOT_APPLICABLE,
    OFSTED4,
    PERCENT_5,
    RAG3,
    SCORE_0_3,
    YES_NO,
    ScaleKind,
)

# Strategies are built once, here or in cached builders, and values are drawn as plain parts
# that are assembled afterwards (unique ids, descriptors on the scale in force, references by
# position). Building strategies inside a draw costs more than the draw itself, and lists of
# parts shrink far better than counts followed by loops.

_BUILTIN_SCALES = {scale.id: scale for scale in (OFSTED4, RAG3, MET3, SCORE_0_3, PERCENT_5, YES_NO)}
_ID_START = string.ascii_letters + string.digits
_ID_REST = _ID_START + "_.:/-"
_MAX_ID_TAIL = 8
_MAX_TEXT = 20
_MAX_ITEMS = 3
_MAX_CHILDREN = 2
_MAX_RATINGS = 4
_MAX_PICK = 31

# Printable text: no control characters, which free text rarely holds (lscbqa's own tests
# try them separately), and no surrogates (category Cs), which UTF-8 cannot encode. Leaving
# them out by category, not with codec="utf-8", is the same set of characters without the
# seconds Hypothesis spends computing a codec's characters on a fresh database.
_CHARACTERS = st.characters(exclude_categories=("Cc", "Cs"))
_IDS: st.SearchStrategy[str] = st.builds(
    operator.add, st.sampled_from(_ID_START), st.text(_ID_REST, max_size=_MAX_ID_TAIL)
)
_OPTIONAL_IDS = st.none() | _IDS
_ID_LISTS = st.lists(_IDS, max_size=_MAX_ITEMS)
_LEVEL_CODES = _IDS.filter(lambda code: code != NOT_APPLICABLE)
_TEXTS = st.text(_CHARACTERS, max_size=_MAX_TEXT)
_OPTIONAL_TEXTS = st.none() | _TEXTS
_NON_BLANK_TEXTS = st.text(_CHARACTERS, min_size=1, max_size=_MAX_TEXT).filter(
    lambda text: bool(text.strip())
)
_OPTIONAL_NON_BLANK_TEXTS = st.none() | _NON_BLANK_TEXTS
_OPTIONAL_COLOURS = st.none() | st.text("0123456789abcdefABCDEF", min_size=6, max_size=6).map(
    lambda hex_digits: "#" + hex_digits
)
_DATES = st.dates()
_OPTIONAL_DATES = st.none() | _DATES
_WEIGHTS = st.floats(min_value=0, allow_infinity=False)
_TAG_LISTS = st.lists(_TEXTS, max_size=_MAX_ITEMS)
_QUESTION_LISTS = st.lists(_NON_BLANK_TEXTS, max_size=_MAX_ITEMS)
_METADATA = st.dictionaries(_TEXTS, _TEXTS, max_size=_MAX_ITEMS)
_PICKS = st.integers(min_value=0, max_value=_MAX_PICK)
_PICK_LISTS = st.lists(_PICKS, max_size=_MAX_ITEMS)
# Level values start near zero and rise in steps of at least 0.1, so they are strictly
# increasing and far enough apart that their normalised scores stay distinct. Tenths and
# thousandths, rather than any float, keep shrinking quick.
_STARTS = st.integers(min_value=-1000, max_value=1000).map(lambda tenths: tenths / 10)
_STEPS = st.integers(min_value=1, max_value=1000).map(lambda tenths: tenths / 10)
_CUT_POINTS = st.integers(min_value=1, max_value=1000).map(lambda thousandths: thousandths / 1000)
_NOT_APPLICABLE_CHANCE = st.integers(min_value=0, max_value=4)
_SCALE_KINDS = st.sampled_from(ScaleKind)
_EVIDENCE_KINDS = st.sampled_from(EvidenceKind)
_ROLES = st.sampled_from(Role)

_V = TypeVar("_V")


def _unique(candidate: str, used: set[str]) -> str:
    """``candidate``, or it with a counter suffixed if it is taken; recorded as taken."""
    unique, counter = candidate, 0
    while unique in used:
        counter += 1
        unique = f"{candidate}.{counter}"
    used.add(unique)
    return unique


def _picked(options: Sequence[str], picks: Iterable[int]) -> list[str]:
    """The options at the picked positions, counted round, each once; none if no options."""
    if not options:
        return []
    return list(dict.fromkeys(options[pick % len(options)] for pick in picks))


def _with_unique_ids(make: Callable[..., _V], drawn: Iterable[dict[str, Any]]) -> list[_V]:
    """A value made from each drawn dict of fields, its id made unique among them."""
    used: set[str] = set()
    return [make({**fields, "id": _unique(fields["id"], used)}) for fields in drawn]


@functools.lru_cache(maxsize=256)
def _sampled(options: tuple[str, ...]) -> st.SearchStrategy[str]:
    return st.sampled_from(options)


@functools.lru_cache(maxsize=256)
def _sampled_lists(options: tuple[str, ...]) -> st.SearchStrategy[list[str]]:
    if not options:
        return st.builds(list)
    return st.lists(st.sampled_from(options), max_size=_MAX_ITEMS, unique=True)


def _choose_from(options: Sequence[str] | None, what: str) -> st.SearchStrategy[str]:
    if options is None:
        return _IDS
    if not options:
        raise ValueError(f"expected at least one {what} to draw from; found none")
    return _sampled(tuple(options))


def _merged(core: dict[str, Any], extras: dict[str, Any] | None) -> dict[str, Any]:
    return core if extras is None else {**core, **extras}


def _with_extras(
    core: dict[str, st.SearchStrategy[Any]], extras: dict[str, st.SearchStrategy[Any]]
) -> st.SearchStrategy[dict[str, Any]]:
    """The ``core`` fields, and half the time the ``extras`` too (else left at their defaults).

    Leaving optional fields out together keeps many values small and cheap to draw, while
    the other half still tries every optional field, each present or not.
    """
    return st.builds(
        _merged, st.fixed_dictionaries(core), st.none() | st.fixed_dictionaries(extras)
    )


def _or_not_applicable(codes: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """A level code, or (about one time in five) ``NOT_APPLICABLE``."""
    return st.tuples(_NOT_APPLICABLE_CHANCE, codes).map(
        lambda drawn: NOT_APPLICABLE if drawn[0] == 0 else drawn[1]
    )
