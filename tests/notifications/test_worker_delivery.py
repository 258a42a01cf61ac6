"""The reminder engine against real services: Celery workers in their own processes, Redis as the
broker, a real mail server (aiosmtpd) where a test needs to stall it. Each test has its own Redis
database or server and its own workers, so that it counts exactly the mail it caused."""

from __future__ import annotations

import asyncio
import datetime
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from aiosmtpd.controller import Controller
from django.conf import settings
from django.utils import timezone

from tests.factories import make_agency, make_delegation, police_officer
from tests.fixtures.services import redis_database
from tests.fixtures.worker import WorkerProcess, _database_url, app_broker, start_worker
from ttdn.accounts.models import User
from ttdn.accounts.roles import Role
from ttdn.cases.models import Review
from ttdn.cases.services.cases import CaseData, case_update
from ttdn.cases.services.followups import followup_create
from ttdn.cases.services.reviews import review_record
from ttdn.cases.services.workflow import case_submit
from ttdn.notifications import delivery
from ttdn.notifications.models import EmailState, Notification, ReminderRule
from ttdn.notifications.sweep import reminders_sweep
from ttdn.notifications.tasks import send_notification

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
MAIL_WAIT_SECONDS = 60


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _settle(check: Callable[[], bool], what: str, timeout: float = MAIL_WAIT_SECONDS) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.2)


class Workers:
    """Workers started by one test, on one broker; all stopped when the test ends."""

    def __init__(self, folder: Path, broker: str) -> None:
        self.folder, self.broker = folder, broker
        self.started: list[WorkerProcess] = []

    def start(self, **env: str) -> WorkerProcess:
        worker = start_worker(self.folder / f"worker{len(self.started)}", REDIS_URL=self.broker, **env)
        self.started.append(worker)
        return worker

    def stop_all(self) -> None:
        for worker in self.started:
            worker.stop()


@pytest.fixture
def workers(tmp_path: Path) -> Iterator[Workers]:
    """Workers on a spare database of the suite's Redis, and this process publishing there."""
    broker = redis_database(1)
    redis.Redis.from_url(broker).flushdb()
    team = Workers(tmp_path, broker)
    try:
        with app_broker(broker):
            yield team
    finally:
        team.stop_all()


@pytest.fixture
def due_followup(make_user: Callable[..., User], protocol: User) -> Callable[[str], Any]:
    """Make follow-ups due tomorrow for one person; only the follow-up rule is on, so that each
    follow-up is exactly one notification and one e-mail, whatever today's date."""
    ReminderRule.objects.exclude(code="followup-due-3").update(enabled=False)
    agency = make_agency()
    person = make_user(Role.AGENCY, agency=agency, email="tuan@example.vn")
    case = make_delegation(
        actor=protocol, lead_agency=agency, start=timezone.localdate() - datetime.timedelta(days=30)
    )

    def make(title: str) -> Any:
        return followup_create(
            actor=protocol,
            case=case,
            title=title,
            due_date=timezone.localdate() + datetime.timedelta(days=1),
            assignee_user=person,
        )

    return make


def _sent() -> set[int]:
    return set(Notification.objects.filter(email_state=EmailState.SENT).values_list("pk", flat=True))


def test_a_due_reminder_is_delivered_once(workers: Workers, due_followup: Callable[[str], Any]) -> None:
    worker = workers.start()
    due_followup("Gửi biên bản làm việc")

    reminders_sweep()
    (message,) = worker.wait_for_mail(timeout=MAIL_WAIT_SECONDS)
    assert "To: tuan@example.vn" in message

    # The next sweep finds it sent; a duplicate task (a redelivery) finds it sent too.
    assert reminders_sweep().created == []
    (notification,) = Notification.objects.all()
    send_notification.delay(notification.pk)
    worker.wait_for_log(f"notification {notification.pk}: already done")
    assert len(worker.mail()) == 1
    assert _sent() == {notification.pk}


