
import ttdn.cases.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0013_post_visit_report_timer'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='person',
            name='cases_person_passport_unique',
        ),
        migrations.AddField(
            model_name='historicalperson',
            name='anonymised_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='anonymised on'),
        ),
        migrations.AddField(
            model_name='historicalperson',
            name='passport_hash',
            field=ttdn.cases.fields.IdentityHashField(blank=True, default='', editable=False, max_length=64, source='passport_number', verbose_name='passport number hash'),
        ),
        migrations.AddField(
            model_name='person',
            name='anonymised_at',
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name='anonymised on'),
        ),
        migrations.AddField(
            model_name='person',
            name='passport_hash',
            field=ttdn.cases.fields.IdentityHashField(blank=True, default='', editable=False, max_length=64, source='passport_number', verbose_name='passport number hash'),
        ),
        migrations.AlterField(
            model_name='historicalperson',
            name='passport_number',
            field=ttdn.cases.fields.EncryptedTextField(blank=True, max_length=32, verbose_name='passport number'),
        ),
        migrations.AlterField(
            model_name='person',
            name='passport_number',
            field=ttdn.cases.fields.EncryptedTextField(blank=True, max_length=32, verbose_name='passport number'),
        ),
    ]
