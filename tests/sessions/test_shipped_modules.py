"""The four shipped sessions keep the curriculum's rules, so an edit cannot quietly break them."""

from __future__ import annotations

import pytest

from cofacilitator.paths import shipped_modules_dir
from cofacilitator.sessions.catalog import load_catalog
from cofacilitator.sessions.schema import Module, SegmentKind

CATALOG = load_catalog(shipped_modules_dir(), None)
MODULES = {module.number: module for module in CATALOG.modules}


def test_the_four_sessions_load_without_errors_and_warn_only_of_links_to_be_added() -> None:
    assert sorted(MODULES) == [1, 2, 3, 4]
    assert [str(p) for p in CATALOG.problems if p.is_error] == []
    warnings = [p.message for p in CATALOG.problems if not p.is_error]
    assert len(warnings) == 6
    assert all("still to be added" in message for message in warnings)


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_a_session_is_an_hour_of_lesson_plus_twenty_to_thirty_minutes_of_discussion(
    number: int,
) -> None:
    assert 80 <= MODULES[number].required_minutes <= 90


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_only_the_presentation_may_be_recorded(number: int) -> None:
    module = MODULES[number]
    recordable = {s.kind for s in module.segments if s.recordable}
    assert recordable == {SegmentKind.PRESENTATION}


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_a_session_ends_with_takeaways_questions_and_feedback(number: int) -> None:
    kinds = [s.kind for s in MODULES[number].segments if not s.optional]
    assert kinds[-3:] == [SegmentKind.KEY_TAKEAWAYS, SegmentKind.QA, SegmentKind.FEEDBACK]


@pytest.mark.parametrize("number", [2, 3, 4])
def test_sessions_after_the_first_share_the_previous_assignment_for_ten_minutes(
    number: int,
) -> None:
    sharing = [s for s in MODULES[number].segments if s.kind is SegmentKind.ASSIGNMENT_SHARING]
    assert [s.minutes for s in sharing] == [10]


@pytest.mark.parametrize("number", [1, 2, 3, 4])
def test_each_session_credits_the_curriculum_it_adapts(number: int) -> None:
    module: Module = MODULES[number]
    assert "Malvika Sharan" in module.attribution
    assert "https://creativecommons.org/licenses/by/4.0/" in module.attribution
    assert "Adapted" in module.attribution
    assert module.assignment is not None
