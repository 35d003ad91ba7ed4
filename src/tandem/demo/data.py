"""The raw material of the demo organisation: names, sites, departments and their titles.

A title written ``"Directeur financier|Directrice financière"`` has a masculine and a feminine
form; a title without ``|`` is the same for everyone.
"""

HOST_NAME = "Hexalis"
HOST_SLUG = "hexalis-demo"
PARTNER_NAME = "Université Paris-Saclay"
PARTNER_SLUG = "universite-paris-saclay-demo"
DOMAIN = "demo.tandem.example"
PARTNER_DOMAIN = "saclay.demo.tandem.example"

# site -> (time zone, languages everyone there speaks, name pool)
SITES = {
    "Paris": ("Europe/Paris", ["fr"], "fr"),
    "Lyon": ("Europe/Paris", ["fr"], "fr"),
    "Nantes": ("Europe/Paris", ["fr"], "fr"),
    "Montréal": ("America/Toronto", ["fr", "en"], "qc"),
    "London": ("Europe/London", ["en"], "en"),
    "Barcelona": ("Europe/Madrid", ["es", "en"], "es"),
    "Munich": ("Europe/Berlin", ["de", "en"], "de"),
}

NAMES = {
    "fr": {
        "f": "Camille Léa Manon Chloé Emma Inès Sarah Julie Clara Anaïs Marion Pauline Claire "
        "Hélène Isabelle Nathalie Sophie Valérie Sandrine Céline Aurélie Élodie Laure Mathilde "
        "Juliette Zoé Louise Agathe Margaux Charlotte Lucie Noémie Amandine Caroline Delphine "
        "Florence Véronique Catherine Anne Christine Élise Salomé Yasmine Nadia Fatou Amina "
        "Leïla Mélanie Aïcha Lina",
        "m": "Thomas Nicolas Julien Antoine Maxime Alexandre Hugo Lucas Louis Théo Paul Arthur "
        "Mathieu Romain Guillaume Pierre Jean Philippe Laurent Olivier François Éric Christophe "
        "Stéphane Benoît Vincent Sébastien Jérôme Patrick Michel Bruno Yann Quentin Baptiste "
        "Clément Adrien Florian Karim Mehdi Samir Youssef Moussa Ibrahim Raphaël Nathan Gabriel "
        "Étienne Damien Cédric Xavier",
        "last": "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon "
        "Laurent Lefebvre Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard André "
        "Mercier Dupont Lambert Bonnet François Martinez Legrand Garnier Faure Rousseau Blanc "
        "Guérin Muller Henry Roussel Perrin Morin Mathieu Clément Gauthier Dumont Lopez Fontaine "
        "Chevalier Robin Masson Sanchez Gérard Nguyen Boyer Denis Lemaire Duval Joly Roger Roche "
        "Noël Meyer Lucas Meunier Marchand Dufour Blanchard Barbier Brun Dumas Brunet Schmitt "
        "Leroux Colin Fernandez Renard Arnaud Rolland Caron Aubert Giraud Leclerc Vidal "
        "Bourgeois Renaud Lemoine Picard Gaillard Lacroix Fabre Dupuis Hubert Guillot Rivière "
        "Le_Gall Adam Rey Moulin Berger Lecomte Fleury Deschamps Carpentier Maillard Aubry "
        "Vasseur Le_Roux Jacquet Collet Prévost Poirier Charpentier Royer Huet Baron Dupuy Pons "
        "Breton Rémy Schneider Perrot Guyot Marty Cousin Benali Haddad Diallo Traoré Koné Mendy "
        "Tran Pham Bensaïd Da_Silva",
    },
    "qc": {
        "f": "Gabrielle Rosalie Maude Geneviève Marie-Ève Émilie Catherine Audrey Valérie "
        "Isabelle Mélissa Annie",
        "m": "Jérémie Félix Samuel William Olivier Jean-François Marc-André Mathieu Simon "
        "Alexis Étienne Vincent",
        "last": "Tremblay Gagnon Roy Côté Bouchard Gauthier Morin Lavoie Fortin Gagné Ouellet "
        "Pelletier Bélanger Lévesque Bergeron Leblanc Paquette Simard Boucher Caron",
    },
    "en": {
        "f": "Emily Olivia Sophie Grace Hannah Jessica Rachel Laura Megan Charlotte Amelia Chloe",
        "m": "James Oliver Jack Harry George Daniel Michael David Andrew Ryan Ethan Liam",
        "last": "Smith Johnson Williams Brown Taylor Wilson Clarke Walker Wright Thompson Evans "
        "Hughes Green Harris Campbell MacDonald O'Brien Patel Singh Chen Wong Kelly Murphy Cooper",
    },
    "es": {
        "f": "Lucía Carmen Marta Elena Paula Sofía Laia Núria",
        "m": "Javier Pablo Alejandro Sergio Jordi Marc Pau Álvaro",
        "last": "García Martínez López Sánchez Pérez Gómez Fernández Ruiz Díaz Moreno Puig "
        "Serra Ferrer Soler",
    },
    "de": {
        "f": "Anna Lena Julia Katharina Sophie Hanna Lea Miriam",
        "m": "Lukas Jonas Felix Maximilian Tobias Stefan Florian Matthias",
        "last": "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Hoffmann Schulz "
        "Koch Richter",
    },
}

