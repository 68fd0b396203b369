"""Tests for the errors lscbqa.serialize reports when loading bad documents.

Every bad document must give a ValidationError (or its SchemaError subclass) whose
problems name the JSON path of what is wrong and say what was expected.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest
import tomli_w
import yaml

from lscbqa._util import article
from lscbqa.actions import ActionPlan
from lscbqa.agencies import Agency
from lscbqa.assessment import Assessment, Rating
from lscbqa.evidence import Evidence
from lscbqa.exceptions import SchemaError, ValidationError
from lscbqa.model import Criterion, Domain, Framework, _example
from lscbqa.periods import Period
from lscbqa.scales import Level, RatingScale
from lscbqa.serialize import Format, from_dict, loads, to_dict

FORMATS: tuple[Format, ...] = ("json", "toml", "yaml")


def _text(document: dict[str, Any], format: Format) -> str:
    """Write a plain document (no None values) in a format, without lscbqa's help."""
    if format == "json":
        return json.dumps(document)
    if format == "toml":
        return tomli_w.dumps(document)
    return yaml.safe_dump(document, sort_keys=False)


def _error(text: str | bytes, cls: type, format: Format = "json") -> ValidationError:
    """The ValidationError that loading raises (the test fails if none is raised)."""
    with pytest.raises(ValidationError) as caught:
        loads(text, cls, format=format)
    return caught.value


def _dict_error(document: Any, cls: type) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        from_dict(document, cls)
    return caught.value


def _framework() -> dict[str, Any]:
    """The example framework as a plain document (domain d: c1, c2 > c2.a on MET3)."""
    return copy.deepcopy(to_dict(_example()))


def _first_criterion(document: dict[str, Any]) -> dict[str, Any]:
    criterion: dict[str, Any] = document["domains"][0]["children"][0]
    return criterion


def _assessment() -> dict[str, Any]:
    return {
        "schema": "lscbqa/assessment/1",
        "id": "a1",
        "framework_id": "example",
        "subject": "police",
        "ratings": [{"criterion_id": "c1", "level": "good", "evidence_ids": ["e1"]}],
        "evidence": [
            {"id": "e1", "title": "Policy", "kind": "policy", "criterion_ids": ["c1"]},
            {"id": "e2", "title": "Minutes", "kind": "minutes", "criterion_ids": ["c1"]},
        ],
    }


def _scale(*levels: tuple[str, float]) -> dict[str, Any]:
    return {
        "schema": "lscbqa/rating-scale/1",
        "id": "custom",
        "title": "Custom",
        "levels": [{"code": code, "label": code.title(), "value": value} for code, value in levels],
    }


def _personal_evidence(**fields: Any) -> dict[str, Any]:
    return {
        "schema": "lscbqa/evidence/1",
        "id": "e1",
        "title": "Case note",
        "kind": "case_audit",
        "sensitivity": "personal",
        **fields,
    }


class TestLoadsWrongType:
    @pytest.mark.parametrize("format", FORMATS)
    def test_wrong_type_names_path_expected_and_found(self, format: Format) -> None:
        """A weight given as text is reported at its path, saying a number was expected."""
        document = _framework()
        _first_criterion(document)["weight"] = "heavy"
        error = _error(_text(document, format), Framework, format)
        assert error.paths == ("$.domains[0].children[0].weight",)
        assert error.problems[0].message == "expected a number; found the string 'heavy'"

    @pytest.mark.parametrize("format", FORMATS)
    def test_number_where_text_expected(self, format: Format) -> None:
        """A numeric version is reported at $.version as not a string."""
        document = _framework()
        document["version"] = 2
        error = _error(_text(document, format), Framework, format)
        assert error.paths == ("$.version",)
        assert error.problems[0].message == "expected a string; found the number 2"

    def test_yaml_no_is_a_boolean_not_text(self) -> None:
        """In YAML an unquoted 'no' title is a boolean and is reported as one."""
        text = "schema: lscbqa/criterion/1\nid: c\ntitle: no\n"
        error = _error(text, Criterion, "yaml")
        assert error.paths == ("$.title",)
        assert error.problems[0].message == "expected a string; found the boolean false"


class TestLoadsUnknownKey:
    @pytest.mark.parametrize("format", FORMATS)
    def test_unknown_key_is_an_error_with_its_path(self, format: Format) -> None:
        """A misspelt key is reported at its own path, listing the allowed keys."""
        document = _framework()
        _first_criterion(document)["wieght"] = 2
        error = _error(_text(document, format), Framework, format)
        assert error.paths == ("$.domains[0].children[0].wieght",)
        message = error.problems[0].message
        assert message.startswith("unknown key 'wieght'; expected one of: id, title,")
        assert "weight" in message

    def test_unknown_top_level_key(self) -> None:
        """An unknown key at the top of a document is reported at $.<key>."""
        document = {**_assessment(), "notes": "x"}
        assert _dict_error(document, Assessment).paths == ("$.notes",)

    def test_unknown_key_needing_quotes(self) -> None:
        """An unknown key that is not a plain name is bracketed in the path."""
        document = _framework()
        document["domains"][0]["my key"] = 1
        assert _dict_error(document, Framework).paths == ("$.domains[0]['my key']",)

    def test_criterion_kind_on_a_top_level_domain(self) -> None:
        """A top-level domain marked as a criterion is reported at its kind."""
        document = _framework()
        document["domains"][0]["kind"] = "criterion"
        error = _dict_error(document, Framework)
        assert error.paths == ("$.domains[0].kind",)
        assert error.problems[0].message.startswith("unknown key 'kind'")

    def test_domain_kind_on_a_top_level_domain_is_allowed(self) -> None:
        """A top-level domain may say kind = "domain"."""
        document = _framework()
        document["domains"][0]["kind"] = "domain"
        assert from_dict(document, Framework) == _example()

    def test_unknown_node_kind(self) -> None:
        """A child whose kind is neither domain nor criterion is reported at its kind."""
        document = _framework()
        _first_criterion(document)["kind"] = "section"
        error = _dict_error(document, Framework)
        assert error.paths == ("$.domains[0].children[0].kind",)
        assert "expected 'domain' or 'criterion'; found the string 'section'" in str(error)


class TestLoadsMissingField:
    @pytest.mark.parametrize("format", FORMATS)
    def test_missing_required_field(self, format: Format) -> None:
        """A criterion without a title is reported at the missing field's path."""
        document = _framework()
        del document["domains"][0]["children"][1]["children"][0]["title"]
        error = _error(_text(document, format), Framework, format)
        assert error.paths == ("$.domains[0].children[1].children[0].title",)
        assert error.problems[0].message == "required field is missing; expected a string"

    def test_every_missing_field_is_reported(self) -> None:
        """An empty agency document reports each required field."""
        error = _dict_error({"schema": "lscbqa/agency/1"}, Agency)
        assert error.paths == ("$.id", "$.name", "$.sector")


