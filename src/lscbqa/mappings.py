"""Mappings between frameworks: how the criteria of one relate to those of another.

When a board moves to a new framework (or a new version of one), a mapping says
for each criterion of the old (the source) how it relates to criteria of the new
(the target). :func:`lscbqa.frameworks.carry_over` uses it to pre-fill an
assessment of the target from one of the source.

Examples
--------
>>> mapping = FrameworkMapping(
...     id="s11-2013-to-2015",
...     source="section11-2013",
...     target="section11",
...     links=[
...         CriterionLink(source="s11.1", target="s11.1", relation="equal"),
...         CriterionLink(
...             source="s11.6",
...             target="s11.6",
...             relation="subset",
...             rationale="2015 adds supervision to the training standard",
...         ),
...     ],
... )
>>> [link.relation.value for link in mapping.links_to("s11.6")]
['subset']
"""

from __future__ import annotations

import enum
import typing
from collections.abc import Iterable

import attrs

from lscbqa import _util
from lscbqa.exceptions import Problem, ValidationError

__all__ = ["Carried", "CriterionLink", "FrameworkMapping", "Relation"]


class Relation(enum.StrEnum):
    """How a source criterion relates to a target criterion.

    ``equal``: they ask for the same thing. ``subset``: the source asks for part of
    what the target asks. ``superset``: the source asks for all the target asks,
    and more. ``intersects``: they overlap, neither containing the other.
    ``unrelated``: recorded to say that no relation holds.

    Examples
    --------
    >>> Relation("superset").carries_rating, Relation("intersects").carries_rating
    (True, False)
    """

    EQUAL = "equal"
    SUBSET = "subset"
    SUPERSET = "superset"
    INTERSECTS = "intersects"
    UNRELATED = "unrelated"

    @property
    def carries_rating(self) -> bool:
        """Whether a rating of the source says something about the target.

        Examples
        --------
        >>> Relation.SUBSET.carries_rating
        True
        """
        return self in (Relation.EQUAL, Relation.SUPERSET, Relation.SUBSET)


def _to_relation(value: Relation | str) -> Relation:
    """Accept a member or its value; anything else is left for the validator to report."""
    return typing.cast(Relation, _util.as_enum(Relation, value))


@attrs.frozen(kw_only=True)
class CriterionLink:
    """One relation between a criterion of the source and one of the target.

    Parameters
    ----------
    source : str
        A criterion id of the source framework.
    target : str
        A criterion id of the target framework.
    relation : Relation or str
        Equal, subset, superset, intersects or unrelated (source relative to target).
    rationale : str, optional
        Why: what was added, dropped or reworded.

    Examples
    --------
    >>> CriterionLink(source="a", target="b", relation="equal").relation
    <Relation.EQUAL: 'equal'>
    """

    source: str = attrs.field(metadata=_util.checks(_util.identifier))
    target: str = attrs.field(metadata=_util.checks(_util.identifier))
    relation: Relation = attrs.field(converter=_to_relation)
    rationale: str | None = attrs.field(default=None, metadata=_util.checks(_util.non_blank))

    def __attrs_post_init__(self) -> None:
        _util.validate(self)


def _to_links(values: Iterable[CriterionLink]) -> tuple[CriterionLink, ...]:
    return typing.cast(tuple[CriterionLink, ...], _util.to_tuple(values))


def _one_link_per_pair(mapping: FrameworkMapping) -> None:
    seen: dict[tuple[str, str], int] = {}
    problems = []
    for index, link in enumerate(mapping.links):
        pair = (link.source, link.target)
        if pair in seen:
            problems.append(
                Problem(
                    f"$.links[{index}]",
                    f"expected one link from {link.source!r} to {link.target!r}; "
                    f"link {seen[pair]} links them too",
                )
            )
        seen.setdefault(pair, index)
    if problems:
        raise ValidationError(problems)


@attrs.frozen(kw_only=True)
class FrameworkMapping:
    """The links between the criteria of a source framework and a target framework.

    Parameters
    ----------
    id : str
        The mapping's id.
    source, target : str
        The framework ids.
    source_version, target_version : str, optional
        Their versions, when the mapping holds for one version only.
    links : sequence of CriterionLink
        At most one per pair of criteria.
    description : str, optional
        What the mapping is for.

    Examples
    --------
    >>> FrameworkMapping(id="m", source="a", target="b").links
    ()
    """

    id: str = attrs.field(metadata=_util.checks(_util.identifier))
    source: str = attrs.field(metadata=_util.checks(_util.identifier))
    target: str = attrs.field(metadata=_util.checks(_util.identifier))
    source_version: str | None = attrs.field(default=None, metadata=_util.checks(_util.non_blank))
    target_version: str | None = attrs.field(default=None, metadata=_util.checks(_util.non_blank))
    description: str | None = attrs.field(default=None)
    links: tuple[CriterionLink, ...] = attrs.field(default=(), converter=_to_links)

    def __attrs_post_init__(self) -> None:
        _util.validate(self, _one_link_per_pair)

    def links_to(self, target_id: str) -> tuple[CriterionLink, ...]:
        """The links into one target criterion, in document order.

        Examples
        --------
        >>> m = FrameworkMapping(
        ...     id="m", source="a", target="b",
        ...     links=[CriterionLink(source="x", target="y", relation="superset")],
        ... )
        >>> [link.source for link in m.links_to("y")]
        ['x']
        """
        return tuple(link for link in self.links if link.target == target_id)


@attrs.frozen(kw_only=True)
class Carried:
    """Where a carried-over rating came from.

    Parameters
    ----------
    framework_id : str
        The source framework.
    framework_version : str, optional
        Its version.
    criterion_id : str
        The source criterion whose rating was carried.
    relation : Relation or str
        How that criterion relates to the one now rated.

    Examples
    --------
    >>> str(Carried(framework_id="s11-2013", criterion_id="s11.6", relation="subset"))
    's11-2013 s11.6 (subset)'
    """

    framework_id: str = attrs.field(metadata=_util.checks(_util.identifier))
    framework_version: str | None = attrs.field(
        default=None, metadata=_util.checks(_util.non_blank)
    )
    criterion_id: str = attrs.field(metadata=_util.checks(_util.identifier))
    relation: Relation = attrs.field(converter=_to_relation)

    def __attrs_post_init__(self) -> None:
        _util.validate(self)

    def __str__(self) -> str:
        version = f" {self.framework_version}" if self.framework_version else ""
        return f"{self.framework_id}{version} {self.criterion_id} ({self.relation.value})"
