from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from press.forms import CoverageForm, PressEditor
from press.services import coverage_add, default_co_hosts, press_visit_create, press_visit_update
from ttdn.accounts.models import User
from ttdn.cases.models import Case
from ttdn.cases.views.decorators import case_view
from ttdn.cases.views.edit import CaseEditView
from ttdn.cases.views.form_page import CaseFormPage


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


COVERAGE_PAGE = CaseFormPage(
    gettext_lazy("Record the coverage"),
    gettext_lazy("Record the coverage"),
    anchor="coverage",
    ability="record_coverage",
)


@require_http_methods(["GET", "POST"])
@case_view(anchor="coverage")
def coverage_add_view(request: HttpRequest, user: User, case: Case) -> HttpResponse:
    COVERAGE_PAGE.refuse_unless_able(user=user, case=case)
    form = COVERAGE_PAGE.form(request, CoverageForm)
    if not form.is_valid():
        return COVERAGE_PAGE.render(request, case=case, form=form)
    coverage_add(actor=user, case=case, coverage=form.instance)
    messages.success(request, _("The coverage was recorded."))
    return redirect(COVERAGE_PAGE.back_url(case))
    coverage_add(actor=user, case=case, coverage=form.instance)
    messages.success(request, _("The coverage was recorded."))
    return redirect(f"{case.get_absolute_url()}#coverage")
