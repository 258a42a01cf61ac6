"""Structured logs: every line carries the id of the request or task that wrote it, taken from
``X-Request-ID`` when valid, returned in the response, and passed on to the tasks it queues."""

from __future__ import annotations

import io
import json
import logging
import logging.config
import os
import re
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from celery.signals import before_task_publish
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse
from django_guid import clear_guid, set_guid

from tests.fixtures.production import production_env
from tests.fixtures.worker import app_broker, start_worker
from ttdn.accounts.models import User
from ttdn.mail import send_email
from ttdn.settings.environment import parse_choice
from ttdn.settings.logs import LOG_FORMATS, logging_config

HEX_ID = re.compile(r"^[0-9a-f]{32}$")


class Captured:
    """The lines one handler, configured exactly as ``LOGGING`` configures the console, wrote."""

    def __init__(self, stream: io.StringIO) -> None:
        self.stream = stream

    def lines(self) -> list[str]:
        return self.stream.getvalue().splitlines()

    def records(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.lines()]


def _console_handler(log_format: str, stream: io.StringIO) -> logging.Handler:
    config = logging_config(log_format=log_format, level="INFO")
    configurator = logging.config.DictConfigurator(config)
    handler = logging.StreamHandler(stream)
    handler.setFormatter(configurator.configure_formatter(config["formatters"][log_format]))
    handler.addFilter(configurator.configure_filter(config["filters"]["request_id"]))
    return handler


@pytest.fixture
def captured_logs() -> Iterator[Callable[[str], Captured]]:
    root = logging.getLogger()
    handlers: list[logging.Handler] = []

    def capture(log_format: str) -> Captured:
        stream = io.StringIO()
        handler = _console_handler(log_format, stream)
        root.addHandler(handler)
        handlers.append(handler)
        return Captured(stream)

    try:
        yield capture
    finally:
        for handler in handlers:
            root.removeHandler(handler)


def test_the_json_formatter_writes_one_json_object_a_line_with_the_request_id(
    captured_logs: Callable[[str], Captured],
) -> None:
    logs = captured_logs("json")
    set_guid("0f5c3b6a2d6e4a8b9c1d2e3f4a5b6c7d")
    try:
        logging.getLogger("ttdn.test").warning('Đoàn %s: "quoted"\nsecond line', "DV-2026-0001")
        try:
            raise ValueError("boom")
        except ValueError:
            logging.getLogger("ttdn.test").exception("failed")
    finally:
        clear_guid()
    logging.getLogger("ttdn.test").warning("outside any request")

    first, failure, outside = logs.records()
    assert first["message"] == 'Đoàn DV-2026-0001: "quoted"\nsecond line'
    assert first["level"] == "WARNING"
    assert first["logger"] == "ttdn.test"
    assert first["request_id"] == "0f5c3b6a2d6e4a8b9c1d2e3f4a5b6c7d"
    assert re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4}$", first["time"])
    assert "ValueError: boom" in failure["exc_info"]
    assert outside["request_id"] is None


def test_a_request_gets_an_id_in_its_log_lines_and_its_response(
    client: Client, captured_logs: Callable[[str], Captured]
) -> None:
    logs = captured_logs("json")

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    request_id = response["X-Request-ID"]
    assert HEX_ID.match(request_id)
    not_found = [record for record in logs.records() if record["logger"] == "django.request"]
    assert [record["request_id"] for record in not_found] == [request_id]


def test_each_request_gets_its_own_id(client: Client) -> None:
    first = client.get("/no-such-page/")["X-Request-ID"]
    second = client.get("/no-such-page/")["X-Request-ID"]

    assert first != second


@pytest.mark.parametrize("given", [uuid.uuid4().hex, str(uuid.uuid4())])
def test_a_valid_incoming_request_id_is_kept(
    client: Client, captured_logs: Callable[[str], Captured], given: str
) -> None:
    logs = captured_logs("plain")

    response = client.get("/no-such-page/", headers={"X-Request-ID": given})

    assert response["X-Request-ID"] == given
    assert any(line.endswith(f"[request_id={given}]") and "Not Found" in line for line in logs.lines())