# Direction générale: under the CEO, beside the department directors.
EXECUTIVES = [
    ("Direction générale", "Directeur général délégué|Directrice générale déléguée"),
    ("Direction générale", "Chief of Staff"),
    ("Direction générale", "Directeur de la stratégie|Directrice de la stratégie"),
]
EXECUTIVE_STAFF = {
    "Chief of Staff": ["Assistant de direction|Assistante de direction"],
    "Directeur de la stratégie|Directrice de la stratégie": [
        "Chargé de mission stratégie|Chargée de mission stratégie",
        "Strategy analyst",
    ],
}
CEO_TITLE = "Président-directeur général|Présidente-directrice générale"

# department -> (number of heads, site weights, titles by depth 1..5)
DEPARTMENTS = {
    "Finance": (
        2,
        {"Paris": 8, "Lyon": 2},
        {
            1: ["Directeur administratif et financier|Directrice administrative et financière"],
            2: [
                "Head of Controlling",
                "Responsable comptabilité",
                "Trésorier groupe|Trésorière groupe",
            ],
            3: [
                "Contrôleur de gestion senior|Contrôleuse de gestion senior",
                "Responsable consolidation",
                "Responsable fiscalité",
            ],
            4: ["Contrôleur de gestion|Contrôleuse de gestion", "Comptable senior"],
            5: [
                "Analyste financier|Analyste financière",
                "Comptable",
                "Contrôleur de gestion junior|Contrôleuse de gestion junior",
                "Alternant finance|Alternante finance",
                "Data analyst finance",
            ],
        },
    ),
    "RH": (
        2,
        {"Paris": 7, "Lyon": 2, "Nantes": 1},
        {
            1: ["Directeur des ressources humaines|Directrice des ressources humaines"],
            2: ["Responsable développement RH", "Head of Talent Acquisition"],
            3: ["HR business partner", "Responsable formation", "Responsable paie"],
            4: [
                "Chargé de recrutement senior|Chargée de recrutement senior",
                "Chargé de formation|Chargée de formation",
            ],
            5: [
                "Chargé de recrutement|Chargée de recrutement",
                "Talent acquisition specialist",
                "Gestionnaire RH",
                "Alternant RH|Alternante RH",
                "Chargé de marque employeur|Chargée de marque employeur",
            ],
        },
    ),
    "Digital & IT": (
        3,
        {"Paris": 4, "Nantes": 4, "Montréal": 3},
        {
            1: ["Chief Digital & Information Officer"],
            2: ["Head of Data", "Head of Engineering", "RSSI (Chief Information Security Officer)"],
            3: ["Engineering manager", "Data lead", "Product manager", "Security manager"],
            4: ["Tech lead", "Senior data scientist", "Senior software engineer", "Scrum master"],
            5: [
                "Développeur full-stack|Développeuse full-stack",
                "Data analyst",
                "Data scientist",
                "Ingénieur cybersécurité|Ingénieure cybersécurité",
                "DevOps engineer",
                "UX designer",
                "Product owner",
                "Apprenti développeur|Apprentie développeuse",
            ],
        },
    ),
    "Marketing": (
        2,
        {"Paris": 7, "Montréal": 1, "Barcelona": 2},
        {
            1: ["Chief Marketing Officer"],
            2: ["Directeur de la communication|Directrice de la communication", "Head of Brand"],
            3: [
                "Responsable marketing produit",
                "Brand manager",
                "Responsable communication interne",
            ],
            4: ["Chef de projet marketing|Cheffe de projet marketing", "Senior content manager"],
            5: [
                "Chargé de communication digitale|Chargée de communication digitale",
                "Community manager",
                "Content designer",
                "Growth marketer",
                "Social media manager",
            ],
        },
    ),
    "Operations": (
        3,
        {"Lyon": 5, "Nantes": 3, "Paris": 2},
        {
            1: ["Chief Operating Officer"],
            2: [
                "Directeur de site|Directrice de site",
                "Head of Supply Chain",
                "Responsable qualité groupe",
            ],
            3: ["Responsable logistique", "Responsable production", "Responsable achats"],
            4: ["Chef d'équipe|Cheffe d'équipe", "Acheteur senior|Acheteuse senior"],
            5: [
                "Technicien méthodes|Technicienne méthodes",
                "Approvisionneur|Approvisionneuse",
                "Ingénieur qualité|Ingénieure qualité",
                "Planificateur|Planificatrice",
                "Analyste supply chain",
            ],
        },
    ),
    "Legal": (
        1,
        {"Paris": 1},
        {
            1: ["General Counsel"],
            2: ["Responsable juridique corporate", "Data Protection Officer"],
            3: ["Juriste senior", "Responsable conformité"],
            4: ["Juriste", "Compliance officer"],
            5: [
                "Juriste junior",
                "Paralegal",
                "Chargé de conformité|Chargée de conformité",
                "Juriste droit du numérique",
            ],
        },
    ),
    "Sales": (
        3,
        {"Paris": 3, "Lyon": 2, "Montréal": 2, "Barcelona": 1, "Munich": 1, "London": 1},
        {
            1: ["Chief Sales Officer"],
            2: [
                "Directeur commercial France|Directrice commerciale France",
                "Head of International Sales",
                "Head of Key Accounts",
            ],
            3: ["Responsable grands comptes", "Sales manager", "Responsable avant-vente"],
            4: ["Key account manager", "Customer success lead"],
            5: [
                "Business developer",
                "Ingénieur commercial|Ingénieure commerciale",
                "Customer success manager",
                "Sales operations analyst",
                "Inside sales representative",
            ],
        },
    ),
}

