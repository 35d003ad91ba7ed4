"""The seeded topic taxonomy: slug, English name, French name, side.

Slugs are short because HR teams type them in the enrolment CSV (``genai:3:assessed``);
``tandem topics`` lists them.
"""

TOPICS = [
    ("genai", "Generative AI at work", "L'IA générative au travail", "junior"),
    ("prompting", "Prompt writing", "L'écriture de prompts", "junior"),
    ("cyber", "Cybersecurity reflexes", "Les réflexes de cybersécurité", "junior"),
    ("collab-tools", "Collaboration tools", "Les outils collaboratifs", "junior"),
    (
        "info-reliability",
        "Reliable information and fact-checking",
        "Information fiable et vérification des faits",
        "junior",
    ),
    (
        "social-platforms",
        "Social and professional platforms (LinkedIn…)",
        "Réseaux sociaux et plateformes professionnelles (LinkedIn…)",
        "junior",
    ),
    ("data-literacy", "Data literacy", "Culture de la donnée", "junior"),
    ("automation", "Automation and no-code", "Automatisation et no-code", "junior"),
    ("digital-sobriety", "Digital sobriety", "Sobriété numérique", "junior"),
    ("csr", "CSR and sustainability", "RSE et développement durable", "junior"),
    ("inclusion", "Inclusion and diversity", "Inclusion et diversité", "junior"),
    (
        "intergenerational",
        "Intergenerational communication",
        "Communication intergénérationnelle",
        "junior",
    ),
    (
        "new-generations",
        "Expectations of new generations at work",
        "Attentes des nouvelles générations au travail",
        "junior",
    ),
    ("business-context", "Business context", "Contexte business", "senior"),
    ("strategy", "Strategy", "Stratégie", "senior"),
    ("org-politics", "Organisational politics", "Politique de l'organisation", "senior"),
    ("prioritisation", "Prioritisation", "Priorisation", "senior"),
    ("career-paths", "Career paths", "Parcours de carrière", "senior"),
]

TRAINING_MODULES = [
    (
        "active-listening",
        "Active listening",
        "L'écoute active",
        "Listen to understand, reformulate, ask open questions.",
        "Écouter pour comprendre, reformuler, poser des questions ouvertes.",
        45,
    ),
    (
        "silences",
        "Managing silences",
        "Gérer les silences",
        "Let the other think; a silence is not a failure.",
        "Laisser l'autre réfléchir : un silence n'est pas un échec.",
        30,
    ),
    (
        "feedback",
        "Giving feedback",
        "Donner du feedback",
        "Say what you saw, its effect, and what could change — to a senior leader too.",
        "Dire ce qu'on a vu, son effet, et ce qui pourrait changer — à un dirigeant aussi.",
        45,
    ),
    (
        "no-jargon",
        "Explaining without jargon",
        "Expliquer sans jargon",
        "Start from the other's real cases; show, then let them do.",
        "Partir des cas réels de l'autre ; montrer, puis faire faire.",
        30,
    ),
    (
        "confidentiality",
        "Confidentiality and trust",
        "Confidentialité et confiance",
        "What stays within the pair, what others see, and the one exception.",
        "Ce qui reste dans le binôme, ce que voient les autres, et la seule exception.",
        20,
    ),
]


def seed(topic_model=None, module_model=None) -> None:
    """Create the seeded topics and training modules that are missing. Takes the model classes
    so the data migrations (historical models) and the tests (a flushed database) share it."""
    for slug, name_en, name_fr, side in TOPICS if topic_model is not None else ():
        topic_model.objects.get_or_create(
            slug=slug, defaults={"name_en": name_en, "name_fr": name_fr, "side": side}
        )
    for position, (slug, name_en, name_fr, desc_en, desc_fr, minutes) in enumerate(
        TRAINING_MODULES if module_model is not None else ()
    ):
        module_model.objects.get_or_create(
            slug=slug,
            defaults={
                "name_en": name_en,
                "name_fr": name_fr,
                "description_en": desc_en,
                "description_fr": desc_fr,
                "duration_minutes": minutes,
                "position": position,
            },
        )
