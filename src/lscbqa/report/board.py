"""The board report: a partnership's quality assurance in one page the board can read.

:func:`board_report` turns a :class:`~lscbqa.report.partnership.Partnership` into
Markdown and one self-contained HTML page (inline CSS, charts as inline SVG, no
scripts, nothing fetched from a network): an executive summary, the Section 11
heatmap, the domain scorecard, the action plan, the OBA report card, SPC charts,
benchmarking, scrutiny and rater agreement. Sections the partnership has no data
for say so in a sentence. Ratings flagged as an immediate concern about a child come
before everything else, in their own section, and open the executive summary.
Templates need Jinja2 (the ``report`` extra); charts need matplotlib (the ``plot``
extra) and are left out, with a note, without it.

Every piece of text that came from users is escaped, and evidence marked personal
is redacted unless the caller asks for it (``include_personal=True``).

Examples
--------
>>> from lscbqa.report.board import board_report
>>> from lscbqa.report.partnership import Partnership
>>> report = board_report(Partnership(id="tiny", name="Tiny partnership", area="tiny"),
...                       charts=False)
>>> print(report.summary.splitlines()[0])
Tiny partnership: board report
>>> report.html.count("<h1"), "<script" in report.html
(1, False)
"""

from __future__ import annotations

import os
import pathlib
from collections import Counter
from collections.abc import Sequence
from typing import Any

import attrs

from lscbqa import _util
from lscbqa.assessment import Assessment
from lscbqa.exceptions import ValidationError
from lscbqa.periods import Period
from lscbqa.report import _charts, _indicator_sections, _sections
from lscbqa.report._markdown import environments
from lscbqa.report._sections import Section
from lscbqa.report.partnership import Partnership

__all__ = ["BoardReport", "board_report"]

_FILES = ("report.html", "report.md")


@attrs.frozen(kw_only=True)
class BoardReport:
    r"""A rendered board report: Markdown, a self-contained HTML page, and a short summary.

    Parameters
    ----------
    title : str
        The report's title (its one top-level heading).
    markdown : str
        The report as Markdown.
    html : str
        The report as one HTML page with inline CSS and SVG charts: no scripts,
        no external resources.
    summary : str
        A few lines for a terminal.

    Examples
    --------
    >>> report = BoardReport(title="T", markdown="# T\n", html="<h1>T</h1>", summary="T")
    >>> report.title
    'T'
    """

    title: str
    markdown: str = attrs.field(repr=False)
    html: str = attrs.field(repr=False)
    summary: str

    def write(self, folder: str | os.PathLike[str]) -> tuple[pathlib.Path, pathlib.Path]:
        r"""Write ``report.html`` and ``report.md`` into a folder, each atomically.

        The folder is created if it does not exist; files already there are replaced.

        Parameters
        ----------
        folder : str or path
            Where to write.

        Returns
        -------
        tuple of Path
            The HTML file, then the Markdown file.

        Examples
        --------
        >>> import tempfile, pathlib
        >>> report = BoardReport(title="T", markdown="# T\n", html="<h1>T</h1>", summary="T")
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     html, markdown = report.write(folder)
        ...     print(html.name, markdown.read_text())
        report.html # T
        """
        target = pathlib.Path(folder)
        target.mkdir(parents=True, exist_ok=True)
        html, markdown = (target / name for name in _FILES)
        _util.write_text_atomic(html, self.html)
        _util.write_text_atomic(markdown, self.markdown)
        return html, markdown


def _cycle(
    assessments: Sequence[Assessment], cycle: Period | str | None
) -> tuple[Period | None, tuple[Assessment, ...]]:
    """The Section 11 cycle to report (the latest by default) and its assessments."""
    if cycle is not None and not isinstance(cycle, Period):
        if not isinstance(cycle, str):
            _util.fail("$.cycle", f"expected a period or its label; found {_util.found(cycle)}")
        try:
            cycle = Period.parse(cycle)
        except ValidationError as error:
            raise ValidationError(p.under("$.cycle") for p in error.problems) from None
    if cycle is None:
        periods = [a.period for a in assessments if a.period is not None]
        if not periods:
            return None, tuple(assessments)
        cycle = max(periods, key=lambda period: (period.end, period.start))
    return cycle, tuple(a for a in assessments if a.period == cycle)


