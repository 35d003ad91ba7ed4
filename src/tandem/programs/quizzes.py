"""The closing quizzes of the seeded training modules, in English and French.

Each module ends with four questions on what its page teaches; three right answers pass
(``TrainingModule.pass_mark``). A question is ``(English, French, choices)`` and a choice
``(English, French, correct)``. ``seed`` writes the missing ones, for the data migration
(historical models) and the tests (a flushed database).
"""

Q = tuple[str, str, list[tuple[str, str, bool]]]

QUIZZES: dict[str, list[Q]] = {
    "active-listening": [
        (
            "Which question best opens a first conversation with your mentee?",
            "Quelle question ouvre le mieux une première conversation avec votre mentoré ?",
            [
                ("Do you use ChatGPT?", "Utilisez-vous ChatGPT ?", False),
                (
                    "What do you use today to prepare a board meeting?",
                    "Qu'utilisez-vous aujourd'hui pour préparer un comité de direction ?",
                    True,
                ),
                (
                    "Shall I show you my favourite tool?",
                    "Je vous montre mon outil préféré ?",
                    False,
                ),
            ],
        ),
        (
            "What is a reformulation?",
            "Qu'est-ce qu'une reformulation ?",
            [
                (
                    "Saying back in your own words what you heard, so the other can correct or "
                    "go deeper",
                    "Redire avec vos mots ce que vous avez entendu, pour que l'autre corrige ou "
                    "approfondisse",
                    True,
                ),
                (
                    "Repeating your explanation more slowly",
                    "Répéter votre explication plus lentement",
                    False,
                ),
                ("Correcting the other's words", "Corriger les mots de l'autre", False),
            ],
        ),
        (
            "Where should a session with a senior leader start from?",
            "D'où doit partir une séance avec un dirigeant ?",
            [
                (
                    "A complete demonstration of the tool",
                    "Une démonstration complète de l'outil",
                    False,
                ),
                (
                    "Their own questions, cases and doubts",
                    "Ses propres questions, cas et doutes",
                    True,
                ),
                ("The latest news of the field", "Les dernières nouveautés du domaine", False),
            ],
        ),
        (
            "Why sum up where you are every fifteen minutes or so?",
            "Pourquoi faire le point environ tous les quarts d'heure ?",
            [
                (
                    "To keep the session on track and show the other person they were heard",
                    "Pour garder le fil de la séance et montrer à l'autre qu'il a été entendu",
                    True,
                ),
                ("To fill the silences", "Pour remplir les silences", False),
                ("To check the time left", "Pour vérifier le temps qui reste", False),
            ],
        ),
    ],
    "silences": [
        (
            "Your mentee stays silent after your question. What do you do?",
            "Votre mentoré reste silencieux après votre question. Que faites-vous ?",
            [
                (
                    "Rephrase the question straight away",
                    "Reformuler tout de suite la question",
                    False,
                ),
                (
                    "Wait, counting slowly in your head, and let them think",
                    "Attendre en comptant lentement dans votre tête, et le laisser réfléchir",
                    True,
                ),
                ("Suggest an answer", "Proposer une réponse", False),
            ],
        ),
        (
            "What does a silence after a good question usually mean?",
            "Que signifie le plus souvent un silence après une bonne question ?",
            [
                (
                    "You lost control of the session",
                    "Vous avez perdu le contrôle de la séance",
                    False,
                ),
                ("Someone is thinking", "Quelqu'un réfléchit", True),
                ("The question was too hard", "La question était trop difficile", False),
            ],
        ),
        (
            "The silence really lasts. Which words help?",
            "Le silence dure vraiment. Quels mots aident ?",
            [
                (
                    "“Take your time” or “We can come back to it next time”",
                    "« Prenez votre temps » ou « On pourra y revenir la prochaine fois »",
                    True,
                ),
                ("“So, the answer is…”", "« Bon, la réponse c'est… »", False),
                ("“Let's move on to something else”", "« Passons à autre chose »", False),
            ],
        ),
        (
            "You are stuck on a question your mentee asked. What do you say?",
            "Vous séchez sur une question de votre mentoré. Que dites-vous ?",
            [
                ("Improvise an answer", "Vous improvisez une réponse", False),
                ("“Let me think”", "« Laissez-moi réfléchir »", True),
                ("Change the subject", "Vous changez de sujet", False),
            ],
        ),
    ],
    "feedback": [
        (
            "What are the three steps of the feedback method?",
            "Quelles sont les trois étapes de la méthode de feedback ?",
            [
                ("Fact, effect, suggestion", "Fait, effet, suggestion", True),
                ("Praise, criticism, praise", "Compliment, critique, compliment", False),
                ("Problem, cause, order", "Problème, cause, consigne", False),
            ],
        ),
        (
            "Which remark is a fact?",
            "Quelle remarque est un fait ?",
            [
                ("“Your slides are confusing.”", "« Vos diapositives sont confuses. »", False),
                (
                    "“Your prompt asked for ‘a summary’ without saying for whom.”",
                    "« Votre prompt demandait “un résumé” sans dire pour qui. »",
                    True,
                ),
                ("“That's not how you do it.”", "« Ce n'est pas comme ça qu'on fait. »", False),
            ],
        ),
        (
            "How do you give a suggestion to a senior leader?",
            "Comment faire une suggestion à un dirigeant ?",
            [
                ("As an order, to be clear", "Comme une consigne, pour être clair", False),
                (
                    "As an option: “What if you told it the audience?”",
                    "Comme une option : « Et si vous lui indiquiez le public visé ? »",
                    True,
                ),
                (
                    "You do not: it is not your place",
                    "Vous n'en faites pas : ce n'est pas votre place",
                    False,
                ),
            ],
        ),
        (
            "Which way does feedback go in reverse mentoring?",
            "Dans quel sens va le feedback en mentorat inversé ?",
            [
                (
                    "From the mentor to the mentee only",
                    "Du mentor vers le mentoré seulement",
                    False,
                ),
                (
                    "Both ways: ask for feedback on your sessions too",
                    "Dans les deux sens : demandez aussi un retour sur vos séances",
                    True,
                ),
                ("From HR to both", "Des RH vers les deux", False),
            ],
        ),
    ],
    "no-jargon": [
        (
            "What is the goal of a session?",
            "Quel est le but d'une séance ?",
            [
                ("Show everything you know", "Montrer tout ce que vous savez", False),
                (
                    "Leave your mentee able to do something new on their own",
                    "Que votre mentoré sache faire seul quelque chose de nouveau",
                    True,
                ),
                ("Cover the whole topic", "Couvrir tout le sujet", False),
            ],
        ),
        (
            "Which example do you start from?",
            "De quel exemple partez-vous ?",
            [
                (
                    "A real task from their week",
                    "Une vraie tâche de sa semaine",
                    True,
                ),
                ("The tool's official tutorial", "Le tutoriel officiel de l'outil", False),
                ("An abstract case", "Un cas abstrait", False),
            ],
        ),
        (
            "After showing a task once, what do you do?",
            "Après avoir montré une tâche une fois, que faites-vous ?",
            [
                ("Show it again faster", "Vous la montrez à nouveau, plus vite", False),
                (
                    "Hand over the keyboard and guide with questions",
                    "Vous passez le clavier et guidez par des questions",
                    True,
                ),
                ("Send a link to a video", "Vous envoyez le lien d'une vidéo", False),
            ],
        ),
        (
            "A technical word is needed. What do you do?",
            "Un mot technique est nécessaire. Que faites-vous ?",
            [
                (
                    "Define it once with an everyday comparison, then use it consistently",
                    "Vous le définissez une fois par une comparaison de tous les jours, puis "
                    "l'utilisez toujours de la même façon",
                    True,
                ),
                ("Avoid it whatever it costs", "Vous l'évitez coûte que coûte", False),
                (
                    "Use it and hope it is understood",
                    "Vous l'employez en espérant qu'il soit compris",
                    False,
                ),
            ],
        ),
    ],
    "confidentiality": [
        (
            "Who reads what your pair writes in Tandem (preparations, logs, goal notes)?",
            "Qui lit ce que votre binôme écrit dans Tandem (préparations, comptes rendus, notes "
            "d'objectifs) ?",
            [
                ("The pair alone", "Le binôme seul", True),
                ("The pair and HR", "Le binôme et les RH", False),
                ("The pair and your manager", "Le binôme et votre manager", False),
            ],
        ),
        (
            "Your mentee tells you about a reorganisation that is not public yet. What do you do?",
            "Votre mentoré vous parle d'une réorganisation encore confidentielle. "
            "Que faites-vous ?",
            [
                (
                    "Keep it to yourself: it stays within the pair",
                    "Vous le gardez pour vous : cela reste dans le binôme",
                    True,
                ),
                ("Warn your team", "Vous prévenez votre équipe", False),
                ("Mention it to HR", "Vous en parlez aux RH", False),
            ],
        ),
        (
            "What do program managers and coaches see of your pair?",
            "Que voient les responsables du programme et les coachs de votre binôme ?",
            [
                (
                    "Counts, statuses and dates, never your notes",
                    "Des nombres, des statuts et des dates, jamais vos notes",
                    True,
                ),
                ("Your meeting logs", "Vos comptes rendus de séance", False),
                ("Everything, to help you", "Tout, pour vous aider", False),
            ],
        ),
        (
            "Something said in a session worries you for someone's safety. What do you do?",
            "Un propos tenu en séance vous inquiète pour la sécurité de quelqu'un. "
            "Que faites-vous ?",
            [
                (
                    "Tell your mentee you need to raise it, and talk to your coach",
                    "Vous dites à votre mentoré que vous devez en parler, et vous en parlez à "
                    "votre coach",
                    True,
                ),
                (
                    "Say nothing: confidentiality comes first",
                    "Rien : la confidentialité prime",
                    False,
                ),
                ("Post it in the team channel", "Vous le publiez sur le canal de l'équipe", False),
            ],
        ),
    ],
}


def seed(module_model, question_model) -> None:
    """Create the missing questions of the seeded modules (the modules exist already)."""
    modules = {m.slug: m for m in module_model.objects.filter(slug__in=list(QUIZZES))}
    for slug, questions in QUIZZES.items():
        module = modules.get(slug)
        if module is None:
            continue
        for position, (text_en, text_fr, choices) in enumerate(questions):
            question_model.objects.get_or_create(
                module=module,
                position=position,
                defaults={
                    "text_en": text_en,
                    "text_fr": text_fr,
                    "choices": [
                        {"en": en, "fr": fr, "correct": correct} for en, fr, correct in choices
                    ],
                },
            )
