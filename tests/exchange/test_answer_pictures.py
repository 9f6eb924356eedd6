"""The mountain of engagement and the stakeholder map drawn as SVG: shape, placement, escaping."""

from __future__ import annotations

import base64
import xml.etree.ElementTree as etree
from typing import Any

import pytest

from cofacilitator.answer_pictures import (
    answer_picture_uri,
    mountain_svg,
    stakeholder_map_svg,
)
from cofacilitator.answers import empty_value
from cofacilitator.sessions.schema import FieldKind
from tests.exchange.sample_answers import TRICKY_LINE, every_kind_answers, every_kind_fields

SVG = "{http://www.w3.org/2000/svg}"
FIELDS = {field.kind: field for field in every_kind_fields()}
ANSWERS = every_kind_answers()


def parsed(svg: str) -> etree.Element:
    """The picture as an XML tree: parsing fails on anything an answer could break."""
    return etree.fromstring(svg)


def texts(root: etree.Element) -> list[str]:
    return [element.text or "" for element in root.iter(f"{SVG}text")]


def polygon_points(polygon: etree.Element) -> list[tuple[float, float]]:
    return [
        (float(x), float(y)) for x, y in (p.split(",") for p in polygon.get("points", "").split())
    ]


def test_the_mountain_is_bands_narrowing_to_the_top_first_band_at_the_bottom() -> None:
    root = parsed(mountain_svg(ANSWERS["mountain"]))
    bands = list(root.iter(f"{SVG}polygon"))
    assert len(bands) == 3
    widths = []
    tops = []
    for band in bands:
        points = polygon_points(band)
        xs = [x for x, _ in points]
        widths.append(max(xs) - min(xs))
        tops.append(min(y for _, y in points))
        top_edge = [x for x, y in points if y == min(y for _, y in points)]
        bottom_edge = [x for x, y in points if y == max(y for _, y in points)]
        assert max(top_edge) - min(top_edge) < max(bottom_edge) - min(bottom_edge)
    assert widths == sorted(widths, reverse=True)
    assert tops == sorted(tops, reverse=True), "the first band is drawn lowest"
    assert texts(root) == [
        "Observer",
        "Newsletter readers",
        "Participant",
        "Call regulars",
        "Leader",
        "Maintainers",
    ]
    assert root.findtext(f"{SVG}title") == "Mountain of engagement"
    assert root.findtext(f"{SVG}desc") == "Bands from the top: Leader, Participant, Observer."


def test_stakeholders_sit_in_their_quadrant_by_power_and_interest() -> None:
    root = parsed(stakeholder_map_svg(ANSWERS["map"]))
    [_background, grid] = list(root.iter(f"{SVG}rect"))
    left, top = float(grid.get("x", 0)), float(grid.get("y", 0))
    middle_x = left + float(grid.get("width", 0)) / 2
    middle_y = top + float(grid.get("height", 0)) / 2
    dots = [(float(c.get("cx", 0)), float(c.get("cy", 0))) for c in root.iter(f"{SVG}circle")]
    assert len(dots) == 4
    (funders, core, users, lurkers) = dots
    assert funders[0] < middle_x and funders[1] < middle_y  # keep satisfied: top left
    assert core[0] > middle_x and core[1] < middle_y  # manage closely: top right
    assert users[0] > middle_x and users[1] > middle_y  # inform regularly: bottom right
    assert lurkers[0] < middle_x and lurkers[1] > middle_y  # monitor: bottom left
    shown = texts(root)
    for quadrant in (
        "Keep satisfied",
        "Manage closely",
        "Monitor and anticipate needs",
        "Inform regularly",
    ):
        assert quadrant in shown
    assert {"Funders", "Core team", "Users"} <= set(shown)


@pytest.mark.parametrize(
    "text", [TRICKY_LINE, '<script>alert("x")</script> & ]]>', "bell \x07 and nul \x00 gone"]
)
def test_what_people_typed_stays_text(text: str) -> None:
    mountain = mountain_svg([{"band": text, "who": text, "moves_up": ""}])
    grid = stakeholder_map_svg([{"name": text, "note": "", "power": 0.5, "interest": 0.5}])
    for svg in (mountain, grid):
        root = parsed(svg)
        assert [element.tag for element in root.iter() if "script" in element.tag] == []
        written = " ".join(texts(root)) + (root.findtext(f"{SVG}desc") or "")
        assert "\x00" not in written and "\x07" not in written
        shortened = text.replace("\x00", "").replace("\x07", "")[:10]
        assert shortened in written


def test_long_text_is_shortened_to_fit() -> None:
    long = "Everyone who ever opened an issue, commented, or starred the repository " * 3
    root = parsed(mountain_svg([{"band": "Leader", "who": long, "moves_up": ""}]))
    [_, who] = texts(root)
    assert who.endswith("…") and len(who) < 60
    root = parsed(stakeholder_map_svg([{"name": long, "power": 0.9, "interest": 0.95}]))
    assert any(text.endswith("…") for text in texts(root))


def picture(kind: FieldKind, value: Any) -> str | None:
    return answer_picture_uri(FIELDS[kind], value)


def test_a_picture_for_the_two_kinds_that_have_one_and_only_for_a_fitting_answer() -> None:
    for kind in (FieldKind.MOUNTAIN, FieldKind.STAKEHOLDER_MAP):
        field = FIELDS[kind]
        uri = picture(kind, ANSWERS[field.id])
        assert uri is not None and uri.startswith("data:image/svg+xml;base64,")
        parsed(base64.b64decode(uri.split(",", 1)[1]).decode("utf-8"))
        assert picture(kind, empty_value(field)) is None
        assert picture(kind, None) is None
    assert picture(FieldKind.MOUNTAIN, [{"band": "Nowhere", "who": "x", "moves_up": ""}]) is None
    assert picture(FieldKind.STAKEHOLDER_MAP, [{"name": "x", "power": 2, "interest": 0}]) is None
    others = [
        kind for kind in FieldKind if kind not in (FieldKind.MOUNTAIN, FieldKind.STAKEHOLDER_MAP)
    ]
    for kind in others:
        assert picture(kind, ANSWERS[FIELDS[kind].id]) is None
