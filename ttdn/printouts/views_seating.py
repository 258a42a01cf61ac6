"""The order of precedence and the seating plan of a case: the host officials' page, the guests'
ranks, the list and the plan as pages and as PDF. Whoever may see the case sees the list and the
plan; whoever may edit it (``abilities.edit``) sets the hosts and the ranks."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from ttdn.accounts.models import User
from ttdn.cases.errors import CaseError
from ttdn.cases.models import Case
from ttdn.cases.policy import case_abilities
from ttdn.cases.services.access import access_log_restricted_reads
from ttdn.cases.services.hosts import RankError, case_hosts_set, participants_rank
from ttdn.cases.views.decorators import case_view
from ttdn.cases.views.form_page import CaseFormPage
from ttdn.printouts.forms_seating import HostFormSet, RanksForm, host_initial
from ttdn.printouts.pdf import pdf_response
from ttdn.printouts.seating import guests_in_order, officials_among
from ttdn.printouts.seating_pdf import precedence_pdf, seating_context, seating_pdf
from ttdn.printouts.selectors_seating import case_hosts, case_participants

ANCHOR = "precedence"
HOSTS_PAGE = CaseFormPage(
    gettext_lazy("Host officials"),
    gettext_lazy("Save the host officials"),
    anchor=ANCHOR,
    ability="edit",
    intro=gettext_lazy(
        "The Vietnamese officials who receive the guests, in order of precedence: 1 is the head of "
        "the host side. Changing them does not send the case back to the police."
    ),
)
RANKS_PAGE = CaseFormPage(
    gettext_lazy("Set the order of the guests"),
    gettext_lazy("Save the order"),
    anchor=ANCHOR,
    ability="edit",
    intro=gettext_lazy(
        "1 is the head of the delegation; each rank once. Guests left empty come after the ranked "
        "(heads of delegation first, then in the order entered). Interpreters are listed apart and "
        "sit behind their head. Vietnamese officials among the participants sit on the host side, "
        "after the host officials of the same rank. A rank does not send the case back to the police."
    ),
)


@require_http_methods(["GET", "POST"])
@case_view(anchor=ANCHOR)
def hosts_edit(request: HttpRequest, user: User, case: Case) -> HttpResponse:
    HOSTS_PAGE.refuse_unless_able(user=user, case=case)
    hosts = case_hosts(case)
    formset = HostFormSet(
        request.POST if request.method == "POST" else None, prefix="hosts", initial=host_initial(hosts)
    )
    if request.method == "POST" and formset.is_valid():
        try:
            case_hosts_set(actor=user, case=case, hosts=formset.rows())
        except RankError as error:
            formset.add_rank_error(error)
        except CaseError as error:  # refused by the model's rules: beside the rows, nothing lost
            formset.add_case_error(error)
        else:
            messages.success(request, _("The host officials were saved."))
            return redirect(HOSTS_PAGE.back_url(case))
    return render(
        request,
        "printouts/seating/hosts_form.html",
        {"case": case, "page": HOSTS_PAGE, "back": HOSTS_PAGE.back_url(case), "formset": formset},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
@case_view(anchor=ANCHOR)
def ranks_edit(request: HttpRequest, user: User, case: Case) -> HttpResponse:
    RANKS_PAGE.refuse_unless_able(user=user, case=case)
    everyone = case_participants(case)
    # The guests in their order now, the Vietnamese officials (host side) and interpreters after them.
    participants = (
        guests_in_order(everyone)
        + officials_among(everyone)
        + [p for p in everyone if p.role == p.Role.INTERPRETER]
    )
    form = RANKS_PAGE.form(request, RanksForm, participants=participants)
    if form.is_valid():
        try:
            participants_rank(actor=user, case=case, ranks=form.ranks())
        except RankError as error:
            form.add_rank_error(error)
        else:
            messages.success(request, _("The order of the guests was saved."))
            return redirect(f"{case.get_absolute_url()}#{ANCHOR}")
    response = RANKS_PAGE.render(request, case=case, form=form)
    if form.errors:
        response.status_code = 400
    return response


@require_GET
@case_view()
def precedence_page(request: HttpRequest, user: User, case: Case) -> HttpResponse:
    access_log_restricted_reads(request=request, user=user, cases=[case], detail="order of precedence page")
    context = {**seating_context(case), "abilities": case_abilities(user=user, case=case)}
    return render(request, "printouts/seating/precedence.html", context)


@require_GET
@case_view()
def precedence_pdf_view(request: HttpRequest, user: User, case: Case) -> HttpResponse:
    access_log_restricted_reads(request=request, user=user, cases=[case], detail="order of precedence")
    return pdf_response(precedence_pdf(case), f"{case.reference}-precedence.pdf")


@require_GET
@case_view()
def seating_page(request: HttpRequest, user: User, case: Case) -> HttpResponse:
    access_log_restricted_reads(request=request, user=user, cases=[case], detail="seating plan page")
    context = {
        **seating_context(case, entrance=request.GET.get("entrance", "")),
        "abilities": case_abilities(user=user, case=case),
    }
    return render(request, "printouts/seating/seating.html", context)


@require_GET
@case_view()
def seating_pdf_view(request: HttpRequest, user: User, case: Case) -> HttpResponse:
    access_log_restricted_reads(request=request, user=user, cases=[case], detail="seating plan")
    content = seating_pdf(case, entrance=request.GET.get("entrance", ""))
    return pdf_response(content, f"{case.reference}-seating.pdf")