PROGRAM_MANAGER_TITLE = "Responsable des programmes de mentorat"
COACH_TITLE = "Coach interne"

PARTNER_HEAD_TITLE = "Directeur des relations entreprises|Directrice des relations entreprises"
STUDENT_TITLES = [
    "Étudiant en master informatique|Étudiante en master informatique",
    "Étudiant en master data science|Étudiante en master data science",
    "Doctorant en intelligence artificielle|Doctorante en intelligence artificielle",
    "Étudiant en master cybersécurité|Étudiante en master cybersécurité",
    "Élève ingénieur|Élève ingénieure",
]

# Topics juniors teach, by program they serve.
GENAI_TOPICS = ["genai", "prompting", "cyber", "data-literacy", "automation", "info-reliability"]
CSR_TOPICS = ["csr", "digital-sobriety", "inclusion"]
OTHER_JUNIOR_TOPICS = ["collab-tools", "social-platforms", "intergenerational", "new-generations"]
SENIOR_TOPICS = ["business-context", "strategy", "org-politics", "prioritisation", "career-paths"]

GENAI_PROGRAM = {
    "name": "Generative AI for leaders",
    "objective": (
        "Give every member of the leadership team hands-on practice of generative AI and its "
        "risks, taught by colleagues who use it daily; and give those colleagues a first-hand "
        "view of how the company is run."
    ),
    "cadence_days": 21,
    "meeting_minutes": 60,
    "authorised_subjects": (
        "Generative AI tools and their limits, prompt writing, cybersecurity reflexes, data "
        "literacy, automation; in return: strategy and business context."
    ),
    "deliverables": "One use case tried in the mentee's own work, shared at the closing event.",
    "progression_criteria": (
        "The mentee uses an AI assistant weekly and can explain its risks to their team."
    ),
}
CSR_PROGRAM = {
    "name": "CSR circle",
    "objective": (
        "Circles of three young colleagues help a leader bring CSR, digital sobriety and "
        "inclusion into their own decisions."
    ),
    "cadence_days": 30,
    "meeting_minutes": 90,
    "authorised_subjects": "CSR, digital sobriety, inclusion and diversity.",
    "deliverables": "One commitment per leader, followed up at three and six months.",
    "progression_criteria": "The leader's commitment is met or revised with the circle.",
}

AVAILABILITY = [
    "mon 09:00-12:00",
    "mon 14:00-17:00",
    "tue 09:00-12:00",
    "tue 14:00-17:00",
    "wed 09:00-12:00",
    "thu 09:00-12:00",
    "thu 14:00-17:00",
    "fri 09:00-12:00",
]

MENTOR_MOTIVATIONS = [
    "I use these tools every day and I would like to help leaders get started.",
    "J'aimerais partager ce que j'ai appris et comprendre comment la direction décide.",
    "Teaching is the best way to learn; I also want to understand our strategy better.",
    "Je veux rendre les outils numériques moins intimidants pour mes collègues.",
]
MENTEE_MOTIVATIONS = [
    "I want to understand what generative AI changes for my teams, hands on.",
    "Je souhaite comprendre les usages de la nouvelle génération et m'y former.",
    "My teams move faster than I do on these topics; I want to catch up.",
    "Je veux pouvoir parler de ces sujets avec crédibilité en comité de direction.",
]


def gendered(title: str, gender: str) -> str:
    """The form of ``title`` for ``gender`` ('f' takes the part after ``|``)."""
    masculine, _, feminine = title.partition("|")
    return feminine if (feminine and gender == "f") else masculine


def pool(key: str, part: str) -> list[str]:
    return [word.replace("_", " ") for word in NAMES[key][part].split()]


CHOOSING_PROGRAM = {
    "name": "Digital toolbox",
    "objective": (
        "Leaders pick the colleague they want to learn digital tools from, among the mentors "
        "Tandem suggests for their needs; the program's managers place whoever has not chosen."
    ),
    "cadence_days": 28,
    "meeting_minutes": 45,
    "authorised_subjects": "Collaboration tools, generative AI, social platforms, data literacy.",
    "deliverables": "One new habit in the leader's weekly work.",
    "progression_criteria": "The leader uses the tool without help after three meetings.",
}
REQUEST_MESSAGE = (
    "I would like to get going with the collaboration tools our teams use every day; you were "
    "recommended to me and I would be glad to learn from you."
)
