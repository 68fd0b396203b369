"""What changed between two frameworks, or two versions of one.

:func:`diff` compares nodes by id and lists what was added, removed, moved,
re-weighted, re-worded, re-scaled, and given other evidence expectations, tags
or questions — as :class:`Difference` values a report can print.

Examples
--------
>>> from lscbqa.model import _example
>>> from lscbqa.tailoring import Modification
>>> old = _example()
>>> lighter = Modification(id="c1", weight=1)
>>> new = old.tailor(id="example", version="2", exclude=["c2"], modify=[lighter])
>>> for difference in diff(old, new):
...     print(difference)
removed c2 (Criterion two)
removed c2.a (Sub-criterion)
re-weighted c1: 2.0 -> 1.0
"""

from __future__ import annotations

import enum
from typing import Any

import attrs

from lscbqa.criteria import Criterion, EvidenceExpectation, Node
from lscbqa.model import Framework

__all__ = ["Difference", "DifferenceKind", "diff"]


class DifferenceKind(enum.StrEnum):
    """The kinds of difference between two frameworks, in the order :func:`diff` lists them.

    Examples
    --------
    >>> [kind.value for kind in DifferenceKind][:3]
    ['added', 'removed', 'moved']
    """

    ADDED = "added"
    REMOVED = "removed"
    MOVED = "moved"
    REWEIGHTED = "re-weighted"
    REWORDED = "re-worded"
    RESCALED = "re-scaled"
    EVIDENCE = "evidence changed"
    TAGGED = "re-tagged"
    QUESTIONS = "questions changed"
    SETTINGS = "settings changed"


@attrs.frozen(kw_only=True)
class Difference:
    """One difference between two frameworks.

    Parameters
    ----------
    kind : DifferenceKind
        What changed.
    node_id : str or None
        The node, or None for a framework-level setting.
    fields : tuple of str
        The fields that differ (for re-worded nodes and settings).
    before, after : object
        The values before and after: a title for added or removed nodes, a parent
        path for moved ones, a weight for re-weighted ones, and so on.

    Examples
    --------
    >>> str(Difference(kind=DifferenceKind.REWEIGHTED, node_id="c1", before=2.0, after=1.0))
    're-weighted c1: 2.0 -> 1.0'
    """

    kind: DifferenceKind
    node_id: str | None
    fields: tuple[str, ...] = ()
    before: Any = None
    after: Any = None

    def __str__(self) -> str:
        subject = self.node_id if self.node_id is not None else "framework"
        if self.kind is DifferenceKind.ADDED:
            return f"added {subject} ({self.after})"
        if self.kind is DifferenceKind.REMOVED:
            return f"removed {subject} ({self.before})"
        if self.kind in (DifferenceKind.REWORDED, DifferenceKind.SETTINGS):
            return f"{self.kind.value} {subject}: {', '.join(self.fields)}"
        # Only a parent path is empty at the top level; empty tags or questions are none.
        empty = "(top level)" if self.kind is DifferenceKind.MOVED else "(none)"
        before, after = _show(self.before, empty), _show(self.after, empty)
        return f"{self.kind.value} {subject}: {before} -> {after}"


def _show(value: Any, empty: str) -> str:
    if isinstance(value, EvidenceExpectation):
        kinds = ", ".join(kind.value for kind in value.kinds) or "any kind"
        return f"at least {value.min_count} ({kinds})"
    if isinstance(value, tuple):
        return " / ".join(str(item) for item in value) or empty
    return str(value)


_WORDING = ("title", "description", "guidance", "descriptors")
_SIMPLE = (
    (DifferenceKind.RESCALED, "scale"),
    (DifferenceKind.EVIDENCE, "evidence"),
    (DifferenceKind.TAGGED, "tags"),
    (DifferenceKind.QUESTIONS, "questions"),
)


def diff(a: Framework, b: Framework) -> tuple[Difference, ...]:
    """List what changed from framework ``a`` to framework ``b``.

    Nodes are matched by id. A node is moved when its parent differs; re-worded
    when its title, description, guidance or level descriptors differ. Framework
    settings compared: title, description, default scale and metadata.

    Parameters
    ----------
    a, b : Framework
        The old and the new.

    Returns
    -------
    tuple of Difference
        Added nodes first, in ``b``'s order; then removed ones, in ``a``'s order;
        then, node by node in ``b``'s order, each kind of change; framework
        settings last.

    Examples
    --------
    >>> from lscbqa.model import _example
    >>> diff(_example(), _example())
    ()
    """
    differences: list[Difference] = []
    differences.extend(
        Difference(kind=DifferenceKind.ADDED, node_id=node.id, after=node.title)
        for node in b.nodes()
        if node.id not in a
    )
    differences.extend(
        Difference(kind=DifferenceKind.REMOVED, node_id=node.id, before=node.title)
        for node in a.nodes()
        if node.id not in b
    )
    for new in b.nodes():
        if new.id in a:
            differences.extend(_node_differences(a, b, a.node(new.id), new))
    settings = [
        name
        for name in ("title", "description", "scale", "metadata")
        if getattr(a, name) != getattr(b, name)
    ]
    if settings:
        differences.append(
            Difference(kind=DifferenceKind.SETTINGS, node_id=None, fields=tuple(settings))
        )
    return tuple(differences)


def _node_differences(a: Framework, b: Framework, old: Node, new: Node) -> list[Difference]:
    found: list[Difference] = []
    old_path, new_path = a.path_to(old.id)[:-1], b.path_to(new.id)[:-1]
    if old_path[-1:] != new_path[-1:]:
        found.append(
            Difference(kind=DifferenceKind.MOVED, node_id=new.id, before=old_path, after=new_path)
        )
    if old.weight != new.weight:
        found.append(
            Difference(
                kind=DifferenceKind.REWEIGHTED, node_id=new.id, before=old.weight, after=new.weight
            )
        )
    reworded = tuple(
        name for name in _WORDING if getattr(old, name, None) != getattr(new, name, None)
    )
    if reworded:
        found.append(Difference(kind=DifferenceKind.REWORDED, node_id=new.id, fields=reworded))
    both_criteria = isinstance(old, Criterion) and isinstance(new, Criterion)
    for kind, name in _SIMPLE:
        if name != "questions" and not both_criteria:
            continue
        before, after = getattr(old, name), getattr(new, name)
        if name == "scale":
            before, after = a.scale_for(old.id).id, b.scale_for(new.id).id
        if before != after:
            found.append(Difference(kind=kind, node_id=new.id, before=before, after=after))
    return found
