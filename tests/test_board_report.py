"""The board report: sections, escaping, redaction, self-containment, accessibility."""

from __future__ import annotations

import datetime
import html.parser
import itertools
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import markupsafe
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lscbqa.agencies import Agency
from lscbqa.assessment import Assessment, Rating
from lscbqa.evidence import Evidence
from lscbqa.exceptions import MissingDependencyError, ValidationError
from lscbqa.frameworks import get
from lscbqa.indicators import Indicator, Panel
from lscbqa.indicators.benchmarking import Comparators
from lscbqa.periods import Period
from lscbqa.report import _markdown, _sections
from lscbqa.report.board import BoardReport, board_report
from lscbqa.report.partnership import Partnership
from lscbqa.scales import get_scale, scale_names
from lscbqa.scrutiny import ChallengeEvent, ChallengeLog, Member

SCRIPT = "<script>alert(1)</script>"
PERSONAL = "Case notes on child Q at 14 Elm Road"
CONCERN_NOTE = "Bruising seen on child R at 3 Oak Lane"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _section11(agencies: list[Agency]) -> list[Assessment]:
    """Two cycles of self and moderated ratings; self one level above moderated on s11.3."""
    framework = get("section11")
    leaves = [c.id for c in framework.criteria(leaves_only=True)]
    items = []
    for year in (2023, 2024):
        for number, agency in enumerate(agencies):
            ratings = []
            for index, criterion_id in enumerate(leaves):
                moderated = (index + number + year) % 4
                own = min(3, moderated + (1 if criterion_id.startswith("s11.3") else 0))
                ratings.append(
                    Rating(
                        criterion_id=criterion_id,
                        level=str(own),
                        role="self",
                        evidence_ids=["policy"] if index == 0 else [],
                        comment=f"Self comment {SCRIPT}",
                    )
                )
                ratings.append(
                    Rating(
                        criterion_id=criterion_id,
                        level=str(moderated),
                        role="moderated",
                        evidence_ids=["casefile"] if index < 4 else [],
                        comment=f"Moderator: evidence thin {SCRIPT}",
                    )
                )
            items.append(
                Assessment(
                    id=f"{agency.id}-{year}",
                    framework_id="section11",
                    subject=agency.id,
                    period=Period.calendar_year(year),
                    ratings=ratings,
                    evidence=[
                        Evidence(id="policy", title=f"Safeguarding policy {SCRIPT}", kind="policy"),
                        Evidence(
                            id="casefile", title=PERSONAL, kind="case_audit", sensitivity="personal"
                        ),
                    ],
                )
            )
    return items


def _case_audit() -> list[Assessment]:
    framework = get("case-audit")
    codes = framework.scale.codes
    criteria = [c.id for c in framework.criteria(leaves_only=True)]
    items = []
    for auditor in range(3):
        for case in range(6):
            ratings = [
                Rating(
                    criterion_id=c,
                    level=codes[(case + (auditor if i % 3 == 0 else 0)) % 4],
                    rater=f"auditor {auditor} {SCRIPT}",
                )
                for i, c in enumerate(criteria)
            ]
            items.append(
                Assessment(
                    id=f"a{auditor}-case{case}",
                    framework_id="case-audit",
                    subject=f"case{case}",
                    ratings=ratings,
                )
            )
    return items


def _panel() -> tuple[list[Indicator], Panel]:
    periods = [f"{2020 + i // 4}-Q{i % 4 + 1}" for i in range(20)]
    rng = np.random.default_rng(0)
    trend = 20 + 0.5 * np.arange(20) + rng.normal(0, 0.3, 20)
    trend[-4:] -= 6  # re-referrals fall well below the rising baseline: the curve turns
    timely = 70 + rng.normal(0, 2, 20)
    ours = np.stack([trend, timely])
    values = np.stack([ours, ours + 1.5, ours - 2.0, ours + 0.5])
    indicators = [
        Indicator(
            id="rereferrals",
            title=f"Re-referrals {SCRIPT}",
            polarity="lower_is_better",
            unit="percent",
            oba_role="better_off_percent",
            challenge_questions=(f"Why? {SCRIPT}",),
        ),
        Indicator(
            id="timely",
            title="Assessments in 45 days",
            polarity="higher_is_better",
            unit="percent",
            oba_role="how_well",
            target=72.0,
        ),
    ]
    panel = Panel(
        values=values,
        areas=["north", "n1", "n2", "n3"],
        indicators=["rereferrals", "timely"],
        periods=periods,
    )
    return indicators, panel


