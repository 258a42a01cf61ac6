import ttdn.cases.fields
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('press', '0002_timers_and_permissions'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalpresscard',
            name='number_hash',
            field=ttdn.cases.fields.IdentityHashField(blank=True, db_index=True, default='', editable=False, max_length=64, source='number', verbose_name='number hash'),
        ),
        migrations.AddField(
            model_name='presscard',
            name='number_hash',
            field=ttdn.cases.fields.IdentityHashField(blank=True, db_index=True, default='', editable=False, max_length=64, source='number', verbose_name='number hash'),
        ),
        migrations.AlterField(
            model_name='historicalpresscard',
            name='number',
            field=ttdn.cases.fields.EncryptedTextField(max_length=64, verbose_name='number'),
        ),
        migrations.AlterField(
            model_name='presscard',
            name='number',
            field=ttdn.cases.fields.EncryptedTextField(max_length=64, verbose_name='number'),
        ),
    ]