class TestLoadsDuplicateId:
    @pytest.mark.parametrize("format", FORMATS)
    def test_duplicate_sibling_id_in_framework(self, format: Format) -> None:
        """A repeated criterion id is reported at the second, naming the first."""
        document = _framework()
        document["domains"][0]["children"][1]["id"] = "c1"
        error = _error(_text(document, format), Framework, format)
        assert error.paths == ("$.domains[0].children[1].id",)
        assert error.problems[0].message == (
            "expected a unique id; 'c1' is also at $.domains[0].children[0]"
        )

    def test_duplicate_id_across_depths(self) -> None:
        """A sub-criterion reusing its domain's id is reported with both locations."""
        document = _framework()
        document["domains"][0]["children"][1]["children"][0]["id"] = "d"
        error = _dict_error(document, Framework)
        assert error.paths == ("$.domains[0].children[1].children[0].id",)
        assert "'d' is also at $.domains[0]" in error.problems[0].message

    @pytest.mark.parametrize("format", FORMATS)
    def test_duplicate_evidence_id_in_assessment(self, format: Format) -> None:
        """A repeated evidence id is reported at $.evidence[i].id."""
        document = _assessment()
        document["evidence"][1]["id"] = "e1"
        error = _error(_text(document, format), Assessment, format)
        assert error.paths == ("$.evidence[1].id",)
        assert "expected a unique evidence id; 'e1' is also at index 0" in str(error)

    def test_duplicate_action_id_in_plan(self) -> None:
        """A repeated action id is reported at $.actions[i].id."""
        action = {"id": "a", "criterion_id": "c1", "description": "Do it"}
        document = {
            "schema": "lscbqa/action-plan/1",
            "id": "p",
            "title": "Plan",
            "actions": [action, dict(action)],
        }
        assert _dict_error(document, ActionPlan).paths == ("$.actions[1].id",)

    def test_duplicate_level_code_in_scale(self) -> None:
        """A repeated level code in a scale document is reported at its code."""
        error = _dict_error(_scale(("low", 0), ("low", 1)), RatingScale)
        assert error.paths == ("$.levels[1].code",)
        assert "'low' is also at index 0" in str(error)


class TestAssessmentValidateAfterLoading:
    @pytest.mark.parametrize("format", FORMATS)
    def test_rating_of_unknown_criterion(self, format: Format) -> None:
        """A loaded rating of an unknown criterion fails validate with its path."""
        document = _assessment()
        document["ratings"][0]["criterion_id"] = "c9"
        assessment = loads(_text(document, format), Assessment, format=format)
        with pytest.raises(ValidationError) as caught:
            assessment.validate(_example())
        assert caught.value.paths == ("$.ratings[0].criterion_id",)
        assert "expected a criterion of framework 'example'; found 'c9'" in str(caught.value)

    @pytest.mark.parametrize("format", FORMATS)
    def test_evidence_for_unknown_criterion(self, format: Format) -> None:
        """Loaded evidence naming an unknown criterion fails validate at that name."""
        document = _assessment()
        document["evidence"][1]["criterion_ids"] = ["c1", "c9"]
        assessment = loads(_text(document, format), Assessment, format=format)
        with pytest.raises(ValidationError) as caught:
            assessment.validate(_example())
        assert caught.value.paths == ("$.evidence[1].criterion_ids[1]",)

    def test_rating_level_not_on_scale(self) -> None:
        """A loaded rating whose level is not on the criterion's scale fails validate."""
        document = _assessment()
        document["ratings"].append({"criterion_id": "c2.a", "level": "good"})
        assessment = from_dict(document, Assessment)
        with pytest.raises(ValidationError) as caught:
            assessment.validate(_example())
        assert caught.value.paths == ("$.ratings[1].level",)
        assert "expected a level of scale 'met3'" in str(caught.value)

    def test_rating_citing_missing_evidence_fails_on_load(self) -> None:
        """A rating citing evidence the document lacks fails when loading."""
        document = _assessment()
        document["ratings"][0]["evidence_ids"] = ["e1", "e9"]
        error = _dict_error(document, Assessment)
        assert error.paths == ("$.ratings[0].evidence_ids[1]",)
        assert "found 'e9'" in str(error)


class TestLoadsDates:
    @pytest.mark.parametrize("format", FORMATS)
    def test_dates_in_the_wrong_format(self, format: Format) -> None:
        """'01/02/2024' and '2024-13-01' are both reported as not YYYY-MM-DD dates."""
        document = {"schema": "lscbqa/period/1", "start": "01/02/2024", "end": "2024-13-01"}
        error = _error(_text(document, format), Period, format)
        assert error.problems[0].path == "$.start"
        assert error.problems[0].message == (
            "expected a date written YYYY-MM-DD; found the string '01/02/2024'"
        )
        assert error.problems[1].path == "$.end"
        assert error.problems[1].message == (
            "expected a date written YYYY-MM-DD; found the string '2024-13-01'"
        )

    @pytest.mark.parametrize(
        "text", ["2024-1-05", "20240105", "2024-01-05T00:00:00", " 2024-01-05"]
    )
    def test_date_text_not_exactly_yyyy_mm_dd(self, text: str) -> None:
        """Only YYYY-MM-DD is a date, not other ISO forms."""
        document = {"schema": "lscbqa/period/1", "start": text, "end": "2024-12-31"}
        assert _dict_error(document, Period).paths == ("$.start",)

    def test_datetime_in_yaml(self) -> None:
        """A YAML timestamp is not a date."""
        text = "schema: lscbqa/period/1\nstart: 2024-01-01\nend: 2024-02-01T10:00:00\n"
        error = _error(text, Period, "yaml")
        assert error.paths == ("$.end",)
        assert "expected a date written YYYY-MM-DD; found a value of type datetime" in str(error)

    def test_datetime_in_toml(self) -> None:
        """A TOML date-time is not a date."""
        text = 'schema = "lscbqa/period/1"\nstart = 2024-01-01\nend = 2024-02-01T10:00:00\n'
        error = _error(text, Period, "toml")
        assert error.paths == ("$.end",)
        assert "found a value of type datetime" in str(error)

    def test_time_in_toml(self) -> None:
        """A TOML local time is not a date."""
        text = 'schema = "lscbqa/period/1"\nstart = 2024-01-01\nend = 10:00:00\n'
        assert _error(text, Period, "toml").paths == ("$.end",)

    def test_native_dates_in_toml_and_yaml_load(self) -> None:
        """Native TOML and YAML dates are accepted."""
        toml_text = 'schema = "lscbqa/period/1"\nstart = 2024-01-01\nend = 2024-03-31\n'
        yaml_text = "schema: lscbqa/period/1\nstart: 2024-01-01\nend: 2024-03-31\n"
        assert loads(toml_text, Period, format="toml") == loads(yaml_text, Period, format="yaml")

    def test_impossible_unquoted_yaml_date(self) -> None:
        """An unquoted YAML date that does not exist is a ValidationError, not a crash."""
        text = "schema: lscbqa/period/1\nstart: 2024-13-01\nend: 2024-12-01\n"
        error = _error(text, Period, "yaml")
        assert error.paths[0] in ("$", "$.start")

    def test_impossible_toml_date(self) -> None:
        """An impossible TOML date is invalid TOML."""
        text = 'schema = "lscbqa/period/1"\nstart = 2024-13-01\nend = 2024-12-01\n'
        error = _error(text, Period, "toml")
        assert error.paths == ("$",)
        assert error.problems[0].message.startswith("invalid TOML")

    def test_end_before_start(self) -> None:
        """A period ending before it starts is reported at $.end."""
        document = {"schema": "lscbqa/period/1", "start": "2024-02-01", "end": "2024-01-01"}
        error = _dict_error(document, Period)
        assert error.paths == ("$.end",)
        assert "expected an end on or after the start 2024-02-01" in str(error)

    def test_wrong_date_deep_in_a_document(self) -> None:
        """A bad date in evidence inside an assessment is reported with the full path."""
        document = _assessment()
        document["evidence"][1]["period"] = {"start": "2024-01-01", "end": "31/03/2024"}
        assert _dict_error(document, Assessment).paths == ("$.evidence[1].period.end",)


