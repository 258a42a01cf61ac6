from __future__ import annotations

from django.db import transaction

from ttdn.accounts.models import User
from ttdn.cases.events import log_event
from ttdn.cases.history import stamp
from ttdn.cases.models import Case, SecrecyMark
from ttdn.cases.policy import enforce, may_record_secrecy_mark


@transaction.atomic
def secrecy_mark_add(*, actor: User, case: Case, mark: SecrecyMark) -> SecrecyMark:
    """Record a classified document's metadata (title, level, register number, custodian,
    protection period). The document itself never enters the system."""
    enforce(may_record_secrecy_mark(user=actor, case=case))
    mark.case, mark.recorded_by = case, actor
    mark.full_clean()
    stamp(mark, actor)
    mark.save()
    log_event(
        case=case,
        code="secrecy.recorded",
        actor=actor,
        text=mark.title,
        data={"mark": mark.pk, "level": mark.level},
    )
    return mark
