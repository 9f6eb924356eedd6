"""Two assignment answers drawn as the curriculum draws them: the mountain of engagement and the
stakeholder map.

``answers.answers_to_markdown`` says both in words (bands from the top, stakeholders by quadrant);
the pictures are for an HTML view of the same answers, which can put them in an
``<img src="data:...">`` (:func:`answer_picture_uri`) and stay self-contained. They are plain SVG
text built here, with no Qt, and everything people typed is XML-escaped, so an answer cannot add
markup to the picture; long text is shortened to fit, as the words beside the picture hold it whole.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Mapping, Sequence
from typing import Any
from xml.sax.saxutils import escape

from cofacilitator.answers import is_blank, quadrant, validate_value
from cofacilitator.sessions.schema import STAKEHOLDER_QUADRANTS, FieldKind, FormField

WIDTH = 600
BAND_HEIGHT = 60
MOUNTAIN_TOP_HALF = 70
"""Half the width of the mountain's peak, so the top band still holds its name."""
BAND_COLOURS = ("#dcefd6", "#c4e3bb", "#abd6a0", "#93c986", "#7bbc6d", "#64ae56")
MAP_HEIGHT = 450
TEXT = "#1f2328"
MUTED = "#59636e"
_FONT = 'font-family="system-ui, sans-serif"'
_INVALID_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CHARACTER_WIDTH = 0.58
"""Average width of a character, in font sizes, for shortening text to fit (an estimate)."""


def answer_picture_uri(field: FormField, value: Any) -> str | None:
    """A ``data:image/svg+xml`` picture of the answer, for the field kinds that have one; ``None``
    for other kinds and for answers that are blank or do not fit their field."""
    if value is None or is_blank(field, value) or validate_value(field, value):
        return None
    if field.kind is FieldKind.MOUNTAIN:
        return svg_data_uri(mountain_svg(value))
    if field.kind is FieldKind.STAKEHOLDER_MAP:
        return svg_data_uri(stakeholder_map_svg(value))
    return None


def answer_picture_description(field: FormField, value: Any) -> str:
    """The picture in words, for an ``alt`` text: a reader who cannot see it learns who is in
    which band or quadrant, which the SVG's own summary leaves out for the mountain."""
    if field.kind is FieldKind.MOUNTAIN:
        bands = [
            f"{_one_line(row.get('band', ''))}: {_one_line(row.get('who', '')) or 'nobody named'}"
            for row in reversed(value)
        ]
        return "Mountain of engagement, top band first. " + "; ".join(bands) + "."
    titles = dict(STAKEHOLDER_QUADRANTS)
    placed = [
        f"{_one_line(item.get('name', '')) or '(unnamed)'}: "
        f"{titles[quadrant(item['power'], item['interest'])]}"
        for item in value
    ]
    return "Stakeholder map. " + ("; ".join(placed) or "Nobody placed yet") + "."


def _one_line(text: Any) -> str:
    return " ".join(str(text).split())


def svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def mountain_svg(bands: Sequence[Mapping[str, Any]]) -> str:
    """The mountain as stacked bands narrowing to the top, the first band at the bottom; each band
    shows its name and who is in it."""
    count = max(len(bands), 1)
    height = count * BAND_HEIGHT + 20
    base_half = WIDTH / 2 - 10

    def half_width(level: int) -> float:
        return base_half - (base_half - MOUNTAIN_TOP_HALF) * level / count

    shapes = []
    centre = WIDTH / 2
    for level, band in enumerate(bands):
        bottom = height - 10 - level * BAND_HEIGHT
        top = bottom - BAND_HEIGHT
        lower, upper = half_width(level), half_width(level + 1)
        points = " ".join(
            f"{x:.1f},{y:.1f}"
            for x, y in (
                (centre - lower, bottom),
                (centre + lower, bottom),
                (centre + upper, top),
                (centre - upper, top),
            )
        )
        colour = BAND_COLOURS[min(level, len(BAND_COLOURS) - 1)]
        shapes.append(f'<polygon points="{points}" fill="{colour}" stroke="#ffffff"/>')
        room = 2 * upper - 16
        middle = top + BAND_HEIGHT / 2
        shapes.append(
            _text(centre, middle - 4, _fit(str(band.get("band", "")), room, 15), 15, bold=True)
        )
        who = " ".join(str(band.get("who", "")).split())
        if who:
            shapes.append(_text(centre, middle + 15, _fit(who, room, 12), 12, colour=TEXT))
    names = ", ".join(str(band.get("band", "")) for band in reversed(bands))
    return _svg(WIDTH, height, "Mountain of engagement", f"Bands from the top: {names}.", shapes)