class TestLoadsLevelNotOnScale:
    @pytest.mark.parametrize("format", FORMATS)
    def test_descriptor_for_a_level_not_on_the_scale(self, format: Format) -> None:
        """A descriptor naming a level the scale lacks is reported at that descriptor."""
        document = _framework()
        _first_criterion(document)["descriptors"] = {"good": "Fine", "great": "Better"}
        error = _error(_text(document, format), Framework, format)
        assert error.paths == ("$.domains[0].children[0].descriptors.great",)
        assert "expected a level of scale 'ofsted4'" in str(error)

    def test_descriptor_checked_against_criterion_scale(self) -> None:
        """A criterion on MET3 may not describe OFSTED4 levels."""
        document = _framework()
        document["domains"][0]["children"][1]["children"][0]["descriptors"] = {"good": "x"}
        error = _dict_error(document, Framework)
        assert error.paths == ("$.domains[0].children[1].children[0].descriptors.good",)
        assert "expected a level of scale 'met3'" in str(error)

    def test_reserved_level_code(self) -> None:
        """A scale document may not use the code 'not_applicable'."""
        error = _dict_error(_scale(("low", 0), ("not_applicable", 1)), RatingScale)
        assert error.paths == ("$.levels[1].code",)
        assert "reserved for not-applicable ratings" in str(error)

    def test_decreasing_level_values(self) -> None:
        """A scale document whose values fall is reported at the falling level."""
        error = _dict_error(_scale(("low", 1), ("high", 0)), RatingScale)
        assert error.paths == ("$.levels[1].value",)

    def test_problem_in_an_inline_scale_is_placed_under_it(self) -> None:
        """A bad scale written inside a framework is reported under $.scale."""
        document = _framework()
        scale = _scale(("low", 1), ("high", 0))
        del scale["schema"]
        document["scale"] = scale
        error = _dict_error(document, Framework)
        assert error.paths == ("$.scale.levels[1].value",)

    def test_too_few_levels_in_inline_criterion_scale(self) -> None:
        """A one-level scale on a criterion is reported at its levels."""
        document = _framework()
        scale = _scale(("only", 1))
        del scale["schema"]
        _first_criterion(document)["scale"] = scale
        error = _dict_error(document, Framework)
        assert error.paths == ("$.domains[0].children[0].scale.levels",)
        assert "expected at least 2 levels; found 1" in str(error)


class TestLoadsInvalidText:
    def test_invalid_json(self) -> None:
        """Broken JSON is reported at $ with line and column."""
        error = _error('{\n  "schema": "lscbqa/agency/1",\n  "id": \n}', Agency)
        assert error.paths == ("$",)
        assert error.problems[0].message.startswith("invalid JSON at line 4, column 1:")

    def test_invalid_toml(self) -> None:
        """Broken TOML is reported at $ with its position."""
        error = _error('schema = "lscbqa/agency/1"\nid = "p\n', Agency, "toml")
        assert error.paths == ("$",)
        message = error.problems[0].message
        assert message.startswith("invalid TOML:")
        assert "line 2" in message

    def test_invalid_yaml(self) -> None:
        """Broken YAML is reported at $ with line and column."""
        error = _error("schema: lscbqa/agency/1\nid: [p, q\n", Agency, "yaml")
        assert error.paths == ("$",)
        assert error.problems[0].message.startswith("invalid YAML at line 3, column 1:")

    def test_yaml_with_several_documents(self) -> None:
        """A YAML stream of several documents is invalid."""
        error = _error("schema: lscbqa/agency/1\n---\nid: p\n", Agency, "yaml")
        assert error.paths == ("$",)
        assert "invalid YAML" in error.problems[0].message

    def test_yaml_never_runs_python(self) -> None:
        """A YAML python tag is refused, not executed."""
        text = 'schema: !!python/object/apply:os.system ["echo hacked"]\n'
        error = _error(text, Agency, "yaml")
        assert error.paths == ("$",)
        assert "could not determine a constructor" in error.problems[0].message

    @pytest.mark.parametrize("format", FORMATS)
    def test_invalid_utf8(self, format: Format) -> None:
        """Bytes that are not UTF-8 are reported at $ with the byte offset."""
        error = _error(b'schema = "\xff"', Agency, format)
        assert error.paths == ("$",)
        assert error.problems[0].message == "invalid UTF-8 at byte 10: invalid start byte"

    @pytest.mark.parametrize("format", FORMATS)
    def test_utf8_bytes_load(self, format: Format) -> None:
        """Valid UTF-8 bytes load like text."""
        document = {"schema": "lscbqa/agency/1", "id": "p", "name": "Équipe", "sector": "other"}
        text = _text(document, format).encode("utf-8")
        assert loads(text, Agency, format=format).name == "Équipe"

    def test_not_text(self) -> None:
        """Something that is not text or bytes is reported at $."""
        error = _error(42, Agency)  # type: ignore[arg-type]
        assert error.paths == ("$",)
        assert error.problems[0].message == "expected document text; found the number 42"

    @pytest.mark.parametrize(("text", "format"), [("[1, 2]", "json"), ("- 1\n- 2\n", "yaml")])
    def test_document_that_is_not_a_table(self, text: str, format: Format) -> None:
        """A document whose top is a list is reported at $ as not a table."""
        error = _error(text, Agency, format)
        assert error.paths == ("$",)
        assert error.problems[0].message == (
            "expected an agency document (a table); found a list of 2 items"
        )

    def test_empty_yaml(self) -> None:
        """An empty YAML document is nothing, not an agency."""
        error = _error("", Agency, "yaml")
        assert error.problems[0].message == (
            "expected an agency document (a table); found nothing (null)"
        )


