
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0010_username_unique_whatever_its_case'),
        ('authtoken', '0004_alter_tokenproxy_options'),
    ]

    operations = [
        migrations.CreateModel(
            name='ApiToken',
            fields=[
            ],
            options={
                'verbose_name': 'API token',
                'verbose_name_plural': 'API tokens',
                'proxy': True,
                'indexes': [],
                'constraints': [],
            },
            bases=('authtoken.tokenproxy',),
        ),
        migrations.CreateModel(
            name='AccountEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('username', models.CharField(max_length=150, verbose_name='user name')),
                ('code', models.CharField(choices=[('second_factor_deleted', 'second factor deleted'), ('lockout_lifted', 'lockout lifted'), ('api_token_revoked', 'API token revoked')], max_length=32, verbose_name='operation')),
                ('text', models.CharField(blank=True, max_length=255, verbose_name='detail')),
                ('at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='when')),
                ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='done by')),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='account_events', to=settings.AUTH_USER_MODEL, verbose_name='user concerned')),
            ],
            options={
                'verbose_name': 'account event',
                'verbose_name_plural': 'account events',
                'ordering': ['-at', '-pk'],
            },
        ),
    ]
