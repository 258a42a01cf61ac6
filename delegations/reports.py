"""What the periodic report needs to know of delegations: the kind of each."""

from __future__ import annotations

from django.db.models import QuerySet

from delegations.models import Delegation
from ttdn.cases.models import Case


def delegation_kinds(cases: QuerySet[Case]) -> dict[int, tuple[str, str]]:
    labels = dict(Delegation.Kind.choices)
    return {
        case_id: (kind, str(labels.get(kind, kind)))
        for case_id, kind in Delegation.objects.filter(case__in=cases).values_list(
            "case_id", "delegation_kind"
        )
    }
