"""The requirement tree: criteria grouped in domains, grouped in a framework.

A :class:`Framework` is an immutable tree. Domains hold domains or criteria;
criteria may hold sub-criteria. Every node has an id unique in its framework.

Examples
--------
>>> from lscbqa.model import Criterion, Domain, Framework
>>> framework = Framework(
...     id="mini",
...     version="1",
...     title="Mini framework",
...     domains=[
...         Domain(
...             id="lead",
...             title="Leadership",
...             children=[
...                 Criterion(id="lead.1", title="A senior board-level lead"),
...                 Criterion(id="lead.2", title="A culture of listening to children"),
...             ],
...         )
...     ],
... )
>>> [c.id for c in framework.criteria()]
['lead.1', 'lead.2']
>>> framework.path_to("lead.2")
('lead', 'lead.2')
"""

from __future__ import annotations

import typing
from collections.abc import Iterable, Iterator, Mapping

import attrs

from lscbqa import _util
from lscbqa.evidence import EvidenceKind
from lscbqa.exceptions import NotFoundError, Problem, ValidationError
from lscbqa.scales import OFSTED4, RatingScale

__all__ = ["Criterion", "Domain", "EvidenceExpectation", "Framework", "Node"]


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
        _check_descriptors(criterion.descriptors, criterion.scale, "$.descriptors")


def _check_descriptors(descriptors: Mapping[str, str], scale: RatingScale, path: str) -> None:
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
    children: tuple[Domain | Criterion, ...] = attrs.field(default=(), converter=_util.to_tuple)

    def __attrs_post_init__(self) -> None:
        _util.validate(self)


Node = Domain | Criterion
"""A node of the requirement tree: a :class:`Domain` or a :class:`Criterion`."""


@attrs.frozen
class _Entry:
    node: Node
    ids: tuple[str, ...]
    json_path: str
    parent: str | None
    scale: RatingScale


