"""Lazy exports: a package's names load from their modules on first use (PEP 562).

Nothing here is public API; it imports only the standard library, so that a package
using it stays quick to import.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(
    package: str, module_of: Mapping[str, str], namespace: dict[str, Any]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """A package's ``__getattr__`` and ``__dir__`` that load each name from its module on use.

    PEP 562: importing the package costs nothing more; ``package.Name`` (and ``from
    package import Name``) imports the module that defines it, once, and keeps the
    value in ``namespace`` so that later lookups are plain attribute reads.
    """

    def get_attribute(name: str) -> Any:
        module = module_of.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        namespace[name] = value
        return value

    def names() -> list[str]:
        return sorted({*namespace, *module_of})

    return get_attribute, names
