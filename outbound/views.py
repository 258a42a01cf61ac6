from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from outbound.forms import MemberForm, OutboundEditor, PassportForm
from outbound.models import KIND, TripMember, TripPassport
from outbound.services import (
    member_add,
    member_remove,
    outbound_trip_create,
    outbound_trip_update,
    passport_save,
)
from ttdn.accounts.models import User
from ttdn.cases.errors import CaseError
from ttdn.cases.models import Case
from ttdn.cases.views.decorators import case_view
from ttdn.cases.views.edit import CaseEditView
from ttdn.cases.views.form_page import CaseFormPage


def _save(actor: User, editor: OutboundEditor, case: Case | None, reopen_confirmed: bool) -> Case:
    form = editor.form
    assert hasattr(form, "trip_data")  # noqa: S101 - the editor's form is an OutboundForm
    if case is None:
        return outbound_trip_create(actor=actor, data=editor.case_data(), trip=form.trip_data())
    return outbound_trip_update(
        actor=actor,
        case=case,
        data=editor.case_data(),
        trip=form.trip_data(),
        reopen_confirmed=reopen_confirmed,
    )


class OutboundEditView(CaseEditView):
    kind = KIND
    editor_class = OutboundEditor
    save = staticmethod(_save)
    title_new = gettext_lazy("New outbound delegation")
    title_edit = gettext_lazy("Edit outbound delegation")


MEMBER_PAGE = CaseFormPage(
    gettext_lazy("Add a member"), gettext_lazy("Add the member"), anchor="members", ability="edit"
)
PASSPORT_PAGE = CaseFormPage(
    gettext_lazy("Passport for the trip"),
    gettext_lazy("Save the passport"),
    anchor="members",
    ability="edit",
    intro=gettext_lazy(
        "The passport the member travels on, handed out by the agency's keeper and handed back after the trip."
    ),
)


def _trip_case(case: Case) -> Case:
    if case.kind != KIND:
        raise Http404  # the members of another kind's case: there are none
    return case


@require_http_methods(["GET", "POST"])
@case_view(anchor="members")
def member_add_view(request: HttpRequest, user: User, case: Case) -> HttpResponse:
    case = _trip_case(case)
    MEMBER_PAGE.refuse_unless_able(user=user, case=case)
    form = MEMBER_PAGE.form(request, MemberForm)
    if form.is_valid():
        try:
            official = form.new_official() or form.cleaned_data["official"]
            member_add(actor=user, case=case, official=official, role=form.cleaned_data["role"])
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The member was added."))
            return redirect(MEMBER_PAGE.back_url(case))
    return MEMBER_PAGE.render(request, case=case, form=form)


def _member(case: Case, member_pk: int) -> TripMember:
    member = TripMember.objects.select_related("official").filter(pk=member_pk, trip__case=case).first()
    if member is None:
        raise Http404
    return member


@require_POST
@case_view(anchor="members")
def member_remove_view(request: HttpRequest, user: User, case: Case, member_pk: int) -> HttpResponse:
    case = _trip_case(case)
    MEMBER_PAGE.refuse_unless_able(user=user, case=case)
    member_remove(actor=user, case=case, member=_member(case, member_pk))
    messages.success(request, _("The member was removed."))
    return redirect(MEMBER_PAGE.back_url(case))


@require_http_methods(["GET", "POST"])
@case_view(anchor="members")
def passport_view(request: HttpRequest, user: User, case: Case, member_pk: int) -> HttpResponse:
    case = _trip_case(case)
    PASSPORT_PAGE.refuse_unless_able(user=user, case=case)
    member = _member(case, member_pk)
    instance = TripPassport.objects.filter(member=member).first()
    form = PASSPORT_PAGE.form(request, PassportForm, instance=instance)
    if form.is_valid():
        try:
            passport_save(actor=user, case=case, member=member, data=form.passport_data())
        except ValidationError as error:
            form.add_error(None, error.messages)
        except CaseError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The passport was saved."))
            return redirect(PASSPORT_PAGE.back_url(case))
    return PASSPORT_PAGE.render(request, case=case, form=form)
