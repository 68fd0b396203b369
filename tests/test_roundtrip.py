"""Round trips: every document value survives dicts and every text format unchanged.

The values come from :mod:`lscbqa.testing.strategies`, one strategy per document type.
"""

from __future__ import annotations

import functools
import importlib
import json
import pkgutil
from collections.abc import Iterator
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import lscbqa
from lscbqa.assessment import Finding
from lscbqa.model import Framework
from lscbqa.serialize import (
    FORMATS,
    Format,
    document_kind,
    document_types,
    dumps,
    from_dict,
    json_schema,
    loads,
    to_dict,
)
from lscbqa.tailoring import Tailoring
from lscbqa.testing.strategies import strategy_for, strategy_types

# The strategy for every document type: each value class once, named for the class.
STRATEGY_FOR: dict[type, st.SearchStrategy[Any]] = {
    cls: strategy_for(cls) for cls in strategy_types()
}
STRATEGIES = [pytest.param(strategy, id=cls.__name__) for cls, strategy in STRATEGY_FOR.items()]


def _public_value_classes() -> Iterator[type]:
    """Every attrs class listed in the __all__ of a public lscbqa module."""
    for module_info in pkgutil.walk_packages(lscbqa.__path__, "lscbqa."):
        if any(part.startswith("_") for part in module_info.name.split(".")):
            continue
        module = importlib.import_module(module_info.name)
        for name in getattr(module, "__all__", ()):
            value = getattr(module, name)
            if isinstance(value, type) and attrs.has(value):
                yield value


def _is_document_type(cls: type) -> bool:
    try:
        document_kind(cls)
    except TypeError:
        return False
    return True


# The strategies draw printable text; free text in documents may hold any character but a
# surrogate (category Cs, which UTF-8 cannot encode), control characters included.
ANY_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=20)


@functools.cache
def _validator(cls: type) -> jsonschema.Draft202012Validator:
    schema = json_schema(cls)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


class TestRoundTrip:
    # One drawn value serves dicts and every format: drawing dominates the cost, so each
    # layer still sees 200 values at a fraction of the price of a test each.
    @pytest.mark.parametrize("strategy", STRATEGIES)
    @settings(max_examples=200, deadline=None)
    @given(data=st.data())
    def test_round_trip_is_lossless(
        self, strategy: st.SearchStrategy[Any], data: st.DataObject
    ) -> None:
        """x == from_dict(to_dict(x)) == loads(dumps(x, format=f), type(x), format=f) for each f."""
        value = data.draw(strategy, label="value")
        cls = type(value)
        assert from_dict(to_dict(value), cls) == value, "to_dict/from_dict"
        for fmt in FORMATS:
            text = dumps(value, format=fmt)
            assert loads(text, cls, format=fmt) == value, f"format={fmt}\n{text}"


class TestCoverage:
    def test_every_document_kind_has_a_strategy(self) -> None:
        """The class of every kind in document_types() has a strategy in STRATEGY_FOR."""
        assert [cls for cls in document_types().values() if cls not in STRATEGY_FOR] == []

    def test_every_registered_public_class_has_a_strategy(self) -> None:
        """Every public class registered as a document, a second of its kind too, has one."""
        registered = {cls for cls in _public_value_classes() if _is_document_type(cls)}
        assert Tailoring in registered  # a framework document, as Framework is
        assert sorted(c.__name__ for c in registered - set(STRATEGY_FOR)) == []

    def test_every_strategy_draws_a_document_type(self) -> None:
        """Every class in STRATEGY_FOR is a document type."""
        assert [cls for cls in STRATEGY_FOR if not _is_document_type(cls)] == []


class TestJsonSchema:
    @pytest.mark.parametrize("strategy", STRATEGIES)
    @settings(max_examples=30, deadline=None)
    @given(data=st.data())
    def test_schema_accepts_every_dumped_document(
        self, strategy: st.SearchStrategy[Any], data: st.DataObject
    ) -> None:
        """json_schema(type(x)) validates the JSON document of x."""
        value = data.draw(strategy, label="value")
        cls: type = type(value)
        _validator(cls).validate(json.loads(dumps(value)))


class TestAnyText:
    @pytest.mark.parametrize("fmt", FORMATS)
    def test_next_line_character_survives(self, fmt: Format) -> None:
        """Text holding U+0085 (next line) comes back unchanged, in YAML too."""
        finding = Finding(severity="info", code="x", path="$", message="a\x85b\x85")
        assert loads(dumps(finding, format=fmt), Finding, format=fmt) == finding

    @settings(max_examples=200, deadline=None)
    @given(path=ANY_TEXT, message=ANY_TEXT)
    def test_free_text_survives_every_format(self, path: str, message: str) -> None:
        """Free text with any characters, control characters included, survives every format."""
        finding = Finding(severity="info", code="x", path=path, message=message)
        for fmt in FORMATS:
            assert loads(dumps(finding, format=fmt), Finding, format=fmt) == finding, fmt

    @settings(max_examples=100, deadline=None)
    @given(metadata=st.dictionaries(ANY_TEXT, ANY_TEXT, max_size=3))
    def test_keys_with_any_characters_survive_every_format(self, metadata: dict[str, str]) -> None:
        """Mapping keys with any characters, control characters included, survive every format."""
        framework = Framework(id="f", version="1", title="F", metadata=metadata)
        for fmt in FORMATS:
            assert loads(dumps(framework, format=fmt), Framework, format=fmt) == framework, fmt
