
import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('people', '0004_scim_directories'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='EndorsementRequest',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('level', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(4)], verbose_name='level asked about')),
                ('message', models.CharField(blank=True, max_length=500, verbose_name='message to the colleague')),
                ('status', models.CharField(choices=[('pending', 'Waiting for an answer'), ('given', 'Endorsed'), ('declined', 'Declined'), ('stale', 'No longer needed')], default='pending', max_length=10, verbose_name='status')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='asked at')),
                ('answered_at', models.DateTimeField(blank=True, null=True, verbose_name='answered at')),
            ],
            options={
                'verbose_name': 'endorsement request',
                'verbose_name_plural': 'endorsement requests',
                'ordering': ['-created_at', '-id'],
            },
        ),
        migrations.AddField(
            model_name='competence',
            name='endorser',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='endorsed_competences', to='people.person', verbose_name='endorsed by'),
        ),
        migrations.AddField(
            model_name='competence',
            name='evidence_date',
            field=models.DateField(blank=True, null=True, verbose_name='evidence given on'),
        ),
        migrations.AddField(
            model_name='competence',
            name='source',
            field=models.CharField(choices=[('self', 'self-declared'), ('endorsement', 'endorsement by a colleague'), ('assessment', 'assessment'), ('certification', 'certification'), ('hr_import', 'HR import'), ('legacy', 'recorded before provenance')], default='self', max_length=16, verbose_name='source of the evidence'),
        ),
        migrations.AddField(
            model_name='competence',
            name='source_note',
            field=models.CharField(blank=True, help_text="The assessment's note, the certification's name or the imported file.", max_length=300, verbose_name='note, certification or file'),
        ),
        migrations.AlterField(
            model_name='competence',
            name='verified_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='recorded at'),
        ),
        migrations.AlterField(
            model_name='competence',
            name='verified_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recorded by'),
        ),
        migrations.AddField(
            model_name='endorsementrequest',
            name='colleague',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='endorsement_requests', to='people.person', verbose_name='colleague'),
        ),
        migrations.AddField(
            model_name='endorsementrequest',
            name='competence',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='endorsement_requests', to='people.competence'),
        ),
        migrations.AddIndex(
            model_name='endorsementrequest',
            index=models.Index(fields=['colleague', 'status'], name='people_endo_colleag_b669d5_idx'),
        ),
        migrations.AddConstraint(
            model_name='endorsementrequest',
            constraint=models.UniqueConstraint(condition=models.Q(('status', 'pending')), fields=('competence', 'colleague'), name='one_pending_endorsement_per_colleague'),
        ),
    ]
