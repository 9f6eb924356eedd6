"""Which capture pane the runner shows for each kind of segment.

Every kind of segment has a pane; the welcome segment's shows the cohort's guidelines and takes
each person's acknowledgement on the call. The sharing round needs the previous session's module
to show its assignment's answers, so :func:`pane_factories` takes the app's module lookup;
``PANE_FACTORIES`` looks among the shipped modules only.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from cofacilitator.sessions.schema import SegmentKind
from cofacilitator.ui.breakout_pane import BreakoutPane
from cofacilitator.ui.feedback_pane import FeedbackPane
from cofacilitator.ui.guidelines_pane import GuidelinesPane
from cofacilitator.ui.notes_pane import NotesPane
from cofacilitator.ui.pane_context import CapturePane, PaneContext, PaneFactory
from cofacilitator.ui.qa_pane import QAPane
from cofacilitator.ui.roll_call_pane import RollCallPane
from cofacilitator.ui.sharing_pane import ModuleLookup, SharingPane, shipped_module
from cofacilitator.ui.table_pane import TablePane

#: Segments whose prompts collect "Name / answer" notes in the notes pane.
NOTE_PANE_KINDS = (
    SegmentKind.ICEBREAKER,
    SegmentKind.PRESENTATION,
    SegmentKind.OPEN_DISCUSSION,
    SegmentKind.SILENT_NOTES,
    SegmentKind.KEY_TAKEAWAYS,
)


def pane_factories(find_module: ModuleLookup = shipped_module) -> dict[SegmentKind, PaneFactory]:
    """A pane factory for every kind of segment.

    ``find_module`` finds a module by id; pass the app catalog's ``get`` so a facilitator's own
    module replacing a shipped one is the one whose assignment is shown in the sharing round.
    """

    def sharing(context: PaneContext) -> CapturePane:
        return SharingPane(context, find_module=find_module)

    factories: dict[SegmentKind, PaneFactory] = dict.fromkeys(NOTE_PANE_KINDS, NotesPane)
    factories.update(
        {
            SegmentKind.GUIDELINES: GuidelinesPane,
            SegmentKind.ROLL_CALL: RollCallPane,
            SegmentKind.BREAKOUT: BreakoutPane,
            SegmentKind.FILL_IN_TABLE: TablePane,
            SegmentKind.ASSIGNMENT_SHARING: sharing,
            SegmentKind.QA: QAPane,
            SegmentKind.FEEDBACK: FeedbackPane,
        }
    )
    return factories


PANE_FACTORIES: Mapping[SegmentKind, PaneFactory] = MappingProxyType(pane_factories())
