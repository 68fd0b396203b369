"""Tests for lscbqa.evidence: kinds, strength, sensitivity, dates and redaction."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from lscbqa.evidence import REDACTED, Evidence, EvidenceKind, Sensitivity, Strength
from lscbqa.exceptions import ValidationError
from lscbqa.periods import Period

D = datetime.date


def _evidence(**options: Any) -> Evidence:
    fields: dict[str, Any] = {"id": "ev1", "title": "Safer recruitment policy", "kind": "policy"}
    fields.update(options)
    return Evidence(**fields)


def _personal(**options: Any) -> Evidence:
    fields: dict[str, Any] = {
        "title": "Case file note on Jane Doe",
        "kind": "case_audit",
        "sensitivity": "personal",
        "uri": "file:///cases/jane-doe.pdf",
        "notes": "Jane Doe lives at 1 High Street",
    }
    fields.update(options)
    return _evidence(**fields)


class TestEvidenceKind:
    @pytest.mark.parametrize(
        ("kind", "label"),
        [
            (EvidenceKind.CHILDS_VOICE, "Child's voice"),
            (EvidenceKind.TRAINING_RECORD, "Training record"),
            (EvidenceKind.CASE_AUDIT, "Case audit"),
            (EvidenceKind.DATA, "Data"),
        ],
    )
    def test_label_in_words(self, kind: EvidenceKind, label: str) -> None:
        """label spells the kind in words, with the child's apostrophe."""
        assert kind.label == label

    def test_from_value(self) -> None:
        """A kind can be given by its value."""
        assert EvidenceKind("minutes") is EvidenceKind.MINUTES


class TestStrength:
    def test_rank_orders_weakest_first(self) -> None:
        """rank is 0 for an assertion, 1 for internal review, 2 for independent evidence."""
        assert [s.rank() for s in (Strength.ASSERTION, Strength.INTERNAL_REVIEW)] == [0, 1]
        assert Strength.INDEPENDENT.rank() == 2


class TestSensitivity:
    def test_values(self) -> None:
        """The sensitivities are public, internal and personal."""
        assert [s.value for s in Sensitivity] == ["public", "internal", "personal"]


