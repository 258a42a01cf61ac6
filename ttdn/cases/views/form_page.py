"""A small form of a case on its own page: the case page links to it, and a form sent with
errors comes back there with each error beside its field and what was typed kept (issue 19).
Before, the forms sat inline on the case page and their errors returned as messages at its top,
off-screen, with the input gone.

    ATTACH = CaseFormPage(_("Attach a file"), _("Attach"), anchor="attachments", ability="upload")

    @require_http_methods(["GET", "POST"])
    @case_view(anchor="attachments")
    def attachment_upload(request, user, case):
        ATTACH.refuse_unless_able(user=user, case=case)
        form = ATTACH.form(request, AttachmentForm)
        if not form.is_valid():  # shown empty (GET) or with its errors (POST)
            return ATTACH.render(request, case=case, form=form)
        ...
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise

from ttdn.accounts.models import User
from ttdn.cases.models import Case
from ttdn.cases.policy import case_abilities
from ttdn.cases.views.decorators import refuse

FormT = TypeVar("FormT", bound=forms.BaseForm)


@dataclass(frozen=True)
class CaseFormPage:
    title: str | Promise
    submit: str | Promise
    # The section of the case page the form belongs to, where "Cancel" and success go back.
    anchor: str
    # The case's ability (ttdn.cases.policy.case_abilities) that allows the form; "" when the view
    # asks its own rule.
    ability: str = ""
    intro: str | Promise = ""
    multipart: bool = False

    def refuse_unless_able(self, *, user: User, case: Case) -> None:
        """Who may not use the form is not shown it either (a 403, or the reason on the case page)."""
        if not self.ability:
            return
        abilities = case_abilities(user=user, case=case)
        if self.ability not in abilities:  # a form of another kind of case (press coverage)
            raise Http404
        refuse(abilities[self.ability].refusal)

    def form(self, request: HttpRequest, form_class: type[FormT], **kwargs: Any) -> FormT:
        """The form bound to what was sent, or empty when the page is only opened."""
        if request.method != "POST":
            return form_class(**kwargs)
        if self.multipart:
            return form_class(request.POST, request.FILES, **kwargs)
        return form_class(request.POST, **kwargs)

    def back_url(self, case: Case) -> str:
        return f"{case.get_absolute_url()}#{self.anchor}"

    def render(self, request: HttpRequest, *, case: Case, form: forms.BaseForm) -> HttpResponse:
        return render(
            request,
            "cases/form_page.html",
            {"case": case, "form": form, "page": self, "back": self.back_url(case)},
        )
