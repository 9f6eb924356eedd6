"""Every capturing segment of the shipped modules gets a pane whose controls all have names."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from cofacilitator.sessions.schema import SegmentKind
from cofacilitator.ui.capture_panes import PANE_FACTORIES

from .conftest import Cohort, Shoot, Show


def test_every_kind_has_a_pane() -> None:
    assert set(PANE_FACTORIES) == set(SegmentKind)


def spoken_name(widget: QWidget, labels: list[QLabel]) -> str:
    """What a screen reader announces for a control: its own name, its text, or its label's."""
    if widget.accessibleName():
        return widget.accessibleName()
    if isinstance(widget, QAbstractButton) and widget.text():
        return widget.text()
    for label in labels:
        if label.buddy() is widget:
            return label.text()
    return ""


def test_each_pane_builds_and_every_control_is_named(
    qtbot: QtBot, cohort: Cohort, show: Show, shoot: Shoot
) -> None:
    for number, module in cohort.modules.items():
        for segment in module.segments:
            factory = PANE_FACTORIES.get(segment.kind)
            if factory is None:
                continue
            pane = show(factory(cohort.context(number, segment.id)))
            labels = pane.findChildren(QLabel)
            unnamed = [
                type(widget).__name__
                for widget in pane.findChildren(QWidget)
                if widget.focusPolicy() & Qt.FocusPolicy.TabFocus
                and widget.isVisibleTo(pane)
                and not isinstance(widget.parentWidget(), QComboBox | QAbstractSpinBox)
                and not spoken_name(widget, labels)
            ]
            assert unnamed == [], f"{module.id}/{segment.id}"
            shoot(pane, f"all_{number}_{segment.id}")
            pane.flush()
            pane.close()
