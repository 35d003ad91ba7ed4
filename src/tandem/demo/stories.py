"""What the demo's pairs wrote: meeting logs, closing reviews and testimonials, in English.

Demo content is data, not interface: it is not translated. Each log is one meeting's worth of
a realistic reverse mentoring conversation about generative AI at work, with what the senior
taught back (``mentor_learned``).
"""

LOGS = [
    {
        "acquired": "Wrote a first prompt to summarise the weekly sales report and compared "
        "the answer with the report itself.",
        "to_improve": "Give the assistant the context and the expected format up front.",
        "exercises": "Summarise next Monday's report before the leadership meeting.",
        "next_topics": "Which data may go into the approved assistant, and which may not.",
        "mentor_learned": "How the leadership meeting's agenda is built and who weighs in.",
        "mentee_learned": "An assistant answers with confidence even when it is wrong.",
    },
    {
        "acquired": "Classified our documents by sensitivity and checked them against the "
        "company's AI usage policy.",
        "to_improve": "Remove names and figures before pasting an extract.",
        "exercises": "Rewrite two emails to the team with the assistant, without client names.",
        "next_topics": "Spotting invented sources.",
        "mentor_learned": "Why a contract clause took three months to negotiate with a supplier.",
        "mentee_learned": "The difference between the public chatbot and our enterprise tenant.",
    },
    {
        "acquired": "Asked the assistant for sources on a market study and checked each one: "
        "two of five did not exist.",
        "to_improve": "Always open the sources before quoting them.",
        "exercises": "Fact-check the figures of the next board memo drafted with AI help.",
        "next_topics": "Automating the monthly reporting.",
        "mentor_learned": "How the board reads a memo: the first paragraph decides.",
        "mentee_learned": "How to ask for sources and verify them in ten minutes.",
    },
    {
        "acquired": "Built a small flow that collects the site managers' figures into one "
        "sheet and drafts the commentary.",
        "to_improve": "Keep a human check before the commentary is sent.",
        "exercises": "Run the flow on last month's figures and compare with the manual version.",
        "next_topics": "Meeting notes and action items with AI.",
        "mentor_learned": "Which figures the finance team trusts, and why some are adjusted.",
        "mentee_learned": "Half a day of copy-paste can become a ten-minute review.",
    },
    {
        "acquired": "Transcribed a project review with the meeting assistant and turned it into "
        "a list of decisions and owners.",
        "to_improve": "Tell participants that the meeting is transcribed, and why.",
        "exercises": "Use it for the next steering committee and share the summary.",
        "next_topics": "Phishing messages written by AI.",
        "mentor_learned": "How to run a steering committee that actually decides.",
        "mentee_learned": "A transcript is personal data: where it is stored matters.",
    },
    {
        "acquired": "Went through five recent phishing attempts, two of them written with AI, "
        "and the signs that still give them away.",
        "to_improve": "Report suspicious messages instead of deleting them.",
        "exercises": "Brief the department's assistants on the new reporting button.",
        "next_topics": "A use case for the mentee's own team.",
        "mentor_learned": "How a crisis was handled when a client's data leaked in 2019.",
        "mentee_learned": "Voice cloning makes a call from 'the CEO' a risk too.",
    },
    {
        "acquired": "Chose a use case for the team: first answers to tenders drafted from our "
        "past proposals.",
        "to_improve": "Measure the time saved before presenting it to the team.",
        "exercises": "Draft the answer to the tender due next month with the assistant.",
        "next_topics": "Presenting the use case to the team.",
        "mentor_learned": "How a tender is priced, and where the margin really comes from.",
        "mentee_learned": "A good use case is narrow, frequent and easy to check.",
    },
    {
        "acquired": "Prepared the team presentation: what we tried, the time saved, the risks "
        "and the rules we keep.",
        "to_improve": "Show a failure too, so people trust the successes.",
        "exercises": "Present it at the next team meeting and collect questions.",
        "next_topics": "Prompt library for the team.",
        "mentor_learned": "How to bring a sceptical team along: start with their pain, not "
        "the tool.",
        "mentee_learned": "Sharing my own beginner's prompts made the team less shy.",
    },
    {
        "acquired": "Started a shared library of prompts that worked, with an example answer "
        "for each.",
        "to_improve": "Name an owner so the library stays tidy.",
        "exercises": "Add three prompts from the team's own work.",
        "next_topics": "Image generation and copyright.",
        "mentor_learned": "Why some projects get funded: the story matters as much as the figures.",
        "mentee_learned": "Templates help people start, examples help them improve.",
    },
    {
        "acquired": "Compared two assistants on the same analysis of a customer survey.",
        "to_improve": "Check the counts the assistant gives against the raw data.",
        "exercises": "Ask the data team for the survey's raw file and redo the count.",
        "next_topics": "What to tell the executive committee about AI risks.",
        "mentor_learned": "What the executive committee expects from a one-page note.",
        "mentee_learned": "Assistants are good at themes and bad at arithmetic.",
    },
]

CLOSING_NEXT_STEPS = [
    "Keep the weekly report routine and share the prompt library with the new team.",
    "Present the tender use case to the sales leadership in January.",
    "Meet once a quarter to keep exchanging on strategy and tools.",
    "Train two more people of the team on safe use of the assistant.",
]

TESTIMONIALS = [
    "I came in thinking AI was a gadget. Six months later my team drafts tenders twice as "
    "fast, and I can explain the risks to the board myself.",
    "I learned more about how this company is really run in six lunches than in three years "
    "of meetings. And my director now asks me before buying any AI tool.",
    "Being mentored by someone twenty-five years younger was humbling and fun. The best part: "
    "we still meet every quarter.",
    "Explaining prompt writing to a senior leader forced me to understand it better myself. "
    "In return I got a crash course in negotiation.",
]

TEAM_GOAL = "Use an AI assistant every week"