class TestLoadsDuplicateKeys:
    def test_duplicate_json_key(self) -> None:
        """A key given twice in JSON is reported at that key."""
        text = (
            '{"schema": "lscbqa/agency/1", "id": "a", "id": "b", "name": "A", "sector": "police"}'
        )
        error = _error(text, Agency)
        assert error.paths == ("$.id",)
        assert error.problems[0].message == "duplicate key; each key may appear once"

    def test_duplicate_nested_json_key(self) -> None:
        """A key given twice deep in JSON is reported with its full path."""
        text = json.dumps(_framework()).replace(
            '"title": "Sub-criterion"', '"title": "A", "title": "B"'
        )
        error = _error(text, Framework)
        assert error.paths == ("$.domains[0].children[1].children[0].title",)

    def test_duplicate_yaml_key(self) -> None:
        """A key given twice in YAML is reported at that key."""
        text = "schema: lscbqa/agency/1\nid: a\nname: A\nname: B\nsector: police\n"
        error = _error(text, Agency, "yaml")
        assert error.paths == ("$.name",)
        assert error.problems[0].message == "duplicate key; each key may appear once"

    def test_duplicate_nested_yaml_key(self) -> None:
        """A key given twice in a nested YAML mapping is reported with its path."""
        text = (
            "schema: lscbqa/assessment/1\nid: a\nframework_id: f\nsubject: s\n"
            "period:\n  start: 2024-01-01\n  start: 2024-02-01\n  end: 2024-12-31\n"
        )
        assert _error(text, Assessment, "yaml").paths == ("$.period.start",)

    def test_duplicate_toml_key(self) -> None:
        """A key given twice in TOML is invalid TOML."""
        text = 'schema = "lscbqa/agency/1"\nid = "a"\nid = "b"\n'
        error = _error(text, Agency, "toml")
        assert error.paths == ("$",)
        assert error.problems[0].message.startswith("invalid TOML")


class TestLoadsNonFinite:
    @pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
    def test_json_non_finite_constants(self, constant: str) -> None:
        """NaN and infinities in JSON are refused at $."""
        text = '{"schema": "lscbqa/level/1", "code": "a", "label": "A", "value": ' + constant + "}"
        error = _error(text, Level)
        assert error.paths == ("$",)
        assert error.problems[0].message == (
            f"invalid JSON: {constant} is not a number a document may hold"
        )

    def test_json_overflowing_float(self) -> None:
        """A JSON number too large for a float is reported as not finite."""
        text = '{"schema": "lscbqa/level/1", "code": "a", "label": "A", "value": 1e400}'
        error = _error(text, Level)
        assert error.paths == ("$.value",)
        assert "expected a finite number" in error.problems[0].message

    @pytest.mark.parametrize("value", ["nan", "inf", "-inf", "+nan"])
    def test_toml_non_finite_weight(self, value: str) -> None:
        """weight = nan (or an infinity) in TOML is reported at the weight."""
        text = (
            'schema = "lscbqa/framework/1"\nid = "f"\nversion = "1"\ntitle = "F"\n\n'
            '[[domains]]\nid = "d"\ntitle = "D"\n\n'
            f'[[domains.children]]\nid = "c"\ntitle = "C"\nweight = {value}\n'
        )
        error = _error(text, Framework, "toml")
        assert error.paths == ("$.domains[0].children[0].weight",)
        assert error.problems[0].message.startswith("expected a finite number; found the number")

    @pytest.mark.parametrize("value", [".nan", ".inf", "-.inf"])
    def test_yaml_non_finite_weight(self, value: str) -> None:
        """A YAML .nan or .inf weight is reported at the weight."""
        text = f"schema: lscbqa/criterion/1\nid: c\ntitle: C\nweight: {value}\n"
        error = _error(text, Criterion, "yaml")
        assert error.paths == ("$.weight",)
        assert "expected a finite number" in error.problems[0].message

    def test_json_integer_too_long_to_read(self) -> None:
        """An absurdly long JSON integer is a ValidationError, not a crash."""
        digits = "1" + "0" * 5000
        text = '{"schema": "lscbqa/level/1", "code": "a", "label": "A", "value": ' + digits + "}"
        assert _error(text, Level).paths == ("$.value",)


class TestLoadsDeepNesting:
    def test_deeply_nested_json_brackets(self) -> None:
        """JSON nested far too deeply is reported, not a RecursionError."""
        text = '{"schema": "lscbqa/agency/1", "id": ' + "[" * 100_000 + "]" * 100_000 + "}"
        error = _error(text, Agency)
        assert error.problems[0].message == "the document is nested too deeply"

    def test_deeply_nested_yaml(self) -> None:
        """YAML nested far too deeply is reported, not a RecursionError."""
        text = "id: " + "[" * 10_000 + "]" * 10_000 + "\n"
        error = _error(text, Agency, "yaml")
        assert error.problems[0].message == "the document is nested too deeply"

    def test_deeply_nested_toml(self) -> None:
        """TOML nested far too deeply is reported, not a RecursionError."""
        text = "id = " + "[" * 10_000 + "]" * 10_000 + "\n"
        error = _error(text, Agency, "toml")
        assert error.problems[0].message == "the document is nested too deeply"

    def test_deeply_nested_domains(self) -> None:
        """A framework thousands of domains deep is reported as too deep."""
        node = '{"id": "leaf", "title": "t"}'
        for depth in range(3000):
            node = f'{{"kind": "domain", "id": "d{depth}", "title": "t", "children": [{node}]}}'
        text = (
            '{"schema": "lscbqa/framework/1", "id": "f", "version": "1", "title": "t", '
            f'"domains": [{{"id": "top", "title": "t", "children": [{node}]}}]}}'
        )
        error = _error(text, Framework)
        assert [p.message for p in error.problems] == ["the document is nested too deeply"]
        assert error.paths[0].startswith("$")

    def test_moderately_nested_domains_load(self) -> None:
        """Fifty levels of domains load fine."""
        node: dict[str, Any] = {"id": "leaf", "title": "t"}
        for depth in range(50):
            node = {"kind": "domain", "id": f"d{depth}", "title": "t", "children": [node]}
        document = {
            "schema": "lscbqa/framework/1",
            "id": "f",
            "version": "1",
            "title": "t",
            "domains": [{"id": "top", "title": "t", "children": [node]}],
        }
        assert from_dict(document, Framework).counts() == {"domains": 51, "criteria": 1}


