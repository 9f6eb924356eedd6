"""The mountain of engagement: filled top band first, stored bottom to top, drawn as a mountain."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from pytestqt.qtbot import QtBot

from cofacilitator.answers import validate_value
from cofacilitator.sessions.schema import FieldKind, FormField
from cofacilitator.ui.mountain_view import (
    MountainField,
    mountain_description,
    mountain_height,
    mountain_image,
    rows_of,
)

from .conftest import Show

FIELD = FormField(
    "mountain", FieldKind.MOUNTAIN, "Mountain", bands=("Observer", "Participant", "Leader")
)


def test_rows_run_top_down_and_the_answer_bottom_up(qtbot: QtBot, show: Show) -> None:
    widget = show(MountainField(FIELD))
    assert isinstance(widget, MountainField)
    widget.setFocus()
    assert widget.who["Leader"].hasFocus(), "the top of the mountain comes first"
    qtbot.keyClicks(widget.who["Leader"], "Two co-leads")
    qtbot.keyClick(widget.who["Leader"], Qt.Key.Key_Tab)
    assert widget.moves_up["Leader"].hasFocus()
    qtbot.keyClicks(widget.moves_up["Leader"], "Thanks in every release")
    qtbot.keyClicks(widget.who["Observer"], "Readers of the newsletter")
    qtbot.keyClicks(widget.moves_up["Observer"], "A first-issue label")
    value = widget.value()
    assert [row["band"] for row in value] == ["Observer", "Participant", "Leader"]
    assert value[0] == {
        "band": "Observer",
        "who": "Readers of the newsletter",
        "moves_up": "A first-issue label",
    }
    assert value[2]["who"] == "Two co-leads"
    assert validate_value(FIELD, value) == []


def test_a_missing_band_reads_as_empty(qtbot: QtBot) -> None:
    widget = MountainField(FIELD)
    qtbot.addWidget(widget)
    widget.set_value([{"band": "Leader", "who": "Sam", "moves_up": ""}, {"band": "Gone"}])
    assert widget.value()[2] == {"band": "Leader", "who": "Sam", "moves_up": ""}
    assert widget.value()[0] == {"band": "Observer", "who": "", "moves_up": ""}


def test_the_picture_grows_to_fit_every_word() -> None:
    font = QFont()
    short = rows_of(FIELD.bands, [{"band": "Leader", "who": "Sam", "moves_up": ""}])
    long = rows_of(FIELD.bands, [{"band": "Leader", "who": "word " * 200, "moves_up": ""}])
    assert mountain_height(long, font, 700) > mountain_height(short, font, 700) + 100
    image = mountain_image(long, QPalette(), font, 700)
    assert image.width() == 700 and image.height() == mountain_height(long, font, 700)
    described = mountain_description(short)
    assert described.startswith("Mountain of engagement, top band first. Leader: Sam;")
