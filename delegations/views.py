from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from delegations.forms import AgreementForm, DelegationEditor
from delegations.models import Agreement
from delegations.policy import may_edit_agreements, may_read_agreements
from delegations.services import agreement_save, delegation_create, delegation_update
from ttdn.accounts.models import User
from ttdn.cases.errors import CaseError
from ttdn.cases.models import Case
from ttdn.cases.selectors import cases_visible_to
from ttdn.cases.views.decorators import refuse, request_user
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


@login_required
@require_GET
def agreement_list(request: HttpRequest) -> HttpResponse:
    user = request_user(request)
    refuse(may_read_agreements(user=user))
    agreements = Agreement.objects.select_related("partner").order_by("-signed_on")
    return render(
        request,
        "delegations/agreement_list.html",
        {"agreements": agreements, "can_edit": may_edit_agreements(user=user) is None},
    )


@login_required
def agreement_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = request_user(request)
    refuse(may_read_agreements(user=user) or may_edit_agreements(user=user))
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
