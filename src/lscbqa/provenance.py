"""Provenance: where each node of a tailored framework came from.

A region's framework is built on a base through layers of tailoring
(statutory -> national -> region -> local). Every node of the result records
whether it was inherited unchanged, modified (which fields, by which layer) or
added (by which layer).

Examples
--------
>>> origin = Origin(
...     status="modified",
...     layer="section11",
...     changes=[Change(layer="north", fields=["weight"])],
... )
>>> str(origin)
'modified: from section11; weight changed by north'
"""

from __future__ import annotations

import enum
import typing
from collections.abc import Iterable

import attrs

from lscbqa import _util

__all__ = ["Change", "Origin", "OriginStatus"]


class OriginStatus(enum.StrEnum):
    """How a node of a tailored framework relates to the base it was built on.

    ``inherited``: from the base, unchanged by any layer; ``modified``: from the
    base, changed by one or more layers; ``added``: added by a tailoring layer.

    Examples
    --------
    >>> OriginStatus("added") is OriginStatus.ADDED
    True
    """

    INHERITED = "inherited"
    MODIFIED = "modified"
    ADDED = "added"


def _to_origin_status(value: OriginStatus | str) -> OriginStatus:
    """Accept a member or its value; anything else is left for the validator to report."""
    return typing.cast(OriginStatus, _util.as_enum(OriginStatus, value))


def _to_fields(values: Iterable[str]) -> tuple[str, ...]:
    return typing.cast(tuple[str, ...], _util.to_tuple(values))


@attrs.frozen(kw_only=True)
class Change:
    """Fields of a node that one tailoring layer changed.

    Parameters
    ----------
    layer : str
        The id of the framework (layer) that made the change.
    fields : sequence of str
        The names of the fields changed, e.g. ``("title", "weight")``.

    Examples
    --------
    >>> Change(layer="north", fields=["weight", "title"]).fields
    ('weight', 'title')
    """

    layer: str = attrs.field(metadata=_util.checks(_util.identifier))
    fields: tuple[str, ...] = attrs.field(converter=_to_fields)

    def __attrs_post_init__(self) -> None:
        _util.validate(self)


def _to_changes(values: Iterable[Change]) -> tuple[Change, ...]:
    return typing.cast(tuple[Change, ...], _util.to_tuple(values))


@attrs.frozen(kw_only=True)
class Origin:
    """Where a node of a tailored framework came from.

    Parameters
    ----------
    status : OriginStatus or str
        Inherited, modified or added.
    layer : str
        The layer that defined the node: the base for inherited and modified nodes,
        the tailoring layer that added it otherwise.
    changes : sequence of Change, optional
        Each later layer that changed the node, in order, with the fields it changed.

    Examples
    --------
    >>> Origin(status="added", layer="north").changed_fields
    ()
    >>> Origin(
    ...     status="modified",
    ...     layer="s11",
    ...     changes=[
    ...         Change(layer="a", fields=["weight"]),
    ...         Change(layer="b", fields=["title", "weight"]),
    ...     ],
    ... ).changed_fields
    ('weight', 'title')
    """

    status: OriginStatus = attrs.field(converter=_to_origin_status)
    layer: str = attrs.field(metadata=_util.checks(_util.identifier))
    changes: tuple[Change, ...] = attrs.field(default=(), converter=_to_changes)

    def __attrs_post_init__(self) -> None:
        _util.validate(self)

    @property
    def changed_fields(self) -> tuple[str, ...]:
        """Every field any layer changed, each once, in the order first changed.

        Examples
        --------
        >>> Origin(status="inherited", layer="s11").changed_fields
        ()
        """
        return tuple(dict.fromkeys(field for change in self.changes for field in change.fields))

    def __str__(self) -> str:
        text = f"{self.status.value}: " + (
            f"by {self.layer}" if self.status is OriginStatus.ADDED else f"from {self.layer}"
        )
        for change in self.changes:
            text += f"; {', '.join(change.fields)} changed by {change.layer}"
        return text
