"""The case timeline: every change of the case and of its records (django-simple-history)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy

from ttdn.accounts.models import User

REASON_LABELS = {
    "created": gettext_lazy("created"),
    "uploaded": gettext_lazy("uploaded"),
    "referred": gettext_lazy("referred to the police"),
    "assigned": gettext_lazy("review assigned"),
    "answered": gettext_lazy("questions answered"),
    "more_info": gettext_lazy("the police need more information"),
    "review_assigned": gettext_lazy("the police took up the review"),
    "review_decided": gettext_lazy("the police decided"),
    "review_waived": gettext_lazy("review waived by a leader"),
    "changed_after_approval": gettext_lazy("changed after approval: reviewed again"),
    "stale": gettext_lazy("superseded by a change"),
    "waived": gettext_lazy("waived"),
    "cleared": gettext_lazy("cleared"),
    "cleared_with_conditions": gettext_lazy("cleared with conditions"),
    "not_cleared": gettext_lazy("not cleared"),
    "withdrawn": gettext_lazy("withdrawn from the police"),
    "calendar": gettext_lazy("by the calendar"),
    "done": gettext_lazy("done"),
    "cancelled": gettext_lazy("cancelled"),
    "anonymised": gettext_lazy("identity data anonymised (retention period over)"),
    "data_subject_correction": gettext_lazy("corrected at the person's request"),
}
GRANT_LABELS = {
    "access_restricted_case": gettext_lazy("need-to-know access"),
    "review_case": gettext_lazy("referral to the police"),
    "see_referred_case": gettext_lazy("the police's sight of the restricted case (referral)"),
}


def stamp(instance: models.Model, actor: User | None, reason: str = "") -> None:
    """Name who makes the next save of ``instance`` (and why) in its history."""
    instance._history_user = actor  # type: ignore[attr-defined]
    if reason:
        # simple-history keeps 100 characters; a longer reason (a rejection's) is cut, not refused.
        instance._change_reason = reason[:100]  # type: ignore[attr-defined]


@dataclass
class TimelineEntry:
    when: datetime.datetime
    user: User | None
    action: str  # "created", "changed", "deleted"
    subject: str  # verbose name of the record
    label: str  # the record, as its __str__ gave it
    reason: str
    changes: list[tuple[Any, Any, Any]] = field(default_factory=list)


def _history_querysets(case_id: int, extension_models: list[str]) -> list[tuple[Any, models.QuerySet[Any]]]:
    from ttdn.cases.models import Attachment, Case, FollowUp, Participant, ProgrammeItem, Review, SecrecyMark

    sets: list[tuple[Any, models.QuerySet[Any]]] = [
        (FollowUp, FollowUp.history.filter(case_id=case_id)),
        (Review, Review.history.filter(case_id=case_id)),
        (SecrecyMark, SecrecyMark.history.filter(case_id=case_id)),
        (Case, Case.history.filter(id=case_id)),
        (Participant, Participant.history.filter(case_id=case_id).select_related("person")),
        (ProgrammeItem, ProgrammeItem.history.filter(case_id=case_id)),
        (Attachment, Attachment.history.filter(case_id=case_id)),
    ]
    for label in extension_models:
        model = apps.get_model(label)
        sets.append((model, model.history.filter(case_id=case_id)))
    return sets


_SKIPPED = {
    "id",
    "history_id",
    "history_date",
    "history_change_reason",
    "history_type",
    "history_user",
    "updated_at",
}


def case_timeline(
    *, case_id: int, extension_models: list[str], include_access: bool = False
) -> list[TimelineEntry]:
    """All changes to a case and its records, newest first, with what changed in each.

    A fixed number of queries whatever the length of the history: one per record type, and one
    per related model named in a change.
    """
    entries: list[TimelineEntry] = []
    wanted: dict[Any, set[Any]] = {}  # related model -> primary keys named in changes
    for model, queryset in _history_querysets(case_id, extension_models):
        rows = list(queryset.select_related("history_user").order_by("history_date", "history_id"))
        fields = [f for f in model._meta.concrete_fields if f.attname not in _SKIPPED and f.name != "case"]
        previous: dict[Any, Any] = {}
        for row in rows:
            key = getattr(row, "id", None) or getattr(row, "pk", None)
            before = previous.get(key)
            changes = []
            if row.history_type == "~" and before is not None:
                for f in fields:
                    old, new = getattr(before, f.attname, None), getattr(row, f.attname, None)
                    if old != new:
                        changes.append((f, old, new))
                        if f.is_relation:
                            wanted.setdefault(f.related_model, set()).update({old, new} - {None})
            previous[key] = row
            entries.append(
                TimelineEntry(
                    when=row.history_date,
                    user=row.history_user,
                    action={"+": "created", "~": "changed", "-": "deleted"}[row.history_type],
                    subject=str(model._meta.verbose_name),
                    label=_label(model, row),
                    reason=row.history_change_reason or "",
                    changes=changes,
                )
            )
    related = {model: model._default_manager.in_bulk(pks) for model, pks in wanted.items()}
    for entry in entries:
        entry.changes = [
            (str(f.verbose_name), _display(f, old, related), _display(f, new, related))
            for f, old, new in entry.changes
        ]
    if include_access:
        entries += _grant_entries(case_id) + _access_entries(case_id)
    entries = [entry for entry in entries if not _is_noise(entry)]
    for entry in entries:
        entry.reason = _reason_label(entry.reason)
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries


def _is_noise(entry: TimelineEntry) -> bool:
    # A many-to-many change (co-hosts) saved during creation repeats the creation.
    return entry.action == "changed" and not entry.changes and entry.reason == "created"


def _reason_label(reason: str) -> str:
    """Reasons are stored as codes ("approve", "cancel: why"); show them in the page's language."""
    from ttdn.cases.services.workflow import TRANSITIONS

    code, _sep, note = reason.partition(": ")
    if code in TRANSITIONS:
        label = str(TRANSITIONS[code].label)
    elif code in REASON_LABELS:
        label = str(REASON_LABELS[code])
    else:
        return reason
    note = str(REASON_LABELS.get(note, note))
    return f"{label}: {note}" if note else label


