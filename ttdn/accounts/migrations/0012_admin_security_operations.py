"""The admin role runs the security operations of README, "Sign-in and security": deletes a lost
second factor, lifts a lockout, revokes API tokens, and reads the access log and the account
events. It sees no secret: the admins of these models show no key (ttdn/accounts/admin_security.py)."""

from django.db import migrations

from ttdn.accounts.role_migrations import grant_role_permissions

ROLE_PERMISSIONS = {
    "admin": [
        "otp_totp.view_totpdevice",
        "otp_totp.delete_totpdevice",
        "otp_static.view_staticdevice",
        "otp_static.delete_staticdevice",
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
        "axes.view_accesslog",
        "axes.view_accessfailurelog",
        "accounts.view_apitoken",
        "accounts.delete_apitoken",
        "accounts.view_accountevent",
        "cases.view_accesslog",
    ]
}


def grant(apps, schema_editor):
    grant_role_permissions(apps, ROLE_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0011_account_events_and_api_tokens"),
        ("otp_totp", "0003_add_timestamps"),
        ("otp_static", "0003_add_timestamps"),
        ("axes", "0010_accessattemptexpiration"),
        ("cases", "0018_access_log_person_actions"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
