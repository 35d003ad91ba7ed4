import django.db.models.deletion
from django.db import migrations, models


def fill(apps, schema_editor):
    """The summaries of the meetings and answers already there (kept up to date from now on
    by the receivers)."""
    from tandem.insights.services.summary import write

    Mentorship = apps.get_model("mentorships", "Mentorship")
    program_of = dict(Mentorship.objects.values_list("pk", "program_id"))
    write(
        apps.get_model("mentorships", "Meeting").objects.all(),
        apps.get_model("insights", "Answer").objects.all(),
        program_of,
    )


class Migration(migrations.Migration):
    """Separate from 0002: PostgreSQL refuses to alter a table in the transaction that just
    updated its rows' foreign keys."""

    dependencies = [
        ('insights', '0002_dashboard_summaries_and_report_files'),
    ]

    operations = [
        migrations.AlterField(
            model_name='answer',
            name='person',
            field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='people.person'),
        ),
        migrations.AddIndex(
            model_name='answer',
            index=models.Index(fields=['question', 'person', 'value'], name='answer_question_person'),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