class TestEvidence:
    def test_kind_from_string(self) -> None:
        """A kind given as text becomes the member."""
        assert _evidence(kind="childs_voice").kind is EvidenceKind.CHILDS_VOICE

    def test_strength_from_string(self) -> None:
        """A strength given as text becomes the member."""
        assert _evidence(strength="independent").strength is Strength.INDEPENDENT

    def test_sensitivity_from_string(self) -> None:
        """A sensitivity given as text becomes the member."""
        assert _evidence(sensitivity="public").sensitivity is Sensitivity.PUBLIC

    def test_defaults(self) -> None:
        """Evidence is an internal assertion, citing no criteria, unless told otherwise."""
        item = _evidence()
        assert (item.strength, item.sensitivity, item.criterion_ids) == (
            Strength.ASSERTION,
            Sensitivity.INTERNAL,
            (),
        )

    def test_criterion_ids_become_a_tuple(self) -> None:
        """criterion_ids given as a list are stored as a tuple."""
        assert _evidence(criterion_ids=["s11.1", "s11.2"]).criterion_ids == ("s11.1", "s11.2")

    def test_criterion_ids_as_a_string_are_not_split(self) -> None:
        """A single string where a list of ids is expected is rejected, not split."""
        with pytest.raises(ValidationError) as caught:
            _evidence(criterion_ids="s11.1")
        assert caught.value.paths == ("$.criterion_ids",)
        assert "found the string 's11.1'" in caught.value.problems[0].message

    def test_criterion_id_that_is_not_an_id(self) -> None:
        """A criterion id with spaces is rejected at its index."""
        with pytest.raises(ValidationError) as caught:
            _evidence(criterion_ids=["s11.1", "s 11"])
        assert caught.value.paths == ("$.criterion_ids[1]",)

    @pytest.mark.parametrize(
        ("field", "value", "path"),
        [
            ("kind", "rumour", "$.kind"),
            ("strength", "strong", "$.strength"),
            ("sensitivity", "secret", "$.sensitivity"),
        ],
    )
    def test_unknown_enum_value(self, field: str, value: str, path: str) -> None:
        """An unknown kind, strength or sensitivity is rejected at its field, quoting it."""
        with pytest.raises(ValidationError) as caught:
            _evidence(**{field: value})
        assert caught.value.paths == (path,)
        assert f"found the string {value!r}" in caught.value.problems[0].message

    def test_collected_on_must_be_a_date(self) -> None:
        """A collection date given as text is rejected at $.collected_on."""
        with pytest.raises(ValidationError) as caught:
            _evidence(collected_on="2024-05-01")
        assert caught.value.paths == ("$.collected_on",)
        assert "expected a date (YYYY-MM-DD) or nothing" in caught.value.problems[0].message

    def test_blank_uri(self) -> None:
        """An empty uri is rejected at $.uri."""
        with pytest.raises(ValidationError) as caught:
            _evidence(uri="")
        assert caught.value.paths == ("$.uri",)

    def test_is_personal(self) -> None:
        """is_personal is true for personal evidence only."""
        assert (_personal().is_personal, _evidence().is_personal) == (True, False)

    def test_effective_date_is_collection_date(self) -> None:
        """With a collection date, that is the effective date."""
        assert _evidence(collected_on=D(2024, 5, 1)).effective_date == D(2024, 5, 1)

    def test_effective_date_prefers_collection_date_over_period(self) -> None:
        """The collection date wins over the end of the period described."""
        item = _evidence(collected_on=D(2024, 5, 1), period=Period.calendar_year(2023))
        assert item.effective_date == D(2024, 5, 1)

    def test_effective_date_falls_back_to_period_end(self) -> None:
        """Without a collection date, the end of the period is the effective date."""
        assert _evidence(period=Period.financial_year(2023)).effective_date == D(2024, 3, 31)

    def test_effective_date_unknown(self) -> None:
        """Without a collection date or a period, the effective date is None."""
        assert _evidence().effective_date is None

    def test_redacted_personal_loses_title_uri_and_notes(self) -> None:
        """A redacted copy of personal evidence has the redaction title and no uri or notes."""
        copy = _personal().redacted()
        assert (copy.title, copy.uri, copy.notes) == (REDACTED, None, None)

    def test_redacted_personal_keeps_everything_else(self) -> None:
        """Redaction keeps id, kind, dates, criteria, strength and sensitivity."""
        original = _personal(criterion_ids=["c1"], collected_on=D(2024, 5, 1))
        copy = original.redacted()
        assert (copy.id, copy.kind, copy.collected_on, copy.criterion_ids, copy.sensitivity) == (
            original.id,
            original.kind,
            original.collected_on,
            original.criterion_ids,
            original.sensitivity,
        )

    def test_redacted_leaves_the_original_alone(self) -> None:
        """redacted returns a new value; the original keeps its title."""
        original = _personal()
        original.redacted()
        assert original.title == "Case file note on Jane Doe"

    @pytest.mark.parametrize("sensitivity", ["public", "internal"])
    def test_redacted_non_personal_is_unchanged(self, sensitivity: str) -> None:
        """Evidence that is not personal is returned as it is."""
        item = _evidence(sensitivity=sensitivity, notes="n", uri="https://example.org")
        assert item.redacted() is item

    def test_repr_withholds_personal_text(self) -> None:
        """repr of personal evidence withholds its title, uri and notes."""
        text = repr(_personal())
        assert "Jane" not in text
        assert "High Street" not in text
        assert "title=<withheld: personal>" in text
        assert "uri=<withheld: personal>" in text
        assert "notes=<withheld: personal>" in text

    def test_repr_shows_id_and_kind_of_personal_evidence(self) -> None:
        """repr of personal evidence still shows its id and kind."""
        assert repr(_personal()).startswith(
            "Evidence(id='ev1', title=<withheld: personal>, kind='case_audit'"
        )

    def test_repr_of_internal_evidence_shows_title(self) -> None:
        """repr of evidence that is not personal shows the title and omits defaults."""
        assert repr(_evidence()) == (
            "Evidence(id='ev1', title='Safer recruitment policy', kind='policy')"
        )

    def test_personal_invalid_id_is_not_echoed(self) -> None:
        """A bad id on personal evidence is reported without the id's text."""
        with pytest.raises(ValidationError) as caught:
            _personal(id="Jane Doe")
        assert caught.value.paths == ("$.id",)
        assert "Jane" not in str(caught.value)
        assert "withheld because the evidence is personal" in str(caught.value)

    def test_internal_invalid_id_is_echoed(self) -> None:
        """A bad id on internal evidence is quoted in the message."""
        with pytest.raises(ValidationError) as caught:
            _evidence(id="Jane Doe")
        assert caught.value.paths == ("$.id",)
        assert "found the string 'Jane Doe'" in str(caught.value)

    @pytest.mark.parametrize(
        ("field", "value", "path"),
        [
            ("title", ["Jane", "Doe"], "$.title"),
            ("notes", 1234567, "$.notes"),
            ("kind", "Jane's file", "$.kind"),
            ("collected_on", "Jane 2024", "$.collected_on"),
            ("criterion_ids", ["Jane Doe"], "$.criterion_ids[0]"),
            ("source_agency_id", "Jane Doe", "$.source_agency_id"),
            ("uri", "  ", "$.uri"),
        ],
    )
    def test_personal_wrong_field_is_not_echoed(self, field: str, value: Any, path: str) -> None:
        """No wrong field of personal evidence echoes its value."""
        with pytest.raises(ValidationError) as caught:
            _personal(**{field: value})
        assert caught.value.paths == (path,)
        message = str(caught.value)
        assert "Jane" not in message
        assert "1234567" not in message
        assert "withheld because the evidence is personal" in message

    def test_is_hashable(self) -> None:
        """Evidence values can be set members."""
        assert len({_evidence(), _evidence()}) == 1
