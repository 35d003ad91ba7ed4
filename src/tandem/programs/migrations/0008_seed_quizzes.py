"""The confidentiality module and every seeded module's quiz (English and French); a program
that requires training but lists no module requires the seeded ones, since a program
requiring training with no module is no longer allowed."""

from django.db import migrations

from tandem.people.taxonomy import seed as seed_taxonomy
from tandem.programs.quizzes import seed as seed_quizzes


def seed(apps, schema_editor):
    Module = apps.get_model("programs", "TrainingModule")
    seed_taxonomy(module_model=Module)
    seed_quizzes(Module, apps.get_model("programs", "TrainingQuestion"))
    Program = apps.get_model("programs", "Program")
    modules = list(Module.objects.all())
    for program in Program.objects.filter(require_training=True, required_modules__isnull=True):
        program.required_modules.set(modules)


class Migration(migrations.Migration):
    dependencies = [('programs', '0007_training_checks_and_setup')]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
