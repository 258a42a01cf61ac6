"""What the conference's sections of the case page need: its dossier's due date, the agencies
consulted (each with whether its answer is late, and whether this user may record it)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from conferences.models import Conference, ConsultedAgency
from conferences.policy import may_answer_for
from ttdn.cases.models import Case


@dataclass(frozen=True)
class ConsultationRow:
    consultation: ConsultedAgency
    late: bool
    may_answer: bool


def _dossier_late(record: Conference, today: datetime.date) -> bool:
    due = record.dossier_due_on
    submitted = record.dossier_submitted_on
    return due is not None and (
        (submitted is None and today > due) or (submitted is not None and submitted > due)
    )


def conference_detail_context(case: Case, user: Any) -> dict[str, Any]:
    today = timezone.localdate()
    record = (
        Conference.objects.select_related("approval_rule").prefetch_related("co_organisers").get(case=case)
    )
    consultations = ConsultedAgency.objects.filter(case=case).select_related("agency")
    return {
        "conference": record,
        "conference_dossier_late": _dossier_late(record, today),
        "consultations": [
            ConsultationRow(
                consultation=row,
                late=row.answered_on is None and today > row.due_on,
                may_answer=may_answer_for(user=user, agency_id=row.agency_id),
            )
            for row in consultations
        ],
    }
