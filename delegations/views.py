from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from delegations.forms import AgreementForm, DelegationEditor
from delegations.models import Agreement
from delegations.services import agreement_save, delegation_create, delegation_update
from ttdn.accounts.models import User
from ttdn.accounts.roles import Role, has_role
from ttdn.cases.errors import CaseError
from ttdn.cases.models import Case
from ttdn.cases.selectors import PROVINCE_WIDE_ROLES, cases_visible_to
from ttdn.cases.views.edit import CaseEditView


def _save(actor: User, editor: DelegationEditor, case: Case | None, reopen_confirmed: bool) -> Case:
    kind = editor.form.cleaned_data["delegation_kind"]
    if case is None:
        return delegation_create(actor=actor, data=editor.case_data(), delegation_kind=kind)
    return delegation_update(
        actor=actor,
        case=case,
        data=editor.case_data(),
        delegation_kind=kind,
        reopen_confirmed=reopen_confirmed,
    )


class DelegationEditView(CaseEditView):
    kind = "delegation"
    editor_class = DelegationEditor
    save = staticmethod(_save)
    title_new = gettext_lazy("New delegation")
    title_edit = gettext_lazy("Edit delegation")

    def initial(self, request: HttpRequest) -> dict[str, Any]:
        initial = super().initial(request)
        if request.GET.get("direction") in Case.Direction.values:
            initial["direction"] = request.GET["direction"]
        return initial


def _require_agreement_reader(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not any(has_role(user, role) for role in PROVINCE_WIDE_ROLES):
        raise PermissionDenied
    return user


@login_required
@require_GET
def agreement_list(request: HttpRequest) -> HttpResponse:
    _require_agreement_reader(request)
    agreements = Agreement.objects.select_related("partner").order_by("-signed_on")
    return render(
        request,
        "delegations/agreement_list.html",
        {"agreements": agreements, "can_edit": has_role(request.user, Role.PROTOCOL)},
    )


@login_required
def agreement_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = _require_agreement_reader(request)
    if not has_role(user, Role.PROTOCOL):
        raise PermissionDenied
    agreement = get_object_or_404(Agreement, pk=pk) if pk else Agreement()
    visible = cases_visible_to(user).filter(kind="delegation").order_by("-start_date")
    form = AgreementForm(request.POST or None, instance=agreement, visible_cases=visible)
    if request.method == "POST" and form.is_valid():
        # Links to cases this user cannot see are kept as they are.
        hidden = list(agreement.cases.exclude(pk__in=visible.values("pk"))) if agreement.pk else []
        try:
            agreement_save(actor=user, agreement=form.instance, cases=[*form.cleaned_data["cases"], *hidden])
        except ValidationError as error:
            form.add_error(None, error)
        except CaseError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The agreement was saved."))
            return redirect("delegations:agreement_list")
    return render(request, "delegations/agreement_form.html", {"form": form, "agreement": agreement})
