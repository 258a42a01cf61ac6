"""Settings read from the environment: good values parse, bad ones stop with a clear message."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from tests.fixtures.production import PRODUCTION_ENV
from ttdn.settings.environment import parse_bool, parse_database_url, parse_email_url, parse_list


def test_postgres_url_gives_every_connection_setting() -> None:
    config = parse_database_url("postgres://ttdn:p%40ss@db.local:6543/ttdn?sslmode=require", base_dir="/srv")

    assert config == {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "ttdn",
        "USER": "ttdn",
        "PASSWORD": "p@ss",
        "HOST": "db.local",
        "PORT": "6543",
        "OPTIONS": {"sslmode": "require", "options": "-c jit=off"},
    }


def test_sqlite_relative_path_is_taken_from_the_project_folder() -> None:
    assert parse_database_url("sqlite:///var/ttdn.sqlite3", base_dir="/srv/ttdn")["NAME"] == (
        "/srv/ttdn/var/ttdn.sqlite3"
    )
    assert parse_database_url("sqlite:////data/ttdn.sqlite3", base_dir="/srv")["NAME"] == "/data/ttdn.sqlite3"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://root@localhost/ttdn", "unsupported scheme 'mysql'"),
        ("postgres//no-scheme-separator", "unsupported scheme"),
        ("", "unsupported scheme"),
        ("postgres://user@localhost", "must name one database"),
        ("postgres://user@localhost:notaport/ttdn", "invalid port"),
        ("sqlite://", "names no SQLite file"),
    ],
)
def test_bad_database_url_says_what_is_wrong(url: str, message: str) -> None:
    with pytest.raises(ImproperlyConfigured, match=message) as error:
        parse_database_url(url, base_dir="/srv")

    assert "postgres://user:password@127.0.0.1:5432/ttdn" in str(error.value)


def test_a_bad_database_url_stops_manage_py_with_the_reason() -> None:
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DATABASE_URL": "mysql://root@localhost/ttdn"},
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode != 0
    assert "DATABASE_URL has an unsupported scheme 'mysql'" in result.stderr


def test_email_url_smtp_and_console() -> None:
    smtp = parse_email_url("smtp://mailer:secret@mail.tinh.gov.vn:25?tls=false")
    assert smtp["EMAIL_HOST"] == "mail.tinh.gov.vn"
    assert smtp["EMAIL_PORT"] == 25
    assert smtp["EMAIL_HOST_USER"] == "mailer"
    assert smtp["EMAIL_USE_TLS"] is False
    assert parse_email_url("smtps://mail.tinh.gov.vn")["EMAIL_USE_SSL"] is True
    assert parse_email_url("consolemail://")["EMAIL_BACKEND"].endswith("console.EmailBackend")
    with pytest.raises(ImproperlyConfigured, match="unsupported scheme 'http'"):
        parse_email_url("http://mail")
    with pytest.raises(ImproperlyConfigured, match="names no mail server"):
        parse_email_url("smtp://")


def test_booleans_and_lists() -> None:
    assert parse_bool("DEBUG", "True") is True
    assert parse_bool("DEBUG", "0") is False
    with pytest.raises(ImproperlyConfigured, match="DEBUG='maybe' is not a boolean"):
        parse_bool("DEBUG", "maybe")
    assert parse_list(" ttdn.tinh.gov.vn, 10.0.0.5 ,") == ["ttdn.tinh.gov.vn", "10.0.0.5"]


def _run_production(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={
            **{key: value for key, value in os.environ.items() if key != "SECRET_KEY"},
            "DJANGO_SETTINGS_MODULE": "ttdn.settings.production",
            "ALLOWED_HOSTS": "ttdn.tinh.gov.vn",
            **env,
        },
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_real_secret() -> None:
    result = _run_production("check")

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_profile_passes_check_deploy_without_warnings() -> None:
    result = _run_production("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout
