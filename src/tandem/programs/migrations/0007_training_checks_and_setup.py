
import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('people', '0005_competence_provenance'),
        ('programs', '0006_scheduled_status'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='TrainingQuestion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveSmallIntegerField(default=0)),
                ('text_en', models.TextField(verbose_name='English question')),
                ('text_fr', models.TextField(verbose_name='French question')),
                ('choices', models.JSONField(default=list, verbose_name='choices')),
            ],
            options={
                'verbose_name': 'quiz question',
                'verbose_name_plural': 'quiz questions',
                'ordering': ['module_id', 'position', 'id'],
            },
        ),
        migrations.RemoveConstraint(
            model_name='trainingcompletion',
            name='one_completion_per_module',
        ),
        migrations.AddField(
            model_name='program',
            name='evidence_months',
            field=models.PositiveSmallIntegerField(blank=True, help_text='An endorsement, assessment, certification or HR attestation older than this no longer counts; empty: evidence never expires.', null=True, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(240)], verbose_name='evidence counts for (months)'),
        ),
        migrations.AddField(
            model_name='program',
            name='presentation_date',
            field=models.DateField(blank=True, help_text='The day projects are presented; each pair can move theirs. Empty: the end.', null=True, verbose_name='final presentations (project format)'),
        ),
        migrations.AddField(
            model_name='program',
            name='training_check',
            field=models.CharField(choices=[('quiz', 'a short quiz at the end of each module'), ('signoff', "a coach's sign-off of each module")], default='quiz', max_length=8, verbose_name='how a module is completed'),
        ),
        # Completions made before modules had checks are "legacy": they count for no program.
        migrations.AddField(
            model_name='trainingcompletion',
            name='method',
            field=models.CharField(choices=[('quiz', 'quiz passed'), ('signoff', 'signed off by a coach'), ('legacy', 'recorded before modules had checks')], default='legacy', max_length=8, verbose_name='how'),
        ),
        migrations.AlterField(
            model_name='trainingcompletion',
            name='method',
            field=models.CharField(choices=[('quiz', 'quiz passed'), ('signoff', 'signed off by a coach'), ('legacy', 'recorded before modules had checks')], default='quiz', max_length=8, verbose_name='how'),
        ),
        migrations.AddField(
            model_name='trainingcompletion',
            name='note',
            field=models.CharField(blank=True, max_length=300, verbose_name='sign-off note'),
        ),
        migrations.AddField(
            model_name='trainingcompletion',
            name='out_of',
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='quiz questions'),
        ),
        migrations.AddField(
            model_name='trainingcompletion',
            name='score',
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='quiz score'),
        ),
        migrations.AddField(
            model_name='trainingcompletion',
            name='signed_off_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='signed off by'),
        ),
        migrations.AddField(
            model_name='trainingmodule',
            name='pass_mark',
            field=models.PositiveSmallIntegerField(default=3, verbose_name='correct answers needed to pass the quiz'),
        ),
        migrations.AlterField(
            model_name='program',
            name='circle_size',
            field=models.PositiveSmallIntegerField(default=3, help_text='A circle has 2 to 8 mentors; a project team 1 (a pair) to 8.', validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(8)], verbose_name='mentors per mentee (circle, project)'),
        ),
        migrations.AlterField(
            model_name='program',
            name='format',
            field=models.CharField(choices=[('one-to-one', 'One-to-one pairs'), ('circle', 'Circle: one mentee, several mentors'), ('group', 'Group: one mentor, several mentees'), ('project', 'Project: a pair or circle works on a shared project')], default='one-to-one', max_length=16, verbose_name='format'),
        ),
        migrations.AlterField(
            model_name='program',
            name='min_evidence',
            field=models.PositiveSmallIntegerField(choices=[(0, 'self-declared'), (1, 'endorsed'), (2, 'assessed'), (3, 'certified')], default=1, verbose_name='minimum evidence for mentors'),
        ),
        migrations.AddConstraint(
            model_name='trainingcompletion',
            constraint=models.UniqueConstraint(fields=('person', 'module', 'method'), name='one_completion_per_module_and_way'),
        ),
        migrations.AddConstraint(
            model_name='trainingcompletion',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('method', 'quiz'), _negated=True), models.Q(('out_of__isnull', False), ('score__isnull', False), ('score__lte', models.F('out_of'))), _connector='OR'), name='quiz_completion_has_score'),
        ),
        migrations.AddField(
            model_name='trainingquestion',
            name='module',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='questions', to='programs.trainingmodule'),
        ),
        migrations.AddConstraint(
            model_name='trainingquestion',
            constraint=models.UniqueConstraint(fields=('module', 'position'), name='one_question_per_place'),
        ),
    ]
