"""Who sees which NGO records: protocol staff, leaders, administrators and the police see the
registry; host agency staff see the NGOs and projects of the visits they may see (the cases'
selector decides which). Lists and pages use these, so that what a user can list is what they
can open."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from ngos.models import AidProject, Certificate, Filing, Ngo
from ttdn.accounts.roles import Role, has_role
from ttdn.cases.selectors import cases_visible_to

REGISTRY_READERS = (Role.PROTOCOL, Role.LEADER, Role.ADMIN, Role.POLICE)


def reads_registry(user: Any) -> bool:
    return has_role(user, *REGISTRY_READERS)


def projects_visible_to(user: Any) -> QuerySet[AidProject]:
    if reads_registry(user):
        return AidProject.objects.all()
    served = cases_visible_to(user).filter(aid_projects=OuterRef("pk"))
    return AidProject.objects.filter(Exists(served))


def ngos_visible_to(user: Any) -> QuerySet[Ngo]:
    if reads_registry(user):
        return Ngo.objects.all()
    visited = cases_visible_to(user).filter(counterpart=OuterRef("organisation"))
    funded = projects_visible_to(user).filter(ngo=OuterRef("pk"))
    return Ngo.objects.filter(Q(Exists(visited)) | Q(Exists(funded)))


def certificates_visible_to(user: Any) -> QuerySet[Certificate]:
    return Certificate.objects.filter(ngo__in=ngos_visible_to(user))


def filings_visible_to(user: Any) -> QuerySet[Filing]:
    """The filings of the NGOs ``user`` may see; a project's progress reports only with a project
    ``user`` may see."""
    if reads_registry(user):
        return Filing.objects.all()
    return Filing.objects.filter(ngo__in=ngos_visible_to(user)).filter(
        Q(project__isnull=True) | Q(project__in=projects_visible_to(user))
    )
