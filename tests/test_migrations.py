"""Documents of an older schema major load through registered migrations.

No kind has an older major yet (every kind is at 1), so each test registers a
migration from major 0 and removes it again afterwards.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest

from lscbqa.agencies import Agency
from lscbqa.exceptions import SchemaError, ValidationError
from lscbqa.periods import Period
from lscbqa.serialize import (
    FORMATS,
    SCHEMA_MAJOR,
    Format,
    dumps,
    from_dict,
    loads,
    register_migration,
    supported_majors,
    unregister_migration,
)

OLD_AGENCY = {"schema": "lscbqa/agency/0", "id": "la", "title": "Council", "sector": "police"}


def _title_becomes_name(document: dict[str, Any]) -> dict[str, Any]:
    document["name"] = document.pop("title")
    return document


@pytest.fixture
def migration() -> Iterator[None]:
    """Agency documents of major 0 called the name ``title``."""
    register_migration("agency", 0, _title_becomes_name)
    yield
    unregister_migration("agency", 0)


def _old_text(format: Format) -> str:
    """OLD_AGENCY as text: the current document with its schema and one key changed."""
    current = dumps(Agency(id="la", name="Council", sector="police"), format=format)
    return current.replace("agency/1", "agency/0").replace("name", "title")


class TestRegisterMigration:
    @pytest.mark.usefixtures("migration")
    @pytest.mark.parametrize("format", FORMATS)
    def test_older_major_loads_through_its_migration(self, format: Format) -> None:
        """A major-0 document loads, migrated, in every format."""
        agency = loads(_old_text(format), Agency, format=format)
        assert agency == Agency(id="la", name="Council", sector="police")

    @pytest.mark.usefixtures("migration")
    def test_migration_does_not_mutate_the_input(self) -> None:
        """The caller's document is left as it was."""
        document = copy.deepcopy(OLD_AGENCY)
        from_dict(document, Agency)
        assert document == OLD_AGENCY

    def test_migration_gets_the_document_without_schema(self) -> None:
        """A migration sees the document's fields, not its schema key."""
        seen: list[dict[str, Any]] = []

        def record(document: dict[str, Any]) -> dict[str, Any]:
            seen.append(dict(document))
            return _title_becomes_name(document)

        register_migration("agency", 0, record)
        try:
            from_dict(OLD_AGENCY, Agency)
        finally:
            unregister_migration("agency", 0)
        assert seen == [{"id": "la", "title": "Council", "sector": "police"}]

    def test_schema_key_returned_by_a_migration_is_ignored(self) -> None:
        """A migration that passes the schema key along still gives a loadable document."""
        register_migration("agency", 0, lambda d: {**_title_becomes_name(d), "schema": "x"})
        try:
            assert from_dict(OLD_AGENCY, Agency).name == "Council"
        finally:
            unregister_migration("agency", 0)

    @pytest.mark.usefixtures("migration")
    def test_migrated_document_is_checked(self) -> None:
        """Problems in the migrated document are reported with their paths."""
        with pytest.raises(ValidationError) as caught:
            from_dict({**OLD_AGENCY, "sector": "army"}, Agency)
        assert caught.value.paths == ("$.sector",)

    def test_failing_migration_is_a_validation_error(self) -> None:
        """A migration that fails on a malformed old document gives a ValidationError at $."""
        register_migration("agency", 0, _title_becomes_name)
        try:
            with pytest.raises(ValidationError) as caught:
                from_dict({"schema": "lscbqa/agency/0", "id": "la", "sector": "police"}, Agency)
        finally:
            unregister_migration("agency", 0)
        assert caught.value.paths == ("$",)
        assert "migration from lscbqa/agency/0 to lscbqa/agency/1" in str(caught.value)
        assert "KeyError" in str(caught.value)

    def test_migration_is_per_kind(self) -> None:
        """A migration of agencies does not make old periods readable."""
        register_migration("agency", 0, _title_becomes_name)
        try:
            with pytest.raises(SchemaError):
                from_dict({"schema": "lscbqa/period/0", "start": "2024-01-01"}, Period)
        finally:
            unregister_migration("agency", 0)

    def test_current_or_newer_major_cannot_be_registered(self) -> None:
        """Only majors older than the current one take a migration."""
        with pytest.raises(ValueError, match="older than the current one"):
            register_migration("agency", SCHEMA_MAJOR, _title_becomes_name)

    def test_major_must_be_an_integer(self) -> None:
        """A major given as text is a TypeError."""
        with pytest.raises(TypeError):
            register_migration("agency", "0", _title_becomes_name)  # type: ignore[arg-type]

    def test_migration_returning_a_non_mapping_is_a_type_error(self) -> None:
        """A migration must return a mapping: anything else is a bug in the migration."""
        register_migration("agency", 0, lambda document: [document])  # type: ignore[arg-type,return-value]
        try:
            with pytest.raises(TypeError, match="not a mapping"):
                from_dict(OLD_AGENCY, Agency)
        finally:
            unregister_migration("agency", 0)


