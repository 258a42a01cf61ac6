from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from delegations.models import Agreement, Delegation
from delegations.policy import may_edit_agreements
from ttdn.accounts.models import User
from ttdn.cases.errors import CaseError, RowError
from ttdn.cases.events import log_event
from ttdn.cases.history import bulk_create_recorded, stamp
from ttdn.cases.models import Case
from ttdn.cases.policy import enforce
from ttdn.cases.services.cases import CaseData, case_create, case_update, cases_create

KIND = "delegation"
# The delegation kind's own events (registered with the kind, in DelegationsConfig.ready).
AGREEMENT_LINKED, AGREEMENT_UNLINKED = "delegation.agreement_linked", "delegation.agreement_unlinked"


def _inbound_only(data: CaseData) -> None:
    """A delegation is inbound: an outbound one is a kind of its own (outbound/)."""
    if data.fields.get("direction", Case.Direction.INBOUND) != Case.Direction.INBOUND:
        raise CaseError(_("A delegation here is inbound: record an outbound delegation as one."))


@transaction.atomic
def delegation_create(*, actor: User, data: CaseData, delegation_kind: str) -> Case:
    _inbound_only(data)
    case = case_create(actor=actor, kind=KIND, data=data)
    delegation = Delegation(case=case, delegation_kind=delegation_kind)
    delegation.full_clean()
    stamp(delegation, actor)
    delegation.save()
    return case


@transaction.atomic
def delegations_create(
    *, actor: User, data: Sequence[CaseData], delegation_kinds: Sequence[str], references: Sequence[str] = ()
) -> list[Case]:
    """``delegation_create`` for many delegations at once (``cases_create``: an import); a row
    refused raises RowError with its index, and nothing is kept."""
    for index, row in enumerate(data):
        try:
            _inbound_only(row)
        except CaseError as error:
            raise RowError(error.message, index=index) from error
    delegations = [Delegation(delegation_kind=kind) for kind in delegation_kinds]
    for index, delegation in enumerate(delegations):
        try:
            delegation.full_clean(exclude=["case"])
        except ValidationError as error:
            raise RowError(" ".join(error.messages), index=index, cause=error) from error
    cases = cases_create(actor=actor, kind=KIND, data=data, references=references)
    for case, delegation in zip(cases, delegations, strict=True):
        delegation.case = case
    bulk_create_recorded(delegations, actor=actor)
    return cases


@transaction.atomic
def delegation_update(
    *, actor: User, case: Case, data: CaseData, delegation_kind: str, reopen_confirmed: bool = True
) -> Case:
    """Save the edit of a delegation (the kind of delegation is not part of the police's review)."""
    _inbound_only(data)
    case = case_update(actor=actor, case=case, data=data, reopen_confirmed=reopen_confirmed)
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
    before, after = set(agreement.cases.all()), set(cases)
    if before != after:
        agreement.cases.set(cases)
    # Each case linked or unlinked says so on its own timeline.
    for code, changed in ((AGREEMENT_LINKED, after - before), (AGREEMENT_UNLINKED, before - after)):
        for case in sorted(changed, key=lambda case: case.pk):
            log_event(
                case=case, code=code, actor=actor, text=agreement.title, data={"agreement": agreement.pk}
            )
    return agreement
