"""Round trips: every document value survives dicts and every text format unchanged.

The values come from :mod:`lscbqa.testing.strategies`, one strategy per document type.
"""

from __future__ import annotations

import functools
import json
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lscbqa.assessment import Finding
from lscbqa.model import Framework
from lscbqa.serialize import FORMATS, Format, dumps, from_dict, json_schema, loads, to_dict
from lscbqa.testing.strategies import (
    action_plans,
    actions,
    agencies,
    assessments,
    carried,
    changes,
    criteria,
    domains,
    evidence,
    evidence_expectations,
    findings,
    frameworks,
    levels,
    origins,
    periods,
    rating_scales,
    ratings,
)

STRATEGIES = [
    pytest.param(levels(), id="Level"),
    pytest.param(rating_scales(), id="RatingScale"),
    pytest.param(periods(), id="Period"),
    pytest.param(evidence_expectations(), id="EvidenceExpectation"),
    pytest.param(criteria(), id="Criterion"),
    pytest.param(domains(), id="Domain"),
    pytest.param(frameworks(), id="Framework"),
    pytest.param(evidence(), id="Evidence"),
    pytest.param(ratings(), id="Rating"),
    pytest.param(assessments(), id="Assessment"),
    pytest.param(findings(), id="Finding"),
    pytest.param(actions(), id="Action"),
    pytest.param(action_plans(), id="ActionPlan"),
    pytest.param(agencies(), id="Agency"),
    pytest.param(changes(), id="Change"),
    pytest.param(origins(), id="Origin"),
    pytest.param(carried(), id="Carried"),
]


# The strategies draw printable text; free text in documents may hold any character but a
# surrogate, control characters included.
ANY_TEXT = st.text(st.characters(codec="utf-8"), max_size=20)


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
