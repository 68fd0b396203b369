"""Plain-text summaries."""

from __future__ import annotations

from lscbqa import MET3, Criterion, Domain, Framework
from lscbqa.frameworks import example_framework
from lscbqa.report import summarise_framework


class TestSummariseFramework:
    def test_header(self) -> None:
        """The summary opens with title, id, version, scale and counts."""
        lines = summarise_framework(example_framework()).splitlines()
        assert lines[:3] == [
            "Partnership self-assessment (partnership-self-assessment, version 2024.1)",
            "Scale: Ofsted four-point grade (ordinal): "
            "Inadequate < Requires improvement < Good < Outstanding",
            "3 domains, 10 criteria",
        ]

    def test_notes_only_what_differs_from_defaults(self) -> None:
        """Weights other than 1 and criterion scales are noted; defaults are not."""
        framework = Framework(
            id="f",
            version="1",
            title="F",
            domains=[
                Domain(
                    id="d",
                    title="D",
                    weight=2,
                    children=[
                        Criterion(id="c", title="C"),
                        Criterion(id="m", title="M", scale=MET3),
                    ],
                )
            ],
        )
        lines = summarise_framework(framework).splitlines()
        assert lines[4:] == [
            "D (d)  [weight 2]",
            "  c  C",
            "  m  M  [scale: Not met, partially met, fully met]",
        ]

    def test_singular_counts(self) -> None:
        """One domain and one criterion are counted in the singular."""
        framework = Framework(
            id="f",
            version="1",
            title="F",
            domains=[Domain(id="d", title="D", children=[Criterion(id="c", title="C")])],
        )
        assert summarise_framework(framework).splitlines()[2] == "1 domain, 1 criterion"
