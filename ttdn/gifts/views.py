"""The gifts register's pages: the forms of a case's gifts, and the register of the year."""

from __future__ import annotations

from dataclasses import replace

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from ttdn.accounts.models import User
from ttdn.cases.models import Case
from ttdn.cases.policy import may_read_finances
from ttdn.cases.services.access import access_log_exports, access_log_restricted_reads
from ttdn.cases.views.decorators import case_view, refuse, request_user
from ttdn.cases.views.form_page import CaseFormPage
from ttdn.gifts import exports, services
from ttdn.gifts.forms import GiftGivenForm, GiftReceivedForm, HandInForm
from ttdn.gifts.models import GiftGiven, GiftReceived, GiftSettings
from ttdn.gifts.selectors import gifts_given_visible_to, gifts_received_visible_to, received_status

ANCHOR = "gifts"
GIVEN_ADD = CaseFormPage(gettext_lazy("Record a gift given"), gettext_lazy("Save"), ANCHOR, "edit_finances")
GIVEN_EDIT = CaseFormPage(gettext_lazy("Change a gift given"), gettext_lazy("Save"), ANCHOR, "edit_finances")
RECEIVED_INTRO = gettext_lazy(
    "A gift whose estimated value is above the threshold must be declared and handed in within the "
    "working days the administrators set; its recipient, the responsible officer and the protocol staff "
    "are reminded."
)
RECEIVED_ADD = CaseFormPage(
    gettext_lazy("Record a gift received"), gettext_lazy("Save"), ANCHOR, "edit_finances", RECEIVED_INTRO
)
RECEIVED_EDIT = CaseFormPage(
    gettext_lazy("Change a gift received"), gettext_lazy("Save"), ANCHOR, "edit_finances", RECEIVED_INTRO
)
HAND_IN = CaseFormPage(
    gettext_lazy("Declaration and hand-in"), gettext_lazy("Save"), ANCHOR, "record_gift_hand_in"
)


def _saved(form: forms.ModelForm, save: object) -> bool:
    """Run the service; a refusal of the model's rules comes back beside the form's fields."""
    try:
        save()  # type: ignore[operator]
    except ValidationError as error:
        form.add_error(None, error)
        return False
    return True


def _given(case: Case, gift_pk: int | None) -> GiftGiven:
    if gift_pk is None:
        return GiftGiven(case=case)
    gift = GiftGiven.objects.filter(case=case, pk=gift_pk).first()
    if gift is None:
        raise Http404
    return gift


def _received(case: Case, gift_pk: int | None) -> GiftReceived:
    if gift_pk is None:
        return GiftReceived(case=case)
    gift = GiftReceived.objects.filter(case=case, pk=gift_pk).first()
    if gift is None:
        raise Http404
    return gift


@require_http_methods(["GET", "POST"])
@case_view(anchor=ANCHOR)
def gift_given_view(request: HttpRequest, user: User, case: Case, gift_pk: int | None = None) -> HttpResponse:
    page = GIVEN_ADD if gift_pk is None else GIVEN_EDIT
    page.refuse_unless_able(user=user, case=case)
    form = page.form(request, GiftGivenForm, case=case, instance=_given(case, gift_pk))
    if not form.is_valid() or not _saved(
        form, lambda: services.gift_given_save(actor=user, case=case, gift=form.instance)
    ):
        return page.render(request, case=case, form=form)
    messages.success(request, _("The gift given was recorded."))
    return redirect(page.back_url(case))


@require_http_methods(["GET", "POST"])
@case_view(anchor=ANCHOR)
def gift_received_view(
    request: HttpRequest, user: User, case: Case, gift_pk: int | None = None
) -> HttpResponse:
    page = RECEIVED_ADD if gift_pk is None else RECEIVED_EDIT
    page.refuse_unless_able(user=user, case=case)
    form = page.form(request, GiftReceivedForm, case=case, instance=_received(case, gift_pk))
    if not form.is_valid() or not _saved(
        form, lambda: services.gift_received_save(actor=user, case=case, gift=form.instance)
    ):
        return page.render(request, case=case, form=form)
    gift = form.instance
    status = received_status(gift, timezone.localdate())
    messages.success(request, _("The gift received was recorded: %(status)s.") % {"status": status.label})
    return redirect(page.back_url(case))