def _judgements(heatmap: Section) -> str | None:
    rows = heatmap.get("rows") or []
    table = heatmap["tables"][1] if rows else None
    if table is None:
        return None
    overall = table.column("overall")
    counts = Counter(
        _sections.chip(table.framework.scale, table.result(row, overall), "").get("words")
        for row in range(len(table))
    )
    parts = "; ".join(f"{words} ({count})" for words, count in counts.most_common())
    return f"Moderated overall judgements of {_count(len(rows), 'agency', 'agencies')}: {parts}."


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _headlines(sections: dict[str, Section]) -> list[str]:
    """The executive summary, one sentence per section that has data."""
    lines = []
    heatmap = sections["section11"]
    if heatmap["missing"] is None:
        cycle = f" ({heatmap['cycle']})" if heatmap["cycle"] else ""
        lines.append(f"Section 11{cycle}: " + str(_judgements(heatmap)))
        gaps = [row for row in heatmap["rows"] if row["gap"] is not None]
        above = [row for row in gaps if row["gap"] > 1e-12]
        if gaps:
            worst = max(gaps, key=lambda row: row["gap"])
            lines.append(
                f"{len(above)} of {len(gaps)} agencies rated themselves above the moderated "
                f"judgement on average; the largest gap is {worst['agency']} "
                f"({worst['gap']:+.2f} on a 0-1 scale)."
            )
    actions = sections["actions"]
    if actions["missing"] is None:
        lines.append(
            f"{_count(len(actions['rows']), 'action', 'actions')} proposed for standards "
            f"moderated below {actions['target']}."
        )
    card = sections["report-card"]
    if card["missing"] is None:
        lines.append(
            f"{_count(card['turned'], 'indicator has', 'indicators have')} turned the curve "
            f"(judged over the last {card['judged']} periods against their baseline forecast)."
        )
    spc = sections["spc"]
    if spc["missing"] is None:
        special = sum(1 for row in spc["rows"] if row["special"])
        lines.append(
            f"Special cause variation in {special} of "
            f"{_count(len(spc['rows']), 'indicator', 'indicators')}."
        )
    bench = sections["benchmarking"]
    if bench["missing"] is None:
        lines.append(
            f"{_count(bench['dipping'], 'indicator is', 'indicators are')} dipping against "
            "comparators."
        )
    scrutiny = sections["scrutiny"]
    if scrutiny["missing"] is None:
        lines.append(
            f"{_count(scrutiny['events'], 'challenge', 'challenges')} logged; "
            f"{_count(len(scrutiny['findings']), 'scrutiny finding', 'scrutiny findings')} "
            "for the board."
        )
    agreement = sections["agreement"]
    if agreement["missing"] is None:
        lines.append(
            f"Case auditors' agreement (Krippendorff's alpha, ordinal): "
            f"{agreement['overall']:.2f}, {agreement['overall_words']}."
        )
    return lines


