"""The screenshot function the docs script calls writes every picture it promises."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from scripts.screens.form_screenshots import render_form_screenshots


def test_pictures_of_both_sides_are_written(qapp: QApplication, tmp_path: Path) -> None:
    written = render_form_screenshots(tmp_path / "shots")
    names = {path.stem for path in written}
    kinds = {
        "long-text",
        "table",
        "list",
        "stakeholder-map",
        "pick-values",
        "roadmap",
        "charter",
        "mountain",
        "information-map",
        "value-exchange",
        "resources",
    }
    assert {f"form-{kind}" for kind in kinds} <= names
    assert {"participant-welcome", "participant-assignments", "participant-sessions"} <= names
    assert {"answers-import", "answers-stakeholder-map", "answers-mountain"} <= names
    for path in written:
        image = QImage(str(path))
        assert not image.isNull(), path
        if path.stem != "answers-import":
            assert (image.width(), image.height()) == (1280, 720), path