def stakeholder_map_svg(stakeholders: Sequence[Mapping[str, Any]]) -> str:
    """The power/interest grid with each stakeholder's name where their power (up) and interest
    (right) place them, and the four quadrants named in their corners."""
    left, right, top, bottom = 50.0, WIDTH - 20.0, 20.0, MAP_HEIGHT - 50.0
    across, down = right - left, bottom - top
    mid_x, mid_y = left + across / 2, top + down / 2
    shapes = [
        f'<rect x="{left}" y="{top}" width="{across}" height="{down}" fill="#f6f8f5" '
        f'stroke="{MUTED}"/>',
        f'<line x1="{mid_x}" y1="{top}" x2="{mid_x}" y2="{bottom}" stroke="{MUTED}" '
        'stroke-dasharray="4 4"/>',
        f'<line x1="{left}" y1="{mid_y}" x2="{right}" y2="{mid_y}" stroke="{MUTED}" '
        'stroke-dasharray="4 4"/>',
        _text(mid_x, bottom + 32, "Interest →", 14, colour=MUTED),
        _text(18, mid_y, "Power →", 14, colour=MUTED, rotate=True),
    ]
    corners = {
        "keep_satisfied": (left + 8, top + 18, "start"),
        "manage_closely": (right - 8, top + 18, "end"),
        "monitor": (left + 8, bottom - 10, "start"),
        "inform_regularly": (right - 8, bottom - 10, "end"),
    }
    for quadrant_id, title in STAKEHOLDER_QUADRANTS:
        x, y, anchor = corners[quadrant_id]
        name = title.split(" (", 1)[0]
        shapes.append(_text(x, y, name, 13, colour=MUTED, anchor=anchor, italic=True))
    described = []
    for item in stakeholders:
        name = " ".join(str(item.get("name", "")).split()) or "(unnamed)"
        x = left + float(item["interest"]) * across
        y = bottom - float(item["power"]) * down
        shapes.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="#2f6f3e"/>')
        on_left = x > left + across * 0.7
        label_x = x - 9 if on_left else x + 9
        room = (label_x - left if on_left else right - label_x) - 4
        shapes.append(
            _text(
                label_x,
                y + 4,
                _fit(name, room, 13),
                13,
                colour=TEXT,
                anchor="end" if on_left else "start",
            )
        )
        described.append(f"{name} (power {item['power']:.2g}, interest {item['interest']:.2g})")
    summary = "; ".join(described) or "nobody placed yet"
    return _svg(WIDTH, MAP_HEIGHT, "Stakeholder map", f"Stakeholders: {summary}.", shapes)


def _svg(width: float, height: float, title: str, description: str, shapes: list[str]) -> str:
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height:g}" '
            f'viewBox="0 0 {width} {height:g}" role="img">',
            f"<title>{_clean(title)}</title>",
            f"<desc>{_clean(description)}</desc>",
            f'<rect width="{width}" height="{height:g}" fill="#ffffff"/>',
            *shapes,
            "</svg>",
            "",
        ]
    )


def _text(
    x: float,
    y: float,
    text: str,
    size: int,
    *,
    colour: str = TEXT,
    anchor: str = "middle",
    bold: bool = False,
    italic: bool = False,
    rotate: bool = False,
) -> str:
    style = (' font-weight="bold"' if bold else "") + (' font-style="italic"' if italic else "")
    turn = f' transform="rotate(-90 {x:.1f} {y:.1f})"' if rotate else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" {_FONT} font-size="{size}" fill="{colour}" '
        f'text-anchor="{anchor}"{style}{turn}>{_clean(text)}</text>'
    )


def _fit(text: str, room: float, size: int) -> str:
    """``text`` shortened with an ellipsis to about ``room`` pixels at font ``size``."""
    limit = max(int(room / (size * _CHARACTER_WIDTH)), 4)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _clean(text: str) -> str:
    """Text safe inside an SVG element: markup escaped, characters XML forbids dropped."""
    return escape(_INVALID_XML.sub("", text))
