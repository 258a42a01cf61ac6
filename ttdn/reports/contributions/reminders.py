"""Reminders of report requests (the admins' rules, reports 0002, say when and to whom): an
agency's contribution due soon or overdue, to the staff who write it (and, when overdue, to
protocol staff); and how the notifications of a request sent and of a reminder by hand read."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ttdn.accounts.roles import Role
from ttdn.notifications import messages
from ttdn.notifications.models import Notification
from ttdn.notifications.rules import Audience, Directory, Occasion, Trigger, date_finders
from ttdn.reports.models import Contribution, ReportRequest

SENT = "report_request_sent"
REMINDED = "contribution_reminded"


def _occasions(contributions: QuerySet[Contribution], directory: Directory) -> list[Occasion]:
    rows = contributions.filter(
        status=Contribution.Status.DRAFT, request__status=ReportRequest.Status.SENT
    ).values("pk", "agency_id", "request__title", "request__period_label", "request__due_on")
    return [
        Occasion(
            key=f"{row['pk']}:{row['request__due_on']:%Y-%m-%d}",
            case_id=None,
            params={
                "title": row["request__title"],
                "period": row["request__period_label"],
                "due": row["request__due_on"].isoformat(),
                "path": reverse("reports:contribution", kwargs={"pk": row["pk"]}),
            },
            people={
                Audience.ASSIGNEE: directory.staff_of(row["agency_id"])
                | directory.staff_with_role(row["agency_id"], Role.POLICE)
            },
        )
        for row in rows
    ]


def _finders() -> tuple[Any, Any]:
    def due(rule: Any, today: datetime.date, directory: Directory) -> list[Occasion]:
        find, _overdue = date_finders(
            Contribution, "request__due_on", lambda rows: _occasions(rows, directory)
        )
        return list(find(rule, today, directory))

    def overdue(rule: Any, today: datetime.date, directory: Directory) -> list[Occasion]:
        _due, find = date_finders(Contribution, "request__due_on", lambda rows: _occasions(rows, directory))
        return list(find(rule, today, directory))

    return due, overdue


def _day(value: Any) -> str:
    return datetime.date.fromisoformat(value).strftime("%d/%m/%Y") if value else ""


def _text(text: str, notification: Notification) -> str:
    params = notification.params
    return text % {
        "title": params.get("title", ""),
        "period": params.get("period", ""),
        "date": _day(params.get("due")),
    }


def _render_due(notification: Notification) -> str:
    return _text(_("Your agency's report “%(title)s” (%(period)s) is due on %(date)s."), notification)


def _render_overdue(notification: Notification) -> str:
    return _text(
        _("Your agency's report “%(title)s” (%(period)s) was due on %(date)s and has not been submitted."),
        notification,
    )


def _render_sent(notification: Notification) -> str:
    return _text(_("Report requested: “%(title)s” (%(period)s), due on %(date)s."), notification)


def _render_reminded(notification: Notification) -> str:
    return _text(
        _("Reminder: your agency's report “%(title)s” (%(period)s) is due on %(date)s; please submit it."),
        notification,
    )


_find_due, _find_overdue = _finders()
CONTRIBUTION_DUE = Trigger(
    "contribution_due",
    gettext_lazy("An agency's contribution to a report request is due"),
    _find_due,
    _render_due,
    frozenset({Audience.ASSIGNEE}),
)
CONTRIBUTION_OVERDUE = Trigger(
    "contribution_overdue",
    gettext_lazy("An agency's contribution to a report request is overdue"),
    _find_overdue,
    _render_overdue,
    frozenset({Audience.ASSIGNEE}),
    overdue=True,
)
TRIGGERS = (CONTRIBUTION_DUE, CONTRIBUTION_OVERDUE)


def register_messages() -> None:
    messages.register(SENT, _render_sent)
    messages.register(REMINDED, _render_reminded)
