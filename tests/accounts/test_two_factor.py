"""Two factors: who must give a code, where an unverified session may go, and how codes work."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from ttdn.accounts.models import User
from ttdn.accounts.roles import Role
from ttdn.accounts.services import user_set_roles
from ttdn.accounts.two_factor import authenticator_pending, backup_codes_issue

pytestmark = [pytest.mark.django_db, pytest.mark.two_factor]

PASSWORD = "Strong-pass-2026"


def _user(make_user, role: Role, **fields) -> User:
    user = make_user(role, **fields)
    user.set_password(PASSWORD)
    user.save()
    return user


def _sign_in(client: Client, user: User) -> None:
    response = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content


def code_of(device: TOTPDevice) -> str:
    device.refresh_from_db()
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():06d}"


def _with_authenticator(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


@pytest.mark.parametrize(("role", "staff"), [(Role.POLICE, False), (Role.LEADER, False), (Role.ADMIN, True)])
def test_police_leaders_and_admins_get_nothing_before_the_second_factor(
    client: Client, make_user, role: Role, staff: bool
) -> None:
    user = _user(make_user, role, is_staff=staff)
    _with_authenticator(user)
    _sign_in(client, user)

    for url in (reverse("home"), reverse("cases:list"), reverse("reports:report"), reverse("admin:index")):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("two_factor_verify"))
    api = client.get("/api/v1/agencies/")
    assert api.status_code == 403
    assert "mã xác thực" in api.json()["detail"]
    page = client.get(reverse("two_factor_verify"))
    assert page.status_code == 200
    assert b'class="mainnav"' not in page.content  # no way round the step from the menu


@pytest.mark.parametrize("role", [Role.PROTOCOL, Role.AGENCY])
def test_protocol_and_host_staff_sign_in_with_the_password(client: Client, make_user, role: Role) -> None:
    _sign_in(client, _user(make_user, role))

    assert client.get(reverse("home")).status_code == 200


def test_the_right_code_opens_the_site_once_and_a_wrong_one_does_not(client: Client, make_user) -> None:
    police = _user(make_user, Role.POLICE)
    device = _with_authenticator(police)
    _sign_in(client, police)
    verify = reverse("two_factor_verify")

    wrong = client.post(verify, {"code": "000000" if code_of(device) != "000000" else "111111"})
    assert wrong.status_code == 200
    assert "không đúng" in wrong.content.decode()
    assert client.get(reverse("cases:review_queue")).status_code == 302

    device.throttle_reset()
    code = code_of(device)
    response = client.post(f"{verify}?next={reverse('cases:review_queue')}", {"code": code})
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:review_queue")
    assert client.get(reverse("cases:review_queue")).status_code == 200

    # The same code does not open a second session (a code seen over a shoulder is spent).
    other = Client()
    _sign_in(other, police)
    assert other.post(verify, {"code": code}).status_code == 200
    assert other.get(reverse("cases:review_queue")).status_code == 302


def test_a_backup_code_works_once(client: Client, make_user) -> None:
    leader = _user(make_user, Role.LEADER)
    _with_authenticator(leader)
    first, *_rest = backup_codes_issue(leader)
    _sign_in(client, leader)

    assert client.post(reverse("two_factor_verify"), {"code": first.upper()}).status_code == 302
    assert client.get(reverse("home")).status_code == 200
    client.logout()
    _sign_in(client, leader)
    assert client.post(reverse("two_factor_verify"), {"code": first}).status_code == 200
    assert StaticToken.objects.filter(device__user=leader).count() == 9


def test_a_police_officer_without_an_app_sets_one_up_and_gets_backup_codes(client: Client, make_user) -> None:
    police = _user(make_user, Role.POLICE)
    _sign_in(client, police)

    response = client.get(reverse("home"))
    assert response["Location"].startswith(reverse("two_factor_setup"))
    page = client.get(reverse("two_factor_setup"))
    assert page.status_code == 200
    qr = client.get(reverse("two_factor_qr"))
    assert qr["Content-Type"] == "image/svg+xml"
    assert b"<svg" in qr.content

    pending = TOTPDevice.objects.get(user=police, confirmed=False)
    response = client.post(reverse("two_factor_setup"), {"code": code_of(pending)}, follow=True)
    codes = re.findall(r"<li><code>([a-z0-9]{8})</code></li>", response.content.decode())
    assert len(codes) == 10
    assert set(codes) == set(StaticToken.objects.filter(device__user=police).values_list("token", flat=True))
    assert client.get(reverse("cases:review_queue")).status_code == 200
    # shown once
    assert "<li><code>" not in client.get(reverse("two_factor_backup_codes")).content.decode()


def test_a_password_alone_cannot_put_another_phone_in_place(client: Client, make_user) -> None:
    police = _user(make_user, Role.POLICE)
    device = _with_authenticator(police)
    _sign_in(client, police)

    assert client.get(reverse("two_factor_setup"))["Location"].startswith(reverse("two_factor_verify"))
    assert client.get(reverse("two_factor_qr")).status_code == 404
    assert client.post(reverse("two_factor_setup"), {"code": "123456"}).status_code == 302
    assert list(TOTPDevice.objects.filter(user=police)) == [device]


def test_the_admin_login_page_is_the_sites_with_its_second_factor(client: Client, make_user) -> None:
    admin = _user(make_user, Role.ADMIN, is_staff=True)
    device = _with_authenticator(admin)

    response = client.get("/admin/login/?next=/admin/")
    assert response["Location"] == f"{reverse('login')}?next=%2Fadmin%2F"
    _sign_in(client, admin)
    assert client.get("/admin/").status_code == 302
    client.post(reverse("two_factor_verify"), {"code": code_of(device)})
    assert client.get("/admin/").status_code == 200


def test_api_tokens_need_the_code_for_police_leaders_and_admins(client: Client, make_user) -> None:
    police = _user(make_user, Role.POLICE)
    url = reverse("api:token")

    no_app = client.post(
        url, {"username": police.username, "password": PASSWORD}, content_type="application/json"
    )
    assert no_app.status_code == 400
    assert "otp" in no_app.json()
    device = _with_authenticator(police)
    without = client.post(
        url, {"username": police.username, "password": PASSWORD}, content_type="application/json"
    )
    assert without.status_code == 400
    assert "otp" in without.json()
    wrong = client.post(
        url,
        {"username": police.username, "password": PASSWORD, "otp": "12345678"},
        content_type="application/json",
    )
    assert wrong.status_code == 400
    assert not Token.objects.filter(user=police).exists()

    right = client.post(
        url,
        {"username": police.username, "password": PASSWORD, "otp": code_of(device)},
        content_type="application/json",
    )
    assert right.status_code == 200
    assert right.json()["token"] == Token.objects.get(user=police).key

    protocol = _user(make_user, Role.PROTOCOL)
    plain = client.post(
        url, {"username": protocol.username, "password": PASSWORD}, content_type="application/json"
    )
    assert plain.status_code == 200


def test_anyone_may_turn_it_on_and_is_then_asked_but_only_they_may_turn_it_off(
    client: Client, make_user
) -> None:
    protocol = _user(make_user, Role.PROTOCOL)
    _sign_in(client, protocol)
    pending = authenticator_pending(protocol)
    client.post(reverse("two_factor_setup"), {"code": code_of(pending)})
    client.logout()

    _sign_in(client, protocol)
    assert client.get(reverse("home"))["Location"].startswith(reverse("two_factor_verify"))
    TOTPDevice.objects.filter(pk=pending.pk).update(last_t=-1)  # as if the next code had come
    client.post(reverse("two_factor_verify"), {"code": code_of(pending)})
    client.post(reverse("two_factor_turn_off"))
    assert not TOTPDevice.objects.filter(user=protocol).exists()

    police = _user(make_user, Role.POLICE)
    device = _with_authenticator(police)
    client.logout()
    _sign_in(client, police)
    client.post(reverse("two_factor_verify"), {"code": code_of(device)})
    client.post(reverse("two_factor_turn_off"))
    assert TOTPDevice.objects.filter(user=police).exists()


def test_admins_see_who_has_a_second_factor_but_never_its_secret(client: Client, make_user) -> None:
    police = _user(make_user, Role.POLICE)
    device = _with_authenticator(police)
    backup_codes_issue(police)
    admin = _user(make_user, Role.ADMIN, is_staff=True, is_superuser=True)
    admin_device = _with_authenticator(admin)
    _sign_in(client, admin)
    client.post(reverse("two_factor_verify"), {"code": code_of(admin_device)})

    page = client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk])).content.decode()
    assert police.full_name in page
    assert device.key not in page
    codes = client.get(reverse("admin:otp_static_staticdevice_changelist")).content.decode()
    assert not any(token in codes for token in StaticToken.objects.values_list("token", flat=True))
    assert client.get(reverse("admin:otp_totp_totpdevice_add")).status_code == 403

    client.post(reverse("admin:otp_totp_totpdevice_delete", args=[device.pk]), {"post": "yes"})
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()


def test_a_signed_in_user_who_is_not_staff_is_refused_the_admin_not_sent_round(
    client: Client, make_user
) -> None:
    _sign_in(client, _user(make_user, Role.PROTOCOL))

    response = client.get("/admin/", follow=True)

    assert response.status_code == 403
    assert len(response.redirect_chain) == 1


def test_a_token_given_for_a_password_alone_stops_when_two_factors_become_required(
    client: Client, make_user
) -> None:
    user = _user(make_user, Role.PROTOCOL)
    url = reverse("api:token")
    body = {"username": user.username, "password": PASSWORD}
    old = client.post(url, body, content_type="application/json").json()["token"]
    api = Client(HTTP_AUTHORIZATION=f"Token {old}")
    assert api.get("/api/v1/agencies/").status_code == 200

    user_set_roles(user=user, roles=[Role.POLICE])
    assert api.get("/api/v1/agencies/").status_code == 401
    device = _with_authenticator(user)  # set up on the site, then a token with the code
    assert api.get("/api/v1/agencies/").status_code == 401
    new = client.post(url, {**body, "otp": code_of(device)}, content_type="application/json").json()["token"]
    assert new != old
    assert Client(HTTP_AUTHORIZATION=f"Token {new}").get("/api/v1/agencies/").status_code == 200


def test_an_admin_who_deletes_a_lost_phone_lets_its_owner_set_up_a_new_one(client: Client, make_user) -> None:
    police = _user(make_user, Role.POLICE)
    device = _with_authenticator(police)
    backup_codes_issue(police)
    device.delete()  # what the admin does in the admin, when both phone and codes are lost

    _sign_in(client, police)

    assert client.get(reverse("home"))["Location"].startswith(reverse("two_factor_setup"))
    assert client.get(reverse("two_factor_setup")).status_code == 200


def test_new_backup_codes_keep_a_session_that_used_one(client: Client, make_user) -> None:
    leader = _user(make_user, Role.LEADER)
    _with_authenticator(leader)
    code = backup_codes_issue(leader)[0]
    _sign_in(client, leader)
    client.post(reverse("two_factor_verify"), {"code": code})

    client.post(reverse("two_factor_backup_codes"))

    assert client.get(reverse("home")).status_code == 200
    assert StaticToken.objects.filter(device__user=leader).count() == 10
