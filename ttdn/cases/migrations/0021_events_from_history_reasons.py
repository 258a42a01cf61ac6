"""The change reasons of the case-related history tables become events of the case.

Before the event log, services wrote a reason code (and a note after ": ") in simple-history's
``history_change_reason``, and the timeline parsed it. Each such row becomes one ``CaseEvent``: its
code mapped from the old reason code, its text the note (or what the record held: a clearance's
conditions, a follow-up's result, a waiver's reason), its actor the row's ``history_user``, its
time the row's ``history_date``. ``data["history"]`` names the row, so a second run adds nothing
and going back removes exactly these. The old reasons stay where they are (the history is kept).
The codes here are frozen as they were on the day of the migration, not imported from the app.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db import migrations

BATCH = 500
TRANSITIONS = ("submit", "approve", "reject", "start", "complete", "report", "close", "cancel")
CASE_CODES = {
    "created": "case.created",
    "decision": "case.decision",
    "imported": "case.import",
    # The police review moved a submitted case to under review ...
    "review_assigned": "case.take_up",
    "review_decided": "case.take_up",
    "review_waived": "case.take_up",
    # ... back to protocol for more information, or back to review after a change.
    "more_info": "case.return",
    "changed_after_approval": "case.reopen_review",
    **{name: f"case.{name}" for name in TRANSITIONS},
}
# Moves of the case's status: their events say from and to.
MOVES = {
    "case.import",
    "case.take_up",
    "case.return",
    "case.reopen_review",
    *(f"case.{t}" for t in TRANSITIONS),
}
REVIEW_CODES = {
    "referred": "review.referred",
    "answered": "review.resumed",  # written when the answered review went back to the police
    "assigned": "review.assigned",
    "more_info": "review.more_info",
    "cleared": "review.cleared",
    "cleared_with_conditions": "review.cleared_with_conditions",
    "not_cleared": "review.not_cleared",
    "waived": "review.waived",
    "stale": "review.stale",
    "withdrawn": "review.withdrawn",
}
FOLLOWUP_CODES = {
    "done": "followup.done",
    "cancelled": "followup.cancelled",
    "opened": "report.opened",
    "commitment": "followup.created",
    "report filed": None,  # the same moment as the report's own "filed", which becomes the event
}
CORRECTION = "data_subject_correction"
NOTE = "history.note"  # a reason no code matches: kept whole as the text


def _event(row: Any, case_id: int, code: str, text: str, data: dict[str, Any], table: str) -> dict[str, Any]:
    return {
        "case_id": case_id,
        "code": code,
        "actor_id": row.history_user_id,
        "at": row.history_date,
        "text": text or "",
        "data": {**data, "history": f"{table}:{row.history_id}"},
    }


def _with_reason(model: Any) -> Any:
    return (
        model.objects.exclude(history_change_reason__isnull=True)
        .exclude(history_change_reason="")
        .order_by("history_date", "history_id")
    )


def _case_events(apps: Any) -> Iterator[dict[str, Any]]:
    history = apps.get_model("cases", "HistoricalCase")
    status_before: dict[int, str] = {}
    for row in history.objects.order_by("history_date", "history_id").iterator():
        before = status_before.get(row.id)
        status_before[row.id] = row.status
        reason = row.history_change_reason or ""
        if not reason:
            continue
        name, _sep, note = reason.partition(": ")
        code = CASE_CODES.get(name)
        if code is None:
            yield _event(row, row.id, NOTE, reason, {}, "case")
            continue
        data: dict[str, Any] = {}
        if code in MOVES:
            data = {"from": before or "", "to": row.status}
        if note == "calendar":
            data["calendar"], note = True, ""
        if code == "case.created":
            data["kind"] = row.kind
        if code == "case.decision":
            note = row.decision_number
            data = {
                "number": row.decision_number,
                "date": row.decision_date.isoformat() if row.decision_date else "",
            }
        yield _event(row, row.id, code, note, data, "case")


def _review_events(apps: Any) -> Iterator[dict[str, Any]]:
    history = apps.get_model("cases", "HistoricalReview")
    user = apps.get_model("accounts", "User")
    question = apps.get_model("cases", "ReviewQuestion")
    waiver = apps.get_model("cases", "ReviewWaiver")
    rows = list(_with_reason(history))
    officers = {
        u.pk: u.full_name or u.username for u in user.objects.filter(pk__in={r.assigned_to_id for r in rows})
    }
    waivers = dict(waiver.objects.values_list("review_id", "reason"))
    questions: dict[int, list[str]] = {}
    for review_id, text in question.objects.order_by("asked_at", "pk").values_list("review_id", "text"):
        questions.setdefault(review_id, []).append(text)
    asked: dict[int, int] = {}  # the n-th "more information" of a review asked its n-th question
    for row in rows:
        reason = row.history_change_reason
        code = REVIEW_CODES.get(reason)
        data = {"review": row.id, "number": row.number}
        if code is None:
            yield _event(row, row.case_id, NOTE, reason, data, "review")
            continue
        text = ""
        if reason == "assigned":
            text = officers.get(row.assigned_to_id, "")
            data["officer"] = row.assigned_to_id
        elif reason == "more_info":
            index = asked.get(row.id, 0)
            asked[row.id] = index + 1
            texts = questions.get(row.id, [])
            text = texts[index] if index < len(texts) else ""
        elif reason == "cleared_with_conditions":
            text = row.conditions
        elif reason == "not_cleared":
            text = row.reason
        elif reason == "waived":
            text = waivers.get(row.id, "")
        yield _event(row, row.case_id, code, text, data, "review")


def _followup_events(apps: Any) -> Iterator[dict[str, Any]]:
    history = apps.get_model("cases", "HistoricalFollowUp")
    for row in _with_reason(history).iterator():
        reason = row.history_change_reason
        data: dict[str, Any] = {"followup": row.id}
        if reason not in FOLLOWUP_CODES:
            yield _event(row, row.case_id, NOTE, reason, data, "followup")
            continue
        code = FOLLOWUP_CODES[reason]
        if code is None:
            continue
        text = row.result if reason in ("done", "cancelled") else row.title if reason == "commitment" else ""
        if reason in ("opened", "commitment"):
            data["due_date"] = row.due_date.isoformat()
        yield _event(row, row.case_id, code, text, data, "followup")


def _report_events(apps: Any) -> Iterator[dict[str, Any]]:
    history = apps.get_model("cases", "HistoricalPostVisitReport")
    followup_history = apps.get_model("cases", "HistoricalFollowUp")
    case_of = dict(followup_history.objects.values_list("id", "case_id"))
    for row in _with_reason(history).iterator():
        case_id = case_of.get(row.followup_id)
        if case_id is None:
            continue
        data = {"followup": row.followup_id, "report": row.id}
        reason = row.history_change_reason
        code = "report.filed" if reason == "filed" else NOTE
        yield _event(row, case_id, code, "" if code == "report.filed" else reason, data, "postvisitreport")


def _attachment_events(apps: Any) -> Iterator[dict[str, Any]]:
    history = apps.get_model("cases", "HistoricalAttachment")
    for row in _with_reason(history).iterator():
        reason = row.history_change_reason
        data = {"attachment": row.id, "kind": row.kind}
        if reason == "uploaded":
            yield _event(row, row.case_id, "attachment.added", row.original_name, data, "attachment")
        else:
            yield _event(row, row.case_id, NOTE, reason, data, "attachment")


def _person_events(apps: Any) -> Iterator[dict[str, Any]]:
    """A person's correction or anonymisation: an event on each of the person's cases."""
    history = apps.get_model("cases", "HistoricalPerson")
    participant = apps.get_model("cases", "Participant")
    cases_of: dict[int, set[int]] = {}
    for person_id, case_id in participant.objects.values_list("person_id", "case_id"):
        cases_of.setdefault(person_id, set()).add(case_id)
    for row in _with_reason(history).iterator():
        reason = row.history_change_reason
        name, _sep, note = reason.partition(": ")
        for case_id in sorted(cases_of.get(row.id, ())):
            if name == CORRECTION:
                yield _event(row, case_id, "person.corrected", note, {"person": row.id}, "person")
            elif reason == "anonymised":
                yield _event(row, case_id, "person.anonymised", "", {"people": [row.id]}, "person")
            else:
                yield _event(row, case_id, NOTE, reason, {"person": row.id}, "person")


HANDLED = {"historicalcase", "historicalreview", "historicalfollowup", "historicalpostvisitreport",
           "historicalattachment", "historicalperson"}  # fmt: skip


def _other_events(apps: Any) -> Iterator[dict[str, Any]]:
    """Any other record of a case whose history holds a reason: kept as a note on the case."""
    for model in apps.get_app_config("cases").get_models():
        name = model._meta.model_name
        if not name.startswith("historical") or name in HANDLED:
            continue
        if not {"case", "history_change_reason"} <= {f.name for f in model._meta.fields}:
            continue  # not a case's record, or a many-to-many history (no reasons)
        for row in _with_reason(model).iterator():
            yield _event(
                row, row.case_id, NOTE, row.history_change_reason, {}, name.removeprefix("historical")
            )


def events_from_reasons(apps: Any, schema_editor: Any) -> None:
    event = apps.get_model("cases", "CaseEvent")
    case = apps.get_model("cases", "Case")
    done = set(event.objects.filter(data__has_key="history").values_list("data__history", flat=True))
    cases = set(case.objects.values_list("pk", flat=True))
    batch: list[Any] = []
    for source in (_case_events, _review_events, _followup_events, _report_events, _attachment_events,
                   _person_events, _other_events):  # fmt: skip
        for values in source(apps):
            if values["data"]["history"] in done or values["case_id"] not in cases:
                continue  # already moved, or the history of a case since deleted
            batch.append(event(**values))
            if len(batch) >= BATCH:
                event.objects.bulk_create(batch)
                batch = []
    event.objects.bulk_create(batch)


def remove_migrated_events(apps: Any, schema_editor: Any) -> None:
    apps.get_model("cases", "CaseEvent").objects.filter(data__has_key="history").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0020_settings_history"),
        ("accounts", "0001_initial"),
    ]

    operations = [migrations.RunPython(events_from_reasons, remove_migrated_events)]
