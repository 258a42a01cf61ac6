from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from press.forms import CoverageForm, PressEditor
from press.services import coverage_add, default_co_hosts, press_visit_create, press_visit_update
from ttdn.accounts.models import User
from ttdn.cases.models import Case
from ttdn.cases.views import form_errors_to_messages
from ttdn.cases.views.decorators import case_view
from ttdn.cases.views.edit import CaseEditView


def _save(actor: User, editor: PressEditor, case: Case | None, reopen_confirmed: bool) -> Case:
    form = editor.form
    assert hasattr(form, "press_data")  # noqa: S101 - PressEditor's form
    press = form.press_data()
    cards = editor.participants.cards()  # type: ignore[attr-defined]
    if case is None:
        return press_visit_create(actor=actor, data=editor.case_data(), press=press, cards=cards)
    return press_visit_update(
        actor=actor,
        case=case,
        data=editor.case_data(),
        press=press,
        cards=cards,
        reopen_confirmed=reopen_confirmed,
    )


class PressVisitEditView(CaseEditView):
    kind = "press"
    editor_class = PressEditor
    save = staticmethod(_save)
    title_new = gettext_lazy("New press visit")
    title_edit = gettext_lazy("Edit press visit")

    def initial(self, request: HttpRequest) -> dict[str, Any]:
        return {
            **super().initial(request),
            "co_host_agencies": [agency.pk for agency in default_co_hosts()],
            "request_received_on": timezone.localdate(),
            "escort_officer": request.user.pk,
        }


@require_POST
@case_view(anchor="coverage")
def coverage_add_view(request: HttpRequest, user: User, case: Case) -> HttpResponse:
    form = CoverageForm(request.POST)
    if not form.is_valid():
        form_errors_to_messages(request, form)
        return redirect(f"{case.get_absolute_url()}#coverage")
    coverage_add(actor=user, case=case, coverage=form.instance)
    messages.success(request, _("The coverage was recorded."))
    return redirect(f"{case.get_absolute_url()}#coverage")