def _log(agencies: list[Agency]) -> ChallengeLog:
    day = datetime.date
    return ChallengeLog(
        id="log",
        title=f"Challenge log {SCRIPT}",
        agencies=agencies,
        members=[Member(id="chair", name=f"Independent chair {SCRIPT}", kind="board")],
        events=[
            ChallengeEvent(
                id="e1",
                kind="agency_scrutiny",
                challenger="chair",
                challenged="police",
                raised=day(2024, 3, 1),
                topic="s11.3",
            ),
            ChallengeEvent(
                id="e2",
                kind="section11_challenge",
                challenger="police",
                challenged="health",
                raised=day(2024, 5, 1),
                responded=day(2024, 5, 20),
                closed=day(2024, 6, 1),
                outcome="resolved",
            ),
        ],
    )


def partnership(**changes: Any) -> Partnership:
    """A small partnership with hostile text in every kind of field."""
    agencies = [
        Agency(id="police", name=f"Northshire Police {SCRIPT}", sector="police", statutory=True),
        Agency(id="health", name="Northshire Health", sector="health_provider", statutory=True),
        Agency(id="council", name="Northshire Council", sector="local_authority", statutory=True),
    ]
    indicators, panel = _panel()
    fields: dict[str, Any] = {
        "id": "north",
        "name": f"Northshire {SCRIPT}",
        "area": "north",
        "agencies": agencies,
        "section11": get("section11"),
        "section11_assessments": _section11(agencies),
        "case_audit": get("case-audit"),
        "case_audit_assessments": _case_audit(),
        "indicators": indicators,
        "panel": panel,
        "comparators": Comparators(
            regions=dict.fromkeys(["north", "n1", "n2"], "North"),
            neighbours={"north": ["n1", "n3"]},
        ),
        "challenge_log": _log(agencies),
    }
    fields.update(changes)
    return Partnership(**fields)


@pytest.fixture(scope="module")
def report() -> BoardReport:
    return board_report(partnership())


@pytest.fixture(scope="module")
def personal_report() -> BoardReport:
    return board_report(partnership(), include_personal=True)


