"""What a template's placeholders are filled with: the case and the document, as plain values.

The context holds strings, numbers, lists and dicts only, never model instances, so that a template
(uploaded by an admin, rendered in Jinja's sandbox) cannot reach the database. ``PLACEHOLDERS``
names every top-level value with what it holds: an uploaded template that uses another name is
refused, and the README lists them.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ttdn.cases import kinds
from ttdn.cases.models import Case, Participant, PostVisitReport, Review
from ttdn.documents import dates
from ttdn.documents.models import Document, Register

PLACEHOLDERS: dict[str, Any] = {
    # The document
    "parent_body": _("the governing body, e.g. UBND TỈNH TUYÊN QUANG"),
    "issuing_body": _("the issuing body, e.g. VĂN PHÒNG"),
    "number": _("the number (01, 02, ...) once issued; ... before"),
    "symbol": _("the symbol, e.g. TTr-VP"),
    "number_and_symbol": _("number and symbol, e.g. 05/TTr-VP (…/TTr-VP in a draft)"),
    "date_line": _("place and date, e.g. Tuyên Quang, ngày 05 tháng 3 năm 2026"),
    "issue_date": _("the date of issue, 05/03/2026 (blank in a draft)"),
    "issue_date_en": _("the date of issue in English, 5 March 2026"),
    "place": _("the place of issue, e.g. Tuyên Quang"),
    "summary": _("the summary line (trích yếu)"),
    "signer": _("the signer's name (blank in a draft)"),
    "recipients": _("the recipients, a list of lines"),
    "today": _("today, 05/03/2026"),
    # The case
    "reference": _("the case's reference, e.g. DV-2026-0007"),
    "title": _("the case's title"),
    "title_inline": _("the title with a small first letter, to run in a sentence (về đoàn ...)"),
    "purpose": _("the purpose of the visit"),
    "kind": _("the kind of case"),
    "direction": _("inbound or outbound"),
    "mode": _("in person or online"),
    "counterpart": _("the counterpart organisation"),
    "counterpart_vi": _("the counterpart's Vietnamese name (else its name)"),
    "countries": _("the countries, in the template's language, comma separated"),
    "start_date": _("first day, 05/03/2026"),
    "end_date": _("last day, 08/03/2026"),
    "start_date_words": _("first day in words, ngày 05 tháng 3 năm 2026"),
    "end_date_words": _("last day in words"),
    "start_date_en": _("first day in English, 5 March 2026"),
    "end_date_en": _("last day in English"),
    "days": _("the number of days"),
    "period": _("the dates, từ ngày 05/03/2026 đến ngày 08/03/2026 (ngày 05/03/2026 for one day)"),
    "head": _("the head of the delegation (name), if any"),
    "participants": _("list: name, role, position, organisation, country"),
    "participant_count": _("the number of participants"),
    "programme": _(
        "list of days: date, weekday, date_words, date_en, items (start, end, activity, place, hosts)"
    ),
    "lead_agency": _("the lead agency"),
    "co_hosts": _("list of the co-host agencies"),
    "responsible_officer": _("the protocol officer in charge"),
    "request_letter_number": _("the request letter's number"),
    "request_letter_date": _("the request letter's date, 05/03/2026"),
    "decision_number": _("the decision's number"),
    "decision_date": _("the decision's date, 05/03/2026"),
    "review_outcome": _("the police's latest decided outcome"),
    "review_conditions": _("the police's standing conditions"),
    "followups": _("list: title, assignee, due, status"),
    "report_summary": _("the post-visit report's summary"),
    "report_outcomes": _("the post-visit report's outcomes"),
    "report_agreements": _("the agreements signed, from the post-visit report"),
}


def _date(value: datetime.date | None) -> str:
    return dates.vi_numeric(value) if value else ""


def _programme(case: Case) -> list[dict[str, Any]]:
    by_day: dict[datetime.date, list[dict[str, str]]] = defaultdict(list)
    for item in case.programme_items.order_by("start", "pk"):
        start, end = timezone.localtime(item.start), timezone.localtime(item.end)
        by_day[start.date()].append(
            {
                "start": start.strftime("%H:%M"),
                "end": end.strftime("%H:%M"),
                "activity": item.get_activity_display(),
                "place": item.place,
                "hosts": item.hosts,
            }
        )
    return [
        {
            "date": dates.vi_numeric(day),
            "weekday": dates.vi_weekday(day),
            "date_words": dates.vi_words(day),
            "date_en": dates.en_words(day),
            "items": items,
        }
        for day, items in sorted(by_day.items())
    ]


def _participants(case: Case) -> list[dict[str, str]]:
    kind = kinds.get(case.kind) if case.kind in kinds.codes() else None
    if kind is not None and kind.document_people is not None:
        return kind.document_people(case)
    rows = case.participants.select_related("person__organisation").order_by("order", "pk")
    return [
        {
            "is_head": "yes" if row.role == Participant.Role.HEAD else "",
            "name": row.person.full_name,
            "role": row.get_role_display(),
            "position": row.person.position,
            "organisation": row.person.organisation.name if row.person.organisation else "",
            "country": row.person.nationality.name if row.person.nationality else "",
        }
        for row in rows
    ]


def _review(case: Case) -> tuple[str, str]:
    decided = (Review.Status.CLEARED, Review.Status.CLEARED_WITH_CONDITIONS, Review.Status.NOT_CLEARED)
    review = case.reviews.filter(status__in=decided).order_by("-number").first()
    if review is None:
        return "", ""
    return review.get_status_display(), review.standing_conditions


def case_context(case: Case) -> dict[str, Any]:
    """The case's values for the placeholders; the active language names countries and choices."""
    participants = _participants(case)
    head = next((row["name"] for row in participants if row["is_head"]), "")
    outcome, conditions = _review(case)
    report = PostVisitReport.objects.filter(followup__case=case).order_by("-filed_at").first()
    return {
        "reference": case.reference,
        "title": case.title,
        "title_inline": case.title[:1].lower() + case.title[1:],
        "purpose": case.purpose,
        "kind": case.kind_label,
        "direction": case.get_direction_display(),
        "mode": case.get_mode_display(),
        "counterpart": case.counterpart.name if case.counterpart else "",
        "counterpart_vi": (case.counterpart.name_vi or case.counterpart.name) if case.counterpart else "",
        "countries": ", ".join(str(country.name) for country in case.countries),
        "start_date": _date(case.start_date),
        "end_date": _date(case.end_date),
        "start_date_words": dates.vi_words(case.start_date),
        "end_date_words": dates.vi_words(case.end_date),
        "start_date_en": dates.en_words(case.start_date),
        "end_date_en": dates.en_words(case.end_date),
        "days": case.days,
        "period": dates.vi_period(case.start_date, case.end_date),
        "head": head,
        "participants": participants,
        "participant_count": len(participants),
        "programme": _programme(case),
        "lead_agency": case.lead_agency.name,
        "co_hosts": [agency.name for agency in case.co_host_agencies.all()],
        "responsible_officer": case.responsible_officer.get_full_name() if case.responsible_officer else "",
        "request_letter_number": case.request_letter_number,
        "request_letter_date": _date(case.request_letter_date),
        "decision_number": case.decision_number,
        "decision_date": _date(case.decision_date),
        "review_outcome": outcome,
        "review_conditions": conditions.strip().rstrip(".;"),  # it runs on inside a sentence
        "followups": [
            {
                "title": followup.title,
                "assignee": str(followup.assignee_agency or followup.assignee_user or ""),
                "due": _date(followup.due_date),
                "status": followup.get_status_display(),
            }
            for followup in case.follow_ups.select_related("assignee_agency", "assignee_user").order_by(
                "due_date"
            )
        ],
        "report_summary": report.summary if report else "",
        "report_outcomes": report.outcomes if report else "",
        "report_agreements": report.agreements_signed if report else "",
    }


def document_context(
    *,
    register: Register,
    symbol: str,
    summary: str,
    number: int | None = None,
    issued_on: datetime.date | None = None,
    signer: str = "",
    recipients: list[str] | None = None,
) -> dict[str, Any]:
    """The document's own values: a draft has "..." for its number and date."""
    number_text = f"{number:02d}" if number is not None else "..."
    return {
        "parent_body": register.parent_body,
        "issuing_body": register.body,
        "number": number_text,
        "symbol": symbol,
        "number_and_symbol": f"{number_text}/{symbol}",
        "date_line": dates.date_line(register.place, issued_on),
        "issue_date": _date(issued_on),
        "issue_date_en": dates.en_words(issued_on) if issued_on else "",
        "place": register.place,
        "summary": summary,
        "signer": signer,
        "recipients": recipients or [],
        "today": dates.vi_numeric(timezone.localdate()),
    }


def recipients_of(document: Document) -> list[str]:
    return [line.strip() for line in document.recipients.splitlines() if line.strip()]