class TestLoadsSchemaKey:
    @pytest.mark.parametrize("format", FORMATS)
    def test_missing_schema(self, format: Format) -> None:
        """A document without a schema key raises SchemaError at $.schema."""
        document = _framework()
        del document["schema"]
        with pytest.raises(SchemaError) as caught:
            loads(_text(document, format), Framework, format=format)
        assert caught.value.paths == ("$.schema",)
        assert caught.value.problems[0].message == (
            "required field is missing; expected 'lscbqa/framework/1'"
        )

    @pytest.mark.parametrize("format", FORMATS)
    def test_newer_schema(self, format: Format) -> None:
        """A newer major version raises SchemaError saying it cannot be read."""
        document = {**_framework(), "schema": "lscbqa/framework/2"}
        with pytest.raises(SchemaError) as caught:
            loads(_text(document, format), Framework, format=format)
        assert caught.value.paths == ("$.schema",)
        assert "found version 2, which this release of lscbqa cannot read" in str(caught.value)

    def test_older_schema(self) -> None:
        """Major version 0 is not read without a migration."""
        with pytest.raises(SchemaError, match="found version 0"):
            from_dict({**_framework(), "schema": "lscbqa/framework/0"}, Framework)

    @pytest.mark.parametrize("format", FORMATS)
    def test_wrong_kind(self, format: Format) -> None:
        """An assessment loaded as a framework raises SchemaError naming both kinds."""
        with pytest.raises(SchemaError) as caught:
            loads(_text(_assessment(), format), Framework, format=format)
        assert caught.value.paths == ("$.schema",)
        assert "expected a framework document ('lscbqa/framework/1')" in str(caught.value)
        assert "found an assessment document" in str(caught.value)

    @pytest.mark.parametrize("schema", ["framework/1", "lscbqa/framework", "LSCBQA/framework/1", 1])
    def test_malformed_schema(self, schema: object) -> None:
        """A schema value not of the form lscbqa/<kind>/<major> raises SchemaError."""
        with pytest.raises(SchemaError) as caught:
            from_dict({**_framework(), "schema": schema}, Framework)
        assert caught.value.paths == ("$.schema",)
        assert "expected 'lscbqa/framework/1'" in str(caught.value)

    def test_schema_error_is_a_validation_error(self) -> None:
        """SchemaError can be caught as ValidationError."""
        with pytest.raises(ValidationError):
            from_dict({"id": "x"}, Agency)

    def test_schema_key_on_a_nested_value_is_unknown(self) -> None:
        """Only the document root carries a schema key."""
        document = _assessment()
        document["evidence"][0]["schema"] = "lscbqa/evidence/1"
        assert _dict_error(document, Assessment).paths == ("$.evidence[0].schema",)


class TestLoadsListWhereTableExpected:
    @pytest.mark.parametrize(
        ("cls", "change", "path", "expected"),
        [
            pytest.param(
                Framework,
                lambda d: d["domains"].__setitem__(0, ["d"]),
                "$.domains[0]",
                "expected a Domain table",
                id="domain",
            ),
            pytest.param(
                Framework,
                lambda d: d["domains"][0]["children"].__setitem__(0, ["c1"]),
                "$.domains[0].children[0]",
                "expected a domain or criterion table",
                id="node",
            ),
            pytest.param(
                Framework,
                lambda d: d["domains"][0]["children"][1]["children"].__setitem__(0, ["c"]),
                "$.domains[0].children[1].children[0]",
                "expected a Criterion table",
                id="sub-criterion",
            ),
            pytest.param(
                Framework,
                lambda d: d.__setitem__("metadata", [["region", "North"]]),
                "$.metadata",
                "expected a table, each value a string",
                id="metadata",
            ),
            pytest.param(
                Framework,
                lambda d: d.__setitem__("scale", ["ofsted4"]),
                "$.scale",
                "expected a scale table or the name of a registered scale",
                id="scale",
            ),
            pytest.param(
                Framework,
                lambda d: d["domains"][0]["children"][0].__setitem__(
                    "descriptors", [["good", "x"]]
                ),
                "$.domains[0].children[0].descriptors",
                "expected a table, each value a string",
                id="descriptors",
            ),
        ],
    )
    def test_list_where_table_expected(
        self, cls: type, change: Callable[[dict[str, Any]], None], path: str, expected: str
    ) -> None:
        """A list where a table belongs is reported at its path, saying a table was expected."""
        document = _framework()
        change(document)
        error = _dict_error(document, cls)
        assert error.paths == (path,)
        assert error.problems[0].message.startswith(expected)
        assert error.problems[0].message.endswith("found a list of 1 item")

    @pytest.mark.parametrize(
        ("change", "path"),
        [
            pytest.param(
                lambda d: d.__setitem__("period", ["2024-01-01"]), "$.period", id="period"
            ),
            pytest.param(
                lambda d: d["ratings"].__setitem__(0, ["c1"]), "$.ratings[0]", id="rating"
            ),
            pytest.param(
                lambda d: d["evidence"].__setitem__(0, ["e1"]), "$.evidence[0]", id="evidence"
            ),
        ],
    )
    def test_list_where_assessment_table_expected_has_path(
        self, change: Callable[[dict[str, Any]], None], path: str
    ) -> None:
        """A list in place of a period, rating or evidence table is reported at its path."""
        document = _assessment()
        change(document)
        assert _dict_error(document, Assessment).paths == (path,)

    @pytest.mark.parametrize(
        ("change", "what"),
        [
            pytest.param(lambda d: d.__setitem__("period", ["2024-01-01"]), "Period", id="period"),
            pytest.param(lambda d: d["ratings"].__setitem__(0, ["c1"]), "Rating", id="rating"),
            pytest.param(lambda d: d["evidence"].__setitem__(0, ["e1"]), "Evidence", id="evidence"),
        ],
    )
    def test_list_where_assessment_table_expected_says_so(
        self, change: Callable[[dict[str, Any]], None], what: str
    ) -> None:
        """The message for a list in place of a nested table says a table was expected."""
        document = _assessment()
        change(document)
        message = _dict_error(document, Assessment).problems[0].message
        assert message == f"expected {article(what)} table; found a list of 1 item"

    def test_text_where_evidence_expectation_expected_says_so(self) -> None:
        """A criterion's evidence given as text is reported as not a table."""
        document = _framework()
        _first_criterion(document)["evidence"] = "policy"
        message = _dict_error(document, Framework).problems[0].message
        assert message == "expected an EvidenceExpectation table; found the string 'policy'"

    def test_top_level_list(self) -> None:
        """A document that is a list is reported at $ as not a table."""
        error = _dict_error([_framework()], Framework)
        assert error.paths == ("$",)
        assert error.problems[0].message == (
            "expected a framework document (a table); found a list of 1 item"
        )


