from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from conferences.forms import ConferenceEditor, ConsultationForm, OpinionForm
from conferences.models import KIND, ConsultedAgency
from conferences.policy import may_answer_for
from conferences.services import conference_create, conference_update, consultation_add, opinion_record
from ttdn.accounts.models import User
from ttdn.cases.models import Case
from ttdn.cases.views.decorators import case_view
from ttdn.cases.views.edit import CaseEditView
from ttdn.cases.views.form_page import CaseFormPage


def _save(actor: User, editor: ConferenceEditor, case: Case | None, reopen_confirmed: bool) -> Case:
    conference = editor.form.conference_data()  # type: ignore[attr-defined]
    if case is None:
        return conference_create(actor=actor, data=editor.case_data(), conference=conference)
    return conference_update(
        actor=actor,
        case=case,
        data=editor.case_data(),
        conference=conference,
        reopen_confirmed=reopen_confirmed,
    )


class ConferenceEditView(CaseEditView):
    kind = KIND
    editor_class = ConferenceEditor
    save = staticmethod(_save)
    title_new = gettext_lazy("New international conference or seminar")
    title_edit = gettext_lazy("Edit international conference or seminar")


CONSULT_PAGE = CaseFormPage(
    gettext_lazy("Ask an agency for its opinion"),
    gettext_lazy("Ask for the opinion"),
    anchor="consulted",
    ability="consult",
)
OPINION_PAGE = CaseFormPage(
    gettext_lazy("Record the agency's opinion"),
    gettext_lazy("Record the opinion"),
    anchor="consulted",
    ability="record_opinion",
)


@require_http_methods(["GET", "POST"])
@case_view(anchor="consulted")
def consultation_add_view(request: HttpRequest, user: User, case: Case) -> HttpResponse:
    CONSULT_PAGE.refuse_unless_able(user=user, case=case)
    form = CONSULT_PAGE.form(request, ConsultationForm, initial={"asked_on": timezone.localdate()})
    if not form.is_valid():
        return CONSULT_PAGE.render(request, case=case, form=form)
    try:
        consultation_add(
            actor=user, case=case, agency=form.cleaned_data["agency"], asked_on=form.cleaned_data["asked_on"]
        )
    except ValidationError as error:
        form.add_error(None, error)
        return CONSULT_PAGE.render(request, case=case, form=form)
    messages.success(request, _("The agency was asked for its opinion."))
    return redirect(CONSULT_PAGE.back_url(case))


@require_http_methods(["GET", "POST"])
@case_view(anchor="consulted")
def opinion_record_view(request: HttpRequest, user: User, case: Case, consultation_pk: int) -> HttpResponse:
    OPINION_PAGE.refuse_unless_able(user=user, case=case)
    consultation = ConsultedAgency.objects.filter(case=case, pk=consultation_pk).first()
    if consultation is None or not may_answer_for(user=user, agency_id=consultation.agency_id):
        raise Http404
    initial = {
        "answered_on": consultation.answered_on or timezone.localdate(),
        "opinion": consultation.opinion,
    }
    form = OPINION_PAGE.form(request, OpinionForm, initial=initial)
    if not form.is_valid():
        return OPINION_PAGE.render(request, case=case, form=form)
    try:
        opinion_record(
            actor=user,
            consultation=consultation,
            answered_on=form.cleaned_data["answered_on"],
            opinion=form.cleaned_data["opinion"],
        )
    except ValidationError as error:
        form.add_error(None, error)
        return OPINION_PAGE.render(request, case=case, form=form)
    messages.success(request, _("The opinion of %(agency)s was recorded.") % {"agency": consultation.agency})
    return redirect(OPINION_PAGE.back_url(case))
