"""E-mailing notifications: once, in the reader's language, or in one daily digest; never about a
case the reader may no longer see. (The worker and broker side is in test_worker_delivery.py.)"""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.management import call_command

from tests.factories import make_agency, make_delegation
from tests.fixtures.worker import app_broker
from ttdn.accounts.roles import Role
from ttdn.cases.services.access import case_revoke_access
from ttdn.cases.services.followups import followup_create
from ttdn.notifications.delivery import digest_recipients, digest_send, enqueue_pending, notification_send
from ttdn.notifications.models import EmailState, Notification
from ttdn.notifications.sweep import reminders_sweep

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 1)
UNREACHABLE_BROKER = "redis://127.0.0.1:1/0"


@pytest.fixture
def due_followups(make_user, protocol):
    """Two follow-ups due tomorrow, owed by one person of a host agency."""
    agency = make_agency()
    person = make_user(Role.AGENCY, agency=agency, preferred_language="vi")
    case = make_delegation(actor=protocol, lead_agency=agency, start=datetime.date(2026, 11, 2))
    for title in ("Gửi biên bản", "Gửi ảnh"):
        followup_create(actor=protocol, case=case, title=title, due_date=TODAY + datetime.timedelta(days=1),
                        assignee_user=person)  # fmt: skip
    return person, case


def _theirs(user) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user, kind="followup_due").order_by("pk"))


def test_a_notification_is_mailed_once_in_the_readers_language(due_followups) -> None:
    person, case = due_followups
    reminders_sweep(today=TODAY)
    first, _second = _theirs(person)

    assert notification_send(first.pk) == "sent"
    assert notification_send(first.pk) == "already done"

    (message,) = mail.outbox
    assert message.to == [person.email]
    assert (
        message.subject == f"[TTDN] Việc sau đoàn của {case.reference} đến hạn ngày 02/12/2026: Gửi biên bản."
    )
    assert f"/cases/{case.pk}/" in message.body
    assert message.extra_headers["Message-ID"] == f"<ttdn-notification-{first.pk}@ttdn.local>"
    first.refresh_from_db()
    assert first.email_state == EmailState.SENT and first.emailed_at is not None


def test_no_mail_about_a_case_the_reader_may_no_longer_see(make_user, protocol) -> None:
    officer = make_user(Role.PROTOCOL)
    case = make_delegation(actor=protocol, start=TODAY + datetime.timedelta(days=2), access_level="restricted",
                           responsible_officer=officer)  # fmt: skip
    reminders_sweep(today=TODAY)
    (notification,) = Notification.objects.filter(recipient=officer, kind="arrival")
    case_revoke_access(actor=protocol, case=case, users=[officer])

    assert notification_send(notification.pk) == "skipped"
    assert mail.outbox == []


def test_who_chose_the_digest_gets_one_mail_a_day_with_everything(due_followups) -> None:
    person, _case = due_followups
    person.email_digest = True
    person.save()
    reminders_sweep(today=TODAY)
    first, _second = _theirs(person)

    assert notification_send(first.pk) == "left for the digest"
    assert mail.outbox == []
    assert digest_recipients() == [person.pk]

    assert digest_send(person.pk) == 2
    assert digest_send(person.pk) == 0  # a second run the same day sends nothing

    (message,) = mail.outbox
    assert message.to == [person.email]
    assert "Gửi biên bản" in message.body and "Gửi ảnh" in message.body
    assert message.subject.startswith("[TTDN] ")
    assert {n.email_state for n in _theirs(person)} == {EmailState.SENT}
    assert digest_recipients() == []


def test_a_broker_that_is_down_leaves_the_mails_pending_for_the_next_sweep(due_followups) -> None:
    person, _case = due_followups
    reminders_sweep(today=TODAY)

    with app_broker(UNREACHABLE_BROKER):
        assert enqueue_pending() == 0

    assert {(n.email_state, n.queued_at) for n in _theirs(person)} == {(EmailState.PENDING, None)}


def test_dispatch_reminders_runs_one_sweep_and_prints_what_it_created(due_followups, capsys) -> None:
    person, case = due_followups
    with app_broker(UNREACHABLE_BROKER):  # the command works with the broker down
        call_command("dispatch_reminders", "--date", TODAY.isoformat())
        out = capsys.readouterr().out
        assert (
            f"{person.username}\tfollowup_due\tViệc sau đoàn của {case.reference} đến hạn ngày 02/12/2026"
            in out
        )
        assert "notification(s) created" in out

        call_command("dispatch_reminders", "--date", TODAY.isoformat())
        assert "0 notification(s) created" in capsys.readouterr().out


def test_dispatch_reminders_explains_a_bad_date() -> None:
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("dispatch_reminders", "--date", "01/12/2026")


class RefusingBackend:
    """A mail server that is down."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        pass

    def send_messages(self, messages: object) -> int:
        from smtplib import SMTPServerDisconnected

        raise SMTPServerDisconnected("down")


def test_a_mail_server_that_stays_down_defers_then_fails_the_notification(due_followups, settings) -> None:
    from ttdn.notifications.delivery import MAX_ROUNDS, notification_send_failed
    from ttdn.notifications.tasks import send_notification

    person, _case = due_followups
    reminders_sweep(today=TODAY)
    first, _second = _theirs(person)
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"

    # One round: the task's quick retries (run at once here), then it waits for a later sweep.
    assert send_notification.apply(args=(first.pk,)).get() == "deferred"
    first.refresh_from_db()
    assert (first.email_state, first.email_attempts) == (EmailState.PENDING, 1)
    assert first.queued_at is not None

    for _ in range(MAX_ROUNDS - 1):
        notification_send_failed(first.pk, permanent=False)
    first.refresh_from_db()
    assert first.email_state == EmailState.FAILED
    assert mail.outbox == []


def test_the_oldest_waiting_mails_are_queued_first(due_followups) -> None:
    from django.utils import timezone

    from ttdn.notifications.delivery import REQUEUE_AFTER, _pending_single_mails

    person, _case = due_followups
    reminders_sweep(today=TODAY)
    first, second = _theirs(person)
    long_ago = timezone.now() - REQUEUE_AFTER * 3
    Notification.objects.filter(pk=first.pk).update(queued_at=long_ago)

    assert _pending_single_mails(None) == [second.pk, first.pk]  # never queued, then the stale one


def test_a_case_title_on_two_lines_makes_a_one_line_subject(due_followups) -> None:
    from ttdn.cases.models import FollowUp

    person, _case = due_followups
    FollowUp.objects.update(title="Gửi biên bản\nlàm việc")
    reminders_sweep(today=TODAY)
    first, _second = _theirs(person)
    assert notification_send(first.pk) == "sent"
    assert "\n" not in mail.outbox[0].subject
