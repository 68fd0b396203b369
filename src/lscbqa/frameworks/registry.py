"""The framework registry, and the framework documents resolved through it.

The registry holds the built-in frameworks, yours, and those of installed plugins.
A framework is registered under a name, as a value or as a factory that builds
it on first use. Other installed packages expose frameworks through the entry
point group ``lscbqa.frameworks``; each entry point names a
:class:`~lscbqa.model.Framework`, a callable returning one, or a
:class:`~lscbqa.frameworks.definition.FrameworkDefinition` class.

A framework document either stands alone or says ``extends = "<name or path>"``
and tailors its base (see :mod:`lscbqa.tailoring`). The base is a registered
framework name (``"section11"``) or a file path relative to the extending
document. Chains of any depth resolve; a cycle, a dangling id or a conflict raises
:class:`~lscbqa.exceptions.TailoringError` naming the chain of documents, the
layer and the path.

Examples
--------
>>> from lscbqa.frameworks.registry import available, get
>>> "partnership-self-assessment" in available()
True
>>> get("partnership-self-assessment").counts()
{'domains': 3, 'criteria': 10}
"""

from __future__ import annotations

import contextvars
import importlib.metadata
import os
import pathlib
import typing
import warnings
from collections.abc import Callable, Mapping
from importlib import resources
from typing import Any, TypeVar, overload

from lscbqa.exceptions import (
    DuplicateRegistrationWarning,
    NotFoundError,
    PluginWarning,
    Problem,
    TailoringError,
    ValidationError,
)
from lscbqa.indicators.builtin import with_safeguarding_indicators
from lscbqa.mappings import FrameworkMapping
from lscbqa.model import Framework
from lscbqa.serialize import Format, format_for, from_dict, loads, parse
from lscbqa.tailoring import Tailoring, apply_tailoring

__all__ = [
    "ENTRY_POINT_GROUP",
    "available",
    "available_mappings",
    "get",
    "get_mapping",
    "load_framework",
    "loads_framework",
    "register",
    "resolve",
    "unregister",
]

ENTRY_POINT_GROUP = "lscbqa.frameworks"
"""The entry-point group through which installed packages expose frameworks."""

Factory = Callable[[], Framework]
F = TypeVar("F", bound=Callable[[], Any])

_FACTORIES: dict[str, Factory] = {}
_BUILT: dict[str, Framework] = {}
_DISCOVERED: list[bool] = []


def _builtin_factory(name: str) -> Factory:
    def build() -> Framework:
        text = (
            resources.files("lscbqa.frameworks").joinpath("data", f"{name}.toml").read_text("utf-8")
        )
        # Built-in frameworks come with the built-in indicators that evidence their criteria.
        return with_safeguarding_indicators(loads_framework(text, format="toml", source=name))

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
        _add(entry_point.name, _factory(target))


def _constant(framework: Framework) -> Factory:
    return lambda: framework


def _factory(target: Any) -> Factory:
    """What builds a registered target: a framework, a function, or a definition class."""
    # A FrameworkDefinition class builds its framework with build(), not by calling it.
    build = getattr(target, "build", None)
    if isinstance(target, type) and callable(build):
        return typing.cast(Factory, build)
    return typing.cast(Factory, target) if callable(target) else _constant(target)


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
        function, or a :class:`~lscbqa.frameworks.definition.FrameworkDefinition`
        class, and returns it unchanged. It is built on the first :func:`get` of
        its name.

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
        _add(name, _factory(factory))
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
        chain = _CHAIN.get()
        if name in chain:
            raise TailoringError(
                [Problem("$.extends", f"a cycle: {name!r} extends, through others, itself")],
                layer=name,
                chain=(*chain, name),
            )
        # The name joins the chain, so that what its factory extends is checked for cycles.
        token = _CHAIN.set((*chain, name))
        try:
            built = factory()
        finally:
            _CHAIN.reset(token)
        if not isinstance(built, Framework):
            raise TypeError(
                f"the factory of framework {name!r} returned {built!r}, not a Framework"
            )
        _BUILT[name] = built
    return _BUILT[name]


# -- mappings shipped with the library -------------------------------------------------------


def available_mappings() -> tuple[str, ...]:
    """The names of the framework mappings shipped with lscbqa, sorted.

    Examples
    --------
    >>> isinstance(available_mappings(), tuple)
    True
    """
    folder = resources.files("lscbqa.frameworks").joinpath("data", "mappings")
    if not folder.is_dir():
        return ()
    return tuple(
        sorted(
            item.name.removesuffix(".toml")
            for item in folder.iterdir()
            if item.name.endswith(".toml")
        )
    )


def get_mapping(name: str) -> FrameworkMapping:
    """A framework mapping shipped with lscbqa, by name.

    Raises
    ------
    NotFoundError
        If no mapping has that name (the message lists those that exist).

    Examples
    --------
    >>> get_mapping("no-such-mapping")
    Traceback (most recent call last):
    ...
    lscbqa.exceptions.NotFoundError: no mapping named 'no-such-mapping'; available: ...
    """
    if name not in available_mappings():
        known = ", ".join(repr(n) for n in available_mappings())
        raise NotFoundError(f"no mapping named {name!r}; available: {known}")
    folder = resources.files("lscbqa.frameworks").joinpath("data", "mappings")
    return loads(
        folder.joinpath(f"{name}.toml").read_text("utf-8"), FrameworkMapping, format="toml"
    )


# -- documents that extend others ----------------------------------------------------------

_SUFFIXES = (".toml", ".json", ".yaml", ".yml")