class TestLoadsStringWhereListExpected:
    @pytest.mark.parametrize(
        ("cls", "document", "path"),
        [
            (
                Criterion,
                {"schema": "lscbqa/criterion/1", "id": "c", "title": "C", "tags": "core"},
                "$.tags",
            ),
            (
                Criterion,
                {"schema": "lscbqa/criterion/1", "id": "c", "title": "C", "indicator_ids": "i1"},
                "$.indicator_ids",
            ),
            (
                Criterion,
                {
                    "schema": "lscbqa/criterion/1",
                    "id": "c",
                    "title": "C",
                    "evidence": {"kinds": "policy"},
                },
                "$.evidence.kinds",
            ),
            (Framework, {**_framework(), "domains": "d"}, "$.domains"),
            (
                Evidence,
                {
                    "schema": "lscbqa/evidence/1",
                    "id": "e",
                    "title": "t",
                    "kind": "data",
                    "criterion_ids": "c1",
                },
                "$.criterion_ids",
            ),
            (
                Rating,
                {
                    "schema": "lscbqa/rating/1",
                    "criterion_id": "c",
                    "level": "good",
                    "evidence_ids": "e1",
                },
                "$.evidence_ids",
            ),
            (RatingScale, {**_scale(("a", 0), ("b", 1)), "thresholds": "0.5"}, "$.thresholds"),
            (RatingScale, {**_scale(), "levels": "ab"}, "$.levels"),
        ],
    )
    def test_string_is_not_split_into_characters(
        self, cls: type, document: dict[str, Any], path: str
    ) -> None:
        """A string where a list belongs is one problem at the field, quoting the string."""
        error = _dict_error(document, cls)
        assert error.paths == (path,)
        message = error.problems[0].message
        assert message.startswith("expected a list, each item")
        assert "; found the string '" in message

    @pytest.mark.parametrize("format", ["toml", "yaml"])
    def test_string_tags_in_text_formats(self, format: Format) -> None:
        """A tags string in TOML or YAML is reported, not split."""
        document = {"schema": "lscbqa/criterion/1", "id": "c", "title": "C", "tags": "core"}
        error = _error(_text(document, format), Criterion, format)
        assert error.paths == ("$.tags",)
        assert "found the string 'core'" in str(error)


class TestLoadsBooleansAndNumbers:
    @pytest.mark.parametrize(
        ("cls", "document", "path", "message"),
        [
            (
                Criterion,
                {"schema": "lscbqa/criterion/1", "id": "c", "title": "C", "weight": True},
                "$.weight",
                "expected a number; found the boolean true",
            ),
            (
                Criterion,
                {
                    "schema": "lscbqa/criterion/1",
                    "id": "c",
                    "title": "C",
                    "evidence": {"min_count": False},
                },
                "$.evidence.min_count",
                "expected an integer; found the boolean false",
            ),
            (
                Level,
                {"schema": "lscbqa/level/1", "code": "a", "label": "A", "value": True},
                "$.value",
                "expected a number; found the boolean true",
            ),
            (
                RatingScale,
                {**_scale(("a", 0), ("b", 1)), "thresholds": [True]},
                "$.thresholds[0]",
                "expected a number; found the boolean true",
            ),
            (
                Domain,
                {"schema": "lscbqa/domain/1", "id": "d", "title": "D", "weight": False},
                "$.weight",
                "expected a number; found the boolean false",
            ),
        ],
    )
    def test_boolean_where_number_expected(
        self, cls: type, document: dict[str, Any], path: str, message: str
    ) -> None:
        """A boolean is not a number."""
        error = _dict_error(document, cls)
        assert error.paths == (path,)
        assert error.problems[0].message == message

    @pytest.mark.parametrize("format", FORMATS)
    def test_boolean_weight_in_every_format(self, format: Format) -> None:
        """weight = true is refused in JSON, TOML and YAML."""
        document = {"schema": "lscbqa/criterion/1", "id": "c", "title": "C", "weight": True}
        error = _error(_text(document, format), Criterion, format)
        assert error.paths == ("$.weight",)
        assert "found the boolean true" in str(error)

    def test_yaml_yes_is_not_a_number(self) -> None:
        """A YAML 'yes' weight is a boolean and is refused."""
        error = _error(
            "schema: lscbqa/criterion/1\nid: c\ntitle: C\nweight: yes\n", Criterion, "yaml"
        )
        assert error.problems[0].message == "expected a number; found the boolean true"

    def test_float_where_integer_expected(self) -> None:
        """A fractional min_count is refused: it must be an integer."""
        document = {
            "schema": "lscbqa/criterion/1",
            "id": "c",
            "title": "C",
            "evidence": {"min_count": 1.5},
        }
        error = _dict_error(document, Criterion)
        assert error.paths == ("$.evidence.min_count",)
        assert error.problems[0].message == "expected an integer; found the number 1.5"

    def test_number_where_boolean_expected(self) -> None:
        """statutory = 1 is refused: it must be true or false."""
        document = {
            "schema": "lscbqa/agency/1",
            "id": "a",
            "name": "A",
            "sector": "police",
            "statutory": 1,
        }
        error = _dict_error(document, Agency)
        assert error.paths == ("$.statutory",)
        assert error.problems[0].message == "expected true or false; found the number 1"

    def test_integer_weight_is_accepted(self) -> None:
        """An integer weight is a number and becomes a float."""
        document = {"schema": "lscbqa/criterion/1", "id": "c", "title": "C", "weight": 2}
        assert from_dict(document, Criterion).weight == 2.0


class TestLoadsUnknownScale:
    @pytest.mark.parametrize("format", FORMATS)
    def test_unknown_framework_scale(self, format: Format) -> None:
        """An unknown scale name is reported at $.scale, listing the registered names."""
        document = {**_framework(), "scale": "ofsted5"}
        error = _error(_text(document, format), Framework, format)
        assert error.paths == ("$.scale",)
        message = error.problems[0].message
        assert message.startswith("expected a scale table or the name of a registered scale (")
        assert "'ofsted4'" in message
        assert message.endswith("found the string 'ofsted5'")

    def test_unknown_criterion_scale(self) -> None:
        """An unknown scale on a criterion is reported at that criterion's scale."""
        document = _framework()
        _first_criterion(document)["scale"] = "rag4"
        error = _dict_error(document, Framework)
        assert error.paths == ("$.domains[0].children[0].scale",)
        assert "found the string 'rag4'" in str(error)

    def test_unknown_scale_kind(self) -> None:
        """An unknown scale kind is reported at $.kind."""
        error = _dict_error({**_scale(("a", 0), ("b", 1)), "kind": "nominal"}, RatingScale)
        assert error.paths == ("$.kind",)


