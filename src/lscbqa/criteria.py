"""Criteria and the domains that group them: the nodes of a framework's tree.

Domains hold domains or criteria; criteria may hold sub-criteria. A
:class:`~lscbqa.model.Framework` puts them together and checks that ids are unique.

Examples
--------
>>> from lscbqa.criteria import Criterion, Domain
>>> domain = Domain(
...     id="lead",
...     title="Leadership",
...     children=[Criterion(id="lead.1", title="A senior board-level lead")],
...     questions=["Who on the board owns safeguarding?"],
... )
>>> domain.children[0].is_leaf
True
"""

from __future__ import annotations

import typing
from collections.abc import Iterable, Mapping

import attrs

from lscbqa import _util
from lscbqa.evidence import EvidenceKind
from lscbqa.exceptions import Problem, ValidationError
from lscbqa.scales import RatingScale

__all__ = ["Criterion", "Domain", "EvidenceExpectation", "Node", "check_descriptors"]


def _to_evidence_kinds(values: Iterable[EvidenceKind | str]) -> tuple[EvidenceKind, ...]:
    """Accept members or their values; anything else is left for the validator to report."""
    return typing.cast(tuple[EvidenceKind, ...], _util.as_enum_tuple(EvidenceKind, values))


@attrs.frozen(kw_only=True)
class EvidenceExpectation:
    """The evidence a criterion expects behind each rating.

    Parameters
    ----------
    min_count : int, default 0
        How many pieces of evidence a rating should cite.
    kinds : sequence of EvidenceKind or str, optional
        The kinds that count; empty means any kind.

    Examples
    --------
    >>> expectation = EvidenceExpectation(min_count=1, kinds=["policy", "minutes"])
    >>> expectation.accepts("policy"), expectation.accepts("survey")
    (True, False)
    """

    min_count: int = attrs.field(default=0, metadata=_util.checks(_util.non_negative))
    kinds: tuple[EvidenceKind, ...] = attrs.field(
        default=(),
        converter=_to_evidence_kinds,
    )

    def __attrs_post_init__(self) -> None:
        _util.validate(self)

    def accepts(self, kind: EvidenceKind | str) -> bool:
        """Whether evidence of this kind counts towards the expectation.

        Examples
        --------
        >>> EvidenceExpectation().accepts("survey")
        True
        """
        return not self.kinds or kind in self.kinds


def _descriptors_on_scale(criterion: Criterion) -> None:
    if criterion.scale is not None:
        check_descriptors(criterion.descriptors, criterion.scale, "$.descriptors")


def check_descriptors(descriptors: Mapping[str, str], scale: RatingScale, path: str) -> None:
    """Raise if descriptors name levels the scale does not have.

    Parameters
    ----------
    descriptors : mapping of str to str
        Level code to descriptor.
    scale : RatingScale
        The scale the descriptors describe.
    path : str
        The JSON path of the descriptors, for the error.

    Raises
    ------
    ValidationError
        One problem per unknown level code.

    Examples
    --------
    >>> from lscbqa.scales import MET3
    >>> check_descriptors({"fully_met": "Shown to work"}, MET3, "$.descriptors")
    >>> check_descriptors({"good": "Good"}, MET3, "$.descriptors")
    Traceback (most recent call last):
    ...
    lscbqa.exceptions.ValidationError: 1 problem:
      $.descriptors.good: expected a level of scale 'met3' (not_met, ...); found 'good'
    """
    problems = [
        Problem(
            _util.join_path(path, code),
            f"expected a level of scale {scale.id!r} ({', '.join(scale.codes)}); found {code!r}",
        )
        for code in descriptors
        if code not in scale
    ]
    if problems:
        raise ValidationError(problems)


