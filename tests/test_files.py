"""Reading and writing document files."""

from __future__ import annotations

import os
import pathlib
import stat
from pathlib import Path

import pytest

from lscbqa import Agency, ValidationError
from lscbqa._util import write_text_atomic
from lscbqa.frameworks import example_framework
from lscbqa.model import Framework
from lscbqa.serialize import dump, format_for, load


class TestFormatFor:
    @pytest.mark.parametrize(
        ("name", "expected"),
        [("a.json", "json"), ("a.TOML", "toml"), ("a.yaml", "yaml"), ("a.yml", "yaml")],
    )
    def test_suffixes(self, name: str, expected: str) -> None:
        """The format follows the file's suffix, in any case."""
        assert format_for(name) == expected

    def test_unknown_suffix(self) -> None:
        """An unknown suffix is a ValueError that lists the known ones."""
        with pytest.raises(ValueError, match=r"\.json"):
            format_for("framework.xlsx")


class TestDumpAndLoad:
    @pytest.mark.parametrize("suffix", [".json", ".toml", ".yaml"])
    def test_round_trip(self, tmp_path: Path, suffix: str) -> None:
        """A framework written to a file reads back equal."""
        path = tmp_path / f"framework{suffix}"
        dump(example_framework(), path)
        assert load(path, Framework) == example_framework()

    def test_explicit_format_overrides_suffix(self, tmp_path: Path) -> None:
        """``format=`` wins over the suffix."""
        path = tmp_path / "agency.txt"
        agency = Agency(id="la", name="Council", sector="local_authority")
        dump(agency, path, format="yaml")
        assert path.read_text().startswith("schema: lscbqa/agency/1")
        assert load(path, Agency, format="yaml") == agency

    def test_failed_write_keeps_the_old_file(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """If the write fails the previous file stays whole and no temporary file is left."""
        path = tmp_path / "agency.json"
        dump(Agency(id="la", name="Council", sector="local_authority"), path)
        before = path.read_text()

        def broken_replace(source: str, target: str) -> None:
            raise OSError("disk full")

        monkeypatch.setattr(os, "replace", broken_replace)
        with pytest.raises(OSError, match="disk full"):
            dump(Agency(id="police", name="Police", sector="police"), path)
        assert path.read_text() == before
        assert [p.name for p in tmp_path.iterdir()] == ["agency.json"]

    def test_errors_name_the_file(self, tmp_path: Path) -> None:
        """Problems found in a file mention the file."""
        path = tmp_path / "agency.json"
        path.write_text(
            '{"schema": "lscbqa/agency/1", "id": "la", "name": "Council", "sector": "army"}'
        )
        with pytest.raises(ValidationError) as caught:
            load(path, Agency)
        assert caught.value.paths == ("$.sector",)
        assert str(path) in caught.value.problems[0].message


class TestWrittenFilePermissions:
    def test_new_file_gets_the_umask_permissions(self, tmp_path: pathlib.Path) -> None:
        """A new file is readable as a plain open would make it, not owner-only."""
        umask = os.umask(0o022)
        try:
            target = tmp_path / "out.txt"
            write_text_atomic(target, "x")
        finally:
            os.umask(umask)
        assert stat.S_IMODE(target.stat().st_mode) == 0o644

    def test_replaced_file_keeps_its_permissions(self, tmp_path: pathlib.Path) -> None:
        """Writing over a file keeps the permissions it had."""
        target = tmp_path / "out.txt"
        target.write_text("old")
        target.chmod(0o640)
        write_text_atomic(target, "new")
        assert (target.read_text(), stat.S_IMODE(target.stat().st_mode)) == ("new", 0o640)
