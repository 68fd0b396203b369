"""Fuzzing ``loads`` for every document type: any text, any bytes, any mutation.

Whatever it is given, :func:`lscbqa.serialize.loads` either returns a whole, valid
value of the type asked for (one that survives its own round trip) or raises an
:class:`~lscbqa.exceptions.LscbqaError` whose problems all have a JSON path. Never
another exception, never a hang (each call runs under the 5-second alarm of
tests/test_bad_input.py).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import tomli_w
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lscbqa.exceptions import LscbqaError
from lscbqa.serialize import FORMATS, Format, document_kind, document_types, dumps, loads, to_dict
from test_bad_input import TIMEOUT_SECONDS, _deadline, _handmade
from test_roundtrip import STRATEGY_FOR

# A strategy for every document kind: the library's own, or a hand-made value.
VALUES: dict[str, st.SearchStrategy[Any]] = {
    document_kind(cls): strategy for cls, strategy in STRATEGY_FOR.items()
}
for _value in _handmade():
    VALUES.setdefault(document_kind(type(_value)), st.just(_value))
KINDS = sorted(document_types())
TYPES = [document_types()[kind] for kind in KINDS]

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
# Per kind (34 of them), fewer examples each: every kind is drawn 50 times in all.
FUZZ_EACH_KIND = settings(FUZZ, max_examples=25)


def _load(text: str | bytes, cls: type, format: Format) -> None:
    """Load, and check the outcome: a whole value of ``cls``, or an error with paths."""
    error: LscbqaError | None = None
    try:
        with _deadline(TIMEOUT_SECONDS):
            value = loads(text, cls, format=format)
    except LscbqaError as raised:
        error = raised
    if error is not None:
        problems = getattr(error, "problems", ())
        assert problems, repr(error)
        assert all(problem.path.startswith("$") for problem in problems), repr(error)
    else:
        assert isinstance(value, cls)
        assert loads(dumps(value, format=format), cls, format=format) == value


# Plain data as JSON, TOML and YAML hold it, with the keys documents use most.
_KEYS = st.sampled_from(
    ["schema", "id", "title", "kind", "children", "domains", "levels", "value", "weight", "code"]
) | st.text(max_size=6)
_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=10**300, max_value=10**400)
    | st.floats()
    | st.text(max_size=12)
    | st.dates().map(str)
)
JSON_VALUES = st.recursive(
    _SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(_KEYS, children, max_size=4),
    max_leaves=12,
)


def _write(data: Any, format: Format) -> str | None:
    """Plain data as text; None where the format cannot hold it (TOML has no null)."""
    try:
        if format == "json":
            return json.dumps(data, ensure_ascii=False)
        if format == "toml":
            return tomli_w.dumps(data)
        return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    except Exception:
        return None


def _paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path below the root of plain data."""
    if isinstance(data, dict):
        items: Any = data.items()
    elif isinstance(data, list):
        items = enumerate(data)
    else:
        return []
    found: list[tuple[Any, ...]] = []
    for key, value in items:
        found.append((*path, key))
        found.extend(_paths(value, (*path, key)))
    return found


def _replace(data: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(data, dict):
        return {**data, head: _replace(data[head], rest, value)}
    return [_replace(item, rest, value) if i == head else item for i, item in enumerate(data)]


class TestLoadsAnyText:
    @pytest.mark.parametrize("format", FORMATS)
    @FUZZ
    @given(cls=st.sampled_from(TYPES), text=st.text())
    def test_any_text(self, format: Format, cls: type, text: str) -> None:
        """Any text loads as a whole value or raises an LscbqaError with paths."""
        _load(text, cls, format)

    @pytest.mark.parametrize("format", FORMATS)
    @FUZZ
    @given(cls=st.sampled_from(TYPES), data=st.binary())
    def test_any_bytes(self, format: Format, cls: type, data: bytes) -> None:
        """Any bytes load as a whole value or raise an LscbqaError with paths."""
        _load(data, cls, format)

    @pytest.mark.parametrize("format", FORMATS)
    @FUZZ
    @given(cls=st.sampled_from(TYPES), body=st.dictionaries(_KEYS, JSON_VALUES, max_size=6))
    def test_any_table_with_the_right_schema(
        self, format: Format, cls: type, body: dict[str, Any]
    ) -> None:
        """Any table that names the right schema loads whole or raises with paths."""
        text = _write({**body, "schema": f"lscbqa/{document_kind(cls)}/1"}, format)
        if text is not None:
            _load(text, cls, format)


class TestLoadsMutatedDocuments:
    @pytest.mark.parametrize("kind", KINDS)
    @FUZZ_EACH_KIND
    @given(data=st.data())
    def test_one_value_replaced(self, kind: str, data: st.DataObject) -> None:
        """A valid document with one value replaced by any plain data loads whole or raises."""
        cls = document_types()[kind]
        document = to_dict(data.draw(VALUES[kind], label="value"))
        path = data.draw(st.sampled_from(_paths(document)), label="path")
        mutated = _replace(document, path, data.draw(JSON_VALUES, label="replacement"))
        format = data.draw(st.sampled_from(FORMATS), label="format")
        text = _write(mutated, format)
        if text is not None:
            _load(text, cls, format)

    @pytest.mark.parametrize("kind", KINDS)
    @FUZZ_EACH_KIND
    @given(data=st.data())
    def test_text_spliced(self, kind: str, data: st.DataObject) -> None:
        """A valid document's text with a piece cut out and any text put in its place."""
        cls = document_types()[kind]
        format = data.draw(st.sampled_from(FORMATS), label="format")
        text = dumps(data.draw(VALUES[kind], label="value"), format=format)
        start = data.draw(st.integers(0, len(text)), label="start")
        end = data.draw(st.integers(start, min(len(text), start + 20)), label="end")
        inserted = data.draw(st.text(max_size=10), label="inserted")
        _load(text[:start] + inserted + text[end:], cls, format)
