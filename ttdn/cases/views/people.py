"""A data subject's requests: download everything about a person (JSON), correct their data."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ttdn.accounts.models import User
from ttdn.cases.errors import CaseError
from ttdn.cases.forms_people import PersonCorrectionForm
from ttdn.cases.models import Case, Participant
from ttdn.cases.selectors import cases_visible_to, person_get_for
from ttdn.cases.services.access import access_log_restricted_reads
from ttdn.cases.services.data_subject import person_correct, person_export


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # noqa: S101
    return request.user


@login_required
@require_GET
def person_export_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    person = person_get_for(user=user, pk=pk)
    data = person_export(request=request, actor=user, person=person)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="person-{person.pk}.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def person_correct_view(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    person = person_get_for(user=user, pk=pk)
    form = PersonCorrectionForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        try:
            person_correct(
                request=request,
                actor=user,
                person=person,
                changes=form.changes(),
                reference=form.cleaned_data["request_reference"],
            )
        except CaseError as error:
            form.add_error(None, error.message)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The person's data was corrected; the history names the request."))
            return redirect("cases:person_correct", pk=person.pk)
    on_cases = (
        Case.objects.filter(pk__in=cases_visible_to(user))
        .filter(participants__person=person)
        .order_by("-start_date")
        .distinct()
    )
    roles = dict(Participant.objects.filter(person=person, case__in=on_cases).values_list("case_id", "role"))
    cases = list(on_cases)
    access_log_restricted_reads(request=request, user=user, cases=cases, detail="person page")
    return render(
        request,
        "cases/person_correct.html",
        {
            "person": person,
            "form": form,
            "cases": [(case, Participant.Role(roles[case.pk]).label) for case in cases],
        },
    )
