"""What the demo cohort says: its people, their projects, and the words they write.

Kept apart from ``demo.py``, which decides when and where each thing happens, so the text can be
read and reworded without touching the logic. Everyone and every project here is made up.
"""

from __future__ import annotations

from dataclasses import dataclass
from random import Random
from typing import Any

from cofacilitator.cohorts import Facilitator
from cofacilitator.sessions.schema import (
    INFORMATION_MAP_COLUMNS,
    RESOURCE_KINDS,
    FeedbackKind,
    FieldKind,
    FormField,
    Module,
)

FACILITATORS = (
    Facilitator("Noor Haddad", "noor.haddad@example.org", "facilitator"),
    Facilitator("Jonas Berg", "jonas.berg@example.org", "co-facilitator"),
)


@dataclass(frozen=True)
class DemoPerson:
    name: str
    role: str
    handles: str
    pronouns: str
    email: str
    consent: bool
    project: str
    emoji: str


PEOPLE = (
    DemoPerson(
        "Amara Okafor",
        "Community manager, open-source mapping library",
        "@amara@mapstodon.space",
        "she/her",
        "amara@example.org",
        True,
        "our mapping library",
        "🌍",
    ),
    DemoPerson(
        "Lin Wei",
        "Research software engineer, RSE network lead",
        "github:linwei",
        "they/them",
        "lin.wei@example.org",
        True,
        "the RSE network",
        "🧩",
    ),
    DemoPerson(
        "Priya Raghunathan",
        "Civic tech organiser",
        "@priya_r",
        "she/her",
        "priya@example.org",
        True,
        "our neighbourhood open-data group",
        "🏘️",
    ),
    DemoPerson(
        "Mateo Fernández",
        "Maintainer and developer advocate",
        "github:mateof",
        "he/him",
        "mateo@example.org",
        True,
        "the testing framework",
        "🌱",
    ),
    DemoPerson(
        "Siobhán Kelly",
        "Open research coordinator, university library",
        "",
        "she/her",
        "siobhan@example.org",
        False,
        "the library's open research group",
        "📚",
    ),
    DemoPerson(
        "Yusuf Demir",
        "Volunteer coordinator, humanitarian mapping",
        "@yusufmaps",
        "he/him",
        "yusuf@example.org",
        False,
        "our mapping volunteers",
        "🗺️",
    ),
    DemoPerson(
        "Hana Sato",
        "PhD student, reproducibility reading group",
        "@hana@scholar.social",
        "she/her",
        "hana@example.org",
        True,
        "the reading group",
        "☕",
    ),
    DemoPerson(
        "Kwame Asante",
        "Programme officer, community foundation",
        "",
        "he/him",
        "kwame@example.org",
        True,
        "our grantee community",
        "🤝",
    ),
)
AMARA, LIN, PRIYA, MATEO, SIOBHAN, YUSUF, HANA, KWAME = range(len(PEOPLE))
GUIDELINES = """\
## How we work together

- **Take space, give space.** If you tend to hold back, try speaking up here; if you tend to speak
  first, leave a pause for someone else.
- **Quiet reflection is part of the plan.** Silence while people think or write is welcome, not
  awkward.
- **Step away when you need to.** Leaving the call and coming back is always fine; no need to
  explain.
- **Recording.** The short presentations may be recorded for people who cannot come. The
  discussions are never recorded.
- **Concerns.** If something makes you uncomfortable, tell Noor or Jonas privately (a direct
  message or an e-mail), and we will deal with it straight away.
"""

