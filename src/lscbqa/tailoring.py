"""Tailoring: building a framework on a base without copying it.

A region keeps a base framework and states only what it changes: which subtrees
to ``exclude`` or ``include``, what to ``add`` and where, which nodes to
``modify``, and framework-level settings to ``set``. :func:`apply_tailoring`
resolves one such layer on its base and records the provenance of every node;
:meth:`lscbqa.model.Framework.tailor` is the same in Python, and files that say
``extends = "..."`` are resolved by :mod:`lscbqa.frameworks`.

The operations of one layer apply in this order: include, exclude, modify, add,
set. When a layer changes the scale of inherited criteria (``set.scale`` or a
modified ``scale``), their descriptors of levels the new scale lacks are dropped,
and provenance records the change; descriptors of the new scale's levels can be
given by ``modify`` in the same layer.

A layer may not name a node twice in conflicting ways (modify a node it excludes,
include and exclude the same node, modify a node twice, add an id the framework
already has).

Examples
--------
>>> from lscbqa.criteria import Criterion
>>> from lscbqa.model import _example
>>> north = _example().tailor(
...     id="north",
...     version="1",
...     exclude=["c2"],
...     modify=[Modification(id="c1", weight=3)],
...     add=[Addition(node=Criterion(id="n1", title="Local criterion"), parent="d")],
... )
>>> [c.id for c in north.criteria()]
['c1', 'n1']
>>> str(north.origin("c1")), str(north.origin("n1"))
('modified: from example; weight changed by north', 'added: by north')
"""

from __future__ import annotations

import typing
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from lscbqa import _util
from lscbqa.criteria import Criterion, Domain, EvidenceExpectation, Node
from lscbqa.exceptions import Problem, ValidationError
from lscbqa.measures import Indicator
from lscbqa.policy import ScoringPolicy
from lscbqa.provenance import Change, Origin, OriginStatus
from lscbqa.scales import RatingScale

if TYPE_CHECKING:
    from lscbqa.model import Framework

__all__ = ["Addition", "Modification", "Settings", "Tailoring", "apply_tailoring"]


def _only_one_position(addition: Addition) -> None:
    if addition.before is not None and addition.after is not None:
        _util.fail("$.after", "expected at most one of 'before' and 'after'; found both")


@attrs.frozen(kw_only=True)
class Addition:
    """Add a domain or criterion, with its subtree, at a position.

    Parameters
    ----------
    node : Domain or Criterion
        What to add; every id in it must be new to the framework.
    parent : str, optional
        The node to add it under; None for the top level (domains only). May be
        left out when ``before`` or ``after`` names a sibling.
    before, after : str, optional
        A sibling to place it before or after; by default it goes last.

    Examples
    --------
    >>> from lscbqa.criteria import Criterion
    >>> Addition(node=Criterion(id="x", title="X"), after="c1").after
    'c1'
    """

    node: Domain | Criterion = attrs.field()
    parent: str | None = attrs.field(default=None, metadata=_util.checks(_util.identifier))
    before: str | None = attrs.field(default=None, metadata=_util.checks(_util.identifier))
    after: str | None = attrs.field(default=None, metadata=_util.checks(_util.identifier))

    def __attrs_post_init__(self) -> None:
        _util.validate(self, _only_one_position)


_CRITERION_ONLY = ("guidance", "descriptors", "scale", "evidence", "indicator_ids", "tags")


def _to_optional_tuple(values: Iterable[str] | None) -> tuple[str, ...] | None:
    return None if values is None else typing.cast(tuple[str, ...], _util.to_tuple(values))


def _to_optional_frozendict(values: Mapping[str, str] | None) -> Mapping[str, str] | None:
    return None if values is None else typing.cast(Mapping[str, str], _util.to_frozendict(values))


def _to_optional_float(value: float | None) -> float | None:
    return typing.cast(float | None, _util.to_float(value))


def _modifies_something(modification: Modification) -> None:
    if not modification.fields:
        _util.fail("$", f"expected at least one field to change for {modification.id!r}")


