"""Tests for lscbqa.indicators.icons: the variation and assurance icons as SVG text."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from lscbqa.exceptions import ValidationError
from lscbqa.indicators.icons import (
    ICON_COLOURS,
    ICON_TITLES,
    assurance_icon_svg,
    variation_icon_svg,
)
from lscbqa.indicators.spc import ASSURANCE_TYPES, VARIATION_ICONS

SVG = "{http://www.w3.org/2000/svg}"


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


class TestVariationIconSvg:
    @pytest.mark.parametrize("icon", VARIATION_ICONS)
    def test_is_well_formed_svg_with_a_title(self, icon: str) -> None:
        """Each icon parses as one <svg> whose first child is its <title>."""
        root = _parse(variation_icon_svg(icon))
        assert root.tag == f"{SVG}svg"
        assert root.attrib["role"] == "img"
        assert root[0].tag == f"{SVG}title"
        assert root[0].text == ICON_TITLES[icon]

    @pytest.mark.parametrize("icon", VARIATION_ICONS)
    def test_is_small_and_self_contained(self, icon: str) -> None:
        """No scripts, links or external references, and under 1.5 kB."""
        svg = variation_icon_svg(icon)
        assert len(svg.encode()) < 1500
        for forbidden in ("<script", "href", "url(", "<image", "@import"):
            assert forbidden not in svg

    def test_icons_differ(self) -> None:
        """Every variation icon has its own drawing."""
        drawings = {variation_icon_svg(icon) for icon in VARIATION_ICONS}
        assert len(drawings) == len(VARIATION_ICONS)

    @pytest.mark.parametrize(
        ("icon", "colour", "letter"),
        [
            ("improvement_high", "improvement", "H"),
            ("improvement_low", "improvement", "L"),
            ("concern_high", "concern", "H"),
            ("concern_low", "concern", "L"),
            ("neutral_high", "neutral", "H"),
            ("neutral_low", "neutral", "L"),
        ],
    )
    def test_colour_and_letter_say_the_meaning(self, icon: str, colour: str, letter: str) -> None:
        """The ring takes the meaning's colour and the letter says high or low."""
        root = _parse(variation_icon_svg(icon))
        ring = root.find(f"{SVG}circle")
        assert ring is not None
        assert ring.attrib["stroke"] == ICON_COLOURS[colour]
        text = root.find(f"{SVG}text")
        assert text is not None
        assert text.text == letter

    def test_common_cause_is_grey_without_a_letter(self) -> None:
        """Common cause is ringed grey and has no letter."""
        root = _parse(variation_icon_svg("common_cause"))
        ring = root.find(f"{SVG}circle")
        assert ring is not None
        assert ring.attrib["stroke"] == ICON_COLOURS["common_cause"]
        assert root.find(f"{SVG}text") is None

    def test_size_sets_width_and_height(self) -> None:
        """The size is the width and height in pixels."""
        root = _parse(variation_icon_svg("common_cause", size=20))
        assert (root.attrib["width"], root.attrib["height"]) == ("20", "20")

    def test_unknown_icon_is_a_validation_error(self) -> None:
        """An unknown icon name raises ValidationError at $.icon."""
        with pytest.raises(ValidationError, match=r"\$\.icon"):
            variation_icon_svg("improvement")

    @pytest.mark.parametrize("size", [0, -3, 2.5, True])
    def test_bad_size_is_a_validation_error(self, size: object) -> None:
        """A size that is not a positive whole number raises ValidationError at $.size."""
        with pytest.raises(ValidationError, match=r"\$\.size"):
            variation_icon_svg("common_cause", size=size)  # type: ignore[arg-type]


class TestAssuranceIconSvg:
    @pytest.mark.parametrize(
        ("assurance", "letter", "colour"),
        [
            ("consistent_pass", "P", "improvement"),
            ("consistent_fail", "F", "concern"),
            ("inconsistent", "?", "common_cause"),
        ],
    )
    def test_letter_colour_and_title(self, assurance: str, letter: str, colour: str) -> None:
        """Each assurance icon shows its letter in its colour, titled for screen readers."""
        root = _parse(assurance_icon_svg(assurance))
        assert root[0].text == ICON_TITLES[assurance]
        text = root.find(f"{SVG}text")
        assert text is not None
        assert (text.text, text.attrib["fill"]) == (letter, ICON_COLOURS[colour])

    def test_every_assurance_type_has_an_icon(self) -> None:
        """All three assurance types draw."""
        assert all(assurance_icon_svg(name).endswith("</svg>") for name in ASSURANCE_TYPES)

    def test_unknown_assurance_is_a_validation_error(self) -> None:
        """An unknown assurance raises ValidationError at $.assurance."""
        with pytest.raises(ValidationError, match=r"\$\.assurance"):
            assurance_icon_svg("pass")
