"""A module with one field of every kind, and answers that fill all of them with text that tries
hard to become markup (and to look like the machine-readable block of a hand-back file)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cofacilitator.sessions.catalog import Catalog, CatalogEntry
from cofacilitator.sessions.schema import (
    Assignment,
    FieldKind,
    FormField,
    Module,
    Quote,
    Segment,
    SegmentKind,
)

TRICKY_MARKDOWN = "\n".join(
    [
        "# My *community* story",
        "",
        'It started in 2019 -- "by accident" -- with 3 people & a café ☕.',
        "",
        "1. First we met at a *meetup*",
        "2. Then we wrote a [charter](https://example.org/charter?a=1&b=2)",
        "",
        "> quoted wisdom",
        "",
        "Some `<!-- cofacilitator-handback v1` in code, an arrow -->",
        'and <script>alert("x")</script> and <!-- a comment.',
        "A line with a hard break   ",
        "| not | a table |",
        "عربى and 日本語 and a zero-width joiner: 👩\u200d👩\u200d👧, and control \x02 \x03 chars",
        "```",
        "<!-- cofacilitator-handback v1",
        "not the real block",
        "-->",
        "```",
        "Windows line end\r\nand an old Mac one\rtoo.",
    ]
)

TRICKY_LINE = "# not a heading | pipe *star* _under_ <b>bold</b> [link](x) 1. & &amp; \\ `tick`"


def every_kind_fields() -> tuple[FormField, ...]:
    """One field of every ``FieldKind``, in the order of the enum."""
    return (
        FormField("story", FieldKind.LONG_TEXT, "Origin story"),
        FormField("people", FieldKind.TABLE, "People interviewed", columns=("Name", "Role")),
        FormField("pathways", FieldKind.LIST, "Pathways"),
        FormField("map", FieldKind.STAKEHOLDER_MAP, "Stakeholder map"),
        FormField("values", FieldKind.PICK_VALUES, "Core values", pick=3),
        FormField("roadmap", FieldKind.ROADMAP, "Roadmap", milestones=("6 months", "2 years")),
        FormField("charter", FieldKind.CHARTER, "Charter", sections=("Vision", "Mission")),
        FormField(
            "mountain", FieldKind.MOUNTAIN, "Mountain", bands=("Observer", "Participant", "Leader")
        ),
        FormField("info", FieldKind.INFORMATION_MAP, "Information map"),
        FormField("exchange", FieldKind.VALUE_EXCHANGE, "Value exchange"),
        FormField("resources", FieldKind.RESOURCES, "Resources"),
    )


def every_kind_answers() -> dict[str, Any]:
    """Answers filling every field of ``every_kind_fields``, with text that tries to be markup."""
    return {
        "story": TRICKY_MARKDOWN,
        "people": [
            {"Name": "Grace | Hopper", "Role": "Founder\nand first maintainer"},
            {"Name": TRICKY_LINE, "Role": ""},
        ],
        "pathways": ["Newcomer calls", TRICKY_LINE, "- looks like a list\n2) and another"],
        "map": [
            {"name": "Funders", "note": "annual report", "power": 0.8, "interest": 0.3},
            {"name": "Core team", "note": "", "power": 0.9, "interest": 1},
            {"name": "Users", "note": "newsletter", "power": 0.2, "interest": 0.7},
            {"name": "Lurkers", "note": TRICKY_LINE, "power": 0, "interest": 0.1},
        ],
        "values": {
            "picked": ["Kindness", "Transparency", "Curiosity"],
            "defined": "Kindness",
            "definition": "Assume good intent; say thank you.",
            "example": "We answer every first issue within a day.",
        },
        "roadmap": {"6 months": "Monthly calls", "2 years": "A steering group of *five*"},
        "charter": {"Vision": "## Open science for all\n\n- shared\n- kind", "Mission": "Teach."},
        "mountain": [
            {"band": "Observer", "who": "Newsletter readers", "moves_up": "A welcome call"},
            {"band": "Participant", "who": "Call regulars", "moves_up": "Good first issues"},
            {"band": "Leader", "who": "Maintainers", "moves_up": ""},
        ],
        "info": [
            {
                "channel": "Mailing list",
                "audience": "Everyone",
                "purpose": "News",
                "frequency": "Monthly",
            },
            {"channel": "Chat", "audience": "Members", "purpose": TRICKY_LINE, "frequency": ""},
        ],
        "exchange": {"give": ["Time", "Code reviews"], "get": ["Skills", "Recognition"]},
        "resources": [
            {
                "title": "Code of conduct",
                "link": "https://example.org/coc",
                "kind": "code of conduct",
            },
            {"title": "Health report", "link": "javascript:alert(1)", "kind": "health report"},
            {"title": "Strategy (draft)", "link": "", "kind": "strategy"},
        ],
    }


def module_with(fields: tuple[FormField, ...], *, module_id: str = "every-kind") -> Module:
    return Module(
        id=module_id,
        version=2,
        number=7,
        title="Every kind of answer",
        epigraph=Quote("Start where you are.", "Anon"),
        key_lessons=("Listening",),
        segments=(Segment("feedback", SegmentKind.FEEDBACK, "Feedback", 5),),
        assignment=Assignment(
            id=f"{module_id}-assignment", title="Homework: *all* kinds", body="", fields=fields
        ),
    )


def catalog_of(*modules: Module) -> Catalog:
    entries = tuple(CatalogEntry(m, Path(f"{m.id}.toml"), shipped=True) for m in modules)
    return Catalog(entries, ())
