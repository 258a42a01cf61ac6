from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.factories import TEST_PASSWORD
from ttdn.accounts.roles import Role

pytestmark = pytest.mark.django_db


def _login(client: Client, username: str, password: str = TEST_PASSWORD) -> Any:
    return client.post(reverse("login"), {"username": username, "password": password})


def test_login_takes_the_user_home(client: Client, make_user) -> None:
    user = make_user(Role.PROTOCOL, full_name="Nguyễn Thị Lan")

    response = _login(client, user.username)

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    home = client.get(reverse("home"))
    assert "Nguyễn Thị Lan" in home.content.decode()


def test_inactive_user_cannot_log_in(client: Client, make_user) -> None:
    user = make_user(Role.PROTOCOL, is_active=False)

    response = _login(client, user.username)

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert response.context["form"].non_field_errors()


def test_wrong_password_is_refused_with_a_translated_message(client: Client, make_user) -> None:
    user = make_user(Role.PROTOCOL)

    response = _login(client, user.username, "wrong-password")

    assert "_auth_user_id" not in client.session
    assert "Sai tên đăng nhập hoặc mật khẩu" in response.content.decode()


def test_pages_need_a_login(client: Client) -> None:
    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_logout_is_a_post(client: Client, make_user) -> None:
    client.force_login(make_user(Role.PROTOCOL))

    assert client.get(reverse("logout")).status_code == 405
    client.post(reverse("logout"))

    assert "_auth_user_id" not in client.session


def test_pages_are_vietnamese_by_default_whatever_the_browser_says(client: Client, make_user) -> None:
    client.force_login(make_user(Role.PROTOCOL))

    response = client.get(reverse("home"), headers={"accept-language": "en-US,en;q=0.9"})

    assert response["Content-Language"] == "vi"
    assert "Đăng xuất" in response.content.decode()


def test_language_switch_changes_the_page_and_remembers_the_choice(client: Client, make_user) -> None:
    user = make_user(Role.PROTOCOL)
    client.force_login(user)

    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("home")})

    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get(reverse("home"))
    assert "Sign out" in page.content.decode()
    user.refresh_from_db()
    assert user.preferred_language == "en"


def test_a_users_preferred_language_applies_on_a_new_browser(client: Client, make_user) -> None:
    client.force_login(make_user(Role.PROTOCOL, preferred_language="en"))

    assert client.get(reverse("home"))["Content-Language"] == "en"


def test_language_switch_ignores_unknown_languages(client: Client, make_user) -> None:
    user = make_user(Role.PROTOCOL)
    client.force_login(user)

    client.post(reverse("set_language"), {"language": "fr", "next": "/"})

    user.refresh_from_db()
    assert user.preferred_language == "vi"


def test_navigation_shows_administration_to_the_admin_role_only(client: Client, make_user) -> None:
    client.force_login(make_user(Role.ADMIN, is_staff=True))
    assert reverse("admin:index") in client.get(reverse("home")).content.decode()

    client.force_login(make_user(Role.PROTOCOL))
    assert reverse("admin:index") not in client.get(reverse("home")).content.decode()


def test_missing_page_is_the_translated_404(client: Client, make_user) -> None:
    client.force_login(make_user(Role.PROTOCOL))

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_password_change(client: Client, make_user) -> None:
    user = make_user(Role.PROTOCOL)
    client.force_login(user)

    response = client.post(
        reverse("password_change"),
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "a-new-Strong-pass-42",
            "new_password2": "a-new-Strong-pass-42",
        },
    )

    assert response["Location"] == reverse("password_change_done")
    user.refresh_from_db()
    assert user.check_password("a-new-Strong-pass-42")


def test_password_change_refuses_a_weak_password(client: Client, make_user) -> None:
    user = make_user(Role.PROTOCOL)
    client.force_login(user)

    response = client.post(
        reverse("password_change"),
        {"old_password": TEST_PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )

    assert response.status_code == 200
    user.refresh_from_db()
    assert user.check_password(TEST_PASSWORD)


def test_error_pages_render_in_vietnamese(rf) -> None:
    from django.core.exceptions import PermissionDenied
    from django.views import defaults

    request = rf.get("/")
    translation.activate("vi")  # as the language middleware does for every request
    forbidden = defaults.permission_denied(request, PermissionDenied())
    server_error = defaults.server_error(request)

    assert forbidden.status_code == 403
    assert "Không có quyền truy cập" in forbidden.content.decode()
    assert server_error.status_code == 500
    assert "Lỗi máy chủ" in server_error.content.decode()