@attrs.frozen(kw_only=True)
class Framework:
    """A quality-assurance framework: its domains, criteria and default scale.

    Parameters
    ----------
    id : str
        The framework's name, e.g. ``"section11"``.
    version : str
        Its version, e.g. ``"2024.1"``.
    title : str
        A readable name.
    description : str, optional
        What it is for.
    scale : RatingScale, default OFSTED4
        The scale criteria are rated on unless they name their own.
    domains : sequence of Domain
        The top of the tree.
    metadata : mapping of str to str, optional
        Source, region, licence and anything else worth recording.

    Raises
    ------
    ValidationError
        If ids repeat anywhere in the tree, or a level descriptor names a level the
        criterion's scale does not have (every problem, each with its path).

    Examples
    --------
    >>> framework = Framework(
    ...     id="f",
    ...     version="1",
    ...     title="F",
    ...     domains=[Domain(id="d", title="D", children=[Criterion(id="c", title="C")])],
    ...     metadata={"region": "North"},
    ... )
    >>> framework.counts()
    {'domains': 1, 'criteria': 1}
    >>> framework.node("c").title, framework.scale_for("c").id
    ('C', 'ofsted4')
    """

    id: str = attrs.field(metadata=_util.checks(_util.identifier))
    version: str = attrs.field(metadata=_util.checks(_util.non_blank))
    title: str = attrs.field(metadata=_util.checks(_util.non_blank))
    description: str | None = attrs.field(default=None)
    scale: RatingScale = attrs.field(default=OFSTED4)
    domains: tuple[Domain, ...] = attrs.field(default=(), converter=_util.to_tuple)
    metadata: Mapping[str, str] = attrs.field(
        factory=_util.FrozenDict, converter=_util.to_frozendict
    )
    _index: Mapping[str, _Entry] = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        _util.validate(self)
        index: dict[str, _Entry] = {}
        problems: list[Problem] = []
        # Each entry carries the scale in force above the node: a sub-criterion is rated
        # on the scale of its nearest criterion that names one, else the framework's.
        stack: list[tuple[Node, tuple[str, ...], str, str | None, RatingScale]] = [
            (domain, (), f"$.domains[{i}]", None, self.scale)
            for i, domain in enumerate(self.domains)
        ]
        stack.reverse()
        while stack:
            node, ancestors, path, parent, inherited = stack.pop()
            ids = (*ancestors, node.id)
            scale = node.scale or inherited if isinstance(node, Criterion) else inherited
            if node.id in index:
                problems.append(
                    Problem(
                        f"{path}.id",
                        f"expected a unique id; {node.id!r} is also at {index[node.id].json_path}",
                    )
                )
            else:
                index[node.id] = _Entry(node, ids, path, parent, scale)
            if isinstance(node, Criterion) and node.scale is None:
                try:
                    _check_descriptors(node.descriptors, scale, f"{path}.descriptors")
                except ValidationError as error:
                    problems.extend(error.problems)
            stack.extend(
                (child, ids, f"{path}.children[{i}]", node.id, scale)
                for i, child in reversed(list(enumerate(node.children)))
            )
        if problems:
            raise ValidationError(problems)
        object.__setattr__(self, "_index", _util.FrozenDict(index))

    def nodes(self) -> Iterator[Node]:
        """Every domain and criterion, depth-first in document order.

        Examples
        --------
        >>> [node.id for node in _example().nodes()]
        ['d', 'c1', 'c2', 'c2.a']
        """
        return (entry.node for entry in self._index.values())

    def criteria(self, *, leaves_only: bool = False) -> tuple[Criterion, ...]:
        """All criteria, depth-first in document order.

        Parameters
        ----------
        leaves_only : bool, default False
            Only criteria without sub-criteria.

        Examples
        --------
        >>> [c.id for c in _example().criteria(leaves_only=True)]
        ['c1', 'c2.a']
        """
        return tuple(
            node
            for node in self.nodes()
            if isinstance(node, Criterion) and (node.is_leaf or not leaves_only)
        )

    def all_domains(self) -> tuple[Domain, ...]:
        """All domains at any depth, depth-first in document order.

        Examples
        --------
        >>> [d.id for d in _example().all_domains()]
        ['d']
        """
        return tuple(node for node in self.nodes() if isinstance(node, Domain))

    def __contains__(self, node_id: object) -> bool:
        return node_id in self._index

    def _entry(self, node_id: str) -> _Entry:
        try:
            return self._index[node_id]
        except (KeyError, TypeError):
            raise NotFoundError(
                f"framework {self.id!r} has no domain or criterion {node_id!r}"
            ) from None

    def node(self, node_id: str) -> Node:
        """The domain or criterion with this id.

        Raises
        ------
        NotFoundError
            If the framework has no node with that id.

        Examples
        --------
        >>> _example().node("c2.a").title
        'Sub-criterion'
        """
        return self._entry(node_id).node

    def criterion(self, criterion_id: str) -> Criterion:
        """The criterion with this id.

        Raises
        ------
        NotFoundError
            If there is no such criterion (a domain with that id does not count).

        Examples
        --------
        >>> _example().criterion("c1").weight
        2.0
        """
        node = self.node(criterion_id)
        if not isinstance(node, Criterion):
            raise NotFoundError(f"{criterion_id!r} is a domain of {self.id!r}, not a criterion")
        return node

    def path_to(self, node_id: str) -> tuple[str, ...]:
        """The ids from a top-level domain down to this node, inclusive.

        Examples
        --------
        >>> _example().path_to("c2.a")
        ('d', 'c2', 'c2.a')
        """
        return self._entry(node_id).ids

    def json_path(self, node_id: str) -> str:
        """Where the node stands in the framework's document, as a JSON path.

        Examples
        --------
        >>> _example().json_path("c2.a")
        '$.domains[0].children[1].children[0]'
        """
        return self._entry(node_id).json_path

    def parent_of(self, node_id: str) -> Node | None:
        """The node's parent, or None for a top-level domain.

        Examples
        --------
        >>> _example().parent_of("c2.a").id
        'c2'
        """
        parent = self._entry(node_id).parent
        return None if parent is None else self.node(parent)

    def scale_for(self, criterion_id: str) -> RatingScale:
        """The scale a criterion is rated on.

        Its own scale; else that of its nearest enclosing criterion that names one;
        else the framework's.

        Raises
        ------
        NotFoundError
            If there is no such criterion.

        Examples
        --------
        >>> _example().scale_for("c1").id, _example().scale_for("c2.a").id
        ('ofsted4', 'met3')
        """
        self.criterion(criterion_id)
        return self._entry(criterion_id).scale

    def counts(self) -> dict[str, int]:
        """How many domains and criteria the framework has, at any depth.

        Examples
        --------
        >>> _example().counts()
        {'domains': 1, 'criteria': 3}
        """
        domains = sum(isinstance(node, Domain) for node in self.nodes())
        return {"domains": domains, "criteria": len(self._index) - domains}


def _example() -> Framework:
    """A tiny framework for the examples in this module."""
    from lscbqa.scales import MET3

    return Framework(
        id="example",
        version="1",
        title="Example",
        domains=[
            Domain(
                id="d",
                title="Domain",
                children=[
                    Criterion(id="c1", title="Criterion one", weight=2),
                    Criterion(
                        id="c2",
                        title="Criterion two",
                        children=[Criterion(id="c2.a", title="Sub-criterion", scale=MET3)],
                    ),
                ],
            )
        ],
    )
