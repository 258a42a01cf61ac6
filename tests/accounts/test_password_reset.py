from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.fixtures.worker import WorkerProcess
from ttdn.accounts.roles import Role


@pytest.mark.django_db
def test_reset_mail_is_queued_only_after_commit(
    client: Client, make_user, django_capture_on_commit_callbacks
) -> None:
    make_user(Role.PROTOCOL, email="lan@example.vn", preferred_language="en")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("password_reset"), {"email": "LAN@example.vn"})

    assert response["Location"] == reverse("password_reset_done")
    assert len(callbacks) == 1  # nothing left the request before its transaction committed
    assert mail.outbox == []


@pytest.mark.django_db
def test_no_mail_for_an_unknown_address(client: Client, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(reverse("password_reset"), {"email": "nobody@example.vn"})

    assert response["Location"] == reverse("password_reset_done")  # says nothing of who exists
    assert callbacks == []


@pytest.mark.worker
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_sends_the_reset_mail_through_redis_in_the_users_language(
    celery_worker_process: WorkerProcess, client: Client, make_user
) -> None:
    user = make_user(Role.PROTOCOL, email="lan@example.vn", preferred_language="vi")

    client.post(reverse("password_reset"), {"email": "lan@example.vn"})

    (message,) = celery_worker_process.wait_for_mail()
    assert "To: lan@example.vn" in message
    assert "=?utf-8?" in message or "Đặt lại mật khẩu TTDN" in message
    assert "/accounts/password/reset/" in message
    assert user.get_username() in message
