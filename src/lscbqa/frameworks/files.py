"""Framework documents that may extend others, resolved through any depth of chain.

A framework document either stands alone or says ``extends = "<name or path>"``
and tailors its base (see :mod:`lscbqa.tailoring`). The base is a registered
framework name (``"section11"``) or a file path relative to the extending
document. Chains of any depth resolve; a cycle, a dangling id or a conflict raises
:class:`~lscbqa.exceptions.TailoringError` naming the chain of documents, the
layer and the path.

Examples
--------
>>> text = '''
... schema = "lscbqa/framework/1"
... id = "north-psa"
... version = "2025.1"
... extends = "partnership-self-assessment"
... exclude = ["voice.services"]
... '''
>>> north = loads_framework(text, format="toml")
>>> north.counts(), str(north.origin("voice.culture"))
({'domains': 3, 'criteria': 9}, 'inherited: from partnership-self-assessment')
"""

from __future__ import annotations

import contextvars
import os
import pathlib
from collections.abc import Mapping

from lscbqa.exceptions import Problem, TailoringError, ValidationError
from lscbqa.model import Framework
from lscbqa.serialize import Format, format_for, from_dict, parse
from lscbqa.tailoring import Tailoring, apply_tailoring

__all__ = ["load_framework", "loads_framework", "resolve"]

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
    chain = (*_CHAIN.get(), source)
    base = _base(document, chain, pathlib.Path(base_dir) if base_dir is not None else None)
    try:
        return apply_tailoring(base, document)
    except ValidationError as error:
        raise TailoringError(error.problems, layer=document.id, chain=chain) from None


def _looks_like_path(reference: str) -> bool:
    return reference.lower().endswith(_SUFFIXES) or "/" in reference or "\\" in reference


def _base(layer: Tailoring, chain: tuple[str, ...], base_dir: pathlib.Path | None) -> Framework:
    from lscbqa.frameworks import registry

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
        if reference not in registry.available():
            known = ", ".join(repr(name) for name in registry.available())
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
        return registry.get(reference)
    finally:
        _CHAIN.reset(token)


def _resolved_key(source: str) -> str:
    if _looks_like_path(source):
        return str(pathlib.Path(source).resolve())
    return source
