from __future__ import annotations

from django.db import transaction

from delegations.models import Agreement, Delegation
from delegations.policy import may_edit_agreements
from ttdn.accounts.models import User
from ttdn.cases.history import stamp
from ttdn.cases.models import Case
from ttdn.cases.policy import enforce
from ttdn.cases.services.cases import CaseData, case_create, case_update

KIND = "delegation"


@transaction.atomic
def delegation_create(*, actor: User, data: CaseData, delegation_kind: str) -> Case:
    case = case_create(actor=actor, kind=KIND, data=data)
    delegation = Delegation(case=case, delegation_kind=delegation_kind)
    delegation.full_clean()
    stamp(delegation, actor)
    delegation.save()
    return case


@transaction.atomic
def delegation_update(*, actor: User, case: Case, data: CaseData, delegation_kind: str) -> Case:
    case = case_update(actor=actor, case=case, data=data)
    delegation = Delegation.objects.select_for_update().get(case=case)
    if delegation.delegation_kind != delegation_kind:
        delegation.delegation_kind = delegation_kind
        delegation.full_clean()
        stamp(delegation, actor)
        delegation.save(update_fields=["delegation_kind"])
    return case


@transaction.atomic
def agreement_save(*, actor: User, agreement: Agreement, cases: list[Case]) -> Agreement:
    enforce(may_edit_agreements(user=actor))
    agreement.full_clean()
    stamp(agreement, actor)
    agreement.save()
    if set(agreement.cases.all()) != set(cases):
        agreement.cases.set(cases)
    return agreement
