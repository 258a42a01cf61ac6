"""Need-to-know grants on restricted cases, and the log of sensitive access."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from ttdn.accounts.addresses import client_address
from ttdn.accounts.models import Agency, User
from ttdn.cases.errors import CaseError
from ttdn.cases.models import AccessLog, Case
from ttdn.cases.permissions import grant_need_to_know, need_to_know_of, revoke_need_to_know
from ttdn.cases.policy import enforce, may_manage_access, may_revoke_access


@transaction.atomic
def case_grant_access(
    *, actor: User, case: Case, users: Iterable[User] = (), agencies: Iterable[Agency] = ()
) -> None:
    """Put users or agencies on the need-to-know list of ``case`` (the caller has checked that
    ``actor`` may see the case)."""
    enforce(may_manage_access(user=actor, case=case))
    inactive = [user for user in users if not user.is_active]
    if inactive:
        raise CaseError(_("%(name)s cannot sign in, so cannot be given access.") % {"name": inactive[0]})
    grant_need_to_know(case=case, actor=actor, users=users, agencies=agencies)


@transaction.atomic
def case_revoke_access(
    *, actor: User, case: Case, users: Iterable[User] = (), agencies: Iterable[Agency] = ()
) -> None:
    users = list(users)
    enforce(may_revoke_access(user=actor, case=case, users=users))
    revoke_need_to_know(case=case, users=users, agencies=agencies)


@transaction.atomic
def case_set_need_to_know(
    *, actor: User, case: Case, users: Iterable[User] = (), agencies: Iterable[Agency] = ()
) -> None:
    """Make the need-to-know list of ``case`` exactly ``users`` and ``agencies`` (the admin's
    form): who is no longer on it is taken off, who is new is put on, all or nothing."""
    users, agencies = set(users), set(agencies)
    old_users, old_agencies = need_to_know_of(case=case)
    case_revoke_access(
        actor=actor, case=case, users=set(old_users) - users, agencies=set(old_agencies) - agencies
    )
    case_grant_access(actor=actor, case=case, users=users, agencies=agencies)


def access_log_record(
    *, request: HttpRequest, user: User, action: str, case: Case | None = None, detail: str = ""
) -> AccessLog:
    return AccessLog.objects.create(
        user=user, case=case, action=action, detail=detail[:255], ip_address=client_address(request)
    )


def access_log_restricted_reads(
    *, request: HttpRequest, user: User, cases: Iterable[Case], detail: str = ""
) -> None:
    """A page, print-out or API answer shows ``cases`` to ``user``: each restricted one among
    them gets its "viewed" entry (one insert for all). Every read of a restricted case, whatever
    shows it, calls this; the caller has already fetched the cases through the selector."""
    access_log_many(
        request=request,
        user=user,
        cases=[case for case in cases if case.is_restricted],
        action=AccessLog.Action.VIEW_RESTRICTED,
        detail=detail,
    )


def access_log_exports(*, request: HttpRequest, user: User, cases: Iterable[Case], detail: str) -> None:
    """An export: one entry on each exported case's history (one without a case for figures)."""
    access_log_many(request=request, user=user, cases=cases, action=AccessLog.Action.EXPORT, detail=detail,
                    without_case=True)  # fmt: skip


def access_log_many(
    *,
    request: HttpRequest,
    user: User,
    cases: Iterable[Case],
    action: str,
    detail: str,
    without_case: bool = False,
) -> None:
    """One entry per case, written at once; with none, one entry without a case if asked."""
    address = client_address(request)
    entries = [
        AccessLog(user=user, case=case, action=action, detail=detail[:255], ip_address=address)
        for case in cases
    ]
    if not entries and without_case:
        entries = [AccessLog(user=user, action=action, detail=detail[:255], ip_address=address)]
    AccessLog.objects.bulk_create(entries, batch_size=500)
