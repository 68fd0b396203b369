"""Agencies: the members of a partnership, and the sectors they belong to.

Examples
--------
>>> from lscbqa.agencies import Agency
>>> police = Agency(id="police", name="Northshire Police", sector="police", statutory=True)
>>> police.sector.label
'Police'
"""

from __future__ import annotations

import enum
import typing

import attrs

from lscbqa import _util

__all__ = ["Agency", "Sector"]


class Sector(enum.StrEnum):
    """The kind of body an agency is.

    Examples
    --------
    >>> Sector("health_provider").label
    'Health provider'
    """

    LOCAL_AUTHORITY = "local_authority"
    POLICE = "police"
    HEALTH_COMMISSIONER = "health_commissioner"
    HEALTH_PROVIDER = "health_provider"
    PROBATION = "probation"
    YOUTH_JUSTICE = "youth_justice"
    EDUCATION = "education"
    EARLY_YEARS = "early_years"
    HOUSING = "housing"
    VOLUNTARY_SECTOR = "voluntary_sector"
    LAY_MEMBER = "lay_member"
    BOARD = "board"
    SUB_GROUP = "sub_group"
    OTHER = "other"

    @property
    def label(self) -> str:
        """The sector's name in words.

        Examples
        --------
        >>> Sector.LAY_MEMBER.label
        'Lay member'
        """
        return self.value.replace("_", " ").capitalize()


def _to_sector(value: Sector | str) -> Sector:
    """Accept a member or its value; anything else is left for the validator to report."""
    return typing.cast(Sector, _util.as_enum(Sector, value))


@attrs.frozen(kw_only=True)
class Agency:
    """A member of the partnership: an agency, the board, a lay member or a sub-group.

    Parameters
    ----------
    id : str
        The id ratings, evidence and challenges refer to.
    name : str
        The agency's name.
    sector : Sector or str
        One of the fixed sectors (see :class:`Sector`).
    statutory : bool, default False
        Whether the agency is a statutory partner (named in Section 11 of the
        Children Act 2004 or in the local arrangements).
    organisation : str, optional
        The organisation the agency belongs to, when several members of the partnership
        belong to one (a council's children's services and its education service, say);
        scrutiny between two of them is not independent.

    Examples
    --------
    >>> Agency(id="ccg", name="Northshire ICB", sector="health_commissioner").statutory
    False
    >>> Agency(
    ...     id="schools", name="Education", sector="education", organisation="northshire-council"
    ... ).organisation
    'northshire-council'
    """

    id: str = attrs.field(metadata=_util.checks(_util.identifier))
    name: str = attrs.field(metadata=_util.checks(_util.non_blank))
    sector: Sector = attrs.field(converter=_to_sector)
    statutory: bool = attrs.field(default=False)
    organisation: str | None = attrs.field(default=None, metadata=_util.checks(_util.identifier))

    def __attrs_post_init__(self) -> None:
        _util.validate(self)
