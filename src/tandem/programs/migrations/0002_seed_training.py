from django.db import migrations

from tandem.people.taxonomy import TRAINING_MODULES


def seed(apps, schema_editor):
    Module = apps.get_model("programs", "TrainingModule")
    for position, (slug, name_en, name_fr, desc_en, desc_fr, minutes) in enumerate(
        TRAINING_MODULES
    ):
        Module.objects.get_or_create(
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


class Migration(migrations.Migration):
    dependencies = [("programs", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