GENERIC_ANSWERS = (
    "For {project}, it is mostly about people: the ones who stayed were the ones someone "
    "welcomed personally.",
    "Honestly, I don't know yet for {project}. I want to ask two of our longest-standing members.",
    "In {project} this is written down somewhere, but it is out of date; updating it would be a "
    "good first step.",
    "What stands out in {project}: newcomers arrive through events, then go quiet online.",
    "I'd start small in {project}: one clear welcome page and one regular call, then see who comes "
    "back.",
    "In {project} the funder's view and the members' view differ here, and that is worth naming.",
    "We rely on two or three volunteers in {project}; sharing that load is the real question.",
    "Looking at {project}, trust came before structure, and I want to keep it that way as we grow.",
    "In {project} the answer changes with the season: busy before releases, quiet in the summer.",
    "{project} says 'everyone is welcome' but never says how to start. That's the gap.",
    "Our best moments in {project} came from small groups working on something concrete.",
    "For {project}, recognition matters more than money: people want their work to be seen.",
)
PROMPT_ANSWERS = {
    "admired-characteristic": (
        "Generosity with time: people answering beginners' questions without making them feel "
        "small. We try, but it depends on who is online.",
        "Clear roles. In the best community I know, everyone knows who decides what; we have not "
        "managed that yet because it feels too formal.",
        "Celebrating small contributions in public. We started a monthly thank-you post and it "
        "works.",
    ),
    "q1-trend": (
        "Each one started with two people noticing a shared interest, then grew around a purpose.",
        "Growth came when people outside the founders could take on real responsibility.",
    ),
    "q2-differences": (
        "How much each needed money and institutional backing to keep going.",
        "Who the community serves: colleagues, early-career researchers, or two organisations.",
    ),
    "takeaway": (
        "Write the origin story down before the people who know it move on.",
        "Start with why, and check it is still the same why a year later.",
        "Quiet time before discussion gave me better answers than talking straight away.",
        "The map is not the territory: ask people where they actually are.",
    ),
    "presentation-notes": (
        "Slide on communities of practice: learning together, not just sharing news.",
        "Worth rereading: the difference between the stakeholders who decide and those who care.",
    ),
}
FACILITATOR_NOTES = (
    "Theme across the answers: people join for the purpose and stay for the people.",
    "Link from the chat: The Turing Way chapter on managing a new community.",
    "Parked for Q&A: how to measure engagement without it feeling like surveillance.",
    "Several people named funding as the difference; come back to it in Session 4.",
    "Good energy in this part; three people built on each other's answers.",
    "Reading for later: the CMX piece on rewarding community members.",
)
ANONYMOUS_NOTES = (
    "(from the chat) Same here: the quiet members often have the best ideas.",
    "This is hard in a volunteer-run group where nobody is paid to do it.",
    "(from the chat) +1 to writing things down early.",
    "Nobody asked our volunteers what they want from this.",
    "(from the chat) Our welcome page still names people who left years ago.",
)
OFF_RECORD_NOTES = (
    "Between us: our board does not see community work as real work yet.",
    "Off the record, the last maintainer burned out and nobody talks about it.",
    "Not for the notes: I am not sure my role will be funded next year.",
    "Between us, two of our leads have not spoken to each other in months.",
)
PRIVATE_NOTES = (
    "Check in with Hana after the call; she had more to say.",
    "Pair Lin and Amara for the assignment swap: similar projects.",
    "Slow down the next presentation; the slides were dense.",
    "Yusuf keeps his camera off; offer the chat as a way in.",
    "Follow up with Mateo about co-hosting the Session 4 sharing round.",
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
QUESTIONS = (
    ("Will the slides be shared after the call?", "Yes, with the notes, by Friday."),
    (
        "Is there a template for the origin-story interviews?",
        "We added three starter questions to the assignment help text.",
    ),
    ("How do you keep a stakeholder map current?", "Revisit it at each annual review."),
    (
        "Can we see an example of a finished charter?",
        "Two public charters are linked in the Session 4 readings.",
    ),
    (
        "How do you recognise contributions that are not code?",
        "A monthly thank-you post and a contributors page that lists every kind of work.",
    ),
    ("Is there a follow-up call after the series?", ""),
    ("How do we handle a value conflict between two leads?", ""),
)
FEEDBACK = {
    FeedbackKind.PLUS: (
        "The silent writing time really helped me think.",
        "Small breakout groups felt safe.",
        "Timer on screen kept us relaxed.",
    ),
    FeedbackKind.DELTA: (
        "A bit more time for the breakout, please.",
        "The presentation could be shorter.",
    ),
    FeedbackKind.SURPRISE: (
        "How similar our problems are across very different projects.",
        "That nobody in my project had written the history down.",
    ),
    FeedbackKind.UNCLEAR: (
        "The difference between mission and vision.",
        "Where the assignment should be shared.",
    ),
    FeedbackKind.TAKEAWAY: (
        "Interview the founders this month.",
        "Put the mountain of engagement on our wiki.",
        "Name our values before writing the code of conduct.",
    ),
}


def table_cell(column: str, person: DemoPerson, rng: Random) -> str:
    """A plausible cell for a table column the demo knows, else one naming the person's project."""
    pool = TABLE_CELLS.get(column.casefold())
    if pool:
        return rng.choice(pool)
    return f"{column} in {person.project}"


def field_answer(field: FormField, person: DemoPerson, module: Module, rng: Random) -> Any:
    """An answer in the shape of docs/answer-values.md, written as this person might."""
    project = person.project
    kind = field.kind
    if kind is FieldKind.LONG_TEXT:
        return " ".join(rng.sample(GENERIC_ANSWERS, 2)).format(project=project)
    if kind is FieldKind.LIST:
        return [
            "A first-issue label and a mentor for each newcomer",
            f"A monthly open call for {project}",
            "A path from helper to co-lead, written down",
        ]
    if kind is FieldKind.TABLE:
        return [{c: table_cell(c, person, rng) for c in field.columns} for _ in range(2)]
    if kind is FieldKind.STAKEHOLDER_MAP:
        return [
            {"name": "Funders", "note": "Annual report", "power": 0.8, "interest": 0.3},
            {"name": "Core team", "note": "Weekly call", "power": 0.85, "interest": 0.9},
            {"name": "Occasional users", "note": "", "power": 0.2, "interest": 0.25},
            {"name": "Newsletter readers", "note": "Monthly", "power": 0.3, "interest": 0.7},
        ]
    if kind is FieldKind.PICK_VALUES:
        options = field.options or module.values or ("Kindness", "Openness", "Curiosity")
        picked = rng.sample(list(options), k=min(field.pick or 3, len(options)))
        return {
            "picked": picked,
            "defined": picked[0],
            "definition": f"To me {picked[0].lower()} means acting on it when it is "
            "inconvenient, not only when it is easy.",
            "example": f"In {project} we try to show it when we review someone's first "
            "contribution.",
        }
    if kind is FieldKind.ROADMAP:
        return {
            m: f"{project.capitalize()}: {rng.choice(TABLE_CELLS['outcomes'])}."
            for m in field.milestones
        }
    if kind is FieldKind.CHARTER:
        return {
            s: f"**{s}.** " + rng.choice(GENERIC_ANSWERS).format(project=project)
            for s in field.sections
        }
    if kind is FieldKind.MOUNTAIN:
        return [
            {
                "band": band,
                "who": f"People at the {band.lower()} stage of {project}",
                "moves_up": "A personal invitation and a small first task",
            }
            for band in field.bands
        ]
    if kind is FieldKind.INFORMATION_MAP:
        keys = [c.lower() for c in INFORMATION_MAP_COLUMNS]
        rows = (
            ("Website", "Newcomers", "First impression", "Monthly"),
            ("Chat", "Members", "Day-to-day questions", "Daily"),
            ("Newsletter", "Funders and friends", "News and thanks", "Quarterly"),
        )
        return [dict(zip(keys, row, strict=True)) for row in rows]
    if kind is FieldKind.VALUE_EXCHANGE:
        return {
            "give": ["Time", "Expertise", "Care for newcomers"],
            "get": ["New skills", "Recognition", "Friends in the field"],
        }
    if kind is FieldKind.RESOURCES:
        return [
            {
                "title": f"{project.capitalize()} code of conduct",
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
