"""The built-in frameworks."""

from __future__ import annotations

import pytest

from lscbqa import OFSTED4, Criterion, NotFoundError
from lscbqa.frameworks import EXAMPLE, available, example_framework, get


class TestExampleFramework:
    def test_three_domains_ten_criteria(self) -> None:
        """The example is a 3-domain self-assessment with 10 criteria."""
        assert example_framework().counts() == {"domains": 3, "criteria": 10}

    def test_every_criterion_has_a_descriptor_per_level(self) -> None:
        """Each criterion describes every level of the Ofsted scale."""
        for criterion in example_framework().criteria():
            assert tuple(criterion.descriptors) == OFSTED4.codes, criterion.id

    def test_every_criterion_expects_evidence(self) -> None:
        """Each criterion expects at least one piece of evidence."""
        assert all(c.evidence.min_count >= 1 for c in example_framework().criteria())

    def test_is_the_registered_builtin(self) -> None:
        """The example is the built-in of that name."""
        assert example_framework() is get(EXAMPLE)
        assert isinstance(example_framework().node("voice.culture"), Criterion)


class TestBuiltins:
    def test_names(self) -> None:
        """The shipped frameworks are listed by name."""
        assert EXAMPLE in available()

    def test_unknown_name(self) -> None:
        """An unknown name raises NotFoundError listing the known names."""
        with pytest.raises(NotFoundError, match="partnership-self-assessment"):
            get("section99")
