"""Data to run on: the built-in example partnership, and a national synthetic generator.

:func:`example_partnership` loads "Northshire", a fictional partnership shipped inside
the package: the board and 12 agencies, two Section 11 cycles of self and moderated
ratings with evidence, a case audit graded by 5 auditors, 5 years of quarterly
indicators for Northshire and its region, and a two-year challenge log.
:func:`synthetic` draws national-scale data (boards x agencies x criteria, indicator
panels, challenge logs) for benchmarks and experiments, the same for the same seed.
See ``docs/datasets.md``.

Examples
--------
>>> from lscbqa.datasets import example_partnership
>>> northshire = example_partnership()
>>> northshire.name, len(northshire.agencies), len(northshire.section11_assessments)
('Northshire Safeguarding Children Partnership', 12, 24)
"""

from __future__ import annotations

import functools
import io
import json
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from lscbqa.assessment import Assessment
from lscbqa.datasets.synthetic import SyntheticData, synthetic
from lscbqa.exceptions import ValidationError
from lscbqa.frameworks import get
from lscbqa.indicators import safeguarding_indicators
from lscbqa.indicators.benchmarking import Comparators
from lscbqa.indicators.tables import read_csv
from lscbqa.report.partnership import Partnership
from lscbqa.scrutiny.log import ChallengeLog
from lscbqa.serialize import loads

__all__ = ["SyntheticData", "example_partnership", "synthetic"]

_EXAMPLE = "northshire"


def _folder() -> Traversable:
    return resources.files("lscbqa.datasets").joinpath("data", _EXAMPLE)


def _document(folder: Traversable, name: str, cls: type[Any]) -> Any:
    try:
        return loads(folder.joinpath(name).read_bytes(), cls)
    except ValidationError as error:  # a broken package, not a user error: say which file
        raise ValidationError(p.under(f"$[{name!r}]") for p in error.problems) from None


@functools.cache
def example_partnership() -> Partnership:
    """The Northshire Safeguarding Children Partnership: a fictional, realistic example.

    Every agency, person, case and figure is invented. The data are files shipped in
    the package (``lscbqa/datasets/data/northshire/``), loaded once and cached; the
    result is an immutable value, so every call returns the same one.

    Returns
    -------
    Partnership
        With, for the area ``"northshire"``:

        - ``agencies``: 12 member agencies, 9 of them statutory; the council's
          children's services and education share one organisation, as do the two
          services of the hospitals NHS trust (the board, two lay members, the quality
          assurance sub-group and a neighbouring board are members of the challenge
          log);
        - ``section11`` and ``section11_assessments``: the built-in ``section11``
          framework, one assessment per agency for FY2023-24 and FY2024-25, each with
          a self and a moderated rating of every criterion (self ratings a little
          higher; a few "not applicable" with reasons), citing evidence; two pieces of
          evidence are marked personal;
        - ``case_audit`` and ``case_audit_assessments``: the built-in ``case-audit``
          framework; 6 cases each graded by 5 auditors (one assessment per case and
          auditor, ``rater`` the auditor's agency), agreement moderate overall and
          poor on ``voice.influence``; one immediate concern;
        - ``indicators`` and ``panel``: the 8 built-in safeguarding indicators,
          quarterly from 2020-Q2 to 2025-Q1, for Northshire, 13 other areas of its
          region and England; Northshire's re-referrals turn the curve after a
          three-year baseline (to 2023-Q1), its training reach shows an SPC special
          cause (a step up), its assessments within 45 days dip;
        - ``comparators``: one region of 14 areas, 10 statistical neighbours each,
          England's own row;
        - ``challenge_log``: two years of challenge events (a reciprocal pair, an
          agency never challenged, open and escalated challenges) and 12 board
          meetings with attendance.

    Examples
    --------
    >>> from lscbqa.indicators import turn_the_curve
    >>> northshire = example_partnership()
    >>> rereferrals = northshire.panel.series("northshire", "rereferrals")
    >>> str(turn_the_curve(rereferrals, baseline_end="2023-Q1",
    ...                    polarity="lower_is_better").status)
    'turned'
    >>> sorted({r.role.value for a in northshire.section11_assessments for r in a.ratings})
    ['moderated', 'self']
    """
    folder = _folder()
    manifest: dict[str, Any] = json.loads(folder.joinpath("partnership.json").read_text("utf-8"))
    wanted = set(manifest["indicators"])
    indicators = tuple(i for i in safeguarding_indicators() if i.id in wanted)
    text = folder.joinpath(manifest["panel"]).read_text("utf-8")
    panel = read_csv(io.StringIO(text), indicators=indicators)
    comparators: Comparators = _document(folder, manifest["comparators"], Comparators)
    log: ChallengeLog = _document(folder, manifest["challenge_log"], ChallengeLog)
    return Partnership(
        id=manifest["id"],
        name=manifest["name"],
        area=manifest["area"],
        agencies=log.agencies,
        section11=get(manifest["section11"]),
        section11_assessments=[
            _document(folder, name, Assessment) for name in manifest["section11_assessments"]
        ],
        case_audit=get(manifest["case_audit"]),
        case_audit_assessments=[
            _document(folder, name, Assessment) for name in manifest["case_audit_assessments"]
        ],
        indicators=indicators,
        panel=panel,
        comparators=comparators,
        challenge_log=log,
    )
