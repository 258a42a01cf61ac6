from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from ttdn.accounts.models import User
from ttdn.accounts.roles import Role, has_role
from ttdn.cases.errors import CaseError
from ttdn.cases.events import log_event
from ttdn.cases.history import stamp
from ttdn.cases.models import Case, SecrecyMark


@transaction.atomic
def secrecy_mark_add(*, actor: User, case: Case, mark: SecrecyMark) -> SecrecyMark:
    """Record a classified document's metadata (title, level, register number, custodian,
    protection period). The document itself never enters the system."""
    if not has_role(actor, Role.PROTOCOL):
        raise CaseError(_("Only protocol staff record secrecy marks."))
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
