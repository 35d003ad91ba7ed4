
import django.db.models.deletion
import tandem.accounts.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('mentorships', '0007_generated_goal_titles'),
    ]

    operations = [
        migrations.CreateModel(
            name='Project',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('deliverable', tandem.accounts.fields.EncryptedTextField(blank=True, verbose_name='deliverable')),
                ('presentation_date', models.DateField(blank=True, null=True, verbose_name='final presentation')),
                ('delivered_at', models.DateTimeField(blank=True, null=True, verbose_name='delivered at')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('mentorship', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='project', to='mentorships.mentorship')),
            ],
            options={
                'verbose_name': 'project',
                'verbose_name_plural': 'projects',
            },
        ),
        migrations.CreateModel(
            name='ProjectMilestone',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', tandem.accounts.fields.EncryptedTextField(verbose_name='milestone')),
                ('due', models.DateField(blank=True, null=True, verbose_name='due')),
                ('done_at', models.DateTimeField(blank=True, null=True, verbose_name='done at')),
                ('position', models.PositiveSmallIntegerField(default=0)),
                ('project', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='milestones', to='mentorships.project')),
            ],
            options={
                'verbose_name': 'project milestone',
                'verbose_name_plural': 'project milestones',
                'ordering': ['project_id', 'position', 'due', 'id'],
            },
        ),
    ]