def test_two_sweeps_at_once_deliver_each_reminder_once(
    workers: Workers, due_followup: Callable[[str], Any]
) -> None:
    worker = workers.start()
    due_followup("Gửi biên bản làm việc")
    due_followup("Gửi ảnh tư liệu")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ttdn.settings.base",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": workers.broker,
    }
    sweeps = [
        subprocess.Popen(
            [sys.executable, "manage.py", "dispatch_reminders"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        for _ in range(2)
    ]
    for sweep in sweeps:
        output, _ = sweep.communicate(timeout=120)
        assert sweep.returncode == 0, output.decode()

    _settle(lambda: len(_sent()) == 2, "both reminders to be sent")
    assert Notification.objects.count() == 2
    time.sleep(2)  # any duplicate task still on the broker has had time to run
    assert len(worker.mail()) == 2


class PrivateRedis:
    """A Redis server of the test's own, so that it can be stopped and started again."""

    def __init__(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            pytest.fail("redis-server is not installed: this test needs it (see .ci/run).")
        self.binary, self.port = binary, _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        client = redis.Redis.from_url(self.url, socket_connect_timeout=1)

        def up() -> bool:
            try:
                return bool(client.ping())
            except redis.RedisError:
                return False

        _settle(up, "the private Redis to start", timeout=20)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


@pytest.fixture
def private_redis(tmp_path: Path) -> Iterator[PrivateRedis]:
    server = PrivateRedis()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def test_a_broker_outage_loses_nothing(
    tmp_path: Path, private_redis: PrivateRedis, due_followup: Callable[[str], Any], protocol: User
) -> None:
    team = Workers(tmp_path, private_redis.url)
    try:
        with app_broker(private_redis.url):
            worker = team.start()
            due_followup("Gửi biên bản làm việc")
            submitted = case_submit(actor=protocol, case=make_delegation(actor=protocol))
            draft = make_delegation(actor=protocol)

            private_redis.stop()
            # With the broker down the work goes on: the police record their decision (which
            # notifies protocol), the sweep creates what is due, a case is saved; the e-mails wait.
            review_record(
                actor=police_officer(),
                review=submitted.reviews.get(),
                outcome=Review.Status.CLEARED,
                checklist=dict.fromkeys(Review.ITEMS, True),
                text="",
            )
            assert len(reminders_sweep().created) == 1
            saved = case_update(
                actor=protocol, case=draft, data=CaseData(fields={"title": "Đoàn đã đổi tên"})
            )
            assert saved.title == "Đoàn đã đổi tên"
            assert set(Notification.objects.values_list("email_state", "queued_at")) == {
                (EmailState.PENDING, None)
            }

            private_redis.start()
            reminders_sweep()  # the first sweep after the outage sends what was missed

            _settle(lambda: len(_sent()) == 2, "the missed e-mails to be sent")
            messages = worker.wait_for_mail()
            assert len(messages) == 2
            assert {"To: tuan@example.vn", f"To: {protocol.email}"} == {
                line for message in messages for line in message.splitlines() if line.startswith("To: ")
            }
    finally:
        team.stop_all()


class StallingMailServer:
    """An SMTP server that holds its first conversation before the recipient is accepted (a slow
    mail server), and records each message it accepts."""

    def __init__(self) -> None:
        self.accepted: list[bytes] = []
        self.stalled, self.release = threading.Event(), threading.Event()
        self._first = True

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if self._first:
            self._first = False
            self.stalled.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.accepted.append(envelope.content)
        return "250 Message accepted for delivery"


def test_a_worker_killed_in_the_middle_of_a_send_delivers_once(
    workers: Workers, due_followup: Callable[[str], Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    mail_server = StallingMailServer()
    controller = Controller(mail_server, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        smtp = {"EMAIL_URL": f"smtp://127.0.0.1:{controller.port}?tls=false"}
        first = workers.start(**smtp)
        due_followup("Gửi biên bản làm việc")

        reminders_sweep()
        assert mail_server.stalled.wait(MAIL_WAIT_SECONDS), first.log.read_text()[-3000:]
        first.kill()  # in the middle of the SMTP conversation
        mail_server.release.set()
        (notification,) = Notification.objects.all()
        assert notification.email_state == EmailState.PENDING  # nothing of the killed send was kept

        workers.start(**smtp)
        # The killed task's message waits in Redis for its visibility timeout; the sweep does not
        # wait that long for a task queued more than REQUEUE_AFTER ago.
        monkeypatch.setattr(delivery, "REQUEUE_AFTER", datetime.timedelta(0))
        reminders_sweep()

        _settle(lambda: len(mail_server.accepted) >= 1, "the e-mail to be accepted")
        send_notification.delay(notification.pk)  # the old message, should it come back
        time.sleep(2)
        assert len(mail_server.accepted) == 1
        assert b"tuan@example.vn" in mail_server.accepted[0]
        notification.refresh_from_db()
        assert notification.email_state == EmailState.SENT
    finally:
        controller.stop()
