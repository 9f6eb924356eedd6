"""How a demo person answers: their assignments, roll calls, notes about their own project and
what the facilitator notes when they share, all drawn from their project (``demo_content``).

Answers follow the shapes of docs/answer-values.md, so the demo's assignments pass the same checks
a participant's do.
"""

from __future__ import annotations

from random import Random
from typing import Any

from cofacilitator.answers import quadrant
from cofacilitator.demo_content import Band, DemoPerson
from cofacilitator.demo_notes import BASICS, ENGAGEMENT, GENERIC_ANSWERS, NARRATIVE
from cofacilitator.sessions.schema import (
    INFORMATION_MAP_COLUMNS,
    RESOURCE_KINDS,
    STAKEHOLDER_QUADRANTS,
    FieldKind,
    FormField,
    Module,
)

TABLE_CELLS = {
    "project/subproject": (
        "Documentation sprint",
        "Newcomer calls",
        "Plugin ecosystem",
        "Mentoring pilot",
        "Monthly meet-up",
    ),
    "purpose": (
        "Help newcomers make a first contribution",
        "Keep knowledge in more than one head",
        "Give users a place to ask questions",
        "Grow the next maintainers",
    ),
    "outcomes": (
        "Ten first-time contributors a quarter",
        "A shared onboarding page",
        "Fewer repeated questions in the issue tracker",
        "Two new co-leads by spring",
    ),
    "contributors": (
        "Core maintainers",
        "Occasional contributors",
        "Funders",
        "Local councils",
        "Workshop hosts",
        "Newsletter readers",
    ),
    "role": (
        "Review and release",
        "Fix bugs they meet",
        "Fund the coordinator post",
        "Share open data",
        "Run events in their city",
    ),
    "nature of participation": (
        "Weekly, paid time",
        "A few times a year",
        "Quarterly reports",
        "Through a data-sharing agreement",
        "Volunteer, evenings",
    ),
    "resource or platform": (
        "Discussion forum",
        "Chat server",
        "Monthly community call",
        "Documentation site",
        "Issue tracker",
    ),
    "kind": ("tool/platform", "documentation", "infrastructure", "event"),
    "engagement": ("primary", "asynchronous", "synchronous"),
    "what it is used for": (
        "Questions and answers",
        "Announcements",
        "Planning together",
        "Onboarding newcomers",
    ),
    "name": (
        "A founding maintainer",
        "Our first funder",
        "A long-time volunteer",
        "The previous community manager",
    ),
    "role or connection to the community": (
        "Co-founder, 2015",
        "Programme lead at the funder",
        "Volunteer since the first meet-up",
        "Ran the community for three years",
    ),
    "what they added to the story": (
        "Why the project started at all",
        "How the first grant shaped priorities",
        "The early arguments that set our tone",
        "Who left, and why",
    ),
}


def table_cell(column: str, person: DemoPerson, rng: Random) -> str:
    """A plausible cell for a table column the demo knows, else one naming the person's project."""
    pool = TABLE_CELLS.get(column.casefold())
    if pool:
        return rng.choice(pool)
    return f"{column} in {person.project}"


def table_row(
    columns: tuple[str, ...], person: DemoPerson, row: int, rng: Random
) -> dict[str, str]:
    """Row ``row`` of a table about ``person``'s project: their own where the demo knows the table
    (purpose and outcomes, stakeholders and roles), plausible cells otherwise."""
    own = {
        ("project/subproject", "purpose", "outcomes"): person.outcomes,
        ("contributors", "role", "nature of participation"): person.contributors,
    }.get(tuple(column.casefold() for column in columns))
    if own:
        return dict(zip(columns, own[row % len(own)], strict=True))
    return {column: table_cell(column, person, rng) for column in columns}


