"""Showing a widget as a person sees it: a window of its own, at a given size, with the focus;
and saving it as a PNG when a folder is named in the environment, to look at it."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

WINDOW_SIZE = (1280, 720)
"""The smallest screen the app promises to fit."""

W = TypeVar("W", bound=QWidget)
Shoot = Callable[[QWidget, str], None]


def show_active(qtbot: QtBot, widget: W, size: tuple[int, int] = WINDOW_SIZE) -> W:
    """Show ``widget`` as the active window, so keys typed in the test reach it; the caller
    decides who deletes it (usually ``qtbot.addWidget``)."""
    widget.resize(*size)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow)
    return widget


def shot_saver(folder_variable: str) -> Shoot:
    """Saves ``widget`` as ``name.png`` in the folder ``folder_variable`` names, if it is set."""

    def saving(widget: QWidget, name: str) -> None:
        folder = os.environ.get(folder_variable)
        if folder:
            QApplication.sendPostedEvents()
            QApplication.processEvents()
            Path(folder).mkdir(parents=True, exist_ok=True)
            widget.grab().save(str(Path(folder) / f"{name}.png"))

    return saving
