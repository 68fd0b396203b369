"""Strategies for spreadsheet layouts (column mappings).

Re-exported by :mod:`lscbqa.testing.strategies`, the one place to import them from.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from lscbqa.io.layout import CASE_AUDIT_COLUMNS, SECTION11_COLUMNS, ColumnMapping, normalise_header
from lscbqa.testing._strategies_base import _IDS, _MAX_ITEMS, _NON_BLANK_TEXTS

__all__ = ["column_mappings"]


# -- spreadsheet layouts ------------------------------------------------------------------------

_MAPPING_KEYS = _NON_BLANK_TEXTS.filter(lambda text: normalise_header(text) != "")
_COLUMN_NAMES = tuple(dict.fromkeys((*SECTION11_COLUMNS, *CASE_AUDIT_COLUMNS)))
_SEPARATORS = st.sampled_from([";", "|", ",", " / "])


def _folded_keys(values: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Dictionaries whose keys differ beyond case and spacing."""
    return st.dictionaries(_MAPPING_KEYS, values, max_size=_MAX_ITEMS).filter(
        lambda mapping: len({normalise_header(key) for key in mapping}) == len(mapping)
    )


@st.composite
def _column_mappings(draw: st.DrawFn) -> ColumnMapping:
    headers = draw(_folded_keys(st.just("")))
    fields = draw(
        st.lists(
            st.sampled_from(_COLUMN_NAMES),
            min_size=len(headers),
            max_size=len(headers),
            unique=True,
        )
    )
    read = {normalise_header(header) for header in headers}
    ignore = draw(
        st.lists(
            _MAPPING_KEYS.filter(lambda text: normalise_header(text) not in read),
            max_size=_MAX_ITEMS,
        )
    )
    return ColumnMapping(
        columns=dict(zip(headers, fields, strict=True)),
        levels=draw(_folded_keys(_IDS)),
        subjects=draw(_folded_keys(_IDS)),
        criteria=draw(_folded_keys(_IDS)),
        ignore=ignore,
        header_row=draw(st.integers(min_value=1, max_value=50)),
        evidence_separator=draw(_SEPARATORS),
    )


_COLUMN_MAPPINGS = _column_mappings()


def column_mappings() -> st.SearchStrategy[ColumnMapping]:
    """A council's spreadsheet layout mapped onto the columns lscbqa.io reads.

    Returns
    -------
    hypothesis.strategies.SearchStrategy of ColumnMapping
        Up to three headers each mapped to a distinct column, level words, agency
        names and criterion labels mapped to ids, ignored headers apart from the
        mapped ones, a header row from 1 to 50 and a visible evidence separator.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=20)
    ... @given(column_mappings())
    ... def test_mapped_headers_read_as_their_columns(mapping):
    ...     assert all(mapping.field_for(h) == f for h, f in mapping.columns.items())
    >>> test_mapped_headers_read_as_their_columns()
    """
    return _COLUMN_MAPPINGS
