"""What an answer of each field kind may be, and how it reads once rendered."""

from __future__ import annotations

from typing import Any

import markdown
import pytest

from cofacilitator.answers import (
    LINE_LIMIT,
    PARAGRAPH_LIMIT,
    TEXT_LIMIT,
    answered_values,
    answers_to_markdown,
    empty_value,
    is_blank,
    quadrant,
    validate_answers,
    validate_value,
)
from cofacilitator.sessions.schema import FieldKind, FormField
from tests.exchange.sample_answers import (
    TRICKY_LINE,
    every_kind_answers,
    every_kind_fields,
    module_with,
)
from tests.export.html_reading import read_page

FIELDS = {field.kind: field for field in every_kind_fields()}
ANSWERS = every_kind_answers()


def field_of(kind: FieldKind) -> FormField:
    return FIELDS[kind]


@pytest.mark.parametrize("kind", list(FieldKind), ids=str)
def test_a_filled_answer_of_every_kind_fits_its_field(kind: FieldKind) -> None:
    field = field_of(kind)
    assert validate_value(field, ANSWERS[field.id]) == []


@pytest.mark.parametrize("kind", list(FieldKind), ids=str)
def test_an_empty_form_is_blank_and_dropped_from_the_answers(kind: FieldKind) -> None:
    field = field_of(kind)
    assert is_blank(field, empty_value(field))
    assert not is_blank(field, ANSWERS[field.id])
    module = module_with((field,))
    assert module.assignment is not None
    assert answered_values(module.assignment, {field.id: empty_value(field)}) == {}


@pytest.mark.parametrize("kind", list(FieldKind), ids=str)
def test_a_value_of_the_wrong_type_is_refused(kind: FieldKind) -> None:
    field = field_of(kind)
    assert validate_value(field, 42)
    assert validate_value(field, None)


BAD_VALUES: list[tuple[FieldKind, Any, str]] = [
    (FieldKind.LONG_TEXT, "x" * (TEXT_LIMIT + 1), "longer than"),
    (FieldKind.LIST, ["fine", 3], "should be text"),
    (FieldKind.LIST, ["x" * (PARAGRAPH_LIMIT + 1)], "longer than"),
    (FieldKind.TABLE, [{"Name": "Ada", "Age": "36"}], "unknown entry 'Age'"),
    (FieldKind.TABLE, [["Ada", "Founder"]], "named entries"),
    (
        FieldKind.STAKEHOLDER_MAP,
        [{"name": "A", "note": "", "power": 1.5, "interest": 0}],
        "0 and 1",
    ),
    (FieldKind.STAKEHOLDER_MAP, [{"name": "A", "power": -0.1, "interest": 0}], "0 and 1"),
    (FieldKind.STAKEHOLDER_MAP, [{"name": "A", "power": True, "interest": 0}], "a number"),
    (FieldKind.STAKEHOLDER_MAP, [{"name": "A", "power": "high", "interest": 0}], "a number"),
    (FieldKind.STAKEHOLDER_MAP, [{"name": "A", "power": float("nan"), "interest": 0}], "0 and 1"),
    (FieldKind.STAKEHOLDER_MAP, [{"name": "A", "power": 0.5}], "missing 'interest'"),
    (
        FieldKind.STAKEHOLDER_MAP,
        [{"name": "x" * (LINE_LIMIT + 1), "power": 0, "interest": 0}],
        "longer",
    ),
    (FieldKind.PICK_VALUES, {"picked": ["Care", "Joy"], "defined": ""}, "exactly 3"),
    (FieldKind.PICK_VALUES, {"picked": ["Care", "Joy", "Fun", "Zeal"]}, "exactly 3"),
    (FieldKind.PICK_VALUES, {"picked": ["Care", "Joy", "care"]}, "picked twice"),
    (FieldKind.PICK_VALUES, {"picked": ["Care", "Joy", "Fun"], "defined": "Zeal"}, "not one of"),
    (FieldKind.PICK_VALUES, {"picked": ["Care", "Joy", " "]}, "empty"),
    (FieldKind.PICK_VALUES, {"defined": "Care"}, "missing 'picked'"),
    (FieldKind.PICK_VALUES, {"picked": "Care, Joy, Fun"}, "list of text"),
    (FieldKind.ROADMAP, {"6 months": "x", "10 years": "y"}, "unknown entry '10 years'"),
    (FieldKind.ROADMAP, {"6 months": ["x"]}, "should be text"),
    (FieldKind.CHARTER, {"Vision": "x", "Budget": "y"}, "unknown entry 'Budget'"),
    (FieldKind.MOUNTAIN, [{"band": "Summit", "who": "", "moves_up": ""}], "not a band"),
    (
        FieldKind.MOUNTAIN,
        [{"band": "Leader", "who": "", "moves_up": ""}, {"band": "Observer", "who": ""}],
        "bottom of the mountain",
    ),
    (
        FieldKind.MOUNTAIN,
        [{"band": "Leader", "who": ""}, {"band": "Leader", "who": ""}],
        "appears twice",
    ),
    (FieldKind.MOUNTAIN, [{"who": "people"}], "missing 'band'"),
    (FieldKind.INFORMATION_MAP, [{"Channel": "Chat"}], "unknown entry 'Channel'"),
    (FieldKind.VALUE_EXCHANGE, {"give": "time", "get": []}, "list of items"),
    (FieldKind.VALUE_EXCHANGE, {"give": [], "take": []}, "unknown entry 'take'"),
    (FieldKind.RESOURCES, [{"title": "Report", "link": "", "kind": "novel"}], "does not know"),
    (FieldKind.RESOURCES, [{"title": "Report", "link": ""}], "missing 'kind'"),
]


