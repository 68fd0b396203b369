"""Tests for lscbqa.serialize.json_schema: valid Draft 2020-12 schemas that match the loader."""

from __future__ import annotations

import copy
import datetime
import json
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest

from lscbqa.actions import Action, ActionPlan
from lscbqa.agencies import Agency
from lscbqa.assessment import Assessment, Finding, Rating
from lscbqa.evidence import Evidence
from lscbqa.exceptions import ValidationError
from lscbqa.model import Criterion, Domain, EvidenceExpectation, Framework, _example
from lscbqa.periods import Period
from lscbqa.scales import MET3, RAG3, Level, RatingScale
from lscbqa.serialize import document_kind, dumps, json_schema, loads

D = datetime.date

DOCUMENT_TYPES = [
    Framework,
    Domain,
    Criterion,
    EvidenceExpectation,
    RatingScale,
    Level,
    Period,
    Evidence,
    Rating,
    Assessment,
    Finding,
    Action,
    ActionPlan,
    Agency,
]


def _custom_scale() -> RatingScale:
    return RatingScale(
        id="custom_two",
        title="Two levels",
        kind="interval",
        thresholds=[0.6],
        levels=[
            Level(code="low", label="Low", value=0, colour="#D7191C", descriptor="Not yet"),
            Level(code="high", label="High", value=1),
        ],
    )


def _framework() -> Framework:
    """A framework using every field: nested domains, own scales, descriptors, metadata."""
    return Framework(
        id="rich",
        version="2024.1",
        title="Rich framework",
        description="Uses every field",
        scale=RAG3,
        metadata={"region": "North", "licence": "OGL"},
        domains=[
            Domain(
                id="lead",
                title="Leadership",
                description="Leaders",
                weight=2,
                children=[
                    Criterion(
                        id="lead.1",
                        title="A senior lead",
                        description="In full",
                        guidance="Ask the chair",
                        descriptors={"green": "Named", "red": "Nobody"},
                        weight=1.5,
                        evidence=EvidenceExpectation(min_count=1, kinds=["policy", "minutes"]),
                        indicator_ids=["ind.1"],
                        tags=["core"],
                        children=[Criterion(id="lead.1.a", title="Sub", scale=MET3)],
                    ),
                    Domain(
                        id="lead.sub",
                        title="Nested domain",
                        children=[Criterion(id="lead.2", title="Own scale", scale=_custom_scale())],
                    ),
                ],
            ),
            Domain(id="empty", title="Empty domain"),
        ],
    )


def _assessment() -> Assessment:
    """An assessment using every field, including personal evidence and an N/A rating."""
    return Assessment(
        id="a1",
        framework_id="rich",
        framework_version="2024.1",
        subject="police",
        period=Period.financial_year(2024),
        ratings=[
            Rating(
                criterion_id="lead.1.a",
                level="fully_met",
                role="moderated",
                rater="chair",
                date=D(2024, 6, 1),
                evidence_ids=["e1", "e2"],
                comment="Well evidenced",
            ),
            Rating.not_applicable("lead.2", reason="No such service"),
        ],
        evidence=[
            Evidence(
                id="e1",
                title="Case note on child A",
                kind="case_audit",
                source_agency_id="police",
                collected_on=D(2024, 5, 1),
                period=Period.calendar_year(2023),
                criterion_ids=["lead.1.a"],
                uri="https://example.org/e1",
                strength="independent",
                sensitivity="personal",
                notes="Private",
            ),
            Evidence(id="e2", title="Minutes", kind="minutes"),
        ],
    )


def _documents() -> dict[str, tuple[type, Any]]:
    """A hand-built value of each document type, by name."""
    return {
        "framework": (Framework, _framework()),
        "example-framework": (Framework, _example()),
        "domain": (Domain, _framework().domains[0]),
        "criterion": (Criterion, _framework().criterion("lead.1")),
        "scale": (RatingScale, _custom_scale()),
        "builtin-scale": (RatingScale, MET3),
        "level": (Level, _custom_scale().levels[0]),
        "period": (Period, Period.academic_year(2023)),
        "evidence": (Evidence, _assessment().evidence[0]),
        "rating": (Rating, _assessment().ratings[0]),
        "assessment": (Assessment, _assessment()),
        "finding": (
            Finding,
            Finding(severity="warning", code="unrated", path="$.ratings", message="m"),
        ),
        "action": (
            Action,
            Action(
                id="x",
                criterion_id="lead.1",
                description="Train",
                owner="police",
                due=D(2024, 9, 30),
                status="agreed",
                assessment_id="a1",
            ),
        ),
        "action-plan": (
            ActionPlan,
            ActionPlan(
                id="p", title="Plan", actions=[Action(id="x", criterion_id="c", description="d")]
            ),
        ),
        "agency": (Agency, Agency(id="ccg", name="ICB", sector="health_commissioner")),
    }


