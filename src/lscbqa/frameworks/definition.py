"""Frameworks as Python classes that a region subclasses.

A :class:`FrameworkDefinition` subclass states a framework the way a tailoring
document does — what it ``extends`` and what it changes — as class attributes.
Subclassing it again adds a layer: the subclass's framework is its parent's,
tailored by the subclass's own attributes. :meth:`FrameworkDefinition.build`
returns the same immutable :class:`~lscbqa.model.Framework`, with the same
provenance, as the equivalent chain of documents.

The hook :meth:`FrameworkDefinition.finish` lets a class adjust the built
framework (the scoring issue adds scoring hooks here).

Examples
--------
>>> from lscbqa.tailoring import Modification
>>> class Partnership(FrameworkDefinition):
...     extends = "partnership-self-assessment"
>>> class North(Partnership):
...     id = "north-psa"
...     version = "2025.1"
...     exclude = ("voice.services",)
...     modify = (Modification(id="voice.culture", weight=2),)
>>> north = North.build()
>>> north.counts()
{'domains': 3, 'criteria': 9}
>>> print(north.origin("voice.culture"))
modified: from partnership-self-assessment; weight changed by north-psa
"""

from __future__ import annotations

from typing import ClassVar

from lscbqa.exceptions import TailoringError, ValidationError
from lscbqa.frameworks.registry import get
from lscbqa.model import Framework
from lscbqa.tailoring import Addition, Modification, Settings, Tailoring, apply_tailoring

__all__ = ["FrameworkDefinition"]

_LAYER_ATTRIBUTES = (
    "id",
    "version",
    "title",
    "description",
    "exclude",
    "include",
    "add",
    "modify",
    "settings",
)


class FrameworkDefinition:
    """A framework defined by a class; subclass it to tailor.

    Class attributes
    ----------------
    extends : str
        On the first class of a family only: the registered framework it starts from.
    id, version : str
        The framework this class defines; required on every class that tailors.
    title, description : str, optional
        Its wording; inherited by default.
    exclude, include : tuple of str
        Ids to remove, or the only ids to keep.
    add : tuple of Addition
        Nodes to add.
    modify : tuple of Modification
        Fields to change.
    settings : Settings
        A new default scale, metadata to merge.

    Only the attributes a class itself sets make its layer; those of its parents
    are their layers already.

    Examples
    --------
    >>> class Example(FrameworkDefinition):
    ...     extends = "partnership-self-assessment"
    >>> Example.build().id
    'partnership-self-assessment'
    """

    extends: ClassVar[str | None] = None
    id: ClassVar[str]
    version: ClassVar[str]
    title: ClassVar[str | None] = None
    description: ClassVar[str | None] = None
    exclude: ClassVar[tuple[str, ...]] = ()
    include: ClassVar[tuple[str, ...]] = ()
    add: ClassVar[tuple[Addition, ...]] = ()
    modify: ClassVar[tuple[Modification, ...]] = ()
    settings: ClassVar[Settings] = Settings()

    @classmethod
    def _layer(cls, base: Framework) -> Tailoring | None:
        """The class's own layer of tailoring on ``base``; None if it sets no layer attribute."""
        if not any(name in vars(cls) for name in _LAYER_ATTRIBUTES):
            return None
        missing = [name for name in ("id", "version") if name not in vars(cls)]
        if missing:
            raise TypeError(
                f"{cls.__name__} tailors its parent, so it must set its own "
                + " and ".join(missing)
            )
        return Tailoring(
            id=cls.id,
            version=cls.version,
            title=vars(cls).get("title"),
            description=vars(cls).get("description"),
            extends=base.id,
            exclude=vars(cls).get("exclude", ()),
            include=vars(cls).get("include", ()),
            add=vars(cls).get("add", ()),
            modify=vars(cls).get("modify", ()),
            set=vars(cls).get("settings", Settings()),
        )

    @classmethod
    def _parent(cls) -> type[FrameworkDefinition] | None:
        for base in cls.__mro__[1:]:
            if base is FrameworkDefinition:
                return None
            if isinstance(base, type) and issubclass(base, FrameworkDefinition):
                return base
        return None

    @classmethod
    def build(cls) -> Framework:
        """The framework this class defines: its parent's, tailored by this class.

        Raises
        ------
        TypeError
            If the first class of the family names no ``extends``, a later class
            names one, or a class that tailors does not set its own ``id`` and
            ``version``.
        TailoringError
            If a layer cannot be applied.

        Examples
        --------
        >>> class Lean(FrameworkDefinition):
        ...     extends = "partnership-self-assessment"
        ...     id = "lean"
        ...     version = "1"
        ...     include = ("voice",)
        >>> Lean.build().counts()
        {'domains': 1, 'criteria': 2}
        """
        parent = cls._parent()
        if parent is not None and "extends" in vars(cls):
            raise TypeError(
                f"{cls.__name__} extends its parent class {parent.__name__}; only the first "
                "class of a family names the framework it extends"
            )
        if parent is not None:
            base = parent.build()
        elif cls.extends is not None:
            base = get(cls.extends)
        else:
            raise TypeError(f"{cls.__name__} must name the framework it extends")
        layer = cls._layer(base)
        if layer is None:
            return cls().finish(base)
        try:
            framework = apply_tailoring(base, layer)
        except ValidationError as error:
            chain = [c.__name__ for c in reversed(cls.__mro__) if _is_definition(c)]
            raise TailoringError(error.problems, layer=layer.id, chain=chain) from None
        return cls().finish(framework)

    def finish(self, framework: Framework) -> Framework:
        """Adjust the built framework; by default, return it unchanged.

        Override it for what tailoring cannot say, e.g. metadata computed in code.

        Examples
        --------
        >>> import attrs
        >>> class Stamped(FrameworkDefinition):
        ...     extends = "partnership-self-assessment"
        ...     def finish(self, framework):
        ...         return attrs.evolve(framework, metadata={**framework.metadata, "built": "yes"})
        >>> Stamped.build().metadata["built"]
        'yes'
        """
        return framework


def _is_definition(cls: type) -> bool:
    return issubclass(cls, FrameworkDefinition) and cls is not FrameworkDefinition
