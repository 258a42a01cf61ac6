"""The five roles of DESIGN.md ("Who uses it"), each a Django group of the same name."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from ttdn.accounts.models import User

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser


class Role(models.TextChoices):
    PROTOCOL = "protocol", _("Protocol staff")
    POLICE = "police", _("Police officer")
    AGENCY = "agency", _("Host agency staff")
    LEADER = "leader", _("Leader")
    ADMIN = "admin", _("Administrator")


ROLE_NAMES = frozenset(Role.values)
# Who works the tasks given to their agency (follow-ups, the post-visit report): its protocol and
# host staff. Never its leaders: they see its cases, but are given no task for belonging to it.
AGENCY_WORKERS = frozenset({Role.PROTOCOL, Role.AGENCY})


def works_for_agency(roles: frozenset[Role]) -> bool:
    """Whether a user of these roles is given the tasks assigned to their agency."""
    return not roles.isdisjoint(AGENCY_WORKERS) and Role.LEADER not in roles


_CACHE_ATTRIBUTE = "_ttdn_roles"
# The flags ``with_roles`` reads with a user, one per role: e.g. ``ttdn_role_police``.
_FLAG = "ttdn_role_{}"


def with_roles(users: QuerySet[User]) -> QuerySet[User]:
    """``users`` with their roles read in the same query (a flag per role), for ``roles_of``: the
    signed-in user of every request is loaded so (``NormalisedUsernameBackend.get_user``), one query
    less on every page."""
    memberships = User.groups.through.objects.filter(user_id=OuterRef("pk"))
    return users.annotate(
        **{_FLAG.format(role.value): Exists(memberships.filter(group__name=role.value)) for role in Role}
    )


def roles_of(user: AbstractBaseUser | AnonymousUser) -> frozenset[Role]:
    """The roles of ``user``, read once per request and kept on the user object."""
    if not isinstance(user, User) or not user.is_active:
        return frozenset()
    cached: frozenset[Role] | None = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None and hasattr(user, _FLAG.format(Role.PROTOCOL.value)):
        cached = frozenset(role for role in Role if getattr(user, _FLAG.format(role.value)))
        setattr(user, _CACHE_ATTRIBUTE, cached)
    if cached is None:
        names = user.groups.filter(name__in=ROLE_NAMES).values_list("name", flat=True)
        cached = frozenset(Role(name) for name in names)
        setattr(user, _CACHE_ATTRIBUTE, cached)
    return cached


def roles_forget(user: User) -> None:
    """After a change of ``user``'s roles: the next ``roles_of`` reads them again."""
    for name in (_CACHE_ATTRIBUTE, *(_FLAG.format(role.value) for role in Role)):
        user.__dict__.pop(name, None)


def roles_load(users: Iterable[User]) -> None:
    """Read the roles of many users in one query (kept on each, as ``roles_of`` keeps them)."""
    users = list(users)
    found: dict[int, set[Role]] = {user.pk: set() for user in users}
    memberships = User.groups.through.objects.filter(user__in=users, group__name__in=ROLE_NAMES)
    for user_id, name in memberships.values_list("user_id", "group__name"):
        found[user_id].add(Role(name))
    for user in users:
        setattr(user, _CACHE_ATTRIBUTE, frozenset(found[user.pk]))


def has_role(user: AbstractBaseUser | AnonymousUser, *roles: Role) -> bool:
    return not roles_of(user).isdisjoint(roles)