@attrs.frozen(kw_only=True)
class Modification:
    """Change fields of one node; fields left as None keep the base's value.

    Parameters
    ----------
    id : str
        The node to change.
    title, description, guidance : str, optional
        New wording.
    descriptors : mapping of str to str, optional
        Level descriptors to set, by level code; levels not named keep theirs.
    weight : float, optional
        A new weight.
    scale : RatingScale, optional
        A new scale for a criterion.
    evidence : EvidenceExpectation, optional
        A new evidence expectation.
    indicator_ids, tags, questions : sequence of str, optional
        Replacements for the node's lists.

    Examples
    --------
    >>> Modification(id="s11.1", weight=2, title="Accountability").fields
    ('title', 'weight')
    """

    id: str = attrs.field(metadata=_util.checks(_util.identifier))
    title: str | None = attrs.field(default=None, metadata=_util.checks(_util.non_blank))
    description: str | None = attrs.field(default=None)
    guidance: str | None = attrs.field(default=None)
    descriptors: Mapping[str, str] | None = attrs.field(
        default=None, converter=_to_optional_frozendict
    )
    weight: float | None = attrs.field(
        default=None, converter=_to_optional_float, metadata=_util.checks(_util.non_negative)
    )
    scale: RatingScale | None = attrs.field(default=None)
    evidence: EvidenceExpectation | None = attrs.field(default=None)
    indicator_ids: tuple[str, ...] | None = attrs.field(default=None, converter=_to_optional_tuple)
    tags: tuple[str, ...] | None = attrs.field(default=None, converter=_to_optional_tuple)
    questions: tuple[str, ...] | None = attrs.field(default=None, converter=_to_optional_tuple)

    def __attrs_post_init__(self) -> None:
        _util.validate(self, _modifies_something)

    @property
    def fields(self) -> tuple[str, ...]:
        """The names of the fields this modification changes, in field order.

        Examples
        --------
        >>> Modification(id="c", tags=["local"]).fields
        ('tags',)
        """
        return tuple(
            field.name
            for field in attrs.fields(Modification)
            if field.name != "id" and getattr(self, field.name) is not None
        )

    def apply(self, node: Node) -> Node:
        """The node with this modification's fields changed.

        Descriptors are merged over the node's; a new scale drops the node's
        descriptors of levels it lacks.

        Raises
        ------
        ValidationError
            If a field that only criteria have is set for a domain.

        Examples
        --------
        >>> from lscbqa.criteria import Criterion
        >>> Modification(id="c", weight=2).apply(Criterion(id="c", title="C")).weight
        2.0
        """
        changes: dict[str, Any] = {name: getattr(self, name) for name in self.fields}
        if isinstance(node, Domain):
            wrong = [name for name in changes if name in _CRITERION_ONLY]
            if wrong:
                _util.fail(
                    "$",
                    f"expected only title, description, weight or questions for domain "
                    f"{node.id!r}; found {', '.join(wrong)}",
                )
        if isinstance(node, Criterion):
            kept = dict(node.descriptors)
            if self.scale is not None:
                # Descriptors of levels the new scale lacks mean nothing on it.
                kept = {code: text for code, text in kept.items() if code in self.scale}
            if self.descriptors is not None or len(kept) < len(node.descriptors):
                changes["descriptors"] = {**kept, **(self.descriptors or {})}
        return attrs.evolve(node, **changes)


@attrs.frozen(kw_only=True)
class Settings:
    """Framework-level settings a tailoring layer sets.

    Parameters
    ----------
    scale : RatingScale, optional
        A new default scale.
    metadata : mapping of str to str, optional
        Entries to set over the base's metadata (others are kept).
    scoring : ScoringPolicy, optional
        A scoring policy to replace the base's.

    Examples
    --------
    >>> from lscbqa.scales import PERCENT_5
    >>> Settings(scale=PERCENT_5, metadata={"region": "London"}).metadata["region"]
    'London'
    """

    scale: RatingScale | None = attrs.field(default=None)
    metadata: Mapping[str, str] = attrs.field(
        factory=_util.FrozenDict, converter=_util.to_frozendict
    )
    scoring: ScoringPolicy | None = attrs.field(default=None)

    def __attrs_post_init__(self) -> None:
        _util.validate(self)