class TestLoadsCollectsEveryProblem:
    def test_several_problems_in_one_framework(self) -> None:
        """A wrong type, a missing field, a bad weight and an unknown key are all reported."""
        document = _framework()
        document["title"] = 5
        document["extra"] = True
        del document["domains"][0]["title"]
        _first_criterion(document)["weight"] = -1
        document["domains"][0]["children"][1]["children"][0]["tags"] = "x"
        error = _dict_error(document, Framework)
        assert sorted(error.paths) == sorted(
            [
                "$.title",
                "$.extra",
                "$.domains[0].title",
                "$.domains[0].children[0].weight",
                "$.domains[0].children[1].children[0].tags",
            ]
        )

    @pytest.mark.parametrize("format", FORMATS)
    def test_several_problems_in_one_assessment(self, format: Format) -> None:
        """Problems in ratings and in evidence are reported together."""
        document = _assessment()
        document["ratings"][0]["role"] = "auditor"
        document["ratings"].append({"criterion_id": "c2.a", "level": "good", "date": "yesterday"})
        document["evidence"][0]["kind"] = "rumour"
        document["evidence"][1]["strength"] = "strong"
        error = _error(_text(document, format), Assessment, format)
        assert sorted(error.paths) == [
            "$.evidence[0].kind",
            "$.evidence[1].strength",
            "$.ratings[0].role",
            "$.ratings[1].date",
        ]

    def test_every_bad_item_of_a_list(self) -> None:
        """Each bad item in a list is its own problem."""
        document = {
            "schema": "lscbqa/evidence/1",
            "id": "e",
            "title": "t",
            "kind": "data",
            "criterion_ids": [1, "ok", None],
        }
        assert _dict_error(document, Evidence).paths == (
            "$.criterion_ids[0]",
            "$.criterion_ids[2]",
        )

    def test_message_lists_every_problem(self) -> None:
        """The error's text counts and lists every problem."""
        document = {"schema": "lscbqa/period/1", "start": "x", "end": "y"}
        text = str(_dict_error(document, Period))
        assert text.startswith("2 problems:\n  $.start: ")
        assert "\n  $.end: " in text


F = {"schema": "lscbqa/framework/1", "id": "f", "version": "1", "title": "F"}
A = {"schema": "lscbqa/assessment/1", "id": "a", "framework_id": "f", "subject": "s"}
S = {"schema": "lscbqa/rating-scale/1", "id": "s", "title": "S"}
L2 = [{"code": "a", "label": "A", "value": 1}, {"code": "b", "label": "B", "value": 2}]


def _with_child(child: Any) -> dict[str, Any]:
    return {**F, "domains": [{"id": "d", "title": "D", "children": [child]}]}


MALFORMED: list[tuple[type, Any]] = [
    (Framework, None),
    (Framework, "framework"),
    (Framework, {}),
    (Framework, {**F, "domains": None}),
    (Framework, {**F, "domains": {}}),
    (Framework, {**F, "domains": [None]}),
    (Framework, {**F, "domains": [{}]}),
    (Framework, {**F, "domains": [{"id": "d", "title": "D", "children": None}]}),
    (Framework, _with_child(None)),
    (Framework, _with_child(7)),
    (Framework, _with_child({"kind": None})),
    (Framework, _with_child({"kind": {"a": 1}})),
    (Framework, _with_child({"kind": ["domain"]})),
    (Framework, _with_child({"kind": "domain"})),
    (Framework, _with_child({"id": "c", "title": "C", "descriptors": None})),
    (Framework, _with_child({"id": "c", "title": "C", "descriptors": {"good": None}})),
    (Framework, _with_child({"id": "c", "title": "C", "evidence": None})),
    (Framework, _with_child({"id": "c", "title": "C", "evidence": []})),
    (Framework, _with_child({"id": "c", "title": "C", "evidence": {"kinds": [None]}})),
    (Framework, _with_child({"id": "c", "title": "C", "scale": True})),
    (Framework, _with_child({"id": "c", "title": "C", "scale": {}})),
    (Framework, _with_child({"id": "c", "title": "C", "children": [{"kind": "domain"}]})),
    (Framework, {**F, "scale": []}),
    (Framework, {**F, "scale": 3}),
    (Framework, {**F, "scale": {"id": "s", "title": "S", "levels": [None, 1]}}),
    (Framework, {**F, "scale": {"id": "s", "title": "S", "levels": L2, "thresholds": [None]}}),
    (Framework, {**F, "scale": {"id": "s", "title": "S", "levels": L2, "kind": None}}),
    (Framework, {**F, "metadata": {"a": None}}),
    (Framework, {**F, "id": []}),
    (Framework, {**F, 1: "x"}),
    (Framework, {**F, None: "x"}),
    (Assessment, {**A, "ratings": None}),
    (Assessment, {**A, "ratings": [None]}),
    (Assessment, {**A, "ratings": [{}]}),
    (Assessment, {**A, "ratings": [{"criterion_id": "c", "level": "good", "role": None}]}),
    (Assessment, {**A, "ratings": [{"criterion_id": "c", "level": "not_applicable"}]}),
    (Assessment, {**A, "ratings": [{"criterion_id": "c", "level": "good", "date": 20240101}]}),
    (Assessment, {**A, "evidence": [None]}),
    (Assessment, {**A, "evidence": [{"id": "e", "title": "t", "kind": "data", "period": []}]}),
    (Assessment, {**A, "evidence": [{"id": "e", "title": "t", "kind": "data", "period": {}}]}),
    (Assessment, {**A, "evidence": [{"id": "e", "title": "t", "kind": None}]}),
    (Assessment, {**A, "period": "2024"}),
    (Assessment, {**A, "period": 2024}),
    (RatingScale, {**S}),
    (RatingScale, {**S, "levels": {}}),
    (RatingScale, {**S, "levels": [[]]}),
    (Level, {"schema": "lscbqa/level/1", "code": None, "label": "A", "value": "1"}),
    (Period, {"schema": "lscbqa/period/1", "start": None, "end": []}),
    (Agency, {"schema": "lscbqa/agency/1", "id": "a", "name": "A", "sector": None}),
    (ActionPlan, {"schema": "lscbqa/action-plan/1", "id": "p", "title": "P", "actions": [None]}),
]


