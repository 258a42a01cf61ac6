"""The admin role runs the security operations of README, "Sign-in and security": reset a lost
second factor, lift a lockout, revoke API tokens, read the access log; never sees a secret; and
each operation is an account event of the user it concerns. No other role may (issue 16)."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from tests.factories import make_delegation
from ttdn.accounts.models import AccountEvent, User
from ttdn.accounts.roles import Role
from ttdn.accounts.two_factor import backup_codes_issue
from ttdn.cases.models import AccessLog

pytestmark = pytest.mark.django_db

PASSWORD = "Strong-pass-2026"


@pytest.fixture
def admin_client(make_user) -> tuple[Client, User]:
    client = Client()
    admin_user = make_user(Role.ADMIN, is_staff=True)  # the role, not a superuser
    client.force_login(admin_user)
    return client, admin_user


@pytest.fixture
def officer(make_user) -> User:
    user = make_user(Role.POLICE, username="officer")
    user.set_password(PASSWORD)
    user.save()
    return user


def _events(user: User) -> list[tuple[str, str]]:
    return list(AccountEvent.objects.filter(user=user).values_list("code", "actor__username"))


def test_an_admin_deletes_a_lost_authenticator_and_the_backup_codes(admin_client, officer) -> None:
    client, admin_user = admin_client
    device = TOTPDevice.objects.create(user=officer, name="phone", confirmed=True)
    backup_codes_issue(officer)
    codes = list(StaticToken.objects.filter(device__user=officer).values_list("token", flat=True))

    listed = client.get(reverse("admin:otp_totp_totpdevice_changelist")).content.decode()
    shown = client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk])).content.decode()
    backups = client.get(reverse("admin:otp_static_staticdevice_changelist")).content.decode()
    assert officer.full_name in listed and device.key not in listed + shown
    assert not any(code in backups for code in codes)

    deleted = client.post(reverse("admin:otp_totp_totpdevice_delete", args=[device.pk]), {"post": "yes"})
    static = officer.staticdevice_set.get()
    client.post(reverse("admin:otp_static_staticdevice_delete", args=[static.pk]), {"post": "yes"})

    assert deleted.status_code == 302
    assert not TOTPDevice.objects.filter(user=officer).exists()
    assert not StaticToken.objects.filter(device__user=officer).exists()
    assert _events(officer) == [("second_factor_deleted", admin_user.username)] * 2
    page = client.get(reverse("admin:accounts_user_change", args=[officer.pk])).content.decode()
    assert "phone" in page and admin_user.get_full_name() in page


def test_an_admin_lifts_a_lockout(admin_client, officer) -> None:
    client, admin_user = admin_client
    for _ in range(5):
        Client().post(reverse("login"), {"username": "officer", "password": "wrong"}, REMOTE_ADDR="10.7.7.7")
    assert (
        Client().post(reverse("login"), {"username": "officer", "password": PASSWORD}, REMOTE_ADDR="10.7.7.7")
    ).status_code == 429
    attempt = AccessAttempt.objects.get(username="officer")

    listed = client.get(reverse("admin:axes_accessattempt_changelist")).content.decode()
    shown = client.get(reverse("admin:axes_accessattempt_change", args=[attempt.pk])).content.decode()
    assert "officer" in listed and "10.7.7.7" in listed
    assert "wrong" not in shown  # the passwords tried are masked
    lifted = client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )

    assert lifted.status_code == 302
    signed_in = Client().post(
        reverse("login"), {"username": "officer", "password": PASSWORD}, REMOTE_ADDR="10.7.7.7"
    )
    assert signed_in.status_code == 302
    assert _events(officer) == [("lockout_lifted", admin_user.username)]


def test_lifting_the_lockout_of_a_name_no_user_has_is_recorded_too(admin_client) -> None:
    client, admin_user = admin_client
    for spelling in ("Nobody", " NOBODY"):
        Client().post(reverse("login"), {"username": spelling, "password": "guess"}, REMOTE_ADDR="10.6.6.6")
    attempt = AccessAttempt.objects.get()  # one name, however it was spelled

    client.post(reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"})

    event = AccountEvent.objects.get()
    assert (event.user, event.username, event.code, event.actor) == (
        None,
        "nobody",
        "lockout_lifted",
        admin_user,
    )
    assert "10.6.6.6" in event.text
    listed = client.get(reverse("admin:accounts_accountevent_changelist")).content.decode()
    assert "nobody" in listed
    assert (
        client.post(
            reverse("admin:accounts_accountevent_delete", args=[event.pk]), {"post": "yes"}
        ).status_code
        == 403
    )


def test_an_admin_revokes_api_tokens_and_never_sees_a_key(admin_client, officer, make_user) -> None:
    client, admin_user = admin_client
    token = Token.objects.create(user=officer)
    other = Token.objects.create(user=make_user(Role.PROTOCOL))

    listed = client.get(reverse("admin:accounts_apitoken_changelist")).content.decode()
    shown = client.get(reverse("admin:accounts_apitoken_change", args=[officer.pk])).content.decode()
    asked = client.get(reverse("admin:accounts_apitoken_delete", args=[officer.pk])).content.decode()
    assert str(officer) in listed
    assert token.key not in listed + shown + asked and other.key not in listed
    revoked = client.post(reverse("admin:accounts_apitoken_delete", args=[officer.pk]), {"post": "yes"})
    revoked_too = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "revoke_api_tokens", "_selected_action": [other.user_id]},
    )

    assert revoked.status_code == 302 and revoked_too.status_code == 302
    assert not Token.objects.exists()
    assert _events(officer) == [("api_token_revoked", admin_user.username)]
    assert _events(other.user) == [("api_token_revoked", admin_user.username)]
    assert token.key not in client.get(reverse("admin:index")).content.decode()  # nor in recent actions


def test_an_admin_reads_the_access_log_and_changes_none_of_it(admin_client, protocol) -> None:
    client, _admin_user = admin_client
    case = make_delegation(actor=protocol)
    entry = AccessLog.objects.create(case=case, user=protocol, action=AccessLog.Action.EXPORT, detail="csv")

    listed = client.get(reverse("admin:cases_accesslog_changelist"))
    shown = client.get(reverse("admin:cases_accesslog_change", args=[entry.pk]))

    assert list(listed.context["cl"].queryset) == [entry]
    assert shown.status_code == 200 and "csv" in shown.content.decode()
    assert (
        client.post(reverse("admin:cases_accesslog_change", args=[entry.pk]), {"detail": "x"}).status_code
        == 403
    )
    assert (
        client.post(reverse("admin:cases_accesslog_delete", args=[entry.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert client.get(reverse("admin:cases_accesslog_add")).status_code == 403
    entry.refresh_from_db()
    assert entry.detail == "csv"


SECURITY_LISTS = [
    "admin:otp_totp_totpdevice_changelist",
    "admin:otp_static_staticdevice_changelist",
    "admin:axes_accessattempt_changelist",
    "admin:axes_accesslog_changelist",
    "admin:accounts_apitoken_changelist",
    "admin:cases_accesslog_changelist",
    "admin:accounts_accountevent_changelist",
]


@pytest.mark.parametrize("role", [Role.PROTOCOL, Role.POLICE, Role.AGENCY, Role.LEADER])
@pytest.mark.parametrize("staff", [False, True])
def test_no_other_role_reaches_the_security_operations(make_user, officer, role, staff) -> None:
    client = Client()
    client.force_login(make_user(role, is_staff=staff))
    device = TOTPDevice.objects.create(user=officer, name="phone", confirmed=True)
    Token.objects.create(user=officer)

    answers = {name: client.get(reverse(name), follow=True).status_code for name in SECURITY_LISTS}
    client.post(reverse("admin:otp_totp_totpdevice_delete", args=[device.pk]), {"post": "yes"})
    client.post(reverse("admin:accounts_apitoken_delete", args=[officer.pk]), {"post": "yes"})

    assert set(answers.values()) == {403}, answers
    assert TOTPDevice.objects.filter(pk=device.pk).exists() and Token.objects.filter(user=officer).exists()
    assert not AccountEvent.objects.exists()
