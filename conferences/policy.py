"""What conferences add to the policy (``ttdn.cases.policy``), registered with the kind."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from conferences.models import KIND
from ttdn.accounts.models import User
from ttdn.accounts.roles import Role, has_role
from ttdn.cases.models import Case
from ttdn.cases.policy import Refusal


def may_consult(*, user: User, case: Case) -> Refusal | None:
    """Protocol staff ask agencies for their opinion, until the case is finished."""
    if not has_role(user, Role.PROTOCOL):
        return Refusal(_("Only protocol staff ask agencies for their opinion."), by_role=True)
    if case.kind != KIND:
        return Refusal(_("Agencies are consulted on conferences."))
    if case.is_finished:
        return Refusal(
            _("A %(status)s case can no longer be changed.") % {"status": case.get_status_display()}
        )
    return None


def may_record_opinion(*, user: User, case: Case) -> Refusal | None:
    """An opinion is recorded by protocol staff, or by staff of an agency asked for it (their own
    agency's only: the service checks which)."""
    if case.kind != KIND:
        return Refusal(_("Agencies are consulted on conferences."))
    agency_id = user.agency_id
    consulted = (
        has_role(user, Role.AGENCY)
        and agency_id is not None
        and case.consulted_agencies.filter(agency_id=agency_id).exists()
    )
    if not (has_role(user, Role.PROTOCOL) or consulted):
        return Refusal(
            _("Only protocol staff or the agency asked record an opinion."),
            by_role=True,
        )
    if case.is_finished:
        return Refusal(
            _("A %(status)s case can no longer be changed.") % {"status": case.get_status_display()}
        )
    return None


def may_answer_for(*, user: User, agency_id: int) -> bool:
    """Whether ``user`` may record the answer of the agency ``agency_id`` (protocol for any)."""
    return has_role(user, Role.PROTOCOL) or (has_role(user, Role.AGENCY) and user.agency_id == agency_id)


# The police's checklist for a conference (ttdn.cases.review_checklist): the core's four items,
# said of a conference.
REVIEW_CHECKLIST = (
    ("materials_checked", _lazy("Papers, presentations and materials checked for state secrets")),
    ("programme_avoids_restricted_areas", _lazy("Venue and field visits avoid restricted areas")),
    ("hosts_briefed", _lazy("Organiser and Vietnamese speakers briefed on secrecy")),
    ("recording_restrictions_stated", _lazy("Recording, filming and livestreaming restrictions stated")),
)