def _to_ids(values: Iterable[str]) -> tuple[str, ...]:
    return typing.cast(tuple[str, ...], _util.to_tuple(values))


def _to_additions(values: Iterable[Addition]) -> tuple[Addition, ...]:
    return typing.cast(tuple[Addition, ...], _util.to_tuple(values))


def _to_modifications(values: Iterable[Modification]) -> tuple[Modification, ...]:
    return typing.cast(tuple[Modification, ...], _util.to_tuple(values))


@attrs.frozen(kw_only=True)
class Tailoring:
    """One layer of tailoring: a framework stated as changes to the one it extends.

    Parameters
    ----------
    id, version : str
        The resulting framework's id and version.
    title, description : str, optional
        Its title and description; the base's by default.
    extends : str
        The base: a registered framework name, or a file path relative to this
        document's file.
    exclude : sequence of str, optional
        Ids to remove, with their subtrees.
    include : sequence of str, optional
        Ids to keep, with their subtrees and ancestors; everything else goes.
    add : sequence of Addition, optional
        Nodes to add, in order.
    modify : sequence of Modification, optional
        Nodes to change, at most one modification per id.
    set : Settings, optional
        Framework-level settings.
    indicators : sequence of Indicator, optional
        Indicators to attach; one with the id of an inherited indicator replaces it.
    exclude_indicators : sequence of str, optional
        Ids of inherited indicators to detach.

    Notes
    -----
    An inherited indicator keeps its links only to criteria still in the result:
    excluding a criterion detaches it from the indicators that evidenced it.

    Examples
    --------
    >>> layer = Tailoring(id="north", version="1", extends="section11", exclude=["s11.8"])
    >>> layer.extends, layer.exclude
    ('section11', ('s11.8',))
    """

    id: str = attrs.field(metadata=_util.checks(_util.identifier))
    version: str = attrs.field(metadata=_util.checks(_util.non_blank))
    title: str | None = attrs.field(default=None, metadata=_util.checks(_util.non_blank))
    description: str | None = attrs.field(default=None)
    extends: str = attrs.field(metadata=_util.checks(_util.non_blank))
    exclude: tuple[str, ...] = attrs.field(
        default=(), converter=_to_ids, metadata=_util.checks(_util.identifiers)
    )
    include: tuple[str, ...] = attrs.field(
        default=(), converter=_to_ids, metadata=_util.checks(_util.identifiers)
    )
    add: tuple[Addition, ...] = attrs.field(default=(), converter=_to_additions)
    modify: tuple[Modification, ...] = attrs.field(default=(), converter=_to_modifications)
    set: Settings = attrs.field(factory=Settings)
    indicators: tuple[Indicator, ...] = attrs.field(default=(), converter=_util.to_tuple)
    exclude_indicators: tuple[str, ...] = attrs.field(
        default=(), converter=_to_ids, metadata=_util.checks(_util.identifiers)
    )

    def __attrs_post_init__(self) -> None:
        _util.validate(self)


# -- resolution ---------------------------------------------------------------------------------


@attrs.define
class _Slot:
    """A node in the working tree: its value without children, and its children."""

    value: Node
    children: list[_Slot]
    parent: _Slot | None = None

    @classmethod
    def of(cls, node: Node, parent: _Slot | None = None) -> _Slot:
        slot = cls(node, [], parent)
        slot.children = [cls.of(child, slot) for child in node.children]
        return slot

    def walk(self) -> Iterator[_Slot]:
        yield self
        for child in self.children:
            yield from child.walk()

    def build(self) -> Node:
        return attrs.evolve(self.value, children=tuple(child.build() for child in self.children))


