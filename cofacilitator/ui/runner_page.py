"""The session runner: the page a facilitator keeps open for the whole call.

Left, the agenda (planned and actual minutes, the current segment, optional segments that can be
skipped); centre, what to say and ask in the current segment, with the capture pane for its kind
below; right, the timer and the private "take space, give space" tally.

Where the call is lives in the store, never only in the page: the current segment and every timer
action are written the moment they happen, so closing the app (or a crash) and opening the run
again returns to the same segment with the timer where it was. Time comes from the injected
``clock`` and ``wall`` through :class:`TimerPanel`; the page's own ``QTimer`` only repaints totals.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Mapping
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QFont, QHideEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from cofacilitator.cohorts import get_cohort, list_cohorts
from cofacilitator.runs import (
    RunStatus,
    RunView,
    end_run,
    get_run,
    list_runs,
    load_timer_states,
    next_segment_id,
    save_timer_state,
    set_current_segment,
    skip_segment,
    start_run,
    unskip_segment,
)
from cofacilitator.sessions.catalog import Catalog
from cofacilitator.sessions.schema import Module, Segment, SegmentKind
from cofacilitator.store.backups import BackupUnavailable, backup_before_run
from cofacilitator.store.database import Store
from cofacilitator.timer import Clock, RunTotals, SegmentPlan, TimerState
from cofacilitator.ui.agenda_panel import SKIP_KEY, AgendaPanel
from cofacilitator.ui.background import Runner, run_op
from cofacilitator.ui.events import Events
from cofacilitator.ui.export_dialog import ExportDialog, open_export_dialog
from cofacilitator.ui.markdown_view import LinkOpener
from cofacilitator.ui.pane_context import PaneContext, PaneFactory
from cofacilitator.ui.presenter_clock import PresenterClock
from cofacilitator.ui.segment_column import TEXT_KEY, SegmentColumn
from cofacilitator.ui.segment_content import segment_html, slides_link
from cofacilitator.ui.settings import SettingsFile
from cofacilitator.ui.speaking_panel import SpeakingPanel
from cofacilitator.ui.timer_panel import TimerPanel

PRESENTER_KEY = "F5"


class RunnerPage(QWidget):
    """The runner for one run at a time; :meth:`open_run` switches runs.

    ``run_opened`` carries the id of the run now shown, so the window can bring the page forward.
    """

    run_opened = Signal(int)

    def __init__(
        self,
        store: Store,
        events: Events,
        catalog: Catalog,
        *,
        pane_factories: Mapping[SegmentKind, PaneFactory] | None = None,
        settings: SettingsFile | None = None,
        backups_dir: Path | None = None,
        op_runner: Runner | None = None,
        clock: Clock = time.monotonic,
        wall: Clock = time.time,
        open_url: LinkOpener = QDesktopServices.openUrl,
        chime: Callable[[], None] = QApplication.beep,
        presenter: PresenterClock | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``presenter`` is the window's own clock window, so there is only ever one; without
        it the page makes its own the first time it is asked to show it."""
        super().__init__(parent)
        self.setAccessibleName("Session runner")
        self._store = store
        self._events = events
        self._catalog = catalog
        self._pane_factories = dict(pane_factories or {})
        self._settings = settings
        self._backups_dir = backups_dir
        self._op_runner = op_runner
        self._wall = wall
        self._open_url = open_url
        self._run: RunView | None = None
        self._module: Module | None = None
        self._cohort_name = ""
        self._segment_id = ""
        self._timers: dict[str, TimerState] = {}
        self._speaking: SpeakingPanel | None = None
        self._presenter = presenter

        self.timer_panel = TimerPanel(
            clock=clock, wall=wall, sound_on=self._sound_on, chime=chime, parent=self
        )
        self.timer_panel.state_changed.connect(self._save_timer)
        self.timer_panel.next_requested.connect(self.go_next)
        self.timer_panel.previous_requested.connect(self.go_previous)

        self._stack = QStackedWidget(self)
        self._stack.addWidget(self._build_idle_page())
        self._stack.addWidget(self._build_run_page())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack)

        self.timer_panel.install_shortcuts(self)
        self._install_actions()

        self._totals_ticker = QTimer(self)
        self._totals_ticker.setInterval(1000)
        self._totals_ticker.timeout.connect(self._refresh_totals)
        self._totals_ticker.start()
        self.show_idle()

    # ------------------------------------------------------------------------------ building

    def _build_idle_page(self) -> QWidget:
        page = QWidget()
        self.idle_label = QLabel(page)
        self.idle_label.setWordWrap(True)
        self.idle_label.setAccessibleName("No session open")
        self._resume_box = QVBoxLayout()
        layout = QVBoxLayout(page)
        layout.addWidget(self.idle_label)
        layout.addLayout(self._resume_box)
        layout.addStretch(1)
        self.resume_buttons: list[QPushButton] = []
        return page

    def _build_run_page(self) -> QWidget:
        page = QWidget()
        self.title_label = QLabel(page)
        self.title_label.setWordWrap(True)
        self.title_label.setAccessibleName("Session")
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self._apply_title_font()
        self.state_label = QLabel(page)
        self.state_label.setWordWrap(True)
        self.state_label.setAccessibleName("Session state")

        self.slides_button = QPushButton("Open slides", page)
        self.slides_button.setAccessibleName("Open this segment's slides")
        self.slides_button.clicked.connect(self.open_slides)
        self.presenter_button = QPushButton(f"Presenter clock ({PRESENTER_KEY})", page)
        self.presenter_button.setAccessibleName("Show or hide the presenter clock window")
        self.presenter_button.setToolTip(
            "A big countdown window to share on screen or a projector "
            f"({PRESENTER_KEY} here, Ctrl+Shift+P anywhere); it never shows the speaking tally"
        )
        self.presenter_button.clicked.connect(self.toggle_presenter)
        self.end_button = QPushButton("End session", page)
        self.end_button.setAccessibleName("End the session")
        self.end_button.clicked.connect(self._end_or_reopen)
        self.export_button = QPushButton("E&xport…", page)
        self.export_button.setAccessibleName("Export this session's notes")
        self.export_button.setToolTip(
            "Write this session's shared notes (or the whole cohort's) as Markdown or HTML"
        )
        self.export_button.clicked.connect(self.open_export)

        # The facilitator types in the capture pane all session; the content is read at a glance.
        self.centre = SegmentColumn(self._pane_factories, open_link=self._open_url, parent=page)
        self.content = self.centre.content
        self._pane_holder = self.centre.holder
        self.text_button = self.centre.text_button

        header_text = QVBoxLayout()
        header_text.addWidget(self.title_label)
        header_text.addWidget(self.state_label)
        header = QHBoxLayout()
        header.addLayout(header_text, 1)
        header.addWidget(self.text_button)
        header.addWidget(self.slides_button)
        header.addWidget(self.presenter_button)
        header.addWidget(self.export_button)
        header.addWidget(self.end_button)

        self.agenda_panel = AgendaPanel(page)
        self.agenda_panel.segment_chosen.connect(self.go_to)
        self.agenda_panel.skip_requested.connect(self.toggle_skip_selected)

        self.sound_box = QCheckBox("&Chime when time is up", page)
        self.sound_box.setAccessibleName("Chime when a segment's time is up")
        self.sound_box.setToolTip(
            "Plays the system alert sound; this build has no sound library of its own"
        )
        self.sound_box.setChecked(self._sound_on())
        self.sound_box.setVisible(self._settings is not None)
        self.sound_box.toggled.connect(self._set_sound)

        right_column = QWidget(page)
        self._right_layout = QVBoxLayout(right_column)
        self._right_layout.setContentsMargins(0, 0, 0, 0)
        self._right_layout.addWidget(self.timer_panel)
        self._right_layout.addWidget(self.sound_box)
        self.timer_panel.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

        self._columns = QSplitter(Qt.Orientation.Horizontal, page)
        self._columns.addWidget(self.agenda_panel)
        self._columns.addWidget(self.centre)
        self._columns.addWidget(right_column)
        self._columns.setStretchFactor(0, 0)
        self._columns.setStretchFactor(1, 1)
        self._columns.setStretchFactor(2, 0)
        self._columns.setChildrenCollapsible(False)
        self._columns.setSizes([250, 520, 330])

        layout = QVBoxLayout(page)
        layout.addLayout(header)
        layout.addWidget(self._columns, 1)
        return page

    def _install_actions(self) -> None:
        skip = QAction("Skip optional segment", self)
        skip.setShortcut(QKeySequence(SKIP_KEY))
        skip.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        skip.triggered.connect(self.toggle_skip_selected)
        text = QAction("Hide or show the segment's text", self)
        text.setShortcut(QKeySequence(TEXT_KEY))
        text.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        text.triggered.connect(self.centre.toggle_text)
        presenter = QAction("Presenter clock", self)
        presenter.setShortcut(QKeySequence(PRESENTER_KEY))
        presenter.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        presenter.triggered.connect(self.toggle_presenter)
        self.addActions([skip, text, presenter])

    # ------------------------------------------------------------------------------ reading

    @property
    def run(self) -> RunView | None:
        return self._run

    @property
    def module(self) -> Module | None:
        return self._module

    @property
    def current_segment(self) -> Segment | None:
        if self._module is None or not self._segment_id:
            return None
        return self._module.segment(self._segment_id)

    @property
    def agenda(self) -> QListWidget:
        return self.agenda_panel.agenda

    @property
    def skip_button(self) -> QPushButton:
        return self.agenda_panel.skip_button

    @property
    def totals_label(self) -> QLabel:
        return self.agenda_panel.totals_label

    @property
    def capture_pane(self) -> QWidget | None:
        return self._pane_holder.pane

    @property
    def speaking_panel(self) -> SpeakingPanel | None:
        return self._speaking

    @property
    def presenter(self) -> PresenterClock | None:
        return self._presenter

    def _sound_on(self) -> bool:
        return self._settings is None or self._settings.current.sound_on

    def _set_sound(self, on: bool) -> None:
        if self._settings is not None:
            self._settings.update(sound_on=on)

    # ------------------------------------------------------------------------------ runs

    def set_clocks(self, clock: Clock, wall: Clock) -> None:
        """Time the run on other clocks (the screenshots freeze time); the segment on show
        is shown again from its stored timer, read on the new clocks."""
        self._wall = wall
        self.timer_panel.set_clocks(clock, wall)
        if self._run is not None:
            self._show_segment()

    def show_idle(self) -> None:
        """No run open: offer every session still in progress, for a quick resume."""
        for button in self.resume_buttons:
            self._resume_box.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.resume_buttons = []
        in_progress = [
            (cohort.name, run)
            for cohort in list_cohorts(self._store, include_archived=True)
            for run in list_runs(self._store, cohort.id)
            if run.status is RunStatus.RUNNING
        ]
        if in_progress:
            self.idle_label.setText("No session is open. Sessions in progress:")
        else:
            self.idle_label.setText(
                "No session is open. Choose Run on a cohort's overview to start one."
            )
        for cohort_name, run in in_progress:
            module = self._catalog.get(run.module_id)
            title = module.title if module else run.module_id
            button = QPushButton(f"Resume session {run.module_number}: {title} — {cohort_name}")
            button.setAccessibleName(f"Resume session {run.module_number} of {cohort_name}")
            button.clicked.connect(lambda _=False, run_id=run.id: self.open_run(run_id))
            self._resume_box.addWidget(button)
            self.resume_buttons.append(button)
        self._stack.setCurrentIndex(0)

    def open_run(self, run_id: int) -> None:
        """Show a run where it stands; a run not started yet is started, after a backup."""
        self.close_run()
        run = get_run(self._store, run_id)
        module = self._catalog.get(run.module_id)
        if module is None:
            self.show_idle()
            self.idle_label.setText(
                f"Session {run.module_number} cannot be opened: its module "
                f"{run.module_id!r} is not in the module folder any more."
            )
            return
        self._run = run
        self._module = module
        self._cohort_name = get_cohort(self._store, run.cohort_id).name
        self._timers = load_timer_states(self._store, run.id)
        first = next_segment_id(module, None, run.skipped_segments) or ""
        known = {segment.id for segment in module.segments}
        # A module file edited since the run started may have lost the segment it was on.
        self._segment_id = run.current_segment if run.current_segment in known else first
        self._speaking = SpeakingPanel(self._store, self._events, run.cohort_id, run.id)
        self._speaking.rows_replaced.connect(self._chain_focus)
        self._right_layout.addWidget(self._speaking, 1)
        self._stack.setCurrentIndex(1)
        if run.status in (RunStatus.UNSCHEDULED, RunStatus.SCHEDULED):
            self._start(run.id, module)
        self._show_segment()
        self.run_opened.emit(run.id)

    def close_run(self) -> None:
        """Leave the run as it is in the store (a running timer keeps running there)."""
        self.flush()
        self._set_pane(None)
        if self._speaking is not None:
            self._right_layout.removeWidget(self._speaking)
            self._speaking.hide()
            self._speaking.deleteLater()
            self._speaking = None
        if self._presenter is not None:
            self._presenter.clear()
        self._run = None
        self._module = None
        self._segment_id = ""
        self.timer_panel.show_timer(None)

    def flush(self) -> None:
        """Write the capture pane's pending edit; called before anything leaves the segment."""
        self._pane_holder.flush()

    def _start(self, run_id: int, module: Module) -> None:
        """Back up first, off the UI thread, then mark the run started; failing to back up
        must not stop the call, so it is reported and the run starts anyway."""
        store, backups_dir = self._store, self._backups_dir

        def work() -> tuple[RunView, str]:
            note = ""
            if backups_dir is not None:
                try:
                    backup_before_run(store, backups_dir)
                except (BackupUnavailable, OSError, sqlite3.Error) as problem:
                    note = f"No backup before this session: {problem}"
            return start_run(store, run_id, module), note

        def started(result: tuple[RunView, str]) -> None:
            if isValid(self) and self._run is not None and self._run.id == run_id:
                self._run = result[0]
                self._events.run_did_advance.emit(run_id)
                self._refresh_header(result[1])

        def failed(error: BaseException) -> None:
            if isValid(self):
                self._refresh_header(f"The session could not be started: {error}")

        run_op(
            self,
            work,
            started,
            failed,
            "Backing up before the session…",
            runner=self._op_runner,
        )

    # ------------------------------------------------------------------------------ moving

    def _ordered_ids(self) -> list[str]:
        """Segments the run goes through: every segment that is not skipped."""
        if self._module is None or self._run is None:
            return []
        skipped = set(self._run.skipped_segments)
        return [s.id for s in self._module.segments if s.id not in skipped]

    def go_next(self) -> None:
        """Finish the segment and move on; the last segment's "next" ends the session.

        In an ended session "next" only turns the page: notes stay editable afterwards.
        """
        if self._run is None or self._module is None:
            return
        following = next_segment_id(self._module, self._segment_id, self._run.skipped_segments)
        if following is not None:
            self.go_to(following)
        elif self._run.status is not RunStatus.ENDED:
            self.end_session()

    def go_previous(self) -> None:
        ids = self._ordered_ids()
        if self._segment_id in ids and ids.index(self._segment_id) > 0:
            self.go_to(ids[ids.index(self._segment_id) - 1])

    def go_to(self, segment_id: str) -> None:
        """Move to a segment. Going forward finishes the segment left (for its actual minutes)
        and keeps the clock running if it was; going back only pauses it."""
        if self._run is None or self._module is None or segment_id == self._segment_id:
            return
        self.flush()
        module = self._module
        forward = module.segment_index(segment_id) > module.segment_index(self._segment_id)
        timer = self.timer_panel.timer  # None in an ended session
        was_running = timer is not None and timer.is_running
        if timer is not None and (timer.is_running or timer.elapsed > 0):
            state = self.timer_panel.finish() if forward else timer.pause()
            if state is not None:
                self._persist(self._segment_id, state)
        self._run = set_current_segment(self._store, self._run.id, module, segment_id)
        self._segment_id = segment_id
        self._show_segment()
        if forward and was_running:
            self.timer_panel.start()
        self._events.run_did_advance.emit(self._run.id)

    def end_session(self) -> None:
        if self._run is None or self._run.status is RunStatus.ENDED:
            return
        self.flush()
        timer = self.timer_panel.timer
        if timer is not None and (timer.is_running or timer.elapsed > 0):
            state = self.timer_panel.finish()
            if state is not None:
                self._persist(self._segment_id, state)
        self._run = end_run(self._store, self._run.id)
        self._events.run_did_advance.emit(self._run.id)
        self._show_segment()

    def reopen_session(self) -> None:
        if self._run is None or self._module is None:
            return
        self._run = start_run(self._store, self._run.id, self._module)
        self._events.run_did_advance.emit(self._run.id)
        self._show_segment()

    def _end_or_reopen(self) -> None:
        if self._run is not None and self._run.status is RunStatus.ENDED:
            self.reopen_session()
        else:
            self.end_session()

    def toggle_skip_selected(self) -> None:
        """Skip the selected optional segment, or bring a skipped one back."""
        segment = self.agenda_panel.selected_segment
        if self._run is None or self._module is None or segment is None or not segment.optional:
            return
        if segment.id in self._run.skipped_segments:
            self._run = unskip_segment(self._store, self._run.id, self._module, segment.id)
        else:
            if segment.id == self._segment_id:
                self.go_next()
            if self._run.status is not RunStatus.ENDED:
                self._run = skip_segment(self._store, self._run.id, self._module, segment.id)
        self._events.run_did_advance.emit(self._run.id)
        self._fill_agenda(select=segment.id)

    # ------------------------------------------------------------------------------ timers

    def _save_timer(self, state: TimerState) -> None:
        """Every timer action is one write, straight away."""
        if self._run is None or not self._segment_id:
            return
        self._persist(self._segment_id, state)
        self._events.run_did_advance.emit(self._run.id)
        self._refresh_totals()

    def _persist(self, segment_id: str, state: TimerState) -> None:
        assert self._run is not None
        self._timers[segment_id] = save_timer_state(self._store, self._run.id, segment_id, state)

    def _state_of(self, segment: Segment) -> TimerState:
        return self._timers.get(segment.id) or TimerState.planned(segment.minutes)

    # ------------------------------------------------------------------------------ showing

    def _show_segment(self) -> None:
        segment = self.current_segment
        if segment is None or self._module is None or self._run is None:
            return
        ended = self._run.status is RunStatus.ENDED
        self.content.setHtml(segment_html(self._module, segment))
        self.content.setAccessibleDescription(f"Content of {segment.title}")
        link = slides_link(segment)
        self.slides_button.setVisible(bool(segment.slides))
        self.slides_button.setEnabled(bool(link))
        self.slides_button.setToolTip(
            f"Open {link} in the browser" if link else "This segment's slides have no link yet"
        )
        self.timer_panel.show_timer(None if ended else self._state_of(segment), segment.title)
        ids = self._ordered_ids()
        position = ids.index(segment.id) if segment.id in ids else -1
        is_last = position == len(ids) - 1
        self.timer_panel.set_navigation(
            has_previous=position > 0,
            has_next=not (ended and is_last),
            next_label="Finish ▶" if is_last and not ended else "Next ▶",
        )
        self._set_pane(segment)
        self.centre.fit()
        self._fill_agenda()
        self._refresh_header()
        self._feed_presenter()

    def _set_pane(self, segment: Segment | None) -> None:
        if segment is None or self._run is None or self._module is None:
            self._pane_holder.show_pane(None)
            return
        self._pane_holder.show_pane(
            PaneContext(
                store=self._store,
                events=self._events,
                cohort_id=self._run.cohort_id,
                run_id=self._run.id,
                module=self._module,
                segment=segment,
            )
        )
        self._chain_focus()

    def _chain_focus(self) -> None:
        """Tab goes the way the eye does: agenda, content, capture, timer, tally, header."""
        timer = self.timer_panel
        chain: list[QWidget] = [self.agenda, self.skip_button, self.content]
        chain += self._pane_holder.focus_chain()
        chain += [
            timer.start_pause_button,
            timer.remove_minute_button,
            timer.add_minute_button,
            timer.previous_button,
            timer.next_button,
            self.sound_box,
        ]
        if self._speaking is not None:
            chain += self._speaking.focus_chain
        chain += [
            self.text_button,
            self.slides_button,
            self.presenter_button,
            self.export_button,
            self.end_button,
        ]
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _fill_agenda(self, select: str | None = None) -> None:
        """Rebuild the agenda; the selection goes to ``select``, else the current segment."""
        if self._module is None or self._run is None:
            return
        self.agenda_panel.show_run(
            self._module, self._run.skipped_segments, self._segment_id, self._totals(), select
        )

    def _totals(self) -> RunTotals:
        assert self._module is not None and self._run is not None
        skipped = set(self._run.skipped_segments)
        live = self.timer_panel.timer
        pairs = []
        for segment in self._module.segments:
            state = self._timers.get(segment.id)
            if segment.id == self._segment_id and live is not None:
                state = live.state
            plan = SegmentPlan(segment.minutes, segment.optional, segment.id in skipped)
            pairs.append((plan, state))
        return RunTotals.of(pairs, self._wall())

    def _refresh_totals(self) -> None:
        if self._module is not None and self._run is not None:
            self.agenda_panel.show_totals(self._totals())

    def _refresh_header(self, note: str = "") -> None:
        if self._run is None or self._module is None:
            return
        self.title_label.setText(
            f"Session {self._module.number}: {self._module.title} — {self._cohort_name}"
        )
        status = {
            RunStatus.UNSCHEDULED: "Starting…",
            RunStatus.SCHEDULED: "Starting…",
            RunStatus.RUNNING: "In progress",
            RunStatus.ENDED: "Ended. Notes stay editable; reopen the session to time it again.",
        }[self._run.status]
        self.state_label.setText(f"{status} {note}".strip())
        ended = self._run.status is RunStatus.ENDED
        self.end_button.setText("Reopen session" if ended else "End session")
        self.end_button.setAccessibleName("Reopen the session" if ended else "End the session")

    # ------------------------------------------------------------------------------ outside

    def open_slides(self) -> None:
        segment = self.current_segment
        if segment is not None and slides_link(segment):
            self._open_url(QUrl(slides_link(segment)))

    def open_export(self) -> ExportDialog | None:
        """The export dialog over the page, on this session (the whole cohort one click away)."""
        if self._run is None:
            return None
        self.flush()
        return open_export_dialog(
            self,
            self._store,
            self._catalog,
            self._settings,
            run_id=self._run.id,
            runner=self._op_runner,
        )

    def toggle_presenter(self) -> None:
        """Show the clock window for participants (or hide it); it follows every segment."""
        if self._presenter is None:
            self._presenter = PresenterClock(self)
        if self._presenter.isVisible():
            self._presenter.hide()
            return
        self._feed_presenter()
        self._presenter.show()

    def _feed_presenter(self) -> None:
        presenter = self._presenter
        if presenter is None:
            return
        segment = self.current_segment
        timer = self.timer_panel.timer
        if self._run is None:
            presenter.clear()
            return
        if segment is None or timer is None or self._module is None:
            presenter.clear("The session has ended")
            return
        following = next_segment_id(self._module, segment.id, self._run.skipped_segments)
        next_title = self._module.segment(following).title if following else None
        presenter.show_segment(segment.title, next_title, segment.recordable, timer)

    def hideEvent(self, event: QHideEvent) -> None:
        """Leaving the page (another page, or quitting) writes what the pane still holds."""
        self.flush()
        super().hideEvent(event)

    def _apply_title_font(self) -> None:
        """A fifth larger than the app font, recomputed when the app font changes."""
        font = QFont(self.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.title_label.setFont(font)

    def changeEvent(self, event: QEvent) -> None:
        """Follow the app font (Ctrl+plus): the title's font is set from it."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._apply_title_font()
