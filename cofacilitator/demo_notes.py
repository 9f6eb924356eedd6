"""What the demo cohort says during its four calls: answers under each prompt, the facilitators'
and the chat's notes, the questions asked and the feedback given.

Answers are kept per module and prompt, so each one answers the question it sits under;
``{project}`` is replaced by the writer's project (``demo_content.PEOPLE``). Prompts a
facilitator's own module adds get ``GENERIC_ANSWERS``. Everything here is made up.
"""

from __future__ import annotations

from cofacilitator.sessions.schema import FeedbackKind

NARRATIVE = "community-narrative"
BASICS = "community-of-practice-basics"
ENGAGEMENT = "community-engagement"
CHARTER = "community-charter"

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
    "In {project} the answer changes with the season: busy in some months, quiet in others.",
    "{project} says 'everyone is welcome' but never says how to start. That's the gap.",
    "Our best moments in {project} came from small groups working on something concrete.",
    "For {project}, recognition matters more than money: people want their work to be seen.",
)

PROMPT_ANSWERS: dict[str, dict[str, tuple[str, ...]]] = {
    NARRATIVE: {
        "admired-characteristic": (
            "Generosity with time: people answering beginners' questions without making them "
            "feel small. In {project} it depends on who is online.",
            "Clear roles: everyone knows who decides what. We have not managed it in {project} "
            "because it feels too formal.",
            "Celebrating small contributions in public. We started a monthly thank-you post in "
            "{project} and it works.",
            "Every newcomer gets a named person to ask. Not yet in {project}: we tried buddies "
            "once, but nobody kept track.",
        ),
        "presentation-notes": (
            "Community as a verb, not a noun: it is what people do together, not a list of "
            "members.",
            "All three stories began with two people finding a shared interest by accident.",
            "Question: is a community of practice still one if most members only read?",
            "The gardeners' employer paid up once the group showed it helped people connect. "
            "Worth remembering for {project}.",
        ),
        "q1-trend": (
            "Each one started with two people noticing a shared interest, then grew around a "
            "purpose.",
            "Growth came when people outside the founders could take on real responsibility.",
            "Every story has a moment where an institution backs the group: rent, grants, a "
            "formal collaboration.",
            "Former participants became the ones welcoming the next people in.",
        ),
        "q2-differences": (
            "How much each needed money and institutional backing to keep going.",
            "Who the community serves: colleagues, early-career researchers, or two organisations.",
            "The gardeners grew out of fun, the collaboration out of strategy: different reasons "
            "to stay.",
            "How formal they became: a party once a year versus hired staff and funding calls.",
        ),
        "why-project-needs-community": (
            "Without a community, {project} is two tired people and a backlog.",
            "Because the people around {project} know things its founders never will.",
            "{project} only lasts if what we know lives in more than one head.",
            "So people stop solving the same problems alone, again and again.",
        ),
        "why-your-role": (
            "Nobody else was doing it, and I could see {project} losing people.",
            "I was helped a lot when I started; this is me paying it back.",
            "It came with the job, but I stayed in it because I like it.",
            "I enjoy connecting people more than doing the technical work, and this role lets me.",
        ),
        "why-others-join": (
            "To learn from people a few steps ahead of them.",
            "For a place where their work is seen and named.",
            "Because {project} solves a problem they have, and they want a say in where it goes.",
            "Friends in the field: several members say the people are why they came back.",
        ),
        "purposes-align": (
            "They meet in the newcomers: the funder wants numbers, members want help, and both "
            "come from a good welcome.",
            "Mine and the founders' align on the mission, less on how fast to grow.",
            "Not well yet in {project}: the funder's reasons and the members' reasons are never "
            "in the same room.",
            "They align once they are written down; right now everyone assumes theirs is "
            "everyone's.",
        ),
        "you-reasons": (
            "Keeping the people who already give their time; losing them would hurt more than "
            "growing slowly.",
            "Fairness: the people doing the work should have a say in {project}.",
            "Learning: I grow more from the community than from any course.",
            "Impact: {project} matters to people outside our bubble, and they need a way in.",
        ),
        "you-rewarding-experience": (
            "My first contribution was accepted with a kind note, and I came back the next week. "
            "I want newcomers to feel that welcome.",
            "Someone I mentored ran their own workshop a year later and thanked me in the "
            "opening. People join to grow; I want them to see that they can.",
            "At my first meet-up someone remembered my name from the mailing list. People join "
            "to belong somewhere.",
            "Being asked for my opinion on a decision while I was still new told me I belonged. "
            "I want newcomers to be asked, too.",
        ),
        "community-skills": (
            "Deep knowledge of the subject, and a handful of people who explain things patiently.",
            "Members who teach: workshops run themselves once someone has been shown how.",
            "Lots of enthusiasm, less time: most people give an evening a month.",
            "Connections: members know people in places we could never reach.",
        ),
        "team-skills": (
            "Good subject knowledge; very little experience with events or funding.",
            "I can organise and write; the rest of the team does the technical work. Nobody is "
            "trained in facilitation.",
            "Two of us, part time, and a small budget for rooms and coffee.",
            "Good at running meetings, weak at keeping documentation current.",
        ),
        "gaps": (
            "Facilitation and handling conflict: we avoid hard conversations.",
            "Someone to look after newcomers, consistently.",
            "Writing: our documentation is years behind what we actually do.",
            "Money for a coordinator, even for a few hours a week.",
        ),
        "upskilling": (
            "Facilitation training for the team, and for me.",
            "Mentoring skills for the people who already answer newcomers' questions.",
            "How to run an inclusive meeting, online and in person.",
            "Basic governance: how decisions are made and written down.",
        ),
        "invite-outside": (
            "Someone from a community that already runs a mentoring scheme.",
            "Our funder's programme lead, to hear what they actually hope for.",
            "A technical writer, for a documentation sprint.",
            "People who left {project}: they know why.",
        ),
        "prioritise-goals": (
            "A welcome path for newcomers, before any growth campaign.",
            "Getting the history of {project} written down while the founders are still around.",
            "Sharing the load: two more people who can run things without me.",
            "One regular event people can count on, instead of many one-offs.",
        ),
        "takeaway": (
            "Write the origin story down before the people who know it move on.",
            "Start with why, and check it is still the same why a year later.",
            "Quiet time before discussion gave me better answers than talking straight away.",
            "Ask the funder's reasons and the members' reasons separately, then compare them.",
        ),
    },
    BASICS: {
        "presentation-notes": (
            "Power is how much a stakeholder can affect the project; interest is how much they "
            "care about it.",
            "Stakeholders move around the grid over time: revisit the map.",
            "Question: where do former members go? Low interest now, but they know the history.",
            "Purpose first, then outcomes, then the people needed to reach them.",
        ),
        "q1-why-invest": (
            "Because a project with one organiser is one burnout away from ending.",
            "Communities find problems and fixes that a small team never would.",
            "Keeping the people you have costs less than always finding new ones.",
            "Funders increasingly ask how the work will continue after the grant.",
        ),
        "q2-good-examples": (
            "A project whose maintainers answer every first issue within a day; I stayed because "
            "of that.",
            "A meet-up where the organiser introduced every newcomer to someone by name.",
            "A community call with rotating hosts, so no single person carries it.",
            "A documentation sprint that turned three users into long-term contributors.",
        ),
        "tools-platforms": (
            "A forum and an issue tracker; a chat server nobody moderates.",
            "A messaging group and a shared drive, and that is all.",
            "A mailing list, a chat workspace and a video-call account.",
            "A task manager for the work, and a wiki that is out of date.",
        ),
        "documentation": (
            "A README and a contributing guide from 2019.",
            "A wiki with good pages that nobody can find.",
            "Meeting notes in a shared folder; no onboarding guide yet.",
            "Tutorials written by users, better than our own.",
        ),
        "infrastructure": (
            "Testing servers donated by a sponsor, and a website on a volunteer's server.",
            "A meeting room someone books for us twice a month.",
            "A university-hosted mailing list and a video-call licence.",
            "Nothing we own: everything runs on free tiers.",
        ),
        "events": (
            "A monthly community call and a yearly sprint.",
            "Regular meetings in person, and a stall at a local fair.",
            "Fortnightly meetings, and a social twice a year.",
            "Webinars for newcomers, and a yearly get-together.",
        ),
        "resources-anything-else": (
            "A small budget for coffee, which matters more than it sounds.",
            "Goodwill from the host institution, as long as nobody asks for money.",
            "Stickers. People love the stickers.",
            "Nothing else, and that is the problem.",
        ),
        "engagement-primary": (
            "The issue tracker: most decisions happen in its comments.",
            "The messaging group; meetings only confirm what was decided there.",
            "The monthly meet-up; everything else supports it.",
            "The chat server, during emergencies.",
        ),
        "engagement-asynchronous": (
            "The forum, the mailing list and the issue tracker.",
            "The newsletter and the recorded talks.",
            "A chat workspace, though people expect quick replies there.",
            "Comments on shared documents.",
        ),
        "engagement-synchronous": (
            "The monthly community call, recorded for those who cannot come.",
            "Meetings in person, with tea.",
            "Fortnightly meetings in a room, with a video link.",
            "Webinars and the yearly sprint.",
        ),
        "engagement-anything-else": (
            "Conference hallway chats are where most people first hear of {project}.",
            "Private messages: a lot of support happens where nobody else sees it.",
            "We should count one-to-one calls; they are engagement too.",
            "Social media brings people in but never keeps them.",
        ),
        "takeaway": (
            "Revisit the stakeholder map every year; people move.",
            "Our funder sits in 'keep satisfied', and we have been managing them closely by "
            "accident.",
            "List the platforms, then close the ones nobody uses.",
            "Purpose and outcomes first; the tools come after.",
        ),
    },
    ENGAGEMENT: {
        "presentation-notes": (
            "The mountain of engagement: most people stay at the bottom, and that is fine.",
            "Value exchange: what members give should come back to them in some form.",
            "Question: how do you recognise work that happens in private messages?",
            "Leadership bands need a way down as well as a way up.",
        ),
        "how-people-interact": (
            "People find {project} through a search or a talk, then go straight to the issue "
            "tracker or the chat.",
            "Most information travels by word of mouth; the website is out of date.",
            "Newcomers read the chat for weeks before saying anything.",
            "The processes are unwritten: you learn them by getting something wrong.",
        ),
        "moving-between-interactions": (
            "Someone who asks a question gets asked one back; that is often the first step.",
            "From reading to posting takes a personal invitation, almost every time.",
            "People move when they see someone like them one step ahead.",
            "Moving down is common too: a new job or a new baby, and people step back.",
        ),
        "pathways-to-leadership": (
            "A first task with a named mentor, then review rights, then a seat on the team.",
            "Co-hosting a call before hosting one alone.",
            "Write the path down, so it does not depend on who you know.",
            "Term limits for leads, so the path stays open.",
        ),
        "value-exchange-recognition": (
            "A contributors page that lists every kind of work, not only the technical kind.",
            "Thank people by name in the release notes and the newsletter.",
            "Letters of recommendation: early-career members asked for them.",
            "Paid roles for work that is too much to ask of volunteers.",
        ),
        "moving-up-bands": (
            "When someone answers others' questions without being asked, they are ready for the "
            "next band.",
            "Ask them: people know when they want more, but rarely say so.",
            "A small task with a clear end is the best step up.",
            "Say it in public when someone moves up; it shows others the way.",
        ),
        "living-document": (
            "On paper people move up; in practice every leader in {project} was a founder.",
            "Most of our members are observers, yet the map I drew skipped that band.",
            "The contributor band is crowded and the leader band is empty; that is where I would "
            "start.",
            "It changes with the seasons; I would date each version of the mountain.",
        ),
        "takeaway": (
            "Put the mountain of engagement on our wiki and ask people where they are on it.",
            "Most people staying at the bottom is normal; the way up must still be open.",
            "Recognition costs little, and we do too little of it.",
            "Write down the path to leadership, including how to step back.",
        ),
    },
    CHARTER: {
        "values-align-work": (
            "Mostly. Openness is why I like {project}, but deadlines push us to decide things in "
            "private.",
            "Kindness is easy when things go well; it is harder when someone misses a commitment.",
            "They align in what I do, less in what I have time for.",
            "Better than a year ago: I now say no to work that goes against them.",
        ),
        "help-contributor-align": (
            "Ask what they want to get out of {project} before asking anything of them.",
            "Share our values early, in the welcome message, not after a conflict.",
            "Pair them with someone whose goals are similar.",
            "Check in after a few months: goals change.",
        ),
        "conversation": (
            "'What brought you here, and what would make this worth your time?'",
            "A short call, camera optional, with one question prepared and the rest open.",
            "Mostly listening; then I would sum up what I heard and ask if I got it right.",
            "Honest about what {project} can offer and what it cannot.",
        ),
        "presentation-notes": (
            "Vision is the big idea; mission is where you are now and what comes next.",
            "A roadmap shows goals over time, not tasks.",
            "Question: who should sign off a charter in a volunteer community?",
            "Write it short first, and improve it every year.",
        ),
        "vision-what": (
            "Building {project} into a community that does not depend on its founders.",
            "Giving people the tools and the company to do their work in the open.",
            "Making it normal to share what we know, including what did not work.",
            "Connecting people who would otherwise work alone.",
        ),
        "vision-why": (
            "So the people we serve get better tools, and the people who build them do not burn "
            "out.",
            "So newcomers can find their way in without knowing the right person.",
            "So the people affected by the work have a say in it.",
            "So good practice spreads beyond the few teams that can afford it.",
        ),
        "vision-who": (
            "Users who never post, occasional contributors, and a small core team.",
            "People at every career stage, and the staff who support them.",
            "Volunteers with an evening a month, and two people paid part time.",
            "People who will never see our work directly but depend on it every day.",
        ),
        "mission-objectives": (
            "A welcome path for newcomers within six months.",
            "Two more people able to lead without me.",
            "One regular event that runs whether or not I am there.",
            "Written decisions, so nobody has to ask who agreed to what.",
        ),
        "mission-offer": (
            "A friendly place to ask questions that feel too basic elsewhere.",
            "Know-how you cannot find in a textbook, from people who have done it.",
            "{project} is small, and that is the point: everyone knows each other.",
            "Practical help with a problem most people face alone.",
        ),
        "mission-next-steps": (
            "Engagement: a newcomers' call. Development: writing down how our main work is done.",
            "Write the contributor guide, then ask three newcomers to try it.",
            "Share this charter draft with the founders and the funder.",
            "Find a co-organiser before adding anything new.",
        ),
        "roadmap-goals": (
            "By spring a welcome guide, by summer a mentoring pilot, next year a steering group. "
            "Risk: my time.",
            "Six months: monthly calls running without me. A year: two new co-leads. Resources: "
            "a small budget for hosting.",
            "First a documentation sprint, then a rota for welcoming newcomers. Scope: only those "
            "two.",
            "More contributors and fewer single points of failure. Ways of working: decisions "
            "made in public and written down.",
        ),
        "success-6-months": (
            "Every newcomer gets a reply within a week.",
            "The charter is written and the core team has read it.",
            "One event has run without me organising it.",
            "We know who our stakeholders are and when we last spoke to each.",
        ),
        "success-12-months": (
            "Two new people in leadership roles.",
            "Newcomers can find their way in from the website alone.",
            "Our funder or host keeps backing us, and members say they feel heard.",
            "The mountain of engagement is on the wiki, with names at every band.",
        ),
        "success-2-years": (
            "{project} runs well even if I leave.",
            "A community that writes its own roadmap.",
            "Other communities ask us how we did it.",
            "Leaders step down on time, and someone is ready to step up.",
        ),
        "insight": (
            "The vision was easy; the mission made me admit how little time we have.",
            "Writing it short took longer than writing it long.",
            "I kept writing 'we' and realised I had not asked the others.",
            "The roadmap showed we have been planning tasks, not outcomes.",
        ),
        "values-in-processes": (
            "Openness shows in our public issues; it is missing from how the core team decides.",
            "Onboarding says 'everyone is welcome' but never says how to start.",
            "Decision-making is where our values are least visible: nothing is written down.",
            "Communication is kind, but only in English, which leaves people out.",
        ),
        "takeaway": (
            "Name our values before writing the code of conduct.",
            "Share the charter draft with the people who were not in the room.",
            "A roadmap of outcomes, not of tasks.",
            "Short is fine: start somewhere and improve it each year.",
        ),
    },
}

