"""Writes to users and agencies. Views, the admin and commands call these; nothing else saves.

Each change is kept in the history of the agency or the user (its roles and agency included) with
who made it: ``actor``, or else the user of the request (simple-history's middleware)."""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ttdn.accounts.models import Agency, User
from ttdn.accounts.roles import ROLE_NAMES, Role, roles_forget

AGENCY_GROUP_PREFIX = "agency:"


def agency_group_name(code: str) -> str:
    return f"{AGENCY_GROUP_PREFIX}{code}"


def _by(instance: Agency | User, actor: User | None) -> None:
    """Name ``actor`` in the history rows of the next changes to ``instance``."""
    if actor is not None:
        instance._history_user = actor  # type: ignore[union-attr]


@transaction.atomic
def agency_save(*, agency: Agency, actor: User | None = None) -> Agency:
    """Create or update ``agency`` with its own group, named after its code."""
    _by(agency, actor)
    group_name = agency_group_name(agency.code)
    if agency.group_id is None:
        agency.group, _created = Group.objects.get_or_create(name=group_name)
    elif agency.group.name != group_name:
        agency.group.name = group_name
        agency.group.save(update_fields=["name"])
    agency.full_clean()
    agency.save()
    return agency


@transaction.atomic
def user_sync_agency_group(*, user: User, actor: User | None = None) -> None:
    """Make ``user`` a member of their agency's group, and of no other agency's."""
    _by(user, actor)
    stale = user.groups.filter(name__startswith=AGENCY_GROUP_PREFIX)
    if user.agency_id is not None:
        stale = stale.exclude(agency__pk=user.agency_id)
        group = user.agency.group  # type: ignore[union-attr]
        if not user.groups.filter(pk=group.pk).exists():  # an add of nothing would still leave a row
            user.groups.add(group)
    if stale.exists():
        user.groups.remove(*stale)


@transaction.atomic
def user_set_roles(*, user: User, roles: Iterable[Role], actor: User | None = None) -> None:
    """Give ``user`` exactly ``roles``; agency groups and other groups are left as they are."""
    _by(user, actor)
    wanted = {Role(role).value for role in roles}
    groups = Group.objects.filter(name__in=wanted)
    if len(groups) != len(wanted):
        # The role groups come from migrations (accounts 0002); never hand out a role silently.
        raise ImproperlyConfigured("A role group is missing: run `python manage.py migrate`.")
    current = set(user.groups.filter(name__in=ROLE_NAMES).values_list("name", flat=True))
    if current - wanted:
        user.groups.remove(*Group.objects.filter(name__in=current - wanted))
    if wanted - current:
        user.groups.add(*[group for group in groups if group.name not in current])
    roles_forget(user)


def user_set_language(*, user: User, language: str) -> User:
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Unknown language."))
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
    return user


def user_set_notification_preferences(*, user: User, language: str, email_digest: bool) -> User:
    """The user's own settings: the language of their mail, and one digest a day or single mails."""
    user_set_language(user=user, language=language)
    if user.email_digest != email_digest:
        user.email_digest = email_digest
        user.save(update_fields=["email_digest"])
    return user


def user_calendar_token_reset(*, user: User) -> str:
    """Give ``user`` a new calendar feed secret; the old feed URL stops working."""
    user.calendar_token = secrets.token_urlsafe(32)
    user.save(update_fields=["calendar_token"])
    return user.calendar_token
