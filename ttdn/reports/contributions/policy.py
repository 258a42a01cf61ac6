"""Who may do what with report requests and contributions (the rules in the form of
``ttdn.cases.policy``); what each may see is ``selectors.py``.

Protocol staff create, send, remind and compile; leaders (and admins) read everything; an agency's
staff, the police's officers among them, read their own agency's contribution and the request it
answers, and write it while it is a draft and the request is open."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.utils.translation import gettext as _

from ttdn.accounts.models import User
from ttdn.accounts.roles import Role, has_role, roles_of, works_for_agency
from ttdn.cases.policy import Refusal
from ttdn.reports.models import Contribution, ReportRequest


def sees_every_request(user: AbstractBaseUser | AnonymousUser) -> bool:
    return has_role(user, Role.PROTOCOL, Role.LEADER, Role.ADMIN)


def contributes_for_agency(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether the user writes their agency's contributions: its protocol and host staff, and the
    police's officers (never its leaders, who read them)."""
    roles = roles_of(user)
    return (
        isinstance(user, User)
        and user.agency_id is not None
        and (works_for_agency(roles) or (Role.POLICE in roles and Role.LEADER not in roles))
    )


def may_manage_requests(*, user: AbstractBaseUser | AnonymousUser) -> Refusal | None:
    if has_role(user, Role.PROTOCOL):
        return None
    return Refusal(_("Only protocol staff send report requests and compile the report."), by_role=True)


def may_send_request(*, user: User, request: ReportRequest) -> Refusal | None:
    refusal = may_manage_requests(user=user)
    if refusal is None and request.status != ReportRequest.Status.DRAFT:
        return Refusal(_("This request has already been sent."))
    return refusal


def may_remind(*, user: User, request: ReportRequest) -> Refusal | None:
    refusal = may_manage_requests(user=user)
    if refusal is None and request.status != ReportRequest.Status.SENT:
        return Refusal(_("Only a request that was sent and not yet compiled is reminded of."))
    return refusal


def may_compile(*, user: User, request: ReportRequest) -> Refusal | None:
    refusal = may_manage_requests(user=user)
    if refusal is not None:
        return refusal
    if request.status == ReportRequest.Status.DRAFT:
        return Refusal(_("Send the request to the agencies before compiling their report."))
    if request.document is not None and request.document.is_issued:
        return Refusal(_("The compiled report has been issued; it is not compiled again."))
    return None


def may_issue_compiled(*, user: User, request: ReportRequest) -> Refusal | None:
    refusal = may_manage_requests(user=user)
    if refusal is None and request.document is None:
        return Refusal(_("Compile the report before issuing it."))
    return refusal


def may_edit_contribution(*, user: User, contribution: Contribution) -> Refusal | None:
    if not contributes_for_agency(user) or user.agency_id != contribution.agency_id:
        return Refusal(_("Only the staff of the agency asked write its contribution."), by_role=True)
    if contribution.is_submitted:
        return Refusal(_("This contribution has been submitted; it is no longer changed."))
    if contribution.request.status != ReportRequest.Status.SENT:
        return Refusal(_("The report has been compiled; contributions are closed."))
    return None
