"""Reminders of the NGO registry, to protocol staff (the admins' reminder rules, ngos 0003, say
when and to whom): a filing the NGO owes that is due soon or overdue (a filing received, or a
project's suspended or cancelled, reminds no more), and a certificate coming to its end (unless a later one of the same kind follows it).
None of them is about one case: each names the NGO."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Exists, F, OuterRef, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ngos.models import AidProject, Certificate, Filing
from ttdn.notifications.models import Notification, ReminderRule
from ttdn.notifications.rules import Directory, Occasion, Trigger, date_finders, due_window


def _iso(day: datetime.date | None) -> str:
    return f"{day:%Y-%m-%d}" if day else ""


def _occasion(pk: int, day: datetime.date, **params: Any) -> Occasion:
    """What is due on ``day`` (a filing, a certificate's end), about no case: a new date (a timer
    changed, a certificate amended) is a new occasion."""
    return Occasion(key=f"{pk}:{day:%Y-%m-%d}", case_id=None, params={"date": _iso(day), **params})


def _filing_occasions(filings: QuerySet[Filing]) -> list[Occasion]:
    """The filings not received, but those of a project suspended or cancelled (owing nothing)."""
    rows = (
        filings.filter(received_on__isnull=True)
        .exclude(project__status__in=AidProject.STOPPED)
        .values(
            "pk",
            "kind",
            "due_on",
            "year",
            "period_end",
            "ngo__organisation__name",
            "certificate__number",
            "project__title",
        )
    )
    return [
        _occasion(
            row["pk"],
            row["due_on"],
            filing=row["pk"],
            kind=row["kind"],
            ngo=row["ngo__organisation__name"],
            number=row["certificate__number"] or "",
            project=row["project__title"] or "",
            year=row["year"] or "",
            period=_iso(row["period_end"]),
        )
        for row in rows
    ]


_find_filings_due, _find_filings_overdue = date_finders(Filing, "due_on", _filing_occasions)


def _find_certificates_ending(
    rule: ReminderRule, today: datetime.date, directory: Directory
) -> list[Occasion]:
    first, last = due_window(rule, today)
    followed = Certificate.objects.filter(
        ngo=OuterRef("ngo"), kind=OuterRef("kind"), valid_until__gt=OuterRef("valid_until")
    )
    rows = (
        Certificate.objects.filter(valid_until__range=(first, last))
        .exclude(Exists(followed))
        .values("pk", "number", "valid_until", ngo_name=F("ngo__organisation__name"))
    )
    return [
        _occasion(
            row["pk"], row["valid_until"], certificate=row["pk"], number=row["number"], ngo=row["ngo_name"]
        )
        for row in rows
    ]


def _day(value: Any) -> str:
    return datetime.date.fromisoformat(value).strftime("%d/%m/%Y") if value else ""


def _what(params: dict[str, Any]) -> str:
    """The filing, named as the reader knows it: its kind and what it follows."""
    kind = params.get("kind", "")
    label = str(Filing.Kind(kind).label) if kind in Filing.Kind.values else kind
    if params.get("number"):
        return _("%(filing)s (certificate no. %(number)s)") % {"filing": label, "number": params["number"]}
    if params.get("project"):
        return _("%(filing)s of “%(project)s” (period ending %(period)s)") % {
            "filing": label,
            "project": params["project"],
            "period": _day(params.get("period")),
        }
    if params.get("year"):
        return _("%(filing)s %(year)s") % {"filing": label, "year": params["year"]}
    return label


def _filing_text(text: str, notification: Notification) -> str:
    params = notification.params
    return text % {"ngo": params.get("ngo", ""), "what": _what(params), "date": _day(params.get("date"))}


def _render_filing_due(notification: Notification) -> str:
    return _filing_text(_("%(ngo)s: %(what)s is due on %(date)s."), notification)


def _render_filing_overdue(notification: Notification) -> str:
    return _filing_text(_("%(ngo)s: %(what)s was due on %(date)s and has not been received."), notification)


def _render_certificate_ending(notification: Notification) -> str:
    params = notification.params
    return _("The certificate no. %(number)s of %(ngo)s ends on %(date)s.") % {
        "number": params.get("number", ""),
        "ngo": params.get("ngo", ""),
        "date": _day(params.get("date")),
    }


NGO_FILING_DUE = Trigger(
    "ngo_filing_due",
    gettext_lazy("A filing of a foreign NGO is due"),
    _find_filings_due,
    _render_filing_due,
    frozenset(),
)
NGO_FILING_OVERDUE = Trigger(
    "ngo_filing_overdue",
    gettext_lazy("A filing of a foreign NGO is overdue"),
    _find_filings_overdue,
    _render_filing_overdue,
    frozenset(),
    overdue=True,
)
NGO_CERTIFICATE_ENDING = Trigger(
    "ngo_certificate_ending",
    gettext_lazy("The certificate of a foreign NGO ends"),
    _find_certificates_ending,
    _render_certificate_ending,
    frozenset(),
)
TRIGGERS = (NGO_FILING_DUE, NGO_FILING_OVERDUE, NGO_CERTIFICATE_ENDING)
