"""The framework registry: built-in frameworks, yours, and those of installed plugins.

A framework is registered under a name, as a value or as a factory that builds
it on first use. Other installed packages expose frameworks through the entry
point group ``lscbqa.frameworks``; each entry point names a
:class:`~lscbqa.model.Framework`, or a callable returning one.

Examples
--------
>>> from lscbqa.frameworks.registry import available, get
>>> "partnership-self-assessment" in available()
True
>>> get("partnership-self-assessment").counts()
{'domains': 3, 'criteria': 10}
"""

from __future__ import annotations

import importlib.metadata
import warnings
from collections.abc import Callable
from importlib import resources
from typing import Any, TypeVar, overload

from lscbqa.exceptions import DuplicateRegistrationWarning, NotFoundError, PluginWarning
from lscbqa.model import Framework

__all__ = ["ENTRY_POINT_GROUP", "available", "get", "register", "unregister"]

ENTRY_POINT_GROUP = "lscbqa.frameworks"
"""The entry-point group through which installed packages expose frameworks."""

Factory = Callable[[], Framework]
F = TypeVar("F", bound=Callable[[], Any])

_FACTORIES: dict[str, Factory] = {}
_BUILT: dict[str, Framework] = {}
_DISCOVERED: list[bool] = []


def _builtin_factory(name: str) -> Factory:
    def build() -> Framework:
        from lscbqa.frameworks.files import loads_framework

        text = (
            resources.files("lscbqa.frameworks").joinpath("data", f"{name}.toml").read_text("utf-8")
        )
        return loads_framework(text, format="toml", source=name)

    return build


def _discover() -> None:
    """Register the built-in frameworks and those of installed plugins, once."""
    if _DISCOVERED:
        return
    _DISCOVERED.append(True)
    data = resources.files("lscbqa.frameworks").joinpath("data")
    for item in sorted(data.iterdir(), key=lambda entry: entry.name):
        if item.name.endswith(".toml"):
            name = item.name.removesuffix(".toml")
            _FACTORIES.setdefault(name, _builtin_factory(name))
    for entry_point in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        try:
            target = entry_point.load()
        except Exception as error:
            warnings.warn(
                f"framework plugin {entry_point.name!r} ({entry_point.value}) failed to load: "
                f"{type(error).__name__}: {error}",
                PluginWarning,
                stacklevel=3,
            )
            continue
        _add(entry_point.name, target if callable(target) else _constant(target))


def _constant(framework: Framework) -> Factory:
    return lambda: framework


def _add(name: str, factory: Factory) -> None:
    if name in _FACTORIES:
        warnings.warn(
            f"framework {name!r} was registered before; the new registration replaces it",
            DuplicateRegistrationWarning,
            stacklevel=4,
        )
    _FACTORIES[name] = factory
    _BUILT.pop(name, None)


@overload
def register(target: Framework, /, *, name: str | None = None) -> Framework: ...


@overload
def register(target: None = None, /, *, name: str) -> Callable[[F], F]: ...


def register(
    target: Framework | None = None, /, *, name: str | None = None
) -> Framework | Callable[[F], F]:
    """Register a framework, or (as a decorator) a function that builds one.

    Parameters
    ----------
    target : Framework, optional
        A framework value, registered under ``name`` or its own id.
    name : str, optional
        The name to register under; required when decorating.

    Returns
    -------
    Framework or decorator
        The framework itself; or a decorator that registers a zero-argument
        callable (a function, or a framework class) and returns it unchanged.
        The callable runs on the first :func:`get` of its name.

    Warns
    -----
    DuplicateRegistrationWarning
        If the name is already registered; the new registration wins.

    Examples
    --------
    >>> from lscbqa.model import Criterion, Domain, Framework
    >>> @register(name="guide-tiny")
    ... def tiny() -> Framework:
    ...     domain = Domain(id="d", title="D", children=[Criterion(id="c", title="C")])
    ...     return Framework(id="guide-tiny", version="1", title="Tiny", domains=[domain])
    >>> get("guide-tiny").title
    'Tiny'
    >>> unregister("guide-tiny")
    """
    _discover()
    if target is not None:
        if not isinstance(target, Framework):
            raise TypeError(
                f"register() takes a Framework, or name= to decorate a factory; found {target!r}"
            )
        _add(name or target.id, _constant(target))
        return target
    if name is None:
        raise TypeError("register(name=...) needs a name when used as a decorator")

    def decorate(factory: F) -> F:
        _add(name, factory)
        return factory

    return decorate


def unregister(name: str) -> None:
    """Remove a registered framework.

    Raises
    ------
    NotFoundError
        If nothing is registered under that name.

    Examples
    --------
    >>> from lscbqa.frameworks import example_framework
    >>> _ = register(example_framework(), name="guide-copy")
    >>> unregister("guide-copy")
    >>> "guide-copy" in available()
    False
    """
    _discover()
    if name not in _FACTORIES:
        raise NotFoundError(f"no framework registered as {name!r}")
    del _FACTORIES[name]
    _BUILT.pop(name, None)


def available() -> tuple[str, ...]:
    """The names of every registered framework, sorted.

    Examples
    --------
    >>> "partnership-self-assessment" in available()
    True
    """
    _discover()
    return tuple(sorted(_FACTORIES))


def get(name: str) -> Framework:
    """The framework registered under ``name``, built on first use.

    Raises
    ------
    NotFoundError
        If nothing is registered under that name (the message lists what is).

    Examples
    --------
    >>> get("partnership-self-assessment").version
    '2024.1'
    """
    _discover()
    if name not in _BUILT:
        try:
            factory = _FACTORIES[name]
        except KeyError:
            known = ", ".join(repr(n) for n in sorted(_FACTORIES))
            raise NotFoundError(f"no framework named {name!r}; available: {known}") from None
        built = factory()
        if not isinstance(built, Framework):
            raise TypeError(
                f"the factory of framework {name!r} returned {built!r}, not a Framework"
            )
        _BUILT[name] = built
    return _BUILT[name]
