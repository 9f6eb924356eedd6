"""The docs' pictures of the work around a call are made from the demo cohort, at window size."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from scripts.screens.around_screenshots import render_around_screenshots


def test_every_picture_is_written_at_its_size(qapp: QApplication, tmp_path: Path) -> None:
    written = render_around_screenshots(tmp_path)

    assert [path.name for path in written] == [
        "schedule.png",
        "messages.png",
        "document-import-preview.png",
        "guidelines.png",
        "concerns.png",
        "raise-concern.png",
    ]
    sizes = [QImage(str(path)).size().toTuple() for path in written]
    assert sizes == [(1280, 720)] * 5 + [(760, 620)]
