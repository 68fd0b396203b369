"""The packages that export names lazily (PEP 562) give the right object for every name."""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

import pytest

PACKAGES = ["lscbqa", "lscbqa.indicators", "lscbqa.scoring", "lscbqa.report"]


@pytest.mark.parametrize("name", PACKAGES)
class TestLazyExports:
    def test_every_name_in_all_resolves_to_its_module_object(self, name: str) -> None:
        """Each name of __all__ is the object its module defines, not a module."""
        package = importlib.import_module(name)
        for export in package.__all__:
            value = getattr(package, export)
            module = package._MODULE_OF.get(export)
            if module is not None:
                assert value is getattr(importlib.import_module(module), export), export
            assert not isinstance(value, ModuleType), export

    def test_no_export_shares_a_submodule_name(self, name: str) -> None:
        """A submodule, once imported, would shadow an export of the same name."""
        package = importlib.import_module(name)
        submodules = {info.name for info in pkgutil.iter_modules(package.__path__)}
        assert sorted(set(package.__all__) & submodules) == []

    def test_dir_lists_every_export(self, name: str) -> None:
        """dir() shows the exported names before they are loaded."""
        package = importlib.import_module(name)
        assert set(package.__all__) <= set(dir(package))
