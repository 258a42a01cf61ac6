"""What the case list remembers for a user (saved filters, the columns shown) and what it does to
the cases chosen on it (assign their responsible officer)."""

from __future__ import annotations

from collections.abc import Collection, Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.accounts.models import SavedCaseFilter, User
from ttdn.accounts.roles import Role, roles_of
from ttdn.cases.case_list import (
    SAVED_FILTERS_MAX,
    SAVED_QUERY_MAX_LENGTH,
    columns_of,
    saved_query,
)
from ttdn.cases.errors import CaseError
from ttdn.cases.filters import CaseFilter
from ttdn.cases.history import history_record
from ttdn.cases.models import Case
from ttdn.cases.permissions import grant_need_to_know_many
from ttdn.cases.policy import may_edit
from ttdn.cases.selectors import cases_visible_to
from ttdn.paging import PAGE_SIZES

NAME_MAX_LENGTH = SavedCaseFilter._meta.get_field("name").max_length or 80


def saved_filter_create(*, user: User, name: str, query: str) -> SavedCaseFilter:
    """Keep the list's ``query`` (its filters and sort) under ``name`` for ``user``. The query is
    reduced to the list's own fields and checked by the list's filter, as a link would be: it is
    only ever a query string re-applied to the list."""
    name = " ".join(name.split())
    if not name:
        raise CaseError(_("Give the filter a name."))
    if len(name) > NAME_MAX_LENGTH:
        raise CaseError(_("Keep the name under %(limit)s characters.") % {"limit": NAME_MAX_LENGTH})
    kept = saved_query(query)
    if kept.get("per_page") and kept["per_page"] not in {str(size) for size in PAGE_SIZES}:
        del kept["per_page"]
    if not kept:
        raise CaseError(_("Choose a filter or a sort before saving it."))
    encoded = kept.urlencode()
    if len(encoded) > SAVED_QUERY_MAX_LENGTH:
        raise CaseError(_("This filter is too long to be saved."))
    if not CaseFilter(kept, queryset=Case.objects.none()).form.is_valid():
        raise CaseError(_("This filter is not valid: correct it in the list, then save it."))
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()  # one save at a time per user
        saved = SavedCaseFilter.objects.filter(user=user)
        if saved.filter(name=name).exists():
            raise CaseError(_("You already have a saved filter with this name."))
        if saved.count() >= SAVED_FILTERS_MAX:
            raise CaseError(
                _("You have %(count)s saved filters: delete one before saving another.")
                % {"count": SAVED_FILTERS_MAX}
            )
        try:
            return SavedCaseFilter.objects.create(user=user, name=name, query=encoded)
        except IntegrityError as error:  # saved meanwhile under the same name
            raise CaseError(_("You already have a saved filter with this name.")) from error


def saved_filter_delete(*, user: User, pk: int) -> bool:
    """Delete ``user``'s saved filter ``pk``; another user's is left alone (False, as a missing one)."""
    deleted, _rows = SavedCaseFilter.objects.filter(user=user, pk=pk).delete()
    return bool(deleted)


def case_list_columns_set(*, user: User, columns: Iterable[str]) -> list[str]:
    """Remember the optional columns ``user`` shows in the case list (unknown names left out)."""
    chosen = columns_of(list(columns))
    User.objects.filter(pk=user.pk).update(case_list_columns=chosen)
    user.case_list_columns = chosen
    return chosen


@transaction.atomic
def cases_assign_officer(*, actor: User, case_ids: Collection[int], officer: User) -> list[Case]:
    """Make ``officer`` responsible for the cases ``case_ids`` (those ``actor`` may see; an id of a
    case they may not see is no case). Each case is checked as its edit page would be; if any may
    not be changed, nothing changes and the error names them. Each changed case gets its history
    row, and the officer the need to know (as on the edit page)."""
    if Role.PROTOCOL not in roles_of(officer) or not officer.is_active:
        raise CaseError(_("The responsible officer must be an active protocol officer."))
    cases = list(
        cases_visible_to(actor, probe=True)
        .filter(pk__in=list(case_ids))
        .select_for_update()
        .order_by("reference")
    )
    if not cases:
        raise CaseError(_("Choose at least one case in the list."))
    refused = [case for case in cases if may_edit(user=actor, case=case) is not None]
    if refused:
        reason = may_edit(user=actor, case=refused[0])
        raise CaseError(
            _("Nothing was changed: %(cases)s cannot be changed (%(reason)s).")
            % {"cases": ", ".join(case.reference for case in refused), "reason": reason}
        )
    changed = [case for case in cases if case.responsible_officer_id != officer.pk]
    now = timezone.now()
    for case in changed:
        case.responsible_officer = officer
        case.updated_at = now
    Case.objects.bulk_update(changed, ["responsible_officer", "updated_at"])
    history_record(changed, history_type="~", actor=actor)
    grant_need_to_know_many(actor=actor, users={case: [officer] for case in changed})
    return changed
