"""Who the demo cohort is: its facilitators, its people, their projects and their guidelines.

Kept apart from ``demo.py``, which decides when and where each thing happens, so the text can be
read and reworded without touching the logic. Each person's project has its own story,
stakeholders, channels, tables and mountain of engagement; ``demo_answers`` turns them into that
person's assignments, roll-call answers and sharing-round notes, and ``demo_notes`` holds what is
said in the calls. Everyone and every project here is made up.
"""

from __future__ import annotations

from dataclasses import dataclass

from cofacilitator.cohorts import Facilitator

FACILITATORS = (
    Facilitator("Noor Haddad", "noor.haddad@example.org", "facilitator"),
    Facilitator("Jonas Berg", "jonas.berg@example.org", "co-facilitator"),
)

Stakeholder = tuple[str, str, float, float]
"""Name, note, power, interest: one entry of a stakeholder map."""
Channel = tuple[str, str, str, str]
"""Channel, audience, purpose, frequency: one row of an information map."""
Band = tuple[str, str]
"""Who is at a band of the mountain, and what helps them move up (first contact to leader)."""


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
    origin: str = ""
    """How the project started and who started it (the Session 1 assignment)."""
    purpose: str = ""
    next_step: str = ""
    surprise: str = ""
    """The Session 2 roll call: what surprised them about their community's story."""
    balance: str = ""
    """The Session 3 roll call: what they bring, what they receive, and whether it balances."""
    values: tuple[str, str, str] = ("Kindness", "Openness", "Curiosity")
    value_definition: str = ""
    """What the first of ``values`` means to them."""
    value_example: str = ""
    stakeholders: tuple[Stakeholder, ...] = ()
    channels: tuple[Channel, ...] = ()
    mountain: tuple[Band, ...] = ()
    outcomes: tuple[tuple[str, str, str], ...] = ()
    """Rows of the purpose-and-outcomes table: project or subproject, purpose, outcomes."""
    contributors: tuple[tuple[str, str, str], ...] = ()
    """Rows of the stakeholders table: contributors, role, nature of participation."""


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
        origin="Two transport researchers wrote the library in 2016 to draw one city's bus "
        "routes; it grew when other cities' open-data teams started sending fixes.",
        purpose="Keep the library useful to the city data teams who depend on it, without it "
        "resting on two people.",
        next_step="A contributor guide, and a second maintainer for the tile renderer.",
        surprise="That the first users were city officials, not developers. Nobody had told me.",
        balance="I bring release planning and a lot of answered questions; I get friends in "
        "cities I have never visited. Lately I give more than I get.",
        values=("Openness", "Reliability", "Generosity"),
        value_definition="Decisions and the reasons for them are public, including the ones we "
        "are not proud of.",
        value_example="Our roadmap is discussed in a public issue, and the call notes are "
        "linked from it.",
        stakeholders=(
            ("City open-data teams", "Depend on every release", 0.75, 0.85),
            ("Research funder", "Annual report only", 0.8, 0.3),
            ("Students who use it once", "", 0.15, 0.2),
            ("Developers of apps built on it", "Monthly changelog", 0.35, 0.75),
        ),
        channels=(
            ("Forum", "Users and city teams", "Questions and release news", "Daily"),
            ("Issue tracker", "Contributors", "Bugs and proposals", "Weekly triage"),
            ("Newsletter", "Funders and cities", "What changed, and thanks", "Quarterly"),
        ),
        outcomes=(
            (
                "Tile renderer",
                "Fast maps for cities with little server money",
                "Two cities running it without our help",
            ),
            (
                "Contributor guide",
                "Newcomers can send a fix without asking us first",
                "Five first-time contributors a quarter",
            ),
            (
                "Users' call",
                "City teams learn from each other",
                "A call every month, hosted in turn",
            ),
        ),
        contributors=(
            (
                "City data teams",
                "Report and fix data for their city",
                "When their city's data changes",
            ),
            ("Two maintainers", "Review and release", "Weekly, partly paid"),
            ("Students", "Documentation and small fixes", "A few months, during their studies"),
        ),
        mountain=(
            (
                "People who find us through a conference talk or a search for route maps",
                "A gallery of maps other cities made, on the front page",
            ),
            (
                "Newsletter readers and people who star the repository",
                "An invitation to the monthly users' call",
            ),
            (
                "Forum regulars who answer each other's questions",
                "A 'good first map' issue with a named mentor",
            ),
            (
                "About fifteen people who send fixes for their own city",
                "Review rights on their city's data module",
            ),
            (
                "Two maintainers, both stretched thin",
                "A written path from contributor to co-maintainer, so one of us can hand over",
            ),
        ),
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
        origin="Four research software engineers met at a conference in 2018 and started a "
        "mailing list, because each was the only RSE in their department.",
        purpose="Nobody should be the only person in their building who writes research code "
        "with no one to ask.",
        next_step="A mentoring scheme pairing new RSEs with experienced ones; it needs a "
        "coordinator with a few hours a week.",
        surprise="How much of our history lives in one founder's inbox. None of it was written "
        "down.",
        balance="I give organising time and I get the sense that my job is a real profession. "
        "It balances, but only because my manager lets me spend work time on it.",
        values=("Recognition", "Learning", "Collaboration"),
        value_definition="Research software is research output, and the people who write it "
        "are named for it.",
        value_example="Our newsletter names the RSE behind each paper it highlights.",
        stakeholders=(
            ("Heads of department", "Decide whether RSE time is funded", 0.85, 0.25),
            ("Member RSEs", "Monthly meet-up", 0.6, 0.9),
            ("Researchers who hire RSEs", "Occasional survey", 0.3, 0.35),
            ("Early-career RSEs", "The mentoring scheme", 0.2, 0.85),
        ),
        channels=(
            ("Mailing list", "All members", "Announcements and job posts", "Weekly"),
            ("Chat workspace", "Active members", "Quick technical questions", "Daily"),
            ("Meet-up", "Members and newcomers", "Talks and networking", "Monthly"),
            ("Survey", "Heads of department", "Evidence that RSE work matters", "Yearly"),
        ),
        outcomes=(
            (
                "Mentoring scheme",
                "New RSEs are not alone in their first year",
                "Ten pairs in the first round",
            ),
            (
                "Monthly meet-up",
                "Members meet beyond their own department",
                "Thirty people at most meet-ups",
            ),
            ("Salary survey", "Evidence for fair RSE careers", "A report heads of department read"),
        ),
        contributors=(
            ("Member RSEs", "Give talks, answer questions", "Monthly, in work time if allowed"),
            ("Organising committee", "Plan the meet-ups and the survey", "A few hours a month"),
            ("Heads of department", "Fund RSE time", "Yearly budget decisions"),
        ),
        mountain=(
            (
                "Researchers who hear about us from a colleague",
                "A one-page 'what is an RSE' explainer with a link to join",
            ),
            (
                "Mailing-list members who read but never post",
                "A welcome thread asking what they work on",
            ),
            (
                "People who come to the monthly meet-up",
                "An invitation to give a five-minute lightning talk",
            ),
            (
                "Members who give talks or answer questions in the chat",
                "A place on the organising committee, for a fixed time",
            ),
            (
                "The committee of five, three of them founders",
                "Fixed terms, so newer members can step in and founders can step back",
            ),
        ),
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
        origin="A few neighbours started mapping broken streetlights in 2020 and asked the "
        "council for its data; the group grew out of that first request.",
        purpose="Neighbours should be able to see and use what the council knows about their "
        "own streets.",
        next_step="A data walk with the council's open-data officer; we need a room and someone "
        "to print maps.",
        surprise="That three different people each believe they founded the group.",
        balance="I bring meeting rooms and patience with the council; I get a neighbourhood "
        "that knows me. I give more than I get right now.",
        values=("Inclusion", "Patience", "Justice"),
        value_definition="We meet where and when people who are not tech workers can come.",
        value_example="We moved our meetings from a co-working space to the public library on "
        "Saturday mornings.",
        stakeholders=(
            ("Council open-data officer", "Data-sharing agreement", 0.8, 0.7),
            ("Local councillors", "Only hear from us when something goes wrong", 0.9, 0.2),
            ("Residents' associations", "Monthly notice-board post", 0.3, 0.8),
            ("Passers-by at the street fair", "", 0.1, 0.3),
        ),
        channels=(
            ("Library notice board", "Residents without internet", "Meeting dates", "Monthly"),
            ("Messaging group", "Regular members", "Organising and photos", "Daily"),
            ("Saturday meetings", "Anyone in the area", "Mapping and talking", "Fortnightly"),
        ),
        outcomes=(
            (
                "Streetlight map",
                "Show the council where lights are broken",
                "Repairs tracked on a public map",
            ),
            ("Data walks", "Neighbours learn to read council data", "One walk a season"),
            ("Saturday meetings", "A regular place to meet", "A dozen people each time"),
        ),
        contributors=(
            ("Neighbours who map", "Photograph and record problems", "Weekends, when they can"),
            (
                "Council open-data officer",
                "Publishes the data we ask for",
                "Through a data-sharing agreement",
            ),
            ("Library staff", "Lend the room and the printer", "Twice a month"),
        ),
        mountain=(
            (
                "Residents who stop at our stall at the street fair",
                "A printed map of their own street, with the next meeting date on it",
            ),
            (
                "People in the messaging group who never come",
                "A call from someone who lives on their street",
            ),
            (
                "Neighbours who come to Saturday meetings",
                "One small task before the next meeting, such as photographing a streetlight",
            ),
            (
                "Half a dozen people who map and clean the data",
                "An introduction, by name, to the council's officer",
            ),
            (
                "Me and one other organiser",
                "Sharing the council contact, so it is not only me",
            ),
        ),
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
        origin="One developer wrote the framework in 2014 for a client project and published "
        "it; it grew when a large web project adopted it in 2017.",
        purpose="Keep testing simple for everyday developers, with maintainers who are not "
        "burned out.",
        next_step="A triage rotation, so every new issue gets a reply within a week; we need "
        "three more people willing to triage.",
        surprise="How much of the early design came from users' bug reports rather than from "
        "the author's plan.",
        balance="I give reviews, talks and releases; I get a job I love and plenty of "
        "thank-yous. Too many issues, though, and nobody thanks the triagers.",
        values=("Kindness", "Transparency", "Reliability"),
        value_definition="Reviews are direct about the code and gentle with the person.",
        value_example="Every first pull request gets a thank-you before any request for changes.",
        stakeholders=(
            ("Companies that depend on it", "Sponsorship page", 0.7, 0.4),
            ("Core maintainers", "Weekly call", 0.9, 0.95),
            ("Plugin authors", "Plugin changelog", 0.4, 0.8),
            ("Developers who install it and never file an issue", "", 0.2, 0.15),
        ),
        channels=(
            ("Issue tracker", "Users and contributors", "Bugs and feature requests", "Daily"),
            ("Discussion forum", "Users", "How-to questions", "Daily"),
            ("Release blog", "Everyone", "What changed and why", "Every release"),
            ("Maintainers' call", "Core team", "Decisions", "Weekly"),
        ),
        outcomes=(
            ("Triage rotation", "Every new issue gets a reply", "Replies within a week"),
            (
                "Plugin ecosystem",
                "Others can extend the framework without us",
                "A plugin index with twenty plugins",
            ),
            (
                "Docs rewrite",
                "Beginners can write their first test alone",
                "Fewer 'how do I start' questions",
            ),
        ),
        contributors=(
            ("Core maintainers", "Review, release, decide", "Weekly call, partly sponsored"),
            ("Plugin authors", "Build and maintain plugins", "Whenever their plugin needs it"),
            ("Sponsoring companies", "Fund maintainer time", "Yearly sponsorship"),
        ),
        mountain=(
            (
                "Developers who find us through a tutorial or a search",
                "A 'your first test in five minutes' page",
            ),
            (
                "Users who install it and read the release notes",
                "A discussion thread asking how they use it",
            ),
            (
                "People who file issues or answer in the forum",
                "Issues labelled 'good first issue' with a mentor's name on them",
            ),
            (
                "About forty people with at least one merged pull request",
                "A place in the triage rotation, and commit rights on the docs",
            ),
            (
                "Five core maintainers",
                "Time-boxed roles and a written way to step down",
            ),
        ),
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
        origin="A library working group started in 2019 to answer researchers' questions about "
        "open-access rules; it became a community when researchers began teaching each other.",
        purpose="Make open research normal across the university, led by researchers and not "
        "only by the library.",
        next_step="One open research champion in every faculty; the research office needs to "
        "recognise the role.",
        surprise="That researchers remember the group's first workshop better than anyone in "
        "the library does.",
        balance="I bring the library's resources and a great many e-mails; I get researchers "
        "who trust the library again. The balance is getting better.",
        values=("Equity", "Openness", "Learning"),
        value_definition="Open practices should not be only for the labs that can afford "
        "open-access fees.",
        value_example="We keep a list of free, reputable places to share preprints and data.",
        stakeholders=(
            ("Research office", "Could recognise champions formally", 0.85, 0.45),
            ("Faculty champions", "Meeting each term", 0.55, 0.9),
            ("Early-career researchers", "Workshops", 0.25, 0.75),
            ("Senior researchers not yet interested", "", 0.7, 0.15),
        ),
        channels=(
            ("Library web page", "All researchers", "Guides and workshop dates", "Termly"),
            ("Champions' list", "Faculty champions", "Planning and support", "Fortnightly"),
            ("Workshops", "Early-career researchers", "Hands-on training", "Monthly in term"),
        ),
        outcomes=(
            (
                "Champions' network",
                "Open research led by researchers",
                "A champion in every faculty",
            ),
            (
                "Lunchtime workshops",
                "Hands-on help with sharing data and code",
                "Eight workshops a year",
            ),
            ("Open research guide", "One place to start", "A guide the research office links to"),
        ),
        contributors=(
            ("Faculty champions", "Advise colleagues, co-teach workshops", "A few hours a term"),
            ("Library staff", "Organise, answer questions, keep the guide", "Part of their job"),
            ("Research office", "Could recognise the champion role", "A meeting each term"),
        ),
        mountain=(
            (
                "Researchers sent to us by a funder's open-access rule",
                "A friendly answer within a day, signed by a person",
            ),
            ("People who read our guides", "An invitation to a lunchtime workshop"),
            ("Workshop attendees", "A follow-up asking them to share one thing they tried"),
            (
                "Researchers who co-teach a workshop",
                "An introduction to the champions' network",
            ),
            (
                "Six faculty champions and two library staff",
                "A chair for a fixed term, rotating between faculties",
            ),
        ),
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
        origin="The volunteer group formed after the 2015 earthquake response, when a few people "
        "kept mapping after the emergency was over.",
        purpose="Accurate maps for aid organisations, and volunteers who keep coming back "
        "between emergencies.",
        next_step="A training path so new volunteers can learn to check others' work; we need "
        "experienced validators to mentor them.",
        surprise="That most volunteers stay for the people they map with, not for the emergencies.",
        balance="I bring coordination and training; I get to see our maps used in the field. "
        "Between emergencies it feels like only giving.",
        values=("Service", "Care", "Teamwork"),
        value_definition="Our maps are for the people on the ground, not for our statistics.",
        value_example="We ask the aid organisation what it needs before we start a mapping task.",
        stakeholders=(
            ("Aid organisations", "Request maps in emergencies", 0.8, 0.75),
            ("The global mapping community", "Shared tools and standards", 0.7, 0.3),
            ("New volunteers", "Onboarding webinars", 0.2, 0.8),
            ("Local government", "Rarely in touch", 0.6, 0.2),
        ),
        channels=(
            ("Task manager", "All volunteers", "Current mapping tasks", "Daily in emergencies"),
            ("Chat server", "Active volunteers", "Help and validation questions", "Daily"),
            ("Webinar", "New volunteers", "Training", "Monthly"),
        ),
        outcomes=(
            (
                "Validator training",
                "New volunteers learn to check others' work",
                "Ten new validators a year",
            ),
            (
                "Mapping parties",
                "Volunteers stay in touch between emergencies",
                "One party a month",
            ),
            (
                "Emergency response",
                "Maps for aid organisations within days",
                "First maps within 48 hours",
            ),
        ),
        contributors=(
            ("Volunteer mappers", "Trace buildings and roads", "In bursts, during emergencies"),
            ("Validators", "Check and correct the mapping", "Weekly"),
            ("Aid organisations", "Ask for maps and use them", "When an emergency strikes"),
        ),
        mountain=(
            (
                "People who sign up during an emergency appeal",
                "A short welcome video and one easy task",
            ),
            (
                "Volunteers who map once and disappear",
                "A thank-you showing where their map was used",
            ),
            ("Regular mappers during emergencies", "Mapping parties between emergencies"),
            ("Validators who check others' work", "Mentoring a new validator"),
            (
                "Three coordinators",
                "A shared rota, so nobody is on call alone",
            ),
        ),
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
        origin="Three PhD students started reading papers on reproducibility over coffee in "
        "2021, after a failed replication in one of their labs.",
        purpose="A place where early-career researchers can talk honestly about what goes wrong "
        "in research.",
        next_step="Open the group to other departments; we need a bigger room and a second "
        "organiser.",
        surprise="That the group started because of one failed replication, and none of the "
        "newer members knew.",
        balance="I bring the reading list and the coffee; I get people to think with. The "
        "balance is right, but it all depends on me.",
        values=("Honesty", "Curiosity", "Humility"),
        value_definition="We say when a result did not replicate, including our own.",
        value_example="Each meeting starts with someone sharing something that did not work "
        "that month.",
        stakeholders=(
            ("Head of department", "Lends us the room", 0.8, 0.35),
            ("Regular attendees", "Vote on the reading list", 0.4, 0.9),
            ("Supervisors", "Some encourage their students to come", 0.65, 0.6),
            ("Students in other departments", "", 0.15, 0.55),
        ),
        channels=(
            ("Shared reading list", "Members", "Papers for the term", "Termly"),
            ("Department mailing list", "All PhD students", "Reminders", "Fortnightly"),
            ("The meetings", "Attendees", "Discussion", "Fortnightly"),
        ),
        outcomes=(
            (
                "Reading group",
                "Talk honestly about what goes wrong in research",
                "Fifteen regulars",
            ),
            (
                "Other departments",
                "More views on the same problems",
                "Members from three departments",
            ),
            (
                "Shared reading list",
                "Good papers stay findable after we leave",
                "A list others can reuse",
            ),
        ),
        contributors=(
            ("Regular attendees", "Read, discuss, suggest papers", "Fortnightly"),
            ("Co-organisers", "Choose papers, run meetings", "A few hours a month"),
            ("Head of department", "Lends the room", "Once a year, when asked"),
        ),
        mountain=(
            (
                "Students who see the reminder e-mail",
                "A first meeting on a paper that is easy to read",
            ),
            ("People who come once", "Being asked which paper they would like to read"),
            ("Regulars who come most weeks", "Choosing and introducing one paper"),
            ("Two people who help with the reading list", "Running a meeting with me"),
            (
                "Me, the only organiser",
                "A co-organiser, found before I finish my PhD",
            ),
        ),
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
        origin="The foundation started bringing its grantees together in 2019, so they could "
        "learn from each other instead of only reporting to us.",
        purpose="Grantees learn from each other, and the foundation learns which support "
        "actually helps.",
        next_step="Let grantees run the next convening themselves; that means handing over "
        "budget and decisions.",
        surprise="That grantees tell the community's beginning very differently from the way "
        "the foundation does.",
        balance="I bring funding and the convening; I get honest feedback, when the power "
        "difference allows it. The balance is uneven by design.",
        values=("Trust", "Reciprocity", "Accountability"),
        value_definition="Grantees can tell us what is not working without fearing for their "
        "funding.",
        value_example="Our feedback survey is anonymous and run by a grantee, not by the "
        "foundation.",
        stakeholders=(
            ("Foundation board", "Approves the budget", 0.95, 0.3),
            ("Grantee organisations", "Annual convening", 0.45, 0.9),
            ("Other funders", "Co-funding conversations", 0.7, 0.55),
            ("Communities the grantees serve", "Only through the grantees", 0.2, 0.7),
        ),
        channels=(
            ("Grantee newsletter", "All grantees", "News and opportunities", "Monthly"),
            ("Convening", "Grantees and the board", "Learning together", "Yearly"),
            ("Peer calls", "Grantees", "Sharing problems", "Quarterly"),
        ),
        outcomes=(
            (
                "Annual convening",
                "Grantees learn from each other",
                "A convening planned by grantees",
            ),
            ("Peer calls", "Grantees help each other between convenings", "Four calls a year"),
            (
                "Feedback survey",
                "The foundation learns which support helps",
                "Changes to our grant process",
            ),
        ),
        contributors=(
            (
                "Grantee organisations",
                "Share practice, host peer calls",
                "Quarterly calls, a yearly convening",
            ),
            ("Programme officers", "Convene and fund", "Part of their job"),
            ("Foundation board", "Approves budget and direction", "Quarterly board meetings"),
        ),
        mountain=(
            (
                "Organisations that receive their first grant",
                "A welcome call with a grantee from the previous round",
            ),
            (
                "Grantees who read the newsletter",
                "An invitation to a peer call on a topic they named",
            ),
            ("Grantees who join peer calls", "Hosting one peer call"),
            (
                "Grantees who host calls or share their reports",
                "A seat on the convening's planning group",
            ),
            (
                "The planning group, still chaired by the foundation",
                "Handing the chair to a grantee",
            ),
        ),
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
