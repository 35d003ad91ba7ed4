"""Existing competences above self-declared get a source: "recorded before provenance",
dated by their verification when there was one (an undated one has expired for any program
that lets evidence expire). Then the database refuses evidence without a source."""

from django.db import migrations, models
from django.db.models.functions import TruncDate


def recorded_before(apps, schema_editor):
    Competence = apps.get_model("people", "Competence")
    Competence.objects.filter(evidence__gt=0).update(
        source="legacy", evidence_date=TruncDate("verified_at")
    )


def back_to_unsourced(apps, schema_editor):
    Competence = apps.get_model("people", "Competence")
    Competence.objects.filter(source="legacy").update(source="self")


class Migration(migrations.Migration):
    dependencies = [('people', '0005_competence_provenance')]

    operations = [
        migrations.RunPython(recorded_before, back_to_unsourced),
        migrations.AddConstraint(
            model_name='competence',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('evidence__in', (0,)), ('source', 'self')), models.Q(('evidence__in', (1,)), ('source', 'endorsement')), models.Q(('evidence__in', (2,)), ('source', 'assessment')), models.Q(('evidence__in', (3,)), ('source', 'certification')), models.Q(('evidence__in', (1, 2, 3)), ('source', 'hr_import')), models.Q(('evidence__in', (1, 2, 3)), ('source', 'legacy')), _connector='OR'), name='competence_evidence_has_source'),
        ),
        migrations.AddConstraint(
            model_name='competence',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('source__in', ('assessment', 'certification', 'hr_import')), _negated=True), models.Q(models.Q(('source_note', ''), _negated=True), ('evidence_date__isnull', False)), _connector='OR'), name='competence_source_detailed'),
        ),
        migrations.AddConstraint(
            model_name='competence',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('source', 'endorsement'), _negated=True), ('evidence_date__isnull', False), _connector='OR'), name='competence_endorsement_dated'),
        ),
    ]