class _Outline(html.parser.HTMLParser):
    """Headings, tables, svg elements and attributes of a page, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.stack: list[str] = []
        self.svg_titles: list[bool] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        previous = self.tags[-1][0] if self.tags else None
        if previous == "svg":
            self.svg_titles[-1] = tag == "title"
        self.tags.append((tag, dict(attrs)))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "svg":
            self.svg_titles.append(False)


def outline(page: str) -> _Outline:
    parser = _Outline()
    parser.feed(page)
    return parser


class TestBoardReport:
    def test_every_section_is_rendered(self, report: BoardReport) -> None:
        """Each section of the report has its heading and content for a full partnership."""
        for heading in [
            "Executive summary",
            "Section 11 heatmap",
            "Domain scorecard",
            "Action plan",
            "OBA report card",
            "Statistical process control",
            "Benchmarking",
            "Scrutiny and challenge",
            "Rater agreement",
        ]:
            assert f">{heading}</h2>" in report.html
            assert f"## {heading}" in report.markdown
        assert 'class="missing"' not in report.html

    def test_script_in_user_text_is_escaped_in_html(self, report: BoardReport) -> None:
        """Script in names, titles, comments and evidence shows as text, never as a tag."""
        assert "<script" not in report.html.lower()
        escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"
        assert f"Northshire Police {escaped}" in report.html
        assert f"Safeguarding policy {escaped}" in report.html
        assert f"Moderator: evidence thin {escaped}" in report.html
        assert f"Re-referrals {escaped}" in report.html

    def test_nothing_executable_in_html(self, report: BoardReport) -> None:
        """No event handler, javascript: address, embedded object; scripts barred by CSP."""
        page = report.html.lower()
        assert re.search(r"<[^>]*\son[a-z]+\s*=", page) is None
        assert "javascript:" not in page
        assert re.search(r"<(iframe|object|embed|foreignobject)", page) is None
        assert "default-src 'none'" in page

    def test_script_in_user_text_is_escaped_in_markdown(self, report: BoardReport) -> None:
        """The Markdown holds no raw tag: user text has its HTML characters as entities."""
        assert "<script" not in report.markdown.lower()
        assert "Northshire Police &lt;script&gt;alert(1)&lt;/script&gt;" in report.markdown

    def test_personal_evidence_absent_by_default(self, report: BoardReport) -> None:
        """Evidence marked personal is redacted from HTML and Markdown unless asked for."""
        assert PERSONAL not in report.html
        assert PERSONAL not in report.markdown
        assert "[redacted: personal evidence]" in report.html

    def test_personal_evidence_present_when_asked(self, personal_report: BoardReport) -> None:
        """With include_personal=True the personal evidence is shown, with a warning."""
        assert PERSONAL in personal_report.html
        assert PERSONAL in personal_report.markdown
        assert "could identify a child or family" in personal_report.html

    def test_no_external_resources(self, report: BoardReport) -> None:
        """Nothing in the page loads from a network: no src, external href, @import, url()."""
        page = report.html
        assert re.search(r"\ssrc\s*=", page) is None
        assert [h for h in re.findall(r'href="([^"]*)"', page) if not h.startswith("#")] == []
        assert "@import" not in page
        assert [u for u in re.findall(r"url\(([^)]*)\)", page) if not u.startswith("#")] == []
        assert re.search(r"(src|href|url\()\s*=?\s*[\"']?\s*(https?:)?//", page) is None

    def test_one_h1_and_headings_nested(self, report: BoardReport) -> None:
        """One h1 first; no heading skips a level below the one before it."""
        levels = outline(report.html).headings
        assert levels[0] == 1
        assert levels.count(1) == 1
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels))

    def test_every_svg_has_a_title(self, report: BoardReport) -> None:
        """Every SVG (charts and icons) is an image with a title as its first child."""
        page = outline(report.html)
        svgs = [attrs for tag, attrs in page.tags if tag == "svg"]
        assert len(svgs) >= 2 + 2 + 1  # curves, SPC charts, the scrutiny graph
        assert all(attrs.get("role") == "img" for attrs in svgs)
        assert all(page.svg_titles)

    def test_charts_are_described_in_words(self, report: BoardReport) -> None:
        """Each chart's label says what it shows and the verdict or variation."""
        labels = [
            a["aria-label"]
            for t, a in outline(report.html).tags
            if t == "svg" and a.get("aria-label")
        ]
        assert any(
            label.startswith("Line chart of Re-referrals") and "turned" in label for label in labels
        )
        assert any(label.startswith("XmR chart of Assessments in 45 days") for label in labels)
        assert any(label.startswith("Network diagram of 4 agencies") for label in labels)

    def test_tables_have_captions_and_scoped_headers(self, report: BoardReport) -> None:
        """Every table has a caption, and every header cell a scope."""
        tags = outline(report.html).tags
        tables = [i for i, (tag, _) in enumerate(tags) if tag == "table"]
        assert tables
        assert all(tags[i + 1][0] == "caption" for i in tables)
        assert all(attrs.get("scope") in {"col", "row"} for tag, attrs in tags if tag == "th")

    def test_judgements_in_words_beside_colour(self, report: BoardReport) -> None:
        """Each coloured cell names its level in words, not by colour alone."""
        chips = re.findall(
            r'<span class="chip[^"]*" style="[^"]*">(.*?)</span>\s*(?=<|$)', report.html
        )
        assert chips
        assert re.search(r"Moderated:</span> [0-3]: (No a|A)rrangements", report.html)
        assert "Key to the levels" in report.html

    def test_self_beside_moderated_and_gap(self, report: BoardReport) -> None:
        """The heatmap shows self and moderated judgements, and the mean gap per agency."""
        apart = report.html.count('<span class="who">Self:</span>')
        together = report.html.count('<span class="who">Self and moderated:</span>')
        assert apart + together == 3 * 10
        assert apart == 2  # s11.3 rated above moderation; at the top of the scale the third agrees
        assert "rated themselves above the moderated judgement" in report.summary

    def test_ids_unique(self, report: BoardReport) -> None:
        """No two elements share an id (charts' ids are prefixed per chart)."""
        ids = [attrs["id"] for _, attrs in outline(report.html).tags if attrs.get("id")]
        assert len(ids) == len(set(ids))

    def test_markdown_tables_keep_their_shape(self, report: BoardReport) -> None:
        """Every Markdown table row has as many cells as its header, whatever the text."""
        lines = report.markdown.splitlines()
        tables: list[list[str]] = []
        for before, line in zip(["", *lines], lines, strict=False):
            if line.startswith("|"):
                if not before.startswith("|"):
                    tables.append([])
                tables[-1].append(line)
        assert len(tables) >= 8
        for table in tables:
            widths = {len(re.findall(r"(?<!\\)\|", row)) for row in table}
            assert len(widths) == 1, table[:3]

    def test_latest_cycle_by_default(self, report: BoardReport) -> None:
        """Without a cycle, the latest period's assessments are reported."""
        assert "Section 11 cycle 2024" in report.html

    def test_cycle_chosen(self) -> None:
        """A cycle given by label selects that period's assessments."""
        assert (
            "Section 11 cycle 2023" in board_report(partnership(), cycle="2023", charts=False).html
        )

    def test_cycle_without_assessments_says_so(self) -> None:
        """A cycle with no assessments leaves the heatmap out with a sentence."""
        page = board_report(partnership(), cycle="2019", charts=False).html
        assert "no Section 11 framework and assessments for 2019" in page

    def test_bad_cycle(self) -> None:
        """A cycle that is not a period label is a ValidationError at $.cycle."""
        with pytest.raises(ValidationError) as caught:
            board_report(partnership(), cycle="last year")
        assert caught.value.paths == ("$.cycle",)

    def test_not_a_partnership(self) -> None:
        """Anything but a Partnership is a ValidationError naming it."""
        with pytest.raises(ValidationError) as caught:
            board_report({"id": "p"})  # type: ignore[arg-type]
        assert caught.value.paths == ("$.partnership",)

    def test_empty_partnership_says_what_is_missing(self) -> None:
        """A partnership with no data renders, each section saying what it lacks."""
        page = board_report(Partnership(id="p", name="P", area="p")).html
        assert page.count('class="missing"') == 1 + 8  # the summary and every section
        assert "so there is no heatmap" in page
        assert "no challenge log" in page

    def test_unmoderated_standards_say_so(self) -> None:
        """Assessments without moderated ratings show 'unrated' in words, and no actions."""
        only_self = [
            Assessment(
                id=a.id,
                framework_id=a.framework_id,
                subject=a.subject,
                period=a.period,
                ratings=[r for r in a.ratings if r.role == "self"],
                evidence=a.evidence,
            )
            for a in partnership().section11_assessments
        ]
        made = board_report(partnership(section11_assessments=only_self), charts=False)
        assert "Moderated:</span> unrated" in made.html
        assert "No standard was moderated below 2: Arrangements in place" in made.html

    def test_short_series_get_no_verdict(self) -> None:
        """Series too short for a baseline are listed without a verdict; SPC limits are trial."""
        _, panel = _panel()
        short = Panel(
            values=panel.values[:, :, :3],
            areas=panel.areas,
            indicators=panel.indicators,
            periods=panel.periods[:3],
        )
        made = board_report(partnership(panel=short), charts=False)
        assert made.html.count("Too few values for a baseline forecast.") == 2
        assert "trial limits: fewer than 13 points" in made.html

    def test_title(self) -> None:
        """A title replaces the default one and is escaped."""
        made = board_report(partnership(), title=f"Annual {SCRIPT}", charts=False)
        assert "<h1>Annual &lt;script&gt;alert(1)&lt;/script&gt;</h1>" in made.html
        assert made.title == f"Annual {SCRIPT}"

    def test_turned_curve_reported(self, report: BoardReport) -> None:
        """The indicator that beats its baseline forecast is reported as turned."""
        assert "1 indicator has turned the curve" in report.summary

    def test_benchmarking_questions_where_dipping(self, report: BoardReport) -> None:
        """Challenge questions appear for dipping indicators, escaped."""
        assert "Why? &lt;script&gt;" in report.html

    def test_deterministic(self, report: BoardReport) -> None:
        """The same data renders the same bytes (charts included)."""
        again = board_report(partnership())
        assert again.html == report.html
        assert again.markdown == report.markdown

    def test_without_charts(self) -> None:
        """charts=False draws no charts but keeps the tables and the icons."""
        made = board_report(partnership(), charts=False)
        assert 'class="chart"' not in made.html
        assert "Variation and assurance by indicator" in made.html

    def test_without_matplotlib(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without matplotlib the report renders its tables, with a note."""
        monkeypatch.setitem(sys.modules, "matplotlib", None)
        made = board_report(partnership())
        assert 'class="chart"' not in made.html
        assert "Charts are left out: they need matplotlib" in made.html

    def test_without_jinja2(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without Jinja2 the report raises MissingDependencyError naming the extra."""
        monkeypatch.setitem(sys.modules, "jinja2", None)
        with pytest.raises(MissingDependencyError, match=r"lscbqa\[report\]"):
            board_report(partnership())


def _flagged(assessment: Assessment, criterion_id: str, role: str, **changes: Any) -> Assessment:
    """The assessment with one rating flagged as an immediate concern, with a comment."""
    ratings = [
        attrs.evolve(rating, immediate_concern=True, comment=CONCERN_NOTE, **changes)
        if (rating.criterion_id, rating.role) == (criterion_id, role)
        else rating
        for rating in assessment.ratings
    ]
    return attrs.evolve(assessment, ratings=ratings)


def concerned(**changes: Any) -> Partnership:
    """The partnership with two concerns: police's moderated s11.1.b of 2023, case1's safety."""
    section11, audits = list(partnership().section11_assessments), _case_audit()
    assert (section11[0].id, audits[7].id) == ("police-2023", "a1-case1")
    section11[0] = _flagged(section11[0], "s11.1.b", "moderated")
    audits[7] = _flagged(audits[7], "outcomes.safety", "self", date=datetime.date(2024, 5, 2))
    fields: dict[str, Any] = {
        "section11_assessments": section11,
        "case_audit_assessments": audits,
        **changes,
    }
    return partnership(**fields)


@pytest.fixture(scope="module")
def concerns_report() -> BoardReport:
    return board_report(concerned(), charts=False)


class TestImmediateConcerns:
    def test_absent_without_concerns(self, report: BoardReport) -> None:
        """Without a flagged rating there is no concerns section, heading or summary line."""
        for text in (report.markdown, report.summary):
            assert "immediate concern" not in text.lower()
        assert 'id="immediate-concerns"' not in report.html
        assert "Immediate concerns" not in report.html

    def test_first_section_in_html(self, concerns_report: BoardReport) -> None:
        """The concerns section is the first one in the page and in the contents."""
        ids = re.findall(r'<h2 id="([^"]+)"', concerns_report.html)
        assert ids[:3] == ["contents", "immediate-concerns", "summary"]
        links = re.findall(r'<li><a href="#([^"]+)"', concerns_report.html)
        assert links[:2] == ["immediate-concerns", "summary"]

    def test_first_section_in_markdown(self, concerns_report: BoardReport) -> None:
        """In Markdown the concerns section comes before the executive summary."""
        headings = re.findall(r"^## (.*)$", concerns_report.markdown, flags=re.MULTILINE)
        assert headings[:2] == ["Immediate concerns: escalate now", "Executive summary"]

    def test_first_line_of_the_summary(self, concerns_report: BoardReport) -> None:
        """The summary and the executive summary open with the number of concerns."""
        line = "2 immediate concerns about a child flagged by raters: escalate now"
        assert concerns_report.summary.splitlines()[1].startswith(f"  {line}")
        assert f"<li>{line}" in concerns_report.html
        assert f"\n- {line}" in concerns_report.markdown

    def test_rows_in_html(self, concerns_report: BoardReport) -> None:
        """Each concern shows its case or agency, criterion, rater, date and level, escaped."""
        script = "&lt;script&gt;alert(1)&lt;/script&gt;"
        rows = re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", concerns_report.html)
        assert rows[:2] == [
            f"Northshire Police {script}</th><td>Section 11 (police-2023)</td>"
            "<td>s11.1.b: Commissioned services carry safeguarding duties</td>"
            "<td>Not recorded</td><td>Not recorded</td><td>0: No arrangements in place</td>",
            "case1</th><td>Case audit (a1-case1)</td>"
            "<td>outcomes.safety: The child is safe now</td>"
            f"<td>auditor 1 {script}</td><td>2024-05-02</td><td>Requires improvement</td>",
        ]

    def test_rows_in_markdown(self, concerns_report: BoardReport) -> None:
        """The Markdown table has the same rows, its user text escaped."""
        script = "&lt;script&gt;alert(1)&lt;/script&gt;"
        assert (
            "| case1 | Case audit (a1-case1) | outcomes.safety: The child is safe now | "
            f"auditor 1 {script} | 2024-05-02 | Requires improvement |"
        ) in concerns_report.markdown
        assert "<script" not in concerns_report.markdown.lower()

    def test_comments_left_out_by_default(self, concerns_report: BoardReport) -> None:
        """A concern's comment is in none of HTML, Markdown and summary by default."""
        for text in (concerns_report.html, concerns_report.markdown, concerns_report.summary):
            assert CONCERN_NOTE not in text
        assert "Raters' comments are left out" in concerns_report.markdown

    def test_comments_shown_when_asked(self) -> None:
        """With include_personal=True each concern's comment is shown beside it."""
        made = board_report(concerned(), charts=False, include_personal=True)
        assert made.html.count(f"<td>{CONCERN_NOTE}</td>") == 2
        assert made.markdown.count(f" {CONCERN_NOTE} |") == 2
        assert '<th scope="col">Rater\'s comment</th>' in made.html

    def test_every_cycle_is_searched(self) -> None:
        """A concern from a Section 11 cycle other than the one reported is still listed."""
        made = board_report(concerned(), charts=False, cycle="2024")
        assert "Section 11 (police-2023)" in made.html

    def test_prominent_in_words(self, concerns_report: BoardReport) -> None:
        """The section says in words, not by colour alone, that each concern is escalated now."""
        section = concerns_report.html.split('<section class="concerns"', 1)[1].split("</section>")[
            0
        ]
        assert "<strong>Warning: 2 immediate concerns about a child.</strong>" in section
        assert "Escalate each one at once" in section

    def test_accessible(self, concerns_report: BoardReport) -> None:
        """Headings stay nested; every table, the concerns' too, has a caption and scopes."""
        page = outline(concerns_report.html)
        assert all(b <= a + 1 for a, b in itertools.pairwise(page.headings))
        tables = [i for i, (tag, _) in enumerate(page.tags) if tag == "table"]
        assert page.tags[tables[0] + 1][0] == "caption"
        assert all(tags.get("scope") in {"col", "row"} for tag, tags in page.tags if tag == "th")
        assert "Immediate concerns flagged on ratings, to escalate now" in concerns_report.html

    def test_markdown_table_keeps_its_shape(self) -> None:
        """Each Markdown row of the concerns table has as many cells as its header."""
        made = board_report(concerned(), charts=False, include_personal=True)
        part = made.markdown.split("## Immediate concerns", 1)[1].split("## Executive", 1)[0]
        rows = [line for line in part.splitlines() if line.startswith("|")]
        assert len(rows) == 2 + 2
        assert len({len(re.findall(r"(?<!\\)\|", row)) for row in rows}) == 1

    def test_criterion_outside_the_framework(self) -> None:
        """A concern the report has no framework for is still listed, by its ids and level."""
        odd = Assessment(
            id="odd",
            framework_id="case-audit",
            subject="case9",
            ratings=[Rating(criterion_id="zz", level="weird", immediate_concern=True)],
        )
        made = board_report(concerned(case_audit=None, case_audit_assessments=[odd]), charts=False)
        assert "<td>zz</td><td>Not recorded</td><td>Not recorded</td><td>weird</td>" in made.html


class TestWrite:
    def test_writes_html_and_markdown(self, report: BoardReport, tmp_path: Path) -> None:
        """write() puts report.html and report.md in a new folder and returns their paths."""
        html_path, markdown_path = report.write(tmp_path / "out")
        assert (html_path.name, markdown_path.name) == ("report.html", "report.md")
        assert html_path.read_text(encoding="utf-8") == report.html
        assert markdown_path.read_text(encoding="utf-8") == report.markdown

    def test_leaves_no_temporary_files(self, report: BoardReport, tmp_path: Path) -> None:
        """Only the two reports are left in the folder, twice written."""
        report.write(tmp_path)
        report.write(tmp_path)
        assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html", "report.md"]


class TestEscapeMarkdown:
    def test_html_characters(self) -> None:
        """<, > and & become entities."""
        assert _markdown.escape_markdown("<b> & </b>") == "&lt;b&gt; &amp; &lt;/b&gt;"

    def test_markdown_punctuation(self) -> None:
        """Emphasis, code, links, tables and headings are escaped with a backslash."""
        assert _markdown.escape_markdown("*a* _b_ `c` [d](e) | # ~") == (
            r"\*a\* \_b\_ \`c\` \[d\](e) \| \# \~"
        )

    def test_line_breaks(self) -> None:
        """Line breaks become one space, so a table cell stays one line."""
        assert _markdown.escape_markdown("one\n\n  two\r\nthree") == "one two three"

    def test_trusted_and_none(self) -> None:
        """Trusted text passes unchanged; None is empty."""
        assert _markdown.escape_markdown(_markdown.Trusted("*x*")) == "*x*"
        assert _markdown.escape_markdown(None) == ""

    @given(st.text(max_size=40))
    @settings(max_examples=100)
    def test_nothing_unescaped(self, text: str) -> None:
        """Any text escapes to one line with no raw tag character or bare Markdown mark."""
        escaped = _markdown.escape_markdown(text)
        assert "<" not in escaped
        assert ">" not in escaped
        assert "\n" not in escaped
        assert "\r" not in escaped
        bare = re.sub(r"\\.", "", escaped)  # every backslash starts an escape pair
        assert re.search(r"[`*_\[\]|~#\\]", bare) is None


class TestContrast:
    @pytest.mark.parametrize("name", scale_names())
    def test_level_colours_readable(self, name: str) -> None:
        """Text on every built-in level colour has at least 4.5:1 contrast (WCAG AA)."""
        for level in get_scale(name).levels:
            if level.colour:
                background = level.colour.lower()
                assert _sections.contrast(background, _sections.ink_for(background)) >= 4.5

    def test_contrast_reference(self) -> None:
        """Black on white is 21:1 (WCAG 2.1 definition of contrast ratio)."""
        assert _sections.contrast("#000000", "#ffffff") == pytest.approx(21.0)


@pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium not installed: /usr/bin/chromium")
class TestChromium:
    def _run(self, page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                str(CHROMIUM),
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
                "--enable-logging=stderr",
                "--v=0",
                *extra,
                page.as_uri(),
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )

    def test_renders_without_console_errors(self, report: BoardReport, tmp_path: Path) -> None:
        """Headless Chromium renders the page with no script, CSP or loading error."""
        html_path, _ = report.write(tmp_path)
        result = self._run(html_path, tmp_path / "profile", "--dump-dom")
        assert result.returncode == 0, result.stderr[-2000:]
        assert "<h1>Northshire &lt;script&gt;" in result.stdout
        console = [
            line
            for line in result.stderr.splitlines()
            if "CONSOLE" in line
            or "Uncaught" in line
            or "Content Security Policy" in line
            or "net::ERR" in line
        ]
        assert console == []


class TestExamplePartnership:
    def test_renders(self) -> None:
        """The shipped Northshire example renders every section, personal evidence redacted."""
        from lscbqa.datasets import example_partnership

        northshire = example_partnership()
        made = board_report(northshire)
        assert 'class="missing"' not in made.html
        assert made.html.count("<h1") == 1
        assert "<script" not in made.html.lower()
        personal = {
            item.title
            for assessment in northshire.section11_assessments
            for item in assessment.evidence
            if item.is_personal
        }
        assert personal
        shown = [
            title
            for title in personal
            if str(markupsafe.escape(title)) in made.html
            or _markdown.escape_markdown(title) in made.markdown
        ]
        assert shown == []
        assert made.summary.startswith("Northshire Safeguarding Children Partnership")

    def test_shows_its_immediate_concern(self) -> None:
        """Northshire's one immediate concern (case 3, the council's auditor) opens the report."""
        from lscbqa.datasets import example_partnership

        made = board_report(example_partnership(), charts=False)
        assert made.summary.splitlines()[1].startswith("  1 immediate concern about a child")
        assert (
            "| case-3 | Case audit (audit-case-3-la) | outcomes.safety: The child is safe now | "
            "Northshire Council Children's Services | 2024-11-14 | Good |"
        ) in made.markdown
