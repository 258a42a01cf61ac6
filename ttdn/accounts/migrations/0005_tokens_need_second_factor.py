"""Tokens handed out before two factors existed were given for a password alone: the users whose
role now requires two factors get theirs withdrawn, and ask again with their code."""

from django.db import migrations
from django.db.models import Q

TWO_FACTOR_GROUPS = ["admin", "police", "leader"]


def withdraw_tokens(apps, schema_editor):
    Token = apps.get_model("authtoken", "Token")
    Token.objects.filter(
        Q(user__is_staff=True) | Q(user__is_superuser=True) | Q(user__groups__name__in=TWO_FACTOR_GROUPS)
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_user_email_digest_user_is_agency_lead"),
        ("authtoken", "0004_alter_tokenproxy_options"),
    ]

    operations = [migrations.RunPython(withdraw_tokens, migrations.RunPython.noop)]
