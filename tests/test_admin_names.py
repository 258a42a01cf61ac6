"""The admin speaks Vietnamese: its titles, and the names of every app and model on its index."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from ttdn.accounts.roles import Role

pytestmark = pytest.mark.django_db


def test_the_admin_index_is_vietnamese(client: Client, make_user) -> None:
    client.force_login(make_user(Role.ADMIN, is_staff=True, is_superuser=True))

    body = client.get(reverse("admin:index")).content.decode()

    assert "<title>Quản trị | Quản trị hệ thống TTDN</title>" in body
    for vietnamese in (
        "Khóa đăng nhập sai nhiều lần",
        "Đăng nhập hai bước: mã dự phòng",
        "Bộ đếm số hồ sơ",
        "Lần đăng nhập sai",
    ):
        assert vietnamese in body
    for english in ("Axes", "Otp_Static", "Otp_Totp", "Reference counters", "Access attempts", "Model name"):
        assert english not in body