@pytest.mark.parametrize("given", ["not-a-uuid", "x" * 500, "0f5c3b6a\r\nSet-Cookie: a=b", "<script>"])
def test_a_malformed_incoming_request_id_is_replaced(
    client: Client, captured_logs: Callable[[str], Captured], given: str
) -> None:
    logs = captured_logs("json")

    response = client.get("/no-such-page/", headers={"X-Request-ID": given})

    request_id = response["X-Request-ID"]
    assert HEX_ID.match(request_id)
    not_found = [record for record in logs.records() if record["logger"] == "django.request"]
    assert [record["request_id"] for record in not_found] == [request_id]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_task_queued_during_a_request_carries_its_id(
    client: Client, make_user: Callable[..., User]
) -> None:
    make_user(email="lan@example.vn")
    published: list[dict[str, Any]] = []

    def record(headers: dict[str, Any], **kwargs: Any) -> None:
        published.append(dict(headers))

    request_id = uuid.uuid4().hex
    before_task_publish.connect(record, weak=False)
    try:
        with app_broker("memory://"):
            response = client.post(
                reverse("password_reset"), {"email": "lan@example.vn"}, headers={"X-Request-ID": request_id}
            )
    finally:
        before_task_publish.disconnect(record)

    assert response.status_code == 302
    assert [(headers["task"], headers["X-Request-ID"]) for headers in published] == [
        ("ttdn.mail.send_email", request_id)
    ]


@pytest.mark.worker
def test_the_worker_logs_json_with_the_queuing_request_id_or_a_fresh_one(tmp_path: Path) -> None:
    """A task queued by a request logs with the request's id; one queued by no request (as beat
    queues them) with a new id of its own."""
    queue = f"deploy-logs-{os.getpid()}"
    worker = start_worker(tmp_path, queues=queue, LOG_FORMAT="json")
    try:
        request_id = uuid.uuid4().hex
        set_guid(request_id)
        try:
            send_email.apply_async(kwargs={"to": ["a@example.vn"], "subject": "1", "body": "."}, queue=queue)
        finally:
            clear_guid()
        send_email.apply_async(kwargs={"to": ["b@example.vn"], "subject": "2", "body": "."}, queue=queue)
        deadline = time.monotonic() + 60
        while worker.log.read_text().count("succeeded") < 2:
            if time.monotonic() > deadline:
                pytest.fail(f"the worker did not run both tasks:\n{worker.log.read_text()[-4000:]}")
            time.sleep(0.2)
    finally:
        worker.stop()

    records = [json.loads(line) for line in worker.log.read_text().splitlines() if line.startswith("{")]
    succeeded = [record for record in records if "succeeded" in record["message"]]
    assert len(succeeded) == 2, worker.log.read_text()
    assert succeeded[0]["request_id"] == request_id
    assert HEX_ID.match(succeeded[1]["request_id"]) and succeeded[1]["request_id"] != request_id
    assert any(record["message"].endswith(" ready.") for record in records)


def test_log_format_and_level_are_checked() -> None:
    assert settings.LOGGING["handlers"]["console"]["formatter"] == "plain"
    assert parse_choice("LOG_FORMAT", "json", LOG_FORMATS) == "json"
    with pytest.raises(ImproperlyConfigured, match="LOG_FORMAT='xml' is not one of json, plain"):
        parse_choice("LOG_FORMAT", "xml", LOG_FORMATS)


def test_the_production_profile_logs_json_by_default() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "import logging; logging.getLogger('ttdn').warning('hello')",
        ],
        cwd=settings.BASE_DIR,
        env=production_env(without=("LOG_FORMAT",)),
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert line["message"] == "hello"
    assert line["logger"] == "ttdn"
    assert "request_id" in line
