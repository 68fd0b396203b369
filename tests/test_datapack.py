"""Tests for lscbqa.indicators.datapack: a synthetic 14-area region, worked by hand.

The region has areas r01..r14; the panel also holds two areas of other regions
(x1, x2) and England's own row (eng). Periods 2021..2024; values are the 2024
values in every year, except where the notes below say otherwise.

``timely`` (assessments in 45 days, %, higher is better), 2024:

    r01 17  r02 23  r03 10  r04 14  r05 20  r06 12  r07 19
    r08 15  r09 22  r10 11  r11 16  r12 21  r13 13  r14 18
    x1 30   x2 5    eng 18          r01 was 18 in 2023 (so it got worse)

    Ranks (23 best): r02 1, r09 2, r12 3, r05 4, r07 5, r14 6, r01 7, r11 8,
    r08 9, r04 10, r13 11, r06 12, r10 13, r03 14 (x1's 30 is not in the region).
    Quartiles of 10..23 (linear, as Excel QUARTILE.INC): Q1 = 10 + 3.25 = 13.25,
    median 16.5, Q3 = 19.75. Band 1 (>= 19.75): 20-23; band 2 (>= 16.5): 17-19;
    band 3 (>= 13.25): 14-16; band 4: 10-13. Region average 16.5.

``rr`` (re-referrals, %, lower is better), 2024, with a tie at 22:

    r01 22  r02 18  r03 25  r04 22  r05 30  r06 15  r07 19
    r08 24  r09 27  r10 20  r11 21  r12 26  r13 17  r14 23
    x1 20   x2 20   eng 22          r02 was 20 in 2023 (better now);
                                    r03 was 22, 23, 24 in 2021-23 (worse 3 years: dipping)

    Ranks (15 best): r06 1, r13 2, r02 3, r07 4, r10 5, r11 6, r01 7, r04 7,
    r14 9, r08 10, r03 11, r12 12, r09 13, r05 14.
    Quartiles of the negated values (-30 ... -15): Q1 = -25 + 0.25 = -24.75,
    median -22, Q3 = -20 + 0.75 = -19.25. Band 1 (value <= 19.25): 15, 17, 18, 19;
    band 2 (<= 22): 20, 21, 22, 22; band 3 (<= 24.75): 23, 24; band 4: 25, 26, 27, 30.
    Region average 309 / 14.

Neighbours of r01: r02, r03, x1 (timely mean (23 + 10 + 30) / 3 = 21).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from lscbqa.exceptions import TrialLimitsWarning, ValidationError
from lscbqa.indicators import Indicator, Panel
from lscbqa.indicators.datapack import COLUMNS, Datapack, datapack

REGION = [f"r{i:02d}" for i in range(1, 15)]
AREAS = [*REGION, "x1", "x2", "eng"]
TIMELY = dict(zip(REGION, [17, 23, 10, 14, 20, 12, 19, 15, 22, 11, 16, 21, 13, 18], strict=True))
TIMELY.update(x1=30, x2=5, eng=18)
RR = dict(zip(REGION, [22, 18, 25, 22, 30, 15, 19, 24, 27, 20, 21, 26, 17, 23], strict=True))
RR.update(x1=20, x2=20, eng=22)
PERIODS = ["2021", "2022", "2023", "2024"]


def _panel() -> Panel:
    values = np.array([[[TIMELY[a]] * 4, [RR[a]] * 4] for a in AREAS], dtype=float)
    values[AREAS.index("r01"), 0, 2] = 18  # timely 2023
    values[AREAS.index("r02"), 1, 2] = 20  # rr 2023
    values[AREAS.index("r03"), 1, :3] = [22, 23, 24]  # rr 2021-2023
    return Panel(values=values, areas=AREAS, indicators=["timely", "rr"], periods=PERIODS)


PANEL = _panel()
TIMELY_INDICATOR = Indicator(
    id="timely", title="Assessments within 45 working days", polarity="higher_is_better"
)
RR_INDICATOR = Indicator(
    id="rr",
    title="Re-referrals within 12 months",
    polarity="lower_is_better",
    challenge_questions=("Are cases closed too early?", "Is early help reaching families?"),
)
NEIGHBOURS = {"r01": ["r02", "r03", "x1"]}


def _pack(**options: Any) -> Datapack:
    options.setdefault("spc", False)
    return datapack(
        PANEL,
        REGION,
        [TIMELY_INDICATOR, RR_INDICATOR],
        region=REGION,
        neighbours=NEIGHBOURS,
        england="eng",
        **options,
    )


def _column(pack: Datapack, indicator: str, name: str) -> dict[str, Any]:
    return {r["area"]: r[name] for r in pack.records() if r["indicator_id"] == indicator}


class TestDatapack:
    def test_one_row_per_area_and_indicator(self) -> None:
        """14 areas x 2 indicators, area by area, indicators in the order given."""
        records = _pack().records()
        assert len(records) == 28
        assert [(r["area"], r["indicator_id"]) for r in records[:3]] == [
            ("r01", "timely"),
            ("r01", "rr"),
            ("r02", "timely"),
        ]

    def test_ranks_higher_is_better(self) -> None:
        """Timeliness ranks as worked by hand (x1's 30 is outside the region)."""
        order = ["r02", "r09", "r12", "r05", "r07", "r14", "r01"]
        order += ["r11", "r08", "r04", "r13", "r06", "r10", "r03"]
        expected = dict(zip(order, range(1, 15), strict=True))
        assert _column(_pack(), "timely", "rank") == expected
        assert set(_column(_pack(), "timely", "of").values()) == {14}

    def test_quartiles_higher_is_better(self) -> None:
        """Timeliness bands: 20-23 in band 1, 17-19 in 2, 14-16 in 3, 10-13 in 4."""
        bands = _column(_pack(), "timely", "quartile")
        assert {area for area, band in bands.items() if band == 1} == {"r02", "r09", "r12", "r05"}
        assert {area for area, band in bands.items() if band == 2} == {"r07", "r14", "r01"}
        assert {area for area, band in bands.items() if band == 3} == {"r11", "r08", "r04"}
        assert {area for area, band in bands.items() if band == 4} == {"r13", "r06", "r10", "r03"}

    def test_ranks_lower_is_better_with_a_tie(self) -> None:
        """Re-referral ranks as worked by hand; r01 and r04 (22) share rank 7, then 9."""
        expected = {
            "r06": 1, "r13": 2, "r02": 3, "r07": 4, "r10": 5, "r11": 6, "r01": 7,
            "r04": 7, "r14": 9, "r08": 10, "r03": 11, "r12": 12, "r09": 13, "r05": 14,
        }  # fmt: skip
        assert _column(_pack(), "rr", "rank") == expected

    def test_quartiles_lower_is_better(self) -> None:
        """Re-referral bands: <= 19.25 band 1, <= 22 band 2, <= 24.75 band 3, else 4."""
        bands = _column(_pack(), "rr", "quartile")
        assert {area for area, band in bands.items() if band == 1} == {"r06", "r13", "r02", "r07"}
        assert {area for area, band in bands.items() if band == 2} == {"r10", "r11", "r01", "r04"}
        assert {area for area, band in bands.items() if band == 3} == {"r14", "r08"}
        assert {area for area, band in bands.items() if band == 4} == {"r03", "r12", "r09", "r05"}

    def test_comparator_averages(self) -> None:
        """Region averages 16.5 and 309/14; England from its row; r01's neighbours 21."""
        records = {(r["area"], r["indicator_id"]): r for r in _pack().records()}
        r01 = records[("r01", "timely")]
        assert (r01["region"], r01["england"], r01["neighbours"]) == (16.5, 18.0, 21.0)
        assert records[("r05", "rr")]["region"] == pytest.approx(309 / 14)
        assert records[("r05", "rr")]["neighbours"] is None  # r05 has no neighbours listed

    def test_direction_of_travel(self) -> None:
        """r01's timeliness fell (worse); r02's re-referrals fell (better); the rest held."""
        timely = _column(_pack(), "timely", "direction_of_travel")
        rr = _column(_pack(), "rr", "direction_of_travel")
        assert timely["r01"] == "worse"
        assert rr["r02"] == "better"
        assert rr["r03"] == "worse"
        assert {timely[a] for a in REGION if a != "r01"} == {"same"}

    def test_dipping_carries_the_challenge_questions(self) -> None:
        """Only r03's re-referrals dip (worse three years running), with the questions."""
        records = _pack().records()
        dipping = [(r["area"], r["indicator_id"]) for r in records if r["dipping"]]
        assert dipping == [("r03", "rr")]
        (r03,) = (r for r in records if r["area"] == "r03" and r["indicator_id"] == "rr")
        assert r03["challenge_questions"] == list(RR_INDICATOR.challenge_questions)
        assert all(r["challenge_questions"] == [] for r in records if not r["dipping"])

    def test_titles_come_from_the_indicators(self) -> None:
        """Each record names its indicator's title."""
        assert _pack().records()[1]["indicator"] == "Re-referrals within 12 months"

    def test_csv_text(self) -> None:
        """The CSV has the COLUMNS header, empty cells for missing numbers, joined questions."""
        text = _pack().to_csv()
        assert text is not None
        rows = list(csv.DictReader(io.StringIO(text)))
        assert tuple(rows[0]) == COLUMNS
        r05 = next(r for r in rows if r["area"] == "r05" and r["indicator_id"] == "rr")
        assert (r05["neighbours"], r05["rank"], r05["quartile"]) == ("", "14", "4")
        r03 = next(r for r in rows if r["area"] == "r03" and r["indicator_id"] == "rr")
        assert r03["challenge_questions"] == " | ".join(RR_INDICATOR.challenge_questions)
        assert r03["dipping"] == "true"

    def test_csv_file(self, tmp_path: Path) -> None:
        """to_csv(path) writes the same text to the file and returns None."""
        pack = _pack()
        target = tmp_path / "pack.csv"
        assert pack.to_csv(target) is None
        assert target.read_text("utf-8") == pack.to_csv()

    def test_to_pandas(self) -> None:
        """The DataFrame has one row per record and the COLUMNS."""
        frame = _pack().to_pandas()
        assert frame.shape == (28, len(COLUMNS))
        assert frame.loc[frame["area"] == "r02", "rank"].tolist() == [1, 3]

    def test_spc_icons_need_enough_points(self) -> None:
        """With SPC on four years, a TrialLimitsWarning; every row has an icon."""
        with pytest.warns(TrialLimitsWarning):
            pack = _pack(spc=True)
        assert all(r["variation_icon"] is not None for r in pack.records())

    @pytest.mark.parametrize(
        ("arguments", "path"),
        [
            ({"areas": "r01"}, r"\$\.areas"),
            ({"region": [1, 2]}, r"\$\.region\[0\]"),
            ({"neighbours": ["r02"]}, r"\$\.neighbours"),
            ({"england": "wales"}, r"\$\.comparators\.england"),
        ],
    )
    def test_bad_arguments_name_the_field(self, arguments: dict[str, Any], path: str) -> None:
        """Bad arguments raise ValidationError naming the field."""
        options: dict[str, Any] = {
            "areas": REGION,
            "region": REGION,
            "neighbours": NEIGHBOURS,
            "england": "eng",
            "spc": False,
        }
        options.update(arguments)
        areas = options.pop("areas")
        with pytest.raises(ValidationError, match=path):
            datapack(PANEL, areas, [TIMELY_INDICATOR], **options)
