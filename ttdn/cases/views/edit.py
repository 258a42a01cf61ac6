"""The create and edit pages of a kind of case: one view, configured by each kind's app."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.views import View

from ttdn.accounts.models import User
from ttdn.cases.errors import CaseError
from ttdn.cases.forms import CaseEditor
from ttdn.cases.models import Case
from ttdn.cases.policy import may_create_case, may_edit
from ttdn.cases.views.decorators import case_view, refuse

# save(actor, editor, case or None) -> the saved case: one call of the kind's service, which
# saves all of it or nothing (a new counterpart included).
SaveCase = Callable[[User, Any, Case | None], Case]


@method_decorator(case_view(optional=True, user_rule=may_create_case), name="dispatch")
class CaseEditView(View):
    kind: str
    editor_class: type[CaseEditor] = CaseEditor
    save: SaveCase
    title_new: str | Promise = ""
    title_edit: str | Promise = ""
    template_name = "cases/case_form.html"

    def dispatch(
        self, request: HttpRequest, *args: Any, user: User, case: Case | None, **kwargs: Any
    ) -> HttpResponseBase:
        if case is not None and case.kind != self.kind:
            raise Http404  # another kind's case has its own edit page
        if case is not None:
            refuse(may_edit(user=user, case=case))
        return super().dispatch(request, *args, user=user, case=case, **kwargs)

    def initial(self, request: HttpRequest) -> dict[str, Any]:
        """A new case starts with the user's agency leading it and the user responsible."""
        initial: dict[str, Any] = {"direction": Case.Direction.INBOUND}
        if isinstance(request.user, User) and request.user.agency_id:
            initial["lead_agency"] = request.user.agency_id
            initial["responsible_officer"] = request.user.pk
        return initial

    def get(self, request: HttpRequest, user: User, case: Case | None) -> HttpResponse:
        return self.render(
            request, self.editor_class(case=case, initial=self.initial(request) if case is None else None)
        )

    def post(self, request: HttpRequest, user: User, case: Case | None) -> HttpResponse:
        editor = self.editor_class(request.POST, case=case)
        if editor.is_valid():
            try:
                saved = type(self).save(user, editor, case)
            except ValidationError as error:
                editor.add_service_error(error)
            except CaseError as error:
                editor.form.add_error(None, error.message)
            else:
                messages.success(request, _("%(reference)s was saved.") % {"reference": saved.reference})
                return redirect(saved.get_absolute_url())
        return self.render(request, editor, status=400)

    def render(self, request: HttpRequest, editor: CaseEditor, status: int = 200) -> HttpResponse:
        context = {
            "editor": editor,
            "form": editor.form,
            "case": editor.case,
            "title": self.title_edit if editor.case else self.title_new,
        }
        return render(request, self.template_name, context, status=status)