@require_http_methods(["GET", "POST"])
@case_view(anchor=ANCHOR)
def gift_hand_in_view(request: HttpRequest, user: User, case: Case, gift_pk: int) -> HttpResponse:
    HAND_IN.refuse_unless_able(user=user, case=case)
    gift = _received(case, gift_pk)
    status = received_status(gift, timezone.localdate())
    page = replace(HAND_IN, intro=f"{gift.description} · {gift.recipient_label} · {status.label}")
    form = page.form(request, HandInForm, instance=gift)
    if not form.is_valid() or not _saved(
        form,
        lambda: services.gift_received_hand_in(
            actor=user,
            gift=gift,
            declared_on=form.cleaned_data["declared_on"],
            handed_in_on=form.cleaned_data["handed_in_on"],
            handed_to=form.cleaned_data["handed_to"],
            decision=form.cleaned_data["decision"],
            notes=form.cleaned_data["notes"],
        ),
    ):
        return page.render(request, case=case, form=form)
    messages.success(request, _("The declaration and hand-in were recorded."))
    return redirect(page.back_url(case))


class RegisterFilter(forms.Form):
    KINDS = [("", gettext_lazy("Given and received")), ("received", gettext_lazy("Received")),
             ("given", gettext_lazy("Given"))]  # fmt: skip
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2000, max_value=2100, required=False)
    kind = forms.ChoiceField(label=gettext_lazy("Gifts"), choices=KINDS, required=False)


def _register(request: HttpRequest) -> tuple[User, RegisterFilter, int, str]:
    user = request_user(request)
    refuse(may_read_finances(user=user))
    form = RegisterFilter(request.GET or None, initial={"year": timezone.localdate().year})
    data = form.cleaned_data if form.is_valid() else {}
    return user, form, data.get("year") or timezone.localdate().year, data.get("kind") or ""


def _gifts(user: User, year: int, kind: str) -> tuple[list[GiftReceived] | None, list[GiftGiven] | None]:
    received = (
        list(gifts_received_visible_to(user).filter(received_on__year=year).order_by("received_on", "pk"))
        if kind != "given"
        else None
    )
    given = (
        list(gifts_given_visible_to(user).filter(given_on__year=year).order_by("given_on", "pk"))
        if kind != "received"
        else None
    )
    return received, given


def _cases(received: list[GiftReceived] | None, given: list[GiftGiven] | None) -> list[Case]:
    """The cases of the gifts shown, each once."""
    cases = {gift.case_id: gift.case for gift in received or []} | {
        gift.case_id: gift.case for gift in given or []
    }
    return list(cases.values())


@login_required
@require_GET
def register_view(request: HttpRequest) -> HttpResponse:
    user, form, year, kind = _register(request)
    received, given = _gifts(user, year, kind)
    access_log_restricted_reads(
        request=request, user=user, cases=_cases(received, given), detail="gifts register"
    )
    today = timezone.localdate()
    return render(
        request,
        "gifts/register.html",
        {
            "form": form,
            "year": year,
            "kind": kind,
            "query": request.GET.urlencode(),
            "threshold": GiftSettings.current().threshold,
            "received": None
            if received is None
            else [(gift, received_status(gift, today)) for gift in received],
            "given": given,
        },
    )


@login_required
@require_GET
def register_xlsx(request: HttpRequest) -> HttpResponse:
    user, _form, year, kind = _register(request)
    received, given = _gifts(user, year, kind)
    content = exports.register_xlsx(received=received, given=given, year=year)
    access_log_exports(
        request=request, user=user, cases=_cases(received, given), detail=f"gifts register {year}"
    )
    response = HttpResponse(content, content_type=exports.XLSX)
    response["Content-Disposition"] = f'attachment; filename="ttdn-so-qua-tang-{year}.xlsx"'
    return response
