from __future__ import annotations

import pytest
from django.urls import reverse

from ttdn.accounts.models import User
from ttdn.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_a_user_chooses_the_daily_digest_and_the_language_of_their_mail(client, make_user) -> None:
    user = make_user(Role.AGENCY, preferred_language="vi")
    client.force_login(user)

    page = client.get(reverse("user_settings"))
    assert page.status_code == 200
    assert "thư tổng hợp" in page.content.decode()

    response = client.post(reverse("user_settings"), {"preferred_language": "en", "email_digest": "on"})

    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.preferred_language, user.email_digest) == ("en", True)
    assert response.cookies["ttdn_language"].value == "en"


def test_bad_settings_change_nothing(client, make_user) -> None:
    user = make_user(Role.AGENCY, preferred_language="vi")
    client.force_login(user)

    response = client.post(reverse("user_settings"), {"preferred_language": "fr", "email_digest": "on"})

    assert response.status_code == 200
    user.refresh_from_db()
    assert (user.preferred_language, user.email_digest) == ("vi", False)


def test_settings_need_a_signed_in_user(client) -> None:
    response = client.get(reverse("user_settings"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not User.objects.filter(email_digest=True).exists()
