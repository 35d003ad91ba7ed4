"""Goals Tandem titled from a need or a topic before titles were worded per reader: found by
their English or French text, marked generated so each reader now reads them in their own
language. A title a participant wrote or changed is left as it is."""

from django.db import migrations

PROGRESS = ("Progress in {}", "Progresser en {}")
UNDERSTAND = ("Understand {} from the inside", "Comprendre {} de l'intérieur")
NO_TOPIC = ("the business context", "le contexte métier")


def _code(title: str, names: tuple[str, ...]) -> str:
    if any(title == pattern.format(name) for pattern in PROGRESS for name in names if name):
        return "progress"
    if any(title == pattern.format(name) for pattern in UNDERSTAND for name in names):
        return "understand"
    return ""


def mark(apps, schema_editor):
    Goal = apps.get_model("mentorships", "Goal")
    rows = Goal.objects.filter(title_code="").values_list(
        "pk", "title", "topic__name_en", "topic__name_fr"
    )
    found: dict[str, list[int]] = {"progress": [], "understand": []}
    for pk, title, name_en, name_fr in rows.iterator(chunk_size=2000):
        code = _code(title, (name_en, name_fr) if name_en else NO_TOPIC)
        if code:
            found[code].append(pk)
    for code, pks in found.items():
        for start in range(0, len(pks), 2000):
            Goal.objects.filter(pk__in=pks[start : start + 2000]).update(title_code=code)


class Migration(migrations.Migration):
    dependencies = [('mentorships', '0006_structured_reasons_fallback_reason_goal_title')]

    operations = [migrations.RunPython(mark, migrations.RunPython.noop)]