@attrs.frozen(kw_only=True)
class Criterion:
    """A standard that is rated, with what each level looks like and the evidence expected.

    Parameters
    ----------
    id : str
        Unique within the framework, e.g. ``"s11.3.2"``.
    title : str
        The standard, in a line.
    description : str, optional
        The standard in full.
    guidance : str, optional
        Advice to whoever rates it.
    descriptors : mapping of str to str, optional
        What each level looks like for this criterion, by level code.
    weight : float, default 1.0
        Its weight among its siblings; >= 0.
    scale : RatingScale, optional
        A scale for this criterion only; otherwise the framework's.
    evidence : EvidenceExpectation, optional
        The evidence a rating should cite.
    indicator_ids : sequence of str, optional
        Indicators that evidence this criterion.
    tags : sequence of str, optional
        Free labels for filtering.
    questions : sequence of str, optional
        Challenge questions a board or moderator should ask about this criterion.
    children : sequence of Criterion, optional
        Sub-criteria.

    Examples
    --------
    >>> criterion = Criterion(
    ...     id="s11.1",
    ...     title="Clear line of accountability",
    ...     weight=2,
    ...     descriptors={"good": "Named leads at every level"},
    ...     evidence=EvidenceExpectation(min_count=1),
    ... )
    >>> criterion.weight, criterion.is_leaf
    (2.0, True)
    """

    id: str = attrs.field(metadata=_util.checks(_util.identifier))
    title: str = attrs.field(metadata=_util.checks(_util.non_blank))
    description: str | None = attrs.field(default=None)
    guidance: str | None = attrs.field(default=None)
    descriptors: Mapping[str, str] = attrs.field(
        factory=_util.FrozenDict,
        converter=_util.to_frozendict,
    )
    weight: float = attrs.field(
        default=1.0, converter=_util.to_float, metadata=_util.checks(_util.non_negative)
    )
    scale: RatingScale | None = attrs.field(default=None)
    evidence: EvidenceExpectation = attrs.field(factory=EvidenceExpectation)
    indicator_ids: tuple[str, ...] = attrs.field(
        default=(), converter=_util.to_tuple, metadata=_util.checks(_util.identifiers)
    )
    tags: tuple[str, ...] = attrs.field(default=(), converter=_util.to_tuple)
    questions: tuple[str, ...] = attrs.field(
        default=(), converter=_util.to_tuple, metadata=_util.checks(_util.non_blank_items)
    )
    children: tuple[Criterion, ...] = attrs.field(default=(), converter=_util.to_tuple)

    def __attrs_post_init__(self) -> None:
        _util.validate(self, _descriptors_on_scale)

    @property
    def is_leaf(self) -> bool:
        """Whether the criterion has no sub-criteria.

        Examples
        --------
        >>> Criterion(id="c", title="t").is_leaf
        True
        """
        return not self.children


@attrs.frozen(kw_only=True)
class Domain:
    """A group of criteria (and of other domains) that is judged as a whole.

    Parameters
    ----------
    id : str
        Unique within the framework.
    title : str
        The domain's name.
    description : str, optional
        What the domain covers.
    weight : float, default 1.0
        Its weight among its siblings; >= 0.
    questions : sequence of str, optional
        Challenge questions about the domain as a whole.
    children : sequence of Domain or Criterion
        What the domain holds.

    Examples
    --------
    >>> criterion = Criterion(id="c1", title="Children's views shape services")
    >>> domain = Domain(id="d1", title="Voice of the child", children=[criterion])
    >>> [child.id for child in domain.children]
    ['c1']
    """

    id: str = attrs.field(metadata=_util.checks(_util.identifier))
    title: str = attrs.field(metadata=_util.checks(_util.non_blank))
    description: str | None = attrs.field(default=None)
    weight: float = attrs.field(
        default=1.0, converter=_util.to_float, metadata=_util.checks(_util.non_negative)
    )
    questions: tuple[str, ...] = attrs.field(
        default=(), converter=_util.to_tuple, metadata=_util.checks(_util.non_blank_items)
    )
    children: tuple[Domain | Criterion, ...] = attrs.field(default=(), converter=_util.to_tuple)

    def __attrs_post_init__(self) -> None:
        _util.validate(self)


Node = Domain | Criterion
"""A node of the requirement tree: a :class:`Domain` or a :class:`Criterion`."""