def board_report(
    partnership: Partnership,
    *,
    include_personal: bool = False,
    charts: bool = True,
    title: str | None = None,
    cycle: Period | str | None = None,
) -> BoardReport:
    """Render a partnership's board report as Markdown and a self-contained HTML page.

    Parameters
    ----------
    partnership : Partnership
        The partnership's data; every part but its names is optional.
    include_personal : bool, default False
        Show evidence marked personal, and the comments of ratings flagged as an
        immediate concern. By default the evidence's title, location and notes are
        replaced by :data:`lscbqa.evidence.REDACTED` before anything is drawn, and
        those comments are left out.
    charts : bool, default True
        Draw charts (needs matplotlib; without it the report notes that charts
        are left out and shows the tables).
    title : str, optional
        The report's title; by default "<partnership name>: board report".
    cycle : Period or str, optional
        The Section 11 cycle to report; by default the latest period among the
        assessments. Scrutiny findings cover the same period when the log has
        challenges in it.

    Returns
    -------
    BoardReport

    Raises
    ------
    MissingDependencyError
        If Jinja2 (the ``report`` extra) is not installed.
    ValidationError
        If ``partnership`` is not a Partnership or ``cycle`` is not a period, or the
        analyses reject the data (their paths say where).

    Notes
    -----
    When any Section 11 or case-audit assessment of the partnership (any cycle)
    has a rating flagged ``immediate_concern``, the report opens with the section
    "Immediate concerns: escalate now": one row per flagged rating with the case
    (or agency), the criterion, the rater, the date and the level given
    (:attr:`~lscbqa.assessment.Assessment.immediate_concerns`). Without one, the
    section is absent.

    The other sections and what they are computed with: the heatmap of each agency's
    self and moderated score per standard (:func:`~lscbqa.scoring.score_many`) with
    the mean self-minus-moderated gap (:func:`~lscbqa.scoring.moderation_gap`); the
    moderated scorecard per domain with every limiting rule's effect
    (:meth:`~lscbqa.scoring.Scorecard.explain`); actions for criteria below the
    lowest level at or above the middle of the scale
    (:func:`~lscbqa.scoring.propose_actions`); the OBA report card, each indicator's
    last four periods judged against a linear baseline forecast of the earlier ones
    (:func:`~lscbqa.indicators.turn_the_curve`); XmR charts with the Making Data
    Count icons (:func:`~lscbqa.indicators.spc.xmr`); the datapack row of each
    indicator (:func:`~lscbqa.indicators.datapack.datapack`); the challenge graph
    and :func:`~lscbqa.scrutiny.findings`; and Krippendorff's alpha between case
    auditors with the widest disagreements
    (:func:`~lscbqa.scoring.agreement.agreement`). Judgements are shown in words as
    well as colour.

    Examples
    --------
    >>> from lscbqa.frameworks import get
    >>> from lscbqa.report.partnership import Partnership
    >>> report = board_report(
    ...     Partnership(id="p", name="Northshire", area="p", section11=get("section11")),
    ...     charts=False, title="Board <draft>",
    ... )
    >>> "<h1>Board &lt;draft&gt;</h1>" in report.html
    True
    >>> report.markdown.splitlines()[0]
    '# Board &lt;draft&gt;'
    """
    html_environment, markdown_environment = environments()
    if not isinstance(partnership, Partnership):
        _util.fail("$.partnership", f"expected a Partnership; found {_util.found(partnership)}")
    if title is not None and (not isinstance(title, str) or not title.strip()):
        _util.fail("$.title", f"expected a non-blank title; found {_util.found(title)}")
    period, items = _cycle(partnership.section11_assessments, cycle)
    if not include_personal:
        items = tuple(item.redacted() for item in items)
        partnership = attrs.evolve(
            partnership,
            section11_assessments=tuple(a.redacted() for a in partnership.section11_assessments),
            case_audit_assessments=tuple(a.redacted() for a in partnership.case_audit_assessments),
        )
    draw = charts and _charts.available()
    label = period.label if period is not None else None
    heatmap = _sections.section11(partnership, items, label)
    ordered = [
        heatmap,
        _sections.scorecard(partnership, heatmap),
        _sections.actions(partnership, items, heatmap, include_personal=include_personal),
        _indicator_sections.report_card(partnership, draw),
        _indicator_sections.spc(partnership, draw),
        _indicator_sections.benchmarking(partnership),
        _indicator_sections.scrutiny(partnership, period, draw),
        _sections.rater_agreement(partnership),
    ]
    sections = {section["id"]: section for section in ordered}
    concerns = _sections.immediate_concerns(partnership, include_personal=include_personal)
    headlines = _headlines(sections)
    if concerns is not None:
        # Never buried: the first line of the summary, and the report's first section.
        headlines.insert(
            0,
            f"{_count(len(concerns['rows']), 'immediate concern', 'immediate concerns')} "
            "about a child flagged by raters: escalate now (listed first in this report).",
        )
    heading = title if title is not None else f"{partnership.name}: board report"
    context: dict[str, Any] = {
        "title": heading,
        "partnership": partnership.name,
        "cycle": label,
        "headlines": headlines,
        "sections": ordered,
        "concerns": concerns,
        "s": sections,
        "personal_shown": include_personal,
        "chart_note": (
            'Charts are left out: they need matplotlib (pip install "lscbqa[plot]").'
            if charts and not draw
            else None
        ),
    }
    html = html_environment.get_template("board.html.j2").render(context)
    markdown = markdown_environment.get_template("board.md.j2").render(context)
    summary = "\n".join([heading, *(f"  {line}" for line in headlines)])
    if not headlines:
        summary += "\n  No data to report yet."
    return BoardReport(title=heading, markdown=markdown, html=html, summary=summary)