def _display(field_: Any, value: Any, related: dict[Any, dict[Any, Any]]) -> Any:
    if value in (None, ""):
        return "—"
    if isinstance(value, bool):
        return gettext_lazy("yes") if value else gettext_lazy("no")
    if field_.choices:
        return dict(field_.flatchoices).get(value, value)
    if field_.is_relation:
        return related.get(field_.related_model, {}).get(value, value)
    return value


def _label(model: Any, row: Any) -> str:
    from ttdn.cases.models import Participant

    if model is Participant:
        return str(row.person.full_name)
    return str(row.instance)


def _grant_entries(case_id: int) -> list[TimelineEntry]:
    """Need-to-know grants and police referrals, given and taken back (host grants follow the
    lead and co-host agencies, which the case's own history shows)."""
    from ttdn.cases.models import CaseGroupObjectPermission, CaseUserObjectPermission
    from ttdn.cases.permissions import NEED_TO_KNOW, REFERRAL_SIGHT, REVIEW

    codenames = [NEED_TO_KNOW, REVIEW, REFERRAL_SIGHT]
    user_rows = CaseUserObjectPermission.history.filter(
        content_object_id=case_id, permission__codename__in=codenames
    ).select_related("history_user", "permission", "user")
    group_rows = CaseGroupObjectPermission.history.filter(
        content_object_id=case_id, permission__codename__in=codenames
    ).select_related("history_user", "permission", "group__agency")
    entries = []
    for row in [*user_rows, *group_rows]:
        holder = row.user if hasattr(row, "user_id") else getattr(row.group, "agency", None) or row.group
        entries.append(
            TimelineEntry(
                when=row.history_date,
                user=row.history_user,
                action="granted" if row.history_type == "+" else "revoked",
                subject=str(GRANT_LABELS[row.permission.codename]),
                label=str(holder),
                reason="",
            )
        )
    return entries


def _access_entries(case_id: int) -> list[TimelineEntry]:
    from ttdn.cases.models import AccessLog

    return [
        TimelineEntry(
            when=log.at,
            user=log.user,
            action="access",
            subject=str(log.get_action_display()),
            label=log.detail,
            reason=log.ip_address or "",
        )
        for log in AccessLog.objects.filter(case_id=case_id).select_related("user")
    ]