def _ids(node: Node) -> Iterator[str]:
    yield node.id
    for child in node.children:
        yield from _ids(child)


class _Layer:
    """Applies one tailoring to a base, collecting every problem."""

    def __init__(self, base: Framework, tailoring: Tailoring) -> None:
        self.base = base
        self.tailoring = tailoring
        self.roots = [_Slot.of(domain) for domain in base.domains]
        self.problems: list[Problem] = []
        self.index = {slot.value.id: slot for root in self.roots for slot in root.walk()}
        self.removed: set[str] = set()
        self.modified: dict[str, tuple[str, ...]] = {}
        self.added: set[str] = set()
        # Which modification gave a node descriptors: the position, to report bad ones at.
        self.described: dict[str, int] = {}

    def fail(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def known(self, node_id: str, path: str, verb: str) -> bool:
        if node_id in self.index:
            return True
        self.fail(path, f"expected a node of {self.base.id!r} to {verb}; found {node_id!r}")
        return False

    def detach(self, slot: _Slot) -> None:
        siblings = self.roots if slot.parent is None else slot.parent.children
        siblings.remove(slot)
        for gone in slot.walk():
            self.removed.add(gone.value.id)

    def include(self) -> None:
        keep: set[str] = set()
        for position, node_id in enumerate(self.tailoring.include):
            if not self.known(node_id, f"$.include[{position}]", "include"):
                continue
            slot: _Slot | None = self.index[node_id]
            keep.update(s.value.id for s in self.index[node_id].walk())
            while slot is not None:
                keep.add(slot.value.id)
                slot = slot.parent
        if not self.tailoring.include:
            return
        for root in list(self.roots):
            for slot in list(root.walk()):
                if slot.value.id not in keep and slot.value.id not in self.removed:
                    self.detach(slot)

    def exclude(self) -> None:
        included = set(self.tailoring.include)
        for position, node_id in enumerate(self.tailoring.exclude):
            path = f"$.exclude[{position}]"
            if not self.known(node_id, path, "exclude"):
                continue
            if node_id in included:
                self.fail(path, f"conflict: {node_id!r} is both included and excluded")
            elif node_id not in self.removed:
                self.detach(self.index[node_id])

    def modify(self) -> None:
        seen: dict[str, int] = {}
        for position, modification in enumerate(self.tailoring.modify):
            path = f"$.modify[{position}].id"
            node_id = modification.id
            if not self.known(node_id, path, "modify"):
                continue
            if node_id in seen:
                self.fail(
                    path, f"conflict: {node_id!r} is also modified at $.modify[{seen[node_id]}]"
                )
                continue
            seen[node_id] = position
            if node_id in self.removed:
                self.fail(path, f"conflict: {node_id!r} is modified but this layer removes it")
                continue
            slot = self.index[node_id]
            before = slot.value
            try:
                slot.value = modification.apply(before)
            except ValidationError as error:
                self.problems.extend(p.under(f"$.modify[{position}]") for p in error.problems)
                continue
            fields = modification.fields
            if "descriptors" not in fields and getattr(slot.value, "descriptors", None) != getattr(
                before, "descriptors", None
            ):
                fields = (*fields, "descriptors")
            self.modified[node_id] = fields
            if modification.descriptors is not None:
                self.described[node_id] = position

    def add(self) -> None:
        for position, addition in enumerate(self.tailoring.add):
            path = f"$.add[{position}]"
            clashes = [i for i in _ids(addition.node) if i in self.index]
            if clashes:
                self.fail(
                    f"{path}.node.id",
                    f"conflict: {', '.join(repr(i) for i in clashes)} already in the framework "
                    "(change an existing node with modify)",
                )
                continue
            siblings = self.place(addition, path)
            if siblings is None:
                continue
            parent, index = siblings
            slot = _Slot.of(addition.node, parent)
            (self.roots if parent is None else parent.children).insert(index, slot)
            for new in slot.walk():
                self.index[new.value.id] = new
                self.added.add(new.value.id)

    def place(self, addition: Addition, path: str) -> tuple[_Slot | None, int] | None:
        """Where an addition goes: its parent slot (None at the top) and its index there."""
        sibling_id = addition.before or addition.after
        parent: _Slot | None = None
        if addition.parent is not None:
            if not self.alive(addition.parent, f"{path}.parent", "add under"):
                return None
            parent = self.index[addition.parent]
        if sibling_id is not None:
            key = "before" if addition.before is not None else "after"
            if not self.alive(sibling_id, f"{path}.{key}", f"add {key}"):
                return None
            sibling = self.index[sibling_id]
            if addition.parent is not None and sibling.parent is not parent:
                self.fail(
                    f"{path}.{key}",
                    f"conflict: {sibling_id!r} is not a child of {addition.parent!r}",
                )
                return None
            parent = sibling.parent
        siblings = self.roots if parent is None else parent.children
        if parent is None and not isinstance(addition.node, Domain):
            self.fail(f"{path}.parent", "expected a parent: only domains stand at the top level")
            return None
        if (
            parent is not None
            and isinstance(parent.value, Criterion)
            and isinstance(addition.node, Domain)
        ):
            self.fail(
                f"{path}.parent",
                f"expected a domain to add a domain under; {parent.value.id!r} is a criterion",
            )
            return None
        if sibling_id is None:
            return parent, len(siblings)
        index = siblings.index(self.index[sibling_id])
        return parent, index if addition.before is not None else index + 1

    def fit_descriptors(self, default: RatingScale) -> None:
        """Keep only descriptors that describe levels of each inherited criterion's scale.

        When this layer changes the scale an inherited criterion is rated on, the
        descriptors it had describe the old scale's levels — even where a code is
        shared ("0" on a 0-3 score is not "0 %") — so only descriptors this layer
        gives survive. The drop is recorded in provenance as a change of
        ``descriptors``. A descriptor this layer gives for a level the scale lacks is
        a problem at its place in the modification.
        """

        def visit(slot: _Slot, inherited: RatingScale) -> None:
            scale = inherited
            value = slot.value
            if isinstance(value, Criterion):
                scale = value.scale or inherited
                if value.id not in self.added:
                    rescaled = scale != self.base.scale_for(value.id)
                    candidates = self.given(value.id) if rescaled else dict(value.descriptors)
                    self.check_described(value.id, [c for c in candidates if c not in scale], scale)
                    kept = {code: text for code, text in candidates.items() if code in scale}
                    if kept != dict(value.descriptors):
                        slot.value = attrs.evolve(value, descriptors=kept)
                        fields = self.modified.get(value.id, ())
                        if "descriptors" not in fields:
                            self.modified[value.id] = (*fields, "descriptors")
            for child in slot.children:
                visit(child, scale)

        for root in self.roots:
            visit(root, default)

    def given(self, node_id: str) -> dict[str, str]:
        """The descriptors this layer's modification gives a node, if any."""
        position = self.described.get(node_id)
        if position is None:
            return {}
        return dict(self.tailoring.modify[position].descriptors or {})

    def check_described(self, node_id: str, stale: list[str], scale: RatingScale) -> None:
        position = self.described.get(node_id)
        if position is None:
            return
        given = self.tailoring.modify[position].descriptors or {}
        for code in stale:
            if code in given:
                self.fail(
                    _util.join_path(f"$.modify[{position}].descriptors", code),
                    f"expected a level of scale {scale.id!r} ({', '.join(scale.codes)}); "
                    f"found {code!r}",
                )

    def alive(self, node_id: str, path: str, verb: str) -> bool:
        if node_id in self.removed:
            self.fail(path, f"conflict: cannot {verb} {node_id!r}, which this layer removes")
            return False
        return self.known(node_id, path, verb)

    def provenance(self) -> dict[str, Origin]:
        layer = self.tailoring.id
        origins: dict[str, Origin] = {}
        for root in self.roots:
            for slot in root.walk():
                node_id = slot.value.id
                if node_id in self.added:
                    origins[node_id] = Origin(status=OriginStatus.ADDED, layer=layer)
                    continue
                origin = self.base.provenance.get(node_id) or Origin(
                    status=OriginStatus.INHERITED, layer=self.base.id
                )
                if node_id in self.modified:
                    status = (
                        origin.status
                        if origin.status is OriginStatus.ADDED
                        else OriginStatus.MODIFIED
                    )
                    origin = Origin(
                        status=status,
                        layer=origin.layer,
                        changes=(
                            *origin.changes,
                            Change(layer=layer, fields=self.modified[node_id]),
                        ),
                    )
                origins[node_id] = origin
        return origins


def _excluded_indicator_problems(base: Framework, tailoring: Tailoring) -> list[Problem]:
    """A problem for each excluded indicator id the base does not have."""
    known = {indicator.id for indicator in base.indicators}
    return [
        Problem(
            f"$.exclude_indicators[{position}]",
            f"expected the id of an indicator of {base.id!r}; found {indicator_id!r}",
        )
        for position, indicator_id in enumerate(tailoring.exclude_indicators)
        if indicator_id not in known
    ]


def _tailored_indicators(
    base: Framework, tailoring: Tailoring, domains: tuple[Domain, ...]
) -> tuple[Indicator, ...]:
    """The base's indicators less the excluded, with the layer's added or replacing them."""
    excluded = set(tailoring.exclude_indicators)
    inherited = {i.id: i for i in base.indicators if i.id not in excluded}
    criteria = {node.id for node in _walk(domains) if isinstance(node, Criterion)}
    result = {
        indicator_id: attrs.evolve(
            indicator,
            criterion_ids=[c for c in indicator.criterion_ids if c in criteria],
        )
        for indicator_id, indicator in inherited.items()
    }
    for indicator in tailoring.indicators:
        result[indicator.id] = indicator
    return tuple(result.values())


def _walk(nodes: Iterable[Node]) -> Iterator[Node]:
    for node in nodes:
        yield node
        yield from _walk(node.children)


def apply_tailoring(base: Framework, tailoring: Tailoring) -> Framework:
    """Resolve one layer of tailoring on its base framework.

    Parameters
    ----------
    base : Framework
        The framework the layer extends, itself already resolved.
    tailoring : Tailoring
        The layer.

    Returns
    -------
    Framework
        A new framework with the layer's id, version and changes, and the
        provenance of every node.

    Raises
    ------
    ValidationError
        Listing every dangling id and conflicting operation, with its path in the
        tailoring document (``$.modify[2].id``), and any problem of the result.

    Examples
    --------
    >>> from lscbqa.model import _example
    >>> layer = Tailoring(id="slim", version="1", extends="example", include=["c2"])
    >>> [n.id for n in apply_tailoring(_example(), layer).nodes()]
    ['d', 'c2', 'c2.a']
    """
    work = _Layer(base, tailoring)
    work.include()
    work.exclude()
    work.modify()
    work.add()
    settings = tailoring.set
    work.fit_descriptors(settings.scale or base.scale)
    work.problems.extend(_excluded_indicator_problems(base, tailoring))
    if work.problems:
        raise ValidationError(work.problems)
    try:
        domains = tuple(typing.cast(Domain, root.build()) for root in work.roots)
        indicators = _tailored_indicators(base, tailoring, domains)
        return attrs.evolve(
            base,
            id=tailoring.id,
            version=tailoring.version,
            title=tailoring.title or base.title,
            description=tailoring.description
            if tailoring.description is not None
            else base.description,
            scale=settings.scale or base.scale,
            domains=domains,
            metadata={**base.metadata, **settings.metadata},
            indicators=indicators,
            scoring=settings.scoring or base.scoring,
            provenance=work.provenance(),
        )
    except ValidationError as error:
        raise ValidationError(
            Problem(p.path, f"{p.message} (in the framework this tailoring produces)")
            for p in error.problems
        ) from None
