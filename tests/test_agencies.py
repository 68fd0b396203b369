"""Tests for lscbqa.agencies: agencies and sectors."""

from __future__ import annotations

from typing import Any

import pytest

from lscbqa.agencies import Agency, Sector
from lscbqa.exceptions import ValidationError


def _agency(**options: Any) -> Agency:
    fields: dict[str, Any] = {"id": "police", "name": "Northshire Police", "sector": "police"}
    fields.update(options)
    return Agency(**fields)


class TestSector:
    def test_from_value(self) -> None:
        """A sector can be given by its value."""
        assert Sector("health_provider") is Sector.HEALTH_PROVIDER

    @pytest.mark.parametrize(
        ("sector", "label"),
        [
            (Sector.LOCAL_AUTHORITY, "Local authority"),
            (Sector.YOUTH_JUSTICE, "Youth justice"),
            (Sector.VOLUNTARY_SECTOR, "Voluntary sector"),
            (Sector.POLICE, "Police"),
        ],
    )
    def test_label_in_words(self, sector: Sector, label: str) -> None:
        """label spells the sector in words with a capital first letter."""
        assert sector.label == label

    def test_unknown_value(self) -> None:
        """A value that names no sector raises ValueError."""
        with pytest.raises(ValueError, match="'army'"):
            Sector("army")


class TestAgency:
    def test_sector_from_string(self) -> None:
        """A sector given as text becomes the Sector member."""
        assert _agency().sector is Sector.POLICE

    def test_sector_member_kept(self) -> None:
        """A Sector member is kept as given."""
        assert _agency(sector=Sector.EDUCATION).sector is Sector.EDUCATION

    def test_not_statutory_by_default(self) -> None:
        """An agency is not statutory unless it says so."""
        assert _agency().statutory is False

    def test_statutory(self) -> None:
        """statutory=True is kept."""
        assert _agency(statutory=True).statutory is True

    def test_unknown_sector(self) -> None:
        """An unknown sector is rejected at $.sector, listing the sectors."""
        with pytest.raises(ValidationError) as caught:
            _agency(sector="army")
        assert caught.value.paths == ("$.sector",)
        message = caught.value.problems[0].message
        assert "'local_authority', 'police'" in message
        assert "found the string 'army'" in message

    def test_statutory_must_be_boolean(self) -> None:
        """statutory=1 is rejected at $.statutory: a number is not true or false."""
        with pytest.raises(ValidationError) as caught:
            _agency(statutory=1)
        assert caught.value.paths == ("$.statutory",)
        assert "expected true or false; found the number 1" in caught.value.problems[0].message

    def test_id_must_be_an_id(self) -> None:
        """An id with spaces is rejected at $.id."""
        with pytest.raises(ValidationError) as caught:
            _agency(id="north police")
        assert caught.value.paths == ("$.id",)
        assert "found the string 'north police'" in caught.value.problems[0].message

    def test_name_must_not_be_blank(self) -> None:
        """A blank name is rejected at $.name."""
        with pytest.raises(ValidationError) as caught:
            _agency(name="")
        assert caught.value.paths == ("$.name",)
        assert "expected a non-empty text" in caught.value.problems[0].message

    def test_name_must_be_a_string(self) -> None:
        """A name that is not text is rejected at $.name."""
        with pytest.raises(ValidationError) as caught:
            _agency(name=None)
        assert caught.value.paths == ("$.name",)
        assert "expected a string; found nothing (null)" in caught.value.problems[0].message

    def test_equal_agencies(self) -> None:
        """Agencies built alike are equal, whether the sector is text or a member."""
        assert _agency() == _agency(sector=Sector.POLICE)


class TestIdsEndWhereTheyEnd:
    def test_trailing_newline_is_not_part_of_an_id(self) -> None:
        """An id followed by a newline is not an id (the pattern matches the whole text)."""
        with pytest.raises(ValidationError) as caught:
            Agency(id="police\n", name="Police", sector="police")
        assert caught.value.paths == ("$.id",)
