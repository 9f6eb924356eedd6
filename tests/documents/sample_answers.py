"""The answers a participant means to give to each shipped assignment, every field kind covered,
in the shape of docs/answer-values.md. Plain text throughout: a Word document carries no
Markdown, so formatting is not part of what must come back."""

from __future__ import annotations

from typing import Any

BANDS = ["First contact", "Observer", "Participant", "Contributor", "Leader"]

INTENDED: dict[str, dict[str, Any]] = {
    "community-narrative": {
        "origin-story": "It started in 2015 as a reading group in the library.\n\n"
        "Then the lab joined, and we moved online.",
        "stakeholders-interviewed": [
            {
                "Name": "Grace",
                "Role or connection to the community": "Founder",
                "What they added to the story": "The first meetings",
            },
            {
                "Name": "Ravi",
                "Role or connection to the community": "Sponsor",
                "What they added to the story": "",
            },
        ],
        "mission-purpose": "We help newcomers publish reproducible work.",
        "pathways": ["Mentoring", "Office hours with a maintainer"],
    },
    "community-of-practice-basics": {
        "purpose-outcomes": [
            {"Project/subproject": "Docs sprint", "Purpose": "Better docs", "Outcomes": "A guide"}
        ],
        "stakeholders": [
            {"Contributors": "Maintainers", "Role": "Review", "Nature of participation": "Weekly"}
        ],
        "stakeholder-map": [
            {"name": "Funders", "note": "Annual report", "power": 0.8, "interest": 0.3},
            {"name": "Core team", "note": "Weekly call", "power": 0.85, "interest": 0.9},
            {"name": "Occasional users", "note": "", "power": 0.2, "interest": 0.25},
            {"name": "Newsletter readers", "note": "Monthly", "power": 0.3, "interest": 0.7},
        ],
    },
    "community-engagement": {
        "information-map": [
            {
                "channel": "Website",
                "audience": "Newcomers",
                "purpose": "First impression",
                "frequency": "Monthly",
            },
            {"channel": "Chat", "audience": "Members", "purpose": "Questions", "frequency": ""},
        ],
        "mountain": [
            {
                "band": band,
                "who": f"People at the {band.lower()} stage",
                "moves_up": "" if band == "Leader" else "A small first task",
            }
            for band in BANDS
        ],
        "value-exchange": {"give": ["Time", "Expertise"], "get": ["Recognition"]},
        "resources": [
            {
                "title": "Code of conduct",
                "link": "https://example.org/coc",
                "kind": "code of conduct",
            },
            {"title": "Annual report 2025", "link": "", "kind": "annual report"},
        ],
    },
    "community-charter": {
        "community-values": {
            "picked": ["Kindness", "Openness", "Curiosity"],
            "defined": "Kindness",
            "definition": "Acting on it when it is inconvenient.",
            "example": "Reviewing a first contribution gently.",
        },
        "charter": {
            "Vision": "A welcoming community.",
            "Mission": "Help people start.",
            "Roadmap": "",
            "Ways of working": "- Decide in the open\n- Write things down",
            "Values": "Kindness first.",
        },
        "roadmap": {
            "6 months": "A welcome page",
            "12 months": "Ten new contributors",
            "2 years": "A second maintainer",
        },
    },
}
