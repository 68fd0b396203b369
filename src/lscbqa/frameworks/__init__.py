"""Frameworks: the built-in ones, a registry, and documents that extend others.

Examples
--------
>>> from lscbqa import frameworks
>>> "partnership-self-assessment" in frameworks.available()
True
>>> frameworks.example_framework().counts()
{'domains': 3, 'criteria': 10}
"""

from __future__ import annotations

from lscbqa.frameworks.carry import carry_over, partial_ceiling
from lscbqa.frameworks.definition import FrameworkDefinition
from lscbqa.frameworks.diff import Difference, DifferenceKind, diff
from lscbqa.frameworks.registry import (
    ENTRY_POINT_GROUP,
    available,
    available_mappings,
    get,
    get_mapping,
    load_framework,
    loads_framework,
    register,
    resolve,
    unregister,
)
from lscbqa.model import Framework

__all__ = [
    "ENTRY_POINT_GROUP",
    "EXAMPLE",
    "Difference",
    "DifferenceKind",
    "FrameworkDefinition",
    "available",
    "available_mappings",
    "carry_over",
    "diff",
    "example_framework",
    "get",
    "get_mapping",
    "load_framework",
    "loads_framework",
    "partial_ceiling",
    "register",
    "resolve",
    "unregister",
]

EXAMPLE = "partnership-self-assessment"
"""The name of the built-in example framework."""


def example_framework() -> Framework:
    """The example partnership self-assessment: 3 domains, 10 criteria, Ofsted grades.

    Examples
    --------
    >>> for domain in example_framework().domains:
    ...     print(domain.title)
    Leadership and accountability
    Listening to children and families
    Safe practice and a safe workforce
    """
    return get(EXAMPLE)