DOCUMENTS = _documents()


def _validator(cls: type) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        json_schema(cls), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _document(name: str) -> dict[str, Any]:
    value = DOCUMENTS[name][1]
    document: dict[str, Any] = json.loads(dumps(value))
    return document


def _errors(cls: type, document: Any) -> list[str]:
    return [error.message for error in _validator(cls).iter_errors(document)]


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


class TestJsonSchema:
    @pytest.mark.parametrize("cls", DOCUMENT_TYPES, ids=lambda cls: cls.__name__)
    def test_is_a_valid_draft_2020_12_schema(self, cls: type) -> None:
        """Every document type's schema passes the Draft 2020-12 meta-schema."""
        jsonschema.Draft202012Validator.check_schema(json_schema(cls))

    @pytest.mark.parametrize("cls", DOCUMENT_TYPES, ids=lambda cls: cls.__name__)
    def test_declares_draft_and_title(self, cls: type) -> None:
        """Each schema names its draft and titles itself with the document kind."""
        schema = json_schema(cls)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["title"] == f"lscbqa {document_kind(cls)} document"

    @pytest.mark.parametrize("cls", DOCUMENT_TYPES, ids=lambda cls: cls.__name__)
    def test_requires_the_schema_key(self, cls: type) -> None:
        """The schema key is required and fixed to lscbqa/<kind>/1."""
        schema = json_schema(cls)
        assert schema["required"][0] == "schema"
        assert schema["properties"]["schema"] == {"const": f"lscbqa/{document_kind(cls)}/1"}

    @pytest.mark.parametrize("cls", DOCUMENT_TYPES, ids=lambda cls: cls.__name__)
    def test_refuses_extra_keys_everywhere(self, cls: type) -> None:
        """The root and every definition forbid properties they do not list."""
        schema = json_schema(cls)
        assert schema["additionalProperties"] is False
        for definition in schema.get("$defs", {}).values():
            assert definition["additionalProperties"] is False

    @pytest.mark.parametrize("cls", DOCUMENT_TYPES, ids=lambda cls: cls.__name__)
    def test_every_reference_resolves(self, cls: type) -> None:
        """Every $ref points at a definition the schema holds."""
        schema = json_schema(cls)
        for ref in _refs(schema):
            assert ref.startswith("#/$defs/")
            assert ref.removeprefix("#/$defs/") in schema["$defs"]

    def test_is_deterministic(self) -> None:
        """Two calls give the same schema."""
        assert json_schema(Framework) == json_schema(Framework)

    @pytest.mark.parametrize("name", sorted(DOCUMENTS))
    def test_validates_real_documents(self, name: str) -> None:
        """A document dumped from a hand-built value is valid against its schema."""
        cls, _ = DOCUMENTS[name]
        assert _errors(cls, _document(name)) == []

    @pytest.mark.parametrize("name", sorted(DOCUMENTS))
    def test_valid_documents_also_load(self, name: str) -> None:
        """Each document the schema accepts loads back to its value."""
        cls, value = DOCUMENTS[name]
        assert loads(json.dumps(_document(name)), cls) == value

    def test_rejects_unknown_top_level_key(self) -> None:
        """An unknown key at the top of a framework is rejected."""
        document = {**_document("framework"), "colour": "blue"}
        assert _errors(Framework, document) == [
            "Additional properties are not allowed ('colour' was unexpected)"
        ]

    def test_rejects_unknown_nested_key(self) -> None:
        """An unknown key inside evidence in an assessment is rejected."""
        document = _document("assessment")
        document["evidence"][1]["author"] = "x"
        errors = list(_validator(Assessment).iter_errors(document))
        assert [list(error.absolute_path) for error in errors] == [["evidence", 1]]
        assert "'author' was unexpected" in errors[0].message

    def test_rejects_wrong_type(self) -> None:
        """A numeric title is rejected as not a string."""
        document = {**_document("framework"), "title": 5}
        assert _errors(Framework, document) == ["5 is not of type 'string'"]

    def test_rejects_wrong_nested_type(self) -> None:
        """A weight given as text deep in the tree is rejected at its path."""
        document = _document("framework")
        document["domains"][0]["children"][0]["weight"] = "heavy"
        errors = list(_validator(Framework).iter_errors(document))
        assert errors
        assert any(list(error.absolute_path) == ["domains", 0, "children", 0] for error in errors)

    def test_rejects_boolean_as_number(self) -> None:
        """A boolean weight is not a number to the schema either."""
        document = _document("criterion")
        document["weight"] = True
        assert _errors(Criterion, document) == ["True is not of type 'number'"]

    def test_rejects_missing_schema_key(self) -> None:
        """A document without its schema key is rejected."""
        document = _document("assessment")
        del document["schema"]
        assert _errors(Assessment, document) == ["'schema' is a required property"]

    def test_rejects_schema_of_another_kind(self) -> None:
        """A framework document claiming to be an assessment is rejected."""
        document = {**_document("framework"), "schema": "lscbqa/assessment/1"}
        assert _errors(Framework, document) == ["'lscbqa/framework/1' was expected"]

    def test_rejects_missing_required_field(self) -> None:
        """An agency without a name is rejected."""
        document = _document("agency")
        del document["name"]
        assert _errors(Agency, document) == ["'name' is a required property"]

    def test_rejects_unknown_enum_value(self) -> None:
        """An unknown sector is rejected."""
        document = {**_document("agency"), "sector": "army"}
        assert len(_errors(Agency, document)) == 1
        assert "'army' is not one of" in _errors(Agency, document)[0]

    @pytest.mark.parametrize("day", ["01/02/2024", "2024-1-01"])
    def test_rejects_date_in_wrong_form(self, day: str) -> None:
        """A date not written YYYY-MM-DD is rejected."""
        document = {**_document("period"), "start": day}
        assert len(_errors(Period, document)) >= 1

    def test_rejects_impossible_date_with_format_checking(self) -> None:
        """With format checking, 2024-13-01 is not a date."""
        document = {**_document("period"), "start": "2024-13-01"}
        assert _errors(Period, document) == ["'2024-13-01' is not a 'date'"]

    def test_rejects_negative_weight(self) -> None:
        """A negative weight is below the schema's minimum."""
        document = {**_document("criterion"), "weight": -1}
        assert _errors(Criterion, document) == ["-1 is less than the minimum of 0"]

    def test_rejects_id_with_spaces(self) -> None:
        """An id with spaces does not match the id pattern."""
        document = {**_document("agency"), "id": "north police"}
        assert len(_errors(Agency, document)) == 1

    def test_rejects_bad_colour(self) -> None:
        """A colour that is not #RRGGBB is rejected."""
        document = {**_document("level"), "colour": "red"}
        assert len(_errors(Level, document)) == 1

    def test_rejects_unknown_scale_name(self) -> None:
        """A scale name that is not registered is rejected."""
        document = {**_document("framework"), "scale": "ofsted5"}
        assert _errors(Framework, document)

    def test_rejects_string_where_list_expected(self) -> None:
        """A tags string is not a list."""
        document = {**_document("criterion"), "tags": "core"}
        assert _errors(Criterion, document) == ["'core' is not of type 'array'"]

    def test_nested_domain_without_kind_reads_as_a_criterion(self) -> None:
        """A nested domain without kind = "domain" is a criterion to the schema and the loader."""
        document = _document("framework")
        nested = document["domains"][0]["children"][1]
        assert nested.pop("kind") == "domain"
        assert _errors(Framework, document) == []
        loaded = loads(json.dumps(document), Framework)
        assert isinstance(loaded.node("lead.sub"), Criterion)

    @pytest.mark.parametrize(
        "change",
        [
            pytest.param(lambda d: d.__setitem__("extra", 1), id="unknown-key"),
            pytest.param(lambda d: d.__setitem__("title", 5), id="wrong-type"),
            pytest.param(lambda d: d.pop("schema"), id="missing-schema"),
            pytest.param(lambda d: d["domains"][0].pop("title"), id="missing-field"),
        ],
    )
    def test_schema_and_loader_agree_on_rejection(self, change: Any) -> None:
        """What the schema rejects, loading rejects too."""
        document = copy.deepcopy(_document("framework"))
        change(document)
        assert _errors(Framework, document)
        with pytest.raises(ValidationError):
            loads(json.dumps(document), Framework)
