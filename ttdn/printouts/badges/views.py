"""Badges and place cards of a case (a form page, then the PDF), and the page a badge's QR code
opens for the office's protocol staff."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from ttdn.accounts.models import User
from ttdn.cases.models import AccessLog, Case
from ttdn.cases.policy import may_verify_badge
from ttdn.cases.services.access import access_log_record
from ttdn.cases.views.decorators import case_view, refuse, request_user
from ttdn.cases.views.form_page import CaseFormPage
from ttdn.printouts.badges import services
from ttdn.printouts.badges.forms import PrintForm
from ttdn.printouts.badges.layouts import Kind
from ttdn.printouts.badges.selectors import badge_holder
from ttdn.printouts.pdf import pdf_response

ANCHOR = "print-for-guests"
BADGES_PAGE = CaseFormPage(
    _("Print name badges"), _("Print the badges (PDF)"), anchor=ANCHOR, ability="print_for_guests"
)
CARDS_PAGE = CaseFormPage(
    _("Print place cards"), _("Print the place cards (PDF)"), anchor=ANCHOR, ability="print_for_guests"
)
# The statuses in which a badge is worn: the visit approved, or under way.
CURRENT = frozenset({Case.Status.APPROVED, Case.Status.IN_PROGRESS})


def _print(request: HttpRequest, user: User, case: Case, *, page: CaseFormPage, kind: Kind) -> HttpResponse:
    page.refuse_unless_able(user=user, case=case)
    form = page.form(request, PrintForm, kind=kind)
    if not form.is_valid():  # the page (GET), or the choice refused, beside its field
        return page.render(request, case=case, form=form)
    layout = form.cleaned_data["layout"]
    if kind == Kind.BADGE:
        pdf = services.badges_print(actor=user, case=case, layout=layout)
        return pdf_response(pdf, f"{case.reference}-badges.pdf", attachment=True)
    pdf = services.place_cards_print(actor=user, case=case, layout=layout)
    return pdf_response(pdf, f"{case.reference}-place-cards.pdf", attachment=True)


@require_http_methods(["GET", "POST"])
@case_view(anchor=ANCHOR)
def badges_print_view(request: HttpRequest, user: User, case: Case) -> HttpResponse:
    return _print(request, user, case, page=BADGES_PAGE, kind=Kind.BADGE)


@require_http_methods(["GET", "POST"])
@case_view(anchor=ANCHOR)
def place_cards_print_view(request: HttpRequest, user: User, case: Case) -> HttpResponse:
    return _print(request, user, case, page=CARDS_PAGE, kind=Kind.PLACE_CARD)


@require_GET
@login_required
def badge_verify_view(request: HttpRequest, token: str) -> HttpResponse:
    """Who wears the badge: for the office's protocol staff (403 for the other roles, whatever the
    token), on a case they may see (a 404 otherwise, as for a token not signed here)."""
    user = request_user(request)
    refuse(may_verify_badge(user=user))
    participant = badge_holder(user=user, token=token)
    if participant is None:
        raise Http404
    case = participant.case
    if case.is_restricted:
        access_log_record(
            request=request,
            user=user,
            case=case,
            action=AccessLog.Action.VIEW_RESTRICTED,
            detail="badge check",
        )
    return render(
        request,
        "printouts/badges/verify.html",
        {
            "participant": participant,
            "person": participant.person,
            "case": case,
            "current": case.status in CURRENT,
        },
    )
