from __future__ import annotations

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client, override_settings

from tests.fixtures.services import require_redis

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_and_broker(client: Client) -> None:
    require_redis()

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}


@override_settings(CELERY_BROKER_URL="redis://127.0.0.1:1/0")
def test_healthz_is_503_when_the_broker_is_down(client: Client) -> None:
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "ok", "broker": "down"}


def test_healthz_is_503_when_the_database_is_down(client: Client) -> None:
    with mock.patch("ttdn.health.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"] == "down"


def test_healthz_needs_no_login_and_is_never_cached(client: Client) -> None:
    response = client.get("/healthz")

    assert "no-cache" in response["Cache-Control"]
