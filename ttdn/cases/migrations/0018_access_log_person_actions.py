from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('cases', '0017_retention_period'),
    ]

    operations = [
        migrations.AlterField(
            model_name='accesslog',
            name='action',
            field=models.CharField(choices=[('view_restricted', 'viewed the restricted case'), ('download', 'downloaded an attachment'), ('export', 'exported'), ('person_export', "exported a person's data (data subject's request)"), ('person_correct', "corrected a person's data (data subject's request)")], max_length=16, verbose_name='action'),
        ),
    ]
