"""Who may see and do what with the plan: decided here, once, for pages, API and downloads.

Protocol staff and leaders see and edit the whole plan. The staff of an agency (its host staff,
its protocol staff, the police officers of the police agency...) see the plans that give their
agency a task, only those tasks and only their agency's progress on them, and report progress on
them for their agency. Administrators work in the Django admin."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from ttdn.accounts.models import User
from ttdn.accounts.roles import Role, roles_of

MANAGERS = frozenset({Role.PROTOCOL, Role.LEADER})
# Who reports for their agency: its staff, never its leaders (they read).
REPORTERS = frozenset({Role.PROTOCOL, Role.AGENCY, Role.POLICE})


def manages_plans(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Sees every plan, task and progress, and creates and edits plans and tasks."""
    return not roles_of(user).isdisjoint(MANAGERS)


def reporting_agency_id(user: AbstractBaseUser | AnonymousUser) -> int | None:
    """The agency ``user`` reports progress for, or None when they report for none."""
    roles = roles_of(user)
    if not isinstance(user, User) or user.agency_id is None or Role.LEADER in roles:
        return None
    return user.agency_id if not roles.isdisjoint(REPORTERS) else None


def sees_plans(user: User) -> bool:
    """Whether the plans' pages open for ``user`` at all (the navigation item)."""
    return manages_plans(user) or reporting_agency_id(user) is not None
