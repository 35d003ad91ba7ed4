"""The closing quizzes of the seeded training modules, in English and French.

Each module ends with four questions on what its page teaches; three right answers pass
(``TrainingModule.pass_mark``). The questions are content, kept in ``quizzes.json`` beside this
file: per module slug, a list of ``{"en", "fr", "choices"}`` where a choice is
``{"en", "fr", "correct"}`` (as ``TrainingQuestion.choices`` stores it). ``seed`` writes the
missing ones, for the data migration (historical models) and the tests (a flushed database).
"""

import json
from pathlib import Path

QUIZZES: dict[str, list[dict]] = json.loads(
    Path(__file__).with_name("quizzes.json").read_text(encoding="utf-8")
)


def seed(module_model, question_model) -> None:
    """Create the missing questions of the seeded modules (the modules exist already)."""
    modules = {m.slug: m for m in module_model.objects.filter(slug__in=list(QUIZZES))}
    for slug, questions in QUIZZES.items():
        module = modules.get(slug)
        if module is None:
            continue
        for position, question in enumerate(questions):
            question_model.objects.get_or_create(
                module=module,
                position=position,
                defaults={
                    "text_en": question["en"],
                    "text_fr": question["fr"],
                    "choices": [dict(choice) for choice in question["choices"]],
                },
            )
