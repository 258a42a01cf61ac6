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
from ttdn.cases import kinds
from ttdn.cases.errors import CaseError, ReviewReopenNeeded
from ttdn.cases.forms import CaseEditor
from ttdn.cases.models import Case
from ttdn.cases.policy import may_create_case, may_edit
from ttdn.cases.review_scope import reviewed_fields, reviewed_labels
from ttdn.cases.services.access import access_log_restricted_reads
from ttdn.cases.services.reviews import review_stands
from ttdn.cases.views import warnings_to_messages
from ttdn.cases.views.decorators import case_view, refuse

# save(actor, editor, case or None, reopen_confirmed) -> the saved case: one call of the kind's
# service, which saves all of it or nothing (a new counterpart included). With reopen_confirmed
# false, a change that would send the case back to the police raises ReviewReopenNeeded
# (ttdn.cases.services.reviews.review_after_change) and nothing is kept.
SaveCase = Callable[[User, Any, Case | None, bool], Case]


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

    @property
    def foreign_participants(self) -> bool:
        return kinds.get(self.kind).foreign_participants

    def initial(self, request: HttpRequest) -> dict[str, Any]:
        """A new case starts with the user's agency leading it and the user responsible."""
        initial: dict[str, Any] = {"direction": Case.Direction.INBOUND}
        if isinstance(request.user, User) and request.user.agency_id:
            initial["lead_agency"] = request.user.agency_id
            initial["responsible_officer"] = request.user.pk
        return initial

    def get(self, request: HttpRequest, user: User, case: Case | None) -> HttpResponse:
        return self.render(
            request,
            user,
            self.editor_class(
                case=case,
                initial=self.initial(request) if case is None else None,
                user=user,
                foreign_participants=self.foreign_participants,
            ),
        )

    def post(self, request: HttpRequest, user: User, case: Case | None) -> HttpResponse:
        editor = self.editor_class(
            request.POST, case=case, user=user, foreign_participants=self.foreign_participants
        )
        review_changes: list[str] = []
        if editor.pasting:  # names pasted without the page's script: shown as rows, nothing saved
            return self.render(request, user, editor)
        if editor.is_valid():
            try:
                saved, reopened = self._save(user, editor, case)
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
                warnings_to_messages(request, saved)
                return redirect(saved.get_absolute_url())
        return self.render(request, user, editor, status=400, review_changes=review_changes)

    def _save(self, user: User, editor: CaseEditor, case: Case | None) -> tuple[Case, list[str]]:
        """Save, and say which changes sent the case back to the police. Such a change is kept
        only when the user confirmed it on the form: the first attempt, unconfirmed, keeps
        nothing and names the changes, which the confirmed one then makes."""
        save = type(self).save
        confirmed = bool(editor.form.cleaned_data.get("confirm_review"))
        try:
            return save(user, editor, case, False), []
        except ReviewReopenNeeded as needed:
            if not confirmed:
                raise
            return save(user, editor, case, True), needed.fields

    def render(
        self,
        request: HttpRequest,
        user: User,
        editor: CaseEditor,
        status: int = 200,
        review_changes: list[str] | None = None,
    ) -> HttpResponse:
        case = editor.case
        if case is not None:  # the page shows the case's identity data in full
            access_log_restricted_reads(request=request, user=user, cases=[case], detail="edit page")
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