@pytest.mark.parametrize(("kind", "value", "problem"), BAD_VALUES)
def test_a_value_that_does_not_fit_is_refused_with_a_reason(
    kind: FieldKind, value: Any, problem: str
) -> None:
    problems = validate_value(field_of(kind), value)
    assert any(problem in p for p in problems), problems


def test_a_missing_column_milestone_or_band_reads_as_empty() -> None:
    assert validate_value(field_of(FieldKind.TABLE), [{"Name": "Ada"}]) == []
    assert validate_value(field_of(FieldKind.ROADMAP), {"2 years": "grow"}) == []
    mountain = [{"band": "Observer", "who": "readers"}, {"band": "Leader", "who": "core"}]
    assert validate_value(field_of(FieldKind.MOUNTAIN), mountain) == []


def test_answers_name_the_field_and_refuse_unknown_fields() -> None:
    module = module_with(every_kind_fields())
    assert module.assignment is not None
    problems = validate_answers(module.assignment, {"story": 3, "extra": "x"})
    assert any(p.startswith("Origin story:") for p in problems)
    assert any("'extra' is not a field" in p for p in problems)
    assert validate_answers(module.assignment, ["story"]) == ["the answers are not a set of fields"]


@pytest.mark.parametrize(
    ("power", "interest", "expected"),
    [
        (0.9, 0.1, "keep_satisfied"),
        (0.9, 0.9, "manage_closely"),
        (0.1, 0.1, "monitor"),
        (0.1, 0.9, "inform_regularly"),
        (0.5, 0.5, "manage_closely"),
        (0.49, 0.5, "inform_regularly"),
        (0.5, 0.49, "keep_satisfied"),
        (0.0, 0.0, "monitor"),
        (1.0, 1.0, "manage_closely"),
    ],
)
def test_the_stakeholder_quadrant_follows_power_and_interest(
    power: float, interest: float, expected: str
) -> None:
    assert quadrant(power, interest) == expected


def rendered(values: dict[str, Any]) -> str:
    module = module_with(every_kind_fields())
    assert module.assignment is not None
    return answers_to_markdown(module.assignment, values)


def test_rendered_answers_read_as_typed_and_nothing_becomes_markup() -> None:
    page = read_page(markdown.markdown(rendered(ANSWERS), extensions=["tables"]))
    text = page.all_text()
    assert TRICKY_LINE in page.text_in("td")
    assert TRICKY_LINE in page.text_in("li")
    assert "script" not in page.tags and "b" not in page.tags
    assert '<script>alert("x")</script>' in text
    assert all(url.startswith("https://") for url in page.urls)
    assert "https://example.org/coc" in page.urls
    assert "javascript:alert(1)" in text
    for heading in ("Origin story", "Stakeholder map", "Mountain", "Resources"):
        assert heading in page.text_in("h2")
    assert "Open science for all" in text and "Vision" in page.text_in("h3")


def test_the_stakeholder_map_lists_people_under_their_quadrant() -> None:
    markdown_text = rendered({"map": ANSWERS["map"]})
    sections = markdown_text.split("**")
    manage = sections.index("Manage closely (high power, high interest)")
    keep = sections.index("Keep satisfied (high power, low interest)")
    assert "Funders" in sections[keep + 1]
    assert "Core team" in sections[manage + 1]
    assert "Funders" not in sections[manage + 1]


def test_the_mountain_reads_from_the_top_band_down() -> None:
    markdown_text = rendered({"mountain": ANSWERS["mountain"]})
    leader = markdown_text.index("Leader")
    participant = markdown_text.index("Participant")
    observer = markdown_text.index("Observer")
    assert leader < participant < observer


def test_an_unanswered_field_says_so() -> None:
    markdown_text = rendered({"story": "Once upon a time."})
    assert markdown_text.count("*No answer.*") == len(every_kind_fields()) - 1


def test_a_participants_headings_sit_under_the_field_heading() -> None:
    page = read_page(
        markdown.markdown(rendered({"story": ANSWERS["story"]}), extensions=["tables"])
    )
    assert page.text_in("h1") == []
    assert "My " in page.text_in("h3")


def test_a_participants_text_can_never_open_an_html_comment() -> None:
    assert "<!--" not in rendered(ANSWERS)


def test_an_answer_that_does_not_fit_is_said_not_to_fit_rather_than_shown() -> None:
    markdown_text = rendered({"map": [{"name": "Funders", "power": "high"}]})
    assert "does not fit the form" in markdown_text
    assert "Funders" not in markdown_text
