"""Round trips at scale: 1,000 drawn values of every document type, in every format.

The quick suite (tests/test_roundtrip.py) draws 200 values a type; these tests, behind
the ``slow`` marker, draw 1,000 (200 hypothesis examples of 5 values each: drawing is
most of the cost, and a batch shares the engine's work per example), each checked
through dicts and every text format. CI runs them (``pytest`` runs every marker);
deselect them locally with ``pytest -m "not slow"``. ``LSCBQA_SLOW_VALUES`` sets
another number of values a type.

Measured on the 2-core development machine (2026-11-28), busy with other work (load
about 4): 6 min 6 s wall clock, 3 min 57 s of CPU, for the 66 tests (two per type).
"""

from __future__ import annotations

import os
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lscbqa.serialize import FORMATS, dumps, from_dict, loads, to_dict
from test_roundtrip import STRATEGIES

VALUES = int(os.environ.get("LSCBQA_SLOW_VALUES", "1000"))
BATCH = 5

pytestmark = pytest.mark.slow


def _changed_by_round_trips(value: Any) -> list[str]:
    """The ways through which ``value`` does not come back equal: "dict", or a format."""
    cls = type(value)
    back = {"dict": from_dict(to_dict(value), cls)}
    back.update({fmt: loads(dumps(value, format=fmt), cls, format=fmt) for fmt in FORMATS})
    return [way for way, loaded in back.items() if loaded != value]


class TestRoundTripAtScale:
    @pytest.mark.parametrize("strategy", STRATEGIES)
    @settings(
        max_examples=VALUES // BATCH,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(data=st.data())
    def test_round_trip_is_lossless(
        self, strategy: st.SearchStrategy[Any], data: st.DataObject
    ) -> None:
        """x == from_dict(to_dict(x)) == loads(dumps(x, format=f), type(x), format=f) for each f."""
        values = data.draw(st.lists(strategy, min_size=BATCH, max_size=BATCH), label="values")
        assert [_changed_by_round_trips(value) for value in values] == [[]] * BATCH

    @pytest.mark.parametrize("strategy", STRATEGIES)
    @settings(max_examples=VALUES // 20, deadline=None, database=None)
    @given(data=st.data())
    def test_dumps_is_stable(self, strategy: st.SearchStrategy[Any], data: st.DataObject) -> None:
        """Dumping a loaded document gives the same text again, in every format."""
        value = data.draw(strategy, label="value")
        for fmt in FORMATS:
            text = dumps(value, format=fmt)
            assert dumps(loads(text, type(value), format=fmt), format=fmt) == text, fmt
