from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0015_encrypt_passport_numbers"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='person',
            constraint=models.UniqueConstraint(condition=models.Q(('passport_hash', ''), _negated=True), fields=('nationality', 'passport_hash'), name='cases_person_passport_unique', violation_error_message='A person with this passport number and nationality exists.'),
        ),
    ]
