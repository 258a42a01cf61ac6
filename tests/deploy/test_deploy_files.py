"""The systemd units, gunicorn's configuration, the nginx sample, the env example and the web
container's health check agree with the application they deploy."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from pytest_django.live_server_helper import LiveServer

from tests.fixtures.production import production_env
from tests.fixtures.services import require_redis

DEPLOY = Path(settings.BASE_DIR) / "deploy"


def _unit(name: str) -> dict[str, list[str]]:
    """``Key=value`` lines of a unit file (keys may repeat, e.g. Environment=)."""
    options: dict[str, list[str]] = {}
    for line in (DEPLOY / "systemd" / name).read_text().splitlines():
        if "=" in line and not line.startswith(("#", ";", "[")):
            key, value = line.split("=", 1)
            options.setdefault(key.strip(), []).append(value.strip())
    return options


@pytest.mark.parametrize(
    ("unit", "program"),
    [
        ("ttdn-web.service", ["/srv/ttdn/.venv/bin/gunicorn", "--config", "deploy/gunicorn.conf.py"]),
        ("ttdn-worker.service", ["/srv/ttdn/.venv/bin/celery", "-A", "ttdn", "worker"]),
        ("ttdn-beat.service", ["/srv/ttdn/.venv/bin/celery", "-A", "ttdn", "beat"]),
    ],
)
def test_each_unit_runs_its_program_with_the_production_settings(unit: str, program: list[str]) -> None:
    options = _unit(unit)

    (exec_start,) = options["ExecStart"]
    assert shlex.split(exec_start)[: len(program)] == program
    assert "DJANGO_SETTINGS_MODULE=ttdn.settings.production" in options["Environment"]
    assert options["EnvironmentFile"] == ["/etc/ttdn/ttdn.env"]
    assert options["User"] == ["ttdn"]
    assert options["WorkingDirectory"] == ["/srv/ttdn"]


def test_the_beat_unit_says_exactly_one_per_deployment() -> None:
    text = (DEPLOY / "systemd" / "ttdn-beat.service").read_text()

    assert "EXACTLY ONE beat per deployment" in text


def test_gunicorn_loads_the_application_with_its_configuration() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--config", "deploy/gunicorn.conf.py", "--check-config"],
        cwd=settings.BASE_DIR,
        env=production_env(),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_nginx_limits_the_upload_size_the_sign_in_and_the_token() -> None:
    text = (DEPLOY / "nginx.conf").read_text()

    (megabytes,) = re.findall(r"client_max_body_size (\d+)m;", text)
    assert int(megabytes) * 1024 * 1024 > settings.ATTACHMENT_MAX_BYTES
    for path, zone in [(reverse("login"), "ttdn_login"), (reverse("api:token"), "ttdn_token")]:
        assert re.search(rf"location = {re.escape(path)} \{{\s*limit_req zone={zone} ", text), path
    assert re.search(r"location /protected-media/ \{\s*internal;\s*alias /var/lib/ttdn/media/;", text)
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in text
    assert "proxy_set_header X-Forwarded-For   $remote_addr;" in text


def _read_by_settings() -> set[str]:
    names: set[str] = set()
    for path in (Path(settings.BASE_DIR) / "ttdn" / "settings").glob("*.py"):
        names |= set(re.findall(r"os\.environ(?:\.get\(|\[)\"([A-Z_]+)\"", path.read_text()))
    return names


def test_the_env_example_and_the_readme_name_every_variable_the_settings_read() -> None:
    example = set(re.findall(r"^#? ?([A-Z_]+)=", (DEPLOY / "ttdn.env.example").read_text(), flags=re.M))
    readme = (Path(settings.BASE_DIR) / "README.md").read_text()
    read = _read_by_settings()

    assert read >= {"SECRET_KEY", "DATABASE_URL", "LOG_FORMAT"}
    assert read <= example
    assert [name for name in sorted(read) if f"`{name}`" not in readme] == []


# As every transactional test of the suite: the flush after a test without serialized rollback
# recreates the content types, and the next test that restores the serialized data then fails.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_health_check_of_the_web_container(live_server: LiveServer) -> None:
    require_redis()
    script = DEPLOY / "healthcheck.py"
    env = {**os.environ, "ALLOWED_HOSTS": ".localhost,example.vn"}

    up = subprocess.run([sys.executable, str(script), f"{live_server.url}/healthz"], env=env, check=False)
    down = subprocess.run(
        [sys.executable, str(script), f"{live_server.url}/no-such-page"],
        env=env,
        capture_output=True,
        check=False,
    )

    assert up.returncode == 0
    assert down.returncode == 1


def test_the_images_build_step_loads_the_production_settings() -> None:
    """The Dockerfile's collectstatic runs with the production profile and throwaway keys; run
    that very command (as a dry run), since no image can be built here."""
    dockerfile = (Path(settings.BASE_DIR) / "Dockerfile").read_text().replace("\\\n", " ")
    (command,) = [line.removeprefix("RUN ") for line in dockerfile.splitlines() if "collectstatic" in line]

    result = subprocess.run(
        ["bash", "-c", command.replace("manage.py collectstatic", "manage.py collectstatic --dry-run")],
        cwd=settings.BASE_DIR,
        env=production_env(
            without=("TTDN_FIELD_KEYS", "TTDN_HASH_KEY", "SECRET_KEY"),
            PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}",  # `python` is the image's
        ),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_the_image_installs_the_production_lock_which_pins_as_the_full_one() -> None:
    root = Path(settings.BASE_DIR)
    pins = {
        name: dict(re.findall(r"^([A-Za-z0-9_.-]+)==(\S+)", (root / name).read_text(), flags=re.M))
        for name in ("requirements.lock", "requirements-prod.lock")
    }

    assert "requirements-prod.lock" in (root / "Dockerfile").read_text()
    assert {"gunicorn", "django-otp", "cryptography"} <= pins["requirements-prod.lock"].keys()
    assert not {"pytest", "playwright", "mypy"} & pins["requirements-prod.lock"].keys()
    assert all(
        pins["requirements.lock"][name] == version for name, version in pins["requirements-prod.lock"].items()
    )