# The documents being resolved in this context, outermost first: extends-chains that
# pass through the registry (built-ins extending built-ins) are checked for cycles too.
_CHAIN: contextvars.ContextVar[tuple[str, ...]] = contextvars.ContextVar(
    "lscbqa_framework_chain", default=()
)


def load_framework(path: str | os.PathLike[str], *, format: Format | None = None) -> Framework:
    r"""Load a framework file, resolving what it extends.

    Parameters
    ----------
    path : str or path-like
        A framework document, standalone or extending another.
    format : {"json", "toml", "yaml"}, optional
        By default, from the file's suffix.

    Returns
    -------
    Framework
        Resolved, with provenance when it extends another.

    Raises
    ------
    ValidationError
        If the document is invalid (paths into the document).
    TailoringError
        If the chain cannot be resolved: a cycle, a dangling id, a conflict.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "local.toml").write_text(
    ...     'schema = "lscbqa/framework/1"\n'
    ...     'id = "local"\n'
    ...     'version = "1"\n'
    ...     'extends = "partnership-self-assessment"\n'
    ...     'include = ["practice"]\n'
    ... )
    >>> [d.id for d in load_framework(folder / "local.toml").domains]
    ['practice']
    """
    file = pathlib.Path(path)
    text = file.read_bytes()
    return loads_framework(
        text, format=format or format_for(file), source=str(file), base_dir=file.parent
    )


def loads_framework(
    text: str | bytes,
    *,
    format: Format = "json",
    source: str = "<text>",
    base_dir: str | os.PathLike[str] | None = None,
) -> Framework:
    """Read a framework document from text, resolving what it extends.

    Parameters
    ----------
    text : str or bytes
        The document.
    format : {"json", "toml", "yaml"}, default "json"
        Its format.
    source : str, default "<text>"
        What to call the document in error messages.
    base_dir : path-like, optional
        Where relative ``extends`` paths start; the current directory by default.

    Returns
    -------
    Framework

    Examples
    --------
    >>> doc = '{"schema": "lscbqa/framework/1", "id": "x", "version": "1", "title": "X"}'
    >>> loads_framework(doc).title
    'X'
    """
    data = parse(text, format=format)
    document: Framework | Tailoring
    try:
        if isinstance(data, Mapping) and "extends" in data:
            document = from_dict(data, Tailoring)
        else:
            document = from_dict(data, Framework)
    except ValidationError as error:
        problems = [Problem(p.path, f"{p.message} (in {source})") for p in error.problems]
        raise type(error)(problems) from None
    return resolve(document, source=source, base_dir=base_dir)


def resolve(
    document: Framework | Tailoring,
    *,
    source: str = "<value>",
    base_dir: str | os.PathLike[str] | None = None,
) -> Framework:
    """Resolve a framework document: a framework as it is, a tailoring on its base.

    Parameters
    ----------
    document : Framework or Tailoring
        What to resolve.
    source : str, default "<value>"
        What to call it in error messages.
    base_dir : path-like, optional
        Where relative ``extends`` paths start.

    Returns
    -------
    Framework

    Raises
    ------
    TailoringError
        Naming the chain, the layer and the path of every problem.

    Examples
    --------
    >>> from lscbqa.tailoring import Tailoring
    >>> layer = Tailoring(
    ...     id="lean", version="1", extends="partnership-self-assessment", include=["voice"]
    ... )
    >>> resolve(layer).counts()
    {'domains': 1, 'criteria': 2}
    >>> resolve(Tailoring(id="bad", version="1", extends="lean", exclude=["x"]), source="bad.toml")
    Traceback (most recent call last):
    ...
    lscbqa.exceptions.TailoringError: 1 problem:
      $.extends: expected a registered framework name or a file path; ...
    """
    if isinstance(document, Framework):
        return document
    outer = _CHAIN.get()
    # A registered factory's document is already in the chain under the name it is built for.
    chain = outer if outer[-1:] == (source,) else (*outer, source)
    base = _base(document, chain, pathlib.Path(base_dir) if base_dir is not None else None)
    try:
        return apply_tailoring(base, document)
    except ValidationError as error:
        raise TailoringError(error.problems, layer=document.id, chain=chain) from None


def _looks_like_path(reference: str) -> bool:
    return reference.lower().endswith(_SUFFIXES) or "/" in reference or "\\" in reference


def _base(layer: Tailoring, chain: tuple[str, ...], base_dir: pathlib.Path | None) -> Framework:
    reference = layer.extends
    if _looks_like_path(reference):
        path = (base_dir or pathlib.Path.cwd()) / reference
        key = str(path.resolve())
    else:
        path, key = None, reference
    if key in {_resolved_key(source) for source in chain}:
        raise TailoringError(
            [Problem("$.extends", f"a cycle: {reference!r} extends, through others, this layer")],
            layer=layer.id,
            chain=(*chain, reference),
            source=chain[-1],
        )
    token = _CHAIN.set(chain)
    try:
        if path is not None:
            if not path.is_file():
                raise TailoringError(
                    [
                        Problem(
                            "$.extends", f"expected a framework file; found no file {str(path)!r}"
                        )
                    ],
                    layer=layer.id,
                    chain=chain,
                )
            return load_framework(path)
        if reference not in available():
            known = ", ".join(repr(name) for name in available())
            raise TailoringError(
                [
                    Problem(
                        "$.extends",
                        "expected a registered framework name or a file path; "
                        f"found {reference!r} (registered: {known})",
                    )
                ],
                layer=layer.id,
                chain=chain,
            )
        return get(reference)
    finally:
        _CHAIN.reset(token)


def _resolved_key(source: str) -> str:
    if _looks_like_path(source):
        return str(pathlib.Path(source).resolve())
    return source
