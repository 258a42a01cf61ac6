"""The printed programme for the guests, as PDF: in their language, or bilingual."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from ttdn.accounts.models import User
from ttdn.cases.models import Case
from ttdn.cases.policy import may_print
from ttdn.cases.services.access import access_log_restricted_reads
from ttdn.cases.views.decorators import case_view, refuse
from ttdn.printouts.pdf import pdf_response, render_pdf
from ttdn.printouts.programme import programme_printout


def _programme_pdf(request: HttpRequest, user: User, case: Case, *, bilingual: bool) -> HttpResponse:
    refuse(may_print(user=user, case=case))
    access_log_restricted_reads(
        request=request,
        user=user,
        cases=[case],
        detail="programme print-out for guests" + (" (bilingual)" if bilingual else ""),
    )
    printout = programme_printout(case=case, bilingual=bilingual)
    pdf = render_pdf(
        "printouts/programme.html", {"case": case, "printout": printout}, language=case.guest_language
    )
    suffix = "song-ngu" if bilingual else case.guest_language
    return pdf_response(pdf, f"{case.reference}-chuong-trinh-{suffix}.pdf")


@require_GET
@case_view(anchor="programme")
def programme_pdf(request: HttpRequest, user: User, case: Case) -> HttpResponse:
    """The programme in the guests' language (``Case.guest_language``)."""
    return _programme_pdf(request, user, case, bilingual=False)


@require_GET
@case_view(anchor="programme")
def programme_bilingual_pdf(request: HttpRequest, user: User, case: Case) -> HttpResponse:
    """Vietnamese and the guests' language side by side."""
    return _programme_pdf(request, user, case, bilingual=True)
