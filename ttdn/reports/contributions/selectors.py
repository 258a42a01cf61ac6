"""Reads of report requests and contributions through the one access policy: the lists, the
pages, the API and the downloads all read through these, so that what a user can list is exactly
what they can open, and what they may not see is missing (404) like what does not exist."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from ttdn.accounts.models import User
from ttdn.accounts.roles import Role, has_role, roles_of
from ttdn.reports.contributions.policy import sees_every_request
from ttdn.reports.models import Contribution, ContributionReminder, ReportRequest

OPEN_TO_AGENCIES = (ReportRequest.Status.SENT, ReportRequest.Status.COMPILED)


def _agency_of(user: AbstractBaseUser | AnonymousUser) -> int | None:
    return user.agency_id if isinstance(user, User) and roles_of(user) else None


def requests_visible_to(user: AbstractBaseUser | AnonymousUser) -> QuerySet[ReportRequest]:
    """Protocol staff and admins: every request (their drafts too); leaders: every request sent;
    an agency's staff: the requests sent to their agency."""
    requests = ReportRequest.objects.all()
    if has_role(user, Role.PROTOCOL, Role.ADMIN):
        return requests
    if sees_every_request(user):
        return requests.filter(status__in=OPEN_TO_AGENCIES)
    agency = _agency_of(user)
    if agency is None:
        return requests.none()
    asked = Contribution.objects.filter(request=OuterRef("pk"), agency_id=agency)
    return requests.filter(Exists(asked), status__in=OPEN_TO_AGENCIES)


def contributions_visible_to(user: AbstractBaseUser | AnonymousUser) -> QuerySet[Contribution]:
    """Those of the requests the user sees: all of them for whoever sees every request, else the
    user's own agency's."""
    contributions = Contribution.objects.filter(request__in=requests_visible_to(user).values("pk"))
    if sees_every_request(user):
        return contributions
    agency = _agency_of(user)
    return contributions.filter(agency_id=agency) if agency is not None else contributions.none()


def request_list_for(*, user: AbstractBaseUser | AnonymousUser) -> QuerySet[ReportRequest]:
    """The list, with how many agencies were asked and how many have submitted (two counts in the
    list's one query)."""
    return (
        requests_visible_to(user)
        .annotate(
            asked=Count("contributions", distinct=True),
            submitted=Count(
                "contributions", filter=Q(contributions__status=Contribution.Status.SUBMITTED), distinct=True
            ),
        )
        .order_by("-period_end", "-pk")
    )


def request_get_for(*, user: AbstractBaseUser | AnonymousUser, pk: int) -> ReportRequest:
    try:
        return requests_visible_to(user).select_related("document", "created_by", "sent_by").get(pk=pk)
    except ReportRequest.DoesNotExist as error:
        raise Http404 from error


def contribution_get_for(*, user: AbstractBaseUser | AnonymousUser, pk: int) -> Contribution:
    try:
        return contributions_visible_to(user).select_related("request", "agency").get(pk=pk)
    except Contribution.DoesNotExist as error:
        raise Http404 from error


def contributions_of(
    *, user: AbstractBaseUser | AnonymousUser, request: ReportRequest
) -> QuerySet[Contribution]:
    """The contributions of ``request`` the user may see, with their reminders, agency first."""
    return (
        contributions_visible_to(user)
        .filter(request=request)
        .select_related("agency", "submitted_by")
        .prefetch_related("reminders")
        .order_by("agency__name_vi", "pk")
    )


def reminders_of(*, request: ReportRequest) -> QuerySet[ContributionReminder]:
    return (
        ContributionReminder.objects.filter(contribution__request=request)
        .select_related("contribution__agency", "sent_by")
        .order_by("-sent_at", "-pk")
    )
