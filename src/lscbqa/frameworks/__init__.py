"""Frameworks: the built-in frameworks shipped with lscbqa.

The frameworks issue adds inheritance, tailoring and a registry here; for now the
package ships one example framework as a TOML document in ``frameworks/data/``.

Examples
--------
>>> from lscbqa.frameworks import builtin_names, example_framework
>>> builtin_names()
('partnership-self-assessment',)
>>> example_framework().counts()
{'domains': 3, 'criteria': 10}
"""

from __future__ import annotations

import functools
from importlib import resources

from lscbqa.exceptions import NotFoundError
from lscbqa.model import Framework
from lscbqa.serialize import loads

__all__ = ["EXAMPLE", "builtin_names", "example_framework", "load_builtin"]

EXAMPLE = "partnership-self-assessment"
"""The name of the built-in example framework."""


def builtin_names() -> tuple[str, ...]:
    """The names of the frameworks shipped with lscbqa, sorted.

    Examples
    --------
    >>> EXAMPLE in builtin_names()
    True
    """
    data = resources.files(__package__).joinpath("data")
    return tuple(
        sorted(
            item.name.removesuffix(".toml")
            for item in data.iterdir()
            if item.name.endswith(".toml")
        )
    )


@functools.cache
def load_builtin(name: str) -> Framework:
    """Load a framework shipped with lscbqa by name.

    Parameters
    ----------
    name : str
        One of :func:`builtin_names`.

    Returns
    -------
    Framework

    Raises
    ------
    NotFoundError
        If no built-in framework has that name.

    Examples
    --------
    >>> load_builtin("partnership-self-assessment").version
    '2024.1'
    """
    if name not in builtin_names():
        known = ", ".join(repr(n) for n in builtin_names())
        raise NotFoundError(f"no built-in framework named {name!r}; known: {known}")
    text = resources.files(__package__).joinpath("data", f"{name}.toml").read_text("utf-8")
    return loads(text, Framework, format="toml")


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
    return load_builtin(EXAMPLE)
