"""A plain-text summary of a framework: its scale, domains and criteria.

Examples
--------
>>> from lscbqa.model import _example
>>> print(summarise_framework(_example()))
Example (example, version 1)
Scale: Ofsted four-point grade (ordinal): Inadequate < Requires improvement < Good < Outstanding
1 domain, 3 criteria
<BLANKLINE>
Domain (d)
  c1  Criterion one  [weight 2]
  c2  Criterion two
    c2.a  Sub-criterion  [scale: Not met, partially met, fully met]
"""

from __future__ import annotations

from lscbqa.model import Criterion, Domain, Framework, Node

__all__ = ["describe_counts", "summarise_framework"]


def summarise_framework(framework: Framework, *, origins: bool = False) -> str:
    """Describe a framework in plain text: title, scale, counts, and the tree.

    Each line of the tree gives a node's id and title, then, in brackets, what
    differs from the defaults: weight, scale, evidence expected.

    Parameters
    ----------
    framework : Framework
        The framework to describe.
    origins : bool, default False
        For a tailored framework, add where each node came from (see
        :meth:`~lscbqa.model.Framework.origin`).

    Returns
    -------
    str
        Lines separated by newlines, with no trailing newline.

    Examples
    --------
    >>> from lscbqa.frameworks import example_framework
    >>> text = summarise_framework(example_framework())
    >>> print(text.splitlines()[2])
    3 domains, 10 criteria
    >>> lean = example_framework().tailor(id="lean", version="1", include=["voice"])
    >>> print(summarise_framework(lean, origins=True).splitlines()[6])
      voice.services  Children and young people help shape services  [...; inherited: from ...]
    """
    scale = framework.scale
    lines = [
        f"{framework.title} ({framework.id}, version {framework.version})",
        f"Scale: {scale.title} ({scale.kind.value}): "
        + " < ".join(level.label for level in scale.levels),
        describe_counts(framework),
    ]
    shown = framework if origins and framework.provenance else None
    for domain in framework.domains:
        lines.append("")
        lines.extend(_describe(domain, depth=0, origins=shown))
    return "\n".join(lines)


def _describe(node: Node, *, depth: int, origins: Framework | None) -> list[str]:
    indent = "  " * depth
    notes = []
    if node.weight != 1.0:
        notes.append(f"weight {node.weight:g}")
    if isinstance(node, Criterion):
        if node.scale is not None:
            notes.append(f"scale: {node.scale.title}")
        expected = node.evidence
        if expected.min_count:
            kinds = "/".join(kind.label.lower() for kind in expected.kinds) or "any kind"
            notes.append(f"evidence: {expected.min_count}+ {kinds}")
    if origins is not None:
        notes.append(str(origins.origin(node.id)))
    suffix = f"  [{'; '.join(notes)}]" if notes else ""
    if isinstance(node, Domain) and depth == 0:
        head = f"{node.title} ({node.id}){suffix}"
    else:
        head = f"{indent}{node.id}  {node.title}{suffix}"
    lines = [head]
    child_depth = depth + 1
    for child in node.children:
        lines.extend(_describe(child, depth=child_depth, origins=origins))
    return lines


def describe_counts(framework: Framework) -> str:
    """How many domains and criteria a framework has, in words.

    Examples
    --------
    >>> from lscbqa.model import _example
    >>> describe_counts(_example())
    '1 domain, 3 criteria'
    """
    counts = framework.counts()
    return f"{_plural(counts['domains'], 'domain')}, {_plural(counts['criteria'], 'criterion')}"


def _plural(count: int, noun: str) -> str:
    if count == 1:
        return f"1 {noun}"
    return f"{count} {'criteria' if noun == 'criterion' else noun + 's'}"