FACILITATOR_NOTES: dict[str, tuple[str, ...]] = {
    NARRATIVE: (
        "Theme across the answers: people join for the purpose and stay for the people.",
        "Link from the chat: The Turing Way chapter on managing a new community.",
        "Parked for Q&A: how to interview founders who have left the project.",
        "Several people named funding as the difference; stakeholders are next session's topic.",
        "Good energy in this part; three people built on each other's answers.",
    ),
    BASICS: (
        "Theme: for most projects here the funder sits in 'keep satisfied'.",
        "Link from the chat: the stakeholder map templates in this session's readings.",
        "Parked for Session 3: how people move from reading to taking part.",
        "Several projects run more platforms than they have people to look after them.",
    ),
    ENGAGEMENT: (
        "Theme: almost every mountain has a crowded middle and an empty top.",
        "Parked for Q&A: how to measure engagement without it feeling like surveillance.",
        "Reading for later: the CMX piece on rewarding community members.",
        "Good energy in this part; the rooms came back with concrete ideas.",
    ),
    CHARTER: (
        "Theme: visions came easily; missions were harder to pin down.",
        "Link from the chat: the public charters in this session's readings.",
        "Reminder: the charter is a draft to share, not a finished document.",
        "Several people want to show their draft to a founder first.",
    ),
}
GENERIC_FACILITATOR_NOTES = (
    "Theme across the answers: people join for the purpose and stay for the people.",
    "Good energy in this part; three people built on each other's answers.",
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
ROOM_SUMMARIES = (
    "a personal welcome mattered more to all of us than any tool.",
    "two of us have the same problem with quiet members; we will compare notes.",
    "we ran out of time on the last question and carried on in the notes.",
    "each of us will bring one idea back to the whole group.",
)

QUESTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    NARRATIVE: (
        ("Will the slides be shared after the call?", "Yes, with the notes, by Friday."),
        (
            "Is there a template for the origin-story interviews?",
            "We added three starter questions to the assignment help text.",
        ),
        ("What if the founders have left and cannot be reached?", ""),
    ),
    BASICS: (
        (
            "How do you keep a stakeholder map current?",
            "Revisit it at each annual review, and whenever a funder or partner changes.",
        ),
        (
            "Should volunteers who left appear on the map?",
            "Yes, as low power and low interest for now: they often know the history.",
        ),
        ("How many platforms is too many for a small community?", ""),
    ),
    ENGAGEMENT: (
        (
            "How do you recognise contributions that are not code?",
            "A monthly thank-you post and a contributors page that lists every kind of work.",
        ),
        (
            "Is it a problem if most people never move past observer?",
            "No: most people stay at the bottom of every mountain. What matters is that the way "
            "up is open and visible.",
        ),
        ("How do we measure engagement without it feeling like surveillance?", ""),
    ),
    CHARTER: (
        (
            "Can we see an example of a finished charter?",
            "Two public charters are linked in the Session 4 readings.",
        ),
        (
            "Who should approve a charter in a volunteer-run group?",
            "The people it describes: share the draft openly and give a date for comments.",
        ),
        ("How do we handle a value conflict between two leads?", ""),
    ),
}
"""Per module: a question answered live, one answered after the call, and one still open."""
GENERIC_QUESTIONS = (
    ("Will the slides be shared after the call?", "Yes, with the notes, by Friday."),
    ("Is there a reading to start with?", "The first reading in the list is the shortest."),
    ("Is there a follow-up call after the series?", ""),
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
        "How much I learned from other people's answers.",
    ),
    FeedbackKind.UNCLEAR: (
        "Where the assignment should be shared.",
        "How much detail the notes should have.",
    ),
    FeedbackKind.TAKEAWAY: (
        "Ask the quiet members what they think.",
        "Write things down before they are forgotten.",
        "Check back in with the group next month.",
    ),
}
"""Feedback any session could get; personal takeaways are per module (``TAKEAWAYS``)."""
TAKEAWAYS: dict[str, tuple[str, ...]] = {
    NARRATIVE: (
        "Interview the founders this month.",
        "Write down why the project started, in one page.",
        "Ask our funder why they fund us, in their words.",
    ),
    BASICS: (
        "Draw the stakeholder map with the whole team, not alone.",
        "Close the chat channel nobody reads.",
        "Our funder needs a different kind of update.",
    ),
    ENGAGEMENT: (
        "Put the mountain of engagement on our wiki.",
        "Thank people by name, every month.",
        "Ask people where they are on the mountain instead of guessing.",
    ),
    CHARTER: (
        "Name our values before writing the code of conduct.",
        "Share the charter draft with the founders.",
        "A roadmap of outcomes, not of tasks.",
    ),
}
UNCLEAR_BY_MODULE: dict[str, str] = {
    NARRATIVE: "How far back the origin story should go.",
    BASICS: "Where power ends and interest begins on the grid.",
    ENGAGEMENT: "The difference between an observer and a participant.",
    CHARTER: "The difference between mission and vision.",
}