class TestChainedMigrations:
    def test_migrations_chain_one_major_at_a_time(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """With a current major of 3, a major-1 document goes through 1->2 and then 2->3."""
        import lscbqa.serialize as serialize

        monkeypatch.setattr(serialize, "SCHEMA_MAJOR", 3)
        order: list[int] = []

        def step(major: int, rename: tuple[str, str]) -> Any:
            def migrate(document: dict[str, Any]) -> dict[str, Any]:
                order.append(major)
                document[rename[1]] = document.pop(rename[0])
                return document

            return migrate

        register_migration("agency", 1, step(1, ("label", "title")))
        register_migration("agency", 2, step(2, ("title", "name")))
        try:
            assert supported_majors("agency") == (1, 2, 3)
            old = {"schema": "lscbqa/agency/1", "id": "la", "label": "C", "sector": "police"}
            assert from_dict(old, Agency).name == "C"
        finally:
            unregister_migration("agency", 1)
            unregister_migration("agency", 2)
        assert order == [1, 2]

    def test_gap_in_the_chain_is_a_schema_error(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without a migration for 1->2, a major-1 document cannot reach major 3."""
        import lscbqa.serialize as serialize

        monkeypatch.setattr(serialize, "SCHEMA_MAJOR", 3)
        register_migration("agency", 2, _title_becomes_name)
        try:
            assert supported_majors("agency") == (2, 3)
            with pytest.raises(SchemaError) as caught:
                from_dict({**OLD_AGENCY, "schema": "lscbqa/agency/1"}, Agency)
        finally:
            unregister_migration("agency", 2)
        assert "no migration from version 1 to 2 is registered" in str(caught.value)
        assert "it reads versions 2 and 3" in str(caught.value)


class TestUnsupportedMajor:
    def test_older_major_without_migration_names_supported_majors(self) -> None:
        """An older major with no migration is a SchemaError naming the majors read."""
        with pytest.raises(SchemaError) as caught:
            from_dict(OLD_AGENCY, Agency)
        assert caught.value.paths == ("$.schema",)
        assert "found version 0" in str(caught.value)
        assert "no migration from version 0 to 1 is registered" in str(caught.value)
        assert "(it reads version 1)" in str(caught.value)

    @pytest.mark.usefixtures("migration")
    def test_newer_major_names_supported_majors(self) -> None:
        """A newer major is a SchemaError naming every major this release reads."""
        with pytest.raises(SchemaError) as caught:
            from_dict({**OLD_AGENCY, "schema": "lscbqa/agency/2"}, Agency)
        assert "found version 2, which this release of lscbqa cannot read" in str(caught.value)
        assert "(it reads versions 0 and 1)" in str(caught.value)

    def test_unregistered_migration_no_longer_applies(self) -> None:
        """After unregister_migration, the older major is refused again."""
        register_migration("agency", 0, _title_becomes_name)
        unregister_migration("agency", 0)
        assert supported_majors("agency") == (1,)
        with pytest.raises(SchemaError):
            from_dict(OLD_AGENCY, Agency)
