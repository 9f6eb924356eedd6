"""The commented module file ``cofacilitator modules new`` writes.

A facilitator's first module starts from a file that already passes ``modules check`` and explains
itself in comments, so they learn the format by editing a working example rather than by reading
a reference first.
"""

from __future__ import annotations

import re
import unicodedata
from string import Template

FALLBACK_ID = "my-module"

_STARTER = Template('''\
# A cofacilitator module: one training session, written in TOML.
#
# Lines starting with # are notes for you; cofacilitator ignores them.
# Short text goes in "double quotes". Longer text, over several lines, goes between """ and """
# and may use markdown: **bold**, *italic*, and lists with "- " at the start of a line.
# After each edit, save the file and run:
#     cofacilitator modules check $file_hint
# It names the line of anything it does not understand. The full reference is
# docs/module-format.md.

# The version of this file format: leave it at 1.
format = 1
# A short name for the module: lowercase letters, digits and hyphens. Keep it once you have run
# the module with a cohort, because the cohort's notes are filed under it.
id = "$id"
# Raise the version by one when you change the module after running it with a cohort.
version = 1
# The module's place in the list of modules.
number = $number
title = $title
summary = "One or two sentences: what participants take away from this session."
# Who wrote this module, and its licence if you share it.
attribution = ""
key_lessons = [
    "The first thing participants will learn",
    "The second thing participants will learn",
]

# The quote that opens the session.
[epigraph]
text = "Replace this with a quote that sets the tone of the session."
author = "Its author"
source = ""

# The session, in order. Each [[segments]] block is one timed part of the call.
# kind says what happens in it: guidelines, roll_call, icebreaker, presentation,
# open_discussion, silent_notes, breakout, fill_in_table, assignment_sharing, key_takeaways,
# qa or feedback.

[[segments]]
id = "roll-call"
kind = "roll_call"
title = "Roll call"
minutes = 5
body = """
Name / role / one word for how you arrive today.
"""

[[segments]]
id = "presentation"
kind = "presentation"
title = "Presentation"
minutes = 15
recordable = true   # the presentation may be recorded; discussions never are
slides = ""         # a link to your slides, once you have one
body = """
What you will present. Markdown works here.
"""

[[segments]]
id = "discussion"
kind = "open_discussion"
title = "Open discussion"
minutes = 15

# A question the group answers. It belongs to the [[segments]] block above it.
[[segments.prompts]]
id = "first-question"
text = "Write the first question for the group here."

[[segments]]
id = "breakout"
kind = "breakout"
title = "Breakout groups"
minutes = 15

[[segments.prompts]]
id = "breakout-question"
text = "What will each breakout group discuss?"

[[segments]]
id = "key-takeaways"
kind = "key_takeaways"
title = "Key takeaways"
minutes = 5

[[segments]]
id = "qa"
kind = "qa"
title = "Questions and suggestions"
minutes = 2

[[segments]]
id = "feedback"
kind = "feedback"
title = "Feedback"
minutes = 3

# What participants do after the call; they share it at the start of the next one.
[assignment]
id = "assignment"
title = "After this session"
body = """
What participants do before the next call, and how it helps their project.
"""

# One box of the assignment form. kind can be long_text, table, list, stakeholder_map,
# pick_values, roadmap, charter, mountain, information_map, value_exchange or resources.
[[assignment.fields]]
id = "reflection"
kind = "long_text"
label = "Your reflection"
help = "A hint shown under the box."

# Reading recommendations. A link you do not have yet can be "#": check will remind you.
[[readings]]
title = "Reading recommendation"

[[readings.items]]
title = "The Turing Way: Managing a new community"
url = "https://the-turing-way.netlify.app/collaboration/new-community.html"
''')


def module_id_for(title: str) -> str:
    """A valid module id made from a title: "Open Science framework" -> open-science-framework."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug or FALLBACK_ID


def starter_module(title: str, number: int, file_hint: str = "FILE") -> str:
    """The text of a new module file called ``title``, placed at ``number`` in the list."""
    return _STARTER.substitute(
        id=module_id_for(title),
        number=number,
        title=toml_string(title),
        file_hint=file_hint.replace("\n", " "),
    )


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string, escaping what TOML forbids raw in one.

    Lone surrogates (undecodable bytes in a command-line argument) cannot be written as UTF-8 at
    all, so they become the replacement character.
    """
    escaped: list[str] = []
    for char in text:
        if 0xD800 <= ord(char) <= 0xDFFF:
            escaped.append("\ufffd")
        elif char in '"\\':
            escaped.append("\\" + char)
        elif char == "\t":
            escaped.append(char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            escaped.append(f"\\u{ord(char):04x}")
        else:
            escaped.append(char)
    return '"' + "".join(escaped) + '"'
