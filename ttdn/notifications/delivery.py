"""E-mailing notifications: one task per notification (or one digest a day per user who chose it).

The notification row is the truth. ``enqueue_pending`` puts the task of every notification still
to be sent on the broker (and is called again by every sweep, so what a broker outage dropped goes
out on the first sweep after it). ``notification_send`` locks the row, sends, and marks it sent in
the same transaction: a second delivery of the same task waits for the lock and then finds it sent,
and a worker killed before the mail server accepted the message has changed nothing, so the
redelivered task sends it once. Each message carries a Message-ID made from the notification, so
the rare kill between the server's acceptance and the commit gives a duplicate that mail systems
recognise as the same message.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from urllib.parse import urljoin

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from ttdn.accounts.models import User
from ttdn.notifications.messages import render as render_message
from ttdn.notifications.models import EmailState, Notification

logger = logging.getLogger(__name__)

# A task queued this long ago and still pending was lost (a broker restart), or gave up its quick
# retries: queue it again (longer than a task's own retries take, shorter than Redis's visibility).
REQUEUE_AFTER = datetime.timedelta(minutes=45)
ENQUEUE_BATCH = 500
# After this many rounds of failed sending, the notification is marked failed (the admin lists them).
MAX_ROUNDS = 8


def _pending_single_mails(among: Iterable[int] | None) -> list[int]:
    stale = timezone.now() - REQUEUE_AFTER
    pending = Notification.objects.filter(
        email_state=EmailState.PENDING, recipient__email_digest=False
    ).filter(Q(queued_at__isnull=True) | Q(queued_at__lt=stale))
    if among is not None:
        pending = pending.filter(pk__in=list(among))
    # Never queued first, then the longest waiting: a backlog of failing rows cannot starve new ones.
    order = (F("queued_at").asc(nulls_first=True), "pk")
    return list(pending.order_by(*order).values_list("pk", flat=True)[:ENQUEUE_BATCH])


def enqueue_pending(among: Iterable[int] | None = None) -> int:
    """Queue the send task of each notification still to be e-mailed (of those ``among``, when
    given); return how many were queued. A broker that is down is logged, not raised: the next
    sweep tries again."""
    from ttdn.notifications.tasks import send_notification

    queued: list[int] = []
    try:
        for pk in _pending_single_mails(among):
            send_notification.delay(pk)
            queued.append(pk)
    except Exception:  # the broker is down or unreachable: the rows stay pending for the next sweep
        logger.warning("the broker refused notification e-mails; the next sweep queues them", exc_info=True)
    if queued:
        Notification.objects.filter(pk__in=queued).update(queued_at=timezone.now())
    return len(queued)


def absolute_url(path: str) -> str:
    return urljoin(settings.TTDN_BASE_URL, path)


def _link(notification: Notification) -> str:
    from django.urls import reverse

    if notification.case_id is not None:
        return absolute_url(reverse("cases:detail", args=[notification.case_id]))
    return absolute_url(notification_target(notification) or reverse("notifications:list"))


def notification_target(notification: Notification) -> str:
    """A page of the site the notification is about (e.g. the quarter's report), if any."""
    path = notification.params.get("path")
    return path if isinstance(path, str) and path.startswith("/") and not path.startswith("//") else ""


def _may_still_see(notification: Notification) -> bool:
    from ttdn.cases.identity import identity_visible
    from ttdn.cases.selectors import cases_visible_to
    from ttdn.notifications.rules import get as trigger_of

    if notification.case_id is None:
        return True
    if not cases_visible_to(notification.recipient).filter(pk=notification.case_id).exists():
        return False
    trigger = trigger_of(notification.kind)
    return not (trigger and trigger.identity) or identity_visible(
        user=notification.recipient, case=notification.case
    )


def _send(*, to: str, subject: str, body: str, message_id: str) -> None:
    EmailMessage(
        subject=f"{settings.EMAIL_SUBJECT_PREFIX}{subject}",
        body=body,
        to=[to],
        headers={"Message-ID": f"<{message_id}@{settings.TTDN_MAIL_DOMAIN}>"},
    ).send()


@transaction.atomic
def notification_send(notification_id: int) -> str:
    """E-mail one notification, at most once; return what happened (for the worker's log)."""
    notification = (
        Notification.objects.select_for_update(of=("self",))
        .select_related("recipient", "case")
        .filter(pk=notification_id)
        .first()
    )
    if notification is None or notification.email_state != EmailState.PENDING:
        return "already done"
    recipient = notification.recipient
    if recipient.email_digest:
        return "left for the digest"
    if not recipient.email or not recipient.is_active or not _may_still_see(notification):
        notification.email_state = EmailState.SKIPPED
        notification.save(update_fields=["email_state"])
        return "skipped"
    with translation.override(recipient.preferred_language):
        message = " ".join(render_message(notification).split())  # one line: it is the subject
        body = render_to_string(
            "notifications/email.txt",
            {"user": recipient, "items": [(message, _link(notification))], "site": absolute_url("/")},
        )
    _send(to=recipient.email, subject=message, body=body, message_id=f"ttdn-notification-{notification.pk}")
    notification.email_state, notification.emailed_at = EmailState.SENT, timezone.now()
    notification.save(update_fields=["email_state", "emailed_at"])
    return "sent"


def digest_recipients() -> list[int]:
    return list(
        User.objects.filter(is_active=True, email_digest=True, notifications__email_state=EmailState.PENDING)
        .distinct()
        .values_list("pk", flat=True)
    )


@transaction.atomic
def digest_send(user_id: int) -> int:
    """One e-mail with everything pending for a user who chose the daily digest; return how many
    notifications it carried. A second run finds nothing pending and sends nothing."""
    from django.utils.translation import gettext as _

    user = User.objects.get(pk=user_id)
    pending = list(
        Notification.objects.select_for_update(of=("self",))
        .filter(recipient=user, email_state=EmailState.PENDING)
        .select_related("case")
        .order_by("created_at", "pk")
    )
    if not pending:
        return 0
    visible = [n for n in pending if user.email and user.is_active and _may_still_see(n)]
    if visible:
        with translation.override(user.preferred_language):
            items = [(render_message(n), _link(n)) for n in visible]
            subject = _("Your reminders of %(date)s (%(count)s)") % {
                "date": timezone.localdate().strftime("%d/%m/%Y"),
                "count": len(items),
            }
            body = render_to_string(
                "notifications/email.txt", {"user": user, "items": items, "site": absolute_url("/")}
            )
        _send(
            to=user.email,
            subject=subject,
            body=body,
            message_id=f"ttdn-digest-{user.pk}-{min(n.pk for n in visible)}-{max(n.pk for n in visible)}",
        )
    now = timezone.now()
    Notification.objects.filter(pk__in=[n.pk for n in visible]).update(
        email_state=EmailState.SENT, emailed_at=now
    )
    Notification.objects.filter(pk__in=[n.pk for n in pending if n not in visible]).update(
        email_state=EmailState.SKIPPED
    )
    return len(visible)


def notification_send_failed(notification_id: int, *, permanent: bool) -> str:
    """A round of sending failed: leave it for a later sweep, or, after MAX_ROUNDS (or at once for
    a message that can never be sent), mark it failed."""
    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if notification is None or notification.email_state != EmailState.PENDING:
            return "already done"
        notification.email_attempts += 1
        notification.queued_at = timezone.now()
        if permanent or notification.email_attempts >= MAX_ROUNDS:
            notification.email_state = EmailState.FAILED
        notification.save(update_fields=["email_attempts", "queued_at", "email_state"])
        return "failed" if notification.email_state == EmailState.FAILED else "deferred"
