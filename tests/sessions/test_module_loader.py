"""Loading module files: what a facilitator gets for a good file and for each kind of mistake."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cofacilitator.sessions.loader import (
    CheckResult,
    ModuleError,
    Problem,
    check_module,
    find_figure,
    load_module,
)
from cofacilitator.sessions.schema import FieldKind, SegmentKind

MARK = "# <-"
"""Put on the line a problem is expected on, so each broken example shows where it breaks."""

Writer = Callable[..., Path]


def marked_line(text: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if MARK in line:
            return number
    raise AssertionError("no line is marked")


def line_with(text: str, fragment: str) -> int:
    return marked_line(text.replace(fragment, MARK, 1))


def edit(text: str, *changes: tuple[str, str]) -> str:
    """Apply (old, new) replacements to the first match of each; every ``old`` must be there."""
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


SECOND_SEGMENT = '[[segments]]\nid = "discuss"'
FIRST_FIELD = '[[assignment.fields]]\nid = "story"'
FIELD_HEADER = (FIRST_FIELD, f'[[assignment.fields]]  {MARK}\nid = "story"')
TOP = "^"
"""As the old text of a change: insert the new text at the top of the file."""
FIGURE = '\n[[segments.figures]]\npath = "{path}"{mark}\nalt = "A map"\n'

# (name, changes to the valid module, words the message must contain). The marked line is where
# the problem must be reported: the offending key's line, or the header of the table that lacks a
# required key, or line 1 for a key missing at the top level.
BROKEN: list[tuple[str, list[tuple[str, str]], str]] = [
    ("bad toml", [('title = "Test module"', f'title = "Test module  {MARK}')], "not valid TOML"),
    ("unknown top key", [("summary =", f'titel = "x"  {MARK}\nsummary =')], "did you mean 'title'"),
    ("unknown segment key", [("minutes = 20", f"minutes = 20\nminuts = 5  {MARK}")], "'minuts'"),
    ("unknown prompt key", [('text = "How?"', f'txt = "How?"  {MARK}')], "unknown key 'txt'"),
    (
        "unknown field key",
        [('label = "Your story"', f'label = "Your story"\nhelpp = "x"  {MARK}')],
        "did you mean 'help'",
    ),
    (
        "unknown segment kind",
        [('kind = "open_discussion"', f'kind = "brekout"  {MARK}')],
        "unknown segment kind 'brekout' (did you mean 'breakout'?",
    ),
    (
        "unknown field kind",
        [('kind = "long_text"', f'kind = "longtext"  {MARK}')],
        "unknown field kind 'longtext'",
    ),
    ("negative minutes", [("minutes = 10", f"minutes = -5  {MARK}")], "must be 0 or more, not -5"),
    ("decimal minutes", [("minutes = 10", f"minutes = 12.5  {MARK}")], "not a decimal number"),
    ("minutes as text", [("minutes = 10", f'minutes = "10"  {MARK}')], "whole number, not text"),
    ("minutes as bool", [("minutes = 10", f"minutes = true  {MARK}")], "not true or false"),
    (
        "missing minutes",
        [("[[segments]]", f"[[segments]]  {MARK}"), ("minutes = 10\n", "")],
        "segment 1 ('roll-call'): 'minutes' is missing",
    ),
    (
        "missing module title",
        [('title = "Test module"\n', ""), (TOP, f"{MARK}\n")],
        "'title' is missing",
    ),
    ("empty segment title", [('title = "Roll call"', f'title = ""  {MARK}')], "'title' is empty"),
    ("missing field label", [FIELD_HEADER, ('label = "Your story"\n', "")], "'label' is missing"),
    ("missing module id", [('id = "test-module"\n', ""), (TOP, f"{MARK}\n")], "'id' is missing"),
    ("missing segment id", [(SECOND_SEGMENT, f"[[segments]]  {MARK}")], "segment 2: 'id' is"),
    ("bad id slug", [('id = "roll-call"', f'id = "Roll Call"  {MARK}')], "example 'roll-call'"),
    (
        "duplicate segment id",
        [('id = "discuss"', f'id = "roll-call"  {MARK}')],
        "duplicate segment id 'roll-call' (also segment 1)",
    ),
    ("duplicate prompt id", [('id = "how"', f'id = "why"  {MARK}')], "duplicate prompt id 'why'"),
    (
        "duplicate field id",
        [('id = "roadmap"', f'id = "story"  {MARK}')],
        "duplicate field id 'story' (also field 1)",
    ),
    (
        "discussion without prompts",
        [
            (SECOND_SEGMENT, f'[[segments]]  {MARK}\nid = "discuss"'),
            ('[[segments.prompts]]\nid = "why"\ntext = "Why?"\ndetails = ["Why really?"]\n', ""),
            ('[[segments.prompts]]\nid = "how"\ntext = "How?"\n', ""),
        ],
        "an open_discussion segment needs at least one [[segments.prompts]]",
    ),
    (
        "silent notes with an empty prompt list",
        [
            ('kind = "roll_call"', f'kind = "silent_notes"\nprompts = []  {MARK}'),
        ],
        "silent_notes segment needs at least one",
    ),
    (
        "fill_in_table without columns",
        [('columns = ["Project", "Purpose", "Outcomes"]', f"columns = []  {MARK}")],
        "fill_in_table segment needs 'columns'",
    ),
    (
        "table field without columns",
        [FIELD_HEADER, ('kind = "long_text"', 'kind = "table"')],
        "a table field needs 'columns'",
    ),
    (
        "roadmap without milestones",
        [('milestones = ["6 months", "1 year"]', f"milestones = []  {MARK}")],
        "a roadmap field needs 'milestones'",
    ),
    (
        "charter without sections",
        [FIELD_HEADER, ('kind = "long_text"', 'kind = "charter"')],
        "a charter field needs 'sections'",
    ),
    (
        "mountain without bands",
        [FIELD_HEADER, ('kind = "long_text"', 'kind = "mountain"')],
        "a mountain field needs 'bands'",
    ),
    ("pick below one", [("pick = 3", f"pick = 0  {MARK}")], "'pick' must be 1 or more, not 0"),
    (
        "pick more than the values",
        [("pick = 3", f"pick = 4  {MARK}")],
        "'pick' is 4 but the module's 'values' offer only 3",
    ),
    (
        "pick more than the options",
        [("pick = 3", f'pick = 3  {MARK}\noptions = ["A", "B"]')],
        "'pick' is 3 but its 'options' offer only 2",
    ),
    (
        "missing figure file",
        [("minutes = 10\n", "minutes = 10\n" + FIGURE.format(path="nope.svg", mark=MARK))],
        "figure file not found: nope.svg",
    ),
    (
        "figure without path",
        [("minutes = 10\n", f"minutes = 10\n[[segments.figures]]  {MARK}\n")],
        "figure 1: 'path' is missing",
    ),
    ("number zero", [("number = 2", f"number = 0  {MARK}")], "'number' must be 1 or more, not 0"),
    ("number as text", [("number = 2", f'number = "two"  {MARK}')], "'number' should be a whole"),
    (
        "newer format",
        [("format = 1", f"format = 2  {MARK}")],
        "written for a newer cofacilitator (format 2); this version reads format 1",
    ),
    (
        "text where a list belongs",
        [('key_lessons = ["One lesson", "Another lesson"]', f'key_lessons = "One"  {MARK}')],
        "'key_lessons' should be a list of text",
    ),
    (
        "number in a list of text",
        [('details = ["Why really?"]', f'details = ["Why really?", 3]  {MARK}')],
        "item 2 of 'details' should be text, not a whole number",
    ),
    (
        "table written as a single table",
        [("[[readings]]", f"[readings]  {MARK}"), ("[[readings.items]]", "[readings.items]")],
        "'readings' should be a list of tables",
    ),
    (
        "epigraph without author",
        [("[epigraph]", f"[epigraph]  {MARK}"), ('author = "Someone"', 'source = "x"')],
        "epigraph: 'author' is missing",
    ),
]


@pytest.mark.parametrize(
    ("changes", "words"), [case[1:] for case in BROKEN], ids=[c[0] for c in BROKEN]
)
def test_each_mistake_is_reported_with_file_and_line(
    changes: list[tuple[str, str]], words: str, valid_text: str, write_module: Writer
) -> None:
    top = [(old, new) for old, new in changes if old == TOP]
    text = edit(valid_text, *[(old, new) for old, new in changes if old != TOP])
    text = "".join(new for _, new in top) + text
    path = write_module(text)

    result = check_module(path)

    assert result.module is None
    matching = [problem for problem in result.errors if words in problem.message]
    assert matching, [str(problem) for problem in result.problems]
    assert matching[0].line == marked_line(text)
    assert str(matching[0]).startswith(f"{path}:{marked_line(text)}: ")
    with pytest.raises(ModuleError) as raised:
        load_module(path)
    assert f"{path}:{marked_line(text)}: " in str(raised.value)


def test_a_valid_file_becomes_a_module_of_tuples_and_enums(
    valid_text: str, write_module: Writer
) -> None:
    path = write_module(valid_text)

    module = load_module(path)

    assert (module.id, module.number, module.version, module.title) == (
        "test-module",
        2,
        1,
        "Test module",
    )
    assert module.source == str(path)
    assert module.key_lessons == ("One lesson", "Another lesson")
    assert module.values == ("Kindness", "Openness", "Care")
    assert module.epigraph.author == "Someone"
    assert [segment.kind for segment in module.segments] == [
        SegmentKind.ROLL_CALL,
        SegmentKind.OPEN_DISCUSSION,
        SegmentKind.FILL_IN_TABLE,
    ]
    roll_call, discussion, table = module.segments
    assert roll_call.answer is not None and roll_call.answer.kind is FieldKind.PICK_VALUES
    assert roll_call.answer.pick == 3
    assert discussion.optional and not roll_call.optional and not discussion.recordable
    assert discussion.prompts[0].details == ("Why really?",)
    assert table.columns == ("Project", "Purpose", "Outcomes")
    assert module.required_minutes == 25 and module.planned_minutes == 45
    assert module.assignment is not None
    assert [field.kind for field in module.assignment.fields] == [
        FieldKind.LONG_TEXT,
        FieldKind.ROADMAP,
    ]
    assert module.readings[0].readings[0].url == "https://example.org/reading"


def test_links_still_to_be_added_are_warnings_that_do_not_stop_loading(
    valid_text: str, write_module: Writer
) -> None:
    text = edit(
        valid_text,
        ('url = "https://example.org/reading"', 'url = "#"'),
        ("minutes = 20", 'minutes = 20\nslides = "#"'),
    )
    path = write_module(text)

    result = check_module(path)

    assert result.module is not None and not result.errors
    assert [str(problem) for problem in result.warnings] == [
        f"{path}:{line_with(text, 'slides = ')}: warning: segment 2 ('discuss'): "
        "slides link still to be added",
        f"{path}:{line_with(text, 'url = ')}: warning: reading 'A link': link still to be added",
    ]
    assert load_module(path).readings[0].readings[0].link_pending


def test_an_empty_url_is_a_link_still_to_be_added(valid_text: str, write_module: Writer) -> None:
    path = write_module(edit(valid_text, ('url = "https://example.org/reading"\n', "")))

    assert [problem.message for problem in check_module(path).warnings] == [
        "reading 'A link': link still to be added"
    ]


def test_every_problem_of_a_file_is_reported_not_just_the_first(
    valid_text: str, write_module: Writer
) -> None:
    text = edit(
        valid_text,
        ("number = 2", "number = 0"),
        ('kind = "roll_call"', 'kind = "rollcall"'),
        ('id = "how"', 'id = "why"'),
        ('label = "Your story"', 'lable = "Your story"'),
    )

    with pytest.raises(ModuleError) as raised:
        load_module(write_module(text))

    messages = "\n".join(problem.message for problem in raised.value.problems)
    for words in ("'number' must be", "'rollcall'", "duplicate prompt id", "unknown key 'lable'"):
        assert words in messages
    assert len(raised.value.problems) >= 5  # the typo also leaves 'label' missing


def test_a_newer_format_is_reported_alone(valid_text: str, write_module: Writer) -> None:
    text = edit(valid_text, ("format = 1", "format = 3"), ("number = 2", "numero = 2"))

    problems = check_module(write_module(text)).problems

    assert [problem.message for problem in problems] == [
        "written for a newer cofacilitator (format 3); this version reads format 1"
    ]


def test_a_file_that_is_not_utf8_names_the_line_of_the_bad_byte(
    valid_text: str, write_module: Writer
) -> None:
    data = edit(valid_text, ('summary = "A module for tests."', 'summary = "Caf\x00"')).encode()
    path = write_module(data.replace(b"\x00", b"\xe9"))

    result = check_module(path)

    assert [str(problem) for problem in result.problems] == [
        f"{path}:6: the file is not UTF-8 text (byte 0xe9); save it as UTF-8 in your text editor"
    ]


def test_a_byte_order_mark_from_windows_editors_is_accepted(
    valid_text: str, write_module: Writer
) -> None:
    assert load_module(write_module(b"\xef\xbb\xbf" + valid_text.encode())).id == "test-module"


@pytest.mark.parametrize("content", ["", "  \n\n", "# only a comment\n"])
def test_an_empty_file_is_one_error_on_line_one(content: str, write_module: Writer) -> None:
    path = write_module(content)

    problems = check_module(path).problems

    assert len(problems) == 1 and problems[0].line == 1 and "empty" in problems[0].message


def test_a_missing_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    result = check_module(tmp_path / "absent.toml")

    assert result.module is None
    assert "cannot read the file" in result.problems[0].message


def test_toml_syntax_errors_keep_tomllibs_line_and_column(
    valid_text: str, write_module: Writer
) -> None:
    path = write_module(edit(valid_text, ("number = 2", "number = = 2")))

    (problem,) = check_module(path).problems

    assert problem.line == 4
    assert problem.message.startswith("not valid TOML: ") and "(column" in problem.message


def test_problem_text_is_file_line_message() -> None:
    assert str(Problem("m.toml", 7, "oops")) == "m.toml:7: oops"
    assert str(Problem("m.toml", 7, "later", "warning")) == "m.toml:7: warning: later"


def test_module_error_lists_errors_before_warnings() -> None:
    error = ModuleError([Problem("m.toml", 9, "later", "warning"), Problem("m.toml", 3, "bad")])

    assert str(error) == "m.toml:3: bad\nm.toml:9: warning: later"


def test_check_result_separates_errors_from_warnings() -> None:
    result = CheckResult(None, (Problem("a", 1, "x"), Problem("a", 2, "y", "warning")))

    assert [problem.line for problem in result.errors] == [1]
    assert [problem.line for problem in result.warnings] == [2]


def test_figures_are_found_beside_the_module_file_first(
    valid_text: str, write_module: Writer, tmp_path: Path
) -> None:
    (tmp_path / "figures").mkdir()
    (tmp_path / "figures" / "map.svg").write_text("<svg/>")
    text = edit(
        valid_text,
        (
            "minutes = 10\n",
            'minutes = 10\n\n[[segments.figures]]\npath = "figures/map.svg"\nalt = "A map"\n',
        ),
    )
    path = write_module(text)

    module = load_module(path)

    figure = module.segments[0].figures[0]
    assert (figure.path, figure.alt, figure.caption) == ("figures/map.svg", "A map", "")
    assert find_figure(module.source, figure.path) == tmp_path / "figures" / "map.svg"
    assert find_figure(module.source, "figures/absent.svg") is None
    assert find_figure(module.source, "bad\x00name.svg") is None


def test_a_figure_needs_alt_text_for_screen_readers(
    valid_text: str, write_module: Writer, tmp_path: Path
) -> None:
    (tmp_path / "map.svg").write_text("<svg/>")
    text = edit(
        valid_text,
        (
            "minutes = 10\n",
            f'minutes = 10\n[[segments.figures]]\npath = "map.svg"\nalt = ""  {MARK}\n',
        ),
    )

    (problem,) = check_module(write_module(text)).problems

    assert (problem.line, problem.message) == (
        marked_line(text),
        "segment 1 ('roll-call'), figure 1: 'alt' is empty",
    )


def test_a_copied_shipped_module_still_finds_the_shipped_figures(
    valid_text: str, write_module: Writer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = tmp_path / "resources"
    (shipped / "figures").mkdir(parents=True)
    (shipped / "figures" / "wheel.svg").write_text("<svg/>")
    monkeypatch.setattr("cofacilitator.sessions.loader.resources_dir", lambda: shipped)
    text = edit(
        valid_text,
        (
            "minutes = 10\n",
            'minutes = 10\n[[segments.figures]]\npath = "figures/wheel.svg"\nalt = "A wheel"\n',
        ),
    )

    module = load_module(write_module(text, folder=tmp_path / "user"))

    assert find_figure(module.source, "figures/wheel.svg") == shipped / "figures" / "wheel.svg"


def test_settings_a_kind_ignores_are_warnings(valid_text: str, write_module: Writer) -> None:
    text = edit(
        valid_text,
        ("minutes = 10\n", 'minutes = 10\ncolumns = ["A"]\n'),
        ('label = "Your story"', 'label = "Your story"\npick = 2'),
        (
            '[[assignment.fields]]\nid = "roadmap"',
            '[[assignment.fields]]\nid = "roadmap"\nbands = ["x"]',
        ),
    )
    path = write_module(text)

    result = check_module(path)

    assert result.module is not None
    assert [(problem.line, problem.message) for problem in result.warnings] == [
        (
            line_with(text, 'columns = ["A"]'),
            "segment 1 ('roll-call'): 'columns' is only used by fill_in_table segments",
        ),
        (
            line_with(text, "pick = 2"),
            "assignment field 1 ('story'): 'pick' is only used by pick_values fields",
        ),
        (
            line_with(text, "bands = "),
            "assignment field 2 ('roadmap'): 'bands' is only used by mountain fields",
        ),
    ]


def test_an_assignment_without_fields_loads_with_a_warning(
    valid_text: str, write_module: Writer
) -> None:
    text = (
        valid_text[: valid_text.index("[[assignment.fields]]")]
        + valid_text[valid_text.index("[[readings]]") :]
    )

    result = check_module(write_module(text))

    assert result.module is not None and result.module.assignment is not None
    assert result.module.assignment.fields == ()
    assert [problem.message for problem in result.warnings] == [
        "assignment: the assignment has no [[assignment.fields]], so participants have nothing "
        "to fill in"
    ]
    assert result.warnings[0].line == line_with(text, "[assignment]")


def test_optional_parts_take_their_defaults(write_module: Writer) -> None:
    path = write_module(
        'format = 1\nid = "tiny"\nversion = 3\nnumber = 9\ntitle = "Tiny"\n'
        '[epigraph]\ntext = "Q"\nauthor = "A"\n'
        '[[segments]]\nid = "qa"\nkind = "qa"\ntitle = "Q&A"\nminutes = 0\n'
        '[[readings]]\n[[readings.items]]\ntitle = "R"\nurl = "https://example.org"\n'
    )

    module = load_module(path)

    assert (module.version, module.summary, module.attribution, module.key_lessons) == (
        3,
        "",
        "",
        (),
    )
    assert module.assignment is None and module.values == ()
    segment = module.segments[0]
    assert (segment.body, segment.slides, segment.prompts, segment.answer) == ("", "", (), None)
    assert not segment.recordable and not segment.optional
    assert module.readings[0].title == "Reading recommendation"


@pytest.mark.parametrize(
    "figure", ["/etc/hostname", "../secret.png", "figures/../../x.png", "C:\\x.png"]
)
def test_a_figure_may_not_point_outside_its_folder(
    figure: str, valid_text: str, write_module: Writer
) -> None:
    text = edit(
        valid_text,
        (
            "minutes = 10\n",
            f'minutes = 10\n[[segments.figures]]\npath = {figure!r}  {MARK}\nalt = "x"\n',
        ),
    )

    (problem,) = check_module(write_module(text)).errors

    assert problem.line == marked_line(text)
    assert "must stay inside the module's folder" in problem.message
    assert find_figure(str(write_module(valid_text)), figure) is None


def test_a_figure_linked_to_a_file_elsewhere_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "private.png"
    outside.write_text("not for sharing")
    (tmp_path / "module").mkdir()
    (tmp_path / "module" / "figure.png").symlink_to(outside)

    assert find_figure(tmp_path / "module" / "m.toml", "figure.png") is None
