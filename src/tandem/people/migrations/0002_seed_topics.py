from django.db import migrations

from tandem.people.taxonomy import TOPICS


def seed(apps, schema_editor):
    Topic = apps.get_model("people", "Topic")
    for slug, name_en, name_fr, side in TOPICS:
        Topic.objects.get_or_create(
            slug=slug, defaults={"name_en": name_en, "name_fr": name_fr, "side": side}
        )


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
