"""Larger and smaller text for the whole app (Ctrl+plus, Ctrl+minus, Ctrl+0).

Facilitators run calls on laptops, projectors and large monitors, and some need bigger text all
the time. Scaling the application font (rather than each widget) reaches every widget that does
not pin its own size, including rich text, whose headings are relative to it. The chosen scale
is remembered in the settings file and applied again at the next start.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from cofacilitator.ui.settings import MAX_TEXT_SCALE, MIN_TEXT_SCALE, SettingsFile

#: The steps Ctrl+plus and Ctrl+minus walk through; fine near 100 %, coarser further out.
SCALE_STEPS: tuple[float, ...] = (0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0)


class TextScale(QObject):
    """Owns the application font size; emits ``scale_changed`` after every change."""

    scale_changed = Signal(float)

    def __init__(self, app: QApplication, settings: SettingsFile) -> None:
        super().__init__(app)
        self._app = app
        self._settings = settings
        # The platform's font, not app.font(): the latter may already carry an earlier scale.
        self._base_point_size = QFontDatabase.systemFont(
            QFontDatabase.SystemFont.GeneralFont
        ).pointSizeF()
        self._scale = _clamped(settings.current.text_scale)
        self._apply()

    @property
    def scale(self) -> float:
        return self._scale

    @property
    def base_point_size(self) -> float:
        """The platform's own font size, before any scaling."""
        return self._base_point_size

    def enlarge(self) -> None:
        larger = [step for step in SCALE_STEPS if step > self._scale + 1e-6]
        if larger:
            self.set_scale(larger[0])

    def shrink(self) -> None:
        smaller = [step for step in SCALE_STEPS if step < self._scale - 1e-6]
        if smaller:
            self.set_scale(smaller[-1])

    def reset(self) -> None:
        self.set_scale(1.0)

    def set_scale(self, scale: float) -> None:
        scale = _clamped(scale)
        if abs(scale - self._scale) < 1e-6:
            return
        self._scale = scale
        self._apply()
        self._settings.update(text_scale=scale)
        self.scale_changed.emit(scale)

    def _apply(self) -> None:
        font = QFont(self._app.font())
        font.setPointSizeF(self._base_point_size * self._scale)
        self._app.setFont(font)


def _clamped(scale: float) -> float:
    return min(MAX_TEXT_SCALE, max(MIN_TEXT_SCALE, scale))
