"""The built-in questions: what reverse mentoring programs measure, before and after.

Keys are shared between moments so answers pair up (baseline ``level`` with final ``level``).
Texts are stored on each program's questions in English and French.
"""

from tandem.insights.models import Kind, Moment

MENTOR, MENTEE = "mentor", "mentee"
BOTH = (MENTOR, MENTEE)

# key -> (kind, per_topic, roles, {role: (english, french)} or (english, french))
QUESTIONS = {
    "satisfaction": (
        Kind.SCALE,
        False,
        BOTH,
        (
            "How satisfied are you with your mentorship? (1 = not at all, 5 = very)",
            "Êtes-vous satisfait·e de votre mentorat ? (1 = pas du tout, 5 = très)",
        ),
    ),
    "usefulness": (
        Kind.SCALE,
        False,
        BOTH,
        (
            "How useful is the mentorship for your work? (1 = not at all, 5 = very)",
            "Le mentorat est-il utile à votre travail ? (1 = pas du tout, 5 = très)",
        ),
    ),
    "perception-1": (
        Kind.AGREE,
        False,
        BOTH,
        {
            MENTEE: (
                "Younger colleagues bring knowledge that is useful to my work.",
                "Les collègues plus jeunes apportent des connaissances utiles à mon travail.",
            ),
            MENTOR: (
                "Senior leaders are open to new ways of working.",
                "Les dirigeants expérimentés sont ouverts aux nouvelles façons de travailler.",
            ),
        },
    ),
    "perception-2": (
        Kind.AGREE,
        False,
        BOTH,
        {
            MENTEE: (
                "I feel at ease asking a younger colleague for help.",
                "Je me sens à l'aise pour demander de l'aide à un collègue plus jeune.",
            ),
            MENTOR: (
                "I feel at ease speaking to a senior leader.",
                "Je me sens à l'aise pour m'adresser à un dirigeant expérimenté.",
            ),
        },
    ),
    "tools": (
        Kind.FREQUENCY,
        True,
        (MENTEE,),
        (
            "How often do you use tools for: %(topic)s?",
            "À quelle fréquence utilisez-vous des outils pour : %(topic)s ?",
        ),
    ),
    "level": (
        Kind.LEVEL,
        True,
        BOTH,
        ("Your level in: %(topic)s", "Votre niveau en : %(topic)s"),
    ),
    "nps": (
        Kind.NPS,
        False,
        BOTH,
        (
            "How likely are you to recommend the program to a colleague? (0–10)",
            "Recommanderiez-vous le programme à un·e collègue ? (0–10)",
        ),
    ),
}

MOMENTS = {
    Moment.BASELINE: ("perception-1", "perception-2", "tools", "level"),
    Moment.MIDPOINT: ("satisfaction", "usefulness"),
    Moment.FINAL: (
        "satisfaction",
        "usefulness",
        "perception-1",
        "perception-2",
        "tools",
        "level",
        "nps",
    ),
}


def builtin_questions(moment: str, role: str):
    """(key, kind, per_topic, text_en, text_fr) for a survey, in order."""
    for key in MOMENTS[moment]:
        kind, per_topic, roles, texts = QUESTIONS[key]
        if role not in roles:
            continue
        en, fr = texts[role] if isinstance(texts, dict) else texts
        yield key, kind, per_topic, en, fr