def field_answer(field: FormField, person: DemoPerson, module: Module, rng: Random) -> Any:
    """An answer in the shape of docs/answer-values.md, written as this person might: from their
    own project where the demo knows one, from a few stock sentences otherwise."""
    project = person.project
    kind = field.kind
    if kind is FieldKind.LONG_TEXT:
        own = {
            "origin-story": f"{person.origin} {person.purpose}",
            "mission-purpose": person.purpose,
            "gaps-next-steps": person.next_step,
        }.get(field.id)
        return own or " ".join(rng.sample(GENERIC_ANSWERS, 2)).format(project=project)
    if kind is FieldKind.LIST:
        return [
            "A first task and a named mentor for each newcomer",
            f"A monthly open call for {project}",
            "A path from helper to co-lead, written down",
        ]
    if kind is FieldKind.TABLE:
        return [table_row(field.columns, person, row, rng) for row in range(2)]
    if kind is FieldKind.STAKEHOLDER_MAP:
        return [
            {"name": name, "note": note, "power": power, "interest": interest}
            for name, note, power, interest in person.stakeholders
        ]
    if kind is FieldKind.PICK_VALUES:
        options = field.options or module.values or ("Kindness", "Openness", "Curiosity")
        count = min(field.pick or 3, len(options))
        picked = list(person.values[:count])
        if len(picked) < count or not set(picked) <= set(options):
            picked = rng.sample(list(options), k=count)
        own = picked[0] == person.values[0]
        return {
            "picked": picked,
            "defined": picked[0],
            "definition": person.value_definition
            if own
            else f"To me {picked[0].lower()} means acting on it when it is inconvenient.",
            "example": person.value_example,
        }
    if kind is FieldKind.ROADMAP:
        return {
            m: f"{_sentence(project)}: {rng.choice(TABLE_CELLS['outcomes'])}."
            for m in field.milestones
        }
    if kind is FieldKind.CHARTER:
        return {
            s: f"**{s}.** " + _sentence(rng.choice(GENERIC_ANSWERS).format(project=project))
            for s in field.sections
        }
    if kind is FieldKind.MOUNTAIN:
        return [
            {"band": band, "who": who, "moves_up": moves_up}
            for band, (who, moves_up) in zip(
                field.bands, _spread(person.mountain, len(field.bands)), strict=True
            )
        ]
    if kind is FieldKind.INFORMATION_MAP:
        keys = [c.lower() for c in INFORMATION_MAP_COLUMNS]
        return [dict(zip(keys, row, strict=True)) for row in person.channels]
    if kind is FieldKind.VALUE_EXCHANGE:
        return {
            "give": ["Time", "Expertise", "Care for newcomers"],
            "get": ["New skills", "Recognition", "Friends in the field"],
        }
    if kind is FieldKind.RESOURCES:
        return [
            {
                "title": f"{_sentence(project)}: code of conduct",
                "link": "https://example.org/code-of-conduct",
                "kind": "code of conduct",
            },
            {
                "title": "Community health report 2025",
                "link": "https://example.org/health",
                "kind": RESOURCE_KINDS[1],
            },
        ]
    raise ValueError(f"the demo has no answer for {kind.value} fields")


def roll_call_line(module: Module, person: DemoPerson) -> str | None:
    """What ``person`` says in the roll call of a shipped module that asks for words; ``None``
    where the demo has nothing of theirs to say (a facilitator's own module)."""
    return {BASICS: person.surprise, ENGAGEMENT: person.balance}.get(module.id) or None


def personal_answer(module: Module, prompt_id: str, person: DemoPerson) -> str | None:
    """``person``'s answer to a prompt about their own project, from what the demo knows of it;
    ``None`` for prompts answered from the shared stock (``demo_notes.PROMPT_ANSWERS``)."""
    if module.id == NARRATIVE and prompt_id == "project-story":
        return f"{person.origin} {person.purpose}"
    if module.id == NARRATIVE and prompt_id == "project-next-step":
        return person.next_step
    quadrants = {"keep-satisfied", "manage-closely", "monitor", "inform-regularly"}
    if module.id == BASICS and prompt_id in quadrants:
        wanted = prompt_id.replace("-", "_")
        names = [
            f"{name} ({note.lower()})" if note else name
            for name, note, power, interest in person.stakeholders
            if quadrant(power, interest) == wanted
        ]
        return "; ".join(names) + "." if names else "Nobody yet, as far as I can tell."
    return None


def sharing_note(shared: Module, person: DemoPerson, index: int) -> str | None:
    """What the facilitator notes while ``person`` shares their answers to ``shared``'s
    assignment: a few lines drawn from those answers. ``None`` for other modules."""
    if shared.id == NARRATIVE:
        step = person.next_step
        return f"{person.origin}\nNext step: {step[:1].lower()}{step[1:]}"
    if shared.id == BASICS:
        lines = []
        for quadrant_id, title in STAKEHOLDER_QUADRANTS:
            names = [
                name
                for name, _, power, interest in person.stakeholders
                if quadrant(power, interest) == quadrant_id
            ]
            if names:
                lines.append(f"{title.split(' (')[0]}: {', '.join(names)}.")
        return "\n".join(lines) or None
    if shared.id == ENGAGEMENT and shared.assignment is not None:
        fields = shared.assignment.fields
        bands = next((f.bands for f in fields if f.kind is FieldKind.MOUNTAIN), ())
        if len(bands) == len(person.mountain) > 3 and person.channels:
            stall = 1 + index % 3
            who, moves_up = person.mountain[stall]
            channel, audience, _, _ = person.channels[0]
            return (
                f"Where people stall: {bands[stall].lower()} ({who[0].lower()}{who[1:]}).\n"
                f"Next step to help them up: {moves_up[0].lower()}{moves_up[1:]}.\n"
                f"Main channel: {channel.lower()}, for {audience.lower()}."
            )
    return None


def _spread(items: tuple[Band, ...], count: int) -> list[Band]:
    """``count`` of ``items``, from the first to the last, for a mountain with other bands."""
    if count == len(items):
        return list(items)
    if not items or count < 2:
        return [items[0] if items else ("", "")] * count
    return [items[round(i * (len(items) - 1) / (count - 1))] for i in range(count)]


def in_their_words(template: str, person: DemoPerson) -> str:
    """A stock answer written by ``person``: about their project, starting with a capital."""
    return _sentence(template.format(project=person.project))


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]