class TestFromDict:
    @pytest.mark.parametrize(
        ("cls", "document"), MALFORMED, ids=[str(i) for i in range(len(MALFORMED))]
    )
    def test_malformed_documents_raise_validation_error(self, cls: type, document: Any) -> None:
        """Malformed documents raise ValidationError with paths, never a bare builtin error."""
        with pytest.raises(ValidationError) as caught:
            from_dict(document, cls)
        assert caught.value.problems
        assert all(path.startswith("$") for path in caught.value.paths)

    def test_not_a_document_type(self) -> None:
        """Asking for a class that is not a document type is a programming error."""
        with pytest.raises(TypeError, match="not an lscbqa document type"):
            from_dict({}, dict)


MALFORMED_TEXT: list[Any] = [
    ("{", "json"),
    ("", "json"),
    ("[]", "json"),
    ('"text"', "json"),
    ('{"schema": null}', "json"),
    ("\ufeff{}", "json"),
    ("schema = ", "toml"),
    ("[[schema]]\n", "toml"),
    ("schema = [1, 'a']\n", "toml"),
    ("a.b = 1\na = 2\n", "toml"),
    ("?", "yaml"),
    ("- a\n- b\n", "yaml"),
    ("schema: [", "yaml"),
    ("&a [*a]", "yaml"),
    ("[1]: a\n", "yaml"),
    ("{[1]: a}\n", "yaml"),
    ("schema: !!binary aGVsbG8=\n", "yaml"),
    ("schema: !!set {a, b}\n", "yaml"),
    ("schema: lscbqa/period/1\nstart: !!timestamp 2024-01-01\nend: 5\n", "yaml"),
]


class TestLoads:
    @pytest.mark.parametrize(
        ("text", "format"), MALFORMED_TEXT, ids=[str(i) for i in range(len(MALFORMED_TEXT))]
    )
    def test_malformed_text_raises_validation_error(self, text: str, format: Format) -> None:
        """Malformed text raises ValidationError, never a bare builtin error."""
        with pytest.raises(ValidationError):
            loads(text, Period, format=format)

    def test_unknown_format(self) -> None:
        """An unknown format name is a ValueError naming the formats."""
        with pytest.raises(ValueError, match="expected a format in"):
            loads("{}", Period, format="xml")  # type: ignore[arg-type]


class TestLoadsPersonalEvidence:
    @pytest.mark.parametrize(
        ("field", "value", "path"),
        [
            ("title", ["Jane", "Doe"], "$.title"),
            ("notes", {"name": "Jane Doe"}, "$.notes"),
            ("collected_on", "Jane's birthday", "$.collected_on"),
            ("uri", 12345678, "$.uri"),
            ("kind", "Jane Doe", "$.kind"),
            ("criterion_ids", ["Jane Doe"], "$.criterion_ids[0]"),
            ("id", "Jane Doe", "$.id"),
            ("period", {"start": "Jane", "end": "2024-01-01"}, "$.period.start"),
        ],
    )
    @pytest.mark.parametrize("format", FORMATS)
    def test_wrong_field_is_not_echoed(
        self, format: Format, field: str, value: Any, path: str
    ) -> None:
        """A wrong-typed field of personal evidence is reported without its value."""
        document = _personal_evidence(**{field: value})
        error = _error(_text(document, format), Evidence, format)
        assert error.paths == (path,)
        text = str(error)
        assert "Jane" not in text
        assert "12345678" not in text
        assert "withheld because the evidence is personal" in text

    @pytest.mark.parametrize("format", FORMATS)
    def test_personal_evidence_inside_an_assessment(self, format: Format) -> None:
        """Inside an assessment, personal evidence's wrong fields are withheld too."""
        document = _assessment()
        document["evidence"][1].update(
            sensitivity="personal", title=["Jane Doe"], notes=99, period="Jane"
        )
        error = _error(_text(document, format), Assessment, format)
        assert sorted(error.paths) == [
            "$.evidence[1].notes",
            "$.evidence[1].period",
            "$.evidence[1].title",
        ]
        assert "Jane" not in str(error)
        assert "99" not in str(error)

    def test_internal_evidence_is_echoed(self) -> None:
        """Evidence that is not personal has its wrong value quoted, to help fix it."""
        document = _personal_evidence(sensitivity="internal", collected_on="Jane's birthday")
        error = _dict_error(document, Evidence)
        assert error.paths == ("$.collected_on",)
        assert 'found the string "Jane\'s birthday"' in str(error)

    def test_other_evidence_in_the_same_assessment_is_echoed(self) -> None:
        """Withholding applies to the personal item only, not to its neighbours."""
        document = _assessment()
        document["evidence"][0].update(sensitivity="personal", collected_on="Jane's day")
        document["evidence"][1].update(collected_on="Board day")
        error = _dict_error(document, Assessment)
        assert error.paths == ("$.evidence[0].collected_on", "$.evidence[1].collected_on")
        assert "Jane" not in str(error)
        assert error.problems[1].message.endswith("found the string 'Board day'")


class TestLoadsEdgeCases:
    def test_non_text_mapping_key(self) -> None:
        """A metadata key that is not text is reported with the key found."""
        text = "schema: lscbqa/framework/1\nid: f\nversion: '1'\ntitle: F\nmetadata: {1: a}\n"
        error = _error(text, Framework, "yaml")
        assert error.paths == ("$.metadata.1",)
        assert error.problems[0].message == "expected text keys; found the key 1"

    def test_float_too_large_for_a_float(self) -> None:
        """An integer too large for a float is reported at its field, not as an overflow."""
        text = '{"schema": "lscbqa/criterion/1", "id": "c", "title": "C", "weight": 1' + "0" * 400
        error = _error(text + "}", Criterion)
        assert error.paths == ("$.weight",)
        assert error.problems[0].message.startswith("expected a number of ordinary size")

    def test_unknown_key_in_personal_evidence_is_not_named(self) -> None:
        """An unknown key inside personal evidence is reported without its name."""
        text = (
            '{"schema": "lscbqa/evidence/1", "id": "e", "title": "t", "kind": "case_audit", '
            '"sensitivity": "personal", "Jane Doe": 1}'
        )
        error = _error(text, Evidence)
        assert error.paths == ("$",)
        assert "Jane" not in str(error)
        assert "withheld" in error.problems[0].message

    def test_byte_order_mark_is_accepted(self) -> None:
        """A UTF-8 byte-order mark, as spreadsheet tools write, is skipped."""
        text = '\ufeff{"schema": "lscbqa/period/1", "start": "2024-01-01", "end": "2024-01-31"}'
        assert loads(text, Period).days == 31
        assert loads(text.encode("utf-8"), Period).days == 31
