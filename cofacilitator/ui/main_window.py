"""The main window: a left navigation, the pages, the menus and the status bar.

Pages (Home and cohorts, the session runner, the module browser) are written separately and
plugged in with :meth:`MainWindow.add_page`, so this window knows none of them. It owns the
things every page shares: the presenter clock window, text size, the About box and the module
problems banner.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QMetaMethod, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QPushButton,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from cofacilitator.paths import resources_dir
from cofacilitator.ui.events import Events
from cofacilitator.ui.file_choosers import ask_open_path
from cofacilitator.ui.text_scale import TextScale

if TYPE_CHECKING:
    from cofacilitator.sessions.schema import Module
    from cofacilitator.ui.about_dialog import AboutDialog
    from cofacilitator.ui.markdown_view import LinkOpener
    from cofacilitator.ui.presenter_clock import PresenterClock

FileChooser = Callable[[QWidget], str | None]

MODULE_FORMAT_DOC = "module-format.md"


def choose_file_to_open(parent: QWidget) -> str | None:
    return ask_open_path(
        parent, "Open an invitation or hand-back file", "All files (*)", str(Path.home())
    )


def module_format_doc() -> Path | None:
    """The module format guide, from an installed copy or a source checkout."""
    for candidate in (
        resources_dir() / "docs" / MODULE_FORMAT_DOC,
        resources_dir().parent / "docs" / MODULE_FORMAT_DOC,
    ):
        if candidate.is_file():
            return candidate
    return None


class ModuleProblemsBanner(QFrame):
    """Non-blocking notice that some module files did not load; the others still work."""

    def __init__(self, user_modules_dir: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("Some module files have problems")
        self._folder = user_modules_dir

        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size)
        )
        self._heading = QLabel("<b>Some module files have problems</b>")
        self._heading.setAccessibleName("Some module files have problems")
        explanation = QLabel(
            "The modules listed in Modules loaded; these files were skipped or need attention."
        )
        explanation.setWordWrap(True)

        self._list = QListWidget()
        self._list.setAccessibleName("Module file problems")
        self._list.setWordWrap(True)

        self._open_folder = QPushButton("Open module &folder")
        self._open_folder.setAccessibleName("Open the module folder")
        self._open_folder.setVisible(user_modules_dir is not None)
        self._open_folder.clicked.connect(self._show_folder)
        dismiss = QPushButton("&Dismiss")
        dismiss.setAccessibleName("Dismiss the module problems")
        dismiss.clicked.connect(self.hide)

        heading_row = QHBoxLayout()
        heading_row.addWidget(icon)
        heading_row.addWidget(self._heading, 1)
        heading_row.addWidget(self._open_folder)
        heading_row.addWidget(dismiss)

        layout = QVBoxLayout(self)
        layout.addLayout(heading_row)
        layout.addWidget(explanation)
        layout.addWidget(self._list)
        self.hide()

    def show_problems(self, problems: Sequence[str]) -> None:
        self._list.clear()
        self._list.addItems(list(problems))
        self._fit_list()
        self.setVisible(bool(problems))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_list()

    def _fit_list(self) -> None:
        """Up to five problems without scrolling, at the current text size; more scroll."""
        rows = max(1, min(self._list.count(), 5))
        line = self._list.fontMetrics().lineSpacing()
        self._list.setFixedHeight(rows * (line + 6) + 2 * self._list.frameWidth() + 4)

    def problems(self) -> list[str]:
        return [self._list.item(row).text() for row in range(self._list.count())]

    def _show_folder(self) -> None:
        if self._folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._folder)))


class MainWindow(QMainWindow):
    """The app's one main window.

    ``open_file_requested`` carries the path of an invitation or hand-back file the facilitator
    chose (File > Open, or a file given on the command line); the code that imports such files
    connects to it.
    """

    open_file_requested = Signal(str)

    def __init__(
        self,
        modules: Sequence[Module],
        text_scale: TextScale,
        events: Events,
        *,
        user_modules_dir: Path | None = None,
        choose_file: FileChooser = choose_file_to_open,
        open_link: LinkOpener = QDesktopServices.openUrl,
    ) -> None:
        super().__init__()
        self.setWindowTitle("cofacilitator")
        self.setAccessibleName("cofacilitator")
        self._modules = tuple(modules)
        self._text_scale = text_scale
        self._events = events
        self._choose_file = choose_file
        self._open_link = open_link
        self._pages: dict[str, QWidget] = {}

        self._nav = QListWidget()
        self._nav.setAccessibleName("Sections")
        self._nav.setAccessibleDescription("Choose what the window shows")
        self._nav.setSpacing(2)
        self._nav.currentRowChanged.connect(self._show_row)
        self._stack = QStackedWidget()
        self._stack.setAccessibleName("Page")
        self._problems = ModuleProblemsBanner(user_modules_dir)

        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self._problems)
        right.addWidget(self._stack, 1)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self._nav)
        layout.addLayout(right, 1)
        self.setCentralWidget(central)

        self._presenter_clock: PresenterClock | None = None
        self._module_count = QLabel()
        self._module_count.setAccessibleName("Modules loaded")
        self.statusBar().addPermanentWidget(self._module_count)
        self._build_menus()
        self.set_modules(self._modules)
        self._text_scale.scale_changed.connect(self._text_scale_changed)
        self._fit_nav()
        self.setAcceptDrops(True)
        self.resize(1200, 720)

    # For the code that assembles the app ------------------------------------------------------

    @property
    def events(self) -> Events:
        return self._events

    @property
    def presenter_clock(self) -> PresenterClock:
        """The one presenter clock, which the runner feeds with ``show_segment``.

        Made on first use: importing and building it is start-up time, before any call begins.
        """
        if self._presenter_clock is None:
            from cofacilitator.ui.presenter_clock import PresenterClock

            self._presenter_clock = PresenterClock(self)
        return self._presenter_clock

    @property
    def problems_banner(self) -> ModuleProblemsBanner:
        return self._problems

    def add_page(
        self,
        name: str,
        widget: QWidget,
        shortcut: str | QKeySequence | None = None,
        *,
        index: int | None = None,
    ) -> None:
        """Add a page to the navigation (at ``index``, else last) with an optional shortcut.

        The page also gets an entry in the Go menu, so its shortcut can be discovered.
        """
        if name in self._pages:
            raise ValueError(f"a page named {name!r} is already registered")
        position = len(self._pages) if index is None else max(0, min(index, len(self._pages)))
        self._pages[name] = widget
        self._stack.insertWidget(position, widget)
        item = QListWidgetItem(name)
        action = QAction(name, self)
        action.triggered.connect(lambda _checked=False, page=name: self.show_page(page))
        if shortcut:
            sequence = QKeySequence(shortcut)
            action.setShortcut(sequence)
            hint = sequence.toString(QKeySequence.SequenceFormat.NativeText)
            item.setToolTip(f"{name} ({hint})")
        self._nav.insertItem(position, item)
        actions = self._go_menu.actions()
        self._go_menu.insertAction(actions[position] if position < len(actions) else None, action)
        self._fit_nav()
        if self._nav.currentRow() < 0:
            self._nav.setCurrentRow(0)

    def show_page(self, name: str) -> None:
        widget = self._pages[name]
        self._nav.setCurrentRow(self._stack.indexOf(widget))
        widget.setFocus()

    def page(self, name: str) -> QWidget:
        return self._pages[name]

    @property
    def page_names(self) -> list[str]:
        return [self._nav.item(row).text() for row in range(self._nav.count())]

    @property
    def current_page_name(self) -> str | None:
        item = self._nav.currentItem()
        return item.text() if item else None

    def set_modules(self, modules: Sequence[Module]) -> None:
        """The modules the About box credits and the status bar counts."""
        self._modules = tuple(modules)
        count = len(self._modules)
        self._module_count.setText(f"{count} module{'s' if count != 1 else ''} loaded")

    def show_module_problems(self, problems: Sequence[str]) -> None:
        self._problems.show_problems(problems)
        if problems:
            self.statusBar().showMessage("Some module files have problems", 10_000)

    def request_open(self, path: str) -> None:
        """Hand a file to whoever imports invitations and hand-back files."""
        signal = QMetaMethod.fromSignal(self.open_file_requested)
        if not self.isSignalConnected(signal):
            self.statusBar().showMessage(
                f"Opening {Path(path).name} is not possible in this version yet.", 10_000
            )
            return
        self.open_file_requested.emit(path)

    def add_menu_action(
        self,
        menu: str,
        text: str,
        slot: Callable[[], object],
        shortcut: str | None = None,
        tip: str = "",
    ) -> QAction:
        """An entry in a menu, made by the code that owns the feature (File, or a new menu that
        goes before View)."""
        target = self._menus.get(menu)
        if target is None:
            target = QMenu(menu, self)
            self.menuBar().insertMenu(self._menus["&View"].menuAction(), target)
            self._menus[menu] = target
        action = self._action(target, text, slot, QKeySequence(shortcut) if shortcut else None)
        if menu == "&File":
            target.insertAction(self._quit_separator, action)
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        return action

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and all(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        """Invitation and hand-back files dropped on the window open as File > Open would."""
        for url in event.mimeData().urls():
            self.request_open(url.toLocalFile())
        event.acceptProposedAction()

    # Menus ------------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self._open_action = self._action(
            file_menu, "&Open…", self._open_file, QKeySequence.StandardKey.Open
        )
        self._open_action.setStatusTip("Open an invitation or a hand-back file")
        self._quit_separator = file_menu.addSeparator()
        quit_action = self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        self._go_menu = self.menuBar().addMenu("&Go")

        view_menu = self.menuBar().addMenu("&View")
        self._menus = {"&File": file_menu, "&Go": self._go_menu, "&View": view_menu}
        self._action(
            view_menu, "&Presenter clock", self.show_presenter_clock, QKeySequence("Ctrl+Shift+P")
        )
        view_menu.addSeparator()
        larger = self._action(
            view_menu, "&Larger text", self._text_scale.enlarge, QKeySequence.StandardKey.ZoomIn
        )
        # Ctrl+= is the same key as Ctrl++ without Shift on most keyboards.
        larger.setShortcuts([*larger.shortcuts(), QKeySequence("Ctrl+=")])
        self._action(
            view_menu, "&Smaller text", self._text_scale.shrink, QKeySequence.StandardKey.ZoomOut
        )
        self._action(view_menu, "&Reset text size", self._text_scale.reset, QKeySequence("Ctrl+0"))

        help_menu = self.menuBar().addMenu("&Help")
        about = self._action(help_menu, "&About cofacilitator", self.show_about)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        self._action(help_menu, "&Module format docs", self.show_module_format_docs)

    def _action(
        self,
        menu: QWidget,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def _open_file(self) -> None:
        path = self._choose_file(self)
        if path:
            self.request_open(path)

    def show_presenter_clock(self) -> None:
        self.presenter_clock.show()
        self.presenter_clock.raise_()
        self.presenter_clock.activateWindow()

    def show_about(self) -> AboutDialog:
        # Imported when asked for: its version listing would slow every start.
        from cofacilitator.ui.about_dialog import AboutDialog

        dialog = AboutDialog(self._modules, self, open_link=self._open_link)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def show_module_format_docs(self) -> QDialog:
        dialog = QDialog(self)
        dialog.setWindowTitle("Module format")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.resize(820, 640)
        from cofacilitator.ui.markdown_view import MarkdownView

        view = MarkdownView(open_link=self._open_link)
        view.setAccessibleName("Module format guide")
        path = module_format_doc()
        if path is None:
            view.set_guide_markdown(
                "# Module format\n\nThe module format guide is not installed with this copy of "
                "cofacilitator. It is `docs/module-format.md` in the source repository."
            )
        else:
            view.set_guide_markdown(path.read_text(encoding="utf-8"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(view, 1)
        layout.addWidget(buttons)
        dialog.show()
        return dialog

    # Internals --------------------------------------------------------------------------------

    def _show_row(self, row: int) -> None:
        if 0 <= row < self._stack.count():
            self._stack.setCurrentIndex(row)

    def _fit_nav(self) -> None:
        """Wide enough for the longest page name at the current text size, no wider."""
        widest = self._nav.sizeHintForColumn(0) if self._nav.count() else 0
        self._nav.setFixedWidth(max(widest, self.fontMetrics().horizontalAdvance("M" * 8)) + 24)

    def _text_scale_changed(self, scale: float) -> None:
        self._fit_nav()
        self.statusBar().showMessage(f"Text size {round(scale * 100)} %", 3000)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._presenter_clock is not None:
            self._presenter_clock.close()
        super().closeEvent(event)
