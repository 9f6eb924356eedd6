"""The platform's file dialogs, asked one question: which file to open, or where to save.

Windows that read or write a file take a chooser as a parameter, so tests answer without a
dialog; the choosers behind those defaults ask through these two. Both give None when the person
cancels.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QWidget


def ask_open_path(parent: QWidget, caption: str, file_filter: str, folder: str = "") -> str | None:
    """The file chosen to open, starting in ``folder`` (the last one used when empty)."""
    path, _filter = QFileDialog.getOpenFileName(parent, caption, folder, file_filter)
    return path or None


def ask_save_path(parent: QWidget, caption: str, suggested: str, file_filter: str) -> str | None:
    """Where to save, starting from ``suggested``; the dialog asks before replacing a file."""
    path, _filter = QFileDialog.getSaveFileName(parent, caption, suggested, file_filter)
    return path or None
