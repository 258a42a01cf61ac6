"""The create and edit pages of a kind of case: one view, configured by each kind's app."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.views import View

from ttdn.accounts.models import User
from ttdn.accounts.roles import Role, has_role
from ttdn.cases.errors import CaseError, ReviewReopenNeeded
from ttdn.cases.forms import CaseEditor
from ttdn.cases.models import Case
from ttdn.cases.review_scope import reviewed_fields, reviewed_labels
from ttdn.cases.selectors import case_get_for
from ttdn.cases.services.access import access_log_restricted_reads
from ttdn.cases.services.organisations import organisation_find_or_create
from ttdn.cases.services.reviews import review_stands

# save(actor, editor, case or None, reopen_confirmed) -> the saved case; runs inside one
# transaction. With reopen_confirmed false, a change that would send the case back to the police
# raises ReviewReopenNeeded (ttdn.cases.services.reviews.review_after_change).
SaveCase = Callable[[User, Any, Case | None, bool], Case]


@method_decorator(login_required, name="dispatch")
class CaseEditView(View):
    kind: str
    editor_class: type[CaseEditor] = CaseEditor
    save: SaveCase
    title_new: str | Promise = ""
    title_edit: str | Promise = ""
    template_name = "cases/case_form.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated and not has_role(request.user, Role.PROTOCOL):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def _case(self, request: HttpRequest, pk: int | None) -> Case | None:
        if pk is None:
            return None
        case = case_get_for(user=request.user, pk=pk)
        if case.kind != self.kind:
            raise Http404  # another kind's case has its own edit page
        return case

    def initial(self, request: HttpRequest) -> dict[str, Any]:
        """A new case starts with the user's agency leading it and the user responsible."""
        initial: dict[str, Any] = {"direction": Case.Direction.INBOUND}
        if isinstance(request.user, User) and request.user.agency_id:
            initial["lead_agency"] = request.user.agency_id
            initial["responsible_officer"] = request.user.pk
        return initial

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        case = self._case(request, pk)
        return self.render(
            request, self.editor_class(case=case, initial=self.initial(request) if case is None else None)
        )

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        case = self._case(request, pk)
        editor = self.editor_class(request.POST, case=case)
        review_changes: list[str] = []
        if editor.is_valid():
            assert isinstance(request.user, User)  # noqa: S101
            try:
                saved, reopened = self._save(request.user, editor, case)
            except ReviewReopenNeeded as needed:
                review_changes = needed.fields  # shown with what was typed, to confirm
            except ValidationError as error:
                editor.add_service_error(error)
            except CaseError as error:
                editor.form.add_error(None, error.message)
            else:
                message = _("%(reference)s was saved.") % {"reference": saved.reference}
                if reopened:
                    message += " " + _(
                        "The case went back to the police for review because you changed: %(fields)s."
                    ) % {"fields": ", ".join(reopened)}
                messages.success(request, message)
                return redirect(saved.get_absolute_url())
        return self.render(request, editor, status=400, review_changes=review_changes)

    def _save(self, user: User, editor: CaseEditor, case: Case | None) -> tuple[Case, list[str]]:
        """Save, and say which changes sent the case back to the police. Such a change is kept
        only when the user confirmed it on the form: the first attempt, unconfirmed, keeps
        nothing and names the changes, which the confirmed one then makes."""
        confirmed = bool(editor.form.cleaned_data.get("confirm_review"))
        try:
            return self._save_once(user, editor, case, reopen_confirmed=False), []
        except ReviewReopenNeeded as needed:
            if not confirmed:
                raise
            return self._save_once(user, editor, case, reopen_confirmed=True), needed.fields

    def _save_once(
        self, user: User, editor: CaseEditor, case: Case | None, *, reopen_confirmed: bool
    ) -> Case:
        with transaction.atomic():
            counterpart = editor.form.new_counterpart()
            if counterpart is not None:
                counterpart = organisation_find_or_create(organisation=counterpart)
            return type(self).save(user, editor.with_counterpart(counterpart), case, reopen_confirmed)

    def render(
        self,
        request: HttpRequest,
        editor: CaseEditor,
        status: int = 200,
        review_changes: list[str] | None = None,
    ) -> HttpResponse:
        case = editor.case
        if case is not None:  # the page shows the case's identity data in full
            assert isinstance(request.user, User)  # noqa: S101
            access_log_restricted_reads(request=request, user=request.user, cases=[case], detail="edit page")
        context = {
            "editor": editor,
            "form": editor.form,
            "case": case,
            "title": self.title_edit if case else self.title_new,
            # What sends the case back to the police, said before saving; what did, to confirm.
            "review_scope": reviewed_labels(kind=case.kind, names=reviewed_fields(case.kind))
            if case is not None and review_stands(case)
            else [],
            "review_changes": review_changes or [],
        }
        return render(request, self.template_name, context, status=status)
